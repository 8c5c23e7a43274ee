/*
 * util.h: memory, growable strings and small file helpers used everywhere.
 * Out of memory is fatal: the x* allocators print and exit(2), so callers
 * never check for NULL.
 */
#ifndef GONGKAI_UTIL_H
#define GONGKAI_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Says "out of memory" and exits 2: what the x* allocators do when malloc fails. */
_Noreturn void oom(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Copies; caller frees. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte string, always NUL-terminated once anything was added. */
struct sb {
	char	*buf;	/* owned; NULL until the first add */
	size_t	 len;	/* bytes used, excluding the NUL */
	size_t	 cap;	/* bytes allocated */
};

void sb_init(struct sb *b);
void sb_add(struct sb *b, const char *s, size_t n);
void sb_puts(struct sb *b, const char *s);
void sb_putc(struct sb *b, char c);
void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct sb *b, const char *fmt, va_list ap);
/* Appends v in decimal: for hot loops, where printf's parsing shows (QR codes). */
void sb_putu(struct sb *b, unsigned long long v);
/*
 * Appends s[0..n) with & < > " ' escaped for HTML text and attribute values.
 * s must be a string (a NUL at s[n] or after): it is scanned as one.
 */
void sb_html(struct sb *b, const char *s, size_t n);
/* Returns the buffer (never NULL, "" when empty); the caller frees it and b is reset. */
char *sb_take(struct sb *b);
/* Contents as a C string, valid until the next add; "" when empty. */
const char *sb_str(const struct sb *b);
void sb_free(struct sb *b);

/*
 * Reads a whole file. Returns 0 and sets *out (caller frees, NUL-terminated)
 * and *len; -1 with errno set on failure. Then calls the observer, if one
 * is set, with path and the bytes read.
 */
int file_read(const char *path, char **out, size_t *len);
/* file_read without the observer: for reads that are not the build's (the inputs key's own pass). */
int file_read_raw(const char *path, char **out, size_t *len);
/*
 * Sets the function file_read calls after each read, or NULL for none. The
 * build's read log (readlog.h) is the one user; fn must be thread-safe.
 */
void file_read_observer(void (*fn)(const char *path, const char *data, size_t len));
/* Writes a whole file, creating parent folders; 0 or -1 with errno. */
int file_write(const char *path, const char *data, size_t len);
/* mkdir -p; 0 or -1 with errno. */
int mkdirs(const char *path);
/* rm -rf of a folder we created; 0 or -1. */
int rmtree(const char *path);
/* Copies a regular file; 0 or -1. */
int file_copy(const char *from, const char *to);
/* Joins two path parts with one '/'; caller frees. */
char *path_join(const char *a, const char *b);

/*
 * Checks that s[0..n) is valid UTF-8 (no overlong forms, no surrogates, no
 * NUL). Returns n when valid, else the byte offset of the first bad byte.
 */
size_t utf8_valid(const char *s, size_t n);
/* Decodes one code point at s (valid UTF-8 assumed); sets *cp, returns its length (1-4). */
int utf8_decode(const char *s, uint32_t *cp);
/* Appends cp to b as UTF-8. */
void utf8_encode(struct sb *b, uint32_t cp);
/* The code points in s[0..n): its bytes that do not continue a UTF-8 sequence. */
size_t utf8_count(const char *s, size_t n);
/* Counts display columns for a diagnostic caret: code points, 1-based. */
int utf8_columns(const char *s, size_t n);
/* The value of hex digit c, or -1. */
int hex_value(int c);
/*
 * 1 when a page may link to u, a URL written in content: a relative one, or
 * http:, https:, mailto: or tel: (never javascript:, data: …); 0 otherwise.
 */
int url_linkable(const char *u);
/*
 * 1 when s (UTF-8, NUL-terminated) shows nothing: only white space (the
 * ideographic space too) and invisible characters, or nothing at all.
 */
int text_blank(const char *s);
/* The ASCII or full-width digit at s (NUL-terminated): its value, its bytes in *k; -1 if none. */
int digit_at(const char *s, int *k);
/*
 * The character column of byte column bytecol (1-based, as cmark counts) on
 * line `line` of text[0..len), as diagnostics count columns (diag.h).
 */
int utf8_line_col(const char *text, size_t len, int line, int bytecol);
/* Is cp a CJK ideograph, kana, or full-width CJK punctuation? */
int is_cjk(uint32_t cp);

/*
 * qsort that accepts an empty or NULL array (qsort(NULL, 0, …) is undefined
 * behaviour, and every list here may be empty).
 */
void xqsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* Levenshtein distance in characters (code points), for "did you mean" hints. */
int edit_distance(const char *a, const char *b);

/*
 * 64-bit FNV-1a of n bytes: stable ids that end up in the output (tag
 * addresses, search shards), so it must never change.
 */
uint64_t hash64(const void *p, size_t n, uint64_t seed);
/*
 * A faster 64-bit hash, eight bytes a step, continuing from h: for what
 * never leaves one build's machine (file contents, source checks, cache
 * keys), where hash64's byte loop showed in the profile.
 */
uint64_t hash_bytes(uint64_t h, const void *p, size_t n);

/*
 * Every cache file ends with a seal, "end <bytes> <hash>\n" (cache_seal
 * appends it to b). cache_unseal cuts text (NUL-terminated, len bytes)
 * before its seal: 0, or -1 when the seal does not hold (a file cut short,
 * a byte changed), and then the whole file must be ignored.
 */
void cache_seal(struct sb *b);
int cache_unseal(char *text, size_t len);
/*
 * Seals b and puts it in place at path atomically (path.tmp, then rename);
 * when that fails, path is removed: a cache file is whole or absent.
 */
void cache_put(const char *path, struct sb *b);
/* This gongkai: a hash of its version and its binary's size and mtime. */
uint64_t self_stamp(void);

/*
 * A bump allocator: many small allocations freed at once. Used for the
 * template values of one build, and of one page.
 */
struct arena;
struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
