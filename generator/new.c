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
 * anything is written, and an existing file is never overwritten: the file
 * is created with O_EXCL.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gongkai.h"
#include "new.h"
#include "schema.h"
#include "util.h"

static const char new_usage[] =
"usage: gongkai new KIND --site ID TITLE [--date YYYY-MM-DD] [--slug SLUG]\n"
"                   [--year YYYY] [-C CONTENT_DIR] [-t THEME_DIR] [-q]\n"
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
"  -C, --content DIR   content folder (default: content)\n"
"  -t, --theme DIR     theme folder whose archetypes/ to use (default: the theme\n"
"                      in site.yaml); DIR/archetypes/KIND.md in the content folder\n"
"                      comes first\n"
"  -q, --quiet         print only the path\n"
"  -h, --help          this help\n"
"\n"
"Exit status: 0 created; 1 the file exists or the archetype makes an invalid\n"
"record (nothing written); 2 usage or system error, unknown kind or site.\n";

enum { OPT_SLUG = 256, OPT_YEAR };

/* Names a clerk may type for a kind, besides the folder name. */
static const char *const kind_singular[KIND__COUNT] = {
	"work", "meeting", "disclosure", "case", "assessment", "report"
};

static const enum schema_which kind_schema[KIND__COUNT] = {
	SCHEMA_WORK, SCHEMA_MEETINGS, SCHEMA_DISCLOSURES, SCHEMA_CASES,
	SCHEMA_ASSESSMENTS, SCHEMA_REPORTS
};

static int
kind_parse(const char *s)
{
	for (int k = 0; k < KIND__COUNT; k++)
		if (strcmp(s, kind_dir[k]) == 0 || strcmp(s, kind_cn[k]) == 0 ||
		    strcmp(s, kind_singular[k]) == 0)
			return k;
	return -1;
}

static int
is_slug(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

/* --- YAML scalars --------------------------------------------------- */

/* Would a YAML 1.1 reader take s (all ASCII) for a number, bool or null? */
static int
yaml_special(const char *s)
{
	static const char *const words[] = {
		"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", NULL
	};
	const char *p;

	for (int i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	for (p = s; *p; p++)
		if (!strchr("0123456789.+-_:eExXoObB", *p))
			return 0;
	return 1;
}

static int
plain_ok(const char *s)
{
	size_t n = strlen(s);
	int ascii = 1;

	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]) != NULL ||
	    s[n - 1] == ' ' || s[n - 1] == ':' || strstr(s, ": ") || strstr(s, " #"))
		return 0;
	for (size_t i = 0; i < n; ) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return 0;
			i++;
			continue;
		}
		ascii = 0;
		i += (size_t)utf8_decode(s + i, &cp);
		/* C1 controls, line and paragraph separators, BOM, non-characters */
		if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
		    cp == 0xfffe || cp == 0xffff)
			return 0;
	}
	return !(ascii && yaml_special(s));
}

