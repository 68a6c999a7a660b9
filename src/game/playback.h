/* Replays against the rules: sealing a recording with state hashes, and
 * playing one back with every hash checked, so a replay that no longer plays
 * the same is named at the first tick where it drifts. */
#ifndef MM_PLAYBACK_H
#define MM_PLAYBACK_H

#include <stddef.h>

#include "game/game.h"
#include "game/replay.h"

typedef enum playback_status {
    PLAYBACK_OK,
    PLAYBACK_OTHER_LEVEL, /* recorded on another version of the level */
    PLAYBACK_OTHER_RULES, /* recorded under another version of the rules */
    PLAYBACK_DRIFT,       /* a state hash did not match */
} playback_status_t;

/* Plays r's inputs on lv from the start and stores the state hashes in r
 * (every REPLAY_CHECK_EVERY ticks and after the last input), with the
 * current rules version. g is scratch space the caller owns. */
void playback_seal(replay_t *r, const level_t *lv, game_t *g);

/* Plays r on lv (with its assists), checking every hash. On PLAYBACK_OK,
 * g holds the state after the inputs end and Harry stands still until the
 * clock decides (with no-fail on at the end: the state after the inputs,
 * still playing). On anything else err says what is wrong in a sentence. */
playback_status_t playback_run(const replay_t *r, const level_t *lv, game_t *g, char *err,
                               size_t err_cap);

/* Before input tick i of r (from 0, in order): the assists in force, the
 * start's at 0 and each change at its tick; next is the caller's cursor
 * into r->changes, 0 at the start. */
void playback_assists(const replay_t *r, game_t *g, int32_t i, int32_t *next);

#endif
