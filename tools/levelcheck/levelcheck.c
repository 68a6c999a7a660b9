/* levelcheck: reports every problem in level files at once, as
 * file:line:col: error|warning: message (errors first, each in order of
 * place), and says whether Julie can be reached in time. Exit 0 clean
 * (warnings allowed), 1 errors, 2 usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/check.h"
#include "level/level.h"
#include "level/level_file.h"

static int cmp_diag(const void *a, const void *b)
{
    const level_diag_t *x = a, *y = b;
    /* Errors first, so warnings never push one out of view. */
    if (x->severity != y->severity) return x->severity == LEVEL_ERROR ? -1 : 1;
    int f = strcmp(x->file, y->file);
    if (f) return f;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return 0;
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
        char summary[400] = "", note[160] = "";
        if (lv) check_level(lv, d, summary, sizeof summary, note, sizeof note);
        /* Every file-less message belongs to this file. */
        qsort(d->items, (size_t)d->count, sizeof d->items[0], cmp_diag);
        level_file_print_diags(stdout, argv[i], d);
        if (d->errors > 0) rc = 1;
        if (note[0]) printf("%s: %s\n", argv[i], note);
        if (lv)
            printf("%s: %s%s\n", argv[i], summary, d->errors ? "" : "; ok");
        else
            printf("%s: %d error%s\n", argv[i], (int)d->errors, d->errors == 1 ? "" : "s");
        level_free(lv);
    }
    free(d);
    return rc;
}
