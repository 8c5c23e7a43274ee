/* Privacy: finding and masking 身份证号, mobile and bank card numbers. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "privacy.h"

/* The GB 11643 check character of 17 digits, computed independently of privacy.c. */
static char
id_check(const char *d17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (d17[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

static int
luhn(const char *d)
{
	size_t n = strlen(d);
	int sum = 0;

	for (size_t i = 0; i < n; i++) {
		int v = d[n - 1 - i] - '0';

		if (i % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0;
}

/* Builds an ID from 17 digits and its check character; buf holds 19 bytes. */
static char *
make_id(const char *d17, char *buf)
{
	memcpy(buf, d17, 17);
	buf[17] = id_check(d17);
	buf[18] = '\0';
	return buf;
}

/* Inputs with hits that the quick look (privacy_may_hold) passed as clean: must stay 0. */
static int prefilter_missed, prefilter_seen;

/* Scans s; returns the number of hits and the first hit's kind in *kind (-1 when none). */
static size_t
scan1(const char *s, int *kind)
{
	struct pii_hit *h = NULL;
	size_t n = privacy_scan(s, strlen(s), NULL, 0, &h);

	*kind = n > 0 ? (int)h[0].kind : -1;
	if (n > 0) {
		prefilter_seen++;
		if (!privacy_may_hold(s, strlen(s)))
			prefilter_missed++;
	}
	free(h);
	return n;
}

/*
 * Masks s with no allow-list; the result stays valid until the next call
 * (masked(NULL) frees it).
 */
static const char *
masked(const char *s)
{
	static char *last;
	size_t len, nf;

	free(last);
	last = NULL;
	if (s == NULL)
		return NULL;
	last = privacy_mask_all(s, strlen(s), NULL, 0, &len, &nf);
	if (nf > 0) {
		prefilter_seen++;
		if (!privacy_may_hold(s, strlen(s)))
			prefilter_missed++;
	}
	if (last == NULL)
		last = strdup(s);
	return last;
}

static void
test_id18(void)
{
	char id[19], bad[19];
	int kind;
	struct pii_hit *h = NULL;
	size_t n;

	CHECK_INT("id18 well-known sample found", scan1("11010519491231002X", &kind), 1);
	CHECK_INT("id18 sample kind", kind, PII_ID18);
	CHECK_STR("id18 sample masked", masked("11010519491231002X"), "1101**********002X");
	CHECK_INT("id18 lower-case x", scan1("11010519491231002x", &kind), 1);
	CHECK_INT("id18 lower-case x kind", kind, PII_ID18);

	make_id("53010219900307123", id);
	CHECK_INT("id18 computed check digit found", scan1(id, &kind), 1);
	CHECK_INT("id18 computed kind", kind, PII_ID18);
	CHECK_STR("id18 computed masked 4+10+4", masked(id), "5301**********1238");

	/* Every wrong check character that is not Luhn-valid either gives no hit. */
	int wrong_ok = 1;
	strcpy(bad, id);
	for (const char *c = "0123456789"; *c; c++) {
		if (*c == id[17])
			continue;
		bad[17] = *c;
		n = scan1(bad, &kind);
		if (kind == PII_ID18 || (n != 0 && !luhn(bad)))
			wrong_ok = 0;
	}
	CHECK("id18 wrong check digit is not an ID", wrong_ok);

	/* 440524188001010014: the check digit fits, but 1880 is no birth year. */
	CHECK_INT("id18 year 1880 refused (Luhn makes it a card)", scan1("440524188001010014", &kind), 1);
	CHECK_INT("id18 year 1880 kind is bank", kind, PII_BANK);
	make_id("11010520250230123", id);
	CHECK_INT("id18 Feb 30 refused", (scan1(id, &kind), kind == PII_ID18), 0);

	/* A 19-digit run holding an ID is not an ID (a non-Luhn tail digit). */
	char run19[20];
	make_id("53010219900307123", id);
	memcpy(run19, id, 18);
	run19[19] = '\0';
	for (char c = '0'; c <= '9'; c++) {
		run19[18] = c;
		if (!luhn(run19))
			break;
	}
	CHECK_INT("19-digit run containing an ID: no hit", scan1(run19, &kind), 0);
	run19[0] = '9';
	memcpy(run19 + 1, id, 18);
	CHECK("digit before an ID: not an ID", (scan1(run19, &kind), kind != PII_ID18));

	/* The X must not be followed by a digit either. */
	CHECK("X then digit: not an ID", (scan1("11010519491231002X5", &kind), kind != PII_ID18));
	CHECK_INT("letters around an ID are boundaries", scan1("ID11010519491231002Xabc", &kind), 1);

	/* A number that is a valid ID and passes Luhn is an ID. */
	char d17[18] = "110105194912310";
	int found = 0;
	for (int seq = 0; seq < 100 && !found; seq++) {
		d17[15] = (char)('0' + seq / 10);
		d17[16] = (char)('0' + seq % 10);
		make_id(d17, id);
		if (id[17] != 'X' && luhn(id))
			found = 1;
	}
	CHECK("found an ID that also passes Luhn", found);
	CHECK_INT("ID and Luhn: reported as ID", (scan1(id, &kind), kind), PII_ID18);

	n = privacy_scan("身份证：11010519491231002X。", strlen("身份证：11010519491231002X。"), NULL, 0, &h);
	CHECK_INT("id18 in text: one hit", n, 1);
	CHECK_INT("id18 in text: offset after 身份证：", n ? h[0].off : 0, 12);
	CHECK_INT("id18 in text: length includes X", n ? h[0].len : 0, 18);
	free(h);
}

static void
test_id15(void)
{
	int kind;

	CHECK_INT("id15 found", scan1("110105491231002", &kind), 1);
	CHECK_INT("id15 kind", kind, PII_ID15);
	CHECK_STR("id15 masked 4+7+4", masked("110105491231002"), "1101*******1002");
	CHECK_INT("id15 month 13 refused", scan1("110105491331002", &kind), 0);
	CHECK_INT("id15 leading 0 refused", scan1("010105491231002", &kind), 0);
}

static void
test_mobile(void)
{
	int kind;

	CHECK_INT("mobile found", scan1("13812345678", &kind), 1);
	CHECK_INT("mobile kind", kind, PII_MOBILE);
	CHECK_STR("mobile masked", masked("13812345678"), "138****5678");
	CHECK_INT("12812345678 is not a mobile", scan1("12812345678", &kind), 0);
	CHECK_INT("12-digit run is not a mobile", scan1("138123456789", &kind), 0);
	CHECK_INT("10-digit run is not a mobile", scan1("1381234567", &kind), 0);
	CHECK_INT("19x mobile found", scan1("19912345678", &kind), 1);
	CHECK_STR("mobile inside Chinese text", masked("电话13812345678联系"), "电话138****5678联系");
	CHECK_STR("mobile between letters", masked("tel13812345678ext"), "tel138****5678ext");
	CHECK_STR("two mobiles", masked("张三13812345678，李四13987654321"),
	    "张三138****5678，李四139****4321");
	CHECK_STR("mobiles separated by a comma", masked("13812345678,13812345679"),
	    "138****5678,138****5679");
}

static void
test_allow(void)
{
	const char *allow[] = { "0871-6512 3456", "139-8765-4321" };
	struct pii_hit *h = NULL;
	size_t n, len, nf;
	char *m;

	n = privacy_scan("值班电话13987654321", strlen("值班电话13987654321"), allow, 2, &h);
	CHECK_INT("allow-list: separators ignored", n, 0);
	CHECK("allow-list: hits NULL when none", h == NULL);
	n = privacy_scan("值班电话13987654320", strlen("值班电话13987654320"), allow, 2, &h);
	CHECK_INT("allow-list: another number still found", n, 1);
	free(h);
	/* A 12-digit landline matches no pattern; allowed or not it stays. */
	n = privacy_scan("电话087165123456", strlen("电话087165123456"), allow, 2, &h);
	CHECK_INT("allow-list: 087165123456 with 0871-6512 3456 allowed", n, 0);
	n = privacy_scan("电话0871-65123456", strlen("电话0871-65123456"), NULL, 0, &h);
	CHECK_INT("landline is no hit even without allow-list", n, 0);
	m = privacy_mask_all("值班 13987654321 个人 13812345678", strlen("值班 13987654321 个人 13812345678"),
	    allow, 2, &len, &nf);
	CHECK_STR("allow-list: only the personal number masked", m, "值班 13987654321 个人 138****5678");
	CHECK_INT("allow-list: nfound", nf, 1);
	free(m);
}

static void
test_bank(void)
{
	int kind;

	CHECK_INT("bank 16 digits found", scan1("4111111111111111", &kind), 1);
	CHECK_INT("bank 16 kind", kind, PII_BANK);
	CHECK_STR("bank 16 masked", masked("4111111111111111"), "4111********1111");
	CHECK("bank 19 is Luhn-valid", luhn("6222021234567890128"));
	CHECK_INT("bank 19 digits found", scan1("6222021234567890128", &kind), 1);
	CHECK_STR("bank 19 masked", masked("6222021234567890128"), "6222***********0128");
	CHECK_INT("bank bad Luhn: no hit", scan1("4111111111111112", &kind), 0);
	CHECK_INT("bank 20 digits: no hit", scan1("41111111111111111113", &kind), 0);
	CHECK_INT("sixteen zeros: no hit", scan1("0000000000000000", &kind), 0);

	CHECK_STR("bank grouped 16", masked("卡号：4111 1111 1111 1111。"), "卡号：4111 **** **** 1111。");
	CHECK_STR("bank grouped 19", masked("6222 0212 3456 7890 128"), "6222 **** **** ***0 128");
	CHECK_INT("bank grouped bad Luhn", scan1("6222 0212 3456 7890 127", &kind), 0);
	CHECK_INT("bank double space is not a group", scan1("4111  1111 1111 1111", &kind), 0);
	CHECK_STR("bank grouped after a year", masked("2024 4111 1111 1111 1111"), "2024 4111 **** **** 1111");
	CHECK_STR("bank grouped then mobile", masked("4111 1111 1111 1111 13812345678"),
	    "4111 **** **** 1111 138****5678");
}

static void
test_masked_already(void)
{
	const char *s[] = {
		"138****5678", "5301**********123X", "6222 **** **** 1234",
		"1101**********002X", "4111********1111", "电话：138****5678",
	};
	size_t len = 99, nf = 99;

	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		char name[80];
		int kind;

		snprintf(name, sizeof name, "already masked %zu: no hit", i);
		CHECK_INT(name, scan1(s[i], &kind), 0);
	}
	CHECK("mask_all returns NULL when clean", privacy_mask_all("138****5678", 11, NULL, 0, &len, &nf) == NULL);
	CHECK_INT("mask_all clean: nfound 0", nf, 0);
	CHECK_INT("mask_all clean: outlen 0", len, 0);
}

static void
test_fullwidth(void)
{
	const char *s = "电话１３８１２３４５６７８";
	struct pii_hit *h = NULL;
	size_t n = privacy_scan(s, strlen(s), NULL, 0, &h);
	int kind;

	CHECK_INT("full-width mobile found", n, 1);
	CHECK_INT("full-width mobile offset", n ? h[0].off : 0, 6);
	CHECK_INT("full-width mobile byte length", n ? h[0].len : 0, 33);
	free(h);
	CHECK_STR("full-width mobile masked", masked(s), "电话１３８****５６７８");
	CHECK_INT("full-width ID with Ｘ", scan1("１１０１０５１９４９１２３１００２Ｘ", &kind), 1);
	CHECK_INT("full-width ID kind", kind, PII_ID18);
	CHECK_STR("full-width ID masked", masked("１１０１０５１９４９１２３１００２Ｘ"),
	    "１１０１**********００２Ｘ");
	CHECK_STR("mixed-width digits are one run", masked("138１２３４5678"), "138****5678");
	CHECK_INT("full-width digit lengthens a run", scan1("13812345678９", &kind), 0);
}

static void
test_edges(void)
{
	struct pii_hit *h = (struct pii_hit *)&h, hv[2];
	size_t n, len = 99, nf = 99;
	char *m, *big;

	n = privacy_scan("", 0, NULL, 0, &h);
	CHECK_INT("empty: no hit", n, 0);
	CHECK("empty: hits NULL", h == NULL);
	CHECK("empty: mask_all NULL", privacy_mask_all("", 0, NULL, 0, &len, &nf) == NULL);
	m = privacy_mask("", 0, NULL, 0, &len);
	CHECK_STR("empty: mask gives empty string", m, "");
	CHECK_INT("empty: mask length", len, 0);
	free(m);

	/* Not NUL-terminated: only n bytes are read. */
	n = privacy_scan("1381234567899", 11, NULL, 0, &h);
	CHECK_INT("scan stops at n", n, 1);
	free(h);

	/* Overlapping hits are skipped, not double-masked. */
	hv[0] = (struct pii_hit){ 0, 11, PII_MOBILE };
	hv[1] = (struct pii_hit){ 5, 11, PII_MOBILE };
	m = privacy_mask("13812345678", 11, hv, 2, NULL);
	CHECK_STR("overlapping hit skipped", m, "138****5678");
	free(m);

	CHECK_STR("kind name id18", pii_kind_name(PII_ID18), "身份证号");
	CHECK_STR("kind name id15", pii_kind_name(PII_ID15), "身份证号（15位）");
	CHECK_STR("kind name mobile", pii_kind_name(PII_MOBILE), "手机号码");
	CHECK_STR("kind name bank", pii_kind_name(PII_BANK), "银行卡号");

	big = malloc(10001);
	memset(big, '1', 10000);
	big[10000] = '\0';
	n = privacy_scan(big, 10000, NULL, 0, &h);
	CHECK_INT("10,000 digits: one run, no hit", n, 0);
	free(big);
}

/* Large inputs must scan in linear time: a quadratic scanner would take hours here. */
static void
test_linear(void)
{
	size_t unit = strlen("13812345678 "), reps = 100000, n;
	char *s = malloc(unit * reps + 1), *g;
	struct pii_hit *h = NULL;
	clock_t t0 = clock();

	for (size_t i = 0; i < reps; i++)
		memcpy(s + i * unit, "13812345678 ", unit);
	s[unit * reps] = '\0';
	n = privacy_scan(s, unit * reps, NULL, 0, &h);
	CHECK_INT("100,000 mobiles found", n, reps);
	CHECK_INT("last hit offset", n ? h[n - 1].off : 0, unit * (reps - 1));
	free(h);

	/* A long chain of 4-digit groups: each group is tried a bounded number of times. */
	g = malloc(5 * reps + 1);
	for (size_t i = 0; i < reps; i++)
		memcpy(g + 5 * i, "4111 ", 5);
	g[5 * reps] = '\0';
	n = privacy_scan(g, 5 * reps, NULL, 0, &h);
	CHECK("chain of groups scanned", n <= reps / 4);
	free(h);
	CHECK("1 MB scanned in well under 10 s", (double)(clock() - t0) / CLOCKS_PER_SEC < 10.0);
	free(g);
	free(s);
}

int
main(void)
{
	test_id18();
	test_id15();
	test_mobile();
	test_allow();
	test_bank();
	test_masked_already();
	test_fullwidth();
	test_edges();
	test_linear();
	masked(NULL);
	/* output.c and the search index skip privacy_mask_all when the quick look says clean */
	CHECK("privacy_may_hold passes every input with hits above", prefilter_seen >= 30 && prefilter_missed == 0);
	CHECK("privacy_may_hold: text without digits is clean", !privacy_may_hold("村务公开 第三季度", strlen("村务公开 第三季度")));
	CHECK("privacy_may_hold: 10 digits are clean", !privacy_may_hold("1381234567", 10));
	CHECK("privacy_may_hold: a grouped card may hold", privacy_may_hold("6222 0000 1111 2222", 19));
	return t_done();
}
