/*
 * new.h: `gongkai new`, which starts a record of one kind from its
 * archetype, and the pieces of it that tests call directly. What it shares
 * with `gongkai import` (quoting, slugs, sites, writing) is in recwrite.h.
 */
#ifndef GONGKAI_NEW_H
#define GONGKAI_NEW_H

#include <stddef.h>

struct sb;

/*
 * `gongkai new KIND --site ID TITLE [--date YYYY-MM-DD] [--slug SLUG]
 * [--year YYYY] [--category CATEGORY] [-C CONTENT_DIR] [-t THEME_DIR] [-q]
 * [-h]`; argv[0] is "new". Prints the new file's path on stdout. Returns
 * the exit status: 0 created; 1 the file exists already, or the archetype
 * does not make a valid record (nothing written); 2 usage or system error,
 * unknown kind, site or category.
 */
int cmd_new(int argc, char **argv);

/* The values an archetype's {{placeholders}} stand for. */
struct new_vars {
	const char	*title;		/* the user's text, any UTF-8 */
	const char	*date;		/* YYYY-MM-DD */
	const char	*site;		/* site id */
	const char	*kind;		/* folder name: work, meetings … */
	const char	*year;		/* YYYY */
	const char	*period;	/* 2025-Q4: the title's, else the one before the date */
	const char	*slug;		/* file name without .md */
	const char	*category;	/* 村务公开, 财务公开 or 党务公开 */
	const char	*site_name;	/* the profile's name (法泥村), any UTF-8 */
	const char	*period_cn;	/* the period in words: 2025年第四季度 */
};

/*
 * Fills the placeholders of an archetype (tmpl, NUL-terminated) into out.
 * Inside the front matter, {{title}} and {{site_name}} become YAML scalars
 * (rw_yaml_scalar); everywhere else values go in as they are. A NULL value
 * leaves nothing. Returns 0, or -1 for an unknown placeholder, whose
 * 1-based line goes to *line and whose text (at most badlen - 1 bytes) to
 * bad.
 */
int new_fill(const char *tmpl, const struct new_vars *v, struct sb *out,
    int *line, char *bad, size_t badlen);

/*
 * The archetype made from the kind's key table, used when neither the
 * content nor the theme has one: required keys with placeholders or a
 * first allowed value, the other keys commented out, each with its Chinese
 * help; a disclosure's opening sentence. kind is an enum kind. Caller frees.
 */
char *new_builtin_archetype(int kind);

#endif
