/* The level editor's model (editor.h). Every change goes through one of five
 * kinds of entry (a rectangle of tiles, one object, one path, the level's
 * keys, the whole level for a resize), each holding the part before and
 * after; undo applies a step's entries backwards with "before", redo
 * forwards with "after". Entries hold only the part they change, so a brush
 * stroke costs bytes, not a copy of the level. */
#include "editor/editor.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/files.h"
#include "game/check.h"

/* A finished copy's objects and paths carry their index as their line, so a
 * message at a line can be taken back to a tile. */
#define PATH_LINE0 1000000

typedef enum entry_type {
    ENTRY_TILES,
    ENTRY_OBJECT,
    ENTRY_PATH,
    ENTRY_META,
    ENTRY_WHOLE,
} entry_type_t;

typedef struct entry {
    entry_type_t type;
    int32_t index;        /* object or path */
    int32_t x, y, w, h;   /* ENTRY_TILES */
    void *before, *after; /* NULL: not there (an object added or deleted) */
    size_t before_len, after_len;
} entry_t;

typedef struct step {
    int32_t count, cap;
    entry_t *items;
    size_t bytes;
} step_t;

/* The level-wide keys, as one part: every field of level_t but the tiles,
 * the objects and the paths (and their counts), taken by place, so a key
 * the model gains later (the medals) is kept by undo without a change
 * here. */
#define META_A_END offsetof(level_t, tiles)
#define META_B_AT offsetof(level_t, map_line)
#define META_B_END (offsetof(level_t, map_line) + sizeof(int32_t))
#define META_C_AT (offsetof(level_t, paths) + sizeof(((level_t *)0)->paths))
#define META_C_END sizeof(level_t)
#define META_BYTES (META_A_END + (META_B_END - META_B_AT) + (META_C_END - META_C_AT))

typedef struct meta {
    unsigned char b[META_BYTES];
} meta_t;

struct editor {
    level_t *lv;
    step_t steps[EDITOR_UNDO_STEPS];
    int32_t step_count, step_pos; /* steps held; steps applied (the rest can be redone) */
    step_t open;                  /* the step being made */
    int32_t depth;
    size_t bytes;
    uint32_t revision;
    char message[256];
};

/* ---- parts ----------------------------------------------------------------- */

static void meta_get(const level_t *lv, meta_t *m)
{
    const unsigned char *l = (const unsigned char *)lv;
    unsigned char *p = m->b;
    memcpy(p, l, META_A_END);
    p += META_A_END;
    memcpy(p, l + META_B_AT, META_B_END - META_B_AT);
    p += META_B_END - META_B_AT;
    memcpy(p, l + META_C_AT, META_C_END - META_C_AT);
}

static void meta_set(level_t *lv, const meta_t *m)
{
    unsigned char *l = (unsigned char *)lv;
    const unsigned char *p = m->b;
    memcpy(l, p, META_A_END);
    p += META_A_END;
    memcpy(l + META_B_AT, p, META_B_END - META_B_AT);
    p += META_B_END - META_B_AT;
    memcpy(l + META_C_AT, p, META_C_END - META_C_AT);
}

/* The whole level in as few bytes as it takes: keys, size, tiles, objects,
 * paths. */
static void *whole_save(const level_t *lv, size_t *len)
{
    size_t tiles = (size_t)lv->w * (size_t)lv->h;
    size_t n = sizeof(meta_t) + 4 * sizeof(int32_t) + tiles +
               (size_t)lv->object_count * sizeof(level_object_t) +
               (size_t)lv->path_count * sizeof(level_path_t);
    unsigned char *b = malloc(n), *p = b;
    if (!b) return NULL;
    meta_t m;
    meta_get(lv, &m);
    memcpy(p, &m, sizeof m);
    p += sizeof m;
    int32_t head[4] = {lv->w, lv->h, lv->object_count, lv->path_count};
    memcpy(p, head, sizeof head);
    p += sizeof head;
    memcpy(p, lv->tiles, tiles);
    p += tiles;
    memcpy(p, lv->objects, (size_t)lv->object_count * sizeof(level_object_t));
    p += (size_t)lv->object_count * sizeof(level_object_t);
    memcpy(p, lv->paths, (size_t)lv->path_count * sizeof(level_path_t));
    *len = n;
    return b;
}

static void whole_load(level_t *lv, const void *blob)
{
    const unsigned char *p = blob;
    meta_t m;
    memcpy(&m, p, sizeof m);
    p += sizeof m;
    meta_set(lv, &m);
    int32_t head[4];
    memcpy(head, p, sizeof head);
    p += sizeof head;
    lv->w = head[0];
    lv->h = head[1];
    lv->object_count = head[2];
    lv->path_count = head[3];
    size_t tiles = (size_t)lv->w * (size_t)lv->h;
    memcpy(lv->tiles, p, tiles);
    p += tiles;
    memcpy(lv->objects, p, (size_t)lv->object_count * sizeof(level_object_t));
    p += (size_t)lv->object_count * sizeof(level_object_t);
    memcpy(lv->paths, p, (size_t)lv->path_count * sizeof(level_path_t));
}

/* ---- entries and steps ----------------------------------------------------- */

static void entry_free(entry_t *e)
{
    free(e->before);
    free(e->after);
    e->before = e->after = NULL;
}

static size_t entry_bytes(const entry_t *e)
{
    return sizeof *e + e->before_len + e->after_len;
}

static void step_free(step_t *s)
{
    for (int32_t i = 0; i < s->count; i++) entry_free(&s->items[i]);
    free(s->items);
    memset(s, 0, sizeof *s);
}

