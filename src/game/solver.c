#include "game/solver.h"

#include "game/kinds.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define STRAIGHT 256
#define DIAGONAL 362

void solver_path_free(solver_path_t *p)
{
    free(p->tx);
    free(p->ty);
    memset(p, 0, sizeof *p);
}

int32_t solver_walk_ticks(int32_t cost)
{
    /* cost is in tiles * 256; one tile is GAME_TILE_SUB subpixels. */
    int64_t sub = (int64_t)cost * GAME_TILE_SUB / 256;
    return (int32_t)((sub + GAME_WALK_SPEED - 1) / GAME_WALK_SPEED);
}

/* What a search walks over: tiles (the level's, or the game's as fire
 * spreads), tiles closed besides solid ones, and extra cost per tile. */
typedef struct search {
    int32_t w, h;
    const uint8_t *tiles;  /* tile_kind_t */
    const uint8_t *closed; /* or NULL */
    const uint8_t *slow;   /* cost multiplier minus one, or NULL */
} search_t;

static bool open_at(const search_t *s, int32_t x, int32_t y)
{
    if (x < 0 || y < 0 || x >= s->w || y >= s->h) return false;
    if (level_tile_info((tile_kind_t)s->tiles[y * s->w + x])->solid) return false;
    return !(s->closed && s->closed[y * s->w + x]);
}

static bool solid_at(const search_t *s, int32_t x, int32_t y)
{
    if (x < 0 || y < 0 || x >= s->w || y >= s->h) return true;
    return level_tile_info((tile_kind_t)s->tiles[y * s->w + x])->solid;
}

/* A binary heap of (cost, node) for Dijkstra. */
typedef struct heap {
    int32_t n, cap;
    int64_t *items; /* cost << 32 | node */
} heap_t;

