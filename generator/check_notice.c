/*
 * check_notice.c: a 公示 (notice:) stands long enough, in calendar days or
 * working days (rules.notice_day_unit, holidays, workdays), and its table
 * (rows:, a CSV beside the record) shows only the columns its kind allows.
 * Running 公示 go to the dashboard.
 */
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "gate.h"
#include "csvtable.h"
#include "util.h"
#include "workday.h"

void
check_calendar(const struct config *cfg, struct calendar *cal)
{
	static const char *const keys[2] = { "holidays", "workdays" };

	calendar_init(cal);
	for (int k = 0; k < 2; k++) {
		const struct ynode *l = cfg->rules ? ymap_get(cfg->rules, keys[k]) : NULL;
		size_t cnt = l == NULL ? 0 : l->type == YNODE_SEQ ? l->n : 1;

		for (size_t i = 0; i < cnt; i++) {
			const struct ynode *it = l->type == YNODE_SEQ ? l->items[i] : l;
			struct date d;

			if (it->type == YNODE_SCALAR && date_parse(it->str, &d) == 0) {
				if (k == 0)
					calendar_add_holiday(cal, d);
				else
					calendar_add_workday(cal, d);
			}
		}
	}
	calendar_sort(cal);
}

/* notice_min_days for kind, else its default entry; -1 when neither is set. */
static int
min_days(const struct config *cfg, const char *kind)
{
	const struct ynode *d = cfg->rules ? ymap_get(cfg->rules, "notice_min_days") : NULL;
	const char *s = NULL;

	if (d == NULL || d->type != YNODE_MAP)
		return -1;
	if (kind)
		s = ymap_str(d, kind);
	if (s == NULL)
		s = ymap_str(d, "default");
	return s ? atoi(s) : -1;
}

static void
check_span(struct cctx *x, struct record *r, struct ynode *notice, const struct calendar *cal)
{
	struct ynode *tn = ymap_get(notice, "to");
	const char *kind = ymap_str(notice, "kind"), *fs = ymap_str(notice, "from"), *ts = ymap_str(notice, "to");
	struct date from, to, need;
	int min = min_days(x->cfg, kind);
	long span;
	char a[11], b[11], c[11];

	if (fs == NULL || ts == NULL || date_parse(fs, &from) < 0 || date_parse(ts, &to) < 0)
		return;
	if (date_cmp(to, from) < 0) {
		diag_add_file(x->d, DIAG_ERROR, "notice-dates", r->path, tn->line, tn->col,
		    "the 公示 ends (to: %s) before it starts (from: %s); correct one of the dates",
		    date_iso(to, a), date_iso(from, b));
		return;
	}
	if (min <= 0)
		return;
	span = workday_span(from, to, cal);
	if (span >= min)
		return;
	need = to;
	for (int i = 0; i < 800 && workday_span(from, need, cal) < min; i++)
		need = date_from_days(date_days(need) + 1);
	diag_add_file(x->d, DIAG_ERROR, "notice-days", r->path, tn->line, tn->col,
	    "the 公示 stands %ld %s (%s to %s), fewer than the %d that notice_min_days sets for %s; "
	    "let it run to %s or later",
	    span, cal ? (span == 1 ? "working day" : "working days") : (span == 1 ? "day" : "days"),
	    date_iso(from, a), date_iso(to, b), min, kind ? kind : "a 公示 (default)", date_iso(need, c));
}

static int
ends_csv(const char *s)
{
	size_t l = strlen(s);

	return l > 4 && strcmp(s + l - 4, ".csv") == 0;
}

static void
check_rows(struct cctx *x, struct record *r, const char *kind)
{
	struct ynode *rn = ymap_get(r->fm.root, "rows");
	char *dir, *path;
	struct csvtable *t;

	if (rn == NULL || rn->type != YNODE_SCALAR || rn->null)
		return;
	if (strchr(rn->str, '/') != NULL || strstr(rn->str, "..") != NULL || !ends_csv(rn->str)) {
		diag_add_file(x->d, DIAG_ERROR, "notice-rows", r->path, rn->line, rn->col,
		    "rows '%s': name a .csv file in the same folder as this record, e.g. %s.csv",
		    rn->str, r->slug);
		return;
	}
	dir = xstrndup(r->path, (size_t)(strrchr(r->path, '/') - r->path));
	path = path_join(dir, rn->str);
	if ((t = csvtable_read(path, path, x->d)) != NULL) {
		struct gate g = { x->cfg->pii_allow, x->cfg->privacy_refuse, r->published ? x->d : NULL };

		/* the table's cells are reported here, once; pages mask them again silently */
		gate_table(&g, t, path);
		csvtable_check_columns(t, kind ? kind : "其他", path, x->d);
	}
	csvtable_free(t);
	free(path);
	free(dir);
}

void
check_notices(struct cctx *x)
{
	struct model *m = x->m;
	struct calendar cal;
	const char *unit = x->cfg->rules ? ymap_str(x->cfg->rules, "notice_day_unit") : NULL;
	int workdays = unit && strcmp(unit, "workday") == 0;

	check_calendar(x->cfg, &cal);
	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		struct ynode *notice;
		const char *kind = NULL;

		if (r->kind != KIND_DISCLOSURES || r->fm.root == NULL)
			continue;
		notice = ymap_get(r->fm.root, "notice");
		if (notice && notice->type == YNODE_MAP) {
			struct date from, to;
			const char *fs = ymap_str(notice, "from"), *ts = ymap_str(notice, "to");

			kind = ymap_str(notice, "kind");
			check_span(x, r, notice, workdays ? &cal : NULL);
			if (r->published && fs && ts && date_parse(fs, &from) == 0 && date_parse(ts, &to) == 0 &&
			    date_cmp(from, x->cfg->as_of) <= 0 && date_cmp(x->cfg->as_of, to) <= 0) {
				struct comp_site *cs = comp_site(x->c, r->site);
				cs->running = xrealloc(cs->running, (cs->nrunning + 1) * sizeof *cs->running);
				cs->running[cs->nrunning++] = r;
			}
		}
		check_rows(x, r, kind);
	}
	for (size_t i = 0; i < x->c->nsites; i++)
		if (x->c->sites[i].nrunning > 1)
			xqsort(x->c->sites[i].running, x->c->sites[i].nrunning, sizeof (struct record *), record_newest_first);
	calendar_free(&cal);
}
