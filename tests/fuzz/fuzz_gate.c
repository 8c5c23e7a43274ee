/*
 * fuzz_gate: Markdown bodies through md_render with the privacy gate (a
 * gate without diagnostics, as for a draft). Whatever the body, the HTML
 * that comes out, read as output.c reads a file it writes (PII_EGRESS),
 * holds no number left to mask: the gate masked it all before output.c's
 * second net could see it. Odd-sized inputs are rendered with unsafe_html.
 */
#include "fuzz.h"
#include "gate.h"
#include "markdown.h"
#include "privacy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gate g = { NULL, 0, NULL };
	struct md_opts o;
	struct md_doc doc;
	const char *s = (const char *)data;
	char *left;
	size_t n;

	if (size > 64 * 1024 || utf8_valid(s, size) != size)
		return 0;
	memset(&o, 0, sizeof o);
	o.gate = &g;
	o.path = "fuzz.md";
	o.body_line = 3;
	o.unsafe_html = size & 1;
	md_render(s, size, &o, &doc);
	FZ_ASSERT(doc.html != NULL);
	n = strlen(doc.html);
	left = pii_mask_text(doc.html, n, PII_EGRESS, NULL, NULL, NULL);
	if (left != NULL)
		fprintf(stderr, "number left in the HTML:\n%s\nmasked again:\n%s\n", doc.html, left);
	FZ_ASSERT(left == NULL);
	md_doc_free(&doc);
	return 0;
}
