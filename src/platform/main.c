/* Command line: the game, one level file, recording and headless replays. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "game/game.h"
#include "level/level.h"
#include "game/playback.h"
#include "game/replay.h"
#include "platform/app.h"
#include "level/level_file.h"
#include "common/files.h"
#include "platform/render.h"
#ifdef __EMSCRIPTEN__
#include "platform/web.h"
#endif

#define EXIT_USAGE 2

static void usage(FILE *out)
{
    fprintf(out, "Usage: miraclemile [OPTIONS] [LEVELFILE]\n"
                 "\n"
                 "Miracle Mile: cross Los Angeles and reach Julie before the missiles land.\n"
                 "With no LEVELFILE the game opens on its title screen and campaign.\n"
                 "\n"
                 "Options:\n"
                 "  --record OUT        write the inputs of each run of LEVELFILE to OUT\n"
                 "  --headless          run with no window and no sound (with --replay or\n"
                 "                      --screenshot)\n"
                 "  --replay IN         play the inputs recorded in IN on LEVELFILE and print\n"
                 "                      'result: won|lost ticks=N time_left_ms=M'\n"
                 "                      (exit 0 won, 1 lost, 2 usage or file error)\n"
                 "  --screenshot OUT    with --headless: draw LEVELFILE to the PNG file OUT\n"
                 "                      (after --replay's inputs, up to --tick N)\n"
                 "  --tick N            the tick to draw with --screenshot (default: 0, or the\n"
                 "                      end of the replay)\n"
                 "  --scale N           scale the screenshot N times (1 to 8)\n"
                 "  --data DIR          the game's data folder (default: beside the program)\n"
                 "  --fullscreen        start in fullscreen\n"
                 "  --quit-after N      quit after N frames (for tests)\n"
                 "  --help              show this help and exit\n"
                 "  --version           show the version and exit\n"
                 "\n"
                 "Keys: arrows or WASD move, Shift sprints, E uses (a payphone, a car), Enter or\n"
                 "Space confirms (and uses), Esc pauses,\n"
                 "R restarts, F11 or Alt+Enter toggles fullscreen (the defaults: Options >\n"
                 "Controls changes them).\n");
}

static level_t *load_level_file(const char *path)
{
    level_diags_t *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    level_t *lv = level_file_load(path, d);
    level_file_print_diags(stderr, path, d);
    free(d);
    return lv;
}

typedef struct headless_options {
    const char *replay;     /* may be NULL for a screenshot */
    const char *screenshot; /* PNG to write, or NULL */
    const char *data_dir;
    long tick; /* -1: to the end */
    int scale; /* whole-number scale of the screenshot */
} headless_options_t;

static replay_t *load_replay(const char *path)
{
    char err[512];
    size_t len = 0;
    char *buf = files_read(path, 16 << 20, &len, err, sizeof err);
    if (!buf) {
        fprintf(stderr, "miraclemile: %s\n", err);
        return NULL;
    }
    replay_t *r = replay_parse(buf, len, err, sizeof err);
    free(buf);
    if (!r) {
        fprintf(stderr, "%s:%s\n", path, err);
        return NULL;
    }
    return r;
}

