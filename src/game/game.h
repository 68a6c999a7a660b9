/* The rules of a level: fixed 60 Hz ticks, integer positions, seeded random
 * streams. Same level + same inputs = same result, on every platform.
 *
 * Everything in the world is an entity in one fixed pool (Harry and Julie
 * among them), of a kind described by one row of the kind table
 * (game/kinds.h). What happened in a tick is reported as events with a
 * position; sound and pictures react to them and never re-derive a rule. */
#ifndef MM_GAME_H
#define MM_GAME_H

#include <stdbool.h>
#include <stdint.h>

#include "game/rng.h"
#include "level/level.h"

/* Bumped whenever a change to the rules can make a recorded replay play
 * differently; replays carry the version they were made under. */
/* 3: the kinds' rules tested and fixed (corners slid round ahead of time,
 * traffic from the start, standing cars are walls, patrols blind to closed
 * doors and turning back when held up, SWAT pairs that walk). */
/* 4: out of a ride onto the pavement when there is room there, not into a
 * lane (where a car's hit put him back, at his kerb, again and again). */
/* 5: a resident speaks (and hands over the key) when Harry comes within
 * 12 px of them, not only at 6 px: passing a step away gave nothing. */
/* 6: ... and within 28 px (two tiles' rows apart in a walk): first-time
 * players sprinting past a tile off still got nothing. */
#define GAME_RULES_VERSION 6

#define GAME_TICK_HZ 60
/* Positions are in 256ths of a pixel. */
#define GAME_SUB 256
#define GAME_TILE_SUB (LEVEL_TILE_PX * GAME_SUB)

/* Harry's feel, in subpixels per tick (and per tick squared). */
#define GAME_WALK_SPEED 352   /* 88 px/s, about 5.5 tiles a second */
#define GAME_SPRINT_SPEED 592 /* 148 px/s */
#define GAME_ACCEL 70
#define GAME_DECEL 110
#define GAME_STAMINA_MAX 180   /* ticks of sprint: 3 s */
#define GAME_STAMINA_RESUME 45 /* after running dry, sprint again from here */
#define GAME_NUDGE_PX 8        /* corner forgiveness: half a doorway */
#define GAME_BOX_HALF_W (5 * GAME_SUB)
#define GAME_BOX_HALF_H (4 * GAME_SUB)
#define GAME_LAST_SECONDS 10
#define GAME_COUNT_IN 120    /* ticks before the clock starts if Harry does not move */
#define GAME_SINK_MAX 150    /* ticks standing in tar before he goes under */
#define GAME_STORY_TICKS 240 /* how long a line of story shows */
/* How near (box to box, px) Harry comes before a resident speaks to him. */
#define GAME_RESIDENT_REACH_PX 28
#define GAME_CALL_WAIT 1200 /* an unanswered call (starts_clock) holds the clock this long */
#define GAME_FAR 255        /* exit_dist of a tile with no door near */
/* "Hazards only slow you" (an assist): how long a car's knock and a
 * patrol's hold keep him down, and how long after it nothing touches him. */
#define GAME_SOFT_HIT_STUN 30
#define GAME_SOFT_HIT_SAFE 90
#define GAME_SOFT_CATCH_STUN 60
#define GAME_SOFT_CATCH_SAFE 150

#define GAME_MAX_ENTS 512
#define GAME_MAX_EVENTS 64
#define GAME_MAX_SPAWNS 32
/* The collision grid: cells of 32 px, or 128 px on a big map. */
#define GAME_CELL_SHIFT 13     /* log2(32 * GAME_SUB) */
#define GAME_CELL_SHIFT_BIG 15 /* log2(128 * GAME_SUB) */
#define GAME_GRID_W (LEVEL_MAX_W * LEVEL_TILE_PX * GAME_SUB >> GAME_CELL_SHIFT)
#define GAME_GRID_CELLS (GAME_GRID_W * GAME_GRID_W)

typedef enum input_button {
    INPUT_UP = 1 << 0,
    INPUT_DOWN = 1 << 1,
    INPUT_LEFT = 1 << 2,
    INPUT_RIGHT = 1 << 3,
    INPUT_SPRINT = 1 << 4,
    INPUT_ACTION = 1 << 5, /* get in or out of a vehicle, use a payphone */
} input_button_t;
#define INPUT_ALL_BUTTONS 0x3f

