/*
 * `gongkai new`: YAML quoting of titles, placeholders, slugs, and the
 * archetypes of the default theme and the built-in ones, which must agree
 * with the key tables of schema.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frontmatter.h"
#include "gongkai.h"
#include "harness.h"
#include "new.h"
#include "schema.h"
#include "util.h"

static const enum schema_which kind_schema[KIND__COUNT] = {
	SCHEMA_WORK, SCHEMA_MEETINGS, SCHEMA_DISCLOSURES, SCHEMA_CASES,
	SCHEMA_ASSESSMENTS, SCHEMA_REPORTS
};

static const struct new_vars vars = {
	"测试标题", "2025-06-12", "agu", "work", "2025", "2025-Q1", "2025-06-12-test"
};

/* Parses text as a record of kind k; returns the schema errors (-1: no front matter). */
static int
record_errors(const char *text, int k, const char *path)
{
	struct diags d;
	struct fm fm;
	int n;

	diags_init(&d);
	memset(&fm, 0, sizeof fm);
	if (fm_parse(path, text, strlen(text), 1, &fm, &d) < 0)
		n = -1;
	else
		n = schema_check(schema_fields(kind_schema[k]), fm.root, path, text, &d);
	if (n != 0)
		diags_print(&d, 0);
	fm_free(&fm);
	diags_free(&d);
	return n;
}

/* Does new_yaml_scalar(s) read back as s? */
static int
roundtrip(const char *s)
{
	struct sb b;
	struct diags d;
	struct fm fm;
	const char *got;
	int ok;

	sb_init(&b);
	sb_puts(&b, "---\ntitle: ");
	new_yaml_scalar(&b, s);
	sb_puts(&b, "  # comment\ndate: 2025-01-01\n---\nbody\n");
	diags_init(&d);
	memset(&fm, 0, sizeof fm);
	ok = fm_parse("t.md", sb_str(&b), b.len, 1, &fm, &d) == 0 &&
	    (got = ymap_str(fm.root, "title")) != NULL && strcmp(got, s) == 0;
	if (!ok)
		printf("# roundtrip of [%s] gave:\n%s", s, sb_str(&b));
	fm_free(&fm);
	diags_free(&d);
	sb_free(&b);
	return ok;
}

static void
test_yaml_scalar(void)
{
	static const char *const titles[] = {
		"*重要*", "a: b", "# 开头", "- 列表", "\"引号\"", "'单引号'", "back\\slash", "true",
		"False", "null", "~", "2025", "1e3", "0x1F", "2025-06-12", "标题 #1", "[x]", "{y}", "%p",
		"@a", "`b`", "结尾:", " 前空格", "后空格 ", "x: y: z", "!tag", "&anchor", "|", ">", "?",
		"---", "...", "学习《条例》：第一讲", "a\xe2\x80\xa8" "b", "c\xc2\x85" "d", "\xef\xbb\xbf" "bom",
		"tab\there", "new\nline", "{{title}}", "百分之百%", "问：答", "a,b", "C:\\path", NULL
	};
	struct sb b;

	for (int i = 0; titles[i]; i++) {
		char name[160];
		snprintf(name, sizeof name, "yaml scalar reads back: %s", titles[i]);
		for (char *c = name; *c; c++)
			if ((unsigned char)*c < 0x20)
				*c = '?';
		CHECK(name, roundtrip(titles[i]));
	}
	sb_init(&b);
	new_yaml_scalar(&b, "阿姑村2025年第一季度财务收支公开");
	CHECK_STR("yaml scalar: a Chinese title stays plain", sb_str(&b), "阿姑村2025年第一季度财务收支公开");
	sb_free(&b);
	sb_init(&b);
	new_yaml_scalar(&b, "*重要*");
	CHECK_STR("yaml scalar: a title starting with * is quoted", sb_str(&b), "\"*重要*\"");
	sb_free(&b);
	sb_init(&b);
	new_yaml_scalar(&b, "会议：\"三会一课\"\\");
	CHECK_STR("yaml scalar: quotes and backslashes escaped", sb_str(&b), "会议：\"三会一课\"\\");
	sb_free(&b);
	sb_init(&b);
	new_yaml_scalar(&b, "a: \"b\"\\");
	CHECK_STR("yaml scalar: escapes inside quotes", sb_str(&b), "\"a: \\\"b\\\"\\\\\"");
	sb_free(&b);
}

static void
test_fill(void)
{
	struct sb b;
	char bad[64];
	int line = 0;
	struct new_vars v = vars;

	v.title = "a: b";
	sb_init(&b);
	CHECK("fill: known placeholders", new_fill("---\ntitle: {{title}}\ndate: {{ date }}\n---\n"
	    "{{title}} {{site}}/{{kind}} {{year}} {{period}} {{slug}}\n", &v, &b, &line, bad, sizeof bad) == 0);
	CHECK_STR("fill: quoted in front matter, as is in the body", sb_str(&b),
	    "---\ntitle: \"a: b\"\ndate: 2025-06-12\n---\na: b agu/work 2025 2025-Q1 2025-06-12-test\n");
	sb_free(&b);
	sb_init(&b);
	CHECK("fill: unknown placeholder refused",
	    new_fill("---\ntitle: x\n\nfoo: {{nope}}\n---\n", &v, &b, &line, bad, sizeof bad) == -1);
	CHECK_INT("fill: unknown placeholder line", line, 4);
	CHECK_STR("fill: unknown placeholder text", bad, "{{nope}}");
	sb_free(&b);
	sb_init(&b);
	CHECK("fill: lone braces are text", new_fill("a {{ b } {{x-y}} }}", &v, &b, &line, bad, sizeof bad) == 0);
	CHECK_STR("fill: lone braces kept", sb_str(&b), "a {{ b } {{x-y}} }}");
	sb_free(&b);
	sb_init(&b);
	CHECK("fill: no front matter: all as is", new_fill("title: {{title}}\n", &v, &b, &line, bad, sizeof bad) == 0);
	CHECK_STR("fill: no front matter value", sb_str(&b), "title: a: b\n");
	sb_free(&b);
	sb_init(&b);
	new_fill("", &v, &b, &line, bad, sizeof bad);
	CHECK_STR("fill: empty archetype", sb_str(&b), "");
	sb_free(&b);
}