void
new_yaml_scalar(struct sb *b, const char *s)
{
	if (plain_ok(s)) {
		sb_puts(b, s);
		return;
	}
	sb_putc(b, '"');
	for (size_t i = 0; s[i]; ) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		int len;

		if (c < 0x80) {
			switch (c) {
			case '"': sb_puts(b, "\\\""); break;
			case '\\': sb_puts(b, "\\\\"); break;
			case '\n': sb_puts(b, "\\n"); break;
			case '\t': sb_puts(b, "\\t"); break;
			case '\r': sb_puts(b, "\\r"); break;
			default:
				if (c < 0x20 || c == 0x7f)
					sb_printf(b, "\\x%02X", c);
				else
					sb_putc(b, (char)c);
			}
			i++;
			continue;
		}
		len = utf8_decode(s + i, &cp);
		if (cp == 0x85)
			sb_puts(b, "\\N");
		else if (cp == 0x2028)
			sb_puts(b, "\\L");
		else if (cp == 0x2029)
			sb_puts(b, "\\P");
		else if (cp >= 0x80 && cp <= 0x9f)
			sb_printf(b, "\\x%02X", (unsigned)cp);
		else if (cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
			sb_printf(b, "\\u%04X", (unsigned)cp);
		else
			sb_add(b, s + i, (size_t)len);
		i += (size_t)len;
	}
	sb_putc(b, '"');
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
		{ "slug", v->slug, 0 },
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
				new_yaml_scalar(out, vars[i].val);
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

/* --- slugs ---------------------------------------------------------- */

char *
new_slug_from_title(const char *title)
{
	struct sb b;
	int letter = 0, words = 0;

	sb_init(&b);
	for (const char *p = title; *p && words < 6; ) {
		const char *w = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			p++;
		if (p == w) {
			p++;
			continue;
		}
		if (b.len + (size_t)(p - w) > 40)
			break;
		if (b.len)
			sb_putc(&b, '-');
		for (; w < p; w++) {
			char c = *w >= 'A' && *w <= 'Z' ? (char)(*w - 'A' + 'a') : *w;
			letter |= c >= 'a' && c <= 'z';
			sb_putc(&b, c);
		}
		words++;
	}
	if (!letter) {
		sb_free(&b);
		return NULL;
	}
	return sb_take(&b);
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
		for (f = schema_fields(kind_schema[kind]); f->key; f++) {
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
	return sb_take(&b);
}

/* --- the command ---------------------------------------------------- */

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints the sites of content_dir (folders of sites/ with an index.md), sorted. */
static void
list_sites(const char *content_dir)
{
	char *dir = path_join(content_dir, "sites");
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0;

	while (dp && (de = readdir(dp)) != NULL) {
		char *idx;

		if (de->d_name[0] == '.' || !is_slug(de->d_name))
			continue;
		idx = xasprintf("%s/%s/index.md", dir, de->d_name);
		if (access(idx, F_OK) == 0) {
			v = xrealloc(v, (n + 1) * sizeof *v);
			v[n++] = xstrdup(de->d_name);
		}
		free(idx);
	}
	if (dp)
		closedir(dp);
	xqsort(v, n, sizeof *v, name_cmp);
	if (n == 0)
		fprintf(stderr, "gongkai: %s has no sites yet: make a folder with an index.md for each\n", dir);
	else {
		fputs("sites:", stderr);
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, " %s", v[i]);
		fputc('\n', stderr);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	free(dir);
}

static void
list_kinds(void)
{
	fputs("kinds:", stderr);
	for (int k = 0; k < KIND__COUNT; k++)
		fprintf(stderr, " %s (%s)", kind_dir[k], kind_cn[k]);
	fputc('\n', stderr);
}

/* Reads the first archetype that exists; sets *from to its path (caller frees both). */
static char *
archetype_load(const char *content_dir, const char *theme_dir, int kind, char **from)
{
	char *cands[2], *text = NULL;
	size_t len;

	cands[0] = xasprintf("%s/archetypes/%s.md", content_dir, kind_dir[kind]);
	cands[1] = xasprintf("%s/archetypes/%s.md", theme_dir, kind_dir[kind]);
	*from = NULL;
	for (int i = 0; i < 2 && *from == NULL; i++) {
		if (file_read(cands[i], &text, &len) == 0) {
			*from = cands[i];
			cands[i] = NULL;
		} else if (errno != ENOENT) {
			fprintf(stderr, "gongkai: cannot read %s: %s\n", cands[i], strerror(errno));
			*from = cands[i];
			cands[i] = NULL;
			text = NULL;
			break;
		}
	}
	free(cands[0]);
	free(cands[1]);
	if (*from == NULL) {
		*from = xasprintf("(built-in %s archetype)", kind_dir[kind]);
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
	    schema_check(schema_fields(kind_schema[kind]), fm.root, from, text, &d) == 0;
	if (ok) {
		const char *dv = ymap_str(fm.root, "draft");
		*draft = dv != NULL && schema_bool(dv) == 1;
	} else {
		diags_print(&d, 0);
		if (d.n == 0)
			fprintf(stderr, "%s: error: not valid UTF-8\n", from);
		fprintf(stderr, "gongkai: the archetype %s does not make a valid %s record; "
		    "nothing was written\n", from, kind_dir[kind]);
	}
	fm_free(&fm);
	diags_free(&d);
	return ok;
}

/* The quarter that ended last before d: what a disclosure made on d is usually about. */
static void
prev_quarter(struct date d, char *buf)
{
	struct period p = period_of(d, PERIOD_QUARTER);

	if (--p.n == 0) {
		p.n = 4;
		p.year--;
	}
	period_str(p, buf);
}

/* Creates path with text, never replacing a file. 0, 1 (exists) or 2. */
static int
write_new(const char *path, const char *text)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	size_t len = strlen(text);
	int fd, rc = 0;

	if (slash) {
		*slash = '\0';
		if (mkdirs(dir) < 0) {
			fprintf(stderr, "gongkai: cannot make %s: %s\n", dir, strerror(errno));
			free(dir);
			return 2;
		}
	}
	free(dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) < 0) {
		if (errno == EEXIST)
			return 1;
		fprintf(stderr, "gongkai: cannot create %s: %s\n", path, strerror(errno));
		return 2;
	}
	for (size_t off = 0; off < len; ) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fprintf(stderr, "gongkai: cannot write %s: %s\n", path, strerror(errno));
			rc = 2;
			break;
		}
		off += (size_t)w;
	}
	if (close(fd) < 0 && rc == 0) {
		fprintf(stderr, "gongkai: cannot write %s: %s\n", path, strerror(errno));
		rc = 2;
	}
	if (rc)
		unlink(path);
	return rc;
}

