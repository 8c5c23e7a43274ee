/*
 * Markdown bodies: line breaks inside Chinese text, heading ids and the
 * table of contents, safe mode, and md_slugify.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "harness.h"
#include "markdown.h"
#include "util.h"

static void
md(const char *src, int unsafe, struct md_doc *out)
{
	struct md_opts o;

	memset(&o, 0, sizeof o);
	o.unsafe_html = unsafe;
	o.body_line = 1;
	md_render(src, strlen(src), &o, out);
}

static void
check_html(const char *name, const char *src, const char *want)
{
	struct md_doc d;

	md(src, 0, &d);
	CHECK_STR(name, d.html, want);
	md_doc_free(&d);
}

static void
test_breaks(void)
{
	check_html("cjk soft break joined", "这是一段在中文之间折行的\n文字。\n", "<p>这是一段在中文之间折行的文字。</p>\n");
	check_html("cjk punctuation joined", "第一句，\n第二句。\n", "<p>第一句，第二句。</p>\n");
	check_html("latin soft break kept", "English words\nwrapped here.\n", "<p>English words\nwrapped here.</p>\n");
	check_html("cjk then latin kept", "中文\nEnglish\n", "<p>中文\nEnglish</p>\n");
	check_html("latin then cjk kept", "English\n中文\n", "<p>English\n中文</p>\n");
	check_html("cjk across emphasis joined", "中文*强调*\n继续\n", "<p>中文<em>强调</em>继续</p>\n");
	check_html("hard break kept", "中文  \n继续\n", "<p>中文<br />\n继续</p>\n");
	check_html("several lines joined", "甲\n乙\n丙\n", "<p>甲乙丙</p>\n");

	struct md_doc d;
	md("第一段\n折行。\n\nSecond paragraph.\n", 0, &d);
	CHECK_STR("first paragraph text", d.first_para, "第一段折行。");
	md_doc_free(&d);
}

static void
test_headings(void)
{
	struct md_doc d;

	md("## 会议议程\n\n正文。\n\n### 分红方案\n\n## 会议议程\n\n## Hello, World!\n\n## 会议议程\n", 0, &d);
	CHECK_INT("toc entries", d.ntoc, 5);
	if (d.ntoc == 5) {
		CHECK_STR("chinese heading id", d.toc[0].id, "会议议程");
		CHECK_STR("chinese heading text", d.toc[0].text, "会议议程");
		CHECK_INT("heading level", d.toc[0].level, 2);
		CHECK_STR("h3 id", d.toc[1].id, "分红方案");
		CHECK_INT("h3 level", d.toc[1].level, 3);
		CHECK_STR("duplicate heading gets -2", d.toc[2].id, "会议议程-2");
		CHECK_STR("ascii heading id", d.toc[3].id, "hello-world");
		CHECK_STR("third duplicate gets -3", d.toc[4].id, "会议议程-3");
	}
	CHECK("heading id in html", strstr(d.html, "<h2 id=\"会议议程\">") != NULL);
	CHECK("duplicate id in html", strstr(d.html, "<h2 id=\"会议议程-2\">") != NULL);
	CHECK("h3 id in html", strstr(d.html, "<h3 id=\"分红方案\">") != NULL);
	md_doc_free(&d);

	/* a later heading whose own id is taken by a numbered duplicate */
	md("## a\n\n## a\n\n## a-2\n", 0, &d);
	CHECK_INT("clash: entries", d.ntoc, 3);
	if (d.ntoc == 3) {
		CHECK_STR("clash: first", d.toc[0].id, "a");
		CHECK_STR("clash: second", d.toc[1].id, "a-2");
		CHECK("clash: third is unique", strcmp(d.toc[2].id, "a") != 0 && strcmp(d.toc[2].id, "a-2") != 0);
	}
	md_doc_free(&d);

	/* the same body gives the same ids: pages link to them */
	struct md_doc d2;
	md("## 一、基本情况\n\n## 二、主要工作\n", 0, &d);
	md("## 一、基本情况\n\n## 二、主要工作\n", 0, &d2);
	CHECK("ids are stable", d.ntoc == 2 && d2.ntoc == 2 && strcmp(d.toc[0].id, d2.toc[0].id) == 0 &&
	    strcmp(d.toc[1].id, d2.toc[1].id) == 0);
	if (d.ntoc == 2)
		CHECK_STR("id with CJK punctuation", d.toc[0].id, "一-基本情况");
	md_doc_free(&d);
	md_doc_free(&d2);

	md("正文，没有标题。\n", 0, &d);
	CHECK_INT("no headings", d.ntoc, 0);
	md_doc_free(&d);
}

