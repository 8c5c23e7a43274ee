/*
 * test_links.c: rendering bodies twice (issue 7). model_render_bodies keeps
 * no HTML or text for most records and frees their sources; model_record_body reads
 * the file again and must give the HTML the golden site shows, and must
 * refuse a file that changed in between.
 *
 * Runs on a copy of tests/cases/basic/content (run from the repository root).
 */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gongkai.h"
#include "harness.h"
#include "pool.h"
#include "util.h"

/* Serial: the tests compare renderings, not threads. */
static const struct pool serial = { 1, 0 };

#define CASE	"tests/cases/basic"
#define WORK	"sites/village/work/2024-05-10-dangyuan-peixun.md"

static struct record *
find(struct model *m, const char *rel)
{
	struct record *r = model_find(m, rel);

	if (r == NULL) {
		printf("FAIL: links: %s not loaded\n", rel);
		exit(1);
	}
	return r;
}

/*
 * A build leaves published records to their pages (model_render_bodies
 * with records 0): one rendering there makes what the first pass made.
 */
static void
page_body(const char *dir, struct model *first)
{
	struct diags d;
	struct config *cfg;
	struct model *m;
	struct record *r, *disc;
	char *html, *text, *want, *again;

	diags_init(&d);
	cfg = config_load(dir, &d);
	m = model_load(dir, cfg, 0, &serial, &d);
	check_model(m, &d);
	model_render_bodies(m, &d, 0);
	r = find(m, WORK);
	disc = find(m, "sites/village/disclosures/2024-07-01-caiwu-gongkai-q2.md");
	CHECK("links: a published record is left to its page", !r->rendered && r->summary == NULL &&
	    r->body.ntoc == 0);
	CHECK_INT("links: page body renders", model_record_page_body(m, r, &d, &html, &text), 0);
	(void)model_record_body(first, find(first, WORK), &d, &want, NULL);
	CHECK("links: the page body's HTML is the first pass's", html && want && strcmp(html, want) == 0);
	CHECK("links: and its text", text != NULL && strstr(text, "折行处不应出现空格") != NULL);
	CHECK_STR("links: the summary is the first pass's", r->summary, find(first, WORK)->summary);
	CHECK("links: so is the table of contents", r->rendered && r->body.ntoc == find(first, WORK)->body.ntoc &&
	    r->body.html == NULL);
	(void)model_record_page_body(m, r, &d, &again, NULL);
	CHECK("links: asked again, the same HTML", again && html && strcmp(again, html) == 0);
	free(again);
	free(html);
	free(text);
	free(want);
	CHECK_INT("links: a disclosure's page body, HTML not asked", model_record_page_body(m, disc, &d, NULL, NULL), 0);
	CHECK("links: it keeps its HTML all the same", disc->body.html != NULL &&
	    strcmp(disc->body.html, find(first, disc->rel)->body.html) == 0);
	CHECK_INT("links: no findings on the golden content this way either", d.errors + d.warnings, 0);
	model_free(m);
	config_free(cfg);
	diags_free(&d);
}

int
main(void)
{
	char dir[] = "/tmp/gk-test-links-XXXXXX";
	struct diags d;
	struct config *cfg;
	struct model *m;
	struct record *r, *disc;
	char *cmd, *page = NULL, *html, *path;
	size_t pagelen, before;
	FILE *f;

	if (mkdtemp(dir) == NULL)
		return 2;
	cmd = xasprintf("cp -R " CASE "/content/. %s/", dir);
	if (system(cmd) != 0)
		return 2;
	free(cmd);
	diags_init(&d);
	cfg = config_load(dir, &d);
	m = model_load(dir, cfg, 0, &serial, &d);
	check_model(m, &d);
	model_render_bodies(m, &d, 1);
	CHECK_INT("links: the golden content has no errors", d.errors, 0);

	r = find(m, WORK);
	disc = find(m, "sites/village/disclosures/2024-07-01-caiwu-gongkai-q2.md");
	CHECK("links: a work record keeps no source and no HTML", r->src == NULL && r->body.html == NULL);
	CHECK("links: it keeps its summary and toc, not its text", r->summary != NULL &&
	    r->body.text == NULL && r->body.first_para == NULL);
	CHECK("links: a disclosure keeps its HTML (print sheets)", disc->src == NULL && disc->body.html != NULL);

	/* Rendered again: exactly what the golden page holds, links rewritten. */
	(void)model_record_body(m, r, &d, &html, NULL);
	CHECK("links: rendered again", html != NULL);
	if (file_read(CASE "/expected/sites/village/work/2024-05-10-dangyuan-peixun/index.html",
	    &page, &pagelen) < 0)
		return 2;
	CHECK("links: the golden page holds it", html != NULL && strstr(page, html) != NULL);
	CHECK("links: relative links rewritten", html != NULL &&
	    strstr(html, "../../../../sites/town/work/2024-04-02-zhen-dangyuan-peixun/index.html") != NULL);
	free(html);
	free(page);
	(void)model_record_body(m, r, &d, NULL, &html);
	CHECK("links: text rendered again", html != NULL && strstr(html, "折行处不应出现空格") != NULL &&
	    strstr(html, "<") == NULL);
	free(html);
	(void)model_record_body(m, disc, &d, &html, NULL);
	CHECK("links: a kept HTML is copied", html != NULL && strcmp(html, disc->body.html) == 0);
	free(html);
	page_body(dir, m);

	/* A finding about a parsed record quotes its line, read from the file again. */
	path = xasprintf("%s/%s", dir, WORK);
	before = d.n;
	diag_add_file(&d, DIAG_WARNING, "test", path, 3, 1, "a finding");
	CHECK("links: diag_add_file quotes the line", d.n == before + 1 && d.v[before].srcline != NULL &&
	    strcmp(d.v[before].srcline, "日期: 2024-05-10") == 0);
	free(path);

	/* The file changes after the checks: refused, with an error that says so. */
	path = xasprintf("%s/%s", dir, WORK);
	if ((f = fopen(path, "a")) == NULL)
		return 2;
	fputs("\n补记一句。\n", f);
	fclose(f);
	before = d.errors;
	CHECK("links: a changed file is refused", model_record_body(m, r, &d, &html, NULL) < 0 && html == NULL);
	CHECK_INT("links: one error", d.errors, before + 1);
	CHECK("links: the error names the file and says what to do", d.n > 0 &&
	    strstr(d.v[d.n - 1].msg, "changed while the site was being built") != NULL &&
	    strcmp(d.v[d.n - 1].path, path) == 0);
	free(html);
	unlink(path);
	CHECK("links: a deleted file is refused (text)", model_record_body(m, r, &d, NULL, &html) < 0 && html == NULL);
	free(html);
	CHECK("links: a deleted file is refused", model_record_body(m, r, &d, &html, NULL) < 0 && html == NULL);
	free(html);
	free(path);

	cmd = xasprintf("rm -rf %s", dir);
	if (system(cmd) != 0)
		return 2;
	free(cmd);
	model_free(m);
	config_free(cfg);
	diags_free(&d);
	return t_done();
}