/* One tick of input: the simulation's only input. */
typedef struct input {
    uint8_t buttons;
} input_t;

typedef enum dir {
    DIR_DOWN,
    DIR_UP,
    DIR_LEFT,
    DIR_RIGHT,
} dir_t;

typedef enum game_status {
    GAME_PLAYING,
    GAME_WON,
    GAME_LOST,
} game_status_t;

/* What happened in a tick, with where. */
typedef enum game_event_type {
    EV_BUMP,   /* Harry ran into something */
    EV_STEP,   /* a footstep; arg: the tile under him */
    EV_SECOND, /* a whole second passed in the last ten */
    EV_WON,
    EV_LOST,
    EV_CLOCK_STARTS, /* the ready beat is over */
    EV_HIT,          /* a car hit Harry; arg: seconds lost */
    EV_HORN,         /* a car sounds its horn at Harry */
    EV_SHOVE,        /* a pedestrian shoved him */
    EV_SPILL,        /* a looter knocked his coffee (stamina) away */
    EV_SPOTTED,      /* a patrol saw him: the alert mark and the siren */
    EV_CAUGHT,       /* a patrol caught him; arg: seconds lost */
    EV_SINKING,      /* he is sinking in tar (now and then while it lasts) */
    EV_SUNK,         /* he went under: back to the checkpoint */
    EV_RESPAWN,      /* he is back at the checkpoint */
    EV_FIRE_SPREADS, /* a tile caught fire */
    EV_KEY,          /* a key picked up; arg: its colour */
    EV_DOOR_OPENS,   /* arg: the colour of its lock, or -1 */
    EV_DOOR_LOCKED,  /* he pushed a locked door without its key; arg: colour */
    EV_COFFEE,       /* stamina refilled */
    EV_CLOCK,        /* seconds back; arg: how many */
    EV_RING,         /* a payphone rings */
    EV_CHECKPOINT,   /* a payphone used (or a trigger): the new checkpoint */
    EV_STORY,        /* a line of story shows (game_story) */
    EV_RIDE_ON,      /* Harry got into a vehicle */
    EV_RIDE_OFF,
    EV_JULIE_MOVES, /* Julie starts walking, or shows herself */
    EV_ROTOR,       /* the helicopter's rotor, now and then, to be heard */
    EV_SIGNAL,      /* a traffic light changed; arg: its new light */
    EV_HINT,        /* teach a control here; arg: game_hint_t */
    EV_CRY,         /* the young mammoth cries from the shore */
    EV_PANIC,       /* the news spreads: the diners run for the doors */
    EV_GUST,        /* a gust of wind starts; where: its area's nearest point to Harry */
    EV_CRASH,       /* a car crashed (the crash kind): the street shakes, the wreck burns */
    EV_TYPE_COUNT
} game_event_type_t;

typedef enum game_hint {
    HINT_SPRINT,
    HINT_ACTION,
} game_hint_t;

typedef struct game_event {
    uint8_t type;   /* game_event_type_t */
    int16_t entity; /* the slot it concerns, or -1 */
    int32_t arg;
    int32_t x, y; /* where, in pixels */
} game_event_t;

typedef struct vec {
    int32_t x, y;
} vec_t;

/* Entity flags. */
enum {
    ENT_SOLID = 1 << 0,   /* blocks Harry and people */
    ENT_PERSON = 1 << 1,  /* walks; people keep out of each other */
    ENT_SOFT = 1 << 2,    /* Harry squeezes past, slowed, instead of stopping */
    ENT_HIDDEN = 1 << 3,  /* not drawn, not touched (Julie hidden, a rider) */
    ENT_GRID = 1 << 4,    /* in the collision grid */
    ENT_REMOVE = 1 << 5,  /* removed at the end of the tick */
    ENT_VEHICLE = 1 << 6, /* drawn as a vehicle */
    ENT_OPAQUE = 1 << 7,  /* blocks sight (a closed door) */
};

typedef enum colour {
    COLOUR_RED,
    COLOUR_BLUE,
    COLOUR_GREEN,
    COLOUR_YELLOW,
    COLOUR_NONE, /* a door only a trigger opens */
    COLOUR_COUNT
} colour_t;

