/*
 * output.h: writing the site. Files go into a fresh folder beside the
 * output folder; only a build that finished swaps it in, so a failed build
 * leaves the previous site as it was.
 */
#ifndef GONGKAI_OUTPUT_H
#define GONGKAI_OUTPUT_H

#include <stddef.h>

struct diags;
struct out;

/* Prepares a temporary folder beside dir. NULL after adding an error. */
struct out *out_begin(const char *dir, const char *const *allow, size_t nallow, struct diags *d);
/*
 * Writes relpath (inside the site; no "..", no leading '/') with data.
 * Personal numbers are masked on the way out, whatever file it is. 0 or -1.
 */
int out_put(struct out *o, const char *relpath, const char *data, size_t len);
/* Copies a file from the source tree into relpath, unchanged. 0 or -1. */
int out_copy(struct out *o, const char *from, const char *relpath);
/* Swaps the new folder in (ok) or throws it away (!ok). 0 or -1. Frees o. */
int out_end(struct out *o, int ok);
/* Files written so far. */
size_t out_count(const struct out *o);

#endif
