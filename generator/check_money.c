/*
 * check_money.c: the 财务公开 table adds up, to the fen, and each period
 * starts where the last one ended. Amounts are integer fen (money.h): never
 * a float, so a hundred items of 0.10 sum to exactly 10.00. Values that do
 * not parse were already reported by schema.c at their position; they are
 * skipped here.
 *
 * Internal tables (audience: internal) are checked like any other, and the
 * balance carries over through them, but they were never put up: the
 * dashboard's counts (tables checked, errors) are of published tables only,
 * and where the published tables skip a period that only an internal table
 * covers, the public cannot follow the balance: a finance-gap warning.
 */
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "model.h"
#include "money.h"
#include "util.h"

/* One 财务公开 with a usable finance table. */
struct fin {
	struct record		*r;
	const struct finance	*fin;
	struct period		 p;
};

static int
fin_cmp(const void *x, const void *y)
{
	const struct fin *a = x, *b = y;
	int c = strcmp(a->r->site->id, b->r->site->id);

	if (c)
		return c;
	if ((c = period_cmp(a->p, b->p)) != 0)
		return c;
	return strcmp(a->r->rel, b->r->rel);
}

static void
note(struct comp_site *cs, char *msg)
{
	cs->finance_notes = xrealloc(cs->finance_notes, (cs->nfinance_notes + 1) * sizeof *cs->finance_notes);
	cs->finance_notes[cs->nfinance_notes++] = msg;
}

static void
check_total(struct cctx *x, struct record *r, const struct amount *stated, const char *key,
    const char *cn, int64_t sum, struct comp_site *cs)
{
	const struct ynode *n = stated->node;
	int64_t given = stated->fen;
	char a[48], b[48], dd[48];

	if (!stated->ok || given == sum)
		return;
	diag_add_file(x->d, DIAG_ERROR, "money-total", r->path, n->line, n->col,
	    "%s %s %s is not the sum of the items, %s (difference %s); correct the total or the items",
	    key, cn, money_format(given, a), money_format(sum, b),
	    money_format(given > sum ? given - sum : sum - given, dd));
	cs->finance_errors += r->published;
}

/* Checks one table; fills f and returns 0 when it is usable for continuity. */
static int
check_table(struct cctx *x, struct record *r, const struct finance *fin)
{
	struct comp_site *cs = comp_site(x->c, r->site);
	int64_t in = fin->sum[FIN_INCOME], out = fin->sum[FIN_EXPENSE], expect;
	int64_t opening = fin->opening.fen, closing = fin->closing.fen;
	char a[48], b[48], c[48], e[48], g[48], dd[48];
	const struct ynode *cl = fin->closing.node;

	if (!fin->opening.ok || !fin->closing.ok || !fin->side_ok[FIN_INCOME] || !fin->side_ok[FIN_EXPENSE])
		return -1;
	if (r->published)
		cs->finance_checked++;
	check_total(x, r, &fin->stated_total[FIN_INCOME], "income_total", "(收入合计)", in, cs);
	check_total(x, r, &fin->stated_total[FIN_EXPENSE], "expense_total", "(支出合计)", out, cs);
	expect = opening + in - out;
	if (expect != closing) {
		diag_add_file(x->d, DIAG_ERROR, "money-balance", r->path, cl->line, cl->col,
		    "closing_balance (期末余额) %s does not balance: opening %s + income %s - expense %s "
		    "= %s, a difference of %s; check the items and both balances",
		    money_format(closing, a), money_format(opening, b), money_format(in, c),
		    money_format(out, e), money_format(expect, g),
		    money_format(expect > closing ? expect - closing : closing - expect, dd));
		cs->finance_errors += r->published;
	}
	return 0;
}

/*
 * v[i] is a published table whose published predecessor (same site and
 * unit) is more than one period back, while the tables between them, some
 * internal, leave no gap: the balance carries over inside, but the public
 * sees a period missing. (A real gap is finance-gap's other message.)
 */
