/*
 * main.c: the command table. Each command parses its own options.
 */
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "gongkai.h"
#include "import.h"
#include "new.h"
#include "serve.h"
#include "schema.h"
#include "i18n.h"

static int cmd_help(int argc, char **argv);
static int cmd_keys(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const struct command {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*help;
} commands[] = {
	{ "build", cmd_build, N_("render content/ into output/") },
	{ "check", cmd_check, N_("check content/ against the rules, write nothing") },
	{ "import", cmd_import, N_("turn a plain-text document (公文) into a Markdown record") },
	{ "new", cmd_new, N_("start a record of one kind from its archetype") },
	{ "serve", cmd_serve, N_("preview the site at http://127.0.0.1:1313/, rebuilt on every change") },
	{ "keys", cmd_keys, N_("list every front-matter key with its Chinese alias") },
	{ "help", cmd_help, N_("show this help") },
	{ "version", cmd_version, N_("print the version") },
};

static int
cmd_keys(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		puts(_("usage: gongkai keys\n\nPrints, as Markdown tables, every key of site.yaml and of each kind of\n"
		    "record, with its Chinese alias, type and meaning. Exit status: 0."));
		return 0;
	}
	schema_print_markdown(stdout);
	return 0;
}

static int
cmd_version(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		puts(_("usage: gongkai version\n\nPrints the version. Exit status: 0."));
		return 0;
	}
	printf("gongkai %s\n", GONGKAI_VERSION);
	return 0;
}

static void
usage(FILE *f)
{
	fputs(_("usage: gongkai COMMAND [options]   (gongkai COMMAND --help for its options)\n\n"
	    "gongkai turns Markdown records of village affairs into a public website.\n\ncommands:\n"), f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, _(commands[i].help));
	fputs(_("\nExit status: 0 success; 1 content or template errors; 2 usage or system error.\n"), f);
}

static int
cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);	/* the usage text is the help, with or without --help */
	return 0;
}

int
main(int argc, char **argv)
{
#ifdef __GLIBC__
	/*
	 * glibc gives each thread a heap of its own, so what the main thread
	 * frees (sources, rendered pages) is not reused by the search thread's
	 * postings. Two heaps: peak RSS of a 10,000-record build 237 MiB instead
	 * of 270, same time (issue 7).
	 */
	mallopt(M_ARENA_MAX, 2);
#endif
	if (i18n_init(&argc, argv) < 0)
		return 2;
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		return cmd_help(argc, argv);
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return cmd_version(argc, argv);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, _("gongkai: unknown command '%s'\n"), argv[1]);
	usage(stderr);
	return 2;
}
