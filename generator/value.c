/*
 * value.c: template values in an arena.
 */
#include <string.h>

#include "util.h"
#include "value.h"

static struct val null_val = { .t = V_NULL };

struct val *
v_null(void)
{
	return &null_val;
}

static struct val *
v_new(struct arena *a, enum vtype t)
{
	struct val *v = arena_alloc(a, sizeof *v);

	memset(v, 0, sizeof *v);
	v->t = t;
	return v;
}

struct val *
v_strn(struct arena *a, const char *s, size_t n)
{
	struct val *v;

	if (s == NULL)
		return v_null();
	v = v_new(a, V_STR);
	v->s = arena_strndup(a, s, n);
	return v;
}

struct val *
v_strref(struct arena *a, const char *s)
{
	struct val *v;

	if (s == NULL)
		return v_null();
	v = v_new(a, V_STR);
	v->s = s;
	return v;
}

struct val *
v_str(struct arena *a, const char *s)
{
	return s ? v_strn(a, s, strlen(s)) : v_null();
}

struct val *
v_html(struct arena *a, const char *s)
{
	struct val *v = v_str(a, s ? s : "");

	v->t = V_HTML;
	return v;
}

struct val *
v_url(struct arena *a, const char *path)
{
	struct val *v = v_str(a, path ? path : "");

	v->t = V_URL;
	return v;
}

struct val *
v_int(struct arena *a, long long i)
{
	struct val *v = v_new(a, V_INT);

	v->i = i;
	return v;
}

struct val *
v_bool(struct arena *a, int b)
{
	struct val *v = v_new(a, V_BOOL);

	v->i = b != 0;
	return v;
}

struct val *
v_list(struct arena *a)
{
	return v_new(a, V_LIST);
}

struct val *
v_map(struct arena *a)
{
	return v_new(a, V_MAP);
}

struct val *
v_map_sized(struct arena *a, unsigned cap)
{
	struct val *v = v_new(a, V_MAP);

	v->cap = cap;
	v->items = arena_alloc(a, cap * sizeof *v->items);
	v->keys = arena_alloc(a, cap * sizeof *v->keys);
	return v;
}

/* Keys are mostly the same literals: compare pointers, then first bytes, then all. */
static int
key_eq(const char *x, const char *y)
{
	return x == y || (x[0] == y[0] && strcmp(x, y) == 0);
}

static void
v_grow(struct arena *a, struct val *v)
{
	size_t cap = v->cap ? v->cap * 2 : 8;
	struct val **items = arena_alloc(a, cap * sizeof *items);

	if (v->n)
		memcpy(items, v->items, v->n * sizeof *items);
	v->items = items;
	if (v->t == V_MAP) {
		const char **keys = arena_alloc(a, cap * sizeof *keys);

		if (v->n)
			memcpy(keys, v->keys, v->n * sizeof *keys);
		v->keys = keys;
	}
	v->cap = cap;
}

void
v_push(struct arena *a, struct val *list, struct val *item)
{
	if (list->n == list->cap)
		v_grow(a, list);
	list->items[list->n++] = item ? item : v_null();
}

void
v_set(struct arena *a, struct val *map, const char *key, struct val *item)
{
	for (size_t i = 0; i < map->n; i++)
		if (key_eq(map->keys[i], key)) {
			map->items[i] = item ? item : v_null();
			return;
		}
	if (map->n == map->cap)
		v_grow(a, map);
	map->keys[map->n] = key;
	map->items[map->n++] = item ? item : v_null();
}

void
v_setstr(struct arena *a, struct val *map, const char *key, const char *s)
{
	v_set(a, map, key, v_str(a, s));
}

void
v_setint(struct arena *a, struct val *map, const char *key, long long i)
{
	v_set(a, map, key, v_int(a, i));
}

void
v_setbool(struct arena *a, struct val *map, const char *key, int b)
{
	v_set(a, map, key, v_bool(a, b));
}

void
v_seturl(struct arena *a, struct val *map, const char *key, const char *path)
{
	v_set(a, map, key, v_url(a, path));
}

struct val *
v_get(const struct val *map, const char *key)
{
	if (map == NULL || map->t != V_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (key_eq(map->keys[i], key))
			return map->items[i];
	return NULL;
}

int
v_truthy(const struct val *v)
{
	if (v == NULL)
		return 0;
	switch (v->t) {
	case V_NULL: return 0;
	case V_STR: case V_HTML: case V_URL: return v->s[0] != '\0';
	case V_INT: case V_BOOL: return v->i != 0;
	case V_LIST: case V_MAP: return v->n != 0;
	}
	return 0;
}
