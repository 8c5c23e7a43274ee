/*
 * qr.c: QR codes as SVG. Each row's runs of dark modules become one "h"
 * segment of a single path, which keeps a version-4 code near 2 KB and
 * prints crisp at any size (shape-rendering="crispEdges").
 */
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "qr.h"
#include "util.h"

#define QUIET	4	/* modules of white border the standard asks for */

static QRcode *
encode(const char *text)
{
	/* 8-bit mode, case-sensitive: URLs keep their exact bytes. */
	return QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
}

int
qr_modules(const char *text)
{
	QRcode *q = encode(text);
	int w;

	if (q == NULL)
		return -1;
	w = q->width;
	QRcode_free(q);
	return w;
}

static void
xml_text(struct sb *b, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': sb_puts(b, "&amp;"); break;
		case '<': sb_puts(b, "&lt;"); break;
		case '>': sb_puts(b, "&gt;"); break;
		case '"': sb_puts(b, "&quot;"); break;
		default: sb_putc(b, *s);
		}
}

char *
qr_svg(const char *text, const char *label, const char *id)
{
	QRcode *q = encode(text);
	struct sb b;
	int side;

	if (q == NULL)
		return NULL;
	side = q->width + 2 * QUIET;
	sb_init(&b);
	sb_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\" aria-labelledby=\"%s-t\" shape-rendering=\"crispEdges\">", side, side, id);
	sb_printf(&b, "<title id=\"%s-t\">", id);
	xml_text(&b, label);
	sb_printf(&b, "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"", side, side);
	for (int y = 0; y < q->width; y++) {
		const unsigned char *row = q->data + (size_t)y * (size_t)q->width;
		for (int x = 0; x < q->width;) {
			int run;
			if (!(row[x] & 1)) {
				x++;
				continue;
			}
			for (run = 0; x + run < q->width && (row[x + run] & 1); run++)
				;
			/* spaces between numbers: no digit runs for the privacy mask to trip on */
			sb_printf(&b, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
			x += run;
		}
	}
	sb_puts(&b, "\"/></svg>");
	QRcode_free(q);
	return sb_take(&b);
}
