/* Every kind's mechanic, one test each: levels from small text maps with
 * version 3 object lines, outcomes asserted in ticks and positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/game.h"
#include "game/kinds.h"
#include "level/level.h"

#define PX GAME_SUB
#define TILE GAME_TILE_SUB

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

/* A game on the heap (it is large), started on a level. */
static game_t *start(const level_t *lv)
{
    game_t *g = calloc(1, sizeof *g);
    assert_non_null(g);
    game_init(g, lv);
    return g;
}

static const game_event_t *find_event(const game_t *g, game_event_type_t type)
{
    for (int32_t i = 0; i < g->event_count; i++)
        if (g->events[i].type == type) return &g->events[i];
    return NULL;
}

static bool has_event(const game_t *g, game_event_type_t type)
{
    return find_event(g, type) != NULL;
}

static void tick(game_t *g, uint8_t buttons)
{
    input_t in = {buttons};
    game_tick(g, &in);
}

static void run(game_t *g, uint8_t buttons, int ticks)
{
    for (int i = 0; i < ticks; i++) tick(g, buttons);
}

/* Runs until an event happens; returns the tick it happened in, or -1. */
static int32_t run_until(game_t *g, uint8_t buttons, int max, game_event_type_t type)
{
    for (int i = 0; i < max; i++) {
        tick(g, buttons);
        if (has_event(g, type)) return (int32_t)g->tick;
    }
    return -1;
}

static const ent_t *harry(const game_t *g)
{
    return &g->ents[g->harry];
}

static vec_t centre(int32_t tx, int32_t ty)
{
    return game_tile_centre(tx, ty);
}

static int32_t tile_x(vec_t p)
{
    return game_floor_div(p.x, TILE);
}

static int32_t tile_y(vec_t p)
{
    return game_floor_div(p.y, TILE);
}

static int32_t count_kind(const game_t *g, int32_t kind)
{
    int32_t n = 0;
    for (int32_t s = 0; s < g->ent_top; s++) n += g->ents[s].kind == kind;
    return n;
}

static int32_t first_of_kind(const game_t *g, int32_t kind)
{
    for (int32_t s = 0; s < g->ent_top; s++)
        if (g->ents[s].kind == kind) return s;
    return -1;
}

/* Presses a button for one tick (an edge), then lets go for one. */
static void press_action(game_t *g)
{
    tick(g, INPUT_ACTION);
    tick(g, 0);
}

/* ---- traffic --------------------------------------------------------------- */

static const char road_map[] = "........................\n"
                               "...H....................\n"
                               "........................\n"
                               "========================\n"
                               "------------------------\n"
                               "========================\n"
                               "........................\n"
                               ".......................J\n";

static void test_car_hit_knocks_back_to_kerb(void **state)
{
    (void)state;
    level_t *lv = parse3(road_map, "lane 0 4 dir=right speed=120 every=40 penalty=4\n", 60);
    game_t *g = start(lv);
    vec_t kerb = harry(g)->pos;
    int32_t hit = -1;
    bool horn = false;
    int32_t left_before = 0;
    /* Into the middle lane, and he stands there. */
    for (int i = 0; i < 600 && hit < 0; i++) {
        left_before = g->ticks_left;
        tick(g, tile_y(harry(g)->pos) < 4 ? INPUT_DOWN : 0);
        if (has_event(g, EV_HIT)) {
            hit = (int32_t)g->tick;
            horn = has_event(g, EV_HORN);
            assert_int_equal(find_event(g, EV_HIT)->arg, 4);
        } else if (!game_tile_is_road(
                       game_tile_at(g, tile_x(harry(g)->pos), tile_y(harry(g)->pos)))) {
            kerb = harry(g)->pos;
        }
    }
    assert_true(hit > 0);
    assert_true(horn);
    /* Back where he last stood off the road, with the penalty and the tick off the clock. */
    assert_int_equal(harry(g)->pos.x, kerb.x);
    assert_int_equal(harry(g)->pos.y, kerb.y);
    assert_int_equal(g->ticks_left, left_before - 4 * GAME_TICK_HZ - 1);
    /* Safe for a while: standing on a car's path, nothing hits him again. */
    int32_t car = first_of_kind(g, KIND_CAR);
    assert_true(car >= 0);
    for (int i = 0; i < 30; i++) {
        game_place(g, g->harry, g->ents[car].pos);
        tick(g, 0);
        assert_false(has_event(g, EV_HIT));
    }
    /* Once the safety has run out he can be hit again. */
    int32_t again = -1;
    for (int i = 0; i < 120 && again < 0; i++) {
        car = first_of_kind(g, KIND_CAR);
        game_place(g, g->harry, g->ents[car].pos);
        tick(g, 0);
        if (has_event(g, EV_HIT)) again = (int32_t)g->tick;
    }
    assert_true(again > hit + 60 - 1);
    free(g);
    level_free(lv);
}

static void test_car_hit_with_the_kerb_taken_sends_him_to_the_checkpoint(void **state)
{
    (void)state;
    level_t *lv = parse3(road_map, "lane 0 4 dir=right speed=120 every=40\ncoyote 10 0\n", 60);
    game_t *g = start(lv);
    vec_t start_pos = harry(g)->pos;
    while (tile_y(harry(g)->pos) < 4) tick(g, INPUT_DOWN);
    /* The coyote (solid) sits down where he left the kerb. */
    game_place(g, first_of_kind(g, KIND_COYOTE), g->hs.kerb);
    assert_true(run_until(g, 0, 600, EV_HIT) > 0);
    assert_int_equal(harry(g)->pos.x, start_pos.x);
    assert_int_equal(harry(g)->pos.y, start_pos.y);
    free(g);
    level_free(lv);
}

/* How many of a kind appear over some ticks (spawns counted as they come). */
static int32_t count_spawned(game_t *g, int32_t kind, int ticks)
{
    int32_t n = 0;
    uint16_t seen[GAME_MAX_ENTS];
    for (int32_t s = 0; s < GAME_MAX_ENTS; s++) seen[s] = g->ents[s].gen;
    for (int i = 0; i < ticks; i++) {
        tick(g, 0);
        for (int32_t s = 0; s < g->ent_top; s++) {
            if (g->ents[s].gen == seen[s]) continue;
            seen[s] = g->ents[s].gen;
            n += g->ents[s].kind == kind;
        }
    }
    return n;
}

static void test_lane_gaps_and_buses(void **state)
{
    (void)state;
    static const char *const lanes[] = {
        "lane 0 4 dir=right every=30 wait=true name=l\ntrigger 3 1 do=lane target=l\n",
        "lane 0 4 dir=right every=30 wait=true gaps=255 name=l\ntrigger 3 1 do=lane target=l\n",
        "lane 0 4 dir=right every=30 wait=true gaps=170 name=l\ntrigger 3 1 do=lane target=l\n",
        "lane 0 4 dir=right every=30 wait=true cars=bus name=l\ntrigger 3 1 do=lane target=l\n"};
    /* 240 ticks: eight cars, none, four; and six buses (a bus takes 40 ticks
     * to clear the start at this speed, and the next waits for it). */
    static const int32_t cars[] = {8, 0, 4, 0}, buses[] = {0, 0, 0, 6};
    for (int i = 0; i < 4; i++) {
        level_t *lv = parse3(road_map, lanes[i], 60);
        game_t *g = start(lv);
        tick(g, 0); /* Harry starts in the trigger: the lane starts */
        game_t *h = malloc(sizeof *h);
        assert_non_null(h);
        memcpy(h, g, sizeof *g);
        assert_int_equal(count_spawned(g, KIND_CAR, 240), cars[i]);
        assert_int_equal(count_spawned(h, KIND_BUS, 240), buses[i]);
        free(h);
        free(g);
        level_free(lv);
    }
}

static void test_traffic_flows_from_the_start(void **state)
{
    (void)state;
    /* A lane's traffic is already on the road as the level starts, and cars
     * in a vertical lane have upright boxes. */
    level_t *lv = parse3(".H..=....\n"
                         "....=....\n"
                         "....=....\n"
                         "....=....\n"
                         "....=....\n"
                         "....=....\n"
                         "....=....\n"
                         "....=....\n"
                         "....=....\n"
                         "....=...J\n",
                         "lane 4 0 dir=down speed=120 every=20\n", 60);
    game_t *g = start(lv);
    assert_true(count_kind(g, KIND_CAR) >= 2);
    int32_t car = first_of_kind(g, KIND_CAR);
    assert_true(g->ents[car].hh > g->ents[car].hw);
    free(g);
    level_free(lv);
}

static void test_traffic_light_stops_lanes_while_red(void **state)
{
    (void)state;
    level_t *lv = parse3(road_map,
                         "lane 0 4 dir=right speed=120 every=40 signal=light\n"
                         "signal 12 2 name=light green=30 red=600\n",
                         60);
    game_t *g = start(lv);
    int32_t line = 12 * TILE - 2 * PX;
    /* Green, then amber for a second: the lights change on their cycle. */
    int32_t sig = first_of_kind(g, KIND_SIGNAL);
    int32_t turned = run_until(g, 0, 200, EV_SIGNAL);
    assert_int_equal(turned, 30);
    /* Red from tick 90 on: every car that had not reached the line stops at it. */
    run(g, 0, 90 - 30);
    int32_t before[GAME_MAX_ENTS];
    for (int32_t s = 0; s < GAME_MAX_ENTS; s++)
        before[s] = s < g->ent_top && g->ents[s].kind == KIND_CAR ? g->ents[s].pos.x + g->ents[s].hw
                                                                  : INT32_MAX;
    bool queued = false;
    for (int i = 0; i < 400; i++) {
        tick(g, 0);
        for (int32_t s = 0; s < g->ent_top; s++) {
            const ent_t *e = &g->ents[s];
            if (e->kind != KIND_CAR) continue;
            if (before[s] <= line) assert_true(e->pos.x + e->hw <= line);
            if (e->pos.x + e->hw == line) queued = true;
        }
    }
    assert_true(queued);
    assert_true(g->ents[sig].state != 0);
    free(g);
    level_free(lv);
}

