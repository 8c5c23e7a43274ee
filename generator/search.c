/*
 * search.c: builds the static full-text search index that
 * themes/default/assets/search.js queries in the browser.
 *
 * Layout, all under search/ (every file is a script that hands its data to
 * the global GK_SEARCH, so <script> elements can load it from file:// where
 * fetch and XHR are blocked):
 *
 *   meta.js      GK_SEARCH.meta({v, docs, shards, kinds, years}): kinds
 *                are [id, label] pairs sorted by id; years are [year,
 *                first, end] document ranges, newest first. All a query
 *                with no result loads besides one shard (issue 20: an
 *                absent word costs <= 10 KB, whatever the county's size).
 *   sites.js     GK_SEARCH.sites([[id, name], ...]) sorted by id: loaded
 *                only to show results (the search page lists the sites in
 *                its HTML for the filter). 300 villages are 16 KB.
 *   t/S.js       GK_SEARCH.shard(S, {token: postings, ...}) for every token
 *                whose shard (search_shard) is S, tokens sorted bytewise.
 *                A token whose postings exceed HOT_BYTES maps to [H, df,
 *                top] instead (put_hot_ref), and its postings are in
 *                t/hH.js, written as GK_SEARCH.shard("hH", {token:
 *                postings}). So common characters do not make the shards of
 *                rare tokens heavy, and a one-word query needs no postings.
 *   d/B/N-P.js   GK_SEARCH.doc(N, P, [url, title, site, kind, date, start,
 *                text]) where B = N / 100: part P of document N's text,
 *                starting at code point start, with a little overlap so that
 *                a snippet around a match in the part needs no other file.
 *
 * Documents are numbered newest first (date descending, undated last, then in
 * the order added), so recency is the document number and a year is a range.
 * Filters by site and kind are tokens too: "#s:" + site id, "#k:" + kind.
 *
 * Postings are a string of entries in document order. Each entry is: the
 * gap to the previous document number minus one (the first is counted from
 * -1); v = title + 2 * part, where title is 1 if the token is in the title
 * and part is the doc part holding its first occurrence in the text; the
 * number of positions; the positions, the first as is and each next as the
 * gap to the one before minus one. Positions count code points: the title's
 * from 0, the text's from the title's length + 1, so that search.js can
 * check that a phrase's tokens are adjacent and no phrase spans the two.
 * Filter tokens have no positions. A number is written in base 40, most
 * significant digit first: the last digit from ALPHA[0..39], the others
 * from ALPHA[40..79]. ALPHA is printable ASCII and the space without '"',
 * '\', '*', '%', '&' and the digits: output.c's privacy net masks runs of
 * digits that look like a phone or card number, which would corrupt
 * postings; a run of '*' would look like a masked number; and '%' and '&'
 * (a percent escape, an entity, which may hide a digit) stopped the net's
 * sixteen-byte skip every few bytes of every posting (ninth session: the
 * net was most of writing the index).
 *
 * Words (ASCII letters and digits, with a decimal point or thousands comma
 * between digits) are indexed with every suffix, each at its position, so a
 * query word is a prefix of a token wherever it occurs inside a word: 4.60
 * finds 10,004.60, wu finds caiwu. Every word token is in the shard of its
 * first two characters, so one shard holds all the words a prefix can match.
 *
 * A build streams (search_stream): each document's parts are written as it
 * is added, so the index never holds the corpus's text.
 *
 * Why parts instead of chunks of many documents: the top 20 results of a
 * query are scattered over the corpus, so a chunk of C documents costs C
 * times a document per result. One file per part of about 1,000
 * characters (at most 1,500, more only in texts over 8 parts' worth) keeps
 * a result's snippet at ~3.5 KB: ten results of a two-character query are
 * 40 KB at 10,000 records, and half as many files are written as with 500
 * (a 10,000-record site: 30,700 files instead of 43,100; each file costs on
 * disk and on upload to the county portal, issue 21).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search.h"
#include "util.h"

#define SHARD_TARGET	3072	/* bytes aimed at per shard file (issue 20: an absent term costs one) */
#define SHARD_MAX	65536
#define HOT_BYTES	1024	/* postings longer than this get a file of their own */
#define TOP_N		50	/* a hot term's best documents, ranked, kept in its shard */
#define PART_CHARS	1000	/* code points aimed at per doc part (500 to 1500) */
#define PART_MAX	8	/* parts per document; long texts get wider parts */
#define PART_BEFORE	40	/* overlap kept before and after a part for snippets */
#define PART_AFTER	60
#define DOCS_PER_DIR	100
#define BASE		40
#define SPILL_BYTES	4096	/* a streamed term's postings go to the spill file in pieces of this */

/* A spilled term is hot: its postings are read back once, for its own file. */
_Static_assert(SPILL_BYTES > HOT_BYTES, "spilled terms must be hot");

static const char ALPHA[] =
    " !#$'()+,-./:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/*
 * Eight bytes a step, for the loops that read a document's whole text
 * (squeeze, byte_at, put_str: a sixth of the index when they went a byte
 * at a time). Each test says whether some byte of x is such; a word that
 * may hold one is then read a byte at a time.
 */
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL
/* Some byte of x is below c (c <= 128). */
#define BYTE_BELOW(x, c)	(((x) - ONES * (c)) & ~(x) & HIGHS)
/* Some byte of x is c. */
#define BYTE_IS(x, c)	BYTE_BELOW((x) ^ (ONES * (c)), 1)

static inline uint64_t
load8(const char *s)
{
	uint64_t x;

	memcpy(&x, s, sizeof x);
	return x;
}

/* The bytes of x that continue a UTF-8 character (10xxxxxx). */
static inline unsigned
cont_bytes(uint64_t x)
{
	uint64_t m = (x & ~(x << 1) & HIGHS) >> 7;

	/* one bit a byte: the multiplication adds them up in the top byte */
	return (unsigned)((m * ONES) >> 56);
}

struct posting {
	uint32_t	 doc;	/* number in order of adding, renumbered on write */
	uint8_t		 title;	/* 1 if in the title */
	uint8_t		 part;	/* doc part of the first occurrence in the text */
	uint32_t	 npos;	/* positions */
	size_t		 posoff, poslen;	/* the packed positions, in the term's ps */
};

/* What ranks a posting for a one-term query (cmp_rank). */
struct rank {
	uint32_t	 doc;
	uint32_t	 npos;
	uint8_t		 title, part;
};

/*
 * A term's document count and TOP_N best postings in rank order, kept as
 * its postings are packed once they pass HOT_BYTES (the term is then hot),
 * so that its shard entry needs no reading of them (issue 16: reading them
 * back cost as much as a tenth of the index).
 */
struct top {
	uint32_t	 df, n;
	struct rank	 r[TOP_N];
};

/*
 * A term's postings are kept packed, in the order documents were added: for
 * each, the gap to the previous document number minus one, v = title + 2 *
 * part, the number of positions, then the positions (the first as is, each
 * next as the gap to the previous minus one). Positions let search.js check
 * that a phrase's tokens are adjacent (issue 20: a phrase matched as
 * scattered pieces). Every number is packed as the files write it (put_num,
 * base 40), so that writing a term is a copy of its bytes and its size is
 * plen: encoding them again on write was a quarter of a 1,000-record build's
 * index. Base 40 takes about the room LEB128 took here: most numbers are
 * small gaps, one character either way.
 */
struct term {
	char		*tok;	/* in ix->arena */
	uint64_t	 key;	/* tok_key */
	unsigned char	*ps;	/* packed postings (owned), after the spilled ones */
	uint64_t	 slen;	/* bytes of its postings in the spill file */
	int64_t		 prev;	/* document number of the last packed posting, -1 */
	long		 hot;	/* set by search_write: own file t/hN.js, or -1 */
	uint32_t	 plen, pcap;
	uint32_t	 len;
	unsigned	 shard;	/* set by search_write */
	int32_t		 last;	/* its last hit in the document being added, or -1 */
	int32_t		 ext;	/* its last piece in the spill file (ix->ext), or -1 */
	struct top	*top;	/* once hot, while the numbers are those added (owned), or NULL */
};

/*
 * A piece of a term's postings in the spill file (issue 16: held in memory,
 * the postings were most of a 10,000-record build's peak, and ten times
 * that at 100,000). Streaming, a term whose packed postings reach
 * SPILL_BYTES writes them to the file and goes on from an empty buffer;
 * its pieces are chained last first.
 */
