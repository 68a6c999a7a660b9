#include "level/tiled.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <jansson.h>
#include <zlib.h>

#define TILED_MAX_LAYERS 32
#define TILED_MAX_OBJECTS 512
#define TILED_MAX_TILESETS 16
#define TILED_MAX_TILESET_TILES 4096
#define TILED_MAX_DEPTH 32
#define GID_MASK 0x0fffffffu /* the top bits are flip flags */

/* ---- the map as read, whatever the format -------------------------------- */

typedef struct tiled_prop {
    char name[32];
    char type[16]; /* Tiled's: string, int, float, bool, color, file, object, class */
    char *value;   /* malloc'd, whole: the level model says what is too long */
    int32_t line, col;
} tiled_prop_t;

/* Any number of properties: a level maker's own never push out the game's. */
#define TILED_MAX_PROPS 4096
typedef struct tiled_props {
    tiled_prop_t *items;
    int32_t count, cap;
} tiled_props_t;

typedef struct tiled_layer {
    uint32_t *gids; /* w * h */
    int32_t line, col;
} tiled_layer_t;

typedef enum tiled_shape { SHAPE_BOX, SHAPE_POLYLINE, SHAPE_POLYGON } tiled_shape_t;

typedef struct tiled_object {
    char type[32]; /* class or type; empty if none */
    char name[LEVEL_ID_MAX + 1];
    bool long_name; /* longer than a level name: never an id */
    long id;        /* Tiled's object id, what 'object' properties hold */
    tiled_props_t props;
    double x, y, w, h;
    double rotation; /* degrees clockwise, round (x, y) */
    uint32_t gid;
    tiled_shape_t shape;
    /* What the object itself sets; the rest comes from its template. */
    char tmpl[128];
    bool has_type, has_name, has_w, has_h, has_gid, has_rotation;
    bool tmpl_failed; /* its template could not be read (said): skipped */
    /* Point offsets from (x, y); one more than a path holds, so the level
     * model reports the excess. */
    int32_t npoints;
    double px[LEVEL_MAX_POINTS + 1], py[LEVEL_MAX_POINTS + 1];
    int32_t lvobj; /* the level object made from it, or -1 */
    int32_t line, col;
} tiled_object_t;

typedef struct tiled_tileset {
    uint32_t firstgid;
    int32_t count;  /* tiles with a known id range (max id + 1) */
    int16_t *kinds; /* tile id -> tile kind, or -1 */
    char file[128]; /* the external file, for messages */
    bool broken;    /* could not be read: its tiles are not reported again */
} tiled_tileset_t;

typedef struct tiled_map {
    const char *path;
    const tiled_io_t *io;
    level_diags_t *d;
    int32_t w, h;
    int32_t map_line, map_col; /* the <map> element, for level-wide messages */
    tiled_props_t props;
    int32_t nlayers;
    tiled_layer_t layers[TILED_MAX_LAYERS];
    int32_t nobjects;
    tiled_object_t objects[TILED_MAX_OBJECTS];
    int32_t ntilesets;
    tiled_tileset_t tilesets[TILED_MAX_TILESETS];
    bool fatal; /* stop reading: the map cannot be represented */
    /* JSON text being read, and where the last position was found in it. */
    const char *jbuf;
    size_t jlen, jat;
    int32_t jline, jcol;
} tiled_map_t;

static void diag(level_diags_t *d, const char *file, level_severity_t sev, int32_t line,
                 int32_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void diag(level_diags_t *d, const char *file, level_severity_t sev, int32_t line,
                 int32_t col, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int32_t before = d->count;
    level_diag_add(d, sev, line, col, "%s", msg);
    if (file && d->count > before)
        snprintf(d->items[before].file, sizeof d->items[0].file, "%s", file);
}

/* "an isometric", "a hexagonal", "a staggered": English wants the article. */
static const char *article(const char *word)
{
    return word && strchr("aeiouAEIOU", word[0]) && word[0] ? "an" : "a";
}

static int strcasecmp_ascii(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
        if (x != y || !x) return x - y;
    }
}

/* The first character that is not white space: '<' for XML, '{' for JSON.
 * Files are read by what they hold, whatever their name says. */
static char content_kind(const char *buf, size_t len)
{
    size_t i = 0;
    while (i < len && isspace((unsigned char)buf[i])) i++;
    return i < len ? buf[i] : '\0';
}

static void props_free(tiled_props_t *ps)
{
    for (int32_t i = 0; i < ps->count; i++) free(ps->items[i].value);
    free(ps->items);
    memset(ps, 0, sizeof *ps);
}

static void map_free(tiled_map_t *m)
{
    for (int32_t i = 0; i < m->nlayers; i++) free(m->layers[i].gids);
    for (int32_t i = 0; i < m->ntilesets; i++) free(m->tilesets[i].kinds);
    for (int32_t i = 0; i < m->nobjects; i++) props_free(&m->objects[i].props);
    props_free(&m->props);
}

static char *dup_text(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out) return NULL;
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* Adds a property; returns its index, or -1 (out of memory, or past the
 * sanity limit: reported). */
static int32_t set_prop(level_diags_t *d, tiled_props_t *ps, const char *name, const char *type,
                        const char *value, int32_t line, int32_t col)
{
    if (ps->count >= TILED_MAX_PROPS) {
        level_diag_add(d, LEVEL_ERROR, line, col, "more than %d properties in one place",
                       TILED_MAX_PROPS);
        return -1;
    }
    if (ps->count >= ps->cap) {
        int32_t cap = ps->cap ? ps->cap * 2 : 8;
        tiled_prop_t *items = realloc(ps->items, (size_t)cap * sizeof *items);
        if (!items) return -1;
        ps->items = items;
        ps->cap = cap;
    }
    char *v = dup_text(value ? value : "", value ? strlen(value) : 0);
    if (!v) return -1;
    tiled_prop_t *p = &ps->items[ps->count];
    snprintf(p->name, sizeof p->name, "%s", name);
    snprintf(p->type, sizeof p->type, "%s", type ? type : "");
    p->value = v;
    p->line = line;
    p->col = col;
    return ps->count++;
}

/* The game's story and an object's line of text are one line each: the
 * lines of a multi-line string (Tiled's way of writing one) are joined with
 * a space. */
static void join_lines(char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i];) {
        if (s[i] != '\n' && s[i] != '\r') {
            s[o++] = s[i++];
            continue;
        }
        while (o > 0 && (s[o - 1] == ' ' || s[o - 1] == '\t')) o--;
        while (s[i] == '\n' || s[i] == '\r' || s[i] == ' ' || s[i] == '\t') i++;
        if (o > 0 && s[i]) s[o++] = ' ';
    }
    s[o] = '\0';
}

/* ---- layer data: CSV, base64, zlib, gzip ---------------------------------- */

static int b64_value(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

static unsigned char *b64_decode(const char *s, size_t len, size_t *out_len)
{
    unsigned char *out = malloc(len / 4 * 3 + 4);
    if (!out) return NULL;
    size_t n = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isspace(c)) continue;
        if (c == '=') break;
        int v = b64_value(c);
        if (v < 0) {
            free(out);
            return NULL;
        }
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (unsigned char)((acc >> bits) & 0xff);
        }
    }
    *out_len = n;
    return out;
}

/* Inflates zlib or gzip data (zlib tells them apart by their headers). */
static unsigned char *inflate_all(const unsigned char *in, size_t len, size_t want, size_t *out_len)
{
    unsigned char *out = malloc(want ? want : 1);
    if (!out) return NULL;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 32) != Z_OK) {
        free(out);
        return NULL;
    }
    zs.next_in = (Bytef *)(uintptr_t)in;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)want;
    int rc = inflate(&zs, Z_FINISH);
    *out_len = want - zs.avail_out;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}

/* Fills gids (w*h) from a layer's data text; false with a message on error. */
static bool decode_layer(tiled_map_t *m, const char *text, size_t len, const char *encoding,
                         const char *compression, uint32_t *gids, int32_t line, int32_t col)
{
    size_t cells = (size_t)m->w * (size_t)m->h;
    if (!encoding || !*encoding || strcmp(encoding, "csv") == 0) {
        size_t n = 0, i = 0;
        while (i < len) {
            while (i < len && (isspace((unsigned char)text[i]) || text[i] == ',')) i++;
            if (i >= len) break;
            if (!isdigit((unsigned char)text[i])) {
                diag(m->d, NULL, LEVEL_ERROR, line, col,
                     "layer data holds '%c', which is not a tile number", text[i]);
                return false;
            }
            uint64_t v = 0;
            while (i < len && isdigit((unsigned char)text[i])) {
                v = v * 10 + (uint64_t)(text[i] - '0');
                if (v > UINT32_MAX) v = UINT32_MAX;
                i++;
            }
            if (n < cells) gids[n] = (uint32_t)v;
            n++;
        }
        if (n != cells) {
            diag(m->d, NULL, LEVEL_ERROR, line, col,
                 "the layer has %zu tiles but the map is %dx%d (%zu)", n, (int)m->w, (int)m->h,
                 cells);
            return false;
        }
        return true;
    }
    if (strcmp(encoding, "base64") != 0) {
        diag(m->d, NULL, LEVEL_ERROR, line, col,
             "layer encoding '%s' is not supported; use CSV or Base64 in Tiled's map properties",
             encoding);
        return false;
    }
    size_t raw_len = 0;
    unsigned char *raw = b64_decode(text, len, &raw_len);
    if (!raw) {
        diag(m->d, NULL, LEVEL_ERROR, line, col, "the layer's Base64 data is damaged");
        return false;
    }
    unsigned char *bytes = raw;
    size_t nbytes = raw_len;
    if (compression && *compression) {
        if (strcmp(compression, "zlib") != 0 && strcmp(compression, "gzip") != 0) {
            diag(m->d, NULL, LEVEL_ERROR, line, col,
                 "layer compression '%s' is not supported; use zlib, gzip or none", compression);
            free(raw);
            return false;
        }
        bytes = inflate_all(raw, raw_len, cells * 4, &nbytes);
        free(raw);
        if (!bytes) {
            diag(m->d, NULL, LEVEL_ERROR, line, col, "the layer's %s data is damaged", compression);
            return false;
        }
    }
    if (nbytes != cells * 4) {
        diag(m->d, NULL, LEVEL_ERROR, line, col,
             "the layer's data holds %zu tiles but the map is %dx%d (%zu)", nbytes / 4, (int)m->w,
             (int)m->h, cells);
        free(bytes);
        return false;
    }
    for (size_t i = 0; i < cells; i++)
        gids[i] = (uint32_t)bytes[4 * i] | (uint32_t)bytes[4 * i + 1] << 8 |
                  (uint32_t)bytes[4 * i + 2] << 16 | (uint32_t)bytes[4 * i + 3] << 24;
    free(bytes);
    return true;
}

static tiled_layer_t *new_layer(tiled_map_t *m, int32_t line, int32_t col)
{
    if (m->nlayers >= TILED_MAX_LAYERS) {
        diag(m->d, NULL, LEVEL_ERROR, line, col, "more than %d tile layers", TILED_MAX_LAYERS);
        return NULL;
    }
    if (m->w <= 0 || m->h <= 0) {
        diag(m->d, NULL, LEVEL_ERROR, line, col, "a layer before the map's size is known");
        return NULL;
    }
    tiled_layer_t *l = &m->layers[m->nlayers];
    l->gids = calloc((size_t)m->w * (size_t)m->h, sizeof *l->gids);
    if (!l->gids) return NULL;
    l->line = line;
    l->col = col;
    m->nlayers++;
    return l;
}

/* ---- tilesets: each tile's meaning ---------------------------------------- */

static int16_t *tileset_kinds(tiled_tileset_t *ts, int32_t id)
{
    if (id < 0 || id >= TILED_MAX_TILESET_TILES) return NULL;
    if (id >= ts->count) {
        int16_t *k = realloc(ts->kinds, (size_t)(id + 1) * sizeof *k);
        if (!k) return NULL;
        for (int32_t i = ts->count; i <= id; i++) k[i] = -1;
        ts->kinds = k;
        ts->count = id + 1;
    }
    return &ts->kinds[id];
}

/* A tile's meaning from its 'tile' property or its type/class. */
static void tileset_set(tiled_map_t *m, tiled_tileset_t *ts, int32_t id, const char *meaning,
                        const char *file, int32_t line, int32_t col)
{
    if (!meaning || !*meaning) return;
    int k = level_tile_from_id(meaning);
    if (k < 0) {
        diag(m->d, file, LEVEL_ERROR, line, col,
             "tile %d means '%s', which is not a tile; known: %s", (int)id, meaning,
             level_tile_ids());
        return;
    }
    int16_t *slot = tileset_kinds(ts, id);
    if (!slot) {
        diag(m->d, file, LEVEL_ERROR, line, col, "tile id %d is out of range", (int)id);
        return;
    }
    *slot = (int16_t)k;
}

/* ---- TMX and TSX through expat -------------------------------------------- */

typedef enum ctx_kind { CTX_OTHER, CTX_MAP, CTX_TILE, CTX_OBJECT } ctx_kind_t;

typedef struct xml_state {
    tiled_map_t *m;
    XML_Parser p;
    const char *file; /* NULL for the map itself, else a tileset file */
    int depth;
    char stack[TILED_MAX_DEPTH][16];
    tiled_tileset_t *ts; /* the tileset being read */
    int32_t tile_id;
    char tile_meaning[64];
    int32_t tile_line, tile_col;
    tiled_object_t *obj;
    ctx_kind_t props_for;
    /* layer data being collected */
    bool in_data;
    char *data;
    size_t data_len, data_cap;
    char encoding[16], compression[16];
    int32_t data_line, data_col;
    tiled_layer_t *layer;
    size_t xml_tiles; /* <tile gid=".."/> children of <data> */
    /* A property whose value is its element text (a multi-line string). */
    ctx_kind_t text_for;
    int32_t text_prop; /* its index, or -1 */
    char *text;
    size_t text_len, text_cap;
    int hidden_depth; /* inside a hidden layer from this depth; 0: none */
    /* Reading a template (.tx): its object goes here; messages about the
     * file go to the object that uses it. */
    tiled_object_t *tmpl_into;
    const tiled_object_t *tmpl_user;
    const char *tmpl_file;
    bool tmpl_seen; /* its <object> */
    bool tmpl_bad;  /* not a template (said) */
} xml_state_t;

