/*
 * privacy.c: the detector behind the privacy gate (privacy.h).
 *
 * The text is read one character at a time, decoded as a reader would see
 * it (entities, percent escapes, markup skipped), and each character is
 * put in a class: a digit, an X, a separator, invisible, or anything else.
 * Digits joined by at most MAX_GAP separators make a chain of groups (the
 * "139", "5702", "3102" of "139-5702-3102"); anything else ends the chain.
 * Each chain is then read for numbers: a number is a run of whole groups,
 * tried longest first, so "139 5702 3102" is one mobile and a digit that
 * belongs to a longer run is never taken for the start of a number.
 * Everything is linear in the text: a chain keeps at most a bounded window
 * of groups (MAX_GROUPS), and a number has at most MAX_RUN digits.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/xmlversion.h>
#include <unistring/version.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "date.h"
#include "privacy.h"
#include "util.h"

enum pclass {
	PC_DIGIT,	/* any Unicode decimal digit */
	PC_X,		/* X or x (after NFKC): an ID's check character */
	PC_SPACE,	/* white space and line breaks */
	PC_DASH,	/* Unicode dashes, and '/' */
	PC_DOT,		/* . and what folds to it */
	PC_MIX,		/* brackets, + and the marks of Markdown emphasis */
	PC_SKIP,	/* invisible: default-ignorable code points, markup */
	PC_HARD		/* anything else ends a number */
};

/* The separators met between two groups, as a mask (1 << class). */
#define GAP_DOT		(1u << PC_DOT)
#define GAP_OTHER	((1u << PC_SPACE) | (1u << PC_DASH))
#define GAP_SEAM	(1u << 16)	/* the space that joins two blocks or table cells (PII_SPACED) */

#define MAX_GAP		3	/* separators between two groups of one number */
#define MAX_DIGITS	19	/* a card; 0086 and a mobile is 15 */
#define MAX_RUN		23	/* an office number (12 with its area code) glued to a mobile */
#define MOBILE_LEN	11
#define MAX_GROUPS	256	/* a chain's window; longer chains are read in parts */
#define CTX		12	/* code points before a number that may hold a card word */
#define UNIT_X		10	/* a cell's value for an X */

/* A digit or an X of the chain. */
struct pcell {
	size_t		 seg, off;
	uint32_t	 len;
	signed char	 val;	/* 0-9, or UNIT_X */
};

struct pgroup {
	size_t		 first;	/* its first cell */
	size_t		 ndig;	/* digits, not counting a closing X */
	int		 has_x;	/* an X closes it (its last cell) */
	unsigned	 gap;	/* separators before it (GAP_ mask) */
	int		 card;	/* a card word stood before the chain's first group */
	int		 letter;	/* a letter follows it at once: part of a code (统一社会信用代码) */
};

struct pii_allow {
	char	**num;		/* digits only */
	size_t	  n;
};

struct pscan {
	const struct pii_allow	*allow;
	struct pcell		*cells;
	size_t			 ncells, ccap;
	struct pgroup		*groups;
	size_t			 ng, gcap;
	int			 open;	/* the last group takes more digits */
	int			 xpend;	/* the last cell was an X closing its group */
	unsigned		 gap;	/* separators since the last digit */
	int			 gapn;
	int			 space;	/* the last character read was white space (a run, across glued pieces) */
	uint32_t		 ring[CTX];	/* the last code points that were not digits, a ring */
	size_t			 nring;	/* how many of them are kept */
	size_t			 rnext;	/* where the next goes in ring */
	struct pii_result	*out;
	size_t			 hcap, scap;
};

/* ---- reading characters -------------------------------------------- */

