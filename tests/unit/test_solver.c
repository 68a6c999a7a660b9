/* The bot and the route finder on the test levels with doors and keys,
 * traffic, a patrol, fire and a ride: it wins, in the right order, unharmed,
 * and the same level always gives the same run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/game.h"
#include "game/replay.h"
#include "game/solver.h"
#include "level/level.h"
#include "common/files.h"

static level_t *load(const char *name)
{
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/%s", MM_TEST_DATA, name);
    size_t len = 0;
    char *buf = files_read(path, 1 << 20, &len, err, sizeof err);
    if (!buf) fail_msg("%s: %s", path, err);
    level_diags_t *d = calloc(1, sizeof *d);
    level_t *lv = level_parse(buf, len, d);
    free(buf);
    if (!lv)
        fail_msg("%s:%d:%d: %s", name, (int)d->items[0].line, (int)d->items[0].col,
                 d->items[0].message);
    free(d);
    return lv;
}

/* What happened over a replay, counted tick by tick. */
typedef struct tally {
    game_status_t status;
    int32_t ticks;
    int32_t events[EV_TYPE_COUNT];
    int32_t keys[8]; /* colours, in the order taken */
    int32_t key_count;
} tally_t;

static tally_t replay_run(const level_t *lv, const replay_t *r)
{
    tally_t t;
    memset(&t, 0, sizeof t);
    game_t *g = malloc(sizeof *g);
    assert_non_null(g);
    game_init(g, lv);
    for (int32_t i = 0; i < r->count && g->status == GAME_PLAYING; i++) {
        input_t in = {r->inputs[i]};
        game_tick(g, &in);
        for (int32_t e = 0; e < g->event_count; e++) {
            t.events[g->events[e].type]++;
            if (g->events[e].type == EV_KEY && t.key_count < 8)
                t.keys[t.key_count++] = g->events[e].arg;
        }
        t.ticks++;
    }
    t.status = g->status;
    free(g);
    return t;
}

/* The bot plays (walking or sprinting); its inputs played again. */
static tally_t bot_run(const char *name, bool sprint)
{
    level_t *lv = load(name);
    replay_t *r = replay_create(level_hash(lv));
    assert_non_null(r);
    game_status_t st = solver_play(lv, sprint, r);
    tally_t t = replay_run(lv, r);
    assert_int_equal(st, t.status);
    replay_destroy(r);
    level_free(lv);
    return t;
}

static void route_takes_blue_then_red(void **state)
{
    (void)state;
    level_t *lv = load("door-key.mml");
    solver_route_t route;
    assert_true(solver_route(lv, &route));
    assert_int_equal(route.stop_count, 2);
    assert_int_equal(lv->objects[route.stops[0]].kind, KIND_KEY);
    assert_int_equal(level_prop(lv, &lv->objects[route.stops[0]], "colour"), COLOUR_BLUE);
    assert_int_equal(level_prop(lv, &lv->objects[route.stops[1]], "colour"), COLOUR_RED);
    /* Longer than the straight walk that ignores the doors. */
    solver_path_t p;
    assert_true(
        solver_find_path(lv, lv->harry_tx, lv->harry_ty, lv->julie_tx, lv->julie_ty, NULL, &p));
    assert_true(route.cost > p.cost);
    solver_path_free(&p);
    level_free(lv);
}

static void key_behind_its_door_is_no_route(void **state)
{
    (void)state;
    level_t *lv = load("key-behind-door.mml");
    solver_route_t route;
    assert_false(solver_route(lv, &route));
    /* With red doors open from the start, the key and Julie are reached. */
    uint8_t *reached = malloc((size_t)lv->w * (size_t)lv->h);
    assert_non_null(reached);
    solver_reach(lv, -1, reached, NULL);
    assert_false(reached[3 * lv->w + 9]);
    solver_reach(lv, COLOUR_RED, reached, NULL);
    assert_true(reached[3 * lv->w + 9]);
    free(reached);
    level_free(lv);
}

static void fire_closes_the_short_way(void **state)
{
    (void)state;
    level_t *lv = load("fire.mml");
    uint8_t *closed = malloc((size_t)lv->w * (size_t)lv->h);
    assert_non_null(closed);
    solver_closed_tiles(lv, false, true, closed);
    assert_true(closed[2 * lv->w + 12]);
    assert_true(closed[3 * lv->w + 12]);  /* the gap it burns across */
    assert_false(closed[4 * lv->w + 12]); /* a wall stops it */
    free(closed);
    level_free(lv);
}

static void bot_takes_the_keys_in_order(void **state)
{
    (void)state;
    for (int sprint = 0; sprint < 2; sprint++) {
        tally_t t = bot_run("door-key.mml", sprint);
        assert_int_equal(t.status, GAME_WON);
        assert_int_equal(t.key_count, 2);
        assert_int_equal(t.keys[0], COLOUR_BLUE);
        assert_int_equal(t.keys[1], COLOUR_RED);
        assert_int_equal(t.events[EV_DOOR_OPENS], 2);
    }
}

static void bot_crosses_traffic_unhit(void **state)
{
    (void)state;
    for (int sprint = 0; sprint < 2; sprint++) {
        tally_t t = bot_run("traffic.mml", sprint);
        assert_int_equal(t.status, GAME_WON);
        assert_int_equal(t.events[EV_HIT], 0);
    }
}

static void bot_keeps_out_of_the_cops_sight(void **state)
{
    (void)state;
    for (int sprint = 0; sprint < 2; sprint++) {
        tally_t t = bot_run("patrol.mml", sprint);
        assert_int_equal(t.status, GAME_WON);
        assert_int_equal(t.events[EV_CAUGHT], 0);
    }
}

static void bot_waits_for_the_cop_to_look_away(void **state)
{
    (void)state;
    for (int sprint = 0; sprint < 2; sprint++) {
        tally_t t = bot_run("patrol-cross.mml", sprint);
        assert_int_equal(t.status, GAME_WON);
        assert_int_equal(t.events[EV_CAUGHT], 0);
    }
}

static void bot_goes_round_the_fire(void **state)
{
    (void)state;
    for (int sprint = 0; sprint < 2; sprint++) {
        tally_t t = bot_run("fire.mml", sprint);
        assert_int_equal(t.status, GAME_WON);
    }
}

static void bot_takes_the_ride(void **state)
{
    (void)state;
    for (int sprint = 0; sprint < 2; sprint++) {
        tally_t t = bot_run("ride.mml", sprint);
        assert_int_equal(t.status, GAME_WON);
        assert_int_equal(t.events[EV_RIDE_ON], 1);
        assert_int_equal(t.events[EV_RIDE_OFF], 1);
        /* Walking the block takes over eleven seconds. */
        assert_true(t.ticks < 6 * 60);
    }
}

static void bot_answers_the_call_first(void **state)
{
    (void)state;
    /* The walk is counted from beside the phone, where the clock starts. */
    level_t *lv = load("call.mml");
    solver_route_t route;
    assert_true(solver_route(lv, &route));
    int32_t obj, tx, ty;
    assert_true(solver_call(lv, &obj, &tx, &ty));
    assert_int_equal(lv->objects[obj].kind, KIND_PAYPHONE);
    assert_int_equal(tx, 5); /* beside it, on Harry's side */
    assert_int_equal(ty, 1);
    solver_path_t p;
    assert_true(solver_find_path(lv, tx, ty, lv->julie_tx, lv->julie_ty, NULL, &p));
    assert_int_equal(route.cost, p.cost);
    solver_path_free(&p);
    level_free(lv);
    for (int sprint = 0; sprint < 2; sprint++) {
        tally_t t = bot_run("call.mml", sprint);
        assert_int_equal(t.status, GAME_WON);
        assert_int_equal(t.events[EV_CHECKPOINT], 1);
        assert_int_equal(t.events[EV_CLOCK_STARTS], 1);
    }
}

static void bot_is_deterministic(void **state)
{
    (void)state;
    static const char *const levels[] = {"traffic.mml", "patrol.mml", "door-key.mml", "fire.mml"};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        level_t *lv = load(levels[i]);
        replay_t *a = replay_create(level_hash(lv)), *b = replay_create(level_hash(lv));
        assert_non_null(a);
        assert_non_null(b);
        solver_play(lv, true, a);
        solver_play(lv, true, b);
        assert_int_equal(a->count, b->count);
        assert_memory_equal(a->inputs, b->inputs, (size_t)a->count);
        replay_destroy(a);
        replay_destroy(b);
        level_free(lv);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(route_takes_blue_then_red),
        cmocka_unit_test(key_behind_its_door_is_no_route),
        cmocka_unit_test(fire_closes_the_short_way),
        cmocka_unit_test(bot_takes_the_keys_in_order),
        cmocka_unit_test(bot_crosses_traffic_unhit),
        cmocka_unit_test(bot_keeps_out_of_the_cops_sight),
        cmocka_unit_test(bot_waits_for_the_cop_to_look_away),
        cmocka_unit_test(bot_goes_round_the_fire),
        cmocka_unit_test(bot_takes_the_ride),
        cmocka_unit_test(bot_answers_the_call_first),
        cmocka_unit_test(bot_is_deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