/* Inserts or removes one element of an array of count elements of size
 * bytes at index: what an object or path entry does. */
static void array_set(void *base, int32_t *count, size_t size, int32_t index, const void *value,
                      bool was_there)
{
    unsigned char *b = base;
    if (value && was_there) {
        memcpy(b + (size_t)index * size, value, size);
    } else if (value) {
        memmove(b + (size_t)(index + 1) * size, b + (size_t)index * size,
                (size_t)(*count - index) * size);
        memcpy(b + (size_t)index * size, value, size);
        (*count)++;
    } else if (was_there) {
        memmove(b + (size_t)index * size, b + (size_t)(index + 1) * size,
                (size_t)(*count - index - 1) * size);
        (*count)--;
    }
}

/* Makes the level hold the entry's "after" (forward) or "before". */
static void entry_apply(level_t *lv, const entry_t *e, bool forward)
{
    const void *to = forward ? e->after : e->before;
    const void *from = forward ? e->before : e->after;
    switch (e->type) {
    case ENTRY_TILES: {
        const uint8_t *t = to;
        for (int32_t r = 0; r < e->h; r++)
            memcpy(&lv->tiles[(e->y + r) * lv->w + e->x], t + (size_t)r * (size_t)e->w,
                   (size_t)e->w);
        break;
    }
    case ENTRY_OBJECT:
        array_set(lv->objects, &lv->object_count, sizeof(level_object_t), e->index, to,
                  from != NULL);
        break;
    case ENTRY_PATH:
        array_set(lv->paths, &lv->path_count, sizeof(level_path_t), e->index, to, from != NULL);
        break;
    case ENTRY_META:
        meta_set(lv, to);
        break;
    case ENTRY_WHOLE:
        whole_load(lv, to);
        break;
    }
}

static void drop_redo(editor_t *ed)
{
    for (int32_t i = ed->step_pos; i < ed->step_count; i++) {
        ed->bytes -= ed->steps[i].bytes;
        step_free(&ed->steps[i]);
    }
    ed->step_count = ed->step_pos;
}

static void *dup_bytes(const void *p, size_t n)
{
    if (!p) return NULL;
    void *c = malloc(n);
    if (c) memcpy(c, p, n);
    return c;
}

/* Records an entry in the open step (copying before and after) and applies
 * it. False, with nothing changed, when memory runs out. */
static bool entry_do(editor_t *ed, entry_t e, const void *before, const void *after)
{
    e.before = dup_bytes(before, e.before_len);
    e.after = dup_bytes(after, e.after_len);
    if ((before && !e.before) || (after && !e.after)) goto oom;
    if (!before) e.before_len = 0;
    if (!after) e.after_len = 0;
    step_t *s = &ed->open;
    if (s->count == s->cap) {
        int32_t cap = s->cap ? s->cap * 2 : 8;
        entry_t *items = realloc(s->items, (size_t)cap * sizeof *items);
        if (!items) goto oom;
        s->items = items;
        s->cap = cap;
    }
    if (s->count == 0) drop_redo(ed); /* a new edit: what was undone cannot come back */
    s->items[s->count++] = e;
    s->bytes += entry_bytes(&e);
    entry_apply(ed->lv, &e, true);
    ed->revision++;
    return true;
oom:
    entry_free(&e);
    snprintf(ed->message, sizeof ed->message, "out of memory");
    return false;
}

void editor_begin(editor_t *ed)
{
    if (ed->depth++ == 0) ed->message[0] = '\0';
}

static void drop_oldest(editor_t *ed)
{
    ed->bytes -= ed->steps[0].bytes;
    step_free(&ed->steps[0]);
    memmove(&ed->steps[0], &ed->steps[1], (size_t)(ed->step_count - 1) * sizeof ed->steps[0]);
    memset(&ed->steps[ed->step_count - 1], 0, sizeof ed->steps[0]);
    ed->step_count--;
    ed->step_pos--;
}

void editor_end(editor_t *ed)
{
    if (ed->depth <= 0 || --ed->depth > 0) return;
    if (ed->open.count == 0) {
        step_free(&ed->open);
        return;
    }
    if (ed->step_count == EDITOR_UNDO_STEPS) drop_oldest(ed);
    ed->steps[ed->step_count++] = ed->open;
    ed->step_pos = ed->step_count;
    ed->bytes += ed->open.bytes;
    memset(&ed->open, 0, sizeof ed->open);
    while (ed->bytes > EDITOR_UNDO_BYTES && ed->step_count > 1) drop_oldest(ed);
}

bool editor_undo(editor_t *ed)
{
    if (ed->depth > 0 || ed->step_pos == 0) return false;
    const step_t *s = &ed->steps[--ed->step_pos];
    for (int32_t i = s->count - 1; i >= 0; i--) entry_apply(ed->lv, &s->items[i], false);
    ed->revision++;
    ed->message[0] = '\0';
    return true;
}

bool editor_redo(editor_t *ed)
{
    if (ed->depth > 0 || ed->step_pos == ed->step_count) return false;
    const step_t *s = &ed->steps[ed->step_pos++];
    for (int32_t i = 0; i < s->count; i++) entry_apply(ed->lv, &s->items[i], true);
    ed->revision++;
    ed->message[0] = '\0';
    return true;
}

int32_t editor_undo_count(const editor_t *ed)
{
    return ed->step_pos;
}

int32_t editor_redo_count(const editor_t *ed)
{
    return ed->step_count - ed->step_pos;
}

size_t editor_undo_bytes(const editor_t *ed)
{
    return ed->bytes + ed->open.bytes;
}

