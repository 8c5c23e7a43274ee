/*
 * dynlib.c: libraries loaded when first needed (dynlib.h).
 */
#include <dlfcn.h>
#include <string.h>

#include "dynlib.h"
#include "i18n.h"
#include "util.h"

/* Opens l and looks up its functions; l->handle, or NULL with l->why. */
static void
dynlib_open(struct dynlib *l)
{
	const char *so = l->so[0] ? l->so : l->so_default, *pkg = l->pkg[0] ? l->pkg : l->pkg_default;

	if ((l->handle = dlopen(so, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		l->why = xasprintf(_("%s cannot be loaded (%s); install it: sudo apt-get install %s"), so,
		    dlerror(), pkg);
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		void *sym = dlsym(l->handle, l->names[i]);

		if (sym == NULL) {
			l->why = xasprintf(_("%s has no function %s: a version gongkai was not built for; "
			    "build gongkai again (make) against the installed %s"), so, l->names[i], pkg);
			dlclose(l->handle);
			l->handle = NULL;
			return;
		}
		/* POSIX: a function's address passes through void * (dlsym) */
		memcpy(l->fns[i], &sym, sizeof sym);
	}
}

const char *
dynlib_need(struct dynlib *l)
{
	pthread_mutex_lock(&l->mu);
	if (!l->tried) {
		dynlib_open(l);
		l->tried = 1;
	}
	pthread_mutex_unlock(&l->mu);
	return l->handle != NULL ? NULL : l->why;
}
