/*
 * import.h: `gongkai import`, which turns a plain-text official document
 * (公文: UTF-8, UTF-16 with a BOM, GB18030/GBK) into a Markdown page or
 * record with front matter (title, date, author).
 */
#ifndef GONGKAI_IMPORT_H
#define GONGKAI_IMPORT_H

#include <stddef.h>

struct diags;

/*
 * `gongkai import FILE [--site ID --kind KIND] [-C CONTENT_DIR] [-o OUT.md]
 * [--stdout] [-h]`; argv[0] is "import". Prints diagnostics itself.
 * Returns the exit status: 0 done (warnings allowed), 1 content problem
 * (undecidable encoding, nothing to import, output file exists), 2 usage
 * or system error.
 */
int cmd_import(int argc, char **argv);

/*
 * The conversion itself, for tests and fuzzing: `len` bytes of `data` (any
 * bytes; need not be NUL-terminated) become a Markdown document with front
 * matter. `kind` is a record kind ("meetings" …), "page" or NULL; records
 * get a warning when no date is found. Warnings and errors are added to d
 * under `path`. Returns a NUL-terminated string the caller frees, or NULL
 * when the input cannot be imported (an error was added to d).
 */
char *import_convert(const char *path, const char *data, size_t len,
    const char *kind, struct diags *d);

#endif
