/*
 * gongkai.h: the shared types of the pipeline
 *   load (content.c) -> parse (frontmatter.c, schema.c) -> model (model.c)
 *   -> check (check*.c) -> render (markdown.c, pages.c, template.c)
 *   -> write (output.c)
 * Every member says what it holds and who owns it.
 */
#ifndef GONGKAI_H
#define GONGKAI_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "diag.h"
#include "frontmatter.h"
#include "kinds.h"
#include "markdown.h"

#define GONGKAI_VERSION "0.1.0"

/* A name of the rules (a category, a meeting type, a notice kind) and its value. */
struct rule_entry {
	const char	*name;		/* points into the config's tree */
	int		 value;		/* enum period_unit (-1 when unknown), or days */
};

/* site.yaml's rules, read once by config.c; every stage reads these. */
struct site_rules {
	struct rule_entry *frequency;	/* disclosure_frequency, in written order (owned) */
	size_t		 nfrequency;
	struct rule_entry *cadence;	/* meeting_cadence, in written order (owned) */
	size_t		 ncadence;
	int		 grace_days;	/* disclosure_grace_days, 0 by default */
	int		 matter_disclosure_days;	/* 决议公开 due this many days after the 决议; 7 */
	int		 objection_reply_days;	/* an objection answered within this many working days; 5 */
	struct date	 since;		/* disclosure_since, 0 when not given */
	struct rule_entry *min_days;	/* notice_min_days, kind entries and default (owned) */
	size_t		 nmin_days;
	int		 has_min_days;	/* notice_min_days is a mapping */
	int		 workdays;	/* notice_day_unit: workday */
	struct date	*holiday_list, *workday_list;	/* holidays, workdays (owned) */
	size_t		 nholidays, nworkdays;
	const char	**review_required;	/* categories whose disclosures need a review (owned array) */
	size_t		 nreview_required;
};

/*
 * site.yaml's footer: one line of text, or the keys the README lists (schema.c
 * checks them); the strings point into the config's tree, masked by the gate.
 */
struct site_footer {
	int		 given;		/* footer: present, in either form */
	const char	*text;		/* footer: 一行文字, or its 'text' key */
	const char	*org, *operator_, *contact, *address;
	const char	*icp, *police, *site_code, *mark, *mark_url;
	int		 mark_line, mark_col;	/* where 'mark' is, for its error */
};

struct config {
	char		*path;		/* display path of site.yaml */
	char		*src;		/* file text (owned) */
	struct fm	 fm;		/* parsed, keys in English */
	const char	*title;		/* the strings below point into fm */
	char		*base_url;	/* owned; "" or ends with '/' */
	const char	*language;
	const char	*description;
	struct site_footer footer;
	const char	*feedback;	/* 意见反馈: a line with a phone, mail or web address */
	const char	*theme;		/* theme name, "default" when not given */
	const char	*retention_default;	/* rules.notice_retention_days.default, as written */
	struct ynode	*rules;		/* mapping or NULL; read only by config.c into rs */
	struct site_rules rs;
	struct date	 as_of;
	struct ypos	 as_of_pos;	/* where site.yaml pins as_of; {0, 0} when it does not */
	int		 privacy_refuse;
	const char	**privacy_allow;/* owned array of pointers into fm */
	size_t		 nallow;
	struct pii_allow *pii_allow;	/* the same, read once for the detector (owned) */
	int		 unsafe_html;
	int		 paginate;	/* items per list page */
	int		 pass_mark;
};

struct record;

/* A demonstration site: sites/<id>/index.md. */
struct site {
	char		*id;		/* folder name, [a-z0-9-] */
	char		*path;		/* display path of index.md */
	char		*src;		/* file text (owned) */
	struct fm	 fm;
	const char	*name;
	const char	*level, *type, *location, *parent_id;	/* may be NULL */
	struct site	*parent;	/* resolved parent, or NULL */
	struct date	 since;		/* 0 when not given */
	struct md_doc	 body;
	const char	*summary;	/* 摘要, or NULL (model.c) */
	struct stats_year *stats;	/* 基本数据, one per entry, owned (model.c) */
	size_t		 nstats;
	char		*url;		/* "sites/<id>/" (owned) */
	struct record	**recs[KIND__COUNT];	/* published records, newest first */
	size_t		 nrecs[KIND__COUNT];
};

