/*
 * newcmark.c: an LD_PRELOAD library that stands for a later libcmark-gfm
 * (a Debian update): another version string, and bodies rendered with one
 * more paragraph. For tests/suite_incremental.sh, which builds it; it is
 * never part of gongkai. The binary itself does not change, so only the
 * library's version in the inputs' key (libstamp.h) can tell a rebuild that
 * the pages it would keep were made by another renderer.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>

#include <cmark-gfm.h>

static char *(*real_render)(cmark_node *, int, cmark_llist *, cmark_mem *);

__attribute__((constructor)) static void
init(void)
{
	real_render = (char *(*)(cmark_node *, int, cmark_llist *, cmark_mem *))dlsym(RTLD_NEXT,
	    "cmark_render_html_with_mem");
}

const char *
cmark_version_string(void)
{
	return "99.0.0.gfm.0";
}

char *
cmark_render_html_with_mem(cmark_node *root, int options, cmark_llist *extensions, cmark_mem *mem)
{
	static const char more[] = "<p>newcmark</p>\n";
	char *html = real_render(root, options, extensions, mem);
	size_t n = html != NULL ? strlen(html) : 0;

	if (html == NULL)
		return NULL;
	html = mem->realloc(html, n + sizeof more);
	memcpy(html + n, more, sizeof more);
	return html;
}
