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
#include "render.h"
#include "search.h"
#include "searchfeed.h"
#include "matter.h"

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

/* "label value" when the value is there (a line of the page's facts). */
static void
index_fact(struct sb *b, const char *label, const char *value)
{
	if (value != NULL && *value != '\0')
		sb_printf(b, "%s%s%s\n", label, *label ? " " : "", value);
}

/*
 * The head of a record page as the reader sees it (issue 20: a query for a
 * village, its town, the 所属期 or a date as people type it found nothing):
 * town and site, kind, category, the date in words and as 2023-05-19, the
 * author, the period in words.
 */
static void
index_head(struct sb *b, const struct record *r)
{
	const char *s;
	char buf[48];

	if (r->site->parent != NULL && r->site->parent->name != NULL)
		sb_printf(b, "%s ", r->site->parent->name);
	sb_printf(b, "%s · %s", r->site->name, kind_info[r->kind].cn);
	if (r->disc != NULL && (s = r->disc->category) != NULL)
		sb_printf(b, " · %s", s);
	sb_putc(b, '\n');
	if (r->date.y)
		sb_printf(b, "%s %s\n", date_cn(r->date, buf), date_iso(r->date, buf + 24));
	if (r->author != NULL && *r->author != '\0')
		sb_printf(b, "%s\n", r->author);
	if (r->disc != NULL && r->disc->has_period)
		sb_printf(b, "所属期：%s\n", period_cn(r->disc->period, buf));
}

/* The meeting's facts and the finance table, labels with values, amounts as shown. */
static void
index_tables(struct sb *b, const struct record *r)
{
	const struct meeting *mt = r->meeting;
	const struct finance *fin = r->disc != NULL ? r->disc->finance : NULL;
	static const char *const side_cn[2] = { "收入", "支出" };
	char buf[48];

	if (mt != NULL) {
		index_fact(b, "会议类型", mt->type);
		index_fact(b, "地点", mt->location);
		index_fact(b, "主持人", mt->host);
		index_fact(b, "记录人", mt->recorder);
		if (mt->expected >= 0 && mt->present >= 0)
			sb_printf(b, "应到 / 实到 %d 人 / %d 人\n", mt->expected, mt->present);
	}
	if (fin == NULL)
		return;
	sb_printf(b, "期初余额 %s 元\n", money_format(fin->opening.fen, buf));
	for (int k = FIN_INCOME; k <= FIN_EXPENSE; k++) {
		sb_printf(b, "%s\n", side_cn[k]);
		for (size_t i = 0; i < fin->nlines[k]; i++) {
			const struct finance_line *l = &fin->lines[k][i];

			sb_printf(b, "%s %s 元\n", l->item ? l->item : "", money_format(l->amount.fen, buf));
		}
		sb_printf(b, "%s合计 %s 元\n", side_cn[k], money_format(fin->sum[k], buf));
	}
	sb_printf(b, "期末余额 %s 元\n", money_format(fin->closing.fen, buf));
}

/* A 公示's period as the page shows it: 公示期：2024年5月19日至2024年5月26日. */
static void
index_notice(struct sb *b, const struct notice *n)
{
	char f[32], t[32];

	if (n == NULL || !n->dated)
		return;
	sb_printf(b, "公示期：%s至%s\n", date_cn(n->from, f), date_cn(n->to, t));
}

/*
 * The rest of the front matter a record page shows as text: agenda and
 * resolutions, 公示 details, case and assessment fields, tags. Masked
 * later like the body.
 */
static void
index_fields(struct sb *b, const struct model *m, const struct record *r)
{
	const struct ynode *ev = ymap_get(r->fm.root, "evidence");

	static const char *const keys[] = {
		"agenda", "resolutions", "notice", "requirement", "promoted", "stage", "scores", "tags", NULL
	};

	index_head(b, r);
	index_tables(b, r);
	index_notice(b, r->disc != NULL ? r->disc->notice : NULL);
	for (int i = 0; keys[i]; i++)
		index_values(b, ymap_get(r->fm.root, keys[i]), 0);
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

/* A site's profile as its page shows it: where it is, its figures, its text. */
static void
site_text(struct sb *b, const struct site *s)
{
	const struct ynode *st = ymap_get(s->fm.root, "stats");
	static const char *const keys[] = {
		"year", "villages", "groups", "households", "population", "farmland_mu",
		"income_per_capita", "grain_per_capita_kg", "party_branches", "party_members", NULL
	};

	if (s->parent != NULL && s->parent->name != NULL)
		sb_printf(b, "%s\n", s->parent->name);
	index_fact(b, "", s->level);
	index_fact(b, "", s->type);
	index_fact(b, "", s->location);
	for (int k = 0; st != NULL && st->type == YNODE_SEQ && keys[k]; k++) {
		for (size_t i = 0; i < st->n; i++) {
			const char *v = ymap_str(st->items[i], keys[k]);
			sb_printf(b, "%s ", v ? v : "—");
		}
		sb_putc(b, '\n');
	}
	sb_puts(b, s->body.text ? s->body.text : "");
}

/*
 * A 四议两公开 matter as its page shows it: the site, its subject, amount and
 * status, and each step held with its date (an internal record's step shows
 * only that, so only that is indexed).
 */
static void
matter_text(struct sb *b, const struct matter *mt)
{
	char buf[48];

	if (mt->site->parent != NULL && mt->site->parent->name != NULL)
		sb_printf(b, "%s ", mt->site->parent->name);
	sb_printf(b, "%s · 四议两公开\n", mt->site->name);
	index_fact(b, "事项类别", mt->subject);
	if (mt->has_amount)
		sb_printf(b, "金额 %s 元\n", money_format(mt->amount, buf));
	sb_printf(b, "状态 %s\n", mstatus_name[mt->status]);
	for (int k = 0; k < MSTEP__COUNT; k++)
		if (mt->at[k] != NULL)
			sb_printf(b, "%s %s\n", mstep_name[k], date_cn(mt->at[k]->rec->date, buf));
	index_fact(b, "", mt->summary);
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
		site_text(&text, s);
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
		matter_text(&text, mt);
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
		index_fact(&text, "", ymap_str(p->fm.root, "author"));
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
	index_fields(&text, f->m, r);
	sb_puts(&text, body);
	free(body);
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
	gen_emit(g, "search.html", ctx, "search/", NULL);
	arena_free(a);
}
