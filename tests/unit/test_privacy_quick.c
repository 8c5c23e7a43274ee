/*
 * The quick looks of privacy.c (privacy_may_hold, privacy_may_hold_any)
 * against the ones they replaced (issues 16 and 21: the same answers,
 * cheaper). The old functions are kept here, and only here, as they were
 * at 1fbd560, with what they called; both must agree on every input: each
 * code point in several places of a number, each pair of ASCII bytes, and
 * many generated texts of digits of every script, separators, entities,
 * escapes, tags, link syntax, full-width forms and random bytes, read with
 * every set of flags.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "harness.h"
#include "privacy.h"
#include "util.h"

/* ---- the old quick looks, as they were (privacy.c at 1fbd560) ---------- */

enum pclass {
	PC_DIGIT, PC_X, PC_SPACE, PC_DASH, PC_DOT, PC_MIX, PC_SKIP, PC_HARD
};

#define PII_MIN_DIGITS 11

static size_t
old_dec_entity(const char *s, size_t n, size_t i, uint32_t *cp)
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
		if ((k = old_dec_entity(buf, m + 1, 0, &inner)) > 0 && inner != '&') {
			*cp = inner;
			return j + 1 - i + k - 1;
		}
	}
	return j + 1 - i;
}

static size_t
old_dec_percent(const char *s, size_t n, size_t i, uint32_t *cp)
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

static size_t
old_mdlink_end(const char *s, size_t n, size_t i)
{
	for (size_t j = i + 2; j < n && j < i + 512; j++) {
		uint32_t cp = (unsigned char)s[j];

		if (s[j] == '&' && old_dec_entity(s, n, j, &cp) == 0)
			cp = '&';
		if (cp == ')')
			return s[j] == ')' ? j : 0;
		if (cp == '\n' || cp == '<' || cp == '>')
			return 0;
	}
	return 0;
}

static size_t
old_dec_char(const char *s, size_t n, size_t i, unsigned flags, uint32_t *cp, int *tag)
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
		size_t close = old_mdlink_end(s, n, i);

		if (close != 0) {
			*tag = 1;
			*cp = ']';
			return close - i + 1;
		}
	}
	if (s[i] == '&' && (flags & PII_ENTITIES) && (k = old_dec_entity(s, n, i, cp)) != 0)
		return k;
	if (s[i] == '%' && (flags & PII_PERCENT) && (k = old_dec_percent(s, n, i, cp)) != 0)
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
old_ascii_class(uint32_t c, int *val)
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

static int
old_char_class_uncached(uint32_t cp, int *val)
{
	uint32_t buf[8], *f;
	size_t len = 8;
	int cls = PC_HARD, v;

	if (cp < 0x80)
		return old_ascii_class(cp, val);
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
		cls = old_ascii_class(f[0], val);
	if (f != NULL && f != buf)
		free(f);
	return cls;
}

/* The old char_class: its cache changed no answer, and a whole table does the same here. */
static int
old_char_class(uint32_t cp, int *val)
{
	static signed char cls[0x110000], vals[0x110000];

	if (cp >= 0x110000)
		return old_char_class_uncached(cp, val);
	if (cls[cp] == 0) {
		int v = 0;

		cls[cp] = (signed char)(old_char_class_uncached(cp, &v) + 1);
		vals[cp] = (signed char)v;
	}
	*val = vals[cp];
	return cls[cp] - 1;
}

static inline int
old_digit_lead(const unsigned char *u, size_t i, size_t n)
{
	unsigned char c = u[i], d;

	if (c < 0xc0)
		return 0;
	if (c != 0xe2)
		return c <= 0xe1 || c == 0xea || c == 0xef || c >= 0xf0;
	d = i + 1 < n ? u[i + 1] : 0;
	return d == 0x81 || d == 0x82 || (d >= 0x91 && d <= 0x93) || d == 0x9d || d == 0x9e;
}