/* The distance a car's front still has to go to the light's line (<0: past it). */
static int32_t to_line(const ent_t *car, int32_t tx, int32_t ty)
{
    switch (car->dir) {
    case DIR_RIGHT:
        return tx * TILE - 2 * PX - (car->pos.x + car->hw);
    case DIR_LEFT:
        return (car->pos.x - car->hw) - ((tx + 1) * TILE + 2 * PX);
    case DIR_DOWN:
        return ty * TILE - 2 * PX - (car->pos.y + car->hh);
    default:
        return (car->pos.y - car->hh) - ((ty + 1) * TILE + 2 * PX);
    }
}

static void test_traffic_light_in_every_direction(void **state)
{
    (void)state;
    static const char cross[] = "........=.........\n"
                                ".H......=.........\n"
                                "........=.........\n"
                                "........=.........\n"
                                "........=.........\n"
                                "........=.........\n"
                                "==================\n"
                                "........=.........\n"
                                "........=.........\n"
                                "........=.........\n"
                                "........=.........\n"
                                "........=........J\n";
    static const char *const lanes[4] = {
        "lane 8 0 dir=down every=50 signal=light\n", "lane 8 11 dir=up every=50 signal=light\n",
        "lane 17 6 dir=left every=50 signal=light\n", "lane 0 6 dir=right every=50 signal=light\n"};
    for (int d = 0; d < 4; d++) {
        char objs[256];
        snprintf(objs, sizeof objs, "%ssignal 10 4 name=light green=30 red=900\n", lanes[d]);
        level_t *lv = parse3(cross, objs, 60);
        game_t *g = start(lv);
        run(g, 0, 90); /* red (and amber before it) from tick 30 */
        /* No car that was short of the line in one tick is past it in the next. */
        int32_t before[GAME_MAX_ENTS];
        for (int32_t s = 0; s < GAME_MAX_ENTS; s++)
            before[s] =
                s < g->ent_top && g->ents[s].kind == KIND_CAR ? to_line(&g->ents[s], 10, 4) : -1;
        bool queued = false;
        for (int i = 0; i < 600; i++) {
            tick(g, 0);
            for (int32_t s = 0; s < GAME_MAX_ENTS; s++) {
                const ent_t *e = &g->ents[s];
                if (s >= g->ent_top || e->kind != KIND_CAR) {
                    before[s] = -1;
                    continue;
                }
                assert_int_equal((int)e->dir, d);
                int32_t room = to_line(e, 10, 4);
                if (before[s] >= 0 && room < 0) fail_msg("dir %d: a car ran the red light", d);
                queued |= room == 0;
                before[s] = room;
            }
        }
        if (!queued) fail_msg("dir %d: no car waited at the line", d);
        free(g);
        level_free(lv);
    }
}

static void test_standing_car_is_a_wall(void **state)
{
    (void)state;
    level_t *lv = parse3(road_map,
                         "lane 0 4 dir=right speed=120 every=40 signal=light\n"
                         "signal 12 2 name=light green=30 red=600\n",
                         60);
    game_t *g = start(lv);
    run(g, 0, 200); /* red since tick 90: the first car waits at the line */
    int32_t car = -1;
    for (int32_t s = 0; s < g->ent_top; s++)
        if (g->ents[s].kind == KIND_CAR && g->ents[s].pos.x + g->ents[s].hw == 12 * TILE - 2 * PX)
            car = s;
    assert_true(car >= 0);
    assert_false(g->ents[car].moving);
    /* Harry walks down into its side: stopped by it, not knocked down. */
    game_place(g, g->harry, (vec_t){g->ents[car].pos.x, centre(0, 2).y});
    for (int i = 0; i < 60; i++) {
        tick(g, INPUT_DOWN);
        assert_false(has_event(g, EV_HIT));
    }
    assert_int_equal(harry(g)->pos.y + harry(g)->hh, g->ents[car].pos.y - g->ents[car].hh);
    free(g);
    level_free(lv);
}

static void test_ride_carries_harry_safe_from_traffic(void **state)
{
    (void)state;
    level_t *lv = parse3("..........=.........\n"
                         "..H.......=.........\n"
                         "..........=.........\n"
                         "..........=.........\n"
                         "..........=.........\n"
                         "..........=........J\n",
                         "ride 3 2 path=route vehicle=car\n"
                         "path route 3,2 17,2\n"
                         "lane 10 0 dir=down speed=150 every=20\n",
                         60);
    game_t *g = start(lv);
    int32_t ride = first_of_kind(g, KIND_RIDE);
    /* Nothing happens without the button; with it he gets in. */
    run(g, 0, 5);
    assert_int_equal(g->hs.riding, -1);
    tick(g, INPUT_ACTION);
    assert_true(has_event(g, EV_RIDE_ON));
    assert_int_equal(g->hs.riding, ride);
    assert_true(harry(g)->flags & ENT_HIDDEN);
    /* Carried along the path, across the traffic, never hit. */
    int32_t x = g->ents[ride].pos.x;
    bool got_out = false;
    for (int i = 0; i < 400 && !got_out; i++) {
        tick(g, 0);
        assert_false(has_event(g, EV_HIT));
        got_out = has_event(g, EV_RIDE_OFF);
        if (got_out) break;
        assert_true(g->ents[ride].pos.x >= x);
        x = g->ents[ride].pos.x;
        assert_int_equal(harry(g)->pos.x, g->ents[ride].pos.x);
        assert_int_equal(harry(g)->pos.y, g->ents[ride].pos.y);
    }
    /* At the end of the line he is let out beside it, free to walk. */
    assert_true(got_out);
    assert_int_equal(g->ents[ride].pos.x, centre(17, 2).x);
    assert_int_equal(g->hs.riding, -1);
    assert_false(harry(g)->flags & ENT_HIDDEN);
    assert_false(
        game_box_blocked(g, harry(g)->pos, harry(g)->hw, harry(g)->hh, g->harry, ENT_SOLID));
    assert_false(game_touching(g, g->harry, ride, 0));
    assert_true(game_touching(g, g->harry, ride, 2 * PX));
    tick(g, 0);
    vec_t p = harry(g)->pos;
    run(g, INPUT_LEFT, 20);
    assert_true(harry(g)->pos.x < p.x);
    free(g);
    level_free(lv);
}

static void test_ride_lets_harry_out_on_the_button(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         "..H.................\n"
                         "....................\n"
                         "...................J\n",
                         "ride 3 2 path=route vehicle=bus\npath route 3,2 17,2\n", 60);
    game_t *g = start(lv);
    int32_t ride = first_of_kind(g, KIND_RIDE);
    press_action(g);
    assert_int_equal(g->hs.riding, ride);
    run(g, 0, 20);
    vec_t at = g->ents[ride].pos;
    tick(g, INPUT_ACTION);
    assert_true(has_event(g, EV_RIDE_OFF));
    assert_int_equal(g->hs.riding, -1);
    /* Beside it: below it, with his box just clear of the bus's. */
    assert_int_equal(harry(g)->pos.x, at.x);
    assert_int_equal(harry(g)->pos.y, at.y + g->ents[ride].hh + harry(g)->hh + PX);
    /* Parked where he left it. */
    run(g, 0, 30);
    assert_int_equal(g->ents[ride].pos.x, at.x);
    free(g);
    level_free(lv);
}

/* ---- people ------------------------------------------------------------------ */

static void test_pedestrian_shoves_harry_aside(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         "....................\n"
                         "....H...............\n"
                         "....................\n"
                         "...................J\n",
                         "pedestrian 12 2 dir=left speed=120\n", 60);
    game_t *g = start(lv);
    vec_t p = harry(g)->pos;
    int32_t shoved = run_until(g, 0, 200, EV_SHOVE);
    assert_true(shoved > 0);
    int32_t ped = first_of_kind(g, KIND_PEDESTRIAN);
    run(g, 0, 30);
    /* Carried along the runner's way and a little aside... */
    assert_true(harry(g)->pos.x < p.x - 4 * PX);
    assert_true(harry(g)->pos.y != p.y);
    /* ...but not stopped: he walks on at once, and the runner ran on past. */
    assert_int_equal(g->hs.stun, 0);
    assert_true(g->ents[ped].pos.x < harry(g)->pos.x);
    int32_t y = harry(g)->pos.y;
    run(g, INPUT_UP, 10);
    assert_true(harry(g)->pos.y < y);
    free(g);
    level_free(lv);
}

static void test_looter_spills_the_coffee(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         "....................\n"
                         ".......H............\n"
                         "....................\n"
                         "...................J\n",
                         "looter 2 2 path=run\npath run 2,2 14,2\n", 60);
    game_t *g = start(lv);
    assert_int_equal(g->hs.stamina, GAME_STAMINA_MAX);
    int32_t t = run_until(g, 0, 200, EV_SPILL);
    assert_true(t > 0);
    assert_int_equal(g->hs.stamina, 0);
    assert_true(g->hs.winded);
    /* No sprint until it comes back a little. */
    vec_t p = harry(g)->pos;
    run(g, INPUT_RIGHT | INPUT_SPRINT, 20);
    assert_false(g->hs.sprinting);
    assert_true(harry(g)->pos.x > p.x);
    free(g);
    level_free(lv);
}

static void test_looter_held_up_turns_back(void **state)
{
    (void)state;
    /* A coyote sits on the looter's run: a second later it runs back. */
    level_t *lv = parse3("####################\n"
                         "#..................#\n"
                         "####################\n"
                         "...................H\n"
                         "...................J\n",
                         "looter 2 1 path=run\npath run 2,1 17,1\ncoyote 10 1\n", 60);
    game_t *g = start(lv);
    int32_t l = first_of_kind(g, KIND_LOOTER);
    int32_t held = -1;
    run(g, 0, 10);
    for (int i = 0; i < 300 && held < 0; i++) {
        int32_t x = g->ents[l].pos.x;
        tick(g, 0);
        if (g->ents[l].pos.x == x) held = (int32_t)g->tick;
    }
    assert_true(held > 0);
    int32_t x = g->ents[l].pos.x;
    run(g, 0, GAME_TICK_HZ - 1);
    assert_int_equal(g->ents[l].pos.x, x);
    run(g, 0, 30);
    assert_true(g->ents[l].pos.x < x);
    free(g);
    level_free(lv);
}

