/*
 * digest.h: disclosures.sha256 (digest.c), the SHA-256 of every published
 * disclosure's source with its address.
 */
#ifndef GONGKAI_DIGEST_H
#define GONGKAI_DIGEST_H

struct gen;

/* Writes disclosures.sha256 when the site publishes a disclosure. */
void digest_write(struct gen *g);
/* "disclosures.sha256": its path from the site root (static). */
const char *digest_file(void);

#endif
