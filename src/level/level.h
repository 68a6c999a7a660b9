/* The level model: tiles, objects (everything placed in the world, each of a
 * kind from the game's kind table), paths and the links between them. Every
 * reader builds a level through the same functions (level_add_object,
 * level_set_prop, level_add_path, level_finish), driven by one schema, so
 * the formats cannot disagree. Plain C, no SDL. */
#ifndef MM_LEVEL_H
#define MM_LEVEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LEVEL_FORMAT_VERSION 3
#define LEVEL_TILE_PX 16
#define LEVEL_MIN_W 4
#define LEVEL_MIN_H 4
#define LEVEL_MAX_W 256
#define LEVEL_MAX_H 256
#define LEVEL_MAX_OBJECTS 256
#define LEVEL_MAX_PEOPLE 128 /* of the objects, how many may be people */
#define LEVEL_MAX_PATHS 64
#define LEVEL_MAX_POINTS 32 /* per path */
#define LEVEL_MAX_PROPS 10  /* per kind */
#define LEVEL_NAME_MAX 64
#define LEVEL_ID_MAX 24 /* object and path names */
/* The author of a level that names none. */
#define LEVEL_NO_AUTHOR "unknown"
#define LEVEL_TEXT_MAX 160
/* Limits are in characters; UTF-8 takes up to four bytes for one. */
#define LEVEL_NAME_BYTES (LEVEL_NAME_MAX * 4)
#define LEVEL_TEXT_BYTES (LEVEL_TEXT_MAX * 4)
/* The time of night a campaign card shows ("4:05 a.m."). */
#define LEVEL_HOUR_MAX 16
#define LEVEL_HOUR_BYTES (LEVEL_HOUR_MAX * 4)
#define LEVEL_MIN_TIME_S 5
#define LEVEL_MAX_TIME_S 3600
#define LEVEL_MAX_ERRORS 64

typedef enum tile_kind {
    TILE_SIDEWALK,
    TILE_ROAD,
    TILE_ROAD_LANE,
    TILE_CROSSWALK,
    TILE_GRASS,
    TILE_TREE,
    TILE_WATER,
    TILE_TAR,
    TILE_WALL,
    TILE_DOOR,
    TILE_FENCE,
    TILE_DINER_FLOOR,
    TILE_COUNTER,
    TILE_STOOL,
    TILE_BOOTH,
    TILE_PAYPHONE,
    TILE_STREETLIGHT,
    TILE_NEON,
    TILE_MAMMOTH,       /* the statue; a 2x2 block of 'M' draws one mammoth */
    TILE_MAMMOTH_YOUNG, /* its young, crying from the shore */
    TILE_BENCH,
    TILE_STORE_FLOOR,
    TILE_SHELF,
    TILE_MALL_FLOOR,
    TILE_SHUTTER,
    TILE_ESCALATOR,
    TILE_ROOF,
    TILE_HELIPAD,
    TILE_VENT,
    TILE_FIRE,
    TILE_SMOKE,
    TILE_TAR_SHALLOW, /* a seep: slows like tar, never sinks (taught before tar) */
    /* The May Company on Wilshire: its gold-tiled corner, its sign, its
     * lit shop windows. */
    TILE_GOLD,
    TILE_MAY_SIGN,
    TILE_SHOP_WINDOW,
    TILE_TOWER,     /* a Park La Brea tower: roof, or its face over open ground */
    TILE_HEDGE,     /* a courtyard hedge */
    TILE_SHOPFRONT, /* a lit shop window set in a building's face */
    TILE_COURTYARD, /* courtyard paving */
    TILE_KIND_COUNT
} tile_kind_t;

typedef struct tile_info {
    const char *id;   /* a short name for Tiled properties: "tar", "road_lane" */
    char symbol;      /* the character in a level file */
    const char *name; /* a word for people: "sidewalk" */
    bool solid;
    /* Harry's top speed on this tile, in 256ths of normal. */
    int32_t speed_256;
    /* The solid part of a solid tile in pixels from its top left (x, y, w,
     * h): thin things collide thin (a lamp's post, a palm's trunk). */
    uint8_t box[4];
} tile_info_t;

