/* The assists, exactly as described: a slower clock in tenths, extra
 * seconds before the first tick, no-fail's overrun, hazards that only slow,
 * and replays that record them (with changes at their ticks) and play the
 * same; an unassisted run is untouched by any of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/game.h"
#include "game/kinds.h"
#include "game/night.h"
#include "game/playback.h"
#include "game/replay.h"
#include "level/level.h"

static level_t *parse3(const char *map, const char *objects, int time_s)
{
    char buf[16384];
    snprintf(buf, sizeof buf, "miraclemile-level 3\nname = T\ntime = %d\nmap\n%send\n%s", time_s,
             map, objects);
    level_diags_t d;
    level_t *lv = level_parse(buf, strlen(buf), &d);
    if (!lv)
        fail_msg("level did not parse: %d:%d %s", d.items[0].line, d.items[0].col,
                 d.items[0].message);
    return lv;
}

static game_t *start(const level_t *lv, const game_assists_t *a)
{
    game_t *g = calloc(1, sizeof *g);
    assert_non_null(g);
    game_init(g, lv);
    if (a) game_set_assists(g, a);
    return g;
}

static bool has_event(const game_t *g, game_event_type_t type)
{
    for (int32_t i = 0; i < g->event_count; i++)
        if (g->events[i].type == type) return true;
    return false;
}

static int32_t event_arg(const game_t *g, game_event_type_t type)
{
    for (int32_t i = 0; i < g->event_count; i++)
        if (g->events[i].type == type) return g->events[i].arg;
    return -1;
}

static void run(game_t *g, uint8_t buttons, int ticks)
{
    input_t in = {buttons};
    for (int i = 0; i < ticks; i++) game_tick(g, &in);
}

static game_assists_t assists(int clock, int extra, bool no_fail, bool soft)
{
    game_assists_t a = {clock, extra, no_fail, soft};
    return a;
}

static const char open_map[] = "....................\n"
                               ".H..................\n"
                               "....................\n"
                               "...................J\n";

static void test_none_is_the_game_as_designed(void **state)
{
    (void)state;
    game_assists_t none = game_assists_none();
    assert_false(game_assists_any(&none));
    level_t *lv = parse3(open_map, "", 20);
    game_t *a = start(lv, NULL), *b = start(lv, &none);
    assert_int_equal(a->assists.clock_pct, 100);
    assert_false(b->assisted);
    run(a, INPUT_RIGHT, 400);
    run(b, INPUT_RIGHT, 400);
    assert_memory_equal(a, b, sizeof *a);
    assert_true(game_state_hash(a) == game_state_hash(b));
    free(a);
    free(b);
    level_free(lv);
}

static void test_clamp_to_the_offered_steps(void **state)
{
    (void)state;
    game_assists_t c = game_assists_clamp(&(game_assists_t){37, 45, true, false});
    assert_int_equal(c.clock_pct, 50);
    assert_int_equal(c.extra_s, 30);
    c = game_assists_clamp(&(game_assists_t){77, 14, false, true});
    assert_int_equal(c.clock_pct, 70);
    assert_int_equal(c.extra_s, 10);
    c = game_assists_clamp(&(game_assists_t){130, -5, false, false});
    assert_int_equal(c.clock_pct, 100);
    assert_int_equal(c.extra_s, 0);
}

/* At 70% the clock runs 7 ticks in every 10; every step from 50 to 100. */
static void test_clock_speed_in_tenths(void **state)
{
    (void)state;
    level_t *lv = parse3(open_map, "", 60);
    for (int pct = 50; pct <= 100; pct += 10) {
        game_assists_t a = assists(pct, 0, false, false);
        game_t *g = start(lv, &a);
        run(g, INPUT_DOWN, 1); /* the first move starts the clock */
        assert_true(g->clock_running);
        int32_t left = g->ticks_left;
        run(g, 0, 600);
        assert_int_equal(left - g->ticks_left, 6 * pct);
        assert_int_equal(game_ticks_used(g), 601); /* his own time runs at 100% */
        free(g);
    }
    /* Standing still at 50% a 20 s clock lasts 40 s. */
    level_t *short_lv = parse3(open_map, "", 20);
    game_assists_t half = assists(50, 0, false, false);
    game_t *g = start(short_lv, &half);
    int seconds = 0;
    while (g->status == GAME_PLAYING) {
        run(g, 0, 1);
        if (has_event(g, EV_SECOND)) seconds++;
    }
    assert_int_equal(g->status, GAME_LOST);
    assert_int_equal(g->tick, GAME_COUNT_IN + 40 * GAME_TICK_HZ);
    assert_int_equal(seconds, 10); /* each of the last ten seconds ticks once, not twice */
    free(g);
    level_free(short_lv);
    level_free(lv);
}

