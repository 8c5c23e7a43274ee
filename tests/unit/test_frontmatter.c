/*
 * Front matter (fm_parse) and the key tables (schema_check): splitting,
 * positions, the YAML we refuse, and the exact text of every message a
 * clerk sees.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frontmatter.h"
#include "harness.h"
#include "schema.h"

#define P "content/sites/x/work/2024-06-12-a.md"

/* The diagnostic with exactly this message, or NULL. */
static const struct diag *
find_msg(const struct diags *d, const char *msg)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].msg, msg) == 0)
			return &d->v[i];
	return NULL;
}

/* Checks that d holds exactly one diagnostic, at line:col, with message msg. */
static void
check_one(const char *name, const struct diags *d, int line, int col, const char *msg)
{
	char buf[256];

	snprintf(buf, sizeof buf, "%s: one diagnostic", name);
	CHECK_INT(buf, d->n, 1);
	if (d->n < 1)
		return;
	snprintf(buf, sizeof buf, "%s: message", name);
	CHECK_STR(buf, d->v[0].msg, msg);
	snprintf(buf, sizeof buf, "%s: line", name);
	CHECK_INT(buf, d->v[0].line, line);
	snprintf(buf, sizeof buf, "%s: column", name);
	CHECK_INT(buf, d->v[0].col, col);
	snprintf(buf, sizeof buf, "%s: path", name);
	CHECK_STR(buf, d->v[0].path, P);
	snprintf(buf, sizeof buf, "%s: is an error", name);
	CHECK(buf, d->v[0].level == DIAG_ERROR);
}

static int
parse(const char *src, struct fm *f, struct diags *d)
{
	diags_init(d);
	return fm_parse(P, src, strlen(src), 1, f, d);
}

static void
test_split(void)
{
	struct fm f;
	struct diags d;
	int rc;

	rc = parse("\xef\xbb\xbf---\ntitle: 甲\ndate: 2024-06-12\n---\n正文\n", &f, &d);
	CHECK_INT("bom: parsed", rc, 0);
	CHECK_INT("bom: no diagnostics", d.n, 0);
	CHECK_STR("bom: title", ymap_str(f.root, "title"), "甲");
	CHECK_INT("bom: body line", f.body_line, 5);
	CHECK("bom: body", f.body_len == strlen("正文\n") && memcmp(f.body, "正文\n", f.body_len) == 0);
	CHECK_INT("bom: title line", ymap_get(f.root, "title")->line, 2);
	CHECK_INT("bom: title column", ymap_get(f.root, "title")->col, 8);
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\r\ntitle: 乙\r\ndate: 2024-06-12\r\n---\r\nbody\r\n", &f, &d);
	CHECK_INT("crlf: parsed", rc, 0);
	CHECK_INT("crlf: no diagnostics", d.n, 0);
	CHECK_STR("crlf: title has no CR", ymap_str(f.root, "title"), "乙");
	CHECK_STR("crlf: date has no CR", ymap_str(f.root, "date"), "2024-06-12");
	CHECK_INT("crlf: body line", f.body_line, 5);
	CHECK("crlf: body", f.body_len == 6 && memcmp(f.body, "body\r\n", 6) == 0);
	CHECK_INT("crlf: date line", ymap_get(f.root, "date")->line, 3);
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\ntitle: 丙\n\n正文没有结束的分隔线。\n", &f, &d);
	CHECK_INT("unclosed: refused", rc, -1);
	check_one("unclosed", &d, 1, 1, "front matter is not closed: add a line '---' after the last key");
	CHECK_STR("unclosed: rule", d.n ? d.v[0].rule : NULL, "front-matter");
	fm_free(&f);
	diags_free(&d);

	rc = parse("---", &f, &d);
	CHECK_INT("fence only: refused", rc, -1);
	check_one("fence only", &d, 1, 1, "front matter is not closed: add a line '---' after the last key");
	fm_free(&f);
	diags_free(&d);

	rc = parse("# 标题\n\n正文。\n", &f, &d);
	CHECK_INT("missing: refused", rc, -1);
	check_one("missing", &d, 1, 1, "missing front matter: start the file with a line '---', then "
	    "'title: …' and 'date: YYYY-MM-DD', then another '---'");
	fm_free(&f);
	diags_free(&d);

	diags_init(&d);
	rc = fm_parse(P, "正文。\n", strlen("正文。\n"), 0, &f, &d);
	CHECK_INT("not required: parsed", rc, 0);
	CHECK("not required: no root", f.root == NULL);
	CHECK_INT("not required: body line", f.body_line, 1);
	CHECK_INT("not required: no diagnostics", d.n, 0);
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\n---\n正文\n", &f, &d);
	CHECK_INT("empty: parsed", rc, 0);
	CHECK_INT("empty: no diagnostics", d.n, 0);
	CHECK("empty: an empty mapping", f.root != NULL && f.root->type == YNODE_MAP && f.root->n == 0);
	CHECK_INT("empty: body line", f.body_line, 3);
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\n\n# 只有注释\n---\n", &f, &d);
	CHECK_INT("comment only: parsed", rc, 0);
	CHECK("comment only: an empty mapping", f.root != NULL && f.root->type == YNODE_MAP && f.root->n == 0);
	fm_free(&f);
	diags_free(&d);
}