/* The file a message about the XML being read belongs to (NULL: the map). */
static const char *msg_file(const xml_state_t *s)
{
    return s->file ? s->file : s->tmpl_file;
}

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], name) == 0) return atts[i + 1];
    return NULL;
}

static bool attr_int(const char **atts, const char *name, long *out)
{
    const char *v = attr(atts, name);
    if (!v) return false;
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (end == v || *end) return false;
    *out = n;
    return true;
}

static double attr_num(const char **atts, const char *name)
{
    const char *v = attr(atts, name);
    return v ? strtod(v, NULL) : 0.0;
}

static int32_t xline(const xml_state_t *s)
{
    return (int32_t)XML_GetCurrentLineNumber(s->p);
}

static int32_t xcol(const xml_state_t *s)
{
    return (int32_t)XML_GetCurrentColumnNumber(s->p) + 1;
}

static const char *parent(const xml_state_t *s)
{
    return (s->depth >= 2 && s->depth - 2 < TILED_MAX_DEPTH) ? s->stack[s->depth - 2] : "";
}

static void read_external_tileset(tiled_map_t *m, tiled_tileset_t *ts, const char *source,
                                  int32_t line, int32_t col);

static bool in_tileset(const xml_state_t *s)
{
    if (s->file) return true;
    for (int i = 0; i < s->depth - 1 && i < TILED_MAX_DEPTH; i++)
        if (strcmp(s->stack[i], "tileset") == 0) return true;
    return false;
}

static void add_point(tiled_object_t *o, double x, double y)
{
    if (o->npoints > LEVEL_MAX_POINTS) return;
    o->px[o->npoints] = x;
    o->py[o->npoints++] = y;
}

/* TMX points: "x,y x,y ..." in pixels from the object's position. */
static void read_points(tiled_object_t *o, const char *pts)
{
    o->npoints = 0;
    for (const char *c = pts; c && *c;) {
        char *end = NULL;
        double x = strtod(c, &end);
        if (end == c || *end != ',') break;
        c = end + 1;
        double y = strtod(c, &end);
        if (end == c) break;
        add_point(o, x, y);
        c = end;
        while (*c == ' ') c++;
    }
}

static void start_tileset(xml_state_t *s, const char **atts)
{
    tiled_map_t *m = s->m;
    if (s->file) { /* the root of a .tsx file: the tileset is already made */
        return;
    }
    if (m->ntilesets >= TILED_MAX_TILESETS) {
        diag(m->d, NULL, LEVEL_ERROR, xline(s), xcol(s), "more than %d tilesets",
             TILED_MAX_TILESETS);
        return;
    }
    tiled_tileset_t *ts = &m->tilesets[m->ntilesets++];
    memset(ts, 0, sizeof *ts);
    long firstgid = 0;
    if (!attr_int(atts, "firstgid", &firstgid) || firstgid < 1) {
        diag(m->d, NULL, LEVEL_ERROR, xline(s), xcol(s), "a tileset without a valid firstgid");
        firstgid = 1;
    }
    ts->firstgid = (uint32_t)firstgid;
    s->ts = ts;
    const char *src = attr(atts, "source");
    if (src) read_external_tileset(m, ts, src, xline(s), xcol(s));
}

/* Tiled's editor-only data: terrain sets, export and chunk settings, old
 * terrains. Nothing the game needs, and nothing to warn about. */
static bool editor_only(const char *name)
{
    static const char *const names[] = {"wangsets",  "wangset",      "wangcolor",
                                        "wangtile",  "terraintypes", "terrain",
                                        "chunksize", "export",       "editorsettings"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0) return true;
    return false;
}

/* An <object>'s attributes, each noted as set (a template gives the rest). */
static void read_object_attrs(const xml_state_t *s, tiled_object_t *o, const char **atts)
{
    const char *t = attr(atts, "class");
    if (!t) t = attr(atts, "type");
    snprintf(o->type, sizeof o->type, "%s", t ? t : "");
    o->has_type = t != NULL;
    const char *on = attr(atts, "name");
    snprintf(o->name, sizeof o->name, "%s", on ? on : "");
    o->long_name = on && strlen(on) > LEVEL_ID_MAX;
    o->has_name = on != NULL;
    long id = 0;
    if (attr_int(atts, "id", &id)) o->id = id;
    o->lvobj = -1;
    o->x = attr_num(atts, "x");
    o->y = attr_num(atts, "y");
    o->w = attr_num(atts, "width");
    o->h = attr_num(atts, "height");
    o->has_w = attr(atts, "width") != NULL;
    o->has_h = attr(atts, "height") != NULL;
    o->rotation = attr_num(atts, "rotation");
    o->has_rotation = attr(atts, "rotation") != NULL;
    long gid = 0;
    if (attr_int(atts, "gid", &gid)) o->gid = (uint32_t)gid;
    o->has_gid = attr(atts, "gid") != NULL;
    o->line = xline(s);
    o->col = xcol(s);
}

/* A template file: <template>, maybe a <tileset> (for a tile object's
 * image), and one <object>; the rest goes through the usual handlers. */
static void start_template_element(xml_state_t *s, const char *name, const char **atts)
{
    const char *par = parent(s);
    if (strcmp(name, "template") == 0 || strcmp(name, "tileset") == 0) {
        /* The template's tileset draws a tile object in the editor: the
         * game needs only that it is one (its gid). */
    } else if (strcmp(name, "object") == 0 && strcmp(par, "template") == 0 && !s->tmpl_seen) {
        s->tmpl_seen = true;
        read_object_attrs(s, s->tmpl_into, atts);
        s->obj = s->tmpl_into;
    } else if (strcmp(name, "properties") == 0) {
    } else if (strcmp(name, "property") == 0) {
        const char *pn = attr(atts, "name"), *pv = attr(atts, "value"), *pt = attr(atts, "type");
        const char *owner =
            s->depth >= 3 && s->depth - 3 < TILED_MAX_DEPTH ? s->stack[s->depth - 3] : "";
        s->props_for = strcmp(par, "properties") == 0 && strcmp(owner, "object") == 0 && s->obj
                           ? CTX_OBJECT
                           : CTX_OTHER;
        s->text_prop = -1;
        if (!pn || s->props_for != CTX_OBJECT) return;
        if (strcmp(pn, "type") == 0 && pv) {
            snprintf(s->obj->type, sizeof s->obj->type, "%s", pv);
            s->obj->has_type = true;
        } else {
            s->text_prop = set_prop(s->m->d, &s->obj->props, pn, pt, pv, xline(s), xcol(s));
        }
        s->text_for = s->text_prop >= 0 && !pv ? CTX_OBJECT : CTX_OTHER;
        s->text_len = 0;
    } else if ((strcmp(name, "polyline") == 0 || strcmp(name, "polygon") == 0) &&
               strcmp(par, "object") == 0 && s->obj) {
        s->obj->shape = name[4] == 'g' ? SHAPE_POLYGON : SHAPE_POLYLINE;
        read_points(s->obj, attr(atts, "points"));
    } else if (strcmp(name, "point") == 0 || strcmp(name, "ellipse") == 0) {
    } else {
        diag(s->m->d, s->tmpl_file, LEVEL_WARNING, xline(s), xcol(s),
             "<%s> is not used by the game; ignored", name);
    }
}

static void start_element(void *ud, const char *name, const char **atts)
{
    xml_state_t *s = ud;
    tiled_map_t *m = s->m;
    if (s->depth < TILED_MAX_DEPTH) snprintf(s->stack[s->depth], sizeof s->stack[0], "%s", name);
    s->depth++;
    if (m->fatal) return;
    if (s->depth > TILED_MAX_DEPTH) {
        diag(m->d, msg_file(s), LEVEL_ERROR, xline(s), xcol(s),
             "elements nested more than %d deep; this is not a Tiled map", TILED_MAX_DEPTH);
        m->fatal = true;
        return;
    }
    if (s->hidden_depth || s->tmpl_bad) return;
    const char *par = parent(s);
    long n = 0;
    bool layer = strcmp(name, "layer") == 0 || strcmp(name, "objectgroup") == 0 ||
                 strcmp(name, "group") == 0 || strcmp(name, "imagelayer") == 0;
    if (layer && !s->tmpl_into && !in_tileset(s) && attr_int(atts, "visible", &n) && n == 0) {
        const char *ln = attr(atts, "name");
        diag(m->d, NULL, LEVEL_WARNING, xline(s), xcol(s),
             "the layer '%s' is hidden (its eye is shut in Tiled); ignored, with all in it",
             ln ? ln : "");
        s->hidden_depth = s->depth;
        return;
    }
    if (s->tmpl_into && s->depth == 1 && strcmp(name, "template") != 0) {
        diag(m->d, NULL, LEVEL_ERROR, s->tmpl_user->line, s->tmpl_user->col,
             "%s is not a Tiled template: it holds <%s>, not <template>", s->tmpl_file, name);
        s->tmpl_bad = true;
        return;
    }
    if (strcmp(name, "map") == 0 && s->depth == 1 && !s->file && !s->tmpl_into) {
        const char *orient = attr(atts, "orientation");
        if (orient && strcmp(orient, "orthogonal") != 0) {
            diag(m->d, NULL, LEVEL_ERROR, xline(s), xcol(s),
                 "this is %s %s map; the game reads orthogonal maps only", article(orient), orient);
            m->fatal = true;
        }
        if (attr_int(atts, "infinite", &n) && n != 0) {
            diag(m->d, NULL, LEVEL_ERROR, xline(s), xcol(s),
                 "this is an infinite map, which the game does not read; in Tiled, untick "
                 "Map > Map Properties > Infinite");
            m->fatal = true;
        }
        long tw = 16, th = 16, w = 0, h = 0;
        attr_int(atts, "tilewidth", &tw);
        attr_int(atts, "tileheight", &th);
        if (tw != LEVEL_TILE_PX || th != LEVEL_TILE_PX) {
            diag(m->d, NULL, LEVEL_ERROR, xline(s), xcol(s),
                 "tiles are %ldx%ld pixels; the game's are %dx%d", tw, th, LEVEL_TILE_PX,
                 LEVEL_TILE_PX);
            m->fatal = true;
        }
        if (!attr_int(atts, "width", &w) || !attr_int(atts, "height", &h) || w < LEVEL_MIN_W ||
            h < LEVEL_MIN_H || w > LEVEL_MAX_W || h > LEVEL_MAX_H) {
            diag(m->d, NULL, LEVEL_ERROR, xline(s), xcol(s),
                 "the map must be from %dx%d to %dx%d tiles", LEVEL_MIN_W, LEVEL_MIN_H, LEVEL_MAX_W,
                 LEVEL_MAX_H);
            m->fatal = true;
        }
        m->w = (int32_t)w;
        m->h = (int32_t)h;
        m->map_line = xline(s);
        m->map_col = xcol(s);
    } else if (s->tmpl_into) {
        start_template_element(s, name, atts);
    } else if (strcmp(name, "tileset") == 0) {
        start_tileset(s, atts);
    } else if (strcmp(name, "tile") == 0 && strcmp(par, "tileset") == 0) {
        long id = -1;
        attr_int(atts, "id", &id);
        s->tile_id = (int32_t)id;
        const char *t = attr(atts, "class");
        if (!t) t = attr(atts, "type");
        snprintf(s->tile_meaning, sizeof s->tile_meaning, "%s", t ? t : "");
        s->tile_line = xline(s);
        s->tile_col = xcol(s);
    } else if (strcmp(name, "tile") == 0 && strcmp(par, "data") == 0) {
        long gid = 0;
        attr_int(atts, "gid", &gid);
        if (s->layer && s->xml_tiles < (size_t)m->w * (size_t)m->h)
            s->layer->gids[s->xml_tiles] = (uint32_t)gid;
        s->xml_tiles++;
    } else if (strcmp(name, "properties") == 0) {
        /* Whose they are is decided at each <property> (a class property
         * nests <properties> of its own). */
    } else if (strcmp(name, "property") == 0) {
        const char *pn = attr(atts, "name"), *pv = attr(atts, "value"), *pt = attr(atts, "type");
        const char *owner =
            s->depth >= 3 && s->depth - 3 < TILED_MAX_DEPTH ? s->stack[s->depth - 3] : "";
        s->props_for = strcmp(par, "properties") != 0 ? CTX_OTHER
                       : strcmp(owner, "map") == 0    ? CTX_MAP
                       : strcmp(owner, "tile") == 0   ? CTX_TILE
                       : strcmp(owner, "object") == 0 ? CTX_OBJECT
                                                      : CTX_OTHER;
        s->text_prop = -1;
        if (!pn) return;
        if (s->props_for == CTX_MAP) {
            s->text_prop = set_prop(m->d, &m->props, pn, pt, pv, xline(s), xcol(s));
        } else if (s->props_for == CTX_TILE && strcmp(pn, "tile") == 0) {
            snprintf(s->tile_meaning, sizeof s->tile_meaning, "%s", pv ? pv : "");
        } else if (s->props_for == CTX_OBJECT && s->obj && strcmp(pn, "type") == 0 && pv) {
            snprintf(s->obj->type, sizeof s->obj->type, "%s", pv);
            s->obj->has_type = true;
        } else if (s->props_for == CTX_OBJECT && s->obj) {
            s->text_prop = set_prop(m->d, &s->obj->props, pn, pt, pv, xline(s), xcol(s));
        } else if (s->props_for == CTX_TILE && strcmp(pn, "solid") != 0) {
            /* 'solid' in our tileset only tells the maker; the tile's kind decides. */
            diag(m->d, msg_file(s), LEVEL_WARNING, xline(s), xcol(s),
                 "property '%s' is not used by the game; ignored", pn);
        }
        /* No value attribute: the value is the element's text (Tiled's
         * form for a string with line breaks). */
        s->text_for = s->text_prop >= 0 && !pv ? s->props_for : CTX_OTHER;
        s->text_len = 0;
    } else if (strcmp(name, "layer") == 0 && !in_tileset(s)) {
        s->layer = new_layer(m, xline(s), xcol(s));
        s->xml_tiles = 0;
    } else if (strcmp(name, "data") == 0) {
        const char *e = attr(atts, "encoding"), *c = attr(atts, "compression");
        snprintf(s->encoding, sizeof s->encoding, "%s", e ? e : "");
        snprintf(s->compression, sizeof s->compression, "%s", c ? c : "");
        s->in_data = true;
        s->data_len = 0;
        s->data_line = xline(s);
        s->data_col = xcol(s);
    } else if (strcmp(name, "chunk") == 0) {
        diag(m->d, NULL, LEVEL_ERROR, xline(s), xcol(s),
             "layer data in chunks belongs to infinite maps, which the game does not read");
        m->fatal = true;
    } else if (strcmp(name, "object") == 0 && in_tileset(s)) {
        /* A tile's collision shape: nothing the game uses. */
        s->obj = NULL;
    } else if (strcmp(name, "object") == 0) {
        if (m->nobjects >= TILED_MAX_OBJECTS) {
            diag(m->d, NULL, LEVEL_ERROR, xline(s), xcol(s), "more than %d objects",
                 TILED_MAX_OBJECTS);
            s->obj = NULL;
            return;
        }
        tiled_object_t *o = &m->objects[m->nobjects++];
        memset(o, 0, sizeof *o);
        read_object_attrs(s, o, atts);
        const char *tx = attr(atts, "template");
        snprintf(o->tmpl, sizeof o->tmpl, "%s", tx ? tx : "");
        s->obj = o;
    } else if ((strcmp(name, "polyline") == 0 || strcmp(name, "polygon") == 0) &&
               strcmp(par, "object") == 0) {
        if (s->obj) {
            s->obj->shape = name[4] == 'g' ? SHAPE_POLYGON : SHAPE_POLYLINE;
            read_points(s->obj, attr(atts, "points"));
        }
    } else if (strcmp(name, "objectgroup") == 0 || strcmp(name, "group") == 0 ||
               strcmp(name, "image") == 0 || strcmp(name, "point") == 0 ||
               strcmp(name, "ellipse") == 0 || strcmp(name, "editorsettings") == 0 ||
               strcmp(name, "export") == 0 || strcmp(name, "grid") == 0 ||
               strcmp(name, "tileoffset") == 0 || strcmp(name, "transformations") == 0 ||
               strcmp(name, "map") == 0 || editor_only(name)) {
        /* Known; nothing the game needs from them. */
    } else {
        diag(m->d, msg_file(s), LEVEL_WARNING, xline(s), xcol(s),
             "<%s> is not used by the game; ignored", name);
    }
}

