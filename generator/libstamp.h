/*
 * libstamp.h: the versions of the shared libraries that make the site's
 * bytes, for the inputs' key (output.h, pagekey.h).
 *
 * The binary's own stamp (self_stamp) sees the gongkai file only; a Debian
 * update of libcmark-gfm renders bodies otherwise with the same binary. A
 * key without the libraries' versions said "up to date" after such an
 * update, and the record pages a later build keeps (pagekey.h) stayed as
 * the old library made them while every other page took the new one.
 */
#ifndef GONGKAI_LIBSTAMP_H
#define GONGKAI_LIBSTAMP_H

/* One line naming each library and the version loaded at run time. Caller frees. */
char *libstamp(void);
#endif
