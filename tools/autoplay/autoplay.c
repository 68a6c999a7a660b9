/* autoplay: plays a level with the path-following bot, through the same
 * per-tick inputs a player gives, and writes the run as a replay file. Used
 * to make the shipped replays and to see what a level asks of a player.
 *
 *   autoplay [--walk] LEVELFILE OUT.replay   the bot plays; its run is written
 *   autoplay --seal LEVELFILE REPLAY         keeps REPLAY's inputs and stores
 *                                            the state hashes (and the rules
 *                                            version) the rules give them now
 *   autoplay --measure LEVELFILE REPLAY      plays REPLAY (an expert run) and
 *                                            says how much of the clock it used
 *                                            and how the par compares, and that
 *                                            standing still loses, and that the
 *                                            level's 'expert' key is the run's
 *                                            time in ticks; exit 1 outside the
 *                                            campaign's band */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "level/level.h"
#include "game/playback.h"
#include "game/replay.h"
#include "game/solver.h"
#include "level/level_file.h"
#include "common/files.h"

static int write_replay(const replay_t *r, const char *out_path)
{
    size_t n = 0;
    char *text = replay_write(r, &n);
    char err[512] = "out of memory";
    bool ok = text && files_write_atomic(out_path, text, n, err, sizeof err);
    free(text);
    if (!ok) fprintf(stderr, "autoplay: cannot write %s: %s\n", out_path, err);
    return ok ? 0 : 2;
}

/* Reads a replay file, or says why not (NULL). */
static replay_t *read_replay(const char *path)
{
    char err[512];
    size_t len = 0;
    char *buf = files_read(path, 16 << 20, &len, err, sizeof err);
    if (!buf) {
        fprintf(stderr, "autoplay: %s\n", err);
        return NULL;
    }
    replay_t *r = replay_parse(buf, len, err, sizeof err);
    free(buf);
    if (!r) fprintf(stderr, "%s:%s\n", path, err);
    return r;
}

static int seal(const level_t *lv, const char *path)
{
    replay_t *r = read_replay(path);
    game_t *g = malloc(sizeof *g);
    if (!r || !g) {
        replay_destroy(r);
        free(g);
        return 2;
    }
    r->level_hash = level_hash(lv);
    playback_seal(r, lv, g);
    int rc = write_replay(r, path);
    if (rc == 0)
        printf("sealed %s: %d ticks, %d checks, %s\n", path, (int)r->count, (int)r->check_count,
               g->status == GAME_WON ? "won" : "not won yet");
    free(g);
    replay_destroy(r);
    return rc;
}

/* The clock's band: an expert run (the replay) should use 55-80% of the
 * level's clock, and the par lie between the expert's time and 15% above
 * it, so that the clock bites but a first try can still get through. */
#define BAND_LOW 550 /* tenths of a per cent */
#define BAND_HIGH 800
#define PAR_HIGH 1150

