/*
 * artcheck: do hazards, pickups, signals and locked doors stand out from
 * what is round them?
 *
 * Reads the built sprite sheet (PNG) and its index and prints three tables of
 * WCAG contrast ratios of mean colours, for normal vision and for simulated
 * deuteranopia and protanopia. Exits 1 if any entry is below 3:1 in any of the
 * three or a frame is missing, 2 on a usage or file error.
 *
 * How it measures (also in assets/README.md):
 *   - every pixel is decoded from sRGB to linear light; a frame with see-
 *     through pixels is first laid over the floor it is compared with, as the
 *     game draws it;
 *   - a mean colour is the average of pixels in linear light (what the eye
 *     sees of them at a glance, or through a blur);
 *   - colour blindness is simulated with the Machado, Oliveira and Fernandes
 *     (2009) matrices at full severity, applied to the linear mean;
 *   - relative luminance L = 0.2126 R + 0.7152 G + 0.0722 B, and the contrast
 *     ratio is (L_light + 0.05) / (L_dark + 0.05), as in WCAG 2.
 *
 * The three tables:
 *   - hazards: a hazard tile's mean against a floor it borders; animated
 *     hazards are checked frame by frame and the worst frame counts;
 *   - objects (keys, traffic signals): a sprite on a see-through ground is
 *     seen by its own pixels, not by the floor round it. Its solid pixels
 *     (opacity 50% or more) are split into its edge (those next to a see-
 *     through pixel or the frame's border: the outline) and its body (the
 *     rest). It stands out if its edge or its body reaches 3:1 against the
 *     floor: a dark outline carries it on light floors, a light body on dark
 *     ones;
 *   - doors: a door's opening (its frame and leaf, the 10x12 pixels at x 3..12,
 *     y 2..13 that every door tile shares) against the wall face it is set in,
 *     or else the floor in front of it: the better of the two counts.
 */
#include <math.h>
#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_CAP 64
#define MAX_FRAMES 4096
#define MIN_RATIO 3.0

typedef struct frame_rect {
    char name[NAME_CAP];
    int x, y, w, h;
} frame_rect_t;

typedef struct sheet {
    int w, h;
    unsigned char *rgba;
    int count;
    frame_rect_t frames[MAX_FRAMES];
} sheet_t;

/* A hazard (with its animation frames) and a floor next to it in the game. */
typedef struct pair {
    const char *hazard; /* a frame name, or a prefix ending in '_' for frames _0.._9 */
    const char *floor;
    const char *where;
} pair_t;

static const pair_t pairs[] = {
    {"tile_tar_", "tile_grass", "tar pits in the park"},
    {"tile_tar_", "tile_sidewalk", "tar seeping onto the path"},
    {"tile_fire_", "tile_sidewalk", "fire in the street"},
    {"tile_fire_", "tile_store_floor", "fire in the department store"},
    {"tile_fire_", "tile_mall_floor", "fire in the mall"},
    {"tile_road", "tile_sidewalk", "road at the kerb"},
    {"tile_water", "tile_grass", "the lake pit's water"},
    /* The floors' variants, which the game mixes in. */
    {"tile_tar_", "tile_grass_b", "tar by a darker clump of lawn"},
    {"tile_tar_", "tile_sidewalk_b", "tar by a cracked slab"},
    {"tile_fire_", "tile_sidewalk_b", "fire on a cracked slab"},
    {"tile_road", "tile_sidewalk_b", "road by a cracked slab"},
    {"tile_water", "tile_grass_b", "water by a darker clump of lawn"},
};

/* Floors a key can lie on; traffic signals stand on the street ones. */
static const char *const all_floors[] = {
    "tile_sidewalk", "tile_sidewalk_b",  "tile_road",        "tile_crosswalk",  "tile_grass",
    "tile_grass_b",  "tile_diner_floor", "tile_store_floor", "tile_mall_floor", "tile_roof",
};
#define STREET_FLOORS 6 /* the first six of all_floors */
#define ALL_FLOORS (int)(sizeof all_floors / sizeof all_floors[0])

typedef struct object {
    const char *name;
    int floors; /* how many of all_floors, from the first */
} object_t;

