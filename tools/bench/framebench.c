/* framebench: what a displayed frame costs, screen by screen, through the
 * game's own frame (app_frame: input, the rules, the drawing and the
 * present, exactly as the window runs it), in a 960x540 window with SDL's
 * software renderer (no GPU, as on a laptop without GL or in a virtual
 * machine). For each screen it runs FRAMES frames RUNS times and reports the
 * median of the runs' CPU milliseconds per frame (the process's CPU time,
 * so the audio thread's mixing counts too), and the peak memory after a
 * level has started.
 *
 *   framebench DATA_DIR REPLAY [FRAMES [RUNS]]   (default 120 frames, 3 runs)
 *
 * REPLAY is level 1's shipped replay (tests/replays/01-tar-pits.replay).
 *
 * Screens: the title, the level select, each campaign level in play (Harry
 * standing: the world, the clock and the light still move), pause, options,
 * and the results of level 1 (reached by playing its shipped replay's
 * inputs). The saves go to a folder of its own, never the player's.
 *
 * First, the first frame: the time from the start (before app_init) and
 * from the window's appearing (its SDL_WINDOWEVENT_SHOWN) to the end of
 * the first app_frame, in wall time (less the frame cap's sleep, which
 * only pads a frame out to 16 ms) and in the process's CPU time. */
#define _POSIX_C_SOURCE 200809L
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "common/files.h"
#include "game/replay.h"
#include "platform/app.h"

#define MAX_SAMPLES 64

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static double wall_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

