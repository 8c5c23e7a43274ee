/*
 * chart.c: SVG charts written by hand into a string buffer. The charts are
 * small and regular, so a writer of our own is shorter than building a
 * libxml2 tree; the unit tests parse every chart back with libxml2 to keep
 * it honest. Coordinates are whole numbers or one decimal: no long digit
 * runs that the privacy mask on the way out could mistake for a number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "model.h"
#include "gongkai.h"
#include "money.h"
#include "output.h"
#include "render.h"
#include "util.h"
#include "xmltext.h"
#include "value.h"

#define W	340	/* viewBox width: fits a 360 px screen at about 1:1 */
#define FS	12	/* label font size */

static const char *const palette[] = { "#b3121b", "#c98a12", "#4d4d4d", "#1a5fb4" };
static const char *const dashes[] = { "", "6 3", "2 2", "8 2 2 2" };

/* Rough width of s at font size fs: CJK a full em, the rest about 0.6 em. */
static double
text_width(const char *s, double fs)
{
	double w = 0;

	while (s && *s) {
		uint32_t cp;
		s += utf8_decode(s, &cp);
		w += is_cjk(cp) || cp >= 0x2E80 ? fs : fs * 0.6;
	}
	return w;
}

/* Small helpers instead of libm: the build links no -lm. */
static double
fabs_(double x)
{
	return x < 0 ? -x : x;
}

static double
floor_(double x)
{
	double t = (double)(long long)x;

	return t > x ? t - 1 : t;
}

static double
ceil_(double x)
{
	double t = (double)(long long)x;

	return t < x ? t + 1 : t;
}

static long long
round_(double x)
{
	return (long long)(x < 0 ? x - 0.5 : x + 0.5);
}

/* A step of 1, 2 or 5 times a power of ten, near range/n. */
static double
nice_step(double range, int n)
{
	double raw = range / n, p = 1, f;

	if (raw <= 0)
		return 1;
	while (raw / p >= 10)
		p *= 10;
	while (raw / p < 1)
		p /= 10;
	f = raw / p;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/* "12,345", "36,915.6": whole numbers, or one decimal when step < 1. */
static void
fmt_num(char *buf, size_t n, double v, double step)
{
	char tmp[48], *o = buf, *dot;
	int len;

	if (step < 1)
		snprintf(tmp, sizeof tmp, "%.1f", v < 0 ? -v : v);
	else
		snprintf(tmp, sizeof tmp, "%lld", (long long)(v < 0 ? -round_(v) : round_(v)));
	dot = strchr(tmp, '.');
	len = dot ? (int)(dot - tmp) : (int)strlen(tmp);
	if (v < 0 && (step < 1 ? v <= -0.05 : round_(v) != 0))
		*o++ = '-';
	for (int i = 0; i < len && o < buf + n - 8; i++) {
		*o++ = tmp[i];
		if ((len - i - 1) % 3 == 0 && i < len - 1)
			*o++ = ',';
	}
	snprintf(o, n - (size_t)(o - buf), "%s", dot ? dot : "");
}

static const char *
value_text(const struct chart_series *s, size_t i, char *buf, size_t n)
{
	if (s->text && s->text[i])
		return s->text[i];
	fmt_num(buf, n, s->v[i], fabs_(s->v[i] - (double)round_(s->v[i])) > 1e-9 ? 0.1 : 1);
	return buf;
}

static void
svg_open(struct sb *b, const struct chart *c, int h)
{
	sb_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"%s-t %s-d\" font-size=\"%d\" "
	    "font-family=\"Noto Sans CJK SC,WenQuanYi Micro Hei,Microsoft YaHei,PingFang SC,sans-serif\">",
	    W, h, W, h, c->id, c->id, FS);
	sb_printf(b, "<title id=\"%s-t\">", c->id);
	xml_escape(b, c->title);
	sb_printf(b, "</title><desc id=\"%s-d\">", c->id);
	xml_escape(b, c->desc);
	sb_puts(b, "</desc>");
}

static void
text_at(struct sb *b, double x, double y, const char *anchor, const char *cls, const char *s)
{
	sb_printf(b, "<text x=\"%.0f\" y=\"%.0f\"", x, y);
	if (anchor)
		sb_printf(b, " text-anchor=\"%s\"", anchor);
	if (cls)
		sb_printf(b, " class=\"%s\"", cls);
	sb_putc(b, '>');
	xml_escape(b, s);
	sb_puts(b, "</text>");
}

