/*
 * matter.c: the 四议两公开 model (matter.h): matter files read like
 * records (schema, privacy gate), the steps the records name, and what
 * follows from them: each step's state and the matter's status.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check_rules.h"
#include "gate.h"
#include "gongkai.h"
#include "life.h"
#include "matter.h"
#include "model.h"
#include "money.h"
#include "schema.h"
#include "util.h"

const char *const mstep_name[MSTEP__COUNT] = {
	"提议", "商议", "审议", "决议", "决议公开", "实施结果公开"
};
const char *const mstatus_name[MATTER__NSTATUS] = {
	"提议中", "审议中", "已决议", "未通过", "已公开", "已完成"
};

#define RESULT_DAYS 365		/* a 决议 older than this wants its 实施结果公开 */

/* ---- loading ---- */

static int
name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* "2024-03-01-cundao.md": the date, and 0; -1 when the name is not of that form. */
static int
matter_name(const char *name, struct date *dt)
{
	size_t n = strlen(name);
	char buf[11];

	if (n <= 14 || strcmp(name + n - 3, ".md") != 0 || name[10] != '-')
		return -1;
	for (size_t i = 11; i < n - 3; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') || name[i] == '-'))
			return -1;
	memcpy(buf, name, 10);
	buf[10] = '\0';
	return date_parse(buf, dt);
}

static void
add_matter(struct matters *x, struct matter *mt)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 16;
		x->v = xrealloc(x->v, x->cap * sizeof *x->v);
	}
	x->v[x->n++] = mt;
}

/*
 * A matter is dated by its file name (the steps name it by that name), and
 * the page shows that date: a date key saying another day would be shown
 * nowhere and believed by whoever reads the file.
 */
static void
check_date(const struct matter *mt, struct diags *d)
{
	const struct ynode *dn = ymap_get(mt->fm.root, "date");
	struct date k;
	char a[11], b[11];

	if (dn == NULL || dn->type != YNODE_SCALAR || dn->null || date_parse(dn->str, &k) < 0 ||
	    date_cmp(k, mt->date) == 0)
		return;
	diag_add_src(d, DIAG_ERROR, "date-filename", mt->path, mt->src, dn->line, dn->col,
	    "date %s differs from the date in the file name (%s), which dates a matter (its proposal) "
	    "on every page; rename the file to %s-%s.md and the steps that name it, or correct or "
	    "remove the date line", date_iso(k, a), date_iso(mt->date, b), a, mt->slug + 11);
}

/* Reads the fields of a matter whose front matter passed the schema and the gate. */
static void
matter_fields(struct model *m, struct matter *mt, struct diags *d)
{
	const struct ynode *fm = mt->fm.root;
	struct gate g = { m->cfg->pii_allow, m->cfg->privacy_refuse, NULL };
	struct md_opts o;
	const char *v;

	check_date(mt, d);
	mt->title = ymap_str(fm, "title");
	mt->title_pos = ymap_pos(fm, "title");
	mt->subject = ymap_str(fm, "subject");
	mt->summary = ymap_str(fm, "summary");
	mt->has_amount = ymap_str(fm, "amount") != NULL;
	if (!mt->has_amount || money_parse(ymap_str(fm, "amount"), &mt->amount, &v) != 0)
		mt->amount = 0;	/* a bad amount: schema.c reported it */
	mt->draft = (v = ymap_str(fm, "draft")) != NULL && schema_bool(v) == 1;
	/* the body passes the gate too; links in it are kept as written */
	g.d = matter_published(m, mt) ? d : NULL;
	memset(&o, 0, sizeof o);
	o.unsafe_html = m->cfg->unsafe_html;
	o.gate = &g;
	o.path = mt->path;
	o.body_line = mt->fm.body_line;
	o.make = MD_HTML | MD_FIRST;
	md_render(mt->fm.body ? mt->fm.body : "", mt->fm.body_len, &o, &mt->body);
	if (mt->summary == NULL)
		mt->summary = mt->body.first_para;
}

