/* Files: whole-file reads, atomic writes, the per-user folder. */
#ifndef MM_FILES_H
#define MM_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* Reads a whole file; returns a malloc'd buffer with a NUL after the data, or
 * NULL with a reason in err. Only regular files are read (a named pipe, a
 * device or a folder is refused in words, without waiting on it); files over
 * max_bytes are refused (a file of exactly max_bytes is read). */
char *files_read(const char *path, size_t max_bytes, size_t *len_out, char *err, size_t err_cap);

/* Writes through a temporary file in the same folder, flushed to disk, then
 * renamed over the old one: a crash mid-write leaves the old file whole. */
bool files_write_atomic(const char *path, const void *data, size_t len, char *err, size_t err_cap);

/* Moves a file the game cannot read out of the way, to the first free name
 * of PATHSUFFIX, PATHSUFFIX-2, PATHSUFFIX-3, ... (a file already there is
 * never replaced); kept gets the name. False if it could not be moved. */
bool files_keep_aside(const char *path, const char *suffix, char *kept, size_t kept_cap);

bool files_exists(const char *path);
/* A stamp that changes when the file is written (time and size); false if
 * the file cannot be looked at. */
bool files_stamp(const char *path, long long *stamp);
/* Lists the names in dir that end in one of the suffixes ({".mml", NULL}),
 * sorted; returns how many were put in names, at most max. Entries of every
 * kind are listed: files_read refuses what is not a regular file with a
 * message, so the player sees why a pipe or folder named like a level does
 * not play. */
int files_list(const char *dir, const char *const *suffixes, char (*names)[256], int max);
/* The last path component. */
const char *files_basename(const char *path);

#endif