static const object_t objects[] = {
    {"key_red", ALL_FLOORS},         {"key_blue", ALL_FLOORS},      {"key_green", ALL_FLOORS},
    {"key_yellow", ALL_FLOORS},      {"signal_red", STREET_FLOORS}, {"signal_amber", STREET_FLOORS},
    {"signal_green", STREET_FLOORS},
};

static const char *const doors[] = {
    "tile_door_locked_red",    "tile_door_locked_blue",  "tile_door_locked_green",
    "tile_door_locked_yellow", "tile_door_locked_plain",
};

/* The opening of every door tile: its frame and leaf. */
static const int door_x = 3, door_y = 2, door_w = 10, door_h = 12;

/* A wall a door can be set in, and the floor in front of it. */
typedef struct setting {
    const char *wall;
    const char *floor;
} setting_t;

static const setting_t settings[] = {
    {"tile_wall_face", "tile_sidewalk"},          {"tile_wall_face_dark", "tile_sidewalk"},
    {"tile_wall_inside", "tile_diner_floor"},     {"tile_wall_inside_store", "tile_store_floor"},
    {"tile_wall_inside_mall", "tile_mall_floor"}, {"tile_wall_block", "tile_roof"},
};

enum vision { VISION_NORMAL, VISION_DEUTAN, VISION_PROTAN, VISION_COUNT };
static const char *const vision_names[VISION_COUNT] = {"normal", "deutan", "protan"};

/* Machado et al. 2009, severity 1.0, for linear RGB. */
static const double sim[VISION_COUNT][3][3] = {
    {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
    {{0.367322, 0.860646, -0.227968},
     {0.280085, 0.672501, 0.047413},
     {-0.011820, 0.042940, 0.968881}},
    {{0.152286, 1.052583, -0.204868},
     {0.114503, 0.786281, 0.099216},
     {-0.003882, -0.048116, 1.051998}},
};

static double srgb_to_linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static bool load_png(const char *path, sheet_t *s)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    bool ok = png_image_begin_read_from_stdio(&img, fp) != 0;
    if (ok) {
        img.format = PNG_FORMAT_RGBA;
        s->w = (int)img.width;
        s->h = (int)img.height;
        s->rgba = malloc(PNG_IMAGE_SIZE(img));
        ok = s->rgba && png_image_finish_read(&img, NULL, s->rgba, 0, NULL) != 0;
    }
    png_image_free(&img);
    fclose(fp);
    return ok;
}

static bool load_index(const char *path, sheet_t *s)
{
    FILE *fp = fopen(path, "r");
    if (!fp) return false;
    char line[256];
    bool ok = fgets(line, sizeof line, fp) && strncmp(line, "miraclemile-sprites 1", 21) == 0;
    while (ok && fgets(line, sizeof line, fp)) {
        frame_rect_t f;
        if (sscanf(line, "frame %63s %d %d %d %d", f.name, &f.x, &f.y, &f.w, &f.h) != 5) continue;
        if (f.x < 0 || f.y < 0 || f.w <= 0 || f.h <= 0 || f.x + f.w > s->w || f.y + f.h > s->h ||
            s->count == MAX_FRAMES) {
            ok = false;
            break;
        }
        s->frames[s->count++] = f;
    }
    fclose(fp);
    return ok;
}

static const frame_rect_t *find(const sheet_t *s, const char *name)
{
    for (int i = 0; i < s->count; i++)
        if (strcmp(s->frames[i].name, name) == 0) return &s->frames[i];
    return NULL;
}

/* The mean linear colour of frame top laid over frame under (which may be
 * NULL for an opaque top). Sizes differ only if someone drew a tile wrong:
 * then the overlap is used. */
static void mean_colour(const sheet_t *s, const frame_rect_t *top, const frame_rect_t *under,
                        double out[3])
{
    double sum[3] = {0, 0, 0};
    int w = top->w, h = top->h;
    if (under) {
        w = w < under->w ? w : under->w;
        h = h < under->h ? h : under->h;
    }
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            const unsigned char *t =
                s->rgba + ((size_t)(top->y + y) * (size_t)s->w + (size_t)(top->x + x)) * 4;
            double a = t[3] / 255.0;
            for (int c = 0; c < 3; c++) {
                double v = srgb_to_linear(t[c] / 255.0);
                if (under && a < 1.0) {
                    const unsigned char *u =
                        s->rgba +
                        ((size_t)(under->y + y) * (size_t)s->w + (size_t)(under->x + x)) * 4;
                    /* Blending happens on the stored (sRGB) values, as SDL does. */
                    double mixed = (t[c] * a + u[c] * (1.0 - a)) / 255.0;
                    v = srgb_to_linear(mixed);
                }
                sum[c] += v;
            }
        }
    }
    for (int c = 0; c < 3; c++) out[c] = sum[c] / (double)(w * h);
}

