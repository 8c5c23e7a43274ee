/*
 * driver.c: a stand-alone `gongkai import` for testing the import module
 * before main.c dispatches to it: `driver import FILE ...`.
 */
#include <stdio.h>
#include <string.h>

#include "import.h"

int
main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "import") != 0) {
		fprintf(stderr, "usage: %s import FILE [options]\n", argc > 0 ? argv[0] : "driver");
		return 2;
	}
	return cmd_import(argc - 1, argv + 1);
}
