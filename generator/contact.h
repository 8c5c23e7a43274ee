/*
 * contact.h: a contact text made clickable (contact.c).
 */
#ifndef GONGKAI_CONTACT_H
#define GONGKAI_CONTACT_H

struct arena;
struct val;

/*
 * "县委组织部 0871-63512480" as {pre: "县委组织部 ", link: "0871-63512480",
 * href: "tel:0871-63512480", post: ""}: the first web address (the link
 * itself), mail address (mailto:) or phone number (tel:) in s. A number the
 * privacy gate masked (138****5678) is not a number to call: no link then,
 * the whole text in pre. NULL s gives null.
 */
struct val *contact_val(struct arena *a, const char *s);
/* The tel:, mailto: or web address of s's first callable contact, or NULL. */
const char *contact_href(struct arena *a, const char *s, const char **start, const char **end);

#endif
