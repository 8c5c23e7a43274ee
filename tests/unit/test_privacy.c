/*
 * Privacy (issue 15): the detector and masker of privacy.h, read as a
 * reader reads. Every written form of a number with its exact masked text,
 * numbers over several glued pieces, check characters, card rules, the
 * allow list, a list of things that are not numbers of a person, and two
 * properties checked over every input of this file: masking is a fixed
 * point, and privacy_may_hold never calls clean what pii_detect reads.
 *
 * A case marked "regression (a detector bug at 9d80aef)" (or "DETECTOR
 * MISS": a number a reader sees that the detector did not read) failed with
 * the detector of that commit; it stays to keep the bug away.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "privacy.h"
#include "util.h"

/* The flags a text may be read with, for the properties. */
static const unsigned flagsets[] = {
	0, PII_ENTITIES, PII_PERCENT, PII_TAGS, PII_TAGS_BREAK, PII_TEXT,
	PII_TEXT | PII_TAGS, PII_TEXT | PII_TAGS_BREAK,
};
#define NFLAGSETS (sizeof flagsets / sizeof flagsets[0])

/* Every input of this file, for the properties at the end. */
static char **seen;
static size_t *seen_len;
static size_t nseen, cseen;

static void
remember(const char *s, size_t n)
{
	for (size_t i = 0; i < nseen; i++)
		if (seen_len[i] == n && memcmp(seen[i], s, n) == 0)
			return;
	if (nseen == cseen) {
		cseen = cseen ? cseen * 2 : 256;
		seen = xrealloc(seen, cseen * sizeof *seen);
		seen_len = xrealloc(seen_len, cseen * sizeof *seen_len);
	}
	seen[nseen] = xstrndup(s, n);
	seen_len[nseen++] = n;
}

/* The GB 11643 check character of 17 digits, computed apart from privacy.c. */
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

/* pii_detect over s as one piece; free r with pii_result_free. Returns r->nhits. */
static size_t
detect(const char *s, unsigned flags, const struct pii_allow *a, struct pii_result *r)
{
	struct pii_seg seg = { s, strlen(s), flags };

	remember(s, seg.n);
	pii_detect(&seg, 1, a, r);
	return r->nhits;
}

/* Scans s with privacy_scan; returns the number of hits and the first hit's kind in *kind (-1 when none). */
static size_t
scan1(const char *s, int *kind)
{
	struct pii_hit *h = NULL;
	size_t n = privacy_scan(s, strlen(s), NULL, 0, &h);

	remember(s, strlen(s));
	*kind = n > 0 ? (int)h[0].kind : -1;
	free(h);
	return n;
}

/*
 * The text s masked with flags and no allow list (s itself when nothing
 * was found); valid until the next call, masked(NULL, 0) frees it.
 */
static const char *
masked(const char *s, unsigned flags)
{
	static char *last;
	size_t len, nf;

	free(last);
	last = NULL;
	if (s == NULL)
		return NULL;
	remember(s, strlen(s));
	last = pii_mask_text(s, strlen(s), flags, NULL, &len, &nf);
	if (last == NULL)
		last = xstrdup(s);
	return last;
}

/*
 * A link target written out ("](…)") stops at '<' and at "&lt;" alike: the
 * gate reads the text, the net its HTML (fuzz_gate found them apart, the
 * net skipping "](a &lt;)" and reading 1957023102 + 2 as a mobile).
 */
static void
test_mdlink_entities(void)
{
	CHECK_STR("written-out target with '<': no number", masked("[1957023102](a <)2", PII_TEXT),
	    "[1957023102](a <)2");
	CHECK_STR("written-out target with &lt;: no number, as with '<'",
	    masked("[1957023102](a &lt;)2", PII_TEXT), "[1957023102](a &lt;)2");
	CHECK_STR("written-out target without '<': read past it", masked("[1957023102](a b)2", PII_TEXT),
	    "[195****102](a b)2");
}

/*
 * One text and what it must become: want NULL when nothing is found (then
 * pii_mask_text returns NULL and counts nothing).
 */
struct mcase {
	const char	*name;
	const char	*in;
	unsigned	 flags;
	const char	*want;
};

static void
check_cases(const char *group, const struct mcase *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char name[200];
		size_t len = 99, nf = 99;
		char *m;

		remember(c[i].in, strlen(c[i].in));
		m = pii_mask_text(c[i].in, strlen(c[i].in), c[i].flags, NULL, &len, &nf);
		snprintf(name, sizeof name, "%s: %s", group, c[i].name);
		if (c[i].want == NULL) {
			CHECK_STR(name, m ? m : "(nothing found)", "(nothing found)");
			CHECK_INT(name, nf, 0);
		} else {
			CHECK_STR(name, m, c[i].want);
			CHECK_INT(name, len, strlen(c[i].want));
			CHECK(name, nf >= 1);
		}
		free(m);
	}
}

/* Exactly one hit in s, of this kind and check state, shown as `shown`. */
static void
check_hit(const char *name, const char *s, unsigned flags, enum pii_kind kind, int bad,
    const char *shown)
{
	struct pii_result r;
	char n2[200];

	detect(s, flags, NULL, &r);
	CHECK_INT(name, r.nhits, 1);
	if (r.nhits >= 1) {
		snprintf(n2, sizeof n2, "%s: kind", name);
		CHECK_INT(n2, r.hits[0].kind, kind);
		snprintf(n2, sizeof n2, "%s: bad_check", name);
		CHECK_INT(n2, r.hits[0].bad_check, bad);
		if (shown != NULL) {
			snprintf(n2, sizeof n2, "%s: shown", name);
			CHECK_STR(n2, r.hits[0].shown, shown);
		}
	}
	pii_result_free(&r);
}

