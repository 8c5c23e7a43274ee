/*
 * build.c: `gongkai build` and `gongkai check`, the pipeline end to end.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "attach.h"
#include "gongkai.h"
#include "life.h"
#include "output.h"
#include "pagekey.h"
#include "pool.h"
#include "readlog.h"
#include "template.h"
#include "util.h"
#include "i18n.h"
#include "libstamp.h"

static const char build_usage[] =
N_("usage: gongkai build [-C CONTENT_DIR] [-o OUTPUT_DIR] [-t THEME_DIR] [--base-url URL]\n"
"                     [--as-of YYYY-MM-DD] [--drafts] [-j N] [-q] [-v]\n"
"\n"
"Renders the content folder into a complete static site.\n"
"\n"
"  -C, --content DIR   content folder (default: content)\n"
"  -o, --output DIR    output folder (default: output); replaced only when the build succeeds\n"
"  -t, --theme DIR     theme folder (default: themes/<theme in site.yaml>, i.e. themes/default,\n"
"                      else the one beside the content folder, else the installed one)\n"
"      --base-url URL  the site's public address, overriding base_url in site.yaml\n"
"      --as-of DATE    judge overdue disclosures and running notices as of DATE\n"
"      --drafts        publish records marked draft: true as well\n"
"  -j, --jobs N        render with N threads (default: the number of cores); -j 1 is serial\n"
"  -q, --quiet         print errors only (and no progress line)\n"
"  -v, --verbose       print each stage, its time, CPU time and the memory in use, and the\n"
"                      files under static/ that are not published or published unscanned\n"
"  -h, --help          this help\n"
"\n"
"Exit status: 0 built; 1 content or template errors (the old output stays);\n"
"2 usage or system error.\n");

static const char check_usage[] =
N_("usage: gongkai check [-C CONTENT_DIR] [-t THEME_DIR] [--as-of YYYY-MM-DD] [--format text|json]\n"
"                     [--strict] [-q] [-v]\n"
"\n"
"Runs every check of a build and writes nothing.\n"
"\n"
"  -C, --content DIR   content folder (default: content)\n"
"  -t, --theme DIR     theme folder, whose templates are checked too\n"
"      --as-of DATE    judge overdue disclosures and running notices as of DATE\n"
"      --format FMT    text (default): path:line:col: error|warning: message, on stderr;\n"
"                      json: one JSON document with every finding, on stdout\n"
"      --strict        warnings count as errors\n"
"  -j, --jobs N        render with N threads (default: the number of cores)\n"
"  -q, --quiet         print errors only\n"
"  -v, --verbose       list the files under static/ that are not published (nothing published\n"
"                      links them) or would be published unscanned (images, other binaries)\n"
"  -h, --help          this help\n"
"\n"
"Rule ids and messages: docs/rules.md.\n"
"Exit status: 0 no errors; 1 errors (or warnings with --strict); 2 usage or system error.\n");

enum { OPT_BASE_URL = 256, OPT_DRAFTS, OPT_AS_OF, OPT_STRICT, OPT_FORMAT };

/* Does folder `inner` lie inside (or equal) `outer`? Both must exist. */
static int
inside(const char *inner, const char *outer)
{
	char a[PATH_MAX], b[PATH_MAX];
	size_t l;

	if (realpath(inner, a) == NULL || realpath(outer, b) == NULL)
		return 0;
	l = strlen(b);
	return strncmp(a, b, l) == 0 && (a[l] == '/' || a[l] == '\0' || l == 1);
}

/*
 * The output folder is replaced whole, so refuse a folder that is not ours:
 * one that holds files but no .gongkai marker, or one that holds the content
 * or theme.
 */
static int
output_ok(const struct build_opts *o, struct diags *d)
{
	struct stat st;
	char *marker;
	int ok = 1;

	if (stat(o->output_dir, &st) < 0)
		return 1;
	if (!S_ISDIR(st.st_mode)) {
		diag_add(d, DIAG_ERROR, "io", o->output_dir, 0, 0, "output exists and is not a folder");
		return 0;
	}
	if (inside(o->content_dir, o->output_dir) || inside(o->theme_dir, o->output_dir) ||
	    inside(o->output_dir, o->content_dir) || inside(o->output_dir, o->theme_dir)) {
		diag_add(d, DIAG_ERROR, "io", o->output_dir, 0, 0,
		    "the output folder must be separate from the content and theme folders");
		return 0;
	}
	marker = path_join(o->output_dir, ".gongkai");
	if (access(marker, F_OK) != 0) {
		/* an empty folder is fine */
		int empty = 1;
		DIR *dp = opendir(o->output_dir);
		struct dirent *de;
		while (dp && (de = readdir(dp)) != NULL)
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				empty = 0;
		if (dp)
			closedir(dp);
		if (!empty) {
			diag_add(d, DIAG_ERROR, "io", o->output_dir, 0, 0,
			    "this folder was not made by gongkai (no .gongkai file in it) and would be replaced; "
			    "choose an empty or new folder with -o");
			ok = 0;
		}
	}
	free(marker);
	return ok;
}

/* System problems (I/O) make exit 2; content and template problems exit 1. */
static int
exit_code(const struct diags *d, int strict)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level == DIAG_ERROR && strcmp(d->v[i].rule, "io") == 0)
			return 2;
	if (d->errors || (strict && d->warnings))
		return 1;
	return 0;
}

#ifndef GONGKAI_DATADIR
#define GONGKAI_DATADIR "/usr/local/share/gongkai"
#endif

/*
 * A theme named in site.yaml is looked up in ./themes/, then in the themes/
 * beside the content folder (the project's own, for a clerk who builds from
 * another folder with -C), then where `make install` put it, then beside the
 * binary (for a copied or DESTDIR install).
 */
char *
theme_find(const char *name, const char *content_dir)
{
	char exe[PATH_MAX], *p, *dir = xasprintf("themes/%s", name);
	struct stat st;
	ssize_t n;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return dir;
	free(dir);
	if (content_dir != NULL) {
		dir = xasprintf("%s/../themes/%s", content_dir, name);
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return dir;
		free(dir);
	}
	dir = xasprintf("%s/themes/%s", GONGKAI_DATADIR, name);
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return dir;
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((p = strrchr(exe, '/')) != NULL) {
			*p = '\0';
			char *alt = xasprintf("%s/../share/gongkai/themes/%s", exe, name);
			if (stat(alt, &st) == 0 && S_ISDIR(st.st_mode)) {
				free(dir);
				return alt;
			}
			free(alt);
		}
	}
	free(dir);
	return xasprintf("themes/%s", name);	/* for the error message */
}

/*
 * Errors that make the rest of a build meaningless: all of site.yaml's but
 * a personal number in it (privacy: refuse), after which the content is
 * still read, so that one run names every number (issue 15).
 */
static size_t
config_errors(const struct diags *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].level == DIAG_ERROR && strcmp(d->v[i].rule, "privacy") != 0;
	return n;
}

/*
 * The command line over site.yaml: --base-url and --as-of replace its
 * values, and without -t the theme is the one it names (*theme_dir, caller
 * frees). 0, or 2 after printing a usage error.
 */
static int
apply_options(struct build_opts *o, struct config *cfg, char **theme_dir)
{
	if (o->base_url != NULL && o->base_url[0] != '\0' && strncmp(o->base_url, "https://", 8) != 0 &&
	    strncmp(o->base_url, "http://", 7) != 0) {
		fprintf(stderr, _("gongkai: --base-url wants an address starting with https:// or http://, not '%s'\n"),
		    o->base_url);
		return 2;
	}
	if (o->base_url != NULL) {
		free(cfg->base_url);
		size_t l = strlen(o->base_url);
		cfg->base_url = l && o->base_url[l - 1] != '/' ? xasprintf("%s/", o->base_url) : xstrdup(o->base_url);
	}
	if (o->as_of != NULL && date_parse(o->as_of, &cfg->as_of) < 0) {
		fprintf(stderr, _("gongkai: --as-of wants a date YYYY-MM-DD, not '%s'\n"), o->as_of);
		return 2;
	}
	if (o->theme_dir == NULL) {
		*theme_dir = theme_find(cfg->theme, o->content_dir);
		o->theme_dir = *theme_dir;
	}
	return 0;
}

/*
 * The no-op rebuild (output.h): 1 when out_real still holds what a build of
 * the same inputs, options and binary made (its findings are back in d);
 * else 0, with the scanned inputs in *in (caller frees) for out_remember.
 */
