/* What every screen around play shares (ui_common.h). */
#include "ui/ui_common.h"

#include <stdio.h>

#include "game/game.h"

void ui_format_ticks(char *buf, size_t cap, int32_t ticks)
{
    int32_t ms = game_ticks_to_ms(ticks);
    snprintf(buf, cap, "%d:%02d.%02d", (int)(ms / 60000), (int)(ms / 1000 % 60),
             (int)(ms / 10 % 100));
}