static void
test_id18(void)
{
	char id[19], bad[19], name[80];
	int kind, all_bad = 1;
	struct pii_hit *h = NULL;
	size_t n;

	CHECK_INT("id18 well-known sample found", scan1("11010519491231002X", &kind), 1);
	CHECK_INT("id18 sample kind", kind, PII_ID18);
	CHECK_STR("id18 sample masked", masked("11010519491231002X", PII_TEXT), "1101**********002X");
	check_hit("id18 sample", "11010519491231002X", PII_TEXT, PII_ID18, 0, "1101**********002X");
	check_hit("id18 lower-case x is a right check", "11010519491231002x", PII_TEXT, PII_ID18, 0,
	    "1101**********002X");
	CHECK_STR("id18 lower-case x kept as written", masked("11010519491231002x", PII_TEXT),
	    "1101**********002x");
	check_hit("id18 full-width Ｘ", "11010519491231002Ｘ", PII_TEXT, PII_ID18, 0, "1101**********002X");

	make_id("53010219900307123", id);
	CHECK_INT("id18 computed check digit is 8", id[17], '8');
	check_hit("id18 computed", id, PII_TEXT, PII_ID18, 0, "5301**********1238");
	CHECK_STR("id18 computed masked 4+10+4", masked(id, PII_TEXT), "5301**********1238");

	/* A wrong check character is a mistyped ID: masked all the same, and said so. */
	strcpy(bad, id);
	for (const char *c = "0123456790Xx"; *c; c++) {
		struct pii_result r;

		if (*c == id[17])
			continue;
		bad[17] = *c;
		detect(bad, PII_TEXT, NULL, &r);
		if (r.nhits != 1 || r.hits[0].kind != PII_ID18 || !r.hits[0].bad_check)
			all_bad = 0;
		pii_result_free(&r);
		snprintf(name, sizeof name, "id18 wrong check %c masked", *c);
		{
			char want[19] = "5301**********123";

			want[17] = *c;
			want[18] = '\0';
			CHECK_STR(name, masked(bad, PII_TEXT), want);
		}
	}
	CHECK("id18 every wrong check character: an ID with bad_check", all_bad);
	check_hit("id18 wrong check digit", "110105194912310021", PII_TEXT, PII_ID18, 1, "1101**********0021");
	check_hit("id18 X where a digit belongs", "11010519491231003X", PII_TEXT, PII_ID18, 1,
	    "1101**********003X");
	check_hit("id18 x where a digit belongs", "11010519491231003x", PII_TEXT, PII_ID18, 1,
	    "1101**********003X");
	CHECK("id18 11010519491231003: its check is not X", id_check("11010519491231003") != 'X');

	/*
	 * 440524188001010014: the check digit fits, but 1880 is no birth year.
	 * It passes Luhn, but an 18-digit run needs a card prefix or a card word
	 * to be a card (an all-digit 统一社会信用代码 passes Luhn one time in ten).
	 */
	CHECK("440524188001010014 passes Luhn", luhn("440524188001010014"));
	{
		struct pii_result r0;

		detect("440524188001010014", PII_TEXT, NULL, &r0);
		CHECK_INT("id18 year 1880 refused, and no card either", r0.nhits, 0);
		pii_result_free(&r0);
	}
	make_id("11010520250230123", id);
	CHECK("id18 Feb 30 refused", (scan1(id, &kind), kind != PII_ID18));
	CHECK("id18 month 13 refused", (scan1("11010519491331002X", &kind), kind != PII_ID18));
	CHECK("id18 province 99 refused", (scan1("99010519491231002X", &kind), kind != PII_ID18));

	/* A 19-digit run holding an ID is not an ID (a non-Luhn tail digit, no card prefix). */
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
	CHECK_STR("letters around an ID: masked", masked("ID11010519491231002Xabc", PII_TEXT),
	    "ID1101**********002Xabc");

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
	CHECK_INT("id18 in text: piece 0", n ? h[0].seg : 9, 0);
	free(h);
}

static void
test_id15(void)
{
	int kind;

	CHECK_INT("id15 found", scan1("110105491231002", &kind), 1);
	CHECK_INT("id15 kind", kind, PII_ID15);
	CHECK_STR("id15 masked 4+7+4", masked("110105491231002", PII_TEXT), "1101*******1002");
	check_hit("id15 hit", "110105491231002", PII_TEXT, PII_ID15, 0, "1101*******1002");
	CHECK_STR("id15 grouped 6-6-3", masked("110105 491231 002", PII_TEXT), "1101** *****1 002");
	CHECK_INT("id15 month 13 refused", scan1("110105491331002", &kind), 0);
	CHECK_INT("id15 leading 0 refused", scan1("010105491231002", &kind), 0);
}

static void
test_mobile(void)
{
	int kind;

	CHECK_INT("mobile found", scan1("13812345678", &kind), 1);
	CHECK_INT("mobile kind", kind, PII_MOBILE);
	CHECK_STR("mobile masked", masked("13812345678", PII_TEXT), "138****5678");
	check_hit("mobile hit", "13812345678", PII_TEXT, PII_MOBILE, 0, "138****5678");
	CHECK_INT("12812345678 is not a mobile", scan1("12812345678", &kind), 0);
	CHECK_INT("12-digit run is not a mobile", scan1("138123456789", &kind), 0);
	CHECK_INT("10-digit run is not a mobile", scan1("1381234567", &kind), 0);
	CHECK_INT("19x mobile found", scan1("19912345678", &kind), 1);
	CHECK_STR("mobile inside Chinese text", masked("电话13812345678联系", PII_TEXT), "电话138****5678联系");
	CHECK_STR("mobile between letters", masked("tel13812345678ext", PII_TEXT), "tel138****5678ext");
	CHECK_STR("two mobiles", masked("张三13812345678，李四13987654321", PII_TEXT),
	    "张三138****5678，李四139****4321");
	CHECK_STR("mobiles separated by a comma", masked("13812345678,13812345679", PII_TEXT),
	    "138****5678,138****5679");
	CHECK_STR("mobile grouped 4-4-3", masked("1395 7023 102", PII_TEXT), "139* ***3 102");
}

