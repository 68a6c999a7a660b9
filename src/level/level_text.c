/* The plain-text level format (levels/README.md): a header of keys, the
 * map, then objects and paths. Versions 1 to 3 are read; version 3 is
 * written. The reader builds the level through the model's own functions
 * (level_add_object, level_set_prop, level_add_path, level_finish), as the
 * Tiled reader does. */
#include "level/level.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARKER_HARRY 'H'
#define MARKER_JULIE 'J'
#define MARKER_DINER 'd'

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

enum {
    KEY_NAME,
    KEY_AUTHOR,
    KEY_STORY,
    KEY_TIME,
    KEY_PAR,
    KEY_GROUND,
    KEY_MUSIC,
    KEY_SEED,
    KEY_HOUR,
    KEY_PLACE,
    KEY_AMBIENT,
    KEY_MEDALS,
    KEY_EXPERT,
    KEY_COUNT
};
static const char *const key_names[KEY_COUNT] = {"name",    "author", "story", "time", "par",
                                                 "ground",  "music",  "seed",  "hour", "place",
                                                 "ambient", "medals", "expert"};

static const char known_symbols[] =
    ". = - : \" T w ~ # + % _ C s B P L N M m b , S ; | E r h v F z Y G Q, markers H J d";

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
                       "ground, music, seed, hour, place, ambient, medals, expert",
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
        line_view_t raw = trim(l, NULL);
        bool hash = raw.len > 0 && memchr(raw.p, '#', raw.len) != NULL;
        if (hash)
            level_diag_add(d, LEVEL_ERROR, l.number, vcol,
                           "'%s' has no value: a '#' after a space or '=' starts a comment%s",
                           key_names[k],
                           k == KEY_GROUND ? "; walls cannot be the ground anyway" : "");
        else
            level_diag_add(d, LEVEL_ERROR, l.number, vcol, "'%s' has no value", key_names[k]);
        return;
    }
    switch (k) {
    case KEY_NAME:
    case KEY_AUTHOR:
    case KEY_STORY:
    case KEY_MUSIC:
    case KEY_TIME:
    case KEY_PAR:
    case KEY_SEED:
    case KEY_HOUR:
    case KEY_PLACE:
    case KEY_AMBIENT:
    case KEY_MEDALS:
    case KEY_EXPERT:
        /* The model's own rules for level-wide keys, as Tiled's reader uses. */
        level_set_key(lv, d, key_names[k], val.p, val.len, l.number, vcol);
        break;
    case KEY_GROUND: {
        int tk = val.len == 1 ? level_tile_from_symbol(val.p[0]) : -1;
        if (tk < 0) {
            level_diag_add(d, LEVEL_ERROR, l.number, vcol,
                           "'ground' must be one tile character, like 'ground = .'");
        } else if (level_tile_info((tile_kind_t)tk)->solid) {
            level_diag_add(d, LEVEL_ERROR, l.number, vcol,
                           "'ground' is '%c' (%s), which is solid; the ground under Harry, "
                           "Julie and the people must be walkable",
                           val.p[0], level_tile_info((tile_kind_t)tk)->name);
        } else {
            *ground = tk;
        }
        break;
    }
    default:
        break;
    }
}

typedef struct map_state {
    int32_t first_line;
    int32_t ground;
} map_state_t;

static void map_row(level_t *lv, level_diags_t *d, line_view_t l, map_state_t *ms)
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
    bool in_map = y < LEVEL_MAX_H && lv->w <= LEVEL_MAX_W;
    for (size_t x = 0; x < l.len; x++) {
        char c = l.p[x];
        int32_t col = (int32_t)x + 1;
        int tk = level_tile_from_symbol(c);
        int32_t kind = c == MARKER_HARRY   ? KIND_HARRY
                       : c == MARKER_JULIE ? KIND_JULIE
                       : c == MARKER_DINER ? KIND_DINER
                                           : -1;
        if (kind >= 0) {
            tk = ms->ground;
            if (in_map && (int32_t)x < lv->w) {
                lv->tiles[y * lv->w + (int32_t)x] = (uint8_t)tk;
                level_add_object(lv, d, kind, (int32_t)x, y, 1, 1, l.number, col);
            }
            continue;
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
            tk = ms->ground;
        }
        if (in_map && (int32_t)x < lv->w) lv->tiles[y * lv->w + (int32_t)x] = (uint8_t)tk;
    }
}

