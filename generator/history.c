/*
 * history.c: the committed versions of each published disclosure, read with
 * libgit2 (no `git` program). Only a content folder that is itself the top
 * of a repository is read: a county keeps its content in a repository of
 * its own, and a content folder inside another project (the demo, the test
 * cases in gongkai's own repository) has no history of its own to show.
 *
 * One walk over the commits, oldest first; in each commit's tree the blob of
 * each disclosure's file is looked up, and a new blob is a new version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "diag.h"
#include "dynlib.h"
#include "frontmatter.h"
#include "gongkai.h"
#include "life.h"
#include "util.h"
#include "i18n.h"

#ifndef GK_GIT2_SO
#define GK_GIT2_SO ""
#endif
#ifndef GK_GIT2_PKG
#define GK_GIT2_PKG ""
#endif

/*
 * libgit2 is opened only for a content folder that is a repository
 * (dynlib.h): every call below goes through G.
 */
#define GIT_FUNCS(X) \
	X(git_libgit2_init) X(git_libgit2_shutdown) X(git_repository_open_ext) X(git_repository_free) \
	X(git_reference_name_to_id) X(git_oid_tostr) X(git_oid_equal) X(git_revwalk_new) \
	X(git_revwalk_sorting) X(git_revwalk_push_head) X(git_revwalk_next) X(git_revwalk_free) \
	X(git_commit_lookup) X(git_commit_tree) X(git_commit_time) X(git_commit_free) \
	X(git_tree_entry_bypath) X(git_tree_entry_id) X(git_tree_entry_free) X(git_tree_free) \
	X(git_blob_lookup) X(git_blob_rawsize) X(git_blob_rawcontent) X(git_blob_free)

#define GIT_FIELD(f) __typeof__(f) *x_##f;
#define GIT_NAME(f) #f,
#define GIT_ADDR(f) &G.x_##f,

static struct {
	GIT_FUNCS(GIT_FIELD)
} G;
static const char *const git_names[] = { GIT_FUNCS(GIT_NAME) };
static void *const git_fns[] = { GIT_FUNCS(GIT_ADDR) };
/* the defaults are Debian 12's names */
static struct dynlib git_lib = DYNLIB(GK_GIT2_SO, "libgit2.so.1.5", GK_GIT2_PKG, "libgit2-1.5", git_names, git_fns);

#define NOT_A_REPOSITORY "gongkai: %s is not the top of a git repository: disclosures are " \
	"published without their history (revisions, v<N>/ pages)\n"

/* Records carry dates of China Standard Time (UTC+8). */
static struct date
commit_date(const git_commit *c)
{
	long long t = (long long)G.x_git_commit_time(c) + 8 * 3600;

	return date_from_days((long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400)));
}

struct track {
	struct record	*r;
	git_oid		 last;
	int		 seen;
};

/*
 * Whether a committed text of r was public: a version that was internal
 * (公开范围: internal) or a draft was never published, so its v<N>/ page
 * would publish party-internal text. One whose front matter cannot be read
 * might have been either, so it is not shown either.
 */
static int
was_public(const struct record *r, const char *text, size_t len)
{
	struct diags dq;
	struct fm fm;
	const char *v;
	int ok = 0;

	diags_init(&dq);
	memset(&fm, 0, sizeof fm);
	if (fm_parse(r->path, text, len, 1, &fm, &dq) == 0 && fm.root != NULL &&
	    schema_check(schema_fields(kind_info[r->kind].schema), fm.root, r->path, text, &dq) == 0) {
		ok = 1;
		if ((v = ymap_str(fm.root, "audience")) != NULL && strcmp(v, "internal") == 0)
			ok = 0;
		if ((v = ymap_str(fm.root, "draft")) != NULL && schema_bool(v) == 1)
			ok = 0;
	}
	fm_free(&fm);
	diags_free(&dq);
	return ok;
}

