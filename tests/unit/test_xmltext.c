/*
 * test_xmltext.c: text bound for XML keeps only the characters XML 1.0
 * allows (issue 22: U+FFFF in a title made feed.xml unreadable), and each
 * result parses back with libxml2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "harness.h"
#include "util.h"
#include "xmltext.h"

/* Does <a t="ATTR">TEXT</a> parse, with text as both? */
static int
parses(const char *text)
{
	struct sb b;
	xmlDocPtr doc;

	sb_init(&b);
	sb_puts(&b, "<a t=\"");
	xml_escape(&b, text);
	sb_puts(&b, "\">");
	xml_escape(&b, text);
	sb_puts(&b, "</a>");
	doc = xmlReadMemory(b.buf, (int)b.len, "t.xml", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	sb_free(&b);
	xmlFreeDoc(doc);
	return doc != NULL;
}

int
main(void)
{
	static const struct { const char *name, *in, *want; } cases[] = {
		{ "C0 controls go, tab LF CR stay", "a\001b\tc\x1f" "d\n\r\x0b", "ab\tcd\n\r" },
		{ "U+FFFE and U+FFFF go", "x\xef\xbf\xbey\xef\xbf\xbfz", "xyz" },
		{ "U+FFFD stays", "\xef\xbf\xbd", "\xef\xbf\xbd" },
		{ "U+FDD0..U+FDEF go", "\xef\xb7\x90" "a" "\xef\xb7\xaf", "a" },
		{ "U+1FFFE and U+10FFFF go", "\xf0\x9f\xbf\xbe" "b" "\xf4\x8f\xbf\xbf", "b" },
		{ "U+10000 and U+10FFFD stay", "\xf0\x90\x80\x80\xf4\x8f\xbf\xbd", "\xf0\x90\x80\x80\xf4\x8f\xbf\xbd" },
		{ "DEL and C1 controls go", "a\x7f" "b\xc2\x85" "c\xc2\x9f", "abc" },
		{ "CJK stays", "党务公开", "党务公开" },
		{ "bytes that are not UTF-8 go", "a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xe4\xb8", "abcd" },
		{ "NULL is empty", NULL, "" },
	};
	struct sb b;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = xml_clean(cases[i].in), name[128];

		snprintf(name, sizeof name, "xml_clean: %s", cases[i].name);
		CHECK_STR(name, got, cases[i].want);
		free(got);
		if (cases[i].in != NULL) {
			snprintf(name, sizeof name, "xml_escape: %s: parses", cases[i].name);
			CHECK(name, parses(cases[i].in));
		}
	}
	sb_init(&b);
	xml_escape(&b, "<a href=\"x\">&\xef\xbf\xbf</a>");
	CHECK_STR("xml_escape: markup escaped", sb_str(&b), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
	sb_free(&b);
	/* runs are copied whole: each ends at a mark to escape or a byte to drop */
	xml_escape(&b, "党\001&务\xff<公开\x7f");
	CHECK_STR("xml_escape: runs around marks and dropped bytes", sb_str(&b), "党&amp;务&lt;公开");
	sb_free(&b);
	xml_escape(&b, "\001\002");
	CHECK_STR("xml_escape: nothing left", sb_str(&b), "");
	sb_free(&b);
	CHECK("xml_char_ok: U+FFFF", !xml_char_ok(0xffff));
	CHECK("xml_char_ok: U+D800", !xml_char_ok(0xd800));
	CHECK("xml_char_ok: U+0110000", !xml_char_ok(0x110000));
	CHECK("xml_char_ok: tab", xml_char_ok('\t'));
	CHECK("xml_char_ok: U+E000", xml_char_ok(0xe000));
	return t_done();
}
