/*
 * matterpages.c: the 四议两公开 pages (matterpages.h). Every state shown
 * here was decided by matter.c; this file only puts it into words, so a
 * missing or late step reads the same on the matter page, the lists and
 * the dashboard, and is never told by colour alone.
 */
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "matter.h"
#include "matterpages.h"
#include "model.h"
#include "render.h"
#include "util.h"
#include "value.h"

/* URL names of the statuses (matters/status/<name>/): ASCII, to survive WeChat and SMS. */
static const char *const status_slug[MATTER__NSTATUS] = {
	"proposed", "reviewing", "decided", "failed", "published", "done"
};

static const char *
state_words(const struct matter *mt, int s)
{
	switch (mt->state[s]) {
	case MSTATE_DONE:
		return "已进行";
	case MSTATE_LATE:
		return "逾期";
	case MSTATE_MISSING:
		return s == MSTEP_PUBLISH || s == MSTEP_RESULT ? "缺失：已到期未公开" : "缺失：后续步骤已进行，未见本步记录";
	case MSTATE_COVERED:
		return "一肩挑：提议与商议在同一次两委联席会议进行";
	default:
		return "尚未进行";
	}
}

static const char *
state_class(enum mstate st)
{
	static const char *const cls[] = { "pending", "done", "missing", "late", "covered" };

	return cls[st];
}

/* One record holding a step: linked, or 党内记录 with its date only. */
static struct val *
entry_val(struct arena *a, const struct mref *st)
{
	struct val *v = v_map(a);
	const struct record *r = st->rec;
	const struct resolution *rs = st->res;

	v_set(a, v, "date_cn", gen_date(a, r->date));
	if (!r->published) {
		v_setbool(a, v, "internal", 1);
		return v;
	}
	v_set(a, v, "link", gen_link(a, r->title, arena_printf(a, "%sindex.html", r->url)));
	if (r->meeting != NULL && r->meeting->type != NULL)
		v_setstr(a, v, "where", r->meeting->type);
	else
		v_setstr(a, v, "where", r->disc != NULL ? r->disc->category : NULL);
	if (rs != NULL) {
		if (r->meeting->expected >= 0 && r->meeting->present >= 0)
			v_setstr(a, v, "heads", arena_printf(a, "应到 %d 人，实到 %d 人", r->meeting->expected,
			    r->meeting->present));
		v_setstr(a, v, "votes", arena_printf(a, "赞成 %d，反对 %d，弃权 %d", rs->votes_for, rs->against,
		    rs->abstain));
		v_setstr(a, v, "result", rs->passed ? "通过" : "未通过");
	}
	return v;
}

/* What a step's state means, in a sentence, where numbers help. */
static const char *
step_note(struct arena *a, const struct matter *mt, int s, const struct config *cfg)
{
	char d1[32];

	if (s == MSTEP_PUBLISH && mt->state[s] == MSTATE_LATE)
		return arena_printf(a, "决议后应在 %d 天内公开（%s前），实际公开晚于期限。",
		    matter_disclosure_days(cfg), date_cn(mt->due, d1));
	if (s == MSTEP_PUBLISH && mt->state[s] == MSTATE_MISSING && mt->due.y)
		return arena_printf(a, "应于%s前公开，截至%s仍未见决议公开。", date_cn(mt->due, d1),
		    date_cn(cfg->as_of, (char[32]){ 0 }));
	if (s == MSTEP_PUBLISH && mt->state[s] == MSTATE_NONE && mt->due.y)
		return arena_printf(a, "应于%s前公开。", date_cn(mt->due, d1));
	if (s == MSTEP_RESULT && mt->state[s] == MSTATE_MISSING)
		return "决议已超过一年，仍未见实施结果公开。";
	return NULL;
}

static struct val *
steps_val(struct gen *g, struct arena *a, const struct matter *mt)
{
	struct val *l = v_list(a);

	for (int s = 0; s < MSTEP__COUNT; s++) {
		struct val *v = v_map(a), *entries = v_list(a);

		v_setint(a, v, "n", s + 1);
		v_setstr(a, v, "name", mstep_name[s]);
		v_setstr(a, v, "state", state_words(mt, s));
		v_setstr(a, v, "cls", state_class(mt->state[s]));
		v_setbool(a, v, "problem", mt->state[s] == MSTATE_MISSING || mt->state[s] == MSTATE_LATE);
		v_setstr(a, v, "note", step_note(a, mt, s, g->m->cfg));
		for (size_t i = 0; i < mt->nsteps; i++)
			if (mt->steps[i]->step == s)
				v_push(a, entries, entry_val(a, mt->steps[i]));
		v_set(a, v, "entries", entries);
		v_push(a, l, v);
	}
	return l;
}