/* ---- lines after the map --------------------------------------------------- */

/* One word of an object line: a run of non-space bytes, where a value in
 * double quotes may hold spaces (and '#'). */
typedef struct token {
    const char *p;
    size_t len;
    int32_t col;
} token_t;

/* Splits a line into tokens; a '#' that starts a token starts a comment.
 * Returns the count, or -1 (after an error) for an unclosed quote. */
static int split_tokens(level_diags_t *d, line_view_t l, token_t *out, int cap)
{
    int n = 0;
    size_t i = 0;
    while (i < l.len) {
        while (i < l.len && is_space(l.p[i])) i++;
        if (i >= l.len || l.p[i] == '#') break;
        size_t a = i;
        bool quoted = false;
        while (i < l.len && (quoted || !is_space(l.p[i]))) {
            if (l.p[i] == '"') quoted = !quoted;
            i++;
        }
        if (quoted) {
            level_diag_add(d, LEVEL_ERROR, l.number, (int32_t)a + 1,
                           "a value in double quotes has no closing '\"'");
            return -1;
        }
        if (n == cap) {
            level_diag_add(d, LEVEL_ERROR, l.number, (int32_t)a + 1,
                           "too many words on one line (the most is %d)", cap);
            return -1;
        }
        out[n].p = l.p + a;
        out[n].len = i - a;
        out[n].col = (int32_t)a + 1;
        n++;
    }
    return n;
}

static bool token_int(token_t t, int64_t *v)
{
    line_view_t lv = {t.p, t.len, 0};
    return parse_int(lv, v);
}

/* "path NAME [loop] X,Y X,Y ..." */
static void path_line(level_t *lv, level_diags_t *d, const token_t *t, int n, int32_t line)
{
    if (n < 2) {
        level_diag_add(d, LEVEL_ERROR, line, t[0].col,
                       "a path needs a name and points, like 'path beat loop 3,4 9,4 9,8'");
        return;
    }
    int i = 2;
    bool loop = false;
    if (i < n && t[i].len == 4 && memcmp(t[i].p, "loop", 4) == 0) {
        loop = true;
        i++;
    }
    int32_t p = level_add_path(lv, d, t[1].p, t[1].len, loop, line, t[0].col);
    if (p < 0) return;
    for (; i < n; i++) {
        const char *comma = memchr(t[i].p, ',', t[i].len);
        int64_t x = -1, y = -1;
        token_t a = {t[i].p, comma ? (size_t)(comma - t[i].p) : 0, t[i].col};
        token_t b = {comma ? comma + 1 : t[i].p, comma ? t[i].len - a.len - 1 : 0, t[i].col};
        if (!comma || !token_int(a, &x) || !token_int(b, &y)) {
            level_diag_add(d, LEVEL_ERROR, line, t[i].col,
                           "a path's point is a column and a row split by a comma, like '12,4'");
            return;
        }
        if (!level_path_add_point(lv, d, p, (int32_t)x, (int32_t)y, line, t[i].col)) return;
    }
}

