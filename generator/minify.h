/*
 * minify.h: the theme's stylesheets and scripts made smaller as they are
 * copied into assets/ (assets.c). Both return a new string (caller frees)
 * and its length in *outlen.
 */
#ifndef GONGKAI_MINIFY_H
#define GONGKAI_MINIFY_H

#include <stddef.h>

/* A stylesheet without comments and runs of white space; quoted strings kept. */
char *css_minify(const char *s, size_t n, size_t *outlen);
/* A script without whole comment lines, blank lines and indentation (see minify.c). */
char *js_trim(const char *s, size_t n, size_t *outlen);

#endif
