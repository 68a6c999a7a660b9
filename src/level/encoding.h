/* The bytes of a level file before any reader sees them: is it UTF-8 text
 * with line endings the reader knows? Catches what editors do to text files
 * (Notepad's "UTF-8 with BOM" and "Unicode", old Mac line endings, Latin-1)
 * and names it, where a reader would report some puzzling later error. */
#ifndef MM_LEVEL_ENCODING_H
#define MM_LEVEL_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "level/level.h"

/* Checks buf. Returns true when the file may be read; *skip is then the
 * number of leading bytes to pass over (3 for a UTF-8 byte-order mark, else
 * 0). Returns false with errors added to d (at line and column, columns
 * counted in characters) for UTF-16 or UTF-32 text, bytes that are not UTF-8,
 * and, when lines is set (the text format, where lines are the syntax; XML
 * and JSON take any line ending), carriage returns with no line feed. */
bool level_encoding_check(const char *buf, size_t len, bool lines, level_diags_t *d, size_t *skip);

#endif
