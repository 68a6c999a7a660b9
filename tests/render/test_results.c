/* Rendered-frame test of a level's results (src/ui/race_results.c): a win
 * with its medal and splits against an earlier best, the reunion before
 * it, and a loss with the walk left to Julie and the closest attempt; drawn
 * with SDL's software renderer and compared with a stored PNG (a pixel
 * matches within 2 per channel; at most 0.1% may not). MM_UPDATE_GOLDEN=1
 * rewrites the stored PNG.
 *
 *   test_results DATA win|loss|win-large|win-test FRAME GOLDEN.png OUT.png LEVEL REPLAY
 *
 * (win-large: the win in the larger menu text; win-test: a test-play from
 * the editor, which keeps nothing.)
 *
 * The win plays REPLAY to the end, after a best 0.75 s slower kept in the
 * save; the loss plays its first 900 ticks, then stands still, after a
 * closest attempt of 9 s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "common/files.h"
#include "game/game.h"
#include "platform/assets.h"
#include "platform/ghost_file.h"
#include "platform/race.h"
#include "platform/render.h"
#include "platform/settings.h"
#include "golden.h"
#include "ui/race_results.h"

int main(int argc, char **argv)
{
    if (argc != 8) {
        fprintf(stderr,
                "usage: test_results DATA win|loss FRAME GOLDEN.png OUT.png LEVEL REPLAY\n");
        return 2;
    }
    const char *data = argv[1], *golden = argv[4], *out = argv[5];
    bool large = strcmp(argv[2], "win-large") == 0;
    bool test_run = strcmp(argv[2], "win-test") == 0;
    bool win = strcmp(argv[2], "win") == 0 || large || test_run;
    uint32_t frame = (uint32_t)strtoul(argv[3], NULL, 10);
    level_t *lv = golden_load_level(argv[6]);
    char err[1024];
    replay_t *rep = ghost_file_load(argv[7], err, sizeof err);
    if (!lv || !rep) {
        fprintf(stderr, "test_results: %s\n", lv ? err : "the level does not load");
        return 1;
    }
    /* The run, raced as the app races it, against what the save kept. */
    static save_t save;
    save_init(&save);
    static game_t g;
    game_init(&g, lv);
    race_t race;
    race_init(&race);
    race_begin(&race, lv, SETTINGS_GHOST_OFF, NULL, NULL);
    int32_t limit = win ? rep->count : 900;
    for (int32_t t = 0; g.status == GAME_PLAYING; t++) {
        input_t in = {t < limit ? rep->inputs[t] : 0};
        game_tick(&g, &in);
        race_tick(&race, &g, &in);
    }
    if (win) {
        save_record(&save, "level", game_ticks_used(&g) + 45);
        int32_t s[MEDAL_MAX_SPLITS];
        for (int32_t i = 0; i < race.run.split_count; i++)
            s[i] = race.run.splits[i] + (i % 2 ? -12 : 30);
        save_set_splits(&save, "level", race.run.split_count, s);
    } else {
        save_record_closest(&save, "level", 9 * GAME_TICK_HZ);
    }
    race_result_t res;
    race_finish(&race, &g, &save, "level", &res, err, sizeof err);
    race_free(&race);
    if (res.won != win) {
        fprintf(stderr, "test_results: the run %s\n", res.won ? "won" : "did not win");
        return 1;
    }
    printf("%s: %s, used %d ticks, medal %s, walk left %d ticks, closest %d\n", argv[6],
           res.won ? "won" : "lost", (int)res.used, medal_name(res.medal), (int)res.walk_left,
           (int)res.closest);

    static assets_t assets;
    SDL_Surface *target;
    static text_cache_t text;
    SDL_Renderer *r = golden_open(&assets, data, &target, &text);
    if (!r) return 1;
    static render_t rd;
    text.large_menus = large;
    render_init(&rd, r, &assets, &text);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    race_results_view_t v = {.game = &g,
                             .res = &res,
                             .t = frame,
                             .prompt = test_run ? "R retry   Enter or Esc back to the editor"
                                       : win    ? "Enter next level   R retry   Esc menu"
                                                : "R or Enter: try again   Esc: menu",
                             .save_warning = "",
                             .large = large,
                             .test_run = test_run};
    medal_times(lv, &v.medals);
    race_results_draw(&rd, &text, &v);
    SDL_RenderPresent(r);
    int rc = golden_check(target, golden, out);
    render_free(&rd);
    text_cache_free(&text);
    assets_free(&assets);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(target);
    replay_destroy(rep);
    level_free(lv);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc;
}
