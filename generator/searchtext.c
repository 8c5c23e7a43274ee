/*
 * searchtext.c: what a page shows a reader, as the text the search index
 * gets (issue 20: a page is found by its own visible text, and only by
 * it). A record page's text is its head and sections (searchtext_head),
 * its rendered body, then what follows the body (searchtext_tail); the
 * order and labels follow themes/default/templates/record.html, so that a
 * phrase is adjacent in the index only where it is on the page.
 */
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "date.h"
#include "diag.h"
#include "life.h"
#include "matter.h"
#include "model.h"
#include "money.h"
#include "render.h"
#include "searchtext.h"
#include "util.h"
#include "value.h"

/* "label value" when the value is there (a line of the page's facts). */
static void
index_fact(struct sb *b, const char *label, const char *value)
{
	if (value != NULL && *value != '\0')
		sb_printf(b, "%s%s%s\n", label, *label ? " " : "", value);
}

/*
 * The head of a record page as the reader sees it: site, kind, category,
 * the date in words, the author, the period in words. Only what the page
 * shows (issue 20: truth is the page's own text): not the town, which the
 * record page does not name, nor the date as 2023-05-19, which search.js
 * asks for in words too (GK.variants).
 */
static void
index_head(struct sb *b, const struct record *r)
{
	const char *s;
	char buf[48];

	sb_printf(b, "%s · %s", r->site->name, kind_info[r->kind].cn);
	if (r->disc != NULL && (s = r->disc->category) != NULL)
		sb_printf(b, " · %s", s);
	sb_putc(b, '\n');
	if (r->date.y)
		sb_printf(b, "%s\n", date_cn(r->date, buf));
	if (r->author != NULL && *r->author != '\0')
		sb_printf(b, "%s\n", r->author);
	if (r->disc != NULL && r->disc->has_period)
		sb_printf(b, "所属期：%s\n", period_cn(r->disc->period, buf));
}

/* Who was absent and the votes, as the meeting's section shows them. */
static void
index_meeting(struct sb *b, const struct meeting *mt)
{
	if (mt->nabsent > 0)
		sb_puts(b, "缺席人员\n");
	for (size_t i = 0; i < mt->nabsent; i++) {
		const struct absentee *p = &mt->absent[i];

		sb_printf(b, "%s%s%s%s\n", p->name ? p->name : "", p->reason ? "（" : "",
		    p->reason ? p->reason : "", p->reason ? "）" : "");
	}
	if (mt->nagenda > 0)
		sb_puts(b, "议题\n");
	for (size_t i = 0; i < mt->nagenda; i++)
		sb_printf(b, "%s\n", mt->agenda[i]);
	if (mt->nres == 0)
		return;
	sb_puts(b, "表决结果\n事项 赞成 反对 弃权 结果\n");
	for (size_t i = 0; i < mt->nres; i++) {
		const struct resolution *rs = &mt->res[i];

		sb_printf(b, "%s %d %d %d %s\n", rs->item ? rs->item : "", rs->votes_for, rs->against,
		    rs->abstain, rs->passed ? "通过" : "未通过");
	}
	sb_printf(b, "%s\n", meeting_vote_rule(mt));
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
		sb_puts(b, "会议情况\n");
		index_fact(b, "会议类型", mt->type);
		index_fact(b, "地点", mt->location);
		index_fact(b, "主持人", mt->host);
		index_fact(b, "记录人", mt->recorder);
		if (mt->expected >= 0 && mt->present >= 0)
			sb_printf(b, "应到 / 实到 %d 人 / %d 人\n", mt->expected, mt->present);
		index_meeting(b, mt);
	}
	if (fin == NULL)
		return;
	sb_printf(b, "财务收支公开表\n财务收支明细\n项目 金额\n期初余额 %s 元\n", money_format(fin->opening.fen, buf));
	for (int k = FIN_INCOME; k <= FIN_EXPENSE; k++) {
		sb_printf(b, "%s\n", side_cn[k]);
		for (size_t i = 0; i < fin->nlines[k]; i++) {
			const struct finance_line *l = &fin->lines[k][i];

			sb_printf(b, "%s %s 元\n", l->item ? l->item : "", money_format(l->amount.fen, buf));
		}
		sb_printf(b, "%s合计 %s 元\n", side_cn[k], money_format(fin->sum[k], buf));
	}
	sb_printf(b, "期末余额 %s 元\n", money_format(fin->closing.fen, buf));
	sb_puts(b, "期初余额 + 收入合计 − 支出合计 = 期末余额，已由系统核对。\n");
}

