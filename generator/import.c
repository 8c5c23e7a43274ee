/*
 * import.c: `gongkai import`, a plain-text 公文 → one Markdown file.
 *
 * The stages, in order:
 *   decode      UTF-8 (BOM or not), UTF-16 LE/BE with a BOM, else GB18030
 *               when it converts cleanly and reads as Chinese; line ends → LF
 *   damage      warn where a wrong conversion left '?' runs or U+FFFD (damage.c)
 *   clean       stray HTML (<BR>, <p>, &nbsp;) → breaks or text, \" → “ ”,
 *               blanks and full-width indents trimmed; one entry per paragraph
 *   title       first line (a truncated copy of the second line is dropped;
 *               a long title line is cut after 方案/办法/通知 …)
 *   signature   a trailing 落款 and 成文日期 → author and date
 *   outline     GB/T 9704 numbering → headings, list items or paragraphs
 *   render      Markdown with every meaningful character escaped, so the
 *               text renders literally; front matter in double quotes
 *
 * Everything is heuristic; the rules and their thresholds are stated where
 * they are applied. Nothing here changes the source file.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "damage.h"
#include "diag.h"
#include "gongkai.h"
#include "import.h"
#include "recwrite.h"
#include "util.h"
#include "i18n.h"

/* A line with an outline number is a whole heading up to this many characters. */
#define IMPORT_HEAD_MAX		30
/* Run-in heading "一、总体要求。全面贯彻…": split at the first 。 when the text before it is this short. */
#define IMPORT_RUNIN_MAX	25
/* A first line this short is the title as it stands. */
#define IMPORT_TITLE_SHORT	30
/* A long first line is cut after a title word found within this many characters. */
#define IMPORT_TITLE_SCAN	60
/* 落款 (issuing body) is at most this long. */
#define IMPORT_AUTHOR_MAX	30

/* One paragraph of the input after cleaning. */
struct iline {
	char	*s;	/* cleaned, trimmed, non-empty text; owned */
	int	 line;	/* 1-based line in the decoded input, for diagnostics */
};

struct ivec {
	struct iline	*v;
	size_t		 n, cap;
};

/* A civil date; y == 0 when none was found. */
struct ymd {
	int	y, m, d;
};

enum import_mark {
	IMPORT_MARK_NONE,
	IMPORT_MARK_H1,		/* 一、 */
	IMPORT_MARK_H2,		/* （一） */
	IMPORT_MARK_H3,		/* 1. 1、 1． */
	IMPORT_MARK_ITEM	/* （1） */
};

struct mark {
	enum import_mark	 type;
	size_t			 len;		/* bytes of the number, its punctuation and blanks */
	char			 label[48];	/* normalised: "一、", "（一）", "1、", "（1）" */
};

/* ------------------------------------------------------------------ */
/* small UTF-8 helpers                                                  */

static int
has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static uint32_t
cp_at(const char *s, int *k)
{
	uint32_t cp;

	*k = utf8_decode(s, &cp);
	return cp;
}

/* Bytes of a blank at s: ASCII space or tab, U+3000, U+00A0, U+FEFF; else 0. */
static size_t
blank_at(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (has_prefix(s, "\xe3\x80\x80") || has_prefix(s, "\xef\xbb\xbf"))
		return 3;
	if (has_prefix(s, "\xc2\xa0"))
		return 2;
	return 0;
}

/* Bytes of a blank ending at s + n, else 0. */
static size_t
blank_before(const char *s, size_t n)
{
	if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		return 1;
	if (n >= 2 && blank_at(s + n - 2) == 2)
		return 2;
	if (n >= 3 && blank_at(s + n - 3) == 3)
		return 3;
	return 0;
}

/* Trims blanks at both ends of s[0..*n); returns the new start. */
static const char *
trim(const char *s, size_t *n)
{
	size_t k;

	while (*n > 0 && (k = blank_at(s)) > 0 && k <= *n) {
		s += k;
		*n -= k;
	}
	while ((k = blank_before(s, *n)) > 0)
		*n -= k;
	return s;
}

static char *
trimmed_dup(const char *s, size_t n)
{
	s = trim(s, &n);
	return xstrndup(s, n);
}

/* Value of a Chinese numeral digit 一..九 at s, 0 for 〇/零/○; -1 otherwise. 3 bytes. */
static int
cn_digit(const char *s)
{
	static const char *const d[] = {
		"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"
	};

	for (int i = 0; i < 10; i++)
		if (has_prefix(s, d[i]))
			return i;
	if (has_prefix(s, "零") || has_prefix(s, "○"))
		return 0;
	return -1;
}

/*
 * Bytes of a run of Chinese numerals (一..九 十 百 零 〇), at most four
 * characters, as used in "十二、" or "（一百零一）"; 0 if none.
 */
static size_t
cn_numeral(const char *s)
{
	size_t n = 0;

	for (int i = 0; i < 4; i++) {
		if (cn_digit(s + n) >= 0 || has_prefix(s + n, "十") || has_prefix(s + n, "百"))
			n += 3;
		else
			break;
	}
	return n;
}

/* Value of a small Chinese number (一 … 三十一) of n bytes; -1 if malformed. */
static int
cn_value(const char *s, size_t n)
{
	int v = 0, cur = -1;

	for (size_t i = 0; i < n; i += 3) {
		int dd = cn_digit(s + i);

		if (dd > 0 && cur < 0)
			cur = dd;
		else if (has_prefix(s + i, "十") && v == 0) {
			v = (cur < 0 ? 1 : cur) * 10;
			cur = -1;
		} else
			return -1;
	}
	return v + (cur < 0 ? 0 : cur);
}

static int
is_sentence_end(const char *s)
{
	return has_prefix(s, "。") || has_prefix(s, "！") || has_prefix(s, "？") ||
	    has_prefix(s, "；");
}

/* ------------------------------------------------------------------ */
/* line vector                                                          */

static void
ivec_insert(struct ivec *a, size_t i, char *s, int line)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
	}
	memmove(a->v + i + 1, a->v + i, (a->n - i) * sizeof *a->v);
	a->v[i].s = s;
	a->v[i].line = line;
	a->n++;
}

static void
ivec_remove(struct ivec *a, size_t i)
{
	free(a->v[i].s);
	memmove(a->v + i, a->v + i + 1, (a->n - i - 1) * sizeof *a->v);
	a->n--;
}

static void
ivec_free(struct ivec *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i].s);
	free(a->v);
	memset(a, 0, sizeof *a);
}

/* ------------------------------------------------------------------ */
/* decode                                                               */