/* Each written form of one mobile (and of an ID, a card), with its exact masked text. */
static void
test_forms(void)
{
	static const struct mcase c[] = {
		{ "plain", "13957023102", PII_TEXT, "139****3102" },
		{ "spaced 3-4-4", "139 5702 3102", PII_TEXT, "139 **** 3102" },
		{ "hyphenated", "139-5702-3102", PII_TEXT, "139-****-3102" },
		{ "spaced dashes", "139 - 5702 - 3102", PII_TEXT, "139 - **** - 3102" },
		{ "four separators: two numbers' worth, no number", "139 -- 5702 -- 3102", PII_TEXT, NULL },
		/* a page shows a run of white space as one space: "139 -  5702" reads as "139 - 5702" */
		{ "a run of white space is one separator", "139    5702    3102", PII_TEXT, "139    ****    3102" },
		{ "white space of mixed kinds, one run", "139 \u00a0\u3000 5702 -  3102", PII_TEXT, "139 \u00a0\u3000 **** -  3102" },
		{ "first digit typed apart", "电话 1 3957023102", PII_TEXT, "电话 1 39****3102" },
		{ "last digit typed apart", "电话 1395702310 2", PII_TEXT, "电话 139****310 2" },
		{ "a count beside a short number: no number", "第 1 139570 号", PII_TEXT, NULL },
		{ "slashes", "电话 139/5702/3102", PII_TEXT, "电话 139/****/3102" },
		{ "full-width slashes", "电话 139／5702／3102", PII_TEXT, "电话 139／****／3102" },
		{ "two mobiles split by a slash", "13957023102/13812345678", PII_TEXT, "139****3102/138****5678" },
		{ "dates between slashes: no number", "2024/06/12 2025/01/05", PII_TEXT, NULL },
		{ "counts between slashes: no number", "同意/反对/弃权 135/2/0，户数/人口 216/826", PII_TEXT, NULL },
		{ "one digit at a time between dots", "电话 1.3.9.5.7.0.2.3.1.0.2", PII_TEXT, "电话 1.3.9.*.*.*.*.3.1.0.2" },
		{ "an amount's fen after one-digit groups and dots: no number", "1.3.9.5.7.0.2.3.1.02", PII_TEXT, NULL },
		/* the quick look (privacy_may_hold) skipped U+2000..U+2FFF, where these digits are */
		{ "circled digits", "电话：①③⑨⑤⑦⓪②③①⓪②", PII_TEXT, "电话：①③⑨****③①⓪②" },
		{ "circled digits after blocks of curly quotes", "“村务公开”“村务公开”“村务公开”电话：①③⑨⑤⑦⓪②③①⓪②",
		    PII_TEXT, "“村务公开”“村务公开”“村务公开”电话：①③⑨****③①⓪②" },
		{ "subscript digits", "电话 ₁₃₉₅₇₀₂₃₁₀₂", PII_TEXT, "电话 ₁₃₉****₃₁₀₂" },
		{ "dingbat circled digits", "电话 ➀➂➈➄➆➇➁➂➀➈➁", PII_TEXT, "电话 ➀➂➈****➂➀➈➁" },
		{ "en dash", "139–5702–3102", PII_TEXT, "139–****–3102" },
		{ "full-width hyphen", "139－5702－3102", PII_TEXT, "139－****－3102" },
		{ "full-width digits", "１３９５７０２３１０２", PII_TEXT, "１３９****３１０２" },
		{ "full-width digits and hyphens", "１３９－５７０２－３１０２", PII_TEXT, "１３９－****－３１０２" },
		{ "mixed widths", "138１２３４5678", PII_TEXT, "138****5678" },
		{ "ideographic space U+3000", "139\u30005702\u30003102", PII_TEXT, "139\u3000****\u30003102" },
		{ "no-break space U+00A0", "139\u00a05702\u00a03102", PII_TEXT, "139\u00a0****\u00a03102" },
		{ "tab", "139\t5702\t3102", PII_TEXT, "139\t****\t3102" },
		{ "dots", "139.5702.3102", PII_TEXT, "139.****.3102" },
		{ "full-width dots", "139．5702．3102", PII_TEXT, "139．****．3102" },
		{ "brackets", "(139)5702-3102", PII_TEXT, "(139)****-3102" },
		{ "full-width brackets", "（139）5702-3102", PII_TEXT, "（139）****-3102" },
		{ "square brackets", "[139] 5702 3102", PII_TEXT, "[139] **** 3102" },
		{ "Markdown marks left in text", "139**5702**3102", PII_TEXT, "139********3102" },
		{ "underscores", "139_5702_3102", PII_TEXT, "139_****_3102" },
		{ "tildes", "139~5702~3102", PII_TEXT, "139~****~3102" },
		{ "backticks", "139`5702`3102", PII_TEXT, "139`****`3102" },
		{ "ZWSP inside", "139\u200b57023102", PII_TEXT, "139\u200b****3102" },
		{ "soft hyphen inside", "1395\u00ad7023102", PII_TEXT, "139*\u00ad***3102" },
		{ "word joiner inside", "13957\u2060023102", PII_TEXT, "139**\u2060**3102" },
		{ "BOM before", "\ufeff13957023102", PII_TEXT, "\ufeff139****3102" },
		{ "bidi marks inside", "139\u200e5702\u202e3102", PII_TEXT, "139\u200e****\u202e3102" },
		{ "line break inside", "139\n5702\n3102", PII_TEXT, "139\n****\n3102" },
		{ "CRLF inside", "电话：139\r\n5702\r\n3102", PII_TEXT, "电话：139\r\n****\r\n3102" },
		{ "+86", "+86 139 5702 3102", PII_TEXT, "+86 139 **** 3102" },
		{ "+86 glued", "+8613957023102", PII_TEXT, "+86139****3102" },
		{ "0086", "0086-13957023102", PII_TEXT, "0086-139****3102" },
		{ "0086 spaced", "0086 139 5702 3102", PII_TEXT, "0086 139 **** 3102" },
		{ "Arabic-Indic digits", "١٣٩٥٧٠٢٣١٠٢", PII_TEXT, "١٣٩****٣١٠٢" },
		{ "Devanagari digits", "१३९५७०२३१०२", PII_TEXT, "१३९****३१०२" },
		{ "mathematical bold digits", "𝟏𝟑𝟗𝟓𝟕𝟎𝟐𝟑𝟏𝟎𝟐", PII_TEXT, "𝟏𝟑𝟗****𝟑𝟏𝟎𝟐" },
		/* DETECTOR MISS: U+20E3 (enclosing keycap) is no separator, so a reader's 1️⃣3️⃣9️⃣… is not read */
		{ "keycap digits",
		    "1\ufe0f\u20e33\ufe0f\u20e39\ufe0f\u20e35\ufe0f\u20e37\ufe0f\u20e30\ufe0f\u20e32\ufe0f\u20e3"
		    "3\ufe0f\u20e31\ufe0f\u20e30\ufe0f\u20e32\ufe0f\u20e3", PII_TEXT,
		    "1\ufe0f\u20e33\ufe0f\u20e39\ufe0f\u20e3*\ufe0f\u20e3*\ufe0f\u20e3*\ufe0f\u20e3*\ufe0f\u20e3"
		    "3\ufe0f\u20e31\ufe0f\u20e30\ufe0f\u20e32\ufe0f\u20e3" },
		{ "decimal entity", "电话&#49;3957023102", PII_ENTITIES, "电话&#49;39****3102" },
		{ "entities in the hidden part", "139&#53;&#x37;023102", PII_ENTITIES, "139****3102" },
		{ "hex entities, and one without ';'", "&#x31;&#51;9&#53 702&#x33;102", PII_ENTITIES, "&#x31;&#51;9* ***&#x33;102" },
		{ "an entity without ';' takes every digit", "139&#53702 3102", PII_ENTITIES, NULL },
		{ "&nbsp; as a separator", "139&nbsp;5702&nbsp;3102", PII_ENTITIES, "139&nbsp;****&nbsp;3102" },
		{ "entity without PII_ENTITIES: no number", "电话&#49;3957023102", 0, NULL },
		{ "percent-encoded", "tel:%31%33%39%35%37%30%32%33%31%30%32", PII_PERCENT,
		    "tel:%31%33%39****%33%31%30%32" },
		{ "percent-encoded +86 and spaces", "tel:%2B86%20139%205702%203102", PII_PERCENT,
		    "tel:%2B86%20139%20****%203102" },
		{ "percent-encoded ZWSP", "?id=139%E2%80%8B57023102", PII_PERCENT, "?id=139%E2%80%8B****3102" },
		{ "percent without PII_PERCENT: no number", "tel:%31%33%39%35%37%30%32%33%31%30%32", 0, NULL },
		{ "tags", "139<b>5702</b>3102", PII_TAGS, "139<b>****</b>3102" },
		{ "tag with digits in it", "139<span class=\"c12\">5702</span>3102", PII_TAGS,
		    "139<span class=\"c12\">****</span>3102" },
		{ "comment", "139<!-- 0000 -->57023102", PII_TAGS, "139<!-- 0000 -->****3102" },
		{ "tags without PII_TAGS: no number", "139<b>5702</b>3102", 0, NULL },
		{ "tags with PII_TAGS_BREAK: no number", "139<b>5702</b>3102", PII_TAGS_BREAK, NULL },
		{ "a lone < is no tag", "139 < 5702 3102", PII_TAGS, NULL },
		{ "ID 6-8-4", "110105 19491231 002X", PII_TEXT, "1101** ******** 002X" },
		{ "ID hyphenated", "110105-19491231-002X", PII_TEXT, "1101**-********-002X" },
		{ "ID full-width", "１１０１０５１９４９１２３１００２Ｘ", PII_TEXT, "１１０１**********００２Ｘ" },
		{ "ID with a line break", "身份证号：110105\n19491231002X", PII_TEXT, "身份证号：1101**\n********002X" },
		{ "card 4-4-4-4", "卡号：4111 1111 1111 1111。", PII_TEXT, "卡号：4111 **** **** 1111。" },
		{ "card 4-4-4-4-3", "6222 0212 3456 7890 128", PII_TEXT, "6222 **** **** ***0 128" },
		{ "card, two spaces between groups", "4111  1111 1111 1111", PII_TEXT, "4111  **** **** 1111" },
		{ "card, hyphens", "6222-0212-3456-7890-128", PII_TEXT, "6222-****-****-***0-128" },
		{ "card full-width", "６２２２０２１２３４５６７８９０１２８", PII_TEXT, "６２２２***********０１２８" },
		{ "card after a year", "2024 4111 1111 1111 1111", PII_TEXT, "2024 4111 **** **** 1111" },
		{ "card then mobile", "4111 1111 1111 1111 13812345678", PII_TEXT, "4111 **** **** 1111 138****5678" },
	};
	/* regression (a detector bug at 6197486): a number written one digit at a time, or with its X apart, was not read */
	static const struct mcase apart[] = {
		{ "mobile digit by digit", "1 3 9 5 7 0 2 3 1 0 2", PII_TEXT, "1 3 9 * * * * 3 1 0 2" },
		{ "mobile digit by digit, two spaces", "1  3  9  5  7  0  2  3  1  0  2", PII_TEXT,
		    "1  3  9  *  *  *  *  3  1  0  2" },
		{ "mobile digit by digit, hyphens", "1-3-9-5-7-0-2-3-1-0-2", PII_TEXT, "1-3-9-*-*-*-*-3-1-0-2" },
		{ "mobile digit by digit, ideographic spaces", "1\u30003\u30009\u30005\u30007\u30000\u30002\u30003\u30001\u30000\u30002",
		    PII_TEXT, "1\u30003\u30009\u3000*\u3000*\u3000*\u3000*\u30003\u30001\u30000\u30002" },
		{ "mobile digit by digit, no-break spaces", "1\u00a03\u00a09\u00a05\u00a07\u00a00\u00a02\u00a03\u00a01\u00a00\u00a02",
		    PII_TEXT, "1\u00a03\u00a09\u00a0*\u00a0*\u00a0*\u00a0*\u00a03\u00a01\u00a00\u00a02" },
		{ "mobile digit by digit, &nbsp;", "1&nbsp;3&nbsp;9&nbsp;5&nbsp;7&nbsp;0&nbsp;2&nbsp;3&nbsp;1&nbsp;0&nbsp;2",
		    PII_ENTITIES, "1&nbsp;3&nbsp;9&nbsp;*&nbsp;*&nbsp;*&nbsp;*&nbsp;3&nbsp;1&nbsp;0&nbsp;2" },
		{ "mobile digit by digit, full-width digits", "１ ３ ９ ５ ７ ０ ２ ３ １ ０ ２", PII_TEXT,
		    "１ ３ ９ * * * * ３ １ ０ ２" },
		{ "mobile digit by digit, mixed widths", "1 ３ 9 ５ 7 0 2 3 1 0 2", PII_TEXT, "1 ３ 9 * * * * 3 1 0 2" },
		{ "mobile digit by digit, a digit after it", "电话 1 3 9 5 7 0 2 3 1 0 2 8", PII_TEXT,
		    "电话 1 3 9 * * * * 3 1 0 2 8" },
		{ "mobile 3-4-3-1", "139 5702 310 2", PII_TEXT, "139 **** 310 2" },
		{ "ID digit by digit", "1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 X", PII_TEXT,
		    "1 1 0 1 * * * * * * * * * * 0 0 2 X" },
		{ "ID, its X apart", "11010519491231002 X", PII_TEXT, "1101**********002 X" },
		{ "ID 6-8-3, its X apart", "110105 19491231 002 X", PII_TEXT, "1101** ******** 002 X" },
		{ "ID 4-4-4-4-2", "1101 0519 4912 3100 2X", PII_TEXT, "1101 **** **** **00 2X" },
		{ "card digit by digit", "6 2 2 2 0 2 1 2 3 4 5 6 7 8 9 0 1 2 8", PII_TEXT,
		    "6 2 2 2 * * * * * * * * * * * 0 1 2 8" },
	};

	/*
	 * regression (a detector bug at 6197486): a run longer than any number was never read,
	 * so a mobile glued to an office number was published whole, and as a tel: link
	 */
	static const struct mcase glued[] = {
		{ "after an office number", "电话：0571888888813957023102", PII_TEXT, "电话：05718888888139****3102" },
		{ "after an office number with its dash", "0571-888888813957023102", PII_TEXT, "0571-8888888139****3102" },
		{ "after an office number of 8 digits", "0871-6361230513957023102", PII_TEXT, "0871-63612305139****3102" },
		{ "before an office number", "139570231020571888888", PII_TEXT, "139****31020571888888" },
		{ "two mobiles", "1395702310213957023103", PII_TEXT, "139****3102139****3103" },
		{ "an office number and a mobile apart", "0571-8888888 13957023102", PII_TEXT, "0571-8888888 139****3102" },
	};

	check_cases("form", c, sizeof c / sizeof c[0]);
	check_cases("form apart", apart, sizeof apart / sizeof apart[0]);
	check_cases("form glued", glued, sizeof glued / sizeof glued[0]);
	check_hit("form apart: ID kind, X kept", "110105 19491231 002 X", PII_TEXT, PII_ID18, 0, "1101**********002X");
	check_hit("form: entity hit", "电话&#49;3957023102", PII_ENTITIES, PII_MOBILE, 0, "139****3102");
	check_hit("form: +86 hit shows the mobile only", "+86 139 5702 3102", PII_TEXT, PII_MOBILE, 0, "139****3102");
	check_hit("form: Devanagari shown in ASCII", "१३९५७०२३१०२", PII_TEXT, PII_MOBILE, 0, "139****3102");

	/* Offsets are bytes of the piece, from the first digit to the last. */
	{
		struct pii_result r;

		detect("电话&#49;3957023102", PII_ENTITIES, NULL, &r);
		CHECK_INT("entity hit: off at the entity", r.nhits ? r.hits[0].off : 0, 6);
		CHECK_INT("entity hit: len to the last digit", r.nhits ? r.hits[0].len : 0, 15);
		pii_result_free(&r);
		detect("+86 139 5702 3102", PII_TEXT, NULL, &r);
		CHECK_INT("+86 hit: off at the mobile", r.nhits ? r.hits[0].off : 0, 4);
		CHECK_INT("+86 hit: len", r.nhits ? r.hits[0].len : 0, 13);
		pii_result_free(&r);
		detect("电话１３８１２３４５６７８", PII_TEXT, NULL, &r);
		CHECK_INT("full-width mobile offset", r.nhits ? r.hits[0].off : 0, 6);
		CHECK_INT("full-width mobile byte length", r.nhits ? r.hits[0].len : 0, 33);
		pii_result_free(&r);
	}
}

