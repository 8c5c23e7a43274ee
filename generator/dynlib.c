/*
 * dynlib.c: libraries loaded when first needed (dynlib.h).
 */
#include <dlfcn.h>
#include <string.h>

#include "dynlib.h"
#include "i18n.h"
#include "util.h"

void *
dynlib_open(const char *soname, const char *package, const char *const *names, void *const *fns, size_t n,
    char **why)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	*why = NULL;
	if (h == NULL) {
		*why = xasprintf(_("%s cannot be loaded (%s); install it: sudo apt-get install %s"), soname,
		    dlerror(), package);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		void *sym = dlsym(h, names[i]);

		if (sym == NULL) {
			*why = xasprintf(_("%s has no function %s: a version gongkai was not built for; "
			    "build gongkai again (make) against the installed %s"), soname, names[i], package);
			dlclose(h);
			return NULL;
		}
		/* POSIX: a function's address passes through void * (dlsym) */
		memcpy(fns[i], &sym, sizeof sym);
	}
	return h;
}