static void
test_positions(void)
{
	struct fm f;
	struct diags d;
	struct ynode *n;
	int rc;

	rc = parse("---\n"
	    "title: 财务公开\n"
	    "finance:\n"
	    "  opening_balance: 100.00\n"
	    "  income:\n"
	    "    - {item: 甲乙, amount: 1.00}\n"
	    "absent:\n"
	    "  - name: 王五\n"
	    "    reason: 外出务工\n"
	    "tags: [党建, 修路]\n"
	    "---\n", &f, &d);
	CHECK_INT("positions: parsed", rc, 0);
	n = ymap_get(ymap_get(f.root, "finance"), "opening_balance");
	CHECK("positions: nested scalar found", n != NULL);
	if (n) {
		CHECK_INT("positions: nested scalar line", n->line, 4);
		CHECK_INT("positions: nested scalar column", n->col, 20);
	}
	n = ymap_get(ymap_get(f.root, "finance"), "income");
	CHECK("positions: flow mapping in a list", n && n->type == YNODE_SEQ && n->n == 1 &&
	    n->items[0]->type == YNODE_MAP);
	if (n && n->n == 1) {
		struct ynode *amount = ymap_get(n->items[0], "amount");
		struct yent *e = ymap_ent(n->items[0], "amount");
		CHECK_STR("positions: flow value", amount ? amount->str : NULL, "1.00");
		CHECK_INT("positions: flow value line", amount ? amount->line : 0, 6);
		/* columns count characters: 甲乙 is two columns, not six bytes */
		CHECK_INT("positions: flow value column (characters)", amount ? amount->col : 0, 26);
		CHECK_INT("positions: flow key column", e ? e->key->col : 0, 18);
		CHECK_INT("positions: sequence line", n->line, 6);
	}
	n = ymap_get(f.root, "absent");
	if (n && n->type == YNODE_SEQ && n->n == 1) {
		struct ynode *r = ymap_get(n->items[0], "reason");
		CHECK_INT("positions: block value line", r ? r->line : 0, 9);
		CHECK_INT("positions: block value column", r ? r->col : 0, 13);
	} else
		CHECK("positions: block list", 0);
	n = ymap_get(f.root, "tags");
	CHECK("positions: flow list", n && n->type == YNODE_SEQ && n->n == 2);
	if (n && n->n == 2) {
		CHECK_INT("positions: flow item line", n->items[1]->line, 10);
		CHECK_INT("positions: flow item column", n->items[1]->col, 12);
		CHECK_STR("positions: flow item text", n->items[1]->str, "修路");
	}
	fm_free(&f);
	diags_free(&d);

	/* quoting is remembered: "12" is text, 12 is a number */
	rc = parse("---\na: \"12\"\nb: 12\nc:\nd: ~\n---\n", &f, &d);
	CHECK_INT("scalars: parsed", rc, 0);
	CHECK("scalars: quoted is not plain", ymap_get(f.root, "a") && !ymap_get(f.root, "a")->plain);
	CHECK("scalars: bare is plain", ymap_get(f.root, "b") && ymap_get(f.root, "b")->plain);
	CHECK("scalars: empty is null", ymap_get(f.root, "c") && ymap_get(f.root, "c")->null);
	CHECK("scalars: ~ is null", ymap_get(f.root, "d") && ymap_get(f.root, "d")->null);
	CHECK("scalars: ymap_str of null", ymap_str(f.root, "c") == NULL);
	fm_free(&f);
	diags_free(&d);
}

