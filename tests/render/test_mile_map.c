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
#include "golden.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_mile_map DATA SELECTED GOLDEN.png OUT.png\n");
        return 2;
    }
    const char *golden = argv[3], *out = argv[4];
    static assets_t assets;
    SDL_Surface *target;
    static text_cache_t text;
    SDL_Renderer *r = golden_open(&assets, argv[1], &target, &text);
    if (!r) return 1;
    static render_t rd;
    render_init(&rd, r, &assets, &text);
    /* The film's nine places: four won (two under par), one open, the rest
     * locked; two custom levels and a best night. */
    static const char *const names[9] = {
        "La Brea Tar Pits",   "The payphone", "Johnnie's Coffee Shop",
        "Wilshire Boulevard", "Park La Brea", "Fairfax",
        "The May Company",    "The mall",     "The rooftop"};
    static const int32_t bests[9] = {470, 800, 1100, 1400, 0, 0, 0, 0, 0};
    static mile_map_view_t v;
    v.count = 9;
    for (int i = 0; i < 9; i++) {
        mile_place_t *p = &v.places[i];
        p->name = names[i];
        p->best_ticks = bests[i];
        p->time_s = 30;
        p->par_s = 14;
        p->state = bests[i] > 0 ? MILE_WON : (i == 0 || bests[i - 1] > 0) ? MILE_OPEN : MILE_LOCKED;
        /* Medals: gold at the par, silver and bronze by default; the
         * expert at 480 ticks. The first is the expert's, then gold,
         * silver, bronze, then none yet. */
        medal_times_of(p->time_s, p->par_s, NULL, 480, &p->medals);
        p->medal = medal_of(&p->medals, p->best_ticks);
    }
    v.sel = atoi(argv[2]);
    v.custom_count = 2;
    v.night_best = 2166;
    v.frame = 0;
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    mile_map_draw(&rd, &text, &v);
    SDL_RenderPresent(r);
    int rc = golden_check(target, golden, out);
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
