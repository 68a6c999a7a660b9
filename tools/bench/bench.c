/* bench: the speed figures, measured the same way each run and reported as
 * medians of 7 samples:
 *   - simulation ticks per second on each level (headless, bot inputs),
 *   - time to load each level file (read + parse),
 *   - CPU time to draw one frame of each level at 1280x720 with SDL's
 *     software renderer (world + HUD, integer-scaled from 480x270). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "game/game.h"
#include "game/replay.h"
#include "game/solver.h"
#include "platform/assets.h"
#include "platform/files.h"
#include "platform/render.h"

#define SAMPLES 7

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v)
{
    qsort(v, SAMPLES, sizeof *v, cmp_double);
    return v[SAMPLES / 2];
}

static level_t *load(const char *path)
{
    char err[512];
    size_t len;
    char *buf = files_read(path, 1 << 20, &len, err, sizeof err);
    if (!buf) return NULL;
    level_t *lv = level_parse(buf, len, NULL);
    free(buf);
    return lv;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench DATA_DIR LEVELFILE...\n");
        return 2;
    }
    if (TTF_Init() != 0 || !(IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG)) return 1;
    static assets_t assets;
    char err[1024];
    if (!assets_load(&assets, argv[1], err, sizeof err)) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    SDL_Surface *target =
        SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(target);
    if (!r || !assets_bind_renderer(&assets, r, err, sizeof err)) return 1;
    SDL_Texture *logical = render_create_target(r);
    if (!logical) return 1;
    static text_cache_t text;
    static render_t rd;
    text_cache_init(&text, r, &assets);
    render_init(&rd, r, &assets, &text);

    printf("%-22s %14s %12s %12s\n", "level", "ticks/s", "load ms", "draw ms");
    static game_t g;
    for (int li = 2; li < argc; li++) {
        level_t *lv = load(argv[li]);
        if (!lv) {
            fprintf(stderr, "bench: cannot load %s\n", argv[li]);
            return 1;
        }
        replay_t *rp = replay_create(level_hash(lv));
        solver_play(lv, true, rp);

        double tps[SAMPLES], load_ms[SAMPLES], draw_ms[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            /* 200,000 ticks: the bot's run over and over, people moving too. */
            const int total = 200000;
            double t0 = now_s();
            int done = 0;
            while (done < total) {
                game_init(&g, lv);
                for (int i = 0; g.status == GAME_PLAYING && done < total; i++, done++) {
                    input_t in = {i < rp->count ? rp->inputs[i] : 0};
                    game_tick(&g, &in);
                }
            }
            tps[s] = total / (now_s() - t0);

            const int loads = 50;
            t0 = now_s();
            for (int i = 0; i < loads; i++) level_free(load(argv[li]));
            load_ms[s] = (now_s() - t0) * 1000.0 / loads;

            const int frames = 60;
            game_init(&g, lv);
            for (int i = 0; i < rp->count / 2; i++) {
                input_t in = {rp->inputs[i]};
                game_tick(&g, &in);
            }
            t0 = now_s();
            for (int i = 0; i < frames; i++) {
                SDL_SetRenderTarget(r, logical);
                render_world(&rd, &g, (uint32_t)i);
                render_hud(&rd, &g);
                render_present_scaled(r, logical);
                SDL_RenderPresent(r);
            }
            draw_ms[s] = (now_s() - t0) * 1000.0 / frames;
        }
        printf("%-22s %14.0f %12.3f %12.3f\n", files_basename(argv[li]), median(tps),
               median(load_ms), median(draw_ms));
        replay_destroy(rp);
        level_free(lv);
    }
    printf("(medians of %d samples; targets: >= 200000 ticks/s, load < 2 ms, draw < 4 ms)\n",
           SAMPLES);
    render_free(&rd);
    text_cache_free(&text);
    assets_free(&assets);
    SDL_DestroyTexture(logical);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(target);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return 0;
}