/*
 * A 公示 as its section shows it: the kind, the status as of the build,
 * the period in words (not the dates as written in the front matter,
 * which the page does not show) and whom to tell of an objection.
 */
static void
index_notice(struct sb *b, const struct model *m, const struct notice *n)
{
	char f[32], t[32], asof[32];
	const char *status;
	int running;

	if (n == NULL)
		return;
	sb_printf(b, "公示%s%s%s\n", n->kind ? "（" : "", n->kind ? n->kind : "", n->kind ? "）" : "");
	status = gen_notice_status(m, n, &running);
	if (status != NULL)
		sb_printf(b, "%s ", status);
	sb_printf(b, "公示期：%s至%s（截至 %s）\n", n->from.y ? date_cn(n->from, f) : "",
	    n->to.y ? date_cn(n->to, t) : "", date_cn(m->cfg->as_of, asof));
	if (n->contact != NULL)
		sb_printf(b, "如有异议，请向 %s 反映。\n", n->contact);
}

/* The 四议两公开 matters a meeting or disclosure holds a step of. */
static void
index_matters(struct sb *b, const struct model *m, const struct record *r)
{
	size_t n;
	struct mref **v = matters_of_record(m->matters, r, &n);
	int any = 0;

	for (size_t i = 0; i < n; i++) {
		const struct matter *mt = v[i]->matter;

		if (mt == NULL || !matter_published(m, mt))
			continue;
		if (!any++)
			sb_puts(b, "四议两公开\n");
		if (v[i]->res != NULL && v[i]->res->item != NULL)
			sb_printf(b, "%s：", v[i]->res->item);
		sb_printf(b, "%s，属于事项 %s（%s）\n", v[i]->step >= 0 ? mstep_name[v[i]->step] : "",
		    mt->title, mstatus_name[mt->status]);
	}
}

/* A disclosure's review, as its 审核 section shows it (life.h). */
static void
index_review(struct sb *b, const struct record *r)
{
	const struct life_review *rv = r->life != NULL ? r->life->review : NULL;
	const struct ynode *by;
	size_t n;
	char buf[32];

	if (rv == NULL)
		return;
	sb_printf(b, "审核\n审核机构 %s\n", rv->body ? rv->body : "村务监督委员会");
	by = rv->by;
	n = by == NULL || by->null ? 0 : by->type == YNODE_SEQ ? by->n : 1;
	for (size_t i = 0, k = 0; i < n; i++) {
		const struct ynode *it = by->type == YNODE_SEQ ? by->items[i] : by;

		if (it->type == YNODE_SCALAR && !it->null)
			sb_printf(b, "%s%s", k++ ? "、" : "审核人 ", it->str);
		if (i + 1 == n && k > 0)
			sb_putc(b, '\n');
	}
	if (rv->date.y)
		sb_printf(b, "审核日期 %s\n", date_cn(rv->date, buf));
	index_fact(b, "审核意见", rv->opinion);
}

/* A disclosure's corrections and objections, as their sections show them. */
static void
index_life(struct sb *b, const struct record *r)
{
	const struct life *l = r->life;
	char x[32], y[32];

	if (l == NULL)
		return;
	if (l->ncorrections > 0)
		sb_puts(b, "更正说明\n");
	for (size_t i = 0; i < l->ncorrections; i++)
		sb_printf(b, "%s更正：%s\n", l->corrections[i].date.y ? date_cn(l->corrections[i].date, x) : "",
		    l->corrections[i].reason ? l->corrections[i].reason : "");
	if (l->nobjections > 0)
		sb_puts(b, "异议及答复\n收到日期 异议内容 答复日期 处理结果\n");
	for (size_t i = 0; i < l->nobjections; i++) {
		const struct life_objection *o = &l->objections[i];

		sb_printf(b, "%s %s %s %s\n", o->received.y ? date_cn(o->received, x) : "",
		    o->summary ? o->summary : "", o->replied.y ? date_cn(o->replied, y) :
		    o->overdue ? "逾期未答复" : "待答复", o->outcome ? o->outcome : "");
	}
	if (l->nobjections > 0)
		sb_puts(b, "依照规定不公开异议人姓名。\n");
}