/* ---- the schema ---------------------------------------------------------- */

/* Every kind of thing in the world. The game's kind table (src/game/kinds.c)
 * has one row for each: its schema below, size, speed and behaviour. */
typedef enum kind_id {
    KIND_HARRY,
    KIND_JULIE,
    KIND_DINER,
    KIND_PEDESTRIAN,
    KIND_LOOTER,
    KIND_COP,
    KIND_SWAT,
    KIND_COYOTE,
    KIND_HELICOPTER,
    KIND_LANE,
    KIND_CAR,
    KIND_BUS,
    KIND_SIGNAL,
    KIND_RIDE,
    KIND_FIRE,
    KIND_KEY,
    KIND_DOOR,
    KIND_COFFEE,
    KIND_CLOCK,
    KIND_PAYPHONE,
    KIND_TRIGGER,
    KIND_YOUNG_MAMMOTH, /* on an 'm' tile: cries when Harry is near */
    KIND_WIND,          /* gusts across an area that push Harry */
    KIND_RESIDENT,
    KIND_CRASH,
    KIND_COUNT
} kind_id_t;

typedef enum prop_type {
    PROP_INT,    /* a whole number within [min, max] */
    PROP_BOOL,   /* true / false */
    PROP_ENUM,   /* one word of a list; the value is its index */
    PROP_TEXT,   /* a line of text (one per object, in level_object_t.text) */
    PROP_PATH,   /* the name of a path; the value is its index */
    PROP_OBJECT, /* the name of another object; the value is its index */
    PROP_KINDS,  /* a comma-separated list of kinds; the value is a bit set */
} prop_type_t;

typedef struct prop_schema {
    const char *key;
    prop_type_t type;
    int32_t min, max, def;    /* PROP_INT range and default; PROP_ENUM/BOOL default */
    const char *const *words; /* PROP_ENUM: NULL-terminated list; PROP_KINDS: allowed kinds */
    bool required;
    const char *doc; /* a few words for level makers */
} prop_schema_t;

typedef enum kind_place {
    PLACE_POINT, /* a tile */
    PLACE_AREA,  /* a rectangle of tiles: w and h */
} kind_place_t;

/* The level-facing part of a kind (the game's kind table holds one per
 * kind, with its size, speed and behaviour). */
typedef struct kind_schema {
    const char *name; /* in level files and Tiled's class */
    const char *doc;
    kind_place_t place;
    bool person;    /* counts against LEVEL_MAX_PEOPLE; stands on walkable ground */
    bool unique;    /* exactly one per level (Harry, Julie) */
    bool on_solid;  /* stands on a solid tile (a payphone on its booth), else on walkable ground */
    bool placeable; /* false: only the game makes them (a lane's cars) */
    int32_t prop_count;
    prop_schema_t props[LEVEL_MAX_PROPS];
} kind_schema_t;

/* The kinds, by number (the game's table is indexed by these). */
int32_t level_kind_count(void);
const kind_schema_t *level_kind(int32_t kind);
/* The kind with this name, or -1. */
int32_t level_kind_find(const char *name, size_t len);
/* Every kind name, comma-separated, for messages. */
const char *level_kind_names(void);

/* ---- the model ----------------------------------------------------------- */

typedef struct level_object {
    int32_t kind;
    int32_t x, y; /* tile (the top left of an area) */
    int32_t w, h; /* tiles; 1 x 1 for a point */
    char name[LEVEL_ID_MAX + 1];
    int32_t props[LEVEL_MAX_PROPS];               /* by the kind's schema order, resolved */
    char refs[LEVEL_MAX_PROPS][LEVEL_ID_MAX + 1]; /* PATH/OBJECT names until resolved */
    bool set[LEVEL_MAX_PROPS];                    /* given in the file (else the default) */
    char text[LEVEL_TEXT_BYTES + 1];
    uint32_t id; /* stable: from kind and place, seeds the object's random stream */
    int32_t line, col;
} level_object_t;

