/* Medals, the splits of a run, how close a lost run came, and ghosts: a
 * best run kept on disk plays back in step with a new run, Harry where the
 * recording had him tick by tick, and a stale one is dropped. Run with the
 * campaign's folders: test_ghost LEVELS REPLAYS TMPDIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/files.h"
#include "game/game.h"
#include "game/ghost.h"
#include "game/medal.h"
#include "game/replay.h"
#include "game/solver.h"
#include "level/level.h"
#include "platform/ghost_file.h"
#include "platform/race.h"
#include "platform/settings.h"

static const char *levels_dir, *replays_dir, *tmp_dir;

static level_t *load_level(const char *name)
{
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s/%s.mml", levels_dir, name);
    size_t len = 0;
    char *buf = files_read(path, 1 << 20, &len, err, sizeof err);
    if (!buf) fail_msg("%s", err);
    level_diags_t d;
    level_t *lv = level_parse(buf, len, &d);
    free(buf);
    if (!lv) fail_msg("%s: %s", path, d.items[0].message);
    return lv;
}

static replay_t *load_replay(const char *name)
{
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s/%s.replay", replays_dir, name);
    replay_t *r = ghost_file_load(path, err, sizeof err);
    if (!r) fail_msg("%s", err);
    return r;
}

static void test_medal_of(void **state)
{
    (void)state;
    int32_t m[LEVEL_MEDALS] = {25, 22, 20};
    medal_times_t t;
    medal_times_of(29, 20, m, 1123, &t);
    assert_int_equal(medal_of(&t, 0), MEDAL_NONE);
    assert_int_equal(medal_of(&t, 25 * 60 + 1), MEDAL_NONE);
    assert_int_equal(medal_of(&t, 25 * 60), MEDAL_BRONZE);
    assert_int_equal(medal_of(&t, 22 * 60 + 1), MEDAL_BRONZE);
    assert_int_equal(medal_of(&t, 22 * 60), MEDAL_SILVER);
    assert_int_equal(medal_of(&t, 20 * 60), MEDAL_GOLD);
    assert_int_equal(medal_of(&t, 1123), MEDAL_GOLD); /* as fast as the expert is not faster */
    assert_int_equal(medal_of(&t, 1122), MEDAL_EXPERT);
    assert_int_equal(medal_next_ticks(&t, MEDAL_SILVER), 20 * 60);
    assert_int_equal(medal_next_ticks(&t, MEDAL_GOLD), 1122);
    assert_int_equal(medal_next_ticks(&t, MEDAL_EXPERT), 0);
    assert_string_equal(medal_name(MEDAL_EXPERT), "expert");
    /* No expert: no fourth medal. */
    medal_times_of(29, 20, m, 0, &t);
    assert_int_equal(medal_of(&t, 1), MEDAL_GOLD);
    assert_int_equal(medal_next_ticks(&t, MEDAL_GOLD), 0);
    /* The medal a level keeps: an assisted run's only while no unassisted
     * run earned one; an unassisted medal wins even over a better one. */
    bool with = true;
    assert_int_equal(medal_kept(&t, 0, 0, &with), MEDAL_NONE);
    assert_false(with);
    assert_int_equal(medal_kept(&t, 0, 20 * 60, &with), MEDAL_GOLD);
    assert_true(with);
    assert_int_equal(medal_kept(&t, 25 * 60, 20 * 60, &with), MEDAL_BRONZE);
    assert_false(with);
    assert_int_equal(medal_kept(&t, 26 * 60, 22 * 60, &with),
                     MEDAL_SILVER); /* no unassisted medal */
    assert_true(with);
    assert_int_equal(medal_kept(&t, 20 * 60, 0, NULL), MEDAL_GOLD);
    /* The default from the par. */
    medal_times_of(29, 20, NULL, 0, &t);
    assert_int_equal(t.ticks[LEVEL_MEDAL_GOLD], 20 * 60);
    assert_int_equal(t.ticks[LEVEL_MEDAL_SILVER], 23 * 60);
    assert_int_equal(t.ticks[LEVEL_MEDAL_BRONZE], 26 * 60);
}

/* The shipped expert runs earn gold on every campaign level (they are at
 * the level's 'expert' time, not faster), and their splits come in order. */
