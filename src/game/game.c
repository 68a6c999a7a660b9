/* The core of the rules: the entity pool, the phased tick, collision through
 * a uniform grid, events, and the queries the platform reads. What each kind
 * does is in its own file (ent_*.c), found through the kind table. */
#include "game/game.h"

#include <stdlib.h>
#include <string.h>

#include "game/kinds.h"

/* Query margin for the grid: entities are filed by their centre, so a box
 * must look this far round itself (the largest half box of a gridded kind). */
#define GRID_MARGIN (32 * GAME_SUB)
/* How far an overlapping entity's centre can really be: the largest half box
 * any gridded kind has (a bus, or a ride that is one: 22 px). Looking only
 * this far finds the same entities in far fewer cells. */
#define GRID_REACH (22 * GAME_SUB)
#define TILE_SHIFT 12 /* log2(GAME_TILE_SUB) */

int32_t game_floor_div(int32_t a, int32_t b)
{
    int32_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

const int32_t game_dir_dx[4] = {0, 0, -1, 1}; /* DIR_DOWN, UP, LEFT, RIGHT */
const int32_t game_dir_dy[4] = {1, -1, 0, 0};

dir_t game_dir_towards(int32_t dx, int32_t dy)
{
    if (abs(dx) >= abs(dy)) return dx < 0 ? DIR_LEFT : DIR_RIGHT;
    return dy < 0 ? DIR_UP : DIR_DOWN;
}

vec_t game_tile_centre(int32_t tx, int32_t ty)
{
    vec_t v = {tx * GAME_TILE_SUB + GAME_TILE_SUB / 2, ty * GAME_TILE_SUB + GAME_TILE_SUB / 2};
    return v;
}

bool game_tile_is_road(tile_kind_t t)
{
    return t == TILE_ROAD || t == TILE_ROAD_LANE || t == TILE_CROSSWALK;
}

tile_kind_t game_tile_at(const game_t *g, int32_t tx, int32_t ty)
{
    const level_t *lv = g->level;
    if (tx < 0 || ty < 0 || tx >= lv->w || ty >= lv->h) return TILE_WALL;
    return (tile_kind_t)g->tiles[ty * lv->w + tx];
}

/* ---- the grid ------------------------------------------------------------- */

static int32_t grid_cell_of(const game_t *g, vec_t p)
{
    int32_t cx = p.x >> g->cell_shift, cy = p.y >> g->cell_shift;
    if (cx < 0) cx = 0;
    if (cy < 0) cy = 0;
    if (cx >= g->grid_w) cx = g->grid_w - 1;
    if (cy >= g->grid_h) cy = g->grid_h - 1;
    return cy * g->grid_w + cx;
}

static void grid_unlink(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (e->grid_cell < 0) return;
    int16_t *link = &g->grid[e->grid_cell];
    while (*link >= 0 && *link != slot) link = &g->ents[*link].grid_next;
    if (*link == slot) *link = e->grid_next;
    e->grid_cell = -1;
    e->grid_next = -1;
}

static inline void grid_update(game_t *g, int32_t slot)
{
    ent_t *e = &g->ents[slot];
    if (!(e->flags & ENT_GRID)) return;
    int32_t cell = grid_cell_of(g, e->pos);
    if (cell == e->grid_cell) return;
    grid_unlink(g, slot);
    e->grid_cell = cell;
    e->grid_next = g->grid[cell];
    g->grid[cell] = (int16_t)slot;
}

/* ---- collision ------------------------------------------------------------ */

/* The cells along one axis that a query of a box (centre c, half size h)
 * looks in. game_ents_block's answer is that of looking in every cell
 * GRID_MARGIN reaches (clamped to the grid); of those, only the ones
 * GRID_REACH reaches can file an entity that overlaps, except the two edge
 * cells, which also file whatever is beyond the map. The span is the
 * smallest run of cells holding all of them; an empty one has lo > hi. */
static inline void grid_span(int32_t c, int32_t h, int32_t n, int32_t shift, int32_t *lo,
                             int32_t *hi)
{
    int32_t m0 = (c - h - GRID_MARGIN) >> shift;
    int32_t m1 = (c + h + GRID_MARGIN) >> shift;
    int32_t r0 = (c - h - GRID_REACH) >> shift;
    int32_t r1 = (c + h + GRID_REACH) >> shift;
    if (m0 > 0 && m1 < n - 1) { /* the usual case: no edge cell in reach */
        *lo = r0;
        *hi = r1;
        return;
    }
    if (m0 < 0) m0 = 0;
    if (m1 >= n) m1 = n - 1;
    if (r0 < m0) r0 = m0;
    if (r1 > m1) r1 = m1;
    if (m0 <= m1) {
        if (m0 == 0) {
            r0 = 0;
            if (r1 < 0) r1 = 0;
        }
        if (m1 == n - 1) {
            r1 = n - 1;
            if (r0 > n - 1) r0 = n - 1;
        }
    }
    *lo = r0;
    *hi = r1;
}

static inline bool tiles_block(const game_t *g, vec_t pos, int32_t hw, int32_t hh)
{
    /* Floor division by a tile is a shift (GAME_TILE_SUB is a power of two). */
    int32_t x0 = (pos.x - hw) >> TILE_SHIFT, x1 = (pos.x + hw - 1) >> TILE_SHIFT;
    int32_t y0 = (pos.y - hh) >> TILE_SHIFT, y1 = (pos.y + hh - 1) >> TILE_SHIFT;
    int32_t w = g->level->w;
    bool inside = x0 >= 0 && y0 >= 0 && x1 < w && y1 < g->level->h;
    /* The usual case: a small box over at most 2 x 2 tiles of one open kind. */
    if (inside && x1 >= x0 && y1 >= y0 && x1 - x0 <= 1 && y1 - y0 <= 1) {
        const uint8_t *r0 = &g->tiles[y0 * w], *r1 = &g->tiles[y1 * w];
        uint8_t t = r0[x0];
        if (r0[x1] == t && r1[x0] == t && r1[x1] == t && t < TILE_KIND_COUNT && !g->solid[t])
            return false;
    }
    int32_t last = -1; /* neighbouring tiles are mostly alike: look each kind up once */
    const tile_info_t *ti = NULL;
    for (int32_t ty = y0; ty <= y1; ty++) {
        for (int32_t tx = x0; tx <= x1; tx++) {
            int32_t t = inside ? g->tiles[ty * w + tx] : (int32_t)game_tile_at(g, tx, ty);
            if (t != last) {
                ti = level_tile_info((tile_kind_t)t);
                last = t;
            }
            if (!ti->solid) continue;
            /* Thin things collide thin: only the tile's solid part counts. */
            int32_t bx0 = tx * GAME_TILE_SUB + ti->box[0] * GAME_SUB;
            int32_t by0 = ty * GAME_TILE_SUB + ti->box[1] * GAME_SUB;
            int32_t bx1 = bx0 + ti->box[2] * GAME_SUB, by1 = by0 + ti->box[3] * GAME_SUB;
            if (pos.x - hw < bx1 && bx0 < pos.x + hw && pos.y - hh < by1 && by0 < pos.y + hh)
                return true;
        }
    }
    return false;
}

bool game_box_blocked(const game_t *g, vec_t pos, int32_t hw, int32_t hh, int32_t ignore,
                      uint32_t mask)
{
    if (!(mask & MOVE_GHOST) && tiles_block(g, pos, hw, hh)) return true;
    return game_ents_block(g, pos, hw, hh, ignore, mask);
}

bool game_ents_block(const game_t *g, vec_t pos, int32_t hw, int32_t hh, int32_t ignore,
                     uint32_t mask)
{
    uint32_t flags = mask & 0x3fff;
    if (!flags) return false;
    /* The cells GRID_MARGIN reaches, of which only those within GRID_REACH
     * can hold an entity that overlaps; the edge cells, which also hold
     * whatever is beyond the map, are looked in whenever GRID_MARGIN
     * reaches them. */
    int32_t cx0, cx1, cy0, cy1;
    grid_span(pos.x, hw, g->grid_w, g->cell_shift, &cx0, &cx1);
    grid_span(pos.y, hh, g->grid_h, g->cell_shift, &cy0, &cy1);
    for (int32_t cy = cy0; cy <= cy1; cy++) {
        const int16_t *row = &g->grid[cy * g->grid_w];
        for (int32_t cx = cx0; cx <= cx1; cx++) {
            for (int32_t s = row[cx]; s >= 0; s = g->ents[s].grid_next) {
                const ent_t *o = &g->ents[s];
                /* Hidden, or going at the end of the tick: not in the way. */
                if (s == ignore || !(o->flags & flags) || (o->flags & (ENT_HIDDEN | ENT_REMOVE)))
                    continue;
                if ((mask & MOVE_THROUGH_HARRY) && s == g->harry) continue;
                if (abs(pos.x - o->pos.x) < hw + o->hw && abs(pos.y - o->pos.y) < hh + o->hh)
                    return true;
            }
        }
    }
    return false;
}

bool game_touching(const game_t *g, int32_t a, int32_t b, int32_t grow)
{
    const ent_t *p = &g->ents[a], *q = &g->ents[b];
    return abs(p->pos.x - q->pos.x) < p->hw + q->hw + grow &&
           abs(p->pos.y - q->pos.y) < p->hh + q->hh + grow;
}

/* Moves along one axis as far as it is free; returns true when stopped short. */
static inline bool move_axis(game_t *g, int32_t slot, int axis, int32_t delta, uint32_t mask)
{
    ent_t *e = &g->ents[slot];
    if (delta == 0) return false;
    vec_t p = e->pos;
    if (axis == 0)
        p.x += delta;
    else
        p.y += delta;
    if (!game_box_blocked(g, p, e->hw, e->hh, slot, mask)) {
        e->pos = p;
        return false;
    }
    /* Largest free distance by bisection: exact to the subpixel. */
    int32_t lo = 0, hi = abs(delta), sign = delta < 0 ? -1 : 1;
    while (lo < hi) {
        int32_t mid = (lo + hi + 1) / 2;
        vec_t q = e->pos;
        if (axis == 0)
            q.x += sign * mid;
        else
            q.y += sign * mid;
        if (game_box_blocked(g, q, e->hw, e->hh, slot, mask))
            hi = mid - 1;
        else
            lo = mid;
    }
    if (axis == 0)
        e->pos.x += sign * lo;
    else
        e->pos.y += sign * lo;
    return true;
}

int32_t game_move(game_t *g, int32_t slot, int32_t dx, int32_t dy, uint32_t mask)
{
    int32_t r = 0;
    if (move_axis(g, slot, 0, dx, mask)) r |= 1;
    if (move_axis(g, slot, 1, dy, mask)) r |= 2;
    grid_update(g, slot);
    return r;
}

void game_place(game_t *g, int32_t slot, vec_t pos)
{
    g->ents[slot].pos = pos;
    grid_update(g, slot);
}

/* ---- lines of sight ---------------------------------------------------------- */

bool game_sight_blocked_at(const game_t *g, vec_t p)
{
    tile_kind_t t =
        game_tile_at(g, game_floor_div(p.x, GAME_TILE_SUB), game_floor_div(p.y, GAME_TILE_SUB));
    /* Low things (fences, benches, stools, lamp posts) hide nobody; a closed
     * door hides as a wall does, though it stands on an open doorway. */
    if (level_tile_info(t)->solid && t != TILE_STREETLIGHT && t != TILE_FENCE && t != TILE_BENCH &&
        t != TILE_STOOL && t != TILE_WATER)
        return true;
    return game_ents_block(g, p, 1, 1, -1, ENT_OPAQUE);
}

bool game_line_blocked(const game_t *g, vec_t a, vec_t b)
{
    /* Integer steps of at most 4 px along the line, testing whole tiles. */
    int32_t dx = b.x - a.x, dy = b.y - a.y;
    int32_t len = abs(dx) > abs(dy) ? abs(dx) : abs(dy);
    int32_t steps = len / (4 * GAME_SUB) + 1;
    for (int32_t i = 1; i <= steps; i++) {
        vec_t p = {a.x + (int32_t)((int64_t)dx * i / steps),
                   a.y + (int32_t)((int64_t)dy * i / steps)};
        if (game_sight_blocked_at(g, p)) return true;
    }
    return false;
}

int64_t game_isqrt64(int64_t v)
{
    if (v <= 0) return 0;
    int64_t r = 0, bit = (int64_t)1 << 62;
    while (bit > v) bit >>= 2;
    while (bit) {
        if (v >= r + bit) {
            v -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    return r;
}

/* ---- events, spawns, removal ----------------------------------------------- */

void game_event(game_t *g, game_event_type_t type, int32_t slot, int32_t arg, vec_t where)
{
    if (g->event_count >= GAME_MAX_EVENTS) return;
    game_event_t *e = &g->events[g->event_count++];
    e->type = (uint8_t)type;
    e->entity = (int16_t)slot;
    e->arg = arg;
    e->x = where.x / GAME_SUB;
    e->y = where.y / GAME_SUB;
}

static int32_t free_slot(game_t *g)
{
    for (int32_t s = 2; s < GAME_MAX_ENTS; s++) {
        if (s >= g->ent_top) {
            g->ent_top = s + 1;
            return s;
        }
        if (g->ents[s].kind == KIND_COUNT) return s;
    }
    return -1;
}

static void ent_make(game_t *g, int32_t slot, int32_t kind, vec_t pos, int32_t obj)
{
    const kind_info_t *k = kind_info(kind);
    ent_t *e = &g->ents[slot];
    uint16_t gen = (uint16_t)(e->gen + 1);
    memset(e, 0, sizeof *e);
    e->gen = gen;
    e->kind = (uint8_t)kind;
    e->obj = (int16_t)obj;
    e->pos = pos;
    e->hw = k->hw_px * GAME_SUB;
    e->hh = k->hh_px * GAME_SUB;
    e->flags = k->flags;
    e->speed = k->speed;
    e->dir = DIR_DOWN;
    e->path = e->node = -1;
    e->path_step = 1;
    e->link = -1;
    e->grid_next = -1;
    e->grid_cell = -1;
    /* Its own random stream, from the level's seed and the object's place,
     * so adding a car to a level does not reshuffle its diners. */
    uint32_t id = obj >= 0 ? g->level->objects[obj].id : (uint32_t)slot * 2654435761u;
    rng_seed(&e->rng, ((uint64_t)g->level->seed << 32) ^ id);
    if (obj >= 0 && obj < LEVEL_MAX_OBJECTS) g->obj_slot[obj] = (int16_t)slot;
    grid_update(g, slot);
}

int32_t game_spawn_now(game_t *g, int32_t kind, vec_t pos, int32_t obj, int32_t parent)
{
    int32_t slot = free_slot(g);
    if (slot < 0) return -1;
    ent_make(g, slot, kind, pos, obj);
    g->ents[slot].link = (int16_t)parent;
    const kind_info_t *k = kind_info(kind);
    if (k->init) k->init(g, slot);
    return slot;
}

void game_spawn_later(game_t *g, int32_t kind, int32_t parent, vec_t pos, int32_t a, int32_t b)
{
    if (g->spawn_count >= GAME_MAX_SPAWNS) return;
    g->spawns[g->spawn_count].kind = (uint8_t)kind;
    g->spawns[g->spawn_count].parent = (int16_t)parent;
    g->spawns[g->spawn_count].pos = pos;
    g->spawns[g->spawn_count].a = a;
    g->spawns[g->spawn_count].b = b;
    g->spawn_count++;
}

void game_remove(game_t *g, int32_t slot)
{
    g->ents[slot].flags |= ENT_REMOVE;
    g->removals = true;
}

static void apply_spawns_and_removals(game_t *g)
{
    /* Most ticks remove nothing: the pool is swept only when something asked. */
    for (int32_t s = 2; g->removals && s < g->ent_top; s++) {
        ent_t *e = &g->ents[s];
        if (e->kind == KIND_COUNT || !(e->flags & ENT_REMOVE)) continue;
        grid_unlink(g, s);
        if (e->obj >= 0) g->obj_slot[e->obj] = -1;
        e->kind = KIND_COUNT;
        e->flags = 0;
    }
    g->removals = false;
    while (g->ent_top > 2 && g->ents[g->ent_top - 1].kind == KIND_COUNT) g->ent_top--;
    int32_t n = g->spawn_count;
    g->spawn_count = 0;
    for (int32_t i = 0; i < n; i++) {
        int32_t slot = free_slot(g);
        if (slot < 0) break;
        ent_make(g, slot, g->spawns[i].kind, g->spawns[i].pos, -1);
        ent_t *e = &g->ents[slot];
        e->link = g->spawns[i].parent;
        e->a = g->spawns[i].a;
        e->b = g->spawns[i].b;
        const kind_info_t *k = kind_info(e->kind);
        if (k->init) k->init(g, slot);
    }
}

/* ---- helpers for behaviours ---------------------------------------------------- */

int32_t game_prop(const game_t *g, int32_t slot, const char *key)
{
    const ent_t *e = &g->ents[slot];
    int32_t obj = e->obj;
    if (obj < 0 && e->link >= 0) obj = g->ents[e->link].obj; /* a spawn: its parent's */
    int32_t p = level_prop_index(e->kind, key);
    if (p < 0) return 0;
    if (obj < 0 || g->level->objects[obj].kind != e->kind) return level_kind(e->kind)->props[p].def;
    return g->level->objects[obj].props[p];
}

const char *game_text(const game_t *g, int32_t slot)
{
    const ent_t *e = &g->ents[slot];
    return e->obj >= 0 ? g->level->objects[e->obj].text : "";
}

void game_lose_time(game_t *g, int32_t seconds)
{
    g->ticks_left -= seconds * GAME_TICK_HZ;
    if (g->assists.no_fail && g->ticks_left < 0) {
        /* What the clock cannot pay is counted on past zero. */
        g->overrun -= g->ticks_left;
        g->ticks_left = 0;
    }
    if (g->ticks_left < 1 && !g->assists.no_fail) g->ticks_left = 1;
}

void game_gain_time(game_t *g, int32_t ticks)
{
    int32_t pay = g->overrun < ticks ? g->overrun : ticks;
    if (pay > 0) {
        g->overrun -= pay;
        ticks -= pay;
    }
    g->ticks_left += ticks;
}

game_assists_t game_assists_none(void)
{
    game_assists_t a = {100, 0, false, false};
    return a;
}

bool game_assists_any(const game_assists_t *a)
{
    return a->clock_pct != 100 || a->extra_s != 0 || a->no_fail || a->soft_hazards;
}

game_assists_t game_assists_clamp(const game_assists_t *a)
{
    game_assists_t c = *a;
    if (c.clock_pct < GAME_ASSIST_CLOCK_MIN) c.clock_pct = GAME_ASSIST_CLOCK_MIN;
    if (c.clock_pct > 100) c.clock_pct = 100;
    c.clock_pct -= c.clock_pct % GAME_ASSIST_CLOCK_STEP;
    if (c.extra_s < 0) c.extra_s = 0;
    if (c.extra_s > GAME_ASSIST_EXTRA_MAX) c.extra_s = GAME_ASSIST_EXTRA_MAX;
    c.extra_s -= c.extra_s % GAME_ASSIST_EXTRA_STEP;
    c.no_fail = a->no_fail;
    c.soft_hazards = a->soft_hazards;
    return c;
}

void game_set_assists(game_t *g, const game_assists_t *a)
{
    game_assists_t c = game_assists_clamp(a);
    if (!g->clock_running && g->status == GAME_PLAYING) {
        /* Before the clock starts (the first tick, or the ready beat): the
         * extra seconds are part of the clock. */
        g->ticks_left += (c.extra_s - g->assists.extra_s) * GAME_TICK_HZ;
        if (g->ticks_left < 1) g->ticks_left = 1;
    }
    /* Field by field: the state's padding stays as game_init left it. */
    g->assists.clock_pct = c.clock_pct;
    g->assists.extra_s = c.extra_s;
    g->assists.no_fail = c.no_fail;
    g->assists.soft_hazards = c.soft_hazards;
    /* Assists turned off before the clock starts leave an unassisted run;
     * once it runs, any assist marks the run for good. */
    if (!g->clock_running && g->status == GAME_PLAYING)
        g->assisted = game_assists_any(&c);
    else if (game_assists_any(&c))
        g->assisted = true;
}

void game_show_story(game_t *g, int32_t obj)
{
    if (obj >= 0 && !g->level->objects[obj].text[0]) return;
    g->story_obj = obj;
    g->story_until = g->tick + GAME_STORY_TICKS;
    vec_t at = obj >= 0 ? game_tile_centre(g->level->objects[obj].x, g->level->objects[obj].y)
                        : g->ents[g->harry].pos;
    game_event(g, EV_STORY, obj >= 0 ? g->obj_slot[obj] : -1, obj, at);
}

void game_send_back(game_t *g, int32_t seconds, vec_t to)
{
    harry_state_t *hs = &g->hs;
    ent_t *h = &g->ents[g->harry];
    if (hs->riding >= 0) {
        g->ents[hs->riding].state = 0;
        hs->riding = -1;
        h->flags &= (uint16_t)~ENT_HIDDEN;
    }
    game_lose_time(g, seconds);
    game_place(g, g->harry, to);
    h->vel.x = h->vel.y = 0;
    hs->push.x = hs->push.y = 0;
    hs->sink = 0;
    hs->stun = 30;
    hs->safe = 90;
    game_event(g, EV_RESPAWN, g->harry, seconds, to);
}

bool game_follow_path(game_t *g, int32_t slot, uint32_t mask)
{
    ent_t *e = &g->ents[slot];
    if (e->path < 0) return false;
    const level_path_t *p = &g->level->paths[e->path];
    if (e->node < 0 || e->node >= p->count) e->node = 0;
    vec_t to = game_tile_centre(p->x[e->node], p->y[e->node]);
    int32_t dx = to.x - e->pos.x, dy = to.y - e->pos.y;
    int32_t sx = dx > e->speed ? e->speed : dx < -e->speed ? -e->speed : dx;
    int32_t sy = dy > e->speed ? e->speed : dy < -e->speed ? -e->speed : dy;
    if (sx || sy) e->dir = game_dir_towards(dx, dy);
    vec_t before = e->pos;
    game_move(g, slot, sx, sy, mask);
    e->moving = e->pos.x != before.x || e->pos.y != before.y;
    if (e->moving) e->anim++;
    if (e->pos.x != to.x || e->pos.y != to.y) return false;
    /* At the point: on to the next, round a loop or back along the path. */
    int32_t next = e->node + e->path_step;
    if (next >= p->count || next < 0) {
        if (p->loop) {
            next = next < 0 ? p->count - 1 : 0;
        } else {
            e->path_step = (int8_t)-e->path_step;
            next = e->node + e->path_step;
        }
    }
    e->node = (int16_t)next;
    return true;
}

void game_path_unstick(game_t *g, int32_t slot, int32_t *held)
{
    ent_t *e = &g->ents[slot];
    *held = e->moving || e->path < 0 ? 0 : *held + 1;
    if (*held < GAME_TICK_HZ) return;
    const level_path_t *p = &g->level->paths[e->path];
    *held = 0;
    e->path_step = (int8_t)-e->path_step;
    /* node is the point it headed for: back to the one it came from. */
    int32_t next = e->node + e->path_step;
    if (p->loop)
        next = (next % p->count + p->count) % p->count;
    else
        next = next < 0 ? 0 : next >= p->count ? p->count - 1 : next;
    e->node = (int16_t)next;
}

/* ---- init and tick ----------------------------------------------------------- */

void game_init(game_t *g, const level_t *level)
{
    memset(g, 0, sizeof *g);
    g->level = level;
    memcpy(g->tiles, level->tiles, (size_t)level->w * (size_t)level->h);
    for (int32_t t = 0; t < TILE_KIND_COUNT; t++)
        g->solid[t] = level_tile_info((tile_kind_t)t)->solid;
    /* Cells of 32 px on a small map, where people crowd a room; of 128 px on
     * a big one, where they are sparse and empty cells would cost the most.
     * Either answers the same: the grid only narrows the search. */
    g->cell_shift = level->w * level->h > 96 * 96 ? GAME_CELL_SHIFT_BIG : GAME_CELL_SHIFT;
    g->grid_w = (level->w * GAME_TILE_SUB + (1 << g->cell_shift) - 1) >> g->cell_shift;
    g->grid_h = (level->h * GAME_TILE_SUB + (1 << g->cell_shift) - 1) >> g->cell_shift;
    if (g->grid_w < 1) g->grid_w = 1;
    if (g->grid_h < 1) g->grid_h = 1;
    /* Only the level's own cells are ever read. */
    for (int32_t i = 0; i < g->grid_w * g->grid_h; i++) g->grid[i] = -1;
    for (int32_t i = 0; i < LEVEL_MAX_OBJECTS; i++) g->obj_slot[i] = -1;
    for (int32_t i = 0; i < GAME_MAX_ENTS; i++) g->ents[i].kind = KIND_COUNT;
    g->ticks_left = level->time_s * GAME_TICK_HZ;
    g->assists.clock_pct = 100; /* no assists; the rest is zero (and so is padding, for memcmp) */
    g->status = GAME_PLAYING;
    g->story_obj = -1;
    g->call = -1;
    g->story_until = level->story[0] ? UINT32_MAX : 0; /* until the clock starts */
    rng_seed(&g->rng, level->seed);

    /* Harry and Julie first, then every object in the level's order. */
    g->harry = 0;
    g->julie = 1;
    g->ent_top = 2;
    ent_make(g, 0, KIND_HARRY, game_tile_centre(level->harry_tx, level->harry_ty), level->harry);
    ent_make(g, 1, KIND_JULIE, game_tile_centre(level->julie_tx, level->julie_ty), level->julie);
    g->ents[0].flags |= ENT_GRID;
    g->ents[1].flags |= ENT_GRID;
    grid_update(g, 0);
    grid_update(g, 1);
    julie_init(g, 1);
    harry_state_t *hs = &g->hs;
    hs->stamina = GAME_STAMINA_MAX;
    hs->riding = -1;
    hs->checkpoint = hs->kerb = g->ents[0].pos;
    for (int32_t i = 0; i < level->object_count; i++) {
        const level_object_t *o = &level->objects[i];
        if (o->kind == KIND_HARRY || o->kind == KIND_JULIE) continue;
        vec_t pos = game_tile_centre(o->x, o->y);
        if (level_kind(o->kind)->place == PLACE_AREA) {
            pos.x = o->x * GAME_TILE_SUB + o->w * GAME_TILE_SUB / 2;
            pos.y = o->y * GAME_TILE_SUB + o->h * GAME_TILE_SUB / 2;
        }
        int32_t slot = free_slot(g);
        if (slot < 0) break;
        ent_make(g, slot, o->kind, pos, i);
        if (level_kind(o->kind)->place == PLACE_AREA) {
            g->ents[slot].hw = o->w * GAME_TILE_SUB / 2;
            g->ents[slot].hh = o->h * GAME_TILE_SUB / 2;
        }
    }
    /* Inits run once every object has its slot, so links can be resolved. */
    int32_t top = g->ent_top;
    for (int32_t s = 2; s < top; s++) {
        const kind_info_t *k = kind_info(g->ents[s].kind);
        if (k && k->init) k->init(g, s);
    }
    apply_spawns_and_removals(g);
}

void game_init_clock(game_t *g, const level_t *level, int32_t ticks_left)
{
    game_init(g, level);
    g->ticks_left = ticks_left > 0 ? ticks_left : 1;
}

/* Each phase's update for each kind, or NULL (indexed by kind, with
 * KIND_COUNT for a free slot). A level with many entities looks them up
 * once a tick rather than once an entity in each phase. */
typedef kind_update_fn phase_table_t[3][KIND_COUNT + 1];

static void phase_tables(phase_table_t out)
{
    for (int32_t p = 0; p < 3; p++) out[p][KIND_COUNT] = NULL;
    for (int32_t k = 0; k < KIND_COUNT; k++) {
        const kind_info_t *ki = kind_info(k);
        for (int32_t p = 0; p < 3; p++) out[p][k] = (int32_t)ki->phase == p ? ki->update : NULL;
    }
}

/* table: the phase's row of phase_tables, or NULL to look each entity up. */
static void run_phase(game_t *g, kind_phase_t phase, const kind_update_fn *table)
{
    /* Slot order; what spawns now waits for the end of the tick. */
    int32_t top = g->ent_top;
    for (int32_t s = 1; s < top; s++) {
        const ent_t *e = &g->ents[s];
        if (table) {
            kind_update_fn fn = table[e->kind];
            if (fn && !(e->flags & ENT_REMOVE)) fn(g, s);
            continue;
        }
        if (e->kind == KIND_COUNT || (e->flags & ENT_REMOVE)) continue;
        const kind_info_t *k = kind_info(e->kind);
        if (k->phase == phase && k->update) k->update(g, s);
    }
}

static void check_win(game_t *g)
{
    const ent_t *h = &g->ents[g->harry], *j = &g->ents[g->julie];
    if (j->flags & ENT_HIDDEN || g->hs.riding >= 0) return;
    if (abs(h->pos.x - j->pos.x) < GAME_BOX_HALF_W * 2 + 4 * GAME_SUB &&
        abs(h->pos.y - j->pos.y) < GAME_BOX_HALF_H * 2 + 4 * GAME_SUB) {
        g->status = GAME_WON;
        game_event(g, EV_WON, g->julie, 0, j->pos);
    }
}

static void run_clock(game_t *g, const input_t *in)
{
    if (!g->clock_running) {
        /* The ready beat: the clock starts on the first move, or after the count-in. */
        /* Getting into a vehicle counts as a move: no free ride before the clock. */
        bool moves = (in->buttons & (INPUT_UP | INPUT_DOWN | INPUT_LEFT | INPUT_RIGHT)) != 0 ||
                     g->hs.riding >= 0;
        if (g->call >= 0) {
            /* The night starts with the call: answered, or let ring out
             * (so standing still still loses). */
            if (!g->ents[g->call].state && g->tick <= GAME_CALL_WAIT) return;
        } else if (!moves && g->tick <= GAME_COUNT_IN) {
            return;
        }
        g->clock_running = true;
        if (g->story_obj < 0 && g->story_until == UINT32_MAX) g->story_until = g->tick + 60;
        game_event(g, EV_CLOCK_STARTS, g->harry, 0, g->ents[g->harry].pos);
    }
    g->ticks_run++;
    /* A slow clock counts tenths: at 70% it runs 7 ticks in every 10. */
    int32_t drop = 1;
    if (g->assists.clock_pct != 100) {
        g->clock_sub += g->assists.clock_pct / 10;
        drop = g->clock_sub / 10;
        g->clock_sub -= drop * 10;
    }
    g->clock_used += drop;
    if (g->ticks_left > 0)
        g->ticks_left -= drop;
    else if (g->assists.no_fail)
        g->overrun += drop; /* counting on past zero */
    if (g->ticks_left <= 0) {
        g->ticks_left = 0;
        if (!g->assists.no_fail) {
            g->status = GAME_LOST;
            game_event(g, EV_LOST, g->harry, 0, g->ents[g->harry].pos);
        }
    } else if (drop && g->ticks_left <= GAME_LAST_SECONDS * GAME_TICK_HZ &&
               g->ticks_left % GAME_TICK_HZ == 0) {
        game_event(g, EV_SECOND, -1, g->ticks_left / GAME_TICK_HZ, g->ents[g->harry].pos);
    }
}

void game_tick(game_t *g, const input_t *in)
{
    g->event_count = 0;
    if (g->status != GAME_PLAYING) return;
    g->tick++;
    /* The phases, in a fixed order: the player, the things that move, the
     * things he touches, the world; then the win (reaching Julie in the
     * tick the clock would run out still counts), the clock, and last the
     * spawns and removals the tick asked for. */
    /* During the ready beat the world moves but nothing can cost him time. */
    if (!g->clock_running && g->hs.safe < 2) g->hs.safe = 2;
    harry_update(g, in);
    phase_table_t table;
    bool many = g->ent_top > KIND_COUNT;
    if (many) phase_tables(table);
    run_phase(g, PHASE_ENTITY, many ? table[PHASE_ENTITY] : NULL);
    run_phase(g, PHASE_TRIGGER, many ? table[PHASE_TRIGGER] : NULL);
    run_phase(g, PHASE_WORLD, many ? table[PHASE_WORLD] : NULL);
    check_win(g);
    if (g->status == GAME_PLAYING) run_clock(g, in);
    apply_spawns_and_removals(g);
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
    return g->ticks_run;
}

int32_t game_clock_used(const game_t *g)
{
    return g->clock_used;
}

/* ---- queries ---------------------------------------------------------------- */

const ent_t *game_harry(const game_t *g)
{
    return &g->ents[g->harry];
}

const ent_t *game_julie(const game_t *g)
{
    return &g->ents[g->julie];
}

const char *game_story(const game_t *g)
{
    if (g->tick >= g->story_until && g->story_until != UINT32_MAX) return NULL;
    if (g->story_obj >= 0) return g->level->objects[g->story_obj].text;
    return g->level->story[0] ? g->level->story : NULL;
}

bool game_in_smoke(const game_t *g)
{
    const ent_t *h = &g->ents[g->harry];
    return game_tile_at(g, game_floor_div(h->pos.x, GAME_TILE_SUB),
                        game_floor_div(h->pos.y, GAME_TILE_SUB)) == TILE_SMOKE;
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

static uint64_t hash_ent(uint64_t h, const ent_t *a)
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
    h = hash_word(h, g->hs.stamina);
    h = hash_word(h, g->hs.winded);
    h = hash_word(h, g->hs.sink);
    h = hash_word(h, g->hs.keys);
    h = hash_word(h, g->hs.riding);
    h = hash_word(h, g->ticks_run);
    /* Assisted runs only: an unassisted state hashes as it always has. */
    if (g->assisted || g->overrun) {
        h = hash_word(h, g->assists.clock_pct);
        h = hash_word(h, g->assists.extra_s);
        h = hash_word(h, g->assists.no_fail);
        h = hash_word(h, g->assists.soft_hazards);
        h = hash_word(h, g->clock_sub);
        h = hash_word(h, g->overrun);
    }
    for (int32_t s = 0; s < g->ent_top; s++) {
        const ent_t *e = &g->ents[s];
        if (e->kind == KIND_COUNT) continue;
        h = hash_word(h, s);
        h = hash_word(h, e->kind);
        h = hash_word(h, e->state);
        h = hash_ent(h, e);
    }
    return h;
}