static void apply_template(tiled_map_t *m, tiled_object_t *o);

static void end_element(void *ud, const char *name)
{
    xml_state_t *s = ud;
    tiled_map_t *m = s->m;
    s->depth--;
    if (s->hidden_depth) {
        if (s->depth < s->hidden_depth) s->hidden_depth = 0;
        return;
    }
    if (m->fatal) return;
    if (strcmp(name, "property") == 0 && s->text_for != CTX_OTHER && s->text_prop >= 0) {
        tiled_props_t *ps = s->text_for == CTX_MAP                ? &m->props
                            : s->text_for == CTX_OBJECT && s->obj ? &s->obj->props
                                                                  : NULL;
        char *v =
            ps && s->text_prop < ps->count ? dup_text(s->text ? s->text : "", s->text_len) : NULL;
        if (v) {
            free(ps->items[s->text_prop].value);
            ps->items[s->text_prop].value = v;
        }
        s->text_for = CTX_OTHER;
        s->text_prop = -1;
    } else if (strcmp(name, "tile") == 0 && s->ts && s->tile_id >= 0 && s->depth >= 1 &&
               s->depth - 1 < TILED_MAX_DEPTH && strcmp(s->stack[s->depth - 1], "tileset") == 0) {
        tileset_set(m, s->ts, s->tile_id, s->tile_meaning, s->file, s->tile_line, s->tile_col);
        s->tile_id = -1;
    } else if (strcmp(name, "data") == 0 && s->in_data) {
        s->in_data = false;
        if (s->layer && s->xml_tiles == 0)
            decode_layer(m, s->data ? s->data : "", s->data_len, s->encoding, s->compression,
                         s->layer->gids, s->data_line, s->data_col);
    } else if (strcmp(name, "object") == 0) {
        if (s->obj && !s->tmpl_into && s->obj->tmpl[0]) apply_template(m, s->obj);
        s->obj = NULL;
    } else if (strcmp(name, "tileset") == 0 && !s->file) {
        s->ts = NULL;
    }
}

static void append_text(char **buf, size_t *len, size_t *cap, const char *text, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t c = (*cap + n + 1) * 2;
        char *p = realloc(*buf, c);
        if (!p) return;
        *buf = p;
        *cap = c;
    }
    memcpy(*buf + *len, text, n);
    *len += n;
    (*buf)[*len] = '\0';
}

static void char_data(void *ud, const char *text, int len)
{
    xml_state_t *s = ud;
    if (len <= 0 || s->hidden_depth) return;
    if (s->in_data)
        append_text(&s->data, &s->data_len, &s->data_cap, text, (size_t)len);
    else if (s->text_for != CTX_OTHER && s->text_prop >= 0)
        append_text(&s->text, &s->text_len, &s->text_cap, text, (size_t)len);
}

/* Runs expat over a TMX map or a TSX tileset. */
static void xml_read(tiled_map_t *m, const char *buf, size_t len, const char *file,
                     tiled_tileset_t *ts)
{
    xml_state_t s;
    memset(&s, 0, sizeof s);
    s.m = m;
    s.file = file;
    s.ts = ts;
    s.tile_id = -1;
    s.p = XML_ParserCreate("UTF-8");
    if (!s.p) return;
    XML_SetUserData(s.p, &s);
    XML_SetElementHandler(s.p, start_element, end_element);
    XML_SetCharacterDataHandler(s.p, char_data);
    if (len > INT32_MAX || XML_Parse(s.p, buf, (int)len, 1) == XML_STATUS_ERROR) {
        diag(m->d, file, LEVEL_ERROR, (int32_t)XML_GetCurrentLineNumber(s.p),
             (int32_t)XML_GetCurrentColumnNumber(s.p) + 1, "not well-formed XML: %s",
             XML_ErrorString(XML_GetErrorCode(s.p)));
        m->fatal = true;
    }
    XML_ParserFree(s.p);
    free(s.data);
    free(s.text);
}

/* Reads a TX template into t; false (said at the object that uses it) when
 * it is not one. */
static bool xml_read_template(tiled_map_t *m, const char *buf, size_t len, const char *file,
                              tiled_object_t *t, const tiled_object_t *user)
{
    xml_state_t s;
    memset(&s, 0, sizeof s);
    s.m = m;
    s.tile_id = -1;
    s.text_prop = -1;
    s.tmpl_into = t;
    s.tmpl_user = user;
    s.tmpl_file = file;
    s.p = XML_ParserCreate("UTF-8");
    if (!s.p) return false;
    XML_SetUserData(s.p, &s);
    XML_SetElementHandler(s.p, start_element, end_element);
    XML_SetCharacterDataHandler(s.p, char_data);
    bool ok = true;
    if (len > INT32_MAX || XML_Parse(s.p, buf, (int)len, 1) == XML_STATUS_ERROR) {
        if (!s.tmpl_bad)
            diag(m->d, NULL, LEVEL_ERROR, user->line, user->col,
                 "the template %s is not well-formed XML (at %d:%d: %s)", file,
                 (int)XML_GetCurrentLineNumber(s.p), (int)XML_GetCurrentColumnNumber(s.p) + 1,
                 XML_ErrorString(XML_GetErrorCode(s.p)));
        ok = false;
    } else if (!s.tmpl_bad && !s.tmpl_seen) {
        diag(m->d, NULL, LEVEL_ERROR, user->line, user->col, "the template %s holds no <object>",
             file);
        ok = false;
    }
    XML_ParserFree(s.p);
    free(s.data);
    free(s.text);
    return ok && !s.tmpl_bad;
}

/* ---- JSON (maps and .tsj tilesets) ---------------------------------------- */

/* Where the nth occurrence of "key" stands in the text: jansson keeps no
 * positions, and a message should still point near its cause. */
static void json_pos(const char *buf, size_t len, const char *key, int nth, int32_t *line,
                     int32_t *col)
{
    char pat[48];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    size_t pl = strlen(pat);
    int seen = 0;
    int32_t ln = 1, c = 1;
    *line = 1;
    *col = 1;
    for (size_t i = 0; i + pl <= len; i++) {
        if (memcmp(buf + i, pat, pl) == 0 && seen++ == nth) {
            *line = ln;
            *col = c;
            return;
        }
        if (buf[i] == '\n') {
            ln++;
            c = 1;
        } else {
            c++;
        }
    }
}

/* Positions by structure: jansson keeps none, so the reader walks the same
 * path through the text (known to be valid JSON by then) to find a value's
 * offset. Every step is bounded by the buffer. */
#define JNONE ((size_t)-1)

static size_t jws(const char *b, size_t n, size_t i)
{
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) i++;
    return i;
}

static size_t jstring_end(const char *b, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (b[i] == '\\')
            i++;
        else if (b[i] == '"')
            return i + 1;
    }
    return n;
}

static size_t jskip(const char *b, size_t n, size_t i)
{
    if (i >= n) return n;
    if (b[i] == '"') return jstring_end(b, n, i);
    if (b[i] == '{' || b[i] == '[') {
        int32_t depth = 0;
        while (i < n) {
            if (b[i] == '"') {
                i = jstring_end(b, n, i);
                continue;
            }
            if (b[i] == '{' || b[i] == '[') depth++;
            if ((b[i] == '}' || b[i] == ']') && --depth == 0) return i + 1;
            i++;
        }
        return n;
    }
    while (i < n && b[i] != ',' && b[i] != '}' && b[i] != ']' && !isspace((unsigned char)b[i])) i++;
    return i;
}

/* The offset of key's value in the object at obj, or JNONE. */
static size_t jmember(const tiled_map_t *m, size_t obj, const char *key)
{
    const char *b = m->jbuf;
    size_t n = m->jlen, kl = strlen(key);
    if (obj >= n || b[obj] != '{') return JNONE;
    size_t i = jws(b, n, obj + 1);
    while (i < n && b[i] == '"') {
        size_t ke = jstring_end(b, n, i);
        bool match = ke - i == kl + 2 && memcmp(b + i + 1, key, kl) == 0;
        i = jws(b, n, ke);
        if (i >= n || b[i] != ':') return JNONE;
        i = jws(b, n, i + 1);
        if (match) return i;
        i = jws(b, n, jskip(b, n, i));
        if (i >= n || b[i] != ',') return JNONE;
        i = jws(b, n, i + 1);
    }
    return JNONE;
}

/* The offset of element k of the array at arr, or JNONE. */
static size_t jelement(const tiled_map_t *m, size_t arr, size_t k)
{
    const char *b = m->jbuf;
    size_t n = m->jlen;
    if (arr >= n || b[arr] != '[') return JNONE;
    size_t i = jws(b, n, arr + 1);
    for (size_t e = 0; i < n && b[i] != ']'; e++) {
        if (e == k) return i;
        i = jws(b, n, jskip(b, n, i));
        if (i >= n || b[i] != ',') return JNONE;
        i = jws(b, n, i + 1);
    }
    return JNONE;
}

/* Line and column of an offset; offsets mostly grow as the map is read, so
 * the count goes on from the last one. */
static void jline_col(tiled_map_t *m, size_t off, int32_t *line, int32_t *col)
{
    if (off == JNONE || off > m->jlen) off = 0;
    if (off < m->jat) {
        m->jat = 0;
        m->jline = m->jcol = 1;
    }
    for (; m->jat < off; m->jat++) {
        if (m->jbuf[m->jat] == '\n') {
            m->jline++;
            m->jcol = 1;
        } else {
            m->jcol++;
        }
    }
    *line = m->jline;
    *col = m->jcol;
}

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void json_tileset_tiles(tiled_map_t *m, tiled_tileset_t *ts, json_t *tset, const char *buf,
                               size_t len, const char *file)
{
    json_t *tiles = json_object_get(tset, "tiles");
    size_t i;
    json_t *t;
    json_array_foreach(tiles, i, t)
    {
        json_t *idv = json_object_get(t, "id");
        if (!json_is_integer(idv)) continue;
        int32_t id = (int32_t)json_integer_value(idv);
        const char *meaning = jstr(t, "class");
        if (!meaning) meaning = jstr(t, "type");
        json_t *props = json_object_get(t, "properties");
        size_t k;
        json_t *p;
        int32_t line, col;
        json_pos(buf, len, "id", (int)i, &line, &col);
        json_array_foreach(props, k, p)
        {
            const char *pn = jstr(p, "name");
            if (pn && strcmp(pn, "tile") == 0 && jstr(p, "value"))
                meaning = jstr(p, "value");
            else if (pn && strcmp(pn, "solid") != 0)
                diag(m->d, file, LEVEL_WARNING, line, col,
                     "property '%s' is not used by the game; ignored", pn);
        }
        tileset_set(m, ts, id, meaning, file, line, col);
    }
}

