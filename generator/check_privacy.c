/*
 * check_privacy.c: name every place where a full personal number (身份证号,
 * 手机号码, 银行卡号) would be published: front matter values, bodies and
 * the cells of 公示 tables, in every file that reaches output/ (site.yaml,
 * profiles, free pages, published records and their CSV tables).
 *
 * Output is masked whatever happens (output.c); this side warns
 * (privacy: mask) or refuses the build (privacy: refuse). The raw source
 * text is scanned, so every hit has its exact line and column. Messages
 * show the number masked and carry no source line: a CI log must not leak
 * what the site hides. Records with audience: internal and unpublished
 * drafts never reach output/ and are not scanned.
 *
 * Names are published as they are, in addresses: a site id or a published
 * file's name with a personal number is an error (privacy-name), masked or
 * not. Attachments' own contents are attach.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "pool.h"
#include "privacy.h"
#include "util.h"

/* The deepest front-matter key whose value starts at or before `line`. */
static void
find_key(const struct ynode *n, const char *path, int line, int *best, char **out)
{
	if (n == NULL)
		return;
	if (n->type == YNODE_MAP) {
		for (size_t i = 0; i < n->n; i++) {
			const struct ynode *v = n->ents[i].val;
			char *p = *path ? xasprintf("%s.%s", path, n->ents[i].key->str) : xstrdup(n->ents[i].key->str);

			if (v->type == YNODE_SCALAR) {
				if (v->line <= line && v->line >= *best) {
					*best = v->line;
					free(*out);
					*out = xstrdup(p);
				}
			} else
				find_key(v, p, line, best, out);
			free(p);
		}
	} else if (n->type == YNODE_SEQ) {
		for (size_t i = 0; i < n->n; i++) {
			char *p = xasprintf("%s[%zu]", path, i + 1);

			if (n->items[i]->type == YNODE_SCALAR) {
				if (n->items[i]->line <= line && n->items[i]->line >= *best) {
					*best = n->items[i]->line;
					free(*out);
					*out = xstrdup(p);
				}
			} else
				find_key(n->items[i], p, line, best, out);
			free(p);
		}
	}
}

/*
 * Scans text src (len bytes) of file `path`. body_off is where the
 * Markdown body starts (len for a YAML or CSV file), root its front matter.
 * `what` names a CSV table.
 */
static void
scan(struct cctx *x, const char *path, const char *src, size_t len, size_t body_off,
    const struct ynode *root, const char *what)
{
	struct pii_hit *hits = NULL;
	size_t n = privacy_scan(src, len, x->cfg->privacy_allow, x->cfg->nallow, &hits);
	int line = 1;
	size_t line_start = 0, pos = 0;

	for (size_t i = 0; i < n; i++) {
		struct pii_hit h = hits[i];
		char *masked, *where;

		for (; pos < h.off; pos++)
			if (src[pos] == '\n') {
				line++;
				line_start = pos + 1;
			}
		h.off = 0;
		masked = privacy_mask(src + hits[i].off, hits[i].len, &h, 1, NULL);
		if (what)
			where = xstrdup(what);
		else if (hits[i].off >= body_off)
			where = xstrdup("the body");
		else {
			int best = 0;
			char *key = NULL;
			find_key(root, "", line, &best, &key);
			where = key ? xasprintf("'%s'", key) : xstrdup("the front matter");
			free(key);
		}
		if (x->cfg->privacy_refuse)
			diag_add(x->d, DIAG_ERROR, "privacy", path, line,
			    utf8_columns(src + line_start, hits[i].off - line_start),
			    "%s %s in %s must not be published (privacy: refuse); remove it, "
			    "or write it masked as %s", pii_kind_name(hits[i].kind), masked, where, masked);
		else
			diag_add(x->d, DIAG_WARNING, "privacy", path, line,
			    utf8_columns(src + line_start, hits[i].off - line_start),
			    "%s %s in %s is published masked; write it masked in the source too%s",
			    pii_kind_name(hits[i].kind), masked, where, hits[i].kind == PII_MOBILE ?
			    ", or list it in privacy_allow if it may be shown (an office phone)" : "");
		free(masked);
		free(where);
	}
	free(hits);
}

static void
scan_fm(struct cctx *x, const char *path, const char *src, const struct fm *fm)
{
	size_t len = strlen(src);
	size_t body = fm->body ? (size_t)(fm->body - src) : len;

	scan(x, path, src, len, body, fm->root, NULL);
}

static void
scan_rows(struct cctx *x, struct record *r)
{
	const char *rows = ymap_str(r->fm.root, "rows");
	char *dir, *path, *text = NULL;
	size_t len;

	if (rows == NULL || strchr(rows, '/') || strstr(rows, ".."))
		return;
	dir = xstrndup(r->path, (size_t)(strrchr(r->path, '/') - r->path));
	path = path_join(dir, rows);
	/* an unreadable table was reported by check_notices */
	if (file_read(path, &text, &len) == 0 && utf8_valid(text, len) == len)
		scan(x, path, text, len, len, NULL, "the 公示 table");
	free(text);
	free(path);
	free(dir);
}

