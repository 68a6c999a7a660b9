/* The level model and its plain-text reader (format: levels/README.md). */
#ifndef MM_LEVEL_H
#define MM_LEVEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LEVEL_FORMAT_VERSION 2
#define LEVEL_TILE_PX 16
#define LEVEL_MIN_W 4
#define LEVEL_MIN_H 4
#define LEVEL_MAX_W 256
#define LEVEL_MAX_H 256
#define LEVEL_MAX_NPCS 128
#define LEVEL_NAME_MAX 64
#define LEVEL_TEXT_MAX 160
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
    TILE_KIND_COUNT
} tile_kind_t;

typedef struct tile_info {
    const char *id;   /* a short name for Tiled properties: "tar", "road_lane" */
    char symbol;      /* the character in a level file */
    const char *name; /* a word for people: "sidewalk" */
    bool solid;
    /* Harry's top speed on this tile, in 256ths of normal. */
    int32_t speed_256;
} tile_info_t;

typedef enum npc_kind {
    NPC_DINER,
} npc_kind_t;

typedef struct level_npc {
    npc_kind_t kind;
    int32_t tx, ty; /* starting tile */
    uint8_t variant;
} level_npc_t;

typedef struct level {
    char name[LEVEL_NAME_MAX + 1];
    char author[LEVEL_NAME_MAX + 1];
    char story[LEVEL_TEXT_MAX + 1];
    char music[LEVEL_NAME_MAX + 1];
    int32_t version;
    int32_t time_s; /* seconds on the clock */
    int32_t par_s;  /* a good finishing time, in seconds */
    uint32_t seed;  /* gameplay RNG seed */
    int32_t w, h;
    uint8_t tiles[LEVEL_MAX_W * LEVEL_MAX_H]; /* tile_kind_t, row-major */
    int32_t harry_tx, harry_ty;
    int32_t julie_tx, julie_ty;
    /* Where things stand in the source file, for messages (0 if unknown). */
    int32_t harry_line, harry_col, julie_line, julie_col;
    int32_t map_line; /* the line of the map's first row */
    int32_t npc_count;
    level_npc_t npcs[LEVEL_MAX_NPCS];
} level_t;

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
/* Checks what every reader must ensure (one Harry and Julie on walkable
 * tiles, clock, name); adds errors to d. */
void level_validate(const level_t *lv, level_diags_t *d);
/* Adds a diner at tile (x, y), or reports why not (another person there, too
 * many people) at line:col. */
bool level_add_diner(level_t *lv, level_diags_t *d, int32_t x, int32_t y, int32_t line,
                     int32_t col);
/* Errors for people who share a tile (Harry, Julie, diners). */
void level_check_places(const level_t *lv, level_diags_t *d);
/* Puts people in reading order and gives diners their looks; every reader
 * calls it last so all formats give the same level. */
void level_finish(level_t *lv);
/* Writes the text format (version 2); returns a malloc'd NUL-terminated
 * buffer, or NULL. */
char *level_write_text(const level_t *lv, size_t *len_out);

/* Parses a level from a buffer. Returns a new level, or NULL with at least one
 * error in diags. Warnings may be reported for a level that loads. */
level_t *level_parse(const char *buf, size_t len, level_diags_t *diags);
void level_free(level_t *level);

tile_kind_t level_tile_at(const level_t *level, int32_t tx, int32_t ty);
/* Solid outside the map, so the edge of the map is a wall. */
bool level_solid_at(const level_t *level, int32_t tx, int32_t ty);

/* A hash of everything that affects play (not comments or layout of the
 * file), so a replay can tell whether its level changed. */
uint64_t level_hash(const level_t *level);

void level_diag_add(level_diags_t *d, level_severity_t sev, int32_t line, int32_t col,
                    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif
