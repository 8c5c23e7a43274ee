#!/usr/bin/env python3
"""mkpdf.py OUT TEXT...: writes a small PDF with one page per TEXT (ASCII),
each showing its text in Helvetica, with a correct cross-reference table.
For the attachment cases (make.sh), which need PDFs with and without a
personal number on a given page. Python 3 standard library only.
"""
import os
import sys


def pdf(pages):
    objs = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join("%d 0 R" % (3 + 2 * i) for i in range(len(pages)))
    objs.append("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)))
    font = 3 + 2 * len(pages)
    for i, text in enumerate(pages):
        esc = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content = "BT /F1 12 Tf 20 100 Td (%s) Tj ET" % esc
        objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] "
                    "/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, 4 + 2 * i))
        objs.append("<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objs.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = b"%PDF-1.4\n"
    offs = []
    for n, o in enumerate(objs, 1):
        offs.append(len(out))
        out += ("%d 0 obj\n%s\nendobj\n" % (n, o)).encode("ascii")
    xref = len(out)
    out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode("ascii")
    for o in offs:
        out += ("%010d 00000 n \n" % o).encode("ascii")
    out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)).encode("ascii")
    return out


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: mkpdf.py OUT TEXT...")
    os.makedirs(os.path.dirname(sys.argv[1]) or ".", exist_ok=True)
    with open(sys.argv[1], "wb") as f:
        f.write(pdf(sys.argv[2:]))
