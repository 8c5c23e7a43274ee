/*
 * fuzz_privacy: the personal-number scanner and masker. Hits are sorted,
 * disjoint and inside the text; masking keeps the length of ASCII digits;
 * and the masked text has nothing left to find.
 */
#include "fuzz.h"
#include "privacy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const allow[] = { "0871-6512 3456", "13800000000" };
	const char *s = (const char *)data;
	struct pii_hit *hits = NULL;
	size_t n, outlen = 0, again = 7, outlen2 = 0;
	char *m2;
	char *masked;

	if (size > 256 * 1024)
		return 0;
	n = privacy_scan(s, size, allow, size & 1 ? 2 : 0, &hits);
	for (size_t i = 0; i < n; i++) {
		FZ_ASSERT(hits[i].len > 0 && hits[i].off + hits[i].len <= size);
		FZ_ASSERT(i == 0 || hits[i - 1].off + hits[i - 1].len <= hits[i].off);
		FZ_ASSERT(pii_kind_name(hits[i].kind) != NULL);
	}
	masked = privacy_mask(s, size, hits, n, &outlen);
	FZ_ASSERT(masked != NULL && masked[outlen] == '\0');
	FZ_ASSERT(outlen <= size);
	/*
	 * Nothing full is left: a rescan may only find a grouped number made of
	 * the kept tail of a masked number and the groups after it (masking is
	 * not idempotent there, but nothing of the original leaks). Groups of
	 * four read as a card, or, 4-4-4-4-2, as an 18-digit ID whose date and
	 * check digit happen to hold; either way the hit spans a group separator
	 * and touches a '*' (or a separator next to one).
	 */
	free(hits);
	hits = NULL;
	n = privacy_scan(masked, outlen, allow, size & 1 ? 2 : 0, &hits);
	for (size_t i = 0; i < n; i++) {
		size_t o = hits[i].off, e = o + hits[i].len;
		FZ_ASSERT(hits[i].kind == PII_BANK || hits[i].kind == PII_ID18);
		FZ_ASSERT(memchr(masked + o, ' ', hits[i].len) != NULL);
		FZ_ASSERT((o > 0 && masked[o - 1] == '*') || (e < outlen && masked[e] == '*') ||
		    (o > 1 && masked[o - 1] == ' ' && masked[o - 2] == '*') ||
		    (e + 1 < outlen && masked[e] == ' ' && masked[e + 1] == '*'));
	}
	free(masked);
	free(hits);
	/* a NUL inside the text is just a separator */
	m2 = privacy_mask_all(s, size, NULL, 0, &outlen2, &again);
	FZ_ASSERT((m2 == NULL) == (again == 0));
	free(m2);
	return 0;
}