typedef struct ent {
    uint8_t kind; /* kind_id_t */
    uint8_t state;
    uint16_t gen;
    uint16_t flags;
    int16_t obj; /* the level object it came from, or -1 */
    vec_t pos;   /* centre of the box */
    vec_t vel;
    int32_t hw, hh; /* half box */
    dir_t dir;
    bool moving;
    uint8_t variant; /* which look */
    int32_t anim;    /* ticks spent moving, for walk cycles */
    int32_t timer, timer2;
    int32_t speed; /* subpixels per tick */
    /* Following a path: which, the point it heads for, and which way. */
    int16_t path, node;
    int8_t path_step;
    int16_t link; /* a related slot (a lane's signal, a partner, a rider), or -1 */
    int16_t grid_next;
    int32_t grid_cell;
    rng_t rng;          /* its own random stream */
    int32_t a, b, c, d; /* per-kind numbers (meaning in the kind's file) */
} ent_t;

/* Harry's own state, beside his entity. */
typedef struct harry_state {
    int32_t stamina;
    bool sprinting;
    bool winded;    /* ran dry; sprint comes back at GAME_STAMINA_RESUME */
    int32_t sink;   /* ticks sunk into tar, 0..GAME_SINK_MAX */
    int32_t stun;   /* ticks he cannot move (knocked down, caught) */
    int32_t safe;   /* ticks no hazard can touch him again */
    vec_t push;     /* a shove, added to his move and fading */
    uint8_t keys;   /* bit per colour_t */
    int16_t riding; /* the vehicle's slot, or -1 */
    vec_t checkpoint;
    vec_t kerb; /* where he last stood off the road */
    int32_t bump_cooldown;
    bool action_held; /* the action button was down last tick */
    bool action_edge; /* it went down this tick, and nothing has used it yet */
    bool used_sprint, used_action;
    bool hinted_sprint, hinted_action;
    int32_t walk_ticks; /* ticks walking without sprinting, for the hint */
} harry_state_t;

/* Assists (any time, no shame): what a player may change to make a level
 * easier. All off is the game as designed; game_init sets that. */
#define GAME_ASSIST_CLOCK_MIN 50 /* the slowest clock, percent */
#define GAME_ASSIST_CLOCK_STEP 10
#define GAME_ASSIST_EXTRA_MAX 30 /* extra seconds at the start, in steps of 10 */
#define GAME_ASSIST_EXTRA_STEP 10
typedef struct game_assists {
    int32_t clock_pct; /* the clock's speed, 50..100 in steps of 10 */
    int32_t extra_s;   /* seconds added to the clock before it starts */
    bool no_fail;      /* at zero the clock counts on (overrun) and the level goes on */
    /* Cars, patrols and tar cost no seconds and send nobody back: a car
     * knocks him down where he stands, a patrol holds him a moment, the
     * deep tar only slows him (he sinks no further than half-way). */
    bool soft_hazards;
} game_assists_t;

typedef struct game {
    const level_t *level;
    uint32_t options; /* unused: what changes the simulation is in assists, below */
    uint32_t tick;
    int32_t ticks_left;
    int32_t ticks_run;  /* ticks the clock has run */
    bool clock_running; /* after the ready beat */
    game_status_t status;
    harry_state_t hs;
    int16_t harry, julie; /* slots */
    int32_t ent_top;      /* slots in use are below this */
    ent_t ents[GAME_MAX_ENTS];
    int16_t obj_slot[LEVEL_MAX_OBJECTS]; /* each level object's entity, or -1 */
    /* Spawns and removals wait for the end of the tick. */
    bool removals;
    int32_t spawn_count;
    struct {
        uint8_t kind;
        int16_t parent;
        vec_t pos;
        int32_t a, b;
    } spawns[GAME_MAX_SPAWNS];
    /* Tiles that change (fire that spreads); read through game_tile_at. */
    uint8_t tiles[LEVEL_MAX_W * LEVEL_MAX_H];
    bool solid[TILE_KIND_COUNT];   /* each kind's solidity, at hand for the hot path */
    int16_t grid[GAME_GRID_CELLS]; /* first slot in each cell, or -1 */
    int32_t grid_w, grid_h, cell_shift;
    /* The line of story showing: the object whose text it is (-1: the
     * level's own story) and until which tick. */
    int32_t story_obj;
    uint32_t story_until;
    int32_t event_count;
    game_event_t events[GAME_MAX_EVENTS];
    rng_t rng; /* the level's own stream (for things no object owns) */
    /* A payphone the clock waits for (starts_clock), or -1. */
    int16_t call;
    /* After a panic: each tile's distance in steps to the nearest door, for
     * the diners running out (GAME_FAR: too far, or no way out). */
    bool panic;
    uint8_t exit_dist[LEVEL_MAX_W * LEVEL_MAX_H];
    /* Assists: set by game_set_assists, before the first tick or any time. */
    game_assists_t assists;
    bool assisted;      /* some assist was on at some tick of this run */
    int32_t clock_sub;  /* a slow clock's tenths of a tick not yet counted */
    int32_t overrun;    /* no-fail: clock ticks counted on past zero */
    int32_t clock_used; /* clock ticks run (ticks_run at 100%, fewer on a slow clock) */
} game_t;

