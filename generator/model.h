/*
 * model.h: the typed record model (issue 16). Once a record's front matter
 * has passed the schema and the privacy gate, model_fill reads it into the
 * structs below, once, and computes what the law decides from it: whether
 * each resolution of a meeting passed, by the rule of the meeting's type,
 * and what a 五个好 scorecard adds up to and whether its stage may decide
 * 达标 at all. Every later stage reads these fields, never the YAML, so a
 * rule has one copy.
 */
#ifndef GONGKAI_MODEL_H
#define GONGKAI_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "frontmatter.h"

struct record;
struct site;
struct ynode;

/*
 * A string of the front matter with the node it came from (the node's
 * position is what a diagnostic points at). The string lives in the tree.
 */
struct fmstr {
	const char		*s;
	const struct ynode	*node;
};

/* What a resolution's 赞成 must be more than half of. */
enum vote_base {
	VOTE_BASE_PRESENT,	/* 村民会议 (组织法 Art. 22), 村民代表会议 (Art. 26) and the rest: 实到 */
	VOTE_BASE_EXPECTED	/* 党员大会 (支部工作条例): the members with voting rights who should attend, 应到 */
};

struct resolution {
	const char		*item;		/* 事项, in the record's tree */
	int			 votes_for, against, abstain;
	int			 passed;	/* computed: 2 * for > base, and the base known */
	int			 stated;	/* the record's own passed: 1 or 0, -1 when absent */
	const struct ynode	*node;		/* the item in the tree, for positions */
};

/* One 缺席 entry. */
struct absentee {
	const char		*name, *reason;	/* either may be NULL */
};

struct meeting {
	const char		*type;		/* 会议类型, or NULL */
	const char		*location, *host, *recorder;	/* 地点, 主持人, 记录人, or NULL */
	struct absentee		*absent;	/* owned */
	size_t			 nabsent;
	const char		**agenda;	/* 议题, owned array of strings in the tree */
	size_t			 nagenda;
	int			 expected;	/* 应到, -1 when not given */
	int			 present;	/* 实到, -1 when not given */
	enum vote_base		 base;
	struct resolution	*res;		/* owned */
	size_t			 nres;
	int			 res_listed;	/* resolutions: is a non-empty list (of anything) */
	const struct ynode	*present_node, *res_node;	/* for positions, or NULL */
};

struct score_item {
	const char		*item;
	int			 max, score;
	const struct ynode	*node;		/* the item in the tree, for positions */
	const struct ynode	*score_node;	/* its score: value, or NULL */
};

/* The stages of a 五个好 assessment, in order (schema_stages). */
enum stage {
	STAGE_SELF,		/* 自查申报 */
	STAGE_TOWN,		/* 镇党委考核 */
	STAGE_COUNTY,		/* 县委复核 */
	STAGE_NOTICE,		/* 公示 */
	STAGE_NAMED		/* 命名 */
};

struct scorecard {
	int			 year;		/* the record's year (r->year) */
	int			 stage;		/* enum stage, or -1 */
	const char		*stage_name;	/* as written (阶段), or NULL */
	const struct ynode	*stage_node;	/* for positions, or NULL */
	int			 year_given;	/* the record has a year: (else year is its date's) */
	struct score_item	*items;		/* owned */
	size_t			 nitems;
	int			 total, max;
	int			 pass;		/* pass_mark: the record's, else site.yaml's */
	/*
	 * Only a score the county has verified (县委复核 or later) decides 达标
	 * and ranks; a self-reported or town score is shown as such.
	 */
	int			 verified;
	int			 passed;	/* verified && total >= pass */
};

/* An amount of money as written: fen, and whether it was there and parsed. */
struct amount {
	int64_t			 fen;		/* 0 when absent or unusable */
	int			 ok;		/* present and well-formed (schema.c reported a bad one) */
	const struct ynode	*node;		/* the value, or NULL when absent */
};

/* One line of a finance table. */
struct finance_line {
	const char		*item;		/* 项目, or NULL */
	struct amount		 amount;
	const struct ynode	*node;		/* the line, for positions */
};

enum { FIN_INCOME, FIN_EXPENSE };

/*
 * A 财务公开's table, built once (the finance builder): the page, the
 * print sheet, the chart and check_money all read it.
 */