/* An assessment's table and result, as its section shows them. */
static void
index_assessment(struct sb *b, const struct record *r)
{
	const struct scorecard *sc = r->score;

	if (r->kind != KIND_ASSESSMENTS || sc == NULL)
		return;
	sb_printf(b, "%d年度“五个好”考核评分（%s）\n考核项目 满分 得分\n", r->year,
	    sc->stage_name ? sc->stage_name : "");
	for (size_t i = 0; i < sc->nitems; i++)
		sb_printf(b, "%s %d %d\n", sc->items[i].item ? sc->items[i].item : "", sc->items[i].max,
		    sc->items[i].score);
	sb_printf(b, "合计 %d %d\n达标分 %d 分，结果：%s\n", sc->max, sc->total, sc->pass, scorecard_result(sc));
}

/*
 * A 公示's name table, masked as its page shows it (gen_rows), while the
 * rules keep it published (life_rows_shown); after, the count left.
 */
static void
index_rows(struct sb *b, const struct model *m, const struct record *r)
{
	struct arena *a;
	struct diags quiet;	/* the record page reports any problem */
	struct val *v, *head, *rows;

	if (r->life != NULL && r->life->expired) {
		long n = life_rows_count(r);
		char on[32];

		sb_puts(b, "公示名单\n本公示名单共 ");
		if (n >= 0)
			sb_printf(b, "%ld", n);
		sb_printf(b, " 人（户），公示期满已超过规定的保存期限，自 %s起依法不再公开个人信息。\n",
		    date_cn(r->life->expired_on, on));
	}
	if (r->kind != KIND_DISCLOSURES || r->disc == NULL || r->disc->rows.s == NULL || !life_rows_shown(r))
		return;
	a = arena_new();
	diags_init(&quiet);
	v = gen_rows(a, r, r->disc->rows.s, m->cfg->pii_allow, &quiet);
	head = v_get(v, "header");
	rows = v_get(v, "rows");
	sb_puts(b, "公示名单\n");
	for (unsigned i = 0; head != NULL && i < head->n; i++)
		sb_printf(b, "%s%s", i ? " " : "", head->items[i]->s ? head->items[i]->s : "");
	sb_putc(b, '\n');
	for (unsigned i = 0; rows != NULL && i < rows->n; i++) {
		for (unsigned j = 0; j < rows->items[i]->n; j++)
			sb_printf(b, "%s%s", j ? " " : "", rows->items[i]->items[j]->s ? rows->items[i]->items[j]->s : "");
		sb_putc(b, '\n');
	}
	diags_free(&quiet);
	arena_free(a);
}

/* "目录" above the body when the page lists its sections (corepages.c's v_toc: two or more). */
static void
index_toc(struct sb *b, const struct record *r)
{
	size_t n23 = 0, n = 0;
	int deepest;

	for (size_t i = 0; i < r->body.ntoc; i++)
		n23 += r->body.toc[i].level == 2 || r->body.toc[i].level == 3;
	deepest = n23 > 12 ? 2 : 3;
	for (size_t i = 0; i < r->body.ntoc; i++)
		n += r->body.toc[i].level >= 2 && r->body.toc[i].level <= deepest;
	if (n >= 2)
		sb_puts(b, "目录\n");
}

/*
 * The rest of the front matter a record page shows as text: agenda,
 * 公示 details, case and assessment fields. Masked later like the body.
 */
void
searchtext_head(struct sb *b, const struct model *m, const struct record *r)
{
	index_head(b, r);
	index_life(b, r);
	index_notice(b, m, r->disc != NULL ? r->disc->notice : NULL);
	index_tables(b, r);
	index_matters(b, m, r);
	index_rows(b, m, r);
	index_review(b, r);
	index_assessment(b, r);
	if (r->cas != NULL) {
		index_fact(b, "对应要求", r->cas->requirement);
		index_fact(b, "推广级别", r->cas->promoted);
	}
	index_toc(b, r);
}

