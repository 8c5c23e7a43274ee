/*
 * Templates: a tiny theme written into a fresh folder, rendered with
 * hand-made values. Escaping, the directives, URL handling, and the
 * messages a designer gets for a broken template.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "harness.h"
#include "template.h"
#include "util.h"
#include "value.h"

static char dir[64];

static void
put(const char *base, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", base, name);

	if (file_write(p, text, strlen(text)) < 0) {
		printf("FAIL: cannot write %s\n", p);
		exit(1);
	}
	free(p);
}

/* Renders templates/<name> with ctx and root; returns the text (caller frees), NULL on error. */
static char *
render(struct theme *th, const char *name, const struct val *ctx, const char *root, struct diags *d)
{
	struct sb b;

	sb_init(&b);
	if (theme_render(th, name, ctx, root, &b, d) < 0) {
		sb_free(&b);
		return NULL;
	}
	return sb_take(&b);
}

static void
check_render(const char *name, struct theme *th, const char *tmpl, const struct val *ctx,
    const char *root, const char *want)
{
	struct diags d;
	char *got;

	diags_init(&d);
	got = render(th, tmpl, ctx, root, &d);
	CHECK_STR(name, got, want);
	if (d.n)
		printf("    (diagnostic: %s:%d: %s)\n", d.v[0].path, d.v[0].line, d.v[0].msg);
	free(got);
	diags_free(&d);
}

static void
write_theme(void)
{
	char *t = xasprintf("%s/good/templates", dir);

	put(t, "text.html", "<p data-text=\"s\">sample</p>");
	put(t, "attr.html", "<a href=\"#\" title=\"x\" data-attr-title=\"s\" data-attr-data-n=\"n\">a</a>");
	put(t, "static.html", "<p title=\"a &amp; b\">1 &lt; 2 &amp; &quot;q&quot;</p>");
	put(t, "html.html", "<div data-html=\"h\">sample</div>");
	put(t, "html-as-text.html", "<div data-text=\"h\">sample</div>");
	put(t, "if.html", "<div><b data-if=\"yes\">Y</b><i data-if=\"no\">N</i><u data-unless=\"no\">U</u>"
	    "<s data-unless=\"yes\">S</s><em data-if=\"!no\">NOT</em><q data-if=\"empty\">E</q></div>");
	put(t, "each.html", "<ol><li data-each=\"x in items\"><span data-text=\"loop.index\">0</span>:"
	    "<span data-text=\"x\">v</span><i data-if=\"loop.first\">F</i><i data-if=\"loop.last\">L</i></li></ol>");
	/* the inner loop's "loop" is its own; the outer one's items stay in reach by name */
	put(t, "nested.html", "<p><b data-each=\"x in items\"><i data-each=\"y in items\" data-if=\"loop.first\">"
	    "<span data-text=\"x\">x</span><span data-text=\"loop.index\">0</span></i></b></p>");
	put(t, "count.html", "<p><span data-text=\"items.count\">0</span></p>");
	put(t, "include.html", "<div><span data-include=\"partials/p.html\">replaced</span></div>");
	put(t, "partials/p.html", "<b data-text=\"s\">partial</b>");
	put(t, "href.html", "<p><a href=\"#\" data-attr-href=\"bad\">1</a><a href=\"#\" data-attr-href=\"good\">2</a>"
	    "<a href=\"#\" data-attr-href=\"rel\">3</a><a href=\"#\" data-attr-href=\"u\">4</a>"
	    "<img src=\"x.png\" data-attr-src=\"bad\" alt=\"\"/>"
	    "<a href=\"#\" data-attr-href=\"bad2\">5</a><a href=\"#\" data-attr-href=\"bad3\">6</a></p>");
	put(t, "url.html", "<p><a href=\"#\" data-attr-href=\"u\" data-text=\"u\">x</a>"
	    "<link rel=\"stylesheet\" href=\"x\" data-attr-href=\"@assets/style.css\"/></p>");
	put(t, "omit.html", "<div><span data-omit=\"\" data-text=\"s\">x</span><p data-remove=\"\">sample</p>"
	    "<br/></div>");
	put(t, "class.html", "<p class=\"a\" data-class=\"c\">x</p>");
	put(t, "doc.html", "<!DOCTYPE html>\n<html lang=\"zh-CN\"><body><script>if (1 &lt; 2) x = \"&amp;\";</script>"
	    "</body></html>");
	put(t, "unknown.html", "<div>\n<p>fine</p>\n<p data-text=\"nosuch.title\">x</p>\n</div>");
	put(t, "unknown-neg.html", "<div><i data-attr-title=\"s\" data-attr-hidden=\"!nosuch.flag\">x</i></div>");
	put(t, "negattr.html", "<p><i data-attr-hidden=\"!yes\">a</i><i data-attr-hidden=\"!no\">b</i></p>");
	free(t);
	t = xasprintf("%s/bad/templates", dir);
	put(t, "ok.html", "<p>fine</p>");
	put(t, "broken.html", "<div>\n<p>\n<b>unclosed</p>\n</div>");
	free(t);
	t = xasprintf("%s/badexpr/templates", dir);
	put(t, "x.html", "<div>\n<p data-text=\"a b\">x</p>\n<p data-include=\"partials/none.html\">y</p>\n"
	    "<p data-each=\"items\">z</p>\n</div>");
	free(t);
}