/* What the clock ran, for the whole night's retry: fewer ticks on a slow
 * clock; and a try with assists marks the night's run as assisted. */
static void test_clock_used_and_the_night(void **state)
{
    (void)state;
    level_t *lv = parse3(open_map, "", 60);
    game_t *plain = start(lv, NULL);
    run(plain, INPUT_DOWN, 1);
    run(plain, 0, 299);
    assert_int_equal(game_clock_used(plain), game_ticks_used(plain));
    assert_int_equal(game_clock_used(plain), 300);
    game_assists_t a = assists(60, 0, false, false);
    game_t *slow = start(lv, &a);
    run(slow, INPUT_DOWN, 1);
    run(slow, 0, 299);
    assert_int_equal(game_ticks_used(slow), 300);
    assert_int_equal(game_clock_used(slow), 180);
    night_t n;
    night_start(&n, 2);
    night_begin_level(&n, 60, 40);
    night_after_tick(&n, plain);
    assert_false(n.assisted);
    night_after_tick(&n, slow);
    assert_true(n.assisted);
    assert_true(night_retry(&n, game_clock_used(slow)));
    assert_int_equal(night_try_clock(&n), 60 * GAME_TICK_HZ - 180);
    night_start(&n, 1);
    assert_false(n.assisted);
    free(plain);
    free(slow);
    level_free(lv);
}

static void test_extra_seconds_before_the_first_tick(void **state)
{
    (void)state;
    level_t *lv = parse3(open_map, "", 20);
    game_assists_t a = assists(100, 30, false, false);
    game_t *g = start(lv, &a);
    assert_int_equal(g->ticks_left, 50 * GAME_TICK_HZ);
    /* Set again before the first tick: replaced, not added twice. */
    a.extra_s = 10;
    game_set_assists(g, &a);
    assert_int_equal(g->ticks_left, 30 * GAME_TICK_HZ);
    /* In the ready beat, before the clock starts, a change still counts. */
    run(g, 0, 30);
    assert_false(g->clock_running);
    a.extra_s = 20;
    game_set_assists(g, &a);
    assert_int_equal(g->ticks_left, 40 * GAME_TICK_HZ);
    run(g, INPUT_RIGHT, 10);
    assert_true(g->clock_running);
    int32_t left = g->ticks_left;
    /* Mid-level a change of the extra seconds waits for the next try. */
    a.extra_s = 30;
    game_set_assists(g, &a);
    assert_int_equal(g->ticks_left, left);
    assert_int_equal(g->assists.extra_s, 30);
    free(g);
    /* On the whole night's clock too (game_init_clock). */
    game_t *n = calloc(1, sizeof *n);
    assert_non_null(n);
    game_init_clock(n, lv, 1234);
    game_set_assists(n, &(game_assists_t){100, 20, false, false});
    assert_int_equal(n->ticks_left, 1234 + 20 * GAME_TICK_HZ);
    free(n);
    level_free(lv);
}

/* Assists turned off in the ready beat leave an unassisted run; once the
 * clock runs, an assist marks the run for good, even turned off again. */
static void test_assists_off_before_the_clock_is_unassisted(void **state)
{
    (void)state;
    level_t *lv = parse3(open_map, "", 20);
    game_assists_t a = assists(80, 30, false, false);
    game_t *g = start(lv, &a);
    assert_true(g->assisted);
    run(g, 0, 30);
    assert_false(g->clock_running);
    game_assists_t none = assists(100, 0, false, false);
    game_set_assists(g, &none);
    assert_false(g->assisted);
    assert_int_equal(g->ticks_left, 20 * GAME_TICK_HZ);
    run(g, INPUT_RIGHT, 10);
    assert_true(g->clock_running);
    game_set_assists(g, &a);
    assert_true(g->assisted);
    game_set_assists(g, &none);
    assert_true(g->assisted);
    free(g);
    level_free(lv);
}

