/*
 * recwrite.h: what `gongkai new` and `gongkai import` share to write a
 * record: the YAML scalar quoter, the front matter's Chinese keys, the slug
 * rule, the list of sites, and the file writer.
 *
 * Guarantees:
 *   - rw_yaml_scalar writes a scalar that a YAML 1.1 or 1.2 reader takes
 *     back as exactly the text given: never as a number, a bool, null or a
 *     date, never cut at a '#' or a ': ', with every character kept.
 *   - rw_create never replaces or truncates a file (O_EXCL) and leaves no
 *     half-written file behind.
 *   - Both commands name sites, check slugs and list sites the same way, so
 *     a message about one reads like the message about the other.
 */
#ifndef GONGKAI_RECWRITE_H
#define GONGKAI_RECWRITE_H

#include "schema.h"

struct sb;

/* ---- YAML ---- */

/*
 * Appends s to b as one YAML scalar on one line: plain when that is safe,
 * else double-quoted, with control characters as \t, \n, \r or \xNN and the
 * other characters YAML may not hold as \N, \L, \P or \uNNNN. s should be
 * valid UTF-8; a byte that is not becomes U+FFFD (which `gongkai check`
 * reports as damaged text).
 */
void rw_yaml_scalar(struct sb *b, const char *s);

/*
 * The key a written front matter uses for `key` (English, e.g. "title") in
 * the key table of `which`: its Chinese alias (标题), or the key itself when
 * it has none. Static.
 */
const char *rw_key(enum schema_which which, const char *key);

/* Appends "KEY: VALUE\n": the key as rw_key names it, the value as rw_yaml_scalar writes it. */
void rw_pair(struct sb *b, enum schema_which which, const char *key, const char *value);


/* ---- names ---- */

/* Is s a site id or slug: non-empty, only a-z, 0-9 and '-'? */
int rw_is_slug(const char *s);

/*
 * A slug from the ASCII words of text ("2025 Q1 财务公开" -> "2025-q1"):
 * runs of letters and digits, lowercased, joined by '-'; at most six
 * words, and whole words while their letters and digits fit in 40 bytes.
 * NULL when there is no ASCII letter (a date already leads a record's
 * name; "2025-1" would add nothing). Caller frees.
 */
char *rw_slug(const char *text);

/* ---- sites ---- */

/* Does content_dir/sites/id/index.md exist, with id a slug? */
int rw_site_exists(const char *content_dir, const char *id);

/* The site ids of content_dir, sorted, separated by one blank; NULL when there are none. Caller frees. */
char *rw_site_list(const char *content_dir);

/*
 * Prints to stderr that site id is unknown, and the sites there are:
 *   WHO: unknown site 'x' (no content/sites/x/index.md)
 *   sites: agu fani …
 * (or that there are none yet). `who` is "gongkai" or "gongkai import".
 */
void rw_unknown_site(const char *who, const char *content_dir, const char *id);

/* ---- files ---- */

/* Creates path with text, never replacing a file. 0, or -1 with errno (EEXIST: it exists). */
int rw_create_file(const char *path, const char *text);

/*
 * Makes the text of a new file whose name will be `name` (the file name
 * without .md). Returns a string the caller frees.
 */
typedef char *(*rw_text_fn)(void *ctx, const char *name);

/*
 * Creates dir (and its parents) and in it the file stem.md with the text
 * text(ctx, stem); when `numbered` and that name is taken, the first free
 * of stem-2.md, stem-3.md … stem-999.md, each with its own text. Sets *path
 * (caller frees) to the file written, or to the last one tried (the folder,
 * when it could not be made). Returns 0, or -1 with errno: EEXIST when
 * every name was taken.
 */
int rw_create(const char *dir, const char *stem, int numbered, rw_text_fn text, void *ctx,
    char **path);

#endif
