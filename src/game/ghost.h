/* A ghost: a recorded run (the player's best, or the shipped expert's)
 * simulated in a second game in step with the live one, tick for tick from
 * the start, so that only its Harry need be drawn. A replay made on another
 * version of the level or of the rules, or one that drifts from what it
 * recorded, is dropped with a note in words, never followed. Plain C. */
#ifndef MM_GHOST_H
#define MM_GHOST_H

#include <stdbool.h>
#include <stddef.h>

#include "game/game.h"
#include "game/replay.h"

typedef struct ghost {
    game_t game;
    replay_t *replay; /* owned */
    int32_t at;       /* ticks run */
    int32_t next_check;
    bool dropped;
    char note[200]; /* why it was dropped */
} ghost_t;

/* Takes r (destroyed here when refused). NULL with the reason in note when
 * r was made on another version of the level or the rules, or on no
 * memory. lv must outlive the ghost. */
ghost_t *ghost_create(const level_t *lv, replay_t *r, char *note, size_t note_cap);
void ghost_destroy(ghost_t *g);
/* Back to the start, with the live game (a retry). */
void ghost_restart(ghost_t *g);
/* One tick, after each of the live game's. Once its inputs end Harry stands
 * still, and once its run is over it waits where it ended. Returns false
 * when the ghost is dropped (its run drifted: note says so). */
bool ghost_step(ghost_t *g);
/* After each of the live game's ticks: the ghost races the player's clock,
 * not the level's first tick. Until the live clock starts, the ghost goes
 * tick for tick only until its own clock starts (walking to a phone, say),
 * then waits there; once the live clock runs, it is stepped until its clock
 * has run as long (a ghost that waited longer than the player is brought
 * through its wait at once). Returns false when it is dropped. */
bool ghost_follow(ghost_t *g, const game_t *live);
/* The ghost's Harry, or NULL once dropped. */
const ent_t *ghost_harry(const ghost_t *g);

#endif
