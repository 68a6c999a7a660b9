/* framebench: what a displayed frame costs, screen by screen, through the
 * game's own frame (app_frame: input, the rules, the drawing and the
 * present, exactly as the window runs it), in a 960x540 window with SDL's
 * software renderer (no GPU, as on a laptop without GL or in a virtual
 * machine). For each screen it runs FRAMES frames RUNS times and reports the
 * median of the runs' CPU milliseconds per frame (the process's CPU time,
 * so the audio thread's mixing counts too), and the peak memory after a
 * level has started.
 *
 *   framebench DATA_DIR REPLAY [FRAMES [RUNS [ONLY]]]   (default 120 frames, 3 runs)
 *
 * REPLAY is level 1's shipped replay (tests/replays/01-tar-pits.replay).
 * ONLY, if given, measures only the screens whose names contain it (the
 * rest are passed through), for a profiler.
 *
 * Screens: the title, the level select, each campaign level in play (Harry
 * standing: the world, the clock and the light still move), pause, options,
 * and the results of level 1 (reached by playing its shipped replay's
 * inputs); then, over level 1, the story card before it, the Assists and
 * Controls pages opened from its pause, the editor opened on it, and the
 * whole night's results after its first level. The saves go to a folder
 * of its own, never the player's.
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

/* The screens to measure (framebench's ONLY). */
static const char *only;

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
    if (ms < 0) return;
    printf("%-34s %7.2f ms/frame  %5.1f%% of a core at 60 fps\n", what, ms, ms * 6.0);
    fflush(stdout);
}

/* What is resident now, by kind (Linux's /proc/self/status): the heap and
 * other private memory, the files mapped (the libraries' code, the
 * fonts), shared memory. Empty where there is no such file. */
static void rss_parts(char *out, size_t cap)
{
    out[0] = '\0';
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return;
    char line[256];
    long anon = -1, file = -1, shmem = -1;
    while (fgets(line, sizeof line, f)) {
        sscanf(line, "RssAnon: %ld", &anon);
        sscanf(line, "RssFile: %ld", &file);
        sscanf(line, "RssShmem: %ld", &shmem);
    }
    fclose(f);
    if (anon >= 0 && file >= 0)
        snprintf(out, cap, "%.1f MB private, %.1f MB of files mapped, %.1f MB shared",
                 (double)anon / 1024.0, (double)file / 1024.0,
                 (double)(shmem > 0 ? shmem : 0) / 1024.0);
}

/* A row of the table: what measures, unless ONLY leaves it out (then one
 * frame passes, and nothing is printed). */
static void bench(app_t *app, const char *what, int frames, int runs)
{
    if (only && !strstr(what, only)) {
        app_frame(app);
        return;
    }
    row(what, measure(app, frames, runs));
}

/* Plays level 1's shipped replay on the app's own game up to a few ticks
 * before Julie, from where Harry, let go, still reaches her; then the app's
 * own frames run the last ticks, so the run ends as a player's does (the
 * medal, the splits, the save; in a night run, the night's clock). */