void editor_forget_history(editor_t *ed)
{
    ed->step_pos = 0;
    drop_redo(ed);
    step_free(&ed->open);
    ed->depth = 0;
}

/* ---- making and opening ---------------------------------------------------- */

editor_t *editor_create(int32_t w, int32_t h)
{
    if (w < LEVEL_MIN_W || h < LEVEL_MIN_H || w > LEVEL_MAX_W || h > LEVEL_MAX_H) return NULL;
    editor_t *ed = calloc(1, sizeof *ed);
    if (!ed) return NULL;
    ed->lv = level_create(w, h);
    if (!ed->lv) {
        free(ed);
        return NULL;
    }
    memset(ed->lv->tiles, TILE_SIDEWALK, (size_t)w * (size_t)h);
    snprintf(ed->lv->name, sizeof ed->lv->name, "My level");
    ed->lv->time_s = 60;
    ed->lv->par_s = 40;
    return ed;
}

editor_t *editor_open(const level_t *lv)
{
    editor_t *ed = calloc(1, sizeof *ed);
    if (!ed) return NULL;
    ed->lv = malloc(sizeof *ed->lv);
    if (!ed->lv) {
        free(ed);
        return NULL;
    }
    memcpy(ed->lv, lv, sizeof *lv);
    /* Links by name (a finished level keeps the names it resolved). */
    for (int32_t i = 0; i < ed->lv->object_count; i++) {
        level_object_t *o = &ed->lv->objects[i];
        const kind_schema_t *k = level_kind(o->kind);
        for (int32_t p = 0; k && p < k->prop_count; p++) {
            prop_type_t t = k->props[p].type;
            if (t != PROP_PATH && t != PROP_OBJECT) continue;
            int32_t v = o->props[p];
            if (t == PROP_PATH && v >= 0 && v < lv->path_count)
                snprintf(o->refs[p], sizeof o->refs[p], "%s", lv->paths[v].name);
            else if (t == PROP_OBJECT && v >= 0 && v < lv->object_count)
                snprintf(o->refs[p], sizeof o->refs[p], "%s", lv->objects[v].name);
        }
    }
    return ed;
}

void editor_destroy(editor_t *ed)
{
    if (!ed) return;
    editor_forget_history(ed);
    level_free(ed->lv);
    free(ed);
}

const level_t *editor_level(const editor_t *ed)
{
    return ed->lv;
}

uint32_t editor_revision(const editor_t *ed)
{
    return ed->revision;
}

const char *editor_message(const editor_t *ed)
{
    return ed->message;
}

/* Sets the message and returns false: a refused edit. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static bool
refuse(editor_t *ed, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ed->message, sizeof ed->message, fmt, ap);
    va_end(ap);
    return false;
}

/* The first message of a reader's function, as the editor's. */
static bool refuse_diag(editor_t *ed, const level_diags_t *d)
{
    return refuse(ed, "%s", d->count > 0 ? d->items[0].message : "that cannot be done");
}

static bool in_map(const level_t *lv, int32_t x, int32_t y)
{
    return x >= 0 && y >= 0 && x < lv->w && y < lv->h;
}

/* ---- tiles ----------------------------------------------------------------- */

static bool valid_tile(editor_t *ed, tile_kind_t t)
{
    if ((int)t < 0 || t >= TILE_KIND_COUNT) return refuse(ed, "there is no such tile");
    return true;
}

/* Records the rectangle (x, y, w, h) becoming after (w * h bytes). */
static bool tiles_do(editor_t *ed, int32_t x, int32_t y, int32_t w, int32_t h, const uint8_t *after)
{
    const level_t *lv = ed->lv;
    size_t n = (size_t)w * (size_t)h;
    uint8_t *before = malloc(n);
    if (!before) return refuse(ed, "out of memory");
    for (int32_t r = 0; r < h; r++)
        memcpy(before + (size_t)r * (size_t)w, &lv->tiles[(y + r) * lv->w + x], (size_t)w);
    bool same = memcmp(before, after, n) == 0;
    entry_t e = {ENTRY_TILES, 0, x, y, w, h, NULL, NULL, n, n};
    bool ok = same || entry_do(ed, e, before, after);
    free(before);
    return ok;
}

bool editor_paint(editor_t *ed, int32_t x, int32_t y, tile_kind_t tile)
{
    editor_begin(ed);
    bool ok = valid_tile(ed, tile);
    if (ok && !in_map(ed->lv, x, y)) ok = refuse(ed, "(%d, %d) is outside the map", (int)x, (int)y);
    uint8_t t = (uint8_t)tile;
    if (ok) ok = tiles_do(ed, x, y, 1, 1, &t);
    editor_end(ed);
    return ok;
}

bool editor_rect(editor_t *ed, int32_t x0, int32_t y0, int32_t x1, int32_t y1, tile_kind_t tile,
                 bool outline)
{
    const level_t *lv = ed->lv;
    if (!valid_tile(ed, tile)) return false;
    int32_t ax = x0 < x1 ? x0 : x1, bx = x0 < x1 ? x1 : x0;
    int32_t ay = y0 < y1 ? y0 : y1, by = y0 < y1 ? y1 : y0;
    /* Corners past the edge are cut to the map (a drag that leaves it). */
    if (ax < 0) ax = 0;
    if (ay < 0) ay = 0;
    if (bx >= lv->w) bx = lv->w - 1;
    if (by >= lv->h) by = lv->h - 1;
    if (ax > bx || ay > by) return refuse(ed, "the rectangle is outside the map");
    int32_t w = bx - ax + 1, h = by - ay + 1;
    uint8_t *t = malloc((size_t)w * (size_t)h);
    if (!t) return refuse(ed, "out of memory");
    for (int32_t r = 0; r < h; r++)
        for (int32_t c = 0; c < w; c++) {
            bool edge = r == 0 || c == 0 || r == h - 1 || c == w - 1;
            t[r * w + c] = !outline || edge ? (uint8_t)tile : lv->tiles[(ay + r) * lv->w + ax + c];
        }
    editor_begin(ed);
    bool ok = tiles_do(ed, ax, ay, w, h, t);
    editor_end(ed);
    free(t);
    return ok;
}