static void
load_matter(struct model *m, struct site *s, const char *dirpath, const char *name, struct diags *d)
{
	struct matter *mt = xcalloc(1, sizeof *mt);
	struct gate g = { m->cfg->pii_allow, m->cfg->privacy_refuse, d };
	size_t len, bad;

	mt->site = s;
	mt->path = path_join(dirpath, name);
	mt->slug = xstrndup(name, strlen(name) - 3);
	mt->url = xasprintf("sites/%s/matters/%s/", s->id, mt->slug);
	mt->title = mt->slug;
	mt->broken = 1;
	add_matter(m->matters, mt);
	if (matter_name(name, &mt->date) < 0) {
		diag_add(d, DIAG_ERROR, "filename", mt->path, 0, 0,
		    "a matter's file name is the date of its proposal and a short ASCII name, "
		    "e.g. 2025-02-25-tongzulu.md (lowercase a-z, 0-9 and - only)");
		return;
	}
	if (file_read(mt->path, &mt->src, &len) < 0) {
		diag_add(d, DIAG_ERROR, "io", mt->path, 0, 0, "cannot read this file");
		return;
	}
	if ((bad = utf8_valid(mt->src, len)) != len) {
		diag_add(d, DIAG_ERROR, "utf8", mt->path, 0, 0,
		    "not valid UTF-8: save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)");
		return;
	}
	if (fm_parse(mt->path, mt->src, len, 1, &mt->fm, d) < 0 ||
	    schema_check(schema_fields(SCHEMA_MATTERS), mt->fm.root, mt->path, mt->src, d) > 0) {
		if (mt->fm.root != NULL)
			gate_yaml(&(struct gate){ g.allow, g.refuse, NULL }, mt->fm.root, mt->path, mt->src);
		return;
	}
	/* masked in place before anything is made of it, like a record's front matter */
	gate_yaml(&g, mt->fm.root, mt->path, mt->src);
	mt->broken = 0;
	matter_fields(m, mt, d);
}

void
matters_load_dir(struct model *m, struct site *s, const char *dirpath, struct diags *d)
{
	struct dirent **names = NULL;
	int n = scandir(dirpath, &names, NULL, name_cmp);

	if (m->matters == NULL)
		m->matters = xcalloc(1, sizeof *m->matters);
	for (int i = 0; i < n; i++) {
		const char *nm = names[i]->d_name;
		char *p = path_join(dirpath, nm);
		struct stat st;
		size_t l = strlen(nm);

		/* no symbolic links here: a matter is a small file a clerk writes in place */
		if (nm[0] != '.' && lstat(p, &st) == 0 && S_ISREG(st.st_mode) && l > 3 &&
		    strcmp(nm + l - 3, ".md") == 0)
			load_matter(m, s, dirpath, nm, d);
		else if (nm[0] != '.' && lstat(p, &st) == 0 && !S_ISREG(st.st_mode))
			diag_add(d, DIAG_WARNING, "layout", p, 0, 0,
			    "only matter files (.md) are read in matters/; put them directly in matters/");
		free(p);
		free(names[i]);
	}
	free(names);
}

/* ---- steps ---- */

static int
step_of(const char *s)
{
	for (int i = 0; s && i < MSTEP__COUNT; i++)
		if (strcmp(s, mstep_name[i]) == 0)
			return i;
	return -1;
}

struct matter *
matter_find(const struct matters *x, const struct site *s, const char *slug)
{
	for (size_t i = 0; x && i < x->n; i++)
		if (x->v[i]->site == s && strcmp(x->v[i]->slug, slug) == 0)
			return x->v[i];
	return NULL;
}

static void
add_ref(struct model *m, struct record *r, const struct resolution *res, const struct ynode *map,
    const struct ynode *name, const struct ynode *step)
{
	struct matters *x = m->matters;
	struct mref *st = xcalloc(1, sizeof *st);

	st->rec = r;
	st->res = res;
	st->name = name->str;
	st->node = name;
	st->step_node = step ? step : map;
	st->step = step ? step_of(step->str) : -1;
	st->matter = matter_find(x, r->site, name->str);
	for (size_t i = 0; st->matter == NULL && i < x->n; i++)
		if (strcmp(x->v[i]->slug, name->str) == 0)
			st->elsewhere = x->v[i];
	if (x->nrefs == x->rcap) {
		x->rcap = x->rcap ? x->rcap * 2 : 32;
		x->refs = xrealloc(x->refs, x->rcap * sizeof *x->refs);
	}
	x->refs[x->nrefs++] = st;
}

