/* stressgen: writes the benchmark's stress level, a 256x256 city laid out on
 * a 32-tile grid of streets and blocks, with as many people as a level may
 * hold, traffic on four boulevards, patrols, pickups, doors and fire. It
 * builds the level through the model's own functions (as every reader does)
 * and writes it with the text writer, so the file is always one the game
 * reads. Remake it with: cmake --build build --target bench-stress
 *
 *   stressgen OUT.mml */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "level/level.h"
#include "common/files.h"

#define W 256
#define H 256
#define P 32     /* one street and one block, each way */
#define BLOCKS 8 /* W / P */
#define LANES 4  /* boulevards with traffic: bands 1, 3, 5 and 7 */
#define HOLD 3   /* vehicles each lane keeps on the map */

/* Within a period of P tiles: road 0..5, sidewalk 6..7 and 30..31, block 8..29. */
enum { ROAD_END = 5, BLOCK_START = 8, BLOCK_END = 29 };

typedef enum block_type {
    BT_BUILDING,
    BT_DINER,
    BT_STORE,
    BT_PARK,
    BT_TAR,
    BT_MALL,
    BT_ROOF,
    BT_LOT, /* a burnt-out lot: fire and smoke */
} block_type_t;

/* The city, block by block (row by row). */
static const char plan[BLOCKS][BLOCKS + 1] = {
    "bbbpbbbb", /* */
    "bdbbbsbb", /* */
    "bbfbbdbp", /* */
    "pbbsbbbb", /* */
    "bbbbtbbb", /* */
    "bbdbbrbb", /* */
    "bmbpbbdb", /* */
    "bbbbbbbb",
};

static block_type_t block_at(int bx, int by)
{
    switch (plan[by][bx]) {
    case 'd':
        return BT_DINER;
    case 's':
        return BT_STORE;
    case 'p':
        return BT_PARK;
    case 't':
        return BT_TAR;
    case 'm':
        return BT_MALL;
    case 'r':
        return BT_ROOF;
    case 'f':
        return BT_LOT;
    default:
        return BT_BUILDING;
    }
}

static char map[H][W];
static level_t *lv;
static level_diags_t diags;
static bool person_at[H][W];

static void fill(int x0, int y0, int x1, int y1, char c)
{
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) map[y][x] = c;
}

/* A block's walls with its floor inside. */
static void walled(int x0, int y0, char floor)
{
    fill(x0, y0, x0 + BLOCK_END - BLOCK_START, y0 + BLOCK_END - BLOCK_START, '#');
    fill(x0 + 1, y0 + 1, x0 + BLOCK_END - BLOCK_START - 1, y0 + BLOCK_END - BLOCK_START - 1, floor);
}

static void streets(void)
{
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            int mx = x % P, my = y % P;
            bool road_x = mx <= ROAD_END, road_y = my <= ROAD_END;
            bool walk_x = !road_x && (mx < BLOCK_START || mx > BLOCK_END);
            bool walk_y = !road_y && (my < BLOCK_START || my > BLOCK_END);
            char c = ' ';
            if (road_x && road_y)
                c = '=';
            else if (road_y)
                c = walk_x ? ':' : (my == 1 || my == 4) ? '-' : '=';
            else if (road_x)
                c = walk_y ? ':' : '=';
            else if (walk_x || walk_y)
                c = '.';
            map[y][x] = c;
        }
    }
    /* Street furniture on the kerbs (the sidewalk rows next to the roads);
     * the inner rows next to the blocks stay clear for walking. */
    for (int b = 0; b < BLOCKS; b++) {
        for (int s = 0; s < BLOCKS; s++) {
            int ox = b * P, oy = s * P;
            static const int lights[] = {11, 19, 27};
            for (int i = 0; i < 3; i++) {
                map[oy + 6][ox + lights[i]] = 'L';
                map[oy + 31][ox + lights[i]] = 'L';
                map[oy + lights[i]][ox + 6] = 'L';
                map[oy + lights[i]][ox + 31] = 'L';
            }
            map[oy + 31][ox + 15] = 'T';
            map[oy + 31][ox + 23] = 'T';
            map[oy + 6][ox + 15] = 'b';
        }
    }
}