/* "KIND X Y key=value ..." (version 2: harry, julie and diner X Y only). */
static void object_line(level_t *lv, level_diags_t *d, line_view_t l, int32_t version)
{
    token_t t[2 + LEVEL_MAX_PROPS + 4];
    int n = split_tokens(d, l, t, (int)(sizeof t / sizeof t[0]));
    if (n <= 0) return;
    if (version >= 3 && t[0].len == 4 && memcmp(t[0].p, "path", 4) == 0) {
        path_line(lv, d, t, n, l.number);
        return;
    }
    int32_t kind = level_kind_find(t[0].p, t[0].len);
    if (version < 3 && kind != KIND_HARRY && kind != KIND_JULIE && kind != KIND_DINER) {
        level_diag_add(d, LEVEL_ERROR, l.number, t[0].col,
                       "expected 'harry X Y', 'julie X Y' or 'diner X Y' after the map, or a "
                       "comment (other objects need 'miraclemile-level 3')");
        return;
    }
    if (kind < 0) {
        level_diag_add(d, LEVEL_ERROR, l.number, t[0].col,
                       "unknown kind '%.*s'; after the map come objects (%s), 'path' lines and "
                       "comments",
                       (int)(t[0].len > 24 ? 24 : t[0].len), t[0].p, level_kind_names());
        return;
    }
    int64_t x = -1, y = -1;
    if (n < 3 || !token_int(t[1], &x) || !token_int(t[2], &y)) {
        int32_t c = n > 1 ? t[1].col : t[0].col + (int32_t)t[0].len;
        level_diag_add(d, LEVEL_ERROR, l.number, c,
                       "'%.*s' needs a column and a row counted from 0, like '%.*s 3 4'",
                       (int)t[0].len, t[0].p, (int)t[0].len, t[0].p);
        return;
    }
    if (x >= LEVEL_MAX_W || y >= LEVEL_MAX_H) x = y = LEVEL_MAX_W; /* reported as outside */
    if (version < 3 && n > 3) {
        level_diag_add(d, LEVEL_ERROR, l.number, t[3].col,
                       "properties after an object need 'miraclemile-level 3'");
        return;
    }
    int32_t obj = level_add_object(lv, d, kind, (int32_t)x, (int32_t)y, 1, 1, l.number, t[1].col);
    if (obj < 0) return;
    for (int i = 3; i < n; i++) {
        const char *eq = memchr(t[i].p, '=', t[i].len);
        if (!eq || eq == t[i].p) {
            level_diag_add(d, LEVEL_ERROR, l.number, t[i].col,
                           "expected 'key=value' (no spaces round '='), like 'speed=90'");
            continue;
        }
        size_t klen = (size_t)(eq - t[i].p);
        const char *v = eq + 1;
        size_t vlen = t[i].len - klen - 1;
        if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
            v++;
            vlen -= 2;
            /* The format has no escape for a quote inside quotes (the writer
             * turns one into a typographic quote), so none is read either. */
            const char *q = memchr(v, '"', vlen);
            if (q) {
                level_diag_add(
                    d, LEVEL_ERROR, l.number, t[i].col + (int32_t)klen + 2 + (int32_t)(q - v),
                    "a '\"' inside a value in double quotes ends it: write ' or \xe2\x80\x9d "
                    "instead");
                continue;
            }
        } else if (memchr(v, '"', vlen)) {
            level_diag_add(d, LEVEL_ERROR, l.number, t[i].col + (int32_t)klen + 1,
                           "a value with a '\"' must be all in double quotes: key=\"...\"");
            continue;
        }
        level_set_prop(lv, d, obj, t[i].p, klen, v, vlen, l.number, t[i].col,
                       t[i].col + (int32_t)klen + 1);
    }
}

