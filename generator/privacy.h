/*
 * privacy.h: find personal numbers (身份证号, 手机号码, 银行卡号) in text as a
 * reader sees it, and mask them, so that no full number reaches a page, a
 * feed, the search index, a file name or a message (issue 15).
 *
 * The detector reads what a reader sees, not bytes: HTML entities and
 * percent-encoding are decoded where the text is a URL or HTML, every
 * Unicode decimal digit counts (libunistring's uc_digit_value), compatibility
 * forms are folded (NFKC: Ｘ, full-width brackets and dots), invisible
 * characters (zero-width space, soft hyphen, word joiner: Unicode's
 * default-ignorable code points) are skipped, and digits may be written in
 * groups joined by up to three separators (any white space or line break,
 * a run of it counting as one, as a page shows it; dashes, slashes, dots,
 * brackets, '+', '*'), or one digit at a time
 * ("1 3 9 5 7 0 2 3 1 0 2", an ID's X typed apart: "… 002 X"), though not
 * one digit a table cell: one-digit groups beside longer ones, or one a
 * cell, are lists and counts. A mobile glued to an office number (0 and
 * 9-11 digits), to a privacy_allow number or to another mobile, a separator
 * forgotten ("0571888888813957023102"), is found in the run; other runs
 * longer than any number are not numbers. Text may come in several pieces (the
 * text nodes of one paragraph, split by emphasis or a link): a number is
 * found across them and the digits to hide are named piece by piece.
 *
 * It errs toward the citizen: an 18-character ID with a real province code
 * and birth date is masked whatever its check character, a card number of
 * 16-19 digits is masked when it passes Luhn, has a card prefix (62 …) or
 * follows a card word (卡号, 银行卡, 账号, 存折), whatever its Luhn digit.
 * Dates, amounts, periods and 公文 numbers are not numbers of a person:
 * groups that read as a date (2024-06-12) or that mix decimal points with
 * other separators are never joined into one number.
 */
#ifndef GONGKAI_PRIVACY_H
#define GONGKAI_PRIVACY_H

#include <stddef.h>
#include <stdint.h>

enum pii_kind {
	PII_ID18,	/* 18-character 居民身份证号 */
	PII_ID15,	/* old 15-digit 身份证号 */
	PII_MOBILE,	/* mainland mobile, 1[3-9] + 9 digits, maybe after +86 / 0086 */
	PII_BANK	/* bank card, 16-19 digits */
};

/* One piece of text for pii_detect. */
struct pii_seg {
	const char	*s;		/* UTF-8 (invalid bytes are read as U+FFFD) */
	size_t		 n;
	unsigned	 flags;		/* PII_* below */
};

enum {
	PII_GLUE = 1,		/* continues the piece before it: no break between them */
	PII_ENTITIES = 2,	/* decode &#49; &#x31; &nbsp; … (HTML, and text that may be) */
	PII_PERCENT = 4,	/* decode %31, %E2%80%8B … (URLs) */
	PII_TAGS = 8,		/* <…> is markup a reader does not see: skip it */
	PII_TAGS_BREAK = 16,	/* <…> ends a number (pages we wrote: cells, blocks) */
	PII_MDLINK = 32,	/* "](…)" is a Markdown link's target, written out: skip it */
	/*
	 * A new block or table cell of the same text: apart from the piece
	 * before it, but read once more joined to it as by a space, as the page
	 * reads with its tags stripped ("| 139 5702 | 3102 |").
	 */
	PII_BLOCK = 64,
	PII_SPACED = 128,	/* (internal) joined to the piece before by a space */
	/*
	 * Glued, but the page prints markup between this piece and the one
	 * before ("102</code>13923102"): read once more apart from it, as the
	 * HTML reads, while the rest of the block stays joined ("13923102\n000").
	 */
	PII_TAGGED = 512
};

/*
 * What text needs read as a reader would: entities, percent escapes and
 * link syntax written out ("[139](…)57333133" in a title or a code span).
 * Every text goes through the gate with at least these: a literal "&#49;"
 * shown on a page is still a digit to anyone who decodes it.
 */
#define PII_TEXT (PII_ENTITIES | PII_PERCENT | PII_MDLINK)
/*
 * A file we write (HTML, XML, JSON): read whole, attributes too, so a
 * number in an href or an id is found; '<' and '>' end a number.
 */
