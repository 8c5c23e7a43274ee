/*
 * kinds.c: the table of record kinds (kinds.h). Calls no other generator
 * file.
 */
#include <string.h>

#include "kinds.h"

/*
 * Each folder name is spelt once, here: the rows and the list of the
 * kind: key's values point at the same strings.
 */
static const char dir_work[] = "work";
static const char dir_meetings[] = "meetings";
static const char dir_disclosures[] = "disclosures";
static const char dir_cases[] = "cases";
static const char dir_assessments[] = "assessments";
static const char dir_reports[] = "reports";

const struct kind_info kind_info[KIND__COUNT] = {
	[KIND_WORK] = {
		.dir = dir_work, .cn = "工作记录", .singular = "work",
		.schema = SCHEMA_WORK, .nav = 1,
	},
	[KIND_MEETINGS] = {
		.dir = dir_meetings, .cn = "会议记录", .singular = "meeting",
		.schema = SCHEMA_MEETINGS, .nav = 2,
	},
	[KIND_DISCLOSURES] = {
		.dir = dir_disclosures, .cn = "三公开", .singular = "disclosure",
		.schema = SCHEMA_DISCLOSURES, .nav = 0,
		.flags = KIND_F_CATEGORY | KIND_F_KEEP_HTML,
		.scaffold_body = "现将{{site_name}}{{period_cn}}{{category}}事项公布如下。\n",
		.feed_subtitle = "村务、财务、党务公开",
	},
	[KIND_CASES] = {
		.dir = dir_cases, .cn = "典型经验", .singular = "case",
		.schema = SCHEMA_CASES, .nav = 3,
		.flags = KIND_F_OWN_INDEX | KIND_F_LATE_PAGE,
	},
	[KIND_ASSESSMENTS] = {
		.dir = dir_assessments, .cn = "考核评分", .singular = "assessment",
		.schema = SCHEMA_ASSESSMENTS, .nav = 4,
		.flags = KIND_F_YEAR_KEY | KIND_F_OWN_INDEX,
	},
	[KIND_REPORTS] = {
		.dir = dir_reports, .cn = "年度报告", .singular = "report",
		.schema = SCHEMA_REPORTS, .nav = 5,
		.flags = KIND_F_BY_YEAR | KIND_F_YEAR_KEY | KIND_F_NOT_BY_MONTH | KIND_F_KEEP_HTML,
	},
};

const char *const kind_dirs[KIND__COUNT + 1] = {
	[KIND_WORK] = dir_work,
	[KIND_MEETINGS] = dir_meetings,
	[KIND_DISCLOSURES] = dir_disclosures,
	[KIND_CASES] = dir_cases,
	[KIND_ASSESSMENTS] = dir_assessments,
	[KIND_REPORTS] = dir_reports,
	[KIND__COUNT] = NULL
};

int
kind_has(int k, enum kind_flag f)
{
	return k >= 0 && k < KIND__COUNT && (kind_info[k].flags & (unsigned)f) != 0;
}

int
kind_by_dir(const char *s)
{
	for (int k = 0; s != NULL && k < KIND__COUNT; k++)
		if (strcmp(s, kind_info[k].dir) == 0)
			return k;
	return -1;
}

int
kind_parse(const char *s)
{
	for (int k = 0; s != NULL && k < KIND__COUNT; k++)
		if (strcmp(s, kind_info[k].dir) == 0 || strcmp(s, kind_info[k].cn) == 0 ||
		    strcmp(s, kind_info[k].singular) == 0)
			return k;
	return -1;
}

enum kind
kind_by_nav(int i)
{
	for (int k = 0; k < KIND__COUNT; k++)
		if (kind_info[k].nav == i)
			return (enum kind)k;
	return KIND_WORK;	/* the unit test checks that every place is taken */
}
