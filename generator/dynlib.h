/*
 * dynlib.h: a library loaded when it is first needed (dlopen), not when
 * gongkai starts.
 *
 * poppler's GLib binding (PDF attachments) and libgit2 (a content folder
 * kept in git) bring 85 shared objects with them; linked at start they
 * cost every run 11 MB of memory and a tenth of a small build's
 * instructions in symbol lookups, though most builds have no PDF and many
 * no repository (issue 16: peak memory no worse). Their headers still come
 * from pkg-config; the Makefile passes each library's soname.
 */
#ifndef GONGKAI_DYNLIB_H
#define GONGKAI_DYNLIB_H
#include <stddef.h>

/*
 * Opens soname and looks up n functions: names[i] into the function pointer
 * at fns[i] (each a pointer to a function pointer, of size sizeof(void (*)(void))).
 * The handle, or NULL with *why (caller frees) saying what is missing and how
 * to install it (package: the Debian package that holds it).
 */
void *dynlib_open(const char *soname, const char *package, const char *const *names, void *const *fns,
    size_t n, char **why);
#endif
