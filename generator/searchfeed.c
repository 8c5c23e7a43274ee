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
#include "diag.h"
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
 * long as the index lags behind the pages; and a page more than
 * TEXTS_AHEAD records ahead of the index waits for it (issue 16: when the
 * index lagged, the texts of thousands of records waited in memory).
 */
#define TEXTS_AHEAD	256

struct texts {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	unsigned char	*ready;		/* by record index: text handed over (NULL on failure) */
	size_t		*order;		/* by record index: its place in the index's order */
	size_t		 taken;		/* texts the index took */
	int		 closed;	/* no more texts will come */
	int		 stopped;	/* the index takes no more: nobody waits for it */
	struct feed	*feed;		/* serial: texts_put feeds the index itself, or NULL */
};

struct feed;
static void feed_ready(struct feed *f, struct texts *t);

static struct texts *
texts_new(size_t nrecs)
{
	struct texts *t = xcalloc(1, sizeof *t);

	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	t->ready = xcalloc(nrecs + 1, 1);
	t->order = xcalloc(nrecs + 1, sizeof *t->order);
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
	free(t->order);
	free(t);
}

/*
 * A record page's text, or NULL when its page failed. Serially, the index
 * takes it at once (and any texts it waited for): under the lock, as pages
 * might still come from several threads when the index's thread would not
 * start. Else the page waits while it is too far ahead of the index. That
 * cannot wait for ever: the text the index waits for is never further
 * ahead than this one, and its page is written before this one's (pool.c's
 * run hands the pages out in order) or by a thread that is not waiting.
 */
void
texts_put(struct texts *t, struct record *r, char *text)
{
	pthread_mutex_lock(&t->mu);
	r->body.text = text;
	t->ready[r->index] = 1;
	if (t->feed != NULL)
		feed_ready(t->feed, t);
	pthread_cond_broadcast(&t->cv);
	while (t->feed == NULL && !t->stopped && t->order[r->index] > t->taken + TEXTS_AHEAD)
		pthread_cond_wait(&t->cv, &t->mu);
	pthread_mutex_unlock(&t->mu);
}