static int write_screenshot(const headless_options_t *o, const game_t *g,
                            const render_effects_t *fx)
{
    char dir[1024], err[2048];
    if (!assets_find_data_dir(o->data_dir, dir, sizeof dir, err, sizeof err)) {
        fprintf(stderr, "miraclemile: %s\n", err);
        return EXIT_USAGE;
    }
    if (TTF_Init() != 0 || !(IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG)) {
        fprintf(stderr, "miraclemile: cannot start the image and font libraries: %s\n",
                SDL_GetError());
        return EXIT_USAGE;
    }
    static assets_t assets;
    int rc = EXIT_USAGE;
    if (!assets_load(&assets, dir, err, sizeof err)) {
        fprintf(stderr, "miraclemile: %s\n", err);
    } else {
        SDL_Surface *s = render_to_surface_fx(&assets, g, g->tick, fx, err, sizeof err);
        if (s && o->scale > 1) {
            /* Whole-number nearest-neighbour scaling keeps the pixels crisp. */
            SDL_Surface *big = SDL_CreateRGBSurfaceWithFormat(0, s->w * o->scale, s->h * o->scale,
                                                              32, s->format->format);
            if (big) {
                SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE);
                SDL_BlitScaled(s, NULL, big, NULL);
                SDL_FreeSurface(s);
                s = big;
            }
        }
        if (!s) {
            fprintf(stderr, "miraclemile: %s\n", err);
        } else if (IMG_SavePNG(s, o->screenshot) != 0) {
            fprintf(stderr, "miraclemile: cannot write %s: %s\n", o->screenshot, IMG_GetError());
        } else {
            printf("wrote %s (tick %u)\n", o->screenshot, (unsigned)g->tick);
            rc = 0;
        }
        if (s) SDL_FreeSurface(s);
        assets_free(&assets);
    }
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc;
}

static int run_headless(const headless_options_t *o, const char *level_path)
{
    level_t *lv = load_level_file(level_path);
    if (!lv) return EXIT_USAGE;
    replay_t *r = o->replay ? load_replay(o->replay) : NULL;
    game_t *g = malloc(sizeof *g);
    if ((o->replay && !r) || !g) {
        free(g);
        level_free(lv);
        return EXIT_USAGE;
    }
    game_init(g, lv);
    int rc;
    if (o->screenshot) {
        long end = o->tick >= 0 ? o->tick : (r ? r->count : 0);
        static render_effects_t fx; /* each tick counts as a displayed frame */
        int32_t change = 0;
        for (long i = 0; i < end && g->status == GAME_PLAYING; i++) {
            if (r) playback_assists(r, g, (int32_t)i, &change);
            input_t in = {r && i < r->count ? r->inputs[i] : 0};
            game_tick(g, &in);
            render_effects_events(&fx, g, g->tick);
        }
        rc = write_screenshot(o, g, &fx);
    } else {
        char err[512];
        playback_status_t ps = playback_run(r, lv, g, err, sizeof err);
        if (ps != PLAYBACK_OK) {
            fprintf(stderr, "miraclemile: the replay %s cannot be played on %s: %s\n", o->replay,
                    level_path, err);
            free(g);
            replay_destroy(r);
            level_free(lv);
            return EXIT_USAGE;
        }
        int won = g->status == GAME_WON;
        const char *result = won ? "won" : g->status == GAME_LOST ? "lost" : "unfinished";
        printf("result: %s ticks=%d time_left_ms=%d", result, (int)g->tick,
               (int)game_time_left_ms(g));
        /* Only an assisted run says more: the other lines stay as they were. */
        if (g->assisted) printf(" assisted over_ms=%d", (int)game_ticks_to_ms(g->overrun));
        printf("\n");
        rc = won ? 0 : 1;
    }
    free(g);
    replay_destroy(r);
    level_free(lv);
    return rc;
}