/* One dated record: sites/<id>/<kind>/<date>-<slug>.md or reports/<year>.md */
struct record {
	enum kind	 kind;
	struct site	*site;
	char		*path;		/* display path, e.g. content/sites/x/work/a.md */
	char		*rel;		/* path inside the content folder: sites/x/work/a.md */
	char		*slug;		/* file name without .md */
	char		*url;		/* "sites/x/work/<slug>/" (owned) */
	char		*src;		/* file text (owned) until parsed: model_forget_source */
	size_t		 srclen;	/* kept, with srchash, to read the file again */
	uint64_t	 srchash;	/* hash_bytes of the text */
	uint64_t	 fmhash;	/* hash_bytes of the text before the body: its front matter (pagekey.h) */
	int		 rendered;	/* summary and table of contents made (links.c) */
	int		 evidence;	/* a case names it: its summary is made before the pages (links.c) */
	size_t		 body_off, body_len;	/* the body's bytes in the text */
	struct fm	 fm;		/* keys in English after schema_check */
	const char	*title;		/* points into fm */
	struct date	 date;
	int		 draft;
	int		 internal;	/* audience: internal: checked, never published */
	int		 published;	/* will have a page */
	int		 broken;	/* its file had errors: reported once, not again by links to it */
	const char	*author;
	const char	*given_summary;	/* 摘要 as written (points into fm), or NULL */
	char		*summary;	/* owned: given_summary or the first paragraph cut (links.c) */
	struct meeting	*meeting;	/* a meeting's typed fields (model.h), owned; else NULL */
	struct scorecard *score;	/* an assessment's (model.h), owned; else NULL */
	struct disclosure *disc;	/* a disclosure's (model.h), owned; else NULL */
	struct casefile	*cas;		/* a case's (model.h), owned; else NULL */
	int		 year;		/* its year: the year key (reports, assessments), else its date's */
	const char	**tags;		/* 标签, owned array of strings in the tree (model.c) */
	size_t		 ntags;
	const struct ynode *tags_node;	/* the tags: value, for positions, or NULL */
	struct fmstr	*attachments;	/* 附件, owned (model.c) */
	size_t		 nattachments;
	struct life	*life;		/* a disclosure's review, corrections… (life.h), owned; else NULL */
	struct md_doc	 body;
	size_t		 index;		/* in model.recs */
};

/* A free page: pages/<slug>.md */
struct page {
	char		*path, *rel, *slug, *url;	/* owned */
	char		*src;
	struct fm	 fm;
	const char	*title;
	struct date	 date;
	int		 weight, menu, draft;
	const char	*summary, *author;	/* point into fm; NULL when not given */
	struct md_doc	 body;
};

struct model {
	struct config	*cfg;
	char		*content_dir;	/* as given, without trailing '/' */
	struct site	**sites;	/* sorted by id */
	size_t		 nsites;
	struct record	**recs;		/* every record, sorted by rel path */
	size_t		 nrecs;
	struct page	**pages;	/* sorted by slug */
	size_t		 npages;
	char		**statics;	/* files under static/, relative to it, sorted by strcmp */
	size_t		 nstatics;
	_Atomic unsigned char *static_links;	/* one per statics[i]: ATTACH_LINK_* bits (attach.h),
					   set while bodies render, from any thread (owned) */
	int		 drafts;	/* --drafts: publish drafts too */
	const struct pool *pool;	/* the build's threads for its parallel loops (pool.h); borrowed */
	struct matters	*matters;	/* 四议两公开 (matter.h), owned; made by model_load */
	struct compliance *compliance;	/* check_model's summary for the dashboard (check_rules.h);
					   owned: model_free frees it */
	char		 history_head[48];	/* the commit history_load read from ("" when none):
					   the versions it found are those of this commit (pagekey.h) */
};

/* How a build was asked for (command line). */
struct build_opts {
	const char	*content_dir;
	const char	*output_dir;
	const char	*theme_dir;
	const char	*base_url;	/* overrides site.yaml, or NULL */
	const char	*as_of;		/* overrides site.yaml, or NULL */
	int		 drafts;
	int		 quiet, verbose;
	int		 check_only;	/* gongkai check: no output */
	int		 strict;	/* warnings fail the build */
	int		 json;		/* check --format json: one JSON document on stdout */
	int		 jobs;		/* -j: threads for rendering; 0 = the number of cores */
};

/*
 * stage.c: under -v, prints "what", the wall and CPU time (every thread's)
 * since the clock's last reading and the memory in use, then reads the
 * clock again. pages_write reports its parts on a clock of its own.
 */
struct stage_clock {
	double	 wall, cpu;	/* seconds */
};
void build_stage(const struct build_opts *o, const char *what, struct stage_clock *c);
/* stage.c: seconds on a monotonic clock, and the process's CPU seconds (all threads). */
double stage_now(void);
double stage_cpu(void);

/* config.c */
struct config *config_load(const char *content_dir, struct diags *d);
void config_free(struct config *c);
/* config_rules.c: c->rs from c->rules (config_load calls it), and its free. */
void config_rules_fill(struct config *c);
void config_rules_free(struct config *c);
/* The first entry called name among v[0..n), or NULL. */
const struct rule_entry *rules_entry(const struct rule_entry *v, size_t n, const char *name);

/*
 * content.c: reads and validates the whole tree, on pool's threads (kept in
 * m->pool: it must outlive the model). Returns NULL only on system errors.
 */
struct pool;
struct model *model_load(const char *content_dir, struct config *cfg, int drafts, const struct pool *pool,
    struct diags *d);
void model_free(struct model *m);
/*
 * A record's source is freed as soon as it is parsed (issue 7: at county
 * scale the sources are hundreds of MB, and holding them all made the
 * build's peak); what model_record_source needs to read it again is kept.
 * Records whose front matter failed keep theirs (their errors quote it).
 */