static void test_julie_hidden_until_harry_is_near(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         ".H..................\n"
                         "....................\n"
                         "....................\n",
                         "julie 18 1 hidden=true\n", 60);
    game_t *g = start(lv);
    assert_true(g->ents[g->julie].flags & ENT_HIDDEN);
    int32_t shown = -1;
    for (int i = 0; i < 600 && shown < 0; i++) {
        tick(g, INPUT_RIGHT);
        int32_t dx = abs(harry(g)->pos.x - g->ents[g->julie].pos.x);
        if (has_event(g, EV_JULIE_MOVES)) {
            shown = (int32_t)g->tick;
            assert_true(dx < 3 * TILE);
            assert_false(g->ents[g->julie].flags & ENT_HIDDEN);
        } else {
            assert_true(dx >= 3 * TILE);
            assert_true(g->ents[g->julie].flags & ENT_HIDDEN);
        }
    }
    assert_true(shown > 0);
    assert_int_equal(run_until(g, INPUT_RIGHT, 120, EV_WON) > 0, 1);
    free(g);
    level_free(lv);
}

/* ---- patrols ----------------------------------------------------------------- */

/* Whether a point is in a down-facing cone (half angle in degrees) within reach. */
static double angle_from_down(vec_t from, vec_t to)
{
    double dx = to.x - from.x, dy = to.y - from.y;
    return atan2(fabs(dx), dy) * 180.0 / 3.14159265358979;
}

static const char yard_map[] = "....................\n"
                               "....................\n"
                               "....................\n"
                               "....................\n"
                               "....................\n"
                               "....................\n"
                               "...................H\n"
                               "...................J\n";

static void test_cop_spots_harry_in_the_cone(void **state)
{
    (void)state;
    /* A cop with no beat stands facing down; Harry walks in from the side. */
    level_t *lv = parse3(yard_map, "cop 10 1 sight=6 cone=70 catch=240\n", 60);
    game_t *g = start(lv);
    int32_t cop = first_of_kind(g, KIND_COP);
    game_place(g, g->harry, centre(19, 4));
    int32_t spotted = -1;
    double prev = 90;
    for (int i = 0; i < 400 && spotted < 0; i++) {
        tick(g, INPUT_LEFT);
        double a = angle_from_down(g->ents[cop].pos, harry(g)->pos);
        if (has_event(g, EV_SPOTTED)) {
            spotted = (int32_t)g->tick;
            assert_true(a <= 35.5);
            assert_true(prev >= 34.5); /* the tick before, he was outside it */
            assert_int_equal(find_event(g, EV_SPOTTED)->entity, cop);
        }
        prev = a;
    }
    assert_true(spotted > 0);
    /* The alarm rises while he stays in sight, and falls when he is gone. */
    int32_t a0 = game_alarm(g, cop);
    assert_true(a0 > 0);
    run(g, 0, 10);
    int32_t a1 = game_alarm(g, cop);
    assert_true(a1 > a0);
    tick(g, 0);
    assert_false(has_event(g, EV_SPOTTED)); /* once, not every tick */
    free(g);
    level_free(lv);
}

static void test_cop_does_not_see_through_walls_or_behind(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         "....................\n"
                         "....................\n"
                         ".........#..........\n"
                         "....................\n"
                         "....................\n"
                         "...................H\n"
                         "...................J\n",
                         "cop 9 1 sight=8 cone=90 catch=60\n", 60);
    game_t *g = start(lv);
    int32_t cop = first_of_kind(g, KIND_COP);
    /* Straight ahead, two tiles beyond a wall. */
    game_place(g, g->harry, centre(9, 5));
    for (int i = 0; i < 120; i++) {
        tick(g, 0);
        assert_false(has_event(g, EV_SPOTTED));
    }
    assert_int_equal(game_alarm(g, cop), 0);
    /* Right behind the cop, a tile and a half away. */
    game_place(g, g->harry, (vec_t){centre(9, 0).x, centre(9, 0).y - 4 * PX});
    for (int i = 0; i < 120; i++) {
        tick(g, 0);
        assert_false(has_event(g, EV_SPOTTED));
    }
    assert_int_equal(game_alarm(g, cop), 0);
    /* The rays the renderer draws stop at the wall too. */
    int32_t reach[9], facing = 0, width = 0;
    assert_int_equal(game_sight_rays(g, cop, 9, reach, &facing, &width), 9);
    assert_int_equal(facing, 90);
    assert_int_equal(width, 90);
    assert_true(reach[4] < 2 * LEVEL_TILE_PX + 1);
    /* In the open, in front: seen. */
    game_place(g, g->harry, centre(11, 5));
    assert_true(run_until(g, 0, 5, EV_SPOTTED) > 0);
    free(g);
    level_free(lv);
}

static void test_cop_does_not_see_through_a_closed_door(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         "....................\n"
                         "#########+##########\n"
                         "....................\n"
                         "...................H\n"
                         "...................J\n",
                         "cop 9 0 sight=8 cone=90\ndoor 9 2 colour=none name=gate\n"
                         "trigger 0 5 do=open target=gate\n",
                         60);
    game_t *g = start(lv);
    g->clock_running = true; /* past the ready beat, when nothing can touch him */
    int32_t cop = first_of_kind(g, KIND_COP);
    game_place(g, g->harry, centre(9, 4));
    for (int i = 0; i < 60; i++) {
        tick(g, 0);
        assert_false(has_event(g, EV_SPOTTED));
    }
    int32_t reach[3], facing = 0, width = 0;
    game_sight_rays(g, cop, 3, reach, &facing, &width);
    assert_true(reach[1] < 2 * LEVEL_TILE_PX);
    /* Opened, the doorway shows him at once. */
    door_open(g, first_of_kind(g, KIND_DOOR));
    assert_int_equal(run_until(g, 0, 3, EV_SPOTTED), 61);
    free(g);
    level_free(lv);
}

static void test_cop_catches_harry(void **state)
{
    (void)state;
    level_t *lv = parse3(yard_map, "cop 10 1 sight=6 cone=90 catch=60 penalty=7\n", 60);
    game_t *g = start(lv);
    vec_t start_pos = harry(g)->pos; /* the checkpoint */
    /* Into the cone, close (under half its reach: the alarm rises by two a tick). */
    game_place(g, g->harry, centre(10, 3));
    g->clock_running = true; /* past the ready beat, when nothing can touch him */
    tick(g, INPUT_DOWN);
    assert_true(has_event(g, EV_SPOTTED));
    int32_t spotted = (int32_t)g->tick;
    int32_t left = g->ticks_left;
    int32_t caught = run_until(g, 0, 200, EV_CAUGHT);
    assert_int_equal(caught, spotted + 29);
    assert_int_equal(g->ticks_left, left - 7 * GAME_TICK_HZ - 29);
    assert_true(has_event(g, EV_RESPAWN));
    assert_int_equal(harry(g)->pos.x, start_pos.x);
    assert_int_equal(harry(g)->pos.y, start_pos.y);
    free(g);
    level_free(lv);
}

static void test_patrols_head_on_turn_back(void **state)
{
    (void)state;
    /* Two cops on one corridor, walking at each other. */
    level_t *lv = parse3("####################\n"
                         "#..................#\n"
                         "####################\n"
                         "...................H\n"
                         "...................J\n",
                         "cop 2 1 path=east\npath east 2,1 17,1\n"
                         "cop 17 1 path=west\npath west 17,1 2,1\n",
                         60);
    game_t *g = start(lv);
    int32_t a = first_of_kind(g, KIND_COP), b = -1;
    for (int32_t s = a + 1; s < g->ent_top; s++)
        if (g->ents[s].kind == KIND_COP) b = s;
    /* They meet in the middle in about two seconds, wait a second, and part. */
    run(g, 0, 240);
    int32_t gap = g->ents[b].pos.x - g->ents[a].pos.x;
    run(g, 0, 120);
    assert_true(g->ents[b].pos.x - g->ents[a].pos.x > gap + TILE);
    assert_true(g->ents[a].moving && g->ents[b].moving);
    free(g);
    level_free(lv);
}

static void test_swat_come_in_pairs(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         "....................\n"
                         "....................\n"
                         "####################\n"
                         "...................H\n"
                         "...................J\n",
                         "swat 2 1 path=beat\npath beat 2,1 16,1\n", 60);
    game_t *g = start(lv);
    assert_int_equal(count_kind(g, KIND_SWAT), 2);
    int32_t lead = -1, mate = -1;
    for (int32_t s = 0; s < g->ent_top; s++) {
        if (g->ents[s].kind != KIND_SWAT) continue;
        if (g->ents[s].obj >= 0)
            lead = s;
        else
            mate = s;
    }
    assert_true(lead >= 0 && mate >= 0);
    assert_int_equal(g->ents[lead].link, mate);
    assert_int_equal(g->ents[mate].link, lead);
    /* Both walk the beat, the partner half a second behind. */
    run(g, 0, 150);
    assert_true(g->ents[lead].pos.x > centre(2, 1).x + 4 * TILE);
    assert_true(g->ents[mate].pos.x > centre(2, 1).x + 2 * TILE);
    assert_true(g->ents[mate].pos.x < g->ents[lead].pos.x);
    assert_int_equal(g->ents[mate].pos.y, g->ents[lead].pos.y);
    /* Where the path turns back they meet head on, and walk on through each
     * other: twenty seconds later both are still on the move. */
    run(g, 0, 1200);
    vec_t l0 = g->ents[lead].pos, m0 = g->ents[mate].pos;
    run(g, 0, 60);
    assert_true(g->ents[lead].pos.x != l0.x);
    assert_true(g->ents[mate].pos.x != m0.x);
    /* The partner sees with its leader's eyes (SWAT's sight, not a default). */
    assert_int_equal(game_prop(g, mate, "sight"), 9);
    /* pair=false: one alone. */
    level_t *lv2 = parse3("....................\n"
                          "....................\n"
                          "...................H\n"
                          "...................J\n",
                          "swat 2 0 pair=false\n", 60);
    game_t *g2 = start(lv2);
    assert_int_equal(count_kind(g2, KIND_SWAT), 1);
    free(g2);
    level_free(lv2);
    free(g);
    level_free(lv);
}

/* ---- ground ---------------------------------------------------------------- */

