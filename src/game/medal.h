/* Medals and what the results screen tells of a run: the medal a finishing
 * time earns, the splits of a run (its time at each checkpoint and key) and,
 * for a lost run, how far from Julie it ended, in seconds of walking by the
 * rules' own shortest path. Plain C, no SDL. */
#ifndef MM_MEDAL_H
#define MM_MEDAL_H

#include <stdbool.h>
#include <stdint.h>

#include "game/game.h"
#include "level/level.h"

typedef enum medal {
    MEDAL_NONE,
    MEDAL_BRONZE,
    MEDAL_SILVER,
    MEDAL_GOLD,
    MEDAL_EXPERT, /* gold, and faster than the shipped expert run */
    MEDAL_COUNT
} medal_t;

/* What a level asks for each medal: finishing times in ticks (bronze,
 * silver, gold: level_medal_ticks) and the expert's (0: none). */
typedef struct medal_times {
    int32_t ticks[LEVEL_MEDALS];
    int32_t expert;
} medal_times_t;

void medal_times(const level_t *lv, medal_times_t *out);
/* From the numbers alone (a menu that keeps no level). */
void medal_times_of(int32_t time_s, int32_t par_s, const int32_t medal_s[LEVEL_MEDALS],
                    int32_t expert_ticks, medal_times_t *out);
/* The medal a win in ticks_used earns (MEDAL_NONE for 0: never won). */
medal_t medal_of(const medal_times_t *t, int32_t ticks_used);
/* The medal a level keeps from its two bests (0: none), and whether it is
 * the assisted run's: an unassisted medal always wins over an assisted one,
 * so an assisted medal shows only while no unassisted run earned any. */
medal_t medal_kept(const medal_times_t *t, int32_t best_ticks, int32_t assisted_ticks,
                   bool *assisted);
/* "bronze", "silver", "gold", "expert", "" for none. */
const char *medal_name(medal_t m);
/* The next medal's time after m in ticks, or 0 when m is the last. */
int32_t medal_next_ticks(const medal_times_t *t, medal_t m);

/* ---- the run as it goes ---------------------------------------------------- */

#define MEDAL_MAX_SPLITS 16

/* Splits: the clock's ticks used when Harry answers a payphone, reaches a
 * checkpoint or picks up a key (EV_CHECKPOINT, EV_KEY), in order; the
 * finish is the run's own time. */
typedef enum medal_split_kind {
    MEDAL_SPLIT_CALL,       /* a payphone answered */
    MEDAL_SPLIT_CHECKPOINT, /* a trigger's checkpoint */
    MEDAL_SPLIT_KEY,        /* a key picked up */
} medal_split_kind_t;

typedef struct medal_run {
    int32_t split_count;
    int32_t splits[MEDAL_MAX_SPLITS];
    uint8_t kinds[MEDAL_MAX_SPLITS]; /* medal_split_kind_t */
} medal_run_t;

/* "call", "checkpoint", "key": a split's name on the results. */
const char *medal_split_name(int kind);

void medal_run_clear(medal_run_t *r);
/* Reads the events of the tick just run. */
void medal_run_events(medal_run_t *r, const game_t *g);

#endif
