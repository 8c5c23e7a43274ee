/*
 * searchfeed.c: feeds the static search index (search.c) with what each
 * published record page shows, on a thread of its own while the pages
 * render, and writes the search page when the index is done. The record
 * pages hand over their text (struct texts) so that no body is rendered
 * twice.
 */
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "date.h"
#include "model.h"
#include "money.h"
#include "attach.h"
#include "output.h"
#include "pool.h"
#include "util.h"
#include "value.h"
#include "render.h"
#include "search.h"
#include "searchfeed.h"
#include "searchtext.h"
#include "matter.h"
#include "life.h"

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
 * Waits until r's page is written (its summary made) or no more pages
 * will be; leaves its text where it is, for texts_take.
 */
static void
texts_wait(void *ctx, const struct record *r)
{
	struct texts *t = ctx;

	pthread_mutex_lock(&t->mu);
	while (!t->ready[r->index] && !t->closed)
		pthread_cond_wait(&t->cv, &t->mu);
	pthread_mutex_unlock(&t->mu);
}

/* Masks text (a second net, as output.c's) and adds it to the index. */
static void
add_masked(struct search_index *ix, const struct model *m, const char *url, const char *title,
    const char *site_id, const char *site_name, const char *kind, const char *kind_name,
    const char *date, struct sb *text)
{
	size_t mlen, found;
	char *masked = pii_mask_text(sb_str(text), text->len, PII_TEXT, m->cfg->pii_allow, &mlen, &found);

	/* a failure (a file not written) is search_write's to report */
	(void)search_add(ix, url, title, site_id, site_name, kind, kind_name, date,
	    masked ? masked : sb_str(text));
	free(masked);
}

/*
 * The pages that are not records, after them (undated, the index's order):
 * every site's profile, the matters, then the free pages (about, the county
 * plan).
 */
static void
add_other_pages(struct search_index *ix, const struct model *m)
{
	struct sb text;

	sb_init(&text);
	for (size_t i = 0; i < m->nsites; i++) {
		const struct site *s = m->sites[i];
		char *url = xasprintf("%sindex.html", s->url);

		text.len = 0;
		searchtext_site(&text, s);
		add_masked(ix, m, url, s->name, s->id, s->name, "site", "示范点", "", &text);
		free(url);
	}
	for (size_t i = 0; m->matters != NULL && i < m->matters->n; i++) {
		const struct matter *mt = m->matters->v[i];
		char *url;

		if (!matter_published(m, mt))
			continue;
		url = xasprintf("%sindex.html", mt->url);
		text.len = 0;
		searchtext_matter(&text, mt);
		add_masked(ix, m, url, mt->title, mt->site->id, mt->site->name, "matters", "四议两公开", "", &text);
		free(url);
	}
	for (size_t i = 0; i < m->npages; i++) {
		const struct page *p = m->pages[i];
		char *url;

		if (p->draft && !m->drafts)
			continue;
		url = xasprintf("%sindex.html", p->url);
		text.len = 0;
		if (ymap_str(p->fm.root, "author") != NULL && *ymap_str(p->fm.root, "author") != '\0')
			sb_printf(&text, "%s\n", ymap_str(p->fm.root, "author"));
		sb_puts(&text, p->body.text ? p->body.text : "");
		add_masked(ix, m, url, p->title, "", "全县", "page", "页面", "", &text);
		free(url);
	}
	sb_free(&text);
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
	struct searchtext_wait wait = { texts_wait, texts };

	v = gen_published(m, -1, &n);
	/* Streamed (search.h): the index writes each record's text files as it goes. */
	for (size_t i = 0; i < n; i++) {
		search_label(ix, 's', v[i]->site->id, v[i]->site->name);
		search_label(ix, 'k', kind_info[v[i]->kind].dir, kind_info[v[i]->kind].cn);
	}
	for (size_t i = 0; i < m->nsites; i++)
		search_label(ix, 's', m->sites[i]->id, m->sites[i]->name);
	search_label(ix, 's', "", "全县");
	search_label(ix, 'k', "site", "示范点");
	search_label(ix, 'k', "matters", "四议两公开");
	search_label(ix, 'k', "page", "页面");
	search_stream(ix, search_put, out);
	for (size_t i = 0; i < n; i++) {
		struct record *r = v[i];
		struct sb text;
		char *url;

		body = NULL;
		/* first: its page is written then, and with it the table of contents the head reads */
		if (texts != NULL)
			body = texts_take(texts, r);
		else
			(void)model_record_body(m, r, d, NULL, &body);
		if (body == NULL) {
			rc = -1;
			break;
		}
		sb_init(&text);
		/* everything the page shows that a reader might type, not only the body */
		searchtext_head(&text, m, r);
		sb_puts(&text, body);
		free(body);
		searchtext_tail(&text, m, r, texts != NULL ? &wait : NULL);
		url = xasprintf("%sindex.html", r->url);
		add_masked(ix, m, url, r->title, r->site->id, r->site->name, kind_info[r->kind].dir, kind_info[r->kind].cn,
		    date_iso(r->date, date), &text);
		free(url);
		sb_free(&text);
	}
	free(v);
	if (rc == 0)
		add_other_pages(ix, m);
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
		/*
		 * serial (-j 1): the index renders the texts itself, after the
		 * pages (search_finish), whose rendering makes the summaries a
		 * case's evidence shows
		 */
		texts_free(g->texts);
		g->texts = NULL;
	}
}

/*
 * The sites for the search page's filter, in the index's order (by id):
 * in the HTML, so that the page needs no sites.js before a result.
 */
static struct val *
site_options(struct arena *a, const struct model *m)
{
	struct val *l = v_list(a);

	for (size_t i = 0; i < m->nsites; i++) {
		struct val *v = v_map(a);

		v_setstr(a, v, "id", m->sites[i]->id);
		v_setstr(a, v, "name", m->sites[i]->name);
		v_push(a, l, v);
	}
	return l;
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
	else if (j->ix != NULL && !g->failed)
		j->rc = build_search_index(j->ix, g->m, g->out, g->d, NULL);
	texts_free(g->texts);
	g->texts = NULL;
	search_free(j->ix);
	j->ix = NULL;
	if (j->rc != 0)
		g->failed = 1;
	a = arena_new();
	ctx = gen_ctx(g, a, "搜索", "search/", NULL);
	gen_crumb(a, ctx, "首页", "index.html");
	v_set(a, ctx, "search_sites", site_options(a, g->m));
	gen_emit(g, "search.html", ctx, "search/", NULL);
	arena_free(a);
}
