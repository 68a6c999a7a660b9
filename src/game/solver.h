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

/* Plays the level from the start, steering along the shortest path, and
 * records every tick of input into rec (cleared first). Returns the outcome. */
game_status_t solver_play(const level_t *lv, bool sprint, replay_t *rec);

#endif