static void json_read_tileset_file(tiled_map_t *m, tiled_tileset_t *ts, const char *buf, size_t len,
                                   const char *file)
{
    json_error_t err;
    json_t *root = json_loadb(buf, len, 0, &err);
    if (!root) {
        diag(m->d, file, LEVEL_ERROR, err.line > 0 ? err.line : 1, err.column > 0 ? err.column : 1,
             "not valid JSON: %s", err.text);
        return;
    }
    json_tileset_tiles(m, ts, root, buf, len, file);
    json_decref(root);
}

static void read_external_tileset(tiled_map_t *m, tiled_tileset_t *ts, const char *source,
                                  int32_t line, int32_t col)
{
    /* Messages name the tileset as a path from where the map was named. */
    const char *base = m->path;
    for (const char *p = m->path; p && *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    if (source[0] == '/' || !m->path)
        snprintf(ts->file, sizeof ts->file, "%s", source);
    else
        snprintf(ts->file, sizeof ts->file, "%.*s%s", (int)(base - m->path), m->path, source);
    if (!m->io || !m->io->read) {
        diag(m->d, NULL, LEVEL_ERROR, line, col, "cannot read the tileset %s here", source);
        return;
    }
    char err[256];
    size_t len = 0;
    char *buf = m->io->read(m->io->ctx, source, &len, err, sizeof err);
    if (!buf) {
        diag(m->d, NULL, LEVEL_ERROR, line, col, "cannot read the tileset: %s", err);
        ts->broken = true;
        return;
    }
    /* By what it holds, not its name (.TSX, .tsj, .json all happen). */
    char c = content_kind(buf, len);
    if (c == '<')
        xml_read(m, buf, len, ts->file, ts);
    else if (c == '{')
        json_read_tileset_file(m, ts, buf, len, ts->file);
    else {
        diag(m->d, NULL, LEVEL_ERROR, line, col,
             "the tileset %s is neither XML (.tsx) nor JSON (.tsj)", source);
        ts->broken = true;
    }
    free(buf);
}

/* A JSON property's value as text, and its Tiled type. */
static void json_prop_value(json_t *jv, const char *type, char *val, size_t cap, char *t,
                            size_t tcap)
{
    snprintf(t, tcap, "%s", type ? type : "");
    val[0] = '\0';
    if (json_is_string(jv))
        snprintf(val, cap, "%s", json_string_value(jv));
    else if (json_is_integer(jv))
        snprintf(val, cap, "%lld", (long long)json_integer_value(jv));
    else if (json_is_boolean(jv))
        snprintf(val, cap, "%s", json_is_true(jv) ? "true" : "false");
    else if (json_is_real(jv)) {
        snprintf(val, cap, "%.17g", json_real_value(jv));
        if (!t[0]) snprintf(t, tcap, "float");
    } else if (json_is_object(jv) && !t[0])
        snprintf(t, tcap, "class");
}

/* Fills an object from its JSON; positions (of the object and each
 * property) are found in the map's text when off is known, else they are
 * the object's own (a template's, reported at the object using it). */
static void json_fill_object(tiled_map_t *m, tiled_object_t *to, json_t *o, size_t off)
{
    int32_t line = to->line, col = to->col;
    const char *t = jstr(o, "class");
    if (!t || !*t) t = jstr(o, "type");
    snprintf(to->type, sizeof to->type, "%s", t ? t : "");
    /* Tiled writes "type": "" for none; a template's type shows through. */
    to->has_type = t && *t;
    const char *jn = jstr(o, "name");
    snprintf(to->name, sizeof to->name, "%s", jn ? jn : "");
    to->long_name = jn && strlen(jn) > LEVEL_ID_MAX;
    to->has_name = jn != NULL;
    json_t *idv = json_object_get(o, "id");
    if (json_is_integer(idv)) to->id = (long)json_integer_value(idv);
    to->x = json_number_value(json_object_get(o, "x"));
    to->y = json_number_value(json_object_get(o, "y"));
    to->w = json_number_value(json_object_get(o, "width"));
    to->h = json_number_value(json_object_get(o, "height"));
    to->has_w = json_object_get(o, "width") != NULL;
    to->has_h = json_object_get(o, "height") != NULL;
    to->rotation = json_number_value(json_object_get(o, "rotation"));
    to->has_rotation = json_object_get(o, "rotation") != NULL;
    json_t *pts = json_object_get(o, "polyline");
    to->shape = SHAPE_POLYLINE;
    if (!json_is_array(pts)) {
        pts = json_object_get(o, "polygon");
        to->shape = SHAPE_POLYGON;
    }
    if (json_is_array(pts)) {
        size_t k;
        json_t *pt;
        json_array_foreach(pts, k, pt) add_point(to, json_number_value(json_object_get(pt, "x")),
                                                 json_number_value(json_object_get(pt, "y")));
    } else {
        to->shape = SHAPE_BOX;
    }
    size_t props_off = off != JNONE ? jmember(m, off, "properties") : JNONE;
    size_t pi;
    json_t *pp;
    json_array_foreach(json_object_get(o, "properties"), pi, pp)
    {
        const char *pn = jstr(pp, "name");
        if (props_off != JNONE) {
            size_t poff = jelement(m, props_off, pi);
            size_t voff = jmember(m, poff, "value");
            jline_col(m, voff != JNONE ? voff : poff, &line, &col);
        }
        json_t *jv = json_object_get(pp, "value");
        size_t vcap = (json_is_string(jv) ? json_string_length(jv) : 0) + 32;
        char *vbuf = malloc(vcap), tbuf[16];
        if (!vbuf) return;
        json_prop_value(jv, jstr(pp, "type"), vbuf, vcap, tbuf, sizeof tbuf);
        if (pn && strcmp(pn, "type") == 0 && jstr(pp, "value")) {
            snprintf(to->type, sizeof to->type, "%s", jstr(pp, "value"));
            to->has_type = true;
        } else if (pn) {
            set_prop(m->d, &to->props, pn, tbuf, vbuf, line, col);
        }
        free(vbuf);
    }
    json_t *gid = json_object_get(o, "gid");
    if (json_is_integer(gid)) to->gid = (uint32_t)json_integer_value(gid);
    to->has_gid = json_is_integer(gid);
}

static bool json_object_read(tiled_map_t *m, json_t *o, size_t off)
{
    int32_t line, col;
    jline_col(m, off, &line, &col);
    if (m->nobjects >= TILED_MAX_OBJECTS) {
        diag(m->d, NULL, LEVEL_ERROR, line, col, "more than %d objects", TILED_MAX_OBJECTS);
        return false;
    }
    tiled_object_t *to = &m->objects[m->nobjects++];
    memset(to, 0, sizeof *to);
    to->lvobj = -1;
    to->line = line;
    to->col = col;
    json_fill_object(m, to, o, off);
    const char *tx = jstr(o, "template");
    snprintf(to->tmpl, sizeof to->tmpl, "%s", tx ? tx : "");
    if (to->tmpl[0]) apply_template(m, to);
    return true;
}

/* A JSON template (.tj): {"type": "template", "object": {...}}. */
static bool json_read_template(tiled_map_t *m, const char *buf, size_t len, const char *file,
                               tiled_object_t *t, const tiled_object_t *user)
{
    json_error_t err;
    json_t *root = json_loadb(buf, len, 0, &err);
    if (!root) {
        diag(m->d, NULL, LEVEL_ERROR, user->line, user->col,
             "the template %s is not valid JSON (at %d:%d: %s)", file, err.line, err.column,
             err.text);
        return false;
    }
    json_t *o = json_object_get(root, "object");
    bool ok = json_is_object(o);
    if (!ok)
        diag(m->d, NULL, LEVEL_ERROR, user->line, user->col,
             "%s is not a Tiled template: it has no \"object\"", file);
    else
        json_fill_object(m, t, o, JNONE);
    json_decref(root);
    return ok;
}

/* An object made from a template (.tx or .tj, a path from the map's
 * folder): what the object does not set comes from the template, and its
 * properties are the template's with the object's over them. */
static void apply_template(tiled_map_t *m, tiled_object_t *o)
{
    o->tmpl_failed = true; /* until it is read */
    if (!m->io || !m->io->read) {
        diag(m->d, NULL, LEVEL_ERROR, o->line, o->col, "cannot read the template %s here", o->tmpl);
        return;
    }
    char err[256];
    size_t len = 0;
    char *buf = m->io->read(m->io->ctx, o->tmpl, &len, err, sizeof err);
    if (!buf) {
        diag(m->d, NULL, LEVEL_ERROR, o->line, o->col, "cannot read the template %s: %s", o->tmpl,
             err);
        return;
    }
    tiled_object_t *t = calloc(1, sizeof *t);
    bool ok = false;
    if (t) {
        t->line = o->line;
        t->col = o->col;
        char c = content_kind(buf, len);
        if (c == '<')
            ok = xml_read_template(m, buf, len, o->tmpl, t, o);
        else if (c == '{')
            ok = json_read_template(m, buf, len, o->tmpl, t, o);
        else
            diag(m->d, NULL, LEVEL_ERROR, o->line, o->col,
                 "the template %s is neither XML (.tx) nor JSON (.tj)", o->tmpl);
    }
    free(buf);
    if (ok) {
        o->tmpl_failed = false;
        if (!o->has_type) snprintf(o->type, sizeof o->type, "%s", t->type);
        if (!o->has_name) {
            snprintf(o->name, sizeof o->name, "%s", t->name);
            o->long_name = t->long_name;
        }
        if (!o->has_w) o->w = t->w;
        if (!o->has_h) o->h = t->h;
        if (!o->has_gid) o->gid = t->gid;
        if (!o->has_rotation) o->rotation = t->rotation;
        if (o->shape == SHAPE_BOX && t->shape != SHAPE_BOX) {
            o->shape = t->shape;
            o->npoints = t->npoints;
            memcpy(o->px, t->px, sizeof o->px);
            memcpy(o->py, t->py, sizeof o->py);
        }
        /* A template's property is reported at the object that uses it. */
        for (int32_t i = 0; i < t->props.count; i++) {
            const tiled_prop_t *tp = &t->props.items[i];
            bool mine = false;
            for (int32_t j = 0; j < o->props.count && !mine; j++)
                mine = strcmp(o->props.items[j].name, tp->name) == 0;
            if (!mine) set_prop(m->d, &o->props, tp->name, tp->type, tp->value, o->line, o->col);
        }
    }
    if (t) props_free(&t->props);
    free(t);
}

static void json_layers(tiled_map_t *m, json_t *layers, size_t layers_off, const char *buf,
                        size_t len, int *layer_no)
{
    size_t i;
    json_t *l;
    json_array_foreach(layers, i, l)
    {
        const char *type = jstr(l, "type");
        size_t loff = jelement(m, layers_off, i);
        int32_t line, col;
        if (json_is_false(json_object_get(l, "visible"))) {
            const char *ln = jstr(l, "name");
            jline_col(m, loff, &line, &col);
            diag(m->d, NULL, LEVEL_WARNING, line, col,
                 "the layer '%s' is hidden (its eye is shut in Tiled); ignored, with all in it",
                 ln ? ln : "");
            /* Keep counting tile layers: positions of "data" are found by it. */
            if (type && strcmp(type, "tilelayer") == 0) (*layer_no)++;
            continue;
        }
        if (type && strcmp(type, "tilelayer") == 0) {
            json_pos(buf, len, "data", *layer_no, &line, &col);
            (*layer_no)++;
            if (json_object_get(l, "chunks")) {
                diag(m->d, NULL, LEVEL_ERROR, line, col,
                     "layer data in chunks belongs to infinite maps, which the game does not read");
                m->fatal = true;
                return;
            }
            tiled_layer_t *tl = new_layer(m, line, col);
            if (!tl) return;
            json_t *data = json_object_get(l, "data");
            if (json_is_array(data)) {
                size_t cells = (size_t)m->w * (size_t)m->h;
                if (json_array_size(data) != cells) {
                    diag(m->d, NULL, LEVEL_ERROR, line, col,
                         "the layer has %zu tiles but the map is %dx%d (%zu)",
                         json_array_size(data), (int)m->w, (int)m->h, cells);
                    continue;
                }
                for (size_t k = 0; k < cells; k++) {
                    json_t *v = json_array_get(data, k);
                    tl->gids[k] = json_is_integer(v) ? (uint32_t)json_integer_value(v) : 0;
                }
            } else if (json_is_string(data)) {
                const char *s = json_string_value(data);
                decode_layer(m, s, strlen(s), jstr(l, "encoding"), jstr(l, "compression"), tl->gids,
                             line, col);
            } else {
                diag(m->d, NULL, LEVEL_ERROR, line, col, "a tile layer without data");
            }
        } else if (type && strcmp(type, "objectgroup") == 0) {
            size_t objs_off = jmember(m, loff, "objects");
            size_t k;
            json_t *o;
            json_array_foreach(json_object_get(l, "objects"), k, o)
            {
                if (!json_object_read(m, o, jelement(m, objs_off, k))) return;
            }
        } else if (type && strcmp(type, "group") == 0) {
            json_layers(m, json_object_get(l, "layers"), jmember(m, loff, "layers"), buf, len,
                        layer_no);
        } else {
            jline_col(m, jmember(m, loff, "type"), &line, &col);
            diag(m->d, NULL, LEVEL_WARNING, line, col,
                 "a %s layer is not used by the game; ignored", type ? type : "untyped");
        }
        if (m->fatal) return;
    }
}

static void json_read_map(tiled_map_t *m, const char *buf, size_t len)
{
    json_error_t err;
    json_t *root = json_loadb(buf, len, 0, &err);
    if (!root) {
        diag(m->d, NULL, LEVEL_ERROR, err.line > 0 ? err.line : 1, err.column > 0 ? err.column : 1,
             "not valid JSON: %s", err.text);
        m->fatal = true;
        return;
    }
    int32_t line, col;
    if (!json_is_object(root)) {
        diag(m->d, NULL, LEVEL_ERROR, 1, 1, "not a Tiled map: the top is not a JSON object");
        m->fatal = true;
        json_decref(root);
        return;
    }
    const char *orient = jstr(root, "orientation");
    if (orient && strcmp(orient, "orthogonal") != 0) {
        json_pos(buf, len, "orientation", 0, &line, &col);
        diag(m->d, NULL, LEVEL_ERROR, line, col,
             "this is %s %s map; the game reads orthogonal maps only", article(orient), orient);
        m->fatal = true;
    }
    if (json_is_true(json_object_get(root, "infinite"))) {
        json_pos(buf, len, "infinite", 0, &line, &col);
        diag(m->d, NULL, LEVEL_ERROR, line, col,
             "this is an infinite map, which the game does not read; in Tiled, untick Map > Map "
             "Properties > Infinite");
        m->fatal = true;
    }
    json_int_t tw = json_integer_value(json_object_get(root, "tilewidth"));
    json_int_t th = json_integer_value(json_object_get(root, "tileheight"));
    json_int_t w = json_integer_value(json_object_get(root, "width"));
    json_int_t h = json_integer_value(json_object_get(root, "height"));
    if (tw != LEVEL_TILE_PX || th != LEVEL_TILE_PX) {
        json_pos(buf, len, "tilewidth", 0, &line, &col);
        diag(m->d, NULL, LEVEL_ERROR, line, col, "tiles are %lldx%lld pixels; the game's are %dx%d",
             (long long)tw, (long long)th, LEVEL_TILE_PX, LEVEL_TILE_PX);
        m->fatal = true;
    }
    if (w < LEVEL_MIN_W || h < LEVEL_MIN_H || w > LEVEL_MAX_W || h > LEVEL_MAX_H) {
        json_pos(buf, len, "width", 0, &line, &col);
        diag(m->d, NULL, LEVEL_ERROR, line, col, "the map must be from %dx%d to %dx%d tiles",
             LEVEL_MIN_W, LEVEL_MIN_H, LEVEL_MAX_W, LEVEL_MAX_H);
        m->fatal = true;
    }
    if (m->fatal) {
        json_decref(root);
        return;
    }
    m->w = (int32_t)w;
    m->h = (int32_t)h;
    m->jbuf = buf;
    m->jlen = len;
    m->jat = 0;
    m->jline = m->jcol = 1;
    size_t i;
    json_t *p;
    size_t props_off = jmember(m, jws(buf, len, 0), "properties");
    json_array_foreach(json_object_get(root, "properties"), i, p)
    {
        const char *pn = jstr(p, "name");
        json_t *pv = json_object_get(p, "value");
        size_t vcap = (json_is_string(pv) ? json_string_length(pv) : 0) + 32;
        char *val = malloc(vcap), tbuf[16];
        if (!val) break;
        json_prop_value(pv, jstr(p, "type"), val, vcap, tbuf, sizeof tbuf);
        /* At the value, as for an object's properties. */
        size_t poff = jelement(m, props_off, i);
        size_t voff = jmember(m, poff, "value");
        jline_col(m, voff != JNONE ? voff : poff, &line, &col);
        if (pn) set_prop(m->d, &m->props, pn, tbuf, val, line, col);
        free(val);
    }
    json_t *ts;
    json_array_foreach(json_object_get(root, "tilesets"), i, ts)
    {
        json_pos(buf, len, "firstgid", (int)i, &line, &col);
        if (m->ntilesets >= TILED_MAX_TILESETS) break;
        tiled_tileset_t *t = &m->tilesets[m->ntilesets++];
        memset(t, 0, sizeof *t);
        json_int_t fg = json_integer_value(json_object_get(ts, "firstgid"));
        if (fg < 1) {
            diag(m->d, NULL, LEVEL_ERROR, line, col, "a tileset without a valid firstgid");
            fg = 1;
        }
        t->firstgid = (uint32_t)fg;
        const char *src = jstr(ts, "source");
        if (src)
            read_external_tileset(m, t, src, line, col);
        else
            json_tileset_tiles(m, t, ts, buf, len, NULL);
    }
    int layer_no = 0;
    json_layers(m, json_object_get(root, "layers"), jmember(m, jws(buf, len, 0), "layers"), buf,
                len, &layer_no);
    json_decref(root);
}

/* ---- from the map as read to a level -------------------------------------- */

/* -1: no meaning; -3: in a tileset that could not be read (already said). */
static int tile_kind_of_gid(const tiled_map_t *m, uint32_t gid)
{
    gid &= GID_MASK;
    const tiled_tileset_t *best = NULL;
    for (int32_t i = 0; i < m->ntilesets; i++)
        if (m->tilesets[i].firstgid <= gid && (!best || m->tilesets[i].firstgid > best->firstgid))
            best = &m->tilesets[i];
    if (!best) return -1;
    if (best->broken) return -3;
    uint32_t id = gid - best->firstgid;
    if (id >= (uint32_t)best->count) return -1;
    return best->kinds[id];
}

/* A tile from a pixel coordinate, -1 when out of any map (reported by the
 * level as outside). */
static int32_t tile_of_px(double v)
{
    if (!(v >= 0 && v < (double)LEVEL_MAX_W * LEVEL_TILE_PX)) return -1;
    return (int32_t)(v / LEVEL_TILE_PX); /* v >= 0: truncation is floor */
}

static void lower_copy(char *dst, size_t cap, const char *src)
{
    size_t n = 0;
    for (; src[n] && n < cap - 1; n++) dst[n] = (char)tolower((unsigned char)src[n]);
    dst[n] = '\0';
}

/* Sine and cosine of an angle in degrees, without libm: exact at right
 * angles (the usual rotations), a Taylor series within a quadrant. */
static void sin_cos_deg(double deg, double *sn, double *cs)
{
    if (!(deg > -1e9 && deg < 1e9)) deg = 0;
    double a = deg - 360.0 * (double)(long long)(deg / 360.0);
    if (a < 0) a += 360.0;
    int q = (int)(a / 90.0);
    double x = (a - 90.0 * q) * (3.14159265358979323846 / 180.0), x2 = x * x;
    double s = x, c = 1, ts = x, tc = 1;
    for (int i = 1; i < 12; i++) {
        ts *= -x2 / ((2.0 * i) * (2.0 * i + 1));
        tc *= -x2 / ((2.0 * i - 1) * (2.0 * i));
        s += ts;
        c += tc;
    }
    switch (q & 3) {
    case 0:
        *sn = s, *cs = c;
        break;
    case 1:
        *sn = c, *cs = -s;
        break;
    case 2:
        *sn = -s, *cs = -c;
        break;
    default:
        *sn = -c, *cs = s;
        break;
    }
}

/* A polyline or polygon: a path named by the object's name. */
static void add_path(level_t *lv, level_diags_t *d, const tiled_object_t *o)
{
    char type[32];
    lower_copy(type, sizeof type, o->type);
    if (type[0] && strcmp(type, "path") != 0) {
        if (level_kind_find(type, strlen(type)) >= 0)
            level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                           "a %s is drawn as a point or a rectangle; a polyline or polygon is a "
                           "path (give it no type, or 'path')",
                           type);
        else
            level_diag_add(d, LEVEL_WARNING, o->line, o->col,
                           "a polyline of type '%s' is not used by the game; ignored (a path has "
                           "no type, or 'path')",
                           o->type);
        return;
    }
    if (!o->name[0]) {
        level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                       "a path needs a name: set the polyline's Name (like 'beat'), then name it "
                       "in an object's 'path' property");
        return;
    }
    int32_t p =
        level_add_path(lv, d, o->name, strlen(o->name), o->shape == SHAPE_POLYGON, o->line, o->col);
    if (p < 0) return;
    double sn, cs;
    sin_cos_deg(o->rotation, &sn, &cs);
    for (int32_t j = 0; j < o->npoints; j++) {
        double px = o->px[j] * cs - o->py[j] * sn, py = o->px[j] * sn + o->py[j] * cs;
        if (!level_path_add_point(lv, d, p, tile_of_px(o->x + px), tile_of_px(o->y + py), o->line,
                                  o->col))
            break;
    }
    for (int32_t j = 0; j < o->props.count; j++)
        level_diag_add(d, LEVEL_WARNING, o->props.items[j].line, o->props.items[j].col,
                       "a path has no properties; '%s' ignored", o->props.items[j].name);
}

static void add_object(const tiled_map_t *m, level_t *lv, level_diags_t *d, tiled_object_t *o)
{
    const char *label = o->type[0] ? o->type : o->name;
    /* Tiled turns a rectangle round its top-left corner and a tile object
     * round its bottom-left (where its x, y are): the object stands where
     * the middle of the turned shape is, an area on the tiles it covers. */
    double sn, cs, top = o->gid ? -o->h : 0;
    sin_cos_deg(o->rotation, &sn, &cs);
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    for (int c = 0; c < 4; c++) {
        double dx = (c & 1) ? o->w : 0, dy = top + ((c & 2) ? o->h : 0);
        double rx = o->x + dx * cs - dy * sn, ry = o->y + dx * sn + dy * cs;
        if (c == 0 || rx < x0) x0 = rx;
        if (c == 0 || rx > x1) x1 = rx;
        if (c == 0 || ry < y0) y0 = ry;
        if (c == 0 || ry > y1) y1 = ry;
    }
    double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    /* Range-check as floating point first: a wild coordinate must not overflow. */
    if (!(cx >= 0 && cy >= 0 && cx < (double)m->w * LEVEL_TILE_PX &&
          cy < (double)m->h * LEVEL_TILE_PX)) {
        level_diag_add(d, LEVEL_ERROR, o->line, o->col, "the %s object is outside the map",
                       label[0] ? label : "untyped");
        return;
    }
    int32_t tx = (int32_t)(cx / LEVEL_TILE_PX), ty = (int32_t)(cy / LEVEL_TILE_PX);
    if (tx >= m->w || ty >= m->h) {
        level_diag_add(d, LEVEL_ERROR, o->line, o->col, "the %s object is outside the map",
                       label[0] ? label : "untyped");
        return;
    }
    /* No type: the name may say the kind ("Harry"). */
    char type[32];
    lower_copy(type, sizeof type, label);
    int32_t kind = level_kind_find(type, strlen(type));
    if (kind < 0) {
        level_diag_add(d, LEVEL_WARNING, o->line, o->col,
                       "an object of type '%s' is not used by the game; ignored (the kinds are "
                       "the project's object types)",
                       label);
        return;
    }
    int32_t obj = level_add_object(lv, d, kind, tx, ty, 1, 1, o->line, o->col);
    if (obj < 0) return;
    o->lvobj = obj;
    /* An area (a trigger): the rectangle's tiles. */
    if (level_kind(kind)->place == PLACE_AREA && o->w >= LEVEL_TILE_PX && o->h >= LEVEL_TILE_PX) {
        /* The epsilon keeps a turned rectangle's edges on their tiles. */
        int32_t ax = tile_of_px(x0 < 0 ? 0 : x0 + 1e-6), ay = tile_of_px(y0 < 0 ? 0 : y0 + 1e-6);
        int32_t w = (int32_t)((x1 - x0) / LEVEL_TILE_PX + 1e-6),
                h = (int32_t)((y1 - y0) / LEVEL_TILE_PX + 1e-6);
        lv->objects[obj].x = ax >= 0 ? ax : tx;
        lv->objects[obj].y = ay >= 0 ? ay : ty;
        if (lv->objects[obj].x + w > lv->w) w = lv->w - lv->objects[obj].x;
        if (lv->objects[obj].y + h > lv->h) h = lv->h - lv->objects[obj].y;
        lv->objects[obj].w = w > 0 ? w : 1;
        lv->objects[obj].h = h > 0 ? h : 1;
    }
    /* A name that is an id names the object (links point at it). */
    bool id_name = o->name[0] != '\0' && !o->long_name;
    for (size_t c = 0; o->name[c]; c++)
        id_name = id_name &&
                  (isalnum((unsigned char)o->name[c]) || o->name[c] == '_' || o->name[c] == '-');
    if (id_name && strcasecmp_ascii(o->name, level_kind(kind)->name) != 0)
        level_set_prop(lv, d, obj, "name", 4, o->name, strlen(o->name), o->line, o->col, o->col);
    /* A 'name' property names it too, before any link looks for a name. */
    for (int32_t p = 0; p < o->props.count; p++) {
        const tiled_prop_t *tp = &o->props.items[p];
        if (strcmp(tp->name, "name") == 0)
            level_set_prop(lv, d, obj, "name", 4, tp->value, strlen(tp->value), tp->line, tp->col,
                           tp->col);
    }
}

/* The colour word nearest a Tiled colour (#AARRGGBB or #RRGGBB); "none"
 * when it is empty or clear. */
static const char *colour_word(const char *v)
{
    size_t n = strlen(v);
    unsigned long c = n > 1 && v[0] == '#' ? strtoul(v + 1, NULL, 16) : 0;
    if (n != 7 && n != 9) return "none";
    if (n == 9 && (c >> 24) == 0) return "none";
    long r = (long)((c >> 16) & 0xff), g = (long)((c >> 8) & 0xff), b = (long)(c & 0xff);
    static const struct {
        const char *word;
        long r, g, b;
    } words[] = {
        {"red", 255, 0, 0}, {"blue", 0, 0, 255}, {"green", 0, 255, 0}, {"yellow", 255, 255, 0}};
    const char *best = "none";
    long best_d = -1;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        long dr = r - words[i].r, dg = g - words[i].g, db = b - words[i].b;
        long dist = dr * dr + dg * dg + db * db;
        if (best_d < 0 || dist < best_d) {
            best_d = dist;
            best = words[i].word;
        }
    }
    return best;
}

static int32_t find_tiled_object(const tiled_map_t *m, long id)
{
    for (int32_t i = 0; i < m->nobjects; i++)
        if (m->objects[i].id == id) return i;
    return -1;
}

/* One Tiled property as the text the level model reads; false when it is
 * not to be set (reported, or empty). */
