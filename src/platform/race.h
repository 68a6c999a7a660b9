/* A level raced: this try's inputs and splits, the ghost beside it, and at
 * the end what the results screen tells (the medal, the best and the
 * splits against it; for a loss, how far from Julie and the closest
 * attempt), with the save and the best run's ghost file kept up to date.
 * Plain C (no SDL): the app calls it, the tests drive it. */
#ifndef MM_RACE_H
#define MM_RACE_H

#include <stdbool.h>
#include <stddef.h>

#include "game/game.h"
#include "game/ghost.h"
#include "game/medal.h"
#include "game/replay.h"
#include "game/save.h"

#define RACE_PATH_MAX 1024

typedef struct race {
    const level_t *level;
    int ghost_mode;                /* SETTINGS_GHOST_* */
    char best_path[RACE_PATH_MAX]; /* the best run's ghost file ("" for none) */
    char expert_path[RACE_PATH_MAX];
    replay_t *rec; /* this try's inputs, kept as the ghost if it is a best */
    medal_run_t run;
    ghost_t *ghost; /* raced now, or NULL */
    bool reload;    /* the best changed: load its ghost again on a retry */
    char note[200]; /* why no ghost is raced, when one was asked for ("" if none) */
    bool note_new;  /* a ghost was dropped mid-run: note is news (the caller clears it) */
    bool loaded;    /* a ghost was just loaded from its file (the caller clears it) */
} race_t;

typedef struct race_result {
    bool won;
    int32_t used;        /* ticks the clock ran */
    medal_t medal;       /* this run's */
    medal_t best_medal;  /* the best run's, this one counted */
    bool new_best;       /* this run is the best now */
    bool new_medal;      /* and its medal is better than the best had */
    int32_t best_before; /* the best time before this run (0: none) */
    int32_t split_count; /* this run's splits */
    int32_t splits[MEDAL_MAX_SPLITS];
    uint8_t split_kinds[MEDAL_MAX_SPLITS]; /* medal_split_kind_t */
    int32_t best_split_count;              /* the best run's before this one */
    int32_t best_splits[MEDAL_MAX_SPLITS];
    int32_t walk_left;      /* a loss: ticks of walking left to Julie (-1: no way) */
    int32_t closest;        /* the closest attempt, this one counted (-1: none) */
    int32_t closest_before; /* before this one (-1: none) */
    bool saved_changed;     /* the save needs writing */
    bool save_full;         /* the time could not be kept (save full, id too long) */
    /* best_medal is an assisted run's (medal_kept: no unassisted medal yet). */
    bool best_medal_assisted;
} race_result_t;

void race_init(race_t *r);
void race_free(race_t *r);
/* A level begins (or was reloaded): forgets the old one, and loads the
 * ghost ghost_mode asks for from best_path or expert_path (either may be
 * NULL); a ghost that is missing, unreadable or stale is left out, with a
 * note saying why for a stale or unreadable one. */
void race_begin(race_t *r, const level_t *lv, int ghost_mode, const char *best_path,
                const char *expert_path);
/* A retry: the level from the start, the ghost too (a new best's ghost
 * from its file). */
void race_restart(race_t *r);
/* Another ghost asked for mid-level: loaded and brought on with live
 * (ghost_follow), so that it races in step from here. */
void race_set_mode(race_t *r, int ghost_mode, const game_t *live);
/* After each of the live game's ticks, with the input it got. */
void race_tick(race_t *r, const game_t *g, const input_t *in);
/* The live run ended (won or lost): fills out and keeps in save what it
 * keeps (a win's time and splits, a loss's distance left), and a new best
 * run as the ghost file at best_path (atomically). The caller writes the
 * save when out->saved_changed. err gets why the ghost could not be
 * written (then false). */
bool race_finish(race_t *r, const game_t *g, save_t *save, const char *id, race_result_t *out,
                 char *err, size_t err_cap);
/* The ghost's game to draw, or NULL. */
const game_t *race_ghost_game(const race_t *r);

#endif
