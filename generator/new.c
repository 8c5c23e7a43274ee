/*
 * new.c: `gongkai new KIND --site ID "标题"`, a record started from its
 * kind's archetype.
 *
 * The archetype is the first that exists of
 *   <content>/archetypes/KIND.md    a county's own
 *   <theme>/archetypes/KIND.md      the theme's
 *   new_builtin_archetype()         made from the key table in schema.c
 * Its {{placeholders}} are filled in (the title as a quoted YAML scalar
 * where it must be), the result is checked against the kind's keys before
 * anything is written, and an existing file is never overwritten
 * (recwrite.c). A disclosure's category and period come from --category
 * and the title (hint.c) before any default, and its boilerplate names the
 * site and the period in words, not 某某村.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check_rules.h"
#include "gongkai.h"
#include "hint.h"
#include "new.h"
#include "matter.h"
#include "recwrite.h"
#include "schema.h"
#include "util.h"
#include "i18n.h"

static const char new_usage[] =
N_("usage: gongkai new KIND --site ID TITLE [--date YYYY-MM-DD] [--slug SLUG]\n"
"                   [--year YYYY] [--category CATEGORY] [-C CONTENT_DIR]\n"
"                   [-t THEME_DIR] [-q]\n"
"\n"
"Creates content/sites/ID/KIND/DATE-SLUG.md (reports: KIND/YEAR.md) from the\n"
"kind's archetype, with the required keys filled in and every key explained,\n"
"and prints its path. The record starts as a draft (草稿: true).\n"
"\n"
"  KIND                work meetings disclosures cases assessments reports\n"
"                      (or 工作记录 会议记录 三公开 典型经验 考核评分 年度报告)\n"
"  -s, --site ID       the demonstration site: a folder under content/sites/\n"
"  -d, --date DATE     the record's date (default: today)\n"
"      --slug SLUG     the file name after the date: a-z, 0-9 and - (default: from\n"
"                      the title's ASCII words, else the kind, with -2, -3 … added\n"
"                      when the name is taken)\n"
"      --year YYYY     reports and assessments: the year (default: the date's)\n"
"      --category CAT  disclosures: 村务公开, 财务公开 or 党务公开 (default: from\n"
"                      the title: 财务 -> 财务公开; 党务, 党员 -> 党务公开; else\n"
"                      村务公开)\n"
"  -C, --content DIR   content folder (default: content)\n"
"  -t, --theme DIR     theme folder whose archetypes/ to use (default: the theme\n"
"                      in site.yaml); DIR/archetypes/KIND.md in the content folder\n"
"                      comes first\n"
"  -q, --quiet         print only the path\n"
"  -h, --help          this help\n"
"\n"
"A disclosure's period (所属期) is the one its title names: 2025年第四季度 ->\n"
"2025-Q4, 2025年上半年 -> 2025-H1, 2025年3月 -> 2025-03, 2025年度 -> 2025.\n"
"Else it is the period that ended last before the date, in the unit that\n"
"site.yaml's rules.disclosure_frequency sets for the category (default: the\n"
"quarter): what a disclosure made on that day is usually about. The text\n"
"names the site and the period in words (法泥村2025年第四季度).\n"
"\n"
"Exit status: 0 created; 1 the file exists or the archetype makes an invalid\n"
"record (nothing written); 2 usage or system error, unknown kind, site or\n"
"category.\n");

enum { OPT_SLUG = 256, OPT_YEAR, OPT_CATEGORY };

/* The command line, as given. */
struct new_opts {
	const char	*kind;		/* KIND as typed */
	const char	*title;
	const char	*site, *date, *slug, *year, *category;	/* NULL when not given */
	const char	*content_dir;
	const char	*theme;		/* -t, or NULL */
	int		 quiet;
};

/* What the options resolve to; the strings are owned. */
struct new_plan {
	int		 kind;		/* enum kind */
	struct date	 date;
	char		 datebuf[11], yearbuf[8], periodbuf[16], period_cn[48];
	const char	*category;	/* static: schema_categories[i] */
	char		*site_name;	/* the profile's name, else the site id */
	char		*theme_dir;
	struct config	*cfg;		/* site.yaml, for the theme and the rules */
};