static bool win_level(app_t *app, const char *replay_path)
{
    char err[256];
    size_t len = 0;
    char *text = files_read(replay_path, 1 << 24, &len, err, sizeof err);
    replay_t *r = text ? replay_parse(text, len, err, sizeof err) : NULL;
    free(text);
    game_t *probe = malloc(sizeof *probe);
    if (!r || !probe) {
        replay_destroy(r);
        free(probe);
        return false;
    }
    int32_t cut = -1;
    for (int32_t back = 1; back <= 60 && cut < 0 && back < r->count; back++) {
        game_init(probe, app->level);
        for (int32_t i = 0; i < r->count - back && probe->status == GAME_PLAYING; i++) {
            input_t in = {r->inputs[i]};
            game_tick(probe, &in);
        }
        for (int t = 0; t < 120 && probe->status == GAME_PLAYING; t++) {
            input_t idle = {0};
            game_tick(probe, &idle);
        }
        if (probe->status == GAME_WON) cut = r->count - back;
    }
    free(probe);
    if (cut < 0) {
        replay_destroy(r);
        return false;
    }
    game_init(&app->game, app->level);
    for (int32_t i = 0; i < cut; i++) {
        input_t in = {r->inputs[i]};
        game_tick(&app->game, &in);
    }
    replay_destroy(r);
    return reach(app, SCREEN_RESULTS, 0);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: framebench DATA_DIR REPLAY [FRAMES [RUNS]]\n");
        return 2;
    }
    int frames = argc > 3 ? atoi(argv[3]) : 120, runs = argc > 4 ? atoi(argv[4]) : 3;
    if (argc > 5 && argv[5][0]) only = argv[5];
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
    bench(&app, "title", frames, runs);
    if (!reach(&app, SCREEN_SELECT, SDLK_RETURN)) {
        fprintf(stderr, "framebench: the level select did not open\n");
        return 1;
    }
    bench(&app, "level select", frames, runs);
    long peak_kb = 0;
    char rss_line[160] = "";
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
            rss_parts(rss_line, sizeof rss_line);
        }
        char what[96];
        snprintf(what, sizeof what, "play: %.60s", app.campaign[i].id);
        bench(&app, what, frames, runs);
        if (i == 0) {
            press(SDLK_ESCAPE);
            if (reach(&app, SCREEN_PAUSE, 0)) bench(&app, "pause", frames, runs);
            app.ui.pause_sel = 3; /* Options */
            press(SDLK_RETURN);
            if (reach(&app, SCREEN_OPTIONS, 0)) bench(&app, "options", frames, runs);
            press(SDLK_ESCAPE);
            reach(&app, SCREEN_PAUSE, 0);
            press(SDLK_ESCAPE);
            reach(&app, SCREEN_PLAY, 0);
            if (win_level(&app, argv[2]))
                bench(&app, "results (level 1 won)", frames, runs);
            else
                fprintf(stderr, "framebench: level 1's replay did not win\n");
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
    /* Over level 1: its story card (it ends by itself after STORY_CARD_FRAMES
     * by the clock, so its runs are kept shorter), the pages its pause opens
     * and the editor. */
    app.ui.menu_sel = 0;
    press(SDLK_RETURN);
    if (reach(&app, SCREEN_CARD, 0)) {
        int card_frames = frames * runs > 330 ? 330 / runs : frames;
        bench(&app, "story card (level 1)", card_frames, runs);
        if (app.screen != SCREEN_CARD) fprintf(stderr, "framebench: the card ended early\n");
    }
    if (reach(&app, SCREEN_PLAY, SDLK_RETURN)) {
        for (int f = 0; f < 30; f++) app_frame(&app);
        press(SDLK_ESCAPE);
        reach(&app, SCREEN_PAUSE, 0);
        app.ui.pause_sel = 2; /* Assists */
        press(SDLK_RETURN);
        if (reach(&app, SCREEN_ASSISTS, 0)) bench(&app, "assists (over level 1)", frames, runs);
        press(SDLK_ESCAPE);
        reach(&app, SCREEN_PAUSE, 0);
        app.ui.pause_sel = 3; /* Options */
        press(SDLK_RETURN);
        reach(&app, SCREEN_OPTIONS, 0);
        app.ui.options_sel = 5; /* Controls */
        press(SDLK_RETURN);
        if (reach(&app, SCREEN_CONTROLS, 0)) bench(&app, "controls (over level 1)", frames, runs);
        press(SDLK_ESCAPE);
        reach(&app, SCREEN_OPTIONS, 0);
        press(SDLK_ESCAPE);
        reach(&app, SCREEN_PAUSE, 0);
        app.ui.pause_sel = 4; /* Edit this level */
        press(SDLK_RETURN);
        if (reach(&app, SCREEN_EDITOR, 0)) bench(&app, "editor (level 1)", frames, runs);
        press(SDLK_ESCAPE);
        reach(&app, SCREEN_SELECT, 0);
    }
    /* The whole night, its first level won: the night's results. */
    press(SDLK_ESCAPE);
    if (reach(&app, SCREEN_TITLE, 0)) {
        app.ui.title_sel = 1;
        press(SDLK_RETURN);
        if (reach(&app, SCREEN_PLAY, SDLK_RETURN) && app.night_on && win_level(&app, argv[2]))
            bench(&app, "night results (after level 1)", frames, runs);
        else
            fprintf(stderr, "framebench: the night's results did not open\n");
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak memory after starting level 1: %.1f MB (at the end: %.1f MB)\n",
           (double)peak_kb / 1024.0, (double)ru.ru_maxrss / 1024.0);
    if (rss_line[0]) printf("resident after starting level 1: %s\n", rss_line);
    app_shutdown(&app);
    return 0;
}