#define PII_EGRESS PII_TEXT

/* A number found. */
struct pii_hit {
	size_t		 seg;		/* piece of its first digit (0 for privacy_scan) */
	size_t		 off;		/* byte offset of its first digit in that piece */
	size_t		 len;		/* bytes up to its last digit when in the same piece; 0 when it goes on in later pieces */
	enum pii_kind	 kind;
	int		 bad_check;	/* an ID whose check character is wrong, a card failing Luhn */
	char		 shown[48];	/* the number as it is published: "139****5678" */
};

/* Bytes of one hidden digit (or X): replaced by one '*'. */
struct pii_span {
	size_t	 seg, off, len;
};

/* The numbers privacy_allow lets through (office phones), digits only. */
struct pii_allow;
/* From privacy_allow's strings (any separators); NULL when n is 0. Free with pii_allow_free. */
struct pii_allow *pii_allow_new(const char *const *list, size_t n);
void pii_allow_free(struct pii_allow *a);

struct pii_result {
	struct pii_hit	*hits;		/* in text order */
	size_t		 nhits;
	struct pii_span	*spans;		/* sorted by seg, then off; disjoint */
	size_t		 nspans;
};

/*
 * Reads segs[0..nsegs) and fills *out (free with pii_result_free). The
 * spans are what to hide; pii_apply makes a piece's masked text. Masking
 * is a fixed point: pii_detect over the masked pieces finds nothing.
 */
void pii_detect(const struct pii_seg *segs, size_t nsegs, const struct pii_allow *allow,
    struct pii_result *out);
void pii_result_free(struct pii_result *r);

/*
 * The text of piece `seg` (s, n bytes) with r's spans of that piece hidden:
 * a malloc'd NUL-terminated string (caller frees), *outlen its length (may
 * be NULL). Never longer than n. NULL when the piece has no span.
 */
char *pii_apply(const struct pii_result *r, size_t seg, const char *s, size_t n, size_t *outlen);

/*
 * One text (flags as for a piece, PII_TEXT when in doubt): its numbers,
 * masked to a fixed point. Returns the masked copy (caller frees), or NULL
 * when nothing was found (then s is as it should be). *outlen and *nfound
 * (either may be NULL) are set in both cases.
 */
char *pii_mask_text(const char *s, size_t n, unsigned flags, const struct pii_allow *allow,
    size_t *outlen, size_t *nfound);

/*
 * Everything pii_mask_text's result depends on besides the text: flags,
 * the allow list (as strings, in order), this gongkai binary (self_stamp)
 * and the libraries that class characters and name entities
 * (libunistring, libxml2). Equal stamps and equal texts give equal
 * results: a build may keep a text's masked bytes (output.c).
 */
uint64_t pii_stamp(unsigned flags, const char *const *allow, size_t nallow);

/*
 * The old single-text interface, with the allow list as strings: the
 * numbers of s[0..n) read as PII_TEXT (caller frees *hits; NULL when none).
 */
size_t privacy_scan(const char *s, size_t n, const char *const *allow,
    size_t nallow, struct pii_hit **hits);
/* pii_mask_text with PII_TEXT and the allow list as strings. */
char *privacy_mask_all(const char *s, size_t n, const char *const *allow,
    size_t nallow, size_t *outlen, size_t *nfound);

/*
 * 0 when s[0..n) surely holds nothing pii_detect would find with these
 * flags (no chain of 11 digits that only separators, entities, percent
 * escapes or, with PII_TAGS, markup join); 1 when it may. Cheap: read every
 * byte a build writes, so callers test it first.
 */
int privacy_may_hold(const char *s, size_t n, unsigned flags);

/*
 * 0 when s[0..n) has fewer than 11 characters that could be or stand for a
 * digit, however it is read (ASCII digits, and every character outside the
 * CJK blocks, which holds Unicode's other digits): then it holds no number
 * in any form, Markdown or not. Sound, cheap and blunt: for whole bodies.
 */
int privacy_may_hold_any(const char *s, size_t n);

/* The Chinese name of a kind for messages; a static string. */
const char *pii_kind_name(enum pii_kind k);

#endif
