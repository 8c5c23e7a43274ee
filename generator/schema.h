/*
 * schema.h: what keys each kind of file may have, their Chinese aliases and
 * their types. The content model's key tables live here as data, so the
 * validator, the README's key list and `gongkai new` speak the same language.
 */
#ifndef GONGKAI_SCHEMA_H
#define GONGKAI_SCHEMA_H

#include <stdio.h>

struct ynode;
struct diags;

enum ftype {
	FT_STR,		/* any text */
	FT_DATE,	/* YYYY-MM-DD */
	FT_INT,		/* a whole number >= 0 */
	FT_YEAR,	/* 1900..2999 */
	FT_BOOL,	/* true/false, 是/否 */
	FT_MONEY,	/* yuan with at most two decimals */
	FT_ENUM,	/* one of `values` */
	FT_PERIOD,	/* 2024-06, 2024-Q2, 2024-H1, 2024 */
	FT_SLUG,	/* [a-z0-9-]+ */
	FT_STR_LIST,	/* a list of text (a single text is taken as a list of one) */
	FT_DATE_LIST,	/* a list of dates */
	FT_MAP,		/* a mapping checked against `sub` */
	FT_MAP_OR_STR,	/* FT_MAP, or one line of text (site.yaml's footer) */
	FT_MAP_LIST,	/* a list of mappings, each checked against `sub` */
	FT_DICT		/* a mapping of free keys whose values have type `valtype` */
};

struct field {
	const char		*key;		/* English snake_case key */
	const char		*alias;		/* Chinese alias, or NULL */
	enum ftype		 type;
	int			 required;
	const struct field	*sub;		/* FT_MAP, FT_MAP_LIST */
	const char *const	*values;	/* FT_ENUM, NULL-terminated */
	enum ftype		 valtype;	/* FT_DICT values: FT_INT or FT_ENUM */
	const char		*help;		/* one line, Chinese, for `new` and the README */
};

enum schema_which {
	SCHEMA_SITE_CONFIG,	/* site.yaml */
	SCHEMA_PROFILE,		/* sites/<id>/index.md */
	SCHEMA_PAGE,		/* pages/<slug>.md */
	SCHEMA_WORK,
	SCHEMA_MEETINGS,
	SCHEMA_DISCLOSURES,
	SCHEMA_CASES,
	SCHEMA_ASSESSMENTS,
	SCHEMA_REPORTS,
	SCHEMA_MATTERS		/* sites/<id>/matters/<date>-<slug>.md (matter.h) */
};

/* The field table of a file family (terminated by a zero entry). */
const struct field *schema_fields(enum schema_which w);

/*
 * Checks map against fields: unknown keys (with a "did you mean"), types,
 * required keys. Chinese alias keys are rewritten in place to their English
 * key, so later stages only look up English keys. Adds errors to d; returns
 * how many it added.
 */
int schema_check(const struct field *fields, struct ynode *map,
    const char *path, const char *src, struct diags *d);

/* Enumerations shared with the checks and the pages. */
extern const char *const schema_meeting_types[];
extern const char *const schema_categories[];
extern const char *const schema_notice_kinds[];
extern const char *const schema_requirements[];
extern const char *const schema_promoted[];
extern const char *const schema_stages[];
extern const char *const schema_site_types[];
extern const char *const schema_levels[];
extern const char *const schema_subjects[];	/* 事项类别 of a matter */

/* Prints every key table as Markdown (the README's key list, `gongkai keys`). */
void schema_print_markdown(FILE *f);

/* Parses a boolean scalar (true/false/yes/no/是/否); -1 when it is none. */
int schema_bool(const char *s);

#endif
