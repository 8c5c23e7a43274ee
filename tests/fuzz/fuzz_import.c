/*
 * fuzz_import: the 公文 converter on any bytes (UTF-8, UTF-16, GB18030
 * detection, title/date/author guessing). What it produces must be valid
 * UTF-8 and its front matter must parse.
 */
#include "fuzz.h"
#include "diag.h"
#include "frontmatter.h"
#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *kinds[] = { NULL, "page", "meetings", "work",
	    "disclosures", "cases", "assessments", "reports" };
	struct diags d, d2;
	char *out;
	const char *kind;

	if (size < 1 || size > 256 * 1024)
		return 0;
	kind = kinds[data[0] & 7];
	data++, size--;
	diags_init(&d);
	out = import_convert("input.txt", (const char *)data, size, kind, &d);
	if (out != NULL) {
		size_t n = strlen(out);
		struct fm f;
		FZ_ASSERT(utf8_valid(out, n) == n);
		memset(&f, 0, sizeof f);
		diags_init(&d2);
		if (fm_parse("out.md", out, n, 1, &f, &d2) != 0) {
			fprintf(stderr, "import wrote:\n%s\n", out);
			diags_print(&d2, 0);
			FZ_ASSERT(!"import output has usable front matter");
		}
		fm_free(&f);
		diags_free(&d2);
	} else {
		FZ_ASSERT(d.errors > 0);
	}
	free(out);
	diags_free(&d);
	return 0;
}
