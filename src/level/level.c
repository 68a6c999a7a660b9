/* The level model: tiles, objects, paths; one schema-driven way in for every
 * reader, one validation, one hash. */
#include "level/level.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FULL                                                                                       \
    {                                                                                              \
        0, 0, 16, 16                                                                               \
    }
static const tile_info_t tile_table[TILE_KIND_COUNT] = {
    [TILE_SIDEWALK] = {"sidewalk", '.', "sidewalk", false, 256, FULL},
    [TILE_ROAD] = {"road", '=', "road", false, 256, FULL},
    [TILE_ROAD_LANE] = {"road_lane", '-', "road with lane marking", false, 256, FULL},
    [TILE_CROSSWALK] = {"crosswalk", ':', "crosswalk", false, 256, FULL},
    [TILE_GRASS] = {"grass", '"', "grass", false, 230, FULL},
    [TILE_TREE] = {"palm", 'T', "palm tree", true, 256, {4, 4, 8, 10}},
    [TILE_WATER] = {"water", 'w', "water", true, 256, FULL},
    [TILE_TAR] = {"tar", '~', "tar", false, 96, FULL},
    [TILE_WALL] = {"wall", '#', "wall", true, 256, FULL},
    [TILE_DOOR] = {"door", '+', "door", false, 256, FULL},
    [TILE_FENCE] = {"fence", '%', "fence", true, 256, FULL},
    [TILE_DINER_FLOOR] = {"diner_floor", '_', "diner floor", false, 256, FULL},
    [TILE_COUNTER] = {"counter", 'C', "counter", true, 256, FULL},
    [TILE_STOOL] = {"stool", 's', "stool", true, 256, {3, 3, 10, 10}},
    [TILE_BOOTH] = {"booth", 'B', "booth", true, 256, FULL},
    [TILE_PAYPHONE] = {"payphone", 'P', "payphone", true, 256, {2, 2, 12, 12}},
    [TILE_STREETLIGHT] = {"street_light", 'L', "street light", true, 256, {5, 5, 6, 7}},
    [TILE_NEON] = {"neon", 'N', "neon sign", true, 256, FULL},
    [TILE_MAMMOTH] = {"mammoth", 'M', "mammoth statue", true, 256, FULL},
    [TILE_MAMMOTH_YOUNG] = {"mammoth_young", 'm', "young mammoth statue", true, 256, FULL},
    [TILE_BENCH] = {"bench", 'b', "bench", true, 256, {0, 3, 16, 10}},
    [TILE_STORE_FLOOR] = {"store_floor", ',', "store floor", false, 256, FULL},
    [TILE_SHELF] = {"shelf", 'S', "shelf", true, 256, FULL},
    [TILE_MALL_FLOOR] = {"mall_floor", ';', "mall floor", false, 256, FULL},
    [TILE_SHUTTER] = {"shutter", '|', "shutter", true, 256, FULL},
    [TILE_ESCALATOR] = {"escalator", 'E', "escalator", false, 256, FULL},
    [TILE_ROOF] = {"rooftop", 'r', "rooftop", false, 256, FULL},
    [TILE_HELIPAD] = {"helipad", 'h', "helipad", false, 256, FULL},
    [TILE_VENT] = {"vent", 'v', "roof vent", true, 256, {1, 1, 14, 14}},
    [TILE_FIRE] = {"fire", 'F', "fire", true, 256, FULL},
    [TILE_SMOKE] = {"smoke", 'z', "smoke", false, 200, FULL},
    [TILE_TAR_SHALLOW] = {"tar_shallow", 'o', "shallow tar", false, 96, FULL},
    [TILE_GOLD] = {"gold_tiles", 'Y', "gold-tiled wall", true, 256, FULL},
    [TILE_MAY_SIGN] = {"may_sign", 'G', "May Company sign", true, 256, FULL},
    [TILE_SHOP_WINDOW] = {"shop_window", 'Q', "shop window", true, 256, FULL},
    [TILE_TOWER] = {"tower", 'A', "apartment tower", true, 256, FULL},
    [TILE_HEDGE] = {"hedge", 'k', "hedge", true, 256, FULL},
    [TILE_SHOPFRONT] = {"shopfront", 'W', "shop front window", true, 256, FULL},
    [TILE_COURTYARD] = {"courtyard", 'c', "courtyard paving", false, 256, FULL},
};
#undef FULL

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

