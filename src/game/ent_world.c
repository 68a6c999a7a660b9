/* What Harry touches or uses, and the world that changes: pickups (keys,
 * coffee, clocks), locked doors, payphones, triggers, wind, and fire that
 * spreads. */
#include <stdlib.h>

#include "game/kinds.h"

/* ---- pickups ----------------------------------------------------------------- */

void pickup_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    harry_state_t *hs = &g->hs;
    if (hs->riding >= 0 || !game_touching(g, slot, g->harry, 2 * GAME_SUB)) return;
    switch (e->kind) {
    case KIND_KEY: {
        int32_t c = game_prop(g, slot, "colour");
        if (c < COLOUR_NONE) hs->keys |= (uint8_t)(1 << c);
        game_event(g, EV_KEY, slot, c, e->pos);
        break;
    }
    case KIND_COFFEE:
        hs->stamina = GAME_STAMINA_MAX;
        hs->winded = false;
        game_event(g, EV_COFFEE, slot, 0, e->pos);
        break;
    case KIND_CLOCK: {
        int32_t s = game_prop(g, slot, "seconds");
        game_gain_time(g, s * GAME_TICK_HZ);
        game_event(g, EV_CLOCK, slot, s, e->pos);
        break;
    }
    default:
        break;
    }
    game_remove(g, slot);
}

/* ---- locked doors -------------------------------------------------------------- */

void door_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->variant = (uint8_t)game_prop(g, slot, "colour");
}

void door_open(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (e->kind != KIND_DOOR || (e->flags & ENT_REMOVE)) return;
    game_event(g, EV_DOOR_OPENS, slot, e->variant == COLOUR_NONE ? -1 : e->variant, e->pos);
    game_remove(g, slot);
}

void door_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (e->timer > 0) e->timer--;
    /* Harry walking into it: his box against the door's. */
    if (g->hs.riding >= 0 || !game_touching(g, slot, g->harry, 2 * GAME_SUB)) return;
    if (e->variant < COLOUR_NONE && (g->hs.keys & (1 << e->variant))) {
        door_open(g, slot);
    } else if (e->timer == 0) {
        e->timer = 60;
        game_event(g, EV_DOOR_LOCKED, slot, e->variant, e->pos);
    }
}

/* ---- payphones ------------------------------------------------------------------ */
/* state: 1 once used; timer: ticks to the next ring. */

void payphone_init(game_t *g, int32_t slot)
{
    /* The call that starts the night: the clock waits for it (the first
     * such phone in the level's order). */
    if (game_prop(g, slot, "starts_clock") && g->call < 0) g->call = (int16_t)slot;
}

void payphone_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    harry_state_t *hs = &g->hs;
    const ent_t *h = &g->ents[g->harry];
    int32_t dx = abs(h->pos.x - e->pos.x), dy = abs(h->pos.y - e->pos.y);
    if (!e->state && game_prop(g, slot, "ring") && dx < 10 * GAME_TILE_SUB &&
        dy < 10 * GAME_TILE_SUB) {
        if (e->timer <= 0) {
            game_event(g, EV_RING, slot, 0, e->pos);
            e->timer = 150;
        }
        e->timer--;
    }
    bool near = hs->riding < 0 && game_touching(g, slot, g->harry, 10 * GAME_SUB);
    if (!near || e->state) return;
    if (!hs->hinted_action && !hs->used_action) {
        hs->hinted_action = true;
        game_event(g, EV_HINT, slot, HINT_ACTION, e->pos);
    }
    if (!hs->action_edge) return;
    hs->action_edge = false;
    e->state = 1;
    hs->checkpoint = h->pos;
    game_event(g, EV_CHECKPOINT, slot, 0, e->pos);
    game_show_story(g, e->obj);
}

/* ---- triggers --------------------------------------------------------------------- */
/* state: 1 once fired; a: Harry was inside last tick. */

enum { DO_STORY, DO_OPEN, DO_LANE, DO_JULIE, DO_CHECKPOINT, DO_PANIC, DO_CRASH };

