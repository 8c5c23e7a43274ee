/*
 * check_damaged.c: text that a wrong encoding conversion damaged (runs of
 * '?' in Chinese text, U+FFFD; damage.h) in a record's front matter or
 * body, in a free page or in a profile. `gongkai import` warns once, when
 * it converts; the text would then be published as it stands, so check
 * warns at the damaged spot on every run until someone compares it with
 * the original document and types the lost characters again.
 *
 * Records of every kind are read again (their sources are not kept,
 * gongkai.h), on the pool, but only scanned line by line when a quick look
 * finds a '?' or a U+FFFD in the file. Drafts and internal records are
 * checked too: a draft is where the damage is best corrected.
 */
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "damage.h"
#include "pool.h"
#include "util.h"
#include "i18n.h"

/* Warns at each damaged line of src (len bytes); body_off is where the body starts. */
static void
scan(struct cctx *x, const char *path, const char *src, size_t len, size_t body_off)
{
	int line = 1;

	if (!damage_may_hold(src, len))
		return;
	for (size_t start = 0; start < len; line++) {
		const char *nl = memchr(src + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - src) : len, n = end - start;
		struct damage_hit h;
		char what[64];

		if (n > 0 && src[end - 1] == '\r')
			n--;
		if (damage_line(src + start, n, &h))
			diag_add_src(x->d, DIAG_WARNING, "damaged-text", path, src, line, h.col,
			    "text in the %s looks damaged by a wrong encoding conversion (%s); compare it "
			    "with the original document and type the lost characters again",
			    start >= body_off ? _("body") : _("front matter"), damage_describe(&h, what));
		start = end + 1;
	}
}

static void
scan_fm(struct cctx *x, const char *path, const char *src, const struct fm *fm)
{
	size_t len = strlen(src);

	scan(x, path, src, len, fm->body ? (size_t)(fm->body - src) : len);
}

/* Record i, on a pool worker: reads its file again; diag_add locks. */
static void
check_record(void *ctx, size_t i, int worker)
{
	struct cctx *x = ctx;
	struct record *r = x->m->recs[i];
	char *src;
	size_t len;

	(void)worker;
	if (r->fm.root == NULL)
		return;	/* broken: its errors come first */
	if (r->src != NULL)
		scan_fm(x, r->path, r->src, &r->fm);
	else if ((src = model_record_source(r, x->d, &len)) != NULL) {
		scan(x, r->path, src, len, r->body_off);
		free(src);
	}
}

void
check_damaged(struct cctx *x)
{
	struct model *m = x->m;

	for (size_t i = 0; i < m->nsites; i++)
		if (m->sites[i]->src != NULL)
			scan_fm(x, m->sites[i]->path, m->sites[i]->src, &m->sites[i]->fm);
	for (size_t i = 0; i < m->npages; i++)
		if (m->pages[i]->src != NULL)
			scan_fm(x, m->pages[i]->path, m->pages[i]->src, &m->pages[i]->fm);
	pool_for(m->pool, m->nrecs, check_record, x);
}