static void test_campaign_experts_earn_gold(void **state)
{
    (void)state;
    static const char *const names[] = {"01-tar-pits", "02-payphone", "05-park-la-brea",
                                        "09-rooftop"};
    game_t *g = malloc(sizeof *g);
    assert_non_null(g);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        level_t *lv = load_level(names[i]);
        replay_t *r = load_replay(names[i]);
        medal_run_t run;
        medal_run_clear(&run);
        game_init(g, lv);
        for (int32_t t = 0; g->status == GAME_PLAYING; t++) {
            input_t in = {t < r->count ? r->inputs[t] : 0};
            game_tick(g, &in);
            medal_run_events(&run, g);
        }
        assert_int_equal(g->status, GAME_WON);
        medal_times_t mt;
        medal_times(lv, &mt);
        assert_int_equal(game_ticks_used(g), lv->expert_ticks);
        assert_int_equal(medal_of(&mt, game_ticks_used(g)), MEDAL_GOLD);
        for (int32_t k = 1; k < run.split_count; k++)
            assert_true(run.splits[k] >= run.splits[k - 1]);
        for (int32_t k = 0; k < run.split_count; k++)
            assert_true(run.splits[k] <= game_ticks_used(g));
        replay_destroy(r);
        level_free(lv);
    }
    free(g);
}

/* Park La Brea has two keys: two splits at least, at the keys. */
static void test_splits_at_keys(void **state)
{
    (void)state;
    level_t *lv = load_level("05-park-la-brea");
    replay_t *r = load_replay("05-park-la-brea");
    game_t *g = malloc(sizeof *g);
    assert_non_null(g);
    medal_run_t run;
    medal_run_clear(&run);
    game_init(g, lv);
    int32_t keys = 0;
    for (int32_t t = 0; g->status == GAME_PLAYING; t++) {
        input_t in = {t < r->count ? r->inputs[t] : 0};
        game_tick(g, &in);
        for (int32_t e = 0; e < g->event_count; e++) keys += g->events[e].type == EV_KEY;
        medal_run_events(&run, g);
    }
    assert_int_equal(keys, 2);
    assert_true(run.split_count >= 2);
    free(g);
    replay_destroy(r);
    level_free(lv);
}

/* How close a lost run came: standing still at the start of the tar pits
 * leaves the whole walk, the same as the shortest path from Harry's start;
 * one that walked most of the way leaves less. */
static void test_walk_left(void **state)
{
    (void)state;
    level_t *lv = load_level("01-tar-pits");
    game_t *g = malloc(sizeof *g);
    assert_non_null(g);
    game_init(g, lv);
    input_t none = {0};
    while (g->status == GAME_PLAYING) game_tick(g, &none);
    assert_int_equal(g->status, GAME_LOST);
    int32_t all = solver_ticks_to_julie(g);
    solver_path_t p;
    assert_true(
        solver_find_path(lv, lv->harry_tx, lv->harry_ty, lv->julie_tx, lv->julie_ty, NULL, &p));
    assert_int_equal(all, solver_walk_ticks(p.cost));
    solver_path_free(&p);
    /* The expert's inputs cut off two seconds before the end: closer. */
    replay_t *r = load_replay("01-tar-pits");
    game_init(g, lv);
    for (int32_t t = 0; t < lv->expert_ticks - 120 && g->status == GAME_PLAYING; t++) {
        input_t in = {r->inputs[t]};
        game_tick(g, &in);
    }
    int32_t near = solver_ticks_to_julie(g);
    assert_true(near > 0);
    assert_true(near < all / 4);
    replay_destroy(r);
    free(g);
    level_free(lv);
}

/* A best run written beside the save and read back plays in step with a
 * new run of the level: its Harry stands, tick by tick, where the
 * recording's did, whatever the live Harry does. */
