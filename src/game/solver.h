/* Path finding over a level's tiles, and a bot that plays a level through the
 * same inputs a player gives. Used to make and check replays and, by the level
 * checker, to say whether Julie can be reached in time. */
#ifndef MM_SOLVER_H
#define MM_SOLVER_H

#include <stdbool.h>
#include <stdint.h>

#include "game/game.h"
#include "level/level.h"
#include "game/replay.h"

#define SOLVER_MAX_PATH (LEVEL_MAX_W * LEVEL_MAX_H)

typedef struct solver_path {
    int32_t count;
    int32_t cost; /* in subpixels at normal walking speed */
    int32_t *tx, *ty;
} solver_path_t;

/* Shortest path from tile (sx,sy) to (gx,gy), by 8-way steps that never cut a
 * solid corner, weighted by each tile's speed. extra_blocked (w*h bytes, or
 * NULL) marks more tiles to avoid. Returns false when there is no way. */
bool solver_find_path(const level_t *lv, int32_t sx, int32_t sy, int32_t gx, int32_t gy,
                      const uint8_t *extra_blocked, solver_path_t *out);
void solver_path_free(solver_path_t *p);

/* Ticks Harry needs at walking speed for a path's cost. */
int32_t solver_walk_ticks(int32_t cost);

/* ---- doors, keys and fire, before play ------------------------------------ */

#define SOLVER_MAX_STOPS 6 /* keys (and door triggers) the route may visit */

/* Marks (w*h bytes) what is closed before play: the tiles under locked doors
 * (when doors) and every tile a fire will reach, from each fire object's dir
 * and length (when fire). */
void solver_closed_tiles(const level_t *lv, bool doors, bool fire, uint8_t *closed);

/* Where Harry can go, in stages: a door opens once a key of its colour is
 * reachable without it (colour none: once a trigger's area that targets it
 * is), fire's final extent stays closed. Doors of colour open_colour count
 * as open from the start (-1: none). Fills reached (w*h bytes) and, when
 * not NULL, door_open (one byte per level object). */
void solver_reach(const level_t *lv, int32_t open_colour, uint8_t *reached, uint8_t *door_open);

/* The shortest walk from Harry through the keys (and door triggers) Julie
 * needs, in the order that is shortest. */
typedef struct solver_route {
    bool reachable;
    int32_t cost; /* the whole walk, in the units of solver_path_t.cost */
    int32_t stop_count;
    int32_t stops[SOLVER_MAX_STOPS];   /* level objects, in visiting order */
    int32_t stop_tx[SOLVER_MAX_STOPS]; /* the tile walked to for each */
    int32_t stop_ty[SOLVER_MAX_STOPS];
} solver_route_t;
/* With a payphone the clock waits for (starts_clock), the walk is counted
 * from beside it, where the clock starts. */
bool solver_route(const level_t *lv, solver_route_t *out);

/* The payphone the clock waits for (the first with starts_clock), and the
 * open tile beside it nearest Harry's start, where he answers it; false
 * when the level has none. */
bool solver_call(const level_t *lv, int32_t *obj, int32_t *tx, int32_t *ty);

/* Plays the level from the start, steering along the shortest path (through
 * the route's keys first), waiting at the kerb for a gap in the traffic,
 * keeping out of patrols' sight and round fire, and records every tick of
 * input into rec (cleared first). It only reads the game. Returns the
 * outcome. */
game_status_t solver_play(const level_t *lv, bool sprint, replay_t *rec);

/* How far Harry is from Julie now, in ticks of walking (88 px/s) along the
 * shortest path over the tiles as they are (fire that spread is solid),
 * doors he has no key for closed; if those shut every way, through them
 * (the way to a key is not counted then). -1 when there is no way at all.
 * For the results of a lost run: how close it came. */
int32_t solver_ticks_to_julie(const game_t *g);

#endif