typedef struct level_path {
    char name[LEVEL_ID_MAX + 1];
    bool loop; /* back to the first point after the last, else there and back */
    int32_t count;
    int32_t x[LEVEL_MAX_POINTS], y[LEVEL_MAX_POINTS]; /* tiles */
    int32_t line, col;
} level_path_t;

typedef struct level {
    char name[LEVEL_NAME_BYTES + 1];
    char author[LEVEL_NAME_BYTES + 1];
    char story[LEVEL_TEXT_BYTES + 1];
    char music[LEVEL_NAME_MAX + 1];
    /* For the card before a campaign level: the time of night and the place
     * (empty: none). Neither changes play. */
    char hour[LEVEL_HOUR_BYTES + 1];
    char place[LEVEL_NAME_BYTES + 1];
    int32_t ambient; /* % of the night's ambient light, 0..100 (looks only) */
    int32_t version;
    int32_t time_s; /* seconds on the clock */
    int32_t par_s;  /* a good finishing time, in seconds */
    uint32_t seed;  /* gameplay RNG seed */
    int32_t w, h;
    uint8_t tiles[LEVEL_MAX_W * LEVEL_MAX_H]; /* tile_kind_t, row-major */
    int32_t map_line;                         /* the line of the map's first row */
    int32_t object_count;
    level_object_t objects[LEVEL_MAX_OBJECTS];
    int32_t path_count;
    level_path_t paths[LEVEL_MAX_PATHS];
    /* Filled by level_finish from the harry and julie objects. */
    int32_t harry, julie; /* object indices, -1 if missing */
    int32_t harry_tx, harry_ty, julie_tx, julie_ty;
    int32_t harry_line, harry_col, julie_line, julie_col;
    /* Medals (none changes play, so none is in the play hash): the finishing
     * times in whole seconds that earn bronze, silver and gold (0 when the
     * level sets none: level_medal_ticks gives the default from the par),
     * and the shipped expert run's finishing time in ticks (0: unknown).
     * Where the keys were, for the checks of level_finish. */
    int32_t medal_s[3]; /* LEVEL_MEDAL_BRONZE .. LEVEL_MEDAL_GOLD */
    int32_t expert_ticks;
    int32_t medal_line, medal_col[3], expert_line, expert_col;
} level_t;

enum { LEVEL_MEDAL_BRONZE, LEVEL_MEDAL_SILVER, LEVEL_MEDAL_GOLD, LEVEL_MEDALS };

typedef enum level_severity {
    LEVEL_ERROR,
    LEVEL_WARNING,
} level_severity_t;

typedef struct level_diag {
    char file[128]; /* empty: the file being read; else another (a tileset) */
    level_severity_t severity;
    int32_t line, col; /* 1-based; 0 when the problem is about the whole file */
    char message[200];
} level_diag_t;

typedef struct level_diags {
    int32_t count;
    int32_t errors;  /* how many of them are errors */
    int32_t dropped; /* beyond LEVEL_MAX_ERRORS */
    level_diag_t items[LEVEL_MAX_ERRORS];
} level_diags_t;

const tile_info_t *level_tile_info(tile_kind_t kind);
/* The tile for a map character, or -1 if there is none. */
int level_tile_from_symbol(char c);
/* The tile for a short id ("tar") or a map character ("~"), or -1. */
int level_tile_from_id(const char *id);
/* Every tile id, comma-separated, for messages. */
const char *level_tile_ids(void);

/* A new empty level of w x h tiles (for readers of other formats), with the
 * defaults of the text format. NULL if the size is out of range. */
level_t *level_create(int32_t w, int32_t h);
void level_free(level_t *level);

/* Sets a level-wide key (name, author, story, time, par, music, seed, hour,
 * place, ambient, medals, expert) from its
 * text form, by the same rules for every format; reports a bad value at
 * line:col. */