static size_t
old_skip_plain(const unsigned char *u, size_t i, size_t n)
{
	for (;;) {
		size_t end = n;
#if defined(__GNUC__)
		typedef unsigned char v16 __attribute__((vector_size(16)));
		typedef signed char m16 __attribute__((vector_size(16)));
		const v16 zero = { 0 }, nine = zero + 9, c0 = zero + '0', lead = zero + 0xc0,
		    span = zero + 0x22, ea = zero + 0xea, ef = zero + 0xef, f0 = zero + 0xf0,
		    amp = zero + '&', pct = zero + '%';

		for (; i + 16 <= n; i += 16) {
			v16 v;
			m16 hit;
			uint64_t lo, hi;

			memcpy(&v, u + i, 16);
			hit = (m16)((v - c0) <= nine) | (m16)((v - lead) <= span) | (m16)(v == ea) |
			    (m16)(v == ef) | (m16)(v >= f0) | (m16)(v == amp) | (m16)(v == pct);
			memcpy(&lo, &hit, 8);
			memcpy(&hi, (char *)&hit + 8, 8);
			if (lo | hi)
				break;
		}
		/* a block with E2 (“ ” — …) may hold no digit: look at it, then go on a block at a time */
		if (i + 16 <= n)
			end = i + 16;
#endif
		while (i < end && (unsigned)(u[i] - '0') > 9u && u[i] != '&' && u[i] != '%' && !old_digit_lead(u, i, n))
			i++;
		if (i < end || end == n)
			return i;
	}
}

static size_t
old_may_skip(const char *s, size_t n, size_t i, unsigned flags, int *brk)
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
		size_t close = old_mdlink_end(s, n, i);

		return close ? close - i : 0;
	}
	return 0;
}

static int
old_privacy_may_hold(const char *s, size_t n, unsigned flags)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t chain = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t cp;
		int val = 0, cls, brk, tag;
		size_t k;

		if (chain == 0 && (i = old_skip_plain(u, i, n)) == n)
			break;
		if (u[i] >= '0' && u[i] <= '9') {
			if (++chain >= PII_MIN_DIGITS)
				return 1;
			continue;
		}
		if ((k = old_may_skip(s, n, i, flags, &brk)) != 0) {
			/* an escape's own digits count: more than it holds, never fewer */
			for (size_t j = i + 1; !brk && j <= i + k; j++)
				if (u[j] >= '0' && u[j] <= '9' && ++chain >= PII_MIN_DIGITS)
					return 1;
			if (brk)
				chain = 0;
			i += k;
			continue;
		}
		/* outside a chain, only a digit matters: the common full-width punctuation is not one */
		if (chain == 0 && u[i] == 0xef && i + 2 < n && (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80 &&
		    !(u[i + 1] == 0xbc && u[i + 2] >= 0x90 && u[i + 2] <= 0x99)) {
			i += 2;
			continue;
		}
		k = old_dec_char(s, n, i, 0, &cp, &tag);
		cls = old_char_class(cp, &val);
		if (cls == PC_DIGIT && ++chain >= PII_MIN_DIGITS)
			return 1;
		if (cls == PC_HARD)
			chain = 0;
		i += k - 1;
	}
	return 0;
}

static int
old_privacy_may_hold_any(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t count = 0;

	for (size_t i = 0; i < n && count < PII_MIN_DIGITS; i++) {
		uint32_t cp;
		int val = 0, tag;

		if (u[i] >= '0' && u[i] <= '9')
			count++;
		else if (u[i] >= 0xc0 && old_digit_lead(u, i, n)) {
			size_t k = old_dec_char(s, n, i, 0, &cp, &tag);

			count += old_char_class(cp, &val) == PC_DIGIT;
			i += k - 1;
		}
	}
	return count >= PII_MIN_DIGITS;
}

/* ---- the comparison --------------------------------------------------- */

