/*
 * render.h: what every page family shares. pages.c writes the core pages
 * (home, sites, records, lists, tags, free pages); other files add families
 * of their own (dashboard, case library, archive, feeds, search) through
 * these helpers, each called once from pages_write().
 */
#ifndef GONGKAI_RENDER_H
#define GONGKAI_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "gongkai.h"

struct arena;
struct out;
struct theme;
struct val;

/* URLs of pages written (owned strings), guarded by a lock in pages.c. */
struct pagelist {
	char	**v;
	size_t	  n, cap;
};

/* The state of one site rendering. */
struct gen {
	struct model		*m;
	struct theme		*th;
	struct out		*out;		/* where files go (output.h) */
	struct qrcache		*qr;		/* QR codes kept between builds (qrcache.h); shared */
	struct diags		*d;
	const struct build_opts	*o;
	struct arena		*build;		/* values that live for the whole build */
	struct arena		**worker_arenas;	/* the record pages' workers' own (pages.c) */
	size_t			 nworker_arenas;
	struct val		*global;	/* site, nav: the same on every page */
	struct val		**summary;	/* record summaries by index in m->recs, made lazily */
	struct pagelist		*written;	/* URLs of the HTML pages written, for the sitemap;
						   shared by every worker's copy of gen */
	int			 failed;	/* set on the first template or write error */
	size_t			 pages;		/* HTML pages written */
	size_t			 kept;		/* of which kept as they were (gen_keep) */
	int			*years;		/* archive years, newest first (archive.c, made once) */
	size_t			 nyears;
	struct texts		*texts;		/* record pages -> search thread (pages.c), or NULL */
	uint64_t		 site_key;	/* pagekey.h; 0: every page is made */
};

/* A fresh page context: the globals plus page {title, url, description, canonical}, crumbs, toc. */
struct val *gen_ctx(struct gen *g, struct arena *a, const char *title, const char *url, const char *desc);
/* Appends a breadcrumb {title, url} (url from the site root). */
void gen_crumb(struct arena *a, struct val *ctx, const char *title, const char *url);
/* Renders templates/<tmpl> to <url>index.html, or to `file` when not NULL. */
void gen_emit(struct gen *g, const char *tmpl, struct val *ctx, const char *url, const char *file);
/* gen_emit to <url>index.html for a page with a key (pagekey.h), which the manifest keeps. */
void gen_emit_keyed(struct gen *g, const char *tmpl, struct val *ctx, const char *url, uint64_t key);
/*
 * <url>index.html kept as the live site has it, when the live page was made
 * with this key (out_keep), and counted as written: 0. 1 when the caller
 * must make it (gen_emit_keyed).
 */
int gen_keep(struct gen *g, const char *url, uint64_t key);
/* The list fields of a record (title, url, date_cn, site…), shared for the whole build. */
struct val *gen_summary(struct gen *g, struct record *r);
/* Published records of kind k (all kinds when k < 0), newest first. Caller frees the array. */
struct record **gen_published(struct model *m, int k, size_t *n);
/* A paginated list of records at base ("cases/", "sites/x/work/"). */
void gen_list(struct gen *g, const char *title, const char *base, struct record **recs, size_t n,
    const char *crumb_title, const char *crumb_url, int show_site);
/* Values: "2024年6月12日" (null for no date), "12,345.67 元", {title, url}. */
struct val *gen_date(struct arena *a, struct date d);
struct val *gen_money(struct arena *a, int64_t fen);
struct val *gen_link(struct arena *a, const char *title, const char *url);
/* ASCII URL name of a tag; caller frees. */
char *gen_tag_slug(const char *tag);
/* 公示中 / 公示已结束 / 公示未开始 as of site.yaml's as_of; NULL when dates are missing. */
struct notice;
const char *gen_notice_status(const struct model *m, const struct notice *notice, int *running);

/* A 财务公开 table: opening, income[], income_total, expense[], expense_total, closing, balanced. */
struct finance;
struct val *gen_finance(struct arena *a, const struct finance *f);
/* A 公示's values: kind, from_cn, to_cn, contact, status, running. */
struct val *gen_notice(struct gen *g, struct arena *a, const struct notice *notice);
/* The CSV name table `rows` beside record r as {header, rows}; problems go to d. */
struct pii_allow;
struct val *gen_rows(struct arena *a, const struct record *r, const char *rows, const struct pii_allow *allow,
    struct diags *d);

/*
 * A 五个好 scorecard's fields on v, as the record page, the archive and
 * the dashboard show them: stage, scores ({item, max, score} rows),
 * total, max, pass_mark, passed, result.
 */
struct scorecard;
void gen_score_fields(struct arena *a, struct val *v, const struct scorecard *sc);

#endif
