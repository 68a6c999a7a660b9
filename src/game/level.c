#include "game/level.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const tile_info_t tile_table[TILE_KIND_COUNT] = {
    [TILE_SIDEWALK] = {"sidewalk", '.', "sidewalk", false, 256},
    [TILE_ROAD] = {"road", '=', "road", false, 256},
    [TILE_ROAD_LANE] = {"road_lane", '-', "road with lane marking", false, 256},
    [TILE_CROSSWALK] = {"crosswalk", ':', "crosswalk", false, 256},
    [TILE_GRASS] = {"grass", '"', "grass", false, 230},
    [TILE_TREE] = {"palm", 'T', "palm tree", true, 256},
    [TILE_WATER] = {"water", 'w', "water", true, 256},
    [TILE_TAR] = {"tar", '~', "tar", false, 96},
    [TILE_WALL] = {"wall", '#', "wall", true, 256},
    [TILE_DOOR] = {"door", '+', "door", false, 256},
    [TILE_FENCE] = {"fence", '%', "fence", true, 256},
    [TILE_DINER_FLOOR] = {"diner_floor", '_', "diner floor", false, 256},
    [TILE_COUNTER] = {"counter", 'C', "counter", true, 256},
    [TILE_STOOL] = {"stool", 's', "stool", true, 256},
    [TILE_BOOTH] = {"booth", 'B', "booth", true, 256},
    [TILE_PAYPHONE] = {"payphone", 'P', "payphone", true, 256},
    [TILE_STREETLIGHT] = {"street_light", 'L', "street light", true, 256},
    [TILE_NEON] = {"neon", 'N', "neon sign", true, 256},
    [TILE_MAMMOTH] = {"mammoth", 'M', "mammoth statue", true, 256},
    [TILE_MAMMOTH_YOUNG] = {"mammoth_young", 'm', "young mammoth statue", true, 256},
    [TILE_BENCH] = {"bench", 'b', "bench", true, 256},
    [TILE_STORE_FLOOR] = {"store_floor", ',', "store floor", false, 256},
    [TILE_SHELF] = {"shelf", 'S', "shelf", true, 256},
    [TILE_MALL_FLOOR] = {"mall_floor", ';', "mall floor", false, 256},
    [TILE_SHUTTER] = {"shutter", '|', "shutter", true, 256},
    [TILE_ESCALATOR] = {"escalator", 'E', "escalator", false, 256},
    [TILE_ROOF] = {"rooftop", 'r', "rooftop", false, 256},
    [TILE_HELIPAD] = {"helipad", 'h', "helipad", false, 256},
    [TILE_VENT] = {"vent", 'v', "roof vent", true, 256},
    [TILE_FIRE] = {"fire", 'F', "fire", true, 256},
    [TILE_SMOKE] = {"smoke", 'z', "smoke", false, 200},
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

/* Outside the map, a '#' after a space or an '=' starts a comment to the end
 * of the line. */
static line_view_t strip_comment(line_view_t l)
{
    for (size_t i = 1; i < l.len; i++) {
        if (l.p[i] == '#' && (l.p[i - 1] == ' ' || l.p[i - 1] == '\t' || l.p[i - 1] == '=')) {
            l.len = i;
            break;
        }
    }
    return l;
}

