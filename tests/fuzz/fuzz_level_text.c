/* Fuzz target: the plain-text level reader. A level that loads must write
 * back to text that loads as the same level. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "level/level.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static level_diags_t d;
    level_t *lv = level_parse((const char *)data, size, &d);
    if (!lv) return 0;
    fuzz_check_text_round_trip(lv, &d);
    level_free(lv);
    return 0;
}
