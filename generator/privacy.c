/*
 * privacy.c: detect and mask 身份证号, mobile and bank card numbers.
 *
 * One pass collects the maximal digit runs of the text and copies their
 * digits, normalised to ASCII, into one buffer; a second pass classifies
 * runs. Because runs are maximal, "not part of a longer digit run" needs no
 * look-behind, and the whole scan is O(n) whatever the input.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "privacy.h"
#include "util.h"

/* A maximal run of digits in the text. */
struct pii_run {
	size_t	off, end;	/* bytes [off, end) hold only digits */
	size_t	dig;		/* index of its first digit in the digit buffer */
	size_t	ndig;		/* digits in the run */
	size_t	xlen;		/* bytes of an X/x check character right after it, else 0 */
};

/* Returns the byte length of the digit at s[i] (1 or 3) and sets *v, or 0. */
static size_t
pii_digit_at(const char *s, size_t n, size_t i, char *v)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[i] >= '0' && u[i] <= '9') {
		*v = (char)u[i];
		return 1;
	}
	/* U+FF10..U+FF19 is EF BC 90..99 in UTF-8. */
	if (u[i] == 0xef && i + 2 < n && u[i + 1] == 0xbc &&
	    u[i + 2] >= 0x90 && u[i + 2] <= 0x99) {
		*v = (char)('0' + (u[i + 2] - 0x90));
		return 3;
	}
	return 0;
}

/* Returns the byte length of an X or x (ASCII or full-width) at s[i], or 0. */
static size_t
pii_x_at(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i >= n)
		return 0;
	if (u[i] == 'X' || u[i] == 'x')
		return 1;
	/* U+FF38 Ｘ is EF BC B8, U+FF58 ｘ is EF BD 98. */
	if (u[i] == 0xef && i + 2 < n &&
	    ((u[i + 1] == 0xbc && u[i + 2] == 0xb8) ||
	    (u[i + 1] == 0xbd && u[i + 2] == 0x98)))
		return 3;
	return 0;
}

static int
pii_num(const char *d, int k)
{
	int v = 0;

	for (int i = 0; i < k; i++)
		v = v * 10 + (d[i] - '0');
	return v;
}

/* Is d[0..8) a real YYYYMMDD (or, with two, a YYMMDD read as 19YY) date? */
static int
pii_birth_ok(const char *d, int two)
{
	struct date dt;

	if (two) {
		dt.y = 1900 + pii_num(d, 2);
		d += 2;
	} else {
		dt.y = pii_num(d, 4);
		d += 4;
		if (dt.y < 1900 || dt.y > 2099)
			return 0;
	}
	dt.m = pii_num(d, 2);
	dt.d = pii_num(d + 2, 2);
	return date_valid(dt);
}

/*
 * GB 11643 / ISO 7064 MOD 11-2 over the first 17 digits; `check` is the
 * 18th character, '0'-'9' or 'X'.
 */
static int
pii_id18_ok(const char *d, char check)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char map[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
	int sum = 0;

	/* Area codes start at 11; a leading 0 is some other number. */
	if (d[0] == '0' || !pii_birth_ok(d + 6, 0))
		return 0;
	for (int i = 0; i < 17; i++)
		sum += (d[i] - '0') * w[i];
	return map[sum % 11] == check;
}

static int
pii_id15_ok(const char *d)
{
	return d[0] != '0' && pii_birth_ok(d + 6, 1);
}

