/*
 * qr.h: QR codes (libqrencode) drawn as inline SVG, for the 公开栏 print
 * sheets: a villager scans the paper notice and lands on the page online.
 */
#ifndef GONGKAI_QR_H
#define GONGKAI_QR_H

/*
 * The QR code of text (a URL, UTF-8) as an <svg> element: one <path> of dark
 * modules on a white square with a 4-module quiet zone, error correction M,
 * and <title> set to `label`. `id` (ASCII [a-z0-9-]) makes the title's id
 * unique on the page. Returns NULL when text cannot be encoded (too long).
 * Caller frees.
 */
char *qr_svg(const char *text, const char *label, const char *id);

/*
 * qr_svg in two halves, so that the costly one can be kept (qrcache.h): the
 * path data of text's dark modules and the side (*side, quiet zone
 * included), which depend on text alone (NULL when it cannot be encoded;
 * caller frees); and the <svg> element around them (caller frees).
 */
char *qr_path(const char *text, int *side);
char *qr_svg_of(const char *path, int side, const char *label, const char *id);
/* The libqrencode in use: its codes are what the cache keeps. */
const char *qr_lib_version(void);

/* Side of the code in modules, quiet zone excluded, or -1; for tests. */
int qr_modules(const char *text);

#endif