static void header_line(level_t *lv, level_diags_t *d, line_view_t l, int32_t key_line[KEY_COUNT],
                        int *ground)
{
    int32_t col;
    line_view_t t = trim(strip_comment(l), &col);
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
            level_add_diner(lv, d, (int32_t)x, y, l.number, col);
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

/* People in reading order (row by row), each diner's look from its place in
 * that order: the same level read from any format is the same level. */
static void level_sort_people(level_t *lv)
{
    for (int32_t i = 1; i < lv->npc_count; i++) {
        level_npc_t t = lv->npcs[i];
        int32_t j = i - 1;
        while (j >= 0 &&
               (lv->npcs[j].ty > t.ty || (lv->npcs[j].ty == t.ty && lv->npcs[j].tx > t.tx))) {
            lv->npcs[j + 1] = lv->npcs[j];
            j--;
        }
        lv->npcs[j + 1] = t;
    }
    for (int32_t i = 0; i < lv->npc_count; i++) lv->npcs[i].variant = (uint8_t)(i % 3);
}

bool level_add_diner(level_t *lv, level_diags_t *d, int32_t x, int32_t y, int32_t line, int32_t col)
{
    for (int32_t i = 0; i < lv->npc_count; i++) {
        if (lv->npcs[i].tx == x && lv->npcs[i].ty == y) {
            level_diag_add(d, LEVEL_ERROR, line, col, "two people on one tile (%d, %d)", (int)x,
                           (int)y);
            return false;
        }
    }
    if (lv->npc_count >= LEVEL_MAX_NPCS) {
        level_diag_add(d, LEVEL_ERROR, line, col, "more than %d people in this level",
                       LEVEL_MAX_NPCS);
        return false;
    }
    level_npc_t *n = &lv->npcs[lv->npc_count++];
    n->kind = NPC_DINER;
    n->tx = x;
    n->ty = y;
    n->variant = 0;
    return true;
}

/* After the map (version 2): "harry X Y", "julie X Y", "diner X Y", counted
 * in tiles from 0 at the top left, as Tiled shows them. */
static void entity_line(level_t *lv, level_diags_t *d, line_view_t t, int32_t col, map_state_t *ms)
{
    t = trim(strip_comment(t), NULL);
    char word[16] = "";
    size_t n = 0;
    while (n < t.len && t.p[n] != ' ' && t.p[n] != '\t' && n < sizeof word - 1) {
        word[n] = t.p[n];
        n++;
    }
    line_view_t rest = {t.p + n, t.len - n, t.number};
    int32_t rcol;
    rest = trim(rest, &rcol);
    rcol += col + (int32_t)n - 1;
    int64_t x = -1, y = -1;
    const char *sp = memchr(rest.p, ' ', rest.len);
    if (sp) {
        line_view_t a = {rest.p, (size_t)(sp - rest.p), t.number};
        line_view_t b = {sp, rest.len - (size_t)(sp - rest.p), t.number};
        b = trim(b, NULL);
        if (!parse_int(a, &x) || !parse_int(b, &y)) x = y = -1;
    }
    bool is_harry = strcmp(word, "harry") == 0, is_julie = strcmp(word, "julie") == 0;
    bool is_diner = strcmp(word, "diner") == 0;
    if (!is_harry && !is_julie && !is_diner) {
        level_diag_add(d, LEVEL_ERROR, t.number, col,
                       "expected 'harry X Y', 'julie X Y' or 'diner X Y' after the map, or a "
                       "comment");
        return;
    }
    if (x < 0 || y < 0) {
        level_diag_add(d, LEVEL_ERROR, t.number, rcol,
                       "'%s' needs a column and a row counted from 0, like '%s 3 4'", word, word);
        return;
    }
    if (x >= lv->w || y >= lv->h) {
        level_diag_add(d, LEVEL_ERROR, t.number, rcol, "(%lld, %lld) is outside the %dx%d map",
                       (long long)x, (long long)y, (int)lv->w, (int)lv->h);
        return;
    }
    if (level_solid_at(lv, (int32_t)x, (int32_t)y)) {
        level_diag_add(d, LEVEL_ERROR, t.number, rcol, "%s would stand in a %s at (%lld, %lld)",
                       word, tile_table[level_tile_at(lv, (int32_t)x, (int32_t)y)].name,
                       (long long)x, (long long)y);
        return;
    }
    if (is_harry)
        place_unique(d, &ms->harry, "Harry", "start", &lv->harry_tx, &lv->harry_ty, (int32_t)x,
                     (int32_t)y, t.number, col);
    else if (is_julie)
        place_unique(d, &ms->julie, "Julie", "Julie", &lv->julie_tx, &lv->julie_ty, (int32_t)x,
                     (int32_t)y, t.number, col);
    else
        level_add_diner(lv, d, (int32_t)x, (int32_t)y, t.number, col);
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
        line_view_t t = trim(st == ST_HEADER ? strip_comment(l) : l, &col);
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
        } else if (lv->version >= 2) { /* ST_AFTER: people placed by coordinates */
            entity_line(lv, d, t, col, &ms);
        } else {
            level_diag_add(d, LEVEL_ERROR, l.number, col,
                           "text after the map's 'end'; only comments may follow it (people "
                           "after the map need 'miraclemile-level 2')");
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
        lv->harry_line = ms.harry.line;
        lv->harry_col = ms.harry.col;
        lv->julie_line = ms.julie.line;
        lv->julie_col = ms.julie.col;
        lv->map_line = ms.first_line;
        level_sort_people(lv);
        if (ms.harry.count == 1 && ms.julie.count == 1) level_check_places(lv, d);
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

int level_tile_from_id(const char *id)
{
    if (!id) return -1;
    for (int i = 0; i < TILE_KIND_COUNT; i++)
        if (strcmp(tile_table[i].id, id) == 0) return i;
    if (id[0] && !id[1]) return level_tile_from_symbol(id[0]);
    return -1;
}

const char *level_tile_ids(void)
{
    return "sidewalk, road, road_lane, crosswalk, grass, palm, water, tar, wall, door, fence, "
           "diner_floor, counter, stool, booth, payphone, street_light, neon, mammoth, "
           "mammoth_young, bench, store_floor, shelf, mall_floor, shutter, escalator, rooftop, "
           "helipad, vent, fire, smoke";
}

level_t *level_create(int32_t w, int32_t h)
{
    if (w < 1 || h < 1 || w > LEVEL_MAX_W || h > LEVEL_MAX_H) return NULL;
    level_t *lv = calloc(1, sizeof *lv);
    if (!lv) return NULL;
    snprintf(lv->author, sizeof lv->author, "unknown");
    snprintf(lv->music, sizeof lv->music, "level");
    lv->seed = 1;
    lv->version = LEVEL_FORMAT_VERSION;
    lv->w = w;
    lv->h = h;
    lv->harry_tx = lv->harry_ty = lv->julie_tx = lv->julie_ty = -1;
    return lv;
}

void level_check_places(const level_t *lv, level_diags_t *d)
{
    if (lv->harry_tx >= 0 && lv->harry_tx == lv->julie_tx && lv->harry_ty == lv->julie_ty)
        level_diag_add(d, LEVEL_ERROR, lv->julie_line, lv->julie_col,
                       "Harry and Julie stand on the same tile (%d, %d)", (int)lv->julie_tx,
                       (int)lv->julie_ty);
    for (int32_t i = 0; i < lv->npc_count; i++) {
        const level_npc_t *n = &lv->npcs[i];
        bool on_harry = n->tx == lv->harry_tx && n->ty == lv->harry_ty;
        bool on_julie = n->tx == lv->julie_tx && n->ty == lv->julie_ty;
        if (on_harry || on_julie)
            level_diag_add(d, LEVEL_ERROR, on_harry ? lv->harry_line : lv->julie_line,
                           on_harry ? lv->harry_col : lv->julie_col,
                           "a diner stands on %s's tile (%d, %d); two people cannot share a tile",
                           on_harry ? "Harry" : "Julie", (int)n->tx, (int)n->ty);
    }
}

void level_validate(const level_t *lv, level_diags_t *d)
{
    level_check_places(lv, d);
    if (!lv->name[0]) level_diag_add(d, LEVEL_ERROR, 0, 0, "the level has no name");
    if (lv->time_s < LEVEL_MIN_TIME_S || lv->time_s > LEVEL_MAX_TIME_S)
        level_diag_add(d, LEVEL_ERROR, 0, 0, "the clock ('time') must be from %d to %d seconds",
                       LEVEL_MIN_TIME_S, LEVEL_MAX_TIME_S);
    if (lv->par_s > lv->time_s)
        level_diag_add(d, LEVEL_ERROR, 0, 0, "'par' (%d s) is longer than the clock (%d s)",
                       (int)lv->par_s, (int)lv->time_s);
    if (lv->w < LEVEL_MIN_W || lv->h < LEVEL_MIN_H)
        level_diag_add(d, LEVEL_ERROR, 0, 0, "the map is %dx%d tiles; the smallest is %dx%d",
                       (int)lv->w, (int)lv->h, LEVEL_MIN_W, LEVEL_MIN_H);
    if (lv->harry_tx < 0)
        level_diag_add(d, LEVEL_ERROR, 0, 0, "no Harry in this level: add a 'harry' object");
    else if (level_solid_at(lv, lv->harry_tx, lv->harry_ty))
        level_diag_add(d, LEVEL_ERROR, lv->harry_line, lv->harry_col,
                       "Harry starts in a %s at (%d, %d); put him on open ground",
                       tile_table[level_tile_at(lv, lv->harry_tx, lv->harry_ty)].name,
                       (int)lv->harry_tx, (int)lv->harry_ty);
    if (lv->julie_tx < 0)
        level_diag_add(d, LEVEL_ERROR, 0, 0, "no Julie in this level: add a 'julie' object");
    else if (level_solid_at(lv, lv->julie_tx, lv->julie_ty))
        level_diag_add(d, LEVEL_ERROR, lv->julie_line, lv->julie_col,
                       "Julie stands in a %s at (%d, %d); put her on open ground",
                       tile_table[level_tile_at(lv, lv->julie_tx, lv->julie_ty)].name,
                       (int)lv->julie_tx, (int)lv->julie_ty);
}

void level_finish(level_t *lv)
{
    level_sort_people(lv);
}

/* Text output, growing as needed. */
typedef struct text_out {
    char *buf;
    size_t len, cap;
    bool failed;
} text_out_t;

static void out_printf(text_out_t *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void out_printf(text_out_t *o, const char *fmt, ...)
{
    if (o->failed) return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            o->failed = true;
            return;
        }
        if ((size_t)n < o->cap - o->len) {
            o->len += (size_t)n;
            return;
        }
        size_t cap = o->cap * 2 + (size_t)n + 64;
        char *p = realloc(o->buf, cap);
        if (!p) {
            o->failed = true;
            return;
        }
        o->buf = p;
        o->cap = cap;
    }
}

/* A value as the text format reads it back: a '#' that would start a
 * comment becomes "No." ("Track #5" -> "Track No.5"). */
static void out_value(text_out_t *o, const char *key, const char *v)
{
    out_printf(o, "%s = ", key);
    for (size_t i = 0; v[i]; i++) {
        if (v[i] == '#' && (i == 0 || v[i - 1] == ' ' || v[i - 1] == '\t'))
            out_printf(o, "No.");
        else
            out_printf(o, "%c", v[i]);
    }
    out_printf(o, "\n");
}

char *level_write_text(const level_t *lv, size_t *len_out)
{
    text_out_t o = {malloc(4096), 0, 4096, false};
    if (!o.buf) return NULL;
    o.buf[0] = '\0';
    /* Markers stand on the ground: take it from under Harry; anyone standing
     * on another tile is written by coordinates after the map. */
    tile_kind_t ground = level_tile_at(lv, lv->harry_tx, lv->harry_ty);
    out_printf(&o, "miraclemile-level %d\n", LEVEL_FORMAT_VERSION);
    out_value(&o, "name", lv->name);
    out_value(&o, "author", lv->author);
    if (lv->story[0]) out_value(&o, "story", lv->story);
    out_printf(&o, "time = %d\npar = %d\n", (int)lv->time_s, (int)lv->par_s);
    out_printf(&o, "ground = %c\n", tile_table[ground].symbol);
    out_value(&o, "music", lv->music);
    out_printf(&o, "seed = %u\nmap\n", (unsigned)lv->seed);
    bool *entity = calloc((size_t)lv->npc_count + 2, sizeof *entity);
    if (!entity) {
        free(o.buf);
        return NULL;
    }
    for (int32_t y = 0; y < lv->h; y++) {
        for (int32_t x = 0; x < lv->w; x++) {
            tile_kind_t k = level_tile_at(lv, x, y);
            char c = tile_table[k].symbol;
            if (x == lv->harry_tx && y == lv->harry_ty) {
                c = 'H';
            } else if (x == lv->julie_tx && y == lv->julie_ty) {
                if (k == ground)
                    c = 'J';
                else
                    entity[lv->npc_count] = true;
            } else {
                for (int32_t i = 0; i < lv->npc_count; i++) {
                    if (lv->npcs[i].tx == x && lv->npcs[i].ty == y) {
                        if (k == ground)
                            c = 'd';
                        else
                            entity[i] = true;
                    }
                }
            }
            out_printf(&o, "%c", c);
        }
        out_printf(&o, "\n");
    }
    out_printf(&o, "end\n");
    if (entity[lv->npc_count])
        out_printf(&o, "julie %d %d\n", (int)lv->julie_tx, (int)lv->julie_ty);
    for (int32_t i = 0; i < lv->npc_count; i++)
        if (entity[i]) out_printf(&o, "diner %d %d\n", (int)lv->npcs[i].tx, (int)lv->npcs[i].ty);
    free(entity);
    if (o.failed) {
        free(o.buf);
        return NULL;
    }
    if (len_out) *len_out = o.len;
    return o.buf;
}
