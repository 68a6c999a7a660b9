/* autoplay: plays a level with the path-following bot, through the same
 * per-tick inputs a player gives, and writes the run as a replay file. Used
 * to make the shipped replays and to see what a level asks of a player. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/level.h"
#include "level/level_file.h"
#include "game/replay.h"
#include "game/solver.h"

int main(int argc, char **argv)
{
    int argi = 1;
    bool sprint = true;
    if (argi < argc && strcmp(argv[argi], "--walk") == 0) {
        sprint = false;
        argi++;
    }
    if (argc - argi != 2) {
        fprintf(stderr, "usage: autoplay [--walk] LEVELFILE OUT.replay\n");
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
    solver_path_t path;
    if (solver_find_path(lv, lv->harry_tx, lv->harry_ty, lv->julie_tx, lv->julie_ty, NULL, &path)) {
        int32_t t = solver_walk_ticks(path.cost);
        printf("shortest walk: %d tiles, %d.%d s at walking speed, clock %d s, par %d s\n",
               (int)path.count, (int)(t / 60), (int)(t % 60 / 6), (int)lv->time_s, (int)lv->par_s);
        solver_path_free(&path);
    } else {
        printf("Julie cannot be reached\n");
    }
    replay_t *r = replay_create(level_hash(lv));
    game_status_t st = r ? solver_play(lv, sprint, r) : GAME_LOST;
    int rc = 1;
    if (r) {
        printf("bot: %s after %d ticks (%d.%02d s)\n", st == GAME_WON ? "won" : "lost",
               (int)r->count, (int)(r->count / 60), (int)(r->count % 60 * 100 / 60));
        size_t n = 0;
        char *text = replay_write(r, &n);
        FILE *f = text ? fopen(out_path, "wb") : NULL;
        if (f && fwrite(text, 1, n, f) == n && fclose(f) == 0) {
            rc = st == GAME_WON ? 0 : 1;
        } else {
            if (f) fclose(f);
            fprintf(stderr, "autoplay: cannot write %s\n", out_path);
            rc = 2;
        }
        free(text);
    }
    replay_destroy(r);
    level_free(lv);
    return rc;
}
