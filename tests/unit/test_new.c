/*
 * `gongkai new`: placeholders, and the archetypes of the default theme and
 * the built-in ones, which must agree with the key tables of schema.c and
 * name the site and the period. (Quoting and slugs: test_recwrite.c.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frontmatter.h"
#include "gongkai.h"
#include "harness.h"
#include "new.h"
#include "recwrite.h"
#include "schema.h"
#include "util.h"

static const struct new_vars vars = {
	"测试标题", "2025-06-12", "agu", "work", "2025", "2025-Q1", "test", "财务公开", "阿姑村",
	"2025年第一季度"
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
		n = schema_check(schema_fields(kind_info[k].schema), fm.root, path, text, &d);
	if (n != 0)
		diags_print(&d, 0);
	fm_free(&fm);
	diags_free(&d);
	return n;
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
	v.site_name = "#1村";
	CHECK("fill: known placeholders", new_fill("---\ntitle: {{title}}\ndate: {{ date }}\n"
	    "author: {{site_name}}\n---\n{{title}} {{site}}/{{kind}} {{year}} {{period}} {{slug}}\n"
	    "现将{{site_name}}{{period_cn}}{{category}}事项公布如下。\n", &v, &b, &line, bad, sizeof bad) == 0);
	CHECK_STR("fill: quoted in front matter, as is in the body", sb_str(&b),
	    "---\ntitle: \"a: b\"\ndate: 2025-06-12\nauthor: \"#1村\"\n---\na: b agu/work 2025 2025-Q1 test\n"
	    "现将#1村2025年第一季度财务公开事项公布如下。\n");
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
	const struct field *fields = schema_fields(kind_info[k].schema);
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
			printf("# %s: '%s' is not a key of %s\n", path, ln, kind_info[k].dir);
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
		char *path = xasprintf("themes/default/archetypes/%s.md", kind_info[k].dir), *text = NULL, *all;
		char name[128], bad[64];
		struct sb b;
		size_t len;
		int line;

		snprintf(name, sizeof name, "archetype %s exists", kind_info[k].dir);
		CHECK(name, file_read(path, &text, &len) == 0);
		if (text == NULL) {
			free(path);
			continue;
		}
		sb_init(&b);
		snprintf(name, sizeof name, "archetype %s: placeholders known", kind_info[k].dir);
		CHECK(name, new_fill(text, &vars, &b, &line, bad, sizeof bad) == 0);
		snprintf(name, sizeof name, "archetype %s makes a valid record", kind_info[k].dir);
		CHECK(name, record_errors(sb_str(&b), k, path) == 0);
		snprintf(name, sizeof name, "archetype %s: keys and comments agree with schema.c", kind_info[k].dir);
		CHECK(name, comments_agree(text, k, path) == 0);
		sb_free(&b);

		all = uncomment(text);
		sb_init(&b);
		new_fill(all, &vars, &b, &line, bad, sizeof bad);
		snprintf(name, sizeof name, "archetype %s: the commented-out examples are valid too", kind_info[k].dir);
		CHECK(name, record_errors(sb_str(&b), k, path) == 0);
		sb_free(&b);
		free(all);
		free(text);
		free(path);

		text = new_builtin_archetype(k);
		sb_init(&b);
		snprintf(name, sizeof name, "built-in archetype %s makes a valid record", kind_info[k].dir);
		CHECK(name, new_fill(text, &vars, &b, &line, bad, sizeof bad) == 0 &&
		    record_errors(sb_str(&b), k, "(built-in)") == 0);
		snprintf(name, sizeof name, "built-in archetype %s: keys and comments agree", kind_info[k].dir);
		CHECK(name, comments_agree(text, k, "(built-in)") == 0);
		sb_free(&b);
		free(text);
	}
}

/* A disclosure names the site and the period in words, never 某某村 (issue 19). */
static void
test_boilerplate(void)
{
	char *text = NULL, *builtin = new_builtin_archetype(KIND_DISCLOSURES);
	const char *const arch[] = { "theme", "built-in" };
	size_t len;

	file_read("themes/default/archetypes/disclosures.md", &text, &len);
	for (int i = 0; i < 2; i++) {
		struct sb b;
		char name[128], bad[64];
		int line;

		sb_init(&b);
		new_fill(i == 0 ? (text ? text : "") : builtin, &vars, &b, &line, bad, sizeof bad);
		snprintf(name, sizeof name, "%s disclosure archetype: the site and period in words", arch[i]);
		CHECK(name, strstr(sb_str(&b), "现将阿姑村2025年第一季度财务公开事项公布如下。") != NULL);
		snprintf(name, sizeof name, "%s disclosure archetype: no 某某村 outside comments", arch[i]);
		CHECK(name, strstr(strstr(sb_str(&b) + 3, "\n---\n"), "某某") == NULL);
		snprintf(name, sizeof name, "%s disclosure archetype: the category filled in", arch[i]);
		CHECK(name, strstr(sb_str(&b), "\n类别: 财务公开") != NULL);
		sb_free(&b);
	}
	free(text);
	free(builtin);
}

int
main(void)
{
	test_fill();
	test_archetypes();
	test_boilerplate();
	return t_done();
}
