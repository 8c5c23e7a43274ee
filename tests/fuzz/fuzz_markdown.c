/*
 * fuzz_markdown: Markdown bodies through cmark-gfm and our transforms, with
 * unsafe_html off as on every real site. No raw <script>, no event handler
 * and no javascript:/vbscript: URL may come out.
 */
#include "fuzz.h"
#include "markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
resolve(void *ctx, const char *url, int is_image, int line, int col)
{
	(void)ctx, (void)is_image;
	FZ_ASSERT(line >= 1 && col >= 0);
	if (url[0] == 'x')
		return xasprintf("../%s/", url);
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct md_opts o = { .body_line = 3, .resolve = resolve };
	struct md_doc doc;
	const char *s = (const char *)data;
	size_t n;

	if (size > 64 * 1024 || utf8_valid(s, size) != size)
		return 0;
	memset(&doc, 0, sizeof doc);
	md_render(s, size, &o, &doc);
	FZ_ASSERT(doc.html != NULL);
	n = strlen(doc.html);
	FZ_ASSERT(fz_memcasestr(doc.html, n, "<script") == NULL);
	FZ_ASSERT(fz_memcasestr(doc.html, n, "<iframe") == NULL);
	FZ_ASSERT(fz_memcasestr(doc.html, n, "href=\"javascript:") == NULL);
	FZ_ASSERT(fz_memcasestr(doc.html, n, "src=\"javascript:") == NULL);
	FZ_ASSERT(fz_memcasestr(doc.html, n, "href=\"vbscript:") == NULL);
	for (size_t i = 0; i < doc.ntoc; i++) {
		FZ_ASSERT(doc.toc[i].level >= 1 && doc.toc[i].level <= 6);
		FZ_ASSERT(doc.toc[i].id != NULL && strchr(doc.toc[i].id, '"') == NULL);
	}
	md_doc_free(&doc);
	return 0;
}