static void
list_kinds(void)
{
	fputs(_("kinds:"), stderr);
	for (int k = 0; k < KIND__COUNT; k++)
		fprintf(stderr, _(" %s (%s)"), kind_info[k].dir, kind_info[k].cn);
	fputc('\n', stderr);
}

static const char *
category_parse(const char *s)
{
	for (int i = 0; schema_categories[i]; i++)
		if (strcmp(s, schema_categories[i]) == 0)
			return schema_categories[i];
	return NULL;
}

/* --- placeholders --------------------------------------------------- */

/* Is the line starting at p exactly "---" (before LF or CRLF)? */
static int
fence_at(const char *p)
{
	return strncmp(p, "---", 3) == 0 && (p[3] == '\n' || p[3] == '\0' ||
	    (p[3] == '\r' && p[4] == '\n'));
}

int
new_fill(const char *tmpl, const struct new_vars *v, struct sb *out,
    int *line, char *bad, size_t badlen)
{
	const struct { const char *name, *val; int user; } vars[] = {
		{ "title", v->title, 1 }, { "date", v->date, 0 }, { "site", v->site, 0 },
		{ "kind", v->kind, 0 }, { "year", v->year, 0 }, { "period", v->period, 0 },
		{ "slug", v->slug, 0 }, { "category", v->category, 0 },
		{ "site_name", v->site_name, 1 }, { "period_cn", v->period_cn, 0 },
	};
	/* 1 in the front matter (from its opening fence), 2 in the body */
	int where = fence_at(tmpl) ? 1 : 2, ln = 1;
	const char *p = tmpl;

	while (*p) {
		if (p[0] == '{' && p[1] == '{') {
			const char *q = p + 2, *e;
			size_t n;
			size_t i;

			while (*q == ' ')
				q++;
			for (e = q; (*e >= 'a' && *e <= 'z') || *e == '_'; e++)
				;
			n = (size_t)(e - q);
			while (*e == ' ')
				e++;
			if (e[0] != '}' || e[1] != '}') {
				sb_putc(out, *p++);
				continue;
			}
			for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
				if (strlen(vars[i].name) == n && strncmp(vars[i].name, q, n) == 0)
					break;
			if (i == sizeof vars / sizeof vars[0]) {
				size_t bl = (size_t)(e + 2 - p);
				if (bl >= badlen)
					bl = badlen - 1;
				memcpy(bad, p, bl);
				bad[bl] = '\0';
				*line = ln;
				return -1;
			}
			if (vars[i].val == NULL)
				;
			else if (where == 1 && vars[i].user)
				rw_yaml_scalar(out, vars[i].val);
			else
				sb_puts(out, vars[i].val);
			p = e + 2;
			continue;
		}
		sb_putc(out, *p);
		if (*p++ == '\n') {
			ln++;
			if (where == 1 && fence_at(p))
				where = 2;
		}
	}
	if (out->buf == NULL)
		sb_puts(out, "");
	return 0;
}

/* --- the built-in archetype ------------------------------------------ */

