/*
 * assets.c: the files a site carries beside its pages: the theme's assets
 * (stylesheets and scripts made smaller, minify.h; the rest copied byte
 * for byte; symlinks never followed) and the attachments something published links (attach.h).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gongkai.h"
#include "frontmatter.h"
#include "attach.h"
#include "output.h"
#include "util.h"
#include "render.h"
#include "corepages.h"
#include "minify.h"

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}


/* A stylesheet or script, copied smaller (minify.h). */
static int
copy_min(struct gen *g, const char *from, const char *to,
    char *(*minify)(const char *, size_t, size_t *))
{
	char *src, *min;
	size_t len, mlen;
	int rc;

	if (file_read(from, &src, &len) < 0) {
		diag_add(g->d, DIAG_ERROR, "io", from, 0, 0, "cannot read the stylesheet");
		return -1;
	}
	min = minify(src, len, &mlen);
	rc = out_put(g->out, to, min, mlen);
	free(src);
	free(min);
	return rc;
}

/* Copies theme assets (recursively, sorted) into assets/. */
static void
copy_tree(struct gen *g, const char *dir, const char *rel)
{
	char **names = NULL;
	size_t n = 0;
	DIR *dp = opendir(dir);
	struct dirent *de;

	if (dp == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	xqsort(names, n, sizeof *names, str_cmp);
	for (size_t i = 0; i < n; i++) {
		char *from = path_join(dir, names[i]), *to = path_join(rel, names[i]);
		struct stat st;

		/* lstat: a theme's symlink could point anywhere; never follow it */
		if (lstat(from, &st) == 0 && S_ISDIR(st.st_mode))
			copy_tree(g, from, to);
		else if (lstat(from, &st) == 0 && S_ISREG(st.st_mode) && !g->failed) {
			size_t l = strlen(names[i]);
			int rc = l > 4 && strcmp(names[i] + l - 4, ".css") == 0 ? copy_min(g, from, to, css_minify) :
			    l > 3 && strcmp(names[i] + l - 3, ".js") == 0 ? copy_min(g, from, to, js_trim) :
			    out_copy(g->out, from, to);
			if (rc < 0)
				g->failed = 1;
		}
		free(from);
		free(to);
		free(names[i]);
	}
	free(names);
}

/*
 * site.yaml's footer.mark, the 党政机关网站标识 image: a file under static/
 * (static/dzjg.png), published like every attachment a page links, through
 * the gate (attach.h): a record or a 公示's name table named here is no file
 * of static/, and an SVG with a script is refused. A web address is left alone.
 */
static void
publish_mark(struct gen *g)
{
	const struct config *c = g->m->cfg;
	const char *mark = c->footer.mark;
	long i = -1;

	if (mark == NULL || strncmp(mark, "https://", 8) == 0 || strncmp(mark, "http://", 7) == 0)
		return;
	if (mark[0] != '/' && strstr(mark, "..") == NULL && strncmp(mark, "static/", 7) == 0)
		i = attach_find(g->m, mark + 7);
	if (i >= 0)
		attach_mark(g->m, (size_t)i, 1);
	else
		diag_add_src(g->d, DIAG_ERROR, "config", c->path, c->src, c->footer.mark_line, c->footer.mark_col,
		    "footer mark '%s' is not a file of the content folder: put the image under "
		    "static/ and give its path, e.g. static/dzjg.png", mark);
}

void
copy_files(struct gen *g, const char *theme_dir)
{
	char *assets = path_join(theme_dir, "assets");
	struct model *m = g->m;

	publish_mark(g);
	/* only what something published links, through the gate (attach.h) */
	if (!g->failed && attach_publish(m, g->out, g->o->verbose, g->d) < 0)
		g->failed = 1;
	copy_tree(g, assets, "assets");
	free(assets);
}