struct extent {
	uint64_t	 off;	/* in the spill file */
	uint32_t	 len;
	int32_t		 prev;	/* the term's piece before, or -1 */
};

/*
 * One token of the document being added: its position and the index in
 * ix->hits of the term's hit before it in this document (or -1). The
 * chains replace a sort of a document's hits by term, which cost more than
 * all the rest of adding (issue 20: the index's share of a build).
 */
struct hit {
	uint32_t	 pos;
	int32_t		 prev;
};

struct slot {
	uint64_t	 key;	/* tok_key of the term */
	uint32_t	 term;	/* index in terms + 1, 0 = empty */
};

struct sdoc {
	char		*url, *title, *site, *kind, *date;	/* owned */
	char		*text;	/* owned; whitespace runs collapsed to one space */
	size_t		 len;	/* bytes in text */
	size_t		 nchars;	/* code points in text */
	size_t		 partw;	/* code points per part */
	size_t		 order;	/* position in newest-first order */
};

struct label {
	char		*id, *name;	/* owned */
};

struct search_index {
	struct arena	*arena;
	struct sdoc	*docs;
	size_t		 ndocs, capdocs;
	struct term	*terms;
	size_t		 nterms, capterms;
	struct slot	*slots;	/* open addressing; term 0 = empty */
	struct hit	*hits;	/* the tokens of the document being added */
	size_t		 nhits, caphits;
	uint32_t	*used;	/* the terms it uses, each once */
	size_t		 nused, capused;
	unsigned char	*scratch;	/* pack_hits writes a posting here */
	uint16_t	 two[BASE * BASE];	/* the two digits of each number below BASE^2, as packed */
	size_t		 capscratch;
	size_t		 nslots;
	FILE		*spill;	/* postings of big terms while streaming, or NULL */
	uint64_t	 spilled;	/* bytes in it */
	int		 nospill;	/* it could not be made: postings stay in memory */
	int		 spill_errno;	/* why reading or writing it failed, or 0 */
	struct extent	*ext;
	size_t		 next, capext;
	struct label	*sites, *kinds;	/* in order of first use; by id once streaming */
	size_t		 nsites, nkinds;
	/* search_stream: text files written by search_add, through put */
	int		(*put)(void *, const char *, const char *, size_t);
	void		*putctx;
	int		 broken;	/* a streaming promise was broken, or put failed */
};

static const char *sort_date(const struct sdoc *d);
static int cmp_labels(const void *a, const void *b);
static int write_doc(const struct search_index *ix, const struct sdoc *d, size_t n,
    struct sb *b, struct sb *path,
    int (*put)(void *, const char *, const char *, size_t), void *ctx);

/* Tokeniser */

enum cls { CLS_SEP, CLS_CJK, CLS_WORD };

/* Folds full-width digits and letters to ASCII, ASCII letters to lower case. */
static uint32_t
fold(uint32_t cp)
{
	if (cp >= 0xff10 && cp <= 0xff19)
		return cp - 0xff10 + '0';
	if (cp >= 0xff21 && cp <= 0xff3a)
		return cp - 0xff21 + 'a';
	if (cp >= 0xff41 && cp <= 0xff5a)
		return cp - 0xff41 + 'a';
	if (cp >= 'A' && cp <= 'Z')
		return cp - 'A' + 'a';
	return cp;
}

/* Class of a folded code point; search.js has the same ranges. */
static enum cls
classify(uint32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
		return CLS_WORD;
	/* is_cjk also covers CJK and full-width punctuation: those separate. */
	if (!is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303f) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xffef) ||
	    cp == 0x30fb)
		return CLS_SEP;
	return CLS_CJK;
}