char *
new_builtin_archetype(int kind)
{
	const struct field *f;
	struct sb b;

	sb_init(&b);
	sb_printf(&b, "---\n");
	/* required keys first, in table order, then the draft flag, then the rest */
	for (int pass = 0; pass < 3; pass++) {
		for (f = schema_fields(kind_info[kind].schema); f->key; f++) {
			const char *key = f->alias ? f->alias : f->key;
			int draft = strcmp(f->key, "draft") == 0;

			if ((pass == 0 && !f->required) || (pass == 1 && !draft) ||
			    (pass == 2 && (f->required || draft)))
				continue;
			if (pass == 1) {
				sb_printf(&b, "%s: true  # %s\n", key, f->help);
				continue;
			}
			if (pass == 2) {
				sb_printf(&b, "# %s:  # %s\n", key, f->help);
				continue;
			}
			sb_printf(&b, "%s:", key);
			if (strcmp(f->key, "title") == 0)
				sb_puts(&b, " {{title}}");
			else if (strcmp(f->key, "category") == 0)
				sb_puts(&b, " {{category}}");
			else if (f->type == FT_DATE)
				sb_puts(&b, " {{date}}");
			else if (f->type == FT_YEAR)
				sb_puts(&b, " {{year}}");
			else if (f->type == FT_PERIOD)
				sb_puts(&b, " {{period}}");
			else if (f->type == FT_ENUM)
				sb_printf(&b, " %s", f->values[0]);
			sb_printf(&b, "  # %s", f->help);
			if (f->type == FT_ENUM) {
				sb_puts(&b, "；可填：");
				for (int i = 0; f->values[i]; i++)
					sb_printf(&b, "%s%s", i ? "、" : "", f->values[i]);
			}
			sb_putc(&b, '\n');
		}
	}
	sb_puts(&b, "---\n\n");
	if (kind_info[kind].scaffold_body != NULL)
		sb_puts(&b, kind_info[kind].scaffold_body);
	return sb_take(&b);
}

/* --- the command ---------------------------------------------------- */