/* The level must outlive the game. */
void game_init(game_t *g, const level_t *level);
/* The same with another clock than the level's own (ticks, at least 1):
 * "the whole night" carries its clock from level to level. */
void game_init_clock(game_t *g, const level_t *level, int32_t ticks_left);
void game_tick(game_t *g, const input_t *in);

/* No assists (the game as designed). */
game_assists_t game_assists_none(void);
/* Whether any assist is on. */
bool game_assists_any(const game_assists_t *a);
/* a with every value brought into its range and onto its steps. */
game_assists_t game_assists_clamp(const game_assists_t *a);
/* Sets the assists (clamped). Until the clock starts (the first tick, or
 * the ready beat) the extra seconds go onto the clock; later a change of
 * them waits for the next try, and the rest takes effect at once (a replay
 * records the change at its tick).
 * Turning no-fail off while the clock stands at zero loses at the next tick. */
void game_set_assists(game_t *g, const game_assists_t *a);
/* Seconds gained (a clock picked up): an overrun is paid back first. */
void game_gain_time(game_t *g, int32_t ticks);

int32_t game_ticks_to_ms(int32_t ticks);
int32_t game_time_left_ms(const game_t *g);
/* Ticks since the clock started; on a win, the finishing time. */
int32_t game_ticks_used(const game_t *g);
/* The ticks the clock itself ran: game_ticks_used on a 100% clock, fewer
 * on a slower one (what a retry in the whole night costs). */
int32_t game_clock_used(const game_t *g);

/* ---- queries for the platform (const: they never change the state) ---- */

const ent_t *game_harry(const game_t *g);
const ent_t *game_julie(const game_t *g);
/* The tile at (tx, ty) as it is now (fire spreads); a wall outside. */
tile_kind_t game_tile_at(const game_t *g, int32_t tx, int32_t ty);
/* Whether a box (half sizes hw, hh) centred at pos overlaps a solid tile or
 * an entity with any of the flags in mask; ignore is a slot to leave out. */
bool game_box_blocked(const game_t *g, vec_t pos, int32_t hw, int32_t hh, int32_t ignore,
                      uint32_t mask);
/* A patrol's cone of sight as the rules see it: for each of n rays spread
 * across the cone, how far it reaches before a wall (pixels). Returns the
 * number of rays written (0 for an entity that does not look). The facing
 * angle and the cone's width come out in degrees (0 = right, 90 = down). */
int32_t game_sight_rays(const game_t *g, int32_t slot, int32_t n, int32_t *reach_px,
                        int32_t *facing_deg, int32_t *width_deg);
/* How alarmed a patrol is, 0..256 (256: caught). */
int32_t game_alarm(const game_t *g, int32_t slot);
/* The line of story showing now, or NULL. */
const char *game_story(const game_t *g);
/* Whether Harry stands in smoke (the view dims round him). */
bool game_in_smoke(const game_t *g);

/* A hash of what a player could see of the state (positions, clock, status,
 * stamina), for replays to notice drift. */
uint64_t game_state_hash(const game_t *g);

#endif