static int
pii_luhn_ok(const char *d, size_t nd)
{
	int sum = 0;

	/*
	 * No issuer number starts with 0; refusing it keeps runs of zeros in a
	 * table (which pass Luhn) from being taken for cards.
	 */
	if (d[0] == '0')
		return 0;
	for (size_t i = 0; i < nd; i++) {
		int v = d[nd - 1 - i] - '0';

		if (i % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0;
}

/*
 * Classifies nd digits (an X check character follows when hasx). Returns
 * the kind, or -1. *usex says whether the X belongs to the number. The
 * order matters: an 18-digit ID also passing Luhn is an ID, not a card.
 */
static int
pii_classify(const char *d, size_t nd, int hasx, int *usex)
{
	*usex = 0;
	if (nd == 17 && hasx && pii_id18_ok(d, 'X')) {
		*usex = 1;
		return PII_ID18;
	}
	if (nd == 18 && pii_id18_ok(d, d[17]))
		return PII_ID18;
	if (nd >= 16 && nd <= 19 && pii_luhn_ok(d, nd))
		return PII_BANK;
	if (nd == 15 && pii_id15_ok(d))
		return PII_ID15;
	if (nd == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9')
		return PII_MOBILE;
	return -1;
}

/* Keeps only the ASCII and full-width digits of s; caller frees. */
static char *
pii_digits_only(const char *s)
{
	size_t n = strlen(s), k;
	char *o = xmalloc(n + 1), *p = o, v;

	for (size_t i = 0; i < n; i += k ? k : 1)
		if ((k = pii_digit_at(s, n, i, &v)) != 0)
			*p++ = v;
	*p = '\0';
	return o;
}

static int
pii_allowed(const char *d, size_t nd, char *const *allowd, size_t nallow)
{
	for (size_t i = 0; i < nallow; i++)
		if (strlen(allowd[i]) == nd && memcmp(allowd[i], d, nd) == 0)
			return 1;
	return 0;
}

/*
 * Tries a card written in groups of four separated by single spaces,
 * starting at run r: four groups of 4 (16 digits) or four of 4 and a fifth
 * of 1-3 (17-19). The longer reading is tried first. Returns the number of
 * runs used (4 or 5) and fills *h, or 0.
 */
static size_t
pii_grouped(const char *s, const struct pii_run *runs, size_t r, size_t nruns,
    const char *dig, struct pii_hit *h)
{
	size_t k, usable = 0;
	int usex;

	for (k = 0; k < 5 && r + k < nruns; k++) {
		const struct pii_run *g = &runs[r + k];

		if (k > 0 && (g->off != runs[r + k - 1].end + 1 ||
		    s[runs[r + k - 1].end] != ' '))
			break;
		if (k < 4 && g->ndig != 4)
			break;
		if (k == 4 && g->ndig > 3)
			break;
		usable = k + 1;
	}
	for (k = usable; k >= 4; k--) {
		const struct pii_run *last = &runs[r + k - 1];
		size_t nd = k == 5 ? 16 + last->ndig : 16;
		int kind = pii_classify(dig + runs[r].dig, nd, 0, &usex);

		if (kind >= 0) {
			h->off = runs[r].off;
			h->len = last->end - runs[r].off;
			h->kind = (enum pii_kind)kind;
			return k;
		}
	}
	return 0;
}

size_t
privacy_scan(const char *s, size_t n, const char *const *allow,
    size_t nallow, struct pii_hit **hits)
{
	struct pii_run *runs = NULL;
	struct pii_hit *hv = NULL, h;
	char *dig = NULL, **allowd = NULL, v;
	size_t nruns = 0, runcap = 0, ndig = 0, nh = 0, hcap = 0, i, k;

	*hits = NULL;
	if (n == 0)
		return 0;
	dig = xmalloc(n);
	allowd = xcalloc(nallow ? nallow : 1, sizeof *allowd);
	for (i = 0; i < nallow; i++)
		allowd[i] = pii_digits_only(allow[i]);

	/* Pass 1: maximal digit runs, digits normalised into dig. */
	for (i = 0; i < n; ) {
		struct pii_run *ru;

		if ((k = pii_digit_at(s, n, i, &v)) == 0) {
			i++;
			continue;
		}
		if (nruns == runcap) {
			runcap = runcap ? runcap * 2 : 16;
			runs = xrealloc(runs, runcap * sizeof *runs);
		}
		ru = &runs[nruns++];
		ru->off = i;
		ru->dig = ndig;
		do {
			dig[ndig++] = v;
			i += k;
		} while (i < n && (k = pii_digit_at(s, n, i, &v)) != 0);
		ru->end = i;
		ru->ndig = ndig - ru->dig;
		/* The X ends an ID only when no digit follows it. */
		ru->xlen = pii_x_at(s, n, i);
		if (ru->xlen && i + ru->xlen < n &&
		    pii_digit_at(s, n, i + ru->xlen, &v))
			ru->xlen = 0;
	}

	/* Pass 2: classify. Each run is looked at a bounded number of times. */
	for (size_t r = 0; r < nruns; ) {
		const struct pii_run *ru = &runs[r];
		size_t used = 0;
		int kind, usex;

		if (ru->ndig == 4)
			used = pii_grouped(s, runs, r, nruns, dig, &h);
		if (used == 0) {
			kind = pii_classify(dig + ru->dig, ru->ndig, ru->xlen != 0, &usex);
			if (kind >= 0) {
				h.off = ru->off;
				h.len = ru->end - ru->off + (usex ? ru->xlen : 0);
				h.kind = (enum pii_kind)kind;
				used = 1;
			}
		}
		if (used == 0) {
			r++;
			continue;
		}
		/* The digits of r .. r+used-1 are contiguous in dig. */
		if (!pii_allowed(dig + ru->dig,
		    runs[r + used - 1].dig + runs[r + used - 1].ndig - ru->dig,
		    allowd, nallow)) {
			if (nh == hcap) {
				hcap = hcap ? hcap * 2 : 8;
				hv = xrealloc(hv, hcap * sizeof *hv);
			}
			hv[nh++] = h;
		}
		r += used;
	}

	for (i = 0; i < nallow; i++)
		free(allowd[i]);
	free(allowd);
	free(dig);
	free(runs);
	*hits = hv;
	return nh;
}

/* Characters kept at the start of a masked number; the last 4 are kept too. */
static size_t
pii_keep_head(enum pii_kind k)
{
	return k == PII_MOBILE ? 3 : 4;
}

char *
privacy_mask(const char *s, size_t n, const struct pii_hit *hits,
    size_t nhits, size_t *outlen)
{
	struct sb b;
	size_t pos = 0, outn;
	char v;

	sb_init(&b);
	for (size_t h = 0; h < nhits; h++) {
		const struct pii_hit *hp = &hits[h];
		size_t end = hp->off + hp->len, units = 0, u = 0, i, k;
		size_t head = pii_keep_head(hp->kind), tail = 4;

		if (hp->off < pos || hp->len > n || hp->off > n - hp->len)
			continue;
		sb_add(&b, s + pos, hp->off - pos);
		/* Count the digit (or X) characters first, to know where the tail is. */
		for (i = hp->off; i < end; i += k) {
			k = pii_digit_at(s, n, i, &v);
			if (k == 0)
				k = pii_x_at(s, n, i);
			if (k != 0)
				units++;
			else
				k = 1;
		}
		for (i = hp->off; i < end; i += k) {
			k = pii_digit_at(s, n, i, &v);
			if (k == 0)
				k = pii_x_at(s, n, i);
			if (k == 0) {
				/* A group separator: kept as is. */
				sb_putc(&b, s[i]);
				k = 1;
				continue;
			}
			if (u < head || u + tail >= units)
				sb_add(&b, s + i, k);
			else
				sb_putc(&b, '*');
			u++;
		}
		pos = end;
	}
	sb_add(&b, s + pos, n - pos);
	outn = b.len;
	if (outlen != NULL)
		*outlen = outn;
	return sb_take(&b);
}

/*
 * A quick, conservative look before privacy_mask_all (13% of a build's
 * instructions when it ran on every file): every kind in privacy.h has at
 * least PII_MIN_DIGITS digits, ASCII or full-width, in one run or in groups
 * joined by single spaces. This counts digits in chains joined by any single
 * space or '-', a superset, so text it passes has nothing to mask. Keep
 * PII_MIN_DIGITS at or below the shortest kind privacy.c reports.
 */
#define PII_MIN_DIGITS 11

/*
 * Where the first ASCII digit or 0xef (a full-width digit's first byte) is
 * in u[i..n), or n. Sixteen bytes a step where the compiler has vector
 * types: this loop reads every byte a build writes (issue 7).
 */
static size_t
skip_plain(const unsigned char *u, size_t i, size_t n)
{
#if defined(__GNUC__)
	typedef unsigned char v16 __attribute__((vector_size(16)));
	typedef signed char m16 __attribute__((vector_size(16)));
	const v16 zero = { 0 }, nine = zero + 9, ef = zero + 0xef, c0 = zero + '0';

	for (; i + 16 <= n; i += 16) {
		v16 v;
		m16 hit;
		uint64_t lo, hi;

		memcpy(&v, u + i, 16);
		hit = (m16)((v - c0) <= nine) | (m16)(v == ef);
		memcpy(&lo, &hit, 8);
		memcpy(&hi, (char *)&hit + 8, 8);
		if (lo | hi)
			break;
	}
#endif
	while (i < n && (unsigned)(u[i] - '0') > 9u && u[i] != 0xef)
		i++;
	return i;
}

int
privacy_may_hold(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t chain = 0;
	int sep = 0;

	for (size_t i = 0; i < n; i++) {
		/* Outside a chain only a digit or a full-width digit's first byte matters. */
		if (chain == 0) {
			i = skip_plain(u, i, n);
			if (i == n)
				break;
		}
		if (u[i] >= '0' && u[i] <= '9')
			chain++, sep = 0;
		else if (u[i] == 0xef && i + 2 < n && u[i + 1] == 0xbc && u[i + 2] >= 0x90 && u[i + 2] <= 0x99)
			chain++, sep = 0, i += 2;
		else if ((u[i] == ' ' || u[i] == '-') && chain > 0 && !sep)
			sep = 1;
		else
			chain = 0, sep = 0;
		if (chain >= PII_MIN_DIGITS)
			return 1;
	}
	return 0;
}

char *
privacy_mask_all(const char *s, size_t n, const char *const *allow,
    size_t nallow, size_t *outlen, size_t *nfound)
{
	struct pii_hit *hits = NULL;
	size_t nh;
	char *out = NULL;

	nh = privacy_scan(s, n, allow, nallow, &hits);
	if (outlen != NULL)
		*outlen = 0;
	if (nh > 0)
		out = privacy_mask(s, n, hits, nh, outlen);
	if (nfound != NULL)
		*nfound = nh;
	free(hits);
	return out;
}

const char *
pii_kind_name(enum pii_kind k)
{
	switch (k) {
	case PII_ID18:
		return "身份证号";
	case PII_ID15:
		return "身份证号（15位）";
	case PII_MOBILE:
		return "手机号码";
	case PII_BANK:
		return "银行卡号";
	}
	return "个人号码";
}