static void test_tar_sinks_harry_standing_still(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         ".H..~~~~~~~~~~~.....\n"
                         "....................\n"
                         "...................J\n",
                         "", 60);
    game_t *g = start(lv);
    vec_t start_pos = harry(g)->pos;
    /* Walk onto the tar and stop. */
    while (tile_x(harry(g)->pos) < 6) tick(g, INPUT_RIGHT);
    int32_t first = run_until(g, 0, 60, EV_SINKING);
    assert_true(first > 0);
    assert_int_equal(find_event(g, EV_SINKING)->arg, 0);
    int32_t sinkings = 1, sunk = -1;
    for (int i = 0; i < GAME_SINK_MAX + 10 && sunk < 0; i++) {
        tick(g, 0);
        if (has_event(g, EV_SINKING)) sinkings++;
        if (has_event(g, EV_SUNK)) sunk = (int32_t)g->tick;
    }
    assert_int_equal(sunk, first + GAME_SINK_MAX - 1);
    assert_int_equal(sinkings, (GAME_SINK_MAX + 44) / 45);
    /* Back at the checkpoint, out of the tar. */
    assert_int_equal(harry(g)->pos.x, start_pos.x);
    assert_int_equal(harry(g)->pos.y, start_pos.y);
    assert_int_equal(g->hs.sink, 0);
    free(g);
    level_free(lv);
}

static void test_tar_does_not_sink_a_walker(void **state)
{
    (void)state;
    level_t *lv = parse3("..................................\n"
                         ".H~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~.\n"
                         "..................................\n"
                         ".................................J\n",
                         "", 90);
    game_t *g = start(lv);
    for (int i = 0; i < 1500 && tile_x(harry(g)->pos) < 32; i++) {
        tick(g, INPUT_RIGHT);
        assert_false(has_event(g, EV_SINKING));
        assert_false(has_event(g, EV_SUNK));
        assert_int_equal(g->hs.sink, 0);
    }
    assert_int_equal(tile_x(harry(g)->pos), 32);
    free(g);
    level_free(lv);
}

static void test_fire_spreads_tile_by_tile(void **state)
{
    (void)state;
    level_t *lv = parse3("..........\n"
                         "..F...#...\n"
                         "..........\n"
                         "H........J\n",
                         "fire 2 1 dir=right every=30 length=6\n", 60);
    game_t *g = start(lv);
    assert_int_equal(game_tile_at(g, 2, 1), TILE_FIRE);
    assert_int_equal(game_tile_at(g, 3, 1), TILE_SIDEWALK);
    for (int32_t n = 1; n <= 3; n++) {
        run(g, 0, 29);
        assert_int_equal(game_tile_at(g, 2 + n, 1), TILE_SIDEWALK);
        tick(g, 0);
        assert_true(has_event(g, EV_FIRE_SPREADS));
        assert_int_equal(g->tick, 30 * n);
        assert_int_equal(game_tile_at(g, 2 + n, 1), TILE_FIRE);
    }
    /* The wall at column 6 stops it: nothing beyond ever burns. */
    run(g, 0, 300);
    assert_int_equal(game_tile_at(g, 6, 1), TILE_WALL);
    assert_int_equal(game_tile_at(g, 7, 1), TILE_SIDEWALK);
    /* Burning tiles block the way. */
    assert_true(game_box_blocked(g, centre(4, 1), 5 * PX, 4 * PX, -1, 0));
    free(g);
    level_free(lv);
}

static void test_fire_waits_its_delay(void **state)
{
    (void)state;
    level_t *lv = parse3("..........\n"
                         "..F.......\n"
                         "..........\n"
                         "H........J\n",
                         "fire 2 1 dir=down every=30 length=2 delay=60\n", 60);
    game_t *g = start(lv);
    assert_int_equal(run_until(g, 0, 300, EV_FIRE_SPREADS), 90);
    assert_int_equal(game_tile_at(g, 2, 2), TILE_FIRE);
    assert_int_equal(run_until(g, 0, 300, EV_FIRE_SPREADS), 120);
    assert_int_equal(game_tile_at(g, 2, 3), TILE_FIRE);
    /* Its length is spent. */
    assert_int_equal(run_until(g, 0, 300, EV_FIRE_SPREADS), -1);
    free(g);
    level_free(lv);
}

static void test_fire_waits_for_someone_in_the_way(void **state)
{
    (void)state;
    level_t *lv = parse3("..........\n"
                         "..F.......\n"
                         "..........\n"
                         "H........J\n",
                         "fire 2 1 dir=right every=30 length=6\n", 60);
    game_t *g = start(lv);
    game_place(g, g->harry, centre(4, 1));
    run(g, 0, 30);
    assert_int_equal(game_tile_at(g, 3, 1), TILE_FIRE);
    /* Harry stands in the next tile: it waits... */
    run(g, 0, 100);
    assert_int_equal(game_tile_at(g, 4, 1), TILE_SIDEWALK);
    /* ...and spreads the tick after he has left it. */
    game_place(g, g->harry, centre(4, 3));
    tick(g, 0);
    assert_true(has_event(g, EV_FIRE_SPREADS));
    assert_int_equal(game_tile_at(g, 4, 1), TILE_FIRE);
    free(g);
    level_free(lv);
}

/* ---- doors and pickups ------------------------------------------------------ */

static const char corridor_map[] = "##########\n"
                                   "#H.......#\n"
                                   "##########\n"
                                   "#........J\n";

static void test_locked_door_blocks(void **state)
{
    (void)state;
    /* The red key is behind the door, out of reach. */
    level_t *lv = parse3(corridor_map, "door 5 1 colour=red\nkey 7 1 colour=red\n", 60);
    game_t *g = start(lv);
    int32_t locked = run_until(g, INPUT_RIGHT, 120, EV_DOOR_LOCKED);
    assert_true(locked > 0);
    assert_int_equal(find_event(g, EV_DOOR_LOCKED)->arg, COLOUR_RED);
    run(g, INPUT_RIGHT, 120);
    assert_int_equal(harry(g)->pos.x + harry(g)->hw, 5 * TILE);
    assert_int_equal(count_kind(g, KIND_DOOR), 1);
    free(g);
    level_free(lv);
}

static void test_key_opens_its_door(void **state)
{
    (void)state;
    level_t *lv = parse3(corridor_map, "key 3 1 colour=blue\ndoor 5 1 colour=blue\n", 60);
    game_t *g = start(lv);
    int32_t key_obj = level_find_kind(lv, KIND_KEY);
    int32_t got = run_until(g, INPUT_RIGHT, 120, EV_KEY);
    assert_true(got > 0);
    assert_int_equal(find_event(g, EV_KEY)->arg, COLOUR_BLUE);
    assert_int_equal(g->hs.keys, 1 << COLOUR_BLUE);
    tick(g, INPUT_RIGHT);
    assert_int_equal(g->obj_slot[key_obj], -1); /* picked up: gone */
    assert_int_equal(count_kind(g, KIND_KEY), 0);
    int32_t opens = run_until(g, INPUT_RIGHT, 120, EV_DOOR_OPENS);
    assert_true(opens > 0);
    assert_int_equal(find_event(g, EV_DOOR_OPENS)->arg, COLOUR_BLUE);
    run(g, INPUT_RIGHT, 60);
    assert_int_equal(count_kind(g, KIND_DOOR), 0);
    assert_true(tile_x(harry(g)->pos) >= 7);
    free(g);
    level_free(lv);
}

static void test_wrong_key_does_not_open(void **state)
{
    (void)state;
    level_t *lv =
        parse3(corridor_map, "key 3 1 colour=green\ndoor 5 1 colour=red\nkey 7 1 colour=red\n", 60);
    game_t *g = start(lv);
    assert_true(run_until(g, INPUT_RIGHT, 120, EV_KEY) > 0);
    assert_int_equal(g->hs.keys, 1 << COLOUR_GREEN);
    assert_true(run_until(g, INPUT_RIGHT, 120, EV_DOOR_LOCKED) > 0);
    run(g, INPUT_RIGHT, 120);
    assert_int_equal(count_kind(g, KIND_DOOR), 1);
    assert_true(tile_x(harry(g)->pos) < 5);
    free(g);
    level_free(lv);
}

/* A resident speaks once when Harry comes near, hands over the key of their
 * 'gives' (which opens its door), and does not block the corridor. */
static void test_resident_gives_a_key_and_speaks(void **state)
{
    (void)state;
    level_t *lv = parse3(corridor_map,
                         "resident 3 1 look=ivan gives=green text=\"Ivan: 'Take it.'\"\n"
                         "door 6 1 colour=green\n",
                         60);
    game_t *g = start(lv);
    int32_t obj = level_find_kind(lv, KIND_RESIDENT);
    int32_t slot = g->obj_slot[obj];
    assert_true(slot >= 0);
    assert_int_equal(g->ents[slot].variant, 1); /* ivan */
    assert_int_equal(g->hs.keys, 0);
    assert_true(run_until(g, INPUT_RIGHT, 120, EV_KEY) > 0);
    assert_int_equal(find_event(g, EV_KEY)->arg, COLOUR_GREEN);
    assert_true(has_event(g, EV_STORY));
    assert_string_equal(game_story(g), "Ivan: 'Take it.'");
    assert_int_equal(g->hs.keys, 1 << COLOUR_GREEN);
    /* Still there, and never again. */
    assert_int_equal(g->obj_slot[obj], slot);
    assert_true(run_until(g, INPUT_RIGHT, 120, EV_DOOR_OPENS) > 0);
    run(g, INPUT_RIGHT, 60);
    assert_true(tile_x(harry(g)->pos) >= 7); /* walked through them and the door */
    run(g, INPUT_LEFT, 120);
    assert_false(has_event(g, EV_KEY));
    free(g);
    level_free(lv);
}

/* A resident reaches a player passing along a three-tile walk: two rows off
 * (32 px) still gets the key; three rows off (48 px) is passing someone else. */
static const char walk_map[] = "############\n"
                               "#H.........#\n"
                               "#..........#\n"
                               "#..........#\n"
                               "#..........#\n"
                               "#.........J#\n"
                               "############\n";

