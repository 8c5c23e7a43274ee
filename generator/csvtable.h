/*
 * csvtable.h: the table of a 公示, a CSV file beside its record (UTF-8,
 * optional BOM, one header row, CRLF or LF, RFC 4180 quoting), and the
 * per-kind whitelist of the columns it may show.
 */
#ifndef GONGKAI_CSVTABLE_H
#define GONGKAI_CSVTABLE_H

#include <stddef.h>

#include "diag.h"

/*
 * Limits. A 公示 table is a list put up on a notice board: the largest real
 * ones (a township's 低保 list) have a few thousand rows of short cells. The
 * limits keep a wrong file (a whole ledger export, a 200 MB dump) from
 * taking gigabytes of memory and writing pages no phone can open; memory
 * stays a small multiple of CSVTABLE_MAX_BYTES. docs/rules.md (rule csv).
 */
#define CSVTABLE_MAX_BYTES	(8 * 1024 * 1024)	/* the file, BOM included; checked before it is read */
#define CSVTABLE_MAX_ROWS	20000	/* rows after the header (blank rows not counted) */
#define CSVTABLE_MAX_CELL	1000	/* bytes in one cell (about 330 Chinese characters) */
#define CSVTABLE_MAX_COLS	50	/* columns of the header (whitelists have at most 9) */

struct csvtable {
	char	**header;	/* ncols column names, trimmed, owned */
	size_t	  ncols;
	int	  header_line;	/* 1-based line of the header row */
	int	 *header_col;	/* 1-based character column where each name starts */
	char	***rows;	/* nrows rows of ncols cells (short rows padded with ""), owned */
	size_t	  nrows;
	int	 *row_line;	/* 1-based line where each row starts in the file */
	int	**row_col;	/* 1-based character column where each cell's text starts */
};

/*
 * Reads `path`. Problems go to d as errors under display_path
 * (path:line:col: error: ... [csv]): unreadable file, invalid UTF-8,
 * empty file, malformed quoting, a row with more cells than the header,
 * an empty or repeated column name, and each limit above: a file larger
 * than CSVTABLE_MAX_BYTES is not read at all (a file-level error); parsing
 * stops at the first row past CSVTABLE_MAX_ROWS, at a header wider than
 * CSVTABLE_MAX_COLS, and after ten cells longer than CSVTABLE_MAX_CELL
 * (each reported at its line and column). Rows whose cells are all empty (what
 * spreadsheets leave behind) are dropped. Quoted line breaks are kept as
 * "\n". Returns the table (caller frees with csvtable_free), or NULL when
 * any error was found.
 */
struct csvtable *csvtable_read(const char *path, const char *display_path,
    struct diags *d);

/* Frees t and everything it owns; NULL is a no-op. */
void csvtable_free(struct csvtable *t);

/*
 * Checks the header against the whitelist of a 公示 kind (低保, 特困供养,
 * 临时救助, 发展党员, 干部任前, 评优表彰, 资产评估, 其他). Adds one error
 * [notice-columns] per column that is not allowed, at the column's line and
 * character position, naming it and listing the allowed ones; a column
 * holding personal data (身份证, 银行, 电话, 住址, 病, ...) is refused
 * whatever the kind, and the message says why. An unknown kind is one more
 * error (line 0). Returns the number of errors added.
 */
int csvtable_check_columns(const struct csvtable *t, const char *notice_kind,
    const char *display_path, struct diags *d);

/*
 * The allowed columns of a kind, a NULL-terminated static array; NULL for
 * an unknown kind.
 */
const char *const *csvtable_whitelist(const char *notice_kind);

#endif