/* Converts with iconv; NULL when any byte sequence is invalid in `from`. Caller frees. */
static char *
iconv_to_utf8(const char *from, const char *in, size_t len, size_t *outlen)
{
	iconv_t cd;
	size_t cap = len * 2 + 16, il = len, ol, used;
	char *out, *ip = (char *)(uintptr_t)in, *op;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return NULL;
	out = xmalloc(cap);
	op = out;
	ol = cap - 1;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno != E2BIG) {
			free(out);
			out = NULL;
			goto done;
		}
		used = (size_t)(op - out);
		cap *= 2;
		out = xrealloc(out, cap);
		op = out + used;
		ol = cap - used - 1;
	}
	*op = '\0';
	*outlen = (size_t)(op - out);
done:
	iconv_close(cd);
	return out;
}

/*
 * GB18030 decodes most byte soup (Latin-1, say) into some characters, so a
 * clean conversion is not enough. We also want the text to read as Chinese:
 * no control characters, at least 90% of the non-ASCII characters CJK, and
 * at least 3/4 of the two-byte codes inside the GB2312 area (A1–F7 lead,
 * A1–FE trail) where everyday simplified Chinese lives.
 */
static int
looks_gb18030(const char *raw, size_t len, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)raw;
	size_t wide = 0, gb2312 = 0, nonascii = 0, cjk = 0;

	for (size_t i = 0; i < len;) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if (i + 1 < len && u[i + 1] >= 0x30 && u[i + 1] <= 0x39) {
			i += 4;
		} else {
			if (i + 1 < len && u[i] >= 0xa1 && u[i] <= 0xf7 && u[i + 1] >= 0xa1 && u[i + 1] <= 0xfe)
				gb2312++;
			i += 2;
		}
		wide++;
	}
	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += (size_t)utf8_decode(s + i, &cp);
		if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f')
			return 0;
		if (cp < 0x80)
			continue;
		nonascii++;
		if (is_cjk(cp))
			cjk++;
	}
	return nonascii > 0 && cjk * 10 >= nonascii * 9 && gb2312 * 4 >= wide * 3;
}

/*
 * Returns the input as UTF-8 text with LF line ends, without a BOM and
 * without control characters other than tab and newline (caller frees), or
 * NULL after adding an error to d.
 */
static char *
import_decode(const char *path, const char *data, size_t len, struct diags *d)
{
	const unsigned char *u = (const unsigned char *)data;
	char *dec = NULL, *out;
	size_t n = 0, j = 0;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		if (utf8_valid(data + 3, len - 3) == len - 3) {
			dec = xstrndup(data + 3, len - 3);
			n = len - 3;
		}
	} else if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
		dec = iconv_to_utf8(u[0] == 0xff ? "UTF-16LE" : "UTF-16BE", data + 2, len - 2, &n);
		if (dec != NULL && utf8_valid(dec, n) != n) {
			free(dec);
			dec = NULL;
		}
	} else if (utf8_valid(data, len) == len) {
		dec = xstrndup(data, len);
		n = len;
	} else {
		dec = iconv_to_utf8("GB18030", data, len, &n);
		if (dec != NULL && (utf8_valid(dec, n) != n || !looks_gb18030(data, len, dec, n))) {
			free(dec);
			dec = NULL;
		}
	}
	if (dec == NULL) {
		diag_add(d, DIAG_ERROR, "import-encoding", path, 0, 0,
		    "cannot tell the text encoding (tried UTF-8, UTF-16 with BOM, GB18030); "
		    "save the file as UTF-8 and try again");
		return NULL;
	}
	/* a C1 control is 2 bytes, its U+FFFD stand-in 3: room for growth */
	out = xmalloc(n * 2 + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)dec[i];

		if (c == '\r') {
			out[j++] = '\n';
			if (i + 1 < n && dec[i + 1] == '\n')
				i++;
		} else if (c >= 0x80) {
			uint32_t cp;
			int k = utf8_decode(dec + i, &cp);

			/* not text (C1 controls, noncharacters): YAML refuses them, so U+FFFD */
			if ((cp >= 0x80 && cp <= 0x9f) || cp == 0xfffe || cp == 0xffff ||
			    (cp >= 0xfdd0 && cp <= 0xfdef)) {
				memcpy(out + j, "\xef\xbf\xbd", 3);
				j += 3;
			} else {
				memcpy(out + j, dec + i, (size_t)k);
				j += (size_t)k;
			}
			i += (size_t)k - 1;
		} else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f))
			out[j++] = (char)c;
	}
	out[j] = '\0';
	free(dec);
	return out;
}

/* ------------------------------------------------------------------ */
/* damage                                                               */

/*
 * One warning per damaged line (damage.h), at the first sign: the whole
 * paragraph needs checking against the original. `gongkai check` keeps
 * reporting it (damaged-text) until someone does.
 */
static void
damage_warn(const char *path, const char *src, const char *s, size_t n, int line,
    struct diags *d)
{
	struct damage_hit h;
	char what[64];

	if (damage_line(s, n, &h))
		diag_add_src(d, DIAG_WARNING, "import-damage", path, src, line, h.col,
		    "text looks damaged by a wrong encoding conversion (%s); check this paragraph "
		    "against the original", damage_describe(&h, what));
}

/* ------------------------------------------------------------------ */
/* clean                                                                */

/*
 * Length of a stray HTML tag at s, 0 if there is none. Sets *brk when the
 * tag breaks the paragraph (br, p, div). Inline formatting tags (b, span,
 * font …) are dropped; anything else stays as text and is escaped later.
 * "?BR>" is the shape "。<BR>" takes after a lossy conversion ate the '<'.
 */
static size_t
tag_at(const char *s, size_t n, int *brk)
{
	static const char *const breaks[] = { "br", "p", "div", NULL };
	static const char *const inl[] = {
		"b", "i", "u", "s", "em", "strong", "span", "font", "sup", "sub",
		"small", "big", "center", "o:p", NULL
	};
	char name[16];
	size_t i = 1, k = 0;

	*brk = 0;
	if (s[0] == '?') {
		if (n >= 4 && strncasecmp(s + 1, "br", 2) == 0) {
			i = 3;
			while (i < n && (s[i] == ' ' || s[i] == '/'))
				i++;
			if (i < n && s[i] == '>') {
				*brk = 1;
				return i + 1;
			}
		}
		return 0;
	}
	if (i < n && s[i] == '/')
		i++;
	if (i >= n || !isalpha((unsigned char)s[i]))
		return 0;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == ':') && k < sizeof name - 1)
		name[k++] = (char)tolower((unsigned char)s[i++]);
	name[k] = '\0';
	if (i < n && s[i] != '>' && s[i] != '/' && s[i] != ' ')
		return 0;
	while (i < n && i < 200 && s[i] != '>' && s[i] != '<')
		i++;
	if (i >= n || s[i] != '>')
		return 0;
	for (int j = 0; breaks[j]; j++)
		if (strcmp(name, breaks[j]) == 0) {
			*brk = 1;
			return i + 1;
		}
	for (int j = 0; inl[j]; j++)
		if (strcmp(name, inl[j]) == 0)
			return i + 1;
	return 0;
}