/* The steps record r names: its resolutions' matter/step, or its matters list. */
static void
read_refs(struct model *m, struct record *r)
{
	const struct ynode *l, *nm;

	if (r->kind == KIND_MEETINGS && r->meeting != NULL)
		for (size_t i = 0; i < r->meeting->nres; i++) {
			const struct resolution *rs = &r->meeting->res[i];

			if ((nm = ymap_get(rs->node, "matter")) != NULL && !nm->null && nm->type == YNODE_SCALAR)
				add_ref(m, r, rs, rs->node, nm, ymap_get(rs->node, "step"));
		}
	if (r->kind == KIND_DISCLOSURES && (l = ymap_get(r->fm.root, "matters")) != NULL &&
	    l->type == YNODE_SEQ)
		for (size_t i = 0; i < l->n; i++) {
			const struct ynode *it = l->items[i];

			if (it->type == YNODE_MAP && (nm = ymap_get(it, "matter")) != NULL && !nm->null &&
			    nm->type == YNODE_SCALAR)
				add_ref(m, r, NULL, it, nm, ymap_get(it, "step"));
		}
}

static int
mref_cmp(const void *a, const void *b)
{
	const struct mref *x = *(struct mref *const *)a, *y = *(struct mref *const *)b;
	int c = date_cmp(x->rec->date, y->rec->date);

	if (c == 0)
		c = x->step - y->step;
	return c ? c : strcmp(x->rec->rel, y->rec->rel);
}

/* ---- what follows from the steps ---- */

static int
held_in_lianxi(const struct mref *st)
{
	const char *t = st && st->rec->meeting ? st->rec->meeting->type : NULL;

	return t != NULL && strcmp(t, "两委联席会议") == 0;
}

/* The first 决议公开 on or after the 决议 (a failed earlier round's does not count), or NULL. */
static const struct mref *
first_publish(const struct matter *mt, struct date since)
{
	for (size_t i = 0; i < mt->nsteps; i++)
		if (mt->steps[i]->step == MSTEP_PUBLISH && date_cmp(mt->steps[i]->rec->date, since) >= 0)
			return mt->steps[i];
	return NULL;
}

/* 提议 … 决议: held, or missing when a later step was held, or merged by one_shoulder. */
static void
meeting_states(struct matter *mt)
{
	int one = matter_one_shoulder(mt->site);

	for (int s = MSTEP_PROPOSE; s <= MSTEP_DECIDE; s++) {
		int later = 0;

		for (int t = s + 1; t < MSTEP__COUNT; t++)
			later |= mt->at[t] != NULL;
		if (mt->at[s] != NULL)
			mt->state[s] = MSTATE_DONE;
		else if (!later)
			mt->state[s] = MSTATE_NONE;
		else if (one && s == MSTEP_PROPOSE && held_in_lianxi(mt->at[MSTEP_DISCUSS]))
			mt->state[s] = MSTATE_COVERED;
		else if (one && s == MSTEP_DISCUSS && held_in_lianxi(mt->at[MSTEP_PROPOSE]))
			mt->state[s] = MSTATE_COVERED;
		else
			mt->state[s] = MSTATE_MISSING;
	}
}

/* 决议公开 and 实施结果公开, due after a 决议 that passed. */
static void
disclosure_states(struct matter *mt, const struct config *cfg)
{
	const struct mref *dec = mt->at[MSTEP_DECIDE], *pub;
	int passed = dec != NULL && dec->res != NULL && dec->res->passed;
	long as_of = date_days(cfg->as_of);

	memset(&mt->due, 0, sizeof mt->due);
	if (passed)
		mt->due = date_from_days(date_days(dec->rec->date) + matter_disclosure_days(cfg));
	pub = passed ? first_publish(mt, dec->rec->date) : mt->at[MSTEP_PUBLISH];
	if (pub != NULL)
		mt->state[MSTEP_PUBLISH] = passed && date_cmp(pub->rec->date, mt->due) > 0 ? MSTATE_LATE :
		    MSTATE_DONE;
	else if ((passed && as_of > date_days(mt->due)) || mt->at[MSTEP_RESULT] != NULL)
		mt->state[MSTEP_PUBLISH] = MSTATE_MISSING;
	else
		mt->state[MSTEP_PUBLISH] = MSTATE_NONE;
	if (mt->at[MSTEP_RESULT] != NULL)
		mt->state[MSTEP_RESULT] = MSTATE_DONE;
	else if (passed && as_of > date_days(dec->rec->date) + RESULT_DAYS)
		mt->state[MSTEP_RESULT] = MSTATE_MISSING;
	else
		mt->state[MSTEP_RESULT] = MSTATE_NONE;
}