static void test_no_fail_counts_on_and_can_still_win(void **state)
{
    (void)state;
    level_t *lv = parse3("H.................J\n...................\n"
                         "...................\n...................\n",
                         "", 5);
    game_assists_t a = assists(100, 0, true, false);
    game_t *g = start(lv, &a);
    run(g, INPUT_DOWN, 1);
    run(g, 0, 5 * GAME_TICK_HZ - 1);
    assert_int_equal(g->ticks_left, 0);
    assert_int_equal(g->status, GAME_PLAYING);
    assert_false(has_event(g, EV_LOST));
    assert_int_equal(g->overrun, 0);
    run(g, 0, 90);
    assert_int_equal(g->overrun, 90);
    assert_int_equal(g->status, GAME_PLAYING);
    /* A car's or a patrol's seconds, with the clock at zero, count on too. */
    game_lose_time(g, 3);
    assert_int_equal(g->overrun, 90 + 3 * GAME_TICK_HZ);
    assert_int_equal(g->ticks_left, 0);
    /* A clock picked up pays the overrun back first. */
    game_gain_time(g, 300);
    assert_int_equal(g->overrun, 0);
    assert_int_equal(g->ticks_left, 30);
    run(g, 0, 40);
    assert_int_equal(g->overrun, 10);
    /* And the level can still be won. */
    int guard = 0;
    while (g->status == GAME_PLAYING && guard++ < 600) run(g, INPUT_RIGHT, 1);
    assert_int_equal(g->status, GAME_WON);
    assert_true(g->overrun > 10);
    assert_int_equal(g->ticks_left, 0);
    assert_true(g->assisted);
    free(g);
    level_free(lv);
}

static void test_no_fail_turned_off_at_zero_loses(void **state)
{
    (void)state;
    level_t *lv = parse3(open_map, "", 5);
    game_assists_t a = assists(100, 0, true, false);
    game_t *g = start(lv, &a);
    run(g, INPUT_DOWN, 1);
    run(g, 0, 5 * GAME_TICK_HZ + 100);
    assert_int_equal(g->status, GAME_PLAYING);
    int32_t over = g->overrun;
    a.no_fail = false;
    game_set_assists(g, &a);
    run(g, 0, 1);
    assert_int_equal(g->status, GAME_LOST);
    assert_true(has_event(g, EV_LOST));
    assert_int_equal(g->overrun, over);
    assert_true(g->assisted); /* turned off, the run was still assisted */
    free(g);
    level_free(lv);
}

static const char road_map[] = "........................\n"
                               "...H....................\n"
                               "........................\n"
                               "========================\n"
                               "------------------------\n"
                               "========================\n"
                               "........................\n"
                               ".......................J\n";

static void test_soft_car_knocks_down_where_he_stands(void **state)
{
    (void)state;
    level_t *lv = parse3(road_map, "lane 0 4 dir=right speed=120 every=40 penalty=4\n", 60);
    game_assists_t a = assists(100, 0, false, true);
    game_t *g = start(lv, &a);
    int32_t hit = -1, left_before = 0;
    vec_t at = {0, 0};
    for (int i = 0; i < 600 && hit < 0; i++) {
        left_before = g->ticks_left;
        at = g->ents[g->harry].pos;
        run(g, g->ents[g->harry].pos.y < 4 * GAME_TILE_SUB + GAME_TILE_SUB / 2 ? INPUT_DOWN : 0, 1);
        if (has_event(g, EV_HIT)) {
            hit = (int32_t)g->tick;
            assert_int_equal(event_arg(g, EV_HIT), 0); /* no seconds lost */
        }
    }
    assert_true(hit > 0);
    assert_false(has_event(g, EV_RESPAWN));
    /* Only the tick's own second off the clock; not moved back to the kerb. */
    assert_int_equal(g->ticks_left, left_before - 1);
    const ent_t *h = &g->ents[g->harry];
    assert_true(abs(h->pos.y - at.y) <= GAME_WALK_SPEED);
    assert_int_equal(h->pos.x, at.x);
    assert_int_equal(g->hs.stun, GAME_SOFT_HIT_STUN);
    /* Down for the stun: the buttons do nothing. */
    vec_t down = h->pos;
    run(g, INPUT_UP, GAME_SOFT_HIT_STUN);
    assert_int_equal(h->pos.y, down.y);
    /* Then up, and nothing hits him while he gets off the road. */
    for (int i = 0; i < GAME_SOFT_HIT_SAFE - GAME_SOFT_HIT_STUN - 1; i++) {
        run(g, INPUT_UP, 1);
        assert_false(has_event(g, EV_HIT));
    }
    assert_true(h->pos.y < down.y);
    free(g);
    level_free(lv);
}

static const char yard_map[] = "....................\n"
                               "....................\n"
                               "....................\n"
                               "....................\n"
                               "....................\n"
                               "....................\n"
                               ".H.................J\n";

