/* Loading a level file of any supported format from disk: the plain-text
 * format (.mml, or anything else), Tiled TMX (.tmx) and Tiled JSON (.tmj,
 * .json). */
#ifndef MM_LEVEL_FILE_H
#define MM_LEVEL_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "level/level.h"

#define LEVEL_FILE_MAX_BYTES (1 << 20)

typedef enum level_format {
    LEVEL_FORMAT_TEXT,
    LEVEL_FORMAT_TMX,
    LEVEL_FORMAT_TILED_JSON,
} level_format_t;

level_format_t level_file_format(const char *path);
/* Parses a buffer in the format its path names. */
level_t *level_file_parse(const char *buf, size_t len, const char *path, level_diags_t *d);
/* Reads and parses; a file that cannot be read is one error at 0:0. */
level_t *level_file_load(const char *path, level_diags_t *d);
/* Prints diagnostics as "file:line:col: error|warning: message". */
void level_file_print_diags(FILE *out, const char *path, const level_diags_t *d);
/* The same, one line into buf. */
void level_file_format_diag(char *buf, size_t cap, const char *path, const level_diag_t *e);

#endif
