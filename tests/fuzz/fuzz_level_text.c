/* Fuzz target: the plain-text level reader. A level that loads must write
 * back to text that loads as the same level. */
#include <stdint.h>
#include <stdlib.h>

#include "game/level.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static level_diags_t d;
    level_t *lv = level_parse((const char *)data, size, &d);
    if (!lv) return 0;
    size_t len = 0;
    char *text = level_write_text(lv, &len);
    if (!text) abort();
    level_t *again = level_parse(text, len, &d);
    if (!again || level_hash(again) != level_hash(lv)) abort();
    level_free(again);
    free(text);
    level_free(lv);
    return 0;
}
