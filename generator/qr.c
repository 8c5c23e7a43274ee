/*
 * qr.c: QR codes as SVG. Each row's runs of dark modules become "h"
 * segments of one stroked path (relative moves between runs), which keeps
 * a version-6 code near 3 KB and prints crisp at any size
 * (shape-rendering="crispEdges").
 */
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "qr.h"
#include "util.h"
#include "xmltext.h"

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

char *
qr_path(const char *text, int *side)
{
	QRcode *q = encode(text);
	struct sb b;

	if (q == NULL)
		return NULL;
	*side = q->width + 2 * QUIET;
	sb_init(&b);
	/* dark runs as 1-unit-wide strokes along each row's middle: "M4 4.5h7m2 0h3" */
	for (int y = 0; y < q->width; y++) {
		const unsigned char *row = q->data + (size_t)y * (size_t)q->width;
		int pen = -1;	/* x where the last run ended on this row, -1 before the first */
		for (int x = 0; x < q->width;) {
			int run;
			if (!(row[x] & 1)) {
				x++;
				continue;
			}
			for (run = 0; x + run < q->width && (row[x + run] & 1); run++)
				;
			if (pen < 0) {	/* "M%d %d.5h%d" */
				sb_putc(&b, 'M');
				sb_putu(&b, (unsigned)(x + QUIET));
				sb_putc(&b, ' ');
				sb_putu(&b, (unsigned)(y + QUIET));
				sb_puts(&b, ".5h");
			} else {	/* "m%d 0h%d" */
				sb_putc(&b, 'm');
				sb_putu(&b, (unsigned)(x - pen));
				sb_puts(&b, " 0h");
			}
			sb_putu(&b, (unsigned)run);
			x += run;
			pen = x;
		}
	}
	QRcode_free(q);
	return sb_take(&b);
}

char *
qr_svg_of(const char *path, int side, const char *label, const char *id)
{
	struct sb b;

	sb_init(&b);
	sb_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\" aria-labelledby=\"%s-t\" shape-rendering=\"crispEdges\">", side, side, id);
	sb_printf(&b, "<title id=\"%s-t\">", id);
	xml_escape(&b, label);
	sb_printf(&b, "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path stroke=\"#000\" d=\"", side, side);
	sb_puts(&b, path);
	sb_puts(&b, "\"/></svg>");
	return sb_take(&b);
}

char *
qr_svg(const char *text, const char *label, const char *id)
{
	int side;
	char *path = qr_path(text, &side), *svg;

	if (path == NULL)
		return NULL;
	svg = qr_svg_of(path, side, label, id);
	free(path);
	return svg;
}

const char *
qr_lib_version(void)
{
	return QRcode_APIVersionString();
}
