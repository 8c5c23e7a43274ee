/*
 * fuzz_frontmatter: the front-matter splitter, the YAML tree (libyaml) and
 * the schema check of every file family. The first byte picks the family
 * and whether front matter is required; the rest is the file. Like
 * content.c, only valid UTF-8 reaches the parser.
 */
#include "fuzz.h"
#include "diag.h"
#include "frontmatter.h"
#include "schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum schema_which fam[] = {
		SCHEMA_SITE_CONFIG, SCHEMA_PROFILE, SCHEMA_PAGE, SCHEMA_WORK,
		SCHEMA_MEETINGS, SCHEMA_DISCLOSURES, SCHEMA_CASES,
		SCHEMA_ASSESSMENTS, SCHEMA_REPORTS
	};
	struct diags d;
	struct fm f;
	char *src;
	unsigned sel;

	if (size < 1 || size > 256 * 1024)
		return 0;
	sel = data[0];
	data++, size--;
	if (utf8_valid((const char *)data, size) != size)
		return 0;
	src = fz_cstr(data, size);
	diags_init(&d);
	memset(&f, 0, sizeof f);
	if (sel & 0x80) {
		/* site.yaml: the whole file is YAML */
		struct ynode *root = fm_yaml("site.yaml", src, size, &d);
		if (root != NULL)
			schema_check(schema_fields(SCHEMA_SITE_CONFIG), root, "site.yaml", src, &d);
		ynode_free(root);
	} else if (fm_parse("f.md", src, size, sel & 1, &f, &d) == 0) {
		FZ_ASSERT(f.body == NULL || (f.body >= src && f.body + f.body_len <= src + size));
		if (f.root != NULL)
			schema_check(schema_fields(fam[(sel >> 1) % 9]), f.root, "f.md", src, &d);
	}
	for (size_t i = 0; i < d.n; i++)
		FZ_ASSERT(d.v[i].msg != NULL && d.v[i].line >= 0 && d.v[i].col >= 0);
	fm_free(&f);
	diags_free(&d);
	free(src);
	return 0;
}