int
cmd_new(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "site", required_argument, NULL, 's' },
		{ "date", required_argument, NULL, 'd' },
		{ "slug", required_argument, NULL, OPT_SLUG },
		{ "year", required_argument, NULL, OPT_YEAR },
		{ "content", required_argument, NULL, 'C' },
		{ "theme", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *site = NULL, *date_s = NULL, *slug = NULL, *year_s = NULL;
	const char *content_dir = "content", *theme_opt = NULL, *title;
	char *theme_dir = NULL, *from = NULL, *tmpl = NULL, *auto_slug = NULL;
	char *kdir = NULL, *path = NULL, *profile = NULL, bad[64];
	char datebuf[11], yearbuf[8], periodbuf[16];
	struct new_vars v;
	struct date date;
	struct sb text;
	struct stat st;
	int c, kind, quiet = 0, rc = 2, line, draft = 0;

	sb_init(&text);
	optind = 1;
	while ((c = getopt_long(argc, argv, "s:d:C:t:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 's': site = optarg; break;
		case 'd': date_s = optarg; break;
		case OPT_SLUG: slug = optarg; break;
		case OPT_YEAR: year_s = optarg; break;
		case 'C': content_dir = optarg; break;
		case 't': theme_opt = optarg; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(new_usage, stdout); return 0;
		default: fputs(new_usage, stderr); return 2;
		}
	}
	if (argc - optind != 2 || site == NULL) {
		fprintf(stderr, "gongkai: new wants a KIND, --site ID and a TITLE\n%s", new_usage);
		return 2;
	}
	if ((kind = kind_parse(argv[optind])) < 0) {
		fprintf(stderr, "gongkai: unknown kind '%s'\n", argv[optind]);
		list_kinds();
		return 2;
	}
	title = argv[optind + 1];
	if (title[0] == '\0' || utf8_valid(title, strlen(title)) != strlen(title)) {
		fprintf(stderr, "gongkai: the title must be non-empty UTF-8 text\n");
		return 2;
	}
	for (const char *p = title; *p; p++)
		if ((unsigned char)*p < 0x20) {
			fprintf(stderr, "gongkai: the title must be one line of text\n");
			return 2;
		}
	if (stat(content_dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "gongkai: no content folder '%s' (give it with -C DIR)\n", content_dir);
		return 2;
	}
	profile = xasprintf("%s/sites/%s/index.md", content_dir, site);
	if (!is_slug(site) || access(profile, F_OK) != 0) {
		fprintf(stderr, "gongkai: unknown site '%s' (no %s)\n", site, profile);
		list_sites(content_dir);
		goto out;
	}
	if (date_s == NULL)
		date = date_today();
	else if (date_parse(date_s, &date) < 0) {
		fprintf(stderr, "gongkai: --date wants a date YYYY-MM-DD, not '%s'\n", date_s);
		goto out;
	}
	date_iso(date, datebuf);
	if (year_s != NULL) {
		char *end;
		long y = strtol(year_s, &end, 10);
		if (*end || end == year_s || y < 1900 || y > 2999) {
			fprintf(stderr, "gongkai: --year wants four digits, e.g. 2025, not '%s'\n", year_s);
			goto out;
		}
		snprintf(yearbuf, sizeof yearbuf, "%ld", y);
	} else
		snprintf(yearbuf, sizeof yearbuf, "%d", date.y);
	prev_quarter(date, periodbuf);
	if (slug != NULL && !is_slug(slug)) {
		fprintf(stderr, "gongkai: --slug '%s' may only contain a-z, 0-9 and -\n", slug);
		goto out;
	}
	if (slug != NULL && kind == KIND_REPORTS) {
		fprintf(stderr, "gongkai: an annual report is named after its year; use --year, not --slug\n");
		goto out;
	}

	if (theme_opt == NULL) {
		struct diags d;
		struct config *cfg;
		const char *name;

		diags_init(&d);
		cfg = config_load(content_dir, &d);
		name = cfg->fm.root ? ymap_str(cfg->fm.root, "theme") : NULL;
		theme_dir = theme_find(name ? name : "default");
		config_free(cfg);
		diags_free(&d);
	} else
		theme_dir = xstrdup(theme_opt);
	if ((tmpl = archetype_load(content_dir, theme_dir, kind, &from)) == NULL)
		goto out;

	kdir = xasprintf("%s/sites/%s/%s", content_dir, site, kind_dir[kind]);
	if (kind != KIND_REPORTS && slug == NULL) {
		auto_slug = new_slug_from_title(title);
		if (auto_slug == NULL)
			auto_slug = xstrdup(kind_singular[kind]);
	}
	/* An automatic name takes the first free -N; a given one must be free. */
	for (int n = 1; ; n++) {
		char *s = kind == KIND_REPORTS ? NULL : slug ? xstrdup(slug) :
		    n == 1 ? xstrdup(auto_slug) : xasprintf("%s-%d", auto_slug, n);

		free(path);
		path = kind == KIND_REPORTS ? xasprintf("%s/%s.md", kdir, yearbuf) :
		    xasprintf("%s/%s-%s.md", kdir, datebuf, s);
		memset(&v, 0, sizeof v);
		v.title = title;
		v.date = datebuf;
		v.site = site;
		v.kind = kind_dir[kind];
		v.year = yearbuf;
		v.period = periodbuf;
		v.slug = kind == KIND_REPORTS ? yearbuf : s;
		sb_free(&text);
		sb_init(&text);
		if (new_fill(tmpl, &v, &text, &line, bad, sizeof bad) < 0) {
			fprintf(stderr, "%s:%d: error: unknown placeholder %s; the known ones are {{title}}, "
			    "{{date}}, {{site}}, {{kind}}, {{year}}, {{period}} and {{slug}}\n", from, line, bad);
			free(s);
			rc = 1;
			goto out;
		}
		free(s);
		if (n == 1 && !valid_record(from, sb_str(&text), kind, &draft)) {
			rc = 1;
			goto out;
		}
		rc = write_new(path, sb_str(&text));
		if (rc != 1 || slug != NULL || kind == KIND_REPORTS || n >= 999)
			break;
	}
	if (rc == 1) {
		fprintf(stderr, "gongkai: %s exists already; it was left as it was%s\n", path,
		    kind == KIND_REPORTS ? " (use --year for another year)" : " (choose another --slug)");
		goto out;
	}
	if (rc != 0)
		goto out;
	printf("%s\n", path);
	if (!quiet)
		fprintf(stderr, "gongkai: new %s (%s) from %s%s\n", kind_dir[kind], kind_cn[kind], from,
		    draft ? "; it is a draft until you set 草稿 (draft) to false" : "");
out:
	sb_free(&text);
	free(profile);
	free(theme_dir);
	free(from);
	free(tmpl);
	free(auto_slug);
	free(kdir);
	free(path);
	return rc;
}