/* The index takes no more texts: no page waits for it. */
static void
texts_stop(struct texts *t)
{
	pthread_mutex_lock(&t->mu);
	t->stopped = 1;
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
	t->taken++;
	/* a page waiting to be less far ahead */
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
	return text;
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
		if (p->author != NULL && *p->author != '\0')
			sb_printf(&text, "%s\n", p->author);
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
 * be written as it is added (search_stream).
 *
 * The feed is three steps, so that a serial build (-j 1) can run it beside
 * the record pages as a parallel one does on its thread: feed_begin,
 * feed_record for each record in feed->v's order, feed_end. A serial build
 * used to render every body a second time for the index, before the pages
 * (a fifth of a 1,000-record build at -j 1).
 */
struct feed {
	struct search_index *ix;
	struct model	*m;
	struct out	*out;
	struct diags	*d;
	struct record	**v;	/* the published records, newest first (owned) */
	size_t		 n, next;	/* next: the record feed_record expects */
	int		 rc;	/* -1 once a text did not come or a write failed */
};

/* Declares the labels and starts streaming; the caller feeds f->v in order. */
static struct feed *
feed_begin(struct search_index *ix, struct model *m, struct out *out, struct diags *d)
{
	struct feed *f = xcalloc(1, sizeof *f);

	f->ix = ix;
	f->m = m;
	f->out = out;
	f->d = d;
	f->v = gen_published(m, -1, &f->n);
	/* Streamed (search.h): the index writes each record's text files as it goes. */
	for (size_t i = 0; i < f->n; i++) {
		search_label(ix, 's', f->v[i]->site->id, f->v[i]->site->name);
		search_label(ix, 'k', kind_info[f->v[i]->kind].dir, kind_info[f->v[i]->kind].cn);
	}
	for (size_t i = 0; i < m->nsites; i++)
		search_label(ix, 's', m->sites[i]->id, m->sites[i]->name);
	search_label(ix, 's', "", "全县");
	search_label(ix, 'k', "site", "示范点");
	search_label(ix, 'k', "matters", "四议两公开");
	search_label(ix, 'k', "page", "页面");
	search_stream(ix, search_put, out);
	return f;
}

/* Adds f->v[f->next] with its page text body (consumed; NULL: its page failed). */
static void
feed_record(struct feed *f, char *body)
{
	struct record *r = f->v[f->next++];
	struct sb text;
	char date[11], *url;

	if (body == NULL) {
		f->rc = -1;
		return;
	}
	sb_init(&text);
	/* everything the page shows that a reader might type, not only the body */
	searchtext_head(&text, f->m, r);
	sb_puts(&text, body);
	free(body);
	/* a case's evidence summaries were made before the pages (model_render_bodies) */
	searchtext_tail(&text, f->m, r);
	url = xasprintf("%sindex.html", r->url);
	add_masked(f->ix, f->m, url, r->title, r->site->id, r->site->name, kind_info[r->kind].dir,
	    kind_info[r->kind].cn, date_iso(r->date, date), &text);
	free(url);
	sb_free(&text);
}

/* Serially, under t->mu: feeds every record whose text is there, in order. */
static void
feed_ready(struct feed *f, struct texts *t)
{
	while (f->rc == 0 && f->next < f->n && t->ready[f->v[f->next]->index]) {
		struct record *r = f->v[f->next];
		char *body = r->body.text;

		r->body.text = NULL;
		feed_record(f, body);
	}
}

/* After the records: the other pages, then the index's files. Frees f; returns 0 or -1. */
static int
feed_end(struct feed *f)
{
	int rc = f->rc;

	/* a record whose text never came (its page failed, or the pages did not run) */
	if (rc == 0 && f->next < f->n)
		rc = -1;
	if (rc == 0)
		add_other_pages(f->ix, f->m);
	if (rc == 0)
		rc = search_write(f->ix, search_put, f->out);
	if (rc != 0 && search_spill_errno(f->ix) != 0) {
		const char *dir = getenv("TMPDIR");

		diag_add(f->d, DIAG_ERROR, "io", dir != NULL && *dir != '\0' ? dir : "/tmp", 0, 0,
		    "cannot keep the search index's postings in a temporary file here: %s; "
		    "make room, or set TMPDIR to a folder with room",
		    strerror(search_spill_errno(f->ix)));
	}
	free(f->v);
	free(f);
	return rc;
}

/*
 * The index on a thread of its own while the pages render (issue 6: the
 * index may add at most 20% to a build). It reads only what stays fixed
 * once Markdown is rendered (titles, URLs, front matter), takes each
 * record's text from its page (struct texts), and writes its files itself
 * with out_put_now, so that it and the writer thread create files at once.
 */
static void *
search_main(void *arg)
{
	struct search_job *j = arg;
	struct feed *f = j->feed;

	while (f->rc == 0 && f->next < f->n)
		feed_record(f, texts_take(j->g->texts, f->v[f->next]));
	texts_stop(j->g->texts);
	j->rc = feed_end(f);
	return NULL;
}

void
search_start(struct gen *g, struct search_job *j)
{
	j->g = g;
	j->rc = 0;
	j->started = 0;
	j->feed = NULL;
	j->ix = NULL;
	if (g->failed || (j->ix = search_new()) == NULL)
		return;
	/* before the thread starts and before the record pages copy g */
	g->texts = texts_new(g->m->nrecs);
	j->feed = feed_begin(j->ix, g->m, g->out, g->d);
	for (size_t i = 0; i < j->feed->n; i++)
		g->texts->order[j->feed->v[i]->index] = i;
	if (g->m->pool->jobs > 1 && pthread_create(&j->th, NULL, search_main, j) == 0)
		j->started = 1;
	else
		/* serial (-j 1): texts_put feeds the index as each page is written */
		g->texts->feed = j->feed;
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
	else if (j->feed != NULL)
		j->rc = feed_end(j->feed);
	j->feed = NULL;
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
