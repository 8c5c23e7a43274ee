/*
 * template.h: the theme's HTML templates. A template is a well-formed HTML
 * file a designer can open in a browser; data-* attributes say where values
 * go (see README, "Templates"). Files are parsed once with libxml2 and
 * rendered many times.
 */
#ifndef GONGKAI_TEMPLATE_H
#define GONGKAI_TEMPLATE_H

struct diags;
struct sb;
struct val;
struct theme;

/*
 * Loads every .html file of theme_dir/templates and templates/partials.
 * Syntax errors go to d with file, line and column. Returns NULL when any
 * template is broken. Free with theme_free.
 */
struct theme *theme_load(const char *theme_dir, struct diags *d);
void theme_free(struct theme *t);
/* Does the theme have templates/<name>? */
int theme_has(const struct theme *t, const char *name);
/*
 * Renders templates/<name> with ctx (a V_MAP whose keys are the top-level
 * names) into out. URLs are printed relative to the page through `root`
 * ("" for a page at the site root, "../../" two folders down). Returns 0, or
 * -1 after adding an error to d.
 */
int theme_render(struct theme *t, const char *name, const struct val *ctx,
    const char *root, struct sb *out, struct diags *d);

#endif
