/* Rendered-frame test of the level select's map (ui/mile_map.c): nine
 * places in every state, drawn with SDL's software renderer and compared
 * with a stored PNG, with the same tolerance as test_render.c (a pixel
 * matches within 2 per channel; at most 0.1% may not). MM_UPDATE_GOLDEN=1
 * rewrites the stored PNG. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "platform/assets.h"
#include "platform/render.h"
#include "ui/mile_map.h"

static int compare(SDL_Surface *got, const char *golden)
{
    SDL_Surface *loaded = IMG_Load(golden);
    SDL_Surface *want = loaded ? SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGBA32, 0) : NULL;
    int rc = 0;
    if (!want) {
        fprintf(stderr, "cannot load %s (%s); run with MM_UPDATE_GOLDEN=1 to make it\n", golden,
                IMG_GetError());
        rc = 1;
    } else if (want->w != got->w || want->h != got->h) {
        fprintf(stderr, "size differs: %dx%d vs %dx%d\n", want->w, want->h, got->w, got->h);
        rc = 1;
    } else {
        long bad = 0, total = (long)got->w * got->h;
        int worst = 0;
        for (int y = 0; y < got->h; y++) {
            const Uint8 *a = (const Uint8 *)got->pixels + y * got->pitch;
            const Uint8 *b = (const Uint8 *)want->pixels + y * want->pitch;
            for (int x = 0; x < got->w * 4; x += 4) {
                int d = 0;
                for (int c = 0; c < 4; c++) {
                    int e = abs(a[x + c] - b[x + c]);
                    if (e > d) d = e;
                }
                if (d > 2) bad++;
                if (d > worst) worst = d;
            }
        }
        printf("%ld of %ld pixels differ by more than 2 (largest difference %d)\n", bad, total,
               worst);
        if (bad * 1000 > total) rc = 1;
    }
    if (want) SDL_FreeSurface(want);
    if (loaded) SDL_FreeSurface(loaded);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_mile_map DATA SELECTED GOLDEN.png OUT.png\n");
        return 2;
    }
    const char *golden = argv[3], *out = argv[4];
    if (TTF_Init() != 0 || !(IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG)) {
        fprintf(stderr, "cannot start SDL_ttf/SDL_image: %s\n", SDL_GetError());
        return 1;
    }
    char err[1024];
    static assets_t assets;
    if (!assets_load(&assets, argv[1], err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    SDL_Surface *target =
        SDL_CreateRGBSurfaceWithFormat(0, RENDER_W, RENDER_H, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = target ? SDL_CreateSoftwareRenderer(target) : NULL;
    if (!r || !assets_bind_renderer(&assets, r, err, sizeof err)) {
        fprintf(stderr, "cannot draw off screen: %s %s\n", SDL_GetError(), err);
        return 1;
    }
    static text_cache_t text;
    static render_t rd;
    text_cache_init(&text, r, &assets);
    render_init(&rd, r, &assets, &text);
    /* The film's nine places: four won (two under par), one open, the rest
     * locked; two custom levels and a best night. */
    static const char *const names[9] = {
        "La Brea Tar Pits",   "The payphone", "Johnnie's Coffee Shop",
        "Wilshire Boulevard", "Park La Brea", "Fairfax",
        "The May Company",    "The mall",     "The rooftop"};
    static const int32_t bests[9] = {501, 900, 1800, 1500, 0, 0, 0, 0, 0};
    static mile_map_view_t v;
    v.count = 9;
    for (int i = 0; i < 9; i++) {
        mile_place_t *p = &v.places[i];
        p->name = names[i];
        p->best_ticks = bests[i];
        p->time_s = 30;
        p->par_s = 14;
        p->state = bests[i] > 0 ? MILE_WON : (i == 0 || bests[i - 1] > 0) ? MILE_OPEN : MILE_LOCKED;
    }
    v.sel = atoi(argv[2]);
    v.custom_count = 2;
    v.night_best = 2166;
    v.frame = 0;
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    mile_map_draw(&rd, &text, &v);
    SDL_RenderPresent(r);
    IMG_SavePNG(target, out);
    int rc = 0;
    const char *update = getenv("MM_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        IMG_SavePNG(target, golden);
        printf("wrote %s\n", golden);
    } else {
        rc = compare(target, golden);
        printf("see %s\n", out);
    }
    render_free(&rd);
    text_cache_free(&text);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(target);
    assets_free(&assets);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc;
}