bool editor_fill(editor_t *ed, int32_t x, int32_t y, tile_kind_t tile)
{
    const level_t *lv = ed->lv;
    if (!valid_tile(ed, tile)) return false;
    if (!in_map(lv, x, y)) return refuse(ed, "(%d, %d) is outside the map", (int)x, (int)y);
    uint8_t from = lv->tiles[y * lv->w + x];
    if (from == (uint8_t)tile) return true;
    size_t n = (size_t)lv->w * (size_t)lv->h;
    uint8_t *map = malloc(n);
    int32_t *stack = malloc(n * sizeof *stack);
    if (!map || !stack) {
        free(map);
        free(stack);
        return refuse(ed, "out of memory");
    }
    memcpy(map, lv->tiles, n);
    int32_t top = 0, minx = x, maxx = x, miny = y, maxy = y;
    stack[top++] = y * lv->w + x;
    map[y * lv->w + x] = (uint8_t)tile;
    /* Each tile is pushed once: it changes when pushed. */
    while (top > 0) {
        int32_t at = stack[--top], cx = at % lv->w, cy = at / lv->w;
        if (cx < minx) minx = cx;
        if (cx > maxx) maxx = cx;
        if (cy < miny) miny = cy;
        if (cy > maxy) maxy = cy;
        static const int32_t dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
        for (int k = 0; k < 4; k++) {
            int32_t nx = cx + dx[k], ny = cy + dy[k];
            if (!in_map(lv, nx, ny) || map[ny * lv->w + nx] != from) continue;
            map[ny * lv->w + nx] = (uint8_t)tile;
            stack[top++] = ny * lv->w + nx;
        }
    }
    int32_t w = maxx - minx + 1, h = maxy - miny + 1;
    /* The changed tiles' bounding box, taken from the filled map. */
    uint8_t *box = (uint8_t *)stack;
    for (int32_t r = 0; r < h; r++)
        memcpy(box + (size_t)r * (size_t)w, &map[(miny + r) * lv->w + minx], (size_t)w);
    editor_begin(ed);
    bool ok = tiles_do(ed, minx, miny, w, h, box);
    editor_end(ed);
    free(map);
    free(stack);
    return ok;
}

int32_t editor_pick(const editor_t *ed, int32_t x, int32_t y)
{
    return in_map(ed->lv, x, y) ? ed->lv->tiles[y * ed->lv->w + x] : -1;
}

bool editor_resize(editor_t *ed, int32_t w, int32_t h, int32_t dx, int32_t dy, tile_kind_t fill)
{
    if (!valid_tile(ed, fill)) return false;
    if (w < LEVEL_MIN_W || h < LEVEL_MIN_H || w > LEVEL_MAX_W || h > LEVEL_MAX_H)
        return refuse(ed, "a map is from %dx%d to %dx%d tiles", LEVEL_MIN_W, LEVEL_MIN_H,
                      LEVEL_MAX_W, LEVEL_MAX_H);
    const level_t *lv = ed->lv;
    level_t *nl = malloc(sizeof *nl);
    if (!nl) return refuse(ed, "out of memory");
    memcpy(nl, lv, sizeof *nl);
    nl->w = w;
    nl->h = h;
    for (int32_t y = 0; y < h; y++)
        for (int32_t x = 0; x < w; x++) {
            int32_t ox = x - dx, oy = y - dy;
            nl->tiles[y * w + x] = in_map(lv, ox, oy) ? lv->tiles[oy * lv->w + ox] : (uint8_t)fill;
        }
    nl->object_count = 0;
    for (int32_t i = 0; i < lv->object_count; i++) {
        level_object_t o = lv->objects[i];
        int32_t x0 = o.x + dx, y0 = o.y + dy, x1 = x0 + o.w, y1 = y0 + o.h;
        if (x0 < 0) x0 = 0;
        if (y0 < 0) y0 = 0;
        if (x1 > w) x1 = w;
        if (y1 > h) y1 = h;
        if (x0 >= x1 || y0 >= y1) continue; /* off the map */
        if (level_kind(o.kind)->place == PLACE_POINT && (x0 != o.x + dx || y0 != o.y + dy))
            continue;
        o.x = x0;
        o.y = y0;
        o.w = x1 - x0;
        o.h = y1 - y0;
        nl->objects[nl->object_count++] = o;
    }
    for (int32_t i = 0; i < nl->path_count; i++) {
        level_path_t *p = &nl->paths[i];
        int32_t k = 0;
        for (int32_t j = 0; j < p->count; j++) {
            int32_t x = p->x[j] + dx, y = p->y[j] + dy;
            if (x < 0 || y < 0 || x >= w || y >= h) continue;
            p->x[k] = x;
            p->y[k++] = y;
        }
        p->count = k;
    }
    size_t blen = 0, alen = 0;
    void *before = whole_save(lv, &blen), *after = whole_save(nl, &alen);
    free(nl);
    bool ok = before && after;
    if (!ok) refuse(ed, "out of memory");
    editor_begin(ed);
    entry_t e = {ENTRY_WHOLE, 0, 0, 0, 0, 0, NULL, NULL, blen, alen};
    if (ok) ok = entry_do(ed, e, before, after);
    editor_end(ed);
    free(before);
    free(after);
    return ok;
}