/* Decodes one code point of s[0..n), n > 0, never reading past n. */
static int
decode(const char *s, size_t n, uint32_t *cp)
{
	unsigned char c = (unsigned char)s[0];
	size_t need = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 :
	    (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;

	if (need == 0 || need > n) {
		*cp = 0xfffd;
		return 1;
	}
	for (size_t i = 1; i < need; i++)
		if (s[i] == '\0') {
			*cp = 0xfffd;
			return 1;
		}
	return utf8_decode(s, cp);
}

/* Whether text[0..len) starts with a digit, ASCII or full-width. */
static int
digit_next(const char *text, size_t len)
{
	uint32_t cp;

	if (len == 0)
		return 0;
	(void)decode(text, len, &cp);
	cp = fold(cp);
	return cp >= '0' && cp <= '9';
}

/*
 * Where the tokeniser's tokens go: to emit (search_tokenize), or, when emit
 * is NULL, straight into ix's term table at base + pos (search_add), keyed
 * as they are read: a CJK character's key is its bytes, a bigram's the
 * two characters' (tok_key), so no token is read twice and no call goes
 * through a pointer (issue 20: that was a third of the index's cost).
 */
struct sink {
	void		(*emit)(void *, const char *, size_t, size_t);
	void		*ctx;
	struct search_index *ix;
	uint32_t	 base;
};

static uint64_t tok_key(const char *tok, size_t len);
static inline void add_hit(struct search_index *ix, uint64_t key, const char *tok, size_t len,
    uint32_t pos);

/* Token tok[0..len) at pos; key is tok_key(tok, len). */
static inline void
sink_put(const struct sink *s, const char *tok, size_t len, uint64_t key, size_t pos)
{
	if (s->emit != NULL)
		s->emit(s->ctx, tok, len, pos);
	else
		add_hit(s->ix, key, tok, len, s->base + (uint32_t)pos);
}

/*
 * Emits every suffix of a word that starts with a letter or a digit: a query word
 * found inside a longer one ("4.60" in "10004.60", "wu" in "caiwu") is then
 * a prefix of a token at a known position. Each of its characters is a
 * token too (the last one is its own suffix): a query word of one
 * character is looked up whole, not as a prefix (that would read every
 * shard), and must still be found inside a word (issue 20: 每年8 in
 * 每年800, the 5 of 2025).
 */
static void
emit_word(const char *word, size_t wlen, size_t wpos, const struct sink *s)
{
	for (size_t k = 0; k < wlen; k++)
		if (word[k] != '.' && word[k] != ',') {
			sink_put(s, word + k, wlen - k, tok_key(word + k, wlen - k), wpos + k);
			if (wlen - k > 1)
				sink_put(s, word + k, 1, (unsigned char)word[k] | (uint64_t)1 << 56, wpos + k);
		}
}

/* The bytes of a token of at most 7 of them, as tok_key packs them, without its length. */
#define KEY_BYTES(key)	((key) & (((uint64_t)1 << 56) - 1))

/* Whether u[0..3) is a character of U+4000..U+9FFF (lead bytes e4..e9). */
static inline int
common_cjk(const unsigned char *u)
{
	return u[0] >= 0xe4 && u[0] <= 0xe9 && (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80;
}

/* The bytes of u[0..3) as tok_key packs them. */
static inline uint64_t
bytes3(const unsigned char *u)
{
	return u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16;
}

/*
 * A CJK character of n bytes (cbytes, as tok_key packs them) at text + i,
 * code point pos, after one of plen bytes (pbytes; plen 0: none): its
 * bigram, then itself, so that positions come out in order.
 */
static inline void
put_cjk(const struct sink *s, const char *text, size_t i, size_t n, uint64_t cbytes, size_t pos,
    size_t plen, uint64_t pbytes)
{
	size_t blen = plen + n;

	if (plen > 0)
		sink_put(s, text + i - plen, blen, blen <= 7 ?
		    pbytes | cbytes << (8 * plen) | (uint64_t)blen << 56 :
		    tok_key(text + i - plen, blen), pos - 1);
	sink_put(s, text + i, n, cbytes | (uint64_t)n << 56, pos);
}

/* search_tokenize, into s. */
static void
scan(const char *text, size_t len, const struct sink *s)
{
	const unsigned char *u = (const unsigned char *)text;
	char word[SEARCH_WORD_MAX];
	size_t wlen = 0, wpos = 0, pos = 0, i = 0;
	/*
	 * The bytes of the CJK character just before text + i, for bigrams; 0
	 * when there is none. A bigram is the two characters' bytes as they
	 * stand in text, so it needs no copy; pbytes are those bytes as
	 * tok_key packs them.
	 */
	size_t plen = 0;
	uint64_t pbytes = 0;
	uint32_t last = 0;	/* the word's last character */

	while (i <= len) {
		uint32_t cp = 0;
		enum cls c = CLS_SEP;
		int n = 1;

		/*
		 * Fast path, the same answers as decode, fold and classify:
		 * U+4000..U+9FFF (nearly every character of a record) is CJK and
		 * folds to itself. A run of them goes round this loop alone.
		 */
		if (i + 2 < len && common_cjk(u + i)) {
			if (wlen > 0) {
				emit_word(word, wlen, wpos, s);
				wlen = 0;
			}
			{
				uint64_t cbytes = bytes3(u + i);

				put_cjk(s, text, i, 3, cbytes, pos, plen, pbytes);
				pbytes = cbytes;
				plen = 3;
			}
			for (i += 3, pos++; i + 2 < len && common_cjk(u + i); i += 3, pos++) {
				uint64_t cbytes = bytes3(u + i);

				sink_put(s, text + i - 3, 6, pbytes | cbytes << 24 | (uint64_t)6 << 56, pos - 1);
				sink_put(s, text + i, 3, cbytes | (uint64_t)3 << 56, pos);
				pbytes = cbytes;
			}
			continue;
		}
		if (i < len) {
			/* ASCII needs no decoding */
			if (u[i] < 0x80)
				cp = u[i];
			else
				n = decode(text + i, len - i, &cp);
			cp = fold(cp);
			c = classify(cp);
			/*
			 * A decimal point or a thousands comma between digits is
			 * part of the number: 4.60 and 10,004.60 are one word each.
			 */
			if ((cp == '.' || cp == ',') && wlen > 0 && last >= '0' && last <= '9' &&
			    digit_next(text + i + n, len - i - (size_t)n))
				c = CLS_WORD;
		}
		if (c != CLS_WORD && wlen > 0) {
			emit_word(word, wlen, wpos, s);
			wlen = 0;
		}
		if (c == CLS_WORD) {
			if (wlen == 0)
				wpos = pos;
			if (wlen < sizeof word)
				word[wlen++] = (char)cp;
			last = cp;
		}
		if (c == CLS_CJK) {
			uint64_t cbytes = KEY_BYTES(tok_key(text + i, (size_t)n));

			put_cjk(s, text, i, (size_t)n, cbytes, pos, plen, pbytes);
			plen = (size_t)n;
			pbytes = cbytes;
		} else
			plen = 0;
		i += (size_t)n;
		pos++;
	}
}

void
search_tokenize(const char *text, size_t len,
    void (*emit)(void *ctx, const char *tok, size_t toklen, size_t pos),
    void *ctx)
{
	struct sink s = { emit, ctx, NULL, 0 };

	scan(text, len, &s);
}

static int
is_word(const char *tok, size_t len)
{
	return len > 0 && ((tok[0] >= 'a' && tok[0] <= 'z') || (tok[0] >= '0' && tok[0] <= '9'));
}

unsigned
search_shard(const char *tok, size_t len, unsigned nshards)
{
	size_t klen = is_word(tok, len) && len > 2 ? 2 : len;

	if (nshards == 0)
		return 0;
	return (unsigned)(hash64(tok, klen, 0) % nshards);
}

/* Index */

struct search_index *
search_new(void)
{
	struct search_index *ix = xcalloc(1, sizeof *ix);

	ix->arena = arena_new();
	for (uint32_t v = 0; v < BASE * BASE; v++) {
		unsigned char d[2] = { (unsigned char)ALPHA[BASE + v / BASE], (unsigned char)ALPHA[v % BASE] };

		memcpy(&ix->two[v], d, 2);
	}
	ix->nslots = 1024;
	ix->slots = xcalloc(ix->nslots, sizeof *ix->slots);
	return ix;
}

void
search_free(struct search_index *ix)
{
	if (ix == NULL)
		return;
	for (size_t i = 0; i < ix->ndocs; i++) {
		struct sdoc *d = &ix->docs[i];

		free(d->url);
		free(d->title);
		free(d->site);
		free(d->kind);
		free(d->date);
		free(d->text);
	}
	for (size_t i = 0; i < ix->nterms; i++) {
		free(ix->terms[i].ps);
		free(ix->terms[i].top);
	}
	for (size_t i = 0; i < ix->nsites; i++) {
		free(ix->sites[i].id);
		free(ix->sites[i].name);
	}
	for (size_t i = 0; i < ix->nkinds; i++) {
		free(ix->kinds[i].id);
		free(ix->kinds[i].name);
	}
	free(ix->sites);
	free(ix->kinds);
	free(ix->docs);
	free(ix->terms);
	free(ix->slots);
	free(ix->hits);
	free(ix->used);
	free(ix->scratch);
	free(ix->ext);
	if (ix->spill != NULL)
		fclose(ix->spill);
	arena_free(ix->arena);
	free(ix);
}

/*
 * A token's key in the term table. Tokens of up to 7 bytes (every CJK
 * character and bigram, short words) are their own key: their bytes and
 * their length, so a probe compares one number and never reads the term.
 * Longer tokens are keyed by a hash, top byte 0xff, and compared in full.
 */
static uint64_t
tok_key(const char *tok, size_t len)
{
	const unsigned char *u = (const unsigned char *)tok;
	uint64_t k = 0;

	/* unrolled: nearly every token is a CJK character (3 bytes) or a bigram (6) */
	switch (len) {
	case 7: k |= (uint64_t)u[6] << 48; /* FALLTHROUGH */
	case 6: k |= (uint64_t)u[5] << 40; /* FALLTHROUGH */
	case 5: k |= (uint64_t)u[4] << 32; /* FALLTHROUGH */
	case 4: k |= (uint64_t)u[3] << 24; /* FALLTHROUGH */
	case 3: k |= (uint64_t)u[2] << 16; /* FALLTHROUGH */
	case 2: k |= (uint64_t)u[1] << 8; /* FALLTHROUGH */
	case 1: k |= u[0]; /* FALLTHROUGH */
	case 0: return k | (uint64_t)len << 56;
	default: break;
	}
	return hash_bytes(0, tok, len) | (uint64_t)0xff << 56;
}

static size_t
slot_of(uint64_t key, size_t nslots)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 32) & (nslots - 1);
}

static void
rehash(struct search_index *ix)
{
	size_t n = ix->nslots * 2;
	struct slot *slots = xcalloc(n, sizeof *slots);

	for (size_t t = 0; t < ix->nterms; t++) {
		size_t j = slot_of(ix->terms[t].key, n);

		while (slots[j].term != 0)
			j = (j + 1) & (n - 1);
		slots[j].key = ix->terms[t].key;
		slots[j].term = (uint32_t)t + 1;
	}
	free(ix->slots);
	ix->slots = slots;
	ix->nslots = n;
}

/*
 * A new term for tok, in empty slot j. Out of line: kept in the probe loop,
 * its registers cost every token more than the few new terms cost.
 */
static __attribute__((noinline)) uint32_t
term_new(struct search_index *ix, uint64_t key, const char *tok, size_t len, size_t j)
{
	struct term *t;

	if (ix->nterms == ix->capterms) {
		ix->capterms = ix->capterms ? ix->capterms * 2 : 1024;
		ix->terms = xrealloc(ix->terms, ix->capterms * sizeof *ix->terms);
	}
	t = &ix->terms[ix->nterms++];
	memset(t, 0, sizeof *t);
	t->prev = -1;
	t->last = -1;
	t->ext = -1;
	t->tok = arena_strndup(ix->arena, tok, len);
	t->len = (uint32_t)len;
	t->key = key;
	ix->slots[j].key = key;
	ix->slots[j].term = (uint32_t)ix->nterms;
	if (ix->nterms * 2 > ix->nslots)
		rehash(ix);
	return (uint32_t)ix->nterms - 1;
}

/* The index in ix->terms of the term of tok, whose key is key (tok_key), made if new. */
static inline uint32_t
term_find(struct search_index *ix, uint64_t key, const char *tok, size_t len)
{
	const struct slot *slots = ix->slots;
	size_t mask = ix->nslots - 1, j = slot_of(key, ix->nslots);

	for (; slots[j].term != 0; j = (j + 1) & mask) {
		const struct term *t;

		if (slots[j].key != key)
			continue;
		t = &ix->terms[slots[j].term - 1];
		if (len <= 7 || (t->len == len && memcmp(t->tok, tok, len) == 0))
			return slots[j].term - 1;
	}
	return term_new(ix, key, tok, len, j);
}