level_t *level_parse(const char *buf, size_t len, level_diags_t *d)
{
    level_diags_t scratch;
    if (!d) d = &scratch;
    memset(d, 0, sizeof *d);
    level_t *lv = level_create(0, 0);
    if (!lv) {
        level_diag_add(d, LEVEL_ERROR, 0, 0, "out of memory");
        return NULL;
    }
    lv->version = 0;

    reader_t r = {buf, len, 0, 0};
    line_view_t l;
    enum { ST_HEADER, ST_KEYS, ST_MAP, ST_AFTER } st = ST_HEADER;
    int32_t key_line[KEY_COUNT] = {0};
    int ground = TILE_SIDEWALK;
    map_state_t ms = {0, TILE_SIDEWALK};
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
            ms.ground = ground;
            if (lv->h < LEVEL_MAX_H + 1) map_row(lv, d, l, &ms);
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
        } else if (lv->version >= 2) {         /* ST_AFTER: objects and paths */
            if (lv->h > LEVEL_MAX_H) continue; /* the map already failed */
            object_line(lv, d, l, lv->version);
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
        bool size_ok = true;
        if (lv->h == 0 && st == ST_AFTER) {
            level_diag_add(d, LEVEL_ERROR, map_line + 1, 1, "the map has no rows");
            size_ok = false;
        } else if (lv->h > 0 && (lv->w < LEVEL_MIN_W || lv->h < LEVEL_MIN_H)) {
            level_diag_add(d, LEVEL_ERROR, map_line + 1, 1,
                           "the map is %dx%d tiles; the smallest is %dx%d", (int)lv->w, (int)lv->h,
                           LEVEL_MIN_W, LEVEL_MIN_H);
            size_ok = false;
        }
        if (lv->time_s && lv->par_s > lv->time_s)
            level_diag_add(d, LEVEL_ERROR, key_line[KEY_PAR], 1,
                           "'par' (%d s) is longer than the clock's 'time' (%d s)", (int)lv->par_s,
                           (int)lv->time_s);
        if (!key_line[KEY_PAR] && lv->time_s) lv->par_s = lv->time_s * 2 / 3;
        if (lv->h > LEVEL_MAX_H) lv->h = LEVEL_MAX_H;
        if (lv->w > LEVEL_MAX_W) lv->w = LEVEL_MAX_W;
        /* A missing Harry or Julie is reported at the 'map' line. */
        lv->map_line = map_line;
        if (size_ok && lv->h > 0) {
            /* The checks of the model (level_finish) speak of the level as a
             * whole; the header's own messages above already cover these. */
            level_diags_t *fin = calloc(1, sizeof *fin);
            if (fin) {
                level_finish(lv, fin);
                for (int32_t i = 0; i < fin->count; i++) {
                    const level_diag_t *e = &fin->items[i];
                    if (e->line == 0 && e->col == 0) continue; /* name, clock: said above */
                    level_diag_add(d, e->severity, e->line, e->col, "%s", e->message);
                }
                free(fin);
            }
        }
        lv->map_line = ms.first_line;
    }
    if (d->errors > 0) {
        free(lv);
        return NULL;
    }
    return lv;
}

/* ---- the writer -------------------------------------------------------------- */

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

static bool is_marker_kind(int32_t kind)
{
    return kind == KIND_HARRY || kind == KIND_JULIE || kind == KIND_DINER;
}

static void out_object(text_out_t *o, const level_t *lv, const level_object_t *ob)
{
    const kind_schema_t *k = level_kind(ob->kind);
    out_printf(o, "%s %d %d", k->name, (int)ob->x, (int)ob->y);
    if (ob->name[0]) out_printf(o, " name=%s", ob->name);
    if (k->place == PLACE_AREA) out_printf(o, " w=%d h=%d", (int)ob->w, (int)ob->h);
    for (int32_t p = 0; p < k->prop_count; p++) {
        char v[LEVEL_TEXT_BYTES + 1];
        level_prop_text(lv, ob, p, v, sizeof v);
        if (!v[0]) continue;
        if (k->props[p].type == PROP_TEXT) {
            /* A '"' cannot be written inside quotes: it becomes a typographic one. */
            out_printf(o, " %s=\"", k->props[p].key);
            for (size_t i = 0; v[i]; i++) {
                if (v[i] == '"')
                    out_printf(o, "\xe2\x80\x9d");
                else
                    out_printf(o, "%c", v[i]);
            }
            out_printf(o, "\"");
        } else {
            out_printf(o, " %s=%s", k->props[p].key, v);
        }
    }
    out_printf(o, "\n");
}

