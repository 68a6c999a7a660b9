#include "platform/race.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/files.h"
#include "game/playback.h"
#include "game/solver.h"
#include "platform/ghost_file.h"
#include "platform/settings.h"

void race_init(race_t *r)
{
    memset(r, 0, sizeof *r);
}

void race_free(race_t *r)
{
    ghost_destroy(r->ghost);
    replay_destroy(r->rec);
    race_init(r);
}

static void load_ghost(race_t *r)
{
    ghost_destroy(r->ghost);
    r->ghost = NULL;
    r->note[0] = '\0';
    r->note_new = false;
    const char *path = r->ghost_mode == SETTINGS_GHOST_BEST     ? r->best_path
                       : r->ghost_mode == SETTINGS_GHOST_EXPERT ? r->expert_path
                                                                : "";
    if (!path[0]) return;
    char err[600];
    /* None kept yet (no best, no expert run for this level): no ghost, and
     * nothing to say. */
    if (!files_exists(path)) return;
    replay_t *rp = ghost_file_load(path, err, sizeof err);
    if (!rp) {
        snprintf(r->note, sizeof r->note, "Ghost left out: %s", err);
        return;
    }
    r->ghost = ghost_create(r->level, rp, err, sizeof err);
    if (!r->ghost) snprintf(r->note, sizeof r->note, "Ghost left out: %s", err);
    r->loaded = r->ghost != NULL;
}

void race_begin(race_t *r, const level_t *lv, int ghost_mode, const char *best_path,
                const char *expert_path)
{
    ghost_destroy(r->ghost);
    r->ghost = NULL;
    replay_destroy(r->rec);
    r->level = lv;
    r->ghost_mode = ghost_mode;
    snprintf(r->best_path, sizeof r->best_path, "%s", best_path ? best_path : "");
    snprintf(r->expert_path, sizeof r->expert_path, "%s", expert_path ? expert_path : "");
    r->rec = replay_create(level_hash(lv));
    medal_run_clear(&r->run);
    r->reload = false;
    load_ghost(r);
}

void race_restart(race_t *r)
{
    if (!r->level) return;
    if (r->rec) replay_clear(r->rec);
    medal_run_clear(&r->run);
    if (r->reload) {
        r->reload = false;
        load_ghost(r);
    } else if (r->ghost) {
        ghost_restart(r->ghost);
    }
}

/* The ghost brought on with the live game (ghost_follow); one that drifts
 * is left out, with a note. */
static void follow_ghost(race_t *r, const game_t *live)
{
    if (!r->ghost || ghost_follow(r->ghost, live)) return;
    snprintf(r->note, sizeof r->note, "Ghost left out: %s", r->ghost->note);
    r->note_new = true;
    ghost_destroy(r->ghost);
    r->ghost = NULL;
}

void race_tick(race_t *r, const game_t *g, const input_t *in)
{
    if (!r->level) return;
    if (r->rec && replay_push(r->rec, in->buttons) < 0) {
        replay_destroy(r->rec); /* an hour's run: too long to keep as a ghost */
        r->rec = NULL;
    }
    medal_run_events(&r->run, g);
    follow_ghost(r, g);
}

void race_set_mode(race_t *r, int ghost_mode, const game_t *live)
{
    if (!r->level) return;
    r->ghost_mode = ghost_mode;
    r->reload = false;
    load_ghost(r);
    follow_ghost(r, live);
    if (r->note[0]) r->note_new = true;
}

const game_t *race_ghost_game(const race_t *r)
{
    return r->ghost ? &r->ghost->game : NULL;
}

bool race_finish(race_t *r, const game_t *g, save_t *save, const char *id, race_result_t *out,
                 char *err, size_t err_cap)
{
    memset(out, 0, sizeof *out);
    if (err_cap) err[0] = '\0';
    medal_times_t mt;
    medal_times(g->level, &mt);
    const save_entry_t *e = save_entry(save, id);
    out->best_before = e ? e->best_ticks : 0;
    if (e && e->best_ticks > 0) {
        out->best_split_count = e->split_count;
        memcpy(out->best_splits, e->splits, sizeof out->best_splits);
    }
    out->closest_before = save_closest(save, id);
    out->closest = out->closest_before;
    out->walk_left = -1;
    out->split_count = r->run.split_count;
    memcpy(out->splits, r->run.splits, sizeof out->splits);
    memcpy(out->split_kinds, r->run.kinds, sizeof out->split_kinds);
    out->won = g->status == GAME_WON;
    out->used = game_ticks_used(g);
    bool ok = true;
    if (g->assisted) {
        /* With assists: a best of its own, kept apart; no splits, no
         * closest attempt and no ghost of it (those are the unassisted
         * runs'); its medal kept as an assisted one (medal_kept). */
        out->best_before = save_best_assisted(save, id);
        medal_t kept_before = medal_kept(&mt, save_best(save, id), out->best_before, NULL);
        out->best_split_count = 0;
        out->split_count = 0; /* no splits kept to race against */
        if (out->won) {
            out->medal = medal_of(&mt, out->used);
            int rec = save_record_assisted(save, id, out->used);
            out->save_full = rec < 0;
            out->new_best = rec == 1;
            out->saved_changed = rec == 1;
        } else {
            out->walk_left = solver_ticks_to_julie(g);
        }
        out->closest = save_closest(save, id);
        out->best_medal = medal_kept(&mt, save_best(save, id), save_best_assisted(save, id),
                                     &out->best_medal_assisted);
        /* New only when it is the medal the level now keeps. */
        out->new_medal = out->new_best && out->best_medal_assisted && out->best_medal > kept_before;
        return true;
    }
    if (out->won) {
        out->medal = medal_of(&mt, out->used);
        int rec = save_record(save, id, out->used);
        out->save_full = rec < 0;
        out->new_best = rec == 1;
        out->new_medal = out->new_best && out->medal > medal_of(&mt, out->best_before);
        if (out->new_best) {
            save_set_splits(save, id, r->run.split_count, r->run.splits);
            out->saved_changed = true;
            /* The run as a ghost: sealed with the state hashes it gives now,
             * so a later game can tell when it no longer plays the same. */
            if (r->rec && r->best_path[0] && r->rec->count > 0) {
                game_t *scratch = malloc(sizeof *scratch);
                if (scratch) {
                    r->rec->options = g->options;
                    playback_seal(r->rec, g->level, scratch);
                    free(scratch);
                    ok = ghost_file_store(r->best_path, r->rec, err, err_cap);
                    r->reload = ok && r->ghost_mode == SETTINGS_GHOST_BEST;
                } else {
                    snprintf(err, err_cap, "out of memory");
                    ok = false;
                }
            }
        }
    } else {
        out->walk_left = solver_ticks_to_julie(g);
        if (out->walk_left >= 0 && save_record_closest(save, id, out->walk_left) == 1)
            out->saved_changed = true;
    }
    out->closest = save_closest(save, id);
    out->best_medal = medal_kept(&mt, save_best(save, id), save_best_assisted(save, id),
                                 &out->best_medal_assisted);
    return ok;
}
