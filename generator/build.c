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
#include "pool.h"
#include "readlog.h"
#include "template.h"
#include "util.h"

static const char build_usage[] =
"usage: gongkai build [-C CONTENT_DIR] [-o OUTPUT_DIR] [-t THEME_DIR] [--base-url URL]\n"
"                     [--as-of YYYY-MM-DD] [--drafts] [-j N] [-q] [-v]\n"
"\n"
"Renders the content folder into a complete static site.\n"
"\n"
"  -C, --content DIR   content folder (default: content)\n"
"  -o, --output DIR    output folder (default: output); replaced only when the build succeeds\n"
"  -t, --theme DIR     theme folder (default: themes/<theme in site.yaml>, i.e. themes/default,\n"
"                      else the installed theme of that name)\n"
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
"2 usage or system error.\n";

static const char check_usage[] =
"usage: gongkai check [-C CONTENT_DIR] [-t THEME_DIR] [--as-of YYYY-MM-DD] [--format text|json]\n"
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
"Exit status: 0 no errors; 1 errors (or warnings with --strict); 2 usage or system error.\n";

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
 * A theme named in site.yaml is looked up in ./themes/, then where `make
 * install` put it, then beside the binary (for a copied or DESTDIR install).
 */
char *
theme_find(const char *name)
{
	char exe[PATH_MAX], *p, *dir = xasprintf("themes/%s", name);
	struct stat st;
	ssize_t n;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return dir;
	free(dir);
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

int
build_run(struct build_opts *o)
{
	struct diags d;
	struct config *cfg = NULL;
	struct model *m = NULL;
	struct theme *th = NULL;
	char *theme_dir = NULL, *key = NULL, *out_real = NULL;
	struct inputs *in = NULL;
	struct stage_clock t0 = { 0, 0 };
	double start = stage_now();
	int rc, stops;

	build_stage(o, NULL, &t0);
	diags_init(&d);
	pool_set_jobs(o->jobs);
	pool_progress(!o->quiet && !o->json && isatty(STDERR_FILENO));
	/* from the first file on: the key remembered is that of the bytes read (output.h) */
	if (!o->check_only)
		readlog_start();
	cfg = config_load(o->content_dir, &d);
	if (o->base_url != NULL && o->base_url[0] != '\0' && strncmp(o->base_url, "https://", 8) != 0 &&
	    strncmp(o->base_url, "http://", 7) != 0) {
		fprintf(stderr, "gongkai: --base-url wants an address starting with https:// or http://, not '%s'\n",
		    o->base_url);
		rc = 2;
		goto out;
	}
	if (o->base_url != NULL) {
		free(cfg->base_url);
		size_t l = strlen(o->base_url);
		cfg->base_url = l && o->base_url[l - 1] != '/' ? xasprintf("%s/", o->base_url) : xstrdup(o->base_url);
	}
	if (o->as_of != NULL && date_parse(o->as_of, &cfg->as_of) < 0) {
		fprintf(stderr, "gongkai: --as-of wants a date YYYY-MM-DD, not '%s'\n", o->as_of);
		rc = 2;
		goto out;
	}
	if (o->theme_dir == NULL) {
		const char *name = cfg->fm.root ? ymap_str(cfg->fm.root, "theme") : NULL;
		theme_dir = theme_find(name ? name : "default");
		o->theme_dir = theme_dir;
	}
	build_stage(o, "read site.yaml", &t0);
	if (config_errors(&d) > 0)
		goto report;
	if (!o->check_only) {
		/* where the site goes: symlinks followed, a mount point refused (output.h) */
		if ((out_real = out_resolve(o->output_dir, &d)) == NULL)
			goto report;
		/* The no-op rebuild (output.h): same inputs, same binary, output untouched. */
		char *opts = xasprintf("%s\n%s\n%04d-%02d-%02d\n%d %d", cfg->base_url, o->theme_dir,
		    cfg->as_of.y, cfg->as_of.m, cfg->as_of.d, o->drafts, o->strict);
		in = out_inputs_scan(opts, o->content_dir, o->theme_dir);
		key = out_inputs_key(in);
		free(opts);
		if (out_cached(out_real, key, &d)) {
			build_stage(o, "hash inputs: up to date", &t0);
			if (!o->quiet)
				fprintf(stderr, "gongkai: %s/ is up to date\n", o->output_dir);
			goto report;
		}
		build_stage(o, "hash inputs", &t0);
	}
	th = theme_load(o->theme_dir, &d);
	build_stage(o, "parse templates", &t0);
	m = model_load(o->content_dir, cfg, o->drafts, &d);
	build_stage(o, "read content", &t0);
	history_load(m, o->verbose, &d);	/* before the checks: silent-change reads it */
	check_model(m, &d);
	build_stage(o, "check rules", &t0);
	/*
	 * A build renders published records with their pages: once each. A
	 * build that will stop before its pages renders them here instead, so
	 * that it reports what only a body holds (under privacy: refuse, every
	 * personal number in every body; issue 15), as check does.
	 */
	stops = d.errors || th == NULL || (o->strict && d.warnings);
	model_render_bodies(m, &d, o->check_only || stops);
	build_stage(o, "render Markdown", &t0);
	/* a build passes attachments through their gate as it writes them (pages_write); one that stops here, now */
	if (o->check_only || stops) {
		(void)attach_publish(m, NULL, o->verbose, &d);
		build_stage(o, "attachments", &t0);
	}
	if (d.errors || th == NULL || (o->strict && d.warnings))
		goto report;
	if (!o->check_only) {
		if (!output_ok(o, &d))
			goto report;
		if (pages_write(m, th, out_real, o, &d) == 0 && in != NULL && out_inputs_reread(in) == 0) {
			char *read_key = out_inputs_key(in);

			out_remember(out_real, read_key, &d);
			free(read_key);
		}
		build_stage(o, "write pages", &t0);
	}
report:
	if (o->json) {
		if (diags_print_json(&d, &cfg->as_of) < 0)
			fprintf(stderr, "gongkai: cannot write the JSON report\n");
	} else
		diags_print(&d, o->quiet);
	rc = exit_code(&d, o->strict);
	if (!o->quiet && !o->json && (d.errors || d.warnings))
		fprintf(stderr, "gongkai: %zu error%s, %zu warning%s\n", d.errors, d.errors == 1 ? "" : "s",
		    d.warnings, d.warnings == 1 ? "" : "s");
	if (rc != 0 && !o->check_only && !o->quiet)
		fprintf(stderr, "gongkai: build failed; %s/ was left as it was\n", o->output_dir);
	if (o->verbose) {
		fprintf(stderr, "gongkai: total %.1f ms, cpu %.1f ms\n", (stage_now() - start) * 1000,
		    stage_cpu() * 1000);
	}
out:
	theme_free(th);
	if (m != NULL)
		compliance_free(m->compliance);
	model_free(m);
	config_free(cfg);
	diags_free(&d);
	readlog_stop();
	out_inputs_free(in);
	free(theme_dir);
	free(key);
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
				fprintf(stderr, "gongkai: --format wants text or json%s\n%s",
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
				fprintf(stderr, "gongkai: -j wants a number of threads from 1 to 256, not '%s'\n%s",
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
		fprintf(stderr, "gongkai: unexpected argument '%s'\n%s", argv[optind], usage);
		return 2;
	}
	return -1;
}

int
cmd_build(int argc, char **argv)
{
	struct build_opts o;
	int rc = parse_opts(argc, argv, &o, build_usage, 0);

	return rc >= 0 ? rc : build_run(&o);
}

int
cmd_check(int argc, char **argv)
{
	struct build_opts o;
	int rc = parse_opts(argc, argv, &o, check_usage, 1);

	return rc >= 0 ? rc : build_run(&o);
}
