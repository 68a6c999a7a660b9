/* levelcheck: reports every problem in level files at once, as
 * file:line:col: error|warning: message, sorted, and says whether Julie can
 * be reached in time. Exit 0 clean (warnings allowed), 1 errors, 2 usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "level/level.h"
#include "game/solver.h"
#include "level/level_file.h"

static int cmp_diag(const void *a, const void *b)
{
    const level_diag_t *x = a, *y = b;
    int f = strcmp(x->file, y->file);
    if (f) return f;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return 0;
}

/* Can Julie be reached, and with how much time to spare? */
static void check_reach(const level_t *lv, level_diags_t *d, char *summary, size_t cap)
{
    solver_path_t path;
    if (!solver_find_path(lv, lv->harry_tx, lv->harry_ty, lv->julie_tx, lv->julie_ty, NULL,
                          &path)) {
        level_diag_add(d, LEVEL_ERROR, lv->julie_line, lv->julie_col,
                       "Julie cannot be reached from Harry's start at (%d, %d): walls, water or "
                       "fences cut her off; open a way",
                       (int)lv->harry_tx, (int)lv->harry_ty);
        snprintf(summary, cap, "Julie cannot be reached");
        return;
    }
    int32_t ticks = solver_walk_ticks(path.cost);
    solver_path_free(&path);
    int32_t clock = lv->time_s * 60;
    int tenths = (int)((ticks * 10 + 59) / 60);
    snprintf(summary, cap, "reachable in %d.%d s of %d s at walking speed", tenths / 10,
             tenths % 10, (int)lv->time_s);
    if (ticks > clock) {
        level_diag_add(d, LEVEL_ERROR, lv->julie_line, lv->julie_col,
                       "Julie is %d.%d s away at walking speed but the clock has %d s; give more "
                       "time or bring her closer",
                       tenths / 10, tenths % 10, (int)lv->time_s);
    } else if ((clock - ticks) * 10 < clock) {
        level_diag_add(d, LEVEL_WARNING, lv->julie_line, lv->julie_col,
                       "only %d.%d s to spare at walking speed (under 10%% of the clock); most "
                       "players will run out of time",
                       (int)((clock - ticks) * 10 / 60) / 10,
                       (int)((clock - ticks) * 10 / 60) % 10);
    }
}

/* The level pulses the game has (assets/sound/music_pulse*.txt). */
static void check_music(const level_t *lv, level_diags_t *d)
{
    static const char *const known[] = {"level", "pulse1", "pulse2", "pulse3", "pulse4"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(lv->music, known[i]) == 0) return;
    level_diag_add(d, LEVEL_WARNING, 0, 0,
                   "music '%s' is not a pulse of the game (pulse1 to pulse4); pulse1 will play",
                   lv->music);
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        FILE *out = argc < 2 ? stderr : stdout;
        fprintf(out, "Usage: levelcheck LEVELFILE...\n"
                     "Checks level files (.mml text, Tiled .tmx, .tmj or .json) and reports\n"
                     "every problem as file:line:col: error|warning: message, then whether\n"
                     "Julie can be reached in time. Exit 0 clean, 1 errors, 2 usage.\n");
        return argc < 2 ? 2 : 0;
    }
    int rc = 0;
    level_diags_t *d = malloc(sizeof *d);
    if (!d) return 2;
    for (int i = 1; i < argc; i++) {
        level_t *lv = level_file_load(argv[i], d);
        char summary[160] = "";
        if (lv) check_reach(lv, d, summary, sizeof summary);
        if (lv) check_music(lv, d);
        /* Every file-less message belongs to this file. */
        qsort(d->items, (size_t)d->count, sizeof d->items[0], cmp_diag);
        level_file_print_diags(stdout, argv[i], d);
        if (d->errors > 0) rc = 1;
        if (lv)
            printf("%s: %s%s\n", argv[i], summary, d->errors ? "" : "; ok");
        else
            printf("%s: %d error%s\n", argv[i], (int)d->errors, d->errors == 1 ? "" : "s");
        level_free(lv);
    }
    free(d);
    return rc;
}
