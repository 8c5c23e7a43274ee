/*
 * pagekey.h: which pages a build may keep as the live site has them
 * (issue 21), without making them again.
 *
 * A page's key is a hash of every input it is made from. The site key
 * covers what any page may show: the binary and the options (as-of date,
 * base URL, drafts, language), every theme file, every file of the content
 * folder as this build read it, except that a record file counts by its
 * front matter alone, and the commit the disclosures' history was read
 * from. A record's body is shown in full on its own page only; elsewhere it
 * shows through its summary, on pages that are made on every build (lists,
 * feeds, case pages, print sheets, the archive, the search index).
 *
 * So the key of a record's page is the site key and the record's whole
 * text, for the kinds whose page shows nothing of another record's body
 * and nothing of the git history: work records, meetings, assessments and
 * annual reports. A body edited, one page is made; a title, a date or a
 * site's profile edited, every page is (the lists show them).
 *
 * The output keeps each page's key in its manifest (output.h): a page whose
 * key is the live file's is linked, not rendered, templated, netted or
 * hashed. Its body is still rendered once, for the summary, the search
 * index and the findings, which every build reports whole.
 */
#ifndef GONGKAI_PAGEKEY_H
#define GONGKAI_PAGEKEY_H
#include <stdint.h>

struct inputs;
struct model;
struct record;

/* The site key of this build, or 0 when there is none (a file changed while it was read). */
uint64_t pagekey_site(const struct model *m, const struct inputs *in);
/* The key of r's page under site key site; 0 when its page is always made (or site is 0). */
uint64_t pagekey_record(uint64_t site, const struct record *r);
#endif
