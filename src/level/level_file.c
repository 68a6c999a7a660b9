#include "level/level_file.h"

#include <stdlib.h>
#include <string.h>

#include "level/encoding.h"
#include "level/tiled.h"
#include "common/files.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    if (a < b) return false;
    for (size_t i = 0; i < b; i++) {
        char c = s[a - b + i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
}

level_format_t level_file_format(const char *path)
{
    if (ends_with(path, ".tmx")) return LEVEL_FORMAT_TMX;
    if (ends_with(path, ".tmj") || ends_with(path, ".json")) return LEVEL_FORMAT_TILED_JSON;
    return LEVEL_FORMAT_TEXT;
}

#if MM_TILED
/* External tilesets are read relative to the map's folder. */
static char *read_beside(void *ctx, const char *rel, size_t *len, char *err, size_t err_cap)
{
    const char *map = ctx;
    char path[2048];
    if (rel[0] == '/') {
        snprintf(path, sizeof path, "%s", rel);
    } else {
        const char *base = files_basename(map);
        snprintf(path, sizeof path, "%.*s%s", (int)(base - map), map, rel);
    }
    char *buf = files_read(path, LEVEL_FILE_MAX_BYTES, len, err, err_cap);
    /* A tileset is checked like the map, its first problem named. */
    level_diags_t *d = buf ? calloc(1, sizeof *d) : NULL;
    size_t skip = 0;
    if (d && !level_encoding_check(buf, *len, false, d, &skip)) {
        snprintf(err, err_cap, "%s:%d:%d: %s", rel, (int)d->items[0].line, (int)d->items[0].col,
                 d->items[0].message);
        free(buf);
        buf = NULL;
    } else if (buf && skip) {
        memmove(buf, buf + skip, *len - skip + 1);
        *len -= skip;
    }
    free(d);
    return buf;
}
#endif

level_t *level_file_parse(const char *buf, size_t len, const char *path, level_diags_t *d)
{
    /* Encoding and line endings first, in every format: a reader would report
     * something later that sends the player the wrong way. */
    size_t skip = 0;
    memset(d, 0, sizeof *d);
    if (!level_encoding_check(buf, len, level_file_format(path) == LEVEL_FORMAT_TEXT, d, &skip))
        return NULL;
    buf += skip;
    len -= skip;
#if MM_TILED
    tiled_io_t io = {read_beside, (void *)path};
    switch (level_file_format(path)) {
    case LEVEL_FORMAT_TMX:
        return tiled_parse_tmx(buf, len, path, &io, d);
    case LEVEL_FORMAT_TILED_JSON:
        return tiled_parse_json(buf, len, path, &io, d);
    default:
        return level_parse(buf, len, d);
    }
#else
    if (level_file_format(path) != LEVEL_FORMAT_TEXT) {
        memset(d, 0, sizeof *d);
        level_diag_add(d, LEVEL_ERROR, 0, 0,
                       "this build of the game reads no Tiled maps; convert it with levelconv");
        return NULL;
    }
    return level_parse(buf, len, d);
#endif
}

level_t *level_file_load(const char *path, level_diags_t *d)
{
    char err[512];
    size_t len = 0;
    char *buf = files_read(path, LEVEL_FILE_MAX_BYTES, &len, err, sizeof err);
    if (!buf) {
        memset(d, 0, sizeof *d);
        level_diag_add(d, LEVEL_ERROR, 0, 0, "%s", err);
        return NULL;
    }
    level_t *lv = level_file_parse(buf, len, path, d);
    free(buf);
    return lv;
}

void level_file_format_diag(char *buf, size_t cap, const char *path, const level_diag_t *e)
{
    const char *file = e->file[0] ? e->file : path;
    const char *sev = e->severity == LEVEL_ERROR ? "error" : "warning";
    if (e->line > 0)
        snprintf(buf, cap, "%s:%d:%d: %s: %s", file, (int)e->line, (int)(e->col > 0 ? e->col : 1),
                 sev, e->message);
    else
        snprintf(buf, cap, "%s: %s: %s", file, sev, e->message);
}

void level_file_print_diags(FILE *out, const char *path, const level_diags_t *d)
{
    char line[1024];
    for (int32_t i = 0; i < d->count; i++) {
        level_file_format_diag(line, sizeof line, path, &d->items[i]);
        fprintf(out, "%s\n", line);
    }
    if (d->dropped) fprintf(out, "%s: %d more problems not shown\n", path, (int)d->dropped);
}