static bool prop_text(tiled_map_t *m, level_t *lv, level_diags_t *d, const tiled_prop_t *tp,
                      const prop_schema_t *ps, const char *kname, char *out, size_t cap)
{
    snprintf(out, cap, "%s", tp->value);
    if (strcmp(tp->type, "object") == 0) {
        char *end = NULL;
        long id = strtol(tp->value, &end, 10);
        if (!tp->value[0] || (end && *end) || id == 0) return false; /* no object chosen */
        if (ps->type != PROP_OBJECT) {
            level_diag_add(d, LEVEL_ERROR, tp->line, tp->col,
                           "'%s' holds an object, but a %s's '%s' is not a link to one", tp->name,
                           kname, ps->key);
            return false;
        }
        int32_t t = find_tiled_object(m, id);
        if (t < 0) {
            level_diag_add(d, LEVEL_ERROR, tp->line, tp->col,
                           "'%s' points at object %ld, which is not in the map", tp->name, id);
            return false;
        }
        tiled_object_t *to = &m->objects[t];
        if (to->lvobj < 0) {
            level_diag_add(d, LEVEL_ERROR, tp->line, tp->col, "'%s' points at object %ld, which %s",
                           tp->name, id,
                           to->shape != SHAPE_BOX ? "is a path (name paths in 'path')"
                                                  : "is not an object the game uses");
            return false;
        }
        level_object_t *target = &lv->objects[to->lvobj];
        if (!target->name[0]) {
            char name[24];
            snprintf(name, sizeof name, "obj%ld", id);
            level_set_prop(lv, d, to->lvobj, "name", 4, name, strlen(name), to->line, to->col,
                           to->col);
        }
        snprintf(out, cap, "%s", target->name);
        return out[0] != '\0';
    }
    if (strcmp(tp->type, "float") == 0 && ps->type != PROP_TEXT) {
        double v = strtod(tp->value, NULL);
        /* No libm: a whole number in range survives the round trip. */
        if (!(v > -1e9 && v < 1e9) || v != (double)(long long)v) {
            level_diag_add(d, LEVEL_ERROR, tp->line, tp->col,
                           "'%s' is %g; a %s's %s is a whole number (make it an int property)",
                           tp->name, v, kname, ps->key);
            return false;
        }
        snprintf(out, cap, "%.0f", v);
    } else if (strcmp(tp->type, "color") == 0) {
        if (ps->type != PROP_ENUM || strcmp(ps->key, "colour") != 0) {
            level_diag_add(d, LEVEL_WARNING, tp->line, tp->col,
                           "'%s' is a color, but a %s's '%s' is not a colour; ignored", tp->name,
                           kname, ps->key);
            return false;
        }
        snprintf(out, cap, "%s", colour_word(tp->value));
    } else if (strcmp(tp->type, "class") == 0) {
        level_diag_add(d, LEVEL_WARNING, tp->line, tp->col,
                       "'%s' is a class property, which the game does not read; ignored", tp->name);
        return false;
    }
    /* An empty link or text is one not given (Tiled keeps cleared fields). */
    if (!out[0] && (ps->type == PROP_PATH || ps->type == PROP_OBJECT || ps->type == PROP_TEXT))
        return false;
    return true;
}

static void set_object_props(tiled_map_t *m, level_t *lv, level_diags_t *d, const tiled_object_t *o)
{
    int32_t kind = lv->objects[o->lvobj].kind;
    const kind_schema_t *k = level_kind(kind);
    for (int32_t p = 0; p < o->props.count; p++) {
        const tiled_prop_t *tp = &o->props.items[p];
        if (strcmp(tp->name, "name") == 0) continue; /* set with the object */
        if (strcmp(tp->type, "class") == 0) {
            /* A class holds properties of its own; no kind takes one. */
            level_diag_add(d, LEVEL_WARNING, tp->line, tp->col,
                           "'%s' is a class property, which the game does not read; ignored",
                           tp->name);
            continue;
        }
        int32_t pi = level_prop_index(kind, tp->name);
        if (pi < 0) {
            level_diag_add(d, LEVEL_WARNING, tp->line, tp->col,
                           "property '%s' is not used by the game; ignored", tp->name);
            continue;
        }
        size_t cap = strlen(tp->value) + 32;
        char *v = malloc(cap);
        if (!v) return;
        if (prop_text(m, lv, d, tp, &k->props[pi], k->name, v, cap)) {
            if (k->props[pi].type == PROP_TEXT) join_lines(v);
            level_set_prop(lv, d, o->lvobj, tp->name, strlen(tp->name), v, strlen(v), tp->line,
                           tp->col, tp->col);
        }
        free(v);
    }
}

/* Where a level-wide message from level_finish belongs: the map property
 * it is about, else the <map> element. */
typedef struct map_places {
    int32_t line[3], col[3]; /* par, time, name; 0 if not given */
} map_places_t;

static void finish_level(tiled_map_t *m, level_t *lv, const map_places_t *pl)
{
    level_diags_t *fin = calloc(1, sizeof *fin);
    if (!fin) {
        level_finish(lv, m->d);
        return;
    }
    level_finish(lv, fin);
    for (int32_t i = 0; i < fin->count; i++) {
        const level_diag_t *e = &fin->items[i];
        int32_t line = e->line, col = e->col;
        if (line == 0) {
            int which = strstr(e->message, "'par'")   ? 0
                        : strstr(e->message, "clock") ? 1
                        : strstr(e->message, "name")  ? 2
                                                      : -1;
            /* No name or clock: said already, at the map. */
            if ((which == 1 && (lv->time_s < LEVEL_MIN_TIME_S || !pl->line[1])) ||
                (which == 2 && !lv->name[0]))
                continue;
            line = which >= 0 && pl->line[which] ? pl->line[which] : m->map_line;
            col = which >= 0 && pl->line[which] ? pl->col[which] : m->map_col;
        }
        level_diag_add(m->d, e->severity, line, col, "%s", e->message);
    }
    m->d->dropped += fin->dropped;
    free(fin);
}

static level_t *build_level(tiled_map_t *m)
{
    level_diags_t *d = m->d;
    level_t *lv = level_create(m->w, m->h);
    if (!lv) return NULL;
    if (m->map_line == 0) m->map_line = m->map_col = 1;
    bool has_time = false, has_par = false;
    map_places_t pl;
    memset(&pl, 0, sizeof pl);
    for (int32_t i = 0; i < m->props.count; i++) {
        tiled_prop_t *p = &m->props.items[i];
        bool text = strcmp(p->name, "name") == 0 || strcmp(p->name, "author") == 0 ||
                    strcmp(p->name, "story") == 0 || strcmp(p->name, "music") == 0 ||
                    strcmp(p->name, "hour") == 0 || strcmp(p->name, "place") == 0;
        bool known = text || strcmp(p->name, "time") == 0 || strcmp(p->name, "par") == 0 ||
                     strcmp(p->name, "seed") == 0 || strcmp(p->name, "ambient") == 0 ||
                     strcmp(p->name, "medals") == 0 || strcmp(p->name, "expert") == 0;
        if (strcmp(p->type, "class") == 0) {
            level_diag_add(d, LEVEL_WARNING, p->line, p->col,
                           "map property '%s' is a class property, which the game does not "
                           "read; ignored",
                           p->name);
            continue;
        }
        /* The story is one line on its card: a multi-line story is joined. */
        if (strcmp(p->name, "story") == 0) join_lines(p->value);
        bool control = false;
        for (const char *c = p->value; *c; c++) control |= (unsigned char)*c < 0x20;
        if (text && control) {
            level_diag_add(d, LEVEL_ERROR, p->line, p->col,
                           "map property '%s' holds a control character (a line break?); use "
                           "plain text",
                           p->name);
            continue;
        }
        /* An empty author or music keeps its default, as in the text format. */
        if ((strcmp(p->name, "author") == 0 || strcmp(p->name, "music") == 0) && !p->value[0])
            continue;
        has_time |= strcmp(p->name, "time") == 0;
        has_par |= strcmp(p->name, "par") == 0;
        int which = strcmp(p->name, "par") == 0    ? 0
                    : strcmp(p->name, "time") == 0 ? 1
                    : strcmp(p->name, "name") == 0 ? 2
                                                   : -1;
        if (which >= 0) {
            pl.line[which] = p->line;
            pl.col[which] = p->col;
        }
        if (known) {
            /* The model's rules for level-wide keys: the text format's too. */
            level_set_key(lv, d, p->name, p->value, strlen(p->value), p->line, p->col);
            /* The model names each of the medals' numbers at its column in
             * a line of text; here they are all at the property. */
            if (strcmp(p->name, "medals") == 0) {
                for (int32_t k = 0; k < d->count; k++)
                    if (d->items[k].line == p->line && d->items[k].col > p->col)
                        d->items[k].col = p->col;
                for (int k = 0; k < LEVEL_MEDALS; k++) lv->medal_col[k] = p->col;
            }
        } else {
            level_diag_add(d, LEVEL_WARNING, p->line, p->col,
                           "map property '%s' is not used by the game; ignored (known: name, "
                           "author, story, time, par, music, seed, hour, place, ambient, "
                           "medals, expert)",
                           p->name);
        }
    }
    if (!has_time)
        level_diag_add(d, LEVEL_ERROR, m->map_line, m->map_col,
                       "no clock: add a map property 'time' (int, seconds) in Map > Map "
                       "Properties");
    if (!has_par && lv->time_s) lv->par_s = lv->time_s * 2 / 3;
    if (!lv->name[0])
        level_diag_add(d, LEVEL_ERROR, m->map_line, m->map_col,
                       "no name: add a map property 'name' (string)");
    if (m->nlayers == 0)
        level_diag_add(d, LEVEL_ERROR, m->map_line, m->map_col, "the map has no tile layer");

    /* Each cell: the topmost layer with a tile there. */
    uint32_t reported[8] = {0};
    int nreported = 0;
    for (int32_t y = 0; y < m->h; y++) {
        for (int32_t x = 0; x < m->w; x++) {
            int kind = -2;
            for (int32_t li = m->nlayers - 1; li >= 0 && kind == -2; li--) {
                uint32_t gid = m->layers[li].gids[y * m->w + x] & GID_MASK;
                if (gid == 0) continue;
                kind = tile_kind_of_gid(m, gid);
                if (kind == -3) {
                    kind = TILE_SIDEWALK;
                } else if (kind < 0) {
                    bool seen = false;
                    for (int r = 0; r < nreported; r++) seen |= reported[r] == gid;
                    if (!seen && nreported < 8) {
                        reported[nreported++] = gid;
                        level_diag_add(d, LEVEL_ERROR, m->layers[li].line, m->layers[li].col,
                                       "tile %u (first at column %d, row %d) has no meaning: give "
                                       "it a 'tile' property or type in the tileset (one of %s)",
                                       (unsigned)gid, (int)x, (int)y, level_tile_ids());
                    }
                    kind = TILE_SIDEWALK;
                }
            }
            if (kind == -2) {
                if (nreported < 8 && !(nreported > 0 && reported[nreported - 1] == 0)) {
                    reported[nreported++] = 0;
                    level_diag_add(d, LEVEL_ERROR, m->nlayers ? m->layers[0].line : 1,
                                   m->nlayers ? m->layers[0].col : 1,
                                   "no tile at column %d, row %d (and maybe more): every cell "
                                   "needs one",
                                   (int)x, (int)y);
                }
                kind = TILE_SIDEWALK;
            }
            lv->tiles[y * lv->w + x] = (uint8_t)kind;
        }
    }

    /* Objects and paths first, then their properties: a property may name
     * any object in the map. */
    for (int32_t i = 0; i < m->nobjects; i++) {
        tiled_object_t *o = &m->objects[i];
        if (o->tmpl_failed) continue;
        if (o->shape != SHAPE_BOX)
            add_path(lv, d, o);
        else
            add_object(m, lv, d, o);
    }
    for (int32_t i = 0; i < m->nobjects; i++)
        if (m->objects[i].lvobj >= 0) set_object_props(m, lv, d, &m->objects[i]);
    finish_level(m, lv, &pl);
    return lv;
}

static void tmx_read_map(tiled_map_t *m, const char *buf, size_t len)
{
    xml_read(m, buf, len, NULL, NULL);
    if (!m->fatal && m->w == 0) {
        level_diag_add(m->d, LEVEL_ERROR, 1, 1, "not a Tiled map: no <map> element");
        m->fatal = true;
    }
}

/* Reads a map with the format's reader, then makes the level. */
static level_t *parse_map(void (*read)(tiled_map_t *, const char *, size_t), const char *buf,
                          size_t len, const char *map_path, const tiled_io_t *io, level_diags_t *d)
{
    memset(d, 0, sizeof *d);
    tiled_map_t *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->path = map_path;
    m->io = io;
    m->d = d;
    read(m, buf, len);
    level_t *lv = m->fatal ? NULL : build_level(m);
    map_free(m);
    free(m);
    if (lv && d->errors > 0) {
        level_free(lv);
        lv = NULL;
    }
    return lv;
}

level_t *tiled_parse_tmx(const char *buf, size_t len, const char *map_path, const tiled_io_t *io,
                         level_diags_t *d)
{
    return parse_map(tmx_read_map, buf, len, map_path, io, d);
}

level_t *tiled_parse_json(const char *buf, size_t len, const char *map_path, const tiled_io_t *io,
                          level_diags_t *d)
{
    return parse_map(json_read_map, buf, len, map_path, io, d);
}

/* ---- writing TMX ------------------------------------------------------------ */

