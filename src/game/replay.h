/* Recorded inputs, one per tick, tied to the level and the rules they were
 * made under, with hashes of the game state along the way so that a replay
 * that no longer plays the same is caught at the first tick where it drifts. */
#ifndef MM_REPLAY_H
#define MM_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "game/game.h"

/* 3: the assists, at the start and every change at its tick (version 2
 * replays are still read, as played with no assists). */
#define REPLAY_FORMAT_VERSION 3
/* An hour of play at 60 ticks a second. */
#define REPLAY_MAX_TICKS (3600 * 60)
/* A state hash every second of play, and one after the last tick: a drift
 * is named to the second it starts in. */
#define REPLAY_CHECK_EVERY 60
#define REPLAY_MAX_CHECKS (REPLAY_MAX_TICKS / REPLAY_CHECK_EVERY + 2)
/* Changes of the assists during a run (from the pause menu). */
#define REPLAY_MAX_CHANGES 256

/* The assists from a tick on: set before input tick (0: before the first). */
typedef struct replay_change {
    int32_t tick;
    game_assists_t assists;
} replay_change_t;

typedef struct replay_check {
    int32_t tick; /* the state after this many ticks */
    uint64_t hash;
} replay_check_t;

typedef struct replay {
    uint32_t rules;   /* GAME_RULES_VERSION when it was recorded */
    uint32_t options; /* version 2's options word; always 0 */
    uint64_t level_hash;
    game_assists_t assists; /* before the first tick */
    int32_t change_count;
    replay_change_t changes[REPLAY_MAX_CHANGES]; /* in rising order of ticks */
    int32_t count;
    int32_t cap;
    uint8_t *inputs; /* input_t.buttons per tick */
    int32_t check_count;
    replay_check_t checks[REPLAY_MAX_CHECKS];
} replay_t;

replay_t *replay_create(uint64_t level_hash);
void replay_destroy(replay_t *r);
void replay_clear(replay_t *r);
/* Returns 0, or -1 when the replay is full or out of memory. */
int replay_push(replay_t *r, uint8_t buttons);
/* The assists change before input tick `tick` (r->count while recording):
 * at tick 0 they are the start's. Returns 0, or -1 when the changes are full
 * or tick goes back. A change to what is already set is not recorded. */
int replay_set_assists(replay_t *r, int32_t tick, const game_assists_t *a);
/* The assists in force for input tick `tick`. */
game_assists_t replay_assists_at(const replay_t *r, int32_t tick);

/* Serialises to text; returns a malloc'd NUL-terminated buffer (free() it). */
char *replay_write(const replay_t *r, size_t *len_out);
/* Parses text; on failure returns NULL and fills err as "line:col: message". */
replay_t *replay_parse(const char *buf, size_t len, char *err, size_t err_cap);

#endif