void model_forget_source(struct record *r);
/*
 * The record's file text (caller frees; *len bytes, NUL-terminated), read
 * again; NULL, with an error in d, when the file changed since it was read.
 */
char *model_record_source(const struct record *r, struct diags *d, size_t *len);
/*
 * qsort comparator of struct record pointers: newest first, the same date
 * by path (a to z). The one order of every list of records.
 */
int record_newest_first(const void *a, const void *b);
/* The record whose content-relative path is rel, or NULL. */
struct record *model_find(const struct model *m, const char *rel);
struct site *model_site(const struct model *m, const char *id);
struct page *model_page(const struct model *m, const char *rel);

/*
 * links.c: resolve and render bodies (needs every record loaded), reading
 * each record's file again (model_record_source). With records 0 (a build
 * that writes pages) published records are left to their pages, which
 * render them once with model_record_page_body (issue 7); `check` passes 1.
 */
void model_render_bodies(struct model *m, struct diags *d, int records);
/*
 * The first rendering of published record r, on its page's worker: sets
 * r->summary and r->body's table of contents (and HTML, for the records
 * that need it later), and hands back the HTML and/or text asked for
 * (either pointer may be NULL). A record rendered already is rendered again
 * (model_record_body). Returns 0, or -1 with an error in d.
 */
int model_record_page_body(struct model *m, struct record *r, struct diags *d, char **html, char **text);
/*
 * A record's body as HTML and/or plain text (either pointer may be NULL;
 * the caller frees what it asked for), rendered again from its file:
 * model_render_bodies keeps neither (issue 7), except the HTML of the
 * records that need it later. One rendering makes both. Its findings
 * (links) are not reported: the record's first rendering reports them.
 * Returns 0, or -1 with an error in d when the file changed since it was
 * read.
 */
int model_record_body(struct model *m, const struct record *r, struct diags *d,
    char **html, char **text);
/*
 * The record that relpath (like "../meetings/2024-06-12-x.md") names, seen
 * from record `from`'s folder; NULL when there is none or the path leaves
 * the content folder.
 */
struct record *model_resolve(const struct model *m, const struct record *from, const char *relpath);
/* "../" once for every folder of a page URL ("sites/x/" -> "../../"). Caller frees. */
char *root_prefix(const char *url);

/* check.c: the rules of the content model; leaves m->compliance (model_free frees it). */
struct compliance;
void check_model(struct model *m, struct diags *d);
void compliance_free(struct compliance *c);

/*
 * diag_json.c: prints every finding of d as one JSON document to stdout,
 * with each matter's computed status when mx holds any (matter.h; mx may be NULL); 0 or -1.
 */
struct matters;
int diags_print_json(struct diags *d, const struct date *as_of, const struct matters *mx);

/* dashboard.c: the 公开情况 page (dashboard/index.html), called by pages_write. */
struct gen;
void dashboard_pages(struct gen *g);
/* The dashboard values of one site for site.html (s.dashboard); lives in arena a. */
struct arena;
struct val;
struct val *dashboard_site_val(struct gen *g, struct arena *a, const struct site *s);

/* pages.c: render every page through the theme into out_dir. 0 or -1. */
struct theme;
int pages_write(struct model *m, struct theme *th, const char *out_dir, const struct build_opts *o,
    uint64_t site_key, struct diags *d);

/*
 * feed.c, sitemap.c (details in feed.h): called by pages_write() once the HTML
 * pages are out. feeds_write() writes feed.xml, sites/<id>/feed.xml and
 * disclosures/feed.xml, or, without base_url, only a warning (rule "feed").
 * sitemap_write() writes sitemap.xml (with sitemap-N.xml past 50,000 pages)
 * when base_url is set, and robots.txt always. Both set g->failed on errors.
 */
struct gen;
void feeds_write(struct gen *g);
void sitemap_write(struct gen *g);

/*
 * Promotion and archive page families, each called once from pages_write()
 * (see docs/promotion.md): cases.c writes cases/, scoreboard.c assessments/,
 * archive.c archive/ and sites/<id>/archive/, printsheet.c sites/<id>/print/.
 */
struct gen;
struct arena;
struct val;
void cases_pages(struct gen *g);
void scoreboard_pages(struct gen *g);
void archive_pages(struct gen *g);
void print_pages(struct gen *g);
/* archive.c: the site page's charts (s.charts, s.finance_charts: lists) and archive links (s.archive). */
void archive_site_vals(struct gen *g, struct arena *a, struct site *s, struct val *sv);
/* printsheet.c: a disclosure page's rec.qr, rec.qr_url and rec.print_url. */
void print_record_vals(struct gen *g, struct arena *a, struct record *r, struct val *rec, int write);

/*
 * build.c: the folder of the theme called name: themes/<name> when it exists,
 * else the installed one (GONGKAI_DATADIR/themes/<name>, or
 * <binary>/../share/gongkai/themes/<name>), else "themes/<name>". Caller frees.
 */
char *theme_find(const char *name, const char *content_dir);
/* build.c: the whole pipeline for o; prints diagnostics; returns the exit status (0, 1, 2). */
int build_run(struct build_opts *o);
int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
