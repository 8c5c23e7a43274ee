/*
 * chart.h: SVG charts made at build time (no JavaScript). Two layers:
 * chart_*_svg() are pure writers (numbers in, SVG text out) that the unit
 * tests drive directly; chart_val() wraps one chart and the table of the
 * same numbers into a template value ({id, title, svg, cols, rows}) that
 * partials/chart.html prints as a figure with the table beside it.
 *
 * Every chart carries <title> and <desc> (referenced by aria-labelledby),
 * Chinese axis titles, and a 340-unit wide viewBox that stays readable when
 * scaled down to a 360 px phone screen.
 */
#ifndef GONGKAI_CHART_H
#define GONGKAI_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"

struct arena;
struct val;
struct site;
struct record;

/* One series: a name (legend) and one value per category. */
struct chart_series {
	const char		*name;
	const double		*v;
	const char *const	*text;	/* printed value per category, or NULL for plain numbers */
};

struct chart {
	const char			*id;	/* unique on its page: [a-z0-9-] */
	const char			*title;	/* <title> */
	const char			*desc;	/* <desc>: the chart said in words */
	const char			*xlabel;/* category axis title, Chinese */
	const char			*ylabel;/* value axis title, Chinese, with the unit */
	const char *const		*cats;	/* category labels (years, sites, periods) */
	size_t				 ncat;
	const struct chart_series	*series;
	size_t				 nseries;
};

/* A line chart, categories along x (years). Caller frees. */
char *chart_line_svg(const struct chart *c);
/* Horizontal (grouped) bars, one row per category: fits any number of rows at 360 px. Caller frees. */
char *chart_bar_svg(const struct chart *c);

/*
 * The template value of a chart: {id, title, desc, svg (HTML), cols, rows}
 * where the table has one row per category and one column per series.
 * `line` picks chart_line_svg, else bars. Lives in a.
 */
struct val *chart_val(struct arena *a, const struct chart *c, int line);

/*
 * As chart_val, but the SVG goes to its own file, <dir><id>.svg (dir is a
 * folder URL such as "sites/x/"), and the value carries src and alt for an
 * <img> instead of inline svg: pages stay inside their byte budget and the
 * charts are cached once.
 */
struct gen;
struct val *chart_file(struct gen *g, struct arena *a, const struct chart *c, int line, const char *dir);

/* One period of a site's 财务公开 ledger (figures in fen). */
struct chart_fin {
	struct period	 p;
	int64_t		 opening, income, expense, closing;
	struct record	*rec;
};

/*
 * The 财务公开 records of s with a finance table, by period (year 0: all
 * years); where one period has several, the newest wins. Caller frees *out.
 */
size_t chart_finance(const struct site *s, int year, struct chart_fin **out);
/* Income vs expense per period with the closing balance, as chart_file(); null value when there are none. */
struct val *chart_finance_val(struct gen *g, struct arena *a, const struct site *s, int year, const char *id,
    const char *dir);

#endif