/* When the window appeared, by the clock and the CPU. */
static double shown_wall, shown_cpu;
static int SDLCALL watch_shown(void *udata, SDL_Event *e)
{
    (void)udata;
    if (e->type == SDL_WINDOWEVENT && e->window.event == SDL_WINDOWEVENT_SHOWN && shown_wall == 0) {
        shown_wall = wall_ms();
        shown_cpu = cpu_ms();
    }
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void press(SDL_Keycode key)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    e.key.state = SDL_PRESSED;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

/* Frames until the screen is s (pressing key now and then), or false. */
static bool reach(app_t *app, screen_t s, SDL_Keycode key)
{
    for (int i = 0; i < 600 && app->screen != s; i++) {
        if (key && i % 20 == 0) press(key);
        app_frame(app);
    }
    return app->screen == s;
}

/* The median CPU time per frame of `runs` runs of `frames` frames. */
static double measure(app_t *app, int frames, int runs)
{
    double per[MAX_SAMPLES];
    for (int r = 0; r < runs; r++) {
        double t0 = cpu_ms();
        for (int f = 0; f < frames; f++) app_frame(app);
        per[r] = (cpu_ms() - t0) / frames;
    }
    qsort(per, (size_t)runs, sizeof per[0], cmp_double);
    return per[runs / 2];
}

static void row(const char *what, double ms)
{
    printf("%-34s %7.2f ms/frame  %5.1f%% of a core at 60 fps\n", what, ms, ms * 6.0);
    fflush(stdout);
}

/* Plays level 1's shipped replay on the app's own game, then shows its
 * results as the app does after a win. */
static bool to_results(app_t *app, const char *replay_path)
{
    char err[256];
    size_t len = 0;
    char *text = files_read(replay_path, 1 << 24, &len, err, sizeof err);
    replay_t *r = text ? replay_parse(text, len, err, sizeof err) : NULL;
    free(text);
    if (!r) return false;
    game_init(&app->game, app->level);
    for (int32_t i = 0; i < r->count && app->game.status == GAME_PLAYING; i++) {
        input_t in = {r->inputs[i]};
        game_tick(&app->game, &in);
    }
    replay_destroy(r);
    if (app->game.status != GAME_WON) return false;
    app->screen = SCREEN_RESULTS;
    app->screen_frame = 0;
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: framebench DATA_DIR REPLAY [FRAMES [RUNS]]\n");
        return 2;
    }
    int frames = argc > 3 ? atoi(argv[3]) : 120, runs = argc > 4 ? atoi(argv[4]) : 3;
    if (frames < 1) frames = 120;
    if (runs < 1 || runs > MAX_SAMPLES) runs = 3;
    /* A folder of its own for the saves and settings. */
    char home[] = "/tmp/mm-framebench-XXXXXX";
    if (!mkdtemp(home)) {
        perror("framebench: mkdtemp");
        return 2;
    }
    setenv("XDG_DATA_HOME", home, 1);
    /* SDL's software renderer into a window of its own, shown nowhere. */
    if (!getenv("SDL_VIDEODRIVER")) setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (!getenv("SDL_AUDIODRIVER")) setenv("SDL_AUDIODRIVER", "dummy", 1);
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_VSYNC, "0");

    static app_t app;
    app_options_t opt = {0};
    opt.data_dir = argv[1];
    SDL_AddEventWatch(watch_shown, NULL);
    double start_wall = wall_ms(), start_cpu = cpu_ms();
    if (app_init(&app, &opt) != 0) {
        fprintf(stderr, "framebench: the game did not start\n");
        return 1;
    }
    /* The first frame. app_frame pads a frame to 16 ms with a sleep; what
     * the frame itself took is its CPU time (the main thread's work). */
    double before_wall = wall_ms(), before_cpu = cpu_ms();
    app_frame(&app);
    double frame_cpu = cpu_ms() - before_cpu;
    double frame_wall = wall_ms() - before_wall;
    double first = before_wall - shown_wall + (frame_cpu < frame_wall ? frame_cpu : frame_wall);
    SDL_DelEventWatch(watch_shown, NULL);
    int w = 0, h = 0;
    SDL_GetWindowSize(app.window, &w, &h);
    SDL_RendererInfo info;
    SDL_GetRendererInfo(app.renderer, &info);
    Uint32 tf = 0;
    SDL_QueryTexture(app.target, &tf, NULL, NULL, NULL);
    printf("framebench: %dx%d window (%s), picture %s, renderer %s, video %s; median of %d runs "
           "of %d frames\n",
           w, h, SDL_GetPixelFormatName(SDL_GetWindowPixelFormat(app.window)),
           SDL_GetPixelFormatName(tf), info.name, SDL_GetCurrentVideoDriver(), runs, frames);
    if (shown_wall > 0)
        printf("first frame: %.1f ms after the window appeared (%.1f ms after the start; CPU "
               "%.1f ms from the start, %.1f ms from the window)\n",
               first, before_wall - start_wall + first - (before_wall - shown_wall),
               before_cpu - start_cpu + frame_cpu, before_cpu - shown_cpu + frame_cpu);
    /* Every level open, in memory only. */
    for (int i = 0; i < app.campaign_count; i++) save_record(&app.save, app.campaign[i].id, 60);

    for (int i = 0; i < 30; i++) app_frame(&app);
    row("title", measure(&app, frames, runs));
    if (!reach(&app, SCREEN_SELECT, SDLK_RETURN)) {
        fprintf(stderr, "framebench: the level select did not open\n");
        return 1;
    }
    row("level select", measure(&app, frames, runs));
    long peak_kb = 0;
    for (int i = 0; i < app.campaign_count; i++) {
        app.ui.menu_sel = i;
        if (!reach(&app, SCREEN_PLAY, SDLK_RETURN)) {
            fprintf(stderr, "framebench: level %d did not start\n", i + 1);
            return 1;
        }
        for (int f = 0; f < 30; f++) app_frame(&app);
        if (i == 0) {
            struct rusage ru;
            getrusage(RUSAGE_SELF, &ru);
            peak_kb = ru.ru_maxrss;
        }
        char what[96];
        snprintf(what, sizeof what, "play: %.60s", app.campaign[i].id);
        row(what, measure(&app, frames, runs));
        if (i == 0) {
            press(SDLK_ESCAPE);
            if (reach(&app, SCREEN_PAUSE, 0)) row("pause", measure(&app, frames, runs));
            app.ui.pause_sel = 3; /* Options */
            press(SDLK_RETURN);
            if (reach(&app, SCREEN_OPTIONS, 0)) row("options", measure(&app, frames, runs));
            press(SDLK_ESCAPE);
            reach(&app, SCREEN_PAUSE, 0);
            press(SDLK_ESCAPE);
            reach(&app, SCREEN_PLAY, 0);
            if (to_results(&app, argv[2]))
                row("results (level 1 won)", measure(&app, frames, runs));
        }
        /* Back to the select for the next level. */
        if (app.screen == SCREEN_PLAY) {
            press(SDLK_ESCAPE);
            reach(&app, SCREEN_PAUSE, 0);
        }
        for (int k = 0; k < 8 && app.screen != SCREEN_SELECT; k++) {
            if (app.screen == SCREEN_PAUSE) {
                app.ui.pause_sel = 5; /* quit to the menu */
                press(SDLK_RETURN);
            } else {
                press(SDLK_ESCAPE);
            }
            for (int f = 0; f < 5; f++) app_frame(&app);
        }
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak memory after starting level 1: %.1f MB (at the end: %.1f MB)\n",
           (double)peak_kb / 1024.0, (double)ru.ru_maxrss / 1024.0);
    app_shutdown(&app);
    return 0;
}
