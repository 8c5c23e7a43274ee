/*
 * printsheet.c: 公开栏 print sheets. Every disclosure page prints as one A4
 * sheet for the village notice board, with a QR code that opens the page
 * online (base_url + its path); and per site and period
 *   sites/<id>/print/index.html            the periods
 *   sites/<id>/print/<period>/index.html   every disclosure of the period,
 *                                          one sheet each
 * Without base_url there is no address to encode: one build warning says so
 * and the sheets carry no code.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvtable.h"
#include "gongkai.h"
#include "life.h"
#include "money.h"
#include "output.h"
#include "model.h"
#include "qrcache.h"
#include "render.h"
#include "util.h"
#include "value.h"

/* "2025-q1": the period as a URL folder. Caller frees. */
static char *
period_slug(const struct record *r)
{
	char buf[16], *s;

	if (r->disc == NULL || !r->disc->has_period)
		return NULL;
	s = xstrdup(period_str(r->disc->period, buf));
	for (char *c = s; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return s;
}

/*
 * rec.qr (URL of the code's SVG file, or absent), rec.qr_url, rec.print_url.
 * The code is an image file beside the page (<record>/qr.svg), written once
 * when `write` is set: as an image it does not weigh on the page, and the
 * print view of a period reuses the same file.
 */
void
print_record_vals(struct gen *g, struct arena *a, struct record *r, struct val *rec, int write)
{
	const char *base = g->m->cfg->base_url;
	char *ps = period_slug(r);

	if (base[0]) {
		char *url = xasprintf("%s%s", base, r->url);
		char *label = xasprintf("二维码：扫码查看网上原文 %s", url);
		char *id = xasprintf("qr-%s", r->slug);
		char *svg = write ? qrcache_svg(g->qr, url, label, id) : NULL;
		char *file = xasprintf("%sqr.svg", r->url);

		v_setstr(a, rec, "qr_url", url);
		if (write && svg != NULL) {
			struct sb doc;

			sb_init(&doc);
			sb_puts(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
			sb_puts(&doc, svg);
			sb_putc(&doc, '\n');
			if (out_put(g->out, file, doc.buf, doc.len) < 0)
				g->failed = 1;
			sb_free(&doc);
		}
		v_set(a, rec, "qr", v_url(a, file));
		free(file);
		free(svg);
		free(id);
		free(label);
		free(url);
	}
	if (ps)
		v_seturl(a, rec, "print_url", arena_printf(a, "%sprint/%s/index.html", r->site->url, ps));
	free(ps);
}

static struct val *
rows_sheet(struct gen *g, struct arena *a, const struct record *r, const char *rows)
{
	struct diags quiet;	/* the record page already reported any problem */
	struct val *v;

	diags_init(&quiet);
	v = gen_rows(a, r, rows, g->m->cfg->pii_allow, &quiet);
	diags_free(&quiet);
	return v;
}

/* One sheet: everything the notice board shows of disclosure r. */
static struct val *
sheet_val(struct gen *g, struct arena *a, struct record *r)
{
	struct val *v = v_map(a), *sum = gen_summary(g, r);
	const struct disclosure *d = r->disc;
	static const char *const opt[] = { "finance", "notice", "rows", "qr", "qr_url", "print_url" };

	for (size_t i = 0; i < sum->n; i++)
		v_set(a, v, sum->keys[i], sum->items[i]);
	v_set(a, v, "body", v_html(a, r->body.html ? r->body.html : ""));
	for (size_t i = 0; i < sizeof opt / sizeof opt[0]; i++)
		v_set(a, v, opt[i], v_null());
	if (d->finance != NULL)
		v_set(a, v, "finance", gen_finance(a, d->finance));
	if (d->notice != NULL)
		v_set(a, v, "notice", gen_notice(g, a, d->notice));
	if (d->rows.s != NULL && life_rows_shown(r))
		v_set(a, v, "rows", rows_sheet(g, a, r, d->rows.s));
	life_vals(a, r, v);
	/* the 落款: who puts the notice up */
	v_setstr(a, v, "publisher", r->author ? r->author : r->site->name);
	print_record_vals(g, a, r, v, 0);
	return v;
}

static int
period_rec_cmp(const void *x, const void *y)
{
	const struct record *a = *(struct record *const *)x, *b = *(struct record *const *)y;
	struct period p = a->disc->period, q = b->disc->period;
	int c;

	if ((c = period_cmp(q, p)) != 0)	/* newest period first */
		return c;
	if (p.unit != q.unit)
		return (int)p.unit - (int)q.unit;
	c = date_cmp(a->date, b->date);		/* then in the order they went up */
	return c ? c : strcmp(a->rel, b->rel);
}

static void
write_site(struct gen *g, struct site *s)
{
	struct record **v = xcalloc(s->nrecs[KIND_DISCLOSURES] + 1, sizeof *v);
	size_t n = 0;
	struct arena *ia = arena_new();
	char *iurl = xasprintf("%sprint/", s->url);
	char *ititle = xasprintf("%s · 公开栏打印", s->name);
	struct val *ictx = gen_ctx(g, ia, ititle, iurl, NULL), *periods = v_list(ia);

	for (size_t i = 0; i < s->nrecs[KIND_DISCLOSURES]; i++) {
		char *ps = period_slug(s->recs[KIND_DISCLOSURES][i]);
		if (ps && s->recs[KIND_DISCLOSURES][i]->fm.root)
			v[n++] = s->recs[KIND_DISCLOSURES][i];
		free(ps);
	}
	xqsort(v, n, sizeof *v, period_rec_cmp);
	for (size_t i = 0; i < n && !g->failed;) {
		char *slug = period_slug(v[i]), *url = xasprintf("%sprint/%s/", s->url, slug), *title;
		struct arena *a = arena_new();
		struct val *ctx, *sheets = v_list(a), *pv = v_map(ia);
		char buf[48];
		size_t j;

		title = xasprintf("%s %s 公开栏", s->name, period_cn(v[i]->disc->period, buf));
		ctx = gen_ctx(g, a, title, url, NULL);
		for (j = i; j < n; j++) {
			char *sj = period_slug(v[j]);
			int same = strcmp(sj, slug) == 0;
			free(sj);
			if (!same)
				break;
			v_push(a, sheets, sheet_val(g, a, v[j]));
		}
		gen_crumb(a, ctx, "首页", "index.html");
		gen_crumb(a, ctx, s->name, arena_printf(a, "%sindex.html", s->url));
		gen_crumb(a, ctx, "公开栏打印", arena_printf(a, "%sprint/index.html", s->url));
		v_set(a, ctx, "sheets", sheets);
		v_set(a, ctx, "periods", v_list(a));
		v_setint(a, ctx, "count", (long long)(j - i));
		v_setstr(a, ctx, "period_cn", buf);
		v_set(a, ctx, "place", gen_link(a, s->name, arena_printf(a, "%sindex.html", s->url)));
		gen_emit(g, "print.html", ctx, url, NULL);
		v_setstr(ia, pv, "period_cn", buf);
		v_seturl(ia, pv, "url", arena_printf(ia, "%sindex.html", url));
		v_setint(ia, pv, "count", (long long)(j - i));
		v_push(ia, periods, pv);
		arena_free(a);
		free(title);
		free(url);
		free(slug);
		i = j;
	}
	gen_crumb(ia, ictx, "首页", "index.html");
	gen_crumb(ia, ictx, s->name, arena_printf(ia, "%sindex.html", s->url));
	v_set(ia, ictx, "periods", periods);
	v_set(ia, ictx, "sheets", v_list(ia));
	v_setint(ia, ictx, "count", 0);
	v_set(ia, ictx, "place", gen_link(ia, s->name, arena_printf(ia, "%sindex.html", s->url)));
	gen_emit(g, "print.html", ictx, iurl, NULL);
	arena_free(ia);
	free(iurl);
	free(ititle);
	free(v);
}

void
print_pages(struct gen *g)
{
	struct model *m = g->m;
	size_t nd = 0;

	for (size_t i = 0; i < m->nsites; i++)
		nd += m->sites[i]->nrecs[KIND_DISCLOSURES];
	if (nd > 0 && !m->cfg->base_url[0])
		diag_add(g->d, DIAG_WARNING, "qr-base-url", m->cfg->path, 0, 0,
		    "base_url is not set, so the printed disclosures (公开栏) carry no QR code: "
		    "set base_url in site.yaml or pass --base-url");
	for (size_t i = 0; i < m->nsites && !g->failed; i++)
		write_site(g, m->sites[i]);
}
