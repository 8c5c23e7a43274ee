/*
 * csvtable.c: read the CSV table of a 公示 with libcsv, and hold its header
 * to the column whitelist of the notice kind.
 *
 * libcsv reports fields and records but no positions, so the file is fed
 * to it one byte at a time while we count lines: a record starts at the
 * first byte that is not blank after the previous record ended. Tables are
 * a few hundred rows; the per-call cost does not matter.
 *
 * The limits of csvtable.h are held while reading, so memory follows the
 * limits, not the file: the size before a byte is read, the width of the
 * header and of each row as the cells arrive (cells past it are counted,
 * not kept), the rows as they end. Past a limit the parse stops.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>

#include "csvtable.h"
#include "diag.h"
#include "util.h"

#define CSVT_RULE	"csv"
#define CSVT_RULE_COLS	"notice-columns"
#define CSVT_MAX_LONG	10	/* long cells reported before the parse stops */

/* Everything the libcsv callbacks need while one file is read. */
struct csvt_reader {
	struct csvtable	*t;
	const char	*src;		/* the text after any BOM, NUL-terminated */
	size_t		 len;
	const char	*disp;
	struct diags	*d;
	int		 errors;
	char		**cells;	/* the record being read, owned */
	size_t		 ncells, cellcap;
	size_t		 extra;		/* cells of the record past the header's width: counted, not kept */
	int		 stop;		/* a limit was passed: parse no further */
	int		 nlong;		/* cells over CSVTABLE_MAX_CELL reported */
	size_t		 rowcap;
	int		 line;		/* line of the byte being fed */
	size_t		 line_start;	/* offset of that line */
	int		 rec_started;	/* has a record begun since the last one ended? */
	int		 rec_line;	/* where it begun: line, offset, offset of that line */
	size_t		 rec_off, rec_line_start;
};

struct csvt_kind {
	const char	*name;
	const char	*cols[10];	/* NULL-terminated */
};

/* From the content model and domain-notes §9.3 E (DBQR Art. 24 for 低保). */
static const struct csvt_kind csvt_kinds[] = {
	{ "低保", { "序号", "村民小组", "姓名", "保障人数", "保障金额", "类别", "备注", NULL } },
	{ "特困供养", { "序号", "村民小组", "姓名", "供养方式", "保障金额", "备注", NULL } },
	{ "临时救助", { "序号", "村民小组", "姓名", "救助金额", "救助事由", "备注", NULL } },
	{ "发展党员", { "序号", "姓名", "性别", "出生年月", "学历", "村民小组", "申请入党时间",
	    "拟发展阶段", "备注", NULL } },
	{ "干部任前", { "序号", "姓名", "性别", "出生年月", "学历", "现任职务", "拟任职务", "备注", NULL } },
	{ "评优表彰", { "序号", "姓名", "性别", "村民小组", "表彰类别", "主要事迹", "备注", NULL } },
	{ "资产评估", { "序号", "资产名称", "数量", "评估价值", "评估机构", "备注", NULL } },
	{ "其他", { "序号", "姓名", "村民小组", "事项", "金额", "备注", NULL } },
};

/*
 * Parts of a column name that mean personal data no 公示 may carry (PIPL
 * Art. 28, DBQR Art. 24 "不得公开无关信息"), whatever the kind.
 */
static const char *const csvt_forbidden[] = {
	"身份证", "证件", "银行", "账号", "卡号", "电话", "手机", "住址", "地址",
	"门牌", "病", "残疾", "宗教", "收入明细", NULL
};

/* 1-based character column of src[off] on the line starting at line_start. */
static int
csvt_col(const char *src, size_t line_start, size_t off)
{
	return utf8_columns(src + line_start, off - line_start);
}

