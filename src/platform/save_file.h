/* The save on disk: read at start, written atomically after each new best.
 * Plain C (no SDL), so the tests drive exactly what the game does. */
#ifndef MM_SAVE_FILE_H
#define MM_SAVE_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "game/save.h"

/* What save_file_load did, for the player. */
typedef enum save_file_status {
    SAVE_FILE_OK,      /* read whole, or there is none yet */
    SAVE_FILE_DROPPED, /* read, some lines dropped with a warning */
    SAVE_FILE_DAMAGED, /* damaged: kept aside, the good lines read */
    /* The file is there but could not be read, or damaged and could not be
     * moved aside: writing would replace it, so the caller must not. */
    SAVE_FILE_KEEP_OUT,
} save_file_status_t;

/* Reads the save at path into s (empty when there is none). A damaged file
 * is moved aside to PATH.damaged (or .damaged-2, -3, ...: none is ever
 * replaced) and every good line in it is read; msg then says so. */
save_file_status_t save_file_load(save_t *s, const char *path, char *msg, size_t msg_cap);
/* Writes s to path atomically (files_write_atomic): the old file or the new
 * one, whole, whatever happens. */
bool save_file_store(const save_t *s, const char *path, char *err, size_t err_cap);

#endif