/* Legend row at y; returns its height. */
static int
legend(struct sb *b, const struct chart *c, int y, int line)
{
	double x = 4;

	if (c->nseries < 2)
		return 0;
	for (size_t k = 0; k < c->nseries; k++) {
		if (line)
			sb_printf(b, "<path d=\"M%.1f %dh16\" stroke=\"%s\" stroke-width=\"2.5\" stroke-dasharray=\"%s\"/>",
			    x, y + 8, palette[k % 4], dashes[k % 4]);
		else
			sb_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
			    x, y + 2, palette[k % 4]);
		text_at(b, x + 20, y + 12, NULL, NULL, c->series[k].name);
		x += 32 + text_width(c->series[k].name, FS);
	}
	return 20;
}

static void
range_of(const struct chart *c, double *lo, double *hi, int zero)
{
	*lo = zero ? 0 : 1e300;
	*hi = zero ? 0 : -1e300;
	for (size_t k = 0; k < c->nseries; k++)
		for (size_t i = 0; i < c->ncat; i++) {
			if (c->series[k].v[i] < *lo)
				*lo = c->series[k].v[i];
			if (c->series[k].v[i] > *hi)
				*hi = c->series[k].v[i];
		}
	if (*lo > *hi)
		*lo = *hi = 0;
}

char *
chart_line_svg(const struct chart *c)
{
	struct sb b;
	int h = 196, top, bottom = h - 38;
	double lo, hi, step, left = 0, right = W - 12;
	char buf[48];

	sb_init(&b);
	range_of(c, &lo, &hi, 0);
	if (hi - lo < 1e-9) {
		double pad = fabs_(hi) > 10 ? fabs_(hi) * 0.1 : 1;
		lo -= pad;
		hi += pad;
	}
	step = nice_step(hi - lo, 4);
	lo = floor_(lo / step) * step;
	hi = ceil_(hi / step) * step;
	for (double t = lo; t <= hi + step / 2; t += step) {
		fmt_num(buf, sizeof buf, t, step);
		if (text_width(buf, 11) > left)
			left = text_width(buf, 11);
	}
	left += 12;
	svg_open(&b, c, h);
	top = 4 + legend(&b, c, 2, 1);
	text_at(&b, 2, top + 10, NULL, "axis", c->ylabel);
	top += 26;
	/* grid and value axis */
	sb_puts(&b, "<path stroke=\"#ddd\" d=\"");
	for (double t = lo; t <= hi + step / 2; t += step)
		sb_printf(&b, "M%.0f %.0fH%.0f", left, bottom - (t - lo) / (hi - lo) * (bottom - top), right);
	sb_puts(&b, "\"/><g text-anchor=\"end\" font-size=\"11\">");
	for (double t = lo; t <= hi + step / 2; t += step) {
		fmt_num(buf, sizeof buf, t, step);
		text_at(&b, left - 4, bottom - (t - lo) / (hi - lo) * (bottom - top) + 4, NULL, NULL, buf);
	}
	sb_printf(&b, "</g><path d=\"M%.0f %dV%dH%.0f\" stroke=\"#333\" fill=\"none\"/>", left, top - 6, bottom, right);
	/* categories */
	double x0 = left + 20, x1 = right - 20;
	sb_puts(&b, "<g text-anchor=\"middle\">");
	for (size_t i = 0; i < c->ncat; i++) {
		double x = c->ncat == 1 ? (x0 + x1) / 2 : x0 + (x1 - x0) * (double)i / (double)(c->ncat - 1);
		text_at(&b, x, bottom + 16, NULL, NULL, c->cats[i]);
	}
	sb_puts(&b, "</g>");
	text_at(&b, right, h - 4, "end", "axis", c->xlabel);
	/* series */
	for (size_t k = 0; k < c->nseries; k++) {
		const struct chart_series *s = &c->series[k];
		sb_printf(&b, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"", palette[k % 4]);
		if (*dashes[k % 4])
			sb_printf(&b, " stroke-dasharray=\"%s\"", dashes[k % 4]);
		sb_puts(&b, " d=\"");
		for (size_t i = 0; i < c->ncat; i++) {
			double x = c->ncat == 1 ? (x0 + x1) / 2 : x0 + (x1 - x0) * (double)i / (double)(c->ncat - 1);
			double y = bottom - (s->v[i] - lo) / (hi - lo) * (bottom - top);
			sb_printf(&b, "%s%.0f %.0f", i ? "L" : "M", x, y);
		}
		sb_printf(&b, "\"/><g text-anchor=\"middle\" fill=\"%s\">", palette[k % 4]);
		for (size_t i = 0; i < c->ncat; i++) {
			double x = c->ncat == 1 ? (x0 + x1) / 2 : x0 + (x1 - x0) * (double)i / (double)(c->ncat - 1);
			double y = bottom - (s->v[i] - lo) / (hi - lo) * (bottom - top);
			sb_printf(&b, "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"3.5\"/>", x, y);
			if (c->ncat <= 8)
				text_at(&b, x, y - 8, NULL, NULL, value_text(s, i, buf, sizeof buf));
		}
		sb_puts(&b, "</g>");
	}
	sb_puts(&b, "</svg>");
	return sb_take(&b);
}

