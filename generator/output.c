/*
 * output.c: atomic site output.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "output.h"
#include "privacy.h"
#include "util.h"

struct out {
	char			*dir;		/* the final folder */
	char			*tmp;		/* where this build writes */
	const char *const	*allow;		/* privacy_allow from site.yaml */
	size_t			 nallow;
	struct diags		*d;
	size_t			 count;
};

struct out *
out_begin(const char *dir, const char *const *allow, size_t nallow, struct diags *d)
{
	struct out *o = xcalloc(1, sizeof *o);
	size_t l = strlen(dir);

	while (l > 1 && dir[l - 1] == '/')
		l--;
	o->dir = xstrndup(dir, l);
	o->tmp = xasprintf("%s.tmp-%ld", o->dir, (long)getpid());
	o->allow = allow;
	o->nallow = nallow;
	o->d = d;
	rmtree(o->tmp);
	if (mkdirs(o->tmp) < 0) {
		diag_add(d, DIAG_ERROR, "io", o->tmp, 0, 0, "cannot create the output folder: %s",
		    strerror(errno));
		free(o->dir);
		free(o->tmp);
		free(o);
		return NULL;
	}
	return o;
}

static int
safe_rel(const char *rel)
{
	if (rel[0] == '/' || rel[0] == '\0')
		return 0;
	for (const char *s = rel; *s; s++)
		if (s[0] == '.' && s[1] == '.' && (s == rel || s[-1] == '/') && (s[2] == '/' || s[2] == '\0'))
			return 0;
	return 1;
}

int
out_put(struct out *o, const char *relpath, const char *data, size_t len)
{
	char *path, *masked;
	size_t mlen, found;
	int rc;

	if (!safe_rel(relpath)) {
		diag_add(o->d, DIAG_ERROR, "path", relpath, 0, 0, "refusing to write outside the output folder");
		return -1;
	}
	path = path_join(o->tmp, relpath);
	masked = privacy_mask_all(data, len, o->allow, o->nallow, &mlen, &found);
	rc = masked ? file_write(path, masked, mlen) : file_write(path, data, len);
	if (rc < 0)
		diag_add(o->d, DIAG_ERROR, "io", path, 0, 0, "cannot write: %s", strerror(errno));
	else
		o->count++;
	free(masked);
	free(path);
	return rc;
}

int
out_copy(struct out *o, const char *from, const char *relpath)
{
	char *path;
	int rc;

	if (!safe_rel(relpath))
		return -1;
	path = path_join(o->tmp, relpath);
	{
		char *slash = strrchr(path, '/');
		*slash = '\0';
		mkdirs(path);
		*slash = '/';
	}
	rc = file_copy(from, path);
	if (rc < 0)
		diag_add(o->d, DIAG_ERROR, "io", from, 0, 0, "cannot copy to %s: %s", path, strerror(errno));
	else
		o->count++;
	free(path);
	return rc;
}

size_t
out_count(const struct out *o)
{
	return o->count;
}

int
out_end(struct out *o, int ok)
{
	int rc = 0;
	struct stat st;

	if (o == NULL)
		return -1;
	if (!ok) {
		rmtree(o->tmp);
		goto done;
	}
	if (lstat(o->dir, &st) < 0) {
		if (rename(o->tmp, o->dir) < 0)
			rc = -1;
		goto done;
	}
	/* Swap both names in one step: readers never see a missing or half site. */
	if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->dir, RENAME_EXCHANGE) == 0) {
		rmtree(o->tmp);	/* now holds the previous site */
		goto done;
	}
	{
		char *old = xasprintf("%s.old-%ld", o->dir, (long)getpid());
		if (rename(o->dir, old) < 0 || rename(o->tmp, o->dir) < 0)
			rc = -1;
		else
			rmtree(old);
		free(old);
	}
done:
	if (rc < 0)
		diag_add(o->d, DIAG_ERROR, "io", o->dir, 0, 0, "cannot put the new site in place: %s",
		    strerror(errno));
	free(o->dir);
	free(o->tmp);
	free(o);
	return rc;
}