static void test_ghost_in_step(void **state)
{
    (void)state;
    level_t *lv = load_level("02-payphone");
    replay_t *rec = load_replay("02-payphone");
    /* The recording, as it played. */
    game_t *g = malloc(sizeof *g);
    assert_non_null(g);
    game_init(g, lv);
    int32_t n = 0, cap = 4096;
    vec_t *pos = malloc((size_t)cap * sizeof *pos);
    assert_non_null(pos);
    while (g->status == GAME_PLAYING && n < cap) {
        input_t in = {n < rec->count ? rec->inputs[n] : 0};
        game_tick(g, &in);
        pos[n++] = game_harry(g)->pos;
    }
    assert_int_equal(g->status, GAME_WON);
    /* Kept as the save keeps it, atomically beside it, and read back. */
    char save_path[1024], path[1024], err[512];
    snprintf(save_path, sizeof save_path, "%s/save.txt", tmp_dir);
    ghost_file_path(save_path, "02-payphone.mml", path, sizeof path);
    assert_non_null(strstr(path, "/ghost-"));
    assert_true(ghost_file_store(path, rec, err, sizeof err));
    replay_destroy(rec);
    replay_t *back = ghost_file_load(path, err, sizeof err);
    assert_non_null(back);
    ghost_t *gh = ghost_create(lv, back, err, sizeof err);
    if (!gh) fail_msg("%s", err);
    /* A new run: the live Harry walks left and the ghost runs its race. */
    game_init(g, lv);
    for (int32_t t = 0; t < n; t++) {
        input_t in = {INPUT_LEFT};
        game_tick(g, &in);
        assert_true(ghost_step(gh));
        const ent_t *h = ghost_harry(gh);
        assert_non_null(h);
        if (h->pos.x != pos[t].x || h->pos.y != pos[t].y)
            fail_msg("tick %d: the ghost at %d,%d, the recording at %d,%d", (int)t, (int)h->pos.x,
                     (int)h->pos.y, (int)pos[t].x, (int)pos[t].y);
    }
    assert_int_equal(gh->game.status, GAME_WON);
    /* It waits where it won; a retry starts it again. */
    assert_true(ghost_step(gh));
    assert_int_equal(ghost_harry(gh)->pos.x, pos[n - 1].x);
    ghost_restart(gh);
    assert_true(ghost_step(gh));
    assert_int_equal(ghost_harry(gh)->pos.x, pos[0].x);
    ghost_destroy(gh);
    free(pos);
    free(g);
    level_free(lv);
}

/* A ghost of another version of the level, or of other rules, is refused
 * in words; one that drifts from its recorded hashes is dropped there. */
static void test_stale_ghost_dropped(void **state)
{
    (void)state;
    level_t *lv = load_level("01-tar-pits");
    char note[200];
    /* The level changed: one tile. */
    level_t *changed = load_level("01-tar-pits");
    changed->tiles[changed->w + 1] =
        changed->tiles[changed->w + 1] == TILE_GRASS ? (uint8_t)TILE_SIDEWALK : (uint8_t)TILE_GRASS;
    assert_null(ghost_create(changed, load_replay("01-tar-pits"), note, sizeof note));
    assert_non_null(strstr(note, "another version of this level"));
    /* Other rules. */
    replay_t *r = load_replay("01-tar-pits");
    r->rules = GAME_RULES_VERSION + 1;
    assert_null(ghost_create(lv, r, note, sizeof note));
    assert_non_null(strstr(note, "other rules"));
    /* Drift: a recorded hash that the run no longer gives. */
    r = load_replay("01-tar-pits");
    assert_true(r->check_count > 3);
    r->checks[2].hash ^= 1;
    int32_t at = r->checks[2].tick;
    ghost_t *gh = ghost_create(lv, r, note, sizeof note);
    assert_non_null(gh);
    int32_t t = 0;
    while (ghost_step(gh)) t++;
    assert_int_equal(t + 1, at);
    assert_null(ghost_harry(gh));
    assert_non_null(strstr(gh->note, "no longer plays the same"));
    ghost_destroy(gh);
    /* A damaged file is no ghost, and says why. */
    char path[1024];
    snprintf(path, sizeof path, "%s/ghost-damaged.replay", tmp_dir);
    assert_true(files_write_atomic(path, "miraclemile-replay 2\nrubbish\n", 29, note, sizeof note));
    assert_null(ghost_file_load(path, note, sizeof note));
    assert_true(strlen(note) > 0);
    snprintf(path, sizeof path, "%s/ghost-none.replay", tmp_dir);
    assert_null(ghost_file_load(path, note, sizeof note));
    level_free(changed);
    level_free(lv);
}

