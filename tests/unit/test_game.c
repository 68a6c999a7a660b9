/* The rules: movement, collision (corners too), sprint, tar, the clock,
 * winning, losing, and determinism. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/game.h"
#include "level/level.h"
#include "game/replay.h"
#include "game/solver.h"

static level_t *parse(const char *map, int time_s)
{
    char buf[8192];
    snprintf(buf, sizeof buf, "miraclemile-level 1\nname = T\ntime = %d\nmap\n%send\n", time_s,
             map);
    level_diags_t d;
    level_t *lv = level_parse(buf, strlen(buf), &d);
    if (!lv)
        fail_msg("level did not parse: %d:%d %s", d.items[0].line, d.items[0].col,
                 d.items[0].message);
    return lv;
}

static bool has_event(const game_t *g, game_event_type_t type)
{
    for (int32_t i = 0; i < g->event_count; i++)
        if (g->events[i].type == type) return true;
    return false;
}

static void run(game_t *g, uint8_t buttons, int ticks)
{
    input_t in = {buttons};
    for (int i = 0; i < ticks; i++) game_tick(g, &in);
}

static const char open_map[] = "....................\n"
                               "....................\n"
                               ".........H..........\n"
                               "....................\n"
                               "...................J\n";

static void test_accelerates_to_walking_speed(void **state)
{
    (void)state;
    level_t *lv = parse(open_map, 60);
    game_t g;
    game_init(&g, lv);
    int32_t x0 = g.ents[g.harry].pos.x;
    run(&g, INPUT_RIGHT, 1);
    assert_int_equal(g.ents[g.harry].vel.x, GAME_ACCEL); /* not full speed at once */
    run(&g, INPUT_RIGHT, 10);
    assert_int_equal(g.ents[g.harry].vel.x, GAME_WALK_SPEED);
    assert_true(g.ents[g.harry].pos.x > x0);
    assert_int_equal(g.ents[g.harry].dir, DIR_RIGHT);
    /* Letting go slows him to a stop within a few ticks. */
    run(&g, 0, 4);
    assert_int_equal(g.ents[g.harry].vel.x, 0);
    assert_false(g.ents[g.harry].moving);
    level_free(lv);
}

static void test_diagonal_is_not_faster(void **state)
{
    (void)state;
    level_t *lv = parse(open_map, 60);
    game_t g;
    game_init(&g, lv);
    run(&g, INPUT_RIGHT | INPUT_DOWN, 20);
    int64_t vx = g.ents[g.harry].vel.x, vy = g.ents[g.harry].vel.y;
    int64_t speed2 = vx * vx + vy * vy;
    int64_t walk2 = (int64_t)GAME_WALK_SPEED * GAME_WALK_SPEED;
    assert_true(speed2 <= walk2);
    assert_true(speed2 * 100 >= walk2 * 98); /* within 1% of walking speed */
    level_free(lv);
}

static void test_wall_stops_harry(void **state)
{
    (void)state;
    level_t *lv = parse("......#....\n"
                        "..H...#...J\n"
                        "......#....\n"
                        "......#....\n",
                        60);
    game_t g;
    game_init(&g, lv);
    run(&g, INPUT_RIGHT, 120);
    /* His box's right edge rests exactly on the wall's left edge. */
    assert_int_equal(g.ents[g.harry].pos.x + GAME_BOX_HALF_W, 6 * GAME_TILE_SUB);
    assert_int_equal(g.ents[g.harry].vel.x, 0);
    level_free(lv);
}

static void test_edge_of_map_is_solid(void **state)
{
    (void)state;
    level_t *lv = parse("H...\n....\n....\n...J\n", 60);
    game_t g;
    game_init(&g, lv);
    run(&g, INPUT_LEFT | INPUT_UP, 120);
    assert_int_equal(g.ents[g.harry].pos.x - GAME_BOX_HALF_W, 0);
    assert_int_equal(g.ents[g.harry].pos.y - GAME_BOX_HALF_H, 0);
    level_free(lv);
}