bool level_set_key(level_t *lv, level_diags_t *d, const char *key, const char *value,
                   size_t value_len, int32_t line, int32_t col);
/* Adds an object of a kind at tile (x, y), an area of w x h tiles (1 x 1 for
 * a point kind); returns its index, or -1 after reporting why not at
 * line:col. */
int32_t level_add_object(level_t *lv, level_diags_t *d, int32_t kind, int32_t x, int32_t y,
                         int32_t w, int32_t h, int32_t line, int32_t col);
/* Sets one property of an object from its text form ("90", "true", "left",
 * "car,bus", a path or object name, a line of text); "name" names the object,
 * and "w"/"h" size an area. Reports a bad key at line:key_col and a bad
 * value at line:value_col. */
bool level_set_prop(level_t *lv, level_diags_t *d, int32_t obj, const char *key, size_t key_len,
                    const char *value, size_t value_len, int32_t line, int32_t key_col,
                    int32_t value_col);
/* Adds an empty path; returns its index or -1. */
int32_t level_add_path(level_t *lv, level_diags_t *d, const char *name, size_t name_len, bool loop,
                       int32_t line, int32_t col);
bool level_path_add_point(level_t *lv, level_diags_t *d, int32_t path, int32_t x, int32_t y,
                          int32_t line, int32_t col);
/* Every reader calls this last: puts objects in one order, resolves names,
 * checks everything a level must be (one Harry and Julie on open ground,
 * objects where they can stand, paths that exist and keep to open ground,
 * the clock and the name) and reports at each object's line:col. */
void level_finish(level_t *lv, level_diags_t *d);

/* The value of an object's property by key (its default if not set). */
int32_t level_prop(const level_t *lv, const level_object_t *o, const char *key);
/* The colour of the key an object hands Harry: a key's, a resident's
 * 'gives'; -1 for none. */
int32_t level_key_colour(const level_t *lv, const level_object_t *o);
/* The index of a key in a kind's schema, or -1. */
int32_t level_prop_index(int32_t kind, const char *key);
/* An object's property as text in the level format, for writers ("" when
 * it holds the default and need not be written). */
void level_prop_text(const level_t *lv, const level_object_t *o, int32_t prop, char *buf,
                     size_t cap);
/* The first object of a kind, or -1. */
int32_t level_find_kind(const level_t *lv, int32_t kind);

/* The finishing times (ticks) that earn bronze, silver and gold: the
 * level's 'medals', or by default gold at the par, silver a third of the
 * way from the par to the clock and bronze two thirds (whole seconds,
 * rounded down). From the numbers alone, for menus that keep no level. */
void level_medal_ticks_of(int32_t time_s, int32_t par_s, const int32_t medal_s[LEVEL_MEDALS],
                          int32_t out[LEVEL_MEDALS]);
void level_medal_ticks(const level_t *lv, int32_t out[LEVEL_MEDALS]);

/* Writes the text format (version 3); returns a malloc'd NUL-terminated
 * buffer, or NULL. */
char *level_write_text(const level_t *lv, size_t *len_out);

/* Parses a level from a buffer. Returns a new level, or NULL with at least one
 * error in diags. Warnings may be reported for a level that loads. */
level_t *level_parse(const char *buf, size_t len, level_diags_t *diags);

tile_kind_t level_tile_at(const level_t *level, int32_t tx, int32_t ty);
/* Solid outside the map, so the edge of the map is a wall. */
bool level_solid_at(const level_t *level, int32_t tx, int32_t ty);

/* A hash of everything that affects play (not comments or layout of the
 * file), so a replay can tell whether its level changed. */
uint64_t level_hash(const level_t *level);

/* Adds a message: errors before warnings, and past LEVEL_MAX_ERRORS an error
 * replaces the last warning (counted in dropped). Returns the entry, or NULL
 * when it was dropped. */
level_diag_t *level_diag_add(level_diags_t *d, level_severity_t sev, int32_t line, int32_t col,
                             const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif
