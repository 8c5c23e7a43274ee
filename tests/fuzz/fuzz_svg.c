/*
 * fuzz_svg: the active-content check of SVG and XML attachments
 * (attach_svg.c), which parses whatever a clerk drops into static/. It
 * must never crash or read outside the file; every number it reports is
 * masked, and a file it calls clean holds no <script element in plain
 * sight.
 */
#include "fuzz.h"
#include "attach.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct attach_scan *s = attach_svg_scan((const char *)data, size, NULL, 0);
	char *text;

	FZ_ASSERT(s != NULL);
	for (size_t i = 0; i < s->nhits; i++) {
		FZ_ASSERT(s->hits[i].masked != NULL && strchr(s->hits[i].masked, '*') != NULL);
		FZ_ASSERT(s->hits[i].where >= 1);
	}
	/*
	 * In a well-formed document without comments, CDATA, a DOCTYPE or
	 * processing instructions, a literal "<script>" can only be a start
	 * tag: it is always caught.
	 */
	text = fz_cstr(data, size);
	if (s->error == NULL && s->active == NULL && strlen(text) == size &&
	    strstr(text, "<!") == NULL && strstr(text, "<?") == NULL)
		FZ_ASSERT(strstr(text, "<script>") == NULL);
	free(text);
	attach_scan_free(s);
	return 0;
}
