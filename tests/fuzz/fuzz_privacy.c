/*
 * fuzz_privacy: the personal-number detector and masker (privacy.h).
 *
 * The first byte chooses how the text is read (its PII_* flags, whether an
 * allow list is used), the next two where it is cut into three glued
 * pieces; the rest is the text. Properties:
 *   - hits are sorted, inside their piece; spans sorted, disjoint, inside;
 *   - pii_mask_text's output is never longer than its input, and has
 *     nothing left to find (masking is idempotent), read alone and with
 *     PII_TAGS;
 *   - privacy_may_hold never calls clean a text with a hit;
 *   - the same over three glued pieces, through pii_detect and pii_apply.
 */
#include "fuzz.h"
#include "privacy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_result(const struct pii_result *r, const struct pii_seg *segs, size_t nsegs)
{
	for (size_t i = 0; i < r->nhits; i++) {
		const struct pii_hit *h = &r->hits[i];

		FZ_ASSERT(h->seg < nsegs);
		FZ_ASSERT(h->off < segs[h->seg].n);
		FZ_ASSERT(h->off + h->len <= segs[h->seg].n);
		FZ_ASSERT(nsegs > 1 || h->len > 0);
		FZ_ASSERT(h->kind == PII_ID18 || h->kind == PII_ID15 || h->kind == PII_MOBILE ||
		    h->kind == PII_BANK);
		FZ_ASSERT(memchr(h->shown, '\0', sizeof h->shown) != NULL);
		FZ_ASSERT(strchr(h->shown, '*') != NULL);
		FZ_ASSERT(i == 0 || h[-1].seg < h->seg || (h[-1].seg == h->seg && h[-1].off < h->off));
	}
	for (size_t i = 0; i < r->nspans; i++) {
		const struct pii_span *s = &r->spans[i];

		FZ_ASSERT(s->seg < nsegs && s->len > 0 && s->off + s->len <= segs[s->seg].n);
		FZ_ASSERT(i == 0 || s[-1].seg < s->seg ||
		    (s[-1].seg == s->seg && s[-1].off + s[-1].len <= s->off));
	}
	FZ_ASSERT(r->nhits == 0 || r->nspans > 0);
}

/* One text read with flags: hits, masking, its fixed point and the quick look. */
static void
one(const char *s, size_t n, unsigned flags, const struct pii_allow *a)
{
	struct pii_seg seg = { s, n, flags };
	struct pii_result r;
	size_t outlen = 7, nfound = 7, len2 = 7, nf2 = 7;
	char *m, *m2;

	pii_detect(&seg, 1, a, &r);
	check_result(&r, &seg, 1);
	if (r.nhits > 0)
		FZ_ASSERT(privacy_may_hold(s, n, flags));
	m = pii_mask_text(s, n, flags, a, &outlen, &nfound);
	FZ_ASSERT((m != NULL) == (r.nhits > 0));
	FZ_ASSERT(nfound == r.nhits);
	if (m != NULL) {
		FZ_ASSERT(outlen <= n);
		FZ_ASSERT(m[outlen] == '\0');
		m2 = pii_mask_text(m, outlen, flags, a, &len2, &nf2);
		FZ_ASSERT(m2 == NULL);	/* idempotent: nothing left to find */
		FZ_ASSERT(nf2 == 0);
	} else
		FZ_ASSERT(outlen == 0);
	free(m);
	pii_result_free(&r);
}

/* The text cut at a <= b into three glued pieces. */
static void
glued(const char *s, size_t n, size_t a, size_t b, unsigned flags, const struct pii_allow *al)
{
	struct pii_seg segs[3] = {
		{ s, a, flags }, { s + a, b - a, flags | PII_GLUE }, { s + b, n - b, flags | PII_GLUE },
	};
	struct pii_seg ms[3];
	char *keep[3] = { NULL, NULL, NULL };
	struct pii_result r, again;

	pii_detect(segs, 3, al, &r);
	check_result(&r, segs, 3);
	for (size_t i = 0; i < 3; i++) {
		size_t len = 7;

		ms[i] = segs[i];
		keep[i] = pii_apply(&r, i, segs[i].s, segs[i].n, &len);
		FZ_ASSERT(len <= segs[i].n);
		if (keep[i] != NULL) {
			FZ_ASSERT(keep[i][len] == '\0');
			ms[i].s = keep[i];
			ms[i].n = len;
		} else
			FZ_ASSERT(len == segs[i].n);
	}
	pii_detect(ms, 3, al, &again);
	FZ_ASSERT(again.nhits == 0);	/* the masked pieces hold nothing either */
	pii_result_free(&again);
	pii_result_free(&r);
	for (size_t i = 0; i < 3; i++)
		free(keep[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const allow_list[] = { "0871-6512 3456", "13800000000", "139 8765 4321" };
	static struct pii_allow *allow;
	const struct pii_allow *a;
	unsigned flags;
	size_t n, cut1, cut2;
	const char *s;
	char *m;
	size_t outlen = 0, found = 7;

	if (size < 3 || size > 64 * 1024)
		return 0;
	if (allow == NULL)
		allow = pii_allow_new(allow_list, 3);
	flags = data[0] & (PII_ENTITIES | PII_PERCENT | PII_TAGS | PII_TAGS_BREAK);
	a = (data[0] & 0x20) ? allow : NULL;
	s = (const char *)data + 3;
	n = size - 3;
	cut1 = n ? data[1] * n / 255 : 0;
	cut2 = n ? data[2] * n / 255 : 0;
	if (cut1 > cut2) {
		size_t t = cut1;

		cut1 = cut2;
		cut2 = t;
	}

	one(s, n, flags, a);
	one(s, n, flags | PII_TAGS, a);
	glued(s, n, cut1, cut2, flags, a);

	/* the string interface: a NUL inside the text is just a character */
	m = privacy_mask_all(s, n, a ? allow_list : NULL, a ? 3 : 0, &outlen, &found);
	FZ_ASSERT((m == NULL) == (found == 0));
	FZ_ASSERT(m == NULL || outlen <= n);
	free(m);
	return 0;
}
