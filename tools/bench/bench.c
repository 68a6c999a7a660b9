/* bench: the speed figures, measured the same way each run and reported as
 * medians of 7 samples:
 *   - simulation ticks per second on each level (headless, bot inputs),
 *   - time to load each level file (read + parse),
 *   - CPU time to draw one frame of each level at 1280x720 with SDL's
 *     software renderer (world + HUD, integer-scaled from 480x270);
 * and, from one more untimed run of the same inputs (the rules are
 * deterministic, so it is the run the samples time), how many entities
 * and how many vehicles are on the map: the mean over the run's ticks and
 * the most at once. */
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
#include "common/files.h"
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

static bool is_vehicle(const ent_t *e)
{
    return e->kind == KIND_CAR || e->kind == KIND_BUS;
}

typedef struct census {
    double ents, cars; /* means over the ticks */
    int32_t most_cars;
    int32_t ticks;
    game_status_t status;
} census_t;

/* Plays the inputs once, counting what is alive after every tick. */
static census_t count_run(game_t *g, const level_t *lv, const replay_t *rp)
{
    census_t c = {0, 0, 0, 0, GAME_PLAYING};
    double ents = 0, cars = 0;
    game_init(g, lv);
    for (int32_t i = 0; g->status == GAME_PLAYING; i++) {
        input_t in = {i < rp->count ? rp->inputs[i] : 0};
        game_tick(g, &in);
        int32_t n = 0, v = 0;
        for (int32_t s = 0; s < g->ent_top; s++) {
            const ent_t *e = &g->ents[s];
            if (e->kind == KIND_COUNT) continue;
            n++;
            v += is_vehicle(e);
        }
        ents += n;
        cars += v;
        if (v > c.most_cars) c.most_cars = v;
        c.ticks++;
    }
    c.status = g->status;
    if (c.ticks > 0) {
        c.ents = ents / c.ticks;
        c.cars = cars / c.ticks;
    }
    return c;
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

    printf("%-22s %12s %9s %9s %6s %10s  %s\n", "level", "ticks/s", "load ms", "draw ms", "ents",
           "cars", "bot");
    static game_t g;
    for (int li = 2; li < argc; li++) {
        level_t *lv = load(argv[li]);
        if (!lv) {
            fprintf(stderr, "bench: cannot load %s\n", argv[li]);
            return 1;
        }
        replay_t *rp = replay_create(level_hash(lv));
        solver_play(lv, true, rp);
        census_t census = count_run(&g, lv, rp);

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
        char cars[32];
        snprintf(cars, sizeof cars, "%.1f/%d", census.cars, (int)census.most_cars);
        printf("%-22s %12.0f %9.3f %9.3f %6.0f %10s  %s in %d ticks\n", files_basename(argv[li]),
               median(tps), median(load_ms), median(draw_ms), census.ents, cars,
               census.status == GAME_WON ? "won" : "lost", (int)census.ticks);
        fflush(stdout);
        replay_destroy(rp);
        level_free(lv);
    }
    printf(
        "(medians of %d samples; targets: >= 200000 ticks/s, load < 2 ms, draw < 4 ms;\n"
        " ents: entities alive, mean over the bot's run; cars: vehicles on the map, mean/most)\n",
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