/* Record i, on a pool worker: scan reads shared state only and diag_add locks. */
static void
check_record(void *ctx, size_t i, int worker)
{
	struct cctx *x = ctx;
	struct record *r = x->m->recs[i];
	char *src;
	size_t len;

	(void)worker;
	if (!r->published || r->fm.root == NULL)
		return;
	if (r->src != NULL)
		scan_fm(x, r->path, r->src, &r->fm);
	else if (r->may_pii && (src = model_record_source(r, x->d, &len)) != NULL) {
		/*
		 * Parsed sources are not kept (gongkai.h): read it again, but only
		 * when the quick look made while it was in memory saw a long number.
		 */
		scan(x, r->path, src, len, r->body_off, r->fm.root, NULL);
		free(src);
	}
	if (r->kind == KIND_DISCLOSURES)
		scan_rows(x, r);
}

/* ---- names (rule privacy-name) ---- */

/*
 * A copy of s with the separators of a name ('-', '_', '.', '/') as
 * spaces, so that a number written in groups (6222-0212-3456-7890) reads
 * as the scanner's grouped form. Same length as s. Caller frees.
 */
static char *
name_spaced(const char *s)
{
	char *o = xstrdup(s);

	for (char *p = o; *p; p++)
		if (*p == '-' || *p == '_' || *p == '.' || *p == '/')
			*p = ' ';
	return o;
}

/*
 * The hits of name as written, else of its spaced form (*spaced set).
 * Returns their number; *hits as privacy_scan.
 */
static size_t
name_scan(const struct config *cfg, const char *name, char **spaced, struct pii_hit **hits)
{
	size_t n = privacy_scan(name, strlen(name), cfg->privacy_allow, cfg->nallow, hits);

	*spaced = NULL;
	if (n > 0)
		return n;
	free(*hits);
	*spaced = name_spaced(name);
	n = privacy_scan(*spaced, strlen(*spaced), cfg->privacy_allow, cfg->nallow, hits);
	if (n == 0) {
		free(*spaced);
		*spaced = NULL;
	}
	return n;
}

char *
check_privacy_name_masked(const struct config *cfg, const char *name)
{
	struct pii_hit *hits = NULL;
	char *spaced, *out;
	size_t n = name_scan(cfg, name, &spaced, &hits);

	if (n == 0)
		return xstrdup(name);
	out = privacy_mask(spaced ? spaced : name, strlen(name), hits, n, NULL);
	/* the separators back where they were, when masking kept the length (ASCII digits) */
	if (spaced != NULL && strlen(out) == strlen(name))
		for (size_t i = 0; out[i]; i++)
			if (out[i] == ' ' && name[i] != ' ')
				out[i] = name[i];
	free(spaced);
	free(hits);
	return out;
}

int
check_privacy_name(const struct config *cfg, struct diags *d, const char *path, const char *what,
    const char *name, const char *fix)
{
	struct pii_hit *hits = NULL, h;
	char *spaced, *num, *mpath;
	size_t n = name_scan(cfg, name, &spaced, &hits);
	const char *s = spaced ? spaced : name;

	if (n == 0)
		return 0;
	h = hits[0];
	h.off = 0;
	num = privacy_mask(s + hits[0].off, hits[0].len, &h, 1, NULL);
	if (spaced != NULL && strlen(num) == hits[0].len)	/* with the separators it was written with */
		for (size_t i = 0; num[i]; i++)
			if (num[i] == ' ' && name[hits[0].off + i] != ' ')
				num[i] = name[hits[0].off + i];
	mpath = check_privacy_name_masked(cfg, path);
	diag_add(d, DIAG_ERROR, "privacy-name", mpath, 0, 0,
	    "%s holds %s %s, and a name is published as it is (in the address of the page or "
	    "file); %s without the number", what, pii_kind_name(hits[0].kind), num, fix);
	free(mpath);
	free(num);
	free(spaced);
	free(hits);
	return 1;
}

/* The names that reach output/: site ids, published pages' and records' file names. */
static void
check_names(struct cctx *x)
{
	struct model *m = x->m;

	for (size_t i = 0; i < m->nsites; i++)
		check_privacy_name(x->cfg, x->d, m->sites[i]->path, "the site id (its folder's name)",
		    m->sites[i]->id, "rename the folder under sites/ (and every parent: that names it)");
	for (size_t i = 0; i < m->npages; i++)
		if (!m->pages[i]->draft || m->drafts)
			check_privacy_name(x->cfg, x->d, m->pages[i]->path, "the page's file name",
			    m->pages[i]->slug, "rename the file (and the links to it)");
	for (size_t i = 0; i < m->nrecs; i++)
		if (m->recs[i]->published)
			check_privacy_name(x->cfg, x->d, m->recs[i]->path, "the record's file name",
			    m->recs[i]->slug, "rename the file (and the links to it)");
}

void
check_privacy(struct cctx *x)
{
	struct model *m = x->m;

	check_names(x);

	if (x->cfg->src && x->cfg->fm.root)
		scan(x, x->cfg->path, x->cfg->src, strlen(x->cfg->src), strlen(x->cfg->src), x->cfg->fm.root, NULL);
	for (size_t i = 0; i < m->nsites; i++)
		if (m->sites[i]->src)
			scan_fm(x, m->sites[i]->path, m->sites[i]->src, &m->sites[i]->fm);
	for (size_t i = 0; i < m->npages; i++)
		if (m->pages[i]->src && (!m->pages[i]->draft || m->drafts))
			scan_fm(x, m->pages[i]->path, m->pages[i]->src, &m->pages[i]->fm);
	/* every record's file is read again: in parallel (pool.h) */
	pool_for(m->nrecs, check_record, x);
}