static const unsigned flagsets[] = {
	PII_TEXT, 0, PII_ENTITIES, PII_PERCENT, PII_MDLINK, PII_TAGS, PII_TAGS_BREAK, PII_TEXT,
	PII_TEXT | PII_TAGS, PII_TEXT | PII_TAGS_BREAK,
};
#define NFLAGSETS (sizeof flagsets / sizeof flagsets[0])

static size_t nchecked, nbad;

/* Both looks over s[0..n), with every flag set: a difference is printed (the first few). */
static void
compare_flags(const char *s, size_t n, size_t nflags)
{
	/* a copy of exactly n bytes: a look must not read past its text (valgrind and ASan tell) */
	char *c = xmalloc(n ? n : 1);

	memcpy(c, s, n);
	for (size_t f = 0; f < nflags; f++) {
		int a = old_privacy_may_hold(c, n, flagsets[f]), b = privacy_may_hold(c, n, flagsets[f]);

		nchecked++;
		if (a != b && nbad++ < 5) {
			printf("# privacy_may_hold(flags %u) old %d new %d:", flagsets[f], a, b);
			for (size_t i = 0; i < n; i++)
				printf(" %02x", (unsigned char)c[i]);
			printf("\n");
		}
	}
	nchecked++;
	if (old_privacy_may_hold_any(c, n) != privacy_may_hold_any(c, n) && nbad++ < 5) {
		printf("# privacy_may_hold_any old %d:", old_privacy_may_hold_any(c, n));
		for (size_t i = 0; i < n; i++)
			printf(" %02x", (unsigned char)c[i]);
		printf("\n");
	}
	free(c);
}

static void
compare(const char *s, size_t n)
{
	compare_flags(s, n, NFLAGSETS);
}

/* A text around one piece x: at the start, middle and end of ten digits, and alone at a block's edges. */
static void
compare_around(const char *x, size_t k, size_t nflags)
{
	static const char *const pre[] = { "", "1234567890", "12345", "中1234567890" };
	static const char *const post[] = { "", "1234567890", "678901", "x，1234567890" };
	char buf[128];

	for (size_t a = 0; a < sizeof pre / sizeof pre[0]; a++)
		for (size_t b = 0; b < sizeof post / sizeof post[0]; b++) {
			size_t la = strlen(pre[a]), lb = strlen(post[b]);

			memcpy(buf, pre[a], la);
			memcpy(buf + la, x, k);
			memcpy(buf + la + k, post[b], lb);
			compare_flags(buf, la + k + lb, nflags);
		}
}

/* Every code point (and the surrogates' bytes), UTF-8 encoded, around digits. */
static void
every_code_point(void)
{
	for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
		uint8_t b[4];
		int k;

		if (cp >= 0xd800 && cp <= 0xdfff) {
			b[0] = 0xe0 | (uint8_t)(cp >> 12), b[1] = 0x80 | ((cp >> 6) & 0x3f), b[2] = 0x80 | (cp & 0x3f);
			k = 3;
		} else
			k = u8_uctomb(b, cp, 4);
		/* the flags read only ASCII differently: PII_TEXT and none are enough here */
		compare_around((const char *)b, (size_t)k, cp < 0x80 ? NFLAGSETS : 2);
		/* cut short, as at the end of a text */
		for (int cut = 1; cut < k; cut++)
			compare_around((const char *)b, (size_t)cut, 2);
	}
	CHECK("quick look: every code point around digits, old and new agree", nbad == 0);
}

/* Every pair of bytes, between digits. */
static void
every_byte_pair(void)
{
	for (unsigned a = 0; a < 256; a++)
		for (unsigned b = 0; b < 256; b++) {
			char buf[40];

			memcpy(buf, "1234567", 7);
			buf[7] = (char)a;
			buf[8] = (char)b;
			memcpy(buf + 9, "8901234567890123456789", 22);
			compare(buf, 31);
			compare(buf + 7, 2);
			compare(buf + 3, 10);
		}
	CHECK("quick look: every pair of bytes between digits, old and new agree", nbad == 0);
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11) % n;
}

