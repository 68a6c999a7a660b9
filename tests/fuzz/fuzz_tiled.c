/* Fuzz target: the Tiled readers. The first byte picks what the rest is: a
 * TMX map, a JSON map, or an external tileset (.tsx or .tsj) used by a fixed
 * map, and then also an object template (.tx or .tj) used by another. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "level/tiled.h"

/* The same maps with an object made from a template: the blob read as a
 * template (.tx, .tj) too. */
static const char tmx_tmpl_map[] =
    "<?xml version=\"1.0\"?><map orientation=\"orthogonal\" width=\"4\" height=\"4\" "
    "tilewidth=\"16\" tileheight=\"16\" infinite=\"0\"><properties><property name=\"name\" "
    "value=\"F\"/><property name=\"time\" value=\"9\"/></properties>"
    "<layer width=\"4\" height=\"4\"><data encoding=\"csv\">0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0"
    "</data></layer><objectgroup><object id=\"1\" template=\"t.tx\" x=\"0\" y=\"0\"><properties>"
    "<property name=\"speed\" type=\"int\" value=\"3\"/></properties></object><object "
    "id=\"2\" template=\"t.tx\" x=\"48\" y=\"48\" rotation=\"90\"/></objectgroup></map>";

static const char json_tmpl_map[] =
    "{\"orientation\":\"orthogonal\",\"width\":4,\"height\":4,\"tilewidth\":16,"
    "\"tileheight\":16,\"infinite\":false,\"properties\":[{\"name\":\"name\",\"type\":"
    "\"string\",\"value\":\"F\"},{\"name\":\"time\",\"type\":\"int\",\"value\":9}],"
    "\"layers\":[{\"type\":\"tilelayer\",\"data\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},"
    "{\"type\":\"objectgroup\",\"objects\":[{\"id\":1,\"template\":\"t.tj\",\"x\":0,"
    "\"y\":0},{\"id\":2,\"template\":\"t.tj\",\"x\":48,\"y\":48,\"rotation\":45}]}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct blob {
    const char *p;
    size_t n;
} blob_t;

static char *read_blob(void *ctx, const char *path, size_t *len, char *err, size_t cap)
{
    (void)path;
    (void)err;
    (void)cap;
    const blob_t *b = ctx;
    char *out = malloc(b->n + 1);
    if (!out) return NULL;
    memcpy(out, b->p, b->n);
    out[b->n] = '\0';
    *len = b->n;
    return out;
}

static const char tmx_map[] =
    "<?xml version=\"1.0\"?><map orientation=\"orthogonal\" width=\"4\" height=\"4\" "
    "tilewidth=\"16\" tileheight=\"16\" infinite=\"0\"><properties><property name=\"name\" "
    "value=\"F\"/><property name=\"time\" value=\"9\"/></properties>"
    "<tileset firstgid=\"1\" source=\"t.tsx\"/><layer width=\"4\" height=\"4\"><data "
    "encoding=\"csv\">1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1</data></layer><objectgroup><object "
    "type=\"harry\" x=\"0\" y=\"0\" width=\"16\" height=\"16\"/><object type=\"julie\" "
    "x=\"48\" y=\"48\" width=\"16\" height=\"16\"/></objectgroup></map>";

static const char json_map[] =
    "{\"orientation\":\"orthogonal\",\"width\":4,\"height\":4,\"tilewidth\":16,"
    "\"tileheight\":16,\"infinite\":false,\"properties\":[{\"name\":\"name\",\"type\":"
    "\"string\",\"value\":\"F\"},{\"name\":\"time\",\"type\":\"int\",\"value\":9}],"
    "\"tilesets\":[{\"firstgid\":1,\"source\":\"t.tsj\"}],\"layers\":[{\"type\":\"tilelayer\","
    "\"data\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]},{\"type\":\"objectgroup\",\"objects\":[{"
    "\"type\":\"harry\",\"x\":0,\"y\":0,\"width\":16,\"height\":16},{\"type\":\"julie\","
    "\"x\":48,\"y\":48,\"width\":16,\"height\":16}]}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    static level_diags_t d;
    blob_t b = {(const char *)data + 1, size - 1};
    tiled_io_t io = {read_blob, &b};
    level_t *lv = NULL;
    switch (data[0] % 4) {
    case 0:
        lv = tiled_parse_tmx(b.p, b.n, "fuzz.tmx", &io, &d);
        break;
    case 1:
        lv = tiled_parse_json(b.p, b.n, "fuzz.tmj", &io, &d);
        break;
    case 2:
        level_free(tiled_parse_tmx(tmx_tmpl_map, sizeof tmx_tmpl_map - 1, "fuzz.tmx", &io, &d));
        lv = tiled_parse_tmx(tmx_map, sizeof tmx_map - 1, "fuzz.tmx", &io, &d);
        break;
    default:
        level_free(tiled_parse_json(json_tmpl_map, sizeof json_tmpl_map - 1, "fuzz.tmj", &io, &d));
        lv = tiled_parse_json(json_map, sizeof json_map - 1, "fuzz.tmj", &io, &d);
        break;
    }
    if (lv) {
        fuzz_check_text_round_trip(lv, &d);
        level_free(lv);
    }
    return 0;
}