static void building(int x0, int y0)
{
    walled(x0, y0, '#');
    /* Shop fronts on the south side: doors under neon. */
    int y = y0 + BLOCK_END - BLOCK_START;
    map[y][x0 + 4] = '+';
    map[y][x0 + 16] = '+';
    map[y][x0 + 5] = map[y][x0 + 6] = 'N';
    map[y][x0 + 17] = map[y][x0 + 18] = 'N';
    map[y0][x0 + 10] = '+';
}

static void diner(int x0, int y0)
{
    walled(x0, y0, '_');
    int s = BLOCK_END - BLOCK_START;
    fill(x0 + 2, y0 + 4, x0 + 16, y0 + 4, 'C');
    for (int x = x0 + 2; x <= x0 + 16; x += 2) map[y0 + 5][x] = 's';
    for (int y = y0 + 8; y <= y0 + 18; y += 3) {
        map[y][x0 + 1] = map[y][x0 + s - 1] = 'B';
        map[y + 1][x0 + 1] = map[y + 1][x0 + s - 1] = 'C';
    }
    map[y0 + s][x0 + 6] = map[y0 + s][x0 + 7] = '+';
    map[y0 + s][x0 + 8] = map[y0 + s][x0 + 9] = 'N';
    map[y0][x0 + 12] = '+';
}

static void store(int x0, int y0)
{
    walled(x0, y0, ',');
    for (int y = y0 + 3; y <= y0 + 18; y += 3) {
        fill(x0 + 2, y, x0 + 8, y, 'S');
        fill(x0 + 12, y, x0 + 19, y, 'S');
    }
    int s = BLOCK_END - BLOCK_START;
    map[y0 + s][x0 + 10] = map[y0 + s][x0 + 11] = '+';
}

static void mall(int x0, int y0)
{
    walled(x0, y0, ';');
    for (int x = x0 + 1; x <= x0 + 20; x++)
        if (x % 5 != 0) map[y0 + 6][x] = map[y0 + 15][x] = '|';
    fill(x0 + 9, y0 + 9, x0 + 12, y0 + 11, 'E');
    int s = BLOCK_END - BLOCK_START;
    map[y0 + s][x0 + 10] = map[y0 + s][x0 + 11] = '+';
}

static void roof(int x0, int y0)
{
    walled(x0, y0, 'r');
    fill(x0 + 8, y0 + 8, x0 + 13, y0 + 13, 'h');
    for (int i = 3; i <= 18; i += 5) map[y0 + 3][x0 + i] = map[y0 + 18][x0 + i] = 'v';
}

static void park(int x0, int y0)
{
    int s = BLOCK_END - BLOCK_START;
    fill(x0, y0, x0 + s, y0 + s, '"');
    fill(x0 + 8, y0 + 8, x0 + 13, y0 + 13, 'w');
    for (int y = y0 + 2; y <= y0 + s - 2; y += 6)
        for (int x = x0 + 2; x <= x0 + s - 2; x += 6)
            if (map[y][x] == '"') map[y][x] = 'T';
    map[y0 + 16][x0 + 5] = map[y0 + 16][x0 + 16] = 'b';
}

static void tar_pits(int x0, int y0)
{
    int s = BLOCK_END - BLOCK_START;
    fill(x0, y0, x0 + s, y0 + s, '"');
    fill(x0 + 5, y0 + 6, x0 + 16, y0 + 14, '~');
    map[y0 + 9][x0 + 9] = map[y0 + 9][x0 + 10] = 'M';
    map[y0 + 10][x0 + 9] = map[y0 + 10][x0 + 10] = 'M';
    map[y0 + 16][x0 + 8] = 'm';
    fill(x0 + 4, y0 + 4, x0 + 17, y0 + 4, '%');
    map[y0 + 4][x0 + 10] = map[y0 + 4][x0 + 11] = '"';
}

