/* Traffic on the boulevards: lanes that send cars and buses, the cars
 * themselves (a hit knocks Harry back to the kerb he left), traffic lights
 * that stop lanes on a cycle, and the vehicle Harry can ride. */
#include <stdlib.h>

#include "game/kinds.h"

#define AMBER_TICKS 60
enum { LIGHT_GREEN, LIGHT_AMBER, LIGHT_RED };

/* ---- lanes --------------------------------------------------------------- */
/* a: cars sent so far (for the gap pattern); state: 1 running, 0 waiting. */

static bool horizontal(dir_t d)
{
    return d == DIR_LEFT || d == DIR_RIGHT;
}

/* Whether a lane's car number n is skipped by its gap pattern. */
static bool lane_skips(const game_t *g, int32_t lane, int32_t n)
{
    return (game_prop(g, lane, "gaps") >> (n % 8)) & 1;
}

static int32_t lane_vehicle(game_t *g, int32_t lane)
{
    ent_t *e = &g->ents[lane];
    int32_t cars = game_prop(g, lane, "cars");
    if (cars == 2) return KIND_BUS;
    if (cars == 3) return rng_below(&e->rng, 4) == 0 ? KIND_BUS : KIND_CAR;
    return KIND_CAR;
}

void lane_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->dir = (dir_t)game_prop(g, slot, "dir");
    e->speed = game_prop(g, slot, "speed") * GAME_SUB / GAME_TICK_HZ;
    int32_t sig = game_prop(g, slot, "signal");
    e->link = sig >= 0 ? g->obj_slot[sig] : -1;
    e->state = game_prop(g, slot, "wait") ? 0 : 1;
    int32_t every = game_prop(g, slot, "every");
    e->timer = every;
    if (!e->state) return;
    /* The traffic is already flowing when the level starts: cars placed
     * along the lane as if it had run for a while, front to back. */
    int32_t gap = e->speed * every;
    const level_t *lv = g->level;
    int32_t span = horizontal(e->dir) ? lv->w * GAME_TILE_SUB : lv->h * GAME_TILE_SUB;
    int32_t n = 0;
    for (int32_t d = gap; d < span && n < 64; d += gap, n++) {
        vec_t p = {e->pos.x + game_dir_dx[e->dir] * d, e->pos.y + game_dir_dy[e->dir] * d};
        if (p.x < 0 || p.y < 0 || p.x >= lv->w * GAME_TILE_SUB || p.y >= lv->h * GAME_TILE_SUB)
            break;
        if (lane_skips(g, slot, n)) continue;
        game_spawn_now(g, lane_vehicle(g, slot), p, -1, slot);
    }
    e->a = n;
}

void lane_start(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (e->kind != KIND_LANE || e->state) return;
    e->state = 1;
    e->timer = 1;
}

void lane_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (!e->state || --e->timer > 0) return;
    /* A car waits its turn if the last one has not cleared the start. */
    const kind_info_t *k = kind_info(KIND_BUS);
    int32_t room = (k->hw_px + 4) * GAME_SUB;
    int32_t hw = horizontal(e->dir) ? room : k->hh_px * GAME_SUB;
    int32_t hh = horizontal(e->dir) ? k->hh_px * GAME_SUB : room;
    if (game_ents_block(g, e->pos, hw, hh, -1, ENT_VEHICLE)) {
        e->timer = 10;
        return;
    }
    e->timer = game_prop(g, slot, "every");
    int32_t n = e->a++;
    if (!lane_skips(g, slot, n)) game_spawn_later(g, lane_vehicle(g, slot), slot, e->pos, 0, 0);
}

/* ---- cars and buses -------------------------------------------------------- */
/* link: the lane; a: the look; d: the horn has sounded. */

