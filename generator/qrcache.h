/*
 * qrcache.h: QR codes kept between builds (issue 21).
 *
 * A code's modules depend on the text it encodes alone (and on the code
 * that draws them: this gongkai binary and the libqrencode it runs with),
 * and drawing them was a fifth of a build. The cache keeps each text's path
 * data in .gongkai-cache/<output>.qr and hands it back for the same text,
 * compared whole (not only by its hash), so a cached build writes the same
 * bytes as a clean one. The file is sealed and names the binary and the
 * library; a file cut short, changed, or made by another binary or
 * library is ignored whole, and the codes are drawn again.
 */
#ifndef GONGKAI_QRCACHE_H
#define GONGKAI_QRCACHE_H

#include <stddef.h>

struct qrcache;

/* The codes kept in file path; empty when it is missing or not to be trusted. Never NULL. */
struct qrcache *qrcache_load(const char *path);
/*
 * qr_svg(text, label, id) through the cache c (NULL: no cache). Returns
 * the <svg> element (caller frees) or NULL when text cannot be encoded.
 * Safe to call from several threads at once.
 */
char *qrcache_svg(struct qrcache *c, const char *text, const char *label, const char *id);
/* Writes the codes used since qrcache_load to path, atomically (a failure leaves no file). */
void qrcache_save(const struct qrcache *c, const char *path);
/* Codes found in the cache, and drawn, since qrcache_load: for tests and -v. */
size_t qrcache_hits(const struct qrcache *c);
size_t qrcache_misses(const struct qrcache *c);
void qrcache_free(struct qrcache *c);

#endif
