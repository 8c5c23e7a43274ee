/*
 * fuzz_csvtable: the CSV table of a 公示, read from a file (csvtable_read
 * takes a path), then checked against every kind's whitelist.
 */
#include "fuzz.h"
#include "csvtable.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *kinds[] = { "低保", "特困供养", "临时救助", "发展党员",
	    "干部任前", "评优表彰", "资产评估", "其他", "nope" };
	static char path[128];
	struct diags d;
	struct csvtable *t;

	if (size > 256 * 1024)
		return 0;
	if (path[0] == '\0')
		snprintf(path, sizeof path, "%s/rows.csv", fz_tmpdir());
	fz_write(path, data, size);
	diags_init(&d);
	t = csvtable_read(path, "rows.csv", &d);
	if (t != NULL) {
		FZ_ASSERT(d.errors == 0);
		FZ_ASSERT(t->ncols > 0);
		for (size_t r = 0; r < t->nrows; r++)
			for (size_t c = 0; c < t->ncols; c++) {
				const char *cell = t->rows[r][c];
				FZ_ASSERT(cell != NULL);
				FZ_ASSERT(utf8_valid(cell, strlen(cell)) == strlen(cell));
			}
		csvtable_check_columns(t, kinds[size % 9], "rows.csv", &d);
	} else {
		FZ_ASSERT(d.errors > 0);
	}
	csvtable_free(t);
	diags_free(&d);
	return 0;
}