static size_t xml_escape(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    for (; *s && n + 7 < cap; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\t':
            rep = "&#9;";
            break;
        case '\n':
            rep = "&#10;";
            break;
        case '\r':
            rep = "&#13;";
            break;
        default:
            /* No other control character can be in XML 1.0, even escaped. */
            if ((unsigned char)*s < 0x20) rep = "";
            break;
        }
        if (rep) {
            size_t rl = strlen(rep);
            memcpy(out + n, rep, rl);
            n += rl;
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
    return n;
}

/* The name of the Tiled enum that holds a property's words (a PROP_ENUM,
 * or a PROP_KINDS as flags), shared by every kind whose property has the
 * same key and words; "" for other properties. */
static void enum_name(int32_t kind, int32_t prop, char *buf, size_t cap)
{
    buf[0] = '\0';
    const prop_schema_t *ps = &level_kind(kind)->props[prop];
    if (ps->type != PROP_ENUM && ps->type != PROP_KINDS) return;
    for (int32_t k = 0; k < level_kind_count(); k++) {
        const kind_schema_t *ks = level_kind(k);
        for (int32_t p = 0; p < ks->prop_count; p++) {
            const prop_schema_t *q = &ks->props[p];
            if (strcmp(q->key, ps->key) != 0) continue;
            /* The first property with this key owns the plain name. */
            if (q->words == ps->words && q->type == ps->type)
                snprintf(buf, cap, "%s", ps->key);
            else
                snprintf(buf, cap, "%s_%s", ps->key, level_kind(kind)->name);
            return;
        }
    }
}

/* A property's default as Tiled shows it. */
static void default_text(const prop_schema_t *ps, char *buf, size_t cap)
{
    buf[0] = '\0';
    switch (ps->type) {
    case PROP_INT:
        snprintf(buf, cap, "%d", (int)ps->def);
        break;
    case PROP_BOOL:
        snprintf(buf, cap, "%s", ps->def ? "true" : "false");
        break;
    case PROP_ENUM:
        snprintf(buf, cap, "%s", ps->words[ps->def]);
        break;
    case PROP_OBJECT:
        snprintf(buf, cap, "0");
        break;
    case PROP_KINDS: {
        size_t n = 0;
        for (int32_t i = 0; ps->words[i] && n < cap; i++)
            if (ps->def & (1 << i))
                n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? "," : "", ps->words[i]);
        break;
    }
    case PROP_TEXT:
    case PROP_PATH:
        break;
    }
}

static const char *tiled_type(prop_type_t t)
{
    switch (t) {
    case PROP_INT:
        return "int";
    case PROP_BOOL:
        return "bool";
    case PROP_OBJECT:
        return "object";
    default:
        return "string";
    }
}

/* A colour for each kind in Tiled's views, from its name: stable, and new
 * kinds get one without a table to keep. */
