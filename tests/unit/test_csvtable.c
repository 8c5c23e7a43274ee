/* csvtable: reading 公示 tables and holding them to the column whitelists. */
#include <stdlib.h>
#include <string.h>

#include "csvtable.h"
#include "diag.h"
#include "harness.h"
#include "util.h"

static char *tmpdir;

/* Writes data to a fresh file in the temp dir and reads it back; d gets the diagnostics. */
static struct csvtable *
read_str(const char *name, const char *data, struct diags *d)
{
	char *path = path_join(tmpdir, name);
	struct csvtable *t;

	if (file_write(path, data, strlen(data)) == -1) {
		printf("FAIL: cannot write %s\n", path);
		exit(1);
	}
	t = csvtable_read(path, name, d);
	free(path);
	return t;
}

/* The message of the last diagnostic, or "" when there is none. */
static const char *
last_msg(const struct diags *d)
{
	return d->n ? d->v[d->n - 1].msg : "";
}

static void
test_basic(void)
{
	struct diags d;
	struct csvtable *t;

	diags_init(&d);
	t = read_str("basic.csv",
	    "序号,村民小组,姓名,保障人数,保障金额,类别,备注\n"
	    "1,一组,张三,3,1200.00,A类,\n"
	    "2,二组,李四,1,400.00,B类,新增\n", &d);
	CHECK("basic: read", t != NULL);
	CHECK_INT("basic: no diagnostics", d.n, 0);
	if (t != NULL) {
		CHECK_INT("basic: columns", t->ncols, 7);
		CHECK_INT("basic: rows", t->nrows, 2);
		CHECK_STR("basic: header 3", t->header[2], "姓名");
		CHECK_STR("basic: cell", t->rows[1][2], "李四");
		CHECK_STR("basic: empty last cell", t->rows[0][6], "");
		CHECK_STR("basic: last cell", t->rows[1][6], "新增");
		CHECK_INT("basic: header line", t->header_line, 1);
		CHECK_INT("basic: row 1 line", t->row_line[0], 2);
		CHECK_INT("basic: row 2 line", t->row_line[1], 3);
		CHECK_INT("basic: column 3 position", t->header_col[2], 9);
		CHECK_INT("basic: no column errors", csvtable_check_columns(t, "低保", "basic.csv", &d), 0);
	}
	csvtable_free(t);
	diags_free(&d);
}

static void
test_bom_crlf(void)
{
	struct diags d;
	struct csvtable *t;

	diags_init(&d);
	t = read_str("bom.csv", "\xef\xbb\xbf序号,姓名\r\n1,张三\r\n2,李四", &d);
	CHECK("bom crlf: read", t != NULL);
	if (t != NULL) {
		CHECK_STR("bom: stripped from the first name", t->header[0], "序号");
		CHECK_STR("crlf: no CR in the last cell", t->rows[0][1], "张三");
		CHECK_INT("crlf: rows (last without newline)", t->nrows, 2);
		CHECK_STR("no final newline: last cell", t->rows[1][1], "李四");
		CHECK_INT("bom: first column at 1", t->header_col[0], 1);
		CHECK_INT("bom: second column at 4", t->header_col[1], 4);
		CHECK_INT("crlf: row 2 line", t->row_line[1], 3);
	}
	csvtable_free(t);
	diags_free(&d);
}

static void
test_quoting(void)
{
	struct diags d;
	struct csvtable *t;

	diags_init(&d);
	t = read_str("quote.csv",
	    "序号,姓名,备注\r\n"
	    "1,\"张三,李四\",\"他说\"\"好\"\"\"\r\n"
	    "2,王五,\"第一行\r\n第二行\"\r\n"
	    "3,赵六,x\r\n", &d);
	CHECK("quoting: read", t != NULL);
	CHECK_INT("quoting: no diagnostics", d.n, 0);
	if (t != NULL) {
		CHECK_INT("quoting: rows", t->nrows, 3);
		CHECK_STR("quoted comma", t->rows[0][1], "张三,李四");
		CHECK_STR("doubled quotes", t->rows[0][2], "他说\"好\"");
		CHECK_STR("quoted CRLF becomes LF", t->rows[1][2], "第一行\n第二行");
		CHECK_INT("row with quoted newline starts on line 3", t->row_line[1], 3);
		CHECK_INT("next row starts on line 5", t->row_line[2], 5);
	}
	csvtable_free(t);
	diags_free(&d);
}

static void
test_short_blank(void)
{
	struct diags d;
	struct csvtable *t;

	diags_init(&d);
	t = read_str("short.csv",
	    "  序号 ,\"　姓名　\",备注\n"
	    "\n"
	    "1\n"
	    ",,\n"
	    "   \n"
	    "2,李四\n", &d);
	CHECK("short: read", t != NULL);
	if (t != NULL) {
		CHECK_STR("header trimmed (ASCII)", t->header[0], "序号");
		CHECK_STR("header trimmed (U+3000, quoted)", t->header[1], "姓名");
		CHECK_INT("header position skips leading blanks", t->header_col[0], 3);
		CHECK_INT("blank and ,, rows dropped", t->nrows, 2);
		CHECK_STR("short row padded (1)", t->rows[0][1], "");
		CHECK_STR("short row padded (2)", t->rows[0][2], "");
		CHECK_STR("short row kept", t->rows[0][0], "1");
		CHECK_INT("short row line", t->row_line[0], 3);
		CHECK_INT("row after blanks line", t->row_line[1], 6);
	}
	csvtable_free(t);
	diags_free(&d);
}

static void
test_errors(void)
{
	struct diags d;
	struct csvtable *t;

	diags_init(&d);
	t = read_str("long.csv", "序号,姓名\n1,张三\n2,李四,多余\n3,王五\n4,赵六,a,b\n", &d);
	CHECK("long row: NULL", t == NULL);
	CHECK_INT("long rows: two errors", d.errors, 2);
	if (d.n == 2) {
		CHECK_INT("long row: line", d.v[0].line, 3);
		CHECK_INT("long row: col", d.v[0].col, 1);
		CHECK_STR("long row: message", d.v[0].msg,
		    "row has 3 cells but the header has 2 columns; put a cell that contains a comma in double quotes");
		CHECK_STR("long row: path", d.v[0].path, "long.csv");
		CHECK_STR("long row: rule", d.v[0].rule, "csv");
		CHECK_STR("long row: source line kept", d.v[0].srcline, "2,李四,多余");
		CHECK_INT("second long row: line", d.v[1].line, 5);
	}
	diags_free(&d);

	diags_init(&d);
	CHECK("empty file: NULL", read_str("empty.csv", "", &d) == NULL);
	CHECK_STR("empty file: message", last_msg(&d),
	    "empty file: a 公示 table needs a header row naming its columns");
	CHECK_INT("empty file: line 0", d.n ? d.v[0].line : -1, 0);
	CHECK("BOM and blank lines only: NULL", read_str("blank.csv", "\xef\xbb\xbf\r\n  \r\n", &d) == NULL);
	CHECK_INT("BOM and blank lines only: error", d.errors, 2);
	diags_free(&d);

	diags_init(&d);
	CHECK("GBK: NULL", read_str("gbk.csv", "序号,姓名\n1,\xd5\xc5\xc8\xfd\n", &d) == NULL);
	CHECK_STR("GBK: message", last_msg(&d),
	    "invalid UTF-8 (byte 0xd5); save the table as UTF-8 (in Excel: \"CSV UTF-8\"), not GBK");
	CHECK_INT("GBK: line", d.n ? d.v[0].line : 0, 2);
	CHECK_INT("GBK: col", d.n ? d.v[0].col : 0, 3);
	diags_free(&d);

	diags_init(&d);
	CHECK("stray quote: NULL", read_str("quote.csv", "序号,姓名\n1,张\"三\n", &d) == NULL);
	CHECK_STR("stray quote: message", last_msg(&d),
	    "malformed CSV: a quote inside an unquoted cell, or text after a closing quote; "
	    "put the whole cell in double quotes and double the quotes inside it (\"\")");
	CHECK_INT("stray quote: line", d.n ? d.v[0].line : 0, 2);
	CHECK_INT("stray quote: col", d.n ? d.v[0].col : 0, 4);
	diags_free(&d);

	diags_init(&d);
	CHECK("unclosed quote: NULL", read_str("open.csv", "序号,姓名\n1,\"张三\n2,李四\n", &d) == NULL);
	CHECK_STR("unclosed quote: message", last_msg(&d),
	    "a quoted cell that starts in this row is never closed; add the closing double quote");
	CHECK_INT("unclosed quote: line", d.n ? d.v[0].line : 0, 2);
	diags_free(&d);

	diags_init(&d);
	CHECK("header gaps: NULL", read_str("gaps.csv", "序号,,姓名,姓名\n1,,张三,张三\n", &d) == NULL);
	CHECK_INT("header gaps: two errors", d.errors, 2);
	if (d.n == 2) {
		CHECK_STR("empty name: message", d.v[0].msg,
		    "column 2 of the header has no name; name it or delete the column");
		CHECK_INT("empty name: col", d.v[0].col, 4);
		CHECK_STR("duplicate name: message", d.v[1].msg,
		    "column '姓名' appears twice in the header (columns 3 and 4)");
		CHECK_INT("duplicate name: col", d.v[1].col, 8);
	}
	diags_free(&d);

	diags_init(&d);
	CHECK("missing file: NULL", csvtable_read("/nonexistent/x.csv", "x.csv", &d) == NULL);
	CHECK_STR("missing file: message", last_msg(&d), "cannot read the table: No such file or directory");
	diags_free(&d);
	csvtable_free(NULL);
	CHECK("csvtable_free(NULL) is a no-op", 1);
}