void car_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    const ent_t *lane = e->link >= 0 ? &g->ents[e->link] : NULL;
    /* Made by game_spawn_now the lane is not linked yet: lane_init links it
     * and calls this again (car_update removes a car that has no lane). */
    if (!lane || lane->kind != KIND_LANE) return;
    e->dir = lane->dir;
    e->speed = lane->speed;
    if (!horizontal(e->dir)) {
        int32_t t = e->hw;
        e->hw = e->hh;
        e->hh = t;
    }
    e->variant = (uint8_t)rng_below(&g->ents[e->link].rng, 4);
    e->moving = true;
}

/* The run of tiles a light guards in a car's row (or column): the
 * crosswalk at the light's column, or the column alone. */
static void guarded_run(const game_t *g, const ent_t *e, const ent_t *sig, int32_t *lo, int32_t *hi)
{
    bool h = horizontal(e->dir);
    int32_t at = game_floor_div(h ? sig->pos.x : sig->pos.y, GAME_TILE_SUB);
    int32_t line = game_floor_div(h ? e->pos.y : e->pos.x, GAME_TILE_SUB);
    *lo = *hi = at;
    while (*lo > 0 && game_tile_at(g, h ? *lo - 1 : line, h ? line : *lo - 1) == TILE_CROSSWALK)
        (*lo)--;
    while (*hi < 4096 && game_tile_at(g, h ? *hi + 1 : line, h ? line : *hi + 1) == TILE_CROSSWALK)
        (*hi)++;
}

/* Where a car must stop for a red light: the distance its front may still
 * go, or -1 if the light does not hold it (green, or the car is past). */
static int32_t room_before_light(const game_t *g, const ent_t *e, const ent_t *sig)
{
    if (!sig || sig->state == LIGHT_GREEN) return -1;
    int32_t lo, hi, front, line;
    guarded_run(g, e, sig, &lo, &hi);
    switch (e->dir) {
    case DIR_RIGHT:
        front = e->pos.x + e->hw;
        line = lo * GAME_TILE_SUB - 2 * GAME_SUB;
        return front <= line ? line - front : -1;
    case DIR_LEFT:
        front = e->pos.x - e->hw;
        line = (hi + 1) * GAME_TILE_SUB + 2 * GAME_SUB;
        return front >= line ? front - line : -1;
    case DIR_DOWN:
        front = e->pos.y + e->hh;
        line = lo * GAME_TILE_SUB - 2 * GAME_SUB;
        return front <= line ? line - front : -1;
    default:
        front = e->pos.y - e->hh;
        line = (hi + 1) * GAME_TILE_SUB + 2 * GAME_SUB;
        return front >= line ? front - line : -1;
    }
}

void traffic_hit_harry(game_t *g, int32_t slot, int32_t penalty)
{
    ent_t *e = &g->ents[slot];
    harry_state_t *hs = &g->hs;
    if (!e->moving || hs->riding >= 0 || hs->safe > 0 || !game_touching(g, slot, g->harry, 0))
        return;
    vec_t at = g->ents[g->harry].pos;
    if (g->assists.soft_hazards) {
        /* Hazards only slow him: knocked down where he stands, no seconds
         * lost, and long enough untouchable to get up and off the road. */
        game_event(g, EV_HIT, slot, 0, at);
        game_event(g, EV_HORN, slot, 1, e->pos);
        g->ents[g->harry].vel.x = g->ents[g->harry].vel.y = 0;
        hs->stun = GAME_SOFT_HIT_STUN;
        hs->safe = GAME_SOFT_HIT_SAFE;
        return;
    }
    game_event(g, EV_HIT, slot, penalty, at);
    game_event(g, EV_HORN, slot, 1, e->pos);
    /* Back to the kerb he left, winded, with seconds lost. */
    game_lose_time(g, penalty);
    /* Something solid standing there since (a patrol, a stopped car) would
     * trap him inside it: then his checkpoint. */
    const ent_t *h = &g->ents[g->harry];
    vec_t to = hs->kerb;
    if (game_box_blocked(g, to, h->hw, h->hh, g->harry, ENT_SOLID)) to = hs->checkpoint;
    game_place(g, g->harry, to);
    g->ents[g->harry].vel.x = g->ents[g->harry].vel.y = 0;
    hs->push.x = hs->push.y = 0; /* a shove fading out would carry him back in */
    hs->stun = 24;
    hs->safe = 60;
    hs->sink = 0;
}

