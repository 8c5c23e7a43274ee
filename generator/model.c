/*
 * model.c: the typed record model (model.h), filled once per record.
 */
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "model.h"
#include "schema.h"
#include "util.h"

/* A non-negative whole number at key, or -1 (schema.c has reported a bad one). */
static int
count_of(const struct ynode *map, const char *key)
{
	const char *s = ymap_str(map, key);
	char *end;
	long v;

	if (s == NULL)
		return -1;
	v = strtol(s, &end, 10);
	return *end || end == s || v < 0 || v > 1000000000 ? -1 : (int)v;
}

static int
zero_if_absent(int v)
{
	return v < 0 ? 0 : v;
}

/* What a meeting's page shows besides the votes: place, people, absentees, agenda. */
static void
fill_meeting_page(struct meeting *mt, const struct ynode *fm)
{
	const struct ynode *n;

	mt->location = ymap_str(fm, "location");
	mt->host = ymap_str(fm, "host");
	mt->recorder = ymap_str(fm, "recorder");
	if ((n = ymap_get(fm, "absent")) != NULL && n->type == YNODE_SEQ && n->n > 0) {
		mt->absent = xcalloc(n->n, sizeof *mt->absent);
		for (size_t i = 0; i < n->n; i++) {
			mt->absent[i].name = ymap_str(n->items[i], "name");
			mt->absent[i].reason = ymap_str(n->items[i], "reason");
		}
		mt->nabsent = n->n;
	}
	if ((n = ymap_get(fm, "agenda")) != NULL) {
		if (n->type == YNODE_SEQ && n->n > 0) {
			mt->agenda = xcalloc(n->n, sizeof *mt->agenda);
			for (size_t i = 0; i < n->n; i++)
				mt->agenda[mt->nagenda++] = n->items[i]->str;
		} else if (n->type != YNODE_SEQ && !n->null) {
			mt->agenda = xcalloc(1, sizeof *mt->agenda);
			mt->agenda[mt->nagenda++] = n->str;
		}
	}
}

static void
fill_meeting(struct record *r)
{
	const struct ynode *fm = r->fm.root, *res = ymap_get(fm, "resolutions");
	struct meeting *mt = xcalloc(1, sizeof *mt);
	int base;

	mt->type = ymap_str(fm, "meeting_type");
	fill_meeting_page(mt, fm);
	mt->expected = count_of(fm, "expected");
	mt->present = count_of(fm, "present");
	mt->present_node = ymap_get(fm, "present");
	mt->res_node = res;
	mt->res_listed = res != NULL && res->type == YNODE_SEQ && res->n > 0;
	mt->base = mt->type && strcmp(mt->type, "党员大会") == 0 ? VOTE_BASE_EXPECTED : VOTE_BASE_PRESENT;
	base = mt->base == VOTE_BASE_EXPECTED ? mt->expected : mt->present;
	if (res != NULL && res->type == YNODE_SEQ && res->n > 0) {
		mt->res = xcalloc(res->n, sizeof *mt->res);
		for (size_t i = 0; i < res->n; i++) {
			const struct ynode *it = res->items[i];
			struct resolution *rs = &mt->res[mt->nres];
			const char *st;

			if (it->type != YNODE_MAP)
				continue;
			rs->node = it;
			rs->item = ymap_str(it, "item");
			rs->votes_for = zero_if_absent(count_of(it, "for"));
			rs->against = zero_if_absent(count_of(it, "against"));
			rs->abstain = zero_if_absent(count_of(it, "abstain"));
			/* more than half: computed, never typed in */
			rs->passed = base >= 0 && 2L * rs->votes_for > base;
			rs->stated = (st = ymap_str(it, "passed")) != NULL ? schema_bool(st) == 1 : -1;
			mt->nres++;
		}
	}
	r->meeting = mt;
}

