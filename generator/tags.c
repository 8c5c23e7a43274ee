/*
 * tags.c: the published records grouped by tag, for the tag pages
 * (corepages.c) and the sitemap, so that both list the same groups.
 */
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "tags.h"
#include "util.h"

struct tagref {
	const char	*tag;
	struct record	*rec;
};

static int
tagref_cmp(const void *x, const void *y)
{
	const struct tagref *a = x, *b = y;
	int c = strcmp(a->tag, b->tag);

	return c ? c : record_newest_first(&a->rec, &b->rec);
}

struct tag_group *
tag_groups(const struct model *m, size_t *ngroups)
{
	struct tagref *refs = NULL;
	struct tag_group *g = NULL;
	size_t n = 0, cap = 0, ng = 0;

	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		size_t cnt = r->published ? r->ntags : 0;

		for (size_t j = 0; j < cnt; j++) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				refs = xrealloc(refs, cap * sizeof *refs);
			}
			refs[n].tag = r->tags[j];
			refs[n++].rec = r;
		}
	}
	if (n)
		xqsort(refs, n, sizeof *refs, tagref_cmp);
	for (size_t i = 0; i < n; ng++) {
		size_t j = i;

		while (j < n && strcmp(refs[j].tag, refs[i].tag) == 0)
			j++;
		g = xrealloc(g, (ng + 1) * sizeof *g);
		g[ng].tag = refs[i].tag;
		g[ng].n = j - i;
		g[ng].recs = xcalloc(j - i, sizeof *g[ng].recs);
		for (size_t k = i; k < j; k++)
			g[ng].recs[k - i] = refs[k].rec;
		i = j;
	}
	free(refs);
	*ngroups = ng;
	return g;
}

void
tag_groups_free(struct tag_group *g, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(g[i].recs);
	free(g);
}
