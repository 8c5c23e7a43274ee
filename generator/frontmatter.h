/*
 * frontmatter.h: split a Markdown file into YAML front matter and body, and
 * parse the YAML (with libyaml) into a small tree that keeps every value's
 * position, so later checks can point at the exact line and column.
 */
#ifndef GONGKAI_FRONTMATTER_H
#define GONGKAI_FRONTMATTER_H

#include <stddef.h>

struct diags;

enum ynode_type {
	YNODE_SCALAR,
	YNODE_SEQ,
	YNODE_MAP
};

struct ynode;

/* One key: value pair of a mapping. */
struct yent {
	struct ynode	*key;	/* always a scalar */
	struct ynode	*val;
};

/* 32 bytes: 100,000 records hold millions of these all build (issue 7). */
struct ynode {
	unsigned char	 type;		/* enum ynode_type */
	unsigned char	 plain;		/* scalar was written without quotes */
	unsigned char	 null;		/* scalar was empty or ~/null */
	int		 line, col;	/* 1-based position in the whole file */
	unsigned	 n;		/* number of items or entries */
	const char	*str;		/* scalar text, in the tree's allocation; "" for an empty value */
	union {
		struct ynode	**items;	/* YNODE_SEQ: the items */
		struct yent	*ents;		/* YNODE_MAP: the entries */
	};
};

struct fm {
	struct ynode	*root;		/* the mapping, or NULL when the file has none */
	const char	*body;		/* points into the source; not owned */
	size_t		 body_len;
	int		 body_line;	/* 1-based line where the body starts */
};

/*
 * Splits src (len bytes, NUL-terminated, valid UTF-8) and parses the front
 * matter. Problems are added to d under `path`. Returns 0 on success, -1 when
 * the front matter is unusable. `required` says whether a file without
 * front matter is an error. Free with fm_free.
 */
int fm_parse(const char *path, const char *src, size_t len, int required,
    struct fm *out, struct diags *d);
void fm_free(struct fm *f);
/* Parses a whole file as YAML (site.yaml): a mapping, or NULL after adding errors. */
struct ynode *fm_yaml(const char *path, const char *src, size_t len, struct diags *d);

/*
 * Frees a tree from fm_yaml (fm_free frees fm_parse's). A tree is one
 * allocation that starts with its root: it cannot be changed in shape, and
 * ynode_free takes a root only.
 */
void ynode_free(struct ynode *root);
/* Value of key in a mapping, or NULL. */
struct ynode *ymap_get(const struct ynode *map, const char *key);
/* The scalar text of key, or NULL if absent, empty or not a scalar. */
const char *ymap_str(const struct ynode *map, const char *key);
/*
 * Where a value stands in its file, kept in the typed model so that a
 * check can point at it without a lookup: {0, 0} when the key is absent.
 */
struct ypos {
	int	line, col;
};
struct ypos ymap_pos(const struct ynode *map, const char *key);
/* The entry (key node) of key, for positions of the key itself. */
struct yent *ymap_ent(const struct ynode *map, const char *key);

#endif