/* ---- objects --------------------------------------------------------------- */

static bool object_do(editor_t *ed, int32_t index, const level_object_t *before,
                      const level_object_t *after)
{
    entry_t e = {ENTRY_OBJECT, index, 0, 0, 0, 0, NULL, NULL, sizeof *before, sizeof *after};
    return entry_do(ed, e, before, after);
}

static bool valid_object(editor_t *ed, int32_t obj)
{
    if (obj < 0 || obj >= ed->lv->object_count) return refuse(ed, "there is no such object");
    return true;
}

bool editor_move(editor_t *ed, int32_t obj, int32_t x, int32_t y)
{
    if (!valid_object(ed, obj)) return false;
    level_object_t o = ed->lv->objects[obj];
    if (x < 0 || y < 0 || x + o.w > ed->lv->w || y + o.h > ed->lv->h)
        return refuse(ed, "the %s would not fit in the map at (%d, %d)", level_kind(o.kind)->name,
                      (int)x, (int)y);
    if (o.x == x && o.y == y) return true;
    level_object_t before = o;
    o.x = x;
    o.y = y;
    editor_begin(ed);
    bool ok = object_do(ed, obj, &before, &o);
    editor_end(ed);
    return ok;
}

int32_t editor_place(editor_t *ed, int32_t kind, int32_t x, int32_t y, int32_t w, int32_t h)
{
    level_t *lv = ed->lv;
    const kind_schema_t *k = level_kind(kind);
    if (k && k->unique) {
        int32_t there = level_find_kind(lv, kind);
        if (there >= 0) return editor_move(ed, there, x, y) ? there : -1;
    }
    /* The model's own function sets the defaults and says what is wrong;
     * the object it adds is taken back and added again as an entry. */
    level_diags_t *d = calloc(1, sizeof *d);
    if (!d) {
        refuse(ed, "out of memory");
        return -1;
    }
    int32_t i = level_add_object(lv, d, kind, x, y, w, h, 0, 0);
    if (i < 0) {
        refuse_diag(ed, d);
        free(d);
        return -1;
    }
    free(d);
    level_object_t o = lv->objects[i];
    lv->object_count--;
    editor_begin(ed);
    bool ok = object_do(ed, i, NULL, &o);
    editor_end(ed);
    return ok ? i : -1;
}

bool editor_delete(editor_t *ed, int32_t obj)
{
    if (!valid_object(ed, obj)) return false;
    level_object_t before = ed->lv->objects[obj];
    editor_begin(ed);
    bool ok = object_do(ed, obj, &before, NULL);
    editor_end(ed);
    return ok;
}

int32_t editor_object_at(const editor_t *ed, int32_t x, int32_t y)
{
    const level_t *lv = ed->lv;
    for (int pass = 0; pass < 2; pass++)
        for (int32_t i = lv->object_count - 1; i >= 0; i--) {
            const level_object_t *o = &lv->objects[i];
            bool area = level_kind(o->kind)->place == PLACE_AREA;
            if (area != (pass == 1)) continue;
            if (x >= o->x && y >= o->y && x < o->x + o->w && y < o->y + o->h) return i;
        }
    return -1;
}

static int32_t object_named(const level_t *lv, const char *name)
{
    for (int32_t i = 0; i < lv->object_count; i++)
        if (name[0] && strcmp(lv->objects[i].name, name) == 0) return i;
    return -1;
}

/* Carries a rename to every link that named the old name. */
static bool rename_links(editor_t *ed, const char *old_name, const char *new_name)
{
    level_t *lv = ed->lv;
    for (int32_t i = 0; i < lv->object_count; i++) {
        level_object_t o = lv->objects[i];
        const kind_schema_t *k = level_kind(o.kind);
        bool changed = false;
        for (int32_t p = 0; p < k->prop_count; p++) {
            if (k->props[p].type != PROP_OBJECT || !o.set[p] || strcmp(o.refs[p], old_name) != 0)
                continue;
            snprintf(o.refs[p], sizeof o.refs[p], "%s", new_name);
            if (!new_name[0]) {
                o.set[p] = false;
                o.props[p] = k->props[p].def;
            }
            changed = true;
        }
        if (changed && !object_do(ed, i, &lv->objects[i], &o)) return false;
    }
    return true;
}

bool editor_set_prop(editor_t *ed, int32_t obj, const char *key, const char *value)
{
    if (!valid_object(ed, obj)) return false;
    level_t *lv = ed->lv;
    level_object_t before = lv->objects[obj], after = before;
    const kind_schema_t *k = level_kind(before.kind);
    size_t n = strlen(value);
    bool is_name = strcmp(key, "name") == 0;
    if (n == 0 && is_name) {
        after.name[0] = '\0';
    } else if (n == 0) {
        int32_t p = level_prop_index(before.kind, key);
        if (p < 0) return refuse(ed, "a %s has no property '%s'", k->name, key);
        after.props[p] = k->props[p].def;
        after.set[p] = false;
        after.refs[p][0] = '\0';
        if (k->props[p].type == PROP_TEXT) after.text[0] = '\0';
    } else {
        if (is_name && object_named(lv, value) >= 0 && object_named(lv, value) != obj)
            return refuse(ed, "another object is already named '%s'", value);
        /* The readers' own rules: on the object in place, then put back. */
        level_diags_t *d = calloc(1, sizeof *d);
        if (!d) return refuse(ed, "out of memory");
        bool ok = level_set_prop(lv, d, obj, key, strlen(key), value, n, 0, 0, 0);
        after = lv->objects[obj];
        lv->objects[obj] = before;
        if (!ok) refuse_diag(ed, d);
        free(d);
        if (!ok) return false;
    }
    if (memcmp(&before, &after, sizeof before) == 0) return true;
    editor_begin(ed);
    bool ok = object_do(ed, obj, &before, &after);
    if (ok && is_name && before.name[0]) ok = rename_links(ed, before.name, after.name);
    editor_end(ed);
    return ok;
}

