/* The rules of a level: fixed 60 Hz ticks, integer positions, seeded RNG.
 * Same level + same inputs = same result, on every platform. */
#ifndef MM_GAME_H
#define MM_GAME_H

#include <stdbool.h>
#include <stdint.h>

#include "game/level.h"
#include "game/rng.h"

/* Bumped whenever a change to the rules can make a recorded replay play
 * differently; replays carry the version they were made under. */
#define GAME_RULES_VERSION 1

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
#define GAME_NUDGE_PX 5        /* corner forgiveness */
#define GAME_BOX_HALF_W (5 * GAME_SUB)
#define GAME_BOX_HALF_H (4 * GAME_SUB)
#define GAME_NPC_SPEED 120
#define GAME_LAST_SECONDS 10

typedef enum input_button {
    INPUT_UP = 1 << 0,
    INPUT_DOWN = 1 << 1,
    INPUT_LEFT = 1 << 2,
    INPUT_RIGHT = 1 << 3,
    INPUT_SPRINT = 1 << 4,
} input_button_t;
#define INPUT_ALL_BUTTONS 0x1f

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

/* Things that happened this tick, for sound and effects. */
typedef enum game_event {
    GAME_EVENT_BUMP = 1 << 0,
    GAME_EVENT_WON = 1 << 1,
    GAME_EVENT_LOST = 1 << 2,
    GAME_EVENT_SECOND = 1 << 3, /* a whole second passed in the last ten */
    GAME_EVENT_STEP = 1 << 4,
} game_event_t;

typedef struct vec {
    int32_t x, y;
} vec_t;

typedef struct actor {
    vec_t pos; /* centre of the feet box */
    vec_t vel;
    dir_t dir;
    bool moving;
    int32_t anim; /* ticks spent moving, for walk cycles */
} actor_t;

typedef struct npc {
    actor_t a;
    npc_kind_t kind;
    uint8_t variant;
    int32_t timer;   /* ticks until it picks a new way */
    int32_t heading; /* -1 standing, else dir_t */
} npc_t;

typedef struct game {
    const level_t *level;
    actor_t harry;
    int32_t stamina;
    bool sprinting;
    bool winded; /* ran dry; sprint comes back at GAME_STAMINA_RESUME */
    actor_t julie;
    int32_t npc_count;
    npc_t npcs[LEVEL_MAX_NPCS];
    int32_t ticks_left;
    uint32_t tick;
    game_status_t status;
    uint32_t events;
    int32_t bump_cooldown;
    rng_t rng;
} game_t;

/* The level must outlive the game. */
void game_init(game_t *g, const level_t *level);
void game_tick(game_t *g, const input_t *in);

int32_t game_ticks_to_ms(int32_t ticks);
int32_t game_time_left_ms(const game_t *g);
/* Ticks since the start; on a win, the finishing time. */
int32_t game_ticks_used(const game_t *g);

/* Whether a feet box centred at pos would overlap anything solid; ignore is an
 * actor to leave out (the one moving), or NULL. */
bool game_box_blocked(const game_t *g, vec_t pos, const actor_t *ignore);

/* A hash of what a player could see of the state (positions, clock, status,
 * stamina), for replays to notice drift. */
uint64_t game_state_hash(const game_t *g);

#endif
