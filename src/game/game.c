#include "game/game.h"

#include <stdlib.h>
#include <string.h>

static int32_t floor_div(int32_t a, int32_t b)
{
    int32_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

static vec_t tile_centre(int32_t tx, int32_t ty)
{
    vec_t v = {tx * GAME_TILE_SUB + GAME_TILE_SUB / 2, ty * GAME_TILE_SUB + GAME_TILE_SUB / 2};
    return v;
}

static void actor_place(actor_t *a, int32_t tx, int32_t ty)
{
    memset(a, 0, sizeof *a);
    a->pos = tile_centre(tx, ty);
    a->dir = DIR_DOWN;
}

void game_init(game_t *g, const level_t *level)
{
    memset(g, 0, sizeof *g);
    g->level = level;
    actor_place(&g->harry, level->harry_tx, level->harry_ty);
    actor_place(&g->julie, level->julie_tx, level->julie_ty);
    g->stamina = GAME_STAMINA_MAX;
    g->ticks_left = level->time_s * GAME_TICK_HZ;
    g->status = GAME_PLAYING;
    rng_seed(&g->rng, level->seed);
    g->npc_count = level->npc_count;
    for (int32_t i = 0; i < level->npc_count; i++) {
        npc_t *n = &g->npcs[i];
        actor_place(&n->a, level->npcs[i].tx, level->npcs[i].ty);
        n->kind = level->npcs[i].kind;
        n->variant = level->npcs[i].variant;
        n->heading = -1;
        n->timer = (int32_t)rng_below(&g->rng, 60);
    }
}

static bool boxes_overlap(vec_t a, vec_t b, int32_t grow)
{
    return abs(a.x - b.x) < 2 * GAME_BOX_HALF_W + grow &&
           abs(a.y - b.y) < 2 * GAME_BOX_HALF_H + grow;
}

bool game_box_blocked(const game_t *g, vec_t pos, const actor_t *ignore)
{
    int32_t x0 = floor_div(pos.x - GAME_BOX_HALF_W, GAME_TILE_SUB);
    int32_t x1 = floor_div(pos.x + GAME_BOX_HALF_W - 1, GAME_TILE_SUB);
    int32_t y0 = floor_div(pos.y - GAME_BOX_HALF_H, GAME_TILE_SUB);
    int32_t y1 = floor_div(pos.y + GAME_BOX_HALF_H - 1, GAME_TILE_SUB);
    for (int32_t ty = y0; ty <= y1; ty++)
        for (int32_t tx = x0; tx <= x1; tx++)
            if (level_solid_at(g->level, tx, ty)) return true;
    if (ignore != &g->harry && boxes_overlap(pos, g->harry.pos, 0)) return true;
    for (int32_t i = 0; i < g->npc_count; i++) {
        const actor_t *o = &g->npcs[i].a;
        if (o != ignore && boxes_overlap(pos, o->pos, 0)) return true;
    }
    return false;
}

/* Moves along one axis as far as it is free; returns true when stopped short. */
static bool move_axis(const game_t *g, actor_t *a, int axis, int32_t delta)
{
    if (delta == 0) return false;
    vec_t p = a->pos;
    if (axis == 0)
        p.x += delta;
    else
        p.y += delta;
    if (!game_box_blocked(g, p, a)) {
        a->pos = p;
        return false;
    }
    /* Largest free distance by bisection: exact to the subpixel. */
    int32_t lo = 0, hi = abs(delta), sign = delta < 0 ? -1 : 1;
    while (lo < hi) {
        int32_t mid = (lo + hi + 1) / 2;
        vec_t q = a->pos;
        if (axis == 0)
            q.x += sign * mid;
        else
            q.y += sign * mid;
        if (game_box_blocked(g, q, a))
            hi = mid - 1;
        else
            lo = mid;
    }
    if (axis == 0)
        a->pos.x += sign * lo;
    else
        a->pos.y += sign * lo;
    return true;
}

/* When Harry runs straight into the edge of a corner by a few pixels, slide him
 * round it instead of stopping him dead. */
static void nudge_round_corner(const game_t *g, actor_t *a, int axis, int32_t delta)
{
    int32_t speed = abs(delta);
    for (int32_t d = 1; d <= GAME_NUDGE_PX; d++) {
        for (int s = -1; s <= 1; s += 2) {
            vec_t q = a->pos;
            int32_t off = s * d * GAME_SUB;
            if (axis == 0) {
                q.x += delta;
                q.y += off;
            } else {
                q.y += delta;
                q.x += off;
            }
            if (!game_box_blocked(g, q, a)) {
                int32_t step = s * (speed < d * GAME_SUB ? speed : d * GAME_SUB);
                move_axis(g, a, 1 - axis, step);
                return;
            }
        }
    }
}

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
    return level_tile_at(g->level, floor_div(pos.x, GAME_TILE_SUB),
                         floor_div(pos.y, GAME_TILE_SUB));
}