/* Length of an HTML entity at s, appending its text to b; 0 if none. */
static size_t
entity_at(const char *s, size_t n, struct sb *b)
{
	static const struct { const char *name, *text; } ent[] = {
		{ "&nbsp;", " " }, { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&apos;", "'" }, { "&ldquo;", "“" }, { "&rdquo;", "”" },
	};

	for (size_t i = 0; i < sizeof ent / sizeof ent[0]; i++) {
		size_t k = strlen(ent[i].name);

		if (k <= n && strncasecmp(s, ent[i].name, k) == 0) {
			sb_puts(b, ent[i].text);
			return k;
		}
	}
	return 0;
}

/*
 * Ends the current paragraph: trimmed, and in Chinese text an even number
 * of ASCII '"' become “ ” pairs (the input had \"…\" from a bad export).
 */
static void
flush_para(struct sb *b, int line, struct ivec *out)
{
	const char *s = sb_str(b);
	size_t n = b->len, quotes = 0;
	int cjk = 0, k;
	struct sb q;

	s = trim(s, &n);
	if (n == 0)
		goto out;
	for (size_t i = 0; i < n; i += (size_t)k) {
		if (is_cjk(cp_at(s + i, &k)))
			cjk = 1;
		if (s[i] == '"')
			quotes++;
	}
	sb_init(&q);
	if (cjk && quotes > 0 && quotes % 2 == 0) {
		int open = 1;

		for (size_t i = 0; i < n; i++) {
			if (s[i] == '"') {
				sb_puts(&q, open ? "“" : "”");
				open = !open;
			} else
				sb_putc(&q, s[i]);
		}
	} else
		sb_add(&q, s, n);
	ivec_insert(out, out->n, sb_take(&q), line);
out:
	sb_free(b);
	sb_init(b);
}

/* Splits the decoded text into cleaned paragraphs (one per line, more at <BR>). */
static void
split_clean(const char *text, struct ivec *out)
{
	const char *p = text;
	int line = 1;
	struct sb b;

	sb_init(&b);
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n, i = 0, t;
		int brk;

		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		while (i < n) {
			unsigned char c = (unsigned char)p[i];

			if (c == '\\' && i + 1 < n && (p[i + 1] == '"' || p[i + 1] == '\'')) {
				i++;	/* a stray escape: keep only the quote */
				continue;
			}
			if ((c == '<' || c == '?') && (t = tag_at(p + i, n - i, &brk)) > 0) {
				if (brk)
					flush_para(&b, line, out);
				i += t;
				continue;
			}
			if (c == '&' && (t = entity_at(p + i, n - i, &b)) > 0) {
				i += t;
				continue;
			}
			sb_putc(&b, c == '\t' ? ' ' : (char)c);
			i++;
		}
		flush_para(&b, line, out);
		line++;
		p = *e ? e + 1 : e;
	}
	sb_free(&b);
}

/* ------------------------------------------------------------------ */
/* outline numbers                                                      */

/* Skips blanks after a marker. */
static size_t
skip_blanks(const char *s)
{
	size_t n = 0, k;

	while ((k = blank_at(s + n)) > 0)
		n += k;
	return n;
}

/*
 * Recognises the GB/T 9704 numbers at the start of s:
 *   一、 (also 一． 一.)              → H1, label "一、"
 *   （一） (一)  optionally + 、 or .  → H2, label "（一）" (the 、 is dropped:
 *                                       GB/T 9704 puts no punctuation after it)
 *   1. 1． 1、 (1–3 digits)           → H3, label as written; "1." must not be
 *                                       followed by a digit, so 1.5万元 and 3.2公里
 *                                       are amounts, never numbers
 *   （1） (1)                          → ITEM, label "（1）"
 * A number with no text after it is no marker.
 */
static void
parse_mark(const char *s, struct mark *m)
{
	size_t k, o = 0, sep = 0, dn = 0;
	int dk, dv;
	char digits[8];

	memset(m, 0, sizeof *m);
	if ((k = cn_numeral(s)) > 0) {
		if (has_prefix(s + k, "、") || has_prefix(s + k, "．"))
			sep = 3;
		else if (s[k] == '.' && !isdigit((unsigned char)s[k + 1]))
			sep = 1;
		if (sep) {
			m->type = IMPORT_MARK_H1;
			snprintf(m->label, sizeof m->label, "%.*s、", (int)k, s);
			m->len = k + sep;
		}
	} else if (has_prefix(s, "（") || s[0] == '(') {
		o = s[0] == '(' ? 1 : 3;
		if ((k = cn_numeral(s + o)) > 0) {
			m->type = IMPORT_MARK_H2;
			snprintf(m->label, sizeof m->label, "（%.*s）", (int)k, s + o);
		} else {
			k = 0;
			while (dn < 3 && (dv = digit_at(s + o + k, &dk)) >= 0) {
				digits[dn++] = (char)('0' + dv);
				k += (size_t)dk;
			}
			digits[dn] = '\0';
			if (dn == 0 || digit_at(s + o + k, &dk) >= 0)
				return;
			m->type = IMPORT_MARK_ITEM;
			snprintf(m->label, sizeof m->label, "（%s）", digits);
		}
		o += k;
		if (has_prefix(s + o, "）"))
			o += 3;
		else if (s[o] == ')')
			o += 1;
		else {
			m->type = IMPORT_MARK_NONE;
			return;
		}
		if (has_prefix(s + o, "、") || has_prefix(s + o, "．"))
			o += 3;
		else if (s[o] == '.' && !isdigit((unsigned char)s[o + 1]))
			o += 1;
		m->len = o;
	} else {
		k = 0;
		while (dn < 3 && (dv = digit_at(s + k, &dk)) >= 0) {
			digits[dn++] = (char)('0' + dv);
			k += (size_t)dk;
		}
		digits[dn] = '\0';
		if (dn == 0 || digit_at(s + k, &dk) >= 0)
			return;
		if (has_prefix(s + k, "、") || has_prefix(s + k, "．"))
			sep = 3;
		else if (s[k] == '.' && digit_at(s + k + 1, &dk) < 0)
			sep = 1;
		if (!sep)
			return;
		m->type = IMPORT_MARK_H3;
		snprintf(m->label, sizeof m->label, "%s%.*s", digits, (int)sep, s + k);
		m->len = k + sep;
	}
	if (m->type == IMPORT_MARK_NONE)
		return;
	m->len += skip_blanks(s + m->len);
	if (s[m->len] == '\0')
		m->type = IMPORT_MARK_NONE;
}

