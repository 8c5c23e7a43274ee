/*
 * kinds.h: the record kinds, one row each. A row says where a clerk keeps
 * the records (the folder under sites/<id>/), what the pages and `gongkai
 * new` call them, which key table checks them, how their files are named,
 * where the nav lists them and which pages they get beyond the common ones
 * (a record page each, a list per site and one county-wide). Every other
 * file reads this table instead of keeping its own copy.
 *
 * Adding a kind: an enum constant, a row and a kind_dirs entry in kinds.c,
 * its key table in schema.c (enum schema_which), an archetype in
 * themes/default/archetypes/ (test_new asks for one), the pages its flags ask
 * for, and its name in the messages that list the kinds in words: new's and
 * import's --help and usage errors, content.c's layout errors (translated
 * text in po/zh_CN.po; suite_new checks the two --help texts).
 *
 * kinds.c calls no other generator file: it sits at the bottom of the call
 * graph, so that every stage may read it (make lint).
 */
#ifndef GONGKAI_KINDS_H
#define GONGKAI_KINDS_H

#include "schema.h"

enum kind {
	KIND_WORK,
	KIND_MEETINGS,
	KIND_DISCLOSURES,
	KIND_CASES,
	KIND_ASSESSMENTS,
	KIND_REPORTS,
	KIND__COUNT
};

/* What a kind's files and pages need beyond the common ones (kind_info.flags). */
enum kind_flag {
	/* One file a year, named YEAR.md, not DATE-SLUG.md: new takes --year, not --slug */
	KIND_F_BY_YEAR = 1 << 0,
	/* Its year: key also places it in the archive of that year (not only its date) */
	KIND_F_YEAR_KEY = 1 << 1,
	/* Filed under a category and a period (三公开): new fills in both, takes --category */
	KIND_F_CATEGORY = 1 << 2,
	/* Its county-wide list is its own page family (cases.c, scoreboard.c), not the plain list */
	KIND_F_OWN_INDEX = 1 << 3,
	/* The archive shows it as the year's report, not in the month-by-month lists */
	KIND_F_NOT_BY_MONTH = 1 << 4,
	/* Its body HTML is needed after its own page (print sheets, the archive): kept (links.c) */
	KIND_F_KEEP_HTML = 1 << 5,
	/* Its page shows other records' summaries (evidence): written in a second pass (pages.c) */
	KIND_F_LATE_PAGE = 1 << 6
};

struct kind_info {
	const char	*dir;		/* folder under sites/<id>/, the kind: value, the URL part, the feed term */
	const char	*cn;		/* Chinese name: titles, crumbs, the nav label; new accepts it */
	const char	*singular;	/* English singular new accepts; new's slug when the title has no ASCII word */
	enum schema_which schema;	/* its key table */
	int		 nav;		/* its place in the site nav among the kinds, 0 first */
	unsigned	 flags;		/* enum kind_flag */
	const char	*scaffold_body;	/* text after the built-in archetype's front matter, or NULL */
	const char	*feed_subtitle;	/* has a county-wide feed of its own, <dir>/feed.xml, so subtitled; or NULL */
};

/* The rows, in enum order. */
extern const struct kind_info kind_info[KIND__COUNT];

/* The folder names in enum order, NULL-terminated: the values of the kind: key. */
extern const char *const kind_dirs[KIND__COUNT + 1];

/* Does kind k have flag f? */
int kind_has(int k, enum kind_flag f);

/* The kind whose folder is s, or -1. */
int kind_by_dir(const char *s);

/* The kind named s as `gongkai new` accepts it: folder, Chinese name or singular; or -1. */
int kind_parse(const char *s);

/* The kind at place i (0 first) of the site nav. */
enum kind kind_by_nav(int i);

#endif