static void test_slides_round_corners(void **state)
{
    (void)state;
    /* A gap one tile wide; Harry is a few pixels off its centre line. */
    level_t *lv = parse("####.####\n"
                        "#.......#\n"
                        "#...H...#\n"
                        "#.......#\n"
                        "#......J#\n",
                        60);
    game_t g;
    game_init(&g, lv);
    g.ents[g.harry].pos.y = 2 * GAME_TILE_SUB + 8 * GAME_SUB;
    g.ents[g.harry].pos.x += 4 * GAME_SUB; /* 4 px right of the gap's centre */
    run(&g, INPUT_UP, 90);
    /* He went through the gap instead of snagging on its corner. */
    assert_true(g.ents[g.harry].pos.y < GAME_TILE_SUB);
    level_free(lv);
}

static void test_no_slide_when_far_off(void **state)
{
    (void)state;
    level_t *lv = parse("##.######\n"
                        "#.......#\n"
                        "#...H...#\n"
                        "#......J#\n",
                        60);
    game_t g;
    game_init(&g, lv);
    run(&g, INPUT_UP, 90);
    /* The gap is two tiles away: Harry stops at the wall. */
    assert_int_equal(g.ents[g.harry].pos.y - GAME_BOX_HALF_H, GAME_TILE_SUB);
    level_free(lv);
}

static void test_sprint_and_stamina(void **state)
{
    (void)state;
    char map[4 * 102 + 1];
    size_t n = 0;
    for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 100; x++)
            map[n++] = (x == 0 && y == 0) ? 'H' : (x == 99 && y == 3 ? 'J' : '.');
        map[n++] = '\n';
    }
    map[n] = '\0';
    level_t *lv = parse(map, 60);
    game_t g;
    game_init(&g, lv);
    run(&g, INPUT_RIGHT | INPUT_SPRINT, 20);
    assert_int_equal(g.ents[g.harry].vel.x, GAME_SPRINT_SPEED);
    assert_true(g.hs.sprinting);
    run(&g, INPUT_RIGHT | INPUT_SPRINT, GAME_STAMINA_MAX);
    /* Ran dry: back to walking, and winded until stamina refills a little. */
    assert_true(g.hs.winded);
    assert_false(g.hs.sprinting);
    run(&g, INPUT_RIGHT | INPUT_SPRINT, 10);
    assert_int_equal(g.ents[g.harry].vel.x, GAME_WALK_SPEED);
    run(&g, INPUT_RIGHT, 2 * GAME_STAMINA_RESUME + 2);
    assert_false(g.hs.winded);
    level_free(lv);
}

static void test_tar_slows(void **state)
{
    (void)state;
    level_t *lv = parse("H~~~~~~~~~~~~~~~~\n"
                        "~~~~~~~~~~~~~~~~~\n"
                        "~~~~~~~~~~~~~~~~~\n"
                        "................J\n",
                        60);
    game_t g;
    game_init(&g, lv);
    g.ents[g.harry].pos.x += GAME_TILE_SUB; /* onto the tar */
    run(&g, INPUT_RIGHT, 60);
    assert_int_equal(g.ents[g.harry].vel.x, GAME_WALK_SPEED * 96 / 256);
    level_free(lv);
}

static void test_clock_runs_in_ticks_and_loses(void **state)
{
    (void)state;
    level_t *lv = parse(open_map, 5);
    game_t g;
    game_init(&g, lv);
    assert_int_equal(g.ticks_left, 5 * 60);
    assert_int_equal(game_time_left_ms(&g), 5000);
    /* The ready beat: standing still, the clock waits for the count-in. */
    run(&g, 0, GAME_COUNT_IN);
    assert_int_equal(game_time_left_ms(&g), 5000);
    assert_false(g.clock_running);
    run(&g, 0, 1);
    assert_true(g.clock_running);
    assert_int_equal(game_time_left_ms(&g), 4983);
    run(&g, 0, 5 * 60 - 2);
    assert_int_equal(g.status, GAME_PLAYING);
    assert_int_equal(g.ticks_left, 1);
    run(&g, 0, 1);
    assert_int_equal(g.status, GAME_LOST);
    assert_true(has_event(&g, EV_LOST));
    assert_int_equal(g.ticks_left, 0);
    /* Once over, ticks change nothing. */
    run(&g, INPUT_RIGHT, 10);
    assert_int_equal(g.tick, GAME_COUNT_IN + 5 * 60);
    level_free(lv);
}

static void test_last_seconds_tick(void **state)
{
    (void)state;
    level_t *lv = parse(open_map, 12);
    game_t g;
    game_init(&g, lv);
    int seconds = 0;
    input_t in = {0};
    while (g.status == GAME_PLAYING) {
        game_tick(&g, &in);
        if (has_event(&g, EV_SECOND)) seconds++;
    }
    assert_int_equal(seconds, 10); /* at 10 s left .. at 1 s left; zero is the loss */
    level_free(lv);
}

static void test_reaching_julie_wins(void **state)
{
    (void)state;
    level_t *lv = parse("H...J\n.....\n.....\n.....\n", 60);
    game_t g;
    game_init(&g, lv);
    input_t in = {INPUT_RIGHT};
    int ticks = 0;
    while (g.status == GAME_PLAYING && ticks < 600) {
        game_tick(&g, &in);
        ticks++;
    }
    assert_int_equal(g.status, GAME_WON);
    assert_true(has_event(&g, EV_WON));
    assert_true(ticks < 60);
    assert_int_equal(game_ticks_used(&g), ticks - 1); /* the winning tick stops the clock */
    level_free(lv);
}

static void test_diners_are_squeezed_past(void **state)
{
    (void)state;
    /* A corridor one tile high: a diner in it slows Harry, and does not stop him. */
    level_t *with = parse("##########\n"
                          "#H..d....#\n"
                          "##########\n"
                          ".........J\n",
                          60);
    level_t *without = parse("##########\n"
                             "#H.......#\n"
                             "##########\n"
                             ".........J\n",
                             60);
    game_t g, h;
    game_init(&g, with);
    game_init(&h, without);
    int32_t diner = g.obj_slot[level_find_kind(with, KIND_DINER)];
    int32_t start = g.ents[diner].pos.x;
    run(&g, INPUT_RIGHT, 90);
    run(&h, INPUT_RIGHT, 90);
    assert_true(g.ents[g.harry].pos.x > start + GAME_TILE_SUB);  /* through and past */
    assert_true(g.ents[g.harry].pos.x <= h.ents[h.harry].pos.x); /* and no faster */
    level_free(with);
    level_free(without);
}

static void test_same_inputs_same_result(void **state)
{
    (void)state;
    const char *map = "H.......d.........\n"
                      "....d.......d.....\n"
                      "...~~~......d.....\n"
                      "..d......d.......J\n";
    level_t *lv = parse(map, 30);
    game_t *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    game_init(a, lv);
    game_init(b, lv);
    uint32_t seed = 99;
    for (int i = 0; i < 1200; i++) {
        seed = seed * 1664525u + 1013904223u;
        input_t in = {(uint8_t)((seed >> 24) & INPUT_ALL_BUTTONS)};
        game_tick(a, &in);
        game_tick(b, &in);
    }
    assert_memory_equal(a, b, sizeof *a);
    free(a);
    free(b);
    level_free(lv);
}

static void test_replay_round_trip(void **state)
{
    (void)state;
    replay_t *r = replay_create(0x0123456789abcdefull);
    for (int i = 0; i < 500; i++) assert_int_equal(replay_push(r, (uint8_t)((i / 7) % 32)), 0);
    size_t len = 0;
    char *text = replay_write(r, &len);
    char err[128];
    replay_t *q = replay_parse(text, len, err, sizeof err);
    assert_non_null(q);
    assert_true(q->level_hash == r->level_hash);
    assert_int_equal(q->count, 500);
    assert_memory_equal(q->inputs, r->inputs, 500);
    free(text);
    replay_destroy(q);
    replay_destroy(r);
}

static void test_bad_replays(void **state)
{
    (void)state;
    static const struct {
        const char *text, *err;
    } cases[] = {
        {"", "1:1: expected 'miraclemile-replay'"},
        {"miraclemile-replay 4\n", "not known"},
        {"miraclemile-replay 1\nlevel 00ff\nticks 3\ninputs\n3*0\nend\n", "version 1 replay"},
        {"miraclemile-replay 2\nrules 1\nlevel xyz\n", "3:7: expected the level's hash"},
        {"miraclemile-replay 2\nlevel 00ff\n", "expected 'rules'"},
        {"miraclemile-replay 2\nrules 1\nlevel 00ff\noptions 0\nticks 3\ninputs\n3*0\n",
         "no 'end'"},
        {"miraclemile-replay 2\nrules 1\nlevel 00ff\noptions 0\nticks 3\ninputs\n2*0 end\n",
         "cover 2 ticks"},
        {"miraclemile-replay 2\nrules 1\nlevel 00ff\noptions 0\nticks 3\ninputs\n5*0 end\n",
         "more inputs than"},
        {"miraclemile-replay 2\nrules 1\nlevel 00ff\noptions 0\nticks 3\ninputs\n3*40 end\n",
         "7:1: expected a run"},
        {"miraclemile-replay 2\nrules 1\nlevel 00ff\noptions 0\nticks 3\ninputs\n3x0 end\n",
         "expected a run"},
        {"miraclemile-replay 2\nrules 1\nlevel 00ff\noptions 0\nticks 3\ninputs\n3*0 end\n",
         "expected 'checks'"},
        {"miraclemile-replay 2\nrules 1\nlevel 00ff\noptions 0\nticks 3\ninputs\n3*0 end\n"
         "checks\n3 00ff\n2 00ff\nend\n",
         "rising order"},
        {"miraclemile-replay 2\nrules 1\nlevel 00ff\noptions 0\nticks 3\ninputs\n3*0 end\n"
         "checks\n9 00ff\nend\n",
         "expected a tick"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[160] = "";
        replay_t *r = replay_parse(cases[i].text, strlen(cases[i].text), err, sizeof err);
        assert_null(r);
        if (!strstr(err, cases[i].err)) fail_msg("case %zu: got '%s'", i, err);
    }
}

static void test_solver_finds_a_way(void **state)
{
    (void)state;
    level_t *lv = parse("H.#.....\n"
                        "..#.###.\n"
                        "..#...#.\n"
                        "....#.#J\n",
                        60);
    solver_path_t p;
    assert_true(
        solver_find_path(lv, lv->harry_tx, lv->harry_ty, lv->julie_tx, lv->julie_ty, NULL, &p));
    assert_int_equal(p.tx[0], 0);
    assert_int_equal(p.tx[p.count - 1], 7);
    solver_path_free(&p);
    replay_t *r = replay_create(level_hash(lv));
    assert_int_equal(solver_play(lv, true, r), GAME_WON);
    replay_destroy(r);
    level_free(lv);

    lv = parse("H.#.\n..#.\n..#J\n..#.\n", 60);
    assert_false(solver_find_path(lv, 0, 0, 3, 2, NULL, &p));
    level_free(lv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accelerates_to_walking_speed),
        cmocka_unit_test(test_diagonal_is_not_faster),
        cmocka_unit_test(test_wall_stops_harry),
        cmocka_unit_test(test_edge_of_map_is_solid),
        cmocka_unit_test(test_slides_round_corners),
        cmocka_unit_test(test_no_slide_when_far_off),
        cmocka_unit_test(test_sprint_and_stamina),
        cmocka_unit_test(test_tar_slows),
        cmocka_unit_test(test_clock_runs_in_ticks_and_loses),
        cmocka_unit_test(test_last_seconds_tick),
        cmocka_unit_test(test_reaching_julie_wins),
        cmocka_unit_test(test_diners_are_squeezed_past),
        cmocka_unit_test(test_same_inputs_same_result),
        cmocka_unit_test(test_replay_round_trip),
        cmocka_unit_test(test_bad_replays),
        cmocka_unit_test(test_solver_finds_a_way),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