/* ------------------------------------------------------------------ */
/* title                                                                */

/*
 * The length of s without a closing "..." / "…" / "。。。" (a truncated
 * copy), or n when it has none.
 */
static size_t
strip_dots(const char *s, size_t n)
{
	size_t m = n;
	int dots = 0, ell = 0;

	for (;;) {
		if (m >= 3 && has_prefix(s + m - 3, "…")) {
			m -= 3;
			ell++;
		} else if (m >= 3 && (has_prefix(s + m - 3, "。") || has_prefix(s + m - 3, "．"))) {
			m -= 3;
			dots++;
		} else if (m >= 1 && s[m - 1] == '.') {
			m -= 1;
			dots++;
		} else
			break;
	}
	return ell > 0 || dots >= 3 ? m : n;
}

/*
 * Drops a first line that is a shortened copy of the second ("…并结..."
 * above the full sentence), as copy-paste from a web page's summary leaves.
 */
static void
drop_truncated_first(const char *path, struct ivec *L, struct diags *d)
{
	const char *a, *b;
	size_t n, m;

	if (L->n < 2)
		return;
	a = L->v[0].s;
	b = L->v[1].s;
	n = strlen(a);
	m = strip_dots(a, n);
	if ((m < n && utf8_count(a, m) >= 2 && strncmp(a, b, m) == 0) || strcmp(a, b) == 0) {
		diag_add(d, DIAG_WARNING, "import-title", path, L->v[0].line, 1,
		    "the first line is a shortened copy of the next one; left it out");
		ivec_remove(L, 0);
	}
}

