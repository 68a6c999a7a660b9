/* Fuzz target: the plain-text level reader. A level that loads must write
 * back to text that loads as the same level; and when the file passed the
 * encoding pre-check, so must the text written from it. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "level/encoding.h"
#include "level/level.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static level_diags_t d;
    size_t skip = 0;
    bool clean = level_encoding_check((const char *)data, size, true, &d, &skip);
    level_t *lv = level_parse((const char *)data + skip, size - skip, &d);
    if (!lv) return 0;
    fuzz_check_text_round_trip(lv, &d);
    size_t len = 0;
    char *text = clean ? level_write_text(lv, &len) : NULL;
    if (text && !level_encoding_check(text, len, true, &d, &skip)) abort();
    free(text);
    level_free(lv);
    return 0;
}
