#include "level/encoding.h"

#include <string.h>

#include "game/utf8.h"

/* A binary file is not UTF-8 on almost every line: a few lines say so. */
#define MAX_UTF8_REPORTS 5

static const char save_as_utf8[] =
    "; the game reads UTF-8: save it again as UTF-8 (in Notepad: Save as, Encoding UTF-8)";

/* UTF-16 or UTF-32, by byte-order mark or, without one, by the zero bytes
 * that ASCII text has in them (a level file starts with ASCII: its header,
 * "<?xml" or "{"). Returns 16, 32 or 0. */
static int wide_text(const unsigned char *u, size_t len)
{
    if (len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) ||
                     (u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)))
        return 32;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) return 16;
    if (len < 4) return 0;
    if ((u[0] && !u[1] && !u[2] && !u[3]) || (!u[0] && !u[1] && !u[2] && u[3])) return 32;
    if ((u[0] && !u[1] && u[2] && !u[3]) || (!u[0] && u[1] && !u[2] && u[3])) return 16;
    return 0;
}

bool level_encoding_check(const char *buf, size_t len, bool lines, level_diags_t *d, size_t *skip)
{
    const unsigned char *u = (const unsigned char *)buf;
    *skip = 0;
    int wide = wide_text(u, len);
    if (wide) {
        level_diag_add(d, LEVEL_ERROR, 1, 1, "this file is UTF-%d text%s%s", wide,
                       wide == 16 ? " (Notepad's \"Unicode\")" : "", save_as_utf8);
        return false;
    }
    size_t i = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) i = 3; /* "UTF-8 with BOM" */
    *skip = i;
    bool has_lf = memchr(buf + i, '\n', len - i) != NULL;
    bool ok = true, cr_told = false, line_told = false;
    int reports = 0;
    int32_t line = 1, col = 1;
    while (i < len) {
        unsigned char c = u[i];
        if (c == '\n' || c == '\r') {
            bool lone = c == '\r' && (i + 1 >= len || u[i + 1] != '\n');
            if (lone && lines && !cr_told) {
                level_diag_add(d, LEVEL_ERROR, line, col, "%s",
                               has_lf ? "a carriage return (CR) with no line feed after it, an "
                                        "old Mac line ending among the others; save the file "
                                        "with Unix (LF) or Windows (CRLF) line endings"
                                      : "this file has old Mac line endings (CR only), which "
                                        "the game does not read; save it with Unix (LF) or "
                                        "Windows (CRLF) line endings");
                cr_told = true;
                ok = false;
            }
            /* Counted as a line break, as the player's editor shows it. */
            i += (c == '\r' && !lone) ? 2 : 1;
            line++;
            col = 1;
            line_told = false;
            continue;
        }
        size_t n = utf8_sequence_len(buf + i, len - i);
        if (n == 0) {
            ok = false;
            if (!line_told && reports < MAX_UTF8_REPORTS) {
                level_diag_add(d, LEVEL_ERROR, line, col,
                               "byte 0x%02X is not UTF-8 text (is the file in Latin-1 or "
                               "Windows-1252?)%s",
                               c, save_as_utf8);
                reports++;
            } else if (!line_told) {
                d->errors++; /* counted, not shown */
                d->dropped++;
            }
            line_told = true;
            n = 1;
        }
        i += n;
        col++;
    }
    return ok;
}
