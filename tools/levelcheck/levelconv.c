/* levelconv: converts a level between the text format and Tiled's TMX and
 * JSON, and writes the Tiled tileset that describes the game's tiles.
 *   levelconv IN OUT [--tileset SOURCE]   IN any format; OUT .mml, .tmx, .tmj or .json
 *   levelconv --write-tileset OUT.tsx IMAGE.png
 *   levelconv --object-types OUT.xml      Tiled's object types, from the kind table
 *   levelconv --tiled-project OUT         the project file, with the kinds' enums
 *   levelconv --hash IN                   prints the level's play hash */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "level/encoding.h"
#include "level/level.h"
#include "level/level_file.h"
#include "level/tiled.h"
#include "common/files.h"

static int write_tileset(const char *out, const char *image)
{
    enum { COLUMNS = 8 };
    char buf[16384];
    size_t n = 0;
    int rows = (TILE_KIND_COUNT + COLUMNS - 1) / COLUMNS;
    n += (size_t)snprintf(buf + n, sizeof buf - n,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<tileset version=\"1.8\" tiledversion=\"1.8.2\" name=\"miraclemile\" "
                          "tilewidth=\"16\" tileheight=\"16\" tilecount=\"%d\" columns=\"%d\">\n"
                          " <image source=\"%s\" width=\"%d\" height=\"%d\"/>\n",
                          TILE_KIND_COUNT, COLUMNS, image, COLUMNS * 16, rows * 16);
    for (int k = 0; k < TILE_KIND_COUNT && n < sizeof buf; k++) {
        const tile_info_t *t = level_tile_info((tile_kind_t)k);
        n += (size_t)snprintf(buf + n, sizeof buf - n,
                              " <tile id=\"%d\" type=\"%s\">\n  <properties>\n"
                              "   <property name=\"tile\" value=\"%s\"/>\n"
                              "   <property name=\"solid\" type=\"bool\" value=\"%s\"/>\n"
                              "  </properties>\n </tile>\n",
                              k, t->id, t->id, t->solid ? "true" : "false");
    }
    n += (size_t)snprintf(buf + n, sizeof buf - n, "</tileset>\n");
    char err[512];
    if (n >= sizeof buf || !files_write_atomic(out, buf, n, err, sizeof err)) {
        fprintf(stderr, "levelconv: cannot write %s: %s\n", out, n >= sizeof buf ? "too big" : err);
        return 1;
    }
    return 0;
}

/* Writes a generated file; the kit in levels/tiled/ comes from here. */
static int write_generated(const char *out, char *text, size_t len)
{
    char err[512];
    int rc = 1;
    if (!text)
        fprintf(stderr, "levelconv: cannot make %s\n", out);
    else if (!files_write_atomic(out, text, len, err, sizeof err))
        fprintf(stderr, "levelconv: cannot write %s: %s\n", out, err);
    else
        rc = 0;
    free(text);
    return rc;
}

static level_t *load(const char *in)
{
    level_diags_t *d = malloc(sizeof *d);
    level_t *lv = d ? level_file_load(in, d) : NULL;
    if (!lv && d) level_file_print_diags(stderr, in, d);
    free(d);
    return lv;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("Usage: levelconv IN OUT [--tileset SOURCE]\n"
               "       levelconv --write-tileset OUT.tsx IMAGE.png\n"
               "       levelconv --object-types OUT.xml | --tiled-project OUT | --hash IN\n"
               "Converts a level (.mml, .tmx, .tmj, .json) to the text format (OUT.mml) or to\n"
               "a Tiled map (OUT.tmx, or Tiled's JSON: OUT.tmj or OUT.json) using the tileset\n"
               "SOURCE, a path from OUT's folder\n"
               "(default: miraclemile.tsx). --object-types and --tiled-project write Tiled's\n"
               "object types and project from the game's kinds; --hash prints the hash of\n"
               "everything in a level that affects play.\n");
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "--write-tileset") == 0)
        return write_tileset(argv[2], argv[3]);
    bool types = argc == 3 && strcmp(argv[1], "--object-types") == 0;
    if (types || (argc == 3 && strcmp(argv[1], "--tiled-project") == 0)) {
        size_t glen = 0;
        char *g = types ? tiled_write_object_types(&glen) : tiled_write_project(&glen);
        return write_generated(argv[2], g, glen);
    }
    if (argc == 3 && strcmp(argv[1], "--hash") == 0) {
        level_t *lv = load(argv[2]);
        if (!lv) return 1;
        printf("%016llx\n", (unsigned long long)level_hash(lv));
        level_free(lv);
        return 0;
    }
    if (argc != 3 && !(argc == 5 && strcmp(argv[3], "--tileset") == 0)) {
        fprintf(stderr, "usage: levelconv IN OUT [--tileset SOURCE]; see --help\n");
        return 2;
    }
    const char *in = argv[1], *out = argv[2];
    const char *tileset = argc == 5 ? argv[4] : "miraclemile.tsx";
    /* Everything written must be UTF-8 text a reader takes: so is the path. */
    level_diags_t *td = calloc(1, sizeof *td);
    size_t skip = 0;
    bool plain = td && level_encoding_check(tileset, strlen(tileset), false, td, &skip) && !skip;
    for (const char *c = tileset; plain && *c; c++) plain = (unsigned char)*c >= 0x20;
    free(td);
    if (!plain) {
        fprintf(stderr, "levelconv: the tileset path is not plain UTF-8 text\n");
        return 2;
    }
    level_t *lv = load(in);
    if (!lv) return 1;
    size_t len = 0;
    char *text = NULL;
    bool known = true;
    switch (level_file_format(out)) {
    case LEVEL_FORMAT_TMX:
        text = tiled_write_tmx(lv, tileset, &len);
        break;
    case LEVEL_FORMAT_TILED_JSON:
        text = tiled_write_json(lv, tileset, &len);
        break;
    default: {
        size_t ol = strlen(out);
        if (ol > 4 && strcmp(out + ol - 4, ".mml") == 0)
            text = level_write_text(lv, &len);
        else
            known = false;
    }
    }
    if (!known)
        fprintf(stderr, "levelconv: write .mml, .tmx, .tmj or .json\n");
    else if (!text)
        fprintf(stderr, "levelconv: cannot make %s\n", out);
    int rc = 1;
    char err[512];
    if (text && files_write_atomic(out, text, len, err, sizeof err))
        rc = 0;
    else if (text)
        fprintf(stderr, "levelconv: %s\n", err);
    free(text);
    level_free(lv);
    return rc;
}