char *
chart_bar_svg(const struct chart *c)
{
	struct sb b;
	const int bh = 14, gap = 10;
	double lo, hi, step, labw = 0, valw = 0, left, right;
	char buf[48];
	int top, h, bottom;

	sb_init(&b);
	range_of(c, &lo, &hi, 1);
	if (hi <= 0)
		hi = 1;
	for (size_t i = 0; i < c->ncat; i++)
		if (text_width(c->cats[i], FS) > labw)
			labw = text_width(c->cats[i], FS);
	for (size_t k = 0; k < c->nseries; k++)
		for (size_t i = 0; i < c->ncat; i++) {
			double tw = text_width(value_text(&c->series[k], i, buf, sizeof buf), 11);
			if (tw > valw)
				valw = tw;
		}
	left = labw + 8;
	right = W - valw - 8;
	/* fewer ticks when their labels would touch */
	for (int nt = 4; nt >= 1; nt--) {
		double top_v;
		step = nice_step(hi, nt);
		top_v = ceil_(hi / step) * step;
		fmt_num(buf, sizeof buf, top_v, step);
		if (nt == 1 || (top_v / step) * (text_width(buf, 11) + 10) <= right - left) {
			hi = top_v;
			break;
		}
	}
	top = 4 + (c->nseries > 1 ? 20 : 0);
	bottom = top + (int)(c->ncat * (c->nseries * bh + gap)) + 4;
	h = bottom + 38;
	svg_open(&b, c, h);
	legend(&b, c, 2, 0);
	sb_puts(&b, "<path stroke=\"#ddd\" d=\"");
	for (double t = 0; t <= hi + step / 2; t += step)
		sb_printf(&b, "M%.0f %dV%d", left + t / hi * (right - left), top, bottom);
	sb_puts(&b, "\"/><g text-anchor=\"middle\" font-size=\"11\">");
	for (double t = 0; t <= hi + step / 2; t += step) {
		fmt_num(buf, sizeof buf, t, step);
		text_at(&b, left + t / hi * (right - left), bottom + 14, NULL, NULL, buf);
	}
	sb_puts(&b, "</g><g text-anchor=\"end\">");
	for (size_t i = 0; i < c->ncat; i++)
		text_at(&b, left - 6, top + 10 + (double)i * (double)(c->nseries * bh + gap) +
		    (double)(c->nseries * bh) / 2, NULL, NULL, c->cats[i]);
	sb_puts(&b, "</g>");
	for (size_t k = 0; k < c->nseries; k++) {
		sb_printf(&b, "<g fill=\"%s\">", palette[k % 4]);
		for (size_t i = 0; i < c->ncat; i++) {
			double y = top + 6 + (double)i * (double)(c->nseries * bh + gap) + (double)k * bh;
			double v = c->series[k].v[i] > 0 ? c->series[k].v[i] : 0;
			sb_printf(&b, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.1f\" height=\"%d\"/>",
			    left, y, v / hi * (right - left), bh - 2);
		}
		sb_puts(&b, "</g>");
	}
	sb_puts(&b, "<g font-size=\"11\">");
	for (size_t k = 0; k < c->nseries; k++)
		for (size_t i = 0; i < c->ncat; i++) {
			double y = top + 6 + (double)i * (double)(c->nseries * bh + gap) + (double)k * bh;
			double v = c->series[k].v[i] > 0 ? c->series[k].v[i] : 0;
			text_at(&b, left + v / hi * (right - left) + 4, y + 10, NULL, NULL,
			    value_text(&c->series[k], i, buf, sizeof buf));
		}
	sb_puts(&b, "</g>");
	sb_printf(&b, "<path d=\"M%.0f %dV%d\" stroke=\"#333\"/>", left, top, bottom);
	text_at(&b, W - 2, h - 4, "end", "axis", c->ylabel);
	sb_puts(&b, "</svg>");
	return sb_take(&b);
}

struct val *
chart_val(struct arena *a, const struct chart *c, int line)
{
	struct val *v = v_map(a), *cols = v_list(a), *rows = v_list(a);
	char *svg = line ? chart_line_svg(c) : chart_bar_svg(c);
	char buf[48];

	v_setstr(a, v, "id", c->id);
	v_setstr(a, v, "title", c->title);
	v_setstr(a, v, "desc", c->desc);
	v_setbool(a, v, "table", 1);
	v_set(a, v, "svg", v_html(a, svg));
	v_push(a, cols, v_str(a, c->xlabel));
	for (size_t k = 0; k < c->nseries; k++)
		v_push(a, cols, v_str(a, c->series[k].name));
	for (size_t i = 0; i < c->ncat; i++) {
		struct val *row = v_map(a), *cells = v_list(a);
		v_setstr(a, row, "label", c->cats[i]);
		for (size_t k = 0; k < c->nseries; k++)
			v_push(a, cells, v_str(a, value_text(&c->series[k], i, buf, sizeof buf)));
		v_set(a, row, "cells", cells);
		v_push(a, rows, row);
	}
	v_set(a, v, "cols", cols);
	v_set(a, v, "rows", rows);
	free(svg);
	return v;
}