static struct term *
term_get(struct search_index *ix, const char *tok, size_t len)
{
	/* first: term_find may grow (move) ix->terms, and an operand's load is not ordered with a call */
	size_t i = term_find(ix, tok_key(tok, len), tok, len);

	return &ix->terms[i];
}

static void
pack_byte(struct term *t, unsigned char c)
{
	if (t->plen == t->pcap) {
		/* by half, not double: at 100,000 records doubling left 69 of 189 MB unused */
		t->pcap = t->pcap ? t->pcap + t->pcap / 2 : 8;
		t->ps = xrealloc(t->ps, t->pcap);
	}
	t->ps[t->plen++] = c;
}

/* Appends v as put_num writes it (see the top); most are one digit. */
static inline void
pack_num(struct term *t, uint32_t v)
{
	unsigned char digits[8];
	size_t n = 0;

	if (t->pcap - t->plen < sizeof digits) {
		/* by half, not double: at 100,000 records doubling left 69 of 189 MB unused */
		t->pcap = t->pcap ? t->pcap + t->pcap / 2 : 8;
		t->ps = xrealloc(t->ps, t->pcap);
	}
	if (v < BASE) {
		t->ps[t->plen++] = (unsigned char)ALPHA[v];
		return;
	}
	if (v < BASE * BASE) {
		/* most first positions in a document */
		t->ps[t->plen++] = (unsigned char)ALPHA[BASE + v / BASE];
		t->ps[t->plen++] = (unsigned char)ALPHA[v % BASE];
		return;
	}
	/* 40^6 < 2^32 < 40^7: seven digits at most */
	for (; v > 0 && n < sizeof digits; v /= BASE)
		digits[n++] = (unsigned char)(v % BASE);
	while (n > 1)
		t->ps[t->plen++] = (unsigned char)ALPHA[BASE + digits[--n]];
	t->ps[t->plen++] = (unsigned char)ALPHA[digits[0]];
}

/*
 * Where c is in ALPHA: ASCII from the space less the characters ALPHA
 * leaves out below c ('"', '%', '&', '*', the ten digits, '\\').
 */
static unsigned
alpha_index(unsigned char c)
{
	return (unsigned)c - ' ' - (c > '"') - (c > '%') - (c > '&') - (c > '*') - 10u * (c > '9') - (c > '\\');
}

/* ALPHA[0..39], the last digit of a number, is ' ' to 'U'; the others follow. */
#define LAST_DIGIT_MAX	'U'

/* Reads the number pack_num wrote at *off. */
static inline uint32_t
read_num(const unsigned char *ps, size_t *off)
{
	uint32_t v = 0;

	for (;;) {
		unsigned char c = ps[(*off)++];

		if (c <= LAST_DIGIT_MAX)
			return v * BASE + alpha_index(c);
		v = v * BASE + (alpha_index(c) - BASE);
	}
}

/* Skips n numbers from *off: each ends with its one last digit. */
static void
skip_nums(const unsigned char *ps, size_t *off, uint32_t n)
{
	size_t i = *off;

	while (n > 0)
		n -= ps[i++] <= LAST_DIGIT_MAX;
	*off = i;
}

/* Appends the head of posting p (p->doc > t->prev); its positions follow. */
static void
pack_head(struct term *t, const struct posting *p)
{
	pack_num(t, (uint32_t)((int64_t)p->doc - t->prev - 1));
	pack_num(t, p->title + 2u * p->part);
	pack_num(t, p->npos);
	t->prev = p->doc;
}

/* Reads the posting at *off of ps[0..len) into *p; 0 at the end. */
static int
unpack(const unsigned char *ps, size_t len, size_t *off, int64_t *prev, struct posting *p)
{
	uint32_t gap, v;

	if (*off >= len)
		return 0;
	gap = read_num(ps, off);
	v = read_num(ps, off);
	p->doc = (uint32_t)(*prev + 1 + (int64_t)gap);
	p->title = v & 1;
	p->part = (uint8_t)(v >> 1);
	p->npos = read_num(ps, off);
	p->posoff = *off;
	skip_nums(ps, off, p->npos);
	p->poslen = *off - p->posoff;
	*prev = p->doc;
	return 1;
}

/* Opens the spill file in $TMPDIR (or /tmp), unlinked at once; NULL on failure. */
static FILE *
spill_open(void)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/gongkai-search-XXXXXX", dir != NULL && *dir != '\0' ? dir : "/tmp");
	int fd = mkstemp(path);
	FILE *f = NULL;

	if (fd >= 0) {
		(void)unlink(path);
		if ((f = fdopen(fd, "w+b")) == NULL)
			(void)close(fd);
	}
	free(path);
	return f;
}

/*
 * Streaming only (a renumbering search_write reads every term in memory):
 * moves t's packed postings to the spill file once they reach SPILL_BYTES.
 * Without a spill file they stay in memory, as before there was one.
 */
static void
maybe_spill(struct search_index *ix, struct term *t)
{
	struct extent *e;

	if (t->plen < SPILL_BYTES || ix->put == NULL || ix->nospill)
		return;
	if (ix->spill == NULL && (ix->spill = spill_open()) == NULL) {
		ix->nospill = 1;
		return;
	}
	errno = 0;
	if (fwrite(t->ps, 1, t->plen, ix->spill) != t->plen) {
		/* what reached the file is lost: the index cannot be written */
		ix->spill_errno = errno ? errno : EIO;
		ix->broken = 1;
		ix->nospill = 1;
		return;
	}
	if (ix->next == ix->capext) {
		ix->capext = ix->capext ? ix->capext * 2 : 1024;
		ix->ext = xrealloc(ix->ext, ix->capext * sizeof *ix->ext);
	}
	e = &ix->ext[ix->next];
	e->off = ix->spilled;
	e->len = t->plen;
	e->prev = t->ext;
	t->ext = (int32_t)ix->next++;
	t->slen += t->plen;
	ix->spilled += t->plen;
	/* the buffer is kept: it fills again to the same size */
	t->plen = 0;
}

/*
 * All of t's packed postings: t->ps when none were spilled, else its pieces
 * read back into *buf (grown as needed, *cap its size; the caller frees it)
 * followed by t->ps. *len is their length; NULL if the file cannot be read.
 */
static const unsigned char *
term_bytes(struct search_index *ix, const struct term *t, unsigned char **buf, size_t *cap,
    size_t *len)
{
	size_t at = (size_t)t->slen;

	*len = (size_t)t->slen + t->plen;
	if (t->ext < 0)
		return t->ps;
	if (*cap < *len) {
		*cap = *len;
		*buf = xrealloc(*buf, *cap);
	}
	if (fflush(ix->spill) != 0) {
		ix->spill_errno = errno ? errno : EIO;
		return NULL;
	}
	/* the pieces are chained last first: fill from the end */
	for (int32_t k = t->ext; k >= 0; k = ix->ext[k].prev) {
		const struct extent *e = &ix->ext[k];

		at -= e->len;
		errno = 0;
		if (pread(fileno(ix->spill), *buf + at, e->len, (off_t)e->off) != (ssize_t)e->len) {
			ix->spill_errno = errno ? errno : EIO;
			return NULL;
		}
	}
	memcpy(*buf + t->slen, t->ps, t->plen);
	return *buf;
}

