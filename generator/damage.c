/*
 * damage.c: the signs of a wrong encoding conversion (damage.h), one rule
 * for import and check so that they never disagree about a paragraph.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "damage.h"
#include "util.h"
#include "i18n.h"

/* One or two short runs of '?' between Chinese characters may be a writer's; three are a pattern. */
#define DAMAGE_STRAY_MIN	3
/* So is a run of three '?' next to a Chinese character. */
#define DAMAGE_RUN_MIN		3

static uint32_t
cp_at(const char *s, int *k)
{
	uint32_t cp;

	*k = utf8_decode(s, &cp);
	return cp;
}

int
damage_line(const char *s, size_t n, struct damage_hit *hit)
{
	size_t i = 0;
	int col = 1, stray = 0, stray_col = 0, k;
	uint32_t prev = 0;

	while (i < n) {
		uint32_t cp = cp_at(s + i, &k), next = 0;
		size_t j = i;
		int run = 0, k2;

		if (cp != '?' && cp != 0xfffd) {
			prev = cp;
			i += (size_t)k;
			col++;
			continue;
		}
		while (j < n && cp_at(s + j, &k2) == cp) {
			j += (size_t)k2;
			run++;
		}
		if (j < n)
			next = cp_at(s + j, &k2);
		if (cp == 0xfffd || (run >= DAMAGE_RUN_MIN && (is_cjk(prev) || is_cjk(next)))) {
			hit->sign = cp == 0xfffd ? DAMAGE_FFFD : DAMAGE_RUN;
			hit->col = col;
			hit->count = run;
			return 1;
		}
		if (is_cjk(prev) && is_cjk(next) && stray++ == 0)
			stray_col = col;
		col += run;
		i = j;
		prev = '?';
	}
	if (stray < DAMAGE_STRAY_MIN)
		return 0;
	hit->sign = DAMAGE_STRAY;
	hit->col = stray_col;
	hit->count = stray;
	return 1;
}

int
damage_may_hold(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	if (memchr(s, '?', n) != NULL)
		return 1;
	while ((p = memchr(p, 0xef, (size_t)(end - p))) != NULL) {
		if (end - p >= 3 && (unsigned char)p[1] == 0xbf && (unsigned char)p[2] == 0xbd)
			return 1;
		p++;
	}
	return 0;
}

char *
damage_describe(const struct damage_hit *hit, char *buf)
{
	switch (hit->sign) {
	case DAMAGE_FFFD:
		snprintf(buf, 64, ngettext("%d U+FFFD replacement character", "%d U+FFFD replacement characters in a row",
		    (unsigned long)hit->count), hit->count);
		break;
	case DAMAGE_RUN:
		snprintf(buf, 64, _("%d '?' in a row"), hit->count);
		break;
	default:
		snprintf(buf, 64, _("%d stray '?' between Chinese characters"), hit->count);
		break;
	}
	return buf;
}
