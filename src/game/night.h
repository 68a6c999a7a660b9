/* "The whole night": the campaign's levels on one clock, as the film runs
 * its last hour. Pure rules, no SDL: the clock carried from level to level,
 * the payphone bonus, what a retry costs, the splits and the score.
 *
 * The clock: the first level starts with its own clock; each later level
 * starts with what was left plus its par (a level with no par: its own
 * clock). A level played at par costs nothing; the experts' runs, faster
 * than par, gain; a slower player falls behind level by level. Every
 * payphone answered adds NIGHT_PAYPHONE_BONUS_S. A retry starts again from
 * the clock the try began with, less the ticks the failed try ran. When the
 * clock runs out the run is over. The score is the clock left at the end. */
#ifndef MM_NIGHT_H
#define MM_NIGHT_H

#include <stdbool.h>
#include <stdint.h>

#include "game/game.h"

#define NIGHT_MAX_LEVELS 16
#define NIGHT_PAYPHONE_BONUS_S 5
/* The night is never longer than the film's last hour. */
#define NIGHT_MAX_TICKS (LEVEL_MAX_TIME_S * GAME_TICK_HZ)

typedef enum night_status {
    NIGHT_OFF,
    NIGHT_PLAYING, /* a level is being played */
    NIGHT_BETWEEN, /* a level won, the next not begun */
    NIGHT_DONE,    /* every level won: the score stands */
    NIGHT_OVER,    /* the clock ran out */
} night_status_t;

typedef struct night_split {
    int32_t spent; /* ticks the level's tries ran, failed ones included */
    int32_t left;  /* the clock when it was won */
} night_split_t;

typedef struct night {
    night_status_t status;
    int32_t level_count;
    int32_t level;       /* the one being played (or just won) */
    int32_t level_clock; /* the clock as the level began */
    int32_t try_clock;   /* the clock the current try began with */
    int32_t spent;       /* ticks the level's failed tries ran */
    int32_t tries;       /* failed tries of this level */
    int32_t bonuses;     /* payphones answered in this try */
    night_split_t splits[NIGHT_MAX_LEVELS];
    int32_t score; /* the clock left at the end (NIGHT_DONE) */
    bool assisted; /* some try of the run had an assist on: its best is kept apart */
} night_t;

/* A run of level_count levels (1 to NIGHT_MAX_LEVELS; more are cut). */
void night_start(night_t *n, int32_t level_count);
/* The next level begins (the first after night_start); time_s and par_s
 * are its own clock and par (0: none). Returns the clock it starts with, in
 * ticks. */
int32_t night_begin_level(night_t *n, int32_t time_s, int32_t par_s);
/* The clock the next level would start with, without beginning it. */
int32_t night_next_clock(const night_t *n, int32_t time_s, int32_t par_s);
/* The clock the current try starts with. */
int32_t night_try_clock(const night_t *n);
/* A new try of the level on the night's clock (game_init_clock). */
void night_init_game(night_t *n, game_t *g, const level_t *level);
/* After every game_tick of a night run: each payphone answered in the tick
 * adds the bonus to the game's clock (and a try with assists marks the run
 * assisted). Returns the ticks added. */
int32_t night_after_tick(night_t *n, game_t *g);
/* The player retries a try that ran used ticks of the clock. True when
 * there is clock left for another try; false when the run is over. */
bool night_retry(night_t *n, int32_t used);
/* The try ended (g->status is GAME_WON or GAME_LOST): a win records the
 * level's split (and, on the last level, the score); a loss ends the run. */
void night_level_done(night_t *n, const game_t *g);
/* The clock that was carried out of the run's levels so far (the last
 * split's left), or 0. */
int32_t night_carried(const night_t *n);

#endif