static bool passing_gets_key(int32_t resident_y)
{
    char objects[128];
    snprintf(objects, sizeof objects, "resident 6 %d look=lucy gives=blue text=\"Lucy: 'Here.'\"\n",
             (int)resident_y);
    level_t *lv = parse3(walk_map, objects, 60);
    game_t *g = start(lv);
    bool got = false;
    for (int t = 0; t < 150 && !got; t++) {
        input_t in = {INPUT_RIGHT};
        game_tick(g, &in);
        got = (g->hs.keys & (1 << COLOUR_BLUE)) != 0;
    }
    free(g);
    level_free(lv);
    return got;
}

static void test_resident_reaches_a_passing_player(void **state)
{
    (void)state;
    assert_true(passing_gets_key(2));  /* the next row */
    assert_true(passing_gets_key(3));  /* two rows off: 32 px */
    assert_false(passing_gets_key(4)); /* three rows off: 48 px */
}

/* A resident with nothing to give only speaks. */
static void test_resident_without_a_key_only_speaks(void **state)
{
    (void)state;
    level_t *lv = parse3(corridor_map, "resident 4 1 text=\"Lucy: 'Hurry.'\"\n", 60);
    game_t *g = start(lv);
    assert_true(run_until(g, INPUT_RIGHT, 120, EV_STORY) > 0);
    assert_false(has_event(g, EV_KEY));
    assert_int_equal(g->hs.keys, 0);
    free(g);
    level_free(lv);
}

static const char crash_map[] = "##########\n"
                                "#H.......#\n"
                                "#........#\n"
                                "#.......J#\n"
                                "##########\n";

/* A trigger sets off the crash: the car appears, careers along its path,
 * crashes at the end (the event, the wreck's tile alight), and the fire
 * spreads from it every 'every' ticks for 'length' tiles. */
static void test_crash_set_off_by_a_trigger_burns_and_spreads(void **state)
{
    (void)state;
    level_t *lv = parse3(crash_map,
                         "trigger 3 1 do=crash target=wreck\n"
                         "crash 8 2 name=wreck path=careers dir=left every=30 length=2\n"
                         "path careers 8,2 5,2\n",
                         60);
    game_t *g = start(lv);
    int32_t slot = g->obj_slot[level_find_kind(lv, KIND_CRASH)];
    run(g, 0, 30);
    assert_true(g->ents[slot].flags & ENT_HIDDEN); /* nothing until set off */
    assert_int_equal(g->ents[slot].state, 0);
    assert_true(run_until(g, INPUT_RIGHT, 120, EV_CRASH) > 0);
    const game_event_t *ev = find_event(g, EV_CRASH);
    assert_int_equal(ev->x / LEVEL_TILE_PX, 5);
    assert_int_equal(ev->y / LEVEL_TILE_PX, 2);
    tick(g, 0);
    assert_int_equal(game_tile_at(g, 5, 2), TILE_FIRE);
    assert_int_not_equal(game_tile_at(g, 4, 2), TILE_FIRE);
    assert_true(run_until(g, 0, 40, EV_FIRE_SPREADS) > 0);
    assert_int_equal(game_tile_at(g, 4, 2), TILE_FIRE);
    run(g, 0, 200);
    assert_int_equal(game_tile_at(g, 3, 2), TILE_FIRE);
    assert_int_not_equal(game_tile_at(g, 2, 2), TILE_FIRE); /* length 2 */
    free(g);
    level_free(lv);
}

/* The careering car hits Harry in its way as traffic does. */
static void test_crash_car_hits_harry_in_its_way(void **state)
{
    (void)state;
    level_t *lv = parse3(crash_map,
                         "trigger 2 1 do=crash target=wreck\n"
                         "crash 8 1 name=wreck path=careers penalty=5 length=0\n"
                         "path careers 8,1 3,1\n",
                         60);
    game_t *g = start(lv);
    assert_true(run_until(g, INPUT_RIGHT, 120, EV_HIT) > 0);
    assert_int_equal(find_event(g, EV_HIT)->arg, 5);
    free(g);
    level_free(lv);
}

static void test_trigger_opens_a_door_of_no_colour(void **state)
{
    (void)state;
    level_t *lv = parse3(corridor_map,
                         "door 6 1 colour=none name=gate\ntrigger 3 1 do=open target=gate\n", 60);
    game_t *g = start(lv);
    int32_t opens = -1;
    for (int i = 0; i < 120 && opens < 0; i++) {
        tick(g, INPUT_RIGHT);
        if (has_event(g, EV_DOOR_OPENS)) {
            opens = (int32_t)g->tick;
            assert_int_equal(find_event(g, EV_DOOR_OPENS)->arg, -1);
            assert_int_equal(tile_x(harry(g)->pos), 3); /* as he stepped into the area */
        }
    }
    assert_true(opens > 0);
    run(g, INPUT_RIGHT, 90);
    assert_true(tile_x(harry(g)->pos) >= 7);
    free(g);
    level_free(lv);
}

static void test_clock_and_coffee_pickups(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         ".H..................\n"
                         "....................\n"
                         "...................J\n",
                         "coffee 14 1\nclock 17 1 seconds=9\n", 60);
    game_t *g = start(lv);
    int32_t t = run_until(g, INPUT_RIGHT | INPUT_SPRINT, 300, EV_COFFEE);
    assert_true(t > 0);
    assert_int_equal(g->hs.stamina, GAME_STAMINA_MAX);
    assert_false(g->hs.winded);
    tick(g, INPUT_RIGHT);
    assert_int_equal(count_kind(g, KIND_COFFEE), 0);
    int32_t left = 0;
    int32_t c = -1;
    for (int i = 0; i < 300 && c < 0; i++) {
        left = g->ticks_left;
        tick(g, INPUT_RIGHT);
        if (has_event(g, EV_CLOCK)) c = (int32_t)g->tick;
    }
    assert_true(c > 0);
    assert_int_equal(find_event(g, EV_CLOCK)->arg, 9);
    assert_int_equal(g->ticks_left, left + 9 * GAME_TICK_HZ - 1);
    tick(g, INPUT_RIGHT);
    assert_int_equal(count_kind(g, KIND_CLOCK), 0);
    free(g);
    level_free(lv);
}

/* ---- payphones and triggers ------------------------------------------------- */

static void test_payphone_rings_and_is_the_checkpoint(void **state)
{
    (void)state;
    level_t *lv = parse3("..............................\n"
                         "..............................\n"
                         "..............................\n"
                         "..H....................P......\n"
                         ".............................J\n",
                         "payphone 23 3 text=\"Hello, Harry.\"\n", 60);
    game_t *g = start(lv);
    /* Too far to hear it. */
    for (int i = 0; i < 200; i++) {
        tick(g, 0);
        assert_false(has_event(g, EV_RING));
    }
    /* Within ten tiles it rings, now and then. */
    int32_t rang = -1;
    for (int i = 0; i < 400 && rang < 0; i++) {
        tick(g, INPUT_RIGHT);
        if (has_event(g, EV_RING)) {
            rang = (int32_t)g->tick;
            assert_true(abs(harry(g)->pos.x - centre(23, 3).x) < 10 * TILE);
        }
    }
    assert_true(rang > 0);
    assert_int_equal(run_until(g, 0, 151, EV_RING), rang + 150);
    /* Up to it, the button answers: the checkpoint and its line. */
    run(g, INPUT_RIGHT, 200);
    assert_true(game_touching(g, g->harry, first_of_kind(g, KIND_PAYPHONE), 10 * PX));
    tick(g, INPUT_ACTION);
    assert_true(has_event(g, EV_CHECKPOINT));
    assert_true(has_event(g, EV_STORY));
    assert_int_equal(g->hs.checkpoint.x, harry(g)->pos.x);
    assert_int_equal(g->hs.checkpoint.y, harry(g)->pos.y);
    assert_string_equal(game_story(g), "Hello, Harry.");
    /* Answered, it is quiet and used. */
    tick(g, 0);
    tick(g, INPUT_ACTION);
    assert_false(has_event(g, EV_CHECKPOINT));
    assert_true(run_until(g, 0, 300, EV_RING) < 0);
    /* The line shows for GAME_STORY_TICKS. */
    assert_null(game_story(g));
    free(g);
    level_free(lv);
}

static void test_payphone_that_does_not_ring(void **state)
{
    (void)state;
    level_t *lv = parse3("..........\n"
                         ".H..P.....\n"
                         "..........\n"
                         ".........J\n",
                         "payphone 4 1 ring=false text=\"Quiet.\"\n", 60);
    game_t *g = start(lv);
    assert_int_equal(run_until(g, INPUT_RIGHT, 300, EV_RING), -1);
    /* It still answers. */
    tick(g, INPUT_ACTION);
    assert_true(has_event(g, EV_CHECKPOINT));
    assert_string_equal(game_story(g), "Quiet.");
    free(g);
    level_free(lv);
}

static const char room_map[] = "..........\n"
                               ".H........\n"
                               "..........\n"
                               ".........J\n";

static void test_trigger_shows_story(void **state)
{
    (void)state;
    level_t *lv = parse3(room_map, "trigger 4 0 w=2 h=3 do=story text=\"Run, Harry.\"\n", 60);
    game_t *g = start(lv);
    int32_t t = -1;
    for (int i = 0; i < 120 && t < 0; i++) {
        tick(g, INPUT_RIGHT);
        if (has_event(g, EV_STORY)) {
            t = (int32_t)g->tick;
            assert_int_equal(tile_x(harry(g)->pos), 4);
        }
    }
    assert_true(t > 0);
    assert_string_equal(game_story(g), "Run, Harry.");
    /* once (the default): walking out and in again shows nothing. */
    run(g, INPUT_LEFT, 40);
    assert_true(run_until(g, INPUT_RIGHT, 60, EV_STORY) < 0);
    free(g);
    level_free(lv);
}

static void test_trigger_not_once_fires_each_time(void **state)
{
    (void)state;
    level_t *lv = parse3(room_map, "trigger 4 0 w=1 h=3 do=story once=false text=\"Again.\"\n", 60);
    game_t *g = start(lv);
    assert_true(run_until(g, INPUT_RIGHT, 60, EV_STORY) > 0);
    run(g, INPUT_RIGHT, 30);
    assert_true(run_until(g, INPUT_LEFT, 60, EV_STORY) > 0);
    free(g);
    level_free(lv);
}

