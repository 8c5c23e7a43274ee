/*
 * govpages.h: the pages a government site carries besides its content
 * (govpages.c): 网站地图 and 隐私声明.
 */
#ifndef GONGKAI_GOVPAGES_H
#define GONGKAI_GOVPAGES_H

struct gen;

/* sitemap/index.html and privacy/index.html, unless a free page
 * (pages/sitemap.md, pages/privacy.md) already has the address. Before
 * sitemap_write: both are in sitemap.xml. */
void gov_pages(struct gen *g);

#endif