/* The order search.js ranks a one-term query in: title, then occurrences, then newest. */
static int
cmp_rank(const struct rank *x, const struct rank *y)
{
	if (x->title != y->title)
		return x->title > y->title ? -1 : 1;
	if (x->npos != y->npos)
		return x->npos > y->npos ? -1 : 1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* Puts r in its place in tp's best, which it enters (dropping the last when full). */
static void
top_insert(struct top *tp, const struct rank *r)
{
	size_t k = tp->n;

	/* after the last it does not rank before: most often the end, else found by halves */
	if (k > 0 && cmp_rank(r, &tp->r[k - 1]) < 0) {
		size_t lo = 0, hi = k - 1;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (cmp_rank(r, &tp->r[mid]) < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		k = lo;
	}
	if (tp->n < TOP_N)
		tp->n++;
	memmove(&tp->r[k + 1], &tp->r[k], (tp->n - 1 - k) * sizeof *tp->r);
	tp->r[k] = *r;
}

/*
 * Counts posting p into tp and keeps it if it is among the best TOP_N, in
 * order. cmp_rank is a total order (a term has one posting a document), so
 * the best TOP_N come out the same as from sorting every posting, which was
 * an eighth of a 1,000-record build's index.
 */
static inline void
top_add(struct top *tp, const struct posting *p)
{
	struct rank r = { p->doc, p->npos, p->title, p->part };

	tp->df++;
	/* most postings do not make it: decided here, before a call */
	if (tp->n == TOP_N && cmp_rank(&r, &tp->r[TOP_N - 1]) >= 0)
		return;
	top_insert(tp, &r);
}

/* The ranking of every posting in ps[0..len). */
static void
top_scan(struct top *tp, const unsigned char *ps, size_t len)
{
	struct posting p = { 0 };
	size_t off = 0;
	int64_t prev = -1;

	memset(tp, 0, sizeof *tp);
	/* unpack's reading, without the positions' place: a term turns hot once */
	while (off < len) {
		uint32_t v;

		p.doc = (uint32_t)(prev + 1 + (int64_t)read_num(ps, &off));
		v = read_num(ps, &off);
		p.title = v & 1;
		p.part = (uint8_t)(v >> 1);
		p.npos = read_num(ps, &off);
		skip_nums(ps, &off, p.npos);
		prev = p.doc;
		top_add(tp, &p);
	}
}

/*
 * After posting p was packed to t: ranks it once t is hot (the first time
 * by reading all of t's postings, still in memory as SPILL_BYTES >
 * HOT_BYTES), then spills t if it is big.
 */
static inline void
posting_done(struct search_index *ix, struct term *t, const struct posting *p)
{
	if (t->top != NULL)
		top_add(t->top, p);
	else if (t->slen + t->plen > HOT_BYTES) {
		t->top = xmalloc(sizeof *t->top);
		top_scan(t->top, t->ps, t->plen);
	}
	if (t->plen >= SPILL_BYTES)
		maybe_spill(ix, t);
}

/* A hit of token tok (key: tok_key) at pos of the document being added. */
static inline void
add_hit(struct search_index *ix, uint64_t key, const char *tok, size_t len, uint32_t pos)
{
	uint32_t k = term_find(ix, key, tok, len);
	struct term *t = &ix->terms[k];

	if (ix->nhits == ix->caphits) {
		ix->caphits = ix->caphits ? ix->caphits * 2 : 1024;
		ix->hits = xrealloc(ix->hits, ix->caphits * sizeof *ix->hits);
	}
	if (t->last < 0) {
		if (ix->nused == ix->capused) {
			ix->capused = ix->capused ? ix->capused * 2 : 1024;
			ix->used = xrealloc(ix->used, ix->capused * sizeof *ix->used);
		}
		ix->used[ix->nused++] = k;
	}
	ix->hits[ix->nhits].pos = pos;
	ix->hits[ix->nhits].prev = t->last;
	t->last = (int32_t)ix->nhits++;
}

/*
 * Writes v as pack_num does, backwards: its last digit at e[-1], the others
 * before it. Returns where it starts. two: the two digits of every number
 * below BASE * BASE (ix->two), or NULL.
 */
static inline unsigned char *
pack_back(unsigned char *e, uint32_t v, const uint16_t *two)
{
	/* most are one digit, nearly all the rest two: no division for those */
	if (v < BASE) {
		*--e = (unsigned char)ALPHA[v];
		return e;
	}
	if (v < BASE * BASE && two != NULL) {
		memcpy(e - 2, &two[v], 2);
		return e - 2;
	}
	if (v < BASE * BASE) {
		uint32_t q = v / BASE;

		e[-1] = (unsigned char)ALPHA[v - q * BASE];
		e[-2] = (unsigned char)ALPHA[BASE + q];
		return e - 2;
	}
	*--e = (unsigned char)ALPHA[v % BASE];
	for (v /= BASE; v > 0; v /= BASE)
		*--e = (unsigned char)ALPHA[BASE + v % BASE];
	return e;
}

/*
 * Appends ps[0..len) to t's packed postings, growing them by half as
 * pack_num does; ps[0..8) must be readable.
 */
static inline void
pack_bytes(struct term *t, const unsigned char *ps, size_t len)
{
	if (t->pcap - t->plen < len) {
		size_t cap = t->pcap;

		/* by half, not double: at 100,000 records doubling left 69 of 189 MB unused */
		while (cap - t->plen < len)
			cap = cap ? cap + cap / 2 : 8;
		t->pcap = (uint32_t)cap;
		t->ps = xrealloc(t->ps, t->pcap);
	}
	/*
	 * Most postings are a few bytes: copied as one word where there is
	 * room, the bytes past them to be overwritten by the next (a call to
	 * memcpy cost more than the copy).
	 */
	if (len <= 8 && t->pcap - t->plen >= 8)
		memcpy(t->ps + t->plen, ps, 8);
	else
		memcpy(t->ps + t->plen, ps, len);
	t->plen += (uint32_t)len;
}

/*
 * Packs the hits of document doc, one posting a term: the title is
 * positions [0, base - 1), the text from base on. A term's hits come in
 * the order of its positions (the tokeniser's promise), so its chain runs
 * backwards through them: each posting is written backwards, from its
 * last position's gap to its head, at the end of ix->scratch (issue 20:
 * copying the positions out and packing them a number at a time, each
 * checking the room left, was a fifth of the index).
 */
static void
pack_hits(struct search_index *ix, uint32_t doc, uint32_t base, size_t partw)
{
	/* at most 7 digits a number: the head's 3 and one a hit */
	size_t need = 7 * (ix->nhits + 3);
	unsigned char *end;

	if (ix->capscratch < need) {
		ix->capscratch = need;
		free(ix->scratch);
		/* and 8 bytes past the end for pack_bytes */
		ix->scratch = xcalloc(need + 8, 1);
	}
	end = ix->scratch + need;
	for (size_t u = 0; u < ix->nused; u++) {
		struct term *t = &ix->terms[ix->used[u]];
		const struct hit *hits = ix->hits;
		struct posting p = { .doc = doc };
		int32_t h = t->last;
		uint32_t cur = hits[h].pos, text = cur, n = 1;
		unsigned char *w = end;

		for (h = hits[h].prev; h >= 0; h = hits[h].prev) {
			uint32_t at = hits[h].pos;

			/* the same token twice at one place (never, but cheap to skip) */
			if (at == cur)
				continue;
			w = pack_back(w, cur - at - 1, ix->two);
			cur = at;
			n++;
			if (at >= base)
				text = at;
		}
		w = pack_back(w, cur, ix->two);
		t->last = -1;
		p.npos = n;
		p.title = cur < base;
		/* text: its first position in the text, if any */
		if (text >= base) {
			size_t part = (text - base) / partw;

			p.part = (uint8_t)(part < PART_MAX ? part : PART_MAX - 1);
		}
		w = pack_back(w, n, ix->two);
		w = pack_back(w, p.title + 2u * p.part, ix->two);
		w = pack_back(w, (uint32_t)((int64_t)p.doc - t->prev - 1), ix->two);
		t->prev = p.doc;
		pack_bytes(t, w, (size_t)(end - w));
		posting_done(ix, t, &p);
	}
	ix->nhits = ix->nused = 0;
}

/* Code points in s, as search_tokenize counts them in valid UTF-8. */
static size_t
count_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * Copies s with runs of ASCII white space made one space, trimmed; *len is
 * its length, *nchars its code points (the bytes that do not continue a
 * character).
 */
static char *
squeeze(const char *s, size_t *len, size_t *nchars)
{
	size_t n = strlen(s), k = 0, cont = 0, i = 0;
	char *out = xmalloc(n + 1);

	while (i < n) {
		if (is_space(s[i])) {
			while (i < n && is_space(s[i]))
				i++;
			if (k > 0 && i < n)
				out[k++] = ' ';
			continue;
		}
		for (;;) {
			/* every white space byte is below '!' */
			for (; i + 8 <= n; i += 8, k += 8) {
				uint64_t x = load8(s + i);

				if (BYTE_BELOW(x, '!'))
					break;
				memcpy(out + k, &x, sizeof x);
				cont += cont_bytes(x);
			}
			if (i >= n || is_space(s[i]))
				break;
			cont += ((unsigned char)s[i] & 0xc0) == 0x80;
			out[k++] = s[i++];
		}
	}
	out[k] = '\0';
	*len = k;
	*nchars = k - cont;
	return out;
}

/* Where id is in l, or -1. */
static long
label_find(const struct label *l, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* Remembers the label of id on first use. */
static void
label_add(struct label **list, size_t *n, const char *id, const char *name)
{
	if (label_find(*list, *n, id) >= 0)
		return;
	*list = xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[*n].id = xstrdup(id);
	(*list)[*n].name = xstrdup(name && *name ? name : id);
	(*n)++;
}

void
search_label(struct search_index *ix, char facet, const char *id, const char *name)
{
	if (facet == 's')
		label_add(&ix->sites, &ix->nsites, id, name);
	else
		label_add(&ix->kinds, &ix->nkinds, id, name);
}

int
search_spill_errno(const struct search_index *ix)
{
	return ix->spill_errno;
}

void
search_stream(struct search_index *ix,
    int (*put)(void *ctx, const char *relpath, const char *data, size_t len), void *ctx)
{
	ix->put = put;
	ix->putctx = ctx;
	/* a document's file holds its labels' final numbers: fix them now */
	if (ix->nsites > 0)
		xqsort(ix->sites, ix->nsites, sizeof *ix->sites, cmp_labels);
	if (ix->nkinds > 0)
		xqsort(ix->kinds, ix->nkinds, sizeof *ix->kinds, cmp_labels);
}

/*
 * Streaming: checks the caller's promises for document d (declared labels,
 * newest first), writes its parts and drops what only they needed.
 */
static void
stream_doc(struct search_index *ix, struct sdoc *d)
{
	struct sb b, path;

	if (label_find(ix->sites, ix->nsites, d->site) < 0 ||
	    label_find(ix->kinds, ix->nkinds, d->kind) < 0 ||
	    (ix->ndocs > 0 && strcmp(sort_date(d - 1), sort_date(d)) < 0)) {
		ix->broken = 1;
		return;
	}
	sb_init(&b);
	sb_init(&path);
	if (write_doc(ix, d, ix->ndocs, &b, &path, ix->put, ix->putctx) != 0)
		ix->broken = 1;
	sb_free(&b);
	sb_free(&path);
	free(d->url);
	free(d->title);
	free(d->text);
	d->url = d->title = d->text = NULL;
}

/* A filter token ("#s:" + site id): a posting without positions. */
static void
add_facet(struct search_index *ix, uint32_t doc, const char *prefix, const char *id)
{
	char *tok = xasprintf("%s%s", prefix, id);
	struct posting p = { .doc = doc };
	struct term *t = term_get(ix, tok, strlen(tok));

	pack_head(t, &p);
	posting_done(ix, t, &p);
	free(tok);
}

int
search_add(struct search_index *ix, const char *url, const char *title,
    const char *site_id, const char *site_name, const char *kind,
    const char *kind_name, const char *date, const char *text)
{
	struct sink a = { NULL, NULL, ix, 0 };
	struct sdoc *d;

	if (ix->ndocs == ix->capdocs) {
		ix->capdocs = ix->capdocs ? ix->capdocs * 2 : 64;
		ix->docs = xrealloc(ix->docs, ix->capdocs * sizeof *ix->docs);
	}
	d = &ix->docs[ix->ndocs];
	memset(d, 0, sizeof *d);
	d->url = xstrdup(url ? url : "");
	d->title = xstrdup(title ? title : "");
	d->site = xstrdup(site_id ? site_id : "");
	d->kind = xstrdup(kind ? kind : "");
	d->date = xstrdup(date ? date : "");
	d->text = squeeze(text ? text : "", &d->len, &d->nchars);
	/*
	 * About PART_CHARS per part, the text shared evenly (each part is a
	 * file: no short last part), at most PART_MAX parts.
	 */
	{
		size_t parts = (d->nchars + PART_CHARS / 2) / PART_CHARS;

		parts = parts < 1 ? 1 : parts > PART_MAX ? PART_MAX : parts;
		d->partw = (d->nchars + parts - 1) / parts;
		if (d->partw == 0)
			d->partw = 1;
	}
	if (ix->put == NULL) {
		label_add(&ix->sites, &ix->nsites, d->site, site_name);
		label_add(&ix->kinds, &ix->nkinds, d->kind, kind_name);
	}

	/* the title at positions from 0, the text one past its end (no phrase spans both) */
	scan(d->title, strlen(d->title), &a);
	a.base = (uint32_t)count_chars(d->title) + 1;
	scan(d->text, d->len, &a);
	pack_hits(ix, (uint32_t)ix->ndocs, a.base, d->partw);
	add_facet(ix, (uint32_t)ix->ndocs, "#s:", d->site);
	add_facet(ix, (uint32_t)ix->ndocs, "#k:", d->kind);
	if (ix->put != NULL)
		stream_doc(ix, d);
	/* counted even when streaming failed: its postings name it, search_free frees it */
	ix->ndocs++;
	return ix->broken ? -1 : (int)ix->ndocs - 1;
}

/* Writing */

/* The date to sort by: "" unless it starts with a four-digit year. */
static const char *
sort_date(const struct sdoc *d)
{
	for (int i = 0; i < 4; i++)
		if (d->date[i] < '0' || d->date[i] > '9')
			return "";
	return d->date;
}

static int
cmp_docs_newest(const void *a, const void *b)
{
	const struct sdoc *x = *(const struct sdoc *const *)a;
	const struct sdoc *y = *(const struct sdoc *const *)b;
	int c = strcmp(sort_date(y), sort_date(x));

	if (c != 0)
		return c;
	/* Equal dates: the order added (the pointers are into one array). */
	return x < y ? -1 : x > y;
}

static int
cmp_postings(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;

	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

static int
cmp_labels(const void *a, const void *b)
{
	return strcmp(((const struct label *)a)->id, ((const struct label *)b)->id);
}

static int
cmp_terms(const void *a, const void *b)
{
	const struct term *x = *(const struct term *const *)a;
	const struct term *y = *(const struct term *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c;

	if (x->shard != y->shard)
		return x->shard < y->shard ? -1 : 1;
	c = memcmp(x->tok, y->tok, n);
	if (c != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* Appends v in decimal, then the character after. */
static void
put_dec(struct sb *b, size_t v, char after)
{
	char digits[24];
	size_t k = sizeof digits;

	digits[--k] = after;
	do {
		digits[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	sb_add(b, digits + k, sizeof digits - k);
}

static void
put_num(struct sb *b, uint32_t v)
{
	unsigned char digits[8];
	unsigned char *w = pack_back(digits + sizeof digits, v, NULL);

	sb_add(b, (const char *)w, (size_t)(digits + sizeof digits - w));
}

/* Whether a byte of x may need escaping in put_str. */
static inline int
may_escape(uint64_t x)
{
	return (BYTE_BELOW(x, 0x20) | BYTE_IS(x, '"') | BYTE_IS(x, '\\') | BYTE_IS(x, 0x7f) |
	    BYTE_IS(x, 0xe2)) != 0;
}

/*
 * The first place from i in s[0..n) where 8 bytes may need escaping (i, or
 * a word boundary), or the last 8 bytes' start. Sixteen bytes a step where
 * the compiler has vector types, as privacy.c's skip_plain.
 */
static inline size_t
plain_run(const char *s, size_t i, size_t n)
{
#if defined(__GNUC__)
	typedef unsigned char v16 __attribute__((vector_size(16)));
	typedef signed char m16 __attribute__((vector_size(16)));
	const v16 zero = { 0 }, ctl = zero + 0x20, quote = zero + '"', bsl = zero + '\\',
	    del = zero + 0x7f, e2 = zero + 0xe2;

	for (; i + 16 <= n; i += 16) {
		v16 v;
		m16 hit;
		uint64_t lo, hi;

		memcpy(&v, s + i, 16);
		hit = (m16)(v < ctl) | (m16)(v == quote) | (m16)(v == bsl) | (m16)(v == del) |
		    (m16)(v == e2);
		memcpy(&lo, &hit, 8);
		memcpy(&hi, (char *)&hit + 8, 8);
		if (lo | hi)
			break;
	}
#endif
	while (i + 8 <= n && !may_escape(load8(s + i)))
		i += 8;
	return i;
}

/* Appends s as a double-quoted JavaScript (and JSON) string. */
static void
put_str(struct sb *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0, i = 0;

	sb_putc(b, '"');
	while (i < n) {
		size_t end;

		/* nearly every stretch of a text needs nothing */
		i = plain_run(s, i, n);
		end = i + 8 < n ? i + 8 : n;
		for (; i < end; i++) {
			const char *rep = NULL;
			char tmp[8];

			/* the bytes of nearly every Chinese character need nothing */
			if (u[i] >= 0x80 && u[i] != 0xe2)
				continue;
			if (u[i] == '"')
				rep = "\\\"";
			else if (u[i] == '\\')
				rep = "\\\\";
			else if (u[i] < 0x20 || u[i] == 0x7f) {
				snprintf(tmp, sizeof tmp, "\\u%04x", u[i]);
				rep = tmp;
			} else if (u[i] == 0xe2 && i + 2 < n && u[i + 1] == 0x80 &&
			    (u[i + 2] == 0xa8 || u[i + 2] == 0xa9)) {
				/* U+2028 and U+2029 end a line in pre-2019 JavaScript. */
				rep = u[i + 2] == 0xa8 ? "\\u2028" : "\\u2029";
				sb_add(b, s + start, i - start);
				sb_puts(b, rep);
				i += 2;
				start = i + 1;
				continue;
			}
			if (rep != NULL) {
				sb_add(b, s + start, i - start);
				sb_puts(b, rep);
				start = i + 1;
			}
		}
	}
	sb_add(b, s + start, n - start);
	sb_putc(b, '"');
}

static void
put_labels(struct sb *b, const char *key, const struct label *l, size_t n)
{
	if (key != NULL)
		sb_printf(b, ",\"%s\":", key);
	sb_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		sb_puts(b, i ? ",[" : "[");
		put_str(b, l[i].id, strlen(l[i].id));
		sb_putc(b, ',');
		put_str(b, l[i].name, strlen(l[i].name));
		sb_putc(b, ']');
	}
	sb_putc(b, ']');
}

/*
 * Writes "[H,df,top]" for hot term t: its file, its document count and its
 * TOP_N best documents in the order search.js ranks a one-term query (in
 * the title first, then more occurrences, then newest), each as three
 * numbers: document, v, occurrences. So the first pages of a one-word
 * query cost the same at any archive size (issue 20).
 */
static void
put_hot_ref(struct sb *b, const struct term *t, const unsigned char *ps, size_t len)
{
	struct top scanned;
	const struct top *tp = t->top;

	if (tp == NULL) {
		/* renumbered: renumber_term dropped its ranking */
		top_scan(&scanned, ps, len);
		tp = &scanned;
	}
	/* "[%ld,%u,\"" (hot >= 0 here) */
	sb_putc(b, '[');
	put_dec(b, (size_t)t->hot, ',');
	put_dec(b, tp->df, ',');
	sb_putc(b, '"');
	for (size_t i = 0; i < tp->n; i++) {
		put_num(b, tp->r[i].doc);
		put_num(b, (uint32_t)tp->r[i].title + 2u * tp->r[i].part);
		put_num(b, tp->r[i].npos);
	}
	sb_puts(b, "\"]");
}

/*
 * Repacks t's postings with document numbers map[doc], in the new order;
 * the old packing is returned in *saved (caller frees or puts it back).
 */
static void
renumber_term(struct term *t, const uint32_t *map, struct term *saved)
{
	struct posting *v = NULL, p;
	size_t n = 0, cap = 0, off = 0;
	int64_t prev = -1;

	/* never spilled: only streaming spills, and a stream needs no renumbering */
	while (unpack(t->ps, t->plen, &off, &prev, &p)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		p.doc = map[p.doc];
		v[n++] = p;
	}
	if (n > 0)
		xqsort(v, n, sizeof *v, cmp_postings);
	*saved = *t;
	/* its ranking holds the numbers in the order added: put_hot_ref ranks anew */
	free(t->top);
	t->top = saved->top = NULL;
	t->ps = NULL;
	t->plen = t->pcap = 0;
	t->prev = -1;
	for (size_t i = 0; i < n; i++) {
		pack_head(t, &v[i]);
		for (size_t k = 0; k < v[i].poslen; k++)
			pack_byte(t, saved->ps[v[i].posoff + k]);
	}
	free(v);
}

/*
 * A place in a string: byte i, where seen code points start before it. The
 * parts of a document are cut at growing code points, so each cut goes on
 * from the last instead of counting from the start again.
 */
struct cursor {
	size_t	 i, seen;
};

/*
 * Byte offset of code point k of s[0..n) (or n); k must not be below the
 * last.
 */
static size_t
byte_at(const char *s, size_t n, struct cursor *c, size_t k)
{
	size_t i = c->i, seen = c->seen;

	/* eight bytes whose characters all start before k at a time */
	for (; i + 8 <= n; i += 8) {
		size_t starts = 8 - cont_bytes(load8(s + i));

		if (seen + starts > k)
			break;
		seen += starts;
	}
	for (; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (seen == k)
				break;
			seen++;
		}
	c->i = i;
	c->seen = seen;
	return i;
}

/* Writes the parts of document d, number n, using b and path as scratch. */
static int
write_doc(const struct search_index *ix, const struct sdoc *d, size_t n,
    struct sb *b, struct sb *path,
    int (*put)(void *, const char *, const char *, size_t), void *ctx)
{
	size_t parts = (d->nchars + d->partw - 1) / d->partw;
	/* every document's labels are known by now (search_add, or checked by stream_doc) */
	long site = label_find(ix->sites, ix->nsites, d->site);
	long kind = label_find(ix->kinds, ix->nkinds, d->kind);
	struct cursor cf = { 0, 0 }, ct = { 0, 0 };

	if (parts == 0)
		parts = 1;
	for (size_t p = 0; p < parts; p++) {
		size_t from = p * d->partw, to = (p + 1) * d->partw;
		size_t bf, bt;

		from = from > PART_BEFORE ? from - PART_BEFORE : 0;
		to += PART_AFTER;
		bf = byte_at(d->text, d->len, &cf, from);
		bt = byte_at(d->text, d->len, &ct, to);
		b->len = 0;
		/* "GK_SEARCH.doc(%zu,%zu,[", without printf: a file's numbers cost more than its text */
		sb_add(b, "GK_SEARCH.doc(", 14);
		put_dec(b, n, ',');
		put_dec(b, p, ',');
		sb_putc(b, '[');
		put_str(b, d->url, strlen(d->url));
		sb_putc(b, ',');
		put_str(b, d->title, strlen(d->title));
		sb_putc(b, ',');
		put_dec(b, site < 0 ? 0 : (size_t)site, ',');
		put_dec(b, kind < 0 ? 0 : (size_t)kind, ',');
		put_str(b, d->date, strlen(d->date));
		sb_putc(b, ',');
		put_dec(b, from, ',');
		put_str(b, d->text + bf, bt - bf);
		sb_add(b, "]);\n", 4);
		/* "search/d/%zu/%zu-%zu.js" */
		path->len = 0;
		sb_add(path, "search/d/", 9);
		put_dec(path, n / DOCS_PER_DIR, '/');
		put_dec(path, n, '-');
		put_dec(path, p, '.');
		sb_add(path, "js", 2);
		if (put(ctx, sb_str(path), sb_str(b), b->len) != 0)
			return -1;
	}
	return 0;
}

static int
write_docs(struct search_index *ix, struct sdoc **order,
    int (*put)(void *, const char *, const char *, size_t), void *ctx)
{
	struct sb b, path;
	int rc = 0;

	sb_init(&b);
	sb_init(&path);
	for (size_t n = 0; n < ix->ndocs && rc == 0; n++)
		rc = write_doc(ix, order[n], n, &b, &path, put, ctx);
	sb_free(&b);
	sb_free(&path);
	return rc;
}

static void
write_meta(struct search_index *ix, struct sdoc **order, unsigned nshards,
    struct sb *b)
{
	size_t start = 0;

	sb_printf(b, "GK_SEARCH.meta({\"v\":3,\"docs\":%zu,\"shards\":%u",
	    ix->ndocs, nshards);
	put_labels(b, "kinds", ix->kinds, ix->nkinds);
	sb_puts(b, ",\"years\":[");
	while (start < ix->ndocs && *sort_date(order[start]) != '\0') {
		size_t end = start + 1;

		while (end < ix->ndocs &&
		    strncmp(sort_date(order[end]), order[start]->date, 4) == 0)
			end++;
		sb_printf(b, "%s[%.4s,%zu,%zu]", start ? "," : "",
		    order[start]->date, start, end);
		start = end;
	}
	sb_puts(b, "]});\n");
}

/* What search_write works with. */
struct plan {
	struct sdoc	**order;	/* documents newest first */
	struct term	**terms;	/* by shard, then bytewise */
	struct term	 *saved;	/* add-order packings while renumbered, or NULL */
	unsigned	  nshards;
};

/* Orders the documents newest first and the labels by id. */
static void
plan_docs(struct search_index *ix, struct plan *pl)
{
	pl->order = xcalloc(ix->ndocs ? ix->ndocs : 1, sizeof *pl->order);
	for (size_t i = 0; i < ix->ndocs; i++)
		pl->order[i] = &ix->docs[i];
	xqsort(pl->order, ix->ndocs, sizeof *pl->order, cmp_docs_newest);
	for (size_t i = 0; i < ix->ndocs; i++)
		pl->order[i]->order = i;
	if (ix->nsites > 0)
		xqsort(ix->sites, ix->nsites, sizeof *ix->sites, cmp_labels);
	if (ix->nkinds > 0)
		xqsort(ix->kinds, ix->nkinds, sizeof *ix->kinds, cmp_labels);
}

/*
 * Shards for total bytes of postings: about SHARD_TARGET each, the count
 * rounded up to a step of an eighth of its power of two (193 and 194 give
 * 208). A token's shard is its hash modulo the count, so a new count
 * rewrites every shard file: without the steps, an edit that added one
 * line to one record did (suite_incremental).
 */
static unsigned
shard_count(size_t total)
{
	size_t n = (total + SHARD_TARGET - 1) / SHARD_TARGET, p = 8, step;

	while (p * 2 <= n)
		p *= 2;
	step = p / 8;
	n = (n + step - 1) / step * step;
	return n == 0 ? 1 : n > SHARD_MAX ? SHARD_MAX : (unsigned)n;
}

/*
 * Renumbers postings newest first, unless the pages were added in that
 * order (searchfeed.c does); marks hot terms and shards the rest.
 */
static void
plan_terms(struct search_index *ix, struct plan *pl)
{
	uint32_t *map = NULL;
	size_t total = 0;
	int renumber = 0;

	for (size_t i = 0; i < ix->ndocs && !renumber; i++)
		renumber = pl->order[i] != &ix->docs[i];
	if (renumber) {
		map = xcalloc(ix->ndocs, sizeof *map);
		for (size_t i = 0; i < ix->ndocs; i++)
			map[i] = (uint32_t)ix->docs[i].order;
		pl->saved = xcalloc(ix->nterms ? ix->nterms : 1, sizeof *pl->saved);
	}
	pl->terms = xcalloc(ix->nterms ? ix->nterms : 1, sizeof *pl->terms);
	for (size_t t = 0; t < ix->nterms; t++) {
		struct term *tm = &ix->terms[t];
		size_t plen;

		if (renumber)
			renumber_term(tm, map, &pl->saved[t]);
		pl->terms[t] = tm;
		plen = (size_t)tm->slen + tm->plen;	/* packed as written */
		tm->hot = plen > HOT_BYTES ? 0 : -1;
		if (tm->hot < 0)
			total += plen + tm->len + 6;
	}
	free(map);
	pl->nshards = shard_count(total);
	for (size_t t = 0; t < ix->nterms; t++)
		pl->terms[t]->shard = search_shard(pl->terms[t]->tok, pl->terms[t]->len, pl->nshards);
	xqsort(pl->terms, ix->nterms, sizeof *pl->terms, cmp_terms);
}

/* Writes t/hH.js for hot term tm, whose packed postings are ps[0..len). */
static int
write_hot(const struct term *tm, const unsigned char *ps, size_t len, struct sb *b,
    struct sb *path, int (*put)(void *, const char *, const char *, size_t), void *ctx)
{
	/* "GK_SEARCH.shard(\"h%ld\",{" and "search/t/h%ld.js" (hot >= 0 here) */
	b->len = 0;
	sb_add(b, "GK_SEARCH.shard(\"h", 18);
	put_dec(b, (size_t)tm->hot, '"');
	sb_add(b, ",{", 2);
	put_str(b, tm->tok, tm->len);
	sb_add(b, ":\"", 2);
	sb_add(b, (const char *)ps, len);
	sb_add(b, "\"});\n", 5);
	path->len = 0;
	sb_add(path, "search/t/h", 10);
	put_dec(path, (size_t)tm->hot, '.');
	sb_add(path, "js", 2);
	return put(ctx, sb_str(path), sb_str(b), b->len);
}

/*
 * Writes t/S.js for every shard S, numbering the hot terms, and each hot
 * term's t/hH.js when it comes: its postings are read back from the spill
 * file once, for both.
 */
static int
write_shards(struct search_index *ix, struct plan *pl, struct sb *b, struct sb *path,
    int (*put)(void *, const char *, const char *, size_t), void *ctx)
{
	struct sb hb;
	unsigned char *buf = NULL;
	size_t cap = 0;
	long nhot = 0;
	int rc = 0;

	sb_init(&hb);
	for (size_t t = 0, s = 0; s < pl->nshards && rc == 0; s++) {
		b->len = 0;
		sb_printf(b, "GK_SEARCH.shard(%zu,{", s);
		for (size_t first = t; t < ix->nterms && pl->terms[t]->shard == s && rc == 0; t++) {
			struct term *tm = pl->terms[t];
			const unsigned char *ps;
			size_t len;

			if (t > first)
				sb_putc(b, ',');
			put_str(b, tm->tok, tm->len);
			sb_putc(b, ':');
			if ((ps = term_bytes(ix, tm, &buf, &cap, &len)) == NULL) {
				rc = -1;
				break;
			}
			if (tm->hot < 0) {
				sb_putc(b, '"');
				sb_add(b, (const char *)ps, len);
				sb_putc(b, '"');
				continue;
			}
			tm->hot = nhot++;
			put_hot_ref(b, tm, ps, len);
			rc = write_hot(tm, ps, len, &hb, path, put, ctx);
		}
		sb_puts(b, "});\n");
		path->len = 0;
		sb_printf(path, "search/t/%zu.js", s);
		if (rc == 0 && put(ctx, sb_str(path), sb_str(b), b->len) != 0)
			rc = -1;
	}
	sb_free(&hb);
	free(buf);
	return rc;
}

/* Back to add-order packings, so that search_add and search_write may follow. */
static void
plan_free(struct search_index *ix, struct plan *pl)
{
	for (size_t t = 0; pl->saved != NULL && t < ix->nterms; t++) {
		struct term *tm = &ix->terms[t];

		free(tm->ps);
		tm->ps = pl->saved[t].ps;
		tm->plen = pl->saved[t].plen;
		tm->pcap = pl->saved[t].pcap;
		tm->prev = pl->saved[t].prev;
	}
	free(pl->saved);
	free(pl->terms);
	free(pl->order);
}

int
search_write(struct search_index *ix,
    int (*put)(void *ctx, const char *relpath, const char *data, size_t len),
    void *ctx)
{
	struct plan pl = { 0 };
	struct sb b, path;
	int rc = -1;

	if (ix->broken)
		return -1;
	sb_init(&b);
	sb_init(&path);
	plan_docs(ix, &pl);
	plan_terms(ix, &pl);
	write_meta(ix, pl.order, pl.nshards, &b);
	if (put(ctx, "search/meta.js", sb_str(&b), b.len) != 0)
		goto out;
	b.len = 0;
	sb_puts(&b, "GK_SEARCH.sites(");
	put_labels(&b, NULL, ix->sites, ix->nsites);
	sb_puts(&b, ");\n");
	if (put(ctx, "search/sites.js", sb_str(&b), b.len) != 0 ||
	    write_shards(ix, &pl, &b, &path, put, ctx) != 0)
		goto out;
	/* streamed documents are out already */
	if (ix->put == NULL && write_docs(ix, pl.order, put, ctx) != 0)
		goto out;
	rc = 0;
out:
	plan_free(ix, &pl);
	sb_free(&b);
	sb_free(&path);
	return rc;
}
