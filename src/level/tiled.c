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
    char value[LEVEL_TEXT_BYTES + 1];
    int32_t line, col;
} tiled_prop_t;

typedef struct tiled_layer {
    uint32_t *gids; /* w * h */
    int32_t line, col;
} tiled_layer_t;

#define TILED_OBJECT_PROPS (LEVEL_MAX_PROPS + 4)
typedef enum tiled_shape { SHAPE_BOX, SHAPE_POLYLINE, SHAPE_POLYGON } tiled_shape_t;

typedef struct tiled_object {
    char type[32]; /* class or type; empty if none */
    char name[LEVEL_ID_MAX + 1];
    bool long_name; /* longer than a level name: never an id */
    long id;        /* Tiled's object id, what 'object' properties hold */
    int32_t nprops;
    tiled_prop_t props[TILED_OBJECT_PROPS];
    double x, y, w, h;
    uint32_t gid;
    tiled_shape_t shape;
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
    int32_t nprops;
    tiled_prop_t props[16];
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

static void map_free(tiled_map_t *m)
{
    for (int32_t i = 0; i < m->nlayers; i++) free(m->layers[i].gids);
    for (int32_t i = 0; i < m->ntilesets; i++) free(m->tilesets[i].kinds);
}

static void set_prop(tiled_prop_t *props, int32_t *n, int32_t cap, const char *name,
                     const char *type, const char *value, int32_t line, int32_t col)
{
    if (*n >= cap) return;
    tiled_prop_t *p = &props[(*n)++];
    snprintf(p->name, sizeof p->name, "%s", name);
    snprintf(p->type, sizeof p->type, "%s", type ? type : "");
    snprintf(p->value, sizeof p->value, "%s", value ? value : "");
    p->line = line;
    p->col = col;
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
} xml_state_t;

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

static void start_element(void *ud, const char *name, const char **atts)
{
    xml_state_t *s = ud;
    tiled_map_t *m = s->m;
    if (s->depth < TILED_MAX_DEPTH) snprintf(s->stack[s->depth], sizeof s->stack[0], "%s", name);
    s->depth++;
    if (m->fatal) return;
    if (s->depth > TILED_MAX_DEPTH) {
        diag(m->d, s->file, LEVEL_ERROR, xline(s), xcol(s),
             "elements nested more than %d deep; this is not a Tiled map", TILED_MAX_DEPTH);
        m->fatal = true;
        return;
    }
    const char *par = parent(s);
    long n = 0;
    if (strcmp(name, "map") == 0 && s->depth == 1 && !s->file) {
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
        if (!pn) return;
        if (s->props_for == CTX_MAP) {
            set_prop(m->props, &m->nprops, 16, pn, pt, pv, xline(s), xcol(s));
        } else if (s->props_for == CTX_TILE && strcmp(pn, "tile") == 0) {
            snprintf(s->tile_meaning, sizeof s->tile_meaning, "%s", pv ? pv : "");
        } else if (s->props_for == CTX_OBJECT && s->obj && strcmp(pn, "type") == 0 && pv) {
            snprintf(s->obj->type, sizeof s->obj->type, "%s", pv);
        } else if (s->props_for == CTX_OBJECT && s->obj) {
            set_prop(s->obj->props, &s->obj->nprops, TILED_OBJECT_PROPS, pn, pt, pv, xline(s),
                     xcol(s));
        } else if (s->props_for == CTX_TILE && strcmp(pn, "solid") != 0) {
            /* 'solid' in our tileset only tells the maker; the tile's kind decides. */
            diag(m->d, s->file, LEVEL_WARNING, xline(s), xcol(s),
                 "property '%s' is not used by the game; ignored", pn);
        }
    } else if (strcmp(name, "layer") == 0) {
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
        const char *t = attr(atts, "class");
        if (!t) t = attr(atts, "type");
        snprintf(o->type, sizeof o->type, "%s", t ? t : "");
        const char *on = attr(atts, "name");
        snprintf(o->name, sizeof o->name, "%s", on ? on : "");
        o->long_name = on && strlen(on) > LEVEL_ID_MAX;
        long id = 0;
        if (attr_int(atts, "id", &id)) o->id = id;
        o->lvobj = -1;
        o->x = attr_num(atts, "x");
        o->y = attr_num(atts, "y");
        o->w = attr_num(atts, "width");
        o->h = attr_num(atts, "height");
        long gid = 0;
        if (attr_int(atts, "gid", &gid)) o->gid = (uint32_t)gid;
        o->line = xline(s);
        o->col = xcol(s);
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
               strcmp(name, "map") == 0) {
        /* Known; nothing the game needs from them. */
    } else {
        diag(m->d, s->file, LEVEL_WARNING, xline(s), xcol(s),
             "<%s> is not used by the game; ignored", name);
    }
}

static void end_element(void *ud, const char *name)
{
    xml_state_t *s = ud;
    tiled_map_t *m = s->m;
    s->depth--;
    if (m->fatal) return;
    if (strcmp(name, "tile") == 0 && s->ts && s->tile_id >= 0 && s->depth >= 1 &&
        s->depth - 1 < TILED_MAX_DEPTH && strcmp(s->stack[s->depth - 1], "tileset") == 0) {
        tileset_set(m, s->ts, s->tile_id, s->tile_meaning, s->file, s->tile_line, s->tile_col);
        s->tile_id = -1;
    } else if (strcmp(name, "data") == 0 && s->in_data) {
        s->in_data = false;
        if (s->layer && s->xml_tiles == 0)
            decode_layer(m, s->data ? s->data : "", s->data_len, s->encoding, s->compression,
                         s->layer->gids, s->data_line, s->data_col);
    } else if (strcmp(name, "object") == 0) {
        s->obj = NULL;
    } else if (strcmp(name, "tileset") == 0 && !s->file) {
        s->ts = NULL;
    }
}

static void char_data(void *ud, const char *text, int len)
{
    xml_state_t *s = ud;
    if (!s->in_data || len <= 0) return;
    if (s->data_len + (size_t)len + 1 > s->data_cap) {
        size_t cap = (s->data_cap + (size_t)len + 1) * 2;
        char *p = realloc(s->data, cap);
        if (!p) return;
        s->data = p;
        s->data_cap = cap;
    }
    memcpy(s->data + s->data_len, text, (size_t)len);
    s->data_len += (size_t)len;
    s->data[s->data_len] = '\0';
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
    size_t sl = strlen(source);
    if (sl > 4 && strcmp(source + sl - 4, ".tsx") == 0)
        xml_read(m, buf, len, ts->file, ts);
    else
        json_read_tileset_file(m, ts, buf, len, ts->file);
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
    const char *t = jstr(o, "class");
    if (!t || !*t) t = jstr(o, "type");
    snprintf(to->type, sizeof to->type, "%s", t ? t : "");
    const char *jn = jstr(o, "name");
    snprintf(to->name, sizeof to->name, "%s", jn ? jn : "");
    to->long_name = jn && strlen(jn) > LEVEL_ID_MAX;
    json_t *idv = json_object_get(o, "id");
    if (json_is_integer(idv)) to->id = (long)json_integer_value(idv);
    to->x = json_number_value(json_object_get(o, "x"));
    to->y = json_number_value(json_object_get(o, "y"));
    to->w = json_number_value(json_object_get(o, "width"));
    to->h = json_number_value(json_object_get(o, "height"));
    to->line = line;
    to->col = col;
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
    size_t props_off = jmember(m, off, "properties");
    size_t pi;
    json_t *pp;
    json_array_foreach(json_object_get(o, "properties"), pi, pp)
    {
        const char *pn = jstr(pp, "name");
        size_t poff = jelement(m, props_off, pi);
        size_t voff = jmember(m, poff, "value");
        jline_col(m, voff != JNONE ? voff : poff, &line, &col);
        char vbuf[LEVEL_TEXT_BYTES + 1], tbuf[16];
        json_prop_value(json_object_get(pp, "value"), jstr(pp, "type"), vbuf, sizeof vbuf, tbuf,
                        sizeof tbuf);
        if (pn && strcmp(pn, "type") == 0 && jstr(pp, "value"))
            snprintf(to->type, sizeof to->type, "%s", jstr(pp, "value"));
        else if (pn)
            set_prop(to->props, &to->nprops, TILED_OBJECT_PROPS, pn, tbuf, vbuf, line, col);
    }
    json_t *gid = json_object_get(o, "gid");
    if (json_is_integer(gid)) to->gid = (uint32_t)json_integer_value(gid);
    return true;
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
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(root, "properties"), i, p)
    {
        const char *pn = jstr(p, "name");
        json_t *pv = json_object_get(p, "value");
        char val[LEVEL_TEXT_BYTES + 1];
        if (json_is_string(pv))
            snprintf(val, sizeof val, "%s", json_string_value(pv));
        else if (json_is_integer(pv))
            snprintf(val, sizeof val, "%lld", (long long)json_integer_value(pv));
        else if (json_is_real(pv))
            snprintf(val, sizeof val, "%g", json_real_value(pv));
        else
            val[0] = '\0';
        json_pos(buf, len, pn ? pn : "properties", 0, &line, &col);
        if (pn) set_prop(m->props, &m->nprops, 16, pn, jstr(p, "type"), val, line, col);
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
    m->jbuf = buf;
    m->jlen = len;
    m->jat = 0;
    m->jline = m->jcol = 1;
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
    for (int32_t j = 0; j < o->npoints; j++)
        if (!level_path_add_point(lv, d, p, tile_of_px(o->x + o->px[j]),
                                  tile_of_px(o->y + o->py[j]), o->line, o->col))
            break;
    for (int32_t j = 0; j < o->nprops; j++)
        level_diag_add(d, LEVEL_WARNING, o->props[j].line, o->props[j].col,
                       "a path has no properties; '%s' ignored", o->props[j].name);
}

static void add_object(const tiled_map_t *m, level_t *lv, level_diags_t *d, tiled_object_t *o)
{
    const char *label = o->type[0] ? o->type : o->name;
    double cx = o->x + o->w / 2, cy = o->gid ? o->y - o->h / 2 : o->y + o->h / 2;
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
        lv->objects[obj].x = (int32_t)(o->x / LEVEL_TILE_PX);
        lv->objects[obj].y = (int32_t)(o->y / LEVEL_TILE_PX);
        int32_t w = (int32_t)(o->w / LEVEL_TILE_PX), h = (int32_t)(o->h / LEVEL_TILE_PX);
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
    for (int32_t p = 0; p < o->nprops; p++)
        if (strcmp(o->props[p].name, "name") == 0)
            level_set_prop(lv, d, obj, "name", 4, o->props[p].value, strlen(o->props[p].value),
                           o->props[p].line, o->props[p].col, o->props[p].col);
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
    for (int32_t p = 0; p < o->nprops; p++) {
        const tiled_prop_t *tp = &o->props[p];
        if (strcmp(tp->name, "name") == 0) continue; /* set with the object */
        int32_t pi = level_prop_index(kind, tp->name);
        if (pi < 0) {
            level_diag_add(d, LEVEL_WARNING, tp->line, tp->col,
                           "property '%s' is not used by the game; ignored", tp->name);
            continue;
        }
        char v[LEVEL_TEXT_BYTES + 1];
        if (!prop_text(m, lv, d, tp, &k->props[pi], k->name, v, sizeof v)) continue;
        level_set_prop(lv, d, o->lvobj, tp->name, strlen(tp->name), v, strlen(v), tp->line, tp->col,
                       tp->col);
    }
}

static level_t *build_level(tiled_map_t *m)
{
    level_diags_t *d = m->d;
    level_t *lv = level_create(m->w, m->h);
    if (!lv) return NULL;
    bool has_time = false, has_par = false;
    for (int32_t i = 0; i < m->nprops; i++) {
        const tiled_prop_t *p = &m->props[i];
        bool text = strcmp(p->name, "name") == 0 || strcmp(p->name, "author") == 0 ||
                    strcmp(p->name, "story") == 0 || strcmp(p->name, "music") == 0 ||
                    strcmp(p->name, "hour") == 0 || strcmp(p->name, "place") == 0;
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
        bool known = text || strcmp(p->name, "time") == 0 || strcmp(p->name, "par") == 0 ||
                     strcmp(p->name, "seed") == 0 || strcmp(p->name, "ambient") == 0;
        has_time |= strcmp(p->name, "time") == 0;
        has_par |= strcmp(p->name, "par") == 0;
        if (known) {
            /* The model's rules for level-wide keys: the text format's too. */
            level_set_key(lv, d, p->name, p->value, strlen(p->value), p->line, p->col);
        } else {
            level_diag_add(d, LEVEL_WARNING, p->line, p->col,
                           "map property '%s' is not used by the game; ignored (known: name, "
                           "author, story, time, par, music, seed, hour, place, ambient)",
                           p->name);
        }
    }
    if (!has_time)
        level_diag_add(d, LEVEL_ERROR, 1, 1,
                       "no clock: add a map property 'time' (int, seconds) in Map > Map "
                       "Properties");
    if (!has_par && lv->time_s) lv->par_s = lv->time_s * 2 / 3;
    if (!lv->name[0])
        level_diag_add(d, LEVEL_ERROR, 1, 1, "no name: add a map property 'name' (string)");
    if (m->nlayers == 0) level_diag_add(d, LEVEL_ERROR, 1, 1, "the map has no tile layer");

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
        if (o->shape != SHAPE_BOX)
            add_path(lv, d, o);
        else
            add_object(m, lv, d, o);
    }
    for (int32_t i = 0; i < m->nobjects; i++)
        if (m->objects[i].lvobj >= 0) set_object_props(m, lv, d, &m->objects[i]);
    level_finish(lv, d);
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
        default:
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
    if (lv->hour[0]) OUT("  <property name=\"hour\" value=\"%s\"/>\n", hour);
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
