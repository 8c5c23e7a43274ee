/* test_chart.c: the SVG chart writers produce well-formed SVG with title and desc. */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "chart.h"
#include "harness.h"

/* Parses svg; returns the number of elements named `name` (or -1 when not XML). */
static int
count(const char *svg, const char *name)
{
	xmlDocPtr doc = xmlReadMemory(svg, (int)strlen(svg), "chart.svg", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	int n = 0;

	if (doc == NULL)
		return -1;
	for (xmlNodePtr cur = xmlDocGetRootElement(doc); cur; ) {
		if (cur->type == XML_ELEMENT_NODE && strcmp((const char *)cur->name, name) == 0)
			n++;
		if (cur->children)
			cur = cur->children;
		else {
			while (cur && cur->next == NULL)
				cur = cur->parent && cur->parent->type == XML_ELEMENT_NODE ? cur->parent : NULL;
			if (cur)
				cur = cur->next;
		}
	}
	xmlFreeDoc(doc);
	return n;
}

int
main(void)
{
	const char *years[] = { "2023年", "2024年", "2025年" };
	double pop[] = { 2680, 2704, 2725 };
	const char *txt[] = { "2,680", "2,704", "2,725" };
	struct chart_series s1 = { "人口（人）", pop, txt };
	struct chart c = { "t1", "阿姑村历年人口 <&>", "人口从2680人增至2725人。", "年份", "人口（人）",
	    years, 3, &s1, 1 };
	char *svg = chart_line_svg(&c);

	CHECK("line: parses", count(svg, "svg") == 1);
	CHECK_INT("line: one title", count(svg, "title"), 1);
	CHECK_INT("line: one desc", count(svg, "desc"), 1);
	CHECK_INT("line: a point per year", count(svg, "circle"), 3);
	CHECK("line: title escaped", strstr(svg, "阿姑村历年人口 &lt;&amp;&gt;") != NULL);
	CHECK("line: labelled by title and desc", strstr(svg, "aria-labelledby=\"t1-t t1-d\"") != NULL);
	CHECK("line: Chinese axis titles", strstr(svg, ">人口（人）</text>") && strstr(svg, ">年份</text>"));
	CHECK("line: value text printed", strstr(svg, ">2,704</text>") != NULL);
	free(svg);

	const char *sites[] = { "阿姑村", "法泥村" };
	double inc[] = { 102000, 36915.6 }, exp_[] = { 631600, 0 };
	struct chart_series s2[2] = { { "收入", inc, NULL }, { "支出", exp_, NULL } };
	struct chart b = { "t2", "收支", "两期收支。", "所属期", "金额（元）", sites, 2, s2, 2 };
	svg = chart_bar_svg(&b);
	CHECK("bars: parses", count(svg, "svg") == 1);
	CHECK_INT("bars: a bar per value", count(svg, "rect") - 2 /* legend */, 4);
	CHECK("bars: thousands separators", strstr(svg, ">631,600</text>") != NULL);
	CHECK("bars: decimals kept", strstr(svg, ">36,915.6</text>") != NULL);
	CHECK("bars: no width is negative", strstr(svg, "width=\"-") == NULL);
	free(svg);

	/* one category and all-equal values must not divide by zero */
	double one[] = { 5 };
	struct chart_series s3 = { "x", one, NULL };
	struct chart o = { "t3", "一", "一个值。", "年份", "值", years, 1, &s3, 1 };
	svg = chart_line_svg(&o);
	CHECK("line: single value parses", count(svg, "svg") == 1 && strstr(svg, "nan") == NULL && strstr(svg, "inf") == NULL);
	free(svg);
	svg = chart_bar_svg(&o);
	CHECK("bars: single value parses", count(svg, "svg") == 1 && strstr(svg, "nan") == NULL);
	free(svg);
	double zero[] = { 0 };
	s3.v = zero;
	svg = chart_bar_svg(&o);
	CHECK("bars: all zero parses", count(svg, "svg") == 1 && strstr(svg, "nan") == NULL);
	free(svg);
	return t_done();
}
