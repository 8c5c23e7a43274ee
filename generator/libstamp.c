/*
 * libstamp.c: the run-time versions of the libraries a page is made with
 * (libstamp.h): Markdown, YAML, the templates' XML, Unicode, JSON, QR
 * codes, git history, PDF attachments.
 */
#include <stdio.h>

#include <cairo.h>
#include <cmark-gfm.h>
#include <git2.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <poppler.h>
#include <qrencode.h>
#include <unistring/version.h>
#include <yaml.h>

#include "libstamp.h"
#include "util.h"

char *
libstamp(void)
{
	int maj = 0, min = 0, rev = 0;
	char *qr = QRcode_APIVersionString();

	git_libgit2_version(&maj, &min, &rev);
	return xasprintf("cmark-gfm %s; yaml %s; libxml2 %s; libunistring %x; jansson %s; qrencode %s; "
	    "libgit2 %d.%d.%d; poppler %s; cairo %s", cmark_version_string(), yaml_get_version_string(),
	    xmlParserVersion, (unsigned)_libunistring_version, jansson_version_str(), qr ? qr : "?", maj, min,
	    rev, poppler_get_version(), cairo_version_string());
}