static void
test_render(void)
{
	char *td = xasprintf("%s/good", dir);
	struct diags d;
	struct theme *th;
	struct arena *a = arena_new();
	struct val *ctx = v_map(a), *items = v_list(a);

	diags_init(&d);
	th = theme_load(td, &d);
	CHECK("theme loads", th != NULL);
	CHECK_INT("theme loads without diagnostics", d.n, 0);
	for (size_t i = 0; i < d.n; i++)
		printf("    %s:%d:%d: %s\n", d.v[i].path, d.v[i].line, d.v[i].col, d.v[i].msg);
	diags_free(&d);
	if (th == NULL)
		goto out;
	CHECK("theme_has a template", theme_has(th, "text.html"));
	CHECK("theme_has a partial", theme_has(th, "partials/p.html"));
	CHECK("theme_has no such", !theme_has(th, "nope.html"));

	v_setstr(a, ctx, "s", "<b>&\"'</b>");
	v_setint(a, ctx, "n", 42);
	v_set(a, ctx, "h", v_html(a, "<em>生成的</em>"));
	v_setbool(a, ctx, "yes", 1);
	v_setbool(a, ctx, "no", 0);
	v_set(a, ctx, "empty", v_list(a));
	v_push(a, items, v_str(a, "甲"));
	v_push(a, items, v_str(a, "乙<"));
	v_push(a, items, v_str(a, "丙"));
	v_set(a, ctx, "items", items);
	v_setstr(a, ctx, "bad", "javascript:alert(1)");
	v_setstr(a, ctx, "bad2", " JavaScript:alert(1)");
	v_setstr(a, ctx, "bad3", "data:text/html,<script>alert(1)</script>");
	v_setstr(a, ctx, "good", "https://example.gov.cn/a?b=1&c=2");
	v_setstr(a, ctx, "rel", "../x/index.html");
	v_seturl(a, ctx, "u", "sites/x/index.html");
	v_setstr(a, ctx, "c", "extra");

	check_render("escape data-text", th, "text.html", ctx, "", "<p>&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;</p>\n");
	check_render("escape attributes", th, "attr.html", ctx, "",
	    "<a href=\"#\" title=\"&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;\" data-n=\"42\">a</a>\n");
	check_render("template text stays escaped", th, "static.html", ctx, "",
	    "<p title=\"a &amp; b\">1 &lt; 2 &amp; &quot;q&quot;</p>\n");
	check_render("data-html with V_HTML", th, "html.html", ctx, "", "<div><em>生成的</em></div>\n");
	check_render("data-text with V_HTML escapes", th, "html-as-text.html", ctx, "",
	    "<div>&lt;em&gt;生成的&lt;/em&gt;</div>\n");
	v_setstr(a, ctx, "h", "<em>文本</em>");
	check_render("data-html with V_STR escapes", th, "html.html", ctx, "", "<div>&lt;em&gt;文本&lt;/em&gt;</div>\n");
	check_render("data-if and data-unless", th, "if.html", ctx, "", "<div><b>Y</b><u>U</u><em>NOT</em></div>\n");
	check_render("data-each with loop", th, "each.html", ctx, "",
	    "<ol><li><span>1</span>:<span>甲</span><i>F</i></li><li><span>2</span>:<span>乙&lt;</span></li>"
	    "<li><span>3</span>:<span>丙</span><i>L</i></li></ol>\n");
	check_render("data-each nested: loop is the inner one", th, "nested.html", ctx, "",
	    "<p><b><i><span>甲</span><span>1</span></i></b><b><i><span>乙&lt;</span><span>1</span></i></b>"
	    "<b><i><span>丙</span><span>1</span></i></b></p>\n");
	check_render("list.count", th, "count.html", ctx, "", "<p><span>3</span></p>\n");
	check_render("data-include", th, "include.html", ctx, "", "<div><b>&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;</b></div>\n");
	check_render("data-attr-href refuses javascript:", th, "href.html", ctx, "../",
	    "<p><a href=\"#\">1</a><a href=\"https://example.gov.cn/a?b=1&amp;c=2\">2</a>"
	    "<a href=\"../x/index.html\">3</a><a href=\"../sites/x/index.html\">4</a>"
	    "<img alt=\"\" src=\"#\"><a href=\"#\">5</a><a href=\"#\">6</a></p>\n");
	check_render("V_URL with the root prefix", th, "url.html", ctx, "../../",
	    "<p><a href=\"../../sites/x/index.html\">../../sites/x/index.html</a>"
	    "<link rel=\"stylesheet\" href=\"../../assets/style.css\"></p>\n");
	check_render("V_URL at the root", th, "url.html", ctx, "",
	    "<p><a href=\"sites/x/index.html\">sites/x/index.html</a>"
	    "<link rel=\"stylesheet\" href=\"assets/style.css\"></p>\n");
	check_render("data-omit, data-remove, void elements", th, "omit.html", ctx, "",
	    "<div>&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;<br></div>\n");
	check_render("data-class", th, "class.html", ctx, "", "<p class=\"a extra\">x</p>\n");
	check_render("doctype, script kept as written", th, "doc.html", ctx, "",
	    "<!DOCTYPE html>\n<html lang=\"zh-CN\"><body><script>if (1 < 2) x = \"&\";</script></body></html>\n");

	{
		char *got, *want = xasprintf("%s/good/templates/unknown.html", dir);

		diags_init(&d);
		got = render(th, "unknown.html", ctx, "", &d);
		CHECK("unknown name: render fails", got == NULL);
		CHECK_INT("unknown name: one diagnostic", d.n, 1);
		if (d.n) {
			CHECK_STR("unknown name: names the template file", d.v[0].path, want);
			CHECK_INT("unknown name: line", d.v[0].line, 3);
			CHECK_STR("unknown name: message", d.v[0].msg,
			    "unknown name in \"nosuch.title\"; see the README for the values each template gets");
		}
		free(got);
		free(want);
		diags_free(&d);
	}
	check_render("data-attr with '!'", th, "negattr.html", ctx, "", "<p><i>a</i><i hidden>b</i></p>\n");
	{
		char *got;

		diags_init(&d);
		got = render(th, "unknown-neg.html", ctx, "", &d);
		CHECK("unknown name after '!': render fails", got == NULL);
		if (d.n)
			CHECK_STR("unknown name after '!': message names it without the '!'", d.v[0].msg,
			    "unknown name in \"nosuch.flag\"; see the README for the values each template gets");
		free(got);
		diags_free(&d);
	}
	{
		char *got;

		diags_init(&d);
		got = render(th, "nope.html", ctx, "", &d);
		CHECK("missing template: render fails", got == NULL);
		CHECK("missing template: message", d.n == 1 && strcmp(d.v[0].msg,
		    "the theme has no templates/nope.html; copy it from themes/default/templates/") == 0);
		free(got);
		diags_free(&d);
	}
	theme_free(th);
out:
	arena_free(a);
	free(td);
}

static void
test_broken(void)
{
	char *td = xasprintf("%s/bad", dir), *want = xasprintf("%s/bad/templates/broken.html", dir);
	struct diags d;
	struct theme *th;

	diags_init(&d);
	th = theme_load(td, &d);
	CHECK("not well-formed: theme refused", th == NULL);
	CHECK_INT("not well-formed: one diagnostic", d.n, 1);
	if (d.n) {
		CHECK_STR("not well-formed: names the file", d.v[0].path, want);
		CHECK_INT("not well-formed: line", d.v[0].line, 3);
		CHECK_INT("not well-formed: column", d.v[0].col, 16);
		CHECK_STR("not well-formed: message", d.v[0].msg,
		    "template is not well-formed: Opening and ending tag mismatch: b line 3 and p "
		    "(templates are XHTML: close every element, quote attributes, write &#160; instead of &nbsp;)");
		CHECK_STR("not well-formed: source line", d.v[0].srcline, "<b>unclosed</p>");
	}
	theme_free(th);
	diags_free(&d);
	free(td);
	free(want);

	td = xasprintf("%s/badexpr", dir);
	want = xasprintf("%s/badexpr/templates/x.html", dir);
	diags_init(&d);
	th = theme_load(td, &d);
	CHECK("bad directives: theme refused", th == NULL);
	CHECK_INT("bad directives: three diagnostics", d.n, 3);
	if (d.n == 3) {
		CHECK_STR("bad directives: path", d.v[0].path, want);
		CHECK_INT("bad expression: line", d.v[0].line, 2);
		CHECK_STR("bad expression: message", d.v[0].msg,
		    "data-text=\"a b\" is not a value name; write a dotted name like rec.title");
		CHECK_INT("bad include: line", d.v[1].line, 3);
		CHECK_STR("bad include: message", d.v[1].msg,
		    "data-include=\"partials/none.html\": no such partial in templates/ (write e.g. partials/header.html)");
		CHECK_INT("bad each: line", d.v[2].line, 4);
		CHECK_STR("bad each: message", d.v[2].msg, "data-each=\"items\": write it as \"item in list.name\"");
	}
	theme_free(th);
	diags_free(&d);
	free(td);
	free(want);

	td = xasprintf("%s/none", dir);
	diags_init(&d);
	th = theme_load(td, &d);
	CHECK("no templates folder: refused", th == NULL);
	CHECK("no templates folder: message", d.n == 1 && strncmp(d.v[0].msg, "no templates found", 18) == 0);
	theme_free(th);
	diags_free(&d);
	free(td);
}

int
main(void)
{
	snprintf(dir, sizeof dir, "%s", "/tmp/gongkai-tmpl.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		printf("FAIL: mkdtemp\n");
		return 1;
	}
	write_theme();
	test_render();
	test_broken();
	rmtree(dir);
	return t_done();
}