level_diag_t *level_diag_add(level_diags_t *d, level_severity_t sev, int32_t line, int32_t col,
                             const char *fmt, ...)
{
    if (!d) return NULL;
    if (sev == LEVEL_ERROR) d->errors++;
    /* Errors stay in view: they are kept before the warnings, and when the
     * list is full an error takes the place of the last warning. */
    int32_t at = d->count;
    if (sev == LEVEL_ERROR)
        for (at = 0; at < d->count && d->items[at].severity == LEVEL_ERROR;) at++;
    if (d->count >= LEVEL_MAX_ERRORS) {
        d->dropped++;
        if (sev != LEVEL_ERROR || at >= d->count) return NULL;
        d->count--; /* the last warning goes */
    }
    memmove(&d->items[at + 1], &d->items[at], (size_t)(d->count - at) * sizeof d->items[0]);
    d->count++;
    level_diag_t *e = &d->items[at];
    e->file[0] = '\0';
    e->severity = sev;
    e->line = line;
    e->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return e;
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

level_t *level_create(int32_t w, int32_t h)
{
    if (w < 0 || h < 0 || w > LEVEL_MAX_W || h > LEVEL_MAX_H) return NULL;
    level_t *lv = calloc(1, sizeof *lv);
    if (!lv) return NULL;
    snprintf(lv->author, sizeof lv->author, "%s", LEVEL_NO_AUTHOR);
    snprintf(lv->music, sizeof lv->music, "level");
    lv->seed = 1;
    lv->ambient = 100;
    lv->version = LEVEL_FORMAT_VERSION;
    lv->w = w;
    lv->h = h;
    lv->harry = lv->julie = -1;
    lv->harry_tx = lv->harry_ty = lv->julie_tx = lv->julie_ty = -1;
    return lv;
}

void level_free(level_t *level)
{
    free(level);
}

static size_t utf8_chars(const char *s, size_t n);
static bool parse_int(const char *v, size_t n, int64_t *out);

/* ---- level-wide keys ------------------------------------------------------- */

static bool set_level_text(level_diags_t *d, const char *key, const char *v, size_t n, int32_t line,
                           int32_t col, char *dst, size_t cap, size_t max_chars)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f) {
            level_diag_add(d, LEVEL_ERROR, line, col + (int32_t)i,
                           "'%s' holds a control character (a line break?); use plain text", key);
            return false;
        }
    }
    size_t chars = utf8_chars(v, n);
    if (chars > max_chars || n > cap - 1) {
        level_diag_add(d, LEVEL_ERROR, line, col + (int32_t)max_chars,
                       "'%s' is %zu characters long; the most is %zu", key, chars, max_chars);
        return false;
    }
    memcpy(dst, v, n);
    dst[n] = '\0';
    return true;
}

static const char *const medal_names[LEVEL_MEDALS] = {"bronze", "silver", "gold"};

/* "medals = BRONZE SILVER GOLD": three finishing times in whole seconds,
 * each harder than the one before; each number is named at its column. */
static bool set_medals(level_t *lv, level_diags_t *d, const char *v, size_t n, int32_t line,
                       int32_t col)
{
    int32_t got[LEVEL_MEDALS], at[LEVEL_MEDALS];
    size_t i = 0;
    int count = 0;
    for (;;) {
        while (i < n && (v[i] == ' ' || v[i] == '\t')) i++;
        if (i >= n) break;
        size_t start = i;
        while (i < n && v[i] != ' ' && v[i] != '\t') i++;
        int64_t num = 0;
        int32_t c = col + (int32_t)start;
        if (count >= LEVEL_MEDALS) {
            level_diag_add(d, LEVEL_ERROR, line, c,
                           "'medals' takes three finishing times (bronze, silver, gold), not "
                           "more");
            return false;
        }
        if (!parse_int(v + start, i - start, &num) || num < 1 || num > LEVEL_MAX_TIME_S) {
            level_diag_add(d, LEVEL_ERROR, line, c,
                           "the %s medal's time must be a whole number of seconds from 1 to %d",
                           medal_names[count], LEVEL_MAX_TIME_S);
            return false;
        }
        got[count] = (int32_t)num;
        at[count++] = c;
    }
    if (count != LEVEL_MEDALS) {
        level_diag_add(d, LEVEL_ERROR, line, col,
                       "'medals' takes three finishing times in seconds, bronze, silver and "
                       "gold, each faster than the one before, like 'medals = 26 23 20'");
        return false;
    }
    for (int m = 1; m < LEVEL_MEDALS; m++) {
        if (got[m] >= got[m - 1]) {
            level_diag_add(d, LEVEL_ERROR, line, at[m],
                           "the %s medal's time (%d s) must be faster than %s's (%d s)",
                           medal_names[m], (int)got[m], medal_names[m - 1], (int)got[m - 1]);
            return false;
        }
    }
    memcpy(lv->medal_s, got, sizeof got);
    memcpy(lv->medal_col, at, sizeof at);
    lv->medal_line = line;
    return true;
}

