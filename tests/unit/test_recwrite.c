/*
 * recwrite.c: the YAML scalar quoter, checked by reading every scalar back
 * with libyaml itself (not with our own reader): the value must come back
 * byte for byte, and a plain scalar must not be one that a YAML 1.1 or 1.2
 * reader would type as a bool, null, number, date, merge or value key (the
 * resolvers' regular expressions from yaml.org/type and the 1.2 core
 * schema). Then keys, slugs, sites and the file writer.
 */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "harness.h"
#include "recwrite.h"
#include "schema.h"
#include "util.h"

/* Implicit types of YAML 1.1 (yaml.org/type) and of the YAML 1.2 core schema. */
static const char *const typed_re[] = {
	"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$",
	"^(~|null|Null|NULL|)$",
	"^[-+]?0b[0-1_]+$",
	"^[-+]?0[0-7_]+$",
	"^[-+]?(0|[1-9][0-9_]*)$",
	"^[-+]?0x[0-9a-fA-F_]+$",
	"^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+$",
	"^[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?$",
	"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*$",
	"^[-+]?\\.(inf|Inf|INF)$",
	"^\\.(nan|NaN|NAN)$",
	"^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$",
	"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]"
	    "(\\.[0-9]*)?(([ \t]*)Z|[-+][0-9][0-9]?(:[0-9][0-9])?)?$",
	"^<<$",
	"^=$",
	"^[-+]?[0-9]+$",
	"^0o[0-7]+$",
	"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$",
	NULL
};

static regex_t typed[32];

static int
is_typed(const char *s)
{
	for (int i = 0; typed_re[i]; i++)
		if (regexec(&typed[i], s, 0, NULL, 0) == 0)
			return 1;
	return 0;
}

/*
 * Parses "k: <scalar>  # c\n" with libyaml. Returns the value (caller
 * frees; *len bytes) and sets *plain, or NULL when the document is not
 * exactly one mapping of one key to one scalar.
 */
