/* Rendered-frame test of the story screens (src/ui/story.c): a card, an
 * ending or the credits drawn at a fixed frame with SDL's software renderer
 * and compared with a stored PNG, with the tolerance of test_render.c (a
 * pixel matches when every channel is within 2; at most 0.1% may not).
 * MM_UPDATE_GOLDEN=1 rewrites the stored PNG.
 *
 *   test_story DATA card FRAME GOLDEN.png OUT.png LEVEL
 *   test_story DATA together|flash|credits FRAME GOLDEN.png OUT.png */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "common/files.h"
#include "game/game.h"
#include "platform/assets.h"
#include "platform/render.h"
#include "golden.h"
#include "ui/story.h"

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr,
                "usage: test_story DATA card|together|flash|flash-soft|credits FRAME GOLDEN.png "
                "OUT.png [LEVEL]\n");
        return 2;
    }
    const char *data = argv[1], *what = argv[2], *golden = argv[4], *out = argv[5];
    uint32_t t = (uint32_t)strtoul(argv[3], NULL, 10);
    bool card = strcmp(what, "card") == 0;
    /* flash-soft: the flash ending with the no-flash setting on. */
    bool soft = strcmp(what, "flash-soft") == 0;
    if (!card && !soft && strcmp(what, "together") && strcmp(what, "flash") &&
        strcmp(what, "credits")) {
        fprintf(stderr, "test_story: unknown screen '%s'\n", what);
        return 2;
    }
    level_t *lv = NULL;
    static game_t g;
    if (card) {
        if (argc < 7 || !(lv = golden_load_level(argv[6]))) {
            fprintf(stderr, "test_story: the card needs a level that loads\n");
            return 1;
        }
        game_init(&g, lv);
    }
    static assets_t assets;
    SDL_Surface *target;
    static text_cache_t text;
    SDL_Renderer *r = golden_open(&assets, data, &target, &text);
    if (!r) return 1;
    static render_t rd;
    render_init(&rd, r, &assets, &text);
    rd.no_flash = soft;
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    if (card) {
        story_card_t c = {lv->hour, lv->place, lv->name, lv->story, 1};
        story_draw_card(&rd, &g, &c, t, t);
    } else if (strcmp(what, "credits") == 0) {
        story_draw_credits(&rd, t);
    } else {
        story_draw_ending(&rd, strcmp(what, "together") ? STORY_FLASH : STORY_TOGETHER, t);
    }
    SDL_RenderPresent(r);
    if (soft) {
        /* Where the flash is full white (720 to 760), with no-flash it must
         * not be. */
        SDL_LockSurface(target);
        const uint8_t *px = target->pixels;
        long sum = 0;
        for (int y = 0; y < RENDER_H; y++)
            for (int x = 0; x < RENDER_W; x++) {
                const uint8_t *p = px + y * target->pitch + x * 4;
                sum += (p[0] + p[1] + p[2]) / 3;
            }
        SDL_UnlockSurface(target);
        long mean = sum / (RENDER_W * RENDER_H);
        printf("flash-soft at %u: mean brightness %ld of 255\n", (unsigned)t, mean);
        if (t >= 720 && t < 760 && mean > 200) {
            fprintf(stderr, "test_story: with no-flash the screen is still white (%ld)\n", mean);
            return 1;
        }
    }
    int rc = golden_check(target, golden, out);
    render_free(&rd);
    text_cache_free(&text);
    assets_free(&assets);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(target);
    level_free(lv);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc;
}
