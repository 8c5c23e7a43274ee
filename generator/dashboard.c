/*
 * dashboard.c: the 公开情况 page (dashboard/index.html) and the matching
 * section of each site's page, from the summary check_model left in
 * model->compliance: per site and category the last disclosure and the
 * overdue periods, the 公示 running now, missed meetings (缺会), the
 * finance checks and the latest 五个好 result.
 *
 * A build with errors writes nothing, so what a published dashboard can
 * show is warnings. Every status is a word ("逾期 2 期", "按时"), never a
 * colour alone; the class only adds colour for those who see it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "life.h"
#include "model.h"
#include "matterpages.h"
#include "render.h"
#include "util.h"
#include "value.h"

static const char *const freq_cn[] = { "每月", "每季度", "每半年", "每年" };

static struct val *
status(struct arena *a, struct val *m, int ok, const char *text)
{
	v_setbool(a, m, "ok", ok);
	v_setstr(a, m, "status", text);
	v_setstr(a, m, "status_class", ok ? "status-ok" : "status-warn");
	v_setstr(a, m, "status_mark", ok ? "✓" : "⚠");
	return m;
}

static struct val *
rec_link(struct arena *a, const struct record *r)
{
	return gen_link(a, r->title, arena_printf(a, "%sindex.html", r->url));
}

static struct val *
cats_val(struct arena *a, const struct comp_site *cs, long *overdue)
{
	struct val *l = v_list(a);
	char buf[48];

	for (int k = 0; k < COMP_NCAT; k++) {
		const struct comp_cat *cc = &cs->cat[k];
		struct val *c = v_map(a), *od = v_list(a);

		v_setstr(a, c, "category", cc->category);
		v_setstr(a, c, "freq", cc->freq >= 0 ? freq_cn[cc->freq] : "未规定");
		if (cc->last) {
			struct val *last = rec_link(a, cc->last);
			v_setstr(a, last, "period_cn", period_cn(cc->last_period, buf));
			v_set(a, last, "date_cn", gen_date(a, cc->last->date));
			v_set(a, c, "last", last);
		}
		for (size_t i = 0; i < cc->noverdue; i++)
			v_push(a, od, v_str(a, period_cn(cc->overdue[i], buf)));
		v_set(a, c, "overdue", od);
		*overdue += (long)cc->noverdue;
		if (cc->noverdue)
			status(a, c, 0, arena_printf(a, "逾期 %zu 期", cc->noverdue));
		else
			status(a, c, 1, cc->freq >= 0 ? "按时" : "不作要求");
		v_push(a, l, c);
	}
	return l;
}

static struct val *
running_val(struct gen *g, struct arena *a, const struct comp_site *cs)
{
	struct val *l = v_list(a);

	for (size_t i = 0; i < cs->nrunning; i++) {
		const struct record *r = cs->running[i];
		const struct notice *n = r->disc->notice;
		struct val *v = rec_link(a, r);
		int running;

		v_setstr(a, v, "site_name", cs->site->name);
		v_seturl(a, v, "site_url", arena_printf(a, "%sindex.html", cs->site->url));
		v_setstr(a, v, "kind", n->kind ? n->kind : "其他");
		if (n->dated) {
			v_set(a, v, "from_cn", gen_date(a, n->from));
			v_set(a, v, "to_cn", gen_date(a, n->to));
		}
		v_setstr(a, v, "status", gen_notice_status(g->m, n, &running));
		v_push(a, l, v);
	}
	return l;
}

static struct val *
missed_val(struct arena *a, const struct comp_site *cs)
{
	struct val *l = v_list(a);
	char buf[48];

	for (size_t i = 0; i < cs->nmissed; i++) {
		struct val *v = v_map(a);
		v_setstr(a, v, "type", cs->missed[i].type);
		v_setstr(a, v, "period_cn", period_cn(cs->missed[i].p, buf));
		v_push(a, l, v);
	}
	return l;
}

static struct val *
finance_val(struct arena *a, const struct comp_site *cs)
{
	struct val *v = v_map(a), *notes = v_list(a);

	v_setint(a, v, "checked", (long long)cs->finance_checked);
	v_setint(a, v, "errors", (long long)cs->finance_errors);
	for (size_t i = 0; i < cs->nfinance_notes; i++)
		v_push(a, notes, v_str(a, cs->finance_notes[i]));
	v_set(a, v, "notes", notes);
	if (cs->finance_checked == 0)
		status(a, v, 1, "无财务公开表");
	else if (cs->finance_errors)
		status(a, v, 0, arena_printf(a, "%zu 处错误未改正", cs->finance_errors));
	else if (cs->nfinance_notes)
		status(a, v, 0, arena_printf(a, "账目平衡；%zu 处提醒", cs->nfinance_notes));
	else
		status(a, v, 1, "账目平衡，期初期末衔接");
	return v;
}

static struct val *
assess_val(struct arena *a, const struct comp_site *cs)
{
	const struct scorecard *sc;
	struct val *v;

	if (cs->assess == NULL || (sc = cs->assess->score) == NULL)
		return v_null();
	v = rec_link(a, cs->assess);
	v_setint(a, v, "year", sc->year);
	gen_score_fields(a, v, sc);
	/* a score the county has not verified is neither a pass nor a failure yet */
	status(a, v, sc->passed, scorecard_result(sc));
	return v;
}