static void
test_safe(void)
{
	struct md_doc d;
	const char *src = "<script>alert(\"x\")</script>\n\n段落里有 <b onclick=\"x()\">粗</b> 字。\n\n"
	    "[点我](javascript:alert(1)) [图](data:text/html,x)\n";

	md(src, 0, &d);
	CHECK("safe: no script element", strstr(d.html, "<script") == NULL);
	CHECK("safe: no inline html", strstr(d.html, "<b ") == NULL && strstr(d.html, "onclick") == NULL);
	CHECK("safe: says it was omitted", strstr(d.html, "raw HTML omitted") != NULL);
	CHECK("safe: no javascript: url", strstr(d.html, "javascript:") == NULL);
	CHECK("safe: no data: url", strstr(d.html, "data:") == NULL);
	CHECK("safe: link text kept", strstr(d.html, ">点我</a>") != NULL);
	md_doc_free(&d);

	md(src, 1, &d);
	CHECK("unsafe_html: script kept", strstr(d.html, "<script>alert(\"x\")</script>") != NULL);
	CHECK("unsafe_html: inline html kept", strstr(d.html, "<b onclick=\"x()\">粗</b>") != NULL);
	/* issue 22: unsafe_html lets raw HTML through, never a dangerous link */
	CHECK("unsafe_html: no javascript: url", strstr(d.html, "javascript:") == NULL);
	CHECK("unsafe_html: no data: url", strstr(d.html, "data:") == NULL);
	CHECK("unsafe_html: link emptied", strstr(d.html, "<a href=\"\">点我</a>") != NULL);
	md_doc_free(&d);

	check_html("escaped stars stay stars", "\\*\\*县委组织部\n", "<p>**县委组织部</p>\n");
	check_html("text is escaped", "a < b & c\n", "<p>a &lt; b &amp; c</p>\n");
	check_html("gfm table", "| 项目 | 金额 |\n|---|---|\n| 甲 | 1 |\n",
	    "<table>\n<thead>\n<tr>\n<th>项目</th>\n<th>金额</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>甲</td>\n"
	    "<td>1</td>\n</tr>\n</tbody>\n</table>\n");
	check_html("strikethrough", "~~删除~~\n", "<p><del>删除</del></p>\n");
}

/*
 * Dangerous link and image URLs come out as cmark-gfm's safe mode prints
 * them, with unsafe_html or without (issue 22).
 */
static void
test_dangerous_urls(void)
{
	static const char *const urls[] = {
		"javascript:alert(1)", "JavaScript:alert(1)", "vbscript:msgbox(1)", "file:///etc/passwd",
		"data:text/html,x", "DATA:text/html,x", "data:image/svg+xml,x", "data:image/png;base64,AAAA",
		"data:image/gif,x", "data:image/jpeg,x", "data:image/webp,x", "DATA:IMAGE/PNG,x", "data:",
		"&#32;javascript:alert(1)",
		"https://example.org/", "mailto:a@example.org", "x.html", "#top",
	};

	for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
		char *src = xasprintf("[链接](%s) ![图](%s) <%s>\n", urls[i], urls[i], urls[i]);
		char *want = cmark_markdown_to_html(src, strlen(src), CMARK_OPT_DEFAULT);
		char *name = xasprintf("dangerous url as cmark-gfm safe mode: %s", urls[i]);
		struct md_doc d;

		for (int unsafe = 0; unsafe <= 1; unsafe++) {
			md(src, unsafe, &d);
			CHECK_STR(name, d.html, want);
			md_doc_free(&d);
		}
		free(name);
		free(want);
		free(src);
	}
	/*
	 * Stricter than cmark-gfm: a control character is dropped from every
	 * target before the gate reads it (markdown.c), and what is left,
	 * "javascript:", is emptied; cmark-gfm printed "java%09script:".
	 */
	check_html("tab inside javascript: dropped, then emptied", "[链接](java&#9;script:alert(1)) ![图](java&#9;script:alert(1))\n",
	    "<p><a href=\"\">链接</a> <img src=\"\" alt=\"图\" /></p>\n");
	check_html("escaped line feed inside javascript: dropped, then emptied", "[链接](java%0ascript:alert(1))\n",
	    "<p><a href=\"\">链接</a></p>\n");
	check_html("autolink javascript: emptied", "<javascript:alert(1)>\n",
	    "<p><a href=\"\">javascript:alert(1)</a></p>\n");
}