/* Strips ASCII blanks and U+3000 (ideographic space) at both ends, in place. */
static void
csvt_trim(char *s)
{
	size_t n = strlen(s), a = 0;

	for (;;) {
		if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	for (;;) {
		if (a < n && (s[a] == ' ' || s[a] == '\t'))
			a++;
		else if (n - a >= 3 && memcmp(s + a, "\xe3\x80\x80", 3) == 0)
			a += 3;
		else
			break;
	}
	memmove(s, s + a, n - a);
	s[n - a] = '\0';
}

/*
 * Line and character column where cell k of the record being read starts
 * (past an opening quote): cells before it may hold quoted line breaks.
 */
static void
csvt_cell_pos(const struct csvt_reader *r, size_t k, int *line, int *col)
{
	size_t i, ls = r->rec_line_start, j = 0;
	int inq = 0, atstart = 1;

	*line = r->rec_line;
	for (i = r->rec_off; i < r->len; i++) {
		char c = r->src[i];

		if (atstart && (c == ' ' || c == '\t'))
			continue;
		if (atstart && j == k) {
			*col = csvt_col(r->src, ls, i) + (c == '"');
			return;
		}
		atstart = 0;
		if (c == '"')
			inq = !inq;
		else if (inq && c == '\n') {
			(*line)++;
			ls = i + 1;
		} else if (!inq && c == ',') {
			j++;
			atstart = 1;
		} else if (!inq && (c == '\r' || c == '\n'))
			break;
	}
	*col = csvt_col(r->src, ls, i);
}

static void
csvt_field(void *s, size_t len, void *data)
{
	struct csvt_reader *r = data;
	const char *in = s != NULL ? s : "";
	size_t width = r->t->header ? r->t->ncols : CSVTABLE_MAX_COLS;
	char *cell, *o;
	int line, col;

	if (r->stop)
		return;
	if (len > CSVTABLE_MAX_CELL) {
		csvt_cell_pos(r, r->ncells + r->extra, &line, &col);
		diag_add_src(r->d, DIAG_ERROR, CSVT_RULE, r->disp, r->src, line, col,
		    "cell %zu has %zu bytes, more than the %d a 公示 cell may hold (about %d Chinese "
		    "characters); shorten it, and put a long explanation in the body of the record",
		    r->ncells + r->extra + 1, len, CSVTABLE_MAX_CELL, CSVTABLE_MAX_CELL / 3);
		r->errors++;
		if (++r->nlong >= CSVT_MAX_LONG)
			r->stop = 1;
		len = 0;	/* the table will not be used: keep no copy */
	}
	if (r->ncells >= width) {
		if (r->t->header == NULL) {
			csvt_cell_pos(r, r->ncells, &line, &col);
			diag_add_src(r->d, DIAG_ERROR, CSVT_RULE, r->disp, r->src, line, col,
			    "the header has more than %d columns; a 公示 shows at most the few columns its "
			    "kind allows (低保: 7): delete the other columns, or check that the file is "
			    "the 公示 table and not a whole spreadsheet", CSVTABLE_MAX_COLS);
			r->errors++;
			r->stop = 1;
		} else
			r->extra++;	/* csvt_record reports the row as too wide */
		return;
	}
	cell = xmalloc(len + 1);
	o = cell;

	/* A quoted line break in a CRLF file is "\r\n"; cells hold "\n". */
	for (size_t i = 0; i < len; i++)
		if (!(in[i] == '\r' && i + 1 < len && in[i + 1] == '\n'))
			*o++ = in[i];
	*o = '\0';
	if (r->ncells == r->cellcap) {
		r->cellcap = r->cellcap ? r->cellcap * 2 : 16;
		r->cells = xrealloc(r->cells, r->cellcap * sizeof *r->cells);
	}
	r->cells[r->ncells++] = cell;
}

static void
csvt_drop_cells(struct csvt_reader *r)
{
	for (size_t i = 0; i < r->ncells; i++)
		free(r->cells[i]);
	r->ncells = 0;
	r->extra = 0;
}

/*
 * Where each of the n cells of the record being read starts (the column of
 * its diagnostics; with inner, past an opening quote, where its text
 * starts). Caller frees.
 */
static int *
csvt_cols(struct csvt_reader *r, size_t n, int inner)
{
	int *col = xcalloc(n ? n : 1, sizeof *col);
	size_t i, ls = r->rec_line_start, k = 0;
	int inq = 0, atstart = 1;

	for (i = r->rec_off; i < r->len && k < n; i++) {
		char c = r->src[i];

		if (atstart) {
			if (c == ' ' || c == '\t')
				continue;
			col[k] = csvt_col(r->src, ls, i) + (inner && c == '"');
			atstart = 0;
		}
		if (c == '"')
			inq = !inq;	/* a doubled "" toggles twice */
		else if (inq && c == '\n')
			ls = i + 1;
		else if (!inq && c == ',') {
			k++;
			atstart = 1;
		} else if (!inq && (c == '\r' || c == '\n'))
			break;
	}
	/* A last, empty cell at the end of the file points just past it. */
	if (k < n && atstart)
		col[k] = csvt_col(r->src, ls, i);
	return col;
}

static void
csvt_take_header(struct csvt_reader *r)
{
	struct csvtable *t = r->t;

	t->header = r->cells;
	t->ncols = r->ncells;
	t->header_line = r->rec_line;
	r->cells = NULL;
	r->ncells = r->cellcap = 0;
	t->header_col = csvt_cols(r, t->ncols, 0);
	for (size_t i = 0; i < t->ncols; i++) {
		csvt_trim(t->header[i]);
		if (t->header[i][0] == '\0') {
			diag_add_src(r->d, DIAG_ERROR, CSVT_RULE, r->disp, r->src,
			    t->header_line, t->header_col[i],
			    "column %zu of the header has no name; name it or delete the column", i + 1);
			r->errors++;
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(t->header[i], t->header[j]) == 0) {
				diag_add_src(r->d, DIAG_ERROR, CSVT_RULE, r->disp, r->src,
				    t->header_line, t->header_col[i],
				    "column '%s' appears twice in the header (columns %zu and %zu)",
				    t->header[i], j + 1, i + 1);
				r->errors++;
				break;
			}
	}
}

static void
csvt_record(int c, void *data)
{
	struct csvt_reader *r = data;
	struct csvtable *t = r->t;
	size_t i;
	int blank = 1;

	(void)c;
	r->rec_started = 0;
	if (r->stop) {
		csvt_drop_cells(r);
		return;
	}
	if (t->header == NULL) {
		csvt_take_header(r);
		return;
	}
	if (r->ncells + r->extra > t->ncols) {
		diag_add_src(r->d, DIAG_ERROR, CSVT_RULE, r->disp, r->src, r->rec_line, 1,
		    "row has %zu cells but the header has %zu columns; "
		    "put a cell that contains a comma in double quotes",
		    r->ncells + r->extra, t->ncols);
		r->errors++;
		csvt_drop_cells(r);
		return;
	}
	for (i = 0; i < r->ncells && blank; i++)
		if (r->cells[i][0] != '\0')
			blank = 0;
	if (blank) {
		/* ",,,," rows are what spreadsheets save for empty lines. */
		csvt_drop_cells(r);
		return;
	}
	if (t->nrows == CSVTABLE_MAX_ROWS) {
		diag_add_src(r->d, DIAG_ERROR, CSVT_RULE, r->disp, r->src, r->rec_line, 1,
		    "more than %d rows: a 公示 table may have at most %d rows after its header; "
		    "split the list into several 公示 (one per 村民小组, say)",
		    CSVTABLE_MAX_ROWS, CSVTABLE_MAX_ROWS);
		r->errors++;
		r->stop = 1;
		csvt_drop_cells(r);
		return;
	}
	if (t->nrows == r->rowcap) {
		r->rowcap = r->rowcap ? r->rowcap * 2 : 16;
		t->rows = xrealloc(t->rows, r->rowcap * sizeof *t->rows);
		t->row_line = xrealloc(t->row_line, r->rowcap * sizeof *t->row_line);
		t->row_col = xrealloc(t->row_col, r->rowcap * sizeof *t->row_col);
	}
	t->row_col[t->nrows] = csvt_cols(r, t->ncols, 1);
	t->rows[t->nrows] = xcalloc(t->ncols ? t->ncols : 1, sizeof **t->rows);
	for (i = 0; i < t->ncols; i++)
		t->rows[t->nrows][i] = i < r->ncells ? r->cells[i] : xstrdup("");
	t->row_line[t->nrows] = r->rec_line;
	t->nrows++;
	r->ncells = 0;	/* the cells now belong to the row */
}

/* Reports the first byte that is not UTF-8; returns -1 then, else 0. */
static int
csvt_check_utf8(struct csvt_reader *r)
{
	size_t bad = utf8_valid(r->src, r->len), ls = 0;
	int line = 1;

	if (bad == r->len)
		return 0;
	for (size_t i = 0; i < bad; i++)
		if (r->src[i] == '\n') {
			line++;
			ls = i + 1;
		}
	if (r->src[bad] == '\0')
		diag_add(r->d, DIAG_ERROR, CSVT_RULE, r->disp, line, csvt_col(r->src, ls, bad),
		    "NUL byte in the table; save it as a plain UTF-8 CSV file");
	else
		diag_add(r->d, DIAG_ERROR, CSVT_RULE, r->disp, line, csvt_col(r->src, ls, bad),
		    "invalid UTF-8 (byte 0x%02x); save the table as UTF-8 "
		    "(in Excel: \"CSV UTF-8\"), not GBK",
		    (unsigned char)r->src[bad]);
	return -1;
}

struct csvtable *
csvtable_read(const char *path, const char *display_path, struct diags *d)
{
	struct csvt_reader r;
	struct csv_parser p;
	struct csvtable *t = NULL;
	char *buf = NULL;
	size_t len = 0, start = 0;
	int pinit = 0;
	struct stat st;

	memset(&r, 0, sizeof r);
	r.disp = display_path;
	r.d = d;
	/* Before reading, so a 200 MB file costs nothing; again after, if it grew meanwhile. */
	if ((stat(path, &st) == 0 && st.st_size > CSVTABLE_MAX_BYTES) ||
	    (file_read(path, &buf, &len) == 0 && len > CSVTABLE_MAX_BYTES)) {
		if (buf == NULL)
			len = (size_t)st.st_size;
		diag_add(d, DIAG_ERROR, CSVT_RULE, display_path, 0, 0,
		    "the table has %zu bytes (%.1f MB), more than the %d MB a 公示 table may have; "
		    "it is not read. Keep only the rows and columns of this 公示, or split it into "
		    "several 公示", len, (double)len / (1024 * 1024), CSVTABLE_MAX_BYTES / (1024 * 1024));
		r.errors++;
		goto out;
	}
	if (buf == NULL) {
		diag_add(d, DIAG_ERROR, CSVT_RULE, display_path, 0, 0,
		    "cannot read the table: %s", strerror(errno));
		r.errors++;
		goto out;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		start = 3;
	r.src = buf + start;
	r.len = len - start;
	if (csvt_check_utf8(&r) == -1) {
		r.errors++;
		goto out;
	}
	t = xcalloc(1, sizeof *t);
	r.t = t;
	r.line = 1;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		diag_add(d, DIAG_ERROR, CSVT_RULE, display_path, 0, 0, "cannot start the CSV parser");
		r.errors++;
		goto out;
	}
	pinit = 1;
	/* libcsv then dies like the rest of us when memory runs out. */
	csv_set_realloc_func(&p, xrealloc);
	csv_set_free_func(&p, free);
	for (size_t i = 0; i < r.len; i++) {
		char c = r.src[i];

		if (!r.rec_started && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
			r.rec_started = 1;
			r.rec_line = r.line;
			r.rec_off = i;
			r.rec_line_start = r.line_start;
		}
		if (csv_parse(&p, r.src + i, 1, csvt_field, csvt_record, &r) != 1) {
			diag_add_src(d, DIAG_ERROR, CSVT_RULE, display_path, r.src, r.line,
			    csvt_col(r.src, r.line_start, i),
			    "malformed CSV: a quote inside an unquoted cell, or text after a "
			    "closing quote; put the whole cell in double quotes and double "
			    "the quotes inside it (\"\")");
			r.errors++;
			goto out;
		}
		if (r.stop)
			goto out;
		if (c == '\n') {
			r.line++;
			r.line_start = i + 1;
		}
	}
	if (csv_fini(&p, csvt_field, csvt_record, &r) != 0) {
		diag_add_src(d, DIAG_ERROR, CSVT_RULE, display_path, r.src, r.rec_line, 1,
		    "a quoted cell that starts in this row is never closed; add the closing "
		    "double quote");
		r.errors++;
		goto out;
	}
	if (t->header == NULL) {
		diag_add(d, DIAG_ERROR, CSVT_RULE, display_path, 0, 0,
		    "empty file: a 公示 table needs a header row naming its columns");
		r.errors++;
	}
out:
	if (pinit)
		csv_free(&p);
	csvt_drop_cells(&r);
	free(r.cells);
	free(buf);
	if (r.errors > 0) {
		csvtable_free(t);
		t = NULL;
	}
	return t;
}

void
csvtable_free(struct csvtable *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->ncols; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
		free(t->row_col[i]);
	}
	for (size_t j = 0; t->header != NULL && j < t->ncols; j++)
		free(t->header[j]);
	free(t->header);
	free(t->header_col);
	free(t->rows);
	free(t->row_line);
	free(t->row_col);
	free(t);
}

