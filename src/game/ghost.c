#include "game/ghost.h"

#include <stdio.h>
#include <stdlib.h>

ghost_t *ghost_create(const level_t *lv, replay_t *r, char *note, size_t note_cap)
{
    if (!r) {
        snprintf(note, note_cap, "no run to race");
        return NULL;
    }
    if (r->level_hash != level_hash(lv)) {
        snprintf(note, note_cap, "the ghost was recorded on another version of this level");
        replay_destroy(r);
        return NULL;
    }
    if (r->rules != GAME_RULES_VERSION) {
        snprintf(note, note_cap,
                 "the ghost was recorded under other rules (version %u; this game plays %d)",
                 (unsigned)r->rules, GAME_RULES_VERSION);
        replay_destroy(r);
        return NULL;
    }
    ghost_t *g = malloc(sizeof *g);
    if (!g) {
        snprintf(note, note_cap, "no memory for the ghost");
        replay_destroy(r);
        return NULL;
    }
    g->replay = r;
    g->game.level = lv;
    g->note[0] = '\0';
    game_init(&g->game, lv);
    ghost_restart(g);
    return g;
}

void ghost_destroy(ghost_t *g)
{
    if (!g) return;
    replay_destroy(g->replay);
    free(g);
}

void ghost_restart(ghost_t *g)
{
    game_init(&g->game, g->game.level);
    g->at = 0;
    g->next_check = 0;
    g->dropped = false;
    g->note[0] = '\0';
}

bool ghost_step(ghost_t *g)
{
    if (g->dropped) return false;
    if (g->game.status != GAME_PLAYING) return true;
    const replay_t *r = g->replay;
    input_t in = {g->at < r->count ? r->inputs[g->at] : 0};
    game_tick(&g->game, &in);
    g->at++;
    /* The hashes it recorded, checked as it goes: a run that no longer
     * plays the same is not raced. */
    while (g->next_check < r->check_count && r->checks[g->next_check].tick <= g->at) {
        const replay_check_t *c = &r->checks[g->next_check++];
        if (c->tick == g->at && c->hash != game_state_hash(&g->game)) {
            snprintf(g->note, sizeof g->note,
                     "the ghost's run no longer plays the same (from %d.%02d s in)",
                     (int)(g->at / GAME_TICK_HZ), (int)(g->at % GAME_TICK_HZ * 100 / 60));
            g->dropped = true;
            return false;
        }
    }
    return true;
}

bool ghost_follow(ghost_t *g, const game_t *live)
{
    /* Bounded: a clock starts by itself within GAME_CALL_WAIT (or the
     * count-in's) ticks, so a catch-up is at most that and the live run's
     * length (a ghost asked for mid-run). */
    const int64_t most = (int64_t)live->tick + live->ticks_run + GAME_CALL_WAIT + GAME_COUNT_IN + 2;
    for (int64_t n = 0; n <= most && !g->dropped && g->game.status == GAME_PLAYING; n++) {
        bool behind = live->clock_running
                          ? g->game.ticks_run < live->ticks_run
                          : !g->game.clock_running && (int64_t)g->at < (int64_t)live->tick;
        if (!behind) break;
        if (!ghost_step(g)) return false;
    }
    return !g->dropped;
}

const ent_t *ghost_harry(const ghost_t *g)
{
    return g->dropped ? NULL : game_harry(&g->game);
}