static void
test_slugify(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "Hello World", "hello-world" },
		{ "会议议程", "会议议程" },
		{ "会议、议程（一）", "会议-议程-一" },
		{ "一、基本情况", "一-基本情况" },
		{ "  2024年 工作 计划 ", "2024年-工作-计划" },
		{ "Meeting Notes (English)", "meeting-notes-english" },
		{ "snake_case_Key", "snake_case_key" },
		{ "!!!", "section" },
		{ "", "section" },
		{ "a--b", "a-b" },
		{ "ＡＢ全角", "ＡＢ全角" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[96], *got = md_slugify(cases[i].in);

		snprintf(name, sizeof name, "md_slugify(\"%s\")", cases[i].in);
		CHECK_STR(name, got, cases[i].want);
		free(got);
	}
}

/* Bold next to Chinese punctuation (commonmark-spec#650), which clerks write all the time. */
static void
test_cjk_emphasis(void)
{
	check_html("bold closes after 。", "**定目录、定时间。**两委联席会议确定。",
	    "<p><strong>定目录、定时间</strong>。两委联席会议确定。</p>\n");
	check_html("bold closes after ，", "**真，**她", "<p><strong>真</strong>，她</p>\n");
	check_html("bold opens before “", "的**“引文”**是", "<p>的“<strong>引文</strong>”是</p>\n");
	check_html("bold after 。 as opener untouched", "他说。**重要**内容",
	    "<p>他说。<strong>重要</strong>内容</p>\n");
	check_html("code span untouched", "`a**。**b`", "<p><code>a**。**b</code></p>\n");
	check_html("odd count left to cmark", "**未闭合。**甲**乙", "<p>**未闭合。<strong>甲</strong>乙</p>\n");
	check_html("fenced code untouched", "```\n**甲。**乙\n```\n", "<pre><code>**甲。**乙\n</code></pre>\n");
	check_html("Latin bold unchanged", "a **b** c", "<p>a <strong>b</strong> c</p>\n");
	/* the line scan steps over all bytes but these: each still counts as before */
	check_html("escaped star no mark", "\\**甲。**乙**丙。**丁", "<p>**甲。<strong>乙</strong>丙。**丁</p>\n");
	check_html("triple star no mark", "***甲。***乙", "<p>***甲。***乙</p>\n");
	check_html("backtick at a line's end", "**甲。**乙`\n丙", "<p><strong>甲</strong>。乙`\n丙</p>\n");
	check_html("bold fixed on CRLF lines", "**甲。**乙\r\n**丙。**丁\r\n",
	    "<p><strong>甲</strong>。乙<strong>丙</strong>。丁</p>\n");
	check_html("'<' of no tag fixed", "1 < 2，**甲。**乙", "<p>1 &lt; 2，<strong>甲</strong>。乙</p>\n");

	/* issue 22: code and HTML blocks come out as written */
	check_html("indented code untouched", "正文。\n\n    **重点。**正文\n",
	    "<p>正文。</p>\n<pre><code>**重点。**正文\n</code></pre>\n");
	check_html("indented code untouched, prose fixed", "**甲。**乙\n\n    **重点。**正文\n\n**丙。**丁\n",
	    "<p><strong>甲</strong>。乙</p>\n<pre><code>**重点。**正文\n</code></pre>\n<p><strong>丙</strong>。丁</p>\n");
	check_html("list continuation is prose", "- 第一项\n\n    **重点。**正文\n",
	    "<ul>\n<li>\n<p>第一项</p>\n<p><strong>重点</strong>。正文</p>\n</li>\n</ul>\n");
	check_html("code in a list item untouched", "- 第一项\n\n      **重点。**正文\n",
	    "<ul>\n<li>\n<p>第一项</p>\n<pre><code>**重点。**正文\n</code></pre>\n</li>\n</ul>\n");
	check_html("tilde fence untouched", "~~~~\n**甲。**乙\n~~~\n**丙。**丁\n~~~~\n**戊。**己\n",
	    "<pre><code>**甲。**乙\n~~~\n**丙。**丁\n</code></pre>\n<p><strong>戊</strong>。己</p>\n");
	check_html("long fence holds a short one", "````\n```\n**甲。**乙\n```\n````\n",
	    "<pre><code>```\n**甲。**乙\n```\n</code></pre>\n");
	check_html("indented ``` is code, not a fence", "    ```\n\n**甲。**乙\n",
	    "<pre><code>```\n</code></pre>\n<p><strong>甲</strong>。乙</p>\n");
	check_html("fence in a quote untouched", "> ```\n> **甲。**乙\n> ```\n",
	    "<blockquote>\n<pre><code>**甲。**乙\n</code></pre>\n</blockquote>\n");
	check_html("unclosed fence untouched", "```\n**甲。**乙\n", "<pre><code>**甲。**乙\n</code></pre>\n");
	check_html("CR line ends", "```\r**甲。**乙\r```\r**丙。**丁\r",
	    "<pre><code>**甲。**乙\n</code></pre>\n<p><strong>丙</strong>。丁</p>\n");

	struct md_doc d;
	md("<div>\n**甲。**乙\n</div>\n\n**丙。**丁\n", 1, &d);
	CHECK_STR("html block untouched", d.html, "<div>\n**甲。**乙\n</div>\n<p><strong>丙</strong>。丁</p>\n");
	md_doc_free(&d);
	md("<span title=\"**甲。**乙\">字</span>\n", 1, &d);
	CHECK_STR("inline html untouched", d.html, "<p><span title=\"**甲。**乙\">字</span></p>\n");
	md_doc_free(&d);
}