static void
internal_gap(struct cctx *x, const struct fin *v, size_t i)
{
	const struct fin *cur = &v[i], *in = NULL;
	struct period want = cur->p;
	char p1[16], p2[16], p3[16];
	size_t j;

	if (!cur->r->published)
		return;
	for (j = i; j-- > 0;) {
		const struct fin *f = &v[j];

		if (f->r->site != cur->r->site || f->p.unit != cur->p.unit)
			return;
		if (period_cmp(period_next(f->p), want) != 0 && period_cmp(f->p, want) != 0)
			return;	/* a real gap, or none before: not this rule's case */
		if (f->r->published)
			break;
		in = f;
		want = f->p;
	}
	if (j == (size_t)-1 || in == NULL)
		return;
	diag_add_file(x->d, DIAG_WARNING, "finance-gap", cur->r->path, cur->fin->opening.node->line,
	    cur->fin->opening.node->col,
	    "no published 财务公开 for %s: the table for it (%s) is audience: internal, so the public "
	    "cannot follow the balance from %s to this table (%s); publish that table, or explain the "
	    "carried-over balance in this disclosure", period_str(in->p, p1), in->r->path,
	    period_str(v[j].p, p2), period_str(cur->p, p3));
	note(comp_site(x->c, cur->r->site),
	    xasprintf("%s 至 %s 之间的财务公开未公开（内部记录），期初期末衔接公众无法核对", p2, p3));
}

void
check_money(struct cctx *x)
{
	struct model *m = x->m;
	struct fin *v = xcalloc(m->nrecs + 1, sizeof *v);
	size_t n = 0;

	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		const struct disclosure *d = r->disc;

		if (d == NULL || d->finance == NULL || (r->draft && !m->drafts))
			continue;
		v[n].r = r;
		v[n].fin = d->finance;
		if (check_table(x, r, d->finance) < 0)
			continue;
		/* Continuity only links the 财务公开 of one site, in period order. */
		if (d->category && strcmp(d->category, "财务公开") == 0 && d->has_period) {
			v[n].p = d->period;
			n++;
		}
	}
	xqsort(v, n, sizeof *v, fin_cmp);
	for (size_t i = 0; i < n; i++)
		internal_gap(x, v, i);
	for (size_t i = 1; i < n; i++) {
		struct fin *prev = &v[i - 1], *cur = &v[i];
		const struct ynode *ob = cur->fin->opening.node;
		struct comp_site *cs = comp_site(x->c, cur->r->site);
		char a[48], b[48], dd[48], p1[16], p2[16], p3[16];

		if (prev->r->site != cur->r->site || prev->p.unit != cur->p.unit)
			continue;
		if (period_cmp(prev->p, cur->p) == 0) {
			diag_add_file(x->d, DIAG_ERROR, "money-continuity", cur->r->path, ob->line, ob->col,
			    "a second 财务公开 for %s (the other is %s); keep one table per period, "
			    "or correct the period", period_str(cur->p, p1), prev->r->path);
			cs->finance_errors += cur->r->published;
			continue;
		}
		if (period_cmp(period_next(prev->p), cur->p) != 0) {
			struct period gap = period_next(prev->p);
			diag_add_file(x->d, DIAG_WARNING, "finance-gap", cur->r->path, ob->line, ob->col,
			    "no 财务公开 for %s: this table (%s) follows %s, so continuity of the balance "
			    "is not checked across the gap", period_str(gap, p1), period_str(cur->p, p2),
			    period_str(prev->p, p3));
			note(cs, xasprintf("%s 至 %s 之间缺少财务公开，期初期末衔接未核对", p3, p2));
			continue;
		}
		int64_t opening = cur->fin->opening.fen, closing = prev->fin->closing.fen;

		if (opening != closing) {
			diag_add_file(x->d, DIAG_ERROR, "money-continuity", cur->r->path, ob->line, ob->col,
			    "opening_balance (期初余额) %s differs from the closing_balance %s of %s (%s), "
			    "a difference of %s; the balance must carry over",
			    money_format(opening, a), money_format(closing, b), period_str(prev->p, p1),
			    prev->r->path, money_format(opening > closing ? opening - closing : closing - opening, dd));
			cs->finance_errors += cur->r->published;
		}
	}
	free(v);
}
