/*
 * util.c's string builder and hashes: sb_printf formats into the buffer
 * once when the piece fits and again when it does not; sb_putu is the
 * decimal writer of hot loops (QR codes); hash_bytes is the fast hash of
 * cache keys and source checks.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util.h"

static void
test_printf(void)
{
	struct sb b;
	char *s, want[1200];

	sb_init(&b);
	sb_printf(&b, "%s-%d", "甲", 42);
	CHECK_STR("sb_printf: short piece", b.buf, "甲-42");
	sb_printf(&b, "%0*d", 200, 7);	/* longer than the room left: formatted twice */
	CHECK_INT("sb_printf: long piece appended whole", b.len, strlen("甲-42") + 200);
	CHECK("sb_printf: long piece ends right", b.buf[b.len - 1] == '7' && b.buf[b.len] == '\0');
	CHECK("sb_printf: earlier text kept", strncmp(b.buf, "甲-42000", 9) == 0);
	sb_free(&b);
	memset(want, 'x', sizeof want - 1);
	want[sizeof want - 1] = '\0';
	s = xasprintf("%s", want);
	CHECK_STR("xasprintf: 1,199 bytes", s, want);
	free(s);
	s = xasprintf("%s", "");
	CHECK_STR("xasprintf: empty", s, "");
	free(s);
}

static void
test_putu(void)
{
	struct sb b;
	char want[32];

	sb_init(&b);
	sb_putu(&b, 0);
	sb_putc(&b, ' ');
	sb_putu(&b, 7);
	sb_putc(&b, ' ');
	sb_putu(&b, 1234567890);
	CHECK_STR("sb_putu: 0, 7, 1234567890", b.buf, "0 7 1234567890");
	b.len = 0;
	sb_putu(&b, ULLONG_MAX);
	snprintf(want, sizeof want, "%llu", ULLONG_MAX);
	CHECK_STR("sb_putu: the largest value", b.buf, want);
	sb_free(&b);
}

static void
test_hash(void)
{
	const char *a = "村务公开 2025 第三季度", *b = "村务公开 2025 第三季度!";

	CHECK("hash_bytes: same bytes, same hash", hash_bytes(0, a, strlen(a)) == hash_bytes(0, a, strlen(a)));
	CHECK("hash_bytes: one more byte differs", hash_bytes(0, a, strlen(a)) != hash_bytes(0, b, strlen(b)));
	CHECK("hash_bytes: the tail under 8 bytes counts", hash_bytes(0, "abcdefghi", 9) != hash_bytes(0, "abcdefghj", 9));
	CHECK("hash_bytes: length counts (trailing NUL)", hash_bytes(0, "ab\0", 3) != hash_bytes(0, "ab", 2));
	CHECK("hash_bytes: the seed counts", hash_bytes(1, a, strlen(a)) != hash_bytes(2, a, strlen(a)));
	CHECK("hash64 unchanged (tag addresses depend on it)", hash64("a", 1, 0) == 0xaf63dc4c8601ec8cULL);
}

int
main(void)
{
	test_printf();
	test_putu();
	test_hash();
	return t_done();
}
