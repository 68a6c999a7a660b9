/* The drawing's caches against a full redraw: plays a replay and, tick by
 * tick, draws the game with one renderer whose caches follow it (and lays
 * the light on with its own loop) and with one that draws everything every
 * frame with SDL's blits (render_cache_t.off), into the same kind of
 * picture, and compares every pixel of every EVERY-th tick from FROM
 * to TO: they must be equal. EXPECT names what must have happened in the
 * compared stretch, so the test cannot pass by not trying: "moves" (the
 * camera crossed tiles), "anim" (animated cells drawn again), "door" (a door
 * opened), "tiles" (the rules changed a tile), "flicker" (flickering lights
 * drawn over the steady ones), comma-separated.
 *
 *   test_cache DATA LEVEL REPLAY FROM TO EVERY EXPECT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "common/files.h"
#include "game/game.h"
#include "game/replay.h"
#include "platform/assets.h"
#include "platform/render.h"
#include "golden.h"

/* Into a target texture, as the window's picture is drawn (the light is
 * then laid on by the renderer's own loop), and read back into px. */
static void draw(render_t *rd, SDL_Texture *picture, const game_t *g, uint32_t frame, Uint32 *px)
{
    SDL_SetRenderTarget(rd->r, picture);
    SDL_SetRenderDrawColor(rd->r, 0, 0, 0, 255);
    SDL_RenderClear(rd->r);
    render_world(rd, g, frame);
    render_hud(rd, g);
    SDL_RenderReadPixels(rd->r, NULL, SDL_PIXELFORMAT_RGBA32, px, RENDER_W * 4);
    SDL_SetRenderTarget(rd->r, NULL);
}

int main(int argc, char **argv)
{
    if (argc != 8) {
        fprintf(stderr, "usage: test_cache DATA LEVEL REPLAY FROM TO EVERY EXPECT\n");
        return 2;
    }
    int from = atoi(argv[4]), to = atoi(argv[5]), every = atoi(argv[6]);
    const char *expect = argv[7];
    if (every < 1) every = 1;
    level_t *lv = golden_load_level(argv[2]);
    replay_t *rp = golden_load_replay(argv[3]);
    if (!lv || !rp) return 1;
    static assets_t assets;
    SDL_Surface *target;
    static text_cache_t text;
    SDL_Renderer *r = golden_open(&assets, argv[1], &target, &text);
    if (!r) return 1;
    static render_t cached, full;
    render_init(&cached, r, &assets, &text);
    render_init(&full, r, &assets, &text);
    full.cache.off = true;
    if (!cached.cache.tiles) {
        fprintf(stderr, "the caches could not be made: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Texture *picture =
        SDL_CreateTexture(r, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_TARGET, RENDER_W, RENDER_H);
    size_t bytes = (size_t)RENDER_W * RENDER_H * 4;
    Uint32 *want = malloc(bytes), *got = malloc(bytes);
    if (!picture || !want || !got) {
        fprintf(stderr, "cannot draw off screen: %s\n", SDL_GetError());
        return 1;
    }
    static game_t g;
    game_init(&g, lv);
    int doors = 0, compared = 0, rc = 0;
    for (int t = 0; t <= to && g.status == GAME_PLAYING; t++) {
        if (t > 0) {
            input_t in = {t - 1 < rp->count ? rp->inputs[t - 1] : 0};
            game_tick(&g, &in);
            /* Effects are stamped with the frame last drawn: the same for both. */
            full.fx.now = cached.fx.now;
            render_game_events(&cached, &g);
            render_game_events(&full, &g);
            for (int32_t i = 0; i < g.event_count; i++)
                if (g.events[i].type == EV_DOOR_OPENS && t >= from) {
                    if (doors++ == 0) printf("tick %d: a door opens\n", t);
                }
        }
        if (t < from) continue;
        /* The cached renderer draws every frame, as the window does. */
        if ((t - from) % every == 0) draw(&full, picture, &g, (uint32_t)t, want);
        uint32_t rebuilds = cached.cache.n_rebuilds;
        draw(&cached, picture, &g, (uint32_t)t, got);
        if (rebuilds == 0 && cached.cache.n_rebuilds)
            printf("tick %d: the rules changed a tile\n", t);
        if ((t - from) % every != 0) continue;
        compared++;
        long bad = 0;
        for (size_t i = 0; i < (size_t)RENDER_W * RENDER_H; i++) bad += want[i] != got[i];
        if (bad) {
            fprintf(stderr, "tick %d: %ld pixels differ between the cached and the full frame\n", t,
                    bad);
            memcpy(target->pixels, got, bytes);
            IMG_SavePNG(target, "cache-cached.png");
            memcpy(target->pixels, want, bytes);
            IMG_SavePNG(target, "cache-full.png");
            rc = 1;
            break;
        }
    }
    const render_cache_t *c = &cached.cache;
    printf("%d frames compared; camera moves %u, animated cells drawn %u, doors opened %d, "
           "redraws for changed tiles %u, flickering lights drawn %u, light laid on by the "
           "renderer's loop %u\n",
           compared, (unsigned)c->n_moves, (unsigned)c->n_cells, doors, (unsigned)c->n_rebuilds,
           (unsigned)c->n_flickers, (unsigned)c->n_composed);
    if (c->n_composed == 0) {
        fprintf(stderr, "the light was never laid on by the renderer's own loop\n");
        rc = 1;
    }
    struct {
        const char *name;
        long n;
    } need[] = {{"moves", (long)c->n_moves},
                {"anim", (long)c->n_cells},
                {"door", doors},
                {"tiles", (long)c->n_rebuilds},
                {"flicker", (long)c->n_flickers}};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        if (strstr(expect, need[i].name) && need[i].n == 0) {
            fprintf(stderr, "expected %s, but none happened\n", need[i].name);
            rc = 1;
        }
    if (compared == 0) rc = 1;
    free(want);
    free(got);
    SDL_DestroyTexture(picture);
    render_free(&cached);
    render_free(&full);
    text_cache_free(&text);
    assets_free(&assets);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(target);
    replay_destroy(rp);
    level_free(lv);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc;
}