void editor_prop_value(const editor_t *ed, int32_t obj, int32_t p, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (obj < 0 || obj >= ed->lv->object_count) return;
    const level_object_t *o = &ed->lv->objects[obj];
    const kind_schema_t *k = level_kind(o->kind);
    if (p < 0 || p >= k->prop_count) return;
    const prop_schema_t *ps = &k->props[p];
    int32_t v = o->props[p];
    switch (ps->type) {
    case PROP_INT:
        snprintf(buf, cap, "%d", (int)v);
        break;
    case PROP_BOOL:
        snprintf(buf, cap, "%s", v ? "true" : "false");
        break;
    case PROP_ENUM:
        snprintf(buf, cap, "%s", ps->words[v]);
        break;
    case PROP_TEXT:
        snprintf(buf, cap, "%s", o->text);
        break;
    case PROP_PATH:
    case PROP_OBJECT:
        if (o->set[p]) snprintf(buf, cap, "%s", o->refs[p]);
        break;
    case PROP_KINDS: {
        size_t at = 0;
        for (int32_t i = 0; ps->words[i] && at < cap; i++)
            if (v & (1 << i))
                at += (size_t)snprintf(buf + at, cap - at, "%s%s", at ? "," : "", ps->words[i]);
        break;
    }
    }
}

/* The object's name, given one ("door1", "door2", ...) if it has none. */
static bool ensure_name(editor_t *ed, int32_t obj, char *out, size_t cap)
{
    const level_object_t *o = &ed->lv->objects[obj];
    if (!o->name[0]) {
        char name[LEVEL_ID_MAX + 1];
        for (int32_t n = 1;; n++) {
            snprintf(name, sizeof name, "%s%d", level_kind(o->kind)->name, (int)n);
            if (object_named(ed->lv, name) < 0) break;
        }
        if (!editor_set_prop(ed, obj, "name", name)) return false;
    }
    snprintf(out, cap, "%s", ed->lv->objects[obj].name);
    return true;
}

static const char *colour_word(int32_t c)
{
    const kind_schema_t *k = level_kind(KIND_KEY);
    int32_t p = level_prop_index(KIND_KEY, "colour");
    return k->props[p].words[c];
}

bool editor_link(editor_t *ed, int32_t from, int32_t to)
{
    if (!valid_object(ed, from) || !valid_object(ed, to)) return false;
    if (from == to) return refuse(ed, "an object cannot be linked to itself");
    const level_t *lv = ed->lv;
    int32_t fk = lv->objects[from].kind, tk = lv->objects[to].kind;
    int32_t fc = level_key_colour(lv, &lv->objects[from]),
            tc = level_key_colour(lv, &lv->objects[to]);
    char name[LEVEL_ID_MAX + 1];
    bool ok = true;
    editor_begin(ed);
    if (tk == KIND_DOOR && fc >= 0) {
        ok = editor_set_prop(ed, to, "colour", colour_word(fc));
    } else if (fk == KIND_DOOR && tc >= 0) {
        ok = editor_set_prop(ed, from, "colour", colour_word(tc));
    } else if (fk == KIND_TRIGGER) {
        ok = ensure_name(ed, to, name, sizeof name) && editor_set_prop(ed, from, "target", name);
        /* What a trigger does to what it targets. */
        if (ok && tk == KIND_DOOR)
            ok = editor_set_prop(ed, from, "do", "open") &&
                 editor_set_prop(ed, to, "colour", "none");
        else if (ok && tk == KIND_LANE)
            ok = editor_set_prop(ed, from, "do", "lane");
        else if (ok && tk == KIND_CRASH)
            ok = editor_set_prop(ed, from, "do", "crash");
    } else if (fk == KIND_LANE && tk == KIND_SIGNAL) {
        ok = ensure_name(ed, to, name, sizeof name) && editor_set_prop(ed, from, "signal", name);
    } else if (fk == KIND_SIGNAL && tk == KIND_LANE) {
        ok = ensure_name(ed, from, name, sizeof name) && editor_set_prop(ed, to, "signal", name);
    } else {
        ok = refuse(ed,
                    "a %s and a %s do not link (keys link to doors, triggers to what they "
                    "work on, lanes to signals)",
                    level_kind(fk)->name, level_kind(tk)->name);
    }
    editor_end(ed);
    return ok;
}

/* ---- paths ----------------------------------------------------------------- */

static bool path_do(editor_t *ed, int32_t index, const level_path_t *before,
                    const level_path_t *after)
{
    entry_t e = {ENTRY_PATH, index, 0, 0, 0, 0, NULL, NULL, sizeof *before, sizeof *after};
    return entry_do(ed, e, before, after);
}

static bool valid_path(editor_t *ed, int32_t path)
{
    if (path < 0 || path >= ed->lv->path_count) return refuse(ed, "there is no such path");
    return true;
}

