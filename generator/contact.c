/*
 * contact.c: the phone number, mail or web address in a contact text, as a
 * link a phone can follow (issue 19: residents tap a number to call it).
 *
 * Only ASCII forms are recognised: digits with '-' (0871-63512480,
 * 13812345678, 12345), local@domain, http(s)://…; a number beside a '*' is
 * one the privacy gate masked and stays text.
 */
#include <string.h>

#include "contact.h"
#include "util.h"
#include "value.h"

#define MIN_DIGITS 5	/* 12345 (服务热线) */

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* [p, q) is a date written 2025-12-10 or 2025-1-5, not a number to call. */
static int
is_date(const char *p, const char *q)
{
	size_t len[4] = { 0, 0, 0, 0 }, g = 0;

	for (; p < q; p++)
		if (*p == '-') {
			if (++g > 2)
				return 0;
		} else
			len[g]++;
	return g == 2 && len[0] == 4 && len[1] <= 2 && len[2] <= 2;
}

/* The end of the phone number starting at p, or NULL when p starts none. */
static const char *
phone_end(const char *base, const char *p)
{
	const char *q = p;
	int digits = 0;

	if (!is_digit(*p) || (p > base && (is_digit(p[-1]) || p[-1] == '*' || p[-1] == '-')))
		return NULL;
	while (is_digit(*q) || (*q == '-' && is_digit(q[1]))) {
		digits += is_digit(*q);
		q++;
	}
	if (digits < MIN_DIGITS || *q == '*' || *q == '@' || (*q == '.' && is_digit(q[1])) || is_date(p, q))
		return NULL;
	return q;
}

static int
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || (c && strchr("._-+%", c));
}

/* A mail address around the '@' at p: [*start, *end). */
static int
mail_at(const char *base, const char *p, const char **start, const char **end)
{
	const char *s = p, *e = p + 1;

	while (s > base && is_word(s[-1]))
		s--;
	if (s > base && s[-1] == '*')	/* 139****5678@qq.com: masked, no address to write to */
		return 0;
	while (is_word(*e))
		e++;
	while (e > p + 1 && e[-1] == '.')
		e--;
	if (s == p || e == p + 1 || memchr(p + 1, '.', (size_t)(e - p - 1)) == NULL)
		return 0;
	*start = s;
	*end = e;
	return 1;
}

const char *
contact_href(struct arena *a, const char *s, const char **start, const char **end)
{
	const char *w = strstr(s, "https://"), *h = strstr(s, "http://");

	if (h && (!w || h < w))
		w = h;
	if (w) {
		*start = w;
		for (*end = w; **end && **end != ' ' && (unsigned char)**end < 0x80; (*end)++)
			;
		return arena_strndup(a, w, (size_t)(*end - w));
	}
	for (const char *p = s; *p; p++) {
		const char *e;

		if (*p == '@' && mail_at(s, p, start, end)) {
			char *addr = arena_strndup(a, *start, (size_t)(*end - *start));
			return arena_printf(a, "mailto:%s", addr);
		}
		if ((e = phone_end(s, p)) != NULL) {
			*start = p;
			*end = e;
			return arena_printf(a, "tel:%.*s", (int)(e - p), p);
		}
		if (is_digit(*p))
			while (is_digit(p[1]) || p[1] == '-' || p[1] == '*')
				p++;
	}
	return NULL;
}

struct val *
contact_val(struct arena *a, const char *s)
{
	struct val *m;
	const char *href, *b = NULL, *e = NULL;

	if (s == NULL)
		return v_null();
	m = v_map(a);
	if ((href = contact_href(a, s, &b, &e)) == NULL) {
		v_setstr(a, m, "pre", s);
		return m;
	}
	v_setstr(a, m, "pre", b > s ? arena_strndup(a, s, (size_t)(b - s)) : NULL);
	v_setstr(a, m, "link", arena_strndup(a, b, (size_t)(e - b)));
	v_setstr(a, m, "href", href);
	v_setstr(a, m, "post", *e ? e : NULL);
	return m;
}
