/*
 * search.h: the static full-text search index.
 *
 * Chinese text is indexed as overlapping character bigrams plus single
 * characters, so any run of two or more characters finds its pages without a
 * dictionary or a segmenter that could disagree with the browser's. Latin
 * letters and digits are indexed as lower-cased words with every suffix.
 * Every token keeps its positions, so a query matches as written: its
 * characters adjacent and in order (issue 20). The index is written
 * as small JavaScript files that register themselves with the global
 * GK_SEARCH, so it works over HTTP and from file:// alike;
 * themes/default/assets/search.js reads them. The layout is described at the
 * top of search.c.
 */
#ifndef GONGKAI_SEARCH_H
#define GONGKAI_SEARCH_H

#include <stddef.h>

struct search_index;

/* Returns an empty index; free it with search_free. */
struct search_index *search_new(void);
/* Frees the index and everything it copied; search_free(NULL) is a no-op. */
void search_free(struct search_index *ix);

/*
 * Adds one page. url is relative to the site root
 * ("sites/fani/work/2025-03-01-x/index.html"); site_id and kind are the
 * machine names used for filtering, site_name and kind_name the Chinese
 * labels shown in the filters; date is "YYYY-MM-DD" or "" (NULL counts as "");
 * text is the page's plain, already privacy-masked text. All strings must be
 * valid UTF-8 and are copied. Returns the document number: 0 for the first
 * page added, then 1, 2, ... (the files written renumber the pages newest
 * first; that numbering is private to the index), or -1 (search_stream).
 */
int search_add(struct search_index *ix, const char *url, const char *title,
    const char *site_id, const char *site_name, const char *kind,
    const char *kind_name, const char *date, const char *text);

/*
 * Streaming, for builds (issue 7: at county scale the index must not hold
 * the corpus's text). After search_stream, search_add writes each page's
 * text files (search/d/...) through put at once and keeps only what the
 * postings need; search_write then writes the rest. The output is the same
 * as without streaming, given the caller's two promises: every site and kind
 * is declared with search_label (facet 's' or 'k') before search_stream, and
 * pages are added newest first (date descending, undated last, the order the
 * index numbers them). A broken promise or a failed put makes that
 * search_add and every later search_write return -1. While streaming, the
 * postings of common terms wait in a temporary file (made in $TMPDIR, else
 * /tmp, and unlinked at once; without one they stay in memory), so that
 * the index's memory does not grow with the archive's text.
 */
void search_label(struct search_index *ix, char facet, const char *id, const char *name);
void search_stream(struct search_index *ix,
    int (*put)(void *ctx, const char *relpath, const char *data, size_t len), void *ctx);
/* Why the temporary file failed (an errno value) when search_write failed for it, or 0. */
int search_spill_errno(const struct search_index *ix);

/*
 * Writes every index file by calling put(ctx, relpath, data, len), relpath
 * being under "search/" ("search/meta.js", "search/t/3.js",
 * "search/d/0/17-0.js"); data is valid only during the call. The output is a
 * function of the pages added and their order only: the same input gives the
 * same bytes. Returns 0, or -1 as soon as put returns nonzero.
 */
int search_write(struct search_index *ix,
    int (*put)(void *ctx, const char *relpath, const char *data, size_t len),
    void *ctx);

/*
 * The tokeniser, exported for tests. Calls emit(ctx, tok, toklen, pos) for
 * each token of text[0..len): for a run of CJK characters each character
 * and each bigram that starts at it ("修路" gives 修, 修路, 路); for a word
 * (ASCII letters and digits, and a decimal point or a thousands comma
 * between two digits: "10,004.60" is one word) every suffix that starts
 * with a letter or digit, lower-cased, of the word's first SEARCH_WORD_MAX
 * bytes, and each of its characters ("abc" gives abc, a, bc, b, c), so
 * that any part of a word is the prefix of a token and any one character
 * a token. Full-width digits and letters count as their ASCII forms;
 * everything else separates tokens. tok is only valid during the call; pos
 * is the index, in code points, of the token's first character in text;
 * positions never go backwards.
 */
#define SEARCH_WORD_MAX 32
void search_tokenize(const char *text, size_t len,
    void (*emit)(void *ctx, const char *tok, size_t toklen, size_t pos),
    void *ctx);

/*
 * Which of nshards shard files holds token tok: hash64 of the token's shard
 * key modulo nshards. The shard key is the token itself, except that words
 * (starting with a letter or a digit) are keyed by their first two bytes so
 * that one shard holds every word a prefix query may match. search.js
 * computes the same.
 */
unsigned search_shard(const char *tok, size_t len, unsigned nshards);

#endif
