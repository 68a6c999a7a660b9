/* The level checker beyond what a reader finds: can Julie be reached in
 * time (through the doors whose keys come first), is a key behind its own
 * door, is the music one the game has. Shared by levelcheck and the
 * editor's live panel, so both say the same. Plain C, no SDL. */
#ifndef MM_CHECK_H
#define MM_CHECK_H

#include <stddef.h>

#include "level/level.h"

/* Adds to d what a finished level (one a reader built) gets wrong; summary
 * gets one line on the way to Julie ("reachable in 12.3 s of 40 s at
 * walking speed ..."), note what the walking time takes for granted about
 * things that move ("" when nothing moves). Either may be NULL. */
void check_level(const level_t *lv, level_diags_t *d, char *summary, size_t summary_cap, char *note,
                 size_t note_cap);

#endif
