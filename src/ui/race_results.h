/* The results of a level (not the whole night's: ui/night_results.c). A
 * win: the reunion plays for a moment (Harry and Julie, hearts rising, the
 * sting), then the panel: the time left, the medal won, the best and the
 * splits against it. A loss: the white flash, then how close the run came
 * (the walk left to Julie, by the rules' shortest path) and the closest
 * attempt. Drawn from a view and its time alone, so a frame can be drawn
 * off screen and compared with a stored picture. */
#ifndef MM_RACE_RESULTS_H
#define MM_RACE_RESULTS_H

#include <stdbool.h>
#include <stdint.h>

#include "game/game.h"
#include "game/medal.h"
#include "platform/race.h"
#include "platform/render.h"
#include "ui/text.h"

/* How long the reunion plays before the panel (a key skips it): 1.5 s. */
#define RACE_RESULTS_REUNION 90

typedef struct race_results_view {
    const game_t *game;       /* the finished run, drawn behind */
    const race_result_t *res; /* what race_finish said of it */
    medal_times_t medals;     /* what the level asks for each */
    uint32_t t;               /* sixtieths of a second since the results opened */
    const char *prompt;       /* the line of keys ("Enter next level   R retry   Esc menu") */
    const char *save_warning; /* why the time could not be kept, or "" */
    bool large;               /* the larger menu text (text_menu_font): a larger panel */
    bool test_run;            /* a test-play from the editor: nothing was kept */
} race_results_view_t;

void race_results_draw(render_t *rd, text_cache_t *t, const race_results_view_t *v);
/* Where the line of keys is drawn, centred at (x, y) in font (for a click
 * on a key); false while it is not shown (the reunion, the flash). */
bool race_results_prompt_at(const race_results_view_t *v, font_id_t *font, int *x, int *y);

#endif
