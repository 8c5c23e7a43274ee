/* The kinds table (kinds.h): lookups, the nav order and that the rows agree with each other. */
#include <stdio.h>
#include <string.h>

#include "kinds.h"
#include "harness.h"

/* Every place of the nav is taken by exactly one kind, and each row is whole. */
static void
test_rows(void)
{
	int seen[KIND__COUNT] = { 0 }, ok = 1, distinct = 1;

	for (int k = 0; k < KIND__COUNT; k++) {
		const struct kind_info *r = &kind_info[k];

		if (r->nav < 0 || r->nav >= KIND__COUNT || seen[r->nav]++)
			ok = 0;
		CHECK("row has a folder, a Chinese name and a singular", r->dir && r->cn && r->singular);
		CHECK("kind_dirs points at the row's folder", kind_dirs[k] == r->dir);
		CHECK("the key table exists", schema_fields(r->schema) != NULL);
		for (int j = 0; j < k; j++)
			if (strcmp(kind_info[j].dir, r->dir) == 0 || strcmp(kind_info[j].cn, r->cn) == 0 ||
			    strcmp(kind_info[j].singular, r->singular) == 0 || kind_info[j].schema == r->schema)
				distinct = 0;
	}
	CHECK("kind_dirs ends with NULL", kind_dirs[KIND__COUNT] == NULL);
	CHECK("nav places are 0..n-1, each once", ok);
	CHECK("names and key tables differ between kinds", distinct);
	for (int i = 0; i < KIND__COUNT; i++)
		CHECK_INT("kind_by_nav inverts nav", kind_info[kind_by_nav(i)].nav, i);
	CHECK_INT("the nav starts with 三公开", kind_by_nav(0), KIND_DISCLOSURES);
	CHECK_INT("the nav ends with 年度报告", kind_by_nav(KIND__COUNT - 1), KIND_REPORTS);
}

static void
test_lookups(void)
{
	CHECK_INT("by dir", kind_by_dir("meetings"), KIND_MEETINGS);
	CHECK_INT("by dir: the Chinese name is no folder", kind_by_dir("会议记录"), -1);
	CHECK_INT("by dir: singular is no folder", kind_by_dir("meeting"), -1);
	CHECK_INT("by dir: NULL", kind_by_dir(NULL), -1);
	CHECK_INT("parse: folder", kind_parse("reports"), KIND_REPORTS);
	CHECK_INT("parse: Chinese", kind_parse("三公开"), KIND_DISCLOSURES);
	CHECK_INT("parse: singular", kind_parse("case"), KIND_CASES);
	CHECK_INT("parse: unknown", kind_parse("page"), -1);
	CHECK_INT("parse: prefix is not enough", kind_parse("meet"), -1);
}

static void
test_flags(void)
{
	CHECK("reports are named by year", kind_has(KIND_REPORTS, KIND_F_BY_YEAR));
	CHECK("work is named by date", !kind_has(KIND_WORK, KIND_F_BY_YEAR));
	CHECK("disclosures take a category", kind_has(KIND_DISCLOSURES, KIND_F_CATEGORY));
	CHECK("cases and assessments have their own county page",
	    kind_has(KIND_CASES, KIND_F_OWN_INDEX) && kind_has(KIND_ASSESSMENTS, KIND_F_OWN_INDEX) &&
	    !kind_has(KIND_MEETINGS, KIND_F_OWN_INDEX));
	CHECK("out of range has no flag", !kind_has(-1, KIND_F_BY_YEAR) && !kind_has(KIND__COUNT, KIND_F_BY_YEAR));
	CHECK("only disclosures have a feed of their own", kind_info[KIND_DISCLOSURES].feed_subtitle != NULL &&
	    kind_info[KIND_WORK].feed_subtitle == NULL);
}

int
main(void)
{
	test_rows();
	test_lookups();
	test_flags();
	return t_done();
}
