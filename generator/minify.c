/*
 * minify.c: the theme's stylesheets and scripts, smaller. Readers on a slow
 * phone pay for every byte (a page with its CSS and JS stays under 30 KB);
 * designers keep their comments and indentation in the theme.
 */
#include <stdlib.h>
#include <string.h>

#include "minify.h"
#include "util.h"

/*
 * A stylesheet is copied without comments and runs of white space: readers
 * on a slow phone pay for every byte, designers keep their comments. Quoted
 * strings are kept as they are.
 */
char *
css_minify(const char *s, size_t n, size_t *outlen)
{
	struct sb b;
	size_t i = 0;
	int space = 0;

	sb_init(&b);
	while (i < n) {
		char c = s[i];

		if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			const char *end = strstr(s + i + 2, "*/");
			i = end ? (size_t)(end - s) + 2 : n;
			continue;
		}
		if (c == '"' || c == '\'') {
			size_t j = i + 1;
			while (j < n && s[j] != c) {
				if (s[j] == '\\' && j + 1 < n)
					j++;
				j++;
			}
			if (space && b.len && !strchr("{};,>:", b.buf[b.len - 1]))
				sb_putc(&b, ' ');
			space = 0;
			sb_add(&b, s + i, (j < n ? j + 1 : n) - i);
			i = j < n ? j + 1 : n;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			i++;
			continue;
		}
		/* a space is needed only between two words: not around { } ; , > nor after ':' */
		if (space && b.len && !strchr("{};,>:", b.buf[b.len - 1]) && !strchr("{};,>", c))
			sb_putc(&b, ' ');
		space = 0;
		/* the last declaration of a block needs no ';' */
		if (c == '}' && b.len && b.buf[b.len - 1] == ';')
			b.len--;
		sb_putc(&b, c);
		i++;
	}
	sb_putc(&b, '\n');
	*outlen = b.len;
	return sb_take(&b);
}

/*
 * Whether a script may be trimmed line by line: no template literal (whose
 * lines are text) and no line continued with a backslash. A small scanner
 * that knows quotes and comments finds them; when in doubt, no.
 */
static int
js_lines_safe(const char *s, size_t n)
{
	char q = 0;	/* the quote we are in: ' or ", or 0 */

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\\' && i + 1 < n && s[i + 1] == '\n')
			return 0;
		if (q) {
			if (c == '\\')
				i++;
			else if (c == q || c == '\n')
				q = 0;
			continue;
		}
		if (c == '`')
			return 0;
		if (c == '\'' || c == '"')
			q = c;
		else if (c == '/' && i + 1 < n && s[i + 1] == '/')
			while (i < n && s[i] != '\n')
				i++;
		else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			const char *e = strstr(s + i + 2, "*/");
			if (e == NULL)
				return 0;
			i = (size_t)(e - s) + 1;
		}
	}
	return 1;
}

/*
 * Where the code of line s[t, e) ends: before a comment after it, when
 * nothing before the comment could hold a // of its own (no quote, no
 * slash, no backtick: no string or regular expression), else at e.
 */
static size_t
code_end(const char *s, size_t t, size_t e)
{
	size_t k;

	for (k = t; k + 1 < e; k++) {
		if (s[k] == '\'' || s[k] == '"' || s[k] == '`')
			return e;
		if (s[k] == '/')
			break;
	}
	if (k + 1 >= e || s[k + 1] != '/')
		return e;
	while (k > t && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	return k;
}

/*
 * A script without its comment lines, blank lines and indentation, and
 * without a comment after code where code_end can tell it is one. Nothing
 * else inside a line changes, so no string or regular expression can. A script that is
 * not safe to trim (above) is returned as it is.
 */
char *
js_trim(const char *s, size_t n, size_t *outlen)
{
	struct sb b;
	size_t i = 0;
	int block = 0;

	sb_init(&b);
	if (!js_lines_safe(s, n)) {
		sb_add(&b, s, n);
		*outlen = b.len;
		return sb_take(&b);
	}
	while (i < n) {
		size_t e = i, t;

		while (e < n && s[e] != '\n')
			e++;
		for (t = i; t < e && (s[t] == ' ' || s[t] == '\t' || s[t] == '\r'); t++)
			;
		if (block) {
			/* a comment block's own lines, to its end; code after it stays */
			for (size_t k = t; block && k + 1 < e; k++)
				if (s[k] == '*' && s[k + 1] == '/') {
					size_t r = k + 2;

					block = 0;
					while (r < e && (s[r] == ' ' || s[r] == '\t' || s[r] == '\r'))
						r++;
					if (r < e) {
						sb_add(&b, s + r, e - r);
						sb_putc(&b, '\n');
					}
				}
		} else if (t + 1 < e && s[t] == '/' && s[t + 1] == '*') {
			size_t k = t + 2, r;

			while (k + 1 < e && !(s[k] == '*' && s[k + 1] == '/'))
				k++;
			if (k + 1 >= e)
				block = 1;	/* it goes on: its lines go too */
			else {
				for (r = k + 2; r < e && (s[r] == ' ' || s[r] == '\t' || s[r] == '\r'); r++)
					;
				if (r < e) {	/* code after the comment: the line stays */
					sb_add(&b, s + t, e - t);
					sb_putc(&b, '\n');
				}
			}
		} else if (t < e && !(t + 1 < e && s[t] == '/' && s[t + 1] == '/')) {
			sb_add(&b, s + t, code_end(s, t, e) - t);
			sb_putc(&b, '\n');
		}
		i = e + 1;
	}
	*outlen = b.len;
	return sb_take(&b);
}