struct finance {
	const struct ynode	*node;		/* the finance: mapping */
	struct amount		 opening, closing;		/* 期初余额, 期末余额 */
	struct amount		 stated_total[2];		/* income_total, expense_total as written */
	struct finance_line	*lines[2];	/* FIN_INCOME, FIN_EXPENSE; owned */
	size_t			 nlines[2];
	int64_t			 sum[2];	/* Σ of the usable amounts of each side */
	int			 side_ok[2];	/* the side is absent, or a list whose amounts all parse */
	const struct ynode	*side_node[2];	/* the income:/expense: value, or NULL */
};

/* A 公示 (notice:). */
struct notice {
	const struct ynode	*node;		/* the notice: mapping */
	const char		*kind;		/* 低保 …, or NULL */
	const char		*contact;	/* or NULL */
	struct date		 from, to;	/* 0 0 0 when absent or not a date */
	int			 dated;		/* both from and to are dates */
	const struct ynode	*to_node;	/* for positions; NULL when absent */
};

/*
 * A disclosure's typed fields. Other helpers add theirs here (review,
 * corrections, matters …): keep each one a plain field filled in
 * model_disclosure.c.
 */
struct disclosure {
	const char		*category;	/* 类别 as written, or NULL */
	struct ypos		 category_pos;
	int			 cat;		/* index in schema_categories, or -1 */
	struct fmstr		 period_text;	/* 所属期 as written (s NULL when absent) */
	struct period		 period;
	int			 has_period;	/* period_text parsed */
	struct finance		*finance;	/* owned; NULL without a finance: mapping */
	struct notice		*notice;	/* owned; NULL without a notice: mapping */
	struct fmstr		 rows;		/* 名单 CSV as written (s NULL when absent) */
};

/* A case's typed fields. */
struct casefile {
	const char		*requirement;	/* 对应要求, or NULL */
	const char		*promoted;	/* 推广级别, or NULL */
	struct fmstr		*evidence;	/* 佐证 paths, owned; NULL-s items skipped */
	size_t			 nevidence;
	int			 has_evidence;	/* evidence: is a list (possibly empty) */
};

/* The figures of a profile's stats, in the order pages show them. */
enum stat_key {
	STAT_VILLAGES, STAT_GROUPS, STAT_HOUSEHOLDS, STAT_POPULATION, STAT_FARMLAND,
	STAT_INCOME, STAT_GRAIN, STAT_BRANCHES, STAT_MEMBERS, STAT__COUNT
};
/* The English key of each figure (villages, groups …). */
extern const char *const stat_keys[STAT__COUNT];

/* One year of a profile's stats (基本数据). */
struct stats_year {
	const char		*year_text;	/* as written, or NULL */
	int			 year;		/* 0 when not given */
	const char		*text[STAT__COUNT];	/* as written, NULL when absent */
	double			 value[STAT__COUNT];	/* strtod of text, 0 when absent */
};

/*
 * Fills r's typed fields from r's tree: r->year, tags and attachments of
 * every record, and r->meeting, r->score, r->disc or r->cas by kind.
 * pass_mark is site.yaml's. The structs point into the tree and live as
 * long as r.
 */
void model_fill(struct record *r, int pass_mark);
/* Frees what model_fill made for r. */
void model_unfill(struct record *r);
/* A profile's typed fields (s->stats); model_unfill_site frees them. */
void model_fill_site(struct site *s);
void model_unfill_site(struct site *s);
/* The stats of year y, or NULL. */
const struct stats_year *site_stats_of(const struct site *s, int y);

/* model_disclosure.c: r->disc from r's tree (model_fill calls it), and its free. */
void model_fill_disclosure(struct record *r);
void model_unfill_disclosure(struct record *r);

/* The rule a meeting's resolutions pass by, one Chinese sentence for readers (static). */
const char *meeting_vote_rule(const struct meeting *mt);
/* The result of a scorecard in words: 达标, 未达标, or 待县委复核 when not yet verified (static). */
const char *scorecard_result(const struct scorecard *sc);
/* num / den as a whole percent, rounded half up (6 of 7 is 86); 0 when den is 0. */
int percent_of(long num, long den);

#endif
