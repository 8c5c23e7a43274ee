/*
 * fuzz.h: helpers shared by the libFuzzer targets (tests/fuzz/fuzz_*.c).
 * Each target includes this once; everything here is static.
 */
#ifndef GONGKAI_FUZZ_H
#define GONGKAI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* A NUL-terminated copy of the input; caller frees. */
static __attribute__((unused)) char *
fz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Fails loudly: libFuzzer records the input as a crash. */
#define FZ_ASSERT(c) do { if (!(c)) { \
	fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/* A private temporary folder for targets that read files; made once per process. */
static __attribute__((unused)) const char *
fz_tmpdir(void)
{
	static char dir[64];

	if (dir[0] == '\0') {
		const char *t = getenv("TMPDIR");
		snprintf(dir, sizeof dir, "%s/gkfuzz.XXXXXX", t && strlen(t) < 40 ? t : "/tmp");
		if (mkdtemp(dir) == NULL)
			abort();
	}
	return dir;
}

static __attribute__((unused)) void
fz_write(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
}

static int
fz_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive search for needle in s[0..n). */
static __attribute__((unused)) const char *
fz_memcasestr(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	for (size_t i = 0; m <= n && i <= n - m; i++) {
		size_t j = 0;
		while (j < m && fz_lower(s[i + j]) == fz_lower(needle[j]))
			j++;
		if (j == m)
			return s + i;
	}
	return NULL;
}

#endif