static void kind_colour(const kind_schema_t *k, char *buf, size_t cap)
{
    if (strcmp(k->name, "harry") == 0) {
        snprintf(buf, cap, "#ffa040");
        return;
    }
    if (strcmp(k->name, "julie") == 0) {
        snprintf(buf, cap, "#ff60c0");
        return;
    }
    if (strcmp(k->name, "diner") == 0) {
        snprintf(buf, cap, "#60c0ff");
        return;
    }
    uint32_t h = 2166136261u;
    for (const char *c = k->name; *c; c++) h = (h ^ (unsigned char)*c) * 16777619u;
    /* A bright colour: one channel full, one low, one from the hash. */
    unsigned v[3] = {255, 64 + (h >> 8) % 160, 48};
    unsigned r = h % 6, a = r / 2, b = (a + 1 + r % 2) % 3, c = 3 - a - b;
    unsigned rgb[3];
    rgb[a] = v[0];
    rgb[b] = v[1];
    rgb[c] = v[2];
    snprintf(buf, cap, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

static int compare_props(const void *a, const void *b)
{
    const prop_schema_t *x = *(const prop_schema_t *const *)a,
                        *y = *(const prop_schema_t *const *)b;
    return strcmp(x->key, y->key);
}

char *tiled_write_object_types(size_t *len_out)
{
    size_t cap = 65536, n = 0;
    char *out = malloc(cap);
    if (!out) return NULL;
#define OUT(...) n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, __VA_ARGS__)
    OUT("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<objecttypes>\n");
    for (int32_t kind = 0; kind < level_kind_count(); kind++) {
        const kind_schema_t *k = level_kind(kind);
        if (!k->placeable) continue;
        char colour[16];
        kind_colour(k, colour, sizeof colour);
        OUT(" <objecttype name=\"%s\" color=\"%s\"%s>\n", k->name, colour,
            k->prop_count ? "" : "/");
        if (!k->prop_count) continue;
        /* Alphabetical, as Tiled saves them. */
        const prop_schema_t *sorted[LEVEL_MAX_PROPS];
        for (int32_t p = 0; p < k->prop_count; p++) sorted[p] = &k->props[p];
        qsort(sorted, (size_t)k->prop_count, sizeof sorted[0], compare_props);
        for (int32_t i = 0; i < k->prop_count; i++) {
            const prop_schema_t *ps = sorted[i];
            char def[LEVEL_TEXT_BYTES + 1], en[48], edef[LEVEL_TEXT_BYTES * 6 + 1];
            default_text(ps, def, sizeof def);
            enum_name(kind, (int32_t)(ps - k->props), en, sizeof en);
            xml_escape(edef, sizeof edef, def);
            OUT("  <property name=\"%s\" type=\"%s\"", ps->key, tiled_type(ps->type));
            if (en[0]) OUT(" propertytype=\"%s\"", en);
            OUT(" default=\"%s\"/>\n", edef);
        }
        OUT(" </objecttype>\n");
    }
    OUT("</objecttypes>\n");
#undef OUT
    if (n >= cap) {
        free(out);
        return NULL;
    }
    if (len_out) *len_out = n;
    return out;
}

char *tiled_write_project(size_t *len_out)
{
    size_t cap = 65536, n = 0;
    char *out = malloc(cap);
    if (!out) return NULL;
#define OUT(...) n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, __VA_ARGS__)
    /* As Tiled 1.8 saves a project: keys sorted, four spaces. */
    OUT("{\n    \"automappingRulesFile\": \"\",\n    \"commands\": [\n    ],\n"
        "    \"extensionsPath\": \"extensions\",\n    \"folders\": [\n        \".\"\n    ],\n"
        "    \"objectTypesFile\": \"objecttypes.xml\",\n    \"propertyTypes\": [\n");
    char seen[32][48];
    int32_t nseen = 0;
    for (int32_t kind = 0; kind < level_kind_count(); kind++) {
        const kind_schema_t *k = level_kind(kind);
        for (int32_t p = 0; p < k->prop_count; p++) {
            char en[48];
            enum_name(kind, p, en, sizeof en);
            bool dup = !en[0] || nseen >= 32;
            for (int32_t i = 0; i < nseen && !dup; i++) dup = strcmp(seen[i], en) == 0;
            if (dup) continue;
            snprintf(seen[nseen++], sizeof seen[0], "%s", en);
            const prop_schema_t *ps = &k->props[p];
            OUT("%s        {\n            \"id\": %d,\n            \"name\": \"%s\",\n"
                "            \"storageType\": \"string\",\n            \"type\": \"enum\",\n"
                "            \"values\": [\n",
                nseen > 1 ? ",\n" : "", (int)nseen, en);
            for (int32_t w = 0; ps->words[w]; w++)
                OUT("                \"%s\"%s\n", ps->words[w], ps->words[w + 1] ? "," : "");
            OUT("            ],\n            \"valuesAsFlags\": %s\n        }",
                ps->type == PROP_KINDS ? "true" : "false");
        }
    }
    OUT("%s    ]\n}\n", nseen ? "\n" : "");
#undef OUT
    if (n >= cap) {
        free(out);
        return NULL;
    }
    if (len_out) *len_out = n;
    return out;
}

char *tiled_write_tmx(const level_t *lv, const char *tileset_source, size_t *len_out)
{
    size_t cap = 4096 + (size_t)lv->w * (size_t)lv->h * 4 + (size_t)lv->object_count * 8192 +
                 (size_t)lv->path_count * 1024;
    char *out = malloc(cap);
    if (!out) return NULL;
    size_t n = 0;
    char name[LEVEL_NAME_BYTES * 6 + 1], author[LEVEL_NAME_BYTES * 6 + 1],
        story[LEVEL_TEXT_BYTES * 6 + 1], music[LEVEL_NAME_MAX * 6 + 1], src[512],
        hour[LEVEL_HOUR_BYTES * 6 + 1], place[LEVEL_NAME_BYTES * 6 + 1];
    xml_escape(name, sizeof name, lv->name);
    xml_escape(author, sizeof author, lv->author);
    xml_escape(story, sizeof story, lv->story);
    xml_escape(music, sizeof music, lv->music);
    xml_escape(hour, sizeof hour, lv->hour);
    xml_escape(place, sizeof place, lv->place);
    xml_escape(src, sizeof src, tileset_source);
#define OUT(...) n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, __VA_ARGS__)
    OUT("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    OUT("<map version=\"1.8\" tiledversion=\"1.8.2\" orientation=\"orthogonal\" "
        "renderorder=\"right-down\" width=\"%d\" height=\"%d\" tilewidth=\"16\" "
        "tileheight=\"16\" infinite=\"0\" nextlayerid=\"%d\" nextobjectid=\"%d\">\n",
        (int)lv->w, (int)lv->h, lv->path_count ? 4 : 3,
        (int)(lv->object_count + lv->path_count) + 1);
    OUT(" <properties>\n");
    if (lv->ambient != 100)
        OUT("  <property name=\"ambient\" type=\"int\" value=\"%d\"/>\n", (int)lv->ambient);
    OUT("  <property name=\"author\" value=\"%s\"/>\n", author);
    if (lv->expert_ticks > 0)
        OUT("  <property name=\"expert\" type=\"int\" value=\"%d\"/>\n", (int)lv->expert_ticks);
    if (lv->hour[0]) OUT("  <property name=\"hour\" value=\"%s\"/>\n", hour);
    if (lv->medal_s[LEVEL_MEDAL_GOLD] > 0)
        OUT("  <property name=\"medals\" value=\"%d %d %d\"/>\n",
            (int)lv->medal_s[LEVEL_MEDAL_BRONZE], (int)lv->medal_s[LEVEL_MEDAL_SILVER],
            (int)lv->medal_s[LEVEL_MEDAL_GOLD]);
    OUT("  <property name=\"music\" value=\"%s\"/>\n", music);
    OUT("  <property name=\"name\" value=\"%s\"/>\n", name);
    OUT("  <property name=\"par\" type=\"int\" value=\"%d\"/>\n", (int)lv->par_s);
    if (lv->place[0]) OUT("  <property name=\"place\" value=\"%s\"/>\n", place);
    /* Tiled's int is 32-bit signed: a larger seed goes as a string. */
    if (lv->seed > 2147483647u)
        OUT("  <property name=\"seed\" value=\"%u\"/>\n", (unsigned)lv->seed);
    else
        OUT("  <property name=\"seed\" type=\"int\" value=\"%u\"/>\n", (unsigned)lv->seed);
    if (lv->story[0]) OUT("  <property name=\"story\" value=\"%s\"/>\n", story);
    OUT("  <property name=\"time\" type=\"int\" value=\"%d\"/>\n", (int)lv->time_s);
    OUT(" </properties>\n");
    OUT(" <tileset firstgid=\"1\" source=\"%s\"/>\n", src);
    OUT(" <layer id=\"1\" name=\"Tiles\" width=\"%d\" height=\"%d\">\n  <data encoding=\"csv\">\n",
        (int)lv->w, (int)lv->h);
    for (int32_t y = 0; y < lv->h; y++) {
        for (int32_t x = 0; x < lv->w; x++)
            OUT("%d%s", (int)level_tile_at(lv, x, y) + 1,
                (x + 1 < lv->w || y + 1 < lv->h) ? "," : "");
        OUT("\n");
    }
    OUT("</data>\n </layer>\n <objectgroup id=\"2\" name=\"Objects\">\n");
    /* Object i is Tiled object i + 1 (what 'object' properties hold); the
     * paths come after them. */
    for (int32_t i = 0; i < lv->object_count; i++) {
        const level_object_t *o = &lv->objects[i];
        const kind_schema_t *k = level_kind(o->kind);
        char oname[LEVEL_ID_MAX * 6 + 1];
        xml_escape(oname, sizeof oname, o->name);
        OUT("  <object id=\"%d\"%s%s%s type=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" "
            "height=\"%d\"",
            (int)i + 1, o->name[0] ? " name=\"" : "", oname, o->name[0] ? "\"" : "", k->name,
            (int)o->x * 16, (int)o->y * 16, (int)o->w * 16, (int)o->h * 16);
        bool any = false;
        for (int32_t p = 0; p < k->prop_count; p++) {
            const prop_schema_t *ps = &k->props[p];
            char v[LEVEL_TEXT_BYTES + 1], ev[LEVEL_TEXT_BYTES * 6 + 1], en[48];
            level_prop_text(lv, o, p, v, sizeof v);
            if (!v[0]) continue;
            if (!any) OUT(">\n   <properties>\n");
            any = true;
            xml_escape(ev, sizeof ev, v);
            enum_name(o->kind, p, en, sizeof en);
            if (ps->type == PROP_OBJECT)
                OUT("    <property name=\"%s\" type=\"object\" value=\"%d\"/>\n", ps->key,
                    (int)o->props[p] + 1);
            else if (en[0])
                OUT("    <property name=\"%s\" propertytype=\"%s\" value=\"%s\"/>\n", ps->key, en,
                    ev);
            else if (ps->type == PROP_INT || ps->type == PROP_BOOL)
                OUT("    <property name=\"%s\" type=\"%s\" value=\"%s\"/>\n", ps->key,
                    tiled_type(ps->type), ev);
            else
                OUT("    <property name=\"%s\" value=\"%s\"/>\n", ps->key, ev);
        }
        if (any)
            OUT("   </properties>\n  </object>\n");
        else
            OUT("/>\n");
    }
    OUT(" </objectgroup>\n");
    if (lv->path_count) {
        OUT(" <objectgroup id=\"3\" name=\"Paths\">\n");
        for (int32_t i = 0; i < lv->path_count; i++) {
            const level_path_t *p = &lv->paths[i];
            char pname[LEVEL_ID_MAX * 6 + 1];
            xml_escape(pname, sizeof pname, p->name);
            /* Points at tile centres, from the first one. */
            int32_t x0 = p->count ? p->x[0] : 0, y0 = p->count ? p->y[0] : 0;
            OUT("  <object id=\"%d\" name=\"%s\" type=\"path\" x=\"%d\" y=\"%d\">\n   <%s "
                "points=\"",
                (int)(lv->object_count + i) + 1, pname, (int)x0 * 16 + 8, (int)y0 * 16 + 8,
                p->loop ? "polygon" : "polyline");
            for (int32_t j = 0; j < p->count; j++)
                OUT("%s%d,%d", j ? " " : "", (int)(p->x[j] - x0) * 16, (int)(p->y[j] - y0) * 16);
            OUT("\"/>\n  </object>\n");
        }
        OUT(" </objectgroup>\n");
    }
    OUT("</map>\n");
#undef OUT
    if (n >= cap) {
        free(out);
        return NULL;
    }
    if (len_out) *len_out = n;
    return out;
}

/* ---- writing Tiled's JSON ------------------------------------------------- */

/* Adds {"name", "type", "value"} (and "propertytype") to a properties array;
 * false when jansson refused (no memory, text that is not UTF-8). */
static bool json_add_prop(json_t *arr, const char *name, const char *type, const char *ptype,
                          json_t *value)
{
    json_t *p = json_object();
    if (!p || !value) {
        json_decref(p);
        json_decref(value);
        return false;
    }
    bool ok = json_object_set_new(p, "name", json_string(name)) == 0;
    if (ptype) ok = ok && json_object_set_new(p, "propertytype", json_string(ptype)) == 0;
    ok = ok && json_object_set_new(p, "type", json_string(type)) == 0;
    ok = ok && json_object_set_new(p, "value", value) == 0;
    return json_array_append_new(arr, p) == 0 && ok;
}

/* A layer's fields that Tiled writes for every layer. */
static bool json_layer_common(json_t *l, int id, const char *name, const char *type)
{
    bool ok = json_object_set_new(l, "id", json_integer(id)) == 0;
    ok = ok && json_object_set_new(l, "name", json_string(name)) == 0;
    ok = ok && json_object_set_new(l, "opacity", json_integer(1)) == 0;
    ok = ok && json_object_set_new(l, "type", json_string(type)) == 0;
    ok = ok && json_object_set_new(l, "visible", json_true()) == 0;
    ok = ok && json_object_set_new(l, "x", json_integer(0)) == 0;
    ok = ok && json_object_set_new(l, "y", json_integer(0)) == 0;
    return ok;
}

static bool json_object_common(json_t *jo, int id, const char *name, const char *type, int x, int y)
{
    bool ok = json_object_set_new(jo, "id", json_integer(id)) == 0;
    ok = ok && json_object_set_new(jo, "name", json_string(name)) == 0;
    ok = ok && json_object_set_new(jo, "rotation", json_integer(0)) == 0;
    ok = ok && json_object_set_new(jo, "type", json_string(type)) == 0;
    ok = ok && json_object_set_new(jo, "visible", json_true()) == 0;
    ok = ok && json_object_set_new(jo, "x", json_integer(x)) == 0;
    ok = ok && json_object_set_new(jo, "y", json_integer(y)) == 0;
    return ok;
}

/* The map as a tree, the same map tiled_write_tmx writes; NULL on failure. */
static json_t *json_map_tree(const level_t *lv, const char *tileset_source)
{
    json_t *root = json_object(), *props = json_array(), *layers = json_array();
    json_t *tilesets = json_array(), *ts = json_object(), *tl = json_object(), *data = json_array();
    json_t *og = json_object(), *objs = json_array();
    bool ok = root && props && layers && tilesets && ts && tl && data && og && objs;
    /* Owned by root from here, so one decref frees all. */
    ok = ok && json_object_set_new(root, "compressionlevel", json_integer(-1)) == 0;
    ok = ok && json_object_set_new(root, "height", json_integer(lv->h)) == 0;
    ok = ok && json_object_set_new(root, "infinite", json_false()) == 0;
    ok = ok && json_object_set(root, "layers", layers) == 0;
    ok = ok && json_object_set_new(root, "nextlayerid", json_integer(lv->path_count ? 4 : 3)) == 0;
    ok = ok && json_object_set_new(root, "nextobjectid",
                                   json_integer(lv->object_count + lv->path_count + 1)) == 0;
    ok = ok && json_object_set_new(root, "orientation", json_string("orthogonal")) == 0;
    ok = ok && json_object_set(root, "properties", props) == 0;
    ok = ok && json_object_set_new(root, "renderorder", json_string("right-down")) == 0;
    ok = ok && json_object_set_new(root, "tiledversion", json_string("1.8.2")) == 0;
    ok = ok && json_object_set_new(root, "tileheight", json_integer(LEVEL_TILE_PX)) == 0;
    ok = ok && json_object_set(root, "tilesets", tilesets) == 0;
    ok = ok && json_object_set_new(root, "tilewidth", json_integer(LEVEL_TILE_PX)) == 0;
    ok = ok && json_object_set_new(root, "type", json_string("map")) == 0;
    ok = ok && json_object_set_new(root, "version", json_string("1.8")) == 0;
    ok = ok && json_object_set_new(root, "width", json_integer(lv->w)) == 0;
    /* Map properties, sorted as Tiled saves them. */
    if (ok && lv->ambient != 100)
        ok = json_add_prop(props, "ambient", "int", NULL, json_integer(lv->ambient));
    ok = ok && json_add_prop(props, "author", "string", NULL, json_string(lv->author));
    if (ok && lv->expert_ticks > 0)
        ok = json_add_prop(props, "expert", "int", NULL, json_integer(lv->expert_ticks));
    if (ok && lv->hour[0]) ok = json_add_prop(props, "hour", "string", NULL, json_string(lv->hour));
    if (ok && lv->medal_s[LEVEL_MEDAL_GOLD] > 0) {
        char medals[48];
        snprintf(medals, sizeof medals, "%d %d %d", (int)lv->medal_s[LEVEL_MEDAL_BRONZE],
                 (int)lv->medal_s[LEVEL_MEDAL_SILVER], (int)lv->medal_s[LEVEL_MEDAL_GOLD]);
        ok = json_add_prop(props, "medals", "string", NULL, json_string(medals));
    }
    ok = ok && json_add_prop(props, "music", "string", NULL, json_string(lv->music));
    ok = ok && json_add_prop(props, "name", "string", NULL, json_string(lv->name));
    ok = ok && json_add_prop(props, "par", "int", NULL, json_integer(lv->par_s));
    if (ok && lv->place[0])
        ok = json_add_prop(props, "place", "string", NULL, json_string(lv->place));
    if (ok) {
        /* Tiled's int is 32-bit signed: a larger seed goes as a string. */
        char seed[16];
        snprintf(seed, sizeof seed, "%u", (unsigned)lv->seed);
        ok = lv->seed > 2147483647u
                 ? json_add_prop(props, "seed", "string", NULL, json_string(seed))
                 : json_add_prop(props, "seed", "int", NULL, json_integer((json_int_t)lv->seed));
    }
    if (ok && lv->story[0])
        ok = json_add_prop(props, "story", "string", NULL, json_string(lv->story));
    ok = ok && json_add_prop(props, "time", "int", NULL, json_integer(lv->time_s));
    ok = ok && json_object_set_new(ts, "firstgid", json_integer(1)) == 0;
    ok = ok && json_object_set_new(ts, "source", json_string(tileset_source)) == 0;
    ok = ok && json_array_append(tilesets, ts) == 0;
    for (int32_t i = 0; ok && i < lv->w * lv->h; i++)
        ok = json_array_append_new(data, json_integer(lv->tiles[i] + 1)) == 0;
    ok = ok && json_object_set(tl, "data", data) == 0;
    ok = ok && json_object_set_new(tl, "height", json_integer(lv->h)) == 0;
    ok = ok && json_layer_common(tl, 1, "Tiles", "tilelayer");
    ok = ok && json_object_set_new(tl, "width", json_integer(lv->w)) == 0;
    ok = ok && json_array_append(layers, tl) == 0;
    ok = ok && json_object_set_new(og, "draworder", json_string("topdown")) == 0;
    ok = ok && json_object_set(og, "objects", objs) == 0;
    ok = ok && json_layer_common(og, 2, "Objects", "objectgroup");
    ok = ok && json_array_append(layers, og) == 0;
    /* Object i is Tiled object i + 1 (what 'object' properties hold). */
    for (int32_t i = 0; ok && i < lv->object_count; i++) {
        const level_object_t *o = &lv->objects[i];
        const kind_schema_t *k = level_kind(o->kind);
        json_t *jo = json_object(), *jp = json_array();
        ok = jo && jp && json_array_append_new(objs, jo) == 0;
        ok = ok && json_object_set_new(jo, "height", json_integer(o->h * LEVEL_TILE_PX)) == 0;
        ok = ok && json_object_common(jo, (int)i + 1, o->name, k->name, o->x * LEVEL_TILE_PX,
                                      o->y * LEVEL_TILE_PX);
        ok = ok && json_object_set_new(jo, "width", json_integer(o->w * LEVEL_TILE_PX)) == 0;
        for (int32_t p = 0; ok && p < k->prop_count; p++) {
            const prop_schema_t *ps = &k->props[p];
            char v[LEVEL_TEXT_BYTES + 1], en[48];
            level_prop_text(lv, o, p, v, sizeof v);
            if (!v[0]) continue;
            enum_name(o->kind, p, en, sizeof en);
            if (ps->type == PROP_OBJECT)
                ok = json_add_prop(jp, ps->key, "object", NULL, json_integer(o->props[p] + 1));
            else if (en[0])
                ok = json_add_prop(jp, ps->key, "string", en, json_string(v));
            else if (ps->type == PROP_INT)
                ok = json_add_prop(jp, ps->key, "int", NULL, json_integer(o->props[p]));
            else if (ps->type == PROP_BOOL)
                ok = json_add_prop(jp, ps->key, "bool", NULL, json_boolean(o->props[p]));
            else
                ok = json_add_prop(jp, ps->key, "string", NULL, json_string(v));
        }
        if (ok && json_array_size(jp)) ok = json_object_set(jo, "properties", jp) == 0;
        json_decref(jp);
    }
    if (ok && lv->path_count) {
        json_t *pg = json_object(), *pobjs = json_array();
        ok = pg && pobjs && json_array_append_new(layers, pg) == 0;
        ok = ok && json_object_set_new(pg, "draworder", json_string("topdown")) == 0;
        ok = ok && json_object_set(pg, "objects", pobjs) == 0;
        ok = ok && json_layer_common(pg, 3, "Paths", "objectgroup");
        for (int32_t i = 0; ok && i < lv->path_count; i++) {
            const level_path_t *p = &lv->paths[i];
            int32_t x0 = p->count ? p->x[0] : 0, y0 = p->count ? p->y[0] : 0;
            json_t *jo = json_object(), *pts = json_array();
            ok = jo && pts && json_array_append_new(pobjs, jo) == 0;
            ok = ok && json_object_set_new(jo, "height", json_integer(0)) == 0;
            ok = ok && json_object_common(jo, (int)(lv->object_count + i) + 1, p->name, "path",
                                          x0 * LEVEL_TILE_PX + 8, y0 * LEVEL_TILE_PX + 8);
            ok = ok && json_object_set_new(jo, "width", json_integer(0)) == 0;
            /* Points at tile centres, from the first one. */
            for (int32_t j = 0; ok && j < p->count; j++) {
                json_t *pt = json_object();
                ok = pt && json_array_append_new(pts, pt) == 0;
                ok = ok && json_object_set_new(pt, "x",
                                               json_integer((p->x[j] - x0) * LEVEL_TILE_PX)) == 0;
                ok = ok && json_object_set_new(pt, "y",
                                               json_integer((p->y[j] - y0) * LEVEL_TILE_PX)) == 0;
            }
            ok = ok && json_object_set(jo, p->loop ? "polygon" : "polyline", pts) == 0;
            json_decref(pts);
        }
        json_decref(pobjs);
    }
    json_decref(props);
    json_decref(layers);
    json_decref(tilesets);
    json_decref(ts);
    json_decref(tl);
    json_decref(data);
    json_decref(og);
    json_decref(objs);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

char *tiled_write_json(const level_t *lv, const char *tileset_source, size_t *len_out)
{
    json_t *root = json_map_tree(lv, tileset_source);
    if (!root) return NULL;
    /* jansson escapes what JSON needs (quotes, backslashes, control
     * characters) and writes UTF-8; it refuses text that is not UTF-8. */
    char *text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text) return NULL;
    size_t n = strlen(text);
    char *out = malloc(n + 2);
    if (!out) {
        free(text);
        return NULL;
    }
    /* Arrays of numbers (the layer's tiles) on one line, as Tiled writes
     * them: only white space outside strings is dropped. */
    size_t o = 0;
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (in_str) {
            out[o++] = c;
            if (c == '\\' && i + 1 < n)
                out[o++] = text[++i];
            else if (c == '"')
                in_str = false;
            continue;
        }
        if (c == '"') in_str = true;
        if (c == '[') {
            size_t j = i + 1;
            while (j < n && strchr("0123456789-, \n", text[j])) j++;
            bool numbers = j < n && text[j] == ']' && j > i + 1;
            if (numbers) {
                out[o++] = '[';
                for (size_t k = i + 1; k < j; k++) {
                    if (text[k] == ' ' || text[k] == '\n') continue;
                    out[o++] = text[k];
                    if (text[k] == ',') out[o++] = ' ';
                }
                out[o++] = ']';
                i = j;
                continue;
            }
        }
        out[o++] = c;
    }
    free(text);
    /* A final line break, as Tiled writes. */
    out[o++] = '\n';
    out[o] = '\0';
    if (len_out) *len_out = o;
    return out;
}
