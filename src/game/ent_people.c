/* People: Julie, the diners, panicking pedestrians, looters; and the ones
 * who only watch (the coyote) or make noise (the helicopter). */
#include <stdlib.h>

#include "game/kinds.h"

/* ---- Julie ---------------------------------------------------------------- */

void julie_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->path = (int16_t)game_prop(g, slot, "path");
    e->speed = game_prop(g, slot, "speed") * GAME_SUB / GAME_TICK_HZ;
    e->state = game_prop(g, slot, "wait") ? 0 : 1; /* 1: free to walk */
    if (game_prop(g, slot, "hidden")) e->flags |= ENT_HIDDEN;
}

/* A trigger with do=julie: she shows herself and starts her walk. */
void julie_release(game_t *g)
{
    ent_t *e = &g->ents[g->julie];
    if (e->state == 1 && !(e->flags & ENT_HIDDEN)) return;
    e->state = 1;
    e->flags &= (uint16_t)~ENT_HIDDEN;
    game_event(g, EV_JULIE_MOVES, g->julie, 0, e->pos);
}

void julie_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    const ent_t *h = &g->ents[g->harry];
    if (e->flags & ENT_HIDDEN) {
        if (abs(h->pos.x - e->pos.x) < 3 * GAME_TILE_SUB &&
            abs(h->pos.y - e->pos.y) < 3 * GAME_TILE_SUB) {
            e->flags &= (uint16_t)~ENT_HIDDEN;
            game_event(g, EV_JULIE_MOVES, slot, 1, e->pos);
        }
        return;
    }
    e->moving = false;
    if (e->state == 1 && e->path >= 0) game_follow_path(g, slot, ENT_SOLID | MOVE_THROUGH_HARRY);
    if (!e->moving) {
        e->anim = 0;
        /* Waiting, she watches for him. */
        e->dir = game_dir_towards(h->pos.x - e->pos.x, h->pos.y - e->pos.y);
    }
}

/* ---- diners: wander at random, in the way; in a panic, run out ------------ */
/* a: heading (-1 standing, else dir_t); state: 1 running for the door. */

#define DINER_PANIC_SPEED (64 * GAME_SUB / GAME_TICK_HZ) /* 64 px/s */

void diner_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->a = -1; /* heading: -1 standing, else dir_t */
    e->timer = (int32_t)rng_below(&e->rng, 60);
    /* Three looks, in reading order among the diners. */
    int32_t n = 0;
    for (int32_t i = 0; i < e->obj; i++) n += g->level->objects[i].kind == KIND_DINER;
    e->variant = (uint8_t)(n % 3);
}

/* Whether the diners can run through a tile on their way out (the way
 * they keep to when wandering: no walls, no tar). */
static bool exit_open(const game_t *g, int32_t tx, int32_t ty)
{
    const tile_info_t *t = level_tile_info(game_tile_at(g, tx, ty));
    return !t->solid && t->speed_256 >= 200;
}

/* Each tile's distance to the nearest door, in steps: sweeps down and up
 * the map until nothing changes (a queue would need memory the rules do
 * not allocate; a room settles in a few sweeps). */
static void exit_field(game_t *g)
{
    const level_t *lv = g->level;
    uint8_t *d = g->exit_dist;
    for (int32_t y = 0; y < lv->h; y++)
        for (int32_t x = 0; x < lv->w; x++)
            d[y * lv->w + x] = game_tile_at(g, x, y) == TILE_DOOR ? 0 : GAME_FAR;
    for (bool changed = true; changed;) {
        changed = false;
        for (int32_t pass = 0; pass < 2; pass++) {
            for (int32_t k = 0; k < lv->w * lv->h; k++) {
                int32_t i = pass ? lv->w * lv->h - 1 - k : k, x = i % lv->w, y = i / lv->w;
                if (d[i] == 0 || !exit_open(g, x, y)) continue;
                for (int32_t dir = 0; dir < 4; dir++) {
                    int32_t nx = x + game_dir_dx[dir], ny = y + game_dir_dy[dir];
                    if (nx < 0 || ny < 0 || nx >= lv->w || ny >= lv->h) continue;
                    int32_t n = d[ny * lv->w + nx];
                    if (n + 1 < d[i]) {
                        d[i] = (uint8_t)(n + 1);
                        changed = true;
                    }
                }
            }
        }
    }
}

