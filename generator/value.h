/*
 * value.h: the values a template can print: text, trusted HTML, URLs,
 * numbers, booleans, lists and maps. All of them live in an arena; nothing
 * is freed one by one.
 */
#ifndef GONGKAI_VALUE_H
#define GONGKAI_VALUE_H

#include <stddef.h>

struct arena;

enum vtype {
	V_NULL,
	V_STR,		/* text: always escaped when printed */
	V_HTML,		/* HTML the generator made itself (rendered Markdown, SVG) */
	V_URL,		/* a path from the site root, printed relative to the page */
	V_INT,
	V_BOOL,
	V_LIST,
	V_MAP
};

struct val {
	enum vtype		 t;
	unsigned		 n, cap;	/* items; 48 bytes a value, not 64 (issue 7) */
	const char		*s;	/* V_STR, V_HTML, V_URL */
	long long		 i;	/* V_INT; V_BOOL 0/1 */
	struct val		**items;/* V_LIST items; V_MAP values */
	const char		**keys;	/* V_MAP keys */
};

struct val *v_null(void);
struct val *v_str(struct arena *a, const char *s);	/* copies s; NULL s gives null */
struct val *v_strn(struct arena *a, const char *s, size_t n);
/* Borrows s, which must outlive the arena; NULL s gives null. */
struct val *v_strref(struct arena *a, const char *s);
struct val *v_html(struct arena *a, const char *s);	/* copies s */
struct val *v_url(struct arena *a, const char *path);	/* copies path */
struct val *v_int(struct arena *a, long long i);
struct val *v_bool(struct arena *a, int b);
struct val *v_list(struct arena *a);
struct val *v_map(struct arena *a);
/* A map with room for cap keys before it grows (maps kept all build). */
struct val *v_map_sized(struct arena *a, unsigned cap);
/* Appends to a list; the value is shared, not copied. */
void v_push(struct arena *a, struct val *list, struct val *item);
/* Sets key (not copied: pass a literal or arena string) in a map. */
void v_set(struct arena *a, struct val *map, const char *key, struct val *item);
/* Shorthands for v_set with a fresh string / int / bool / url. */
void v_setstr(struct arena *a, struct val *map, const char *key, const char *s);
void v_setint(struct arena *a, struct val *map, const char *key, long long i);
void v_setbool(struct arena *a, struct val *map, const char *key, int b);
void v_seturl(struct arena *a, struct val *map, const char *key, const char *path);
/* Lookup; NULL when the key is absent. */
struct val *v_get(const struct val *map, const char *key);
/* Is the value "true" for data-if: not null/false/0/""/empty list. */
int v_truthy(const struct val *v);

#endif
