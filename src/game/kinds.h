/* The kind table: one row per kind of thing in the world, as Doom's mobjinfo
 * and ccleste's object types do it. A row holds the kind's schema (its name
 * and properties in level files), its box, speed and flags, and its
 * behaviour. Adding a kind is a row here, a behaviour file and a drawing
 * entry in the renderer. */
#ifndef MM_KINDS_H
#define MM_KINDS_H

#include "game/game.h"

/* Called once when the entity is made (from a level object, or spawned). */
typedef void (*kind_init_fn)(game_t *g, int32_t slot);
/* Called every tick, in slot order, in the entity phase. */
typedef void (*kind_update_fn)(game_t *g, int32_t slot);

/* When in the tick a kind's behaviour runs (game_tick's phases). */
typedef enum kind_phase {
    PHASE_ENTITY,  /* things that move */
    PHASE_TRIGGER, /* things Harry touches or uses: pickups, doors, phones, triggers */
    PHASE_WORLD,   /* the world itself: fire, traffic lights */
} kind_phase_t;

typedef struct kind_info {
    kind_schema_t schema;
    int32_t hw_px, hh_px; /* half box, in pixels */
    int32_t speed;        /* subpixels per tick, by default */
    uint16_t flags;       /* ENT_* */
    kind_init_fn init;
    kind_update_fn update;
    kind_phase_t phase;
} kind_info_t;

/* Mask bits for game_move and game_box_blocked: Harry does not block; tiles
 * do not block (a vehicle on its path). */
#define MOVE_THROUGH_HARRY (1u << 15)
#define MOVE_GHOST (1u << 14)
/* The entity half of game_box_blocked: only entities with flags in mask. */
bool game_ents_block(const game_t *g, vec_t pos, int32_t hw, int32_t hh, int32_t ignore,
                     uint32_t mask);

const kind_info_t *kind_info(int32_t kind);

/* ---- shared by the behaviour files ------------------------------------- */

/* Events, spawns, removal. */
void game_event(game_t *g, game_event_type_t type, int32_t slot, int32_t arg, vec_t where_sub);
/* Makes an entity now (during init); parent is its link (a car's lane), or -1. */
int32_t game_spawn_now(game_t *g, int32_t kind, vec_t pos, int32_t obj, int32_t parent);
void game_spawn_later(game_t *g, int32_t kind, int32_t parent, vec_t pos, int32_t a, int32_t b);
void game_remove(game_t *g, int32_t slot);
/* Moves an entity by (dx, dy), each axis as far as it is free of tiles and
 * of entities with flags in mask; returns a bit per axis that stopped short
 * (1: x, 2: y). */
int32_t game_move(game_t *g, int32_t slot, int32_t dx, int32_t dy, uint32_t mask);
/* Puts an entity somewhere new (teleport), keeping the grid right. */
void game_place(game_t *g, int32_t slot, vec_t pos);
/* Whether two entities' boxes overlap, grown by grow subpixels. */
bool game_touching(const game_t *g, int32_t a, int32_t b, int32_t grow);
/* Harry is sent back to his checkpoint with seconds lost. */
void game_send_back(game_t *g, int32_t seconds, vec_t to);
/* Seconds off the clock (never below one tick). */
void game_lose_time(game_t *g, int32_t seconds);
/* A line of story (an object's text) shown now. */
void game_show_story(game_t *g, int32_t obj);
/* Walks an entity towards the next point of its path at its speed; returns
 * true when it reached the point (and moved on to the next). */
bool game_follow_path(game_t *g, int32_t slot, uint32_t mask);
/* Called after game_follow_path: a follower held up for a second (another
 * head on in a corridor, someone standing in the way) turns back along its
 * path rather than wait for good; held is the kind's counter of ticks. */
void game_path_unstick(game_t *g, int32_t slot, int32_t *held);
/* Whether a wall lies on the straight line between two points, and whether
 * one point (subpixels) is in a tile that blocks sight. */
bool game_line_blocked(const game_t *g, vec_t a, vec_t b);
bool game_sight_blocked_at(const game_t *g, vec_t p);
/* The integer square root (rounded down) of v >= 0. */
int64_t game_isqrt64(int64_t v);
/* One step in each dir_t (down, up, left, right). */
extern const int32_t game_dir_dx[4], game_dir_dy[4];
/* The dir_t nearest to the way (dx, dy), ties going to left or right. */
dir_t game_dir_towards(int32_t dx, int32_t dy);
/* Tile centre in subpixels. */
vec_t game_tile_centre(int32_t tx, int32_t ty);
int32_t game_floor_div(int32_t a, int32_t b);
bool game_tile_is_road(tile_kind_t t);
/* The level object's property by key (its default when the entity was
 * spawned rather than placed). */
int32_t game_prop(const game_t *g, int32_t slot, const char *key);
/* An entity's text (its object's), or "". */
const char *game_text(const game_t *g, int32_t slot);

/* Behaviours, one file per family (src/game/ent_*.c). */
void harry_update(game_t *g, const input_t *in);
void julie_init(game_t *g, int32_t slot);
void julie_update(game_t *g, int32_t slot);
void julie_release(game_t *g);
void diner_init(game_t *g, int32_t slot);
void diner_update(game_t *g, int32_t slot);
/* A trigger with do=panic: every diner runs for the nearest door and out. */
void diner_panic(game_t *g);
void pedestrian_init(game_t *g, int32_t slot);
void pedestrian_update(game_t *g, int32_t slot);
void looter_init(game_t *g, int32_t slot);
void looter_update(game_t *g, int32_t slot);
void coyote_update(game_t *g, int32_t slot);
void helicopter_update(game_t *g, int32_t slot);
void patrol_init(game_t *g, int32_t slot);
void patrol_update(game_t *g, int32_t slot);
void lane_init(game_t *g, int32_t slot);
void lane_update(game_t *g, int32_t slot);
void lane_start(game_t *g, int32_t slot);
void car_init(game_t *g, int32_t slot);
void car_update(game_t *g, int32_t slot);
void signal_init(game_t *g, int32_t slot);
void signal_update(game_t *g, int32_t slot);
void ride_init(game_t *g, int32_t slot);
void ride_update(game_t *g, int32_t slot);
void fire_init(game_t *g, int32_t slot);
void fire_update(game_t *g, int32_t slot);
void pickup_update(game_t *g, int32_t slot);
void door_init(game_t *g, int32_t slot);
void door_update(game_t *g, int32_t slot);
void door_open(game_t *g, int32_t slot);
void payphone_init(game_t *g, int32_t slot);
void payphone_update(game_t *g, int32_t slot);
void trigger_update(game_t *g, int32_t slot);
void young_mammoth_update(game_t *g, int32_t slot);
void wind_init(game_t *g, int32_t slot);
void wind_update(game_t *g, int32_t slot);
void resident_init(game_t *g, int32_t slot);
void resident_update(game_t *g, int32_t slot);
void crash_init(game_t *g, int32_t slot);
void crash_update(game_t *g, int32_t slot);
void crash_start(game_t *g, int32_t slot);
/* A moving vehicle touching Harry knocks him back to his kerb with seconds
 * lost (a lane's car, a crashing car). */
void traffic_hit_harry(game_t *g, int32_t slot, int32_t penalty);

#endif