static void
test_refused(void)
{
	struct fm f;
	struct diags d;
	int rc;

	rc = parse("---\ntitle: 甲\ndate: 2024-06-12\ntitle: 乙\n---\n", &f, &d);
	CHECK_INT("duplicate: refused", rc, -1);
	check_one("duplicate", &d, 4, 1, "duplicate key 'title': each key may appear once; remove one of them");
	CHECK("duplicate: no tree", f.root == NULL);
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\ntitle: 甲\nbase: &b 1\ncopy: *b\n---\n", &f, &d);
	CHECK_INT("anchor: refused", rc, -1);
	check_one("anchor", &d, 3, 7, "YAML anchors and aliases (& and *) are not allowed in front matter; "
	    "write the value out, or quote it if it starts with * (e.g. \"**县\")");
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\ntitle: 甲\nlist: &l [1, 2]\n---\n", &f, &d);
	CHECK_INT("anchor on a list: refused", rc, -1);
	CHECK_INT("anchor on a list: one diagnostic", d.n, 1);
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\ntitle: 甲\nauthor: **县委组织部\n---\n", &f, &d);
	CHECK_INT("star value: refused", rc, -1);
	CHECK_INT("star value: one diagnostic", d.n, 1);
	CHECK("star value: quoting hint", d.n == 1 && strstr(d.v[0].msg,
	    "a value starting with * or & must be quoted, e.g. author: \"**县委组织部\"") != NULL);
	CHECK_INT("star value: line", d.n ? d.v[0].line : 0, 3);
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\ntitle: \"**县委组织部\"\n---\n", &f, &d);
	CHECK_INT("star value quoted: parsed", rc, 0);
	CHECK_STR("star value quoted: text", ymap_str(f.root, "title"), "**县委组织部");
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\ntitle: 甲\ntags:\n  - 修路\n - 党建\n---\n", &f, &d);
	CHECK_INT("bad indentation: refused", rc, -1);
	check_one("bad indentation", &d, 5, 2, "invalid front matter: did not find expected key; "
	    "check the indentation and quote values that contain : # [ ] { }");
	CHECK_STR("bad indentation: rule", d.n ? d.v[0].rule : NULL, "yaml");
	CHECK_STR("bad indentation: source line", d.n ? d.v[0].srcline : NULL, " - 党建");
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\ntitle:\tx\n\tdate: 2024-06-12\n---\n", &f, &d);
	CHECK_INT("tab: refused", rc, -1);
	CHECK("tab: hint", d.n == 1 && strstr(d.v[0].msg, "indent with spaces, not tabs") != NULL);
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\n- a\n- b\n---\n", &f, &d);
	CHECK_INT("list at top: refused", rc, -1);
	check_one("list at top", &d, 2, 1, "front matter must be a list of 'key: value' lines");
	fm_free(&f);
	diags_free(&d);

	rc = parse("---\n[a, b]: 1\n---\n", &f, &d);
	CHECK_INT("list as key: refused", rc, -1);
	check_one("list as key", &d, 2, 1, "a key must be plain text");
	fm_free(&f);
	diags_free(&d);

	{
		/* 40 nested lists: refused, not a stack overflow */
		char src[256] = "---\na: ";
		for (int i = 0; i < 40; i++)
			strcat(src, "[");
		for (int i = 0; i < 40; i++)
			strcat(src, "]");
		strcat(src, "\n---\n");
		rc = parse(src, &f, &d);
		CHECK_INT("deep nesting: refused", rc, -1);
		CHECK("deep nesting: message", d.n == 1 &&
		    strcmp(d.v[0].msg, "front matter nested too deeply (more than 32 levels)") == 0);
		fm_free(&f);
		diags_free(&d);
	}
}

/* Parses src and runs schema_check with fields; returns the number of errors. */
static int
schema(enum schema_which w, const char *src, struct fm *f, struct diags *d)
{
	if (parse(src, f, d) < 0)
		return -1;
	return schema_check(schema_fields(w), f->root, P, src, d);
}

static void
check_msg(const char *name, const struct diags *d, int line, int col, const char *msg)
{
	const struct diag *g = find_msg(d, msg);
	char buf[256];

	snprintf(buf, sizeof buf, "%s: message", name);
	if (g == NULL) {
		t_failed++;
		printf("FAIL: %s: no diagnostic \"%s\"; got:\n", buf, msg);
		for (size_t i = 0; i < d->n; i++)
			printf("    %d:%d: %s\n", d->v[i].line, d->v[i].col, d->v[i].msg);
		return;
	}
	CHECK(buf, 1);
	snprintf(buf, sizeof buf, "%s: position", name);
	if (g->line == line && g->col == col)
		CHECK(buf, 1);
	else {
		t_failed++;
		printf("FAIL: %s: got %d:%d, want %d:%d\n", buf, g->line, g->col, line, col);
	}
}