struct val *
dashboard_site_val(struct gen *g, struct arena *a, const struct site *s)
{
	struct comp_site *cs = g->m->compliance ? comp_site(g->m->compliance, s) : NULL;
	struct val *v = v_map(a);
	long overdue = 0;

	if (cs == NULL)
		return v_null();
	v_setstr(a, v, "name", s->name);
	v_seturl(a, v, "url", arena_printf(a, "%sindex.html", s->url));
	v_set(a, v, "cats", cats_val(a, cs, &overdue));
	v_setint(a, v, "overdue", overdue);
	v_set(a, v, "running", running_val(g, a, cs));
	v_set(a, v, "missed", missed_val(a, cs));
	if (cs->nmissed)
		status(a, v, 0, arena_printf(a, "缺会 %zu 次", cs->nmissed));
	else
		status(a, v, 1, "按规定召开");
	v_set(a, v, "finance", finance_val(a, cs));
	v_set(a, v, "assess", assess_val(a, cs));
	v_set(a, v, "matters", matter_dashboard_val(g, a, s));
	v_set(a, v, "life", life_dashboard_val(g, a, s));
	return v;
}

void
dashboard_pages(struct gen *g)
{
	struct arena *a;
	struct val *ctx, *sites, *rows, *running, *counts, *matters, *life;
	long overdue = 0, missed = 0;

	if (g->failed)
		return;
	a = arena_new();
	ctx = gen_ctx(g, a, "公开情况", "dashboard/", "各示范点村务、财务、党务公开，公示和会议的按期情况。");
	sites = v_list(a);
	rows = v_list(a);
	running = v_list(a);
	life = v_list(a);
	counts = v_map(a);
	matters = v_list(a);
	for (size_t i = 0; i < g->m->nsites; i++) {
		struct val *sv = dashboard_site_val(g, a, g->m->sites[i]), *cats;

		if (sv->t != V_MAP)
			continue;
		v_push(a, sites, sv);
		cats = v_get(sv, "cats");
		/* one row per site and category, the site named in each row */
		for (size_t k = 0; k < cats->n; k++) {
			struct val *row = v_map(a), *c = cats->items[k];
			for (size_t j = 0; j < c->n; j++)
				v_set(a, row, c->keys[j], c->items[j]);
			v_set(a, row, "site", gen_link(a, g->m->sites[i]->name,
			    arena_printf(a, "%sindex.html", g->m->sites[i]->url)));
			v_setbool(a, row, "first", k == 0);
			v_push(a, rows, row);
		}
		for (size_t k = 0; k < v_get(sv, "running")->n; k++)
			v_push(a, running, v_get(sv, "running")->items[k]);
		for (size_t k = 0; k < v_get(sv, "matters")->n; k++)
			v_push(a, matters, v_get(sv, "matters")->items[k]);
		for (size_t k = 0; k < v_get(sv, "life")->n; k++)
			v_push(a, life, v_get(sv, "life")->items[k]);
		overdue += (long)v_get(sv, "overdue")->i;
		missed += (long)v_get(sv, "missed")->n;
	}
	v_setint(a, counts, "sites", (long long)sites->n);
	v_setint(a, counts, "overdue", overdue);
	v_setint(a, counts, "running", (long long)running->n);
	v_setint(a, counts, "missed", missed);
	v_set(a, ctx, "sites", sites);
	v_set(a, ctx, "rows", rows);
	v_set(a, ctx, "running", running);
	v_set(a, ctx, "life", life);
	v_set(a, ctx, "counts", counts);
	v_set(a, ctx, "matters", matters);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_emit(g, "dashboard.html", ctx, "dashboard/", NULL);
	arena_free(a);
}