void trigger_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    const ent_t *h = &g->ents[g->harry];
    bool inside =
        abs(h->pos.x - e->pos.x) < e->hw && abs(h->pos.y - e->pos.y) < e->hh && g->hs.riding < 0;
    bool enters = inside && !e->a;
    e->a = inside;
    if (!enters || (e->state && game_prop(g, slot, "once"))) return;
    e->state = 1;
    int32_t target = game_prop(g, slot, "target");
    int32_t tslot = target >= 0 ? g->obj_slot[target] : -1;
    switch (game_prop(g, slot, "do")) {
    case DO_OPEN:
        if (tslot >= 0) door_open(g, tslot);
        break;
    case DO_LANE:
        if (tslot >= 0) lane_start(g, tslot);
        break;
    case DO_JULIE:
        julie_release(g);
        break;
    case DO_CHECKPOINT:
        g->hs.checkpoint = h->pos;
        game_event(g, EV_CHECKPOINT, slot, 1, h->pos);
        break;
    case DO_PANIC:
        diner_panic(g);
        break;
    case DO_CRASH:
        if (tslot >= 0) crash_start(g, tslot);
        break;
    default:
        break;
    }
    game_show_story(g, e->obj);
}

/* ---- wind ------------------------------------------------------------------------ */
/* timer: ticks into its cycle (gust first, then calm); state: 1 while a gust
 * blows (the renderer draws it). */

void wind_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->dir = (dir_t)game_prop(g, slot, "dir");
    e->timer = game_prop(g, slot, "offset") % game_prop(g, slot, "every");
}

void wind_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    int32_t every = game_prop(g, slot, "every"), gust = game_prop(g, slot, "gust");
    e->state = e->timer < gust;
    const ent_t *h = &g->ents[g->harry];
    if (e->timer == 0) {
        /* Heard from the part of the area nearest Harry. */
        vec_t at = {h->pos.x < e->pos.x - e->hw   ? e->pos.x - e->hw
                    : h->pos.x > e->pos.x + e->hw ? e->pos.x + e->hw
                                                  : h->pos.x,
                    h->pos.y < e->pos.y - e->hh   ? e->pos.y - e->hh
                    : h->pos.y > e->pos.y + e->hh ? e->pos.y + e->hh
                                                  : h->pos.y};
        game_event(g, EV_GUST, slot, e->dir, at);
    }
    e->timer = (e->timer + 1) % every;
    harry_state_t *hs = &g->hs;
    if (!e->state || hs->riding >= 0 || abs(h->pos.x - e->pos.x) >= e->hw ||
        abs(h->pos.y - e->pos.y) >= e->hh)
        return;
    /* A steady push while it blows: topped up to its strength each tick (a
     * shove fades by a quarter a tick, so adding would build up). */
    int32_t w = game_prop(g, slot, "strength") * GAME_SUB / GAME_TICK_HZ;
    int32_t dx = game_dir_dx[e->dir], dy = game_dir_dy[e->dir];
    if (dx != 0 && hs->push.x * dx < w) hs->push.x = dx * w;
    if (dy != 0 && hs->push.y * dy < w) hs->push.y = dy * w;
}

/* ---- fire ------------------------------------------------------------------------ */
/* a: tiles it has spread over so far; b: its length (read every tick). */

static void set_tile(game_t *g, int32_t tx, int32_t ty, tile_kind_t t)
{
    const level_t *lv = g->level;
    if (tx >= 0 && ty >= 0 && tx < lv->w && ty < lv->h) g->tiles[ty * lv->w + tx] = (uint8_t)t;
}

void fire_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->dir = (dir_t)game_prop(g, slot, "dir");
    e->b = game_prop(g, slot, "length");
    e->timer = game_prop(g, slot, "delay") + game_prop(g, slot, "every");
    set_tile(g, game_floor_div(e->pos.x, GAME_TILE_SUB), game_floor_div(e->pos.y, GAME_TILE_SUB),
             TILE_FIRE);
}

void fire_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (e->a >= e->b || --e->timer > 0) return;
    int32_t tx = game_floor_div(e->pos.x, GAME_TILE_SUB) + game_dir_dx[e->dir] * (e->a + 1);
    int32_t ty = game_floor_div(e->pos.y, GAME_TILE_SUB) + game_dir_dy[e->dir] * (e->a + 1);
    if (level_tile_info(game_tile_at(g, tx, ty))->solid) {
        e->a = e->b; /* a wall stops it */
        return;
    }
    /* It waits while someone stands in the tile: nobody is trapped inside. */
    vec_t c = game_tile_centre(tx, ty);
    if (game_ents_block(g, c, GAME_TILE_SUB / 2, GAME_TILE_SUB / 2, slot, ENT_PERSON)) {
        e->timer = 1;
        return;
    }
    set_tile(g, tx, ty, TILE_FIRE);
    e->a++;
    e->timer = game_prop(g, slot, "every");
    game_event(g, EV_FIRE_SPREADS, slot, e->a, c);
}

