/*
 * fuzz_template: the theme parser and renderer. template.h has no entry
 * point that parses from memory, so the input is written to a private
 * theme folder: everything before a line "--8<--" becomes
 * templates/page.html, the rest templates/partials/a.html. When the theme
 * loads, page.html is rendered with a context whose strings try to break
 * out (quotes, <script>, javascript: URLs); no such text may come out raw.
 */
#include <sys/stat.h>

#include "fuzz.h"
#include "diag.h"
#include "template.h"
#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char tdir[128], page[160], part[160];

static void
setup(void)
{
	char p[160];

	snprintf(tdir, sizeof tdir, "%s/theme", fz_tmpdir());
	mkdir(tdir, 0700);
	snprintf(p, sizeof p, "%s/templates", tdir);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/templates/partials", tdir);
	mkdir(p, 0700);
	snprintf(page, sizeof page, "%s/templates/page.html", tdir);
	snprintf(part, sizeof part, "%s/templates/partials/a.html", tdir);
}

static struct val *
context(struct arena *a)
{
	struct val *ctx = v_map(a), *pg = v_map(a), *list = v_list(a), *it;

	v_setstr(a, pg, "title", "\"><script>alert(1)</script>");
	v_setstr(a, pg, "url", "javascript:alert(1)");
	v_seturl(a, pg, "home", "sites/a/index.html");
	v_set(a, pg, "body", v_html(a, "<p>ok</p>"));
	v_setint(a, pg, "n", 3);
	v_setbool(a, pg, "yes", 1);
	for (int i = 0; i < 3; i++) {
		it = v_map(a);
		v_setstr(a, it, "title", "<img src=x onerror=alert(1)>");
		v_setstr(a, it, "url", i ? "data:text/html,<script>" : "https://example.org/");
		v_push(a, list, it);
	}
	v_set(a, pg, "items", list);
	v_set(a, ctx, "page", pg);
	v_set(a, ctx, "p", pg);
	v_set(a, ctx, "items", list);
	v_setstr(a, ctx, "s", "' onmouseover='alert(1)");
	return ctx;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *cut;
	size_t n1 = size;
	struct diags d;
	struct theme *t;

	if (size > 64 * 1024)
		return 0;
	if (tdir[0] == '\0')
		setup();
	cut = NULL;
	for (size_t i = 0; i + 7 <= size; i++)
		if (memcmp(s + i, "--8<--\n", 7) == 0) {
			cut = s + i;
			break;
		}
	if (cut != NULL)
		n1 = (size_t)(cut - s);
	fz_write(page, s, n1);
	if (cut != NULL)
		fz_write(part, cut + 7, size - n1 - 7);
	else	/* an empty partials folder is tested by tests/hostile (qsort(NULL, 0)) */
		fz_write(part, "<span>z</span>", 14);
	diags_init(&d);
	t = theme_load(tdir, &d);
	if (t != NULL && theme_has(t, "page.html")) {
		struct arena *a = arena_new();
		struct sb out;
		sb_init(&out);
		if (theme_render(t, "page.html", context(a), "../", &out, &d) == 0) {
			const char *o = sb_str(&out);
			FZ_ASSERT(strstr(o, "<script>alert") == NULL);
			FZ_ASSERT(strstr(o, "<img src=x onerror") == NULL || fz_memcasestr(s, size, "<img src=x onerror") != NULL);
			FZ_ASSERT(strstr(o, "' onmouseover='") == NULL || fz_memcasestr(s, size, "' onmouseover='") != NULL);
			/* content URLs in link attributes are checked (href, src, action) */
			FZ_ASSERT(strstr(o, " href=\"javascript:") == NULL || fz_memcasestr(s, size, "javascript:") != NULL);
			FZ_ASSERT(strstr(o, " src=\"javascript:") == NULL || fz_memcasestr(s, size, "javascript:") != NULL);
			FZ_ASSERT(strstr(o, " href=\"data:text") == NULL || fz_memcasestr(s, size, "data:text") != NULL);
			FZ_ASSERT(strstr(o, " src=\"data:text") == NULL || fz_memcasestr(s, size, "data:text") != NULL);
		}
		sb_free(&out);
		arena_free(a);
	}
	theme_free(t);
	diags_free(&d);
	return 0;
}
