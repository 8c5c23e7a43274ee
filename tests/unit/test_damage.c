/*
 * damage.c: the signs of a wrong encoding conversion, shared by import and
 * check (rule damaged-text): where the first sign is, in characters, and
 * what does not count.
 */
#include <string.h>

#include "damage.h"
#include "harness.h"

/* The column of the first sign in s, 0 when none; its sign and count in *h. */
static int
first(const char *s, struct damage_hit *h)
{
	memset(h, 0, sizeof *h);
	return damage_line(s, strlen(s), h) ? h->col : 0;
}

int
main(void)
{
	struct damage_hit h;
	char buf[64];

	CHECK_INT("a run of ? after Chinese text", first("支出明细???。", &h), 5);
	CHECK("a run: its sign and length", h.sign == DAMAGE_RUN && h.count == 3);
	CHECK_STR("a run in words", damage_describe(&h, buf), "3 '?' in a row");
	CHECK_INT("a run of ? before Chinese text", first("ab ????村", &h), 4);
	CHECK_INT("U+FFFD anywhere, even in Latin text", first("abc\xef\xbf\xbd\xef\xbf\xbd", &h), 4);
	CHECK("U+FFFD: its sign and count", h.sign == DAMAGE_FFFD && h.count == 2);
	CHECK_STR("U+FFFD in words", damage_describe(&h, buf), "2 U+FFFD replacement characters in a row");
	CHECK_INT("stray ? between Chinese characters, at the first", first("村?民?反?映", &h), 2);
	CHECK("stray: sign and count", h.sign == DAMAGE_STRAY && h.count == 3);
	CHECK_INT("short runs count as stray", first("支出??明细?见?附表", &h), 3);
	CHECK_INT("two stray ? are the writer's", first("这是?两个?问号", &h), 0);
	CHECK_INT("??? in Latin text is no sign", first("note: what??? 不算", &h), 0);
	CHECK_INT("full-width ？ is no sign", first("什么时候发？？？", &h), 0);
	CHECK_INT("a URL's query is no sign", first("见 https://a.cn/?q=1 页面", &h), 0);
	CHECK_INT("only the line given is read", damage_line("村???", 3, &h), 0);
	CHECK("a quick look: ? or U+FFFD", damage_may_hold("a?b", 3) && damage_may_hold("x\xef\xbf\xbd", 4) &&
	    !damage_may_hold("村务公开。", strlen("村务公开。")) && !damage_may_hold("\xef\xbf", 2));
	return t_done();
}