/* A number over several pieces, found with PII_GLUE and hidden piece by piece. */
/*
 * A table row of one-digit counts, one cell a piece: the cells are read
 * joined (PII_BLOCK), but one digit a cell is a count, not a number
 * written apart; the same digits in one cell are.
 */
static void
test_glue_cells(void)
{
	static const char *const d[11] = { "1", "3", "9", "5", "7", "0", "2", "3", "1", "0", "2" };
	struct pii_seg row[11], groups[3] = {
		{ "139", 3, PII_TEXT | PII_BLOCK }, { "5702", 4, PII_TEXT | PII_BLOCK }, { "3102", 4, PII_TEXT | PII_BLOCK },
	};
	struct pii_result r;

	for (size_t i = 0; i < 11; i++) {
		row[i].s = d[i];
		row[i].n = 1;
		row[i].flags = PII_TEXT | PII_BLOCK;
	}
	pii_detect(row, 11, NULL, &r);
	CHECK_INT("cells: eleven one-digit cells are counts", r.nhits, 0);
	pii_result_free(&r);
	pii_detect(groups, 3, NULL, &r);
	CHECK_INT("cells: a mobile over three cells is still read", r.nhits, 1);
	pii_result_free(&r);
	CHECK_STR("cells: the same digits in one cell", masked("1 3 9 5 7 0 2 3 1 0 2", PII_TEXT | PII_BLOCK),
	    "1 3 9 * * * * 3 1 0 2");
}