static void test_trigger_sets_checkpoint(void **state)
{
    (void)state;
    level_t *lv = parse3(room_map, "trigger 4 0 w=1 h=3 do=checkpoint\n", 60);
    game_t *g = start(lv);
    assert_true(run_until(g, INPUT_RIGHT, 60, EV_CHECKPOINT) > 0);
    assert_int_equal(g->hs.checkpoint.x, harry(g)->pos.x);
    assert_int_equal(tile_x(g->hs.checkpoint), 4);
    free(g);
    level_free(lv);
}

/* A gust pushes Harry along its way while it blows and he is inside; calm
 * between gusts; walking into it is slower; outside it nothing moves him. */
static void test_wind_pushes_harry_while_it_gusts(void **state)
{
    (void)state;
    level_t *lv =
        parse3(room_map, "wind 0 0 w=10 h=4 dir=right strength=60 every=120 gust=60\n", 60);
    game_t *g = start(lv);
    int32_t x0 = harry(g)->pos.x;
    run(g, 0, 30);
    /* About a pixel a tick, from the second tick on. */
    assert_true(harry(g)->pos.x - x0 > 25 * PX);
    assert_true(harry(g)->pos.x - x0 < 31 * PX);
    assert_int_equal(harry(g)->pos.y, centre(1, 1).y);
    /* The calm: the push fades within a few ticks and he stands. */
    run(g, 0, 55);
    int32_t calm = harry(g)->pos.x;
    run(g, 0, 30);
    assert_int_equal(harry(g)->pos.x, calm);
    /* The next gust at tick 120 moves him again. */
    run(g, 0, 25);
    assert_true(harry(g)->pos.x > calm + 8 * PX);
    free(g);
    level_free(lv);

    /* Walking into the wind for half a second covers less ground than in
     * still air. */
    level_t *still = parse3(room_map, "", 60);
    level_t *windy =
        parse3(room_map, "wind 0 0 w=10 h=4 dir=left strength=60 every=120 gust=120\n", 60);
    game_t *a = start(still), *b = start(windy);
    run(a, INPUT_RIGHT, 30);
    run(b, INPUT_RIGHT, 30);
    int32_t calm_run = harry(a)->pos.x - centre(1, 1).x, into = harry(b)->pos.x - centre(1, 1).x;
    assert_true(into > 0);
    assert_true(into < calm_run - 20 * PX);
    free(a);
    free(b);
    level_free(still);
    level_free(windy);

    /* Outside the area he is not pushed. */
    level_t *apart = parse3(room_map, "wind 6 0 w=3 h=4 dir=left strength=120 gust=120\n", 60);
    game_t *c = start(apart);
    run(c, 0, 60);
    assert_int_equal(harry(c)->pos.x, centre(1, 1).x);
    free(c);
    level_free(apart);
}

static void test_trigger_starts_a_waiting_lane(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         ".H..................\n"
                         "....................\n"
                         "====================\n"
                         "...................J\n",
                         "lane 0 3 dir=right every=30 wait=true name=traffic\n"
                         "trigger 6 0 w=1 h=3 do=lane target=traffic\n",
                         60);
    game_t *g = start(lv);
    run(g, 0, 200);
    assert_int_equal(count_kind(g, KIND_CAR), 0);
    int32_t t = -1;
    for (int i = 0; i < 200 && t < 0; i++) {
        tick(g, INPUT_RIGHT);
        if (tile_x(harry(g)->pos) == 6) t = (int32_t)g->tick;
    }
    assert_true(t > 0);
    /* The first car comes out the tick after, then one every 30 ticks. */
    assert_int_equal(count_kind(g, KIND_CAR), 0);
    tick(g, 0);
    assert_int_equal(count_kind(g, KIND_CAR), 1);
    run(g, 0, 60);
    assert_int_equal(count_kind(g, KIND_CAR), 3);
    free(g);
    level_free(lv);
}

static void test_trigger_sets_julie_walking(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         ".H..................\n"
                         "....................\n"
                         "....................\n",
                         "julie 19 3 wait=true path=away\npath away 19,3 12,3\n"
                         "trigger 4 0 w=1 h=3 do=julie\n",
                         60);
    game_t *g = start(lv);
    vec_t j = g->ents[g->julie].pos;
    run(g, 0, 200);
    assert_int_equal(g->ents[g->julie].pos.x, j.x); /* she waits */
    assert_true(run_until(g, INPUT_RIGHT, 120, EV_JULIE_MOVES) > 0);
    assert_int_equal(tile_x(harry(g)->pos), 4);
    run(g, 0, 60);
    assert_true(g->ents[g->julie].pos.x < j.x);
    free(g);
    level_free(lv);
}

static void test_trigger_shows_hidden_julie(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         ".H..................\n"
                         "....................\n"
                         "....................\n",
                         "julie 19 3 hidden=true\ntrigger 4 0 w=1 h=3 do=julie\n", 60);
    game_t *g = start(lv);
    run(g, 0, 10);
    assert_true(g->ents[g->julie].flags & ENT_HIDDEN);
    assert_true(run_until(g, INPUT_RIGHT, 120, EV_JULIE_MOVES) > 0);
    assert_false(g->ents[g->julie].flags & ENT_HIDDEN);
    free(g);
    level_free(lv);
}

/* ---- Harry's feel ------------------------------------------------------------ */

/* While the clock waits, the world moves but nothing can cost Harry time:
 * a cop looking straight at him raises no alarm until the clock starts. */
static void test_ready_beat_is_safe(void **state)
{
    (void)state;
    level_t *lv = parse3(yard_map, "cop 10 1 sight=6 cone=90\n", 60);
    game_t *g = start(lv);
    game_place(g, g->harry, centre(10, 3));
    int32_t full = g->ticks_left;
    assert_int_equal(run_until(g, 0, GAME_COUNT_IN, EV_SPOTTED), -1);
    assert_int_equal(g->ticks_left, full);
    /* The count-in ends; the first tick after it he is fair game. */
    int32_t t = run_until(g, 0, 10, EV_SPOTTED);
    assert_true(t > GAME_COUNT_IN);
    free(g);
    level_free(lv);
}

static void test_ready_beat(void **state)
{
    (void)state;
    level_t *lv = parse3(room_map, "", 60);
    game_t *g = start(lv);
    int32_t full = g->ticks_left;
    int32_t t = run_until(g, 0, 300, EV_CLOCK_STARTS);
    assert_int_equal(t, GAME_COUNT_IN + 1);
    assert_int_equal(g->ticks_left, full - 1);
    free(g);
    /* A move starts it at once. */
    g = start(lv);
    run(g, 0, 10);
    assert_int_equal(g->ticks_left, full);
    assert_false(g->clock_running);
    tick(g, INPUT_DOWN);
    assert_true(has_event(g, EV_CLOCK_STARTS));
    assert_int_equal(g->ticks_left, full - 1);
    /* Getting into a ride starts it too: no free ride in the ready beat. */
    free(g);
    level_t *lv2 = parse3(room_map, "ride 2 2 path=route\npath route 2,2 8,2\n", 60);
    g = start(lv2);
    tick(g, INPUT_ACTION);
    assert_int_equal(g->hs.riding, first_of_kind(g, KIND_RIDE));
    assert_true(has_event(g, EV_CLOCK_STARTS));
    level_free(lv2);
    /* The action button alone is not a move. */
    free(g);
    g = start(lv);
    tick(g, INPUT_ACTION | INPUT_SPRINT);
    assert_false(g->clock_running);
    free(g);
    level_free(lv);
}

static void test_sprint_not_drained_when_pinned(void **state)
{
    (void)state;
    level_t *lv = parse3("...........#\n"
                         ".H.........#\n"
                         "...........#\n"
                         "J..........#\n",
                         "", 60);
    game_t *g = start(lv);
    run(g, INPUT_RIGHT | INPUT_SPRINT, 60);
    assert_true(g->hs.stamina < GAME_STAMINA_MAX);
    run(g, INPUT_RIGHT | INPUT_SPRINT, 60); /* reaches the wall */
    assert_int_equal(harry(g)->pos.x + harry(g)->hw, 11 * TILE);
    int32_t s = g->hs.stamina;
    assert_true(s > 0);
    for (int i = 0; i < 120; i++) {
        tick(g, INPUT_RIGHT | INPUT_SPRINT);
        assert_int_equal(g->hs.stamina, s);
    }
    free(g);
    level_free(lv);
}

static void test_street_lamp_is_thin(void **state)
{
    (void)state;
    level_t *lv = parse3("........\n"
                         "........\n"
                         "...L....\n"
                         "........\n"
                         "H......J\n",
                         "", 60);
    game_t *g = start(lv);
    /* Walking down the edge of the lamp's tile: his box overlaps the tile by
     * 5 px on the way past, but not the post in its middle. */
    vec_t p = {4 * TILE + 0 * PX, centre(3, 0).y};
    p.x = 3 * TILE + 11 * PX + harry(g)->hw; /* the post is x 5..11 of the tile */
    game_place(g, g->harry, p);
    for (int i = 0; i < 60; i++) tick(g, INPUT_DOWN);
    assert_int_equal(harry(g)->pos.x, p.x);
    assert_true(tile_y(harry(g)->pos) >= 3);
    /* Its tile blocks only where the post is. */
    assert_true(game_box_blocked(g, centre(3, 2), PX, PX, -1, 0));
    assert_false(game_box_blocked(g, (vec_t){3 * TILE + 2 * PX, 2 * TILE + 2 * PX}, PX, PX, -1, 0));
    free(g);
    level_free(lv);
}

static void test_doorway_entered_off_centre(void **state)
{
    (void)state;
    for (int32_t off = -7; off <= 7; off++) {
        level_t *lv = parse3("####.####\n"
                             "#.......#\n"
                             "#.......#\n"
                             "#...H...#\n"
                             "#......J#\n",
                             "", 60);
        game_t *g = start(lv);
        vec_t p = harry(g)->pos;
        p.x += off * PX;
        game_place(g, g->harry, p);
        /* Up to full speed first, then into the doorway: he never stops. */
        int32_t y = harry(g)->pos.y;
        for (int i = 0; i < 60 && harry(g)->pos.y > TILE / 2; i++) {
            tick(g, INPUT_UP);
            if (i >= 6) {
                if (harry(g)->pos.y >= y)
                    fail_msg("off by %d px: stopped at y=%d px in tick %d", off,
                             harry(g)->pos.y / PX, i);
            }
            y = harry(g)->pos.y;
        }
        if (harry(g)->pos.y > TILE / 2) fail_msg("off by %d px: did not get through", off);
        free(g);
        level_free(lv);
    }
}