/*
 * cmark-gfm's memory comes from md_render's per-document chunks: blocks of
 * 64 KB and more are malloc's, smaller ones grow in place while newest.
 * Big and many-block documents must render exactly as small ones do.
 */
static void
test_memory(void)
{
	struct sb src, want;
	struct md_doc d;
	size_t n = 40000;	/* a paragraph of 120 KB: its buffer crosses 64 KB while growing */

	sb_init(&src);
	sb_init(&want);
	for (size_t i = 0; i < n; i++)
		sb_puts(&src, "村");
	sb_puts(&src, "\n\n| 甲 | 乙 |\n|---|---|\n");
	for (int i = 0; i < 3000; i++)
		sb_printf(&src, "| %d | 第%d行 |\n", i, i);
	md(src.buf, 0, &d);
	sb_puts(&want, "<p>");
	for (size_t i = 0; i < n; i++)
		sb_puts(&want, "村");
	sb_puts(&want, "</p>\n<table>");
	CHECK("memory: a 120 KB paragraph survives its buffer growing past 64 KB",
	    d.html != NULL && strncmp(d.html, want.buf, want.len) == 0);
	CHECK("memory: 3,000 table rows, the last one whole",
	    d.html != NULL && strstr(d.html, "<td>2999</td>\n<td>第2999行</td>\n</tr>\n</tbody>\n</table>\n") != NULL);
	CHECK("memory: text of the big paragraph", d.text != NULL && strncmp(d.text, want.buf + 3, 3 * n) == 0);
	md_doc_free(&d);
	sb_free(&src);
	sb_free(&want);
}

int
main(void)
{
	test_memory();
	test_cjk_emphasis();
	test_breaks();
	test_headings();
	test_safe();
	test_dangerous_urls();
	test_slugify();
	return t_done();
}
