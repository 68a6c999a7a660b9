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
/* A stamp that changes when the file is written (time and size); false if
 * the file cannot be looked at. */
bool files_stamp(const char *path, long long *stamp);
/* Lists the names of regular files in dir whose names end in one of the
 * suffixes ({".mml", NULL}), sorted; returns how many were put in names
 * (each up to name_cap bytes), at most max. */
int files_list(const char *dir, const char *const *suffixes, char (*names)[256], int max);
/* The last path component. */
const char *files_basename(const char *path);

#endif