/*
 * A run of white space over glued pieces is one separator, as it is in one
 * piece: the gate reads a soft break ("\n") and the next line's "\v" as two
 * pieces, the output's net reads them in one (fuzz_gate, ninth session).
 */
static void
test_glue_space_run(void)
{
	const char *whole = "1]\n\v[%33353033302";
	struct pii_seg one = { whole, strlen(whole), PII_TEXT };
	struct pii_seg three[3] = {
		{ "1]", 2, PII_TEXT | PII_BLOCK }, { "\n", 1, PII_GLUE }, { "\v[%33353033302", 14, PII_GLUE | PII_TEXT },
	};
	struct pii_seg blocks[2] = { { "139 ", 4, 0 }, { " 5702 3102", 10, PII_BLOCK } };
	struct pii_seg apart[2] = { { "1 ", 2, 0 }, { " 3957023102", 11, 0 } };
	struct pii_result r;

	pii_detect(&one, 1, NULL, &r);
	CHECK_INT("space run: one piece", r.nhits, 1);
	pii_result_free(&r);
	pii_detect(three, 3, NULL, &r);
	CHECK_INT("space run: over glued pieces, as in one", r.nhits, 1);
	pii_result_free(&r);
	pii_detect(blocks, 2, NULL, &r);
	CHECK_INT("space run: two blocks read joined by one space", r.nhits, 1);
	pii_result_free(&r);
	pii_detect(apart, 2, NULL, &r);
	CHECK_INT("space run: pieces not glued stay apart", r.nhits, 0);
	pii_result_free(&r);
}

static void
test_glue(void)
{
	struct pii_seg s[4] = {
		{ "电话1395", 10, 0 }, { "70", 2, PII_GLUE }, { "2 3102。", 9, PII_GLUE }, { "无号码", 9, 0 },
	};
	struct pii_seg id[3] = {
		{ "身份证 110105", 16, 0 }, { "19491231", 8, PII_GLUE }, { "002X", 4, PII_GLUE },
	};
	struct pii_seg apart[2] = { { "13957", 5, 0 }, { "023102", 6, 0 } };
	struct pii_seg tag[3] = { { "139", 3, 0 }, { "<b>", 3, PII_GLUE | PII_TAGS }, { "57023102", 8, PII_GLUE } };
	struct pii_seg url[2] = { { "见", 3, 0 }, { "tel:%31%33%39%35%37%30%32%33%31%30%32", 37, PII_TEXT } };
	struct pii_result r;
	char *m;
	size_t len;

	for (size_t i = 0; i < 4; i++)
		remember(s[i].s, s[i].n);
	pii_detect(s, 4, NULL, &r);
	CHECK_INT("glue: one number over three pieces", r.nhits, 1);
	if (r.nhits == 1) {
		CHECK_INT("glue: kind", r.hits[0].kind, PII_MOBILE);
		CHECK_INT("glue: first digit's piece", r.hits[0].seg, 0);
		CHECK_INT("glue: first digit's offset", r.hits[0].off, 6);
		/* privacy.h: 0 when the number goes on in later pieces */
		CHECK_INT("glue: len is 0 for a number over pieces", r.hits[0].len, 0);
		CHECK_STR("glue: shown", r.hits[0].shown, "139****3102");
	}
	CHECK_INT("glue: four digits hidden", r.nspans, 4);
	m = pii_apply(&r, 0, s[0].s, s[0].n, &len);
	CHECK_STR("glue: piece 0 masked", m, "电话139*");
	CHECK_INT("glue: piece 0 length", len, 10 - 1 + 1);
	free(m);
	m = pii_apply(&r, 1, s[1].s, s[1].n, &len);
	CHECK_STR("glue: piece 1 masked", m, "**");
	free(m);
	m = pii_apply(&r, 2, s[2].s, s[2].n, &len);
	CHECK_STR("glue: piece 2 masked", m, "* 3102。");
	free(m);
	len = 99;
	CHECK("glue: piece 3 has no span", pii_apply(&r, 3, s[3].s, s[3].n, &len) == NULL);
	CHECK_INT("glue: piece 3 length as it was", len, 9);
	pii_result_free(&r);

	pii_detect(id, 3, NULL, &r);
	CHECK_INT("glue: ID over three pieces", r.nhits, 1);
	CHECK_INT("glue: ID kind", r.nhits ? (int)r.hits[0].kind : -1, PII_ID18);
	m = pii_apply(&r, 0, id[0].s, id[0].n, NULL);
	CHECK_STR("glue: ID piece 0", m, "身份证 1101**");
	free(m);
	m = pii_apply(&r, 1, id[1].s, id[1].n, NULL);
	CHECK_STR("glue: ID piece 1", m, "********");
	free(m);
	CHECK("glue: ID piece 2 keeps its tail", pii_apply(&r, 2, id[2].s, id[2].n, NULL) == NULL);
	pii_result_free(&r);

	pii_detect(apart, 2, NULL, &r);
	CHECK_INT("no glue: pieces never join", r.nhits, 0);
	pii_result_free(&r);

	pii_detect(tag, 3, NULL, &r);
	CHECK_INT("glue: a tag piece between is invisible", r.nhits, 1);
	CHECK("glue: the tag piece is untouched", pii_apply(&r, 1, tag[1].s, tag[1].n, NULL) == NULL);
	m = pii_apply(&r, 2, tag[2].s, tag[2].n, NULL);
	CHECK_STR("glue: digits after the tag", m, "****3102");
	free(m);
	pii_result_free(&r);

	pii_detect(url, 2, NULL, &r);
	CHECK_INT("url piece: found", r.nhits, 1);
	CHECK_INT("url piece: its piece", r.nhits ? r.hits[0].seg : 0, 1);
	CHECK_INT("url piece: its offset", r.nhits ? r.hits[0].off : 0, 4);
	m = pii_apply(&r, 1, url[1].s, url[1].n, &len);
	CHECK_STR("url piece: an escape hidden as one '*'", m, "tel:%31%33%39****%33%31%30%32");
	free(m);
	pii_result_free(&r);
	test_glue_cells();
	test_glue_space_run();
}