/* The fields of a matter every list and its page show. */
static struct val *
matter_row(struct arena *a, const struct matter *mt)
{
	struct val *v = v_map(a);

	v_setstr(a, v, "title", mt->title);
	v_seturl(a, v, "url", arena_printf(a, "%sindex.html", mt->url));
	v_setstr(a, v, "site_name", mt->site->name);
	v_seturl(a, v, "site_url", arena_printf(a, "%sindex.html", mt->site->url));
	v_setstr(a, v, "subject", mt->subject ? mt->subject : "未填类别");
	if (mt->has_amount)
		v_set(a, v, "amount", gen_money(a, mt->amount));
	v_set(a, v, "date_cn", gen_date(a, mt->date));
	v_setstr(a, v, "status", mstatus_name[mt->status]);
	v_setstr(a, v, "status_slug", status_slug[mt->status]);
	v_setint(a, v, "missing", mt->nmissing);
	v_setint(a, v, "late", mt->nlate);
	v_setbool(a, v, "problems", mt->nmissing + mt->nlate > 0);
	v_setstr(a, v, "cls", mt->nmissing + mt->nlate > 0 ? "status-warn" : NULL);
	/* in words, for lists that have no room for two columns */
	if (mt->nmissing && mt->nlate)
		v_setstr(a, v, "problem_text", arena_printf(a, "缺失 %d 步，逾期 %d 步", mt->nmissing, mt->nlate));
	else if (mt->nmissing || mt->nlate)
		v_setstr(a, v, "problem_text", arena_printf(a, "%s %d 步", mt->nmissing ? "缺失" : "逾期",
		    mt->nmissing ? mt->nmissing : mt->nlate));
	v_setstr(a, v, "summary", mt->summary);
	return v;
}

static void
write_matter(struct gen *g, const struct matter *mt)
{
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, mt->title, mt->url, mt->summary);
	struct val *v = matter_row(a, mt);

	v_set(a, v, "body", v_html(a, mt->body.html ? mt->body.html : ""));
	v_set(a, v, "steps", steps_val(g, a, mt));
	v_setint(a, v, "days", matter_disclosure_days(g->m->cfg));
	v_setbool(a, v, "one_shoulder", matter_one_shoulder(mt->site));
	v_set(a, ctx, "m", v);
	gen_crumb(a, ctx, "首页", "index.html");
	gen_crumb(a, ctx, mt->site->name, arena_printf(a, "%sindex.html", mt->site->url));
	gen_crumb(a, ctx, "四议两公开", arena_printf(a, "%smatters/index.html", mt->site->url));
	gen_emit(g, "matter.html", ctx, mt->url, NULL);
	arena_free(a);
}

/* The filter links: every site and every status, with counts; the current one marked. */
static struct val *
filters_val(struct gen *g, struct arena *a, const struct site *cur_site, int cur_status)
{
	const struct matters *x = g->m->matters;
	struct val *f = v_map(a), *sites = v_list(a), *statuses = v_list(a);

	for (size_t i = 0; i < g->m->nsites; i++) {
		const struct site *s = g->m->sites[i];
		struct val *v;
		long n = 0;

		for (size_t j = 0; j < x->n; j++)
			n += x->v[j]->site == s && matter_published(g->m, x->v[j]);
		if (n == 0)
			continue;
		v = gen_link(a, s->name, arena_printf(a, "%smatters/index.html", s->url));
		v_setint(a, v, "count", n);
		v_setstr(a, v, "cls", s == cur_site ? "current" : NULL);
		v_push(a, sites, v);
	}
	for (int st = 0; st < MATTER__NSTATUS; st++) {
		struct val *v = gen_link(a, mstatus_name[st], arena_printf(a, "matters/status/%s/index.html",
		    status_slug[st]));
		long n = 0;

		for (size_t j = 0; j < x->n; j++)
			n += (int)x->v[j]->status == st && matter_published(g->m, x->v[j]);
		v_setint(a, v, "count", n);
		v_setstr(a, v, "cls", st == cur_status ? "current" : NULL);
		v_push(a, statuses, v);
	}
	v_set(a, f, "sites", sites);
	v_set(a, f, "statuses", statuses);
	return f;
}