int main(int argc, char *argv[])
{
    app_options_t opt;
    memset(&opt, 0, sizeof opt);
    bool headless = false;
    headless_options_t ho = {NULL, NULL, NULL, -1, 1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_next = i + 1 < argc;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("miraclemile %s\n", MM_VERSION);
            return 0;
        } else if (strcmp(a, "--headless") == 0) {
            headless = true;
        } else if (strcmp(a, "--fullscreen") == 0) {
            opt.fullscreen = true;
        } else if ((strcmp(a, "--record") == 0 || strcmp(a, "--replay") == 0 ||
                    strcmp(a, "--data") == 0 || strcmp(a, "--quit-after") == 0 ||
                    strcmp(a, "--screenshot") == 0 || strcmp(a, "--tick") == 0 ||
                    strcmp(a, "--scale") == 0)) {
            if (!has_next) {
                fprintf(stderr, "miraclemile: %s needs a value\nTry 'miraclemile --help'.\n", a);
                return EXIT_USAGE;
            }
            const char *v = argv[++i];
            if (strcmp(a, "--record") == 0) opt.record_path = v;
            if (strcmp(a, "--replay") == 0) ho.replay = v;
            if (strcmp(a, "--screenshot") == 0) ho.screenshot = v;
            if (strcmp(a, "--data") == 0) opt.data_dir = ho.data_dir = v;
            if (strcmp(a, "--tick") == 0) {
                char *end = NULL;
                long n = strtol(v, &end, 10);
                if (!end || *end || n < 0 || n > 100000000) {
                    fprintf(stderr, "miraclemile: --tick takes a tick number (60 a second)\n");
                    return EXIT_USAGE;
                }
                ho.tick = n;
            }
            if (strcmp(a, "--scale") == 0) {
                char *end = NULL;
                long n = strtol(v, &end, 10);
                if (!end || *end || n < 1 || n > 8) {
                    fprintf(stderr, "miraclemile: --scale takes a whole number from 1 to 8\n");
                    return EXIT_USAGE;
                }
                ho.scale = (int)n;
            }
            if (strcmp(a, "--quit-after") == 0) {
                char *end = NULL;
                long n = strtol(v, &end, 10);
                if (!end || *end || n <= 0 || n > 100000000) {
                    fprintf(stderr, "miraclemile: --quit-after takes a number of frames\n");
                    return EXIT_USAGE;
                }
                opt.quit_after_frames = (int)n;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "miraclemile: unknown option '%s'\nTry 'miraclemile --help'.\n", a);
            return EXIT_USAGE;
        } else if (!opt.level_file) {
            opt.level_file = a;
        } else {
            fprintf(stderr, "miraclemile: more than one level file given ('%s')\n", a);
            return EXIT_USAGE;
        }
    }
    if (headless || ho.replay || ho.screenshot) {
        if (!headless || !(ho.replay || ho.screenshot) || !opt.level_file) {
            fprintf(stderr, "miraclemile: headless runs are:\n"
                            "  miraclemile --headless --replay IN LEVELFILE\n"
                            "  miraclemile --headless --screenshot OUT.png [--replay IN] "
                            "[--tick N] [--scale N] LEVELFILE\n");
            return EXIT_USAGE;
        }
        return run_headless(&ho, opt.level_file);
    }
    if (opt.record_path && !opt.level_file) {
        fprintf(stderr, "miraclemile: --record needs a LEVELFILE to play\n");
        return EXIT_USAGE;
    }

#if defined(__unix__) && !defined(__APPLE__) && !defined(__EMSCRIPTEN__) && !defined(__ANDROID__)
    /* With no X11 or Wayland display SDL falls back to an invisible
     * off-screen window and the game would run unseen; a driver the player
     * names (SDL_VIDEODRIVER=kmsdrm on a console, say) is theirs to choose. */
    const char *x11 = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    const char *drv = getenv("SDL_VIDEODRIVER");
    if ((!x11 || !*x11) && (!wl || !*wl) && (!drv || !*drv)) {
        fprintf(stderr, "miraclemile: no display found (neither DISPLAY nor WAYLAND_DISPLAY is "
                        "set); start it from a desktop session, use --headless for replays "
                        "and screenshots, or name a video driver in SDL_VIDEODRIVER\n");
        return EXIT_USAGE;
    }
#endif
    app_t *app = malloc(sizeof *app);
    if (!app) return 1;
#ifdef __EMSCRIPTEN__
    /* The browser's frames drive the game from here; the app lives on. */
    return web_run(app, &opt);
#else
    int rc = app_init(app, &opt);
    if (rc == 0) {
        while (app_frame(app)) {
        }
    }
    app_shutdown(app);
    free(app);
    return rc;
#endif
}
