/*
 * test_output.c: the inputs key of the no-op rebuild (out_inputs_key) sees
 * every change a build would see (bytes, names, new and removed files,
 * files deep in folders, the theme, the options, where a symbolic link
 * points) and nothing else, whether
 * the files are hashed on one thread or several.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "harness.h"
#include "output.h"
#include "pool.h"
#include "readlog.h"
#include "util.h"

static char root[] = "/tmp/gk-test-output-XXXXXX";

static void
put(const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", root, rel);
	char *dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
	FILE *f;
	int ok = 0;

	mkdirs(dir);	/* makes dir itself too */
	free(dir);
	if ((f = fopen(path, "w")) != NULL) {
		ok = fputs(text, f) >= 0;
		ok = fclose(f) == 0 && ok;
	}
	if (!ok) {
		/* a test that did not change its files would pass for nothing */
		t_failed++;
		printf("FAIL: cannot write %s\n", path);
	}
	free(path);
}

/* The threads out_inputs_scan reads on: one, or four in the test that compares them. */
static struct pool scan_pool = { 1, 0 };

static char *
key(const char *opts)
{
	char *c = xasprintf("%s/content", root), *t = xasprintf("%s/theme", root);
	struct inputs *in = out_inputs_scan(opts, c, t, &scan_pool);
	char *k = out_inputs_key(in);

	out_inputs_free(in);
	free(c);
	free(t);
	return k;
}

/* Does the key differ from base now? Puts the key back in *base either way. */
static int
changed(char **base)
{
	char *k = key("o");
	int diff = strcmp(k, *base) != 0;

	free(*base);
	*base = k;
	return diff;
}

static void
rm(const char *rel)
{
	char *path = xasprintf("%s/%s", root, rel);

	unlink(path);
	free(path);
}

/*
 * The remembered key is that of the bytes the build read (issue 22): a
 * record saved between the scan and the build's read, then put back, must
 * not leave its key equal to the scan's.
 */
static void
test_read_key(void)
{
	const char *rel = "content/sites/s1/work/2025-01-05-r.md";
	char *c = xasprintf("%s/content", root), *t = xasprintf("%s/theme", root);
	char *path = xasprintf("%s/%s", root, rel), *odd = xasprintf("%s//content/./sites/s1/../s1/work/2025-01-05-r.md", root);
	char *before, *after, *data;
	struct inputs *in;
	size_t len;

	put(rel, "---\ntitle: 原来\n---\n原来的正文\n");
	readlog_start();
	in = out_inputs_scan("o", c, t, &scan_pool);
	before = out_inputs_key(in);
	put(rel, "---\ntitle: 原来\n---\n改过的正文\n");	/* saved while the build runs */
	CHECK("the build reads the record", file_read(odd, &data, &len) == 0);
	free(data);
	put(rel, "---\ntitle: 原来\n---\n原来的正文\n");	/* and put back */
	CHECK_INT("the reread succeeds", out_inputs_reread(in), 0);
	after = out_inputs_key(in);
	CHECK("the key remembered is of the bytes read, not of the scan", strcmp(before, after) != 0);
	free(after);
	out_inputs_free(in);
	in = out_inputs_scan("o", c, t, &scan_pool);
	after = out_inputs_key(in);
	CHECK_STR("the next scan (bytes put back) equals the first, so it differs from the key remembered",
	    after, before);
	free(after);
	out_inputs_free(in);
	readlog_stop();

	/* read twice, with other bytes the second time: nothing may be remembered */
	readlog_start();
	in = out_inputs_scan("o", c, t, &scan_pool);
	CHECK("first read", file_read(path, &data, &len) == 0);
	free(data);
	put(rel, "---\ntitle: 原来\n---\n第三种正文\n");
	CHECK("second read", file_read(path, &data, &len) == 0);
	free(data);
	CHECK_INT("a file read twice with different bytes: -1", out_inputs_reread(in), -1);
	out_inputs_free(in);
	readlog_stop();
	free(before);
	free(c);
	free(t);
	free(path);
	free(odd);
}

/* Spelling of paths in the read log. */
static void
test_readlog_path(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "content/sites/a.md", "content/sites/a.md" },
		{ "content//sites/./a.md", "content/sites/a.md" },
		{ "content/sites/x/../a.md", "content/sites/a.md" },
		{ "../content/a.md", "../content/a.md" },
		{ "a/../../b", "../b" },
		{ "/srv/../x//", "/x" },
		{ "/..", "/" },
		{ "./", "." },
		/* clean already (given back as they are), and the spellings next to it that are not */
		{ "/", "/" }, { "", "." }, { "a/", "a" }, { ".a/..b/...", ".a/..b/..." }, { "/a/b", "/a/b" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *p = readlog_path(cases[i].in), name[128];

		snprintf(name, sizeof name, "readlog_path(\"%s\")", cases[i].in);
		CHECK_STR(name, p, cases[i].want);
		free(p);
	}
}

