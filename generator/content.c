/*
 * content.c: walk the content folder (sorted, so builds are reproducible),
 * read every file, validate its front matter, and build the model.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "gongkai.h"
#include "life.h"
#include "pool.h"
#include "gate.h"
#include "matter.h"
#include "model.h"
#include "privacy.h"
#include "schema.h"
#include "util.h"
#include "i18n.h"

#define MAX_FILE_SIZE (64u << 20)	/* a record larger than this is refused */

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names in dir (no dot files); NULL when dir cannot be opened. */
static char **
list_dir(const char *dir, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (dp == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (*n)
		xqsort(v, *n, sizeof *v, str_cmp);
	else {
		free(v);
		v = xcalloc(1, sizeof *v);
	}
	return v;
}

static void
free_list(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

static int
is_slug(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

/*
 * A Markdown file that is not read because of its name: "X.MD", "X.Md",
 * "X.markdown", "X.mdown", "X.mkd" (only lower-case .md is a record or
 * page). Warns, naming the file it should be; 1 when it warned.
 */
static int
warn_md_like(struct diags *d, const char *path, const char *name)
{
	static const char *const exts[] = { ".md", ".markdown", ".mdown", ".mkd" };
	size_t l = strlen(name);

	if (ends_with(name, ".md"))
		return 0;
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t e = strlen(exts[i]);

		if (l > e && strcasecmp(name + l - e, exts[i]) == 0) {
			diag_add(d, DIAG_WARNING, "filename", path, 0, 0,
			    "not read: only files ending in lower-case .md are records and pages; rename it to %.*s.md",
			    (int)(l - e), name);
			return 1;
		}
	}
	return 0;
}

/* Walk state. */
struct walk {
	struct model	*m;
	struct diags	*d;
	char		 root_real[PATH_MAX];
	size_t		 rcap, scap, pcap, stcap;
};

/*
 * The privacy gate for a file's front matter (gate.h): its values are
 * masked in place before anything is made of them. Only what will be
 * published is reported; the rest is masked all the same.
 */
static void
gate_fm(struct walk *w, struct fm *fm, const char *path, const char *src, int published)
{
	struct gate g = { w->m->cfg->pii_allow, w->m->cfg->privacy_refuse, published ? w->d : NULL };

	gate_yaml(&g, fm->root, path, src);
}

/*
 * What is at path: 'd' folder, 'f' file, 0 missing or refused. A symlink is
 * followed only when it stays inside the content folder.
 */
static int
entry_type(struct walk *w, const char *path)
{
	struct stat st;
	char real[PATH_MAX];
	size_t rl = strlen(w->root_real);

	if (lstat(path, &st) < 0)
		return 0;
	if (S_ISLNK(st.st_mode)) {
		if (realpath(path, real) == NULL || strncmp(real, w->root_real, rl) != 0 ||
		    (real[rl] != '/' && real[rl] != '\0')) {
			diag_add(w->d, DIAG_ERROR, "path", path, 0, 0,
			    "symbolic link points outside the content folder; copy the file in instead");
			return 0;
		}
		if (stat(path, &st) < 0)
			return 0;
	}
	if (S_ISDIR(st.st_mode))
		return 'd';
	if (S_ISREG(st.st_mode))
		return 'f';
	return 0;
}

/* Reads a text file and checks its encoding; NULL after an error. */
static char *
read_text(struct walk *w, const char *path, size_t *len)
{
	char *src;
	size_t bad;
	struct stat st;

	if (stat(path, &st) == 0 && (size_t)st.st_size > MAX_FILE_SIZE) {
		diag_add(w->d, DIAG_ERROR, "size", path, 0, 0,
		    "file is larger than 64 MB; split it or move attachments to static/");
		return NULL;
	}
	if (file_read(path, &src, len) < 0) {
		diag_add(w->d, DIAG_ERROR, "io", path, 0, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	src = xrealloc(src, *len + 1);	/* kept all build: drop the read buffer's slack (issue 7) */
	if ((bad = utf8_valid(src, *len)) != *len) {
		int line = 1;
		size_t ls = 0;

		for (size_t i = 0; i < bad; i++)
			if (src[i] == '\n') {
				line++;
				ls = i + 1;
			}
		diag_add(w->d, DIAG_ERROR, "utf8", path, line, utf8_columns(src + ls, bad - ls),
		    src[bad] == '\0' ? _("file contains a NUL byte; remove it") :
		    _("not valid UTF-8 here: save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8), "
		    "or convert it with 'gongkai import'"));
		free(src);
		return NULL;
	}
	return src;
}

static void
load_site(struct walk *w, const char *sites_dir, const char *id)
{
	struct model *m = w->m;
	struct site *s;
	char *dir = path_join(sites_dir, id), *file = path_join(dir, "index.md");
	const char *v;
	size_t len;

	s = xcalloc(1, sizeof *s);
	s->id = xstrdup(id);
	s->path = file;
	s->url = xasprintf("sites/%s/", id);
	if (m->nsites == w->scap) {
		w->scap = w->scap ? w->scap * 2 : 8;
		m->sites = xrealloc(m->sites, w->scap * sizeof *m->sites);
	}
	m->sites[m->nsites++] = s;
	if (entry_type(w, file) != 'f') {
		diag_add(w->d, DIAG_ERROR, "site", dir, 0, 0,
		    "site folder has no index.md: add one with at least 'name: …' (the site's profile)");
		s->name = s->id;
		goto out;
	}
	if ((s->src = read_text(w, file, &len)) == NULL ||
	    fm_parse(file, s->src, len, 1, &s->fm, w->d) < 0 ||
	    schema_check(schema_fields(SCHEMA_PROFILE), s->fm.root, file, s->src, w->d) > 0) {
		s->name = s->id;
		goto out;
	}
	gate_fm(w, &s->fm, file, s->src, 1);
	s->name = ymap_str(s->fm.root, "name");
	if (s->name == NULL)
		s->name = s->id;
	s->level = ymap_str(s->fm.root, "level");
	s->type = ymap_str(s->fm.root, "type");
	s->location = ymap_str(s->fm.root, "location");
	s->parent_id = ymap_str(s->fm.root, "parent");
	if ((v = ymap_str(s->fm.root, "since")) != NULL)
		date_parse(v, &s->since);
out:
	model_fill_site(s);
	free(dir);
}

/* The date in a record's file name ("2024-06-12-slug.md", reports "2024.md"); 0, or -1 when it has none. */
static int
name_date(enum kind k, const char *name, struct date *fdate)
{
	size_t n = strlen(name) - 3;	/* without .md */
	char buf[11];

	memset(fdate, 0, sizeof *fdate);
	if (kind_has(k, KIND_F_BY_YEAR)) {
		if (n != 4 || !is_slug(name, 4))
			return -1;
		memcpy(buf, name, 4);
		buf[4] = '\0';
		fdate->y = atoi(buf);
		return fdate->y >= 1900 ? 0 : -1;
	}
	if (n <= 11 || name[10] != '-' || !is_slug(name + 11, n - 11))
		return -1;
	memcpy(buf, name, 10);
	buf[10] = '\0';
	return date_parse(buf, fdate);
}

/* Checks a record's file name (name_date), with an error at dirpath/name; 0 when it is right. */
static int
record_name(struct walk *w, enum kind k, const char *dirpath, const char *name)
{
	struct date fdate;
	char *p;

	if (name_date(k, name, &fdate) == 0)
		return 0;
	p = path_join(dirpath, name);
	if (kind_has(k, KIND_F_BY_YEAR))
		diag_add(w->d, DIAG_ERROR, "filename", p, 0, 0,
		    "an annual report is named after its year, e.g. reports/2024.md");
	else
		diag_add(w->d, DIAG_ERROR, "filename", p, 0, 0,
		    "a record's file name is its date and a short ASCII name, e.g. 2024-06-12-dangyuan-dahui.md "
		    "(lowercase a-z, 0-9 and - only)");
	free(p);
	return -1;
}

/*
 * Adds the record file dirpath/name to the model, unread: the walk is
 * serial and cheap, the reading is done for all records at once, in
 * parallel, by read_record.
 */
static void
add_record(struct walk *w, struct site *s, enum kind k, const char *dirpath, const char *name)
{
	struct model *m = w->m;
	struct record *r;

	if (record_name(w, k, dirpath, name) < 0)
		return;
	r = xcalloc(1, sizeof *r);
	r->kind = k;
	r->site = s;
	r->path = path_join(dirpath, name);
	r->rel = xasprintf("sites/%s/%s/%s", s->id, kind_info[k].dir, name);
	r->slug = xstrndup(name, strlen(name) - 3);
	r->url = xasprintf("sites/%s/%s/%s/", s->id, kind_info[k].dir, r->slug);
	if (m->nrecs == w->rcap) {
		w->rcap = w->rcap ? w->rcap * 2 : 64;
		m->recs = xrealloc(m->recs, w->rcap * sizeof *m->recs);
	}
	m->recs[m->nrecs++] = r;
}

/*
 * Reads, parses and checks one record added by add_record. Runs on pool
 * threads (pool.h): it touches only r, and diagnostics take their own lock.
 */
static void
read_record(void *ctx, size_t i, int worker)
{
	struct walk *w = ctx;
	struct model *m = w->m;
	struct record *r = m->recs[i];
	enum kind k = r->kind;
	struct date fdate;
	const char *v;
	struct yent *e;

	(void)worker;
	name_date(k, strrchr(r->path, '/') + 1, &fdate);	/* add_record checked it */
	if ((r->src = read_text(w, r->path, &r->srclen)) == NULL ||
	    fm_parse(r->path, r->src, r->srclen, 1, &r->fm, w->d) < 0 ||
	    schema_check(schema_fields(kind_info[k].schema), r->fm.root, r->path, r->src, w->d) > 0) {
		r->title = r->slug;
		r->broken = 1;
		/* its other findings (a score above its max) are still worth one reading */
		if (r->fm.root != NULL) {
			gate_fm(w, &r->fm, r->path, r->src, 0);
			model_fill(r, m->cfg->pass_mark);
		}
		return;
	}
	r->title = ymap_str(r->fm.root, "title");
	if ((v = ymap_str(r->fm.root, "date")) != NULL)
		date_parse(v, &r->date);
	if ((e = ymap_ent(r->fm.root, "kind")) != NULL && !e->val->null &&
	    strcmp(e->val->str, kind_info[k].dir) != 0)
		diag_add_src(w->d, DIAG_ERROR, "kind", r->path, r->src, e->val->line, e->val->col,
		    "kind '%s' disagrees with the folder '%s/': move the file, or fix or remove the kind line",
		    e->val->str, kind_info[k].dir);
	if (kind_has(k, KIND_F_BY_YEAR)) {
		struct ynode *y = ymap_get(r->fm.root, "year");
		if (y && atoi(y->str) != fdate.y)
			diag_add_src(w->d, DIAG_ERROR, "year", r->path, r->src, y->line, y->col,
			    "year %s differs from the file name %d.md; make them the same", y->str, fdate.y);
	} else if (r->date.y && date_cmp(r->date, fdate) != 0) {
		struct ynode *dn = ymap_get(r->fm.root, "date");
		char a[11], b[11];
		diag_add_src(w->d, DIAG_WARNING, "date-filename", r->path, r->src, dn->line, dn->col,
		    "date %s differs from the date in the file name (%s); the page shows %s",
		    date_iso(r->date, a), date_iso(fdate, b), a);
	}
	if ((v = ymap_str(r->fm.root, "draft")) != NULL)
		r->draft = schema_bool(v) == 1;
	if ((v = ymap_str(r->fm.root, "audience")) != NULL)
		r->internal = strcmp(v, "internal") == 0;
	r->author = ymap_str(r->fm.root, "author");
	r->given_summary = ymap_str(r->fm.root, "summary");
	r->published = !r->internal && (!r->draft || m->drafts);
	gate_fm(w, &r->fm, r->path, r->src, r->published);
	model_fill(r, m->cfg->pass_mark);
	life_fill(r, m->cfg);
	model_forget_source(r);
}

void
model_forget_source(struct record *r)
{
	if (r->src == NULL)
		return;
	r->srchash = hash_bytes(0, r->src, r->srclen);
	r->body_off = r->fm.body ? (size_t)(r->fm.body - r->src) : r->srclen;
	r->fmhash = hash_bytes(0, r->src, r->body_off);
	r->body_len = r->fm.body_len;
	free(r->src);
	r->src = NULL;
	r->fm.body = NULL;
	r->fm.body_len = 0;
}

char *
model_record_source(const struct record *r, struct diags *d, size_t *len)
{
	char *src = NULL;

	if (r->src != NULL) {
		*len = r->srclen;
		return xstrndup(r->src, r->srclen);
	}
	if (file_read(r->path, &src, len) < 0 || *len != r->srclen ||
	    hash_bytes(0, src, *len) != r->srchash) {
		diag_add(d, DIAG_ERROR, "io", r->path, 0, 0,
		    "the file changed while the site was being built; build again");
		free(src);
		return NULL;
	}
	return src;
}

static void
load_kind_dir(struct walk *w, struct site *s, enum kind k, const char *dirpath)
{
	size_t n;
	char **names = list_dir(dirpath, &n);

	for (size_t i = 0; names && i < n; i++) {
		char *p = path_join(dirpath, names[i]);
		int t = entry_type(w, p);

		if (t == 'f' && ends_with(names[i], ".md"))
			add_record(w, s, k, dirpath, names[i]);
		else if (t == 'f' && warn_md_like(w->d, p, names[i]))
			;
		else if (t == 'd')
			diag_add(w->d, DIAG_WARNING, "layout", p, 0, 0,
			    "folders inside %s/ are not read; put records directly in %s/", kind_info[k].dir, kind_info[k].dir);
		/* other files (CSV tables, images) are read when a record names them */
		free(p);
	}
	free_list(names, n);
}

static void
load_site_records(struct walk *w, struct site *s, const char *sites_dir)
{
	char *dir = path_join(sites_dir, s->id);
	size_t n;
	char **names = list_dir(dir, &n);

	for (size_t i = 0; names && i < n; i++) {
		char *p = path_join(dir, names[i]);
		int t = entry_type(w, p), k;

		if (t == 'd') {
			if ((k = kind_by_dir(names[i])) >= 0)
				load_kind_dir(w, s, (enum kind)k, p);
			else if (strcmp(names[i], "matters") == 0)
				matters_load_dir(w->m, s, p, w->d);	/* not records: matter.h */
			else {
				const char *best = NULL;
				int bd = 4;
				for (int j = 0; j < KIND__COUNT; j++) {
					int dd = edit_distance(names[i], kind_info[j].dir);
					if (dd < bd) {
						bd = dd;
						best = kind_info[j].dir;
					}
				}
				diag_add(w->d, DIAG_ERROR, "layout", p, 0, 0,
				    "unknown folder '%s'%s%s%s; record folders are work, meetings, disclosures, cases, "
				    "assessments and reports", names[i], best ? _(" (did you mean '") : "",
				    best ? best : "", best ? _("'?)") : "");
			}
		} else if (t == 'f' && strcmp(names[i], "index.md") != 0 && ends_with(names[i], ".md")) {
			diag_add(w->d, DIAG_ERROR, "layout", p, 0, 0,
			    "records go in a kind folder (work/, meetings/, disclosures/, cases/, assessments/, reports/)");
		}
		free(p);
	}
	free_list(names, n);
	free(dir);
}

static void
load_sites(struct walk *w)
{
	char *dir = path_join(w->m->content_dir, "sites");
	size_t n;
	char **names = list_dir(dir, &n);

	for (size_t i = 0; names && i < n; i++) {
		char *p = path_join(dir, names[i]);
		int t = entry_type(w, p);

		if (t == 'd') {
			if (!is_slug(names[i], strlen(names[i])))
				diag_add(w->d, DIAG_ERROR, "site-id", p, 0, 0,
				    "a site folder name may only use a-z, 0-9 and - (it becomes the web address)");
			else {
				load_site(w, dir, names[i]);
				load_site_records(w, w->m->sites[w->m->nsites - 1], dir);
			}
		}
		free(p);
	}
	free_list(names, n);
	free(dir);
}

static void
load_pages(struct walk *w)
{
	char *dir = path_join(w->m->content_dir, "pages");
	size_t n;
	char **names = list_dir(dir, &n);
	struct model *m = w->m;

	for (size_t i = 0; names && i < n; i++) {
		char *p = path_join(dir, names[i]);
		size_t len;
		const char *v;

		if (entry_type(w, p) != 'f' || !ends_with(names[i], ".md")) {
			if (entry_type(w, p) == 'f')
				warn_md_like(w->d, p, names[i]);
			free(p);
			continue;
		}
		if (!is_slug(names[i], strlen(names[i]) - 3)) {
			diag_add(w->d, DIAG_ERROR, "filename", p, 0, 0,
			    "a page's file name may only use a-z, 0-9 and - (it becomes the web address)");
			free(p);
			continue;
		}
		struct page *pg = xcalloc(1, sizeof *pg);
		pg->path = p;
		pg->slug = xstrndup(names[i], strlen(names[i]) - 3);
		pg->rel = xasprintf("pages/%s", names[i]);
		pg->url = xasprintf("%s/", pg->slug);
		pg->title = pg->slug;
		if (m->npages == w->pcap) {
			w->pcap = w->pcap ? w->pcap * 2 : 8;
			m->pages = xrealloc(m->pages, w->pcap * sizeof *m->pages);
		}
		m->pages[m->npages++] = pg;
		if ((pg->src = read_text(w, p, &len)) == NULL ||
		    fm_parse(p, pg->src, len, 1, &pg->fm, w->d) < 0 ||
		    schema_check(schema_fields(SCHEMA_PAGE), pg->fm.root, p, pg->src, w->d) > 0)
			continue;
		pg->title = ymap_str(pg->fm.root, "title");
		if ((v = ymap_str(pg->fm.root, "date")) != NULL)
			date_parse(v, &pg->date);
		pg->weight = (v = ymap_str(pg->fm.root, "weight")) ? atoi(v) : 100;
		pg->menu = (v = ymap_str(pg->fm.root, "menu")) ? schema_bool(v) == 1 : 1;
		pg->draft = (v = ymap_str(pg->fm.root, "draft")) ? schema_bool(v) == 1 : 0;
		pg->summary = ymap_str(pg->fm.root, "summary");
		pg->author = ymap_str(pg->fm.root, "author");
		gate_fm(w, &pg->fm, p, pg->src, !pg->draft || m->drafts);
	}
	free_list(names, n);
	free(dir);
}

/*
 * Static files, every folder deep. A folder whose entries' paths are too
 * long for the system (PATH_MAX) cannot be copied: one error names it,
 * rather than its files going missing from the site without a word.
 */
static void
load_statics(struct walk *w, const char *dir, const char *prefix)
{
	size_t n;
	char **names = list_dir(dir, &n);
	struct model *m = w->m;

	if (names == NULL && errno != ENOENT && prefix[0] != '\0')
		diag_add(w->d, DIAG_ERROR, "io", dir, 0, 0, "cannot read this folder of static files: %s",
		    strerror(errno));
	for (size_t i = 0; names && i < n; i++) {
		char *p = path_join(dir, names[i]);
		char *rel = prefix[0] ? xasprintf("%s/%s", prefix, names[i]) : xstrdup(names[i]);
		int t;

		if (strlen(p) >= PATH_MAX - 1) {
			diag_add(w->d, DIAG_ERROR, "path", dir, 0, 0,
			    "the files in this folder are not copied: their paths are longer than the system allows "
			    "(%d bytes); move them to a folder with a shorter path", PATH_MAX - 1);
			free(rel);
			free(p);
			break;
		}
		t = entry_type(w, p);

		if (t == 'd')
			load_statics(w, p, rel);
		else if (t == 'f') {
			if (m->nstatics == w->stcap) {
				w->stcap = w->stcap ? w->stcap * 2 : 16;
				m->statics = xrealloc(m->statics, w->stcap * sizeof *m->statics);
			}
			m->statics[m->nstatics++] = rel;
			rel = NULL;
		}
		free(rel);
		free(p);
	}
	free_list(names, n);
}

static int
rec_cmp(const void *a, const void *b)
{
	return strcmp((*(struct record *const *)a)->rel, (*(struct record *const *)b)->rel);
}

int
record_newest_first(const void *a, const void *b)
{
	const struct record *x = *(struct record *const *)a, *y = *(struct record *const *)b;
	int c = date_cmp(y->date, x->date);

	/* same date: by path, a to z, on every list of the site (issue 16: one rule) */
	return c ? c : strcmp(x->rel, y->rel);
}

/* Resolves parents and fills each site's per-kind lists. */
static void
link_sites(struct walk *w)
{
	struct model *m = w->m;

	for (size_t i = 0; i < m->nsites; i++) {
		struct site *s = m->sites[i];

		if (s->parent_id == NULL)
			continue;
		s->parent = model_site(m, s->parent_id);
		if (s->parent == NULL || s->parent == s) {
			struct ynode *pn = ymap_get(s->fm.root, "parent");
			diag_add_src(w->d, DIAG_ERROR, "site", s->path, s->src, pn->line, pn->col,
			    "parent '%s' is not a site: use the folder name of its town under sites/", s->parent_id);
			s->parent = NULL;
		}
	}
	if (m->nrecs > 1)
		xqsort(m->recs, m->nrecs, sizeof *m->recs, rec_cmp);
	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		struct site *s = r->site;

		r->index = i;

		if (!r->published)
			continue;
		s->recs[r->kind] = xrealloc(s->recs[r->kind], (s->nrecs[r->kind] + 1) * sizeof(struct record *));
		s->recs[r->kind][s->nrecs[r->kind]++] = r;
	}
	for (size_t i = 0; i < m->nsites; i++)
		for (int k = 0; k < KIND__COUNT; k++)
			if (m->sites[i]->nrecs[k])
				xqsort(m->sites[i]->recs[k], m->sites[i]->nrecs[k], sizeof(struct record *),
				    record_newest_first);
}

struct model *
model_load(const char *content_dir, struct config *cfg, int drafts, const struct pool *pool,
    struct diags *d)
{
	struct model *m = xcalloc(1, sizeof *m);
	struct walk w;
	size_t l = strlen(content_dir);

	memset(&w, 0, sizeof w);
	w.m = m;
	w.d = d;
	while (l > 1 && content_dir[l - 1] == '/')
		l--;
	m->content_dir = xstrndup(content_dir, l);
	m->cfg = cfg;
	m->drafts = drafts;
	m->pool = pool;
	if (realpath(m->content_dir, w.root_real) == NULL) {
		diag_add(d, DIAG_ERROR, "io", m->content_dir, 0, 0, "cannot open the content folder: %s",
		    strerror(errno));
		return m;
	}
	load_sites(&w);
	load_pages(&w);
	char *st = path_join(m->content_dir, "static");
	load_statics(&w, st, "");
	free(st);
	/* the walk sorts each folder, not the paths: "a/x" sorts after "a-b" (attach_find) */
	xqsort(m->statics, m->nstatics, sizeof *m->statics, str_cmp);
	m->static_links = xcalloc(m->nstatics + 1, sizeof *m->static_links);
	pool_for(m->pool, m->nrecs, read_record, &w);
	link_sites(&w);
	matters_link(m);
	return m;
}

struct record *
model_find(const struct model *m, const char *rel)
{
	size_t lo = 0, hi = m->nrecs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(m->recs[mid]->rel, rel);

		if (c == 0)
			return m->recs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct site *
model_site(const struct model *m, const char *id)
{
	for (size_t i = 0; i < m->nsites; i++)
		if (strcmp(m->sites[i]->id, id) == 0)
			return m->sites[i];
	return NULL;
}

struct page *
model_page(const struct model *m, const char *rel)
{
	for (size_t i = 0; i < m->npages; i++)
		if (strcmp(m->pages[i]->rel, rel) == 0)
			return m->pages[i];
	return NULL;
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	compliance_free(m->compliance);
	for (size_t i = 0; i < m->nsites; i++) {
		struct site *s = m->sites[i];
		free(s->id);
		free(s->path);
		free(s->src);
		free(s->url);
		model_unfill_site(s);
		fm_free(&s->fm);
		md_doc_free(&s->body);
		for (int k = 0; k < KIND__COUNT; k++)
			free(s->recs[k]);
		free(s);
	}
	free(m->sites);
	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];
		free(r->path);
		free(r->rel);
		free(r->slug);
		free(r->url);
		free(r->src);
		free(r->summary);
		model_unfill(r);
		life_free(r);
		fm_free(&r->fm);
		md_doc_free(&r->body);
		free(r);
	}
	free(m->recs);
	for (size_t i = 0; i < m->npages; i++) {
		struct page *p = m->pages[i];
		free(p->path);
		free(p->rel);
		free(p->slug);
		free(p->url);
		free(p->src);
		fm_free(&p->fm);
		md_doc_free(&p->body);
		free(p);
	}
	free(m->pages);
	matters_free(m->matters);
	free_list(m->statics, m->nstatics);
	free((void *)m->static_links);
	free(m->content_dir);
	free(m);
}