static void lot(int x0, int y0)
{
    walled(x0, y0, '.');
    int s = BLOCK_END - BLOCK_START;
    for (int x = x0 + 6; x <= x0 + 15; x++) map[y0 + s][x] = '.'; /* the front is gone */
    fill(x0 + 2, y0 + 14, x0 + 19, y0 + 19, 'z');
}

/* ---- objects ------------------------------------------------------------- */

static int32_t object(int32_t kind, int x, int y)
{
    int32_t o = level_add_object(lv, &diags, kind, x, y, 1, 1, 0, 0);
    if (o < 0) {
        fprintf(stderr, "stressgen: cannot place a %s at (%d, %d)\n", level_kind(kind)->name, x, y);
        exit(1);
    }
    if (level_kind(kind)->person) {
        if (person_at[y][x]) {
            fprintf(stderr, "stressgen: two people at (%d, %d)\n", x, y);
            exit(1);
        }
        person_at[y][x] = true;
    }
    return o;
}

static void prop(int32_t o, const char *key, const char *value)
{
    if (!level_set_prop(lv, &diags, o, key, strlen(key), value, strlen(value), 0, 0, 0)) {
        fprintf(stderr, "stressgen: %s=%s refused\n", key, value);
        exit(1);
    }
}

static void prop_int(int32_t o, const char *key, int v)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", v);
    prop(o, key, buf);
}

static void path(const char *name, bool loop, int n, const int *xy)
{
    int32_t p = level_add_path(lv, &diags, name, strlen(name), loop, 0, 0);
    if (p < 0) exit(1);
    for (int i = 0; i < n; i++)
        if (!level_path_add_point(lv, &diags, p, xy[2 * i], xy[2 * i + 1], 0, 0)) exit(1);
}

/* A loop round a block on the inner sidewalk, from its top left corner. */
static void ring(const char *name, int bx, int by)
{
    int x0 = bx * P + 7, y0 = by * P + 7, x1 = bx * P + 30, y1 = by * P + 30;
    int xy[] = {x0, y0, x1, y0, x1, y1, x0, y1};
    path(name, true, 4, xy);
}

static int diner_count;

static void diner_at(int x, int y)
{
    if (map[y][x] != '_' && map[y][x] != '"') return;
    if (person_at[y][x]) return;
    object(KIND_DINER, x, y);
    diner_count++;
}