static void
test_schema(void)
{
	struct fm f;
	struct diags d;
	int n;

	n = schema(SCHEMA_WORK, "---\n标题: 修路\n日期: 2024-06-12\n标签: [修路]\n发布单位: 村委会\n草稿: 否\n---\n", &f, &d);
	CHECK_INT("alias: no errors", n, 0);
	CHECK_STR("alias: key rewritten", f.root->ents[0].key->str, "title");
	CHECK_STR("alias: title by English key", ymap_str(f.root, "title"), "修路");
	CHECK_STR("alias: date by English key", ymap_str(f.root, "date"), "2024-06-12");
	CHECK_STR("alias: author by English key", ymap_str(f.root, "author"), "村委会");
	CHECK("alias: Chinese key gone", ymap_get(f.root, "标题") == NULL);
	CHECK("alias: tags by English key", ymap_get(f.root, "tags") != NULL);
	CHECK_INT("alias: 否 is false", schema_bool(ymap_str(f.root, "draft")), 0);
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_WORK, "---\n标题: 修路\ntitle: 修路二\ndate: 2024-06-12\n---\n", &f, &d);
	CHECK_INT("alias and key: one error", n, 1);
	check_msg("alias and key", &d, 3, 1, "'标题' and 'title' are the same key; keep one of them");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_WORK, "---\ntitel: 修路\ndate: 2024-06-12\n---\n", &f, &d);
	/* the hint names the missing key already: no second error for the same slip */
	CHECK_INT("unknown key: one error", n, 1);
	check_msg("unknown key", &d, 2, 1, "unknown key 'titel'; did you mean 'title' (标题)?");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_WORK, "---\nxyz: 修路\ndate: 2024-06-12\n---\n", &f, &d);
	CHECK_INT("unknown key, no hint: two errors", n, 2);
	check_msg("unknown key, then missing", &d, 2, 1, "missing required key 'title' (标题): add a line 'title: …'");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_WORK, "---\ntitle: 修路\ndate: 2024-06-12\n发布单元: 村委会\n---\n", &f, &d);
	CHECK_INT("unknown Chinese key: one error", n, 1);
	check_msg("unknown Chinese key", &d, 4, 1, "unknown key '发布单元'; did you mean 'author' (发布单位)?");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_WORK, "---\ntitle: 修路\ndate: 2024-06-12\nzzzzzz: 1\n---\n", &f, &d);
	check_msg("unknown key, no suggestion", &d, 4, 1, "unknown key 'zzzzzz'; known keys here: title, date, "
	    "kind, tags, draft, summary, author, attachments, audience");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_MEETINGS, "---\ntitle: 党员大会\ndate: 2024-06-12\n---\n", &f, &d);
	CHECK_INT("missing required: one error", n, 1);
	check_msg("missing required", &d, 2, 1,
	    "missing required key 'meeting_type' (会议类型): add a line 'meeting_type: …'");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_WORK, "---\ntitle:\ndate: 2024-06-12\n---\n", &f, &d);
	CHECK_INT("empty required: one error", n, 1);
	check_msg("empty required", &d, 2, 7, "'title' (标题) is empty; fill it in");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_WORK, "---\ntitle: 修路\ndate: 2024-02-30\n---\n", &f, &d);
	CHECK_INT("bad date: one error", n, 1);
	check_msg("bad date", &d, 3, 7, "'date' (日期): '2024-02-30' is not a date; write it as YYYY-MM-DD, e.g. 2024-06-12");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_WORK, "---\ntitle: 修路\ndate: 2024/6/12\n---\n", &f, &d);
	check_msg("slash date", &d, 3, 7, "'date' (日期): '2024/6/12' is not a date; write it as YYYY-MM-DD, e.g. 2024-06-12");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_MEETINGS, "---\ntitle: 党员大会\ndate: 2024-06-12\nmeeting_type: 党员大会\n"
	    "expected: 二十\npresent: \"19\"\n---\n", &f, &d);
	CHECK_INT("bad int: two errors", n, 2);
	check_msg("bad int", &d, 5, 11, "'expected' (应到): '二十' is not a whole number; write digits only, e.g. 12");
	check_msg("quoted int", &d, 6, 10, "'present' (实到): '19' is not a whole number; write digits only, e.g. 12");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_DISCLOSURES, "---\ntitle: 财务公开\ndate: 2024-07-01\ncategory: 财务公开\nperiod: 2024-Q2\n"
	    "finance:\n  opening_balance: 1.005\n  income:\n    - {item: 补助, amount: 十元}\n"
	    "  closing_balance: 1.00\n---\n", &f, &d);
	CHECK_INT("bad money: two errors", n, 2);
	check_msg("bad money decimals", &d, 7, 20,
	    "'opening_balance' (期初余额): '1.005': an amount has at most two decimals (fen); round it to 0.01");
	{
		const struct diag *g = NULL;
		for (size_t i = 0; i < d.n; i++)
			if (d.v[i].line == 9)
				g = &d.v[i];
		CHECK("bad money text: reported", g != NULL);
		CHECK("bad money text: names the key", g && strncmp(g->msg, "'amount' (金额): '十元': ", 28) == 0);
		CHECK_INT("bad money text: column", g ? g->col : 0, 26);
	}
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_DISCLOSURES, "---\ntitle: 公开\ndate: 2024-07-01\ncategory: 财物公开\nperiod: 2024-Q5\n---\n", &f, &d);
	CHECK_INT("bad period and enum: two errors", n, 2);
	check_msg("bad period", &d, 5, 9, "'period' (所属期): '2024-Q5' is not a period; write 2024-06 (month), "
	    "2024-Q2 (quarter), 2024-H1 (half year) or 2024 (year)");
	check_msg("bad enum, did you mean", &d, 4, 11, "'category' (类别) cannot be '财物公开'; did you mean '财务公开'? "
	    "use one of: 村务公开, 财务公开, 党务公开");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_WORK, "---\ntitle: 修路\ndate: 2024-06-12\naudience: secret\n---\n", &f, &d);
	check_msg("bad enum, no suggestion", &d, 4, 11, "'audience' (公开范围) cannot be 'secret'; use one of: public, internal");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_WORK, "---\ntitle: [修路]\ndate: 2024-06-12\ndraft: 也许\n---\n", &f, &d);
	CHECK_INT("wrong shapes: two errors", n, 2);
	check_msg("list for text", &d, 2, 8, "'title' (标题) must be text, not a list");
	check_msg("bad bool", &d, 4, 8, "'draft' (草稿): '也许' is not true or false");
	fm_free(&f);
	diags_free(&d);

	n = schema(SCHEMA_ASSESSMENTS, "---\ntitle: 自查\ndate: 2024-06-30\nyear: 24\nstage: 自查申报\n"
	    "scores:\n  - {item: 班子, max: 20}\n---\n", &f, &d);
	check_msg("bad year", &d, 4, 7, "'year' (年度): '24' is not a year; write four digits, e.g. 2024");
	check_msg("missing key in a list entry", &d, 7, 5,
	    "missing required key 'score' (得分): add a line 'score: …'");
	fm_free(&f);
	diags_free(&d);
}