/* Parses argv into o. Returns -1 to go on, or the exit status (--help, misuse). */
static int
new_args(int argc, char **argv, struct new_opts *o)
{
	static const struct option longopts[] = {
		{ "site", required_argument, NULL, 's' },
		{ "date", required_argument, NULL, 'd' },
		{ "slug", required_argument, NULL, OPT_SLUG },
		{ "year", required_argument, NULL, OPT_YEAR },
		{ "category", required_argument, NULL, OPT_CATEGORY },
		{ "content", required_argument, NULL, 'C' },
		{ "theme", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof *o);
	o->content_dir = "content";
	optind = 1;
	while ((c = getopt_long(argc, argv, "s:d:C:t:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 's': o->site = optarg; break;
		case 'd': o->date = optarg; break;
		case OPT_SLUG: o->slug = optarg; break;
		case OPT_YEAR: o->year = optarg; break;
		case OPT_CATEGORY: o->category = optarg; break;
		case 'C': o->content_dir = optarg; break;
		case 't': o->theme = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'h': fputs(_(new_usage), stdout); return 0;
		default: fputs(_(new_usage), stderr); return 2;
		}
	}
	if (argc - optind != 2 || o->site == NULL) {
		fprintf(stderr, _("gongkai: new wants a KIND, --site ID and a TITLE\n%s"), _(new_usage));
		return 2;
	}
	o->kind = argv[optind];
	o->title = argv[optind + 1];
	return -1;
}

/* The kind, the title and the content folder and site. 0, or 2 after saying why. */
static int
check_what(const struct new_opts *o, struct new_plan *p)
{
	struct stat st;

	if ((p->kind = kind_parse(o->kind)) < 0) {
		fprintf(stderr, _("gongkai: unknown kind '%s'\n"), o->kind);
		list_kinds();
		return 2;
	}
	if (o->title[0] == '\0' || utf8_valid(o->title, strlen(o->title)) != strlen(o->title)) {
		fprintf(stderr, _("gongkai: the title must be non-empty UTF-8 text\n"));
		return 2;
	}
	for (const char *s = o->title; *s; s++)
		if ((unsigned char)*s < 0x20) {
			fprintf(stderr, _("gongkai: the title must be one line of text\n"));
			return 2;
		}
	if (stat(o->content_dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, _("gongkai: no content folder '%s' (give it with -C DIR)\n"), o->content_dir);
		return 2;
	}
	if (!rw_site_exists(o->content_dir, o->site)) {
		rw_unknown_site("gongkai", o->content_dir, o->site);
		return 2;
	}
	return 0;
}

/* --date, --year, --slug and --category. 0, or 2 after saying why. */
static int
check_how(const struct new_opts *o, struct new_plan *p)
{
	if (o->date == NULL)
		p->date = date_today();
	else if (date_parse(o->date, &p->date) < 0) {
		fprintf(stderr, _("gongkai: --date wants a date YYYY-MM-DD, not '%s'\n"), o->date);
		return 2;
	}
	date_iso(p->date, p->datebuf);
	if (o->year != NULL) {
		char *end;
		long y = strtol(o->year, &end, 10);

		if (*end || end == o->year || y < 1900 || y > 2999) {
			fprintf(stderr, _("gongkai: --year wants four digits, e.g. 2025, not '%s'\n"), o->year);
			return 2;
		}
		snprintf(p->yearbuf, sizeof p->yearbuf, "%ld", y);
	} else
		snprintf(p->yearbuf, sizeof p->yearbuf, "%d", p->date.y);
	if (o->slug != NULL && !rw_is_slug(o->slug)) {
		fprintf(stderr, _("gongkai: --slug '%s' may only contain a-z, 0-9 and -\n"), o->slug);
		return 2;
	}
	if (o->slug != NULL && kind_has(p->kind, KIND_F_BY_YEAR)) {
		fprintf(stderr, _("gongkai: an annual report is named after its year; use --year, not --slug\n"));
		return 2;
	}
	if (o->category != NULL && !kind_has(p->kind, KIND_F_CATEGORY)) {
		fprintf(stderr, _("gongkai: --category is for disclosures (三公开), not %s\n"), kind_info[p->kind].dir);
		return 2;
	}
	if (o->category != NULL && (p->category = category_parse(o->category)) == NULL) {
		fprintf(stderr, _("gongkai: --category wants 村务公开, 财务公开 or 党务公开, not '%s'\n"), o->category);
		return 2;
	}
	return 0;
}

/* The profile's name (名称), else the site id: the profile's errors are check's to report. Caller frees. */
static char *
site_name(const char *content_dir, const char *site)
{
	char *path = xasprintf("%s/sites/%s/index.md", content_dir, site), *text = NULL, *name = NULL;
	const char *v;
	struct diags d;
	struct fm fm;
	size_t len;

	diags_init(&d);
	memset(&fm, 0, sizeof fm);
	if (file_read(path, &text, &len) == 0 && utf8_valid(text, len) == len &&
	    fm_parse(path, text, len, 1, &fm, &d) == 0 && fm.root != NULL) {
		schema_check(schema_fields(SCHEMA_PROFILE), fm.root, path, text, &d);
		if ((v = ymap_str(fm.root, "name")) != NULL && strchr(v, '\n') == NULL)
			name = xstrdup(v);
	}
	fm_free(&fm);
	diags_free(&d);
	free(text);
	free(path);
	return name ? name : xstrdup(site);
}

/* The period of `unit` that ended last before d: what a disclosure made on d is usually about. */
static struct period
period_before(struct date d, enum period_unit unit)
{
	struct period p = period_of(d, unit);

	return period_of(date_from_days(date_days(period_start(p)) - 1), unit);
}

/*
 * What comes from site.yaml, the profile and the title: the theme, the
 * category and period (the title's, else the defaults), the site's name.
 * Sets *hinted to what the title gave (1 category, 2 period).
 */
static void
plan(const struct new_opts *o, struct new_plan *p, int *hinted)
{
	struct diags d;
	struct period per;
	const char *theme;
	int unit;

	*hinted = 0;
	diags_init(&d);
	p->cfg = config_load(o->content_dir, &d);
	diags_free(&d);	/* site.yaml's errors are check's to report */
	theme = p->cfg->fm.root ? ymap_str(p->cfg->fm.root, "theme") : NULL;
	p->theme_dir = o->theme ? xstrdup(o->theme) : theme_find(theme ? theme : "default", o->content_dir);
	if (p->category == NULL && (p->category = hint_category(o->title)) != NULL)
		*hinted |= 1;
	if (p->category == NULL)
		p->category = schema_categories[0];
	unit = rules_freq(p->cfg, "disclosure_frequency", p->category);
	if (hint_period(o->title, &per) == 0)
		*hinted |= 2;
	else
		per = period_before(p->date, unit >= 0 ? (enum period_unit)unit : PERIOD_QUARTER);
	period_str(per, p->periodbuf);
	period_cn(per, p->period_cn);
	p->site_name = site_name(o->content_dir, o->site);
}

/* Reads the first archetype that exists; sets *from to its path (caller frees both). */
static char *
archetype_load(const char *content_dir, const char *theme_dir, int kind, char **from)
{
	char *cands[2], *text = NULL;
	size_t len;

	cands[0] = xasprintf("%s/archetypes/%s.md", content_dir, kind_info[kind].dir);
	cands[1] = xasprintf("%s/archetypes/%s.md", theme_dir, kind_info[kind].dir);
	*from = NULL;
	for (int i = 0; i < 2 && *from == NULL; i++) {
		if (file_read(cands[i], &text, &len) == 0) {
			*from = cands[i];
			cands[i] = NULL;
		} else if (errno != ENOENT) {
			fprintf(stderr, _("gongkai: cannot read %s: %s\n"), cands[i], strerror(errno));
			*from = cands[i];
			cands[i] = NULL;
			text = NULL;
			break;
		}
	}
	free(cands[0]);
	free(cands[1]);
	if (*from == NULL) {
		*from = xasprintf("(built-in %s archetype)", kind_info[kind].dir);
		text = new_builtin_archetype(kind);
	}
	return text;
}

/*
 * Does the filled archetype make a record that schema_check accepts? Prints
 * why not. Sets *draft when the record is a draft.
 */
static int
valid_record(const char *from, const char *text, int kind, int *draft)
{
	struct diags d;
	struct fm fm;
	int ok;

	diags_init(&d);
	memset(&fm, 0, sizeof fm);
	ok = utf8_valid(text, strlen(text)) == strlen(text) &&
	    fm_parse(from, text, strlen(text), 1, &fm, &d) == 0 &&
	    schema_check(schema_fields(kind_info[kind].schema), fm.root, from, text, &d) == 0;
	if (ok) {
		const char *dv = ymap_str(fm.root, "draft");
		*draft = dv != NULL && schema_bool(dv) == 1;
	} else {
		diags_print(&d, 0);
		if (d.n == 0)
			fprintf(stderr, _("%s: error: not valid UTF-8\n"), from);
		fprintf(stderr, _("gongkai: the archetype %s does not make a valid %s record; "
		    "nothing was written\n"), from, kind_info[kind].dir);
	}
	fm_free(&fm);
	diags_free(&d);
	return ok;
}

/* The archetype and its values, for rw_create to fill in under each name it tries. */
struct fill_ctx {
	const char	*tmpl;
	struct new_vars	 v;
	size_t		 skip;	/* bytes of the name before {{slug}}: "2025-06-12-", or 0 */
};

/* rw_text_fn: the archetype filled in for the file name `name` ({{slug}}). */
static char *
fill_named(void *ctx, const char *name)
{
	struct fill_ctx *c = ctx;
	struct sb b;
	char bad[64];
	int line;

	c->v.slug = name + c->skip;
	sb_init(&b);
	/* cannot fail: the same archetype was filled in once already */
	new_fill(c->tmpl, &c->v, &b, &line, bad, sizeof bad);
	return sb_take(&b);
}

/* The archetype filled in once, before any file is tried; NULL after naming an unknown placeholder. Caller frees. */
static char *
fill_first(const char *from, const struct fill_ctx *fc)
{
	struct sb b;
	char bad[64];
	int line;

	sb_init(&b);
	if (new_fill(fc->tmpl, &fc->v, &b, &line, bad, sizeof bad) < 0) {
		fprintf(stderr, _("%s:%d: error: unknown placeholder %s; the known ones are {{title}}, "
		    "{{date}}, {{site}}, {{site_name}}, {{kind}}, {{year}}, {{period}}, {{period_cn}}, "
		    "{{category}} and {{slug}}\n"), from, line, bad);
		sb_free(&b);
		return NULL;
	}
	return sb_take(&b);
}

/*
 * The file name without .md: the year for a report, else the date and
 * --slug, the title's ASCII words or the kind. Caller frees.
 */
static char *
stem_of(const struct new_opts *o, const struct new_plan *p)
{
	char *s, *stem;

	if (kind_has(p->kind, KIND_F_BY_YEAR))
		return xstrdup(p->yearbuf);
	if (o->slug != NULL)
		return xasprintf("%s-%s", p->datebuf, o->slug);
	s = rw_slug(o->title);
	stem = xasprintf("%s-%s", p->datebuf, s ? s : kind_info[p->kind].singular);
	free(s);
	return stem;
}

static void
say_done(const struct new_opts *o, const struct new_plan *p, const char *from, int draft, int hinted)
{
	if (o->quiet)
		return;
	fprintf(stderr, _("gongkai: new %s (%s) from %s%s\n"), kind_info[p->kind].dir, kind_info[p->kind].cn, from,
	    draft ? "; it is a draft until you set 草稿 (draft) to false" : "");
	if (kind_has(p->kind, KIND_F_CATEGORY))
		fprintf(stderr, _("gongkai: 类别 %s (%s), 所属期 %s (%s); correct them in the file if they are wrong\n"),
		    p->category, o->category ? "--category" : (hinted & 1) ? "from the title" : "the default",
		    p->periodbuf, (hinted & 2) ? "from the title" : "the period before the date");
}

int
cmd_new(int argc, char **argv)
{
	struct new_opts o;
	struct new_plan p;
	struct fill_ctx fc;
	char *from = NULL, *tmpl = NULL, *first = NULL, *stem = NULL, *kdir = NULL, *path = NULL;
	int rc, draft = 0, hinted = 0;

	memset(&p, 0, sizeof p);
	if ((rc = new_args(argc, argv, &o)) >= 0)
		return rc;
	if (strcmp(o.kind, "matters") == 0 || strcmp(o.kind, "事项") == 0)
		return matter_new(o.content_dir, o.site, o.title, o.date, o.slug, o.quiet);	/* not a record kind */
	if ((rc = check_what(&o, &p)) != 0 || (rc = check_how(&o, &p)) != 0)
		goto out;
	plan(&o, &p, &hinted);
	rc = 2;
	if ((tmpl = archetype_load(o.content_dir, p.theme_dir, p.kind, &from)) == NULL)
		goto out;
	stem = stem_of(&o, &p);
	memset(&fc, 0, sizeof fc);
	fc.tmpl = tmpl;
	fc.skip = kind_has(p.kind, KIND_F_BY_YEAR) ? 0 : strlen(p.datebuf) + 1;
	fc.v = (struct new_vars){ o.title, p.datebuf, o.site, kind_info[p.kind].dir, p.yearbuf, p.periodbuf,
	    stem + fc.skip, p.category, p.site_name, p.period_cn };
	if ((first = fill_first(from, &fc)) == NULL || !valid_record(from, first, p.kind, &draft)) {
		rc = 1;
		goto out;
	}
	kdir = xasprintf("%s/sites/%s/%s", o.content_dir, o.site, kind_info[p.kind].dir);
	if (rw_create(kdir, stem, o.slug == NULL && !kind_has(p.kind, KIND_F_BY_YEAR), fill_named, &fc, &path) != 0) {
		if (errno == EEXIST) {
			fprintf(stderr, _("gongkai: %s exists already; it was left as it was%s\n"), path,
			    kind_has(p.kind, KIND_F_BY_YEAR) ? " (use --year for another year)" : " (choose another --slug)");
			rc = 1;
		} else
			fprintf(stderr, _("gongkai: cannot create %s: %s\n"), path, strerror(errno));
		goto out;
	}
	printf("%s\n", path);
	say_done(&o, &p, from, draft, hinted);
	rc = 0;
out:
	config_free(p.cfg);
	free(p.site_name);
	free(p.theme_dir);
	free(from);
	free(tmpl);
	free(first);
	free(stem);
	free(kdir);
	free(path);
	return rc;
}
