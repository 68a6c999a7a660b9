/* Shared by the fuzz targets: what loads must survive a trip through the
 * text format unchanged. */
#ifndef MM_FUZZ_COMMON_H
#define MM_FUZZ_COMMON_H

#include <stdlib.h>

#include "level/level.h"

static inline void fuzz_check_text_round_trip(const level_t *lv, level_diags_t *d)
{
    size_t len = 0;
    char *text = level_write_text(lv, &len);
    if (!text) abort();
    level_t *again = level_parse(text, len, d);
    if (!again || level_hash(again) != level_hash(lv)) abort();
    level_free(again);
    free(text);
}

#endif