void car_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    const level_t *lv = g->level;
    if (e->link < 0 || g->ents[e->link].kind != KIND_LANE) {
        game_remove(g, slot);
        return;
    }
    const ent_t *lane = &g->ents[e->link];
    const ent_t *sig = lane->link >= 0 ? &g->ents[lane->link] : NULL;
    int32_t step = e->speed;
    int32_t room = room_before_light(g, e, sig);
    if (room >= 0 && room < step) step = room;
    /* Keep behind the car ahead. */
    vec_t ahead = {e->pos.x + game_dir_dx[e->dir] * (step + 6 * GAME_SUB),
                   e->pos.y + game_dir_dy[e->dir] * (step + 6 * GAME_SUB)};
    if (game_ents_block(g, ahead, e->hw, e->hh, slot, ENT_VEHICLE)) step = 0;
    e->moving = step > 0;
    game_place(
        g, slot,
        (vec_t){e->pos.x + game_dir_dx[e->dir] * step, e->pos.y + game_dir_dy[e->dir] * step});
    /* A standing car (at a light, in a queue) is a wall, not a hazard: Harry
     * walking into it is stopped, not knocked down. It stays soft while he
     * is inside its box (he could not get out of a solid one). */
    if (e->moving)
        e->flags &= (uint16_t)~ENT_SOLID;
    else if (!game_touching(g, slot, g->harry, 0))
        e->flags |= ENT_SOLID;
    if (e->moving) e->anim++;

    /* A horn for Harry in the way ahead. */
    const ent_t *h = &g->ents[g->harry];
    int32_t along =
        (h->pos.x - e->pos.x) * game_dir_dx[e->dir] + (h->pos.y - e->pos.y) * game_dir_dy[e->dir];
    int32_t across = horizontal(e->dir) ? abs(h->pos.y - e->pos.y) : abs(h->pos.x - e->pos.x);
    if (!e->d && g->hs.riding < 0 && along > 0 && along < 4 * GAME_TILE_SUB &&
        across < GAME_TILE_SUB) {
        e->d = 1;
        game_event(g, EV_HORN, slot, 0, e->pos);
    }
    traffic_hit_harry(g, slot, game_prop(g, e->link, "penalty"));

    /* Gone past the edge of the map. */
    int32_t m = 3 * GAME_TILE_SUB;
    if (e->pos.x < -m || e->pos.y < -m || e->pos.x > lv->w * GAME_TILE_SUB + m ||
        e->pos.y > lv->h * GAME_TILE_SUB + m)
        game_remove(g, slot);
}

/* ---- traffic lights ---------------------------------------------------------- */

void signal_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->a = game_prop(g, slot, "offset");
    e->b = game_prop(g, slot, "green"); /* read every tick: kept at hand */
    e->c = game_prop(g, slot, "red");
    e->state = LIGHT_GREEN;
    signal_update(g, slot);
}

void signal_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    int32_t green = e->b, red = e->c;
    int32_t cycle = green + AMBER_TICKS + red;
    int32_t t = (int32_t)((g->tick + (uint32_t)e->a) % (uint32_t)cycle);
    uint8_t light = t < green ? LIGHT_GREEN : t < green + AMBER_TICKS ? LIGHT_AMBER : LIGHT_RED;
    if (light != e->state && g->tick > 0) game_event(g, EV_SIGNAL, slot, light, e->pos);
    e->state = light;
}

/* ---- the vehicle Harry rides --------------------------------------------------- */
/* state: 0 parked, 1 driving with Harry, 2 at the end of its path. */

static void turn_box(ent_t *e)
{
    const kind_info_t *k = kind_info(e->variant == 1 ? KIND_BUS : KIND_CAR);
    bool h = horizontal(e->dir);
    e->hw = (h ? k->hw_px : k->hh_px) * GAME_SUB;
    e->hh = (h ? k->hh_px : k->hw_px) * GAME_SUB;
}