static void test_soft_patrol_holds_him_a_moment(void **state)
{
    (void)state;
    level_t *lv = parse3(yard_map, "cop 10 1 sight=6 cone=90 catch=60 penalty=7\n", 60);
    game_assists_t a = assists(100, 0, false, true);
    game_t *g = start(lv, &a);
    vec_t spot = game_tile_centre(10, 3);
    game_place(g, g->harry, spot);
    g->clock_running = true;
    run(g, INPUT_DOWN, 1);
    assert_true(has_event(g, EV_SPOTTED));
    int32_t left = g->ticks_left, caught = -1;
    for (int i = 0; i < 200 && caught < 0; i++) {
        run(g, 0, 1);
        if (has_event(g, EV_CAUGHT)) caught = i + 1;
    }
    assert_int_equal(caught, 29);
    assert_int_equal(event_arg(g, EV_CAUGHT), 0);
    assert_false(has_event(g, EV_RESPAWN));
    assert_int_equal(g->ticks_left, left - 29); /* only the clock's own ticks */
    const ent_t *h = &g->ents[g->harry];
    vec_t held = h->pos;
    assert_true(abs(held.y - spot.y) < GAME_TILE_SUB); /* where he stood, not the checkpoint */
    run(g, INPUT_LEFT, GAME_SOFT_CATCH_STUN);
    assert_int_equal(h->pos.x, held.x);
    /* Let go: no patrol sees him while he gets away. */
    for (int i = 0; i < GAME_SOFT_CATCH_SAFE - GAME_SOFT_CATCH_STUN - 1; i++) {
        run(g, INPUT_LEFT, 1);
        assert_false(has_event(g, EV_SPOTTED));
        assert_false(has_event(g, EV_CAUGHT));
    }
    assert_true(h->pos.x < held.x);
    free(g);
    level_free(lv);
}

static void test_soft_tar_only_slows(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         ".H..~~~~~~~~~~~.....\n"
                         "....................\n"
                         "...................J\n",
                         "", 60);
    game_assists_t a = assists(100, 0, false, true);
    game_t *g = start(lv, &a);
    while (g->ents[g->harry].pos.x < 6 * GAME_TILE_SUB) run(g, INPUT_RIGHT, 1);
    for (int i = 0; i < GAME_SINK_MAX * 3; i++) {
        run(g, 0, 1);
        assert_false(has_event(g, EV_SUNK));
        assert_true(g->hs.sink <= GAME_SINK_MAX / 2);
    }
    assert_int_equal(g->hs.sink, GAME_SINK_MAX / 2);
    assert_true(g->ents[g->harry].pos.x >= 6 * GAME_TILE_SUB); /* still in the tar */
    /* Turned off mid-level, the tar sinks him again. */
    a.soft_hazards = false;
    game_set_assists(g, &a);
    bool sunk = false;
    for (int i = 0; i < GAME_SINK_MAX && !sunk; i++) {
        run(g, 0, 1);
        sunk = has_event(g, EV_SUNK);
    }
    assert_true(sunk);
    free(g);
    level_free(lv);
}

/* A recording with its assists and a change at its tick, written, read back
 * and played: the same state, hash for hash. */
static void test_assisted_replay_plays_the_same(void **state)
{
    (void)state;
    level_t *lv = parse3(road_map, "lane 0 4 dir=right speed=120 every=40 penalty=4\n", 40);
    replay_t *r = replay_create(level_hash(lv));
    game_assists_t a = assists(70, 20, false, true);
    assert_int_equal(replay_set_assists(r, 0, &a), 0);
    game_t *g = start(lv, &a);
    for (int32_t i = 0; i < 900; i++) {
        if (i == 300) {
            a = assists(50, 20, true, false);
            assert_int_equal(replay_set_assists(r, i, &a), 0);
            game_set_assists(g, &a);
        }
        uint8_t b = (i / 40) % 3 == 0 ? INPUT_DOWN : (i / 40) % 3 == 1 ? INPUT_RIGHT : INPUT_UP;
        assert_int_equal(replay_push(r, b), 0);
        input_t in = {b};
        game_tick(g, &in);
    }
    assert_int_equal(r->change_count, 1);
    /* The same change again, and a change back in time, are not recorded. */
    assert_int_equal(replay_set_assists(r, 900, &a), 0);
    assert_int_equal(r->change_count, 1);
    assert_int_equal(replay_set_assists(r, 10, &a), -1);
    game_t *s = calloc(1, sizeof *s);
    assert_non_null(s);
    playback_seal(r, lv, s);
    size_t len = 0;
    char *text = replay_write(r, &len);
    assert_non_null(strstr(text, "miraclemile-replay 3\n"));
    assert_non_null(strstr(text, "assists 70 20 0 1\n"));
    assert_non_null(strstr(text, "changes\n300 50 20 1 0\nend\n"));
    char err[256];
    replay_t *q = replay_parse(text, len, err, sizeof err);
    if (!q) fail_msg("%s", err);
    assert_int_equal(q->change_count, 1);
    assert_int_equal(q->changes[0].tick, 300);
    assert_true(q->changes[0].assists.no_fail);
    assert_int_equal(q->assists.clock_pct, 70);
    assert_int_equal(replay_assists_at(q, 299).clock_pct, 70);
    assert_int_equal(replay_assists_at(q, 300).clock_pct, 50);
    game_t *p = calloc(1, sizeof *p);
    assert_non_null(p);
    assert_int_equal(playback_run(q, lv, p, err, sizeof err), PLAYBACK_OK);
    /* No-fail on at the end: the run stops where the inputs do. */
    assert_int_equal(p->tick, g->tick);
    assert_true(game_state_hash(p) == game_state_hash(g));
    assert_int_equal(p->ticks_left, g->ticks_left);
    /* Played without its assists it drifts: they are part of the run. */
    q->assists = game_assists_none();
    q->change_count = 0;
    assert_int_equal(playback_run(q, lv, p, err, sizeof err), PLAYBACK_DRIFT);
    free(text);
    free(p);
    free(s);
    free(g);
    replay_destroy(q);
    replay_destroy(r);
    level_free(lv);
}