/* Plays a level through race_tick with the inputs of r (none: standing). */
static void play(race_t *race, game_t *g, const replay_t *r, int32_t max_ticks)
{
    for (int32_t t = 0; g->status == GAME_PLAYING && t < max_ticks; t++) {
        input_t in = {r && t < r->count ? r->inputs[t] : 0};
        game_tick(g, &in);
        race_tick(race, g, &in);
    }
}

/* A level raced as the app races it: the first win is a best with its
 * medal and splits, kept as the ghost file; the next try races that ghost;
 * a loss says how far from Julie and keeps the closest; a changed level
 * leaves the ghost out with a note. */
static void test_race(void **state)
{
    (void)state;
    level_t *lv = load_level("02-payphone");
    replay_t *expert = load_replay("02-payphone");
    static save_t save;
    save_init(&save);
    char save_path[1024], best[1024], err[512];
    snprintf(save_path, sizeof save_path, "%s/race-save.txt", tmp_dir);
    ghost_file_path(save_path, "02-payphone.mml", best, sizeof best);
    remove(best);
    race_t race;
    race_init(&race);
    race_begin(&race, lv, SETTINGS_GHOST_BEST, best, NULL);
    assert_null(race_ghost_game(&race)); /* nothing kept yet, and nothing said */
    assert_string_equal(race.note, "");
    game_t *g = malloc(sizeof *g);
    assert_non_null(g);
    /* A loss first: standing still. */
    game_init(g, lv);
    play(&race, g, NULL, 1 << 20);
    assert_int_equal(g->status, GAME_LOST);
    race_result_t res;
    assert_true(race_finish(&race, g, &save, "02-payphone.mml", &res, err, sizeof err));
    assert_false(res.won);
    assert_true(res.walk_left > 0);
    assert_int_equal(res.closest, res.walk_left);
    assert_int_equal(res.closest_before, -1);
    assert_true(res.saved_changed);
    int32_t far = res.walk_left;
    /* The expert's inputs: a win, gold, the best, the ghost kept. */
    race_restart(&race);
    game_init(g, lv);
    play(&race, g, expert, 1 << 20);
    assert_int_equal(g->status, GAME_WON);
    assert_true(race_finish(&race, g, &save, "02-payphone.mml", &res, err, sizeof err));
    assert_true(res.won && res.new_best && res.new_medal);
    assert_int_equal(res.medal, MEDAL_GOLD);
    assert_int_equal(res.used, lv->expert_ticks);
    assert_int_equal(res.best_before, 0);
    assert_true(res.split_count >= 1); /* the payphone's call */
    assert_int_equal(save_best(&save, "02-payphone.mml"), lv->expert_ticks);
    assert_int_equal(save_entry(&save, "02-payphone.mml")->split_count, res.split_count);
    assert_true(files_exists(best));
    /* A retry races it, clock to clock: a player who takes the expert's
     * steps half a second later has the ghost beside them from the moment
     * their clock starts (the call answered); before that, the ghost walks
     * to the phone, answers and waits there. */
    race_restart(&race);
    assert_non_null(race_ghost_game(&race));
    game_init(g, lv);
    enum { LATE = 30 };
    int32_t held = 0;
    for (int32_t t = 0; t < 900; t++) {
        int32_t e = t - LATE;
        input_t in = {e >= 0 && e < expert->count ? expert->inputs[e] : 0};
        game_tick(g, &in);
        race_tick(&race, g, &in);
        const game_t *gg = race_ghost_game(&race);
        assert_non_null(gg);
        if (g->clock_running) {
            assert_int_equal(gg->ticks_run, g->ticks_run);
            assert_int_equal(game_harry(gg)->pos.x, game_harry(g)->pos.x);
            assert_int_equal(game_harry(gg)->pos.y, game_harry(g)->pos.y);
        } else {
            assert_true(gg->ticks_run <= 1);
            if (gg->clock_running) held++;
        }
    }
    assert_true(g->clock_running);
    assert_int_equal(held, LATE); /* the ghost waited for the player's clock */
    /* Cut short, lost: closer than standing still; the closest kept. */
    race_restart(&race);
    game_init(g, lv);
    play(&race, g, expert, lv->expert_ticks - 90);
    input_t none = {0};
    while (g->status == GAME_PLAYING) {
        game_tick(g, &none);
        race_tick(&race, g, &none);
    }
    assert_int_equal(g->status, GAME_LOST);
    {
        assert_true(race_finish(&race, g, &save, "02-payphone.mml", &res, err, sizeof err));
        assert_true(res.walk_left < far);
        assert_int_equal(res.closest, res.walk_left);
        assert_int_equal(res.closest_before, far);
        assert_int_equal(res.best_before, lv->expert_ticks);
        assert_int_equal(res.best_split_count, save_entry(&save, "02-payphone.mml")->split_count);
    }
    race_free(&race);
    /* The level changed since: the ghost is left out, and the note says so. */
    level_t *changed = load_level("02-payphone");
    changed->time_s += 1;
    race_init(&race);
    race_begin(&race, changed, SETTINGS_GHOST_BEST, best, NULL);
    assert_null(race_ghost_game(&race));
    assert_non_null(strstr(race.note, "another version of this level"));
    race_free(&race);
    /* The expert's ghost, from the shipped runs. */
    char expert_path[1024];
    ghost_file_expert_path(replays_dir, "levels/02-payphone.mml", expert_path, sizeof expert_path);
    assert_non_null(strstr(expert_path, "/replays/02-payphone.replay"));
    race_init(&race);
    race_begin(&race, lv, SETTINGS_GHOST_OFF, best, NULL);
    assert_null(race_ghost_game(&race));
    race_free(&race);
    level_free(changed);
    replay_destroy(expert);
    free(g);
    level_free(lv);
}