static void
add_rev(git_repository *repo, struct track *t, const git_oid *blob, struct date d)
{
	struct life *l = t->r->life;
	struct life_rev *v;
	git_blob *b;
	char *text;
	size_t len;

	if (t->seen && G.x_git_oid_equal(&t->last, blob))
		return;
	t->last = *blob;
	t->seen = 1;
	if (G.x_git_blob_lookup(&b, repo, blob) < 0)
		return;
	len = (size_t)G.x_git_blob_rawsize(b);
	text = xstrndup(G.x_git_blob_rawcontent(b), len);	/* NUL-terminated for the parser */
	G.x_git_blob_free(b);
	if (!was_public(t->r, text, len)) {
		free(text);
		return;
	}
	l->revs = xrealloc(l->revs, (l->nrevs + 1) * sizeof *l->revs);
	v = &l->revs[l->nrevs++];
	v->date = d;
	v->len = len;
	v->text = text;
}

static void
walk(git_repository *repo, struct track *tr, size_t n)
{
	git_revwalk *w;
	git_oid id;

	if (G.x_git_revwalk_new(&w, repo) < 0)
		return;
	G.x_git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE);
	if (G.x_git_revwalk_push_head(w) == 0)
		while (G.x_git_revwalk_next(&id, w) == 0) {
			git_commit *c;
			git_tree *tree;

			if (G.x_git_commit_lookup(&c, repo, &id) < 0)
				continue;
			if (G.x_git_commit_tree(&tree, c) == 0) {
				for (size_t i = 0; i < n; i++) {
					git_tree_entry *e;

					if (G.x_git_tree_entry_bypath(&e, tree, tr[i].r->rel) == 0) {
						add_rev(repo, &tr[i], G.x_git_tree_entry_id(e), commit_date(c));
						G.x_git_tree_entry_free(e);
					}
				}
				G.x_git_tree_free(tree);
			}
			G.x_git_commit_free(c);
		}
	G.x_git_revwalk_free(w);
}

/*
 * Could dir be the top of a repository, as git_repository_open_ext with
 * NO_SEARCH asks: a work tree's .git (a folder or a "gitdir:" file), or a
 * bare repository's HEAD. When neither exists it cannot be, and libgit2 is
 * not started at all: its start-up reads the system's TLS certificates,
 * which was 2% of a build's instructions with no repository to read.
 */
static int
may_be_repository(const char *dir)
{
	char *git = path_join(dir, ".git"), *head = path_join(dir, "HEAD");
	int may = access(git, F_OK) == 0 || access(head, F_OK) == 0;

	free(git);
	free(head);
	return may;
}

void
history_load(struct model *m, int verbose, struct diags *d)
{
	git_repository *repo = NULL;
	struct track *tr;
	size_t n = 0;
	const char *why;

	(void)d;
	if (!may_be_repository(m->content_dir)) {
		if (verbose)
			fprintf(stderr, NOT_A_REPOSITORY, m->content_dir);
		return;
	}
	if ((why = dynlib_need(&git_lib)) != NULL) {
		fprintf(stderr, _("gongkai: %s is a git repository, but %s; disclosures are published without "
		    "their history\n"), m->content_dir, why);
		return;
	}
	G.x_git_libgit2_init();
	if (G.x_git_repository_open_ext(&repo, m->content_dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		if (verbose)
			fprintf(stderr, NOT_A_REPOSITORY, m->content_dir);
		G.x_git_libgit2_shutdown();
		return;
	}
	{
		git_oid head;

		if (G.x_git_reference_name_to_id(&head, repo, "HEAD") == 0)
			G.x_git_oid_tostr(m->history_head, sizeof m->history_head, &head);
		else
			snprintf(m->history_head, sizeof m->history_head, "no commit");
	}
	tr = xcalloc(m->nrecs + 1, sizeof *tr);
	for (size_t i = 0; i < m->nrecs; i++)
		if (m->recs[i]->life && m->recs[i]->published)
			tr[n++].r = m->recs[i];
	if (n > 0)
		walk(repo, tr, n);
	free(tr);
	G.x_git_repository_free(repo);
	G.x_git_libgit2_shutdown();
}
