/*
 * libstamp.c: the run-time versions of the libraries a page is made with
 * (libstamp.h): Markdown, YAML, the templates' XML, Unicode, JSON, QR
 * codes; and, for the two opened only when needed (dynlib.h: git history,
 * PDF attachments), the size and time of the file that would be opened,
 * so that asking for a version does not load them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cmark-gfm.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <qrencode.h>
#include <unistring/version.h>
#include <yaml.h>

#include "libstamp.h"
#include "util.h"

#ifndef GK_POPPLER_DIR
#define GK_POPPLER_DIR ""
#endif
#ifndef GK_POPPLER_SO
#define GK_POPPLER_SO ""
#endif
#ifndef GK_GIT2_DIR
#define GK_GIT2_DIR ""
#endif
#ifndef GK_GIT2_SO
#define GK_GIT2_SO ""
#endif

/* "size mtime" of the library file dir/so, or "?" when it cannot be told. */
static char *
file_stamp(const char *dir, const char *so)
{
	struct stat st;
	char *path = xasprintf("%s/%s", dir, so);
	char *s;

	if (dir[0] != '\0' && so[0] != '\0' && stat(path, &st) == 0)
		s = xasprintf("%s %jd %jd.%09ld", so, (intmax_t)st.st_size, (intmax_t)st.st_mtim.tv_sec,
		    st.st_mtim.tv_nsec);
	else
		s = xasprintf("%s ?", so);
	free(path);
	return s;
}

char *
libstamp(void)
{
	char *qr = QRcode_APIVersionString();
	char *git = file_stamp(GK_GIT2_DIR, GK_GIT2_SO), *pdf = file_stamp(GK_POPPLER_DIR, GK_POPPLER_SO), *s;

	s = xasprintf("cmark-gfm %s; yaml %s; libxml2 %s; libunistring %x; jansson %s; qrencode %s; "
	    "libgit2 %s; poppler-glib %s", cmark_version_string(), yaml_get_version_string(),
	    xmlParserVersion, (unsigned)_libunistring_version, jansson_version_str(), qr ? qr : "?", git, pdf);
	free(git);
	free(pdf);
	return s;
}