int32_t editor_add_path(editor_t *ed, const char *name, bool loop)
{
    level_t *lv = ed->lv;
    char auto_name[LEVEL_ID_MAX + 1];
    if (!name) {
        for (int32_t n = 1;; n++) {
            snprintf(auto_name, sizeof auto_name, "path%d", (int)n);
            bool taken = false;
            for (int32_t i = 0; i < lv->path_count && !taken; i++)
                taken = strcmp(lv->paths[i].name, auto_name) == 0;
            if (!taken) break;
        }
        name = auto_name;
    }
    level_diags_t *d = calloc(1, sizeof *d);
    if (!d) {
        refuse(ed, "out of memory");
        return -1;
    }
    int32_t i = level_add_path(lv, d, name, strlen(name), loop, 0, 0);
    if (i < 0) {
        refuse_diag(ed, d);
        free(d);
        return -1;
    }
    free(d);
    level_path_t p = lv->paths[i];
    lv->path_count--;
    editor_begin(ed);
    bool ok = path_do(ed, i, NULL, &p);
    editor_end(ed);
    return ok ? i : -1;
}

bool editor_path_point(editor_t *ed, int32_t path, int32_t x, int32_t y)
{
    if (!valid_path(ed, path)) return false;
    level_path_t p = ed->lv->paths[path];
    if (!in_map(ed->lv, x, y)) return refuse(ed, "(%d, %d) is outside the map", (int)x, (int)y);
    if (p.count >= LEVEL_MAX_POINTS)
        return refuse(ed, "path '%s' has %d points, the most a path has", p.name, LEVEL_MAX_POINTS);
    p.x[p.count] = x;
    p.y[p.count++] = y;
    editor_begin(ed);
    bool ok = path_do(ed, path, &ed->lv->paths[path], &p);
    editor_end(ed);
    return ok;
}

bool editor_path_loop(editor_t *ed, int32_t path, bool loop)
{
    if (!valid_path(ed, path)) return false;
    level_path_t p = ed->lv->paths[path];
    if (p.loop == loop) return true;
    p.loop = loop;
    editor_begin(ed);
    bool ok = path_do(ed, path, &ed->lv->paths[path], &p);
    editor_end(ed);
    return ok;
}

bool editor_delete_path(editor_t *ed, int32_t path)
{
    if (!valid_path(ed, path)) return false;
    editor_begin(ed);
    bool ok = path_do(ed, path, &ed->lv->paths[path], NULL);
    editor_end(ed);
    return ok;
}

/* ---- the level's keys ------------------------------------------------------ */

bool editor_set_key(editor_t *ed, const char *key, const char *value)
{
    level_t *lv = ed->lv;
    meta_t before, after;
    meta_get(lv, &before);
    level_diags_t *d = calloc(1, sizeof *d);
    if (!d) return refuse(ed, "out of memory");
    bool ok = level_set_key(lv, d, key, value, strlen(value), 0, 0);
    meta_get(lv, &after);
    meta_set(lv, &before);
    if (!ok) refuse_diag(ed, d);
    free(d);
    if (!ok) return false;
    if (memcmp(&before, &after, sizeof before) == 0) return true;
    editor_begin(ed);
    entry_t e = {ENTRY_META, 0, 0, 0, 0, 0, NULL, NULL, sizeof before, sizeof after};
    ok = entry_do(ed, e, &before, &after);
    editor_end(ed);
    return ok;
}

/* ---- checking, playing, saving --------------------------------------------- */

/* A finished copy, with what level_finish says in d. Harry is moved to (x,
 * y) first when x >= 0. */
static level_t *finished_from(const level_t *src, int32_t x, int32_t y, level_diags_t *d)
{
    level_t *c = malloc(sizeof *c);
    if (!c) return NULL;
    memcpy(c, src, sizeof *c);
    for (int32_t i = 0; i < c->object_count; i++) {
        c->objects[i].line = i + 1;
        c->objects[i].col = 1;
    }
    for (int32_t i = 0; i < c->path_count; i++) {
        c->paths[i].line = PATH_LINE0 + i;
        c->paths[i].col = 1;
    }
    c->map_line = 0;
    memset(d, 0, sizeof *d);
    if (x >= 0 && in_map(c, x, y)) {
        int32_t h = level_find_kind(c, KIND_HARRY);
        if (h >= 0) {
            c->objects[h].x = x;
            c->objects[h].y = y;
        } else {
            level_add_object(c, d, KIND_HARRY, x, y, 1, 1, 0, 0);
        }
    }
    level_finish(c, d);
    return c;
}

static level_t *finished_copy(const editor_t *ed, int32_t x, int32_t y, level_diags_t *d)
{
    return finished_from(ed->lv, x, y, d);
}

level_t *editor_preview_copy(const editor_t *ed)
{
    level_t *work = malloc(sizeof *work);
    level_diags_t *d = calloc(1, sizeof *d);
    level_t *c = NULL;
    if (!work || !d) goto out;
    memcpy(work, ed->lv, sizeof *work);
    /* The rules may take for granted what a reader guarantees (a looter's
     * path is there): what is wrong is left out, then what leaned on it. */
    for (int round = 0; round < 8; round++) {
        level_free(c);
        c = finished_from(work, -1, -1, d);
        if (!c || d->errors == 0) break;
        bool bad_obj[LEVEL_MAX_OBJECTS] = {false}, bad_path[LEVEL_MAX_PATHS] = {false};
        bool any = false;
        for (int32_t i = 0; i < d->count; i++) {
            int32_t line = d->items[i].line;
            if (d->items[i].severity != LEVEL_ERROR) continue;
            if (line >= 1 && line <= work->object_count) any = bad_obj[line - 1] = true;
            if (line >= PATH_LINE0 && line - PATH_LINE0 < work->path_count)
                any = bad_path[line - PATH_LINE0] = true;
        }
        if (!any) break; /* only the level's own (no Harry, the clock): it draws */
        int32_t n = 0;
        for (int32_t i = 0; i < work->object_count; i++)
            if (!bad_obj[i]) work->objects[n++] = work->objects[i];
        work->object_count = n;
        n = 0;
        for (int32_t i = 0; i < work->path_count; i++)
            if (!bad_path[i]) work->paths[n++] = work->paths[i];
        work->path_count = n;
    }
out:
    free(work);
    free(d);
    return c;
}

