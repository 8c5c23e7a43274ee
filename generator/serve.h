/*
 * serve.h: `gongkai serve`, the preview server, and the pieces of it that
 * tests call directly.
 */
#ifndef GONGKAI_SERVE_H
#define GONGKAI_SERVE_H

#include <stddef.h>

/*
 * `gongkai serve [-p PORT] [--bind ADDR] [-C DIR] [-t DIR] [--drafts]
 * [--as-of DATE] [-q] [-v] [-h]`; argv[0] is "serve". Runs until SIGINT or
 * SIGTERM. Returns the exit status: 0 stopped by a signal; 2 usage or system
 * error (no content folder, address in use).
 */
int cmd_serve(int argc, char **argv);

enum serve_res {
	SERVE_FILE,		/* *file is a regular file inside root */
	SERVE_REDIRECT,		/* a folder named without its trailing '/' */
	SERVE_FORBIDDEN,	/* a ".." segment, or a path that leaves root through a symlink */
	SERVE_NOT_FOUND		/* nothing there, or a hidden name (.gongkai) */
};

/*
 * Maps a request's URL path (%-decoded, starting with '/') to a file under
 * root, which must be a real path (realpath(3)) without a trailing '/'. A
 * path ending in '/' means its index.html. On SERVE_FILE, *file is the
 * file's real path (caller frees); otherwise *file is NULL.
 */
enum serve_res serve_resolve(const char *root, const char *url, char **file);

/*
 * The Location of the redirect from a folder named without its '/' (url,
 * %-decoded, starting with '/'): the same path with every run of '/'
 * collapsed to one, %-encoded (a backslash too), and a '/' added. After its
 * one leading '/' comes neither '/' nor a backslash, so a browser cannot
 * read it as another host ("//about/" is the host "about"). Caller frees.
 */
char *serve_location(const char *url);

/* The Content-Type for a file name, with charset=utf-8 for text. Static storage. */
const char *serve_mime(const char *path);

/*
 * Copies html (len bytes) with snippet inserted before its last </body>
 * (any case), or at the end when there is none. Sets *outlen. Caller frees
 * (with free: the result goes to libmicrohttpd as MHD_RESPMEM_MUST_FREE).
 */
char *serve_inject(const char *html, size_t len, const char *snippet, size_t *outlen);

#endif