static int
up_to_date(const struct build_opts *o, const struct config *cfg, const char *out_real,
    const struct pool *pool, struct inputs **in, struct diags *d)
{
	/*
	 * The content folder by name and by real path: the same bytes in another
	 * folder make the same pages but other findings (they name the folder),
	 * and a no-op would print the other folder's (issue 21).
	 */
	char *real = realpath(o->content_dir, NULL);
	/* the libraries too: the same binary makes other pages with another libcmark-gfm (libstamp.h) */
	char *libs = libstamp();
	/* and the findings' language: a no-op prints the stored findings as they were worded */
	char *opts = xasprintf("%s\n%s\n%s\n%s\n%04d-%02d-%02d\n%d %d %d\n%s", cfg->base_url, o->theme_dir,
	    o->content_dir, real ? real : "", cfg->as_of.y, cfg->as_of.m, cfg->as_of.d, o->drafts, o->strict,
	    (int)i18n_lang(), libs);
	char *key;
	int cached;

	free(real);
	free(libs);

	*in = out_inputs_scan(opts, o->content_dir, o->theme_dir, pool);
	key = out_inputs_key(*in);
	cached = out_cached(out_real, key, d);
	free(key);
	free(opts);
	return cached;
}

/*
 * The rules, then every body. A build renders published records with their
 * pages: once each. A build that will stop before its pages renders them
 * here instead, so that it reports what only a body holds (under privacy:
 * refuse, every personal number in every body; issue 15), as check does;
 * and passes the attachments through their gate, which a build does as it
 * writes them (pages_write).
 */
static void
check_content(const struct build_opts *o, struct model *m, const struct theme *th, struct diags *d,
    struct stage_clock *t0)
{
	int stops;

	history_load(m, o->verbose, d);	/* before the checks: silent-change reads it */
	check_model(m, d);
	build_stage(o, "check rules", t0);
	stops = d->errors || th == NULL || (o->strict && d->warnings);
	model_render_bodies(m, d, o->check_only || stops);
	build_stage(o, "render Markdown", t0);
	if (o->check_only || stops) {
		(void)attach_publish(m, NULL, o->verbose, d);
		build_stage(o, "attachments", t0);
	}
}

/*
 * Writes the site; remembers its inputs for the no-op rebuild when they held
 * still. -1 when the output folder is not one to replace (nothing written).
 */
static int
write_site(const struct build_opts *o, struct model *m, struct theme *th, const char *out_real,
    struct inputs *in, struct diags *d)
{
	if (!output_ok(o, d))
		return -1;
	/* before the pages: the site key is that of what the build read so far (pagekey.h) */
	if (pages_write(m, th, out_real, o, pagekey_site(m, in), d) == 0 && in != NULL &&
	    out_inputs_reread(in) == 0) {
		char *read_key = out_inputs_key(in);

		out_remember(out_real, read_key, d);
		free(read_key);
	}
	return 0;
}

/* Prints the findings and the closing lines; returns the exit status. */
static int
report(const struct build_opts *o, struct diags *d, const struct config *cfg, const struct matters *mx,
    double start)
{
	int rc;

	if (o->json) {
		if (diags_print_json(d, &cfg->as_of, mx) < 0)
			fprintf(stderr, _("gongkai: cannot write the JSON report\n"));
	} else
		diags_print(d, o->quiet);
	rc = exit_code(d, o->strict);
	if (!o->quiet && !o->json && (d->errors || d->warnings))
	{
		char *e = xasprintf(ngettext("%zu error", "%zu errors", d->errors), d->errors);
		char *w = xasprintf(ngettext("%zu warning", "%zu warnings", d->warnings), d->warnings);

		fprintf(stderr, _("gongkai: %s, %s\n"), e, w);
		free(e);
		free(w);
	}
	if (rc != 0 && !o->check_only && !o->quiet)
		fprintf(stderr, _("gongkai: build failed; %s/ was left as it was\n"), o->output_dir);
	if (o->verbose) {
		fprintf(stderr, _("gongkai: total %.1f ms, cpu %.1f ms\n"), (stage_now() - start) * 1000,
		    stage_cpu() * 1000);
	}
	return rc;
}