/* pii_apply on spans made by hand: what the contract does not promise is skipped, not trusted. */
static void
test_apply(void)
{
	struct pii_span sp[] = { { 0, 1, 2 }, { 0, 2, 1 }, { 0, 9, 5 }, { 1, 0, 1 } };
	struct pii_result r = { NULL, 0, sp, 4 };
	size_t len = 0;
	char *m;

	m = pii_apply(&r, 0, "abcdefghij", 10, &len);
	CHECK_STR("apply: overlapping and out-of-range spans skipped", m, "a*defghij");
	CHECK_INT("apply: length", len, 9);
	free(m);
	m = pii_apply(&r, 1, "xyz", 3, NULL);
	CHECK_STR("apply: second piece", m, "*yz");
	free(m);
	len = 0;
	CHECK("apply: piece without spans is NULL", pii_apply(&r, 2, "abc", 3, &len) == NULL);
	CHECK_INT("apply: its length is n", len, 3);
}

static void
test_bank(void)
{
	static const struct mcase c[] = {
		{ "16 digits, Luhn", "4111111111111111", PII_TEXT, "4111********1111" },
		{ "19 digits, Luhn", "6222021234567890128", PII_TEXT, "6222***********0128" },
		{ "62 without Luhn", "6222021234567890127", PII_TEXT, "6222***********0127" },
		{ "62 grouped without Luhn", "6222 0212 3456 7890 127", PII_TEXT, "6222 **** **** ***0 127" },
		{ "4 at 16 without Luhn", "4111111111111112", PII_TEXT, "4111********1112" },
		{ "Luhn, no prefix, no word", "3012345678901231", PII_TEXT, "3012********1231" },
		{ "卡号 without Luhn", "卡号：1234567812345678", PII_TEXT, "卡号：1234********5678" },
		{ "银行卡号 grouped", "银行卡号 1234 5678 1234 5678", PII_TEXT, "银行卡号 1234 **** **** 5678" },
		{ "账号 glued", "账号1234567812345678", PII_TEXT, "账号1234********5678" },
		{ "存折 hyphenated", "存折 1234-5678-1234-5678", PII_TEXT, "存折 1234-****-****-5678" },
		{ "neither prefix nor word nor Luhn", "1234567812345678", PII_TEXT, NULL },
		{ "编号 is no card word", "编号 1234567812345678", PII_TEXT, NULL },
		{ "a card word far before", "卡号见附件，本页所列编号如下 1234567812345678", PII_TEXT, NULL },
		/* regression (a detector bug at 9d80aef): the card word before the first number still counts for the second */
		{ "a card word before an earlier number", "卡号：6222021234567890128，电话 1234567812345678", PII_TEXT,
		    "卡号：6222***********0128，电话 1234567812345678" },
		{ "20 digits", "41111111111111111113", PII_TEXT, NULL },
		{ "sixteen zeros", "0000000000000000", PII_TEXT, NULL },
		{ "0 first, Luhn", "0000000000000018", PII_TEXT, NULL },
	};

	CHECK("4111111111111111 passes Luhn", luhn("4111111111111111"));
	CHECK("6222021234567890128 passes Luhn", luhn("6222021234567890128"));
	CHECK("6222021234567890127 fails Luhn", !luhn("6222021234567890127"));
	CHECK("4111111111111112 fails Luhn", !luhn("4111111111111112"));
	CHECK("3012345678901231 passes Luhn", luhn("3012345678901231"));
	CHECK("1234567812345678 fails Luhn", !luhn("1234567812345678"));
	CHECK("0000000000000018 passes Luhn", luhn("0000000000000018"));
	check_cases("bank", c, sizeof c / sizeof c[0]);
	check_hit("bank Luhn: not bad", "4111111111111111", PII_TEXT, PII_BANK, 0, "4111********1111");
	check_hit("bank 62 without Luhn: bad", "6222021234567890127", PII_TEXT, PII_BANK, 1, "6222***********0127");
	check_hit("bank 卡号 without Luhn: bad", "卡号：1234567812345678", PII_TEXT, PII_BANK, 1, "1234********5678");
	check_hit("bank Luhn alone: not bad", "3012345678901231", PII_TEXT, PII_BANK, 0, "3012********1231");
}

static void
test_allow(void)
{
	const char *list[] = { "0871-6512 3456", "139 8765 4321" };
	const char *old[] = { "0871-6512 3456", "139-8765-4321" };
	struct pii_allow *a = pii_allow_new(list, 2);
	struct pii_result r;
	struct pii_hit *h = NULL;
	size_t n, len, nf;
	char *m;

	CHECK("allow: none is NULL", pii_allow_new(list, 0) == NULL);
	pii_allow_free(NULL);
	CHECK_INT("allow: listed with spaces, written plain", detect("值班电话13987654321", PII_TEXT, a, &r), 0);
	pii_result_free(&r);
	CHECK_INT("allow: written with spaces", detect("值班电话 139 8765 4321", PII_TEXT, a, &r), 0);
	pii_result_free(&r);
	CHECK_INT("allow: written with dashes", detect("值班电话 139-8765-4321", PII_TEXT, a, &r), 0);
	pii_result_free(&r);
	CHECK_INT("allow: after +86", detect("值班电话 +86 139 8765 4321", PII_TEXT, a, &r), 0);
	pii_result_free(&r);
	CHECK_INT("allow: full-width", detect("值班电话１３９８７６５４３２１", PII_TEXT, a, &r), 0);
	pii_result_free(&r);
	CHECK_INT("allow: landline", detect("办公室 0871-6512 3456", PII_TEXT, a, &r), 0);
	pii_result_free(&r);
	CHECK_INT("allow: another mobile still found", detect("值班电话 139 8765 4320", PII_TEXT, a, &r), 1);
	pii_result_free(&r);
	m = pii_mask_text("值班 139 8765 4321 个人 13812345678", strlen("值班 139 8765 4321 个人 13812345678"),
	    PII_TEXT, a, &len, &nf);
	CHECK_STR("allow: only the personal number masked", m, "值班 139 8765 4321 个人 138****5678");
	CHECK_INT("allow: nfound", nf, 1);
	free(m);
	pii_allow_free(a);

	/* the string interface */
	n = privacy_scan("值班电话13987654321", strlen("值班电话13987654321"), old, 2, &h);
	CHECK_INT("allow-list: separators ignored", n, 0);
	CHECK("allow-list: hits NULL when none", h == NULL);
	n = privacy_scan("值班电话13987654320", strlen("值班电话13987654320"), old, 2, &h);
	CHECK_INT("allow-list: another number still found", n, 1);
	free(h);
	n = privacy_scan("电话087165123456", strlen("电话087165123456"), old, 2, &h);
	CHECK_INT("allow-list: 087165123456 with 0871-6512 3456 allowed", n, 0);
	n = privacy_scan("电话0871-65123456", strlen("电话0871-65123456"), NULL, 0, &h);
	CHECK_INT("landline is no hit even without allow-list", n, 0);
	m = privacy_mask_all("值班 13987654321 个人 13812345678", strlen("值班 13987654321 个人 13812345678"),
	    old, 2, &len, &nf);
	CHECK_STR("allow-list: privacy_mask_all", m, "值班 13987654321 个人 138****5678");
	CHECK_INT("allow-list: privacy_mask_all nfound", nf, 1);
	free(m);
}

/*
 * What is not a number of a person, and must not be read as one: every
 * string below must give no hit at all, whatever the flags.
 */