/* The file name without folders and extension, as a last-resort title. */
static char *
base_title(const char *path)
{
	const char *b = strrchr(path, '/'), *dot;

	if (strcmp(path, "(stdin)") == 0)
		return xstrdup("未命名");
	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	return xstrndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

/*
 * Takes the title off the first paragraph. A line up to IMPORT_TITLE_SHORT
 * characters is the title. A longer line is the title glued to the first
 * sentence ("…实施方案为贯彻落实…"): it is cut after the first document-type
 * word (方案, 办法, 通知 …) found within IMPORT_TITLE_SCAN characters,
 * outside 《》, before any ，。；; the rest stays as the first paragraph. A
 * long line without such a word is the title when under
 * IMPORT_TITLE_SCAN characters, else the file name stands in and the line
 * stays in the body. A first line numbered like a heading is no title.
 */
static char *
take_title(const char *path, struct ivec *L, struct diags *d)
{
	static const char *const words[] = {
		"实施方案", "方案", "办法", "通知", "意见", "决定", "报告", "规定", "细则",
		"纪要", "通报", "公告", "公示", "请示", "批复", "规划", "计划", "总结",
		"要点", "决议", "条例", "章程", NULL
	};
	const char *s;
	size_t n, i, chars = 0;
	int depth = 0, k;
	struct mark m;
	char *title;

	if (L->n == 0)
		return base_title(path);
	s = L->v[0].s;
	n = strlen(s);
	parse_mark(s, &m);
	if (m.type == IMPORT_MARK_H1 || m.type == IMPORT_MARK_H2) {
		diag_add(d, DIAG_WARNING, "import-title", path, L->v[0].line, 1,
		    "the document starts with a heading, not a title; used the file name: "
		    "set 标题 (title) in the front matter");
		return base_title(path);
	}
	if (utf8_count(s, n) <= IMPORT_TITLE_SHORT) {
		title = L->v[0].s;
		L->v[0].s = NULL;
		ivec_remove(L, 0);
		return title;
	}
	for (i = 0; i < n && chars < IMPORT_TITLE_SCAN; chars++) {
		if (has_prefix(s + i, "《"))
			depth++;
		else if (has_prefix(s + i, "》") && depth > 0)
			depth--;
		else if (is_sentence_end(s + i) || has_prefix(s + i, "，"))
			break;
		else if (depth == 0) {
			for (int w = 0; words[w]; w++) {
				size_t wl = strlen(words[w]);

				if (has_prefix(s + i, words[w]) && s[i + wl] != '\0' &&
				    !has_prefix(s + i + wl, "》")) {
					title = trimmed_dup(s, i + wl);
					char *rest = trimmed_dup(s + i + wl, n - i - wl);

					free(L->v[0].s);
					L->v[0].s = rest;
					if (*rest == '\0')
						ivec_remove(L, 0);
					return title;
				}
			}
		}
		cp_at(s + i, &k);
		i += (size_t)k;
	}
	if (utf8_count(s, n) <= IMPORT_TITLE_SCAN) {
		title = L->v[0].s;
		L->v[0].s = NULL;
		ivec_remove(L, 0);
		return title;
	}
	diag_add(d, DIAG_WARNING, "import-title", path, L->v[0].line, 1,
	    "could not tell where the title ends; used the file name: set 标题 (title) in the front matter");
	return base_title(path);
}

/* ------------------------------------------------------------------ */
/* signature: 落款 and 成文日期                                          */

static int
date_ok(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* Month or day as 1–2 digits or 一…三十一, followed by `unit`; bytes or 0. */
static size_t
date_part(const char *s, const char *unit, int *v)
{
	size_t n = 0;
	int dk, dv, k = 0;

	*v = 0;
	while (k < 2 && (dv = digit_at(s + n, &dk)) >= 0) {
		*v = *v * 10 + dv;
		n += (size_t)dk;
		k++;
	}
	if (k == 0) {
		while (n < 9 && (cn_digit(s + n) > 0 || has_prefix(s + n, "十")))
			n += 3;
		if (n == 0 || (*v = cn_value(s, n)) < 0)
			return 0;
	}
	if (!has_prefix(s + n, unit))
		return 0;
	return n + strlen(unit);
}

/*
 * A date at s: 2024年5月20日, ２０２４年…, 二〇二四年五月二十日 (also 二O二四);
 * bytes consumed or 0.
 */
static size_t
date_at(const char *s, struct ymd *out)
{
	size_t n = 0, k;
	int y = 0, dk, dv, m, dd;

	if (digit_at(s, &dk) >= 0) {
		for (int i = 0; i < 4; i++) {
			if ((dv = digit_at(s + n, &dk)) < 0)
				return 0;
			y = y * 10 + dv;
			n += (size_t)dk;
		}
	} else {
		for (int i = 0; i < 4; i++) {
			if ((dv = cn_digit(s + n)) >= 0 || has_prefix(s + n, "Ｏ")) {
				n += 3;
			} else if (s[n] == 'O' || s[n] == 'o') {
				n += 1;
			} else
				return 0;
			if (dv < 0)
				dv = 0;	/* the letter O typed for 〇 */
			y = y * 10 + dv;
		}
	}
	if (!has_prefix(s + n, "年"))
		return 0;
	n += 3;
	if ((k = date_part(s + n, "月", &m)) == 0)
		return 0;
	n += k;
	if ((k = date_part(s + n, "日", &dd)) == 0 && (k = date_part(s + n, "号", &dd)) == 0)
		return 0;
	n += k;
	if (!date_ok(y, m, dd))
		return 0;
	out->y = y;
	out->m = m;
	out->d = dd;
	return n;
}

/* Finds a date that ends s (blanks aside); sets *pos to its start. */
static int
date_at_end(const char *s, size_t *pos, struct ymd *out)
{
	size_t n = strlen(s), k;
	int ck;

	for (size_t i = 0; i < n; i += (size_t)ck) {
		if ((k = date_at(s + i, out)) > 0) {
			size_t rest = n - i - k;

			trim(s + i + k, &rest);
			if (rest == 0) {
				*pos = i;
				return 1;
			}
		}
		cp_at(s + i, &ck);
	}
	return 0;
}

/* Does s end like an organisation's name (…委, …部, …委员会, …政府)? */
static int
ends_like_org(const char *s, size_t n)
{
	static const char *const suf[] = {
		"委", "部", "局", "办", "府", "会", "组", "处", "室", "厅", "院", "所", "站",
		"中心", "支部", "总支", "社", "队", "村", "镇", "乡", "街道", "社区", "县",
		"公司", "厂", "校", NULL
	};

	for (int i = 0; suf[i]; i++) {
		size_t k = strlen(suf[i]);

		if (n >= k && memcmp(s + n - k, suf[i], k) == 0)
			return 1;
	}
	return 0;
}

/* Could s[0..n) be a 落款: short, no sentence punctuation, no outline number? */
static int
author_like(const char *s, size_t n, int need_org)
{
	static const char *const bad[] = {
		"。", "，", "；", "：", "！", "？", ",", ";", ":", "!", "?", NULL
	};
	char *t;
	struct mark m;
	int ok = 1;

	if (n == 0 || utf8_count(s, n) > IMPORT_AUTHOR_MAX)
		return 0;
	t = xstrndup(s, n);
	for (int i = 0; bad[i] && ok; i++)
		if (strstr(t, bad[i]) != NULL)
			ok = 0;
	parse_mark(t, &m);
	if (m.type != IMPORT_MARK_NONE)
		ok = 0;
	if (need_org && !ends_like_org(s, n))
		ok = 0;
	free(t);
	return ok;
}

/*
 * The last paragraph ends with a date: that is the 成文日期, and the 落款
 * is, in order of preference,
 *   - the line before, when the date stands alone on its line;
 *   - the text before the date on the same line, when it reads as a name
 *     (short, no sentence punctuation; glued without a blank it must also
 *     end like an organisation, 委/部/局/政府 …);
 *   - the text between the last 。！？； and the date when both were glued
 *     to the end of the last paragraph ("…的建设。中共**县委组织部2024年5月20日").
 * A date inside a sentence ("…定于2024年5月20日") is left alone.
 */
static void
take_signature(struct ivec *L, char **author, struct ymd *date)
{
	size_t last, pos, n, cut = 0, tn;
	const char *s, *p, *tail;
	int k;

	if (L->n == 0)
		return;
	last = L->n - 1;
	s = L->v[last].s;
	if (!date_at_end(s, &pos, date))
		return;
	n = pos;
	p = trim(s, &n);
	if (n == 0) {
		ivec_remove(L, last);
		if (L->n > 0 && author_like(L->v[L->n - 1].s, strlen(L->v[L->n - 1].s), 0)) {
			*author = L->v[L->n - 1].s;
			L->v[L->n - 1].s = NULL;
			ivec_remove(L, L->n - 1);
		}
		return;
	}
	if (author_like(p, n, blank_before(s, pos) == 0)) {
		*author = xstrndup(p, n);
		ivec_remove(L, last);
		return;
	}
	for (size_t i = 0; i < n; i += (size_t)k) {
		if (is_sentence_end(p + i))
			cut = i + 3;
		cp_at(p + i, &k);
	}
	if (cut == 0) {
		memset(date, 0, sizeof *date);
		return;
	}
	tn = n - cut;
	tail = trim(p + cut, &tn);
	if (tn > 0 && !author_like(tail, tn, 1)) {
		memset(date, 0, sizeof *date);
		return;
	}
	if (tn > 0)
		*author = xstrndup(tail, tn);
	L->v[last].s[(size_t)(p - s) + cut] = '\0';
}

/* ------------------------------------------------------------------ */
/* render                                                               */

/*
 * Appends s with everything Markdown (CommonMark + GFM) would read as markup
 * escaped, so the text renders as written: \ * _ ` [ ] < | ~ # everywhere,
 * & before a name or #, and at the start of a block > + - = and an ordered
 * list number "1." / "1)" (but "1.5万元" stays as it is: a list marker needs
 * a blank after it, and a digit never is one).
 */
static void
md_text(struct sb *b, const char *s, int block_start)
{
	size_t i = 0, n = strlen(s);

	if (block_start) {
		size_t j = 0;

		while (j < 9 && isdigit((unsigned char)s[j]))
			j++;
		if (s[0] == '>' || s[0] == '+' || s[0] == '-' || s[0] == '=') {
			sb_putc(b, '\\');
			sb_putc(b, s[0]);
			i = 1;
		} else if (j > 0 && (s[j] == '.' || s[j] == ')') && !isdigit((unsigned char)s[j + 1])) {
			sb_add(b, s, j);
			sb_putc(b, '\\');
			sb_putc(b, s[j]);
			i = j + 1;
		}
	}
	for (; i < n; i++) {
		char c = s[i];

		switch (c) {
		case '\\': case '*': case '_': case '`': case '[': case ']':
		case '<': case '|': case '~': case '#':
			sb_putc(b, '\\');
			sb_putc(b, c);
			break;
		case '&':
			if (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '#')
				sb_putc(b, '\\');
			sb_putc(b, c);
			break;
		default:
			sb_putc(b, c);
		}
	}
}

/* Block separation: one blank line, but list items of one list stay together. */
struct md_out {
	struct sb	b;
	int		last_item;
};

static void
md_begin(struct md_out *o, int item)
{
	if (o->b.len > 0)
		sb_puts(&o->b, item && o->last_item ? "\n" : "\n\n");
	o->last_item = item;
}

static void
md_heading(struct md_out *o, enum import_mark t, const char *label, const char *text, size_t n)
{
	char *h;
	size_t k;

	/* A heading keeps no closing punctuation or colon. */
	while (n > 0) {
		if (n >= 3 && (is_sentence_end(text + n - 3) || has_prefix(text + n - 3, "：")))
			n -= 3;
		else if (text[n - 1] == ':' || text[n - 1] == '.')
			n -= 1;
		else if ((k = blank_before(text, n)) > 0)
			n -= k;
		else
			break;
	}
	md_begin(o, 0);
	sb_puts(&o->b, t == IMPORT_MARK_H1 ? "## " : t == IMPORT_MARK_H2 ? "### " : "#### ");
	h = xasprintf("%s%.*s", label, (int)n, text);
	md_text(&o->b, h, 0);
	free(h);
}

static void
md_para(struct md_out *o, const char *label, const char *text)
{
	char *p = xasprintf("%s%s", label, text);

	md_begin(o, 0);
	md_text(&o->b, p, 1);
	free(p);
}

/*
 * Does s[0..n) hold a colon (: or ：)? With `inner`, a colon that ends s
 * does not count ("一、指导思想：" is still a heading).
 */
static int
has_colon(const char *s, size_t n, int inner)
{
	if (inner && n >= 3 && has_prefix(s + n - 3, "："))
		n -= 3;
	else if (inner && n >= 1 && s[n - 1] == ':')
		n -= 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ':' || (i + 3 <= n && has_prefix(s + i, "：")))
			return 1;
	return 0;
}

/*
 * "四、考核办法按照…": a heading glued to its body with no punctuation. We
 * split only at a clear seam: a heading noun (办法, 要求, 步骤 …) ending
 * within the first 12 characters and followed at once by a word that opens
 * a sentence (按照, 根据, 为了 …). Returns the byte length of the heading, 0
 * when there is no such seam.
 */
static size_t
keyword_split(const char *s)
{
	static const char *const nouns[] = {
		"办法", "要求", "步骤", "情况", "领导", "措施", "目标", "原则", "安排", "内容",
		"范围", "对象", "任务", "职责", "分工", "时间", "方法", "标准", "意义", "思想",
		"保障", "机制", "程序", "纪律", "方式", "依据", NULL
	};
	static const char *const openers[] = {
		"按照", "根据", "依据", "为了", "为", "坚持", "通过", "结合", "各", "在", "由",
		"以", "对", "从", "经", NULL
	};
	size_t i = 0;
	int k;

	for (int chars = 0; s[i] && chars < 12; chars++) {
		for (int w = 0; nouns[w]; w++) {
			size_t wl = strlen(nouns[w]);

			if (!has_prefix(s + i, nouns[w]))
				continue;
			for (int o = 0; openers[o]; o++)
				if (has_prefix(s + i + wl, openers[o]))
					return i + wl;
		}
		if (is_sentence_end(s + i) || has_prefix(s + i, "，"))
			return 0;
		cp_at(s + i, &k);
		i += (size_t)k;
	}
	return 0;
}

/*
 * One numbered line. GB/T 9704 puts a short heading alone on its line or
 * runs it into the body after a full stop. So:
 *   - up to IMPORT_HEAD_MAX characters, no 。！？；, no inner colon → heading;
 *   - else a first sentence of at most IMPORT_RUNIN_MAX characters (no
 *     colon) → heading, and the rest a paragraph (a level-3 "1." line that
 *     is one short sentence and nothing else is a numbered paragraph);
 *   - else for 一、 and （一）, a clear seam (keyword_split) → heading + body;
 *   - else a numbered paragraph, with a warning for 一、 and （一） so a
 *     person looks at it. ("1、**镇:地处…" is such a paragraph, quietly.)
 * (The caller has already made "1." lines that follow one another, with no
 * text between them, numbered paragraphs: a heading has a body.)
 */
static void
md_marked(const char *path, struct md_out *o, const struct iline *l, const struct mark *m,
    struct diags *d)
{
	const char *rest = l->s + m->len, *stop = NULL;
	size_t rn = strlen(rest), cut;
	int k;

	for (size_t i = 0; i < rn; i += (size_t)k) {
		if (is_sentence_end(rest + i)) {
			stop = rest + i;
			break;
		}
		cp_at(rest + i, &k);
	}
	if (m->type == IMPORT_MARK_ITEM) {
		md_begin(o, 1);
		sb_puts(&o->b, "- ");
		md_text(&o->b, m->label, 0);
		md_text(&o->b, rest, 0);
		return;
	}
	if ((stop == NULL || stop + 3 == rest + rn) && utf8_count(rest, rn) <= IMPORT_HEAD_MAX &&
	    !has_colon(rest, rn, 1) && !(stop != NULL && m->type == IMPORT_MARK_H3)) {
		md_heading(o, m->type, m->label, rest, rn);
		return;
	}
	if (stop != NULL && utf8_count(rest, (size_t)(stop - rest)) <= IMPORT_RUNIN_MAX &&
	    !has_colon(rest, (size_t)(stop - rest), 0)) {
		const char *body = stop + 3;

		body += skip_blanks(body);
		if (*body == '\0' && m->type == IMPORT_MARK_H3) {
			md_para(o, m->label, rest);
			return;
		}
		md_heading(o, m->type, m->label, rest, (size_t)(stop - rest));
		if (*body != '\0')
			md_para(o, "", body);
		return;
	}
	if (m->type != IMPORT_MARK_H3 && (cut = keyword_split(rest)) > 0) {
		md_heading(o, m->type, m->label, rest, cut);
		md_para(o, "", rest + cut);
		return;
	}
	if (m->type != IMPORT_MARK_H3)
		diag_add(d, DIAG_WARNING, "import-heading", path, l->line, 1,
		    "numbered like a heading (%s) but runs on into the text, with no clear end "
		    "to the heading; kept it as a paragraph", m->label);
	md_para(o, m->label, rest);
}

static int
is_record_kind(const char *kind)
{
	return kind != NULL && strcmp(kind, "page") != 0;
}

/* The key table the front matter is written for: the kind's, or a free page's. */
static enum schema_which
kind_table(const char *kind)
{
	int k = is_record_kind(kind) ? kind_by_dir(kind) : -1;

	return k >= 0 ? kind_info[k].schema : SCHEMA_PAGE;
}

/*
 * The front matter with the content model's Chinese keys (标题, 日期,
 * 发布单位), as `gongkai new` writes them, and the body after it.
 */
static char *
render_file(const char *kind, const char *title, const char *date, const char *author,
    const struct sb *body)
{
	enum schema_which w = kind_table(kind);
	struct sb b;

	sb_init(&b);
	sb_puts(&b, "---\n");
	rw_pair(&b, w, "title", title);
	if (date[0] != '\0')
		sb_printf(&b, "%s: %s\n", rw_key(w, "date"), date);
	if (author != NULL)
		rw_pair(&b, w, "author", author);
	sb_puts(&b, "---\n");
	if (body->len > 0) {
		sb_putc(&b, '\n');
		sb_add(&b, body->buf, body->len);
		sb_putc(&b, '\n');
	}
	return sb_take(&b);
}

/* import_convert, also handing back the date found ("YYYY-MM-DD", or ""). */
static char *
convert(const char *path, const char *data, size_t len, const char *kind,
    struct diags *d, char datebuf[11])
{
	char *text = NULL, *title = NULL, *author = NULL, *res = NULL;
	struct ivec L;
	struct ymd date;
	struct md_out o;
	const char *p;
	int line = 1;

	memset(&L, 0, sizeof L);
	memset(&date, 0, sizeof date);
	memset(&o, 0, sizeof o);
	sb_init(&o.b);
	datebuf[0] = '\0';
	if ((text = import_decode(path, data, len, d)) == NULL)
		goto out;
	for (p = text; *p; line++) {
		const char *e = strchr(p, '\n');

		if (e == NULL)
			e = p + strlen(p);
		damage_warn(path, text, p, (size_t)(e - p), line, d);
		p = *e ? e + 1 : e;
	}
	split_clean(text, &L);
	if (L.n == 0) {
		diag_add(d, DIAG_ERROR, "import-empty", path, 0, 0,
		    "there is no text to import");
		goto out;
	}
	drop_truncated_first(path, &L, d);
	title = take_title(path, &L, d);
	take_signature(&L, &author, &date);
	if (date.y == 0 && is_record_kind(kind))
		diag_add(d, DIAG_WARNING, "import-date", path, 0, 0,
		    "found no date (成文日期) at the end of the document; add '日期: YYYY-MM-DD' "
		    "to the front matter");
	for (size_t i = 0; i < L.n; i++) {
		struct mark m;

		if (L.v[i].s[0] == '\0')
			continue;
		parse_mark(L.v[i].s, &m);
		if (m.type == IMPORT_MARK_H3 && i + 1 < L.n) {
			struct mark next;

			/* "1." lines one after another are a list of points, not headings. */
			parse_mark(L.v[i + 1].s, &next);
			if (next.type == IMPORT_MARK_H3) {
				md_para(&o, m.label, L.v[i].s + m.len);
				continue;
			}
		}
		if (m.type == IMPORT_MARK_NONE)
			md_para(&o, "", L.v[i].s);
		else
			md_marked(path, &o, &L.v[i], &m, d);
	}
	if (date.y)
		snprintf(datebuf, 11, "%04d-%02d-%02d", date.y, date.m, date.d);
	res = render_file(kind, title, datebuf, author, &o.b);
out:
	sb_free(&o.b);
	ivec_free(&L);
	free(text);
	free(title);
	free(author);
	return res;
}

char *
import_convert(const char *path, const char *data, size_t len, const char *kind,
    struct diags *d)
{
	char datebuf[11];

	return convert(path, data, len, kind, d, datebuf);
}

/* ------------------------------------------------------------------ */
/* command                                                              */

static const char import_usage[] =
    N_("usage: gongkai import FILE [--site ID --kind KIND] [-C DIR] [-o OUT.md | --stdout]\n"
    "\n"
    "Turns a plain-text official document (公文; UTF-8, UTF-16 with a BOM, GB18030\n"
    "or GBK) into Markdown with front matter: the title (标题), and the issuing\n"
    "body (发布单位) and date (日期) when they close the document. 一、（一）1.（1）\n"
    "become headings and list items; characters Markdown would read as markup are\n"
    "escaped. Text that a wrong conversion damaged (runs of '?', U+FFFD) is kept as it\n"
    "is and reported; `gongkai check` reports it until it is corrected.\n"
    "\n"
    "  --site ID     write a record of site ID to DIR/sites/ID/KIND/DATE-import.md,\n"
    "                or DATE-import-2.md … when that is taken (reports:\n"
    "                DIR/sites/ID/reports/YEAR.md)\n"
    "  --kind KIND   work, meetings, disclosures, cases, assessments, reports, or\n"
    "                page (DIR/pages/SLUG.md, SLUG from the file name's ASCII words,\n"
    "                else import.md, import-2.md …; the default)\n"
    "  -C DIR        the content folder (default: content)\n"
    "  -o OUT.md     write to OUT.md instead\n"
    "  --stdout      print the Markdown instead of writing a file\n"
    "  -h, --help    show this help\n"
    "\n"
    "FILE - reads standard input. An existing file is never overwritten.\n"
    "\n"
    "Exit status: 0 done (warnings allowed), 1 a problem with the text (unknown\n"
    "encoding, nothing to import, the output file exists), 2 usage or system error.\n");

/* Prints a misuse message to stderr; returns the exit status 2. */
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs(_("gongkai import: "), stderr);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputs(_("\nTry 'gongkai import --help'.\n"), stderr);
	return 2;
}