/* An entity at s[i] ('&'): its length and *cp, or 0. */
static size_t
dec_entity(const char *s, size_t n, size_t i, uint32_t *cp)
{
	size_t j = i + 1;
	uint32_t v = 0;

	if (j < n && s[j] == '#') {
		int hex = j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X'), d, any = 0;

		for (j += hex ? 2 : 1; j < n && (d = hex ? hex_value(s[j]) : (isdigit((unsigned char)s[j]) ? s[j] - '0' : -1)) >= 0; j++) {
			/* no code point has more digits: "&#4973957023102" is '&', '#' and digits to read */
			if (++any > (hex ? 6 : 7))
				return 0;
			v = v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (!any)
			return 0;
		/* browsers read "&#49" without its ';' too */
		if (j < n && s[j] == ';')
			j++;
		*cp = (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) ? 0xfffd : v;
		return j - i;
	}
	while (j < n && j - i < 33 && isalnum((unsigned char)s[j]))
		j++;
	if (j == i + 1 || j >= n || s[j] != ';')
		return 0;
	{
		char name[40];
		const htmlEntityDesc *e;

		memcpy(name, s + i + 1, j - i - 1);
		name[j - i - 1] = '\0';
		if ((e = htmlEntityLookup((const xmlChar *)name)) == NULL)
			return 0;
		*cp = e->value;
	}
	/*
	 * "&amp;#49;" is what a page shows as "&#49;", which the gate read as a
	 * digit (PII_TEXT decodes what is written): read the escaped form alike.
	 */
	if (*cp == '&' && j + 1 < n && (s[j + 1] == '#' || isalpha((unsigned char)s[j + 1]))) {
		char buf[48];
		size_t m = n - (j + 1) < sizeof buf - 2 ? n - (j + 1) : sizeof buf - 2, k;
		uint32_t inner;

		buf[0] = '&';
		memcpy(buf + 1, s + j + 1, m);
		if ((k = dec_entity(buf, m + 1, 0, &inner)) > 0 && inner != '&') {
			*cp = inner;
			return j + 1 - i + k - 1;
		}
	}
	return j + 1 - i;
}

/* Percent escapes at s[i] ('%') making one UTF-8 character: length and *cp, or 0. */
static size_t
dec_percent(const char *s, size_t n, size_t i, uint32_t *cp)
{
	uint8_t b[4];
	size_t k = 0, need = 1;

	while (k < need && i + 3 * k + 2 < n && s[i + 3 * k] == '%') {
		int h = hex_value(s[i + 3 * k + 1]), l = hex_value(s[i + 3 * k + 2]);

		if (h < 0 || l < 0)
			break;
		b[k] = (uint8_t)(h * 16 + l);
		if (k == 0)
			need = b[0] < 0x80 ? 1 : b[0] >= 0xf0 ? 4 : b[0] >= 0xe0 ? 3 : 2;
		k++;
	}
	if (k == 0)
		return 0;
	if (k < need || u8_mbtouc((ucs4_t *)cp, b, need) != (int)need)
		*cp = 0xfffd, k = 1;	/* not UTF-8: one replacement, as a browser shows it */
	/* "%13" in "50%13800…" is a percent sign, not an escape: leave its digits to be read */
	if (*cp < 0x20)
		return 0;
	return 3 * k;
}

/*
 * Where the ')' of a link target written out ("](…)" at s[i]) stands, or 0:
 * on the same line, before any markup, and near, as a target written in a
 * title or a code span is. Farther, the parenthesis is some other text's.
 * A '<' written "&lt;" stops it as '<' does: the gate reads the text, the
 * net the page's HTML, and both must find the same numbers (fuzz_gate).
 */
static size_t
mdlink_end(const char *s, size_t n, size_t i)
{
	for (size_t j = i + 2; j < n && j < i + 512; j++) {
		uint32_t cp = (unsigned char)s[j];

		if (s[j] == '&' && dec_entity(s, n, j, &cp) == 0)
			cp = '&';
		if (cp == ')')
			return s[j] == ')' ? j : 0;
		if (cp == '\n' || cp == '<' || cp == '>')
			return 0;
	}
	return 0;
}

/*
 * The character at s[i]: *cp and its length in bytes (at least 1). *tag is
 * set for markup (<…>) when flags ask for it.
 */
static size_t
dec_char(const char *s, size_t n, size_t i, unsigned flags, uint32_t *cp, int *tag)
{
	size_t k;
	ucs4_t u;

	*tag = 0;
	if (s[i] == '<' && (flags & (PII_TAGS | PII_TAGS_BREAK)) && i + 1 < n &&
	    (isalpha((unsigned char)s[i + 1]) || strchr("/!?", s[i + 1]) != NULL)) {
		const char *gt = memchr(s + i, '>', n - i);

		if (gt != NULL) {
			*tag = 1;
			*cp = '<';
			return (size_t)(gt - (s + i)) + 1;
		}
	}
	if (s[i] == ']' && (flags & PII_MDLINK) && i + 1 < n && s[i + 1] == '(') {
		size_t close = mdlink_end(s, n, i);

		if (close != 0) {
			*tag = 1;
			*cp = ']';
			return close - i + 1;
		}
	}
	if (s[i] == '&' && (flags & PII_ENTITIES) && (k = dec_entity(s, n, i, cp)) != 0)
		return k;
	if (s[i] == '%' && (flags & PII_PERCENT) && (k = dec_percent(s, n, i, cp)) != 0)
		return k;
	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	/* most of what is read is three-byte UTF-8 (CJK): decoded here, the rest by libunistring */
	if (((unsigned char)s[i] & 0xf0) == 0xe0 && i + 2 < n && ((unsigned char)s[i + 1] & 0xc0) == 0x80 &&
	    ((unsigned char)s[i + 2] & 0xc0) == 0x80 && (unsigned char)s[i] != 0xe0 && (unsigned char)s[i] != 0xed) {
		*cp = ((uint32_t)(s[i] & 0x0f) << 12) | ((uint32_t)(s[i + 1] & 0x3f) << 6) | (s[i + 2] & 0x3f);
		return 3;
	}
	k = (size_t)u8_mbtouc(&u, (const uint8_t *)s + i, n - i);
	*cp = u;
	return k ? k : 1;
}

static int
ascii_class(uint32_t c, int *val)
{
	switch (c) {
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		*val = (int)(c - '0');
		return PC_DIGIT;
	case 'X': case 'x':
		return PC_X;
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
		return PC_SPACE;
	case '-':
	case '/':	/* 139/5702/3102; a date (2024/06/12) is told apart as 2024-06-12 is */
		return PC_DASH;
	case '.':
		return PC_DOT;
	case '(': case ')': case '[': case ']': case '+': case '*': case '~': case '_': case '`':
		return PC_MIX;
	default:
		return PC_HARD;
	}
}

/* The class of a code point; *val is a digit's value. */
static int
char_class_uncached(uint32_t cp, int *val)
{
	uint32_t buf[8], *f;
	size_t len = 8;
	int cls = PC_HARD, v;

	if (cp < 0x80)
		return ascii_class(cp, val);
	/*
	 * Most of what is read is Chinese: ideographs first. The block of the
	 * common ones is all letters (Lo) without a lookup; the rest ask.
	 */
	if ((cp >= 0x4e00 && cp <= 0x9fff) || uc_is_general_category(cp, UC_CATEGORY_Lo))
		return PC_HARD;
	if ((v = uc_digit_value(cp)) >= 0) {
		*val = v;
		return PC_DIGIT;
	}
	/* invisible, or a mark drawn on the digit before it (1́, the keycap of 1️⃣) */
	if (uc_is_property_default_ignorable_code_point(cp) || uc_is_general_category(cp, UC_CATEGORY_M))
		return PC_SKIP;
	/* middle dots written between groups (139·5702·3102, 139・5702・3102) */
	if (cp == 0xb7 || cp == 0x30fb || cp == 0x2027 || cp == 0x2022 || cp == 0x2219)
		return PC_DOT;
	if (uc_is_property_white_space(cp))
		return PC_SPACE;
	if (uc_is_property_dash(cp))
		return PC_DASH;
	if (uc_is_general_category(cp, UC_CATEGORY_Ps) || uc_is_general_category(cp, UC_CATEGORY_Pe))
		return PC_MIX;
	/* full-width and other compatibility forms: Ｘ, ．, ＋ … (digits are not folded: ① is a list mark) */
	f = u32_normalize(UNINORM_NFKC, &cp, 1, buf, &len);
	if (f != NULL && len == 1 && f[0] < 0x80 && !(f[0] >= '0' && f[0] <= '9'))
		cls = ascii_class(f[0], val);
	if (f != NULL && f != buf)
		free(f);
	return cls;
}

/*
 * char_class with a small cache per thread: Chinese text repeats the same
 * few hundred punctuation marks and letters, and each first look asks
 * libunistring (a compatibility decomposition among others).
 */
#define CLASS_CACHE 1024

static int
char_class(uint32_t cp, int *val)
{
	static _Thread_local struct {
		uint32_t	 cp;
		signed char	 cls, val;
	} cache[CLASS_CACHE];
	unsigned h = (cp ^ (cp >> 10)) % CLASS_CACHE;

	if (cp < 0x80)
		return ascii_class(cp, val);
	if (cache[h].cp != cp || cache[h].cls == 0) {
		int v = 0, c = char_class_uncached(cp, &v);

		cache[h].cp = cp;
		cache[h].cls = (signed char)(c + 1);	/* 0 marks an empty slot */
		cache[h].val = (signed char)v;
	}
	*val = cache[h].val;
	return cache[h].cls - 1;
}

/* ---- what a run of digits is ---------------------------------------- */

static int
num(const char *d, int k)
{
	int v = 0;

	for (int i = 0; i < k; i++)
		v = v * 10 + (d[i] - '0');
	return v;
}

/* GB/T 2260: the first two digits of a region code, the provinces. */
static int
province_ok(const char *d)
{
	int p = num(d, 2);

	return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
	    (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) ||
	    p == 71 || (p >= 81 && p <= 83);
}

/* Is d[0..8) a real YYYYMMDD date (or, with two, YYMMDD read as 19YY)? */
static int
birth_ok(const char *d, int two)
{
	struct date dt;

	if (two) {
		dt.y = 1900 + num(d, 2);
		d += 2;
	} else {
		dt.y = num(d, 4);
		d += 4;
		if (dt.y < 1900 || dt.y > 2099)
			return 0;
	}
	dt.m = num(d, 2);
	dt.d = num(d + 2, 2);
	return date_valid(dt);
}

/* GB 11643 / ISO 7064 MOD 11-2 over the first 17 digits. */
static int
id18_check_ok(const char *d, char check)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char map[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (d[i] - '0') * w[i];
	return map[sum % 11] == check;
}

static int
luhn_ok(const char *d, size_t nd)
{
	int sum = 0;

	for (size_t i = 0; i < nd; i++) {
		int v = d[nd - 1 - i] - '0';

		if (i % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0;
}

/*
 * A card by its issuer prefix: UnionPay (62) at any length, and the
 * international schemes Chinese banks issue at theirs. 9 and 5[1-3] at 18
 * digits are left out on purpose: they begin 统一社会信用代码.
 */
static int
card_prefix(const char *d, size_t nd)
{
	int two = num(d, 2);

	return two == 62 || (d[0] == '4' && (nd == 16 || nd == 19)) ||
	    (nd == 16 && ((two >= 51 && two <= 55) || two == 35 || two == 60 || two == 65));
}

static int
mobile_ok(const char *d)
{
	return d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

struct pnum {
	enum pii_kind	 kind;
	int		 bad;		/* check character or Luhn digit wrong */
	int		 usex;		/* the closing X belongs to it */
	size_t		 skip;		/* leading digits that are not its own (+86) */
};

/* Classifies digits d[0..nd) (an X follows when hasx). Returns 1 and fills *p. */
static int
classify(const char *d, size_t nd, int hasx, int card, int joined, struct pnum *p)
{
	memset(p, 0, sizeof *p);
	if (nd == 17 && hasx && province_ok(d) && birth_ok(d + 6, 0)) {
		p->kind = PII_ID18;
		p->usex = 1;
		p->bad = !id18_check_ok(d, 'X');
		return 1;
	}
	if (nd == 18 && province_ok(d) && birth_ok(d + 6, 0)) {
		p->kind = PII_ID18;
		p->bad = !id18_check_ok(d, d[17]);
		return 1;
	}
	/*
	 * Luhn alone makes a card only of one run of 16, 17 or 19 digits: one
	 * in ten of any digits pass it, and lists of years or postcodes, or an
	 * all-digit 统一社会信用代码 (18), are not cards.
	 */
	if (nd >= 16 && nd <= 19 && d[0] != '0' &&
	    ((luhn_ok(d, nd) && !joined && nd != 18) || card_prefix(d, nd) || card)) {
		p->kind = PII_BANK;
		p->bad = !luhn_ok(d, nd);
		return 1;
	}
	if (nd == 15 && province_ok(d) && birth_ok(d + 6, 1)) {
		p->kind = PII_ID15;
		return 1;
	}
	if (nd == 11 && mobile_ok(d)) {
		p->kind = PII_MOBILE;
		return 1;
	}
	if ((nd == 13 && memcmp(d, "86", 2) == 0 && mobile_ok(d + 2)) ||
	    (nd == 15 && memcmp(d, "0086", 4) == 0 && mobile_ok(d + 4))) {
		p->kind = PII_MOBILE;
		p->skip = nd - 11;
		return 1;
	}
	return 0;
}

static int
allowed(const struct pii_allow *a, const char *d, size_t nd)
{
	for (size_t i = 0; a != NULL && i < a->n; i++)
		if (strlen(a->num[i]) == nd && memcmp(a->num[i], d, nd) == 0)
			return 1;
	return 0;
}

/* ---- chains ---------------------------------------------------------- */

/*
 * May the one-digit groups among i..j be part of one number? A list
 * ("1 3 5 7 9 11 13", "第 1 2 … 10 11 页") mixes one-digit groups with
 * longer ones, and a table row of counts ("| 3 | 5 | 1 |") is one digit a
 * cell. A number is written one digit at a time ("1 3 9 5 7 0 2 3 1 0 2",
 * as copied from the boxes of a form) all through, in one block; and the
 * last group of one may be short: the check character of an ID written
 * 4-4-4-4-2 ("… 3100 2X"), or the tail after groups of three or more
 * ("139 5702 310 2"); and one digit typed apart from the ten or more of
 * the rest, first or last ("1 3957023102", "1395702310 2"), is a slip.
 */
static int
singles_ok(const struct pscan *p, size_t i, size_t j)
{
	size_t singles = 0, longer = 0;

	for (size_t k = i; k <= j; k++) {
		if (k > i && (p->groups[k].gap & GAP_SEAM) && p->groups[k].ndig < 2)
			return 0;
		if (p->groups[k].ndig < 2)
			singles++;
		else if (p->groups[k].ndig >= 3 && k < j)
			longer++;
	}
	if (singles == 0 || singles == j - i + 1)
		return 1;
	if (j - i == 1 && singles == 1 && p->groups[i].ndig + p->groups[j].ndig >= 11)
		return 1;
	if (singles > 1 || p->groups[j].ndig >= 2)
		return 0;
	if (p->groups[j].has_x)
		return 1;
	return j - i >= 2 && longer == j - i;
}

/* Are groups i..j one written number, by their separators and shape? */
static int
groups_join(const struct pscan *p, size_t i, size_t j)
{
	unsigned seps = 0;
	int small = 1, ones = 1;

	for (size_t k = i; k <= j; k++) {
		small &= p->groups[k].ndig <= 3;
		ones &= p->groups[k].ndig == 1;
	}
	if (!singles_ok(p, i, j))
		return 0;
	/* four groups of at most three digits between dots are an address (139.57.123.102) */
	if (small && j - i == 3 && p->groups[i + 1].gap == GAP_DOT &&
	    p->groups[i + 2].gap == GAP_DOT && p->groups[j].gap == GAP_DOT)
		return 0;
	/*
	 * After a decimal point, one or two digits are fen, not the end of a
	 * number; but not after a number written one digit at a time between
	 * dots ("1.3.9.5.7.0.2.3.1.0.2"), which no amount is.
	 */
	if ((p->groups[j].gap & GAP_DOT) && p->groups[j].ndig <= 2 && !ones)
		return 0;
	for (size_t k = i; k < j; k++) {
		const struct pgroup *g = &p->groups[k], *h = &p->groups[k + 1];

		if (g->has_x)
			return 0;	/* an X closes a number */
		seps |= h->gap;
		/* a year and a month (2024-06, 2024.06.12) are a date */
		if (g->ndig == 4 && h->ndig >= 1 && h->ndig <= 2) {
			const struct pcell *c = &p->cells[g->first], *e = &p->cells[h->first];
			int y = c[0].val * 1000 + c[1].val * 100 + c[2].val * 10 + c[3].val;
			int m = h->ndig == 2 ? e[0].val * 10 + e[1].val : e[0].val;

			if (y >= 1900 && y <= 2099 && m >= 1 && m <= 12)
				return 0;
		}
	}
	/* decimal points mixed with spaces or dashes are amounts side by side */
	return !((seps & GAP_DOT) && (seps & GAP_OTHER));
}

static void
add_hit(struct pscan *p, const struct pii_hit *h)
{
	struct pii_result *r = p->out;

	if (r->nhits == p->hcap) {
		p->hcap = p->hcap ? p->hcap * 2 : 8;
		r->hits = xrealloc(r->hits, p->hcap * sizeof *r->hits);
	}
	r->hits[r->nhits++] = *h;
}

static void
add_span(struct pscan *p, const struct pcell *c)
{
	struct pii_result *r = p->out;

	if (r->nspans == p->scap) {
		p->scap = p->scap ? p->scap * 2 : 32;
		r->spans = xrealloc(r->spans, p->scap * sizeof *r->spans);
	}
	r->spans[r->nspans].seg = c->seg;
	r->spans[r->nspans].off = c->off;
	r->spans[r->nspans].len = c->len;
	r->nspans++;
}

/* Characters kept at the start of a masked number; the last 4 are kept too. */
static size_t
keep_head(enum pii_kind k)
{
	return k == PII_MOBILE ? 3 : 4;
}

/* Hides the number made of cells c[0..nc) and reports it. */
static void
emit(struct pscan *p, const struct pcell *c, size_t nc, const struct pnum *pn)
{
	struct pii_hit h;
	size_t head = keep_head(pn->kind), k = 0;

	memset(&h, 0, sizeof h);
	h.seg = c[0].seg;
	h.off = c[0].off;
	h.len = c[nc - 1].seg == c[0].seg ? c[nc - 1].off + c[nc - 1].len - c[0].off : 0;
	h.kind = pn->kind;
	h.bad_check = pn->bad;
	for (size_t i = 0; i < nc; i++) {
		int hide = i >= head && i + 4 < nc;

		if (hide)
			add_span(p, &c[i]);
		if (k + 1 < sizeof h.shown)
			h.shown[k++] = hide ? '*' : c[i].val == UNIT_X ? 'X' : (char)('0' + c[i].val);
	}
	add_hit(p, &h);
}

/*
 * Could d[0..k) stand glued to a mobile as another number a clerk writes
 * beside it: an office number with its area code (0 and 9 to 11 digits),
 * a number privacy_allow lets through, or a second mobile?
 */
static int
glued_ok(const struct pii_allow *a, const char *d, size_t k)
{
	return (k >= 10 && k <= 12 && d[0] == '0') || (k == MOBILE_LEN && mobile_ok(d)) || allowed(a, d, k);
}

/* Emits the mobile at digit `at` of the number that starts at cell first (none when allowed). */
static void
emit_mobile(struct pscan *p, size_t first, const char *d, size_t at)
{
	struct pnum pn;

	if (allowed(p->allow, d + at, MOBILE_LEN))
		return;
	memset(&pn, 0, sizeof pn);
	pn.kind = PII_MOBILE;
	emit(p, p->cells + first + at, MOBILE_LEN, &pn);
}

/*
 * Digits d[0..nd) that are no number may be a mobile glued to an office
 * number, before or after it ("0571888888813957023102", a separator
 * forgotten), or two mobiles glued: the mobiles are emitted (1), so that no
 * full mobile is published, nor becomes a tel: link, inside a longer run.
 */
static int
try_glued(struct pscan *p, size_t first, const char *d, size_t nd)
{
	size_t rest = nd - MOBILE_LEN;

	if (nd <= MOBILE_LEN || nd > MAX_RUN)
		return 0;
	if (mobile_ok(d) && glued_ok(p->allow, d + MOBILE_LEN, rest)) {
		emit_mobile(p, first, d, 0);
		if (rest == MOBILE_LEN && mobile_ok(d + MOBILE_LEN))
			emit_mobile(p, first, d, MOBILE_LEN);
		return 1;
	}
	if (mobile_ok(d + rest) && glued_ok(p->allow, d, rest)) {
		emit_mobile(p, first, d, rest);
		return 1;
	}
	return 0;
}

/* Tries groups i..j as one number; 1 when it was one (and was emitted). */
static int
try_number(struct pscan *p, size_t i, size_t j)
{
	const struct pgroup *last = &p->groups[j];
	char d[MAX_RUN + 1];
	size_t nd = 0, first = p->groups[i].first;
	struct pnum pn;

	if (j > i && !groups_join(p, i, j))
		return 0;
	for (size_t k = i; k <= j; k++) {
		const struct pgroup *g = &p->groups[k];

		for (size_t c = 0; c < g->ndig; c++)
			d[nd++] = (char)('0' + p->cells[g->first + c].val);
	}
	if (!classify(d, nd, last->has_x, p->groups[i].card, j > i, &pn) &&
	    !(last->has_x && classify(d, nd, 0, p->groups[i].card, j > i, &pn)))
		return try_glued(p, first, d, nd);
	/* digits run into letters: a code such as 12532901015123418M, not a card */
	if (pn.kind == PII_BANK && last->letter && !last->has_x)
		return 0;
	if (allowed(p->allow, d + pn.skip, nd - pn.skip) || allowed(p->allow, d, nd))
		return 1;	/* an office phone: not a person's, and not to be read again */
	emit(p, p->cells + first + pn.skip, nd - pn.skip + (pn.usex ? 1 : 0), &pn);
	return 1;
}

/* Reads the numbers that start at groups from..limit-1. Returns where reading stopped. */
static size_t
read_groups(struct pscan *p, size_t from, size_t limit)
{
	size_t i = from;

	while (i < limit) {
		size_t j, tot = 0, jmax = i, found = 0;

		for (j = i; j < p->ng && (tot += p->groups[j].ndig) <= MAX_RUN; j++)
			jmax = j;
		if (p->groups[i].ndig > MAX_RUN) {
			i++;
			continue;
		}
		/* a number written whole is whole: "13957023102 8001" is a mobile and a number */
		if (try_number(p, i, i)) {
			i++;
			continue;
		}
		for (j = jmax + 1; j-- > i;)
			if (try_number(p, i, j)) {
				found = 1;
				break;
			}
		i = found ? j + 1 : i + 1;
	}
	return i;
}

static void
chain_end(struct pscan *p)
{
	if (p->ng > 0)
		read_groups(p, 0, p->ng);
	p->ng = p->ncells = 0;
	p->open = p->xpend = 0;
	p->gap = 0;
	p->gapn = 0;
}

/* A long chain: read all but its last groups, and keep those as the start of the rest. */
static void
chain_trim(struct pscan *p)
{
	size_t at = read_groups(p, 0, p->ng - MAX_RUN), base;

	if (at >= p->ng) {
		chain_end(p);
		return;
	}
	base = p->groups[at].first;
	memmove(p->cells, p->cells + base, (p->ncells - base) * sizeof *p->cells);
	p->ncells -= base;
	memmove(p->groups, p->groups + at, (p->ng - at) * sizeof *p->groups);
	p->ng -= at;
	for (size_t k = 0; k < p->ng; k++)
		p->groups[k].first -= base;
}

/* Called for nearly every character read: a ring, not a shift of the window. */
static void
ring_push(struct pscan *p, uint32_t cp)
{
	p->ring[p->rnext] = cp;
	p->rnext = p->rnext + 1 == CTX ? 0 : p->rnext + 1;
	if (p->nring < CTX)
		p->nring++;
}

/* Did a card word (卡号, 银行卡, 账号 …) stand just before? */
static int
card_word(const struct pscan *p)
{
	static const char *const words[] = { "卡号", "银行卡", "账号", "帐号", "账户", "帐户", "存折", "一卡通", "社保卡", NULL };
	struct sb b;
	int found = 0;

	if (p->nring == 0)
		return 0;
	sb_init(&b);
	for (size_t i = CTX - p->nring; i < CTX; i++)
		utf8_encode(&b, p->ring[(p->rnext + i) % CTX]);
	for (size_t i = 0; words[i] && !found; i++)
		found = strstr(sb_str(&b), words[i]) != NULL;
	sb_free(&b);
	return found;
}

static struct pcell *
new_cell(struct pscan *p)
{
	if (p->ncells == p->ccap) {
		p->ccap = p->ccap ? p->ccap * 2 : 64;
		p->cells = xrealloc(p->cells, p->ccap * sizeof *p->cells);
	}
	return &p->cells[p->ncells++];
}

static void
feed_digit(struct pscan *p, size_t seg, size_t off, size_t len, int val)
{
	struct pgroup *g;
	struct pcell *c;

	if (p->xpend) {
		/* "X1": the X was a letter, not a check character */
		p->groups[p->ng - 1].has_x = 0;
		p->ncells--;
		chain_end(p);
		ring_push(p, 'X');
	}
	if (!p->open) {
		if (p->ng == MAX_GROUPS)
			chain_trim(p);
		if (p->ng == p->gcap) {
			p->gcap = p->gcap ? p->gcap * 2 : 16;
			p->groups = xrealloc(p->groups, p->gcap * sizeof *p->groups);
		}
		g = &p->groups[p->ng];
		g->first = p->ncells;
		g->ndig = 0;
		g->has_x = 0;
		g->gap = p->ng ? p->gap : 0;
		g->card = p->ng ? p->groups[0].card : card_word(p);
		g->letter = 0;
		p->ng++;
		p->open = 1;
	}
	g = &p->groups[p->ng - 1];
	/* a run longer than any number is counted, not kept */
	if (g->ndig++ <= MAX_RUN) {
		c = new_cell(p);
		c->seg = seg;
		c->off = off;
		c->len = (uint32_t)len;
		c->val = (signed char)val;
	}
	p->gap = 0;
	p->gapn = 0;
}

static void
feed(struct pscan *p, size_t seg, size_t off, size_t len, uint32_t cp, int cls, int val)
{
	switch (cls) {
	case PC_DIGIT:
		feed_digit(p, seg, off, len, val);
		/* the card-word window counts characters, digits too: a word before one number is not another's */
		ring_push(p, '0');
		return;
	case PC_X:
		/* the check character, glued or typed apart after one space ("002 X", "0 0 2 X") */
		if ((p->open || (p->ng > 0 && p->gapn == 1 && p->gap == (1u << PC_SPACE))) &&
		    !p->xpend && !p->groups[p->ng - 1].has_x && p->groups[p->ng - 1].ndig <= MAX_RUN) {
			struct pcell *c = new_cell(p);

			c->seg = seg;
			c->off = off;
			c->len = (uint32_t)len;
			c->val = UNIT_X;
			p->groups[p->ng - 1].has_x = 1;
			p->open = 0;
			p->xpend = 1;
			p->gap = 0;
			p->gapn = 0;
			return;
		}
		chain_end(p);
		ring_push(p, cp);
		return;
	case PC_SKIP:
		return;
	case PC_HARD:
		if (p->open && cp < 0x80 && isalpha((int)cp))
			p->groups[p->ng - 1].letter = 1;
		chain_end(p);
		/*
		 * Markup ends the words before a number: a card word in an
		 * attribute (an id made of a heading) is not the text's.
		 */
		if (cp == '<' || cp == '>')
			p->nring = 0;
		else
			ring_push(p, cp);
		return;
	default:	/* a separator */
		p->xpend = 0;
		ring_push(p, cp);
		if (p->ng == 0)
			return;
		p->open = 0;
		p->gap |= 1u << cls;
		if (++p->gapn > MAX_GAP)
			chain_end(p);
	}
}

/* Is u[i] the first byte of a common ideograph (U+4E00..9FFF), well formed? */
static inline int
ideograph_at(const unsigned char *u, size_t i, size_t n)
{
	return u[i] >= 0xe4 && u[i] <= 0xe9 && i + 2 < n && (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80 &&
	    (u[i] > 0xe4 || u[i + 1] >= 0xb8);
}

static void
scan_seg(struct pscan *p, size_t seg, const char *s, size_t n, unsigned flags)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int tag = 0, val = 0, cls;
		size_t k;

		/*
		 * Most of what is read is Chinese: a run of ideographs, letters
		 * (char_class says so before any lookup), ends a chain, and each
		 * only enters the card-word window, as feed would do with them.
		 */
		if (ideograph_at(u, i, n)) {
			chain_end(p);
			do {
				ring_push(p, ((uint32_t)(u[i] & 0x0f) << 12) | ((uint32_t)(u[i + 1] & 0x3f) << 6) |
				    (u[i + 2] & 0x3f));
				i += 3;
			} while (i < n && ideograph_at(u, i, n));
			p->space = 0;
			continue;
		}
		/* ASCII that begins no markup, entity, escape or link target: without dec_char */
		if (u[i] < 0x80 && u[i] != '<' && u[i] != ']' && u[i] != '&' && u[i] != '%') {
			cp = u[i];
			k = 1;
			cls = ascii_class(cp, &val);
		} else {
			k = dec_char(s, n, i, flags, &cp, &tag);
			if (tag)
				cls = (flags & PII_TAGS_BREAK) && cp == '<' ? PC_HARD : PC_SKIP;
			else
				cls = char_class(cp, &val);
		}
		/*
		 * A run of white space is one separator: a page shows it as one
		 * space ("139    5702    3102"), and YAML folds a line break and its
		 * indent. The run goes on into a glued piece (a soft break's "\n",
		 * then a line's "\v"), as the page reads it (fuzz_gate).
		 */
		if (!(cls == PC_SPACE && p->space))
			feed(p, seg, i, k, cp, cls, val);
		p->space = cls == PC_SPACE;
		i += k;
	}
}

/* One reading of the pieces: the numbers that are still whole. */
static void
detect_once(const struct pii_seg *segs, size_t nsegs, const struct pii_allow *allow,
    struct pii_result *out)
{
	struct pscan p;

	memset(&p, 0, sizeof p);
	memset(out, 0, sizeof *out);
	p.allow = allow;
	p.out = out;
	for (size_t i = 0; i < nsegs; i++) {
		if (!(segs[i].flags & PII_GLUE)) {
			chain_end(&p);
			p.space = 0;
		} else if (segs[i].flags & PII_SPACED) {
			if (!p.space)
				feed(&p, i, 0, 0, ' ', PC_SPACE, 0);
			p.space = 1;
			if (p.ng > 0)
				p.gap |= GAP_SEAM;
		}
		scan_seg(&p, i, segs[i].s, segs[i].n, segs[i].flags);
	}
	chain_end(&p);
	free(p.cells);
	free(p.groups);
}

/* ---- masking --------------------------------------------------------- */

static int
span_cmp(const void *a, const void *b)
{
	const struct pii_span *x = a, *y = b;

	if (x->seg != y->seg)
		return x->seg < y->seg ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* The first span of piece seg (spans sorted), or r->nspans. */
static size_t
first_span(const struct pii_result *r, size_t seg)
{
	size_t lo = 0, hi = r->nspans;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (r->spans[mid].seg < seg)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

char *
pii_apply(const struct pii_result *r, size_t seg, const char *s, size_t n, size_t *outlen)
{
	size_t i = first_span(r, seg), pos = 0;
	struct sb b;

	if (outlen != NULL)
		*outlen = n;
	if (i == r->nspans || r->spans[i].seg != seg)
		return NULL;
	sb_init(&b);
	for (; i < r->nspans && r->spans[i].seg == seg; i++) {
		const struct pii_span *sp = &r->spans[i];

		if (sp->off < pos || sp->off + sp->len > n)
			continue;
		sb_add(&b, s + pos, sp->off - pos);
		sb_putc(&b, '*');
		pos = sp->off + sp->len;
	}
	sb_add(&b, s + pos, n - pos);
	if (outlen != NULL)
		*outlen = b.len;
	return sb_take(&b);
}

/*
 * Offset o of the masked text of piece seg, back in the original: every
 * span before it was len bytes there and one '*' here.
 */
static size_t
unmask_off(const struct pii_result *r, size_t seg, size_t o)
{
	size_t add = 0;

	for (size_t i = first_span(r, seg); i < r->nspans && r->spans[i].seg == seg; i++) {
		if (r->spans[i].off - add >= o)
			break;
		add += r->spans[i].len - 1;
	}
	return o + add;
}

static void
merge(struct pii_result *acc, const struct pii_result *more)
{
	size_t nh = acc->nhits + more->nhits, ns = acc->nspans + more->nspans;

	acc->hits = xrealloc(acc->hits, (nh ? nh : 1) * sizeof *acc->hits);
	memcpy(acc->hits + acc->nhits, more->hits, more->nhits * sizeof *more->hits);
	acc->nhits = nh;
	acc->spans = xrealloc(acc->spans, (ns ? ns : 1) * sizeof *acc->spans);
	memcpy(acc->spans + acc->nspans, more->spans, more->nspans * sizeof *more->spans);
	acc->nspans = ns;
	xqsort(acc->spans, acc->nspans, sizeof *acc->spans, span_cmp);
}

static int
hit_cmp(const void *a, const void *b)
{
	const struct pii_hit *x = a, *y = b;

	if (x->seg != y->seg)
		return x->seg < y->seg ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/*
 * Adds what more found that out has not (the same first digit is the same
 * number; the same digit's span is the same span). Both sorted first, so
 * this is a merge, not a search: linear after the sorts.
 */
static void
merge_new(struct pii_result *out, struct pii_result *more)
{
	struct pii_result add;
	size_t nh = 0, ns = 0, j = 0;

	memset(&add, 0, sizeof add);
	add.hits = xcalloc(more->nhits + 1, sizeof *add.hits);
	add.spans = xcalloc(more->nspans + 1, sizeof *add.spans);
	if (out->nhits > 1)
		xqsort(out->hits, out->nhits, sizeof *out->hits, hit_cmp);
	if (more->nhits > 1)
		xqsort(more->hits, more->nhits, sizeof *more->hits, hit_cmp);
	if (more->nspans > 1)
		xqsort(more->spans, more->nspans, sizeof *more->spans, span_cmp);
	for (size_t i = 0; i < more->nhits; i++) {
		while (j < out->nhits && hit_cmp(&out->hits[j], &more->hits[i]) < 0)
			j++;
		if (j == out->nhits || hit_cmp(&out->hits[j], &more->hits[i]) != 0)
			add.hits[nh++] = more->hits[i];
	}
	j = 0;
	for (size_t i = 0; i < more->nspans; i++) {
		while (j < out->nspans && span_cmp(&out->spans[j], &more->spans[i]) < 0)
			j++;
		if (j == out->nspans || span_cmp(&out->spans[j], &more->spans[i]) != 0)
			add.spans[ns++] = more->spans[i];
	}
	add.nhits = nh;
	add.nspans = ns;
	merge(out, &add);
	pii_result_free(&add);
}

/* The last (or, with first, the first) character of s[0..n) that is not white space, or 0. */
static uint32_t
edge(const char *s, size_t n, int first)
{
	size_t i = first ? 0 : n;

	while (first ? i < n : i > 0) {
		size_t at = first ? i : i - 1;
		unsigned char c = (unsigned char)s[at];
		uint32_t cp;
		int tag;

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			while (!first && at > 0 && ((unsigned char)s[at] & 0xc0) == 0x80)
				at--;	/* back to the character's first byte */
			dec_char(s, n, at, 0, &cp, &tag);
			return cp;
		}
		i = first ? i + 1 : i - 1;
	}
	return 0;
}

/* Could c be part of a number at a seam: a digit, an X, or the ';' of an entity? */
static int
digitish(uint32_t c)
{
	int val = 0, cls = char_class(c, &val);

	return cls == PC_DIGIT || cls == PC_X || c == ';';
}

/*
 * Could piece i read otherwise with `when` changed? A second reading costs
 * a whole reading: only when it can find something new. Link syntax needs
 * "](" in the piece; a block read joined to the one before needs digits on
 * both sides of the seam, a piece read apart a digit on either; tags need a '<'.
 */
static int
may_read_differently(const struct pii_seg *segs, size_t i, unsigned when)
{
	const struct pii_seg *g = &segs[i];

	if (when == PII_MDLINK) {
		const char *b;

		for (size_t j = 0; j + 1 < g->n && (b = memchr(g->s + j, ']', g->n - 1 - j)) != NULL; j++) {
			j = (size_t)(b - g->s);
			if (g->s[j + 1] == '(')
				return 1;
		}
		return 0;
	}
	if (when == PII_BLOCK)
		return i > 0 && digitish(edge(segs[i - 1].s, segs[i - 1].n, 0)) && digitish(edge(g->s, g->n, 1));
	/*
	 * Parting two pieces matters where either side is a digit: glued, a
	 * letter next to a number can hide it ("…23957023102" + "p20").
	 */
	if (when == PII_GLUE || when == PII_TAGGED)
		return i > 0 && (digitish(edge(segs[i - 1].s, segs[i - 1].n, 0)) || digitish(edge(g->s, g->n, 1)));
	return memchr(g->s, '<', g->n) != NULL;
}

/*
 * A second reading of the pieces with `off` cleared and `on` set in every
 * piece that has `when`; what it finds that the first did not is added.
 */
static void
read_again(const struct pii_seg *segs, size_t nsegs, const struct pii_allow *allow,
    struct pii_result *out, unsigned when, unsigned off, unsigned on)
{
	struct pii_seg *alt;
	struct pii_result more;
	int any = 0;

	for (size_t i = 0; i < nsegs && !any; i++)
		any = (segs[i].flags & when) && may_read_differently(segs, i, when);
	if (!any)
		return;
	alt = xcalloc(nsegs, sizeof *alt);
	for (size_t i = 0; i < nsegs; i++) {
		alt[i] = segs[i];
		if (alt[i].flags & when)
			alt[i].flags = (alt[i].flags & ~off) | on;
	}
	detect_once(alt, nsegs, allow, &more);
	free(alt);
	if (more.nhits > 0)
		merge_new(out, &more);
	pii_result_free(&more);
}

/*
 * The readings a reader may make: as the flags say; where link syntax is
 * skipped (PII_MDLINK: the "190" and "76389033" around "](…)"), also with
 * the target read as text ("(tel:+86 17152744923)"); where tags are
 * invisible (PII_TAGS: "139<b>5702</b>3102"), also with every tag ending a
 * number ("13957023102<br>31" is a mobile and a 31); blocks joined; the
 * pieces parted only where the page prints markup between them; and every
 * piece alone.
 */
static void
detect_both(const struct pii_seg *segs, size_t nsegs, const struct pii_allow *allow,
    struct pii_result *out)
{
	detect_once(segs, nsegs, allow, out);
	read_again(segs, nsegs, allow, out, PII_MDLINK, PII_MDLINK, 0);
	read_again(segs, nsegs, allow, out, PII_TAGS, PII_TAGS, PII_TAGS_BREAK);
	read_again(segs, nsegs, allow, out, PII_BLOCK, 0, PII_GLUE | PII_SPACED);
	/* as the HTML reads: apart where markup is printed between pieces, joined elsewhere */
	read_again(segs, nsegs, allow, out, PII_TAGGED, PII_GLUE, 0);
	/* and each piece alone: a link's text is a number whatever digits follow the link */
	read_again(segs, nsegs, allow, out, PII_GLUE, PII_GLUE, 0);
}

void
pii_detect(const struct pii_seg *segs, size_t nsegs, const struct pii_allow *allow,
    struct pii_result *out)
{
	detect_both(segs, nsegs, allow, out);
	/*
	 * Hiding digits can make a new number of what is left ("1391 2345678"
	 * after "139****"): read the masked text again until nothing is found,
	 * so that what is published holds no number the detector knows. Each
	 * round hides at least one digit, so this ends; in practice it is one
	 * more reading, and only for text that had a number.
	 */
	while (out->nspans > 0) {
		struct pii_seg *ms = xcalloc(nsegs, sizeof *ms);
		char **keep = xcalloc(nsegs, sizeof *keep);
		struct pii_result more;

		for (size_t i = 0; i < nsegs; i++) {
			ms[i] = segs[i];
			if ((keep[i] = pii_apply(out, i, segs[i].s, segs[i].n, &ms[i].n)) != NULL)
				ms[i].s = keep[i];
		}
		detect_both(ms, nsegs, allow, &more);
		for (size_t i = 0; i < more.nspans; i++)
			more.spans[i].off = unmask_off(out, more.spans[i].seg, more.spans[i].off);
		for (size_t i = 0; i < more.nhits; i++) {
			size_t end = more.hits[i].off + more.hits[i].len;

			more.hits[i].off = unmask_off(out, more.hits[i].seg, more.hits[i].off);
			if (more.hits[i].len)
				more.hits[i].len = unmask_off(out, more.hits[i].seg, end) - more.hits[i].off;
		}
		for (size_t i = 0; i < nsegs; i++)
			free(keep[i]);
		free(keep);
		free(ms);
		if (more.nspans == 0) {
			pii_result_free(&more);
			break;
		}
		merge(out, &more);
		pii_result_free(&more);
	}
	if (out->nhits > 1)
		xqsort(out->hits, out->nhits, sizeof *out->hits, hit_cmp);
}

void
pii_result_free(struct pii_result *r)
{
	if (r == NULL)
		return;
	free(r->hits);
	free(r->spans);
	memset(r, 0, sizeof *r);
}

struct pii_allow *
pii_allow_new(const char *const *list, size_t n)
{
	struct pii_allow *a;

	if (n == 0)
		return NULL;
	a = xcalloc(1, sizeof *a);
	a->num = xcalloc(n, sizeof *a->num);
	for (size_t i = 0; i < n; i++) {
		struct sb b;
		const char *s = list[i];
		size_t len = strlen(s);

		sb_init(&b);
		for (size_t j = 0; j < len;) {
			uint32_t cp;
			int tag, val = 0;
			size_t k = dec_char(s, len, j, 0, &cp, &tag);

			if (char_class(cp, &val) == PC_DIGIT)
				sb_putc(&b, (char)('0' + val));
			j += k;
		}
		a->num[a->n++] = sb_take(&b);
	}
	return a;
}

void
pii_allow_free(struct pii_allow *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n; i++)
		free(a->num[i]);
	free(a->num);
	free(a);
}

char *
pii_mask_text(const char *s, size_t n, unsigned flags, const struct pii_allow *allow,
    size_t *outlen, size_t *nfound)
{
	struct pii_seg seg = { s, n, flags & ~(unsigned)PII_GLUE };
	struct pii_result r;
	char *out;

	if (outlen != NULL)
		*outlen = 0;
	if (nfound != NULL)
		*nfound = 0;
	if (!privacy_may_hold(s, n, flags))
		return NULL;
	pii_detect(&seg, 1, allow, &r);
	out = pii_apply(&r, 0, s, n, outlen);
	if (out == NULL && outlen != NULL)
		*outlen = 0;
	if (nfound != NULL)
		*nfound = r.nhits;
	pii_result_free(&r);
	return out;
}

size_t
privacy_scan(const char *s, size_t n, const char *const *allow,
    size_t nallow, struct pii_hit **hits)
{
	struct pii_allow *a;
	struct pii_seg seg = { s, n, PII_TEXT };
	struct pii_result r;

	*hits = NULL;
	if (!privacy_may_hold(s, n, PII_TEXT))
		return 0;
	a = pii_allow_new(allow, nallow);
	pii_detect(&seg, 1, a, &r);
	pii_allow_free(a);
	free(r.spans);
	*hits = r.hits;
	return r.nhits;
}

char *
privacy_mask_all(const char *s, size_t n, const char *const *allow,
    size_t nallow, size_t *outlen, size_t *nfound)
{
	struct pii_allow *a = pii_allow_new(allow, nallow);
	char *out = pii_mask_text(s, n, PII_TEXT, a, outlen, nfound);

	pii_allow_free(a);
	return out;
}

/* ---- the quick look --------------------------------------------------- */

/* Fewer digits than the shortest kind (a mobile) can hold no number. */
#define PII_MIN_DIGITS 11

/*
 * Can the character at u[i] be a decimal digit of some script? Not from
 * U+2000 to U+9FFF (punctuation, CJK: E2..E9) but for the superscripts and
 * subscripts (U+2070..209F: E2 81, E2 82), the circled and parenthesized
 * digits (U+2460..24FF: E2 91..93) and the dingbat ones (U+2776..2793:
 * E2 9D, E2 9E), which uc_digit_value reads as digits; nor from U+B000 to
 * U+EFFF (Hangul, surrogates, private use: EB..EE); the full-width digits
 * start with EF.
 */
static inline int
digit_lead(const unsigned char *u, size_t i, size_t n)
{
	unsigned char c = u[i], d;

	if (c < 0xc0)
		return 0;
	if (c != 0xe2)
		return c <= 0xe1 || c == 0xea || c == 0xef || c >= 0xf0;
	d = i + 1 < n ? u[i + 1] : 0;
	return d == 0x81 || d == 0x82 || (d >= 0x91 && d <= 0x93) || d == 0x9d || d == 0x9e;
}

/*
 * Outside a chain, may u[i] start one? An ASCII digit, an entity or an
 * escape (esc: '&' and '%'), or the first byte of a character that can be
 * a digit (digit_lead); but not the full-width punctuation of every Chinese
 * sentence (，：（）: EF and two continuation bytes), of which only the
 * full-width digits (EF BC 90..99) are digits.
 */
static inline int
may_start(const unsigned char *u, size_t i, size_t n, int esc)
{
	unsigned char c = u[i];

	if (c < 0x80)
		return (unsigned)(c - '0') <= 9u || (esc && (c == '&' || c == '%'));
	if (c == 0xef && i + 2 < n && (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80)
		return u[i + 1] == 0xbc && u[i + 2] >= 0x90 && u[i + 2] <= 0x99;
	return digit_lead(u, i, n);
}

/*
 * The quick look outside a chain: where the next byte is that may start
 * one. Sixteen bytes a step where the machine has SSE2: this reads every
 * byte a build writes (issue 7). A step finds the bytes of its block that
 * may start a digit (a mask: E2 and EF, in nearly every block of Chinese
 * text, are looked at with the bytes after them), and keeps the mask: in
 * text dense with digits (charts, search shards) the next start is in the
 * same block, and is found without reading it again.
 */
struct qskip {
	const unsigned char	*u;
	size_t			 n;
	int			 esc;	/* '&' and '%' may start one */
	size_t			 base;	/* the block of mask: u[base..base+16) */
	unsigned		 mask;	/* its bytes where may_start holds; 0: none kept */
};

#if defined(__SSE2__)
typedef unsigned char qv16 __attribute__((vector_size(16)));
typedef signed char qm16 __attribute__((vector_size(16)));

/* The lanes of v from lo to lo + len - 1: one signed compare after a shift. */
#define QRANGE(v, lo, len) \
	((qm16)((v) + (unsigned char)(0x80 - (lo))) < (qm16){ 0 } + (signed char)(-128 + (len)))

static inline unsigned
qbits(qm16 m)
{
	return (unsigned)_mm_movemask_epi8((__m128i)m);
}

/* The bytes of u[i..i+16) where may_start holds; u[i..i+18) are read. */
static inline unsigned
start_mask(const unsigned char *u, size_t i, int esc)
{
	const qv16 z = { 0 };
	qv16 v, w, x;
	unsigned m, e2, ef;

	memcpy(&v, u + i, 16);
	m = qbits(QRANGE(v, '0', 10) | QRANGE(v, 0xc0, 0x22) | QRANGE(v, 0xf0, 16) | (qm16)(v == z + 0xea));
	if (esc)
		m |= qbits((qm16)(v == z + '&') | (qm16)(v == z + '%'));
	e2 = qbits((qm16)(v == z + 0xe2));
	ef = qbits((qm16)(v == z + 0xef));
	if ((e2 | ef) == 0)
		return m;
	memcpy(&w, u + i + 1, 16);
	if (e2 != 0)
		m |= e2 & qbits(QRANGE(w, 0x81, 2) | QRANGE(w, 0x91, 3) | QRANGE(w, 0x9d, 2));
	if (ef != 0) {
		memcpy(&x, u + i + 2, 16);
		m |= ef & (~qbits((qm16)((w & (z + 0xc0)) == z + 0x80) & (qm16)((x & (z + 0xc0)) == z + 0x80)) |
		    qbits((qm16)(w == z + 0xbc) & QRANGE(x, 0x90, 10)));
	}
	return m;
}
#endif

/* The first i' >= i where may_start holds, or n. */
static inline size_t
skip_plain(struct qskip *q, size_t i)
{
	const unsigned char *u = q->u;
	size_t n = q->n;

#if defined(__SSE2__)
	if (q->mask != 0 && i - q->base < 16) {
		unsigned m = q->mask & (~0u << (i - q->base));

		if (m != 0)
			return q->base + (size_t)__builtin_ctz(m);
		i = q->base + 16;
	}
	for (; i + 18 <= n; i += 16) {
		unsigned m = start_mask(u, i, q->esc);

		if (m != 0) {
			q->base = i;
			q->mask = m;
			return i + (size_t)__builtin_ctz(m);
		}
	}
#endif
	while (i < n && !may_start(u, i, n, q->esc))
		i++;
	return i;
}

/* The bytes after s[i] of markup, an entity or a percent escape that may hide digits: 0 if none. */
static size_t
may_skip(const char *s, size_t n, size_t i, unsigned flags, int *brk)
{
	size_t j;

	*brk = 0;
	if (s[i] == '<' && (flags & (PII_TAGS | PII_TAGS_BREAK)) && i + 1 < n &&
	    (isalpha((unsigned char)s[i + 1]) || strchr("/!?", s[i + 1]) != NULL)) {
		const char *gt = memchr(s + i, '>', n - i);

		if (gt == NULL)
			return 0;
		*brk = (flags & PII_TAGS_BREAK) != 0;
		return (size_t)(gt - (s + i));
	}
	if (s[i] == '&' && (flags & PII_ENTITIES)) {
		for (j = i + 1; j < n && j - i < 34 && (isalnum((unsigned char)s[j]) || s[j] == '#'); j++)
			;
		return j - i - 1 + (j < n && s[j] == ';');
	}
	if (s[i] == '%' && (flags & PII_PERCENT) && i + 2 < n && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0)
		return 2;
	if (s[i] == ']' && (flags & PII_MDLINK) && i + 1 < n && s[i + 1] == '(') {
		size_t close = mdlink_end(s, n, i);

		return close ? close - i : 0;
	}
	return 0;
}

/*
 * What an ASCII character does to a chain of the quick look: its class
 * (ascii_class) as separators and the rest, with the characters that may
 * begin markup, an entity or an escape (may_skip) apart.
 */
enum { QK_HARD, QK_KEEP, QK_DIGIT, QK_ESC };

static const unsigned char quick_ascii[128] = {
	['0'] = QK_DIGIT, ['1'] = QK_DIGIT, ['2'] = QK_DIGIT, ['3'] = QK_DIGIT, ['4'] = QK_DIGIT,
	['5'] = QK_DIGIT, ['6'] = QK_DIGIT, ['7'] = QK_DIGIT, ['8'] = QK_DIGIT, ['9'] = QK_DIGIT,
	['X'] = QK_KEEP, ['x'] = QK_KEEP,
	[' '] = QK_KEEP, ['\t'] = QK_KEEP, ['\n'] = QK_KEEP, ['\v'] = QK_KEEP, ['\f'] = QK_KEEP, ['\r'] = QK_KEEP,
	['-'] = QK_KEEP, ['/'] = QK_KEEP, ['.'] = QK_KEEP,
	['('] = QK_KEEP, [')'] = QK_KEEP, ['['] = QK_KEEP, ['+'] = QK_KEEP, ['*'] = QK_KEEP,
	['~'] = QK_KEEP, ['_'] = QK_KEEP, ['`'] = QK_KEEP,
	['<'] = QK_ESC, ['&'] = QK_ESC, ['%'] = QK_ESC, [']'] = QK_ESC,
};

/*
 * The quick look at an ASCII character that may begin markup, an entity
 * or an escape (QK_ESC), in a chain of *chain digits or at its start: where
 * to go on.
 */
static size_t
quick_escape(const char *s, size_t n, size_t i, unsigned flags, size_t *chain)
{
	const unsigned char *u = (const unsigned char *)s;
	int brk;
	size_t k = may_skip(s, n, i, flags, &brk);

	if (k == 0) {
		/* read as itself: ']' is a bracket, '<', '&' and '%' end a chain */
		if (s[i] != ']')
			*chain = 0;
		return i + 1;
	}
	/* an escape's own digits count: more than it holds, never fewer */
	for (size_t j = i + 1; !brk && j <= i + k && *chain < PII_MIN_DIGITS; j++)
		if (u[j] >= '0' && u[j] <= '9')
			++*chain;
	if (brk)
		*chain = 0;
	return i + k + 1;
}

/* The quick look at a character that is not ASCII: where to go on. */
static size_t
quick_high(const char *s, size_t n, size_t i, size_t *chain)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	int val = 0, cls, tag;
	size_t k;

	/* the common ideographs (U+4E00..9FFF) end a chain: char_class without the call */
	if (u[i] >= 0xe4 && u[i] <= 0xe9 && i + 2 < n && (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80 &&
	    (u[i] > 0xe4 || u[i + 1] >= 0xb8)) {
		*chain = 0;
		return i + 3;
	}
	k = dec_char(s, n, i, 0, &cp, &tag);
	cls = char_class(cp, &val);
	if (cls == PC_DIGIT)
		++*chain;
	else if (cls == PC_HARD)
		*chain = 0;
	return i + k;
}

int
privacy_may_hold(const char *s, size_t n, unsigned flags)
{
	const unsigned char *u = (const unsigned char *)s;
	struct qskip q = { u, n, 1, 0, 0 };
	size_t chain = 0, i = 0;

	while (i < n) {
		if (chain == 0 && (i = skip_plain(&q, i)) == n)
			break;
		if (u[i] >= 0x80)
			i = quick_high(s, n, i, &chain);
		else if (quick_ascii[u[i]] == QK_DIGIT)
			chain++, i++;
		else if (quick_ascii[u[i]] == QK_ESC)
			i = quick_escape(s, n, i, flags, &chain);
		else {
			if (quick_ascii[u[i]] == QK_HARD)
				chain = 0;
			i++;
		}
		if (chain >= PII_MIN_DIGITS)
			return 1;
	}
	return 0;
}

int
privacy_may_hold_any(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	struct qskip q = { u, n, 0, 0, 0 };
	size_t count = 0, i = 0;

	while (count < PII_MIN_DIGITS && (i = skip_plain(&q, i)) < n) {
		uint32_t cp;
		int val = 0, tag;

		if (u[i] < 0x80) {
			count++;
			i++;
			continue;
		}
		i += dec_char(s, n, i, 0, &cp, &tag);
		count += char_class(cp, &val) == PC_DIGIT;
	}
	return count >= PII_MIN_DIGITS;
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

uint64_t
pii_stamp(unsigned flags, const char *const *allow, size_t nallow)
{
	uint64_t h = self_stamp();
	const char *xml = xmlParserVersion;
	int uni = _libunistring_version;

	h = hash_bytes(h, &flags, sizeof flags);
	h = hash_bytes(h, &uni, sizeof uni);
	h = hash_bytes(h, xml, strlen(xml) + 1);
	h = hash_bytes(h, &nallow, sizeof nallow);
	for (size_t i = 0; i < nallow; i++)
		h = hash_bytes(h, allow[i], strlen(allow[i]) + 1);
	return h;
}
