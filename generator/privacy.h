/*
 * privacy.h: find unmasked personal numbers (身份证号, 手机号码, 银行卡号) in
 * UTF-8 text and mask them, so that no full number reaches a page, a feed,
 * the search index or the sitemap.
 *
 * The scanner is hand-written and runs in O(n): it splits the text into
 * maximal runs of digits (ASCII 0-9 and full-width ０-９), so a match can
 * never be part of a longer digit run, and classifies each run (or a chain
 * of 4-digit groups separated by single spaces, for bank cards).
 */
#ifndef GONGKAI_PRIVACY_H
#define GONGKAI_PRIVACY_H

#include <stddef.h>

enum pii_kind {
	PII_ID18,	/* 18-character 居民身份证号, GB 11643 check character */
	PII_ID15,	/* old 15-digit 身份证号 */
	PII_MOBILE,	/* mainland mobile, 1[3-9] + 9 digits */
	PII_BANK	/* bank card, 16-19 digits passing Luhn */
};

struct pii_hit {
	size_t		off;	/* byte offset of the first digit in the scanned text */
	size_t		len;	/* bytes up to and including the last digit or X */
	enum pii_kind	kind;
};

/*
 * Scans s[0..n) (need not be NUL-terminated). Numbers whose digits equal
 * the digits of an entry of allow[0..nallow) (separators ignored, so
 * "0871-6512 3456" allows 087165123456) are not reported. Returns the
 * number of hits; *hits is a malloc'd array sorted by offset, with no
 * overlaps (caller frees; NULL when there are none).
 */
size_t privacy_scan(const char *s, size_t n, const char *const *allow,
    size_t nallow, struct pii_hit **hits);

/*
 * Returns a malloc'd NUL-terminated copy of s[0..n) with every hit masked
 * (caller frees) and its length in *outlen (may be NULL). hits must be
 * sorted and disjoint, as privacy_scan returns them; hits that are not
 * are skipped. Each masked digit becomes one ASCII '*'; kept digits keep
 * their bytes, and the spaces of a grouped card are kept.
 */
char *privacy_mask(const char *s, size_t n, const struct pii_hit *hits,
    size_t nhits, size_t *outlen);

/*
 * Scan and mask in one call. Returns the masked copy (caller frees), or
 * NULL when nothing was found: then the caller keeps s. *outlen and
 * *nfound (either may be NULL) are set in both cases (0 when NULL).
 */
char *privacy_mask_all(const char *s, size_t n, const char *const *allow,
    size_t nallow, size_t *outlen, size_t *nfound);

/*
 * 0 when s[0..n) surely holds nothing privacy_scan would report (no chain
 * of 11 digits, ASCII or full-width, joined at most by single spaces or
 * hyphens); 1 when it may. Cheap: callers test it first.
 */
int privacy_may_hold(const char *s, size_t n);

/* The Chinese name of a kind for messages; a static string. */
const char *pii_kind_name(enum pii_kind k);

#endif
