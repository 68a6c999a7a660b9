/* Harry: the player's input each tick, his feel (acceleration, sprint and
 * stamina, corner forgiveness), and what the ground and the crowd do to him
 * (tar that sinks him if he stops, diners he squeezes past, shoves). */
#include <stdlib.h>

#include "game/kinds.h"

static int32_t approach(int32_t v, int32_t target, int32_t accel, int32_t decel)
{
    if (v < target) {
        int32_t step = (v >= 0) ? accel : decel;
        return v + step > target ? target : v + step;
    }
    if (v > target) {
        int32_t step = (v <= 0) ? accel : decel;
        return v - step < target ? target : v - step;
    }
    return v;
}

static tile_kind_t tile_under(const game_t *g, vec_t pos)
{
    return game_tile_at(g, game_floor_div(pos.x, GAME_TILE_SUB),
                        game_floor_div(pos.y, GAME_TILE_SUB));
}

/* What stops Harry: solid tiles and solid things (doors, patrols, parked
 * vehicles); diners are soft and squeezed past. */
#define HARRY_MASK ENT_SOLID

/* When Harry runs straight at the edge of a corner or a doorway by a few
 * pixels, slide him round it instead of stopping him dead. The box is tested
 * look subpixels ahead: looking further ahead than this tick's step starts
 * the slide early enough that he never stops on the corner (a slide of d px
 * at his speed takes as long as walking d px). Returns whether he slid. */
static bool nudge_round_corner(game_t *g, int axis, int32_t delta, int32_t look)
{
    ent_t *h = &g->ents[g->harry];
    int32_t speed = abs(delta);
    if (speed == 0) return false;
    int32_t ahead = delta < 0 ? -look : look;
    vec_t front = h->pos;
    if (axis == 0)
        front.x += ahead;
    else
        front.y += ahead;
    if (!game_box_blocked(g, front, h->hw, h->hh, g->harry, HARRY_MASK)) return false;
    for (int32_t d = 1; d <= GAME_NUDGE_PX; d++) {
        for (int s = -1; s <= 1; s += 2) {
            vec_t q = front;
            int32_t off = s * d * GAME_SUB;
            if (axis == 0)
                q.y += off;
            else
                q.x += off;
            if (!game_box_blocked(g, q, h->hw, h->hh, g->harry, HARRY_MASK)) {
                int32_t step = s * (speed < d * GAME_SUB ? speed : d * GAME_SUB);
                vec_t was = h->pos;
                if (axis == 0)
                    game_move(g, g->harry, 0, step, HARRY_MASK);
                else
                    game_move(g, g->harry, step, 0, HARRY_MASK);
                return h->pos.x != was.x || h->pos.y != was.y;
            }
        }
    }
    return false;
}

/* Whether Harry's box overlaps a soft person (a diner he squeezes past). */
static bool in_crowd(const game_t *g)
{
    const ent_t *h = &g->ents[g->harry];
    /* Soft people are in the grid: ask it rather than walk the pool. */
    return game_ents_block(g, h->pos, h->hw, h->hh, g->harry, ENT_SOFT);
}

static void sink_in_tar(game_t *g, bool on_tar)
{
    harry_state_t *hs = &g->hs;
    ent_t *h = &g->ents[g->harry];
    int32_t speed = abs(h->vel.x) + abs(h->vel.y);
    if (!on_tar) {
        hs->sink = hs->sink > 4 ? hs->sink - 4 : 0;
        return;
    }
    /* Standing (or barely moving) sinks him; moving on pulls him out. */
    if (speed < GAME_WALK_SPEED / 6) {
        /* Hazards only slow him: the deep tar holds him half-way, no deeper. */
        if (g->assists.soft_hazards && hs->sink >= GAME_SINK_MAX / 2) return;
        if (hs->sink % 45 == 0) game_event(g, EV_SINKING, g->harry, hs->sink, h->pos);
        hs->sink += 1;
    } else if (hs->sink > 0) {
        hs->sink -= 1;
    }
    if (hs->sink >= GAME_SINK_MAX) {
        game_event(g, EV_SUNK, g->harry, 0, h->pos);
        game_send_back(g, 0, hs->checkpoint);
    }
}