const char *const *
csvtable_whitelist(const char *notice_kind)
{
	for (size_t i = 0; i < sizeof csvt_kinds / sizeof csvt_kinds[0]; i++)
		if (strcmp(csvt_kinds[i].name, notice_kind) == 0)
			return csvt_kinds[i].cols;
	return NULL;
}

/* "a, b, c": the list for a message; caller frees. */
static char *
csvt_join(const char *const *v)
{
	struct sb b;

	sb_init(&b);
	for (size_t i = 0; v[i] != NULL; i++) {
		if (i > 0)
			sb_puts(&b, ", ");
		sb_puts(&b, v[i]);
	}
	return sb_take(&b);
}

static int
csvt_is_forbidden(const char *name)
{
	for (size_t i = 0; csvt_forbidden[i] != NULL; i++)
		if (strstr(name, csvt_forbidden[i]) != NULL)
			return 1;
	return 0;
}

int
csvtable_check_columns(const struct csvtable *t, const char *notice_kind,
    const char *display_path, struct diags *d)
{
	const char *const *allow = csvtable_whitelist(notice_kind);
	char *list = NULL, *kinds = NULL;
	const char *kind_names[sizeof csvt_kinds / sizeof csvt_kinds[0] + 1];
	int errors = 0;

	if (allow == NULL) {
		for (size_t i = 0; i < sizeof csvt_kinds / sizeof csvt_kinds[0]; i++)
			kind_names[i] = csvt_kinds[i].name;
		kind_names[sizeof csvt_kinds / sizeof csvt_kinds[0]] = NULL;
		kinds = csvt_join(kind_names);
		diag_add(d, DIAG_ERROR, CSVT_RULE_COLS, display_path, 0, 0,
		    "unknown 公示 kind '%s'; use one of: %s", notice_kind, kinds);
		errors++;
	} else
		list = csvt_join(allow);
	for (size_t i = 0; i < t->ncols; i++) {
		const char *name = t->header[i];
		int line = t->header_line, col = t->header_col ? t->header_col[i] : 1;
		int listed = 0;

		if (csvt_is_forbidden(name)) {
			if (allow != NULL)
				diag_add(d, DIAG_ERROR, CSVT_RULE_COLS, display_path, line, col,
				    "column '%s' is not allowed in a %s 公示: personal data that "
				    "must not be published; allowed columns: %s",
				    name, notice_kind, list);
			else
				diag_add(d, DIAG_ERROR, CSVT_RULE_COLS, display_path, line, col,
				    "column '%s' is not allowed in a 公示: personal data that "
				    "must not be published", name);
			errors++;
			continue;
		}
		if (allow == NULL)
			continue;
		for (size_t j = 0; allow[j] != NULL && !listed; j++)
			listed = strcmp(allow[j], name) == 0;
		if (!listed) {
			diag_add(d, DIAG_ERROR, CSVT_RULE_COLS, display_path, line, col,
			    "column '%s' is not allowed in a %s 公示; allowed columns: %s",
			    name, notice_kind, list);
			errors++;
		}
	}
	free(list);
	free(kinds);
	return errors;
}
