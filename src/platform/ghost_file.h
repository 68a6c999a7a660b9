/* Ghosts on disk: the best run of each level kept as a replay beside the
 * save file, written atomically as the save is; and the shipped expert runs
 * in the data folder. Plain C (no SDL), so the tests drive what the game
 * does. */
#ifndef MM_GHOST_FILE_H
#define MM_GHOST_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "game/replay.h"

/* The best run of the level with this save id: "ghost-HASH.replay" in the
 * folder of save_path, HASH the 64-bit FNV-1a of the id in hex (an id may
 * hold any bytes, a file name may not). */
void ghost_file_path(const char *save_path, const char *id, char *out, size_t cap);
/* The shipped expert run of a campaign level: DATA/replays/NAME.replay for
 * the level file NAME.mml. */
void ghost_file_expert_path(const char *data_dir, const char *level_file, char *out, size_t cap);
/* Writes r to path atomically (files_write_atomic). */
bool ghost_file_store(const char *path, const replay_t *r, char *err, size_t err_cap);
/* Reads a replay; NULL with the reason in err when there is none or it
 * cannot be read. */
replay_t *ghost_file_load(const char *path, char *err, size_t err_cap);

#endif