/* The status: where the latest vote left the matter, and what was published after it. */
static enum mstatus
status_of(const struct matter *mt)
{
	const struct mref *last = NULL;

	for (size_t i = 0; i < mt->nsteps; i++)
		if (mt->steps[i]->res != NULL && mt->steps[i]->step >= 0 && mt->steps[i]->step <= MSTEP_DECIDE)
			last = mt->steps[i];
	if (last == NULL)
		return MATTER_PROPOSED;
	if (!last->res->passed)
		return MATTER_FAILED;
	if (last->step != MSTEP_DECIDE)
		return last->step == MSTEP_PROPOSE ? MATTER_PROPOSED : MATTER_REVIEWING;
	for (size_t i = 0; i < mt->nsteps; i++)
		if (mt->steps[i]->step == MSTEP_RESULT && date_cmp(mt->steps[i]->rec->date, last->rec->date) >= 0)
			return MATTER_DONE;
	return first_publish(mt, last->rec->date) ? MATTER_PUBLISHED : MATTER_DECIDED;
}

static void
compute(struct matter *mt, const struct config *cfg)
{
	if (mt->nsteps > 1)
		xqsort(mt->steps, mt->nsteps, sizeof *mt->steps, mref_cmp);
	for (size_t i = 0; i < mt->nsteps; i++)
		if (mt->steps[i]->step >= 0)
			mt->at[mt->steps[i]->step] = mt->steps[i];
	meeting_states(mt);
	disclosure_states(mt, cfg);
	mt->nmissing = mt->nlate = 0;
	for (int s = 0; s < MSTEP__COUNT; s++) {
		mt->nmissing += mt->state[s] == MSTATE_MISSING;
		mt->nlate += mt->state[s] == MSTATE_LATE;
	}
	mt->status = status_of(mt);
}

/*
 * A record that counts for the steps: its front matter read, not a draft left
 * out, and not withdrawn (撤回): a withdrawn disclosure discloses nothing any
 * more, so it holds no step (else it showed as 党内记录, and its replacement
 * was "held again").
 */
static int
counts(const struct model *m, const struct record *r)
{
	return r->fm.root != NULL && !r->broken && (!r->draft || m->drafts) &&
	    (r->life == NULL || r->life->withdrawn == NULL);
}

void
matters_link(struct model *m)
{
	struct matters *x;

	if (m->matters == NULL)
		m->matters = xcalloc(1, sizeof *m->matters);
	x = m->matters;
	for (size_t i = 0; i < m->nrecs; i++)
		if (counts(m, m->recs[i]))
			read_refs(m, m->recs[i]);
	for (size_t i = 0; i < x->nrefs; i++) {
		struct matter *mt = x->refs[i]->matter;

		if (mt == NULL)
			continue;
		mt->steps = xrealloc(mt->steps, (mt->nsteps + 1) * sizeof *mt->steps);
		mt->steps[mt->nsteps++] = x->refs[i];
	}
	for (size_t i = 0; i < x->n; i++)
		compute(x->v[i], m->cfg);
}

void
matters_free(struct matters *x)
{
	if (x == NULL)
		return;
	for (size_t i = 0; i < x->n; i++) {
		struct matter *mt = x->v[i];

		free(mt->path);
		free(mt->slug);
		free(mt->url);
		free(mt->src);
		fm_free(&mt->fm);
		md_doc_free(&mt->body);
		free(mt->steps);
		free(mt);
	}
	for (size_t i = 0; i < x->nrefs; i++)
		free(x->refs[i]);
	free(x->v);
	free(x->refs);
	free(x);
}

struct mref **
matters_of_record(const struct matters *x, const struct record *r, size_t *n)
{
	size_t lo = 0, hi = x ? x->nrefs : 0;

	*n = 0;
	/* refs are in the records' order (m->recs, by path), each record's together */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (x->refs[mid]->rec->index < r->index)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (x && lo + *n < x->nrefs && x->refs[lo + *n]->rec == r)
		(*n)++;
	return *n ? &x->refs[lo] : NULL;
}

int
matter_published(const struct model *m, const struct matter *mt)
{
	return !mt->broken && (!mt->draft || m->drafts);
}

int
matter_disclosure_days(const struct config *cfg)
{
	return cfg->rs.matter_disclosure_days;
}

int
matter_one_shoulder(const struct site *s)
{
	const char *v = s->fm.root ? ymap_str(s->fm.root, "one_shoulder") : NULL;

	return v != NULL && schema_bool(v) == 1;
}