/* A parsed tree is one allocation that starts with its root (frontmatter.h). */
static int
inside(const void *p, const struct ynode *root, size_t size)
{
	return (const char *)p >= (const char *)root && (const char *)p < (const char *)root + size;
}

static void
test_compact(void)
{
	struct fm f;
	struct diags d;
	struct ynode *fin, *inc;
	int rc;

	rc = parse("---\ntitle: 丙\ntags: [a, 乙]\nempty:\nfinance:\n  opening_balance: 1.50\n"
	    "  income:\n    - item: 租金\n      amount: 2.00\n---\nbody\n", &f, &d);
	CHECK_INT("compact: parsed", rc, 0);
	CHECK_STR("compact: title", ymap_str(f.root, "title"), "丙");
	CHECK_INT("compact: title line", ymap_get(f.root, "title")->line, 2);
	CHECK_INT("compact: tags", (int)ymap_get(f.root, "tags")->n, 2);
	CHECK_STR("compact: tag 2", ymap_get(f.root, "tags")->items[1]->str, "乙");
	CHECK("compact: empty is null", ymap_get(f.root, "empty")->null);
	fin = ymap_get(f.root, "finance");
	CHECK_STR("compact: nested", ymap_str(fin, "opening_balance"), "1.50");
	inc = ymap_get(fin, "income");
	CHECK("compact: sequence of maps", inc != NULL && inc->n == 1);
	CHECK_STR("compact: deep", ymap_str(inc->items[0], "item"), "租金");
	CHECK_INT("compact: deep column", ymap_get(inc->items[0], "amount")->col, 15);
	/* about 40 nodes and their text: well under 4 KB, all in the root's block */
	CHECK("compact: nodes, arrays and text in one block", inside(inc->items[0], f.root, 4096) &&
	    inside(ymap_get(inc->items[0], "item")->str, f.root, 4096) && inside(fin->ents, f.root, 4096));
	fm_free(&f);
	diags_free(&d);
	rc = parse("---\n---\nbody\n", &f, &d);
	CHECK("compact: empty front matter is an empty map", rc == 0 && f.root != NULL && f.root->n == 0);
	fm_free(&f);
	diags_free(&d);
}

int
main(void)
{
	test_compact();
	test_split();
	test_positions();
	test_refused();
	test_schema();
	return t_done();
}