static void
test_false_positives(void)
{
	static const char *const fp[] = {
		/* dates and date ranges */
		"2024-06-12", "2024-06-12—2024-06-19", "2024-06-12 — 2024-06-19", "2024-06-12 2024-06-19",
		"2024-06-12 至 2024-06-19", "2024.06.12", "2024.06.12-2024.06.19", "2024年6月12日",
		"2024年6月12日—2024年6月19日", "20240612-20240619", "20240612—20240619", "2024 06 12",
		"2024-6-1 2024-6-30", "2024-06-12 09:30:15",
		/* periods */
		"2024-Q2", "2024-H1", "2024-Q2 2024-Q3", "2024年第二季度", "2024-2025学年",
		/* amounts */
		"81949.24", "1,234,567.89", "153.20 2450.00", "12345.67 23456.78", "合计 81949.24 元",
		"1 234 567.89", "1395702.31", "收入 153.20 支出 2450.00 结余 12345.67",
		"regression (a detector bug at 9d80aef) 金额 139570231.02 元",
		/* 公文 numbers */
		"县委发〔2024〕10号", "〔2024〕第12号", "云政办发〔2024〕12号 2024年6月12日", "县委发[2024]10号",
		/* 统一社会信用代码 (the last two are valid codes: reported) */
		"91532901MA6K3G8X1Q", "12532901015123456B", "915300007194512345",
		"统一社会信用代码：91532901MA6K3G8X1Q",
		"regression (a detector bug at 9d80aef): 915301007260000062", "regression (a detector bug at 9d80aef): 12532901015123418M",
		/* landlines */
		"0871-65123456", "(0871)6512-3456", "0871 6512 3456", "0871-6512 3456", "（0871）65123456",
		"0871-65123456-8001", "电话：0871-65123456，传真：0871-65123457",
		/* postcodes and years */
		"674100", "650000 650100 650200", "650000、650100、650200", "邮编 674100 674200",
		"2019 2020 2021 2022", "2021 2022 2023 2024", "2024 2023 2022 2021 2020", "2018-2019-2020-2021",
		"regression (a detector bug at 9d80aef): 2023 2024 2025 2026", "regression (a detector bug at 9d80aef): 674100 674200 674300",
		/* other numbers people write */
		"978-7-01-012345-6", "第 1 2 3 4 5 6 7 8 9 10 11 页", "No. 12345 67890",
		"regression (a detector bug at 9d80aef): 1 3 5 7 9 11 13 15 17 19", "regression (a detector bug at 9d80aef) 139.57.123.102",
		/* one-digit groups beside longer ones: lists and counts, not a number written apart */
		"3 5 12", "1 2 3 4 5 6 7 8 9 10 11 12 13", "1 35 40 45 50 55", "13 95 70 23 10 2 3",
		"1395 7023 10 2", "共 12 x 3 x 4", "2024 6 1 2024 6 30", "第 1 3 9 5 7 0 2 3 1 0 页 2",
		/* long runs that are no office number and a mobile */
		"123456789012345678901234", "2024061213957023102", "0871636123051395702310", "9139570231029999999999",
		/* already masked */
		"138****5678", "5301**********123X", "6222 **** **** 1234", "1101**********002X",
		"4111********1111", "电话：138****5678", "139 **** 3102", "1101** ******** 002X",
		/* markup without digits around numbers too short */
		"<b>139</b> 5702", "&#49;&#51;&#57;", "%31%33%39%35",
	};

	for (size_t i = 0; i < sizeof fp / sizeof fp[0]; i++) {
		const char *s = fp[i];
		char name[240], shown[48] = "";
		size_t nflags = 0;
		unsigned first = 0;

		/* the label is not part of the text */
		if (strncmp(s, "regression (a detector bug at 9d80aef)", 12) == 0)
			s = strchr(s, ' ') + 1, s = strchr(s, ' ') + 1;
		for (size_t f = 0; f < NFLAGSETS; f++) {
			struct pii_result r;

			if (detect(s, flagsets[f], NULL, &r) > 0 && nflags++ == 0) {
				first = flagsets[f];
				memcpy(shown, r.hits[0].shown, sizeof shown);
			}
			pii_result_free(&r);
		}
		snprintf(name, sizeof name, "%snot a number: \"%s\"%s%s (flags %u)",
		    s != fp[i] ? "regression (a detector bug at 9d80aef): " : "", s, nflags ? ", read as " : "", shown, first);
		CHECK_INT(name, nflags, 0);
	}
}

static void
test_misc_text(void)
{
	static const struct mcase c[] = {
		{ "invalid byte before", "\xff" "13957023102", PII_TEXT, "\xff" "139****3102" },
		{ "invalid byte inside breaks the number", "139\xff" "57023102", PII_TEXT, NULL },
		{ "date then mobile", "2024-06-12 13957023102", PII_TEXT, "2024-06-12 139****3102" },
		{ "year then mobile", "2024 13957023102", PII_TEXT, "2024 139****3102" },
		/* regression (a detector bug at 9d80aef): read as one 15-digit ID (1395*******0871), the mobile's kind lost */
		{ "mobile and landline", "13957023102 0871-65123456", PII_TEXT, "139****3102 0871-65123456" },
		{ "mobile and extension", "13957023102 8001", PII_TEXT, "139****3102 8001" },
		{ "circled digits are list marks", "①②③④⑤⑥⑦⑧⑨①②", PII_TEXT, NULL },
		/* regression (a detector bug at 9d80aef): privacy_may_hold skips two bytes after any '%', here the lead bytes of a digit */
		{ "full-width digits after a percent sign", "增长5%１３８１２３４５６７８", PII_TEXT, "增长5%１３８****５６７８" },
		{ "Arabic-Indic digits after a percent sign", "%١٣٩٥٧٠٢٣١٠٢", PII_PERCENT, "%١٣٩****٣١٠٢" },
		/* regression (a detector bug at 9d80aef): privacy_may_hold skips "<1…>" as a tag that dec_char does not take for one */
		{ "a < that opens no tag, PII_TAGS_BREAK", "1<13812345678>", PII_TAGS_BREAK, "1<138****5678>" },
		{ "a < that opens no tag, PII_TAGS", "1<13812345678>", PII_TAGS, "1<138****5678>" },
	};

	check_cases("text", c, sizeof c / sizeof c[0]);
}

