/*
 * diag.c: collect, sort and print diagnostics.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "privacy.h"
#include "util.h"

void
diags_init(struct diags *d)
{
	memset(d, 0, sizeof *d);
}

void
diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].rule);
		free(d->v[i].msg);
		free(d->v[i].srcline);
	}
	free(d->v);
	diags_init(d);
}

/* Where line `line` (1-based) of src starts, or NULL. */
static const char *
line_start(const char *src, int line)
{
	const char *s = src;

	for (int i = 1; s != NULL && i < line; i++)
		if ((s = strchr(s, '\n')) != NULL)
			s++;
	return s;
}

/*
 * Line `line` of src for the caret, with personal numbers masked (issue 15:
 * a CI log or the serve error page must not show what the site hides). It
 * is masked with the lines around it, so a number wrapped over two lines is
 * found whole and neither half is printed.
 */
static char *
line_of(const char *src, int line)
{
	const char *s, *e, *from, *to;
	char *ctx, *masked, *out;
	size_t skip, n;

	if (src == NULL || line < 1 || (s = line_start(src, line)) == NULL)
		return NULL;
	from = line > 1 ? line_start(src, line - 1) : s;
	e = strchr(s, '\n');
	to = e ? strchr(e + 1, '\n') : NULL;
	to = to ? to : e ? e + strlen(e) : s + strlen(s);
	ctx = xstrndup(from, (size_t)(to - from));
	if ((masked = pii_mask_text(ctx, strlen(ctx), PII_TEXT, NULL, NULL, NULL)) != NULL) {
		free(ctx);
		ctx = masked;
	}
	/* the masked text keeps every line break: count lines, not bytes */
	s = ctx;
	for (skip = line > 1 ? 1 : 0; skip > 0 && (s = strchr(s, '\n')) != NULL; skip--)
		s++;
	if (s == NULL)
		s = ctx + strlen(ctx);
	n = (e = strchr(s, '\n')) ? (size_t)(e - s) : strlen(s);
	if (n > 0 && s[n - 1] == '\r')
		n--;
	out = xstrndup(s, n);
	free(ctx);
	return out;
}

/* A message or a path, masked like every text the build publishes. */
static char *
masked_copy(const char *s)
{
	char *m = pii_mask_text(s, strlen(s), PII_TEXT, NULL, NULL, NULL);

	return m ? m : xstrdup(s);
}

static void
diag_vadd(struct diags *d, enum diag_level lvl, const char *rule,
    const char *path, const char *src, int line, int col,
    const char *fmt, va_list ap)
{
	/* Worker threads (pool.h) report into one list; one lock for all lists is plenty. */
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	struct diag *g;
	struct sb b;

	pthread_mutex_lock(&lock);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	g = &d->v[d->n++];
	sb_init(&b);
	/* the words in the reader's language (i18n.h); the catalogue keeps every conversion */
	sb_vprintf(&b, _(fmt), ap);
	g->msg = masked_copy(sb_str(&b));
	sb_free(&b);
	g->path = masked_copy(path ? path : "gongkai");
	g->rule = xstrdup(rule ? rule : "");
	g->line = line;
	g->col = col;
	g->level = lvl;
	g->srcline = line_of(src, line);
	if (lvl == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	pthread_mutex_unlock(&lock);
}

void
diag_add(struct diags *d, enum diag_level lvl, const char *rule,
    const char *path, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d, lvl, rule, path, NULL, line, col, fmt, ap);
	va_end(ap);
}

void
diag_add_src(struct diags *d, enum diag_level lvl, const char *rule,
    const char *path, const char *src, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d, lvl, rule, path, src, line, col, fmt, ap);
	va_end(ap);
}

void
diag_add_file(struct diags *d, enum diag_level lvl, const char *rule,
    const char *path, int line, int col, const char *fmt, ...)
{
	va_list ap;
	char *src = NULL;
	size_t len;

	/* findings are few: reading the file again costs nothing that matters */
	if (line > 0 && file_read(path, &src, &len) < 0)
		src = NULL;
	va_start(ap, fmt);
	diag_vadd(d, lvl, rule, path, src, line, col, fmt, ap);
	va_end(ap);
	free(src);
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

void
diags_print(struct diags *d, int quiet)
{
	if (d->n > 1)
		xqsort(d->v, d->n, sizeof *d->v, diag_cmp);
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		if (quiet && g->level == DIAG_WARNING)
			continue;
		fprintf(stderr, "%s", g->path);
		if (g->line > 0)
			fprintf(stderr, ":%d:%d", g->line, g->col > 0 ? g->col : 1);
		fprintf(stderr, ": %s: %s\n",
		    g->level == DIAG_ERROR ? "error" : "warning", g->msg);
		if (g->srcline != NULL && g->col > 0) {
			fprintf(stderr, "  %s\n  ", g->srcline);
			/* The caret sits under the character: count code points, wide CJK take two cells. */
			const char *s = g->srcline;
			int col = 1;
			while (*s && col < g->col) {
				uint32_t cp;
				int k = utf8_decode(s, &cp);
				fputs(is_cjk(cp) ? "  " : (*s == '\t' ? "\t" : " "), stderr);
				s += k;
				col++;
			}
			fputs("^\n", stderr);
		}
	}
}