bool level_set_key(level_t *lv, level_diags_t *d, const char *key, const char *v, size_t n,
                   int32_t line, int32_t col)
{
    int64_t num = 0;
    if (strcmp(key, "name") == 0)
        return set_level_text(d, key, v, n, line, col, lv->name, sizeof lv->name, LEVEL_NAME_MAX);
    if (strcmp(key, "author") == 0)
        return set_level_text(d, key, v, n, line, col, lv->author, sizeof lv->author,
                              LEVEL_NAME_MAX);
    if (strcmp(key, "story") == 0)
        return set_level_text(d, key, v, n, line, col, lv->story, sizeof lv->story, LEVEL_TEXT_MAX);
    if (strcmp(key, "music") == 0)
        return set_level_text(d, key, v, n, line, col, lv->music, sizeof lv->music, LEVEL_NAME_MAX);
    if (strcmp(key, "hour") == 0)
        return set_level_text(d, key, v, n, line, col, lv->hour, sizeof lv->hour, LEVEL_HOUR_MAX);
    if (strcmp(key, "place") == 0)
        return set_level_text(d, key, v, n, line, col, lv->place, sizeof lv->place, LEVEL_NAME_MAX);
    if (strcmp(key, "ambient") == 0) {
        if (!parse_int(v, n, &num) || num < 0 || num > 100) {
            level_diag_add(d, LEVEL_ERROR, line, col,
                           "'ambient' must be a whole number from 0 (dark) to 100 (the "
                           "night's usual light)");
            return false;
        }
        lv->ambient = (int32_t)num;
        return true;
    }
    if (strcmp(key, "time") == 0) {
        if (!parse_int(v, n, &num) || num < 0) {
            level_diag_add(d, LEVEL_ERROR, line, col,
                           "'time' must be a whole number of seconds, like 'time = 90'");
        } else if (num < LEVEL_MIN_TIME_S || num > LEVEL_MAX_TIME_S) {
            level_diag_add(d, LEVEL_ERROR, line, col,
                           "'time' is %lld seconds; it must be from %d to %d", (long long)num,
                           LEVEL_MIN_TIME_S, LEVEL_MAX_TIME_S);
        } else {
            lv->time_s = (int32_t)num;
            return true;
        }
        return false;
    }
    if (strcmp(key, "par") == 0) {
        if (!parse_int(v, n, &num) || num < 0) {
            level_diag_add(d, LEVEL_ERROR, line, col,
                           "'par' must be a whole number of seconds, like 'par = 45'");
        } else if (num < 1 || num > LEVEL_MAX_TIME_S) {
            level_diag_add(d, LEVEL_ERROR, line, col,
                           "'par' is %lld seconds; it must be from 1 to %d", (long long)num,
                           LEVEL_MAX_TIME_S);
        } else {
            lv->par_s = (int32_t)num;
            return true;
        }
        return false;
    }
    if (strcmp(key, "seed") == 0) {
        if (!parse_int(v, n, &num) || num < 0 || num > (int64_t)UINT32_MAX) {
            level_diag_add(d, LEVEL_ERROR, line, col,
                           "'seed' must be a whole number from 0 to 4294967295");
            return false;
        }
        lv->seed = (uint32_t)num;
        return true;
    }
    if (strcmp(key, "medals") == 0) return set_medals(lv, d, v, n, line, col);
    if (strcmp(key, "expert") == 0) {
        if (!parse_int(v, n, &num) || num < 1 || num > LEVEL_MAX_TIME_S * 60) {
            level_diag_add(d, LEVEL_ERROR, line, col,
                           "'expert' must be the expert run's finishing time in ticks (60 a "
                           "second), from 1 to %d, like 'expert = 1123'",
                           LEVEL_MAX_TIME_S * 60);
            return false;
        }
        lv->expert_ticks = (int32_t)num;
        lv->expert_line = line;
        lv->expert_col = col;
        return true;
    }
    level_diag_add(d, LEVEL_ERROR, line, col,
                   "unknown key '%s'; known keys are name, author, story, time, par, music, "
                   "seed, hour, place, ambient, medals, expert",
                   key);
    return false;
}

void level_medal_ticks_of(int32_t time_s, int32_t par_s, const int32_t medal_s[LEVEL_MEDALS],
                          int32_t out[LEVEL_MEDALS])
{
    if (medal_s && medal_s[LEVEL_MEDAL_GOLD] > 0) {
        for (int i = 0; i < LEVEL_MEDALS; i++) out[i] = medal_s[i] * 60;
        return;
    }
    int32_t par = par_s > 0 && par_s <= time_s ? par_s : time_s * 2 / 3;
    out[LEVEL_MEDAL_GOLD] = par * 60;
    out[LEVEL_MEDAL_SILVER] = (par + (time_s - par) / 3) * 60;
    out[LEVEL_MEDAL_BRONZE] = (par + (time_s - par) * 2 / 3) * 60;
}

void level_medal_ticks(const level_t *lv, int32_t out[LEVEL_MEDALS])
{
    level_medal_ticks_of(lv->time_s, lv->par_s, lv->medal_s, out);
}

/* ---- objects -------------------------------------------------------------- */

static bool is_id_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

/* Characters (not bytes) in UTF-8 text. */
static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80) c++;
    return c;
}

static uint32_t object_id(int32_t kind, int32_t x, int32_t y)
{
    uint32_t h = 2166136261u;
    int32_t v[3] = {kind, x, y};
    for (int i = 0; i < 3; i++)
        for (int b = 0; b < 4; b++) {
            h ^= (uint32_t)((v[i] >> (8 * b)) & 0xff);
            h *= 16777619u;
        }
    return h;
}

int32_t level_add_object(level_t *lv, level_diags_t *d, int32_t kind, int32_t x, int32_t y,
                         int32_t w, int32_t h, int32_t line, int32_t col)
{
    const kind_schema_t *k = level_kind(kind);
    if (!k) {
        level_diag_add(d, LEVEL_ERROR, line, col, "unknown kind of object; known kinds are %s",
                       level_kind_names());
        return -1;
    }
    if (!k->placeable) {
        level_diag_add(d, LEVEL_ERROR, line, col,
                       "a %s cannot be placed by itself: lanes bring them (see 'lane')", k->name);
        return -1;
    }
    if (lv->object_count >= LEVEL_MAX_OBJECTS) {
        level_diag_add(d, LEVEL_ERROR, line, col, "more than %d objects in this level",
                       LEVEL_MAX_OBJECTS);
        return -1;
    }
    if (x < 0 || y < 0 || x >= lv->w || y >= lv->h) {
        level_diag_add(d, LEVEL_ERROR, line, col, "(%d, %d) is outside the %dx%d map", (int)x,
                       (int)y, (int)lv->w, (int)lv->h);
        return -1;
    }
    if (k->place == PLACE_POINT) w = h = 1;
    if (w < 1 || h < 1 || x + w > lv->w || y + h > lv->h) {
        level_diag_add(d, LEVEL_ERROR, line, col,
                       "the %s's area (%d x %d tiles from (%d, %d)) does not fit in the map",
                       k->name, (int)w, (int)h, (int)x, (int)y);
        return -1;
    }
    int32_t i = lv->object_count++;
    level_object_t *o = &lv->objects[i];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->x = x;
    o->y = y;
    o->w = w;
    o->h = h;
    o->line = line;
    o->col = col;
    for (int32_t p = 0; p < k->prop_count; p++) o->props[p] = k->props[p].def;
    return i;
}