/* The mount point test on made-up stats: the two the build sees, folder and "folder/..". */
static void
test_mount(void)
{
	struct stat dir, parent;

	memset(&dir, 0, sizeof dir);
	memset(&parent, 0, sizeof parent);
	dir.st_dev = 10, dir.st_ino = 500;
	parent.st_dev = 10, parent.st_ino = 2;
	CHECK("a folder on its parent's file system is no mount point", !out_is_mount(&dir, &parent));
	dir.st_dev = 11, dir.st_ino = 2;
	CHECK("a folder on another device is a mount point", out_is_mount(&dir, &parent));
	dir.st_dev = 10, dir.st_ino = 2;
	CHECK("a folder that is its own parent (/) is a mount point", out_is_mount(&dir, &parent));
}

/* out_resolve follows a symlinked output folder to its target, and names new folders. */
static void
test_resolve(void)
{
	char *site = xasprintf("%s/srv/www/site", root), *link = xasprintf("%s/output", root), *r, *want;
	char *dangling = xasprintf("%s/gone", root), *fresh = xasprintf("%s/new/deeper/out/", root);
	char *realroot = realpath(root, NULL);
	struct diags d;

	diags_init(&d);
	mkdirs(site);
	CHECK("symlink made", symlink(site, link) == 0 && symlink("nowhere/x", dangling) == 0);
	r = out_resolve(link, &d);
	want = xasprintf("%s/srv/www/site", realroot);
	CHECK_STR("a symlinked output folder resolves to its target", r, want);
	free(r);
	free(want);
	r = out_resolve(fresh, &d);
	want = xasprintf("%s/new/deeper/out", realroot);
	CHECK_STR("a folder not made yet resolves below its nearest parent", r, want);
	free(r);
	free(want);
	CHECK_INT("no error so far", d.errors, 0);
	r = out_resolve(dangling, &d);
	CHECK("a link to nothing is refused", r == NULL && d.errors == 1 && strstr(d.v[0].msg, "nowhere/x") != NULL);
	free(r);
	r = out_resolve("/", &d);
	CHECK("/ is refused as a mount point", r == NULL && d.errors == 2 && strstr(d.v[1].msg, "mount point") != NULL);
	free(r);
	diags_free(&d);
	free(site);
	free(link);
	free(dangling);
	free(fresh);
	free(realroot);
}

int
main(void)
{
	char *base, *k, *from, *to;

	if (mkdtemp(root) == NULL)
		return 1;
	put("content/site.yaml", "title: 测试\n");
	for (int i = 0; i < 40; i++) {
		char rel[128], text[64];

		snprintf(rel, sizeof rel, "content/sites/s%d/work/2025-01-%02d-r.md", i % 3, i % 28 + 1);
		snprintf(text, sizeof text, "---\ntitle: 记录 %d\n---\n正文 %d\n", i, i);
		put(rel, text);
	}
	put("theme/templates/base.html", "<html></html>\n");

	scan_pool = pool_make(1, 0);
	base = key("o");
	scan_pool = pool_make(4, 0);
	k = key("o");
	CHECK_STR("the key is the same on one thread and on four", k, base);
	free(k);
	CHECK("the same inputs give the same key", !changed(&base));

	put("content/sites/s1/work/2025-01-02-r.md", "---\ntitle: 记录 1\n---\n正文 改了\n");
	CHECK("editing a record's bytes changes the key", changed(&base));
	put("content/sites/s2/work/2025-01-03-r.md", "---\ntitle: 记录 2\n---\n正文 2\n");
	put("content/sites/s2/work/2025-01-03-r.md", "---\ntitle: 记录 2\n---\n正文 2\n");
	CHECK("writing the same bytes again leaves the key", !changed(&base));

	from = xasprintf("%s/content/sites/s0/work/2025-01-01-r.md", root);
	to = xasprintf("%s/content/sites/s0/work/2025-01-01-s.md", root);
	k = xstrdup(base);
	CHECK("renaming a record (same bytes) changes the key", rename(from, to) == 0 && changed(&base));
	CHECK("renaming it back changes it again", rename(to, from) == 0 && changed(&base));
	CHECK_STR("... to what it was before", base, k);
	free(k);
	free(from);
	free(to);

	put("content/sites/s0/meetings/deep/er/2025-02-01-m.md", "x\n");
	CHECK("a new file deep in new folders changes the key", changed(&base));
	rm("content/sites/s0/meetings/deep/er/2025-02-01-m.md");
	CHECK("removing it changes the key", changed(&base));
	put("content/static/empty.txt", "");
	CHECK("a new empty file changes the key", changed(&base));

	put("theme/templates/base.html", "<html><body></body></html>\n");
	CHECK("editing the theme changes the key", changed(&base));

	/* a link to a folder, pointed elsewhere: no file's bytes change (issue 21) */
	put("content/static/a/note.txt", "甲\n");
	put("content/static/b/note.txt", "乙\n");
	from = xasprintf("%s/content/static/cur", root);
	CHECK("a new link to a folder changes the key", symlink("a", from) == 0 && changed(&base));
	CHECK("the link pointed at another folder changes the key",
	    unlink(from) == 0 && symlink("b", from) == 0 && changed(&base));
	free(from);

	k = key("p");
	CHECK("other options give another key", strcmp(k, base) != 0);
	free(k);
	free(base);

	test_read_key();
	test_readlog_path();
	test_mount();
	test_resolve();

	from = xasprintf("rm -rf '%s'", root);
	if (system(from) != 0)
		fprintf(stderr, "test_output: could not remove %s\n", root);
	free(from);
	return t_done();
}
