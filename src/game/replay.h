/* Recorded inputs, one per tick, tied to the level and the rules they were
 * made under, with hashes of the game state along the way so that a replay
 * that no longer plays the same is caught at the first tick where it drifts. */
#ifndef MM_REPLAY_H
#define MM_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REPLAY_FORMAT_VERSION 2
/* An hour of play at 60 ticks a second. */
#define REPLAY_MAX_TICKS (3600 * 60)
/* A state hash every second of play, and one after the last tick: a drift
 * is named to the second it starts in. */
#define REPLAY_CHECK_EVERY 60
#define REPLAY_MAX_CHECKS (REPLAY_MAX_TICKS / REPLAY_CHECK_EVERY + 2)

typedef struct replay_check {
    int32_t tick; /* the state after this many ticks */
    uint64_t hash;
} replay_check_t;

typedef struct replay {
    uint32_t rules;   /* GAME_RULES_VERSION when it was recorded */
    uint32_t options; /* what changes the simulation (assists); 0 for none */
    uint64_t level_hash;
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

/* Serialises to text; returns a malloc'd NUL-terminated buffer (free() it). */
char *replay_write(const replay_t *r, size_t *len_out);
/* Parses text; on failure returns NULL and fills err as "line:col: message". */
replay_t *replay_parse(const char *buf, size_t len, char *err, size_t err_cap);

#endif
