/*
 * config.c: site.yaml and its defaults.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gate.h"
#include "gongkai.h"
#include "schema.h"
#include "util.h"
#include "i18n.h"

void
config_free(struct config *c)
{
	if (c == NULL)
		return;
	config_rules_free(c);
	fm_free(&c->fm);
	free(c->path);
	free(c->src);
	free(c->base_url);
	free(c->privacy_allow);
	pii_allow_free(c->pii_allow);
	free(c);
}

static int
int_of(const struct ynode *map, const char *key, int dflt)
{
	const char *s = ymap_str(map, key);

	return s ? atoi(s) : dflt;
}

/* The footer's keys into typed fields; a scalar footer is its text. */
static void
footer_fill(struct site_footer *f, const struct ynode *n)
{
	const struct ynode *mark;

	if (n == NULL || n->null)
		return;
	f->given = 1;
	if (n->type == YNODE_SCALAR) {
		f->text = n->str;
		return;
	}
	f->text = ymap_str(n, "text");
	f->org = ymap_str(n, "org");
	f->operator_ = ymap_str(n, "operator");
	f->contact = ymap_str(n, "contact");
	f->address = ymap_str(n, "address");
	f->icp = ymap_str(n, "icp");
	f->police = ymap_str(n, "police");
	f->site_code = ymap_str(n, "site_code");
	f->mark = ymap_str(n, "mark");
	f->mark_url = ymap_str(n, "mark_url");
	if ((mark = ymap_get(n, "mark")) != NULL) {
		f->mark_line = mark->line;
		f->mark_col = mark->col;
	}
}

/*
 * footer.mark_url is the one address a page links as written: one it may
 * not link (javascript:, data: …) would link nowhere ('#') without a word.
 */
static void
check_mark_url(const struct config *c, struct diags *d)
{
	const struct ynode *n;

	if ((n = ymap_get(ymap_get(c->fm.root, "footer"), "mark_url")) == NULL || n->type != YNODE_SCALAR || n->null ||
	    url_linkable(n->str))
		return;
	diag_add_src(d, DIAG_ERROR, "config", c->path, c->src, n->line, n->col,
	    "footer.mark_url '%s' is not an address a page may link (only https://, http://, mailto: "
	    "and tel:, or a path on this site), so the 党政机关网站标识 would link nowhere; write the "
	    "address the 机构编制部门 gave, e.g. https://bszs.conac.cn/…", n->str);
}

/* site.yaml is plain YAML, no '---' fences. */
struct config *
config_load(const char *content_dir, struct diags *d)
{
	struct config *c = xcalloc(1, sizeof *c);
	char *file = path_join(content_dir, "site.yaml");
	size_t len, bad;
	const char *s;
	struct ynode *v;

	c->path = xstrdup(file);
	c->paginate = 20;
	c->pass_mark = 80;
	c->as_of = date_today();
	c->language = "zh-CN";
	c->theme = "default";
	c->base_url = xstrdup("");
	{
		struct stat st;
		if (stat(content_dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			diag_add(d, DIAG_ERROR, "io", content_dir, 0, 0,
			    "content folder not found; give the folder that holds site.yaml with -C");
			goto out;
		}
	}
	if (file_read(file, &c->src, &len) < 0) {
		diag_add(d, DIAG_ERROR, "config", c->path, 0, 0,
		    "cannot read site.yaml (%s): every content folder needs one; see README, site.yaml",
		    strerror(errno));
		goto out;
	}
	if ((bad = utf8_valid(c->src, len)) != len) {
		diag_add(d, DIAG_ERROR, "utf8", c->path, 0, 0,
		    "not valid UTF-8 at byte %zu: save the file as UTF-8", bad);
		goto out;
	}
	if ((c->fm.root = fm_yaml(c->path, c->src, len, d)) == NULL)
		goto out;
	if (schema_check(schema_fields(SCHEMA_SITE_CONFIG), c->fm.root, c->path, c->src, d) > 0)
		goto out;
	c->title = ymap_str(c->fm.root, "title");
	if ((s = ymap_str(c->fm.root, "base_url")) != NULL && *s &&
	    strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0) {
		struct ynode *bn = ymap_get(c->fm.root, "base_url");
		diag_add_src(d, DIAG_ERROR, "config", c->path, c->src, bn->line, bn->col,
		    "base_url must be the site's web address starting with https:// or http://, "
		    "e.g. https://dangjian.example.gov.cn/");
	} else if (s != NULL && *s) {
		free(c->base_url);
		c->base_url = s[strlen(s) - 1] == '/' ? xstrdup(s) : xasprintf("%s/", s);
	}
	if ((s = ymap_str(c->fm.root, "language")) != NULL)
		c->language = s;
	/* a site in English gets its messages in English, unless the person asked (i18n.h) */
	i18n_site(c->language);
	c->description = ymap_str(c->fm.root, "description");
	footer_fill(&c->footer, ymap_get(c->fm.root, "footer"));
	c->feedback = ymap_str(c->fm.root, "feedback");
	if ((c->theme = ymap_str(c->fm.root, "theme")) == NULL)
		c->theme = "default";
	c->rules = ymap_get(c->fm.root, "rules");
	if ((v = ymap_get(c->rules, "notice_retention_days")) != NULL)
		c->retention_default = ymap_str(v, "default");
	config_rules_fill(c);
	if ((s = ymap_str(c->fm.root, "as_of")) != NULL) {
		date_parse(s, &c->as_of);
		c->as_of_pos = ymap_pos(c->fm.root, "as_of");
	}
	if ((s = ymap_str(c->fm.root, "privacy")) != NULL)
		c->privacy_refuse = strcmp(s, "refuse") == 0;
	if ((s = ymap_str(c->fm.root, "unsafe_html")) != NULL)
		c->unsafe_html = schema_bool(s) == 1;
	c->paginate = int_of(c->fm.root, "paginate", 20);
	if (c->paginate < 1)
		c->paginate = 20;
	c->pass_mark = int_of(c->rules, "pass_mark", 80);
	if ((v = ymap_get(c->fm.root, "privacy_allow")) != NULL) {
		if (v->type == YNODE_SEQ) {
			c->privacy_allow = xcalloc(v->n + 1, sizeof *c->privacy_allow);
			for (size_t i = 0; i < v->n; i++)
				if (v->items[i]->type == YNODE_SCALAR)
					c->privacy_allow[c->nallow++] = v->items[i]->str;
		} else if (v->type == YNODE_SCALAR && !v->null) {
			c->privacy_allow = xcalloc(2, sizeof *c->privacy_allow);
			c->privacy_allow[c->nallow++] = v->str;
		}
	}
	c->pii_allow = pii_allow_new(c->privacy_allow, c->nallow);
	{
		/* site.yaml's values reach every page (title, footer): through the gate (gate.h) */
		struct gate g = { c->pii_allow, c->privacy_refuse, d };

		gate_yaml(&g, c->fm.root, c->path, c->src);
	}
	/* after the gate: the message quotes the value */
	check_mark_url(c, d);
out:
	free(file);
	return c;
}
