/*
 * check.c: the rules of the content model that go beyond one file's keys:
 * references between files, attachments, evidence.
 */
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"
#include "util.h"

static int
has_static(const struct model *m, const char *rel)
{
	for (size_t i = 0; i < m->nstatics; i++)
		if (strcmp(m->statics[i], rel) == 0)
			return 1;
	return 0;
}

static void
check_attachments(struct model *m, struct record *r, struct diags *d)
{
	struct ynode *n = ymap_get(r->fm.root, "attachments");
	size_t cnt;

	if (n == NULL || n->null)
		return;
	cnt = n->type == YNODE_SEQ ? n->n : 1;
	for (size_t i = 0; i < cnt; i++) {
		struct ynode *t = n->type == YNODE_SEQ ? n->items[i] : n;
		const char *f = t->str;

		if (t->null)
			continue;
		if (strncmp(f, "static/", 7) == 0)
			f += 7;
		if (strstr(f, "..") != NULL || f[0] == '/' || !has_static(m, f))
			diag_add_src(d, DIAG_ERROR, "attachment", r->path, r->src, t->line, t->col,
			    "attachment '%s' not found: put the file under %s/static/ and name it "
			    "relative to static/", t->str, m->content_dir);
	}
}

static void
check_evidence(struct model *m, struct record *r, struct diags *d)
{
	struct ynode *n = ymap_get(r->fm.root, "evidence");
	char *dir;

	if (n == NULL || n->type != YNODE_SEQ)
		return;
	dir = xstrndup(r->rel, (size_t)(strrchr(r->rel, '/') - r->rel));
	for (size_t i = 0; i < n->n; i++) {
		const char *e = n->items[i]->str;
		char *target = NULL;
		struct record *t;

		if (strncmp(e, "../", 3) == 0 && strstr(e + 3, "..") == NULL && e[3] != '/') {
			const char *slash = strrchr(dir, '/');
			char *up = xstrndup(dir, (size_t)(slash - dir));
			target = path_join(up, e + 3);
			free(up);
		} else if (strstr(e, "..") == NULL && e[0] != '/')
			target = path_join(dir, e);
		t = target ? model_find(m, target) : NULL;
		if (t == NULL || t->site != r->site || !t->published)
			diag_add_src(d, DIAG_ERROR, "evidence", r->path, r->src, n->items[i]->line,
			    n->items[i]->col,
			    "evidence '%s' %s: list published records of the same site, e.g. "
			    "../meetings/2024-06-12-dangyuan-dahui.md", e,
			    t == NULL ? "not found" : t->site != r->site ? "is a record of another site" :
			    "is not published");
		free(target);
	}
	free(dir);
}

void
check_model(struct model *m, struct diags *d)
{
	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = m->recs[i];

		if (r->fm.root == NULL)
			continue;
		check_attachments(m, r, d);
		if (r->kind == KIND_CASES)
			check_evidence(m, r, d);
	}
}
