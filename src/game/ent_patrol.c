/* LAPD and SWAT: patrols walking a path with a cone of sight that walls
 * block. Harry seen fills the patrol's alarm (the alert mark and the siren
 * at first sight); full, he is caught and sent back to his checkpoint. The
 * renderer draws the cone from game_sight_rays, the rules' own rays. */
#include <stdlib.h>

#include "game/kinds.h"

/* sin(d) * 1024 for d = 0..90 degrees: integer trigonometry. */
static const int16_t sin_table[91] = {
    0,    18,   36,   54,   71,   89,   107,  125,  143,  160,  178, 195, 213, 230, 248,  265,
    282,  299,  316,  333,  350,  367,  384,  400,  416,  433,  449, 465, 481, 496, 512,  527,
    543,  558,  573,  587,  602,  616,  630,  644,  658,  672,  685, 698, 711, 724, 737,  749,
    761,  773,  784,  796,  807,  818,  828,  839,  849,  859,  868, 878, 887, 896, 904,  912,
    920,  928,  935,  943,  949,  956,  962,  968,  974,  979,  984, 989, 994, 998, 1002, 1005,
    1008, 1011, 1014, 1016, 1018, 1020, 1022, 1023, 1023, 1024, 1024};

static int32_t isin(int32_t deg)
{
    deg %= 360;
    if (deg < 0) deg += 360;
    if (deg <= 90) return sin_table[deg];
    if (deg <= 180) return sin_table[180 - deg];
    if (deg <= 270) return -sin_table[deg - 180];
    return -sin_table[360 - deg];
}

static int32_t icos(int32_t deg)
{
    return isin(deg + 90);
}

static int32_t facing_deg(dir_t d)
{
    static const int32_t deg[4] = {90, 270, 180, 0}; /* down, up, left, right */
    return deg[d];
}

static bool looks(const ent_t *e)
{
    return e->kind == KIND_COP || e->kind == KIND_SWAT;
}

/* Whether the patrol sees Harry now: within reach, inside the cone, and no
 * wall between. */
static bool sees_harry(const game_t *g, int32_t slot, int32_t *dist_out)
{
    const ent_t *e = &g->ents[slot];
    const ent_t *h = &g->ents[g->harry];
    /* Nobody sees him in a vehicle, or just sent back (hs.safe). */
    if (g->hs.riding >= 0 || g->hs.safe > 0 || e->timer2 > 0) return false;
    int32_t reach = game_prop(g, slot, "sight") * GAME_TILE_SUB;
    int32_t half = game_prop(g, slot, "cone") / 2;
    int64_t dx = h->pos.x - e->pos.x, dy = h->pos.y - e->pos.y;
    /* Further than reach along either axis is further than reach: no root needed. */
    if (llabs(dx) > reach || llabs(dy) > reach) return false;
    int64_t dist = game_isqrt64(dx * dx + dy * dy);
    *dist_out = (int32_t)dist;
    if (dist > reach) return false;
    if (dist > GAME_TILE_SUB / 2) {
        int32_t f = facing_deg(e->dir);
        int64_t dot = dx * icos(f) + dy * isin(f); /* |d| cos(angle) * 1024 */
        if (dot < dist * icos(half)) return false;
    }
    return !game_line_blocked(g, e->pos, h->pos);
}

void patrol_init(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    e->path = (int16_t)game_prop(g, slot, "path");
    e->speed = game_prop(g, slot, "speed") * GAME_SUB / GAME_TICK_HZ;
    e->variant = 0;
    /* SWAT move in pairs: a partner on the same path, a little behind. */
    if (e->kind == KIND_SWAT && e->obj >= 0 && game_prop(g, slot, "pair")) {
        int32_t p = game_spawn_now(g, KIND_SWAT, e->pos, -1, slot);
        if (p >= 0) {
            ent_t *q = &g->ents[p];
            q->link = (int16_t)slot;
            q->path = e->path;
            q->speed = e->speed;
            q->timer = 30; /* it sets off a moment later */
            q->variant = 1;
            e->link = (int16_t)p;
        }
    }
}

