/*
 * `gongkai serve`: which URL maps to which file (never outside the output
 * folder), content types, and where the reload tag goes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "serve.h"
#include "util.h"

static char root[4096];

static void
put(const char *rel, const char *text)
{
	char *p = path_join(root, rel);
	file_write(p, text, strlen(text));
	free(p);
}

/* The file URL maps to, relative to root, or a word for the other results. */
static const char *
resolve(const char *url)
{
	static char buf[4096];
	char *file = NULL;
	enum serve_res r = serve_resolve(root, url, &file);

	switch (r) {
	case SERVE_FILE:
		snprintf(buf, sizeof buf, "%s", strncmp(file, root, strlen(root)) == 0 ?
		    file + strlen(root) : file);
		break;
	case SERVE_REDIRECT: snprintf(buf, sizeof buf, "redirect"); break;
	case SERVE_FORBIDDEN: snprintf(buf, sizeof buf, "forbidden"); break;
	case SERVE_NOT_FOUND: snprintf(buf, sizeof buf, "not found"); break;
	}
	free(file);
	return buf;
}

static void
test_resolve(void)
{
	char tmpl[] = "/tmp/gongkai-test-serve-XXXXXX", *real, *p, *outside;

	if (mkdtemp(tmpl) == NULL || (real = realpath(tmpl, NULL)) == NULL) {
		CHECK("serve: temporary folder", 0);
		return;
	}
	snprintf(root, sizeof root, "%s/site", real);
	put("index.html", "<p>home</p>");
	put("about/index.html", "<p>about</p>");
	put("assets/style.css", "body{}");
	put(".gongkai", "marker");
	put("tags/党员教育/index.html", "<p>tag</p>");
	outside = xasprintf("%s/secret.txt", real);
	file_write(outside, "secret", 6);
	p = path_join(root, "escape.txt");
	CHECK("serve: symlink made", symlink(outside, p) == 0);
	free(p);
	p = path_join(root, "escape-dir");
	CHECK("serve: folder symlink made", symlink(real, p) == 0);
	free(p);
	p = path_join(root, "inside.css");
	CHECK("serve: inside symlink made", symlink("assets/style.css", p) == 0);
	free(p);

	CHECK_STR("serve: / is index.html", resolve("/"), "/index.html");
	CHECK_STR("serve: folder/ is its index.html", resolve("/about/"), "/about/index.html");
	CHECK_STR("serve: folder without / redirects", resolve("/about"), "redirect");
	CHECK_STR("serve: a file", resolve("/assets/style.css"), "/assets/style.css");
	CHECK_STR("serve: UTF-8 path", resolve("/tags/党员教育/"), "/tags/党员教育/index.html");
	CHECK_STR("serve: missing", resolve("/nope.html"), "not found");
	CHECK_STR("serve: hidden marker", resolve("/.gongkai"), "not found");
	CHECK_STR("serve: .. refused", resolve("/../secret.txt"), "forbidden");
	CHECK_STR("serve: .. deeper refused", resolve("/about/../../secret.txt"), "forbidden");
	CHECK_STR("serve: .. at the end refused", resolve("/about/.."), "forbidden");
	CHECK_STR("serve: backslash refused", resolve("/..\\secret.txt"), "forbidden");
	CHECK_STR("serve: relative URL refused", resolve("secret.txt"), "forbidden");
	CHECK_STR("serve: symlink out refused", resolve("/escape.txt"), "forbidden");
	CHECK_STR("serve: folder symlink out refused", resolve("/escape-dir/secret.txt"), "forbidden");
	CHECK_STR("serve: symlink inside allowed", resolve("/inside.css"), "/assets/style.css");
	CHECK_STR("serve: ... is a name", resolve("/a.../x"), "not found");

	rmtree(real);
	free(outside);
	free(real);
}

/* The redirect's Location never names another host (issue 22). */
static void
test_location(void)
{
	static const struct { const char *url, *want; } cases[] = {
		{ "/about", "/about/" },
		{ "//about", "/about/" },
		{ "///about", "/about/" },
		{ "////about//x", "/about/x/" },
		{ "/a//b", "/a/b/" },
		{ "/\\about", "/%5Cabout/" },
		{ "/\\\\about", "/%5C%5Cabout/" },
		{ "/tags/党员", "/tags/%E5%85%9A%E5%91%98/" },
		{ "/a b?c#d", "/a%20b%3Fc%23d/" },
		{ "", "/" },
		{ "/", "/" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *loc = serve_location(cases[i].url), name[128];

		snprintf(name, sizeof name, "serve: the redirect of '%s' stays on the site", cases[i].url);
		CHECK_STR(name, loc, cases[i].want);
		free(loc);
	}
}

static void
test_mime(void)
{
	CHECK_STR("mime html", serve_mime("/x/index.html"), "text/html; charset=utf-8");
	CHECK_STR("mime css", serve_mime("a.css"), "text/css; charset=utf-8");
	CHECK_STR("mime js", serve_mime("search.js"), "text/javascript; charset=utf-8");
	CHECK_STR("mime json", serve_mime("search.json"), "application/json; charset=utf-8");
	CHECK_STR("mime xml", serve_mime("feed.xml"), "application/xml; charset=utf-8");
	CHECK_STR("mime svg", serve_mime("qr.svg"), "image/svg+xml; charset=utf-8");
	CHECK_STR("mime pdf upper case", serve_mime("SCAN.PDF"), "application/pdf");
	CHECK_STR("mime png", serve_mime("a.png"), "image/png");
	CHECK_STR("mime jpg", serve_mime("a.jpg"), "image/jpeg");
	CHECK_STR("mime csv", serve_mime("rows.csv"), "text/csv; charset=utf-8");
	CHECK_STR("mime unknown", serve_mime("a.bin"), "application/octet-stream");
	CHECK_STR("mime dot in folder only", serve_mime("a.d/README"), "application/octet-stream");
}

static void
test_inject(void)
{
	size_t n;
	char *s;

	s = serve_inject("<html><body><p>x</p></body></html>", strlen("<html><body><p>x</p></body></html>"), "<S>", &n);
	CHECK_STR("inject before </body>", s, "<html><body><p>x</p><S></body></html>");
	CHECK_INT("inject length", n, 37);
	free(s);
	s = serve_inject("<p>a</p></BODY>\n<!-- </body> -->", strlen("<p>a</p></BODY>\n<!-- </body> -->"), "<S>", &n);
	CHECK_STR("inject before the last </body>, any case", s, "<p>a</p></BODY>\n<!-- <S></body> -->");
	free(s);
	s = serve_inject("<p>no body</p>", strlen("<p>no body</p>"), "<S>", &n);
	CHECK_STR("inject at the end without </body>", s, "<p>no body</p><S>");
	free(s);
	s = serve_inject("", 0, "<S>", &n);
	CHECK_STR("inject into nothing", s, "<S>");
	free(s);
}

int
main(void)
{
	test_resolve();
	test_location();
	test_mime();
	test_inject();
	return t_done();
}
