#include "game/solver.h"

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

static bool walkable(const level_t *lv, const uint8_t *extra, int32_t x, int32_t y)
{
    if (x < 0 || y < 0 || x >= lv->w || y >= lv->h) return false;
    if (level_solid_at(lv, x, y)) return false;
    return !(extra && extra[y * lv->w + x]);
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

bool solver_find_path(const level_t *lv, int32_t sx, int32_t sy, int32_t gx, int32_t gy,
                      const uint8_t *extra, solver_path_t *out)
{
    memset(out, 0, sizeof *out);
    int32_t n = lv->w * lv->h;
    int32_t *dist = malloc((size_t)n * sizeof *dist);
    int32_t *prev = malloc((size_t)n * sizeof *prev);
    heap_t heap = {0, 0, NULL};
    bool found = false;
    if (!dist || !prev) goto done;
    for (int32_t i = 0; i < n; i++) {
        dist[i] = INT32_MAX;
        prev[i] = -1;
    }
    int32_t start = sy * lv->w + sx, goal = gy * lv->w + gx;
    dist[start] = 0;
    if (!heap_push(&heap, (int64_t)start)) goto done;
    while (heap.n > 0) {
        int64_t item = heap_pop(&heap);
        int32_t node = (int32_t)(item & 0xffffffff), d = (int32_t)(item >> 32);
        if (d != dist[node]) continue;
        if (node == goal) {
            found = true;
            break;
        }
        int32_t x = node % lv->w, y = node / lv->w;
        for (int32_t dy = -1; dy <= 1; dy++) {
            for (int32_t dx = -1; dx <= 1; dx++) {
                if (!dx && !dy) continue;
                int32_t nx = x + dx, ny = y + dy;
                bool goal_cell = nx == gx && ny == gy;
                if (!goal_cell && !walkable(lv, extra, nx, ny)) continue;
                if (goal_cell && level_solid_at(lv, nx, ny)) continue;
                if (dx && dy &&
                    (!walkable(lv, extra, x + dx, y) || !walkable(lv, extra, x, y + dy)))
                    continue;
                int32_t step = (dx && dy) ? DIAGONAL : STRAIGHT;
                int32_t speed = level_tile_info(level_tile_at(lv, nx, ny))->speed_256;
                int32_t nd = d + step * 256 / speed;
                int32_t ni = ny * lv->w + nx;
                if (nd < dist[ni]) {
                    dist[ni] = nd;
                    prev[ni] = node;
                    if (!heap_push(&heap, ((int64_t)nd << 32) | ni)) goto done;
                }
            }
        }
    }
    if (found) {
        int32_t count = 0;
        for (int32_t v = goal; v != -1; v = prev[v]) count++;
        out->tx = malloc((size_t)count * sizeof *out->tx);
        out->ty = malloc((size_t)count * sizeof *out->ty);
        if (!out->tx || !out->ty) {
            solver_path_free(out);
            found = false;
            goto done;
        }
        out->count = count;
        out->cost = dist[goal];
        int32_t i = count;
        for (int32_t v = goal; v != -1; v = prev[v]) {
            i--;
            out->tx[i] = v % lv->w;
            out->ty[i] = v / lv->w;
        }
    }
done:
    free(dist);
    free(prev);
    free(heap.items);
    return found;
}

static int32_t tile_of(int32_t sub)
{
    return sub >= 0 ? sub / GAME_TILE_SUB : -1;
}

/* Marks the tiles people stand on, so a new plan walks round them. */
static void mark_people(const game_t *g, uint8_t *extra)
{
    const level_t *lv = g->level;
    memset(extra, 0, (size_t)lv->w * (size_t)lv->h);
    for (int32_t i = 2; i < g->ent_top; i++) {
        const ent_t *e = &g->ents[i];
        if (e->kind == KIND_COUNT || !(e->flags & (ENT_PERSON | ENT_SOLID))) continue;
        int32_t x = tile_of(e->pos.x), y = tile_of(e->pos.y);
        for (int32_t dy = -1; dy <= 1; dy++)
            for (int32_t dx = -1; dx <= 1; dx++) {
                int32_t px = x + dx, py = y + dy;
                if (px >= 0 && py >= 0 && px < lv->w && py < lv->h &&
                    (abs(dx) + abs(dy) == 0 || (dx == 0) != (dy == 0)))
                    extra[py * lv->w + px] = 1;
            }
    }
    int32_t hx = tile_of(game_harry(g)->pos.x), hy = tile_of(game_harry(g)->pos.y);
    if (hx >= 0 && hy >= 0 && hx < lv->w && hy < lv->h) extra[hy * lv->w + hx] = 0;
}

game_status_t solver_play(const level_t *lv, bool sprint, replay_t *rec)
{
    game_t *g = malloc(sizeof *g);
    uint8_t *extra = calloc((size_t)lv->w * (size_t)lv->h, 1);
    game_status_t result = GAME_LOST;
    if (!g || !extra) goto out;
    game_init(g, lv);
    replay_clear(rec);
    solver_path_t path = {0};
    int32_t next = 1, replan = 0, still = 0;
    vec_t last = game_harry(g)->pos;
    while (g->status == GAME_PLAYING) {
        if (replan <= 0) {
            solver_path_free(&path);
            if ((g->ent_top > 2)) mark_people(g, extra);
            int32_t hx = tile_of(game_harry(g)->pos.x), hy = tile_of(game_harry(g)->pos.y);
            if (!solver_find_path(lv, hx, hy, lv->julie_tx, lv->julie_ty,
                                  (g->ent_top > 2) ? extra : NULL, &path))
                solver_find_path(lv, hx, hy, lv->julie_tx, lv->julie_ty, NULL, &path);
            next = path.count > 1 ? 1 : 0;
            replan = (g->ent_top > 2) ? 20 : INT32_MAX;
        }
        replan--;
        uint8_t b = 0;
        if (path.count > 0) {
            int32_t cx = path.tx[next] * GAME_TILE_SUB + GAME_TILE_SUB / 2;
            int32_t cy = path.ty[next] * GAME_TILE_SUB + GAME_TILE_SUB / 2;
            int32_t dx = cx - game_harry(g)->pos.x, dy = cy - game_harry(g)->pos.y;
            int32_t near = 6 * GAME_SUB;
            if (abs(dx) < near && abs(dy) < near && next + 1 < path.count) {
                next++;
                cx = path.tx[next] * GAME_TILE_SUB + GAME_TILE_SUB / 2;
                cy = path.ty[next] * GAME_TILE_SUB + GAME_TILE_SUB / 2;
                dx = cx - game_harry(g)->pos.x;
                dy = cy - game_harry(g)->pos.y;
            }
            int32_t dead = 2 * GAME_SUB;
            if (dx > dead) b |= INPUT_RIGHT;
            if (dx < -dead) b |= INPUT_LEFT;
            if (dy > dead) b |= INPUT_DOWN;
            if (dy < -dead) b |= INPUT_UP;
            if (sprint) b |= INPUT_SPRINT;
        }
        input_t in = {b};
        if (replay_push(rec, b) < 0) break;
        game_tick(g, &in);
        if (game_harry(g)->pos.x == last.x && game_harry(g)->pos.y == last.y) {
            if (++still > 20) {
                replan = 0;
                still = 0;
            }
        } else {
            still = 0;
        }
        last = game_harry(g)->pos;
    }
    result = g->status;
    solver_path_free(&path);
out:
    free(g);
    free(extra);
    return result;
}
