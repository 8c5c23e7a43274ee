/*
 * output.h: writing the site, atomically and incrementally (issue 7).
 *
 * A build never writes into the live output folder. It fills a second tree,
 * .gongkai-cache/<name>.next beside the output, and only a build that
 * finished swaps the two names in one step (renameat2 RENAME_EXCHANGE), so a
 * failed build leaves the previous site as it was.
 *
 * The second tree is kept between builds, with a manifest of every file's
 * size, content hash and inode, and so is the live one's. A file whose new
 * bytes equal the live file's becomes a hard link to it (same inode, same
 * mtime); a changed file is written as a new inode (never through a link);
 * files the build no longer makes are unlinked. When every file of a build
 * equals the live one, nothing is swapped: the output folder is not touched.
 * A cache file (manifest or inputs key) that is cut short, has a byte
 * changed or was written by another version of gongkai is ignored whole,
 * never trusted: the build is then a full one (issue 21). See
 * docs/performance.md.
 *
 * The output folder is named by its real path (out_resolve): a symbolic
 * link (output -> /srv/www/site) is followed, and the site is staged beside
 * its target (/srv/www/.gongkai-cache/site.next) and swapped in there, with
 * the same guarantees; the link itself is left as it is. The lock is taken
 * on the real path too, so two names of one folder never build at once. A
 * folder that is a mount point cannot be swapped (rename(2) gives EBUSY):
 * out_resolve refuses it before any work, saying what to do instead.
 */
#ifndef GONGKAI_OUTPUT_H
#define GONGKAI_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

struct diags;
struct out;
struct stat;

/*
 * The real path of output folder dir, for every out_* call below: symbolic
 * links followed (also in the folders above it); a folder that does not
 * exist yet is named below the real path of its nearest existing parent.
 * Caller frees. NULL after adding an error to d: a link to nothing, or a
 * mount point.
 */
char *out_resolve(const char *dir, struct diags *d);
/*
 * Is a folder a mount point, given its stat and its parent's ("dir/..")?
 * Another device, or the same inode as its parent (the root). Pure: the
 * unit tests call it with made-up stats.
 */
int out_is_mount(const struct stat *dir, const struct stat *parent);

/*
 * Prepares the tree beside dir, a path from out_resolve (and takes its
 * lock). With more than one job in pool, files are written on a thread of
 * their own. NULL after adding an error.
 */
struct pool;
struct out *out_begin(const char *dir, const char *const *allow, size_t nallow, const struct pool *pool,
    struct diags *d);
/*
 * Puts relpath (inside the site; no "..", no leading '/') with data.
 * Personal numbers are masked on the way out, whatever file it is. 0 or -1.
 * Safe to call from several threads at once.
 */
int out_put(struct out *o, const char *relpath, const char *data, size_t len);
/*
 * Like out_put, but the file is written on the calling thread rather than
 * queued for the writer thread: for a thread of its own beside the main one
 * (the search index), so that two threads create files at once.
 */
int out_put_now(struct out *o, const char *relpath, const char *data, size_t len);
/*
 * Incremental pages (issue 21). out_put_keyed is out_put for a page made
 * from inputs whose hash is key (pagekey.h); the manifest keeps the key.
 * out_keep puts relpath as the live site has it when a build put it with
 * the same key (and the net is this build's): no bytes are made, the file
 * is linked. 0 when kept; 1 when the caller must make the page and put it;
 * -1 for a name outside the site. Thread-safe.
 */
int out_put_keyed(struct out *o, const char *relpath, const char *data, size_t len, uint64_t key);
int out_keep(struct out *o, const char *relpath, uint64_t key);
/*
 * Puts relpath with data exactly as it is, unmasked: for attachments the
 * caller has scanned already (attach.h), whose bytes must not change (a
 * PDF, an image). Consumes data (malloc'd). 0 or -1. Thread-safe.
 */
int out_put_raw(struct out *o, const char *relpath, char *data, size_t len);
/* Copies a file from the source tree into relpath, unchanged. 0 or -1. Thread-safe. */
int out_copy(struct out *o, const char *from, const char *relpath);
/* Swaps the new tree in (ok) or leaves the output alone (!ok). 0 or -1. Frees o. */
int out_end(struct out *o, int ok);
/*
 * The path of another cache file of this output folder,
 * .gongkai-cache/<name>.<ext>, for a stage that keeps its own (qrcache.h).
 * Written while o is open, it is under o's lock. Caller frees.
 */
char *out_cache_file(const struct out *o, const char *ext);
/* Files put so far. */
size_t out_count(const struct out *o);
/* Files whose bytes were new in this build (the rest were linked or already there). */
size_t out_written(const struct out *o);

/*
 * The no-op rebuild. out_inputs_scan() walks the content and theme folders
 * and hashes every file's name and bytes and every symbolic link's target,
 * with the gongkai binary and the options in `opts` (one string). out_inputs_key() is the key of a scan:
 * the same inputs give the same key. Caller frees.
 *
 * The key a build remembers must be that of the bytes it rendered: a file
 * saved between the scan and the build's read, and put back afterwards,
 * would otherwise leave pages of the other bytes under an "up to date"
 * key. So after a build, out_inputs_reread() replaces each file's hash with
 * that of the bytes the build read (readlog.h); it returns -1 when a file
 * was read twice with different bytes, and then nothing may be remembered.
 *
 * out_cached() returns 1 when the output folder dir still holds what a
 * successful build with that key made, and puts that build's findings back
 * into d (so warnings are printed again); else 0. out_remember() records the
 * key and the findings of d after a successful build of dir.
 */
struct inputs;
/* out_inputs_scan reads the files on pool's threads. */
struct inputs *out_inputs_scan(const char *opts, const char *content_dir, const char *theme_dir,
    const struct pool *pool);
char *out_inputs_key(const struct inputs *in);
int out_inputs_reread(struct inputs *in);
void out_inputs_free(struct inputs *in);
/*
 * The site key of incremental pages (pagekey.h): out_inputs_key over the
 * bytes this build read so far (readlog.h; the scan's hash for a file not
 * read yet), except that own(ctx, path, &h) may give a file's hash itself
 * (1) — a record's front matter alone, whose body only its own page shows.
 * 0, or -1 when a file was read twice with different bytes.
 */
int out_inputs_site_key(const struct inputs *in, int (*own)(void *ctx, const char *path, uint64_t *h), void *ctx,
    uint64_t *key);
int out_cached(const char *dir, const char *key, struct diags *d);
void out_remember(const char *dir, const char *key, const struct diags *d);

#endif
