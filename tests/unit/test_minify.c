/*
 * minify.c: a script loses whole comment lines, blank lines and indentation
 * and nothing else; a script with a template literal or a continued line is
 * copied as it is (its lines may be text). Stylesheets lose comments and
 * runs of white space, not what is quoted.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "minify.h"

static void
js(const char *name, const char *in, const char *want)
{
	size_t n;
	char *out = js_trim(in, strlen(in), &n);

	CHECK_STR(name, out, want);
	CHECK_INT(name, n, strlen(want));
	free(out);
}

static void
test_js(void)
{
	js("comment lines and indentation go", "// head\nfunction f() {\n\t// inside\n\treturn 1;\n}\n",
	    "function f() {\nreturn 1;\n}\n");
	js("blank lines go", "a();\n\n\n  b();\n", "a();\nb();\n");
	js("a block comment over lines goes", "/*\n * doc\n */\nx = 1;\n", "x = 1;\n");
	js("code after a closing block stays", "/* a\n b */ y = 2;\n", "y = 2;\n");
	js("code after a one-line block stays", "/* a */ z = 3;\n", "/* a */ z = 3;\n");
	js("a comment after plain code goes", "q(); // why\n", "q();\n");
	js("a comment after a string stays", "q('a'); // why\n", "q('a'); // why\n");
	js("a comment after a division stays", "r = a / b; // why\n", "r = a / b; // why\n");
	js("// inside a string stays", "u = 'http://x';\n  v = \"//\";\n", "u = 'http://x';\nv = \"//\";\n");
	js("a template literal: copied as it is", "s = `\n  // text\n`;\n", "s = `\n  // text\n`;\n");
	js("a backtick in a string is not a template", "a = '`';\n  // c\n", "a = '`';\n");
	js("a continued line: copied as it is", "s = 'a\\\n  // b';\n", "s = 'a\\\n  // b';\n");
	js("an unclosed comment: copied as it is", "x();\n/* open\n", "x();\n/* open\n");
	js("no newline at the end", "  w()", "w()\n");
}

static void
test_css(void)
{
	size_t n;
	const char *in = "/* c */\na  {\n  color: red;\n  content: \"a  /* b */\";\n}\n";
	char *out = css_minify(in, strlen(in), &n);

	CHECK_STR("css: comments, spaces and the last ; go, strings stay", out, "a{color:red;content:\"a  /* b */\"}\n");
	free(out);
}

int
main(void)
{
	test_js();
	test_css();
	return t_done();
}