int32_t level_prop_index(int32_t kind, const char *key)
{
    const kind_schema_t *k = level_kind(kind);
    if (!k) return -1;
    /* Read every tick by behaviours: the first letter rules most out. */
    for (int32_t p = 0; p < k->prop_count; p++)
        if (k->props[p].key[0] == key[0] && strcmp(k->props[p].key, key) == 0) return p;
    return -1;
}

static int32_t word_index(const char *const *words, const char *v, size_t n)
{
    for (int32_t i = 0; words && words[i]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], v, n) == 0) return i;
    return -1;
}

static void words_list(const char *const *words, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int32_t i = 0; words && words[i] && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? ", " : "", words[i]);
}

/* Strict integer with an optional minus sign. */
static bool parse_int(const char *v, size_t n, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (n > 0 && v[0] == '-') {
        neg = true;
        i = 1;
    }
    if (i >= n || n - i > 10) return false;
    int64_t x = 0;
    for (; i < n; i++) {
        if (v[i] < '0' || v[i] > '9') return false;
        x = x * 10 + (v[i] - '0');
    }
    *out = neg ? -x : x;
    return true;
}

bool level_set_prop(level_t *lv, level_diags_t *d, int32_t obj, const char *key, size_t key_len,
                    const char *v, size_t n, int32_t line, int32_t kcol, int32_t col)
{
    if (obj < 0 || obj >= lv->object_count) return false;
    level_object_t *o = &lv->objects[obj];
    const kind_schema_t *k = level_kind(o->kind);
    char kbuf[32];
    if (key_len >= sizeof kbuf) key_len = sizeof kbuf - 1;
    memcpy(kbuf, key, key_len);
    kbuf[key_len] = '\0';
    int64_t num = 0;
    if (strcmp(kbuf, "name") == 0) {
        bool ok = n > 0 && n <= LEVEL_ID_MAX;
        for (size_t i = 0; ok && i < n; i++) ok = is_id_char(v[i]);
        if (!ok) {
            level_diag_add(d, LEVEL_ERROR, line, col,
                           "a name is 1 to %d letters, digits, '_' or '-', like 'name=back_door'",
                           LEVEL_ID_MAX);
            return false;
        }
        memcpy(o->name, v, n);
        o->name[n] = '\0';
        return true;
    }
    if ((strcmp(kbuf, "w") == 0 || strcmp(kbuf, "h") == 0) && k->place == PLACE_AREA) {
        bool is_w = kbuf[0] == 'w';
        int32_t room = is_w ? lv->w - o->x : lv->h - o->y;
        if (!parse_int(v, n, &num) || num < 1 || num > room) {
            level_diag_add(d, LEVEL_ERROR, line, col,
                           "'%s' is the area's %s in tiles, from 1 to %d here (the map's edge)",
                           kbuf, is_w ? "width" : "height", (int)room);
            return false;
        }
        if (is_w)
            o->w = (int32_t)num;
        else
            o->h = (int32_t)num;
        return true;
    }
    int32_t p = level_prop_index(o->kind, kbuf);
    if (p < 0) {
        char known[256] = "";
        size_t m = (size_t)snprintf(known, sizeof known, "name");
        if (k->place == PLACE_AREA) m += (size_t)snprintf(known + m, sizeof known - m, ", w, h");
        for (int32_t i = 0; i < k->prop_count && m < sizeof known; i++)
            m += (size_t)snprintf(known + m, sizeof known - m, ", %s", k->props[i].key);
        level_diag_add(d, LEVEL_ERROR, line, kcol, "a %s has no property '%s'; it has %s", k->name,
                       kbuf, known);
        return false;
    }
    const prop_schema_t *ps = &k->props[p];
    char words[200];
    switch (ps->type) {
    case PROP_INT:
        if (!parse_int(v, n, &num) || num < ps->min || num > ps->max) {
            level_diag_add(d, LEVEL_ERROR, line, col,
                           "'%s' must be a whole number from %d to %d (%s)", ps->key, (int)ps->min,
                           (int)ps->max, ps->doc);
            return false;
        }
        o->props[p] = (int32_t)num;
        break;
    case PROP_BOOL: {
        static const char *const bools[] = {"false", "true", "no", "yes", "0", "1", NULL};
        int32_t b = word_index(bools, v, n);
        if (b < 0) {
            level_diag_add(d, LEVEL_ERROR, line, col, "'%s' must be true or false", ps->key);
            return false;
        }
        o->props[p] = b % 2;
        break;
    }
    case PROP_ENUM: {
        int32_t e = word_index(ps->words, v, n);
        if (e < 0) {
            words_list(ps->words, words, sizeof words);
            level_diag_add(d, LEVEL_ERROR, line, col, "'%s' must be one of %s", ps->key, words);
            return false;
        }
        o->props[p] = e;
        break;
    }
    case PROP_TEXT:
        for (size_t i = 0; i < n; i++) {
            if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f) {
                level_diag_add(d, LEVEL_ERROR, line, col + (int32_t)i,
                               "'%s' holds a control character; use plain text", ps->key);
                return false;
            }
        }
        if (utf8_chars(v, n) > LEVEL_TEXT_MAX || n > LEVEL_TEXT_BYTES) {
            level_diag_add(d, LEVEL_ERROR, line, col, "'%s' is %zu characters long; the most is %d",
                           ps->key, utf8_chars(v, n), LEVEL_TEXT_MAX);
            return false;
        }
        {
            /* A '"' becomes the typographic quote the text format writes, in
             * every reader, so a level reads back the same through any format. */
            size_t m = 0;
            for (size_t i = 0; i < n && m < LEVEL_TEXT_BYTES; i++) {
                if (v[i] == '"') {
                    if (m + 3 > LEVEL_TEXT_BYTES) break;
                    memcpy(o->text + m, "\xe2\x80\x9d", 3);
                    m += 3;
                } else {
                    o->text[m++] = v[i];
                }
            }
            o->text[m] = '\0';
        }
        o->props[p] = 1;
        break;
    case PROP_PATH:
    case PROP_OBJECT: {
        bool ok = n > 0 && n <= LEVEL_ID_MAX;
        for (size_t i = 0; ok && i < n; i++) ok = is_id_char(v[i]);
        if (!ok) {
            level_diag_add(d, LEVEL_ERROR, line, col, "'%s' must name a %s, like '%s=%s'", ps->key,
                           ps->type == PROP_PATH ? "path" : "named object", ps->key,
                           ps->type == PROP_PATH ? "beat" : "back_door");
            return false;
        }
        memcpy(o->refs[p], v, n);
        o->refs[p][n] = '\0';
        o->props[p] = -1; /* resolved by level_finish */
        break;
    }
    case PROP_KINDS: {
        int32_t bits = 0;
        size_t a = 0;
        while (a <= n) {
            size_t b = a;
            while (b < n && v[b] != ',') b++;
            int32_t e = word_index(ps->words, v + a, b - a);
            if (e < 0) {
                words_list(ps->words, words, sizeof words);
                level_diag_add(d, LEVEL_ERROR, line, col + (int32_t)a,
                               "'%s' is a list of %s, split by commas, like '%s=%s'", ps->key,
                               words, ps->key, ps->words[0]);
                return false;
            }
            bits |= 1 << e;
            a = b + 1;
        }
        o->props[p] = bits;
        break;
    }
    }
    o->set[p] = true;
    return true;
}