static void test_version_2_reads_as_no_assists(void **state)
{
    (void)state;
    static const char v2[] = "miraclemile-replay 2\nrules 5\nlevel 00ff\noptions 0\nticks 3\n"
                             "inputs\n3*0 end\nchecks\n3 00ff\nend\n";
    char err[256];
    replay_t *r = replay_parse(v2, strlen(v2), err, sizeof err);
    if (!r) fail_msg("%s", err);
    assert_false(game_assists_any(&r->assists));
    assert_int_equal(r->change_count, 0);
    replay_destroy(r);
    static const struct {
        const char *text, *err;
    } bad[] = {
        {"miraclemile-replay 2\nrules 5\nlevel 00ff\noptions 4\nticks 3\n", "4:1: options 4"},
        {"miraclemile-replay 3\nrules 5\nlevel 00ff\noptions 0\n", "expected 'assists'"},
        {"miraclemile-replay 3\nrules 5\nlevel 00ff\nassists 75 0 0 0\n", "does not offer"},
        {"miraclemile-replay 3\nrules 5\nlevel 00ff\nassists 100 40 0 0\n", "extra seconds"},
        {"miraclemile-replay 3\nrules 5\nlevel 00ff\nassists 100 0 2 0\n", "no-fail"},
        {"miraclemile-replay 3\nrules 5\nlevel 00ff\nassists 100 0 0 0\nticks 3\ninputs\n"
         "3*0 end\nchanges\n2 50 0 0 0\n1 60 0 0 0\nend\n",
         "rising order"},
        {"miraclemile-replay 3\nrules 5\nlevel 00ff\nassists 100 0 0 0\nticks 3\ninputs\n"
         "3*0 end\nchanges\n0 50 0 0 0\nend\n",
         "after tick 0"},
        {"miraclemile-replay 3\nrules 5\nlevel 00ff\nassists 100 0 0 0\nticks 3\ninputs\n"
         "3*0 end\nchecks\n",
         "expected 'changes'"},
        {"miraclemile-replay 4\n", "not known"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char e[200] = "";
        replay_t *q = replay_parse(bad[i].text, strlen(bad[i].text), e, sizeof e);
        assert_null(q);
        if (!strstr(e, bad[i].err)) fail_msg("case %zu: got '%s'", i, e);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_none_is_the_game_as_designed),
        cmocka_unit_test(test_clamp_to_the_offered_steps),
        cmocka_unit_test(test_clock_speed_in_tenths),
        cmocka_unit_test(test_clock_used_and_the_night),
        cmocka_unit_test(test_extra_seconds_before_the_first_tick),
        cmocka_unit_test(test_no_fail_counts_on_and_can_still_win),
        cmocka_unit_test(test_no_fail_turned_off_at_zero_loses),
        cmocka_unit_test(test_soft_car_knocks_down_where_he_stands),
        cmocka_unit_test(test_soft_patrol_holds_him_a_moment),
        cmocka_unit_test(test_soft_tar_only_slows),
        cmocka_unit_test(test_assisted_replay_plays_the_same),
        cmocka_unit_test(test_version_2_reads_as_no_assists),
        cmocka_unit_test(test_assists_off_before_the_clock_is_unassisted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
