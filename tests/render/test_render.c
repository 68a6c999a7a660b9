/* Rendered-frame test: plays a replay to a known tick, draws the frame with
 * SDL's software renderer into a surface, and compares it with a stored PNG.
 * Tolerance: a pixel matches when every channel is within 2; at most 0.1% of
 * pixels may fail that (room for font rasteriser differences), none by more
 * than the frame allows. MM_UPDATE_GOLDEN=1 rewrites the stored PNG. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "game/game.h"
#include "game/playback.h"
#include "game/replay.h"
#include "platform/assets.h"
#include "common/files.h"
#include "platform/render.h"
#include "golden.h"

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: test_render DATA LEVEL REPLAY TICKS GOLDEN.png OUT.png\n");
        return 2;
    }
    const char *data = argv[1], *golden = argv[5], *out = argv[6];
    int ticks = atoi(argv[4]);
    level_t *lv = golden_load_level(argv[2]);
    replay_t *rp = golden_load_replay(argv[3]);
    if (!lv || !rp) return 1;
    char err[1024];
    static assets_t assets;
    if (!golden_start(&assets, data)) return 1;
    static game_t g;
    static render_effects_t fx; /* the effects the events leave, a tick a frame */
    game_init(&g, lv);
    int32_t change = 0;
    for (int i = 0; i < ticks && g.status == GAME_PLAYING; i++) {
        playback_assists(rp, &g, i, &change); /* an assisted replay's assists */
        input_t in = {i < rp->count ? rp->inputs[i] : 0};
        game_tick(&g, &in);
        render_effects_events(&fx, &g, g.tick);
    }
    SDL_Surface *target = render_to_surface_fx(&assets, &g, (uint32_t)ticks, &fx, err, sizeof err);
    if (!target) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    int rc = golden_check(target, golden, out);
    assets_free(&assets);
    SDL_FreeSurface(target);
    replay_destroy(rp);
    level_free(lv);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc;
}