void harry_update(game_t *g, const input_t *in)
{
    ent_t *h = &g->ents[g->harry];
    harry_state_t *hs = &g->hs;
    bool action = (in->buttons & INPUT_ACTION) != 0;
    hs->action_edge = action && !hs->action_held;
    hs->action_held = action;
    if (hs->action_edge) hs->used_action = true;
    if (hs->safe > 0) hs->safe--;
    if (hs->riding >= 0) return; /* the vehicle moves him (ride_update) */

    int32_t ix = 0, iy = 0;
    if (hs->stun > 0) {
        hs->stun--;
    } else {
        if (in->buttons & INPUT_LEFT) ix--;
        if (in->buttons & INPUT_RIGHT) ix++;
        if (in->buttons & INPUT_UP) iy--;
        if (in->buttons & INPUT_DOWN) iy++;
    }
    bool wants_move = ix != 0 || iy != 0;

    /* Sprint drains stamina; running dry winds Harry until it refills a bit. */
    if (hs->winded && hs->stamina >= GAME_STAMINA_RESUME) hs->winded = false;
    hs->sprinting = wants_move && (in->buttons & INPUT_SPRINT) && !hs->winded && hs->stamina > 0;
    if (hs->sprinting) {
        hs->used_sprint = true;
        hs->stamina--;
        if (hs->stamina == 0) hs->winded = true;
    } else if (hs->stamina < GAME_STAMINA_MAX && (g->tick & 1) == 0) {
        hs->stamina++;
    }

    tile_kind_t under = tile_under(g, h->pos);
    int32_t ground = level_tile_info(under)->speed_256;
    int32_t top = hs->sprinting ? GAME_SPRINT_SPEED : GAME_WALK_SPEED;
    top = top * ground / 256;
    if (in_crowd(g)) top = top * 5 / 8;            /* squeezing through */
    if (ix != 0 && iy != 0) top = top * 181 / 256; /* 1/sqrt(2): diagonals are not faster */
    int32_t accel = GAME_ACCEL * ground / 256;
    h->vel.x = approach(h->vel.x, ix * top, accel, GAME_DECEL);
    h->vel.y = approach(h->vel.y, iy * top, accel, GAME_DECEL);

    if (wants_move) {
        /* Face the way pressed; on a diagonal keep the facing if it is one of the two. */
        bool keep = (ix < 0 && h->dir == DIR_LEFT) || (ix > 0 && h->dir == DIR_RIGHT) ||
                    (iy < 0 && h->dir == DIR_UP) || (iy > 0 && h->dir == DIR_DOWN);
        if (!keep) {
            if (ix != 0)
                h->dir = ix < 0 ? DIR_LEFT : DIR_RIGHT;
            else
                h->dir = iy < 0 ? DIR_UP : DIR_DOWN;
        }
    }

    vec_t before = h->pos;
    /* A shove moves him too, fading over a few ticks. */
    int32_t px = hs->push.x, py = hs->push.y;
    hs->push.x = hs->push.x * 3 / 4;
    hs->push.y = hs->push.y * 3 / 4;
    /* Heading straight along one axis, a corner just ahead is slid round
     * before he reaches it. */
    int32_t look = GAME_NUDGE_PX * GAME_SUB;
    if (iy == 0 && ix != 0) nudge_round_corner(g, 0, h->vel.x, abs(h->vel.x) + look);
    if (ix == 0 && iy != 0) nudge_round_corner(g, 1, h->vel.y, abs(h->vel.y) + look);
    int32_t bx = game_move(g, g->harry, h->vel.x + px, 0, HARRY_MASK) & 1;
    if (bx) {
        if (iy == 0 && ix != 0) nudge_round_corner(g, 0, h->vel.x, abs(h->vel.x));
        h->vel.x = 0;
    }
    int32_t by = game_move(g, g->harry, 0, h->vel.y + py, HARRY_MASK) & 2;
    if (by) {
        if (ix == 0 && iy != 0) nudge_round_corner(g, 1, h->vel.y, abs(h->vel.y));
        h->vel.y = 0;
    }
    /* Pinned against a wall, a sprint costs nothing: give back the tick. */
    if (hs->sprinting && h->pos.x == before.x && h->pos.y == before.y &&
        hs->stamina < GAME_STAMINA_MAX) {
        hs->stamina++;
        if (hs->winded && hs->stamina > 0) hs->winded = false;
        hs->sprinting = false;
    }
    if (hs->bump_cooldown > 0) hs->bump_cooldown--;
    if ((bx && ix != 0) || (by && iy != 0)) {
        if (hs->bump_cooldown == 0) game_event(g, EV_BUMP, g->harry, 0, h->pos);
        hs->bump_cooldown = 30;
    }

    h->moving = h->vel.x != 0 || h->vel.y != 0;
    if (h->moving) {
        h->anim++;
        if (h->anim % (hs->sprinting ? 12 : 18) == 0)
            game_event(g, EV_STEP, g->harry, (int32_t)under, h->pos);
    } else {
        h->anim = 0;
    }

    under = tile_under(g, h->pos);
    if (!game_tile_is_road(under)) hs->kerb = h->pos;
    sink_in_tar(g, under == TILE_TAR);

    /* Teach sprint the first time a long walk could use it. */
    if (wants_move && !hs->sprinting) hs->walk_ticks++;
    if (!hs->used_sprint && !hs->hinted_sprint && hs->walk_ticks > 150) {
        hs->hinted_sprint = true;
        game_event(g, EV_HINT, g->harry, HINT_SPRINT, h->pos);
    }
}