/* ---- determinism ------------------------------------------------------------- */

/* ---- the campaign's first three rules: the seep, the young mammoth, the
 * call that starts the clock, the diners' panic ---- */

static void test_shallow_tar_slows_and_never_sinks(void **state)
{
    (void)state;
    level_t *lv = parse3("....................\n"
                         ".H..oooooooooo......\n"
                         "....................\n"
                         "...................J\n",
                         "", 60);
    game_t *g = start(lv);
    /* As slow as tar to wade through. */
    while (tile_x(harry(g)->pos) < 6) tick(g, INPUT_RIGHT);
    run(g, INPUT_RIGHT, 20);
    assert_true(harry(g)->vel.x <= GAME_WALK_SPEED * 96 / 256 + 1);
    assert_true(harry(g)->vel.x > 0);
    /* Standing in it for longer than deep tar takes: nothing happens. */
    for (int i = 0; i < GAME_SINK_MAX * 2; i++) {
        tick(g, 0);
        assert_false(has_event(g, EV_SINKING));
        assert_false(has_event(g, EV_SUNK));
    }
    assert_int_equal(g->hs.sink, 0);
    assert_int_equal(tile_x(harry(g)->pos) >= 6, 1);
    free(g);
    level_free(lv);
}

static void test_young_mammoth_cries_while_harry_is_near(void **state)
{
    (void)state;
    level_t *lv = parse3("..............................\n"
                         ".H..........................m.\n"
                         "..............................\n"
                         ".............................J\n",
                         "young_mammoth 28 1 near=8 every=100\n", 60);
    game_t *g = start(lv);
    /* Twenty-seven tiles away: silent. */
    for (int i = 0; i < 200; i++) {
        tick(g, 0);
        assert_false(has_event(g, EV_CRY));
    }
    /* Within eight tiles it cries at once, where it stands. */
    int32_t first = -1;
    for (int i = 0; i < 600 && first < 0; i++) {
        tick(g, INPUT_RIGHT);
        if (has_event(g, EV_CRY)) first = (int32_t)g->tick;
    }
    assert_true(first > 0);
    assert_true(abs(harry(g)->pos.x - centre(28, 1).x) < 8 * TILE);
    const game_event_t *e = find_event(g, EV_CRY);
    assert_int_equal(e->x, centre(28, 1).x / GAME_SUB);
    assert_int_equal(e->y, centre(28, 1).y / GAME_SUB);
    /* Then every 'every' ticks while he stays. */
    assert_int_equal(run_until(g, 0, 101, EV_CRY), first + 100);
    /* Walked away, it falls quiet. */
    while (tile_x(harry(g)->pos) > 12) tick(g, INPUT_LEFT);
    assert_true(run_until(g, 0, 300, EV_CRY) < 0);
    free(g);
    level_free(lv);
}

static void test_call_starts_the_clock(void **state)
{
    (void)state;
    level_t *lv = parse3("..............................\n"
                         ".H...P........................\n"
                         "..............................\n"
                         ".............................J\n",
                         "payphone 5 1 starts_clock=true text=\"It's happening.\"\n", 30);
    game_t *g = start(lv);
    /* Walking does not start it, nor the count-in: the phone rings on. */
    bool rang = false;
    for (int i = 0; i < GAME_COUNT_IN + 60; i++) {
        tick(g, INPUT_RIGHT);
        rang |= has_event(g, EV_RING);
        assert_false(has_event(g, EV_CLOCK_STARTS));
    }
    assert_true(rang);
    assert_false(g->clock_running);
    assert_int_equal(g->ticks_left, 30 * GAME_TICK_HZ);
    /* Answered: the clock starts in that tick, and its line shows. */
    assert_true(game_touching(g, g->harry, first_of_kind(g, KIND_PAYPHONE), 10 * PX));
    tick(g, INPUT_ACTION);
    assert_true(has_event(g, EV_CHECKPOINT));
    assert_true(has_event(g, EV_CLOCK_STARTS));
    assert_true(g->clock_running);
    assert_string_equal(game_story(g), "It's happening.");
    run(g, 0, 60);
    assert_int_equal(game_ticks_used(g), 61);
    free(g);
    level_free(lv);
}

static void test_unanswered_call_lets_the_clock_run(void **state)
{
    (void)state;
    level_t *lv = parse3("..............................\n"
                         ".H...P........................\n"
                         "..............................\n"
                         ".............................J\n",
                         "payphone 5 1 starts_clock=true\n", 10);
    game_t *g = start(lv);
    /* Standing still still loses: the night does not wait for ever. */
    assert_int_equal(run_until(g, 0, GAME_CALL_WAIT + 10, EV_CLOCK_STARTS), GAME_CALL_WAIT + 1);
    assert_int_equal(run_until(g, 0, 10 * GAME_TICK_HZ + 10, EV_LOST),
                     GAME_CALL_WAIT + 10 * GAME_TICK_HZ);
    free(g);
    level_free(lv);
}

static void test_starts_clock_left_out_of_the_hash_at_its_default(void **state)
{
    (void)state;
    static const char map[] = "..........\n"
                              ".H...P....\n"
                              "..........\n"
                              ".........J\n";
    level_t *a = parse3(map, "payphone 5 1\n", 30);
    level_t *b = parse3(map, "payphone 5 1 starts_clock=false\n", 30);
    level_t *c = parse3(map, "payphone 5 1 starts_clock=true\n", 30);
    /* Replays made before the property keep their level's hash; using it
     * changes play, so it changes the hash. */
    assert_true(level_hash(a) == level_hash(b));
    assert_true(level_hash(a) != level_hash(c));
    level_free(a);
    level_free(b);
    level_free(c);
}

static void test_panic_sends_the_diners_out_of_the_doors(void **state)
{
    (void)state;
    level_t *lv = parse3("##########+###########\n"
                         "#____________________#\n"
                         "#__CCCCCCCCCCCCCC____#\n"
                         "#____________________#\n"
                         "#____________________#\n"
                         "#######+##############\n"
                         "....H...............J.\n",
                         "diner 3 1\ndiner 12 1\ndiner 18 1\ndiner 5 3\ndiner 15 4\n"
                         "trigger 10 6 w=1 h=1 do=panic text=\"Run!\"\n",
                         60);
    game_t *g = start(lv);
    /* Before the news they only wander: all five stay in the room. */
    run(g, 0, 300);
    assert_int_equal(count_kind(g, KIND_DINER), 5);
    /* Harry walks into the trigger: the panic, and its line. */
    int32_t at = run_until(g, INPUT_RIGHT, 300, EV_PANIC);
    assert_true(at > 0);
    assert_true(has_event(g, EV_STORY));
    assert_true(g->panic);
    /* Harry stands aside, off the doorways; they all leave by one door or
     * the other, the nearest, within a few seconds. */
    int32_t gone_at = -1;
    for (int i = 0; i < 600 && gone_at < 0; i++) {
        tick(g, 0);
        for (int32_t s = 2; s < g->ent_top; s++) {
            const ent_t *e = &g->ents[s];
            if (e->kind != KIND_DINER) continue;
            /* Never through a wall or a counter. */
            assert_false(level_tile_info(game_tile_at(g, tile_x(e->pos), tile_y(e->pos)))->solid);
        }
        if (count_kind(g, KIND_DINER) == 0) gone_at = (int32_t)g->tick;
    }
    assert_true(gone_at > 0);
    assert_true(gone_at - at < 400);
    /* A second panic trigger does nothing more. */
    diner_panic(g);
    assert_false(has_event(g, EV_PANIC));
    free(g);
    level_free(lv);
}

static void test_panic_crowds_harry_in_the_doorway(void **state)
{
    (void)state;
    /* Harry stands in the only way out: the diners queue behind him (they
     * never walk through him), and go once he steps aside. */
    level_t *lv = parse3("#####+####\n"
                         "#________#\n"
                         "#________#\n"
                         "##########\n",
                         "harry 5 1\njulie 8 2\ndiner 2 1\ndiner 3 2\n"
                         "trigger 5 1 w=1 h=1 do=panic\n",
                         60);
    game_t *g = start(lv);
    tick(g, 0);
    assert_true(g->panic);
    run(g, 0, 240);
    assert_int_equal(count_kind(g, KIND_DINER), 2);
    run(g, INPUT_RIGHT, 30);
    run(g, 0, 300);
    assert_int_equal(count_kind(g, KIND_DINER), 0);
    free(g);
    level_free(lv);
}

static const char everything_map[] = "##########################\n"
                                     "#H.....+.......P....m...J#\n"
                                     "#........................#\n"
                                     "#..~~~~......:...........#\n"
                                     "#..~~~~..................#\n"
                                     "#.......ooo..............#\n"
                                     "=========================#\n"
                                     "-------------------------#\n"
                                     "=========================#\n"
                                     "#..................r.....#\n"
                                     "#........................#\n"
                                     "##########################\n";