static char *
libyaml_value(const char *doc, size_t *len, int *plain)
{
	static const yaml_event_type_t want[] = {
		YAML_STREAM_START_EVENT, YAML_DOCUMENT_START_EVENT, YAML_MAPPING_START_EVENT,
		YAML_SCALAR_EVENT, YAML_SCALAR_EVENT, YAML_MAPPING_END_EVENT,
		YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT
	};
	yaml_parser_t p;
	yaml_event_t e;
	char *val = NULL;
	int ok = 1;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)doc, strlen(doc));
	for (size_t i = 0; ok && i < sizeof want / sizeof want[0]; i++) {
		if (!yaml_parser_parse(&p, &e)) {
			ok = 0;
			break;
		}
		ok = e.type == want[i];
		if (ok && i == 4) {
			val = xstrndup((const char *)e.data.scalar.value, e.data.scalar.length);
			*len = e.data.scalar.length;
			*plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	if (!ok) {
		free(val);
		return NULL;
	}
	return val;
}

/* s with every byte that is not valid UTF-8 replaced by U+FFFD: what the quoter promises to keep. */
static char *
expected_text(const char *s)
{
	struct sb b;
	size_t n = strlen(s);

	sb_init(&b);
	for (size_t i = 0; i < n; ) {
		unsigned char c = (unsigned char)s[i];
		size_t k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

		if (k <= n - i && utf8_valid(s + i, k) == k) {
			sb_add(&b, s + i, k);
			i += k;
		} else {
			sb_puts(&b, "\xef\xbf\xbd");
			i++;
		}
	}
	return sb_take(&b);
}

/* Does s survive rw_yaml_scalar and libyaml? Prints why not. */
static int
roundtrip(const char *s)
{
	struct sb b;
	char *got, *want = expected_text(s);
	size_t len = 0;
	int plain = 0, ok;

	sb_init(&b);
	sb_puts(&b, "k: ");
	rw_yaml_scalar(&b, s);
	sb_puts(&b, "  # c\n");
	got = libyaml_value(sb_str(&b), &len, &plain);
	ok = got != NULL && len == strlen(want) && memcmp(got, want, len) == 0 &&
	    !(plain && is_typed(got)) && utf8_valid(b.buf, b.len) == b.len;
	if (!ok) {
		printf("# [");
		for (const char *c = s; *c; c++)
			printf((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f ? "\\x%02x" : "%c",
			    (unsigned char)*c);
		printf("] wrote: %s# read back: %s%s\n", sb_str(&b), got ? got : "(parse error)",
		    plain && got && is_typed(got) ? " (a typed plain scalar)" : "");
	}
	free(got);
	free(want);
	sb_free(&b);
	return ok;
}

static void
test_fixed(void)
{
	static const char *const v[] = {
		"", " ", "  a", "a ", "a\t", "a: b", "a:b", "a:", "a #b", "a#b", "#a", "-", "- a", "-a",
		"--- a", "---", "...", "yes", "No", "ON", "off", "y", "N", "true", "FALSE", "null", "Null",
		"~", "0", "007", "0x1F", "0o17", "0b101", "1_000", "1e3", "1e+3", "-1", "+1", ".5", "1.",
		"1.0e+3", ".inf", "-.Inf", ".NaN", "190:20:30", "2025-06-12", "2025-6-1 1:02:03",
		"2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "<<", "=", "@x", "`x`",
		"!x", "&x", "*x", "|", "|x", ">x", "%x", "?", "? x", ":x", ",x", "[x]", "{x}", "'x'",
		"\"x\"", "x\"y", "x'y", "x\\y", "\\", "a\\", "tab\tin", "\ttab", "nl\nin", "cr\rin",
		"\n", "\x01", "\x1b[0m", "\x7f", "a\x7f" "b", "\xc2\x80", "\xc2\x85", "\xc2\x9f",
		"\xc2\xa0nbsp", "\xe2\x80\xa8", "x\xe2\x80\xa9y", "\xef\xbb\xbf" "bom", "\xef\xbf\xbe",
		"\xef\xbf\xbf", "\xef\xbf\xbd", "\xf0\x9f\x98\x80", "\xe3\x80\x80全角空格开头",
		"阿姑村2025年第一季度财务收支公开", "2025年第四季度财务公开", "：全角冒号开头",
		"*重要*: 会议 #1", "学习《条例》：第一讲", "{{title}}", "百分之百%", "a,b", "C:\\path",
		"x  # y", "a - b", "a -", "key: value: more", "\xff", "a\xc3", "\xc3(", "\xe4\xb8",
		"\xed\xa0\x80", "\xc0\xaf", NULL
	};
	int bad = 0;

	for (int i = 0; v[i]; i++)
		bad += !roundtrip(v[i]);
	CHECK_INT("yaml scalar: fixed cases read back through libyaml", bad, 0);
}

/* Every ASCII and C1 character alone, and at the start, inside and at the end of a word. */
static void
test_characters(void)
{
	int bad = 0;

	for (unsigned cp = 1; cp < 0xa0; cp++) {
		char c[4] = { 0 }, s[16];

		if (cp < 0x80)
			c[0] = (char)cp;
		else {
			c[0] = (char)(0xc0 | (cp >> 6));
			c[1] = (char)(0x80 | (cp & 0x3f));
		}
		bad += !roundtrip(c);
		snprintf(s, sizeof s, "%sab", c);
		bad += !roundtrip(s);
		snprintf(s, sizeof s, "a%sb", c);
		bad += !roundtrip(s);
		snprintf(s, sizeof s, "ab%s", c);
		bad += !roundtrip(s);
		snprintf(s, sizeof s, "年%s 1", c);
		bad += !roundtrip(s);
	}
	CHECK_INT("yaml scalar: every ASCII and C1 character, anywhere", bad, 0);
}

/* Strings made of the pieces YAML cares about, from a fixed seed. */
static void
test_random(void)
{
	static const char *const pieces[] = {
		"a", "Z", "y", "e", "x", "o", "n", "0", "1", "7", "_", "-", ":", " ", "#", "\t", "\n",
		"\r", "'", "\"", "\\", "?", "!", "&", "*", "[", "]", "{", "}", ",", "|", ">", "%", "@",
		"`", "~", ".", "+", "=", "<", "年", "：", "\xc2\x85", "\xe2\x80\xa8", "\xef\xbb\xbf",
		"\x01", "\x7f", "\xff", "true", "null", "---", "..."
	};
	const size_t np = sizeof pieces / sizeof pieces[0];
	unsigned long long seed = 0x2545f4914f6cdd1dULL;
	int bad = 0;

	for (int t = 0; t < 20000 && bad < 20; t++) {
		struct sb b;
		int len;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		len = (int)((seed >> 33) % 9);
		sb_init(&b);
		for (int i = 0; i < len; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			sb_puts(&b, pieces[(seed >> 33) % np]);
		}
		bad += !roundtrip(sb_str(&b));
		sb_free(&b);
	}
	CHECK_INT("yaml scalar: 20,000 strings of YAML's special pieces read back", bad, 0);
}

static void
check_written(const char *name, const char *s, const char *want)
{
	struct sb b;

	sb_init(&b);
	rw_yaml_scalar(&b, s);
	CHECK_STR(name, sb_str(&b), want);
	sb_free(&b);
}

static void
test_forms(void)
{
	check_written("yaml scalar: a Chinese title stays plain", "阿姑村2025年第一季度财务收支公开",
	    "阿姑村2025年第一季度财务收支公开");
	check_written("yaml scalar: a title that starts with a year stays plain", "2025年第四季度财务公开",
	    "2025年第四季度财务公开");
	check_written("yaml scalar: * starts a quoted string", "*重要*", "\"*重要*\"");
	check_written("yaml scalar: quotes inside a plain title", "会议：\"三会一课\"\\", "会议：\"三会一课\"\\");
	check_written("yaml scalar: escapes inside quotes", "a: \"b\"\\", "\"a: \\\"b\\\"\\\\\"");
	check_written("yaml scalar: control characters", "a\x01\t\n\r\x7f" "b", "\"a\\x01\\t\\n\\r\\x7Fb\"");
	check_written("yaml scalar: C1 and line separators", "\xc2\x85\xc2\x90\xe2\x80\xa8\xe2\x80\xa9",
	    "\"\\N\\x90\\L\\P\"");
	check_written("yaml scalar: BOM and noncharacters", "\xef\xbb\xbf\xef\xbf\xbe", "\"\\uFEFF\\uFFFE\"");
	check_written("yaml scalar: the empty string", "", "\"\"");
	check_written("yaml scalar: blanks at the ends", " a ", "\" a \"");
	check_written("yaml scalar: YAML 1.1 booleans", "off", "\"off\"");
	check_written("yaml scalar: null", "~", "\"~\"");
	check_written("yaml scalar: numbers", "0x1F", "\"0x1F\"");
	check_written("yaml scalar: a stray byte becomes U+FFFD", "a\xff", "\"a\xef\xbf\xbd\"");
}

static void
test_keys(void)
{
	CHECK_STR("key: title is 标题", rw_key(SCHEMA_WORK, "title"), "标题");
	CHECK_STR("key: a page's title is 标题", rw_key(SCHEMA_PAGE, "title"), "标题");
	CHECK_STR("key: author is 发布单位", rw_key(SCHEMA_MEETINGS, "author"), "发布单位");
	CHECK_STR("key: category is 类别", rw_key(SCHEMA_DISCLOSURES, "category"), "类别");
	CHECK_STR("key: period is 所属期", rw_key(SCHEMA_DISCLOSURES, "period"), "所属期");
	CHECK_STR("key: an unknown key stays", rw_key(SCHEMA_WORK, "nope"), "nope");
}

static void
test_slugs(void)
{
	char *s;

	CHECK("slug check: a-z 0-9 -", rw_is_slug("agu-2") && !rw_is_slug("") && !rw_is_slug("Agu") &&
	    !rw_is_slug("../agu") && !rw_is_slug("a_b") && !rw_is_slug("阿姑"));
	s = rw_slug("2025 Q1 财务公开");
	CHECK_STR("slug: ASCII words", s, "2025-q1");
	free(s);
	s = rw_slug("学习 Xi Jinping Thought 讲座");
	CHECK_STR("slug: lowercased", s, "xi-jinping-thought");
	free(s);
	s = rw_slug("seed_plan v2.txt");
	CHECK_STR("slug: from a file name", s, "seed-plan-v2-txt");
	free(s);
	CHECK("slug: only Chinese gives none", rw_slug("党员大会") == NULL);
	CHECK("slug: only digits give none", rw_slug("2025年第1季度") == NULL);
	s = rw_slug("aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbb cccccccccc");
	CHECK_STR("slug: whole words, 40 letters and digits at most", s, "aaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbbbbbb");
	free(s);
}

static char *
same_text(void *ctx, const char *name)
{
	return xasprintf("%s %s\n", (const char *)ctx, name);
}

static void
test_files(void)
{
	char tmpl[] = "/tmp/gongkai-rw.XXXXXX", *dir, *path = NULL, *list, *text = NULL;
	size_t len;
	int rc;

	if (mkdtemp(tmpl) == NULL) {
		CHECK("files: a temporary folder", 0);
		return;
	}
	dir = xasprintf("%s/content", tmpl);
	CHECK("sites: none yet", rw_site_list(dir) == NULL);
	for (const char *const *s = (const char *const[]){ "zz", "agu", "Bad", "fani", NULL }; *s; s++) {
		char *p = xasprintf("%s/sites/%s/index.md", dir, *s);
		file_write(p, "---\nname: x\n---\n", 17);
		free(p);
	}
	file_write(path = xasprintf("%s/sites/empty/.keep", dir), "", 0);
	free(path);
	list = rw_site_list(dir);
	CHECK_STR("sites: ids with an index.md, sorted", list, "agu fani zz");
	free(list);
	CHECK("sites: exists", rw_site_exists(dir, "agu") && !rw_site_exists(dir, "empty") &&
	    !rw_site_exists(dir, "Bad") && !rw_site_exists(dir, "../content/sites/agu"));

	free(dir);
	dir = xasprintf("%s/content/sites/agu/work", tmpl);
	rc = rw_create(dir, "2025-01-02-x", 1, same_text, "first", &path);
	CHECK("create: makes the folder and the file", rc == 0 && path != NULL && strstr(path, "/2025-01-02-x.md"));
	free(path);
	rc = rw_create(dir, "2025-01-02-x", 1, same_text, "second", &path);
	CHECK("create: a taken name gets -2", rc == 0 && strstr(path, "/2025-01-02-x-2.md"));
	CHECK("create: the text is made for the name", file_read(path, &text, &len) == 0 &&
	    strcmp(text, "second 2025-01-02-x-2\n") == 0);
	free(text);
	free(path);
	rc = rw_create(dir, "2025-01-02-x", 0, same_text, "third", &path);
	CHECK("create: a given name that is taken: EEXIST", rc == -1 && errno == EEXIST &&
	    strstr(path, "/2025-01-02-x.md"));
	CHECK("create: the file is left as it was", file_read(path, &text, &len) == 0 &&
	    strcmp(text, "first 2025-01-02-x\n") == 0);
	free(text);
	free(path);
	CHECK("create file: never replaces", rw_create_file(dir, "x") == -1 && errno == EEXIST);
	free(dir);
	rmtree(tmpl);
}

int
main(void)
{
	for (int i = 0; typed_re[i]; i++)
		if (regcomp(&typed[i], typed_re[i], REG_EXTENDED | REG_NOSUB) != 0) {
			printf("FAIL: recwrite: regex %d does not compile\n", i);
			return 1;
		}
	test_fixed();
	test_characters();
	test_random();
	test_forms();
	test_keys();
	test_slugs();
	test_files();
	for (int i = 0; typed_re[i]; i++)
		regfree(&typed[i]);
	return t_done();
}