int32_t level_add_path(level_t *lv, level_diags_t *d, const char *name, size_t n, bool loop,
                       int32_t line, int32_t col)
{
    bool ok = n > 0 && n <= LEVEL_ID_MAX;
    for (size_t i = 0; ok && i < n; i++) ok = is_id_char(name[i]);
    if (!ok) {
        level_diag_add(d, LEVEL_ERROR, line, col,
                       "a path's name is 1 to %d letters, digits, '_' or '-', like 'path beat "
                       "loop 3,4 9,4'",
                       LEVEL_ID_MAX);
        return -1;
    }
    for (int32_t i = 0; i < lv->path_count; i++) {
        if (strlen(lv->paths[i].name) == n && memcmp(lv->paths[i].name, name, n) == 0) {
            level_diag_add(d, LEVEL_ERROR, line, col,
                           "a second path named '%.*s' (the first is on line %d)", (int)n, name,
                           (int)lv->paths[i].line);
            return -1;
        }
    }
    if (lv->path_count >= LEVEL_MAX_PATHS) {
        level_diag_add(d, LEVEL_ERROR, line, col, "more than %d paths in this level",
                       LEVEL_MAX_PATHS);
        return -1;
    }
    level_path_t *p = &lv->paths[lv->path_count];
    memset(p, 0, sizeof *p);
    memcpy(p->name, name, n);
    p->loop = loop;
    p->line = line;
    p->col = col;
    return lv->path_count++;
}

bool level_path_add_point(level_t *lv, level_diags_t *d, int32_t path, int32_t x, int32_t y,
                          int32_t line, int32_t col)
{
    if (path < 0 || path >= lv->path_count) return false;
    level_path_t *p = &lv->paths[path];
    if (p->count >= LEVEL_MAX_POINTS) {
        level_diag_add(d, LEVEL_ERROR, line, col, "path '%s' has more than %d points", p->name,
                       LEVEL_MAX_POINTS);
        return false;
    }
    if (x < 0 || y < 0 || x >= lv->w || y >= lv->h) {
        level_diag_add(d, LEVEL_ERROR, line, col,
                       "path '%s': the point (%d, %d) is outside the %dx%d map", p->name, (int)x,
                       (int)y, (int)lv->w, (int)lv->h);
        return false;
    }
    p->x[p->count] = x;
    p->y[p->count++] = y;
    return true;
}

int32_t level_key_colour(const level_t *lv, const level_object_t *o)
{
    int32_t c = o->kind == KIND_KEY        ? level_prop(lv, o, "colour")
                : o->kind == KIND_RESIDENT ? level_prop(lv, o, "gives")
                                           : -1;
    return c >= 0 && c < 4 ? c : -1; /* 4: 'none' in the colour words */
}

int32_t level_prop(const level_t *lv, const level_object_t *o, const char *key)
{
    (void)lv;
    int32_t p = level_prop_index(o->kind, key);
    return p < 0 ? 0 : o->props[p];
}

int32_t level_find_kind(const level_t *lv, int32_t kind)
{
    for (int32_t i = 0; i < lv->object_count; i++)
        if (lv->objects[i].kind == kind) return i;
    return -1;
}

