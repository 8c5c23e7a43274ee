/*
 * model_disclosure.c: a disclosure's typed fields (model.h, struct
 * disclosure), read once from its front matter: category, period, the
 * finance table in fen (the one finance builder: the page, the print
 * sheet, the chart and check_money read it), the 公示 and its name table.
 */
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "model.h"
#include "money.h"
#include "schema.h"
#include "util.h"

static struct amount
amount_of(const struct ynode *map, const char *key)
{
	struct amount a = { 0, 0, ymap_get(map, key) };
	const char *s = ymap_str(map, key), *why;

	/* a bad amount counts as 0 in sums; schema.c reported it at its position */
	if (s != NULL && money_parse(s, &a.fen, &why) == 0)
		a.ok = 1;
	else
		a.fen = 0;
	return a;
}

static void
fill_side(struct finance *f, int side, const char *key)
{
	const struct ynode *l = ymap_get(f->node, key);

	f->side_node[side] = l;
	f->side_ok[side] = l == NULL || l->null || l->type == YNODE_SEQ;
	if (l == NULL || l->type != YNODE_SEQ || l->n == 0)
		return;
	f->lines[side] = xcalloc(l->n, sizeof *f->lines[side]);
	for (size_t i = 0; i < l->n; i++) {
		struct finance_line *ln = &f->lines[side][f->nlines[side]++];

		ln->node = l->items[i];
		ln->item = ymap_str(l->items[i], "item");
		ln->amount = amount_of(l->items[i], "amount");
		f->sum[side] += ln->amount.fen;
		f->side_ok[side] &= ln->amount.ok;
	}
}

static struct finance *
finance_new(const struct ynode *fin)
{
	struct finance *f = xcalloc(1, sizeof *f);

	f->node = fin;
	f->opening = amount_of(fin, "opening_balance");
	f->closing = amount_of(fin, "closing_balance");
	f->stated_total[FIN_INCOME] = amount_of(fin, "income_total");
	f->stated_total[FIN_EXPENSE] = amount_of(fin, "expense_total");
	fill_side(f, FIN_INCOME, "income");
	fill_side(f, FIN_EXPENSE, "expense");
	return f;
}

static struct notice *
notice_new(const struct ynode *n)
{
	struct notice *nt = xcalloc(1, sizeof *nt);
	const char *fs = ymap_str(n, "from"), *ts = ymap_str(n, "to");
	int okf = fs != NULL && date_parse(fs, &nt->from) == 0;
	int okt = ts != NULL && date_parse(ts, &nt->to) == 0;

	nt->node = n;
	nt->kind = ymap_str(n, "kind");
	nt->contact = ymap_str(n, "contact");
	nt->to_node = ymap_get(n, "to");
	if (!okf)
		nt->from = (struct date){ 0, 0, 0 };
	if (!okt)
		nt->to = (struct date){ 0, 0, 0 };
	nt->dated = okf && okt;
	return nt;
}

void
model_fill_disclosure(struct record *r)
{
	const struct ynode *fm = r->fm.root, *n;
	struct disclosure *d = xcalloc(1, sizeof *d);

	d->category = ymap_str(fm, "category");
	d->category_pos = ymap_pos(fm, "category");
	d->cat = -1;
	for (int k = 0; d->category && schema_categories[k]; k++)
		if (strcmp(schema_categories[k], d->category) == 0)
			d->cat = k;
	d->period_text.s = ymap_str(fm, "period");
	d->period_text.node = ymap_get(fm, "period");
	d->has_period = d->period_text.s != NULL && period_parse(d->period_text.s, &d->period) == 0;
	if ((n = ymap_get(fm, "finance")) != NULL && n->type == YNODE_MAP)
		d->finance = finance_new(n);
	if ((n = ymap_get(fm, "notice")) != NULL && n->type == YNODE_MAP)
		d->notice = notice_new(n);
	d->rows.s = ymap_str(fm, "rows");
	d->rows.node = ymap_get(fm, "rows");
	r->disc = d;
}

void
model_unfill_disclosure(struct record *r)
{
	struct disclosure *d = r->disc;

	if (d == NULL)
		return;
	if (d->finance != NULL) {
		free(d->finance->lines[FIN_INCOME]);
		free(d->finance->lines[FIN_EXPENSE]);
		free(d->finance);
	}
	free(d->notice);
	free(d);
	r->disc = NULL;
}
