/* Levels drawn in the Tiled map editor: TMX (XML) and JSON maps, with
 * embedded or external tilesets (.tsx, .tsj/.json) and object templates
 * (.tx, .tj), each read by what it holds. Readers work from a buffer;
 * external files come through a callback, so the readers can be fuzzed and
 * tested without a disk. */
#ifndef MM_TILED_H
#define MM_TILED_H

#include <stddef.h>

#include "level/level.h"

typedef struct tiled_io {
    /* Reads a file whose path is relative to the map's folder; returns a
     * malloc'd buffer (NUL after the data) or NULL with a reason in err. */
    char *(*read)(void *ctx, const char *path, size_t *len, char *err, size_t err_cap);
    void *ctx;
} tiled_io_t;

/* map_path names the map in messages and locates external tilesets. */
level_t *tiled_parse_tmx(const char *buf, size_t len, const char *map_path, const tiled_io_t *io,
                         level_diags_t *d);
level_t *tiled_parse_json(const char *buf, size_t len, const char *map_path, const tiled_io_t *io,
                          level_diags_t *d);

/* Writes a level as a TMX map (CSV layer data) that uses the tileset file
 * tileset_source (relative to the map) whose tile N is tile kind N.
 * Returns a malloc'd NUL-terminated buffer, or NULL. */
char *tiled_write_tmx(const level_t *lv, const char *tileset_source, size_t *len_out);
/* The same map as Tiled's JSON (.tmj). */
char *tiled_write_json(const level_t *lv, const char *tileset_source, size_t *len_out);

/* The Tiled kit, from the kind table: objecttypes.xml (an object type for
 * every placeable kind, with its properties, types and defaults) and the
 * project file (an enum for every property that takes words). Malloc'd,
 * NUL-terminated, or NULL. */
char *tiled_write_object_types(size_t *len_out);
char *tiled_write_project(size_t *len_out);

#endif