static void people_and_things(void)
{
    char name[32];
    /* Harry at the top left, Julie at the far corner: the bot crosses the city. */
    object(KIND_HARRY, 7, 7);
    object(KIND_JULIE, W - 2, H - 2);

    /* Diners: ten in each diner, four in each park. */
    for (int by = 0; by < BLOCKS; by++) {
        for (int bx = 0; bx < BLOCKS; bx++) {
            int x0 = bx * P + BLOCK_START, y0 = by * P + BLOCK_START;
            block_type_t t = block_at(bx, by);
            if (t == BT_DINER)
                for (int i = 0; i < 10; i++)
                    diner_at(x0 + 3 + 2 * (i % 5) * 3 / 2, y0 + 8 + 4 * (i / 5));
            else if (t == BT_PARK || t == BT_TAR)
                for (int i = 0; i < 4; i++) diner_at(x0 + 3 + 5 * i, y0 + 18);
        }
    }

    /* Thirty-six pedestrians running along the inner sidewalks, both ways,
     * and across. */
    int peds = 0;
    static const char *const dirs[] = {"down", "up", "left", "right"};
    for (int j = 0; j < BLOCKS; j++) {
        int rows[3] = {j * P + 7, j * P + 30, j * P + 30};
        int xs[3] = {((j * 3) % BLOCKS) * P + 16, ((j * 5 + 2) % BLOCKS) * P + 20,
                     ((j * 7 + 5) % BLOCKS) * P + 12};
        for (int i = 0; i < (j < 4 ? 2 : 3); i++) {
            int32_t o = object(KIND_PEDESTRIAN, xs[i], rows[i]);
            prop(o, "dir", dirs[2 + (i + j) % 2]);
            prop_int(o, "speed", 80 + 10 * ((i + 2 * j) % 8));
            peds++;
        }
        int cols[2] = {j * P + 7, j * P + 30};
        int ys[2] = {((j * 3 + 1) % BLOCKS) * P + 18, ((j * 5 + 4) % BLOCKS) * P + 14};
        for (int i = 0; i < 2; i++) {
            int32_t o = object(KIND_PEDESTRIAN, cols[i], ys[i]);
            prop(o, "dir", dirs[(i + j) % 2]);
            prop_int(o, "speed", 90 + 10 * ((3 * i + j) % 7));
            peds++;
        }
    }
    /* Four who run round a park's pond instead. */
    for (int by = 0, n = 0; by < BLOCKS; by++) {
        for (int bx = 0; bx < BLOCKS; bx++) {
            if (block_at(bx, by) != BT_PARK) continue;
            int x0 = bx * P + BLOCK_START, y0 = by * P + BLOCK_START;
            snprintf(name, sizeof name, "pond%d", n);
            int xy[] = {x0 + 6, y0 + 6, x0 + 15, y0 + 6, x0 + 15, y0 + 15, x0 + 6, y0 + 15};
            path(name, true, 4, xy);
            int32_t o = object(KIND_PEDESTRIAN, x0 + 6, y0 + 6);
            prop(o, "path", name);
            n++;
            peds++;
        }
    }

    /* Looters between the shop doors of a row of buildings, two a path. */
    int looters = 0;
    for (int by = 0, n = 0; by < BLOCKS && n < 9; by++) {
        for (int bx = (by * 3) % 2; bx < BLOCKS && n < 9; bx += 2) {
            if (block_at(bx, by) != BT_BUILDING) continue;
            int x0 = bx * P + BLOCK_START, y = by * P + 30;
            snprintf(name, sizeof name, "shops%d", n);
            int xy[] = {x0 + 4, y, x0 + 16, y};
            path(name, false, 2, xy);
            for (int i = 0; i < 2; i++) {
                int32_t o = object(KIND_LOOTER, x0 + 6 + 8 * i, y);
                prop(o, "path", name);
                prop_int(o, "speed", 100 + 20 * i);
                looters++;
            }
            n++;
        }
    }

    /* Patrols round blocks no looter works: five cops and three SWAT, each
     * alone, so there are eight patrols as the benchmark's brief says. */
    static const int beats[8][2] = {{1, 1}, {5, 1}, {2, 2}, {6, 3}, {1, 4}, {4, 5}, {0, 6}, {6, 6}};
    for (int i = 0; i < 8; i++) {
        snprintf(name, sizeof name, "beat%d", i);
        ring(name, beats[i][0], beats[i][1]);
        int32_t o = object(i < 5 ? KIND_COP : KIND_SWAT, beats[i][0] * P + 7, beats[i][1] * P + 7);
        prop(o, "path", name);
        if (i >= 5) prop(o, "pair", "false");
    }

    /* Traffic: on each boulevard a lane each way, timed to keep HOLD
     * vehicles each on the map; two boulevards have lights at an avenue. */
    static const int speeds[LANES] = {150, 120, 180, 100};
    int sig_count = 0;
    for (int i = 0; i < LANES; i++) {
        int band = (2 * i + 1) * P;
        bool lights = i == 1 || i == 2;
        if (lights) {
            /* Eastbound traffic stops west of avenue 4, westbound east of it. */
            int32_t s = object(KIND_SIGNAL, 4 * P - 2, band - 1);
            snprintf(name, sizeof name, "light%d", sig_count++);
            prop(s, "name", name);
            prop_int(s, "offset", 120 * i);
            s = object(KIND_SIGNAL, 4 * P + 7, band + 6);
            snprintf(name, sizeof name, "light%d", sig_count++);
            prop(s, "name", name);
            prop_int(s, "offset", 120 * i);
        }
        for (int way = 0; way < 2; way++) {
            int32_t o = way ? object(KIND_LANE, W - 1, band + 1) : object(KIND_LANE, 0, band + 4);
            prop(o, "dir", way ? "left" : "right");
            prop_int(o, "speed", speeds[i]);
            /* Vehicles HOLD apart across the map's width (less a tile, so
             * the traffic the level starts with holds HOLD too). */
            int every = (W - 1) * LEVEL_TILE_PX * 60 / speeds[i] / HOLD;
            if (i == 1) prop(o, "cars", "car,bus");
            prop_int(o, "every", every);
            if (lights) {
                snprintf(name, sizeof name, "light%d", sig_count - 2 + way);
                prop(o, "signal", name);
            }
        }
    }

    /* Keys and the doors they open: the diners' back doors. */
    static const char *const colours[] = {"red", "blue", "green", "yellow"};
    int door = 0;
    for (int by = 0; by < BLOCKS; by++) {
        for (int bx = 0; bx < BLOCKS; bx++) {
            if (block_at(bx, by) != BT_DINER) continue;
            int x0 = bx * P + BLOCK_START, y0 = by * P + BLOCK_START;
            int32_t o = object(KIND_DOOR, x0 + 12, y0);
            prop(o, "colour", colours[door]);
            int32_t k = object(KIND_KEY, x0 + 14, y0 - 1);
            prop(k, "colour", colours[door]);
            door++;
        }
    }
    /* A store's door only a trigger on its sidewalk opens. */
    int32_t d = object(KIND_DOOR, 3 * P + BLOCK_START + 10, 3 * P + BLOCK_END);
    prop(d, "name", "store_door");
    prop(d, "colour", "none");
    int32_t t = level_add_object(lv, &diags, KIND_TRIGGER, 3 * P + BLOCK_START + 6, 3 * P + 30, 10,
                                 1, 0, 0);
    prop(t, "do", "open");
    prop(t, "target", "store_door");
    t = level_add_object(lv, &diags, KIND_TRIGGER, 6, 6, 4, 4, 0, 0);
    prop(t, "text", "Two hundred people in the street and the lights still change.");
    t = level_add_object(lv, &diags, KIND_TRIGGER, 4 * P + 6, 4 * P + 6, 2, 26, 0, 0);
    prop(t, "do", "checkpoint");

    /* Coffee, clocks and payphones along the way. */
    for (int i = 0; i < 6; i++) object(KIND_COFFEE, (i + 1) * P + 20, (i + 1) * P + 7);
    for (int i = 0; i < 4; i++) {
        int32_t o = object(KIND_CLOCK, (2 * i + 1) * P + 30, (2 * i + 1) * P + 20);
        prop_int(o, "seconds", 5 + 5 * i);
    }
    for (int i = 0; i < 2; i++) {
        int x = (3 + 3 * i) * P + 9, y = (2 + 3 * i) * P + 6;
        map[y][x] = 'P';
        int32_t o = object(KIND_PAYPHONE, x, y);
        prop(o, "text",
             i ? "Julie's voice: 'Harry, where are you?'"
               : "'Fifty minutes. Tell somebody.' The line goes dead.");
    }

    /* Fire: three along the burnt-out lot, one across a park's grass. */
    for (int i = 0; i < 3; i++) {
        int32_t o = object(KIND_FIRE, 2 * P + BLOCK_START + 2, 2 * P + BLOCK_START + 3 + 3 * i);
        prop(o, "dir", "right");
        prop_int(o, "every", 90 + 30 * i);
        prop_int(o, "length", 16);
    }
    int32_t f = object(KIND_FIRE, 7 * P + BLOCK_START + 1, 2 * P + BLOCK_START + 18);
    prop(f, "dir", "right");
    prop_int(f, "length", 12);
    prop_int(f, "delay", 600);

    /* The coyote by the tar, the helicopter on its roof, and a car to ride
     * down avenue 2. */
    object(KIND_COYOTE, 4 * P + BLOCK_START + 3, 4 * P + BLOCK_START + 16);
    object(KIND_HELICOPTER, 5 * P + BLOCK_START + 10, 5 * P + BLOCK_START + 10);
    int ride_xy[] = {2 * P + 2, P + 16, 2 * P + 2, 5 * P + 16};
    path("avenue2", false, 2, ride_xy);
    int32_t r = object(KIND_RIDE, 2 * P + 2, P + 16);
    prop(r, "path", "avenue2");

    fprintf(stderr, "stressgen: %d diners, %d pedestrians, %d looters, 8 patrols\n", diner_count,
            peds, looters);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: stressgen OUT.mml\n");
        return 2;
    }
    lv = level_create(W, H);
    if (!lv) return 1;
    snprintf(lv->name, sizeof lv->name, "Stress: the whole Miracle Mile");
    snprintf(lv->author, sizeof lv->author, "Miracle Mile team");
    snprintf(lv->story, sizeof lv->story, "The word is out. The whole city is in the street.");
    snprintf(lv->music, sizeof lv->music, "pulse4");
    lv->time_s = 300;
    lv->par_s = 200;
    lv->seed = 1988;

    streets();
    for (int by = 0; by < BLOCKS; by++) {
        for (int bx = 0; bx < BLOCKS; bx++) {
            int x0 = bx * P + BLOCK_START, y0 = by * P + BLOCK_START;
            switch (block_at(bx, by)) {
            case BT_DINER:
                diner(x0, y0);
                break;
            case BT_STORE:
                store(x0, y0);
                break;
            case BT_PARK:
                park(x0, y0);
                break;
            case BT_TAR:
                tar_pits(x0, y0);
                break;
            case BT_MALL:
                mall(x0, y0);
                break;
            case BT_ROOF:
                roof(x0, y0);
                break;
            case BT_LOT:
                lot(x0, y0);
                break;
            default:
                building(x0, y0);
                break;
            }
        }
    }
    people_and_things();
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            int t = level_tile_from_symbol(map[y][x]);
            if (t < 0) {
                fprintf(stderr, "stressgen: no tile '%c' at (%d, %d)\n", map[y][x], x, y);
                return 1;
            }
            lv->tiles[y * W + x] = (uint8_t)t;
        }
    }
    level_finish(lv, &diags);
    for (int32_t i = 0; i < diags.count; i++)
        fprintf(stderr, "stressgen: %s: %s\n",
                diags.items[i].severity == LEVEL_ERROR ? "error" : "warning",
                diags.items[i].message);
    if (diags.errors) return 1;

    size_t len = 0;
    char *text = level_write_text(lv, &len);
    if (!text) return 1;
    /* A comment after the version line says where the file comes from. */
    const char *note = "# The benchmark's stress level, written by tools/bench/stressgen.c\n"
                       "# (cmake --build build --target bench-stress); edit that, not this.\n";
    char *nl = strchr(text, '\n');
    size_t head = nl ? (size_t)(nl - text) + 1 : 0;
    size_t nlen = strlen(note);
    char *out = malloc(len + nlen);
    if (!out) return 1;
    memcpy(out, text, head);
    memcpy(out + head, note, nlen);
    memcpy(out + head + nlen, text + head, len - head);
    char err[512];
    bool ok = files_write_atomic(argv[1], out, len + nlen, err, sizeof err);
    if (!ok) fprintf(stderr, "stressgen: %s\n", err);
    free(out);
    free(text);
    level_free(lv);
    return ok ? 0 : 1;
}