static void
fill_scorecard(struct record *r, int pass_mark)
{
	const struct ynode *fm = r->fm.root, *sc = ymap_get(fm, "scores");
	struct scorecard *s = xcalloc(1, sizeof *s);
	const char *st = ymap_str(fm, "stage");
	int pm = count_of(fm, "pass_mark");

	s->year = r->year;
	s->stage = -1;
	s->stage_name = st;
	s->stage_node = ymap_get(fm, "stage");
	s->year_given = ymap_str(fm, "year") != NULL;
	for (int i = 0; st && schema_stages[i]; i++)
		if (strcmp(schema_stages[i], st) == 0)
			s->stage = i;
	s->pass = pm >= 0 ? pm : pass_mark;
	if (sc != NULL && sc->type == YNODE_SEQ && sc->n > 0) {
		s->items = xcalloc(sc->n, sizeof *s->items);
		for (size_t i = 0; i < sc->n; i++) {
			const struct ynode *it = sc->items[i];
			struct score_item *si = &s->items[s->nitems];

			if (it->type != YNODE_MAP)
				continue;
			si->node = it;
			si->item = ymap_str(it, "item");
			si->max = zero_if_absent(count_of(it, "max"));
			si->score = zero_if_absent(count_of(it, "score"));
			si->score_node = ymap_get(it, "score");
			s->total += si->score;
			s->max += si->max;
			s->nitems++;
		}
	}
	s->verified = s->stage >= STAGE_COUNTY;
	s->passed = s->verified && s->total >= s->pass;
	r->score = s;
}

static void
fill_case(struct record *r)
{
	const struct ynode *fm = r->fm.root, *ev = ymap_get(fm, "evidence");
	struct casefile *c = xcalloc(1, sizeof *c);

	c->requirement = ymap_str(fm, "requirement");
	c->promoted = ymap_str(fm, "promoted");
	c->has_evidence = ev != NULL && ev->type == YNODE_SEQ;
	if (c->has_evidence && ev->n > 0) {
		c->evidence = xcalloc(ev->n, sizeof *c->evidence);
		for (size_t i = 0; i < ev->n; i++) {
			c->evidence[i].s = ev->items[i]->str;
			c->evidence[i].node = ev->items[i];
		}
		c->nevidence = ev->n;
	}
	r->cas = c;
}

/* A one-string-or-list key: its scalar, non-empty items. */
static size_t
scalars_of(const struct ynode *n, const struct ynode ***out)
{
	size_t cnt, k = 0;

	*out = NULL;
	if (n == NULL || n->null)
		return 0;
	cnt = n->type == YNODE_SEQ ? n->n : 1;
	if (cnt == 0)
		return 0;
	*out = xcalloc(cnt, sizeof **out);
	for (size_t i = 0; i < cnt; i++) {
		const struct ynode *t = n->type == YNODE_SEQ ? n->items[i] : n;

		if (t->type == YNODE_SCALAR && !t->null)
			(*out)[k++] = t;
	}
	return k;
}

/* What every record has: its year, tags and attachments. */
static void
fill_common(struct record *r)
{
	const struct ynode **v;
	int y = count_of(r->fm.root, "year");

	/* the year it is about (reports, assessments); else its date's: one rule for every page */
	r->year = y >= 0 ? y : r->date.y;
	r->tags_node = ymap_get(r->fm.root, "tags");
	r->ntags = scalars_of(r->tags_node, &v);
	if (r->ntags > 0) {
		r->tags = xcalloc(r->ntags, sizeof *r->tags);
		for (size_t i = 0; i < r->ntags; i++)
			r->tags[i] = v[i]->str;
	}
	free(v);
	r->nattachments = scalars_of(ymap_get(r->fm.root, "attachments"), &v);
	if (r->nattachments > 0) {
		r->attachments = xcalloc(r->nattachments, sizeof *r->attachments);
		for (size_t i = 0; i < r->nattachments; i++) {
			r->attachments[i].s = v[i]->str;
			r->attachments[i].node = v[i];
		}
	}
	free(v);
}