/*
 * A case's evidence as its list shows it: title, date, site, kind,
 * category, period, meeting type and summary. The summary is made with
 * the bodies, before any page (model_render_bodies renders every record a
 * case names), so the index reads the same at any -j.
 */
static void
index_evidence(struct sb *b, const struct model *m, const struct record *t)
{
	const struct disclosure *d = t->disc;
	char buf[48];
	const char *status = NULL;
	int running = 0;

	if (d != NULL && d->notice != NULL)
		status = gen_notice_status(m, d->notice, &running);
	sb_printf(b, "%s%s%s\n", t->title ? t->title : "", running ? " " : "", running ? status : "");
	if (t->date.y)
		sb_printf(b, "%s · ", date_cn(t->date, buf));
	sb_printf(b, "%s · %s", t->site->name, kind_info[t->kind].cn);
	if (d != NULL && d->category != NULL)
		sb_printf(b, " · %s", d->category);
	if (d != NULL && d->has_period)
		sb_printf(b, " · %s", period_cn(d->period, buf));
	if (t->meeting != NULL && t->meeting->type != NULL)
		sb_printf(b, " · %s", t->meeting->type);
	sb_putc(b, '\n');
	index_fact(b, "", t->summary);
}

/*
 * What a record page shows after its body: a case's evidence, the QR
 * code's address and the print link of a disclosure (issue 20: the print
 * link's text was not searchable), the tags as one line.
 */
void
searchtext_tail(struct sb *b, const struct model *m, const struct record *r)
{
	if (r->cas != NULL && r->cas->nevidence > 0) {
		sb_puts(b, "\n佐证材料\n");
		for (size_t i = 0; i < r->cas->nevidence; i++) {
			const struct record *t = model_resolve(m, r, r->cas->evidence[i].s);

			if (t != NULL && t->published)
				index_evidence(b, m, t);
		}
	}
	if (r->nattachments > 0)
		sb_puts(b, "\n附件\n");
	for (size_t i = 0; i < r->nattachments; i++) {
		const char *f = r->attachments[i].s, *base = strrchr(f, '/');

		/* the link shows the file's name */
		sb_printf(b, "%s\n", base ? base + 1 : f);
	}
	if (r->kind == KIND_DISCLOSURES && m->cfg->base_url[0])
		sb_printf(b, "\n扫码查看网上原文：\n%s%s\n", m->cfg->base_url, r->url);
	if (r->kind == KIND_DISCLOSURES && r->disc != NULL && r->disc->has_period)
		sb_puts(b, "\n打印本期公开栏（A4，带二维码）\n");
	if (r->ntags > 0)
		sb_puts(b, "\n标签：");
	for (size_t i = 0; i < r->ntags; i++)
		sb_puts(b, r->tags[i]);
	sb_putc(b, '\n');
}

/* A site's profile as its page shows it: where it is, its figures, its text. */
void
searchtext_site(struct sb *b, const struct site *s)
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
		int any = 0;

		for (size_t i = 0; i < st->n; i++)
			any |= ymap_str(st->items[i], keys[k]) != NULL;
		/* the page leaves out a row with no figure */
		if (!any)
			continue;
		/*
		 * cells apart as the table's are: a row of figures joined by
		 * spaces looked like a phone number to the privacy net
		 */
		for (size_t i = 0; i < st->n; i++) {
			const char *v = ymap_str(st->items[i], keys[k]);
			sb_printf(b, "%s%s", i ? " · " : "", v ? v : "—");
		}
		sb_putc(b, '\n');
	}
	sb_puts(b, s->body.text ? s->body.text : "");
}

/*
 * A 四议两公开 matter as its page shows it: the site (not its town, which
 * the page does not name), its subject, amount and
 * status, and each step held with its date (an internal record's step shows
 * only that, so only that is indexed).
 */
void
searchtext_matter(struct sb *b, const struct matter *mt)
{
	char buf[48];

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