void diner_panic(game_t *g)
{
    if (g->panic) return;
    g->panic = true;
    exit_field(g);
    for (int32_t s = 2; s < g->ent_top; s++) {
        ent_t *e = &g->ents[s];
        if (e->kind != KIND_DINER || (e->flags & ENT_REMOVE)) continue;
        e->state = 1;
        e->speed = DINER_PANIC_SPEED;
    }
    game_event(g, EV_PANIC, g->harry, 0, g->ents[g->harry].pos);
}

/* In a panic: downhill on the exit field, a tile at a time, lined up on
 * the tile it leaves so it does not catch a corner; out at the door. */
static void diner_flee(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    const level_t *lv = g->level;
    int32_t tx = game_floor_div(e->pos.x, GAME_TILE_SUB),
            ty = game_floor_div(e->pos.y, GAME_TILE_SUB);
    e->moving = false;
    if (tx < 0 || ty < 0 || tx >= lv->w || ty >= lv->h) return;
    int32_t here = g->exit_dist[ty * lv->w + tx];
    if (here == 0) {
        game_remove(g, slot); /* out of the door */
        return;
    }
    int32_t best = -1, best_d = here;
    for (int32_t dir = 0; dir < 4; dir++) {
        int32_t nx = tx + game_dir_dx[dir], ny = ty + game_dir_dy[dir];
        if (nx < 0 || ny < 0 || nx >= lv->w || ny >= lv->h) continue;
        int32_t n = g->exit_dist[ny * lv->w + nx];
        if (n < best_d) {
            best_d = n;
            best = dir;
        }
    }
    if (best < 0) return; /* no way out from here: it stands */
    vec_t to = game_tile_centre(tx + game_dir_dx[best], ty + game_dir_dy[best]);
    int32_t dx = to.x - e->pos.x, dy = to.y - e->pos.y;
    if (dx > e->speed) dx = e->speed;
    if (dx < -e->speed) dx = -e->speed;
    if (dy > e->speed) dy = e->speed;
    if (dy < -e->speed) dy = -e->speed;
    e->dir = (dir_t)best;
    int32_t stopped = game_move(g, slot, dx, dy, ENT_SOLID | ENT_PERSON);
    if ((dx && !(stopped & 1)) || (dy && !(stopped & 2))) {
        e->moving = true;
        e->anim++;
    }
}

void diner_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (e->state == 1) {
        diner_flee(g, slot);
        return;
    }
    if (--e->timer <= 0) {
        e->a = (int32_t)rng_below(&e->rng, 6) - 2; /* a third of the time they stand */
        if (e->a < 0) e->a = -1;
        e->timer = 30 + (int32_t)rng_below(&e->rng, 90);
        if (e->a >= 0) e->dir = (dir_t)e->a;
    }
    e->moving = false;
    if (e->a < 0) {
        e->anim = 0;
        return;
    }
    uint32_t mask = ENT_SOLID | ENT_PERSON;
    int32_t blocked =
        game_move(g, slot, game_dir_dx[e->a] * e->speed, game_dir_dy[e->a] * e->speed, mask);
    /* Keep out of water and tar: step back if the feet landed in it. */
    tile_kind_t under = game_tile_at(g, game_floor_div(e->pos.x, GAME_TILE_SUB),
                                     game_floor_div(e->pos.y, GAME_TILE_SUB));
    if (level_tile_info(under)->speed_256 < 200) {
        game_move(g, slot, -game_dir_dx[e->a] * e->speed, -game_dir_dy[e->a] * e->speed, mask);
        blocked = 3;
    }
    if (blocked) {
        e->timer = 0;
    } else {
        e->moving = true;
        e->anim++;
    }
}

/* ---- pedestrians: run in a panic, shove Harry aside ----------------------- */
/* timer2: ticks before it can shove again; c: ticks held up on its path. */

void pedestrian_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->dir = (dir_t)game_prop(g, slot, "dir");
    e->speed = game_prop(g, slot, "speed") * GAME_SUB / GAME_TICK_HZ;
    e->path = (int16_t)game_prop(g, slot, "path");
    e->variant = (uint8_t)rng_below(&e->rng, 6);
}

