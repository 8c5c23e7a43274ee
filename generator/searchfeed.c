/*
 * searchfeed.c: feeds the static search index (search.c) with what each
 * published record page shows, on a thread of its own while the pages
 * render, and writes the search page when the index is done. The record
 * pages hand over their text (struct texts) so that no body is rendered
 * twice.
 */
#include <stdlib.h>

#include "gongkai.h"
#include "attach.h"
#include "output.h"
#include "pool.h"
#include "util.h"
#include "render.h"
#include "search.h"
#include "searchfeed.h"

/* Appends every scalar under node (a list of agenda items, a ledger …). */
static void
index_values(struct sb *b, const struct ynode *n, int depth)
{
	if (n == NULL || depth > 4)
		return;
	if (n->type == YNODE_SCALAR) {
		if (!n->null) {
			sb_puts(b, n->str);
			sb_putc(b, '\n');
		}
		return;
	}
	for (size_t i = 0; i < n->n; i++)
		index_values(b, n->type == YNODE_SEQ ? n->items[i] : n->ents[i].val, depth + 1);
}

/*
 * The front matter a record page shows as text: meeting agenda and
 * resolutions, ledger lines, 公示 details, case and assessment fields, tags,
 * the date as the page writes it. Numbers masked later like the body.
 */
static void
index_fields(struct sb *b, const struct model *m, const struct record *r)
{
	const struct ynode *ev = ymap_get(r->fm.root, "evidence");

	static const char *const keys[] = {
		"meeting_type", "location", "host", "recorder", "agenda", "resolutions", "category",
		"author", "notice", "finance", "requirement", "promoted", "stage", "scores", "tags", NULL
	};
	char buf[32];

	for (int i = 0; keys[i]; i++)
		index_values(b, ymap_get(r->fm.root, keys[i]), 0);
	if (r->date.y)
		sb_printf(b, "%s\n", date_cn(r->date, buf));
	/* a case page lists its evidence by title */
	for (size_t i = 0; ev != NULL && ev->type == YNODE_SEQ && i < ev->n; i++) {
		const struct record *t = model_resolve(m, r, ev->items[i]->str);
		if (t != NULL && t->published && t->title != NULL)
			sb_printf(b, "%s\n", t->title);
	}
}

/* Wrapper: search.c writes through output.c, so atomic output applies. */
static int
search_put(void *ctx, const char *relpath, const char *data, size_t len)
{
	return out_put_now(ctx, relpath, data, len);
}

/*
 * Record pages hand their text to the search thread (issue 7: the text of
 * 100,000 records is a quarter of a GiB, and rendering it a third time on
 * the search thread cost a fifth of the build). The pages are written
 * newest first, the order the index reads them, so a text waits only as
 * long as the index lags behind the pages.
 */
struct texts {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	unsigned char	*ready;		/* by record index: text handed over (NULL on failure) */
	int		 closed;	/* no more texts will come */
};

static struct texts *
texts_new(size_t nrecs)
{
	struct texts *t = xcalloc(1, sizeof *t);

	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	t->ready = xcalloc(nrecs + 1, 1);
	return t;
}

static void
texts_free(struct texts *t)
{
	if (t == NULL)
		return;
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->cv);
	free(t->ready);
	free(t);
}

