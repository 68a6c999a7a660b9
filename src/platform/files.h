/* Files: whole-file reads, atomic writes, the per-user folder. */
#ifndef MM_FILES_H
#define MM_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* Reads a whole file; returns a malloc'd buffer with a NUL after the data, or
 * NULL with a reason in err. Files over max_bytes are refused. */
char *files_read(const char *path, size_t max_bytes, size_t *len_out, char *err, size_t err_cap);

/* Writes through a temporary file in the same folder, flushed to disk, then
 * renamed over the old one: a crash mid-write leaves the old file whole. */
bool files_write_atomic(const char *path, const void *data, size_t len, char *err, size_t err_cap);

bool files_exists(const char *path);
/* The last path component. */
const char *files_basename(const char *path);

#endif