/* A run with assists keeps a best of its own: the unassisted best, its
 * splits and its ghost file stay as they were, and nothing of the assisted
 * run is kept as a ghost. */
static void test_race_with_assists(void **state)
{
    (void)state;
    level_t *lv = load_level("02-payphone");
    replay_t *expert = load_replay("02-payphone");
    static save_t save;
    save_init(&save);
    char save_path[1024], best[1024], err[512];
    snprintf(save_path, sizeof save_path, "%s/race-assisted-save.txt", tmp_dir);
    ghost_file_path(save_path, "02-payphone.mml", best, sizeof best);
    remove(best);
    race_t race;
    race_init(&race);
    race_begin(&race, lv, SETTINGS_GHOST_BEST, best, NULL);
    game_t *g = malloc(sizeof *g);
    assert_non_null(g);
    game_init(g, lv);
    game_assists_t a = {70, 10, false, true};
    game_set_assists(g, &a);
    play(&race, g, expert, 1 << 20);
    assert_int_equal(g->status, GAME_WON);
    race_result_t res;
    assert_true(race_finish(&race, g, &save, "02-payphone.mml", &res, err, sizeof err));
    assert_true(res.won && res.new_best && res.saved_changed);
    assert_int_equal(res.split_count, 0);
    /* Its medal is kept, as an assisted one, and is new. */
    assert_int_equal(res.medal, MEDAL_GOLD);
    assert_int_equal(res.best_medal, MEDAL_GOLD);
    assert_true(res.best_medal_assisted && res.new_medal);
    assert_int_equal(save_best_assisted(&save, "02-payphone.mml"), res.used);
    assert_int_equal(save_best(&save, "02-payphone.mml"), 0); /* never won unassisted */
    assert_true(save_won(&save, "02-payphone.mml"));
    assert_false(files_exists(best)); /* no ghost of an assisted run */
    /* A slower assisted win is no new assisted best, and touches nothing. */
    race_restart(&race);
    game_init(g, lv);
    game_set_assists(g, &a);
    input_t wait = {0};
    for (int i = 0; i < 30; i++) game_tick(g, &wait);
    play(&race, g, expert, 1 << 20);
    if (g->status == GAME_WON) {
        assert_true(race_finish(&race, g, &save, "02-payphone.mml", &res, err, sizeof err));
        assert_false(res.new_best || res.new_medal);
        assert_int_equal(res.best_before, save_best_assisted(&save, "02-payphone.mml"));
        assert_true(res.best_medal_assisted);
    }
    /* An unassisted win then keeps its own medal, unmarked, over the
     * assisted one. */
    race_restart(&race);
    game_init(g, lv);
    play(&race, g, expert, 1 << 20);
    assert_int_equal(g->status, GAME_WON);
    assert_true(race_finish(&race, g, &save, "02-payphone.mml", &res, err, sizeof err));
    assert_int_equal(res.best_medal, MEDAL_GOLD);
    assert_false(res.best_medal_assisted);
    assert_true(res.new_medal); /* the first unassisted one */
    free(g);
    race_free(&race);
    replay_destroy(expert);
    level_free(lv);
}