static const char everything_objects[] = "diner 5 2\ndiner 9 4\ndiner 14 5\n"
                                         "pedestrian 4 5 dir=right\n"
                                         "looter 10 2 path=shops\n"
                                         "path shops 10,2 20,2\n"
                                         "cop 16 4 path=beat\n"
                                         "path beat loop 16,4 22,4 22,2 16,2\n"
                                         "swat 5 10 path=sweep\n"
                                         "path sweep 5,10 15,10\n"
                                         "coyote 3 10\n"
                                         "helicopter 20 9\n"
                                         "lane 0 7 dir=right every=50 cars=car,bus signal=light\n"
                                         "signal 13 5 name=light\n"
                                         "ride 2 9 path=drive\n"
                                         "path drive 2,9 2,10 12,10\n"
                                         "fire 24 9 dir=left every=40 length=3\n"
                                         "key 12 2 colour=yellow\n"
                                         "door 23 10 colour=yellow\n"
                                         "coffee 8 1\n"
                                         "clock 11 4 seconds=3\n"
                                         "payphone 15 1 text=\"Hello.\"\n"
                                         "trigger 18 3 w=2 h=2 do=story text=\"Ahead.\"\n"
                                         "trigger 2 4 w=1 h=1 do=panic\n"
                                         "young_mammoth 20 1\n"
                                         "wind 8 1 w=4 h=3 dir=down every=90 gust=40\n"
                                         "resident 7 5 gives=red text=\"Lucy.\"\n"
                                         "trigger 20 4 do=crash target=wreck\n"
                                         "crash 21 10 name=wreck path=careers dir=up\n"
                                         "path careers 21,10 12,10\n";

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 24;
}

static void run_random(game_t *g, uint32_t seed, int ticks)
{
    uint8_t buttons = 0;
    for (int i = 0; i < ticks; i++) {
        if (i % 12 == 0) buttons = (uint8_t)(lcg(&seed) & INPUT_ALL_BUTTONS);
        tick(g, buttons);
        if (g->status != GAME_PLAYING) break;
    }
}

static void test_every_kind_is_deterministic(void **state)
{
    (void)state;
    level_t *lv = parse3(everything_map, everything_objects, 600);
    /* Every placeable kind but Harry and Julie is in the level. */
    for (int32_t k = 0; k < level_kind_count(); k++)
        if (level_kind(k)->placeable && k != KIND_HARRY && k != KIND_JULIE)
            assert_true(level_find_kind(lv, k) >= 0);
    game_t *a = start(lv), *b = start(lv);
    assert_memory_equal(a, b, sizeof *a);
    run_random(a, 12345, 2000);
    run_random(b, 12345, 2000);
    assert_int_equal(a->tick, b->tick);
    assert_true(a->tick > 1000);
    assert_memory_equal(a, b, sizeof *a);
    assert_true(game_state_hash(a) == game_state_hash(b));
    free(a);
    free(b);
    level_free(lv);
}

static void test_diners_keep_their_paths_when_a_lane_is_added(void **state)
{
    (void)state;
    static const char map[] = "####################\n"
                              "#H.................#\n"
                              "#..................#\n"
                              "#..................#\n"
                              "#.................J#\n"
                              "####################\n"
                              "====================\n";
    level_t *lv1 = parse3(map, "diner 4 2\ndiner 9 3\ndiner 14 2\n", 60);
    level_t *lv2 =
        parse3(map, "lane 0 6 dir=right every=40\ndiner 4 2\ndiner 9 3\ndiner 14 2\n", 60);
    game_t *a = start(lv1), *b = start(lv2);
    assert_true(count_kind(b, KIND_CAR) > 0);
    int moved = 0;
    for (int i = 0; i < 600; i++) {
        tick(a, 0);
        tick(b, 0);
        for (int32_t o = 0; o < lv1->object_count; o++) {
            if (lv1->objects[o].kind != KIND_DINER) continue;
            int32_t o2 = -1;
            for (int32_t q = 0; q < lv2->object_count; q++)
                if (lv2->objects[q].kind == KIND_DINER && lv2->objects[q].x == lv1->objects[o].x &&
                    lv2->objects[q].y == lv1->objects[o].y)
                    o2 = q;
            assert_true(o2 >= 0);
            const ent_t *da = &a->ents[a->obj_slot[o]], *db = &b->ents[b->obj_slot[o2]];
            assert_int_equal(da->pos.x, db->pos.x);
            assert_int_equal(da->pos.y, db->pos.y);
            moved += da->moving;
        }
    }
    assert_true(moved > 100);
    free(a);
    free(b);
    level_free(lv1);
    level_free(lv2);
}

/* ---- the documentation --------------------------------------------------- */

static const char *readme_path;

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf) buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Every placeable kind has its row in the kind table and its own section
 * ("### `kind`") naming each of its properties and showing an example level
 * that places one; a new kind or property cannot go undocumented. */
static void test_readme_documents_every_kind(void **state)
{
    (void)state;
    char *doc = read_text(readme_path);
    if (!doc) fail_msg("cannot read %s", readme_path);
    for (int32_t k = 0; k < level_kind_count(); k++) {
        const kind_schema_t *ks = level_kind(k);
        if (!ks->placeable) continue;
        char want[96];
        snprintf(want, sizeof want, "| `%s` |", ks->name);
        if (!strstr(doc, want)) fail_msg("levels/README.md: no row '%s' in the kind table", want);
        snprintf(want, sizeof want, "\n### `%s`\n", ks->name);
        const char *sec = strstr(doc, want);
        if (!sec) fail_msg("levels/README.md: no section '### `%s`'", ks->name);
        sec += strlen(want);
        const char *end = strstr(sec, "\n## ");
        const char *next = strstr(sec, "\n### ");
        if (!end || (next && next < end)) end = next;
        size_t len = end ? (size_t)(end - sec) : strlen(sec);
        char *body = malloc(len + 1);
        assert_non_null(body);
        memcpy(body, sec, len);
        body[len] = '\0';
        for (int32_t i = 0; i < ks->prop_count; i++) {
            snprintf(want, sizeof want, "| `%s` |", ks->props[i].key);
            if (!strstr(body, want))
                fail_msg("levels/README.md: the %s section has no row for its property '%s'",
                         ks->name, ks->props[i].key);
        }
        if (!strstr(body, "    miraclemile-level 3\n"))
            fail_msg("levels/README.md: the %s section has no example level", ks->name);
        snprintf(want, sizeof want, "\n    %s ", ks->name);
        if (!strstr(body, want))
            fail_msg("levels/README.md: the %s section's example places no %s", ks->name, ks->name);
        free(body);
    }
    free(doc);
}

int main(int argc, char **argv)
{
    /* With the path of levels/README.md: check the documentation only. */
    if (argc > 1) {
        readme_path = argv[1];
        const struct CMUnitTest doc_tests[] = {
            cmocka_unit_test(test_readme_documents_every_kind),
        };
        return cmocka_run_group_tests(doc_tests, NULL, NULL);
    }

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_car_hit_knocks_back_to_kerb),
        cmocka_unit_test(test_car_hit_with_the_kerb_taken_sends_him_to_the_checkpoint),
        cmocka_unit_test(test_lane_gaps_and_buses),
        cmocka_unit_test(test_traffic_flows_from_the_start),
        cmocka_unit_test(test_traffic_light_stops_lanes_while_red),
        cmocka_unit_test(test_traffic_light_in_every_direction),
        cmocka_unit_test(test_standing_car_is_a_wall),
        cmocka_unit_test(test_ride_carries_harry_safe_from_traffic),
        cmocka_unit_test(test_ride_lets_harry_out_on_the_button),
        cmocka_unit_test(test_pedestrian_shoves_harry_aside),
        cmocka_unit_test(test_looter_spills_the_coffee),
        cmocka_unit_test(test_looter_held_up_turns_back),
        cmocka_unit_test(test_julie_hidden_until_harry_is_near),
        cmocka_unit_test(test_cop_spots_harry_in_the_cone),
        cmocka_unit_test(test_cop_does_not_see_through_walls_or_behind),
        cmocka_unit_test(test_cop_does_not_see_through_a_closed_door),
        cmocka_unit_test(test_cop_catches_harry),
        cmocka_unit_test(test_patrols_head_on_turn_back),
        cmocka_unit_test(test_swat_come_in_pairs),
        cmocka_unit_test(test_tar_sinks_harry_standing_still),
        cmocka_unit_test(test_tar_does_not_sink_a_walker),
        cmocka_unit_test(test_fire_spreads_tile_by_tile),
        cmocka_unit_test(test_fire_waits_its_delay),
        cmocka_unit_test(test_fire_waits_for_someone_in_the_way),
        cmocka_unit_test(test_locked_door_blocks),
        cmocka_unit_test(test_key_opens_its_door),
        cmocka_unit_test(test_wrong_key_does_not_open),
        cmocka_unit_test(test_resident_gives_a_key_and_speaks),
        cmocka_unit_test(test_resident_without_a_key_only_speaks),
        cmocka_unit_test(test_resident_reaches_a_passing_player),
        cmocka_unit_test(test_crash_set_off_by_a_trigger_burns_and_spreads),
        cmocka_unit_test(test_crash_car_hits_harry_in_its_way),
        cmocka_unit_test(test_trigger_opens_a_door_of_no_colour),
        cmocka_unit_test(test_clock_and_coffee_pickups),
        cmocka_unit_test(test_payphone_rings_and_is_the_checkpoint),
        cmocka_unit_test(test_payphone_that_does_not_ring),
        cmocka_unit_test(test_trigger_shows_story),
        cmocka_unit_test(test_trigger_not_once_fires_each_time),
        cmocka_unit_test(test_trigger_sets_checkpoint),
        cmocka_unit_test(test_wind_pushes_harry_while_it_gusts),
        cmocka_unit_test(test_trigger_starts_a_waiting_lane),
        cmocka_unit_test(test_trigger_sets_julie_walking),
        cmocka_unit_test(test_trigger_shows_hidden_julie),
        cmocka_unit_test(test_ready_beat),
        cmocka_unit_test(test_ready_beat_is_safe),
        cmocka_unit_test(test_sprint_not_drained_when_pinned),
        cmocka_unit_test(test_street_lamp_is_thin),
        cmocka_unit_test(test_doorway_entered_off_centre),
        cmocka_unit_test(test_every_kind_is_deterministic),
        cmocka_unit_test(test_diners_keep_their_paths_when_a_lane_is_added),
        cmocka_unit_test(test_shallow_tar_slows_and_never_sinks),
        cmocka_unit_test(test_young_mammoth_cries_while_harry_is_near),
        cmocka_unit_test(test_call_starts_the_clock),
        cmocka_unit_test(test_unanswered_call_lets_the_clock_run),
        cmocka_unit_test(test_starts_clock_left_out_of_the_hash_at_its_default),
        cmocka_unit_test(test_panic_sends_the_diners_out_of_the_doors),
        cmocka_unit_test(test_panic_crowds_harry_in_the_doorway),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