static void
test_columns(void)
{
	struct diags d;
	struct csvtable *t;
	const char *const *w;
	size_t n;

	diags_init(&d);
	t = read_str("dibao.csv", "序号,姓名,身份证号,联系人,保障金额\n1,张三,x,y,1\n", &d);
	CHECK("columns: read", t != NULL);
	if (t != NULL) {
		CHECK_INT("columns: two bad columns", csvtable_check_columns(t, "低保", "dibao.csv", &d), 2);
		CHECK_INT("columns: two diagnostics", d.n, 2);
	}
	if (d.n == 2) {
		CHECK_STR("forbidden column: message", d.v[0].msg,
		    "column '身份证号' is not allowed in a 低保 公示: personal data that must not be "
		    "published; allowed columns: 序号, 村民小组, 姓名, 保障人数, 保障金额, 类别, 备注");
		CHECK_INT("forbidden column: line", d.v[0].line, 1);
		CHECK_INT("forbidden column: col", d.v[0].col, 7);
		CHECK_STR("forbidden column: rule", d.v[0].rule, "notice-columns");
		CHECK_STR("unlisted column: message", d.v[1].msg,
		    "column '联系人' is not allowed in a 低保 公示; allowed columns: "
		    "序号, 村民小组, 姓名, 保障人数, 保障金额, 类别, 备注");
		CHECK_INT("unlisted column: col", d.v[1].col, 12);
	}
	csvtable_free(t);
	diags_free(&d);

	/* Personal data is refused whatever the kind, even under 其他. */
	diags_init(&d);
	t = read_str("other.csv", "序号,联系电话,开户银行,家庭住址,病种,残疾等级,宗教信仰,证件类型,收入明细,门牌号\n", &d);
	if (t != NULL) {
		int ok = 1;

		CHECK_INT("其他: nine forbidden", csvtable_check_columns(t, "其他", "other.csv", &d), 9);
		for (size_t i = 0; i < d.n; i++)
			if (strstr(d.v[i].msg, "personal data that must not be published") == NULL)
				ok = 0;
		CHECK("其他: every message says why", ok && d.n == 9);
		CHECK_INT("header only: no rows", t->nrows, 0);
	}
	csvtable_free(t);
	diags_free(&d);

	/* Each kind's own whitelist passes. */
	const char *kinds[] = { "低保", "特困供养", "临时救助", "发展党员", "干部任前", "评优表彰", "资产评估", "其他" };
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		struct sb b;
		char name[80], *csv;

		w = csvtable_whitelist(kinds[k]);
		sb_init(&b);
		for (size_t i = 0; w != NULL && w[i] != NULL; i++)
			sb_printf(&b, "%s%s", i ? "," : "", w[i]);
		sb_putc(&b, '\n');
		csv = sb_take(&b);
		diags_init(&d);
		t = read_str("kind.csv", csv, &d);
		snprintf(name, sizeof name, "whitelist of %s accepted", kinds[k]);
		CHECK_INT(name, t ? csvtable_check_columns(t, kinds[k], "kind.csv", &d) : -1, 0);
		csvtable_free(t);
		diags_free(&d);
		free(csv);
	}

	w = csvtable_whitelist("低保");
	for (n = 0; w != NULL && w[n] != NULL; n++)
		;
	CHECK_INT("低保 whitelist has 7 columns", n, 7);
	CHECK("unknown kind: NULL whitelist", csvtable_whitelist("五保") == NULL);

	diags_init(&d);
	t = read_str("unknown.csv", "序号,姓名,手机号\n", &d);
	if (t != NULL)
		CHECK_INT("unknown kind: kind error and phone column", csvtable_check_columns(t, "五保", "unknown.csv", &d), 2);
	if (d.n == 2) {
		CHECK_STR("unknown kind: message", d.v[0].msg,
		    "unknown 公示 kind '五保'; use one of: 低保, 特困供养, 临时救助, 发展党员, "
		    "干部任前, 评优表彰, 资产评估, 其他");
		CHECK_STR("unknown kind: forbidden still named", d.v[1].msg,
		    "column '手机号' is not allowed in a 公示: personal data that must not be published");
	}
	csvtable_free(t);
	diags_free(&d);
}