static double luminance(const double lin[3], enum vision v)
{
    double c[3];
    for (int i = 0; i < 3; i++) {
        c[i] = sim[v][i][0] * lin[0] + sim[v][i][1] * lin[1] + sim[v][i][2] * lin[2];
        if (c[i] < 0) c[i] = 0;
        if (c[i] > 1) c[i] = 1;
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double ratio(double a, double b)
{
    return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}

static int to_srgb8(double lin)
{
    double c = lin <= 0.0031308 ? lin * 12.92 : 1.055 * pow(lin, 1 / 2.4) - 0.055;
    return (int)lround(c * 255.0);
}

/* "#rrggbb" of a linear colour; buf holds at least 8 characters. */
static const char *hex(const double lin[3], char buf[10])
{
    snprintf(buf, 10, "#%02x%02x%02x", to_srgb8(lin[0]) & 0xff, to_srgb8(lin[1]) & 0xff,
             to_srgb8(lin[2]) & 0xff);
    return buf;
}

static const unsigned char *pixel(const sheet_t *s, const frame_rect_t *f, int x, int y)
{
    return s->rgba + ((size_t)(f->y + y) * (size_t)s->w + (size_t)(f->x + x)) * 4;
}

/* Prints one vision's ratio, and whether it falls short; tag names the part
 * that carried it (' ' for none). */
static bool print_ratio(double r, char tag)
{
    bool bad = r < MIN_RATIO;
    printf(" %7.2f%c%s", r, tag, bad ? "!" : " ");
    return bad;
}

static int check_hazards(const sheet_t *s, int *missing)
{
    int failures = 0;
    printf("%-18s %-18s %-9s %-9s %8s %8s %8s  %s\n", "hazard", "floor", "hazard", "floor",
           vision_names[VISION_NORMAL], vision_names[VISION_DEUTAN], vision_names[VISION_PROTAN],
           "where");
    for (size_t p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
        const pair_t *pr = &pairs[p];
        const frame_rect_t *floor = find(s, pr->floor);
        size_t hl = strlen(pr->hazard);
        bool animated = hl > 0 && pr->hazard[hl - 1] == '_';
        /* The worst frame of an animation counts. */
        double worst[VISION_COUNT] = {1e9, 1e9, 1e9};
        double worst_hazard[3] = {0, 0, 0}, floor_mean[3] = {0, 0, 0};
        char worst_name[NAME_CAP] = "";
        int frames = 0;
        for (int f = 0; f < (animated ? 10 : 1) && floor; f++) {
            char name[NAME_CAP];
            if (animated)
                snprintf(name, sizeof name, "%s%d", pr->hazard, f);
            else
                snprintf(name, sizeof name, "%s", pr->hazard);
            const frame_rect_t *hz = find(s, name);
            if (!hz) continue;
            frames++;
            double hm[3];
            mean_colour(s, hz, floor, hm);
            mean_colour(s, floor, NULL, floor_mean);
            bool worse = false;
            for (int v = 0; v < VISION_COUNT; v++) {
                double r = ratio(luminance(hm, v), luminance(floor_mean, v));
                if (r < worst[v]) {
                    worst[v] = r;
                    worse = true;
                }
            }
            if (worse) {
                memcpy(worst_hazard, hm, sizeof hm);
                snprintf(worst_name, sizeof worst_name, "%s", name);
            }
        }
        if (!floor || frames == 0) {
            printf("%-18s %-18s missing from the sheet\n", pr->hazard, pr->floor);
            (*missing)++;
            continue;
        }
        char hc[10], fc[10];
        bool bad = false;
        printf("%-18s %-18s %-9s %-9s", worst_name, pr->floor, hex(worst_hazard, hc),
               hex(floor_mean, fc));
        for (int v = 0; v < VISION_COUNT; v++) {
            printf(" %7.2f%s", worst[v], worst[v] < MIN_RATIO ? "!" : " ");
            if (worst[v] < MIN_RATIO) bad = true;
        }
        printf("  %s\n", pr->where);
        if (bad) failures++;
    }
    return failures;
}

/* The mean linear colours of a sprite's edge and body laid over a floor (see
 * the top of this file). Returns false if it has no solid pixels. */
static bool object_parts(const sheet_t *s, const frame_rect_t *obj, const frame_rect_t *floor,
                         double edge[3], double body[3], int *body_n)
{
    double sum[2][3] = {{0, 0, 0}, {0, 0, 0}};
    int n[2] = {0, 0};
    for (int y = 0; y < obj->h; y++) {
        for (int x = 0; x < obj->w; x++) {
            const unsigned char *t = pixel(s, obj, x, y);
            if (t[3] < 128) continue;
            bool is_edge = false;
            static const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
            for (int d = 0; d < 4; d++) {
                int nx = x + dx[d], ny = y + dy[d];
                if (nx < 0 || ny < 0 || nx >= obj->w || ny >= obj->h ||
                    pixel(s, obj, nx, ny)[3] < 128)
                    is_edge = true;
            }
            /* The floor repeats under a sprite larger than a tile. */
            const unsigned char *u = pixel(s, floor, x % floor->w, y % floor->h);
            double a = t[3] / 255.0;
            for (int c = 0; c < 3; c++)
                sum[is_edge ? 0 : 1][c] += srgb_to_linear((t[c] * a + u[c] * (1.0 - a)) / 255.0);
            n[is_edge ? 0 : 1]++;
        }
    }
    for (int c = 0; c < 3; c++) {
        edge[c] = n[0] ? sum[0][c] / n[0] : 0;
        body[c] = n[1] ? sum[1][c] / n[1] : 0;
    }
    *body_n = n[1];
    return n[0] > 0;
}

static int check_objects(const sheet_t *s, int *missing)
{
    int failures = 0;
    printf("%-14s %-18s %-9s %-9s %-9s %9s %9s %9s\n", "object", "floor", "edge", "body", "floor",
           vision_names[VISION_NORMAL], vision_names[VISION_DEUTAN], vision_names[VISION_PROTAN]);
    for (size_t o = 0; o < sizeof objects / sizeof objects[0]; o++) {
        const frame_rect_t *obj = find(s, objects[o].name);
        for (int f = 0; f < objects[o].floors; f++) {
            const frame_rect_t *floor = find(s, all_floors[f]);
            double edge[3], body[3], fm[3];
            int body_n = 0;
            if (!obj || !floor || !object_parts(s, obj, floor, edge, body, &body_n)) {
                printf("%-14s %-18s missing from the sheet (or empty)\n", objects[o].name,
                       all_floors[f]);
                (*missing)++;
                continue;
            }
            mean_colour(s, floor, NULL, fm);
            char ec[10], bc[10], fc[10];
            printf("%-14s %-18s %-9s %-9s %-9s", objects[o].name, all_floors[f], hex(edge, ec),
                   body_n ? hex(body, bc) : "-", hex(fm, fc));
            bool bad = false;
            for (int v = 0; v < VISION_COUNT; v++) {
                double lf = luminance(fm, v);
                double re = ratio(luminance(edge, v), lf);
                double rb = body_n ? ratio(luminance(body, v), lf) : 0;
                bad = print_ratio(re >= rb ? re : rb, re >= rb ? 'e' : 'b') || bad;
            }
            printf("\n");
            if (bad) failures++;
        }
    }
    return failures;
}

static void opening_mean(const sheet_t *s, const frame_rect_t *door, double out[3])
{
    double sum[3] = {0, 0, 0};
    for (int y = door_y; y < door_y + door_h; y++)
        for (int x = door_x; x < door_x + door_w; x++)
            for (int c = 0; c < 3; c++) sum[c] += srgb_to_linear(pixel(s, door, x, y)[c] / 255.0);
    for (int c = 0; c < 3; c++) out[c] = sum[c] / (double)(door_w * door_h);
}

static int check_doors(const sheet_t *s, int *missing)
{
    int failures = 0;
    printf("%-23s %-22s %-16s %-9s %-9s %-9s %9s %9s %9s\n", "door", "wall", "floor", "opening",
           "wall", "floor", vision_names[VISION_NORMAL], vision_names[VISION_DEUTAN],
           vision_names[VISION_PROTAN]);
    for (size_t d = 0; d < sizeof doors / sizeof doors[0]; d++) {
        const frame_rect_t *door = find(s, doors[d]);
        for (size_t w = 0; w < sizeof settings / sizeof settings[0]; w++) {
            const frame_rect_t *wall = find(s, settings[w].wall);
            const frame_rect_t *floor = find(s, settings[w].floor);
            if (!door || !wall || !floor || door->w < door_x + door_w ||
                door->h < door_y + door_h) {
                printf("%-23s %-22s missing from the sheet (or too small)\n", doors[d],
                       settings[w].wall);
                (*missing)++;
                continue;
            }
            double om[3], wm[3], fm[3];
            opening_mean(s, door, om);
            mean_colour(s, wall, NULL, wm);
            mean_colour(s, floor, NULL, fm);
            char oc[10], wc[10], fc[10];
            printf("%-23s %-22s %-16s %-9s %-9s %-9s", doors[d], settings[w].wall,
                   settings[w].floor, hex(om, oc), hex(wm, wc), hex(fm, fc));
            bool bad = false;
            for (int v = 0; v < VISION_COUNT; v++) {
                double lo = luminance(om, v);
                double rw = ratio(lo, luminance(wm, v)), rf = ratio(lo, luminance(fm, v));
                bad = print_ratio(rw >= rf ? rw : rf, rw >= rf ? 'w' : 'f') || bad;
            }
            printf("\n");
            if (bad) failures++;
        }
    }
    return failures;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: artcheck [--only hazards|objects|doors] SHEET.png SHEET.idx\n"
            "Checks (WCAG contrast >= 3:1, for normal vision, deuteranopia and protanopia)\n"
            "that hazard tiles stand out from the floors next to them, keys and traffic\n"
            "signals from the floors they stand on, and locked doors from the walls they\n"
            "are set in (or the floor in front). Without --only, all three.\n");
}

int main(int argc, char **argv)
{
    const char *only = NULL;
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "--only") == 0) {
        if (argc < 3) {
            usage();
            return 2;
        }
        only = argv[2];
        first = 3;
        if (strcmp(only, "hazards") != 0 && strcmp(only, "objects") != 0 &&
            strcmp(only, "doors") != 0) {
            usage();
            return 2;
        }
    }
    if (argc - first != 2) {
        usage();
        return 2;
    }
    const char *png = argv[first], *idx = argv[first + 1];
    static sheet_t s;
    if (!load_png(png, &s)) {
        fprintf(stderr, "artcheck: cannot read the sheet %s\n", png);
        free(s.rgba);
        return 2;
    }
    if (!load_index(idx, &s)) {
        fprintf(stderr, "artcheck: cannot read the index %s (or it does not fit the sheet)\n", idx);
        free(s.rgba);
        return 2;
    }
    int failures = 0, missing = 0;
    bool all = only == NULL;
    if (all || strcmp(only, "hazards") == 0) failures += check_hazards(&s, &missing);
    if (all || strcmp(only, "objects") == 0) {
        if (all) printf("\n");
        failures += check_objects(&s, &missing);
    }
    if (all || strcmp(only, "doors") == 0) {
        if (all) printf("\n");
        failures += check_doors(&s, &missing);
    }
    printf("(WCAG contrast of mean colours in linear light; deutan/protan = Machado 2009\n"
           " simulations; each must be at least %.1f:1, '!' marks an entry below it. Objects:\n"
           " the better of edge (e) and body (b); doors: of wall (w) and floor (f).)\n",
           MIN_RATIO);
    free(s.rgba);
    if (missing)
        fprintf(stderr, "artcheck: %d entr%s with frames missing from the sheet\n", missing,
                missing == 1 ? "y" : "ies");
    if (failures)
        fprintf(stderr, "artcheck: %d entr%s below %.1f:1\n", failures, failures == 1 ? "y" : "ies",
                MIN_RATIO);
    return (failures || missing) ? 1 : 0;
}
