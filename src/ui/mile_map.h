/* The level select as a map of the Miracle Mile, seen from above at night:
 * Wilshire Boulevard east to west between La Brea and Fairfax, 3rd and 6th
 * Streets to the north, Hancock Park with the tar pits, Park La Brea,
 * Johnnie's and the May Company at Fairfax, the mall and the tower on
 * Wilshire. Each campaign level is a pin at its place; a panel names the
 * chosen one with its best time and par. */
#ifndef MM_MILE_MAP_H
#define MM_MILE_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "game/medal.h"
#include "platform/render.h"
#include "ui/text.h"

#define MILE_MAP_MAX 64

typedef enum mile_state {
    MILE_LOCKED,
    MILE_OPEN,
    MILE_WON,
} mile_state_t;

typedef struct mile_place {
    const char *name;
    mile_state_t state;
    int32_t best_ticks;     /* 0 when never won */
    int32_t assisted_ticks; /* the best with assists, kept apart; 0: none */
    int32_t time_s, par_s;
    bool broken; /* the level file did not load */
    /* The medal its best time earns (medal_t; MEDAL_NONE: none yet) and
     * what each asks (game/medal.h); with no times known (medals.ticks all
     * 0) a star marks a best under par, as before medals. */
    int medal;
    medal_times_t medals;
    bool medal_assisted; /* the medal is an assisted run's (game/medal.h medal_kept) */
} mile_place_t;

/* What the map shows: the campaign's places in play order, the chosen one
 * (count or more: a custom level, on the list's page), how many custom
 * levels there are, and the whole night's best score (0: none). */
typedef struct mile_map_view {
    int count;
    mile_place_t places[MILE_MAP_MAX];
    int sel;
    int custom_count;
    int32_t night_best;
    uint32_t frame; /* for the lamps' flicker and the cursor's pulse */
} mile_map_view_t;

/* Where campaign level i of count stands on the map: the tip of its pin, in
 * screen pixels. The nine places of the film by index; any more along
 * Wilshire. */
void mile_map_place(int i, int count, int *x, int *y);
/* The place whose pin is at (x, y) on the screen (for the mouse), or -1. */
int mile_map_pin_at(int count, int x, int y);
/* The keys line under the map, and where it is drawn (centred on x). */
/* (input_prompt_format's template: the player's keys on the last device) */
#define MILE_MAP_PROMPT "{move} choose   {confirm} play   {options} options   {pause} back"
void mile_map_prompt_place(const text_cache_t *t, int *x, int *y);
/* Whether (x, y) is on the line saying the player's own levels follow. */
bool mile_map_custom_at(text_cache_t *t, int custom_count, int x, int y);
/* Where the map ends and its panel begins. */
#define MILE_MAP_BOTTOM 206
void mile_map_draw(render_t *rd, text_cache_t *t, const mile_map_view_t *v);

#endif