static void
test_edges(void)
{
	struct pii_hit *h = (struct pii_hit *)&h;
	size_t n, len = 99, nf = 99;
	char *big;
	struct pii_result r;
	struct pii_seg none = { "", 0, 0 };

	n = privacy_scan("", 0, NULL, 0, &h);
	CHECK_INT("empty: no hit", n, 0);
	CHECK("empty: hits NULL", h == NULL);
	CHECK("empty: mask_all NULL", privacy_mask_all("", 0, NULL, 0, &len, &nf) == NULL);
	CHECK_INT("empty: nfound", nf, 0);
	CHECK_INT("empty: outlen", len, 0);
	pii_detect(&none, 1, NULL, &r);
	CHECK_INT("empty piece: no hit", r.nhits, 0);
	pii_result_free(&r);
	pii_detect(NULL, 0, NULL, &r);
	CHECK_INT("no pieces: no hit", r.nhits + r.nspans, 0);
	pii_result_free(&r);
	pii_result_free(NULL);

	/* Not NUL-terminated: only n bytes are read. */
	n = privacy_scan("1381234567899", 11, NULL, 0, &h);
	CHECK_INT("scan stops at n", n, 1);
	free(h);
	{
		char *m = pii_mask_text("13812345678999", 11, PII_TEXT, NULL, &len, NULL);

		CHECK_STR("mask_text stops at n", m, "138****5678");
		free(m);
	}
	{
		const char nul[] = "13812345678\0" "13912345678";
		char *m = pii_mask_text(nul, sizeof nul - 1, PII_TEXT, NULL, &len, &nf);

		CHECK("a NUL ends a number", m != NULL && memcmp(m, "138****5678\0" "139****5678", 24) == 0);
		CHECK_INT("a NUL: two found", nf, 2);
		CHECK_INT("a NUL: length", len, 23);
		free(m);
	}

	CHECK_STR("kind name id18", pii_kind_name(PII_ID18), "身份证号");
	CHECK_STR("kind name id15", pii_kind_name(PII_ID15), "身份证号（15位）");
	CHECK_STR("kind name mobile", pii_kind_name(PII_MOBILE), "手机号码");
	CHECK_STR("kind name bank", pii_kind_name(PII_BANK), "银行卡号");

	big = xmalloc(10001);
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
	char *s = xmalloc(unit * reps + 1), *g, *m;
	struct pii_hit *h = NULL;


	for (size_t i = 0; i < reps; i++)
		memcpy(s + i * unit, "13812345678 ", unit);
	s[unit * reps] = '\0';
	n = privacy_scan(s, unit * reps, NULL, 0, &h);
	CHECK_INT("100,000 mobiles found", n, reps);
	CHECK_INT("last hit offset", n ? h[n - 1].off : 0, unit * (reps - 1));
	free(h);

	/* A long chain of 4-digit groups: each group is tried a bounded number of times. */
	g = xmalloc(5 * reps + 1);
	for (size_t i = 0; i < reps; i++)
		memcpy(g + 5 * i, "4111 ", 5);
	g[5 * reps] = '\0';
	n = privacy_scan(g, 5 * reps, NULL, 0, &h);
	CHECK("chain of groups scanned", n <= reps / 4);
	free(h);
	m = pii_mask_text(g, 5 * reps, PII_TEXT, NULL, NULL, NULL);
	CHECK("chain of groups: masked is a fixed point", m == NULL ||
	    pii_mask_text(m, strlen(m), PII_TEXT, NULL, NULL, NULL) == NULL);
	free(m);
	free(g);
	free(s);
}

/* Strings where what is kept of one number may meet the next. */
static const char *const tricky[] = {
	"13957023102 5678", "139 5702 3102 5678 1234", "13957023102 13957023102 13957023102",
	"6222 0212 3456 7890 128 6222 0212 3456 7890 128", "4111 1111 1111 1111 4111 1111 1111 1111",
	"11010519491231002X11010519491231002X", "139570231021395702310213957023102",
	"1 3 9 5 7 0 2 3 1 0 2 1 3 9 5 7 0 2 3 1 0 2", "+86 139 5702 3102 +86 139 5702 3102",
	"0086 0086 13957023102", "１３９５７０２３１０２１３９５７０２３１０２",
	"卡号 1234 5678 1234 5678 1234 5678 1234 5678", "13812345675 1119 3012 2722 02p",
	"13806172838 1382 3456 7222 02ppppp11010519491231001X 110105491210632",
	"62221X062 3456 7221 0212 3454 7221 0212 3456 7890890",
	"&#49;&#51;&#57;&#53;&#55;&#48;&#50;&#51;&#49;&#48;&#50;&#49;&#51;&#57;",
	"%31%33%39%35%37%30%32%33%31%30%32 %31%33%39%35%37%30%32%33%31%30%32",
	"139<b>5702</b>3102<i>139</i>57023102", "1101 0519 4912 3100 2X 1101 0519 4912 3100 2X",
	"139-5702-3102-5702-3102-5702", "4111.1111.1111.1111.4111", "2024 6222 0212 3456 7890 128 2024",
};

/* Masking is a fixed point over every input of this file and the tricky list. */
static void
test_fixed_point(void)
{
	size_t bad = 0, longer = 0, masked_any = 0;

	for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++)
		remember(tricky[i], strlen(tricky[i]));
	for (size_t i = 0; i < nseen; i++)
		for (size_t f = 0; f < NFLAGSETS; f++) {
			size_t len = 0, len2 = 0;
			char *m = pii_mask_text(seen[i], seen_len[i], flagsets[f], NULL, &len, NULL), *m2;

			if (m == NULL)
				continue;
			masked_any++;
			if (len > seen_len[i]) {
				longer++;
				printf("FAIL: masked text longer: \"%s\" (flags %u)\n", seen[i], flagsets[f]);
			}
			if ((m2 = pii_mask_text(m, len, flagsets[f], NULL, &len2, NULL)) != NULL) {
				bad++;
				printf("FAIL: not a fixed point: \"%s\" (flags %u) -> \"%s\" -> \"%s\"\n",
				    seen[i], flagsets[f], m, m2);
			}
			free(m2);
			free(m);
		}
	CHECK("fixed point: many inputs masked", masked_any > 100);
	CHECK_INT("fixed point: masked text never longer", longer, 0);
	CHECK_INT("fixed point: pii_mask_text(masked) is NULL", bad, 0);
}

/* privacy_may_hold never says clean for a text pii_detect finds a number in. */
static void
test_may_hold(void)
{
	size_t missed = 0, found = 0;

	for (size_t i = 0; i < nseen; i++)
		for (size_t f = 0; f < NFLAGSETS; f++) {
			struct pii_seg seg = { seen[i], seen_len[i], flagsets[f] };
			struct pii_result r;

			pii_detect(&seg, 1, NULL, &r);
			if (r.nhits > 0) {
				found++;
				if (!privacy_may_hold(seen[i], seen_len[i], flagsets[f])) {
					missed++;
					printf("FAIL: privacy_may_hold says clean: \"%s\" (flags %u)\n",
					    seen[i], flagsets[f]);
				}
			}
			pii_result_free(&r);
		}
	CHECK("may_hold: many inputs with hits", found > 100);
	CHECK_INT("may_hold: never 0 where pii_detect finds a number", missed, 0);
	CHECK("may_hold: text without digits is clean", !privacy_may_hold("村务公开 第三季度", strlen("村务公开 第三季度"), PII_TEXT));
	CHECK("may_hold: 10 digits are clean", !privacy_may_hold("1381234567", 10, PII_TEXT));
	CHECK("may_hold: a grouped card may hold", privacy_may_hold("6222 0000 1111 2222", 19, PII_TEXT));
	CHECK("may_hold: a date is clean", !privacy_may_hold("2024年6月12日", strlen("2024年6月12日"), PII_TEXT));
	CHECK("may_hold: tags break with PII_TAGS_BREAK",
	    !privacy_may_hold("139<b>5702</b>3102", 18, PII_TAGS_BREAK));
}

int
main(void)
{
	test_id18();
	test_id15();
	test_mobile();
	test_forms();
	test_glue();
	test_apply();
	test_bank();
	test_allow();
	test_false_positives();
	test_misc_text();
	test_edges();
	test_linear();
	test_fixed_point();
	test_may_hold();
	test_mdlink_entities();
	masked(NULL, 0);
	for (size_t i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	free(seen_len);
	return t_done();
}
