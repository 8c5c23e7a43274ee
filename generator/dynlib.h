/*
 * dynlib.h: a library loaded when it is first needed (dlopen), not when
 * gongkai starts.
 *
 * poppler's GLib binding (PDF attachments) and libgit2 (a content folder
 * kept in git) bring 57 shared objects with them; linked at start they
 * cost every run 11 MB of memory and a tenth of a small build's
 * instructions in symbol lookups, though most builds have no PDF and many
 * no repository (issue 16: peak memory no worse). Their headers still come
 * from pkg-config; the Makefile passes each library's soname and package.
 */
#ifndef GONGKAI_DYNLIB_H
#define GONGKAI_DYNLIB_H
#include <pthread.h>
#include <stddef.h>

/*
 * One library and the functions wanted from it: names[i] goes into the
 * function pointer at fns[i]. so and pkg are the Makefile's (GK_*_SO,
 * GK_*_PKG), "" when it could not read them; the defaults then stand.
 */
struct dynlib {
	const char		*so, *so_default, *pkg, *pkg_default;
	const char *const	*names;
	void *const		*fns;
	size_t			 n;
	pthread_mutex_t		 mu;
	int			 tried;
	void			*handle;
	char			*why;	/* why it could not be opened (owned, kept for the process) */
};

#define DYNLIB(so, so_default, pkg, pkg_default, names, fns) \
	{ so, so_default, pkg, pkg_default, names, fns, sizeof names / sizeof names[0], \
	  PTHREAD_MUTEX_INITIALIZER, 0, NULL, NULL }

/*
 * Opens l once, from any thread, and fills its function pointers: NULL
 * then, or why it cannot be opened, saying what to install.
 */
const char *dynlib_need(struct dynlib *l);
#endif
