/*
 * test_attach.c: the attachment gate's parts (attach.h): the PDF scanner on
 * a PDF this test writes itself, the SVG script check, the percent-encoded
 * addresses, the static-file lookup and the names rule (privacy-name).
 */
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "check_rules.h"
#include "gongkai.h"
#include "harness.h"
#include "util.h"

/* A valid 18-character 身份证号 (GB 11643 check character X), made up. */
#define ID	"11010519491231002X"
#define ID_MASKED "1101**********002X"

/*
 * A PDF of one page per entry of text (at most 8), each showing its line
 * in Helvetica, with a correct cross-reference table. Caller frees.
 */
static char *
make_pdf(const char *const *text, int pages, size_t *len)
{
	struct sb b;
	size_t off[2 + 2 * 8 + 1 + 1];
	int nobj = 2 + 2 * pages + 1, font = nobj;

	sb_init(&b);
	sb_puts(&b, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
	off[1] = b.len;
	sb_puts(&b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = b.len;
	sb_puts(&b, "2 0 obj\n<< /Type /Pages /Kids [");
	for (int i = 0; i < pages; i++)
		sb_printf(&b, " %d 0 R", 3 + 2 * i);
	sb_printf(&b, " ] /Count %d >>\nendobj\n", pages);
	for (int i = 0; i < pages; i++) {
		char *content = xasprintf("BT /F1 12 Tf 20 100 Td (%s) Tj ET", text[i]);

		off[3 + 2 * i] = b.len;
		sb_printf(&b, "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] "
		    "/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>\nendobj\n",
		    3 + 2 * i, font, 4 + 2 * i);
		off[4 + 2 * i] = b.len;
		sb_printf(&b, "%d 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
		    4 + 2 * i, strlen(content), content);
		free(content);
	}
	off[font] = b.len;
	sb_printf(&b, "%d 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n", font);
	{
		size_t xref = b.len;

		sb_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
		for (int i = 1; i <= nobj; i++)
			sb_printf(&b, "%010zu 00000 n \n", off[i]);
		sb_printf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1, xref);
	}
	*len = b.len;
	return sb_take(&b);
}

static void
test_pdf(void)
{
	const char *text[] = { "Page one: nothing personal", "ID " ID " of a villager" };
	const char *allow[] = { ID };
	size_t len;
	char *pdf = make_pdf(text, 2, &len);
	struct attach_scan *s = attach_pdf_scan(pdf, len, NULL, 0);

	CHECK("pdf: the test's PDF opens", s->error == NULL);
	CHECK_INT("pdf: two pages", s->pages, 2);
	CHECK_INT("pdf: both with text", s->text_pages, 2);
	CHECK_INT("pdf: one number", s->nhits, 1);
	if (s->nhits == 1) {
		CHECK_INT("pdf: on page 2", s->hits[0].where, 2);
		CHECK_INT("pdf: a 身份证号", s->hits[0].kind, PII_ID18);
		CHECK_STR("pdf: shown masked", s->hits[0].masked, ID_MASKED);
	}
	CHECK_INT("pdf: nothing embedded", s->embedded, 0);
	attach_scan_free(s);

	s = attach_pdf_scan(pdf, len, allow, 1);
	CHECK_INT("pdf: privacy_allow is honoured", s->nhits, 0);
	attach_scan_free(s);
	free(pdf);

	s = attach_pdf_scan("GIF89a", 6, NULL, 0);
	CHECK("pdf: not a PDF is an error", s->error != NULL && strstr(s->error, "%PDF-") != NULL);
	attach_scan_free(s);
	attach_scan_free(NULL);
}

static void
test_pdf_clean(void)
{
	const char *text[] = { "138 5678 only part of a number", "Tel 0871-63512480" };
	size_t len;
	char *pdf = make_pdf(text, 2, &len);
	struct attach_scan *s = attach_pdf_scan(pdf, len, NULL, 0);

	CHECK("pdf clean: opens", s->error == NULL);
	CHECK_INT("pdf clean: no numbers", s->nhits, 0);
	attach_scan_free(s);
	free(pdf);
}

/* What attach_svg_scan says of svg: "" when nothing is active, else the description. */
static char *
svg_active(const char *svg)
{
	struct attach_scan *s = attach_svg_scan(svg, strlen(svg), NULL, 0);
	char *a = xstrdup(s->active ? s->active : s->error ? "(error)" : "");

	attach_scan_free(s);
	return a;
}

#define SVG_OPEN "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"

static void
test_svg(void)
{
	static const struct {
		const char *name, *svg, *want;	/* want: a part of the description, or "" */
	} cases[] = {
		{ "any on* attribute", SVG_OPEN "<rect width=\"10\" height=\"10\" onion=\"\"/>" "</svg>",
		    "an event attribute onion=" },
		{ "plain", SVG_OPEN "<circle r=\"5\"/><text>培训签到</text></svg>", "" },
		{ "script", SVG_OPEN "\n<script>alert(1)</script></svg>", "a <script> element at line 2" },
		{ "script uppercase", SVG_OPEN "<SCRIPT>alert(1)</SCRIPT></svg>", "a <SCRIPT> element" },
		{ "onload", SVG_OPEN "<g onload=\"alert(1)\"/></svg>", "an event attribute onload=" },
		{ "OnClick", SVG_OPEN "<g OnClick=\"alert(1)\"/></svg>", "an event attribute OnClick=" },
		{ "javascript href", SVG_OPEN "<a xlink:href=\" java&#x09;script:alert(1)\"><text>x</text></a></svg>",
		    "a javascript: link (href=)" },
		{ "javascript in values", SVG_OPEN "<set attributeName=\"href\" to=\"JAVASCRIPT:alert(1)\"/></svg>",
		    "a javascript: link (to=)" },
		{ "foreign iframe", SVG_OPEN "<foreignObject><iframe xmlns=\"http://www.w3.org/1999/xhtml\" "
		    "src=\"x.html\"/></foreignObject></svg>", "a <iframe> element" },
		{ "entity", "<!DOCTYPE svg [<!ENTITY s \"<script>alert(1)</script>\">]>" SVG_OPEN "&s;</svg>",
		    "a <script> element" },
		{ "outside entity", "<!DOCTYPE svg [<!ENTITY s SYSTEM \"/etc/passwd\">]>" SVG_OPEN "&s;</svg>",
		    "an ENTITY that names an outside file" },
		{ "xslt", "<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?>" SVG_OPEN "</svg>",
		    "an XSLT stylesheet" },
		{ "css stylesheet", "<?xml-stylesheet type=\"text/css\" href=\"x.css\"?>" SVG_OPEN "</svg>", "" },
		{ "broken", SVG_OPEN "<g></svg>", "(error)" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = svg_active(cases[i].svg), *name = xasprintf("svg: %s", cases[i].name);

		if (cases[i].want[0] == '\0')
			CHECK_STR(name, got, "");
		else if (strstr(got, cases[i].want) != NULL)
			CHECK(name, 1);
		else
			CHECK_STR(name, got, cases[i].want);
		free(got);
		free(name);
	}
}

static void
test_svg_numbers(void)
{
	const char *svg = SVG_OPEN "\n<text>\n签到 13812345678</text></svg>";
	const char *broken = "<svg>\n\n13812345678";
	struct attach_scan *s = attach_svg_scan(svg, strlen(svg), NULL, 0);

	CHECK_INT("svg numbers: one", s->nhits, 1);
	if (s->nhits == 1) {
		CHECK_INT("svg numbers: its line", s->hits[0].where, 3);
		CHECK_STR("svg numbers: masked", s->hits[0].masked, "138****5678");
	}
	attach_scan_free(s);
	s = attach_svg_scan(broken, strlen(broken), NULL, 0);
	CHECK("svg numbers: a broken file is an error", s->error != NULL);
	CHECK_INT("svg numbers: and its bytes are scanned all the same", s->nhits, 1);
	if (s->nhits == 1)
		CHECK_INT("svg numbers: line in a broken file", s->hits[0].where, 3);
	attach_scan_free(s);
}

static void
test_href(void)
{
	char *h;

	h = attach_href("docs/a#1 b?c%d.pdf");
	CHECK_STR("href: # ? % and space are encoded", h, "static/docs/a%231%20b%3Fc%25d.pdf");
	free(h);
	h = attach_href("培训/签到表.pdf");
	CHECK_STR("href: UTF-8 names stay readable", h, "static/培训/签到表.pdf");
	free(h);
	h = attach_href("x\"<y>.png");
	CHECK_STR("href: quotes and brackets", h, "static/x%22%3Cy%3E.png");
	free(h);
}

static void
test_find_mark(void)
{
	char *names[] = { "a-b.pdf", "a/x.pdf", "z.png" };
	_Atomic unsigned char links[3] = { 0, 0, 0 };
	struct model m;

	memset(&m, 0, sizeof m);
	m.statics = names;
	m.nstatics = 3;
	m.static_links = links;
	CHECK_INT("find: first", attach_find(&m, "a-b.pdf"), 0);
	CHECK_INT("find: in a folder", attach_find(&m, "a/x.pdf"), 1);
	CHECK_INT("find: last", attach_find(&m, "z.png"), 2);
	CHECK_INT("find: missing", attach_find(&m, "a"), -1);
	attach_mark(&m, 1, 0);
	CHECK_INT("mark: hidden", links[1], ATTACH_LINK_HIDDEN);
	attach_mark(&m, 1, 1);
	CHECK_INT("mark: and published", links[1], ATTACH_LINK_HIDDEN | ATTACH_LINK_PUBLISHED);
}

static void
test_names(void)
{
	struct config cfg;
	struct diags d;
	char *masked;

	memset(&cfg, 0, sizeof cfg);
	diags_init(&d);
	CHECK_INT("name: a plain slug", check_privacy_name(&cfg, &d, "content/x.md", "the name",
	    "2025-01-10-peixun", "rename"), 0);
	CHECK_INT("name: a date and a short number", check_privacy_name(&cfg, &d, "content/x.md", "the name",
	    "2025-01-10-2025-0612", "rename"), 0);
	CHECK_INT("name: a mobile", check_privacy_name(&cfg, &d, "content/static/zhang-13812345678.pdf",
	    "the attachment's name", "zhang-13812345678.pdf", "rename the file"), 1);
	CHECK_INT("name: a card written in groups", check_privacy_name(&cfg, &d, "content/y.md", "the name",
	    "card-6222-0212-3456-7894", "rename"), 1);
	if (d.n == 2)
		CHECK("name: shown masked", strstr(d.v[1].msg, "6222********7894") != NULL);
	if (d.n >= 1) {
		CHECK_STR("name: the path is shown masked", d.v[0].path, "content/static/zhang-138****5678.pdf");
		CHECK("name: the message names the kind, masked",
		    strstr(d.v[0].msg, "手机号码 138****5678") != NULL && strstr(d.v[0].msg, "13812345678") == NULL);
		CHECK_STR("name: rule", d.v[0].rule, "privacy-name");
	}
	masked = check_privacy_name_masked(&cfg, "content/static/zhang-13812345678.pdf");
	CHECK_STR("name: masked for lists", masked, "content/static/zhang-138****5678.pdf");
	free(masked);
	diags_free(&d);
}

int
main(void)
{
	test_pdf();
	test_pdf_clean();
	test_svg();
	test_svg_numbers();
	test_href();
	test_find_mark();
	test_names();
	return t_done();
}
