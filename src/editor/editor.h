/* The level editor's model: every edit a level maker makes, on the level
 * model (src/level) through the schema the readers use, with undo and redo,
 * the checker run on the level as it stands, a copy to test-play and saving
 * in the text format. Plain C, no SDL: the editor screen draws it and feeds
 * it the player's clicks and keys.
 *
 * The level being edited is kept unfinished: objects in the order they were
 * placed, and links (a trigger's target, a cop's path) held by name, so an
 * object can be moved, renamed or deleted without renumbering the others.
 * Everything that plays or checks it works on a finished copy. */
#ifndef MM_EDITOR_H
#define MM_EDITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "level/level.h"

/* Undo keeps this many steps (the oldest go first), and the newest steps
 * within EDITOR_UNDO_BYTES of memory. */
#define EDITOR_UNDO_STEPS 256
#define EDITOR_UNDO_BYTES (32u << 20)
#define EDITOR_MAX_MESSAGES LEVEL_MAX_ERRORS

typedef struct editor editor_t;

/* A new level of w x h sidewalk tiles with a name, a clock and a par but no
 * Harry or Julie yet; NULL when the size is out of range. */
editor_t *editor_create(int32_t w, int32_t h);
/* Edits a copy of a finished level (one a reader loaded); the level itself
 * is not touched. */
editor_t *editor_open(const level_t *lv);
void editor_destroy(editor_t *ed);

/* The level as it stands (unfinished: see above). */
const level_t *editor_level(const editor_t *ed);
/* Counts every change (undo and redo too): the screen checks again when it
 * moves. */
uint32_t editor_revision(const editor_t *ed);
/* Why the last edit was refused, in words ("" after one that worked). */
const char *editor_message(const editor_t *ed);

/* ---- tiles ---------------------------------------------------------------- */

bool editor_paint(editor_t *ed, int32_t x, int32_t y, tile_kind_t tile);
/* A rectangle between two corners (in any order), filled or its outline. */
bool editor_rect(editor_t *ed, int32_t x0, int32_t y0, int32_t x1, int32_t y1, tile_kind_t tile,
                 bool outline);
/* Every tile joined to (x, y) by sides and of its kind becomes tile. */
bool editor_fill(editor_t *ed, int32_t x, int32_t y, tile_kind_t tile);
/* The tile at (x, y), or -1 outside the map. */
int32_t editor_pick(const editor_t *ed, int32_t x, int32_t y);
/* The map becomes w x h tiles; the old map lands at (dx, dy) in the new one
 * (grow to the left with dx > 0), new tiles are fill. Objects that fall off
 * the map go, areas are cut to it, path points off it go. */
bool editor_resize(editor_t *ed, int32_t w, int32_t h, int32_t dx, int32_t dy, tile_kind_t fill);

/* ---- objects and paths ---------------------------------------------------- */

/* Places an object of a kind (its properties at their defaults); an area
 * kind is w x h tiles. Harry and Julie are one each: placing one again moves
 * it. Returns its index or -1. */
int32_t editor_place(editor_t *ed, int32_t kind, int32_t x, int32_t y, int32_t w, int32_t h);
bool editor_move(editor_t *ed, int32_t obj, int32_t x, int32_t y);
bool editor_delete(editor_t *ed, int32_t obj);
/* The object on tile (x, y): people and things before areas, the last placed
 * first; -1 for none. */
int32_t editor_object_at(const editor_t *ed, int32_t x, int32_t y);
/* Sets a property from its text form, checked against the kind's schema
 * (type, range, words) as a level file is: "name", "w" and "h" too. A new
 * name is carried to the links that named the old one. An empty value puts
 * the property back to its default. */
bool editor_set_prop(editor_t *ed, int32_t obj, const char *key, const char *value);
/* A property's value as text, the default too ("" for a link not set). */
void editor_prop_value(const editor_t *ed, int32_t obj, int32_t prop, char *buf, size_t cap);
/* Links two objects the way their kinds link: a key (or a resident who
 * gives one) and a door share a colour; a trigger targets a door (do=open),
 * a lane (do=lane) or anything named; a lane waits on a signal. The target
 * is given a name if it has none. */
bool editor_link(editor_t *ed, int32_t from, int32_t to);

/* A new path with no points; a NULL name picks a free one ("path1"). Returns
 * its index or -1. */
int32_t editor_add_path(editor_t *ed, const char *name, bool loop);
bool editor_path_point(editor_t *ed, int32_t path, int32_t x, int32_t y);
bool editor_path_loop(editor_t *ed, int32_t path, bool loop);
/* Deletes a path; objects that walked it keep its name (the checker says). */
bool editor_delete_path(editor_t *ed, int32_t path);

/* ---- the level ------------------------------------------------------------ */

/* Sets a level-wide key (name, author, story, time, par, music, seed, hour,
 * place, ambient) from its text form, by the readers' rules. */
bool editor_set_key(editor_t *ed, const char *key, const char *value);

/* ---- undo ----------------------------------------------------------------- */

/* Edits between begin and end are one step (a stroke of the brush, a drag). */
void editor_begin(editor_t *ed);
void editor_end(editor_t *ed);
bool editor_undo(editor_t *ed);
bool editor_redo(editor_t *ed);
int32_t editor_undo_count(const editor_t *ed);
int32_t editor_redo_count(const editor_t *ed);
/* Bytes the undo history holds. */
size_t editor_undo_bytes(const editor_t *ed);
/* Forgets every step (after setting up a new level). */
void editor_forget_history(editor_t *ed);

/* ---- checking, playing, saving --------------------------------------------- */

typedef struct editor_note {
    level_severity_t severity;
    int32_t tx, ty; /* the tile it is about, or -1 for the whole level */
    char message[200];
} editor_note_t;

typedef struct editor_report {
    int32_t count, errors;
    editor_note_t items[EDITOR_MAX_MESSAGES]; /* errors first */
    char summary[400];                        /* the way to Julie, as levelcheck says it */
} editor_report_t;

/* Everything the reader and levelcheck would say of the level, each with
 * its tile. */
void editor_check(const editor_t *ed, editor_report_t *out);
/* A finished copy to play (free with level_free), with Harry moved to (x, y)
 * when x >= 0; NULL when it has errors (then out, if not NULL, has them). */
level_t *editor_play_copy(const editor_t *ed, int32_t x, int32_t y, editor_report_t *out);
/* A finished copy to draw (never to play) even while the level has errors:
 * the things and paths a reader would refuse are left out, and what leaned
 * on them; free with level_free. NULL when out of memory. */
level_t *editor_preview_copy(const editor_t *ed);
/* The level in the text format (version 3), malloc'd; NULL when it has
 * errors a reader would refuse (out says which). */
char *editor_write(const editor_t *ed, size_t *len, editor_report_t *out);
/* Writes the text format to path atomically. A level a reader would refuse
 * (no Harry, a path into a wall) is not written: false, with the first error
 * in editor_message. One the checker finds fault with but that loads (Julie
 * too far for the clock) is written, and the message says so; a clean one
 * says how many warnings it has. */
bool editor_save(editor_t *ed, const char *path);

#endif