/* The pieces a generated text is made of. */
static const char *const pieces[] = {
	"0", "1", "3", "9", "13957023102", "139", "5702", "3102", "2024", "06", "12", "62", "X", "x",
	" ", "  ", "\t", "\n", "\r\n", "-", "/", ".", "(", ")", "[", "]", "+", "*", "~", "_", "`",
	"·", "・", "‧", "•", "∙", "—", "–", "‐", "−", "…", "“", "”", "、", "。", "，", "：", "（", "）",
	"．", "－", "＋", "Ｘ", "ｘ", "　", "\xc2\xa0", "\xc2\xad", "\xe2\x80\x8b", "\xe2\x81\xa0", "\xef\xbb\xbf",
	"０", "１", "３", "９", "¹", "²", "³", "⁰", "₁", "①", "⑴", "⒈", "❶", "➀", "٣", "۴", "४", "৫", "๖", "༧",
	"𝟏", "𝟙", "１３９", "中", "年", "月", "日", "号", "卡号", "银行卡", "a", "b", "z", "A", ";", ":", ",",
	"&#49;", "&#x31;", "&#X31;", "&#49", "&#4973957023102;", "&nbsp;", "&amp;", "&amp;#49;", "&lt;", "&gt;",
	"&bogus;", "&", "&#", "&#x", "&#;", "&zwnj;", "&shy;", "&middot;", "&#65296;",
	"%31", "%39", "%E2%80%8B", "%ef%bc%91", "%13", "%", "%3", "%zz", "%C2%A0", "%FF",
	"<b>", "</b>", "<br>", "<br/>", "<!-- 1 -->", "<?x?>", "<", ">", "< a>", "<a href=\"tel:139\">", "</a>",
	"](", ")", "](tel:139", "[1](2)", "](\n", "](<)", "](&#41;)",
	"\xe2", "\xef", "\xef\xbc", "\xe2\x81", "\xe2\x91", "\xe2\x9d", "\x80", "\xbf", "\xc0", "\xc3", "\xe0",
	"\xed\xa0\x80", "\xf0", "\xf0\x9f", "\xf4\x90\x80\x80", "\xf8", "\xff", "\xef\xbc\x90", "\xef\xbc\x9a",
	"\xea\xa3\x91", "\xe1\x81\x81",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

/* Texts of pieces, and texts of random bytes, of every length near a vector's 16 and 18 bytes. */
static void
generated(size_t count)
{
	char buf[1024];

	for (size_t t = 0; t < count; t++) {
		size_t n = 0, want = rnd(8) == 0 ? rnd(600) : rnd(80);

		if (rnd(10) == 0) {
			for (n = 0; n < want; n++)
				buf[n] = (char)rnd(256);
		} else if (rnd(4) == 0) {
			/* digit-heavy, as dates and URLs in HTML are */
			while (n < want) {
				const char *p = rnd(2) ? pieces[rnd(20)] : pieces[rnd(NPIECES)];
				size_t k = strlen(p);

				if (n + k > sizeof buf)
					break;
				memcpy(buf + n, p, k);
				n += k;
			}
		} else {
			while (n < want) {
				const char *p = pieces[rnd(NPIECES)];
				size_t k = strlen(p);

				if (n + k > sizeof buf)
					break;
				memcpy(buf + n, p, k);
				n += k;
			}
		}
		compare(buf, n);
		/* and every tail: where the vector steps fall moves */
		if (n > 0 && rnd(4) == 0)
			for (size_t off = 1; off < n && off < 40; off++)
				compare(buf + off, n - off);
	}
	CHECK("quick look: generated and random texts, old and new agree", nbad == 0);
}

int
main(int argc, char **argv)
{
	size_t count = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 150000;

	if (argc > 2)
		rng = strtoull(argv[2], NULL, 10) | 1;
	every_byte_pair();
	every_code_point();
	generated(count);
	printf("# %zu looks compared, %zu differ\n", nchecked, nbad);
	CHECK("quick look: the comparison ran", nchecked > 1000000);
	return t_done();
}