/* A push, not a wall: Harry is carried along the runner's way. */
static void shove(game_t *g, int32_t slot, int32_t strength)
{
    ent_t *e = &g->ents[slot];
    harry_state_t *hs = &g->hs;
    if (hs->riding >= 0 || e->timer2 > 0 || !game_touching(g, slot, g->harry, GAME_SUB)) return;
    const ent_t *h = &g->ents[g->harry];
    /* Along the runner's way, and a little aside from it. */
    int32_t side =
        (e->dir == DIR_LEFT || e->dir == DIR_RIGHT) ? h->pos.y - e->pos.y : h->pos.x - e->pos.x;
    int32_t s = side < 0 ? -1 : 1;
    hs->push.x = game_dir_dx[e->dir] * strength + (game_dir_dx[e->dir] == 0 ? s * strength / 2 : 0);
    hs->push.y = game_dir_dy[e->dir] * strength + (game_dir_dy[e->dir] == 0 ? s * strength / 2 : 0);
    e->timer2 = 45;
    game_event(g, EV_SHOVE, slot, 0, h->pos);
}

void pedestrian_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (e->timer2 > 0) e->timer2--;
    uint32_t mask = ENT_SOLID | ENT_PERSON | MOVE_THROUGH_HARRY;
    if (e->path >= 0) {
        game_follow_path(g, slot, mask);
        game_path_unstick(g, slot, &e->c);
    } else {
        int32_t blocked = game_move(g, slot, game_dir_dx[e->dir] * e->speed,
                                    game_dir_dy[e->dir] * e->speed, mask);
        e->moving = !blocked;
        e->anim++;
        if (blocked) e->dir = (dir_t)(e->dir ^ 1); /* turn back at a wall */
    }
    shove(g, slot, 3 * GAME_SUB);
}

/* ---- looters: run between doors, knock the coffee away -------------------- */
/* timer2: ticks before it can bump again; c: ticks held up on its path. */

void looter_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->path = (int16_t)game_prop(g, slot, "path");
    e->speed = game_prop(g, slot, "speed") * GAME_SUB / GAME_TICK_HZ;
}

void looter_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (e->timer2 > 0) e->timer2--;
    game_follow_path(g, slot, ENT_SOLID | MOVE_THROUGH_HARRY);
    game_path_unstick(g, slot, &e->c);
    harry_state_t *hs = &g->hs;
    if (e->timer2 == 0 && hs->riding < 0 && game_touching(g, slot, g->harry, GAME_SUB)) {
        /* The coffee goes flying: no sprint until it comes back. */
        hs->stamina = 0;
        hs->winded = true;
        e->timer2 = 120;
        game_event(g, EV_SPILL, slot, 0, g->ents[g->harry].pos);
    }
}

/* ---- the coyote and the helicopter ----------------------------------------- */

void coyote_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    const ent_t *h = &g->ents[g->harry];
    int32_t dx = h->pos.x - e->pos.x, dy = h->pos.y - e->pos.y;
    if (abs(dx) < 6 * GAME_TILE_SUB && abs(dy) < 6 * GAME_TILE_SUB)
        e->dir = game_dir_towards(dx, dy);
}

void helicopter_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->anim++;
    if (e->anim % 30 == 1) game_event(g, EV_ROTOR, slot, 0, e->pos);
}

/* ---- residents: Lucy, Ivan ------------------------------------------------------ */
/* state: 1 once they have spoken (and handed over their key). */

void resident_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->variant = (uint8_t)game_prop(g, slot, "look");
}

void resident_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    const ent_t *h = &g->ents[g->harry];
    int32_t dx = h->pos.x - e->pos.x, dy = h->pos.y - e->pos.y;
    if (abs(dx) < 4 * GAME_TILE_SUB && abs(dy) < 4 * GAME_TILE_SUB)
        e->dir = game_dir_towards(dx, dy);
    /* Within reach of Harry (not riding) they speak, once: the line and the
     * key go together, so the line can say what the key opens. The reach is
     * generous: they step up to a player passing anywhere along a three-tile
     * walk, not only one who bumps into them. */
    if (e->state || g->hs.riding >= 0 ||
        !game_touching(g, slot, g->harry, GAME_RESIDENT_REACH_PX * GAME_SUB))
        return;
    e->state = 1;
    int32_t c = game_prop(g, slot, "gives");
    if (c < COLOUR_NONE) {
        g->hs.keys |= (uint8_t)(1 << c);
        game_event(g, EV_KEY, slot, c, e->pos);
    }
    game_show_story(g, e->obj);
}