void ride_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->path = (int16_t)game_prop(g, slot, "path");
    e->speed = game_prop(g, slot, "speed") * GAME_SUB / GAME_TICK_HZ;
    e->variant = (uint8_t)game_prop(g, slot, "vehicle"); /* 0 car, 1 bus */
    e->node = 0;
    const level_path_t *p = &g->level->paths[e->path];
    /* Facing the way it will drive. */
    int32_t i = p->count > 1 ? 1 : 0;
    vec_t to = game_tile_centre(p->x[i], p->y[i]);
    int32_t dx = to.x - e->pos.x, dy = to.y - e->pos.y;
    e->dir = game_dir_towards(dx, dy);
    turn_box(e);
}

/* Somewhere beside the vehicle with room for Harry, or false: off the road
 * if any side is (out into a lane, a car's hit would put him back there,
 * his kerb, again and again), else wherever there is room. */
static bool room_beside(const game_t *g, const ent_t *e, vec_t *out)
{
    const ent_t *h = &g->ents[g->harry];
    int32_t ox[4] = {0, 0, -(e->hw + h->hw + GAME_SUB), e->hw + h->hw + GAME_SUB};
    int32_t oy[4] = {e->hh + h->hh + GAME_SUB, -(e->hh + h->hh + GAME_SUB), 0, 0};
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < 4; i++) {
            vec_t p = {e->pos.x + ox[i], e->pos.y + oy[i]};
            tile_kind_t t = game_tile_at(g, game_floor_div(p.x, GAME_TILE_SUB),
                                         game_floor_div(p.y, GAME_TILE_SUB));
            if (pass == 0 && game_tile_is_road(t)) continue;
            if (!game_box_blocked(g, p, h->hw, h->hh, g->harry, ENT_SOLID | ENT_VEHICLE)) {
                *out = p;
                return true;
            }
        }
    return false;
}

static void get_out(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    vec_t p;
    if (!room_beside(g, e, &p)) return; /* no room: he stays in */
    harry_state_t *hs = &g->hs;
    hs->riding = -1;
    e->state = e->state == 1 ? 0 : e->state;
    ent_t *h = &g->ents[g->harry];
    h->flags &= (uint16_t)~ENT_HIDDEN;
    h->vel.x = h->vel.y = 0;
    game_place(g, g->harry, p);
    hs->kerb = p;
    hs->safe = 30;
    game_event(g, EV_RIDE_OFF, slot, 0, p);
}

void ride_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    harry_state_t *hs = &g->hs;
    ent_t *h = &g->ents[g->harry];
    bool near = hs->riding < 0 && game_touching(g, slot, g->harry, 10 * GAME_SUB);
    if (near && !hs->hinted_action && !hs->used_action) {
        hs->hinted_action = true;
        game_event(g, EV_HINT, slot, HINT_ACTION, e->pos);
    }
    if (near && hs->action_edge && e->state != 2) {
        hs->action_edge = false;
        hs->riding = (int16_t)slot;
        h->flags |= ENT_HIDDEN;
        e->state = 1;
        game_event(g, EV_RIDE_ON, slot, 0, e->pos);
        return;
    }
    if (hs->riding != slot) return;
    if (hs->action_edge) {
        hs->action_edge = false;
        get_out(g, slot);
        return;
    }
    /* Driving: along the path, through anything (the path is the road). */
    const level_path_t *p = &g->level->paths[e->path];
    int32_t last = e->node;
    bool reached = game_follow_path(g, slot, MOVE_GHOST);
    turn_box(e);
    if (reached && !p->loop && last == p->count - 1) {
        /* The end of the line: stop and let him out (he stays in, carried
         * no further, while there is no room beside it). */
        e->state = 2;
        e->node = (int16_t)last;
        game_place(g, slot, game_tile_centre(p->x[last], p->y[last]));
        get_out(g, slot);
        if (hs->riding != slot) return;
    }
    game_place(g, g->harry, e->pos);
}
