/*
 * floor.c: the cmark-gfm floor for `make bench` (issue 7).
 *
 *   floor CONTENT_DIR
 *
 * Reads every .md file under CONTENT_DIR (sorted walk), drops the front matter
 * (from a first line "---" to the next "---"), and renders each body with
 * cmark-gfm and the table, strikethrough and autolink extensions, one parser
 * per body, in this one process and one thread. Prints
 *   floor: N bodies, B bytes, read R s, render S s
 * "render" is the time cmark-gfm alone needs; no gongkai build can be faster
 * on one core.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

struct body {
	char	*buf;
	size_t	 off, len;
};

static struct body *bodies;
static size_t nbodies, capbodies, total;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
add(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct body b = { NULL, 0, 0 };
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0) {
		perror(path);
		exit(2);
	}
	rewind(f);
	b.buf = malloc((size_t)n + 1);
	if (b.buf == NULL || fread(b.buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(2);
	}
	fclose(f);
	b.buf[n] = '\0';
	b.len = (size_t)n;
	if (strncmp(b.buf, "---\n", 4) == 0) {
		char *end = strstr(b.buf + 4, "\n---");
		if (end != NULL) {
			char *nl = strchr(end + 4, '\n');
			b.off = nl ? (size_t)(nl + 1 - b.buf) : (size_t)n;
		}
	}
	b.len -= b.off;
	total += b.len;
	if (nbodies == capbodies) {
		capbodies = capbodies ? capbodies * 2 : 1024;
		bodies = realloc(bodies, capbodies * sizeof *bodies);
		if (bodies == NULL)
			exit(2);
	}
	bodies[nbodies++] = b;
}

static void
walk(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	if (dp == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		names[n++] = strdup(de->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof *names, cmp);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		size_t l = strlen(names[i]);

		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			walk(path);
		else if (l > 3 && strcmp(names[i] + l - 3, ".md") == 0)
			add(path);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	static const char *const exts[] = { "table", "strikethrough", "autolink" };
	double t0, t1, t2;
	size_t out = 0;

	if (argc != 2) {
		fputs("usage: floor CONTENT_DIR\n", stderr);
		return 2;
	}
	t0 = now();
	walk(argv[1]);
	t1 = now();
	cmark_gfm_core_extensions_ensure_registered();
	for (size_t i = 0; i < nbodies; i++) {
		cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
		cmark_node *doc;
		char *html;

		for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++)
			cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(exts[k]));
		cmark_parser_feed(p, bodies[i].buf + bodies[i].off, bodies[i].len);
		doc = cmark_parser_finish(p);
		html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(p));
		out += strlen(html);
		free(html);
		cmark_node_free(doc);
		cmark_parser_free(p);
	}
	t2 = now();
	printf("floor: %zu bodies, %zu bytes in, %zu bytes out, read %.3f s, render %.3f s\n", nbodies, total, out,
	    t1 - t0, t2 - t1);
	return 0;
}
