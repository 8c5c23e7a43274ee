/* test_qr.c: QR codes as SVG (tests/suite_promo.sh decodes one from a printed page). */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "harness.h"
#include "qr.h"

static int
parses(const char *svg)
{
	xmlDocPtr doc = xmlReadMemory(svg, (int)strlen(svg), "qr.svg", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR);
	int ok = doc != NULL;

	xmlFreeDoc(doc);
	return ok;
}

int
main(void)
{
	const char *url = "https://dangjian.example.gov.cn/sites/agu/disclosures/2025-04-08-caiwu-gongkai-q1/";
	char *svg = qr_svg(url, "扫码查看 <原文> & 更多", "qr-a");
	char *again = qr_svg(url, "扫码查看 <原文> & 更多", "qr-a");
	char want[64];
	int side = qr_modules(url);

	CHECK("qr: made", svg != NULL);
	CHECK("qr: parses as XML", svg && parses(svg));
	CHECK("qr: deterministic", svg && again && strcmp(svg, again) == 0);
	CHECK("qr: title escaped", svg && strstr(svg, "<title id=\"qr-a-t\">扫码查看 &lt;原文&gt; &amp; 更多</title>"));
	/* a QR version v has 17 + 4v modules a side */
	CHECK("qr: modules", side >= 21 && (side - 17) % 4 == 0);
	snprintf(want, sizeof want, "viewBox=\"0 0 %d %d\"", side + 8, side + 8);
	CHECK("qr: quiet zone in the viewBox", svg && strstr(svg, want) != NULL);
	/* the finder pattern's top row: 7 dark modules from (4,4) */
	CHECK("qr: finder pattern", svg && strstr(svg, "d=\"M4 4.5h7") != NULL);
	CHECK("qr: no long digit runs for the privacy mask", svg && strstr(svg, "0000000") == NULL);
	free(svg);
	free(again);
	char *big = malloc(8000);
	memset(big, 'a', 7999);
	big[7999] = '\0';
	CHECK("qr: too long gives NULL", qr_svg(big, "x", "qr-b") == NULL);
	CHECK_INT("qr: too long modules", qr_modules(big), -1);
	free(big);
	return t_done();
}