/* ---- the young mammoth ------------------------------------------------------------ */
/* timer: ticks to the next cry while Harry is near; timer2: ticks its trunk
 * stays raised after a cry (the look). */

void young_mammoth_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    const ent_t *h = &g->ents[g->harry];
    if (e->timer2 > 0) e->timer2--;
    int32_t near = game_prop(g, slot, "near") * GAME_TILE_SUB;
    if (abs(h->pos.x - e->pos.x) >= near || abs(h->pos.y - e->pos.y) >= near) {
        e->timer = 0; /* it cries at once when he comes near again */
        return;
    }
    if (e->timer <= 0) {
        game_event(g, EV_CRY, slot, 0, e->pos);
        e->timer = game_prop(g, slot, "every");
        e->timer2 = 40;
    }
    e->timer--;
}

/* ---- a car crash ------------------------------------------------------------------ */
/* state: 0 waiting (hidden at the path's start), 1 careering along it, 2 crashed
 * and burning; a: tiles the fire has spread over beyond the wreck (-1: the
 * wreck's own tile not yet alight); b: its length; c, d: the wreck's tile. */

void crash_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->path = (int16_t)game_prop(g, slot, "path");
    e->speed = game_prop(g, slot, "speed") * GAME_SUB / GAME_TICK_HZ;
    e->node = 0;
    e->path_step = 1;
    e->b = game_prop(g, slot, "length");
    const level_path_t *p = &g->level->paths[e->path];
    e->c = p->x[p->count - 1];
    e->d = p->y[p->count - 1];
    e->dir = game_dir_towards(p->x[1] - p->x[0], p->y[1] - p->y[0]);
}

/* A trigger with do=crash: the car sets off from the path's start. */
void crash_start(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (e->kind != KIND_CRASH || e->state) return;
    e->state = 1;
    e->flags &= (uint16_t)~ENT_HIDDEN;
}

void crash_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (e->state == 1) {
        /* Careering: along its path through anything, a hazard to Harry. */
        const level_path_t *p = &g->level->paths[e->path];
        int32_t last = e->node;
        bool reached = game_follow_path(g, slot, MOVE_GHOST);
        /* Its box turns with it, as a car's does. */
        bool across = e->dir == DIR_LEFT || e->dir == DIR_RIGHT;
        e->hw = (across ? 13 : 6) * GAME_SUB;
        e->hh = (across ? 6 : 13) * GAME_SUB;
        traffic_hit_harry(g, slot, game_prop(g, slot, "penalty"));
        if (!reached || last != p->count - 1) return;
        /* The crash: the wreck burns where it stopped (on the next tick, or
         * once nobody stands in the tile), and the fire spreads from it. */
        e->state = 2;
        e->moving = false;
        e->flags |= ENT_HIDDEN;
        e->a = -1;
        e->timer = 1;
        game_event(g, EV_CRASH, slot, 0, game_tile_centre(e->c, e->d));
        return;
    }
    if (e->state != 2 || e->a >= e->b || --e->timer > 0) return;
    dir_t d = (dir_t)game_prop(g, slot, "dir");
    int32_t tx = e->c + game_dir_dx[d] * (e->a + 1), ty = e->d + game_dir_dy[d] * (e->a + 1);
    if (level_tile_info(game_tile_at(g, tx, ty))->solid) {
        e->a = e->b;
        return;
    }
    vec_t c = game_tile_centre(tx, ty);
    if (game_ents_block(g, c, GAME_TILE_SUB / 2, GAME_TILE_SUB / 2, slot, ENT_PERSON)) {
        e->timer = 1;
        return;
    }
    set_tile(g, tx, ty, TILE_FIRE);
    e->a++;
    e->timer = game_prop(g, slot, "every");
    game_event(g, EV_FIRE_SPREADS, slot, e->a, c);
}
