/*
 * check_notice.c: a 公示 (notice:) stands long enough, in calendar days or
 * working days (rules.notice_day_unit, holidays, workdays), and its table
 * (rows:, a CSV beside the record) shows only the columns its kind allows.
 * Running 公示 go to the dashboard.
 */
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "model.h"
#include "gate.h"
#include "csvtable.h"
#include "util.h"
#include "workday.h"
#include "i18n.h"

void
check_calendar(const struct config *cfg, struct calendar *cal)
{
	calendar_init(cal);
	for (size_t i = 0; i < cfg->rs.nholidays; i++)
		calendar_add_holiday(cal, cfg->rs.holiday_list[i]);
	for (size_t i = 0; i < cfg->rs.nworkdays; i++)
		calendar_add_workday(cal, cfg->rs.workday_list[i]);
	calendar_sort(cal);
}

/* notice_min_days for kind, else its default entry; -1 when neither is set. */
static int
min_days(const struct config *cfg, const char *kind)
{
	const struct rule_entry *e = NULL;

	if (!cfg->rs.has_min_days)
		return -1;
	if (kind)
		e = rules_entry(cfg->rs.min_days, cfg->rs.nmin_days, kind);
	if (e == NULL || e->value < 0)
		e = rules_entry(cfg->rs.min_days, cfg->rs.nmin_days, "default");
	return e ? e->value : -1;
}

static void
check_span(struct cctx *x, struct record *r, const struct notice *notice, const struct calendar *cal)
{
	const struct ynode *tn = notice->to_node;
	const char *kind = notice->kind;
	struct date from = notice->from, to = notice->to, need;
	int min = min_days(x->cfg, kind);
	long span;
	char a[11], b[11], c[11];

	if (!notice->dated)
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
	    span, cal ? ngettext("working day", "working days", (unsigned long)span) : ngettext("day", "days", (unsigned long)span),
	    date_iso(from, a), date_iso(to, b), min, kind ? kind : _("a 公示 (default)"), date_iso(need, c));
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
	const struct ynode *rn = r->disc->rows.node;
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
	int workdays = x->cfg->rs.workdays;

	check_calendar(x->cfg, &cal);
	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		const struct notice *notice;
		const char *kind = NULL;

		if (r->disc == NULL)
			continue;
		notice = r->disc->notice;
		if (notice != NULL) {
			kind = notice->kind;
			check_span(x, r, notice, workdays ? &cal : NULL);
			if (r->published && notice->dated &&
			    date_cmp(notice->from, x->cfg->as_of) <= 0 && date_cmp(x->cfg->as_of, notice->to) <= 0) {
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