void level_prop_text(const level_t *lv, const level_object_t *o, int32_t p, char *buf, size_t cap)
{
    buf[0] = '\0';
    const kind_schema_t *k = level_kind(o->kind);
    if (!k || p < 0 || p >= k->prop_count) return;
    const prop_schema_t *ps = &k->props[p];
    int32_t v = o->props[p];
    switch (ps->type) {
    case PROP_INT:
        if (v != ps->def) snprintf(buf, cap, "%d", (int)v);
        break;
    case PROP_BOOL:
        if (v != ps->def) snprintf(buf, cap, "%s", v ? "true" : "false");
        break;
    case PROP_ENUM:
        if (v != ps->def) snprintf(buf, cap, "%s", ps->words[v]);
        break;
    case PROP_TEXT:
        snprintf(buf, cap, "%s", o->text);
        break;
    case PROP_PATH:
        if (v >= 0 && v < lv->path_count) snprintf(buf, cap, "%s", lv->paths[v].name);
        break;
    case PROP_OBJECT:
        if (v >= 0 && v < lv->object_count) snprintf(buf, cap, "%s", lv->objects[v].name);
        break;
    case PROP_KINDS: {
        if (v == ps->def) break;
        size_t n = 0;
        for (int32_t i = 0; ps->words[i] && n < cap; i++)
            if (v & (1 << i))
                n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? "," : "", ps->words[i]);
        break;
    }
    }
}

/* ---- finishing: order, names, checks --------------------------------------- */

static int compare_objects(const level_object_t *a, const level_object_t *b)
{
    if (a->y != b->y) return a->y < b->y ? -1 : 1;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    return 0;
}

/* Objects in reading order (row by row, then by kind), stable: every format
 * gives the same order, so the same level plays the same. */
static void sort_objects(level_t *lv)
{
    for (int32_t i = 1; i < lv->object_count; i++) {
        level_object_t t = lv->objects[i];
        int32_t j = i - 1;
        while (j >= 0 && compare_objects(&lv->objects[j], &t) > 0) {
            lv->objects[j + 1] = lv->objects[j];
            j--;
        }
        lv->objects[j + 1] = t;
    }
}

/* Whether a straight run between two tiles stays on walkable ground. */
static bool segment_open(const level_t *lv, int32_t x0, int32_t y0, int32_t x1, int32_t y1,
                         int32_t *bx, int32_t *by)
{
    int32_t dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int32_t err = dx + dy;
    for (;;) {
        if (level_solid_at(lv, x0, y0)) {
            *bx = x0;
            *by = y0;
            return false;
        }
        if (x0 == x1 && y0 == y1) return true;
        int32_t e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

static void check_paths(const level_t *lv, level_diags_t *d)
{
    for (int32_t i = 0; i < lv->path_count; i++) {
        const level_path_t *p = &lv->paths[i];
        if (p->count < 2) {
            level_diag_add(d, LEVEL_ERROR, p->line, p->col,
                           "path '%s' needs at least two points, like 'path %s 3,4 9,4'", p->name,
                           p->name);
            continue;
        }
        int32_t segs = p->loop ? p->count : p->count - 1;
        for (int32_t s = 0; s < segs; s++) {
            int32_t a = s, b = (s + 1) % p->count, bx = 0, by = 0;
            if (!segment_open(lv, p->x[a], p->y[a], p->x[b], p->y[b], &bx, &by)) {
                level_diag_add(d, LEVEL_ERROR, p->line, p->col,
                               "path '%s' runs into a %s at (%d, %d), between its points (%d, "
                               "%d) and (%d, %d)",
                               p->name, tile_table[level_tile_at(lv, bx, by)].name, (int)bx,
                               (int)by, (int)p->x[a], (int)p->y[a], (int)p->x[b], (int)p->y[b]);
                break;
            }
        }
    }
}

static int32_t find_object_named(const level_t *lv, const char *name)
{
    for (int32_t i = 0; i < lv->object_count; i++)
        if (lv->objects[i].name[0] && strcmp(lv->objects[i].name, name) == 0) return i;
    return -1;
}

static void resolve_refs(level_t *lv, level_diags_t *d)
{
    for (int32_t i = 0; i < lv->object_count; i++) {
        level_object_t *o = &lv->objects[i];
        const kind_schema_t *k = level_kind(o->kind);
        for (int32_t j = 0; j < i; j++) {
            if (o->name[0] && strcmp(o->name, lv->objects[j].name) == 0) {
                level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                               "a second object named '%s' (the first is on line %d)", o->name,
                               (int)lv->objects[j].line);
                break;
            }
        }
        for (int32_t p = 0; p < k->prop_count; p++) {
            const prop_schema_t *ps = &k->props[p];
            if (ps->required && !o->set[p]) {
                level_diag_add(d, LEVEL_ERROR, o->line, o->col, "this %s needs '%s=' (%s)", k->name,
                               ps->key, ps->doc);
                continue;
            }
            if (!o->set[p]) {
                if (ps->type == PROP_PATH || ps->type == PROP_OBJECT) o->props[p] = -1;
                continue;
            }
            if (ps->type == PROP_PATH) {
                o->props[p] = -1;
                for (int32_t q = 0; q < lv->path_count; q++)
                    if (strcmp(lv->paths[q].name, o->refs[p]) == 0) o->props[p] = q;
                if (o->props[p] < 0)
                    level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                                   "this %s's %s is '%s', but no path has that name (add a line "
                                   "'path %s X,Y X,Y ...')",
                                   k->name, ps->key, o->refs[p], o->refs[p]);
            } else if (ps->type == PROP_OBJECT) {
                o->props[p] = find_object_named(lv, o->refs[p]);
                if (o->props[p] < 0)
                    level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                                   "this %s's %s is '%s', but no object has that name (give it "
                                   "'name=%s')",
                                   k->name, ps->key, o->refs[p], o->refs[p]);
            }
        }
    }
}