void
model_fill(struct record *r, int pass_mark)
{
	if (r->fm.root == NULL)
		return;
	fill_common(r);
	if (r->kind == KIND_MEETINGS)
		fill_meeting(r);
	else if (r->kind == KIND_ASSESSMENTS)
		fill_scorecard(r, pass_mark);
	else if (r->kind == KIND_DISCLOSURES)
		model_fill_disclosure(r);
	else if (r->kind == KIND_CASES)
		fill_case(r);
}

const char *const stat_keys[STAT__COUNT] = {
	"villages", "groups", "households", "population", "farmland_mu",
	"income_per_capita", "grain_per_capita_kg", "party_branches", "party_members",
};

void
model_fill_site(struct site *s)
{
	const struct ynode *st = s->fm.root ? ymap_get(s->fm.root, "stats") : NULL;

	s->summary = s->fm.root ? ymap_str(s->fm.root, "summary") : NULL;
	if (st == NULL || st->type != YNODE_SEQ || st->n == 0)
		return;
	s->stats = xcalloc(st->n, sizeof *s->stats);
	for (size_t i = 0; i < st->n; i++) {
		struct stats_year *y = &s->stats[i];

		y->year_text = ymap_str(st->items[i], "year");
		y->year = y->year_text ? atoi(y->year_text) : 0;
		for (int k = 0; k < STAT__COUNT; k++) {
			y->text[k] = ymap_str(st->items[i], stat_keys[k]);
			y->value[k] = y->text[k] ? strtod(y->text[k], NULL) : 0;
		}
	}
	s->nstats = st->n;
}

void
model_unfill_site(struct site *s)
{
	free(s->stats);
	s->stats = NULL;
	s->nstats = 0;
}

const struct stats_year *
site_stats_of(const struct site *s, int y)
{
	for (size_t i = 0; i < s->nstats; i++)
		if (s->stats[i].year_text && s->stats[i].year == y)
			return &s->stats[i];
	return NULL;
}

void
model_unfill(struct record *r)
{
	free(r->tags);
	r->tags = NULL;
	r->ntags = 0;
	free(r->attachments);
	r->attachments = NULL;
	r->nattachments = 0;
	model_unfill_disclosure(r);
	if (r->cas != NULL) {
		free(r->cas->evidence);
		free(r->cas);
		r->cas = NULL;
	}
	if (r->meeting != NULL) {
		free(r->meeting->absent);
		free(r->meeting->agenda);
		free(r->meeting->res);
		free(r->meeting);
		r->meeting = NULL;
	}
	if (r->score != NULL) {
		free(r->score->items);
		free(r->score);
		r->score = NULL;
	}
}

const char *
meeting_vote_rule(const struct meeting *mt)
{
	if (mt->base == VOTE_BASE_EXPECTED)
		return "党员大会的决议以赞成票超过应到会有表决权党员的半数为通过（《中国共产党支部工作条例（试行）》），由系统根据票数计算。";
	if (mt->type && strcmp(mt->type, "村民会议") == 0)
		return "村民会议的决定以赞成票超过到会人员的半数为通过（《村民委员会组织法》第二十二条），由系统根据票数计算。";
	if (mt->type && strcmp(mt->type, "村民代表会议") == 0)
		return "村民代表会议的决定以赞成票超过到会人员的半数为通过（《村民委员会组织法》第二十六条），由系统根据票数计算。";
	return "决议以赞成票超过实到人数的半数为通过，由系统根据票数计算。";
}

const char *
scorecard_result(const struct scorecard *sc)
{
	if (!sc->verified)
		return "待县委复核";
	return sc->passed ? "达标" : "未达标";
}

int
percent_of(long num, long den)
{
	if (den <= 0)
		return 0;
	return (int)((200 * num + den) / (2 * den));
}