/* The ghost races the player's clock on a level with no call: whoever
 * waits longer in the ready beat, ghost or player, from the player's first
 * step the ghost's Harry is where its run had him that long after its own
 * clock started. (Not where the player's Harry is: the level's random
 * draws go on by the tick, so a run started later plays out a little
 * differently.) */
static void test_ghost_races_the_clock(void **state)
{
    (void)state;
    level_t *lv = load_level("01-tar-pits");
    replay_t *expert = load_replay("01-tar-pits");
    static game_t live, ref;
    static vec_t at[4096]; /* the ghost's run's Harry by its clock's ticks */
    char note[200];
    enum { WAIT = 60 }; /* within the count-in, so a first step starts the clock */
    for (int ghost_waits = 0; ghost_waits < 2; ghost_waits++) {
        replay_t *r = replay_create(level_hash(lv));
        assert_non_null(r);
        if (ghost_waits)
            for (int i = 0; i < WAIT; i++) assert_true(replay_push(r, 0) >= 0);
        for (int32_t i = 0; i < expert->count; i++)
            assert_true(replay_push(r, expert->inputs[i]) >= 0);
        game_init(&ref, lv);
        int32_t ref_run = 0;
        for (int32_t t = 0; ref.status == GAME_PLAYING && t < r->count; t++) {
            input_t in = {r->inputs[t]};
            game_tick(&ref, &in);
            assert_true(ref.ticks_run < 4096);
            /* (the tick that ends a run does not run the clock) */
            if (ref.clock_running && ref.status == GAME_PLAYING)
                at[ref_run = ref.ticks_run] = game_harry(&ref)->pos;
        }
        ghost_t *gh = ghost_create(lv, r, note, sizeof note);
        assert_non_null(gh);
        game_init(&live, lv);
        int32_t late = ghost_waits ? 0 : WAIT, side_by_side = 0;
        for (int32_t t = 0; live.status == GAME_PLAYING && t < expert->count + WAIT; t++) {
            int32_t e = t - late;
            input_t in = {e >= 0 && e < expert->count ? expert->inputs[e] : 0};
            game_tick(&live, &in);
            assert_true(ghost_follow(gh, &live));
            if (!live.clock_running) {
                assert_true(gh->game.ticks_run <= 1);
                continue;
            }
            /* the end of either run: the ghost waits where it won */
            if (live.status != GAME_PLAYING || live.ticks_run > ref_run) break;
            assert_int_equal(gh->game.ticks_run, live.ticks_run);
            assert_int_equal(ghost_harry(gh)->pos.x, at[live.ticks_run].x);
            assert_int_equal(ghost_harry(gh)->pos.y, at[live.ticks_run].y);
            side_by_side++;
        }
        assert_true(side_by_side > 100);
        ghost_destroy(gh);
    }
    replay_destroy(expert);
    level_free(lv);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: test_ghost LEVELS REPLAYS TMPDIR\n");
        return 2;
    }
    levels_dir = argv[1];
    replays_dir = argv[2];
    tmp_dir = argv[3];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_medal_of),
        cmocka_unit_test(test_campaign_experts_earn_gold),
        cmocka_unit_test(test_splits_at_keys),
        cmocka_unit_test(test_walk_left),
        cmocka_unit_test(test_ghost_in_step),
        cmocka_unit_test(test_stale_ghost_dropped),
        cmocka_unit_test(test_race),
        cmocka_unit_test(test_ghost_races_the_clock),
        cmocka_unit_test(test_race_with_assists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