/* The colour words of keys and doors (the schema's list; the last is none). */
#define COLOUR_WORD_NONE 4
static const char *door_colour_word(int32_t c)
{
    const kind_schema_t *k = level_kind(KIND_DOOR);
    int32_t p = level_prop_index(KIND_DOOR, "colour");
    return p >= 0 && c >= 0 && c <= COLOUR_WORD_NONE ? k->props[p].words[c] : "?";
}

static void check_objects(level_t *lv, level_diags_t *d)
{
    int32_t people = 0;
    int32_t unique_seen[KIND_COUNT];
    for (int32_t i = 0; i < KIND_COUNT; i++) unique_seen[i] = -1;
    for (int32_t i = 0; i < lv->object_count; i++) {
        const level_object_t *o = &lv->objects[i];
        const kind_schema_t *k = level_kind(o->kind);
        if (k->unique) {
            if (unique_seen[o->kind] >= 0) {
                const level_object_t *f = &lv->objects[unique_seen[o->kind]];
                level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                               "a second %s (the first is at line %d, column %d); a level has "
                               "one",
                               o->kind == KIND_HARRY ? "Harry" : "Julie", (int)f->line,
                               (int)f->col);
            } else {
                unique_seen[o->kind] = i;
            }
        }
        if (k->person && ++people == LEVEL_MAX_PEOPLE + 1)
            level_diag_add(d, LEVEL_ERROR, o->line, o->col, "more than %d people in this level",
                           LEVEL_MAX_PEOPLE);
        if (!k->on_solid && k->place == PLACE_POINT && level_solid_at(lv, o->x, o->y))
            level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                           "a %s would stand in a %s at (%d, %d); put it on open ground", k->name,
                           tile_table[level_tile_at(lv, o->x, o->y)].name, (int)o->x, (int)o->y);
        /* Its tile draws it: anywhere else it would cry from nothing. */
        if (o->kind == KIND_YOUNG_MAMMOTH && level_tile_at(lv, o->x, o->y) != TILE_MAMMOTH_YOUNG)
            level_diag_add(d, LEVEL_WARNING, o->line, o->col,
                           "a young_mammoth stands on a young mammoth tile ('m'), not a %s, at "
                           "(%d, %d)",
                           tile_table[level_tile_at(lv, o->x, o->y)].name, (int)o->x, (int)o->y);
        if (k->person) {
            for (int32_t j = 0; j < i; j++) {
                const level_object_t *q = &lv->objects[j];
                if (level_kind(q->kind)->person && q->x == o->x && q->y == o->y) {
                    level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                                   "a %s and a %s on one tile (%d, %d); two people cannot share "
                                   "a tile",
                                   level_kind(q->kind)->name, k->name, (int)o->x, (int)o->y);
                    break;
                }
            }
        }
        /* Links that must point at the right kind of thing. */
        if (o->kind == KIND_TRIGGER) {
            int32_t act = level_prop(lv, o, "do"), target = level_prop(lv, o, "target");
            static const int32_t wants[] = {-1, KIND_DOOR, KIND_LANE, -1, -1};
            static const char *const what[] = {"", "door", "lane", "", ""};
            if (act >= 0 && act < 5 && wants[act] >= 0) {
                if (target < 0)
                    level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                                   "a trigger that does '%s' needs 'target=' naming the %s",
                                   act == 1 ? "open" : "lane", what[act]);
                else if (lv->objects[target].kind != wants[act])
                    level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                                   "this trigger's target '%s' is a %s, not a %s",
                                   lv->objects[target].name,
                                   level_kind(lv->objects[target].kind)->name, what[act]);
            }
            if (act == 0 && !o->text[0])
                level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                               "a trigger that shows a story needs 'text=\"...\"'");
        }
        if (o->kind == KIND_DOOR) {
            int32_t c = level_prop(lv, o, "colour");
            const char *cname = door_colour_word(c);
            bool opened = false;
            for (int32_t j = 0; j < lv->object_count && !opened; j++) {
                const level_object_t *q = &lv->objects[j];
                if (c != COLOUR_WORD_NONE)
                    opened = level_key_colour(lv, q) == c;
                else
                    opened = q->kind == KIND_TRIGGER && level_prop(lv, q, "target") == i;
            }
            if (!opened && c != COLOUR_WORD_NONE)
                level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                               "a %s door with no %s key in the level; add 'key X Y colour=%s'",
                               cname, cname, cname);
            else if (!opened)
                level_diag_add(d, LEVEL_WARNING, o->line, o->col,
                               "a door with colour=none opens only by a trigger, and no trigger "
                               "targets it (give it a name and add 'trigger X Y do=open "
                               "target=NAME')");
        }
        tile_kind_t under = level_tile_at(lv, o->x, o->y);
        if (o->kind == KIND_LANE && under != TILE_ROAD && under != TILE_ROAD_LANE &&
            under != TILE_CROSSWALK)
            level_diag_add(d, LEVEL_WARNING, o->line, o->col,
                           "this lane starts on %s, not a road; cars will drive over it",
                           tile_table[level_tile_at(lv, o->x, o->y)].name);
    }
}

