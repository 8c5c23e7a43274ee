/*
 * new.h: `gongkai new`, which starts a record of one kind from its
 * archetype, and the pieces of it that tests call directly.
 */
#ifndef GONGKAI_NEW_H
#define GONGKAI_NEW_H

#include <stddef.h>

struct sb;

/*
 * `gongkai new KIND --site ID TITLE [--date YYYY-MM-DD] [--slug SLUG]
 * [--year YYYY] [-C CONTENT_DIR] [-t THEME_DIR] [-q] [-h]`; argv[0] is
 * "new". Prints the new file's path on stdout. Returns the exit status:
 * 0 created; 1 the file exists already, or the archetype does not make a
 * valid record (nothing written); 2 usage or system error, unknown kind or
 * site.
 */
int cmd_new(int argc, char **argv);

/* The values an archetype's {{placeholders}} stand for. */
struct new_vars {
	const char	*title;		/* the user's text, any UTF-8 */
	const char	*date;		/* YYYY-MM-DD */
	const char	*site;		/* site id */
	const char	*kind;		/* folder name: work, meetings … */
	const char	*year;		/* YYYY */
	const char	*period;	/* the quarter before date's, e.g. 2025-Q1 */
	const char	*slug;		/* file name without .md */
};

/*
 * Appends s to b as one YAML scalar that reads back as exactly s: plain when
 * that is safe, else double-quoted with escapes. s is valid UTF-8.
 */
void new_yaml_scalar(struct sb *b, const char *s);

/*
 * Fills the placeholders of an archetype (tmpl, NUL-terminated) into out.
 * Inside the front matter, {{title}} becomes a YAML scalar (new_yaml_scalar);
 * everywhere else values go in as they are. Returns 0, or -1 for an unknown
 * placeholder, whose 1-based line goes to *line and whose text (at most
 * badlen - 1 bytes) to bad.
 */
int new_fill(const char *tmpl, const struct new_vars *v, struct sb *out,
    int *line, char *bad, size_t badlen);

/*
 * A short ASCII slug from the title's ASCII letters and digits ("2025 Q1
 * 财务公开" -> "2025-q1"), or NULL when it has no ASCII letter. Caller frees.
 */
char *new_slug_from_title(const char *title);

/*
 * The archetype made from the kind's key table, used when neither the
 * content nor the theme has one: required keys with placeholders or a
 * first allowed value, the other keys commented out, each with its Chinese
 * help. kind is an enum kind. Caller frees.
 */
char *new_builtin_archetype(int kind);

#endif
