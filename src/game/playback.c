#include "game/playback.h"

#include <inttypes.h>
#include <stdio.h>

static void push_check(replay_t *r, int32_t tick, uint64_t hash)
{
    if (r->check_count >= REPLAY_MAX_CHECKS) return;
    r->checks[r->check_count].tick = tick;
    r->checks[r->check_count++].hash = hash;
}

void playback_assists(const replay_t *r, game_t *g, int32_t i, int32_t *next)
{
    if (i == 0) game_set_assists(g, &r->assists);
    while (*next < r->change_count && r->changes[*next].tick <= i) {
        game_set_assists(g, &r->changes[*next].assists);
        (*next)++;
    }
}

void playback_seal(replay_t *r, const level_t *lv, game_t *g)
{
    game_init(g, lv);
    r->rules = GAME_RULES_VERSION;
    r->check_count = 0;
    int32_t change = 0;
    game_set_assists(g, &r->assists);
    for (int32_t i = 0; i < r->count; i++) {
        playback_assists(r, g, i, &change);
        input_t in = {r->inputs[i]};
        game_tick(g, &in);
        if ((i + 1) % REPLAY_CHECK_EVERY == 0 && i + 1 < r->count)
            push_check(r, i + 1, game_state_hash(g));
    }
    push_check(r, r->count, game_state_hash(g));
}

playback_status_t playback_run(const replay_t *r, const level_t *lv, game_t *g, char *err,
                               size_t err_cap)
{
    uint64_t lh = level_hash(lv);
    if (r->level_hash != lh) {
        snprintf(err, err_cap,
                 "it was recorded on another version of the level (the level's play hash is "
                 "%016" PRIx64 ", the replay's %016" PRIx64
                 "); the level changed, so record the replay again",
                 lh, r->level_hash);
        return PLAYBACK_OTHER_LEVEL;
    }
    if (r->rules != GAME_RULES_VERSION) {
        snprintf(err, err_cap,
                 "it was recorded under version %u of the rules and this game plays version "
                 "%d; the rules changed, so record the replay again",
                 (unsigned)r->rules, GAME_RULES_VERSION);
        return PLAYBACK_OTHER_RULES;
    }
    game_init(g, lv);
    game_set_assists(g, &r->assists);
    int32_t next = 0, matched = 0, change = 0;
    for (int32_t i = 0; i <= r->count; i++) {
        while (next < r->check_count && r->checks[next].tick == i) {
            uint64_t h = game_state_hash(g);
            if (h != r->checks[next].hash) {
                snprintf(err, err_cap,
                         "it drifts from the game at tick %d (%d.%02d s in; it still matched at "
                         "tick %d): the state hash is %016" PRIx64
                         " where the replay recorded %016" PRIx64
                         "; the rules or the level play differently now, so record it again",
                         (int)i, (int)(i / GAME_TICK_HZ), (int)(i % GAME_TICK_HZ * 100 / 60),
                         (int)matched, h, r->checks[next].hash);
                return PLAYBACK_DRIFT;
            }
            matched = i;
            next++;
        }
        if (i == r->count) break;
        playback_assists(r, g, i, &change);
        input_t in = {r->inputs[i]};
        game_tick(g, &in);
    }
    /* After the recorded inputs end, Harry stands still until the clock
     * decides; with no-fail on it never would, so the run ends there. */
    input_t none = {0};
    while (g->status == GAME_PLAYING && !g->assists.no_fail) game_tick(g, &none);
    return PLAYBACK_OK;
}