/* A table of `rows` rows "N,aaa…" with cells of `cell` bytes (caller frees). */
static char *
make_table(size_t rows, size_t cell)
{
	size_t cap = 32 + rows * (cell + 16);
	char *s = xmalloc(cap), *o = s;

	o += sprintf(o, "序号,姓名\n");
	for (size_t i = 0; i < rows; i++) {
		o += sprintf(o, "%zu,", i + 1);
		memset(o, 'a', cell);
		o += cell;
		*o++ = '\n';
	}
	*o = '\0';
	return s;
}

/* Appends n copies of c, then tail, to the string s. */
static void
fill(char *s, char c, size_t n, const char *tail)
{
	s += strlen(s);
	memset(s, c, n);
	strcpy(s + n, tail);
}

static void
test_limits(void)
{
	struct diags d;
	struct csvtable *t;
	char *s, *path, want[400];

	/* At every limit at once: 20,000 rows, 400-byte cells, just under 8 MB. */
	diags_init(&d);
	s = make_table(CSVTABLE_MAX_ROWS, 400);
	CHECK("limits: the full table is within the size", strlen(s) <= CSVTABLE_MAX_BYTES);
	t = read_str("full.csv", s, &d);
	CHECK("limits: a table at the row limit is read", t != NULL);
	CHECK_INT("limits: no diagnostics at the limits", d.n, 0);
	if (t != NULL)
		CHECK_INT("limits: all rows", t->nrows, CSVTABLE_MAX_ROWS);
	csvtable_free(t);
	free(s);
	diags_free(&d);

	/* One row more: the parse stops at it. */
	diags_init(&d);
	s = make_table(CSVTABLE_MAX_ROWS + 5, 3);
	t = read_str("rows.csv", s, &d);
	CHECK("rows: refused", t == NULL);
	CHECK_INT("rows: one error (the parse stopped)", d.n, 1);
	CHECK_INT("rows: at the first row too many", d.n ? d.v[0].line : 0, CSVTABLE_MAX_ROWS + 2);
	CHECK_INT("rows: column 1", d.n ? d.v[0].col : 0, 1);
	CHECK_STR("rows: message", last_msg(&d),
	    "more than 20000 rows: a 公示 table may have at most 20000 rows after its header; "
	    "split the list into several 公示 (one per 村民小组, say)");
	free(s);
	diags_free(&d);

	/* A cell of 1,000 bytes is fine, 1,001 is not; the position is the cell's text. */
	diags_init(&d);
	s = xmalloc(2 * CSVTABLE_MAX_CELL + 64);
	/* (libcsv trims blanks around an unquoted cell: fill it with letters) */
	sprintf(s, "序号,姓名\n1,\"%*s\"\n2,", CSVTABLE_MAX_CELL, "x");
	fill(s, 'y', CSVTABLE_MAX_CELL + 1, "\n");
	t = read_str("cell.csv", s, &d);
	CHECK("cell: refused", t == NULL);
	CHECK_INT("cell: one error", d.n, 1);
	CHECK_INT("cell: line", d.n ? d.v[0].line : 0, 3);
	CHECK_INT("cell: column", d.n ? d.v[0].col : 0, 3);
	CHECK_STR("cell: message", last_msg(&d),
	    "cell 2 has 1001 bytes, more than the 1000 a 公示 cell may hold (about 333 Chinese "
	    "characters); shorten it, and put a long explanation in the body of the record");
	free(s);
	diags_free(&d);

	/* A quoted line break before the long cell: its own line and column. */
	diags_init(&d);
	s = xmalloc(CSVTABLE_MAX_CELL + 64);
	strcpy(s, "序号,姓名,备注\n\"1\n2\",");
	fill(s, 'y', CSVTABLE_MAX_CELL + 1, ",z\n");
	t = read_str("cell2.csv", s, &d);
	CHECK_INT("cell after a quoted break: line", d.n ? d.v[0].line : 0, 3);
	CHECK_INT("cell after a quoted break: column", d.n ? d.v[0].col : 0, 4);
	csvtable_free(t);
	free(s);
	diags_free(&d);

	/* A header wider than the limit stops at the first column too many. */
	diags_init(&d);
	s = xmalloc(4 * (CSVTABLE_MAX_COLS + 10));
	s[0] = '\0';
	for (int i = 0; i < CSVTABLE_MAX_COLS + 10; i++)
		sprintf(s + strlen(s), "%sc", i ? "," : "");
	strcat(s, "\n");
	t = read_str("cols.csv", s, &d);
	CHECK("cols: refused", t == NULL);
	CHECK_INT("cols: one error", d.n, 1);
	CHECK_INT("cols: at column 51", d.n ? d.v[0].col : 0, 2 * CSVTABLE_MAX_COLS + 1);
	free(s);
	diags_free(&d);

	/* Over the size: refused before it is read, whatever it holds. */
	diags_init(&d);
	path = path_join(tmpdir, "big.csv");
	s = xmalloc(CSVTABLE_MAX_BYTES + 1);
	memset(s, '\n', CSVTABLE_MAX_BYTES + 1);
	CHECK("size: written", file_write(path, s, CSVTABLE_MAX_BYTES + 1) == 0);
	t = csvtable_read(path, "big.csv", &d);
	CHECK("size: refused", t == NULL);
	CHECK_INT("size: one error", d.n, 1);
	CHECK_INT("size: the whole file (no line)", d.n ? d.v[0].line : -1, 0);
	snprintf(want, sizeof want, "the table has %d bytes (8.0 MB), more than the 8 MB a 公示 table "
	    "may have; it is not read. Keep only the rows and columns of this 公示, or split it into "
	    "several 公示", CSVTABLE_MAX_BYTES + 1);
	CHECK_STR("size: message", last_msg(&d), want);
	free(s);
	free(path);
	diags_free(&d);
}

int
main(void)
{
	char tmpl[] = "/tmp/gongkai-csvtable-XXXXXX";

	tmpdir = mkdtemp(tmpl);
	if (tmpdir == NULL) {
		printf("FAIL: mkdtemp\n");
		return 1;
	}
	test_basic();
	test_bom_crlf();
	test_quoting();
	test_short_blank();
	test_errors();
	test_columns();
	test_limits();
	rmtree(tmpdir);
	return t_done();
}