int
build_run(struct build_opts *o)
{
	struct diags d;
	struct config *cfg = NULL;
	struct model *m = NULL;
	struct theme *th = NULL;
	char *theme_dir = NULL, *out_real = NULL;
	struct inputs *in = NULL;
	struct stage_clock t0 = { 0, 0 };
	struct pool pool;
	double start = stage_now();
	int rc;

	build_stage(o, NULL, &t0);
	diags_init(&d);
	pool = pool_make(o->jobs, !o->quiet && !o->json && isatty(STDERR_FILENO));
	/* from the first file on: the key remembered is that of the bytes read (output.h) */
	if (!o->check_only)
		readlog_start();
	cfg = config_load(o->content_dir, &d);
	if ((rc = apply_options(o, cfg, &theme_dir)) != 0)
		goto out;
	build_stage(o, "read site.yaml", &t0);
	if (config_errors(&d) > 0)
		goto report;
	if (!o->check_only) {
		/* where the site goes: symlinks followed, a mount point refused (output.h) */
		if ((out_real = out_resolve(o->output_dir, &d)) == NULL)
			goto report;
		if (up_to_date(o, cfg, out_real, &pool, &in, &d)) {
			build_stage(o, "hash inputs: up to date", &t0);
			if (!o->quiet)
				fprintf(stderr, _("gongkai: %s/ is up to date\n"), o->output_dir);
			goto report;
		}
		build_stage(o, "hash inputs", &t0);
	}
	th = theme_load(o->theme_dir, &d);
	build_stage(o, "parse templates", &t0);
	m = model_load(o->content_dir, cfg, o->drafts, &pool, &d);
	build_stage(o, "read content", &t0);
	check_content(o, m, th, &d, &t0);
	if (!o->check_only && !(d.errors || th == NULL || (o->strict && d.warnings)) &&
	    write_site(o, m, th, out_real, in, &d) == 0)
		build_stage(o, "write pages", &t0);
report:
	rc = report(o, &d, cfg, m ? m->matters : NULL, start);
out:
	theme_free(th);
	model_free(m);
	config_free(cfg);
	diags_free(&d);
	readlog_stop();
	out_inputs_free(in);
	free(theme_dir);
	free(out_real);
	return rc;
}

static int
parse_opts(int argc, char **argv, struct build_opts *o, const char *usage, int check)
{
	static const struct option longopts[] = {
		{ "content", required_argument, NULL, 'C' },
		{ "output", required_argument, NULL, 'o' },
		{ "theme", required_argument, NULL, 't' },
		{ "base-url", required_argument, NULL, OPT_BASE_URL },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "drafts", no_argument, NULL, OPT_DRAFTS },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof *o);
	o->content_dir = "content";
	o->output_dir = "output";
	o->check_only = check;
	optind = 1;
	while ((c = getopt_long(argc, argv, check ? "C:t:j:qvh" : "C:o:t:j:qvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': o->content_dir = optarg; break;
		case 'o': o->output_dir = optarg; break;
		case 't': o->theme_dir = optarg; break;
		case OPT_BASE_URL: o->base_url = optarg; break;
		case OPT_AS_OF: o->as_of = optarg; break;
		case OPT_DRAFTS: o->drafts = 1; break;
		case OPT_STRICT: o->strict = 1; break;
		case OPT_FORMAT:
			if (!check || (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0)) {
				fprintf(stderr, _("gongkai: --format wants text or json%s\n%s"),
				    check ? "" : " (gongkai check only)", usage);
				return 2;
			}
			o->json = strcmp(optarg, "json") == 0;
			break;
		case 'q': o->quiet = 1; break;
		case 'v': o->verbose = 1; break;
		case 'j': {
			char *end;
			long j = strtol(optarg, &end, 10);
			if (*end != '\0' || j < 1 || j > 256) {
				fprintf(stderr, _("gongkai: -j wants a number of threads from 1 to 256, not '%s'\n%s"),
				    optarg, usage);
				return 2;
			}
			o->jobs = (int)j;
			break;
		}
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("gongkai: unexpected argument '%s'\n%s"), argv[optind], usage);
		return 2;
	}
	return -1;
}

int
cmd_build(int argc, char **argv)
{
	struct build_opts o;
	int rc = parse_opts(argc, argv, &o, _(build_usage), 0);

	return rc >= 0 ? rc : build_run(&o);
}

int
cmd_check(int argc, char **argv)
{
	struct build_opts o;
	int rc = parse_opts(argc, argv, &o, _(check_usage), 1);

	return rc >= 0 ? rc : build_run(&o);
}