char *level_write_text(const level_t *lv, size_t *len_out)
{
    text_out_t o = {malloc(4096), 0, 4096, false};
    if (!o.buf) return NULL;
    o.buf[0] = '\0';
    /* Markers stand on the ground: take it from under Harry; anything on
     * another tile, or with properties, is written after the map. */
    tile_kind_t ground =
        lv->harry >= 0 ? level_tile_at(lv, lv->harry_tx, lv->harry_ty) : TILE_SIDEWALK;
    if (level_tile_info(ground)->solid) ground = TILE_SIDEWALK;
    out_printf(&o, "miraclemile-level %d\n", LEVEL_FORMAT_VERSION);
    out_value(&o, "name", lv->name);
    out_value(&o, "author", lv->author);
    if (lv->story[0]) out_value(&o, "story", lv->story);
    out_printf(&o, "time = %d\npar = %d\n", (int)lv->time_s, (int)lv->par_s);
    out_printf(&o, "ground = %c\n", level_tile_info(ground)->symbol);
    out_value(&o, "music", lv->music);
    out_printf(&o, "seed = %u\n", (unsigned)lv->seed);
    if (lv->hour[0]) out_value(&o, "hour", lv->hour);
    if (lv->place[0]) out_value(&o, "place", lv->place);
    if (lv->ambient != 100) out_printf(&o, "ambient = %d\n", (int)lv->ambient);
    if (lv->medal_s[LEVEL_MEDAL_GOLD] > 0)
        out_printf(&o, "medals = %d %d %d\n", (int)lv->medal_s[LEVEL_MEDAL_BRONZE],
                   (int)lv->medal_s[LEVEL_MEDAL_SILVER], (int)lv->medal_s[LEVEL_MEDAL_GOLD]);
    if (lv->expert_ticks > 0) out_printf(&o, "expert = %d\n", (int)lv->expert_ticks);
    out_printf(&o, "map\n");
    bool *as_marker = calloc((size_t)lv->object_count + 1, sizeof *as_marker);
    char *row = malloc((size_t)lv->w + 2);
    if (!as_marker || !row) {
        free(as_marker);
        free(row);
        free(o.buf);
        return NULL;
    }
    for (int32_t i = 0; i < lv->object_count; i++) {
        const level_object_t *ob = &lv->objects[i];
        as_marker[i] =
            is_marker_kind(ob->kind) && !ob->name[0] && level_tile_at(lv, ob->x, ob->y) == ground;
        for (int32_t p = 0; p < level_kind(ob->kind)->prop_count && as_marker[i]; p++)
            as_marker[i] = !ob->set[p];
    }
    for (int32_t y = 0; y < lv->h; y++) {
        for (int32_t x = 0; x < lv->w; x++)
            row[x] = level_tile_info(level_tile_at(lv, x, y))->symbol;
        for (int32_t i = 0; i < lv->object_count; i++) {
            const level_object_t *ob = &lv->objects[i];
            if (as_marker[i] && ob->y == y)
                row[ob->x] = ob->kind == KIND_HARRY   ? MARKER_HARRY
                             : ob->kind == KIND_JULIE ? MARKER_JULIE
                                                      : MARKER_DINER;
        }
        row[lv->w] = '\0';
        out_printf(&o, "%s\n", row);
    }
    out_printf(&o, "end\n");
    for (int32_t i = 0; i < lv->path_count; i++) {
        const level_path_t *p = &lv->paths[i];
        out_printf(&o, "path %s%s", p->name, p->loop ? " loop" : "");
        for (int32_t j = 0; j < p->count; j++) out_printf(&o, " %d,%d", (int)p->x[j], (int)p->y[j]);
        out_printf(&o, "\n");
    }
    for (int32_t i = 0; i < lv->object_count; i++)
        if (!as_marker[i]) out_object(&o, lv, &lv->objects[i]);
    free(as_marker);
    free(row);
    if (o.failed) {
        free(o.buf);
        return NULL;
    }
    if (len_out) *len_out = o.len;
    return o.buf;
}
