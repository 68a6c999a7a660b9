#include "game/level.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const tile_info_t tile_table[TILE_KIND_COUNT] = {
    [TILE_SIDEWALK] = {'.', "sidewalk", false, 256},
    [TILE_ROAD] = {'=', "road", false, 256},
    [TILE_ROAD_LANE] = {'-', "road with lane marking", false, 256},
    [TILE_CROSSWALK] = {':', "crosswalk", false, 256},
    [TILE_GRASS] = {'"', "grass", false, 230},
    [TILE_TREE] = {'T', "palm tree", true, 256},
    [TILE_WATER] = {'w', "water", true, 256},
    [TILE_TAR] = {'~', "tar", false, 96},
    [TILE_WALL] = {'#', "wall", true, 256},
    [TILE_DOOR] = {'+', "door", false, 256},
    [TILE_FENCE] = {'%', "fence", true, 256},
    [TILE_DINER_FLOOR] = {'_', "diner floor", false, 256},
    [TILE_COUNTER] = {'C', "counter", true, 256},
    [TILE_STOOL] = {'s', "stool", true, 256},
    [TILE_BOOTH] = {'B', "booth", true, 256},
    [TILE_PAYPHONE] = {'P', "payphone", true, 256},
    [TILE_STREETLIGHT] = {'L', "street light", true, 256},
    [TILE_NEON] = {'N', "neon sign", true, 256},
    [TILE_MAMMOTH] = {'M', "mammoth statue", true, 256},
    [TILE_MAMMOTH_YOUNG] = {'m', "young mammoth statue", true, 256},
    [TILE_BENCH] = {'b', "bench", true, 256},
    [TILE_STORE_FLOOR] = {',', "store floor", false, 256},
    [TILE_SHELF] = {'S', "shelf", true, 256},
    [TILE_MALL_FLOOR] = {';', "mall floor", false, 256},
    [TILE_SHUTTER] = {'|', "shutter", true, 256},
    [TILE_ESCALATOR] = {'E', "escalator", false, 256},
    [TILE_ROOF] = {'r', "rooftop", false, 256},
    [TILE_HELIPAD] = {'h', "helipad", false, 256},
    [TILE_VENT] = {'v', "roof vent", true, 256},
    [TILE_FIRE] = {'F', "fire", true, 256},
    [TILE_SMOKE] = {'z', "smoke", false, 200},
};

#define MARKER_HARRY 'H'
#define MARKER_JULIE 'J'
#define MARKER_DINER 'd'

const tile_info_t *level_tile_info(tile_kind_t kind)
{
    if ((int)kind < 0 || kind >= TILE_KIND_COUNT) return &tile_table[TILE_SIDEWALK];
    return &tile_table[kind];
}

int level_tile_from_symbol(char c)
{
    for (int i = 0; i < TILE_KIND_COUNT; i++)
        if (tile_table[i].symbol == c) return i;
    return -1;
}

void level_diag_add(level_diags_t *d, level_severity_t sev, int32_t line, int32_t col,
                    const char *fmt, ...)
{
    if (!d) return;
    if (sev == LEVEL_ERROR) d->errors++;
    if (d->count >= LEVEL_MAX_ERRORS) {
        d->dropped++;
        return;
    }
    level_diag_t *e = &d->items[d->count++];
    e->severity = sev;
    e->line = line;
    e->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
}

tile_kind_t level_tile_at(const level_t *level, int32_t tx, int32_t ty)
{
    if (tx < 0 || ty < 0 || tx >= level->w || ty >= level->h) return TILE_WALL;
    return (tile_kind_t)level->tiles[ty * level->w + tx];
}

bool level_solid_at(const level_t *level, int32_t tx, int32_t ty)
{
    return tile_table[level_tile_at(level, tx, ty)].solid;
}

void level_free(level_t *level)
{
    free(level);
}

/* ---- the reader ---------------------------------------------------------- */

typedef struct line_view {
    const char *p;
    size_t len;
    int32_t number;
} line_view_t;

typedef struct reader {
    const char *buf;
    size_t len, pos;
    int32_t line_no;
} reader_t;

