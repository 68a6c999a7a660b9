/* savecheck: the game's save code from the command line, for the bad-input
 * corpus.
 *   savecheck FILE               read FILE as the game does at start (a
 *                                damaged one is kept aside), print what was
 *                                read in the save's own form
 *   savecheck --record FILE ID TICKS
 *                                read FILE, record a win on ID as the game
 *                                does after a level, write FILE back
 * Exit: 0 read whole (or recorded), 1 lines dropped with a warning (or the
 * win could not be kept), 2 damaged, 3 not read (and not to be written). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/save.h"
#include "platform/save_file.h"

static save_t save; /* large: not on the stack */

int main(int argc, char **argv)
{
    bool record = argc == 5 && strcmp(argv[1], "--record") == 0;
    if (argc != 2 && !record) {
        fprintf(stderr, "usage: savecheck FILE | savecheck --record FILE ID TICKS\n");
        return 64;
    }
    const char *path = argv[record ? 2 : 1];
    char msg[2048];
    save_file_status_t st = save_file_load(&save, path, msg, sizeof msg);
    if (msg[0]) fprintf(stderr, "warning: %s\n", msg);
    if (record) {
        if (st == SAVE_FILE_KEEP_OUT) return 3;
        long ticks = strtol(argv[4], NULL, 10);
        int r = save_record(&save, argv[3], (int32_t)ticks);
        if (r < 0) {
            fprintf(stderr, "savecheck: this win cannot be kept (id of %zu bytes, %ld ticks)\n",
                    strlen(argv[3]), ticks);
            return 1;
        }
        char err[1200];
        if (r == 1 && !save_file_store(&save, path, err, sizeof err)) {
            fprintf(stderr, "savecheck: %s\n", err);
            return 1;
        }
        printf("%s\n", r == 1 ? "new best" : "not a best");
        return 0;
    }
    static char text[SAVE_TEXT_MAX + 1];
    int n = save_write(&save, text, sizeof text);
    if (n < 0) return 70;
    fwrite(text, 1, (size_t)n, stdout);
    switch (st) {
    case SAVE_FILE_OK:
        return 0;
    case SAVE_FILE_DROPPED:
        return 1;
    case SAVE_FILE_DAMAGED:
        return 2;
    default:
        return 3;
    }
}
