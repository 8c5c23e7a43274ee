/*
 * util.c's string builder and hashes: sb_printf formats into the buffer
 * once when the piece fits and again when it does not; sb_putu is the
 * decimal writer of hot loops (QR codes); hash_bytes is the fast hash of
 * cache keys and source checks; utf8_valid checks every source file and
 * sb_html escapes every value a page prints.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
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

/* The formats sb_vprintf writes itself (plain_format) come out as libc writes them. */
static void
test_printf_plain(void)
{
	const char *volatile nul = NULL;	/* hidden from -Wformat-overflow */
	char want[256];
	struct sb b;

	sb_init(&b);
	sb_printf(&b, "%s/%s|%d|%d|%u|%zu|%lld|%lld|%llu|%%|%d", "甲", "", INT_MIN, INT_MAX, UINT_MAX,
	    (size_t)-1, LLONG_MIN, LLONG_MAX, ULLONG_MAX, 0);
	snprintf(want, sizeof want, "%s/%s|%d|%d|%u|%zu|%lld|%lld|%llu|%%|%d", "甲", "", INT_MIN, INT_MAX, UINT_MAX,
	    (size_t)-1, LLONG_MIN, LLONG_MAX, ULLONG_MAX, 0);
	CHECK_STR("sb_printf plain: as snprintf", b.buf, want);
	sb_free(&b);
	sb_printf(&b, "%ld|%ld|%lu|%016lx|%016lx|%016" PRIx64 " %" PRIu64, LONG_MIN, 7L, ULONG_MAX, 0UL, 0xabcUL,
	    UINT64_MAX, (uint64_t)42);
	snprintf(want, sizeof want, "%ld|%ld|%lu|%016lx|%016lx|%016" PRIx64 " %" PRIu64, LONG_MIN, 7L, ULONG_MAX, 0UL,
	    0xabcUL, UINT64_MAX, (uint64_t)42);
	CHECK_STR("sb_printf plain: longs and 64-bit hashes as snprintf", b.buf, want);
	sb_free(&b);
	sb_printf(&b, "[%s]", nul);
	snprintf(want, sizeof want, "[%s]", nul);
	CHECK_STR("sb_printf plain: NULL string as glibc", b.buf, want);
	sb_free(&b);
	sb_printf(&b, "%s", "");
	CHECK("sb_printf plain: empty result is a string", b.buf != NULL && b.len == 0 && b.buf[0] == '\0');
	sb_free(&b);
	sb_printf(&b, "a%%%sb", "x");
	CHECK_STR("sb_printf plain: %% between", b.buf, "a%xb");
	sb_free(&b);
	/* a flag, width or other conversion goes to libc */
	sb_printf(&b, "%5d|%-3s|%x|%.1f|%02u", 42, "a", 255u, 1.25, 7u);
	CHECK_STR("sb_printf: the rest through libc", b.buf, "   42|a  |ff|1.2|07");
	sb_free(&b);
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

/* Each bound of each length, valid and one past it: the offset of the first bad byte. */
static void
test_utf8_valid(void)
{
	static const struct { const char *s; size_t want; } t[] = {
		{ "abc", 3 }, { "", 0 },
		{ "\xc2\x80", 2 }, { "\xdf\xbf", 2 }, { "\xc1\xbf", 0 }, { "\xc2", 0 }, { "\xc2" "A", 0 },
		{ "\xe0\xa0\x80", 3 }, { "\xe0\x9f\xbf", 0 },			/* overlong */
		{ "\xed\x9f\xbf", 3 }, { "\xed\xa0\x80", 0 },			/* surrogate */
		{ "\xef\xbf\xbf", 3 }, { "\xe4\xb8", 0 }, { "\xe4\xb8" "A", 0 },
		{ "\xf0\x90\x80\x80", 4 }, { "\xf0\x8f\xbf\xbf", 0 },		/* overlong */
		{ "\xf4\x8f\xbf\xbf", 4 }, { "\xf4\x90\x80\x80", 0 },		/* above U+10FFFF */
		{ "\xf5\x80\x80\x80", 0 }, { "\xf0\x90\x80", 0 }, { "\x80", 0 }, { "\xff", 0 },
		{ "甲乙a\xe4\xb8", 7 }, { "a\xed\xa0\x80" "b", 1 },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char name[64];

		snprintf(name, sizeof name, "utf8_valid case %zu", i);
		CHECK_INT(name, utf8_valid(t[i].s, strlen(t[i].s)), t[i].want);
	}
	CHECK_INT("utf8_valid: a NUL is bad", utf8_valid("ab\0c", 4), 2);
	CHECK_INT("utf8_valid: n cuts a character", utf8_valid("甲乙", 4), 3);
}

/* The five marks escaped wherever they stand, the rest copied; only s[0..n) is taken. */
static void
test_html(void)
{
	struct sb b;

	sb_init(&b);
	sb_html(&b, "甲<b>&\"乙\'", strlen("甲<b>&\"乙\'"));
	CHECK_STR("sb_html: all five marks", b.buf, "甲&lt;b&gt;&amp;&quot;乙&#39;");
	sb_free(&b);
	sb_html(&b, "<<", 2);
	CHECK_STR("sb_html: marks side by side", b.buf, "&lt;&lt;");
	sb_free(&b);
	sb_html(&b, "", 0);
	CHECK_STR("sb_html: empty", sb_str(&b), "");
	sb_html(&b, "a<b>c", 3);
	CHECK_STR("sb_html: n cuts the string", b.buf, "a&lt;b");
	sb_free(&b);
	sb_html(&b, "a\0<", 3);
	CHECK_INT("sb_html: a NUL before n is copied", b.len, 6);
	CHECK("sb_html: and the mark after it escaped", memcmp(b.buf, "a\0&lt;", 6) == 0);
	sb_free(&b);
}

int
main(void)
{
	test_printf();
	test_printf_plain();
	test_putu();
	test_hash();
	test_utf8_valid();
	test_html();
	return t_done();
}