static int measure(const level_t *lv, const char *level_path, const char *path)
{
    replay_t *r = read_replay(path);
    game_t *g = malloc(sizeof *g);
    if (!r || !g) {
        replay_destroy(r);
        free(g);
        return 2;
    }
    char err[512];
    playback_status_t ps = playback_run(r, lv, g, err, sizeof err);
    int rc = 1;
    if (ps != PLAYBACK_OK) {
        fprintf(stderr, "%s: %s\n", path, err);
    } else if (g->status != GAME_WON) {
        printf("%s: the expert run (%s) does not win\n", level_path, path);
    } else {
        int32_t used = game_ticks_used(g), clock = lv->time_s * GAME_TICK_HZ,
                par = lv->par_s * GAME_TICK_HZ;
        int32_t band = (int32_t)((int64_t)used * 1000 / clock);
        int32_t par_of = (int32_t)((int64_t)par * 1000 / (used ? used : 1));
        bool band_ok = band >= BAND_LOW && band <= BAND_HIGH;
        bool par_ok = par >= used && par_of <= PAR_HIGH;
        printf("%s: expert %d.%02d s of a %d s clock (%d.%d%%%s); par %d s (%d%% of the "
               "expert's time%s); %s\n",
               level_path, (int)(used / 60), (int)(used % 60 * 100 / 60), (int)lv->time_s,
               (int)(band / 10), (int)(band % 10),
               band_ok ? "" : ": outside 55-80%, the clock must bite but leave room",
               (int)lv->par_s, (int)((par_of + 5) / 10),
               par_ok ? "" : ": it must be from the expert's time to 15% above it",
               band_ok && par_ok ? "ok" : "out of band");
        /* The level names the expert's time for its fourth medal: it must
         * be what the shipped run measures. */
        bool expert_ok = lv->expert_ticks == used;
        if (!expert_ok)
            printf("%s: 'expert' is %d ticks but the expert run takes %d; set 'expert = %d'\n",
                   level_path, (int)lv->expert_ticks, (int)used, (int)used);
        /* And a player who never moves must lose. */
        game_init(g, lv);
        input_t none = {0};
        int64_t limit = (int64_t)(lv->time_s + 60) * GAME_TICK_HZ + GAME_COUNT_IN;
        for (int64_t t = 0; t < limit && g->status == GAME_PLAYING; t++) game_tick(g, &none);
        bool still_loses = g->status == GAME_LOST;
        if (!still_loses) printf("%s: standing still does not lose\n", level_path);
        rc = band_ok && par_ok && still_loses && expert_ok ? 0 : 1;
    }
    free(g);
    replay_destroy(r);
    return rc;
}

int main(int argc, char **argv)
{
    int argi = 1;
    bool sprint = true, sealing = false, measuring = false;
    if (argi < argc && strcmp(argv[argi], "--walk") == 0) {
        sprint = false;
        argi++;
    } else if (argi < argc && strcmp(argv[argi], "--seal") == 0) {
        sealing = true;
        argi++;
    } else if (argi < argc && strcmp(argv[argi], "--measure") == 0) {
        measuring = true;
        argi++;
    }
    if (argc - argi != 2) {
        fprintf(stderr, "usage: autoplay [--walk] LEVELFILE OUT.replay\n"
                        "       autoplay --seal LEVELFILE REPLAY\n"
                        "       autoplay --measure LEVELFILE REPLAY\n");
        return 2;
    }
    const char *level_path = argv[argi], *out_path = argv[argi + 1];
    level_diags_t *d = calloc(1, sizeof *d);
    level_t *lv = d ? level_file_load(level_path, d) : NULL;
    if (!lv) {
        if (d) level_file_print_diags(stderr, level_path, d);
        free(d);
        return 2;
    }
    free(d);
    if (sealing || measuring) {
        int rc = sealing ? seal(lv, out_path) : measure(lv, level_path, out_path);
        level_free(lv);
        return rc;
    }
    solver_route_t route;
    if (solver_route(lv, &route)) {
        int32_t t = solver_walk_ticks(route.cost);
        printf("shortest walk: %d.%d s at walking speed, clock %d s, par %d s", (int)(t / 60),
               (int)(t % 60 / 6), (int)lv->time_s, (int)lv->par_s);
        for (int32_t i = 0; i < route.stop_count; i++) {
            const level_object_t *o = &lv->objects[route.stops[i]];
            printf("%s %s at (%d, %d)", i == 0 ? "; first" : ", then",
                   o->kind == KIND_KEY        ? "the key"
                   : o->kind == KIND_RESIDENT ? "the resident"
                                              : "the trigger",
                   (int)route.stop_tx[i], (int)route.stop_ty[i]);
        }
        printf("\n");
    } else {
        printf("Julie cannot be reached\n");
    }
    replay_t *r = replay_create(level_hash(lv));
    game_t *g = malloc(sizeof *g);
    game_status_t st = r && g ? solver_play(lv, sprint, r) : GAME_LOST;
    int rc = 1;
    if (r && g) {
        printf("bot: %s after %d ticks (%d.%02d s)\n", st == GAME_WON ? "won" : "lost",
               (int)r->count, (int)(r->count / 60), (int)(r->count % 60 * 100 / 60));
        playback_seal(r, lv, g);
        rc = write_replay(r, out_path);
        if (rc == 0 && st != GAME_WON) rc = 1;
    }
    free(g);
    replay_destroy(r);
    level_free(lv);
    return rc;
}