static void update_harry(game_t *g, const input_t *in)
{
    actor_t *h = &g->harry;
    int32_t ix = 0, iy = 0;
    if (in->buttons & INPUT_LEFT) ix--;
    if (in->buttons & INPUT_RIGHT) ix++;
    if (in->buttons & INPUT_UP) iy--;
    if (in->buttons & INPUT_DOWN) iy++;
    bool wants_move = ix != 0 || iy != 0;

    /* Sprint drains stamina; running dry winds Harry until it refills a bit. */
    if (g->winded && g->stamina >= GAME_STAMINA_RESUME) g->winded = false;
    g->sprinting = wants_move && (in->buttons & INPUT_SPRINT) && !g->winded && g->stamina > 0;
    if (g->sprinting) {
        g->stamina--;
        if (g->stamina == 0) g->winded = true;
    } else if (g->stamina < GAME_STAMINA_MAX && (g->tick & 1) == 0) {
        g->stamina++;
    }

    int32_t top = g->sprinting ? GAME_SPRINT_SPEED : GAME_WALK_SPEED;
    top = top * level_tile_info(tile_under(g, h->pos))->speed_256 / 256;
    if (ix != 0 && iy != 0) top = top * 181 / 256; /* 1/sqrt(2): diagonals are not faster */
    int32_t accel = GAME_ACCEL * level_tile_info(tile_under(g, h->pos))->speed_256 / 256;
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

    bool bx = move_axis(g, h, 0, h->vel.x);
    if (bx) {
        if (iy == 0 && ix != 0) nudge_round_corner(g, h, 0, h->vel.x);
        h->vel.x = 0;
    }
    bool by = move_axis(g, h, 1, h->vel.y);
    if (by) {
        if (ix == 0 && iy != 0) nudge_round_corner(g, h, 1, h->vel.y);
        h->vel.y = 0;
    }
    if (g->bump_cooldown > 0) g->bump_cooldown--;
    if ((bx && ix != 0) || (by && iy != 0)) {
        if (g->bump_cooldown == 0) g->events |= GAME_EVENT_BUMP;
        g->bump_cooldown = 30;
    }

    h->moving = h->vel.x != 0 || h->vel.y != 0;
    if (h->moving) {
        h->anim++;
        if (h->anim % (g->sprinting ? 12 : 18) == 0) g->events |= GAME_EVENT_STEP;
    } else {
        h->anim = 0;
    }
}

static void update_npc(game_t *g, npc_t *n)
{
    static const int32_t dx[4] = {0, 0, -1, 1}; /* DIR_DOWN, UP, LEFT, RIGHT */
    static const int32_t dy[4] = {1, -1, 0, 0};
    if (--n->timer <= 0) {
        n->heading = (int32_t)rng_below(&g->rng, 6) - 2; /* a third of the time they stand */
        if (n->heading < 0) n->heading = -1;
        n->timer = 30 + (int32_t)rng_below(&g->rng, 90);
        if (n->heading >= 0) n->a.dir = (dir_t)n->heading;
    }
    n->a.moving = false;
    if (n->heading < 0) {
        n->a.anim = 0;
        return;
    }
    /* Both axes always move, so no short-circuit here. */
    bool blocked_x = move_axis(g, &n->a, 0, dx[n->heading] * GAME_NPC_SPEED);
    bool blocked_y = move_axis(g, &n->a, 1, dy[n->heading] * GAME_NPC_SPEED);
    bool blocked = blocked_x || blocked_y;
    /* Keep out of water and tar: step back if the feet landed in it. */
    if (level_tile_info(tile_under(g, n->a.pos))->speed_256 < 200) {
        move_axis(g, &n->a, 0, -dx[n->heading] * GAME_NPC_SPEED);
        move_axis(g, &n->a, 1, -dy[n->heading] * GAME_NPC_SPEED);
        blocked = true;
    }
    if (blocked) {
        n->timer = 0;
    } else {
        n->a.moving = true;
        n->a.anim++;
    }
}

void game_tick(game_t *g, const input_t *in)
{
    g->events = 0;
    if (g->status != GAME_PLAYING) return;
    g->tick++;
    update_harry(g, in);
    for (int32_t i = 0; i < g->npc_count; i++) update_npc(g, &g->npcs[i]);

    if (boxes_overlap(g->harry.pos, g->julie.pos, 4 * GAME_SUB)) {
        g->status = GAME_WON;
        g->events |= GAME_EVENT_WON;
        return;
    }
    g->ticks_left--;
    if (g->ticks_left <= 0) {
        g->ticks_left = 0;
        g->status = GAME_LOST;
        g->events |= GAME_EVENT_LOST;
    } else if (g->ticks_left <= GAME_LAST_SECONDS * GAME_TICK_HZ &&
               g->ticks_left % GAME_TICK_HZ == 0) {
        g->events |= GAME_EVENT_SECOND;
    }
}

int32_t game_ticks_to_ms(int32_t ticks)
{
    return (int32_t)((int64_t)ticks * 1000 / GAME_TICK_HZ);
}

int32_t game_time_left_ms(const game_t *g)
{
    return game_ticks_to_ms(g->ticks_left);
}

int32_t game_ticks_used(const game_t *g)
{
    return g->level->time_s * GAME_TICK_HZ - g->ticks_left;
}

/* FNV-1a over little-endian words: the same on every platform. */
static uint64_t hash_word(uint64_t h, int64_t v)
{
    for (int i = 0; i < 8; i++) {
        h ^= (uint64_t)((v >> (8 * i)) & 0xff);
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t hash_actor(uint64_t h, const actor_t *a)
{
    h = hash_word(h, a->pos.x);
    h = hash_word(h, a->pos.y);
    h = hash_word(h, a->vel.x);
    h = hash_word(h, a->vel.y);
    return hash_word(h, a->dir);
}

uint64_t game_state_hash(const game_t *g)
{
    uint64_t h = 0xcbf29ce484222325ull;
    h = hash_word(h, g->tick);
    h = hash_word(h, g->ticks_left);
    h = hash_word(h, g->status);
    h = hash_word(h, g->stamina);
    h = hash_word(h, g->winded);
    h = hash_actor(h, &g->harry);
    h = hash_actor(h, &g->julie);
    for (int32_t i = 0; i < g->npc_count; i++) h = hash_actor(h, &g->npcs[i].a);
    return h;
}
