/* Command line: the game, one level file, recording and headless replays. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "game/game.h"
#include "game/level.h"
#include "game/replay.h"
#include "platform/app.h"
#include "platform/files.h"

#define EXIT_USAGE 2

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: miraclemile [OPTIONS] [LEVELFILE]\n"
            "\n"
            "Miracle Mile: cross Los Angeles and reach Julie before the missiles land.\n"
            "With no LEVELFILE the game opens on its title screen and campaign.\n"
            "\n"
            "Options:\n"
            "  --record OUT        write the inputs of each run of LEVELFILE to OUT\n"
            "  --headless          run with no window and no sound (needs --replay)\n"
            "  --replay IN         play the inputs recorded in IN on LEVELFILE and print\n"
            "                      'result: won|lost ticks=N time_left_ms=M'\n"
            "                      (exit 0 won, 1 lost, 2 usage or file error)\n"
            "  --data DIR          the game's data folder (default: beside the program)\n"
            "  --fullscreen        start in fullscreen\n"
            "  --quit-after N      quit after N frames (for tests)\n"
            "  --help              show this help and exit\n"
            "  --version           show the version and exit\n"
            "\n"
            "Keys: arrows or WASD move, Shift sprints, Enter or Space confirms, Esc pauses,\n"
            "R restarts, F11 or Alt+Enter toggles fullscreen.\n");
}

static void print_diags(const char *path, const level_diags_t *d)
{
    for (int32_t i = 0; i < d->count; i++)
        fprintf(stderr, "%s:%d:%d: %s: %s\n", path, (int)d->items[i].line, (int)d->items[i].col,
                d->items[i].severity == LEVEL_ERROR ? "error" : "warning",
                d->items[i].message);
    if (d->dropped) fprintf(stderr, "%s: %d more problems not shown\n", path, (int)d->dropped);
}

static level_t *load_level_file(const char *path)
{
    char err[512];
    size_t len = 0;
    char *buf = files_read(path, 1 << 20, &len, err, sizeof err);
    if (!buf) {
        fprintf(stderr, "miraclemile: %s\n", err);
        return NULL;
    }
    level_diags_t *d = calloc(1, sizeof *d);
    level_t *lv = d ? level_parse(buf, len, d) : NULL;
    if (d) print_diags(path, d);
    free(d);
    free(buf);
    return lv;
}

static int run_headless_replay(const char *replay_path, const char *level_path)
{
    level_t *lv = load_level_file(level_path);
    if (!lv) return EXIT_USAGE;
    char err[512];
    size_t len = 0;
    char *buf = files_read(replay_path, 16 << 20, &len, err, sizeof err);
    if (!buf) {
        fprintf(stderr, "miraclemile: %s\n", err);
        level_free(lv);
        return EXIT_USAGE;
    }
    replay_t *r = replay_parse(buf, len, err, sizeof err);
    free(buf);
    if (!r) {
        fprintf(stderr, "%s:%s\n", replay_path, err);
        level_free(lv);
        return EXIT_USAGE;
    }
    uint64_t h = level_hash(lv);
    if (r->level_hash != h) {
        fprintf(stderr,
                "miraclemile: %s was recorded on another version of %s (the level's play "
                "hash is %016" PRIx64 ", the replay's %016" PRIx64
                "); the level changed, so record the replay again\n",
                replay_path, level_path, h, r->level_hash);
        replay_destroy(r);
        level_free(lv);
        return EXIT_USAGE;
    }
    game_t *g = malloc(sizeof *g);
    if (!g) {
        replay_destroy(r);
        level_free(lv);
        return EXIT_USAGE;
    }
    game_init(g, lv);
    /* After the recorded inputs end, Harry stands still until the clock decides. */
    for (int32_t i = 0; g->status == GAME_PLAYING; i++) {
        input_t in = {i < r->count ? r->inputs[i] : 0};
        game_tick(g, &in);
    }
    int won = g->status == GAME_WON;
    printf("result: %s ticks=%d time_left_ms=%d\n", won ? "won" : "lost", (int)g->tick,
           (int)game_time_left_ms(g));
    free(g);
    replay_destroy(r);
    level_free(lv);
    return won ? 0 : 1;
}

int main(int argc, char *argv[])
{
    app_options_t opt;
    memset(&opt, 0, sizeof opt);
    bool headless = false;
    const char *replay = NULL;
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
                    strcmp(a, "--data") == 0 || strcmp(a, "--quit-after") == 0)) {
            if (!has_next) {
                fprintf(stderr, "miraclemile: %s needs a value\nTry 'miraclemile --help'.\n", a);
                return EXIT_USAGE;
            }
            const char *v = argv[++i];
            if (strcmp(a, "--record") == 0) opt.record_path = v;
            if (strcmp(a, "--replay") == 0) replay = v;
            if (strcmp(a, "--data") == 0) opt.data_dir = v;
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
    if (headless || replay) {
        if (!headless || !replay || !opt.level_file) {
            fprintf(stderr, "miraclemile: a replay runs as: miraclemile --headless --replay IN "
                            "LEVELFILE\n");
            return EXIT_USAGE;
        }
        return run_headless_replay(replay, opt.level_file);
    }
    if (opt.record_path && !opt.level_file) {
        fprintf(stderr, "miraclemile: --record needs a LEVELFILE to play\n");
        return EXIT_USAGE;
    }

    app_t *app = malloc(sizeof *app);
    if (!app) return 1;
    int rc = app_init(app, &opt);
    if (rc == 0) {
        while (app_frame(app)) {
        }
        rc = app->exit_code;
    }
    app_shutdown(app);
    free(app);
    return rc;
}
