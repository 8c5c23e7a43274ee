/*
 * readlog.h: what a build read, file by file, as it read it.
 *
 * The no-op rebuild (output.h) remembers a key of the inputs. That key
 * must describe the bytes the build rendered, not the bytes a separate pass
 * found before or after: a file saved while a build runs would otherwise
 * let the next build say "up to date" over pages made from other bytes.
 * So while the log runs it observes file_read() (util.h), noting the hash
 * of every file read, and out_inputs_reread() takes the key's hashes from
 * here.
 *
 * Paths are compared after readlog_path(): runs of '/' collapsed, "."
 * segments dropped, "a/.." undone (the build's names and the key's walk
 * spell one file alike). Thread-safe: files are read on the pool.
 */
#ifndef GONGKAI_READLOG_H
#define GONGKAI_READLOG_H

#include <stddef.h>
#include <stdint.h>

/* Starts recording (forgetting an earlier log). */
void readlog_start(void);
/* Stops recording and forgets everything. */
void readlog_stop(void);
/* Records that path was read with these bytes (file_read's observer); nothing unless the log runs. */
void readlog_note(const char *path, const char *data, size_t len);
/*
 * What the build read at path: 1 and *hash (hash_bytes of the bytes) when
 * read, every time with the same bytes; 0 when not read; -1 when read twice
 * with different bytes (the file changed during the build).
 */
int readlog_get(const char *path, uint64_t *hash);
/* path in the log's spelling (see above). Caller frees. */
char *readlog_path(const char *path);

#endif
