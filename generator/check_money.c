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
#include "money.h"
#include "util.h"

/* One 财务公开 with a usable finance table. */
struct fin {
	struct record	*r;
	struct ynode	*fin;
	struct period	 p;
	int64_t		 opening, closing;
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

/* Sums one side (income or expense). Returns -1 when an amount is unusable. */
static int
side_sum(const struct ynode *fin, const char *side, int64_t *sum)
{
	const struct ynode *l = ymap_get(fin, side);
	int64_t f;

	*sum = 0;
	if (l == NULL || l->null)
		return 0;
	if (l->type != YNODE_SEQ)
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		if (check_fen(l->items[i], "amount", &f) < 0)
			return -1;
		*sum += f;
	}
	return 0;
}

static void
check_total(struct cctx *x, struct record *r, const struct ynode *fin, const char *key,
    const char *cn, int64_t sum, struct comp_site *cs)
{
	struct ynode *n = ymap_get(fin, key);
	int64_t given;
	char a[48], b[48], dd[48];

	if (n == NULL || check_fen(fin, key, &given) < 0 || given == sum)
		return;
	diag_add_file(x->d, DIAG_ERROR, "money-total", r->path, n->line, n->col,
	    "%s %s %s is not the sum of the items, %s (difference %s); correct the total or the items",
	    key, cn, money_format(given, a), money_format(sum, b),
	    money_format(given > sum ? given - sum : sum - given, dd));
	cs->finance_errors += r->published;
}

/* Checks one table; fills f and returns 0 when it is usable for continuity. */
static int
check_table(struct cctx *x, struct record *r, struct ynode *fin, struct fin *f)
{
	struct comp_site *cs = comp_site(x->c, r->site);
	int64_t in, out, expect;
	char a[48], b[48], c[48], e[48], g[48], dd[48];
	struct ynode *cl = ymap_get(fin, "closing_balance");

	if (check_fen(fin, "opening_balance", &f->opening) < 0 ||
	    check_fen(fin, "closing_balance", &f->closing) < 0 ||
	    side_sum(fin, "income", &in) < 0 || side_sum(fin, "expense", &out) < 0)
		return -1;
	if (r->published)
		cs->finance_checked++;
	check_total(x, r, fin, "income_total", "(收入合计)", in, cs);
	check_total(x, r, fin, "expense_total", "(支出合计)", out, cs);
	expect = f->opening + in - out;
	if (expect != f->closing) {
		diag_add_file(x->d, DIAG_ERROR, "money-balance", r->path, cl->line, cl->col,
		    "closing_balance (期末余额) %s does not balance: opening %s + income %s - expense %s "
		    "= %s, a difference of %s; check the items and both balances",
		    money_format(f->closing, a), money_format(f->opening, b), money_format(in, c),
		    money_format(out, e), money_format(expect, g),
		    money_format(expect > f->closing ? expect - f->closing : f->closing - expect, dd));
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
	diag_add_file(x->d, DIAG_WARNING, "finance-gap", cur->r->path, ymap_get(cur->fin, "opening_balance")->line,
	    ymap_get(cur->fin, "opening_balance")->col,
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
		struct ynode *fin = r->fm.root ? ymap_get(r->fm.root, "finance") : NULL;
		const char *cat, *per;

		if (fin == NULL || fin->type != YNODE_MAP || (r->draft && !m->drafts))
			continue;
		v[n].r = r;
		v[n].fin = fin;
		if (check_table(x, r, fin, &v[n]) < 0)
			continue;
		cat = ymap_str(r->fm.root, "category");
		per = ymap_str(r->fm.root, "period");
		/* Continuity only links the 财务公开 of one site, in period order. */
		if (cat && strcmp(cat, "财务公开") == 0 && per && period_parse(per, &v[n].p) == 0)
			n++;
	}
	xqsort(v, n, sizeof *v, fin_cmp);
	for (size_t i = 0; i < n; i++)
		internal_gap(x, v, i);
	for (size_t i = 1; i < n; i++) {
		struct fin *prev = &v[i - 1], *cur = &v[i];
		struct ynode *ob = ymap_get(cur->fin, "opening_balance");
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
		if (cur->opening != prev->closing) {
			diag_add_file(x->d, DIAG_ERROR, "money-continuity", cur->r->path, ob->line, ob->col,
			    "opening_balance (期初余额) %s differs from the closing_balance %s of %s (%s), "
			    "a difference of %s; the balance must carry over",
			    money_format(cur->opening, a), money_format(prev->closing, b), period_str(prev->p, p1),
			    prev->r->path, money_format(cur->opening > prev->closing ? cur->opening - prev->closing :
			    prev->closing - cur->opening, dd));
			cs->finance_errors += cur->r->published;
		}
	}
	free(v);
}
