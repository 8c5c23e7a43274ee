/*
 * digest.c: disclosures.sha256, the tamper evidence of the 三公开 (issue 18).
 * One line per published disclosure: the SHA-256 (nettle) of its source
 * file as stored in content/, two spaces, and its address. Anyone holding a
 * copy of the source (the village's, the town's) can check that the site
 * publishes what was signed; a changed file changes its line. Withdrawn and
 * internal records are not published, so they have no line. The about page
 * links the file (corepages.c).
 */
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "digest.h"
#include "gongkai.h"
#include "output.h"
#include "privacy.h"
#include "render.h"
#include "util.h"

#define DIGEST_FILE "disclosures.sha256"

/* The lowercase hex SHA-256 of the n bytes at p into hex (65 bytes). */
static void
sha256_hex(const char *p, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&c);
	sha256_update(&c, n, (const uint8_t *)p);
	sha256_digest(&c, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * sizeof d] = '\0';
}

/*
 * The hash of a source, at the end of b. A source that holds a personal
 * number is hashed as the site shows it, masked: the hash of the raw file
 * would let anyone try the 10,000 ways to fill a masked mobile against it.
 * A comment line says so.
 */
static void
hash_line(struct sb *b, const char *src, size_t len, const struct pii_allow *allow)
{
	char hex[2 * SHA256_DIGEST_SIZE + 1];
	size_t mlen, found = 0;
	char *masked = pii_mask_text(src, len, PII_TEXT, allow, &mlen, &found);

	if (masked != NULL && found > 0) {
		sb_puts(b, "# the next source holds personal numbers: hashed with them masked (*), as published\n");
		sha256_hex(masked, mlen, hex);
	} else
		sha256_hex(src, len, hex);
	free(masked);
	sb_puts(b, hex);
}

const char *
digest_file(void)
{
	return DIGEST_FILE;
}

void
digest_write(struct gen *g)
{
	struct model *m = g->m;
	struct sb b;
	size_t n = 0;

	if (g->failed)
		return;
	sb_init(&b);
	sb_puts(&b, "# SHA-256 of the source file of each published disclosure (三公开), and its address.\n"
	    "# Check a copy of a source file: sha256sum FILE, and compare with its line.\n");
	for (size_t i = 0; i < m->nrecs; i++) {	/* by content path: a stable order */
		struct record *r = m->recs[i];
		char *src;
		size_t len;

		if (r->kind != KIND_DISCLOSURES || !r->published || r->fm.root == NULL)
			continue;
		if ((src = model_record_source(r, g->d, &len)) == NULL) {
			g->failed = 1;
			break;
		}
		hash_line(&b, src, len, m->cfg->pii_allow);
		free(src);
		sb_printf(&b, "  %s%s\n", m->cfg->base_url, r->url);
		n++;
	}
	/*
	 * Written as it is: the masking on the way out would take a run of
	 * digits in a hash for a card number and break it. What else the file
	 * holds is fixed text and addresses, whose names check_names has
	 * refused any number in (privacy-name).
	 */
	if (!g->failed && n > 0) {
		if (out_put_raw(g->out, DIGEST_FILE, b.buf, b.len) < 0)
			g->failed = 1;
		sb_init(&b);	/* out_put_raw took the buffer */
	}
	sb_free(&b);
}
