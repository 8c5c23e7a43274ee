/*
 * test_model.c: model_fill reads a record's front matter into the typed
 * model once (model.h): the finance builder's sums and its "usable" flags,
 * the notice's dates, the period, the record's year, tags and attachments,
 * a meeting's page fields; and config_rules_fill reads site.yaml's rules.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "harness.h"
#include "model.h"

static struct record *
rec(enum kind k, const char *src, struct date d)
{
	struct record *r = calloc(1, sizeof *r);
	struct diags dg;

	diags_init(&dg);
	r->kind = k;
	r->date = d;
	if (fm_parse("t.md", src, strlen(src), 1, &r->fm, &dg) < 0)
		printf("FAIL: front matter of the test does not parse\n");
	diags_free(&dg);
	model_fill(r, 80);
	return r;
}

static void
rec_free(struct record *r)
{
	model_unfill(r);
	fm_free(&r->fm);
	free(r);
}

static void
test_finance(void)
{
	struct record *r = rec(KIND_DISCLOSURES,
	    "---\ncategory: 财务公开\nperiod: 2025-Q2\nfinance:\n  opening_balance: 100.00\n"
	    "  income: [{item: 转移支付, amount: 50.10}, {item: 租金, amount: 0.20}]\n"
	    "  expense: [{item: 办公, amount: 30}]\n  closing_balance: 120.30\n"
	    "  income_total: 50.30\n---\n", (struct date){ 2025, 7, 3 });
	const struct disclosure *d = r->disc;
	const struct finance *f = d ? d->finance : NULL;

	CHECK("a disclosure has its typed fields", d != NULL && f != NULL);
	if (f == NULL)
		return;
	CHECK_INT("category index (财务公开)", d->cat, 1);
	CHECK("period parsed once", d->has_period && d->period.unit == PERIOD_QUARTER && d->period.n == 2);
	CHECK_INT("opening in fen", f->opening.fen, 10000);
	CHECK_INT("income lines", f->nlines[FIN_INCOME], 2);
	CHECK_INT("income sum in fen", f->sum[FIN_INCOME], 5030);
	CHECK_INT("expense sum in fen", f->sum[FIN_EXPENSE], 3000);
	CHECK_STR("line item", f->lines[FIN_INCOME][1].item, "租金");
	CHECK("line keeps its node (positions)", f->lines[FIN_INCOME][1].node != NULL &&
	    f->lines[FIN_INCOME][1].node->line == 6);
	CHECK("stated income total read", f->stated_total[FIN_INCOME].ok &&
	    f->stated_total[FIN_INCOME].fen == 5030);
	CHECK("absent expense total is not usable", !f->stated_total[FIN_EXPENSE].ok &&
	    f->stated_total[FIN_EXPENSE].node == NULL);
	CHECK("both sides usable", f->side_ok[FIN_INCOME] && f->side_ok[FIN_EXPENSE]);
	CHECK("no notice", d->notice == NULL);
	rec_free(r);

	r = rec(KIND_DISCLOSURES, "---\nfinance:\n  opening_balance: 1.005\n"
	    "  expense: [{item: x, amount: abc}, {item: y, amount: 2}]\n---\n", (struct date){ 0, 0, 0 });
	f = r->disc->finance;
	CHECK("a bad opening is not usable", !f->opening.ok && f->opening.fen == 0);
	CHECK("a side with a bad amount is not usable", !f->side_ok[FIN_EXPENSE]);
	CHECK_INT("its sum counts the bad amount as 0 (pages show 0.00)", f->sum[FIN_EXPENSE], 200);
	CHECK("an absent side is usable", f->side_ok[FIN_INCOME] && f->nlines[FIN_INCOME] == 0);
	CHECK("no category: -1", r->disc->cat == -1 && r->disc->category == NULL);
	rec_free(r);
}

static void
test_notice(void)
{
	struct record *r = rec(KIND_DISCLOSURES,
	    "---\ncategory: 村务公开\nperiod: 2025-13\nnotice: {kind: 低保, from: 2025-03-01, to: 2025-03-08, "
	    "contact: 村委会}\nrows: dibao.csv\n---\n", (struct date){ 2025, 3, 1 });
	const struct notice *n = r->disc->notice;

	CHECK("a period that is not one is not parsed", !r->disc->has_period &&
	    strcmp(r->disc->period_text.s, "2025-13") == 0);
	CHECK("notice dated", n != NULL && n->dated && n->from.d == 1 && n->to.d == 8);
	CHECK_STR("notice kind", n ? n->kind : NULL, "低保");
	CHECK_STR("rows", r->disc->rows.s, "dibao.csv");
	rec_free(r);
	r = rec(KIND_DISCLOSURES, "---\nnotice: {from: 2025-02-30, to: 2025-03-08}\n---\n", (struct date){ 0, 0, 0 });
	n = r->disc->notice;
	CHECK("a bad from: not dated, to kept", !n->dated && n->from.y == 0 && n->to.y == 2025);
	rec_free(r);
}

static void
test_common(void)
{
	struct record *r = rec(KIND_ASSESSMENTS, "---\nyear: 2024\nstage: 县委复核\ntags: 党建\n"
	    "attachments: [static/a.pdf, ~, b.pdf]\n---\n", (struct date){ 2025, 1, 20 });

	CHECK_INT("year: the year key", r->year, 2024);
	CHECK_INT("the scorecard's year is the record's", r->score->year, 2024);
	CHECK("year given", r->score->year_given);
	CHECK_STR("stage as written", r->score->stage_name, "县委复核");
	CHECK("one tag written as a string", r->ntags == 1 && strcmp(r->tags[0], "党建") == 0);
	CHECK_INT("empty attachments are skipped", r->nattachments, 2);
	CHECK_STR("attachment as written", r->nattachments ? r->attachments[0].s : NULL, "static/a.pdf");
	rec_free(r);
	r = rec(KIND_ASSESSMENTS, "---\nstage: 自查申报\ntags: [a, [x], b]\n---\n", (struct date){ 2025, 1, 20 });
	CHECK_INT("no year key: the date's year", r->year, 2025);
	CHECK("not given", !r->score->year_given);
	CHECK("only scalar tags", r->ntags == 2 && strcmp(r->tags[1], "b") == 0);
	rec_free(r);
}

static void
test_meeting(void)
{
	struct record *r = rec(KIND_MEETINGS, "---\nmeeting_type: 党员大会\nlocation: 村委会\nhost: 王书记\n"
	    "absent: [{name: 李某, reason: 外出务工}]\nagenda: 选举\nexpected: 21\npresent: 12\n"
	    "resolutions: [{item: 甲, for: 7}]\n---\n", (struct date){ 2025, 1, 20 });
	const struct meeting *mt = r->meeting;

	CHECK_STR("location", mt->location, "村委会");
	CHECK("recorder absent", mt->recorder == NULL);
	CHECK("absentee", mt->nabsent == 1 && strcmp(mt->absent[0].reason, "外出务工") == 0);
	CHECK("agenda written as one string", mt->nagenda == 1 && strcmp(mt->agenda[0], "选举") == 0);
	CHECK("resolutions listed, present node kept", mt->res_listed && mt->present_node != NULL);
	CHECK("21/12/7 does not pass a 党员大会", mt->nres == 1 && !mt->res[0].passed);
	rec_free(r);
	r = rec(KIND_MEETINGS, "---\npresent: x12\nexpected: 12.5\n---\n", (struct date){ 2025, 1, 20 });
	CHECK("counts that are not whole numbers are not given", r->meeting->present == -1 &&
	    r->meeting->expected == -1 && !r->meeting->res_listed);
	rec_free(r);
}

static void
test_rules(void)
{
	const char *src = "rules:\n  disclosure_frequency: {财务公开: monthly, 村务公开: quarterly}\n"
	    "  disclosure_grace_days: 15\n  disclosure_since: 2024-01-01\n"
	    "  notice_min_days: {default: 5, 低保: 7}\n  notice_day_unit: workday\n"
	    "  holidays: [2024-10-01, 2024-10-02]\n  workdays: 2024-10-12\n"
	    "  meeting_cadence: {支部委员会: monthly}\n";
	struct config c;
	struct diags dg;
	const struct rule_entry *e;

	memset(&c, 0, sizeof c);
	diags_init(&dg);
	c.fm.root = fm_yaml("site.yaml", src, strlen(src), &dg);
	c.rules = ymap_get(c.fm.root, "rules");
	config_rules_fill(&c);
	CHECK_INT("frequencies in written order", c.rs.nfrequency, 2);
	e = rules_entry(c.rs.frequency, c.rs.nfrequency, "村务公开");
	CHECK("村务公开 quarterly", e != NULL && e->value == PERIOD_QUARTER);
	CHECK("党务公开 not set", rules_entry(c.rs.frequency, c.rs.nfrequency, "党务公开") == NULL);
	CHECK_INT("grace days", c.rs.grace_days, 15);
	CHECK_INT("since", c.rs.since.y, 2024);
	e = rules_entry(c.rs.min_days, c.rs.nmin_days, "低保");
	CHECK("notice days by kind", c.rs.has_min_days && e != NULL && e->value == 7);
	CHECK("workday unit", c.rs.workdays);
	CHECK("holidays and one workday", c.rs.nholidays == 2 && c.rs.nworkdays == 1 &&
	    c.rs.workday_list[0].d == 12);
	CHECK("cadence", c.rs.ncadence == 1 && c.rs.cadence[0].value == PERIOD_MONTH);
	config_rules_free(&c);
	ynode_free(c.fm.root);
	diags_free(&dg);
}

int
main(void)
{
	test_finance();
	test_notice();
	test_common();
	test_meeting();
	test_rules();
	return t_done();
}