static bool reader_next(reader_t *r, line_view_t *out)
{
    if (r->pos >= r->len) return false;
    size_t start = r->pos;
    while (r->pos < r->len && r->buf[r->pos] != '\n') r->pos++;
    size_t end = r->pos;
    if (r->pos < r->len) r->pos++; /* the newline */
    if (end > start && r->buf[end - 1] == '\r') end--;
    out->p = r->buf + start;
    out->len = end - start;
    out->number = ++r->line_no;
    return true;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Trims spaces at both ends; *col_out is the 1-based column of the first kept char. */
static line_view_t trim(line_view_t l, int32_t *col_out)
{
    size_t a = 0, b = l.len;
    while (a < b && is_space(l.p[a])) a++;
    while (b > a && is_space(l.p[b - 1])) b--;
    if (col_out) *col_out = (int32_t)a + 1;
    line_view_t t = {l.p + a, b - a, l.number};
    return t;
}

static bool view_eq(line_view_t v, const char *s)
{
    size_t n = strlen(s);
    return v.len == n && memcmp(v.p, s, n) == 0;
}

static bool is_blank_or_comment(line_view_t l)
{
    line_view_t t = trim(l, NULL);
    return t.len == 0 || t.p[0] == '#';
}

/* Strict decimal integer; false if anything else is in the text. */
static bool parse_int(line_view_t v, int64_t *out)
{
    if (v.len == 0 || v.len > 12) return false;
    int64_t n = 0;
    for (size_t i = 0; i < v.len; i++) {
        if (v.p[i] < '0' || v.p[i] > '9') return false;
        n = n * 10 + (v.p[i] - '0');
    }
    *out = n;
    return true;
}

/* Copies a value into a fixed field, reporting one that is too long or has
 * control characters. */
static void set_text(level_diags_t *d, line_view_t v, int32_t col, const char *key, char *dst,
                     size_t cap)
{
    for (size_t i = 0; i < v.len; i++) {
        if ((unsigned char)v.p[i] < 0x20) {
            level_diag_add(d, LEVEL_ERROR, v.number, col + (int32_t)i,
                           "'%s' holds a control character; use plain text", key);
            return;
        }
    }
    if (v.len > cap - 1) {
        level_diag_add(d, LEVEL_ERROR, v.number, col + (int32_t)(cap - 1),
                       "'%s' is %zu characters long; the most is %zu", key, v.len, cap - 1);
        return;
    }
    memcpy(dst, v.p, v.len);
    dst[v.len] = '\0';
}

enum {
    KEY_NAME,
    KEY_AUTHOR,
    KEY_STORY,
    KEY_TIME,
    KEY_PAR,
    KEY_GROUND,
    KEY_MUSIC,
    KEY_SEED,
    KEY_COUNT
};
static const char *const key_names[KEY_COUNT] = {"name", "author", "story", "time",
                                                 "par",  "ground", "music", "seed"};

static const char known_symbols[] =
    ". = - : \" T w ~ # + % _ C s B P L N M m b , S ; | E r h v F z, markers H J d";

static void header_line(level_t *lv, level_diags_t *d, line_view_t l, int32_t key_line[KEY_COUNT],
                        int *ground)
{
    int32_t col;
    line_view_t t = trim(l, &col);
    const char *eq = memchr(t.p, '=', t.len);
    if (!eq) {
        level_diag_add(d, LEVEL_ERROR, l.number, col,
                       "expected 'key = value' or 'map'; a line before the map must set a key "
                       "such as 'name = My level'");
        return;
    }
    line_view_t key = {t.p, (size_t)(eq - t.p), l.number};
    key = trim(key, NULL);
    int32_t vcol;
    line_view_t val = {eq + 1, t.len - (size_t)(eq - t.p) - 1, l.number};
    val = trim(val, &vcol);
    vcol += col + (int32_t)(eq - t.p);
    int k = -1;
    for (int i = 0; i < KEY_COUNT; i++)
        if (view_eq(key, key_names[i])) k = i;
    if (k < 0) {
        level_diag_add(d, LEVEL_ERROR, l.number, col,
                       "unknown key '%.*s'; known keys are name, author, story, time, par, "
                       "ground, music, seed",
                       (int)(key.len > 40 ? 40 : key.len), key.p);
        return;
    }
    if (key_line[k]) {
        level_diag_add(d, LEVEL_ERROR, l.number, col, "'%s' is set twice (first on line %d)",
                       key_names[k], (int)key_line[k]);
        return;
    }
    key_line[k] = l.number;
    if (val.len == 0 && k != KEY_STORY) {
        level_diag_add(d, LEVEL_ERROR, l.number, vcol, "'%s' has no value", key_names[k]);
        return;
    }
    int64_t n = 0;
    switch (k) {
    case KEY_NAME:
        set_text(d, val, vcol, "name", lv->name, sizeof lv->name);
        break;
    case KEY_AUTHOR:
        set_text(d, val, vcol, "author", lv->author, sizeof lv->author);
        break;
    case KEY_STORY:
        set_text(d, val, vcol, "story", lv->story, sizeof lv->story);
        break;
    case KEY_MUSIC:
        set_text(d, val, vcol, "music", lv->music, sizeof lv->music);
        break;
    case KEY_TIME:
        if (!parse_int(val, &n)) {
            level_diag_add(d, LEVEL_ERROR, l.number, vcol,
                           "'time' must be a whole number of seconds, like 'time = 90'");
        } else if (n < LEVEL_MIN_TIME_S || n > LEVEL_MAX_TIME_S) {
            level_diag_add(d, LEVEL_ERROR, l.number, vcol,
                           "'time' is %lld seconds; it must be from %d to %d", (long long)n,
                           LEVEL_MIN_TIME_S, LEVEL_MAX_TIME_S);
        } else {
            lv->time_s = (int32_t)n;
        }
        break;
    case KEY_PAR:
        if (!parse_int(val, &n)) {
            level_diag_add(d, LEVEL_ERROR, l.number, vcol,
                           "'par' must be a whole number of seconds, like 'par = 45'");
        } else if (n < 1 || n > LEVEL_MAX_TIME_S) {
            level_diag_add(d, LEVEL_ERROR, l.number, vcol,
                           "'par' is %lld seconds; it must be from 1 to %d", (long long)n,
                           LEVEL_MAX_TIME_S);
        } else {
            lv->par_s = (int32_t)n;
        }
        break;
    case KEY_SEED:
        if (!parse_int(val, &n) || n > UINT32_MAX) {
            level_diag_add(d, LEVEL_ERROR, l.number, vcol,
                           "'seed' must be a whole number from 0 to 4294967295");
        } else {
            lv->seed = (uint32_t)n;
        }
        break;
    case KEY_GROUND: {
        int tk = val.len == 1 ? level_tile_from_symbol(val.p[0]) : -1;
        if (tk < 0) {
            level_diag_add(d, LEVEL_ERROR, l.number, vcol,
                           "'ground' must be one tile character, like 'ground = .'");
        } else if (tile_table[tk].solid) {
            level_diag_add(d, LEVEL_ERROR, l.number, vcol,
                           "'ground' is '%c' (%s), which is solid; the ground under Harry, "
                           "Julie and the people must be walkable",
                           val.p[0], tile_table[tk].name);
        } else {
            *ground = tk;
        }
        break;
    }
    default:
        break;
    }
}

/* Where a one-of-a-kind marker was first seen. */
typedef struct marker_seen {
    int32_t count, line, col;
} marker_seen_t;

typedef struct map_state {
    int32_t first_line;
    marker_seen_t harry, julie;
} map_state_t;

static void place_unique(level_diags_t *d, marker_seen_t *seen, const char *what,
                         const char *one_of, int32_t *tx, int32_t *ty, int32_t x, int32_t y,
                         int32_t line, int32_t col)
{
    if (++seen->count == 1) {
        *tx = x;
        *ty = y;
        seen->line = line;
        seen->col = col;
        return;
    }
    level_diag_add(d, LEVEL_ERROR, line, col,
                   "a second %s (the first is at line %d, column %d); a level has one %s", what,
                   (int)seen->line, (int)seen->col, one_of);
}

static void map_row(level_t *lv, level_diags_t *d, line_view_t l, int ground, map_state_t *ms)
{
    int32_t y = lv->h;
    if (y == LEVEL_MAX_H) {
        level_diag_add(d, LEVEL_ERROR, l.number, 1, "the map is taller than %d rows", LEVEL_MAX_H);
    }
    if (lv->h == 0) {
        lv->w = (int32_t)l.len;
        if (l.len > LEVEL_MAX_W)
            level_diag_add(d, LEVEL_ERROR, l.number, LEVEL_MAX_W + 1,
                           "the map is %zu tiles wide; the most is %d", l.len, LEVEL_MAX_W);
    } else if ((int32_t)l.len != lv->w) {
        level_diag_add(d, LEVEL_ERROR, l.number,
                       (int32_t)(l.len < (size_t)lv->w ? l.len + 1 : (size_t)lv->w + 1),
                       "this row is %zu tiles wide but the first row (line %d) is %d; every "
                       "row must be as wide",
                       l.len, (int)ms->first_line, (int)lv->w);
    }
    lv->h++;
    for (size_t x = 0; x < l.len; x++) {
        char c = l.p[x];
        int32_t col = (int32_t)x + 1;
        int tk = level_tile_from_symbol(c);
        if (c == MARKER_HARRY) {
            tk = ground;
            place_unique(d, &ms->harry, "Harry 'H'", "start", &lv->harry_tx, &lv->harry_ty,
                         (int32_t)x, y, l.number, col);
        } else if (c == MARKER_JULIE) {
            tk = ground;
            place_unique(d, &ms->julie, "Julie 'J'", "Julie", &lv->julie_tx, &lv->julie_ty,
                         (int32_t)x, y, l.number, col);
        } else if (c == MARKER_DINER) {
            tk = ground;
            if (lv->npc_count >= LEVEL_MAX_NPCS) {
                level_diag_add(d, LEVEL_ERROR, l.number, col, "more than %d people in this level",
                               LEVEL_MAX_NPCS);
            } else {
                level_npc_t *n = &lv->npcs[lv->npc_count];
                n->kind = NPC_DINER;
                n->tx = (int32_t)x;
                n->ty = y;
                n->variant = (uint8_t)(lv->npc_count % 3);
                lv->npc_count++;
            }
        } else if (tk < 0) {
            if (c == ' ' || c == '\t')
                level_diag_add(d, LEVEL_ERROR, l.number, col,
                               "a %s in the map; every cell needs a tile character (known "
                               "tiles are %s)",
                               c == ' ' ? "space" : "tab", known_symbols);
            else if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
                level_diag_add(d, LEVEL_ERROR, l.number, col,
                               "unknown tile byte 0x%02x; known tiles are %s", (unsigned char)c,
                               known_symbols);
            else
                level_diag_add(d, LEVEL_ERROR, l.number, col,
                               "unknown tile '%c'; known tiles are %s", c, known_symbols);
            tk = ground;
        }
        if (y < LEVEL_MAX_H && lv->w <= LEVEL_MAX_W && (int32_t)x < lv->w)
            lv->tiles[y * lv->w + (int32_t)x] = (uint8_t)tk;
    }
}

level_t *level_parse(const char *buf, size_t len, level_diags_t *d)
{
    level_diags_t scratch;
    if (!d) d = &scratch;
    memset(d, 0, sizeof *d);
    level_t *lv = calloc(1, sizeof *lv);
    if (!lv) {
        level_diag_add(d, LEVEL_ERROR, 0, 0, "out of memory");
        return NULL;
    }
    snprintf(lv->author, sizeof lv->author, "unknown");
    snprintf(lv->music, sizeof lv->music, "level");
    lv->seed = 1;

    reader_t r = {buf, len, 0, 0};
    line_view_t l;
    enum { ST_HEADER, ST_KEYS, ST_MAP, ST_AFTER } st = ST_HEADER;
    int32_t key_line[KEY_COUNT] = {0};
    int ground = TILE_SIDEWALK;
    map_state_t ms = {0};
    int32_t map_line = 0, last_line = 0;

    while (reader_next(&r, &l)) {
        last_line = l.number;
        if (memchr(l.p, '\0', l.len)) {
            level_diag_add(d, LEVEL_ERROR, l.number,
                           (int32_t)((const char *)memchr(l.p, '\0', l.len) - l.p) + 1,
                           "a NUL byte; is this a level file and not a binary?");
            break;
        }
        if (st == ST_MAP) {
            line_view_t t = trim(l, NULL);
            if (view_eq(t, "end")) {
                st = ST_AFTER;
                continue;
            }
            if (lv->h == 0) ms.first_line = l.number;
            if (lv->h < LEVEL_MAX_H + 1) map_row(lv, d, l, ground, &ms);
            continue;
        }
        if (is_blank_or_comment(l)) continue;
        int32_t col;
        line_view_t t = trim(l, &col);
        if (st == ST_HEADER) {
            const char *magic = "miraclemile-level";
            size_t ml = strlen(magic);
            if (t.len < ml || memcmp(t.p, magic, ml) != 0) {
                level_diag_add(d, LEVEL_ERROR, l.number, col,
                               "a level file starts with 'miraclemile-level %d'",
                               LEVEL_FORMAT_VERSION);
                break;
            }
            line_view_t v = {t.p + ml, t.len - ml, l.number};
            int32_t vcol;
            v = trim(v, &vcol);
            int64_t ver = 0;
            if (!parse_int(v, &ver)) {
                level_diag_add(d, LEVEL_ERROR, l.number, col + (int32_t)ml + vcol - 1,
                               "expected a format version after 'miraclemile-level', like "
                               "'miraclemile-level %d'",
                               LEVEL_FORMAT_VERSION);
                break;
            }
            if (ver < 1 || ver > LEVEL_FORMAT_VERSION) {
                level_diag_add(d, LEVEL_ERROR, l.number, col + (int32_t)ml + vcol - 1,
                               "format version %lld is not known to this game (it reads "
                               "versions 1 to %d); a newer game may read it",
                               (long long)ver, LEVEL_FORMAT_VERSION);
                break;
            }
            lv->version = (int32_t)ver;
            st = ST_KEYS;
        } else if (st == ST_KEYS) {
            if (view_eq(t, "map")) {
                st = ST_MAP;
                map_line = l.number;
                continue;
            }
            header_line(lv, d, l, key_line, &ground);
        } else { /* ST_AFTER */
            level_diag_add(d, LEVEL_ERROR, l.number, col,
                           "text after the map's 'end'; only comments may follow it");
        }
    }

    if (d->errors == 0 || st != ST_HEADER) {
        if (st == ST_HEADER && d->errors == 0) {
            level_diag_add(d, LEVEL_ERROR, last_line ? last_line : 1, 1,
                           "the file is empty; a level file starts with 'miraclemile-level %d'",
                           LEVEL_FORMAT_VERSION);
        } else if (st == ST_KEYS) {
            level_diag_add(d, LEVEL_ERROR, last_line + 1, 1,
                           "no map: add a line 'map', the rows of tiles, and a line 'end'");
        } else if (st == ST_MAP) {
            level_diag_add(d, LEVEL_ERROR, last_line + 1, 1,
                           "the map that starts on line %d has no 'end' line", (int)map_line);
        }
    }
    if (st == ST_MAP || st == ST_AFTER) {
        if (!key_line[KEY_NAME])
            level_diag_add(d, LEVEL_ERROR, map_line, 1,
                           "no name: add a line like 'name = My level' before 'map'");
        if (!key_line[KEY_TIME])
            level_diag_add(d, LEVEL_ERROR, map_line, 1,
                           "no clock: add a line like 'time = 90' (seconds) before 'map'");
        if (lv->h == 0 && st == ST_AFTER) {
            level_diag_add(d, LEVEL_ERROR, map_line + 1, 1, "the map has no rows");
        } else if (lv->h > 0 && (lv->w < LEVEL_MIN_W || lv->h < LEVEL_MIN_H)) {
            level_diag_add(d, LEVEL_ERROR, map_line + 1, 1,
                           "the map is %dx%d tiles; the smallest is %dx%d", (int)lv->w, (int)lv->h,
                           LEVEL_MIN_W, LEVEL_MIN_H);
        }
        if (lv->h > 0 && ms.harry.count == 0)
            level_diag_add(d, LEVEL_ERROR, map_line, 1,
                           "no Harry in this level: put one 'H' in the map where he starts");
        if (lv->h > 0 && ms.julie.count == 0)
            level_diag_add(d, LEVEL_ERROR, map_line, 1,
                           "no Julie in this level: put one 'J' in the map where she waits");
        if (lv->time_s && lv->par_s > lv->time_s)
            level_diag_add(d, LEVEL_ERROR, key_line[KEY_PAR], 1,
                           "'par' (%d s) is longer than the clock's 'time' (%d s)", (int)lv->par_s,
                           (int)lv->time_s);
        if (!key_line[KEY_PAR] && lv->time_s) lv->par_s = lv->time_s * 2 / 3;
        if (lv->h > LEVEL_MAX_H) lv->h = LEVEL_MAX_H;
    }
    if (d->errors > 0) {
        free(lv);
        return NULL;
    }
    return lv;
}

/* FNV-1a, 64 bit: small, stable across platforms and compilers. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t fnv_i32(uint64_t h, int32_t v)
{
    unsigned char b[4] = {(unsigned char)(v & 0xff), (unsigned char)((v >> 8) & 0xff),
                          (unsigned char)((v >> 16) & 0xff), (unsigned char)((v >> 24) & 0xff)};
    return fnv(h, b, 4);
}

uint64_t level_hash(const level_t *lv)
{
    uint64_t h = 0xcbf29ce484222325ull;
    h = fnv_i32(h, lv->time_s);
    h = fnv_i32(h, (int32_t)lv->seed);
    h = fnv_i32(h, lv->w);
    h = fnv_i32(h, lv->h);
    h = fnv(h, lv->tiles, (size_t)lv->w * (size_t)lv->h);
    h = fnv_i32(h, lv->harry_tx);
    h = fnv_i32(h, lv->harry_ty);
    h = fnv_i32(h, lv->julie_tx);
    h = fnv_i32(h, lv->julie_ty);
    h = fnv_i32(h, lv->npc_count);
    for (int32_t i = 0; i < lv->npc_count; i++) {
        h = fnv_i32(h, (int32_t)lv->npcs[i].kind);
        h = fnv_i32(h, lv->npcs[i].tx);
        h = fnv_i32(h, lv->npcs[i].ty);
        h = fnv_i32(h, lv->npcs[i].variant);
    }
    return h;
}