/* One list page: every matter, or those of one site or one status. */
static void
write_list(struct gen *g, const char *title, const char *url, const struct site *site, int status)
{
	const struct matters *x = g->m->matters;
	struct arena *a = arena_new();
	struct val *ctx = gen_ctx(g, a, title, url, NULL), *rows = v_list(a);

	for (size_t i = 0; i < x->n; i++) {
		const struct matter *mt = x->v[i];

		if (!matter_published(g->m, mt) || (site && mt->site != site) ||
		    (status >= 0 && (int)mt->status != status))
			continue;
		v_push(a, rows, matter_row(a, mt));
	}
	v_setstr(a, ctx, "title", title);
	v_set(a, ctx, "matters", rows);
	v_setint(a, ctx, "total", rows->n);
	v_setbool(a, ctx, "filtered", site != NULL || status >= 0);
	v_set(a, ctx, "filters", filters_val(g, a, site, status));
	gen_crumb(a, ctx, "首页", "index.html");
	if (site != NULL)
		gen_crumb(a, ctx, site->name, arena_printf(a, "%sindex.html", site->url));
	else if (status >= 0)
		gen_crumb(a, ctx, "四议两公开", "matters/index.html");
	gen_emit(g, "matters.html", ctx, url, NULL);
	arena_free(a);
}

void
matter_pages(struct gen *g)
{
	const struct matters *x = g->m->matters;

	/* a county that keeps no matters gets no empty pages */
	if (x == NULL || x->n == 0)
		return;
	for (size_t i = 0; i < x->n && !g->failed; i++)
		if (matter_published(g->m, x->v[i]))
			write_matter(g, x->v[i]);
	write_list(g, "四议两公开事项", "matters/", NULL, -1);
	for (int st = 0; st < MATTER__NSTATUS; st++) {
		char *url = xasprintf("matters/status/%s/", status_slug[st]);
		char *title = xasprintf("四议两公开事项 · %s", mstatus_name[st]);

		write_list(g, title, url, NULL, st);
		free(url);
		free(title);
	}
	for (size_t i = 0; i < g->m->nsites; i++) {
		const struct site *s = g->m->sites[i];
		char *url = xasprintf("%smatters/", s->url);
		char *title = xasprintf("%s · 四议两公开", s->name);

		write_list(g, title, url, s, -1);
		free(url);
		free(title);
	}
}

void
matter_record_vals(struct gen *g, struct arena *a, const struct record *r, struct val *rec)
{
	size_t n;
	struct mref **v = matters_of_record(g->m->matters, r, &n);
	struct val *l = v_list(a);

	for (size_t i = 0; i < n; i++) {
		const struct matter *mt = v[i]->matter;
		struct val *e;

		if (mt == NULL || !matter_published(g->m, mt))
			continue;
		e = matter_row(a, mt);
		v_setstr(a, e, "step", v[i]->step >= 0 ? mstep_name[v[i]->step] : NULL);
		v_setstr(a, e, "item", v[i]->res ? v[i]->res->item : NULL);
		v_push(a, l, e);
	}
	if (l->n)
		v_set(a, rec, "matters", l);
}

struct val *
matter_site_val(struct gen *g, struct arena *a, const struct site *s)
{
	const struct matters *x = g->m->matters;
	struct val *l = v_list(a);

	for (size_t i = 0; x && i < x->n; i++)
		if (x->v[i]->site == s && matter_published(g->m, x->v[i]))
			v_push(a, l, matter_row(a, x->v[i]));
	return l;
}

struct val *
matter_dashboard_val(struct gen *g, struct arena *a, const struct site *s)
{
	const struct matters *x = g->m->matters;
	struct val *l = v_list(a);

	for (size_t i = 0; x && i < x->n; i++) {
		const struct matter *mt = x->v[i];
		struct val *v, *what;

		if (mt->site != s || !matter_published(g->m, mt) || mt->nmissing + mt->nlate == 0)
			continue;
		v = matter_row(a, mt);
		what = v_list(a);
		for (int st = 0; st < MSTEP__COUNT; st++)
			if (mt->state[st] == MSTATE_MISSING || mt->state[st] == MSTATE_LATE)
				v_push(a, what, v_str(a, arena_printf(a, "%s%s", mstep_name[st],
				    mt->state[st] == MSTATE_LATE ? "逾期" : "缺失")));
		v_set(a, v, "what", what);
		v_push(a, l, v);
	}
	return l;
}

struct val *
matter_year_val(struct gen *g, struct arena *a, const struct site *s, int y)
{
	const struct matters *x = g->m->matters;
	struct val *l = v_list(a);

	for (size_t i = 0; x && i < x->n; i++) {
		const struct matter *mt = x->v[i];
		const struct mref *dec = mt->at[MSTEP_DECIDE];

		if (mt->site == s && matter_published(g->m, mt) && dec != NULL && dec->rec->date.y == y) {
			struct val *v = matter_row(a, mt);

			v_set(a, v, "decided_cn", gen_date(a, dec->rec->date));
			v_push(a, l, v);
		}
	}
	return l;
}

