/*
 * pagekey.c: the keys of incremental pages (pagekey.h).
 */
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "kinds.h"
#include "output.h"
#include "pagekey.h"
#include "readlog.h"
#include "util.h"

/* Records by their path in the read log's spelling, for own() below. */
struct byname {
	char			*path;
	const struct record	*r;
};

struct recindex {
	struct byname	*v;
	size_t		 n;
};

static int
cmp_byname(const void *a, const void *b)
{
	return strcmp(((const struct byname *)a)->path, ((const struct byname *)b)->path);
}

/* The hash a record file counts with: its front matter, and whether it has a page. */
static uint64_t
record_own(const struct record *r)
{
	uint64_t h = r->src != NULL ? hash_bytes(0, r->src, r->fm.body ? (size_t)(r->fm.body - r->src) : r->srclen) :
	    r->fmhash;
	int pub = r->published;

	h = hash_bytes(h, "fm", 2);
	return hash_bytes(h, &pub, sizeof pub);
}

/* out_inputs_site_key's own(): a record file by its front matter. */
static int
own(void *ctx, const char *path, uint64_t *h)
{
	const struct recindex *x = ctx;
	struct byname key, *hit;

	key.path = readlog_path(path);
	hit = bsearch(&key, x->v, x->n, sizeof *x->v, cmp_byname);
	free(key.path);
	if (hit == NULL)
		return 0;
	*h = record_own(hit->r);
	return 1;
}

uint64_t
pagekey_site(const struct model *m, const struct inputs *in)
{
	struct recindex x;
	uint64_t key = 0;

	if (in == NULL)
		return 0;
	x.n = m->nrecs;
	x.v = xcalloc(x.n + 1, sizeof *x.v);
	for (size_t i = 0; i < x.n; i++) {
		x.v[i].path = readlog_path(m->recs[i]->path);
		x.v[i].r = m->recs[i];
	}
	qsort(x.v, x.n, sizeof *x.v, cmp_byname);
	if (out_inputs_site_key(in, own, &x, &key) == 0) {
		key = hash_bytes(key, m->history_head, strlen(m->history_head) + 1);
		key += key == 0;	/* 0 means none */
	} else
		key = 0;
	for (size_t i = 0; i < x.n; i++)
		free(x.v[i].path);
	free(x.v);
	return key;
}

uint64_t
pagekey_record(uint64_t site, const struct record *r)
{
	uint64_t h;

	if (site == 0 || r->src != NULL)	/* a text still held has no srchash yet */
		return 0;
	switch (r->kind) {
	case KIND_WORK:
	case KIND_MEETINGS:
	case KIND_ASSESSMENTS:
	case KIND_REPORTS:
		break;
	default:
		return 0;	/* disclosures show their history, cases their evidence's summaries */
	}
	h = hash_bytes(site, r->rel, strlen(r->rel) + 1);
	h = hash_bytes(h, &r->srchash, sizeof r->srchash);
	h = hash_bytes(h, &r->srclen, sizeof r->srclen);
	return h != 0 ? h : 1;
}