static void
test_slug(void)
{
	char *s;

	s = new_slug_from_title("2025 Q1 财务公开");
	CHECK_STR("slug: ASCII words", s, "2025-q1");
	free(s);
	s = new_slug_from_title("学习 Xi Jinping Thought 讲座");
	CHECK_STR("slug: lowercased", s, "xi-jinping-thought");
	free(s);
	CHECK("slug: only Chinese gives none", new_slug_from_title("党员大会") == NULL);
	CHECK("slug: only digits give none", new_slug_from_title("2025年第1季度") == NULL);
	s = new_slug_from_title("aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbb cccccccccc");
	CHECK_STR("slug: at most 40 characters, whole words", s, "aaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbbbbbb");
	free(s);
}

static const struct field *
find_key(const struct field *fields, const char *key)
{
	for (const struct field *f = fields; f->key; f++)
		if (strcmp(f->key, key) == 0 || (f->alias && strcmp(f->alias, key) == 0))
			return f;
	return NULL;
}

/*
 * Every top-level key line of the front matter, given or commented out
 * ("# key: …"), names a key of the kind and its comment starts with that
 * key's help. Returns the number of problems (printed).
 */
static int
comments_agree(const char *text, int k, const char *path)
{
	const struct field *fields = schema_fields(kind_schema[k]);
	char *copy = xstrdup(text), *save = NULL, *ln;
	int bad = 0, fences = 0;

	for (ln = strtok_r(copy, "\n", &save); ln && fences < 2; ln = strtok_r(NULL, "\n", &save)) {
		char *colon, *cmt;
		const struct field *f;

		if (strcmp(ln, "---") == 0) {
			fences++;
			continue;
		}
		if (strncmp(ln, "# ", 2) == 0)
			ln += 2;
		if (ln[0] == ' ' || ln[0] == '-' || (colon = strchr(ln, ':')) == NULL)
			continue;
		*colon = '\0';
		if ((f = find_key(fields, ln)) == NULL) {
			printf("# %s: '%s' is not a key of %s\n", path, ln, kind_dir[k]);
			bad++;
			continue;
		}
		if ((cmt = strstr(colon + 1, "  # ")) == NULL || strncmp(cmt + 4, f->help, strlen(f->help)) != 0) {
			printf("# %s: the comment of '%s' should start with '%s'\n", path, ln, f->help);
			bad++;
		}
	}
	free(copy);
	return bad;
}

/* The front matter with every "# " removed from the start of its lines. */
static char *
uncomment(const char *text)
{
	struct sb b;
	int fences = 0;

	sb_init(&b);
	for (const char *p = text; *p; ) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p + 1) : strlen(p);

		if (strncmp(p, "---\n", 4) == 0)
			fences++;
		if (fences == 1 && strncmp(p, "# ", 2) == 0) {
			p += 2;
			n -= 2;
		}
		sb_add(&b, p, n);
		p += n;
	}
	return sb_take(&b);
}

static void
test_archetypes(void)
{
	for (int k = 0; k < KIND__COUNT; k++) {
		char *path = xasprintf("themes/default/archetypes/%s.md", kind_dir[k]), *text = NULL, *all;
		char name[128], bad[64];
		struct sb b;
		size_t len;
		int line;

		snprintf(name, sizeof name, "archetype %s exists", kind_dir[k]);
		CHECK(name, file_read(path, &text, &len) == 0);
		if (text == NULL) {
			free(path);
			continue;
		}
		sb_init(&b);
		snprintf(name, sizeof name, "archetype %s: placeholders known", kind_dir[k]);
		CHECK(name, new_fill(text, &vars, &b, &line, bad, sizeof bad) == 0);
		snprintf(name, sizeof name, "archetype %s makes a valid record", kind_dir[k]);
		CHECK(name, record_errors(sb_str(&b), k, path) == 0);
		snprintf(name, sizeof name, "archetype %s: keys and comments agree with schema.c", kind_dir[k]);
		CHECK(name, comments_agree(text, k, path) == 0);
		sb_free(&b);

		all = uncomment(text);
		sb_init(&b);
		new_fill(all, &vars, &b, &line, bad, sizeof bad);
		snprintf(name, sizeof name, "archetype %s: the commented-out examples are valid too", kind_dir[k]);
		CHECK(name, record_errors(sb_str(&b), k, path) == 0);
		sb_free(&b);
		free(all);
		free(text);
		free(path);

		text = new_builtin_archetype(k);
		sb_init(&b);
		snprintf(name, sizeof name, "built-in archetype %s makes a valid record", kind_dir[k]);
		CHECK(name, new_fill(text, &vars, &b, &line, bad, sizeof bad) == 0 &&
		    record_errors(sb_str(&b), k, "(built-in)") == 0);
		snprintf(name, sizeof name, "built-in archetype %s: keys and comments agree", kind_dir[k]);
		CHECK(name, comments_agree(text, k, "(built-in)") == 0);
		sb_free(&b);
		free(text);
	}
}

int
main(void)
{
	test_yaml_scalar();
	test_fill();
	test_slug();
	test_archetypes();
	return t_done();
}