struct val *
chart_file(struct gen *g, struct arena *a, const struct chart *c, int line, const char *dir)
{
	struct val *v = chart_val(a, c, line);
	const char *svg = v_get(v, "svg")->s;
	char *rel = xasprintf("%s%s.svg", dir, c->id);

	if (!g->failed && out_put(g->out, rel, svg, strlen(svg)) < 0)
		g->failed = 1;
	v_set(a, v, "svg", v_null());
	v_seturl(a, v, "src", rel);
	v_setstr(a, v, "alt", arena_printf(a, "%s：%s", c->title, c->desc));
	free(rel);
	return v;
}

/* ---- 财务公开 series ---- */

static int
fin_cmp(const void *x, const void *y)
{
	const struct chart_fin *a = x, *b = y;
	int c = period_cmp(a->p, b->p);

	if (c == 0)
		c = (int)a->p.unit - (int)b->p.unit;
	return c ? c : record_newest_first(&b->rec, &a->rec);
}

size_t
chart_finance(const struct site *s, int year, struct chart_fin **out)
{
	struct chart_fin *v = xcalloc(s->nrecs[KIND_DISCLOSURES] + 1, sizeof *v);
	size_t n = 0, k = 0;

	for (size_t i = 0; i < s->nrecs[KIND_DISCLOSURES]; i++) {
		struct record *r = s->recs[KIND_DISCLOSURES][i];
		const struct disclosure *d = r->disc;
		const struct finance *fin = d ? d->finance : NULL;

		if (fin == NULL || !d->has_period)
			continue;
		if (year && d->period.year != year)
			continue;
		v[n].p = d->period;
		v[n].rec = r;
		v[n].opening = fin->opening.fen;
		v[n].closing = fin->closing.fen;
		v[n].income = fin->sum[FIN_INCOME];
		v[n].expense = fin->sum[FIN_EXPENSE];
		n++;
	}
	xqsort(v, n, sizeof *v, fin_cmp);
	/* one entry per period: the newest record (sorted first within its period) */
	for (size_t i = 0; i < n; i++)
		if (k == 0 || period_cmp(v[k - 1].p, v[i].p) != 0 || v[k - 1].p.unit != v[i].p.unit)
			v[k++] = v[i];
	*out = v;
	return k;
}

struct val *
chart_finance_val(struct gen *g, struct arena *a, const struct site *s, int year, const char *id, const char *dir)
{
	struct chart_fin *f;
	size_t n = chart_finance(s, year, &f);
	struct val *v = v_null();

	if (n > 0) {
		const char **cats = arena_alloc(a, n * sizeof *cats);
		const char **txt[3];
		double *vals[3];
		struct chart_series ser[3] = { { "收入", NULL, NULL }, { "支出", NULL, NULL }, { "期末余额", NULL, NULL } };
		struct chart c;
		char buf[48];

		for (int k = 0; k < 3; k++) {
			txt[k] = arena_alloc(a, n * sizeof *txt[k]);
			vals[k] = arena_alloc(a, n * sizeof *vals[k]);
		}
		for (size_t i = 0; i < n; i++) {
			int64_t fig[3] = { f[i].income, f[i].expense, f[i].closing };
			cats[i] = arena_strdup(a, period_cn(f[i].p, buf));
			for (int k = 0; k < 3; k++) {
				vals[k][i] = (double)fig[k] / 100.0;
				txt[k][i] = arena_strdup(a, money_format(fig[k], buf));
			}
		}
		for (int k = 0; k < 3; k++) {
			ser[k].v = vals[k];
			ser[k].text = txt[k];
		}
		memset(&c, 0, sizeof c);
		c.id = id;
		c.title = year ? arena_printf(a, "%s%d年财务收支", s->name, year) : arena_printf(a, "%s财务收支", s->name);
		c.desc = arena_printf(a, "按所属期列出财务公开的收入、支出和期末余额（元），共%zu期，数字见旁边的表格。", n);
		c.xlabel = "所属期";
		c.ylabel = "金额（元）";
		c.cats = cats;
		c.ncat = n;
		c.series = ser;
		c.nseries = 3;
		v = chart_file(g, a, &c, 0, dir);
	}
	free(f);
	return v;
}
