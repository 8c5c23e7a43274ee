/*
 * diag.h: diagnostics. Every problem found in content, config or a theme is
 * collected here with its position, then printed once, sorted, as
 *   path:line:col: error|warning: message [rule]
 * followed by the offending source line and a caret when it is known.
 */
#ifndef GONGKAI_DIAG_H
#define GONGKAI_DIAG_H

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR
};

struct diag {
	char		*path;		/* as shown to the user, e.g. content/sites/x/work/a.md */
	int		 line;		/* 1-based; 0 when the whole file is meant */
	int		 col;		/* 1-based, in characters; 0 when unknown */
	enum diag_level	 level;
	char		*rule;		/* stable rule id, e.g. "yaml", "money-balance" */
	char		*msg;		/* what is wrong, and how to fix it */
	char		*srcline;	/* the offending line, or NULL */
};

struct diags {
	struct diag	*v;
	size_t		 n, cap;
	size_t		 errors, warnings;
};

void diags_init(struct diags *d);
void diags_free(struct diags *d);
/* Records one finding; all strings are copied. */
void diag_add(struct diags *d, enum diag_level lvl, const char *rule,
    const char *path, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* As diag_add, and remembers line `line` of `src` (the whole file) for the caret. */
void diag_add_src(struct diags *d, enum diag_level lvl, const char *rule,
    const char *path, const char *src, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
/*
 * As diag_add_src for a file the build no longer holds (records' sources
 * are freed once parsed, issue 7): the caret line is read from path.
 */
void diag_add_file(struct diags *d, enum diag_level lvl, const char *rule,
    const char *path, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* Sorts by path, line, col and prints to stderr; `quiet` drops warnings. */
void diags_print(struct diags *d, int quiet);

#endif
