/*
 * artcheck: do the hazards stand out from the floors round them?
 *
 * Reads the built sprite sheet (PNG) and its index, and for each pair of a
 * hazard tile and a floor it borders computes the WCAG contrast ratio of their
 * mean colours, for normal vision and for simulated deuteranopia and
 * protanopia. Prints a table; exits 1 if any pair is below 3:1 in any of the
 * three, 2 on a usage or file error.
 *
 * How it measures (also in assets/README.md):
 *   - every pixel is decoded from sRGB to linear light; a hazard with see-
 *     through pixels is first laid over the floor it is compared with, as the
 *     game draws it;
 *   - the tile's mean colour is the average of its pixels in linear light
 *     (what the eye sees of a tile at a glance, or through a blur);
 *   - colour blindness is simulated with the Machado, Oliveira and Fernandes
 *     (2009) matrices at full severity, applied to the linear mean;
 *   - relative luminance L = 0.2126 R + 0.7152 G + 0.0722 B, and the contrast
 *     ratio is (L_light + 0.05) / (L_dark + 0.05), as in WCAG 2.
 * Animated hazards are checked frame by frame and the worst frame counts.
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

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: artcheck SHEET.png SHEET.idx\n"
                        "Checks that hazard tiles stand out (WCAG contrast >= 3:1) from the\n"
                        "floors next to them, for normal vision, deuteranopia and protanopia.\n");
        return 2;
    }
    static sheet_t s;
    if (!load_png(argv[1], &s)) {
        fprintf(stderr, "artcheck: cannot read the sheet %s\n", argv[1]);
        free(s.rgba);
        return 2;
    }
    if (!load_index(argv[2], &s)) {
        fprintf(stderr, "artcheck: cannot read the index %s (or it does not fit the sheet)\n",
                argv[2]);
        free(s.rgba);
        return 2;
    }
    int failures = 0, missing = 0;
    printf("%-18s %-18s %-9s %-9s %8s %8s %8s  %s\n", "hazard", "floor", "hazard", "floor",
           vision_names[VISION_NORMAL], vision_names[VISION_DEUTAN], vision_names[VISION_PROTAN],
           "where");
    for (size_t p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
        const pair_t *pr = &pairs[p];
        const frame_rect_t *floor = find(&s, pr->floor);
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
            const frame_rect_t *hz = find(&s, name);
            if (!hz) continue;
            frames++;
            double hm[3];
            mean_colour(&s, hz, floor, hm);
            mean_colour(&s, floor, NULL, floor_mean);
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
            missing++;
            continue;
        }
        char hc[10], fc[10];
        snprintf(hc, sizeof hc, "#%02x%02x%02x", to_srgb8(worst_hazard[0]) & 0xff,
                 to_srgb8(worst_hazard[1]) & 0xff, to_srgb8(worst_hazard[2]) & 0xff);
        snprintf(fc, sizeof fc, "#%02x%02x%02x", to_srgb8(floor_mean[0]) & 0xff,
                 to_srgb8(floor_mean[1]) & 0xff, to_srgb8(floor_mean[2]) & 0xff);
        bool bad = false;
        printf("%-18s %-18s %-9s %-9s", worst_name, pr->floor, hc, fc);
        for (int v = 0; v < VISION_COUNT; v++) {
            printf(" %7.2f%s", worst[v], worst[v] < MIN_RATIO ? "!" : " ");
            if (worst[v] < MIN_RATIO) bad = true;
        }
        printf("  %s\n", pr->where);
        if (bad) failures++;
    }
    printf("(WCAG contrast of mean colours in linear light; %s = Machado 2009 simulations;\n"
           " each must be at least %.1f:1, '!' marks a pair below it)\n",
           "deutan/protan", MIN_RATIO);
    free(s.rgba);
    if (missing)
        fprintf(stderr, "artcheck: %d pair(s) have frames missing from the sheet\n", missing);
    if (failures) fprintf(stderr, "artcheck: %d pair(s) below %.1f:1\n", failures, MIN_RATIO);
    return (failures || missing) ? 1 : 0;
}
