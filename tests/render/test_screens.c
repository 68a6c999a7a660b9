/* Rendered-frame test of the menu screens (src/ui/scr_*.c), each drawn from
 * a context made here, with no app behind it (what ui/screen.h promises: a
 * screen sees its context alone), with SDL's software renderer, and
 * compared with a stored PNG (tolerance as in golden.h).
 * MM_UPDATE_GOLDEN=1 rewrites the stored PNG.
 *
 *   test_screens DATA SCREEN GOLDEN.png OUT.png [LEVEL [REPLAY]]
 *
 * SCREEN: title, title-quit (the question before quitting), pause,
 * options, error, results-win (LEVEL won by REPLAY's inputs), results-loss
 * (LEVEL's clock run out, standing still); assists (the assists' page with
 * some on), options-large (Options with the larger menu text),
 * results-win-assisted (won by an assisted REPLAY, with its assists). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "common/files.h"
#include "game/game.h"
#include "game/playback.h"
#include "game/replay.h"
#include "golden.h"
#include "platform/assets.h"
#include "platform/render.h"
#include "ui/screen.h"

/* Plays the replay's inputs on g; false when they do not win. */
static bool play_replay(game_t *g, const char *path)
{
    replay_t *r = golden_load_replay(path);
    if (!r) return false;
    int32_t change = 0;
    for (int32_t i = 0; i < r->count && g->status == GAME_PLAYING; i++) {
        playback_assists(r, g, i, &change); /* an assisted replay's assists */
        input_t in = {r->inputs[i]};
        game_tick(g, &in);
    }
    replay_destroy(r);
    return g->status == GAME_WON;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: test_screens DATA SCREEN GOLDEN.png OUT.png [LEVEL [REPLAY]]\n");
        return 2;
    }
    const char *data = argv[1], *what = argv[2], *golden = argv[3], *out = argv[4];
    static game_t g;
    static save_t save;
    static settings_t settings;
    static campaign_entry_t campaign[1];
    static char errors[UI_MAX_ERROR_LINES][UI_ERROR_LINE];
    save_init(&save);
    settings_default(&settings);
    level_t *lv = argc > 5 ? golden_load_level(argv[5]) : NULL;
    if (lv) game_init(&g, lv);

    /* The results' view of the run (platform/race.h), as the app keeps it. */
    static race_t race;
    static race_result_t result;
    char err0[256];
    race_init(&race);

    ui_ctx_t ctx = {0};
    ctx.result = &result;
    ctx.settings = &settings;
    ctx.save = &save;
    ctx.save_warning = "";
    ctx.campaign = campaign;
    ctx.game = &g;
    ctx.level = lv;
    ctx.level_id = "01-tar-pits.mml";
    ctx.errors = (const char(*)[UI_ERROR_LINE])errors;
    ctx.toast = "";
    ctx.campaign_index = -1;
    ctx.frame = 40;
    ctx.screen_frame = 40;
    screen_t s;
    if (strcmp(what, "title") == 0 || strcmp(what, "title-quit") == 0) {
        s = SCREEN_TITLE;
        ctx.quit_asking = strcmp(what, "title-quit") == 0;
    } else if (strcmp(what, "pause") == 0 && lv) {
        s = SCREEN_PAUSE;
        ctx.pause_sel = 2;
    } else if (strcmp(what, "options") == 0) {
        s = SCREEN_OPTIONS;
        ctx.options_return = SCREEN_SELECT;
        ctx.options_sel = 1;
    } else if (strcmp(what, "options-large") == 0) {
        s = SCREEN_OPTIONS;
        ctx.options_return = SCREEN_SELECT;
        ctx.options_sel = 6; /* the assists' row */
        settings.large_text = true;
    } else if (strcmp(what, "assists") == 0) {
        s = SCREEN_ASSISTS;
        ctx.assists_return = SCREEN_SELECT;
        ctx.assists_sel = 2;
        settings.assist_clock = 70;
        settings.assist_extra = 20;
        settings.assist_no_fail = true;
    } else if (strcmp(what, "error") == 0) {
        s = SCREEN_ERROR;
        snprintf(errors[0], sizeof errors[0],
                 "levels/broken.mml:3:7: error: 'harry' is placed twice (first at line 2)");
        snprintf(errors[1], sizeof errors[1],
                 "levels/broken.mml:9:1: error: a row of the map is 41 tiles wide; the first "
                 "row is 40: every row must be as wide");
        ctx.error_count = 2;
    } else if (strcmp(what, "results-win") == 0 && lv && argc > 6) {
        s = SCREEN_RESULTS;
        if (!play_replay(&g, argv[6])) {
            fprintf(stderr, "test_screens: the replay does not win the level\n");
            return 1;
        }
        /* As the app leaves it: the first win is the best, and new; the
         * reunion over, the panel in place. */
        race_finish(&race, &g, &save, ctx.level_id, &result, err0, sizeof err0);
        ctx.new_best = result.new_best;
        ctx.campaign_index = 0;
        ctx.campaign_count = 1;
        ctx.screen_time = 150;
    } else if (strcmp(what, "results-win-assisted") == 0 && lv && argc > 6) {
        s = SCREEN_RESULTS;
        if (!play_replay(&g, argv[6]) || !g.assisted) {
            fprintf(stderr, "test_screens: the replay does not win the level with assists\n");
            return 1;
        }
        /* An unassisted best stands apart; this run's is the assisted best. */
        save_record(&save, ctx.level_id, game_ticks_used(&g) - 60);
        race_finish(&race, &g, &save, ctx.level_id, &result, err0, sizeof err0);
        if (!result.new_best || save_best_assisted(&save, ctx.level_id) != game_ticks_used(&g) ||
            save_best(&save, ctx.level_id) != game_ticks_used(&g) - 60) {
            fprintf(stderr, "test_screens: the assisted best is not kept apart\n");
            return 1;
        }
        ctx.new_best = result.new_best;
        ctx.campaign_index = 0;
        ctx.campaign_count = 1;
        ctx.screen_time = 150;
    } else if (strcmp(what, "results-loss") == 0 && lv) {
        s = SCREEN_RESULTS;
        while (g.status == GAME_PLAYING) {
            input_t in = {0};
            game_tick(&g, &in);
        }
        race_finish(&race, &g, &save, ctx.level_id, &result, err0, sizeof err0);
        ctx.screen_frame = 90; /* the flash faded, the panel up */
    } else {
        fprintf(stderr, "test_screens: unknown screen '%s' (or its level is missing)\n", what);
        return 2;
    }

    static assets_t assets;
    if (!golden_start(&assets, data)) return 1;
    SDL_Surface *target;
    SDL_Renderer *r = golden_canvas(&assets, &target);
    if (!r) return 1;
    static text_cache_t text;
    static render_t rd;
    text_cache_init(&text, r, &assets);
    text.large_menus = settings.large_text;
    render_init(&rd, r, &assets, &text);
    ctx.render = &rd;
    ctx.text = &text;
    ctx.screen = s;
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    screen_ops(s)->draw(&ctx);
    SDL_RenderPresent(r);
    int rc = golden_check(target, golden, out);
    render_free(&rd);
    text_cache_free(&text);
    assets_free(&assets);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(target);
    level_free(lv);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc;
}