static bool heap_push(heap_t *h, int64_t v)
{
    if (h->n == h->cap) {
        int32_t cap = h->cap ? h->cap * 2 : 256;
        int64_t *p = realloc(h->items, (size_t)cap * sizeof *p);
        if (!p) return false;
        h->items = p;
        h->cap = cap;
    }
    int32_t i = h->n++;
    while (i > 0 && h->items[(i - 1) / 2] > v) {
        h->items[i] = h->items[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->items[i] = v;
    return true;
}

static int64_t heap_pop(heap_t *h)
{
    int64_t top = h->items[0], last = h->items[--h->n];
    int32_t i = 0;
    for (;;) {
        int32_t c = 2 * i + 1;
        if (c >= h->n) break;
        if (c + 1 < h->n && h->items[c + 1] < h->items[c]) c++;
        if (h->items[c] >= last) break;
        h->items[i] = h->items[c];
        i = c;
    }
    if (h->n > 0) h->items[i] = last;
    return top;
}

/* Dijkstra from start, to goal (or over the whole map when goal is -1). The
 * goal's own tile may be closed (someone stands there), never solid. dist
 * and prev hold w*h each. Returns whether the goal was reached (with goal
 * -1: whether memory lasted). */
static bool search_run(const search_t *s, int32_t start, int32_t goal, int32_t *dist, int32_t *prev)
{
    int32_t n = s->w * s->h;
    heap_t heap = {0, 0, NULL};
    bool found = false, ok = true;
    for (int32_t i = 0; i < n; i++) {
        dist[i] = INT32_MAX;
        prev[i] = -1;
    }
    int32_t gx = goal >= 0 ? goal % s->w : -1, gy = goal >= 0 ? goal / s->w : -1;
    dist[start] = 0;
    if (!heap_push(&heap, (int64_t)start)) ok = false;
    while (ok && heap.n > 0) {
        int64_t item = heap_pop(&heap);
        int32_t node = (int32_t)(item & 0xffffffff), d = (int32_t)(item >> 32);
        if (d != dist[node]) continue;
        if (node == goal) {
            found = true;
            break;
        }
        int32_t x = node % s->w, y = node / s->w;
        for (int32_t dy = -1; dy <= 1; dy++) {
            for (int32_t dx = -1; dx <= 1; dx++) {
                if (!dx && !dy) continue;
                int32_t nx = x + dx, ny = y + dy;
                bool goal_cell = nx == gx && ny == gy;
                if (!goal_cell && !open_at(s, nx, ny)) continue;
                if (goal_cell && solid_at(s, nx, ny)) continue;
                if (dx && dy && (!open_at(s, x + dx, y) || !open_at(s, x, y + dy))) continue;
                int32_t ni = ny * s->w + nx;
                int32_t step = (dx && dy) ? DIAGONAL : STRAIGHT;
                int32_t speed = level_tile_info((tile_kind_t)s->tiles[ni])->speed_256;
                int32_t nd = d + step * 256 / speed * (1 + (s->slow ? s->slow[ni] : 0));
                if (nd < dist[ni]) {
                    dist[ni] = nd;
                    prev[ni] = node;
                    if (!heap_push(&heap, ((int64_t)nd << 32) | ni)) {
                        ok = false;
                        break;
                    }
                }
            }
        }
    }
    free(heap.items);
    return goal >= 0 ? found : ok;
}

static bool path_from(const search_t *s, const int32_t *dist, const int32_t *prev, int32_t goal,
                      solver_path_t *out)
{
    int32_t count = 0;
    for (int32_t v = goal; v != -1; v = prev[v]) count++;
    out->tx = malloc((size_t)count * sizeof *out->tx);
    out->ty = malloc((size_t)count * sizeof *out->ty);
    if (!out->tx || !out->ty) {
        solver_path_free(out);
        return false;
    }
    out->count = count;
    out->cost = dist[goal];
    int32_t i = count;
    for (int32_t v = goal; v != -1; v = prev[v]) {
        i--;
        out->tx[i] = v % s->w;
        out->ty[i] = v / s->w;
    }
    return true;
}

static bool search_path(const search_t *s, int32_t sx, int32_t sy, int32_t gx, int32_t gy,
                        solver_path_t *out)
{
    memset(out, 0, sizeof *out);
    if (sx < 0 || sy < 0 || sx >= s->w || sy >= s->h || gx < 0 || gy < 0 || gx >= s->w ||
        gy >= s->h)
        return false;
    int32_t n = s->w * s->h;
    int32_t *dist = malloc((size_t)n * sizeof *dist);
    int32_t *prev = malloc((size_t)n * sizeof *prev);
    bool found = dist && prev && search_run(s, sy * s->w + sx, gy * s->w + gx, dist, prev) &&
                 path_from(s, dist, prev, gy * s->w + gx, out);
    free(dist);
    free(prev);
    return found;
}

bool solver_find_path(const level_t *lv, int32_t sx, int32_t sy, int32_t gx, int32_t gy,
                      const uint8_t *extra, solver_path_t *out)
{
    search_t s = {lv->w, lv->h, lv->tiles, extra, NULL};
    return search_path(&s, sx, sy, gx, gy, out);
}

/* ---- doors, keys and fire, before play ------------------------------------ */

static bool in_map(const level_t *lv, int32_t x, int32_t y)
{
    return x >= 0 && y >= 0 && x < lv->w && y < lv->h;
}

/* The tiles a fire object will have burnt when it is done: its own and
 * 'length' more in 'dir', up to the first solid tile (as fire_update). */
static void mark_fire(const level_t *lv, const level_object_t *o, uint8_t *closed)
{
    int32_t ox = o->x, oy = o->y;
    if (o->kind == KIND_CRASH) {
        /* A crash burns where its path ends. */
        int32_t p = level_prop(lv, o, "path");
        if (p < 0 || p >= lv->path_count) return;
        ox = lv->paths[p].x[lv->paths[p].count - 1];
        oy = lv->paths[p].y[lv->paths[p].count - 1];
    } else if (o->kind != KIND_FIRE) {
        return;
    }
    if (in_map(lv, ox, oy)) closed[oy * lv->w + ox] = 1;
    int32_t dir = level_prop(lv, o, "dir"), len = level_prop(lv, o, "length");
    if (dir < 0 || dir > 3) return;
    for (int32_t k = 1; k <= len; k++) {
        int32_t x = ox + game_dir_dx[dir] * k, y = oy + game_dir_dy[dir] * k;
        if (level_solid_at(lv, x, y)) break;
        closed[y * lv->w + x] = 1;
    }
}

void solver_closed_tiles(const level_t *lv, bool doors, bool fire, uint8_t *closed)
{
    memset(closed, 0, (size_t)lv->w * (size_t)lv->h);
    for (int32_t i = 0; i < lv->object_count; i++) {
        const level_object_t *o = &lv->objects[i];
        if (doors && o->kind == KIND_DOOR && in_map(lv, o->x, o->y))
            closed[o->y * lv->w + o->x] = 1;
        if (fire) mark_fire(lv, o, closed);
    }
}

/* Whether a trigger that opens door i has part of its area in reached. */
static bool trigger_opens(const level_t *lv, const level_object_t *t, int32_t door,
                          const uint8_t *reached)
{
    if (t->kind != KIND_TRIGGER || level_prop(lv, t, "do") != 1 ||
        level_prop(lv, t, "target") != door)
        return false;
    for (int32_t y = t->y; y < t->y + t->h; y++)
        for (int32_t x = t->x; x < t->x + t->w; x++)
            if (in_map(lv, x, y) && reached[y * lv->w + x]) return true;
    return false;
}

/* Flood fill over open tiles from Harry (8-way, no cut corners, as the
 * search walks). */
static void flood(const level_t *lv, const uint8_t *closed, uint8_t *reached, int32_t *queue)
{
    search_t s = {lv->w, lv->h, lv->tiles, closed, NULL};
    memset(reached, 0, (size_t)lv->w * (size_t)lv->h);
    if (!in_map(lv, lv->harry_tx, lv->harry_ty)) return;
    int32_t head = 0, tail = 0, start = lv->harry_ty * lv->w + lv->harry_tx;
    reached[start] = 1;
    queue[tail++] = start;
    while (head < tail) {
        int32_t node = queue[head++], x = node % lv->w, y = node / lv->w;
        for (int32_t dy = -1; dy <= 1; dy++)
            for (int32_t dx = -1; dx <= 1; dx++) {
                int32_t nx = x + dx, ny = y + dy;
                if ((!dx && !dy) || !open_at(&s, nx, ny) || reached[ny * lv->w + nx]) continue;
                if (dx && dy && (!open_at(&s, x + dx, y) || !open_at(&s, x, y + dy))) continue;
                reached[ny * lv->w + nx] = 1;
                queue[tail++] = ny * lv->w + nx;
            }
    }
}

void solver_reach(const level_t *lv, int32_t open_colour, uint8_t *reached, uint8_t *door_open)
{
    size_t n = (size_t)lv->w * (size_t)lv->h;
    uint8_t *closed = malloc(n);
    int32_t *queue = malloc(n * sizeof *queue);
    uint8_t opened[LEVEL_MAX_OBJECTS] = {0};
    memset(reached, 0, n);
    if (!closed || !queue) goto out;
    solver_closed_tiles(lv, true, true, closed);
    /* Stages: fill, open every door whose key (or trigger) is reached, again. */
    flood(lv, closed, reached, queue);
    for (bool more = true; more;) {
        more = false;
        for (int32_t i = 0; i < lv->object_count; i++) {
            const level_object_t *o = &lv->objects[i];
            if (o->kind != KIND_DOOR || opened[i] || !in_map(lv, o->x, o->y)) continue;
            int32_t c = level_prop(lv, o, "colour");
            bool opens = c == open_colour;
            for (int32_t j = 0; j < lv->object_count && !opens; j++) {
                const level_object_t *q = &lv->objects[j];
                if (c < COLOUR_NONE)
                    opens = level_key_colour(lv, q) == c && in_map(lv, q->x, q->y) &&
                            reached[q->y * lv->w + q->x];
                else
                    opens = trigger_opens(lv, q, i, reached);
            }
            if (!opens) continue;
            opened[i] = 1;
            closed[o->y * lv->w + o->x] = 0;
            more = true;
        }
        if (!more) break;
        /* A door fire will reach stays shut to the search. */
        for (int32_t j = 0; j < lv->object_count; j++) mark_fire(lv, &lv->objects[j], closed);
        flood(lv, closed, reached, queue);
    }
out:
    if (door_open) memcpy(door_open, opened, sizeof opened);
    free(closed);
    free(queue);
}
/* The candidates a route may visit: keys of colours some door has, and
 * triggers that open a door, each where Harry can get to in stages. */
typedef struct stops {
    int32_t n;
    int32_t obj[SOLVER_MAX_STOPS], tx[SOLVER_MAX_STOPS], ty[SOLVER_MAX_STOPS];
} stops_t;

static bool colour_has_door(const level_t *lv, int32_t c)
{
    for (int32_t i = 0; i < lv->object_count; i++)
        if (lv->objects[i].kind == KIND_DOOR && level_prop(lv, &lv->objects[i], "colour") == c)
            return true;
    return false;
}

static void find_stops(const level_t *lv, const uint8_t *reached, stops_t *st)
{
    st->n = 0;
    for (int32_t i = 0; i < lv->object_count && st->n < SOLVER_MAX_STOPS; i++) {
        const level_object_t *o = &lv->objects[i];
        int32_t tx = -1, ty = -1;
        if (level_key_colour(lv, o) >= 0) {
            int32_t c = level_key_colour(lv, o);
            if (colour_has_door(lv, c) && in_map(lv, o->x, o->y) && reached[o->y * lv->w + o->x]) {
                tx = o->x;
                ty = o->y;
            }
        } else if (o->kind == KIND_TRIGGER && level_prop(lv, o, "do") == 1 &&
                   level_prop(lv, o, "target") >= 0) {
            /* The reached tile of its area nearest the middle. */
            int32_t best = INT32_MAX;
            for (int32_t y = o->y; y < o->y + o->h; y++)
                for (int32_t x = o->x; x < o->x + o->w; x++) {
                    int32_t d =
                        abs(2 * x + 1 - (2 * o->x + o->w)) + abs(2 * y + 1 - (2 * o->y + o->h));
                    if (in_map(lv, x, y) && reached[y * lv->w + x] && d < best) {
                        best = d;
                        tx = x;
                        ty = y;
                    }
                }
        }
        if (tx < 0) continue;
        st->obj[st->n] = i;
        st->tx[st->n] = tx;
        st->ty[st->n] = ty;
        st->n++;
    }
}

/* What is closed once the stops in set are visited. */
static void closed_after(const level_t *lv, const stops_t *st, int32_t set, uint8_t *closed)
{
    solver_closed_tiles(lv, true, false, closed);
    for (int32_t i = 0; i < lv->object_count; i++) {
        const level_object_t *o = &lv->objects[i];
        if (o->kind != KIND_DOOR || !in_map(lv, o->x, o->y)) continue;
        int32_t c = level_prop(lv, o, "colour");
        for (int32_t k = 0; k < st->n; k++) {
            const level_object_t *q = &lv->objects[st->obj[k]];
            if (!(set & (1 << k))) continue;
            if ((c < COLOUR_NONE && level_key_colour(lv, q) == c) ||
                (q->kind == KIND_TRIGGER && level_prop(lv, q, "target") == i))
                closed[o->y * lv->w + o->x] = 0;
        }
    }
    for (int32_t i = 0; i < lv->object_count; i++) mark_fire(lv, &lv->objects[i], closed);
}

bool solver_call(const level_t *lv, int32_t *obj, int32_t *tx, int32_t *ty)
{
    for (int32_t i = 0; i < lv->object_count; i++) {
        const level_object_t *o = &lv->objects[i];
        if (o->kind != KIND_PAYPHONE || !level_prop(lv, o, "starts_clock")) continue;
        int32_t best = INT32_MAX;
        for (int32_t d = 0; d < 4; d++) {
            int32_t x = o->x + game_dir_dx[d], y = o->y + game_dir_dy[d];
            if (!in_map(lv, x, y) || level_solid_at(lv, x, y)) continue;
            int32_t far = abs(x - lv->harry_tx) + abs(y - lv->harry_ty);
            if (far < best) {
                best = far;
                *tx = x;
                *ty = y;
            }
        }
        if (best == INT32_MAX) return false;
        *obj = i;
        return true;
    }
    return false;
}

bool solver_route(const level_t *lv, solver_route_t *out)
{
    memset(out, 0, sizeof *out);
    size_t n = (size_t)lv->w * (size_t)lv->h;
    uint8_t *reached = malloc(n), *closed = malloc(n);
    int32_t *dist = malloc(n * sizeof *dist), *prev = malloc(n * sizeof *prev);
    enum { SETS = 1 << SOLVER_MAX_STOPS, SRCS = SOLVER_MAX_STOPS + 1 };
    static const int64_t inf = INT64_MAX;
    int64_t best[SETS][SRCS];
    int8_t par[SETS][SRCS];
    stops_t st;
    if (!reached || !closed || !dist || !prev || !in_map(lv, lv->harry_tx, lv->harry_ty) ||
        !in_map(lv, lv->julie_tx, lv->julie_ty))
        goto out;
    solver_reach(lv, -1, reached, NULL);
    if (!reached[lv->julie_ty * lv->w + lv->julie_tx]) goto out;
    int32_t start = lv->harry_ty * lv->w + lv->harry_tx, call_obj, call_x, call_y;
    if (solver_call(lv, &call_obj, &call_x, &call_y) && reached[call_y * lv->w + call_x])
        start = call_y * lv->w + call_x;
    find_stops(lv, reached, &st);
    for (int32_t s = 0; s < SETS; s++)
        for (int32_t k = 0; k < SRCS; k++) best[s][k] = inf;
    best[0][0] = 0;
    int64_t total = inf;
    int32_t end_set = 0, end_src = 0;
    int32_t julie = lv->julie_ty * lv->w + lv->julie_tx;
    /* Over sets of stops visited, and the stop last visited (0: none yet):
     * each set only grows, so numeric order visits a set after its parts. */
    for (int32_t set = 0; set < (1 << st.n); set++) {
        for (int32_t src = 0; src <= st.n; src++) {
            /* No step is free, so a walk already as long as the best whole
             * route cannot end in a shorter one. */
            if (best[set][src] == inf || best[set][src] >= total) continue;
            closed_after(lv, &st, set, closed);
            search_t sr = {lv->w, lv->h, lv->tiles, closed, NULL};
            int32_t from = src == 0 ? start : st.ty[src - 1] * lv->w + st.tx[src - 1];
            if (!search_run(&sr, from, -1, dist, prev)) goto out;
            for (int32_t k = 0; k < st.n; k++) {
                int32_t d = dist[st.ty[k] * lv->w + st.tx[k]];
                int32_t to = set | (1 << k);
                if ((set & (1 << k)) || d == INT32_MAX || best[set][src] + d >= best[to][k + 1])
                    continue;
                best[to][k + 1] = best[set][src] + d;
                par[to][k + 1] = (int8_t)src;
            }
            if (dist[julie] != INT32_MAX && best[set][src] + dist[julie] < total) {
                total = best[set][src] + dist[julie];
                end_set = set;
                end_src = src;
            }
        }
    }
    if (total == inf) goto out;
    out->reachable = true;
    out->cost = total > INT32_MAX ? INT32_MAX : (int32_t)total;
    int32_t order[SOLVER_MAX_STOPS], count = 0;
    for (int32_t set = end_set, src = end_src; src != 0;) {
        order[count++] = src - 1;
        int32_t p = par[set][src];
        set &= ~(1 << (src - 1));
        src = p;
    }
    for (int32_t i = 0; i < count; i++) {
        int32_t k = order[count - 1 - i];
        out->stops[i] = st.obj[k];
        out->stop_tx[i] = st.tx[k];
        out->stop_ty[i] = st.ty[k];
    }
    out->stop_count = count;
out:
    free(reached);
    free(closed);
    free(dist);
    free(prev);
    return out->reachable;
}

/* ---- the bot ---------------------------------------------------------------- */

/* How long the bot waits at most, for a gap in traffic or a patrol to look
 * away, before it goes anyway. */
#define BOT_TRAFFIC_PATIENCE 600
#define BOT_SIGHT_PATIENCE 300

typedef struct bot {
    game_t *g;
    const level_t *lv;
    bool sprint;
    solver_route_t route;
    int32_t n;       /* tiles */
    uint8_t *hard;   /* doors it cannot open yet */
    uint8_t *closed; /* hard, plus what it avoids when it can */
    uint8_t *lanes;  /* tiles cars drive along */
    uint8_t *slow;   /* extra cost: lanes, to cross them straight */
    uint8_t *sight;  /* tiles a patrol sees, now or in a moment */
    solver_path_t path;
    int32_t next;
    int32_t goal; /* the route stop walked to; route.stop_count: Julie */
    bool risky;   /* the path goes where it would rather not */
    bool any_lanes, any_patrols;
    int32_t go_from;    /* the tile it set out across the lanes from, or -1 */
    bool cross_sprint;  /* whether it sprints across */
    int32_t waited;     /* ticks waited for traffic at this kerb */
    int32_t sight_wait; /* ticks waited for a patrol */
    int32_t ride;       /* the vehicle it takes, or -1 */
    int32_t ride_phase; /* RIDE_* */
    bool action_held;   /* it pressed the action button last tick */
    int32_t call;       /* the payphone the clock waits for, or -1 */
    int32_t call_tx, call_ty;
} bot_t;

enum { RIDE_NONE, RIDE_TO, RIDE_ABOARD, RIDE_DONE };
#define GOAL_RIDE (-2)
#define GOAL_CALL (-3)

static int32_t tile_of(int32_t sub)
{
    return sub >= 0 ? sub / GAME_TILE_SUB : -1;
}

static int32_t tile_index(const bot_t *b, vec_t p)
{
    int32_t x = tile_of(p.x), y = tile_of(p.y);
    if (x < 0 || y < 0 || x >= b->lv->w || y >= b->lv->h) return -1;
    return y * b->lv->w + x;
}

static bool ent_alive(const ent_t *e)
{
    return e->kind != KIND_COUNT && !(e->flags & ENT_REMOVE);
}

/* Whether route stop i is done: its key taken, its door open. */
static bool stop_done(const bot_t *b, int32_t i)
{
    const game_t *g = b->g;
    int32_t obj = b->route.stops[i];
    const level_object_t *o = &b->lv->objects[obj];
    if (o->kind == KIND_KEY) return g->obj_slot[obj] < 0;
    if (o->kind == KIND_RESIDENT) return (g->hs.keys >> level_key_colour(b->lv, o)) & 1;
    int32_t door = level_prop(b->lv, o, "target");
    return door < 0 || g->obj_slot[door] < 0;
}

static int32_t current_goal(const bot_t *b)
{
    if (b->call >= 0 && !b->g->ents[b->call].state) return GOAL_CALL;
    for (int32_t i = 0; i < b->route.stop_count; i++)
        if (!stop_done(b, i)) return i;
    return b->ride_phase == RIDE_TO ? GOAL_RIDE : b->route.stop_count;
}

/* Cars drive from each lane's start to the edge of the map. */
static void mark_lanes(bot_t *b)
{
    const game_t *g = b->g;
    for (int32_t s = 2; s < g->ent_top; s++) {
        const ent_t *e = &g->ents[s];
        if (e->kind != KIND_LANE) continue;
        int32_t x = tile_of(e->pos.x), y = tile_of(e->pos.y);
        for (; x >= 0 && y >= 0 && x < b->lv->w && y < b->lv->h;
             x += game_dir_dx[e->dir], y += game_dir_dy[e->dir]) {
            b->lanes[y * b->lv->w + x] = 1;
            b->slow[y * b->lv->w + x] = 2;
        }
        b->any_lanes = true;
    }
}

/* cos(5 * i degrees) * 1024. */
static const int16_t cos5[19] = {1024, 1020, 1008, 989, 962, 928, 887, 839, 784, 724,
                                 658,  587,  512,  433, 350, 265, 178, 89,  0};

/* Marks the tiles a patrol sees from pos facing dir (a little wider and
 * further than its cone), and the tiles round it. */
static void mark_cone(bot_t *b, int32_t slot, vec_t pos, dir_t dir)
{
    const game_t *g = b->g;
    const level_t *lv = b->lv;
    int32_t reach = (game_prop(g, slot, "sight") + 1) * GAME_TILE_SUB;
    int32_t half = game_prop(g, slot, "cone") / 2 + 20;
    int32_t c = half >= 90 ? 0 : cos5[half / 5];
    int32_t fx = game_dir_dx[dir], fy = game_dir_dy[dir];
    int32_t r = reach / GAME_TILE_SUB + 1, ex = tile_of(pos.x), ey = tile_of(pos.y);
    for (int32_t ty = ey - r; ty <= ey + r; ty++) {
        for (int32_t tx = ex - r; tx <= ex + r; tx++) {
            if (tx < 0 || ty < 0 || tx >= lv->w || ty >= lv->h || b->sight[ty * lv->w + tx])
                continue;
            vec_t p = game_tile_centre(tx, ty);
            int64_t dx = p.x - pos.x, dy = p.y - pos.y;
            int64_t dist = game_isqrt64(dx * dx + dy * dy);
            bool near = abs(tx - ex) <= 1 && abs(ty - ey) <= 1;
            if (!near && (dist > reach || (dx * fx + dy * fy) * 1024 < dist * c)) continue;
            if (!near && game_line_blocked(g, pos, p)) continue;
            b->sight[ty * lv->w + tx] = 1;
        }
    }
}

/* How far ahead the bot looks at where patrols walk and face. */
#define BOT_SIGHT_AHEAD 40
#define BOT_SIGHT_STEP 10

/* Tiles patrols see now and over the next moments, as they walk their
 * paths (as game_follow_path moves them, walls aside) and turn at the ends. */
static void mark_sight(bot_t *b)
{
    const game_t *g = b->g;
    memset(b->sight, 0, (size_t)b->n);
    for (int32_t s = 2; s < g->ent_top; s++) {
        const ent_t *e = &g->ents[s];
        if ((e->kind != KIND_COP && e->kind != KIND_SWAT) || !ent_alive(e)) continue;
        b->any_patrols = true;
        if (e->timer2 > 0) continue; /* it looks away after a catch */
        vec_t pos = e->pos;
        dir_t dir = e->dir;
        int32_t node = e->node, step = e->path_step;
        int32_t delay = e->timer > e->a ? e->timer : e->a;
        const level_path_t *p = e->path >= 0 ? &g->level->paths[e->path] : NULL;
        for (int32_t t = 0; t <= BOT_SIGHT_AHEAD; t++) {
            if (t % BOT_SIGHT_STEP == 0) mark_cone(b, s, pos, dir);
            if (!p || t < delay) continue;
            if (node < 0 || node >= p->count) node = 0;
            vec_t to = game_tile_centre(p->x[node], p->y[node]);
            int32_t dx = to.x - pos.x, dy = to.y - pos.y;
            int32_t sx = dx > e->speed ? e->speed : dx < -e->speed ? -e->speed : dx;
            int32_t sy = dy > e->speed ? e->speed : dy < -e->speed ? -e->speed : dy;
            if (sx || sy) dir = game_dir_towards(dx, dy);
            pos.x += sx;
            pos.y += sy;
            if (pos.x != to.x || pos.y != to.y) continue;
            int32_t next = node + step;
            if (next >= p->count || next < 0) {
                if (p->loop) {
                    next = next < 0 ? p->count - 1 : 0;
                } else {
                    step = -step;
                    next = node + step;
                }
            }
            node = next;
        }
    }
}

/* What to keep out of: locked doors without their key (always), and when it
 * can, people, patrols' sight and the tiles fire will still reach. */
static void mark_closed(bot_t *b)
{
    const game_t *g = b->g;
    const level_t *lv = b->lv;
    memset(b->hard, 0, (size_t)b->n);
    memset(b->closed, 0, (size_t)b->n);
    for (int32_t s = 2; s < g->ent_top; s++) {
        const ent_t *e = &g->ents[s];
        if (!ent_alive(e)) continue;
        int32_t x = tile_of(e->pos.x), y = tile_of(e->pos.y);
        if (e->kind == KIND_DOOR) {
            bool opens = e->variant < COLOUR_NONE && (g->hs.keys & (1 << e->variant));
            int32_t i = tile_index(b, e->pos);
            if (!opens && i >= 0) b->hard[i] = 1;
            continue;
        }
        if (e->kind == KIND_FIRE) {
            int32_t len = game_prop(g, s, "length");
            for (int32_t k = e->a + 1; k <= len; k++) {
                int32_t fx = x + game_dir_dx[e->dir] * k, fy = y + game_dir_dy[e->dir] * k;
                if (level_tile_info(game_tile_at(g, fx, fy))->solid) break;
                b->closed[fy * lv->w + fx] = 1;
            }
            continue;
        }
        if (e->kind == KIND_CRASH) {
            /* The wreck's tile and those its fire will reach, from the start
             * (the crash is set off on the way, the fire may be ahead). */
            int32_t len = game_prop(g, s, "length");
            dir_t d = (dir_t)game_prop(g, s, "dir");
            for (int32_t k = e->state == 2 ? e->a + 1 : 0; k <= len; k++) {
                int32_t fx = e->c + game_dir_dx[d] * k, fy = e->d + game_dir_dy[d] * k;
                if (fx < 0 || fy < 0 || fx >= lv->w || fy >= lv->h ||
                    level_tile_info(game_tile_at(g, fx, fy))->solid)
                    break;
                b->closed[fy * lv->w + fx] = 1;
            }
            continue;
        }
        /* The ride is the way in until he is out of it; then it is in the way. */
        if (!(e->flags & (ENT_PERSON | ENT_SOLID)) || (s == b->ride && b->ride_phase != RIDE_DONE))
            continue;
        for (int32_t dy = -1; dy <= 1; dy++)
            for (int32_t dx = -1; dx <= 1; dx++) {
                int32_t px = x + dx, py = y + dy;
                if (px >= 0 && py >= 0 && px < lv->w && py < lv->h && (dx == 0 || dy == 0))
                    b->closed[py * lv->w + px] = 1;
            }
    }
    for (int32_t i = 0; i < b->n; i++) b->closed[i] |= b->hard[i] | b->sight[i];
    int32_t h = tile_index(b, game_harry(g)->pos);
    if (h >= 0) b->closed[h] = b->hard[h];
}

static void replan(bot_t *b)
{
    const game_t *g = b->g;
    solver_path_free(&b->path);
    b->goal = current_goal(b);
    int32_t gx, gy;
    if (b->goal == GOAL_CALL) {
        gx = b->call_tx;
        gy = b->call_ty;
    } else if (b->goal == GOAL_RIDE) {
        gx = tile_of(g->ents[b->ride].pos.x);
        gy = tile_of(g->ents[b->ride].pos.y);
    } else if (b->goal < b->route.stop_count) {
        gx = b->route.stop_tx[b->goal];
        gy = b->route.stop_ty[b->goal];
    } else {
        gx = tile_of(game_julie(g)->pos.x);
        gy = tile_of(game_julie(g)->pos.y);
    }
    mark_closed(b);
    int32_t hx = tile_of(game_harry(g)->pos.x), hy = tile_of(game_harry(g)->pos.y);
    search_t s = {b->lv->w, b->lv->h, g->tiles, b->closed, b->any_lanes ? b->slow : NULL};
    b->risky = false;
    if (!search_path(&s, hx, hy, gx, gy, &b->path)) {
        b->risky = true;
        s.closed = b->hard;
        search_path(&s, hx, hy, gx, gy, &b->path);
    }
    b->next = b->path.count > 1 ? 1 : 0;
}

/* Whether a box at p (half sizes hw, hh) overlaps one at q. */
static bool boxes_meet(vec_t p, int32_t hw, int32_t hh, vec_t q, int32_t qw, int32_t qh)
{
    return abs(p.x - q.x) < hw + qw && abs(p.y - q.y) < hh + qh;
}

/* Whether a vehicle going (vx, vy) a tick from pos, with half box (hw, hh),
 * comes near Harry at hp at tick t; a stopped one may set off any time. */
static bool vehicle_meets(vec_t pos, int32_t vx, int32_t vy, bool moving, int32_t hw, int32_t hh,
                          vec_t hp, int32_t t)
{
    /* Along its way a margin of a few ticks of its speed; across, a little. */
    int32_t slack = 2;
    int32_t mw = vx ? abs(vx) * slack + 2 * GAME_SUB : 2 * GAME_SUB;
    int32_t mh = vy ? abs(vy) * slack + 2 * GAME_SUB : 2 * GAME_SUB;
    vec_t at = {pos.x + vx * t, pos.y + vy * t};
    const int32_t harry_hw = GAME_BOX_HALF_W, harry_hh = GAME_BOX_HALF_H;
    if (boxes_meet(hp, harry_hw, harry_hh, at, hw + mw, hh + mh)) return true;
    return !moving && boxes_meet(hp, harry_hw, harry_hh, pos, hw + mw, hh + mh);
}

/* Harry's speed a tick later, as the rules accelerate him towards top. */
static int32_t speed_up(int32_t now, int32_t top)
{
    return now + GAME_ACCEL < top ? now + GAME_ACCEL : top;
}

/* Before Harry steps from the kerb into the lanes ahead on his path: will
 * the cars there (and those the lanes will still send) leave him room all
 * the way across at his speed? sprint gets whether he should sprint. */
static bool crossing_clear(const bot_t *b, bool *sprint)
{
    const game_t *g = b->g;
    const level_t *lv = b->lv;
    const solver_path_t *p = &b->path;
    int32_t last = -1;
    for (int32_t i = b->next; i < p->count && i < b->next + 24; i++) {
        int32_t t = p->ty[i] * lv->w + p->tx[i];
        /* Up to the first tile out of the lanes: the kerb, or a strip between
         * lanes to wait on. */
        if (b->lanes[t])
            last = i;
        else
            break;
    }
    *sprint = b->sprint;
    if (last < 0) return true;
    int32_t end = last + 1 < p->count ? last + 1 : last;
    /* His way across as points, with the distance to each. */
    vec_t pts[26];
    int32_t along[26], np = 0;
    pts[np] = game_harry(g)->pos;
    along[np++] = 0;
    for (int32_t i = b->next; i <= end && np < 26; i++, np++) {
        pts[np] = game_tile_centre(p->tx[i], p->ty[i]);
        int64_t dx = pts[np].x - pts[np - 1].x, dy = pts[np].y - pts[np - 1].y;
        along[np] = along[np - 1] + (int32_t)game_isqrt64(dx * dx + dy * dy);
    }
    const harry_state_t *hs = &g->hs;
    /* Sprint across only with the stamina to last all the way. */
    *sprint = b->sprint && !hs->winded && hs->stamina > 90;
    int32_t v = *sprint ? GAME_SPRINT_SPEED : GAME_WALK_SPEED;
    /* He gets going as the rules accelerate him, from how fast he goes now. */
    const ent_t *h = game_harry(g);
    int32_t u = abs(h->vel.x) > abs(h->vel.y) ? abs(h->vel.x) : abs(h->vel.y);
    int32_t start = u < v ? u : v;
    int32_t total = 0;
    for (int32_t run = start, d = 0; d < along[np - 1] && total < 600; total++) {
        run = speed_up(run, v);
        d += run;
    }
    total += 4;
    for (int32_t t = 0, run = start, d = 0; t <= total; t++) {
        if (t > 0) {
            run = speed_up(run, v);
            d += run;
        }
        int32_t k = 1;
        while (k < np - 1 && along[k] < d) k++;
        vec_t hp = pts[np - 1];
        if (d < along[np - 1]) {
            int32_t seg = along[k] - along[k - 1], into = d - along[k - 1];
            if (into < 0) into = 0;
            hp = seg > 0 ? (vec_t){pts[k - 1].x +
                                       (int32_t)((int64_t)(pts[k].x - pts[k - 1].x) * into / seg),
                                   pts[k - 1].y +
                                       (int32_t)((int64_t)(pts[k].y - pts[k - 1].y) * into / seg)}
                         : pts[k];
        }
        for (int32_t s = 2; s < g->ent_top; s++) {
            const ent_t *e = &g->ents[s];
            if (!ent_alive(e)) continue;
            if (e->kind == KIND_CAR || e->kind == KIND_BUS) {
                if (vehicle_meets(e->pos, game_dir_dx[e->dir] * e->speed,
                                  game_dir_dy[e->dir] * e->speed, e->moving, e->hw, e->hh, hp, t))
                    return false;
            } else if (e->kind == KIND_LANE && e->state) {
                /* The cars it will send: one each 'every' ticks from its timer. */
                const kind_info_t *k2 =
                    kind_info(game_prop(g, s, "cars") == 1 ? KIND_CAR : KIND_BUS);
                bool hor = e->dir == DIR_LEFT || e->dir == DIR_RIGHT;
                int32_t hw = (hor ? k2->hw_px : k2->hh_px) * GAME_SUB;
                int32_t hh = (hor ? k2->hh_px : k2->hw_px) * GAME_SUB;
                int32_t every = game_prop(g, s, "every");
                for (int32_t at = e->timer; at <= t; at += every)
                    if (vehicle_meets(e->pos, game_dir_dx[e->dir] * e->speed,
                                      game_dir_dy[e->dir] * e->speed, true, hw, hh, hp, t - at))
                        return false;
            }
        }
    }
    return true;
}

/* The buttons for this tick. */
static uint8_t bot_steer(bot_t *b)
{
    const game_t *g = b->g;
    const solver_path_t *p = &b->path;
    if (p->count == 0) return 0;
    const ent_t *h = game_harry(g);
    vec_t c = game_tile_centre(p->tx[b->next], p->ty[b->next]);
    int32_t near = 6 * GAME_SUB;
    if (abs(c.x - h->pos.x) < near && abs(c.y - h->pos.y) < near && b->next + 1 < p->count) {
        b->next++;
        c = game_tile_centre(p->tx[b->next], p->ty[b->next]);
    }
    int32_t here = tile_index(b, h->pos);
    int32_t ahead = p->ty[b->next] * b->lv->w + p->tx[b->next];
    bool wait = false;
    if (here >= 0 && b->lanes[here]) b->go_from = -1; /* on its way across */
    if (b->any_lanes && here >= 0 && here != b->go_from && b->lanes[ahead] && !b->lanes[here] &&
        b->next > 0) {
        bool sprint = b->sprint;
        if (!crossing_clear(b, &sprint) && b->waited < BOT_TRAFFIC_PATIENCE) {
            /* On the kerb (or between lanes), at the middle of its tile. */
            wait = true;
            b->waited++;
            c = game_tile_centre(p->tx[b->next - 1], p->ty[b->next - 1]);
        } else {
            b->go_from = here;
            b->cross_sprint = sprint;
            b->waited = 0;
        }
    }
    if (b->any_patrols && b->risky && here >= 0 && b->sight[ahead] && !b->sight[here] &&
        b->sight_wait < BOT_SIGHT_PATIENCE) {
        b->sight_wait++;
        return 0; /* it waits for the patrol to look away */
    }
    int32_t dx = c.x - h->pos.x, dy = c.y - h->pos.y;
    int32_t dead = 2 * GAME_SUB;
    uint8_t bt = 0;
    if (dx > dead) bt |= INPUT_RIGHT;
    if (dx < -dead) bt |= INPUT_LEFT;
    if (dy > dead) bt |= INPUT_DOWN;
    if (dy < -dead) bt |= INPUT_UP;
    bool crossing = b->go_from >= 0 || (here >= 0 && b->lanes[here]);
    if (b->sprint && bt && !wait && (!crossing || b->cross_sprint)) bt |= INPUT_SPRINT;
    return bt;
}

/* Whether the tile the bot heads for has closed since it planned. */
static bool ahead_closed(const bot_t *b)
{
    if (b->path.count == 0) return false;
    int32_t x = b->path.tx[b->next], y = b->path.ty[b->next], i = y * b->lv->w + x;
    if (level_tile_info(game_tile_at(b->g, x, y))->solid) return true;
    return !b->risky && b->sight[i];
}

/* Ticks a ride takes along its path from where it is parked, as
 * game_follow_path moves it (each axis up to its speed a tick), or -1 for a
 * ride that never stops (a loop) or does not move. */
static int32_t ride_ticks(const game_t *g, const ent_t *e)
{
    if (e->path < 0 || e->speed <= 0) return -1;
    const level_path_t *p = &g->level->paths[e->path];
    if (p->loop || p->count < 1) return -1;
    int64_t ticks = 0;
    vec_t at = e->pos;
    for (int32_t i = 0; i < p->count; i++) {
        vec_t to = game_tile_centre(p->x[i], p->y[i]);
        int32_t dx = abs(to.x - at.x), dy = abs(to.y - at.y);
        ticks += ((dx > dy ? dx : dy) + e->speed - 1) / e->speed;
        at = to;
    }
    return ticks > INT32_MAX ? INT32_MAX : (int32_t)ticks;
}

/* Walking cost between two tiles over the level as it starts, with fire's
 * final extent closed, or -1. */
static int32_t walk_cost(const bot_t *b, const uint8_t *closed, int32_t sx, int32_t sy, int32_t gx,
                         int32_t gy)
{
    search_t s = {b->lv->w, b->lv->h, b->g->tiles, closed, NULL};
    solver_path_t p;
    if (!search_path(&s, sx, sy, gx, gy, &p)) return -1;
    int32_t cost = p.cost;
    solver_path_free(&p);
    return cost;
}

/* When no key is needed: whether a ride to somewhere nearer Julie is quicker
 * than walking all the way, and which. */
static void choose_ride(bot_t *b)
{
    const game_t *g = b->g;
    const level_t *lv = b->lv;
    b->ride = -1;
    if (b->route.stop_count > 0 || !b->route.reachable) return;
    uint8_t *closed = malloc((size_t)b->n);
    if (!closed) return;
    solver_closed_tiles(lv, true, true, closed);
    int32_t best = solver_walk_ticks(b->route.cost) * 9 / 10; /* worth a detour */
    for (int32_t s = 2; s < g->ent_top; s++) {
        const ent_t *e = &g->ents[s];
        if (e->kind != KIND_RIDE || !ent_alive(e)) continue;
        int32_t ride = ride_ticks(g, e);
        if (ride < 0) continue;
        const level_path_t *p = &lv->paths[e->path];
        int32_t to =
            walk_cost(b, closed, lv->harry_tx, lv->harry_ty, tile_of(e->pos.x), tile_of(e->pos.y));
        int32_t from = walk_cost(b, closed, p->x[p->count - 1], p->y[p->count - 1], lv->julie_tx,
                                 lv->julie_ty);
        if (to < 0 || from < 0) continue;
        /* Getting in and out, and the stop at the end, take a moment. */
        int32_t total = solver_walk_ticks(to) + ride + solver_walk_ticks(from) + 30;
        if (total < best) {
            best = total;
            b->ride = s;
        }
    }
    free(closed);
    b->ride_phase = b->ride >= 0 ? RIDE_TO : RIDE_NONE;
}

/* The action button for the ride: once beside it to get in; at the end of
 * its path, again, until there is room to get out. Returns true when the
 * ride decides this tick's buttons. */
static bool ride_buttons(bot_t *b, uint8_t *buttons)
{
    const game_t *g = b->g;
    if (b->ride_phase == RIDE_TO && g->hs.riding == b->ride) b->ride_phase = RIDE_ABOARD;
    if (b->ride_phase == RIDE_ABOARD && g->hs.riding < 0) b->ride_phase = RIDE_DONE;
    if (b->ride_phase == RIDE_TO && g->hs.riding < 0 &&
        game_touching(g, b->ride, g->harry, 8 * GAME_SUB) && !b->action_held) {
        *buttons = INPUT_ACTION;
        return true;
    }
    if (b->ride_phase == RIDE_ABOARD) {
        /* Out just before the end of the line: a ride that stops there
         * puts Harry back inside itself (see ride_update), so he asks to
         * get out while it still drives, and again until there is room. */
        const ent_t *e = &g->ents[b->ride];
        const level_path_t *p = &b->lv->paths[e->path];
        vec_t end = game_tile_centre(p->x[p->count - 1], p->y[p->count - 1]);
        int32_t dx = abs(end.x - e->pos.x), dy = abs(end.y - e->pos.y);
        bool near_end =
            e->state == 2 || (e->node == p->count - 1 && (dx > dy ? dx : dy) <= 6 * e->speed);
        *buttons = near_end && !b->action_held ? INPUT_ACTION : 0;
        return true;
    }
    return false;
}

game_status_t solver_play(const level_t *lv, bool sprint, replay_t *rec)
{
    bot_t b;
    memset(&b, 0, sizeof b);
    b.lv = lv;
    b.sprint = sprint;
    b.go_from = -1;
    b.n = lv->w * lv->h;
    b.g = malloc(sizeof *b.g);
    b.hard = calloc((size_t)b.n, 1);
    b.closed = calloc((size_t)b.n, 1);
    b.lanes = calloc((size_t)b.n, 1);
    b.slow = calloc((size_t)b.n, 1);
    b.sight = calloc((size_t)b.n, 1);
    game_status_t result = GAME_LOST;
    if (!b.g || !b.hard || !b.closed || !b.lanes || !b.slow || !b.sight) goto out;
    game_t *g = b.g;
    game_init(g, lv);
    replay_clear(rec);
    solver_route(lv, &b.route);
    b.ride = -1;
    b.call = -1;
    int32_t call_obj;
    if (solver_call(lv, &call_obj, &b.call_tx, &b.call_ty)) b.call = g->obj_slot[call_obj];
    choose_ride(&b);
    mark_lanes(&b);
    mark_sight(&b);
    bool changing = g->ent_top > 2;
    int32_t replan_in = 0, still = 0, since_plan = 0;
    vec_t last = game_harry(g)->pos;
    while (g->status == GAME_PLAYING) {
        if (b.any_patrols) mark_sight(&b);
        if (replan_in <= 0 || current_goal(&b) != b.goal || (since_plan >= 5 && ahead_closed(&b))) {
            replan(&b);
            replan_in = changing ? 20 : INT32_MAX;
            since_plan = 0;
        }
        replan_in--;
        since_plan++;
        uint8_t bt = 0;
        int32_t phase = b.ride_phase;
        if (b.goal == GOAL_CALL && game_touching(g, b.call, g->harry, 8 * GAME_SUB)) {
            /* Beside the ringing phone: answer it (a press, not a hold). */
            bt = b.action_held ? 0 : INPUT_ACTION;
        } else if (!ride_buttons(&b, &bt)) {
            bt = bot_steer(&b);
        }
        if (b.ride_phase != phase && b.ride_phase == RIDE_DONE) replan_in = 0;
        b.action_held = (bt & INPUT_ACTION) != 0;
        input_t in = {bt};
        if (replay_push(rec, bt) < 0) break;
        game_tick(g, &in);
        if (game_harry(g)->pos.x == last.x && game_harry(g)->pos.y == last.y) {
            if (++still > 20) {
                replan_in = 0;
                still = 0;
            }
        } else {
            still = 0;
            b.sight_wait = 0;
        }
        last = game_harry(g)->pos;
    }
    result = g->status;
out:
    solver_path_free(&b.path);
    free(b.g);
    free(b.hard);
    free(b.closed);
    free(b.lanes);
    free(b.slow);
    free(b.sight);
    return result;
}

/* ---- how close a run came -------------------------------------------------- */

int32_t solver_ticks_to_julie(const game_t *g)
{
    const level_t *lv = g->level;
    const ent_t *h = game_harry(g), *j = game_julie(g);
    int32_t sx = h->pos.x / GAME_TILE_SUB, sy = h->pos.y / GAME_TILE_SUB;
    int32_t gx = j->pos.x / GAME_TILE_SUB, gy = j->pos.y / GAME_TILE_SUB;
    size_t n = (size_t)lv->w * (size_t)lv->h;
    uint8_t *closed = calloc(n, 1);
    if (!closed) return -1;
    for (int32_t s = 2; s < g->ent_top; s++) {
        const ent_t *e = &g->ents[s];
        if (e->kind != KIND_DOOR || !ent_alive(e)) continue;
        if (e->variant < COLOUR_NONE && (g->hs.keys & (1 << e->variant))) continue;
        int32_t tx = e->pos.x / GAME_TILE_SUB, ty = e->pos.y / GAME_TILE_SUB;
        if (in_map(lv, tx, ty)) closed[ty * lv->w + tx] = 1;
    }
    search_t s = {lv->w, lv->h, g->tiles, closed, NULL};
    solver_path_t p;
    bool ok = search_path(&s, sx, sy, gx, gy, &p);
    if (!ok) {
        s.closed = NULL;
        ok = search_path(&s, sx, sy, gx, gy, &p);
    }
    free(closed);
    if (!ok) return -1;
    int32_t ticks = solver_walk_ticks(p.cost);
    solver_path_free(&p);
    return ticks;
}