void level_finish(level_t *lv, level_diags_t *d)
{
    sort_objects(lv);
    resolve_refs(lv, d);
    check_paths(lv, d);
    check_objects(lv, d);
    lv->harry = level_find_kind(lv, KIND_HARRY);
    lv->julie = level_find_kind(lv, KIND_JULIE);
    lv->harry_tx = lv->harry_ty = lv->julie_tx = lv->julie_ty = -1;
    lv->harry_line = lv->harry_col = lv->julie_line = lv->julie_col = 0;
    if (lv->harry >= 0) {
        const level_object_t *o = &lv->objects[lv->harry];
        lv->harry_tx = o->x;
        lv->harry_ty = o->y;
        lv->harry_line = o->line;
        lv->harry_col = o->col;
    }
    if (lv->julie >= 0) {
        const level_object_t *o = &lv->objects[lv->julie];
        lv->julie_tx = o->x;
        lv->julie_ty = o->y;
        lv->julie_line = o->line;
        lv->julie_col = o->col;
    }
    for (int32_t i = 0; i < lv->object_count; i++) {
        level_object_t *o = &lv->objects[i];
        o->id = object_id(o->kind, o->x, o->y);
    }
    if (!lv->name[0]) level_diag_add(d, LEVEL_ERROR, 0, 0, "the level has no name");
    if (lv->time_s < LEVEL_MIN_TIME_S || lv->time_s > LEVEL_MAX_TIME_S)
        level_diag_add(d, LEVEL_ERROR, 0, 0, "the clock ('time') must be from %d to %d seconds",
                       LEVEL_MIN_TIME_S, LEVEL_MAX_TIME_S);
    else if (lv->par_s > lv->time_s)
        level_diag_add(d, LEVEL_ERROR, 0, 0, "'par' (%d s) is longer than the clock (%d s)",
                       (int)lv->par_s, (int)lv->time_s);
    /* Medals and the expert are finishing times: each within the clock. */
    for (int m = 0; m < LEVEL_MEDALS && lv->time_s > 0; m++) {
        if (lv->medal_s[m] > lv->time_s) {
            level_diag_add(d, LEVEL_ERROR, lv->medal_line, lv->medal_col[m],
                           "the %s medal's time (%d s) is longer than the clock (%d s)",
                           medal_names[m], (int)lv->medal_s[m], (int)lv->time_s);
            break;
        }
    }
    if (lv->time_s > 0 && lv->expert_ticks > lv->time_s * 60)
        level_diag_add(d, LEVEL_ERROR, lv->expert_line, lv->expert_col,
                       "'expert' (%d ticks, %d.%02d s) is longer than the clock (%d s)",
                       (int)lv->expert_ticks, (int)(lv->expert_ticks / 60),
                       (int)(lv->expert_ticks % 60 * 100 / 60), (int)lv->time_s);
    if (lv->w < LEVEL_MIN_W || lv->h < LEVEL_MIN_H)
        level_diag_add(d, LEVEL_ERROR, 0, 0, "the map is %dx%d tiles; the smallest is %dx%d",
                       (int)lv->w, (int)lv->h, LEVEL_MIN_W, LEVEL_MIN_H);
    if (lv->harry < 0)
        level_diag_add(d, LEVEL_ERROR, lv->map_line, lv->map_line ? 1 : 0,
                       "no Harry in this level: put one 'H' in the map where he starts (or a "
                       "'harry X Y' line, or a harry object in Tiled)");
    if (lv->julie < 0)
        level_diag_add(d, LEVEL_ERROR, lv->map_line, lv->map_line ? 1 : 0,
                       "no Julie in this level: put one 'J' in the map where she waits (or a "
                       "'julie X Y' line, or a julie object in Tiled)");
}

/* ---- the play hash ------------------------------------------------------- */

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

/* Properties a kind gained after levels were sealed with replays (the
 * payphone's starts_clock): left out of the hash while at their default,
 * so those replays stay valid. */
static bool late_prop(int32_t kind, int32_t p)
{
    return kind == KIND_PAYPHONE && p >= 2;
}

uint64_t level_hash(const level_t *lv)
{
    uint64_t h = 0xcbf29ce484222325ull;
    h = fnv_i32(h, LEVEL_FORMAT_VERSION);
    h = fnv_i32(h, lv->time_s);
    h = fnv_i32(h, (int32_t)lv->seed);
    h = fnv_i32(h, lv->w);
    h = fnv_i32(h, lv->h);
    h = fnv(h, lv->tiles, (size_t)lv->w * (size_t)lv->h);
    h = fnv_i32(h, lv->object_count);
    for (int32_t i = 0; i < lv->object_count; i++) {
        const level_object_t *o = &lv->objects[i];
        const kind_schema_t *k = level_kind(o->kind);
        h = fnv_i32(h, o->kind);
        h = fnv_i32(h, o->x);
        h = fnv_i32(h, o->y);
        h = fnv_i32(h, o->w);
        h = fnv_i32(h, o->h);
        for (int32_t p = 0; p < k->prop_count; p++) {
            if (late_prop(o->kind, p) && o->props[p] == k->props[p].def) continue;
            h = fnv_i32(h, o->props[p]);
        }
        h = fnv(h, o->text, strlen(o->text) + 1);
    }
    h = fnv_i32(h, lv->path_count);
    for (int32_t i = 0; i < lv->path_count; i++) {
        const level_path_t *p = &lv->paths[i];
        h = fnv_i32(h, p->loop);
        h = fnv_i32(h, p->count);
        for (int32_t j = 0; j < p->count; j++) {
            h = fnv_i32(h, p->x[j]);
            h = fnv_i32(h, p->y[j]);
        }
    }
    return h;
}