/* A record page's text, or NULL when its page failed. */
void
texts_put(struct texts *t, struct record *r, char *text)
{
	pthread_mutex_lock(&t->mu);
	r->body.text = text;
	t->ready[r->index] = 1;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

/* After the record pages (and on every way out): nobody waits for more. */
static void
texts_close(struct texts *t)
{
	pthread_mutex_lock(&t->mu);
	t->closed = 1;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

/* Waits for r's text and takes it; NULL when it will not come. */
static char *
texts_take(struct texts *t, struct record *r)
{
	char *text;

	pthread_mutex_lock(&t->mu);
	while (!t->ready[r->index] && !t->closed)
		pthread_cond_wait(&t->cv, &t->mu);
	text = r->body.text;
	r->body.text = NULL;
	pthread_mutex_unlock(&t->mu);
	return text;
}

/*
 * The static search index (search.c). Text is masked before it is indexed,
 * so a personal number is not even a token; internal records and drafts are
 * never added. Records go in newest first, the order the index numbers them,
 * so search_write has nothing to renumber and each record's text files can
 * be written as it is added (search_stream). Returns 0 or -1.
 */
static int
build_search_index(struct search_index *ix, struct model *m, struct out *out, struct diags *d,
    struct texts *texts)
{
	struct record **v;
	size_t n;
	char date[11], *body;
	int rc = 0;

	v = gen_published(m, -1, &n);
	/* Streamed (search.h): the index writes each record's text files as it goes. */
	for (size_t i = 0; i < n; i++) {
		search_label(ix, 's', v[i]->site->id, v[i]->site->name);
		search_label(ix, 'k', kind_info[v[i]->kind].dir, kind_info[v[i]->kind].cn);
	}
	search_stream(ix, search_put, out);
	for (size_t i = 0; i < n; i++) {
		struct record *r = v[i];
		struct sb text;
		char *url, *masked;
		size_t mlen, found;

		sb_init(&text);
		/* everything the page shows that a reader might type, not only the body */
		index_fields(&text, m, r);
		body = NULL;
		if (texts != NULL)
			body = texts_take(texts, r);
		else
			(void)model_record_body(m, r, d, NULL, &body);
		if (body == NULL) {
			sb_free(&text);
			rc = -1;
			break;
		}
		sb_puts(&text, body);
		free(body);
		/* made from gated text: a second net, as output.c's */
		masked = pii_mask_text(sb_str(&text), text.len, PII_TEXT, m->cfg->pii_allow, &mlen, &found);
		url = xasprintf("%sindex.html", r->url);
		/* a failure (a file not written) is search_write's to report */
		(void)search_add(ix, url, r->title, r->site->id, r->site->name, kind_info[r->kind].dir, kind_info[r->kind].cn,
		    date_iso(r->date, date), masked ? masked : sb_str(&text));
		free(url);
		free(masked);
		sb_free(&text);
	}
	free(v);
	if (rc == 0)
		rc = search_write(ix, search_put, out);
	return rc;
}

/*
 * The index is built on a thread of its own while the pages render (issue 6:
 * the index may add at most 20% to a build). It reads only what stays fixed
 * once Markdown is rendered (titles, URLs, front matter), renders each
 * record's text itself (model_record_body: no record keeps it, issue 7), and
 * writes its files itself with out_put_now, so that it and the writer thread
 * create files at once.
 */

static void *
search_main(void *arg)
{
	struct search_job *j = arg;

	j->rc = build_search_index(j->ix, j->g->m, j->g->out, j->g->d, j->g->texts);
	return NULL;
}

void
search_start(struct gen *g, struct search_job *j)
{
	j->g = g;
	j->rc = 0;
	j->started = 0;
	j->ix = NULL;
	if (g->failed || (j->ix = search_new()) == NULL)
		return;
	/* before the thread starts and before the record pages copy g */
	g->texts = g->m->pool->jobs > 1 ? texts_new(g->m->nrecs) : NULL;
	if (g->texts != NULL && pthread_create(&j->th, NULL, search_main, j) == 0)
		j->started = 1;
	else {
		/* serial (-j 1): the index renders the texts itself, before the pages */
		texts_free(g->texts);
		g->texts = NULL;
		j->rc = build_search_index(j->ix, g->m, g->out, g->d, NULL);
	}
}

/* Waits for the index, then writes the search page. */
void
search_finish(struct gen *g, struct search_job *j)
{
	struct arena *a;
	struct val *ctx;

	if (g->texts != NULL)
		texts_close(g->texts);
	if (j->started)
		pthread_join(j->th, NULL);
	texts_free(g->texts);
	g->texts = NULL;
	search_free(j->ix);
	j->ix = NULL;
	if (j->rc != 0)
		g->failed = 1;
	a = arena_new();
	ctx = gen_ctx(g, a, "搜索", "search/", NULL);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_emit(g, "search.html", ctx, "search/", NULL);
	arena_free(a);
}