/* A record kind's folder name (kinds.h), or "page". */
static int
valid_kind(const char *k)
{
	return strcmp(k, "page") == 0 || kind_by_dir(k) >= 0;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where a file with no -o goes: a folder and a name (without .md). */
struct dest {
	char	*dir;		/* owned */
	char	*stem;		/* owned */
	int	 numbered;	/* a generic name: take the first free stem, stem-2 … */
};

/*
 * DIR/sites/ID/KIND/DATE-import.md (DATE: the document's, else today),
 * DIR/sites/ID/reports/YEAR.md, DIR/pages/SLUG.md with the slug of the
 * file's name, or DIR/pages/import.md when the name has no ASCII word.
 */
static void
dest_plan(const char *cdir, const char *site, const char *kind, const char *file,
    const char *datebuf, struct dest *o)
{
	char today[11], *base;

	memset(o, 0, sizeof *o);
	if (datebuf[0] == '\0')
		date_iso(date_today(), today);
	else
		memcpy(today, datebuf, sizeof today);
	if (site != NULL && is_record_kind(kind)) {
		o->dir = xasprintf("%s/sites/%s/%s", cdir, site, kind);
		o->numbered = !kind_has(kind_by_dir(kind), KIND_F_BY_YEAR);
		o->stem = o->numbered ? xasprintf("%s-import", today) : xstrndup(today, 4);
		return;
	}
	o->dir = path_join(cdir, "pages");
	base = strcmp(file, "-") != 0 ? base_title(file) : NULL;
	o->stem = base ? rw_slug(base) : NULL;
	free(base);
	if (o->stem == NULL) {
		o->stem = xstrdup("import");
		o->numbered = 1;
	}
}

/* rw_text_fn: the same Markdown whatever the name. */
static char *
same_text(void *ctx, const char *name)
{
	(void)name;
	return xstrdup(ctx);
}

/*
 * Writes md to outpath, or where dest_plan says, never over a file.
 * Returns the exit status, with any error added to d.
 */
static int
write_out(const char *md, const char *outpath, const char *cdir, const char *site,
    const char *kind, const char *file, const char *datebuf, struct diags *d)
{
	struct dest where;
	char *path = NULL;
	int wr, e, rc = 2;

	memset(&where, 0, sizeof where);
	if (outpath != NULL) {
		path = xstrdup(outpath);
		wr = rw_create_file(path, md);
	} else {
		if (!is_dir(cdir)) {
			fprintf(stderr, _("gongkai import: no content folder '%s'; run gongkai in the site "
			    "folder, or give -C DIR, -o OUT.md or --stdout\n"), cdir);
			return 2;
		}
		dest_plan(cdir, site, kind, file, datebuf, &where);
		wr = rw_create(where.dir, where.stem, where.numbered, same_text, (void *)md, &path);
	}
	e = errno;
	if (wr == 0) {
		printf("wrote %s\n", path);
		rc = 0;
	} else if (e == EEXIST) {
		diag_add(d, DIAG_ERROR, "import-exists", path, 0, 0,
		    "file exists; choose another name with -o");
		rc = 1;
	} else if (where.dir != NULL && strcmp(path, where.dir) == 0)
		diag_add(d, DIAG_ERROR, "io", path, 0, 0, "cannot create the folder: %s", strerror(e));
	else
		diag_add(d, DIAG_ERROR, "io", path, 0, 0, "cannot write the file: %s", strerror(e));
	free(where.dir);
	free(where.stem);
	free(path);
	return rc;
}

/* Reads FILE, or standard input for "-". 0, or -1 with errno. */
static int
read_input(const char *file, char **data, size_t *len)
{
	struct sb b;
	char tmp[65536];
	size_t n;

	if (strcmp(file, "-") != 0)
		return file_read(file, data, len);
	sb_init(&b);
	while ((n = fread(tmp, 1, sizeof tmp, stdin)) > 0)
		sb_add(&b, tmp, n);
	if (ferror(stdin)) {
		sb_free(&b);
		errno = EIO;
		return -1;
	}
	*len = b.len;
	*data = sb_take(&b);
	return 0;
}

int
cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "site",	required_argument,	NULL, 's' },
		{ "kind",	required_argument,	NULL, 'k' },
		{ "stdout",	no_argument,		NULL, 'S' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL,		0,			NULL, 0 }
	};
	const char *site = NULL, *kind = NULL, *cdir = "content", *outpath = NULL, *file;
	char *data = NULL, *md = NULL;
	char datebuf[11];
	size_t len = 0;
	int c, to_stdout = 0, rc = 2;
	struct diags d;

	diags_init(&d);
	optind = 0;	/* glibc: start afresh even after main's own getopt */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hC:o:", longopts, NULL)) != -1) {
		switch (c) {
		case 's': site = optarg; break;
		case 'k': kind = optarg; break;
		case 'S': to_stdout = 1; break;
		case 'C': cdir = optarg; break;
		case 'o': outpath = optarg; break;
		case 'h':
			fputs(_(import_usage), stdout);
			rc = 0;
			goto out;
		case ':':
			rc = usage_error("option %s needs a value", argv[optind - 1]);
			goto out;
		default:
			rc = usage_error("unknown option %s", argv[optind - 1]);
			goto out;
		}
	}
	if (optind != argc - 1) {
		rc = usage_error("%s", optind >= argc ? "give the FILE to import" :
		    "give exactly one FILE to import");
		goto out;
	}
	file = argv[optind];
	if (to_stdout && outpath != NULL) {
		rc = usage_error("%s", "-o and --stdout exclude each other");
		goto out;
	}
	if (kind != NULL && !valid_kind(kind)) {
		rc = usage_error("unknown kind '%s'; use one of work, meetings, disclosures, "
		    "cases, assessments, reports, page", kind);
		goto out;
	}
	if (site != NULL && kind == NULL) {
		rc = usage_error("%s", "--site needs --kind (work, meetings, disclosures, cases, "
		    "assessments, reports)");
		goto out;
	}
	if (is_record_kind(kind) && site == NULL && outpath == NULL && !to_stdout) {
		rc = usage_error("--kind %s needs --site ID (or -o OUT.md)", kind);
		goto out;
	}
	if (site != NULL && !rw_site_exists(cdir, site)) {
		rw_unknown_site("gongkai import", cdir, site);
		goto out;
	}
	if (read_input(file, &data, &len) != 0) {
		diag_add(&d, DIAG_ERROR, "io", file, 0, 0, "cannot read the file: %s", strerror(errno));
		goto out;
	}
	if ((md = convert(strcmp(file, "-") ? file : "(stdin)", data, len, kind, &d, datebuf)) == NULL) {
		rc = 1;
		goto out;
	}
	if (to_stdout) {
		fputs(md, stdout);
		rc = fflush(stdout) == 0 ? 0 : 2;
		goto out;
	}
	rc = write_out(md, outpath, cdir, site, kind, file, datebuf, &d);
out:
	if (d.n > 0)	/* diags_print hands v to qsort, which must not get NULL */
		diags_print(&d, 0);
	diags_free(&d);
	free(data);
	free(md);
	return rc;
}
