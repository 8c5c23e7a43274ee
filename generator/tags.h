#ifndef GONGKAI_TAGS_H
#define GONGKAI_TAGS_H

#include <stddef.h>

/*
 * The published records of each tag, newest first, the tags in strcmp
 * order: what the tag pages list and the sitemap names. The array and
 * each recs are owned (tag_groups_free); tag points into a record's tree.
 */
struct tag_group {
	const char	*tag;
	struct record	**recs;
	size_t		 n;
};
struct model;
struct record;
struct tag_group *tag_groups(const struct model *m, size_t *ngroups);
void tag_groups_free(struct tag_group *g, size_t n);

#endif