/* A SWAT pair starts on one tile, boxes overlapping, and meets head on
 * where its path turns back: each would block the other for good. So the
 * partner is left out of the move (hidden for its length, which collision
 * skips): a pair walks through each other. c: ticks held up on its path. */
static void walk_beat(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    int32_t mate = e->link;
    bool aside = mate >= 0 && looks(&g->ents[mate]) && !(g->ents[mate].flags & ENT_HIDDEN);
    if (aside) g->ents[mate].flags |= ENT_HIDDEN;
    game_follow_path(g, slot, ENT_SOLID | ENT_PERSON);
    if (aside) g->ents[mate].flags &= (uint16_t)~ENT_HIDDEN;
    game_path_unstick(g, slot, &e->c);
}

void patrol_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    int32_t catch_ticks = game_prop(g, slot, "catch");
    if (e->timer2 > 0) e->timer2--; /* after a catch it looks away for a while */
    int32_t dist = 0;
    bool seen = sees_harry(g, slot, &dist);
    if (seen) {
        if (e->a == 0) game_event(g, EV_SPOTTED, slot, e->kind, e->pos);
        /* Closer is quicker. */
        e->a += dist < game_prop(g, slot, "sight") * GAME_TILE_SUB / 2 ? 2 : 1;
        const ent_t *h = &g->ents[g->harry];
        int32_t dx = h->pos.x - e->pos.x, dy = h->pos.y - e->pos.y;
        e->dir = game_dir_towards(dx, dy);
        e->moving = false;
        e->anim = 0;
        if (e->a >= catch_ticks) {
            e->a = 0;
            e->timer2 = 180;
            int32_t penalty = game_prop(g, slot, "penalty");
            if (g->assists.soft_hazards) {
                /* Hazards only slow him: held where he stands for a moment,
                 * then let go, unseen while he gets away. */
                game_event(g, EV_CAUGHT, slot, 0, h->pos);
                g->ents[g->harry].vel.x = g->ents[g->harry].vel.y = 0;
                g->hs.stun = GAME_SOFT_CATCH_STUN;
                g->hs.safe = GAME_SOFT_CATCH_SAFE;
                return;
            }
            game_event(g, EV_CAUGHT, slot, penalty, h->pos);
            game_send_back(g, penalty, g->hs.checkpoint);
        }
        return;
    }
    if (e->a > 0) e->a--;
    if (e->timer > 0) {
        e->timer--;
        return;
    }
    if (e->a == 0) walk_beat(g, slot);
}

int32_t game_alarm(const game_t *g, int32_t slot)
{
    if (slot < 0 || slot >= g->ent_top || !looks(&g->ents[slot])) return 0;
    int32_t c = game_prop(g, slot, "catch");
    return c > 0 ? g->ents[slot].a * 256 / c : 0;
}

int32_t game_sight_rays(const game_t *g, int32_t slot, int32_t n, int32_t *reach_px,
                        int32_t *facing, int32_t *width)
{
    if (slot < 0 || slot >= g->ent_top || n < 2) return 0;
    const ent_t *e = &g->ents[slot];
    if (!looks(e) || e->kind == KIND_COUNT) return 0;
    int32_t reach = game_prop(g, slot, "sight") * GAME_TILE_SUB;
    int32_t cone = game_prop(g, slot, "cone");
    int32_t f = facing_deg(e->dir);
    *facing = f;
    *width = cone;
    for (int32_t i = 0; i < n; i++) {
        int32_t a = f - cone / 2 + cone * i / (n - 1);
        /* March out in 4 px steps until a wall: the test sight uses. */
        int32_t r = 0;
        while (r < reach) {
            int32_t next = r + 4 * GAME_SUB;
            vec_t p = {e->pos.x + (int32_t)((int64_t)next * icos(a) / 1024),
                       e->pos.y + (int32_t)((int64_t)next * isin(a) / 1024)};
            if (game_sight_blocked_at(g, p)) break;
            r = next;
        }
        reach_px[i] = (r > reach ? reach : r) / GAME_SUB;
    }
    return n;
}