/* A message as the editor shows it: " (line N)" names a line of a file,
 * and the edited level has none (its things are given by their tiles). */
static void without_lines(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = in; *p && n + 1 < cap;) {
        if (strncmp(p, " (line ", 7) == 0) {
            const char *q = p + 7;
            while (*q >= '0' && *q <= '9') q++;
            if (q > p + 7 && *q == ')') {
                p = q + 1;
                continue;
            }
        }
        out[n++] = *p++;
    }
    out[n] = '\0';
}

static void report_from(const editor_t *ed, const level_diags_t *d, editor_report_t *out)
{
    const level_t *lv = ed->lv;
    out->count = out->errors = 0;
    for (int32_t i = 0; i < d->count && out->count < EDITOR_MAX_MESSAGES; i++) {
        const level_diag_t *e = &d->items[i];
        editor_note_t *n = &out->items[out->count++];
        n->severity = e->severity;
        n->tx = n->ty = -1;
        int32_t line = e->line;
        if (line >= 1 && line <= lv->object_count) {
            n->tx = lv->objects[line - 1].x;
            n->ty = lv->objects[line - 1].y;
        } else if (line >= PATH_LINE0 && line - PATH_LINE0 < lv->path_count &&
                   lv->paths[line - PATH_LINE0].count > 0) {
            n->tx = lv->paths[line - PATH_LINE0].x[0];
            n->ty = lv->paths[line - PATH_LINE0].y[0];
        }
        without_lines(e->message, n->message, sizeof n->message);
        if (e->severity == LEVEL_ERROR) out->errors++;
    }
}

void editor_check(const editor_t *ed, editor_report_t *out)
{
    memset(out, 0, sizeof *out);
    level_diags_t *d = calloc(1, sizeof *d);
    level_t *c = d ? finished_copy(ed, -1, -1, d) : NULL;
    if (!c) {
        out->count = out->errors = 1;
        out->items[0].tx = out->items[0].ty = -1;
        snprintf(out->items[0].message, sizeof out->items[0].message, "out of memory");
        free(d);
        return;
    }
    /* levelcheck looks further only at a level a reader would load. */
    if (d->errors == 0) check_level(c, d, out->summary, sizeof out->summary, NULL, 0);
    report_from(ed, d, out);
    free(c);
    free(d);
}

level_t *editor_play_copy(const editor_t *ed, int32_t x, int32_t y, editor_report_t *out)
{
    level_diags_t *d = calloc(1, sizeof *d);
    level_t *c = d ? finished_copy(ed, x, y, d) : NULL;
    if (out) {
        memset(out, 0, sizeof *out);
        if (d) report_from(ed, d, out);
    }
    if (!c || d->errors > 0) {
        free(c);
        c = NULL;
    }
    free(d);
    return c;
}

char *editor_write(const editor_t *ed, size_t *len, editor_report_t *out)
{
    level_t *c = editor_play_copy(ed, -1, -1, out);
    if (!c) return NULL;
    char *text = level_write_text(c, len);
    free(c);
    if (!text) return NULL;
    /* Read back as a player's game will: a file it would refuse is not
     * handed out. */
    level_diags_t *d = calloc(1, sizeof *d);
    level_t *back = d ? level_parse(text, *len, d) : NULL;
    if (!back) {
        if (out && d) {
            out->count = out->errors = 0;
            for (int32_t i = 0; i < d->count && out->count < EDITOR_MAX_MESSAGES; i++) {
                editor_note_t *n = &out->items[out->count++];
                n->severity = d->items[i].severity;
                n->tx = n->ty = -1;
                snprintf(n->message, sizeof n->message, "%s", d->items[i].message);
                if (n->severity == LEVEL_ERROR) out->errors++;
            }
        }
        free(text);
        text = NULL;
    }
    level_free(back);
    free(d);
    return text;
}

bool editor_save(editor_t *ed, const char *path)
{
    editor_report_t *r = calloc(1, sizeof *r);
    if (!r) return refuse(ed, "out of memory");
    size_t len = 0;
    char *text = editor_write(ed, &len, r);
    if (!text) {
        refuse(ed, "not saved: %s", r->count > 0 ? r->items[0].message : "out of memory");
        free(r);
        return false;
    }
    char err[256];
    bool ok = files_write_atomic(path, text, len, err, sizeof err);
    free(text);
    if (!ok) {
        refuse(ed, "not saved: %s", err);
        free(r);
        return false;
    }
    editor_check(ed, r);
    int32_t warnings = r->count - r->errors;
    if (r->errors > 0)
        snprintf(ed->message, sizeof ed->message, "saved as %s, but it cannot be won yet: %s",
                 files_basename(path), r->items[0].message);
    else
        snprintf(ed->message, sizeof ed->message, "saved as %s (%d warning%s)",
                 files_basename(path), (int)warnings, warnings == 1 ? "" : "s");
    free(r);
    return true;
}
