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

static void
fill_meeting(struct record *r)
{
	const struct ynode *fm = r->fm.root, *res = ymap_get(fm, "resolutions");
	struct meeting *mt = xcalloc(1, sizeof *mt);
	int base;

	mt->type = ymap_str(fm, "meeting_type");
	mt->expected = count_of(fm, "expected");
	mt->present = count_of(fm, "present");
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

	/* the year it assesses; the record's date's when not written (one rule for every page) */
	s->year = count_of(fm, "year") >= 0 ? count_of(fm, "year") : r->date.y;
	s->stage = -1;
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
			s->total += si->score;
			s->max += si->max;
			s->nitems++;
		}
	}
	s->verified = s->stage >= STAGE_COUNTY;
	s->passed = s->verified && s->total >= s->pass;
	r->score = s;
}

void
model_fill(struct record *r, int pass_mark)
{
	if (r->fm.root == NULL)
		return;
	if (r->kind == KIND_MEETINGS)
		fill_meeting(r);
	else if (r->kind == KIND_ASSESSMENTS)
		fill_scorecard(r, pass_mark);
}

void
model_unfill(struct record *r)
{
	if (r->meeting != NULL) {
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
