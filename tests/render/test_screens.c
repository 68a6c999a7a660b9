/* Rendered-frame test of the menu screens (src/ui/scr_*.c), each drawn from
 * a context made here, with no app behind it (what ui/screen.h promises: a
 * screen sees its context alone), with SDL's software renderer, and
 * compared with a stored PNG (tolerance as in golden.h).
 * MM_UPDATE_GOLDEN=1 rewrites the stored PNG.
 *
 *   test_screens DATA SCREEN GOLDEN.png OUT.png [LEVEL [REPLAY]]
 *
 * SCREEN: title, title-quit (the question before quitting), title-warning
 * (a settings file read with trouble), pause,
 * options, error, results-win (LEVEL won by REPLAY's inputs), results-loss
 * (LEVEL's clock run out, standing still); assists (the assists' page with
 * some on), options-large (Options with the larger menu text),
 * results-win-assisted (won by an assisted REPLAY, with its assists);
 * select (the map of the Mile with bests, medals, an assisted medal and a
 * locked level chosen), select-medal (a won level chosen), select-list (the
 * player's own levels), controls (Options > Controls), night (the whole
 * night's splits between two levels), title-medals (the title's count of
 * medals, one kept from an assisted run apart). Any SCREEN may end in "-large" (the
 * larger menu text) and then "-pad" (prompts for a game controller, its
 * buttons as glyphs). */
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
#include "platform/input.h"
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
    static campaign_entry_t campaign[12];
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

    /* The suffixes: the larger menu text, a pad's prompts. */
    char name[64];
    snprintf(name, sizeof name, "%s", what);
    bool pad = false, large = false;
    size_t nl = strlen(name);
    if (nl > 4 && strcmp(name + nl - 4, "-pad") == 0) pad = true, name[nl -= 4] = '\0';
    if (nl > 6 && strcmp(name + nl - 6, "-large") == 0 && strcmp(name, "options-large") != 0)
        large = true, name[nl - 6] = '\0';
    what = name;
    static input_devices_t devices;
    input_bindings_default(&devices.binds);
    devices.last = pad ? INPUT_DEV_PAD : INPUT_DEV_KEYBOARD;

    ui_ctx_t ctx = {0};
    ctx.input = &devices;
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
    if (strcmp(what, "title") == 0 || strcmp(what, "title-quit") == 0 ||
        strcmp(what, "title-warning") == 0) {
        s = SCREEN_TITLE;
        ctx.quit_asking = strcmp(what, "title-quit") == 0;
        if (strcmp(what, "title-warning") == 0) /* a settings file read with trouble */
            ctx.settings_warning =
                "settings.txt line 7: 'pad.pause = startbutton' is not a button the game knows "
                "(a, b, x, y, back, start, leftshoulder, ...): Pause / back keeps its default";
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
        /* A word longer than the screen is wide: cut where it fits. */
        snprintf(errors[2], sizeof errors[2],
                 "levels/broken.mml:12:5: error: unknown tile "
                 "'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3"
                 "ODkrL0FCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFla'");
        ctx.error_count = 3;
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
        ctx.campaign_count = 2; /* the first level, another after it */
        ctx.screen_time = 150;
    } else if (strcmp(what, "results-win-assisted") == 0 && lv && argc > 6) {
        s = SCREEN_RESULTS;
        if (!play_replay(&g, argv[6]) || !g.assisted) {
            fprintf(stderr, "test_screens: the replay does not win the level with assists\n");
            return 1;
        }
        /* An unassisted best stands apart; this run's is the assisted best. */
        save_record(&save, ctx.level_id, game_ticks_used(&g) - 60);
        save_record_assisted(&save, ctx.level_id, game_ticks_used(&g) + 30); /* beaten now */
        race_finish(&race, &g, &save, ctx.level_id, &result, err0, sizeof err0);
        if (!result.new_best || save_best_assisted(&save, ctx.level_id) != game_ticks_used(&g) ||
            save_best(&save, ctx.level_id) != game_ticks_used(&g) - 60) {
            fprintf(stderr, "test_screens: the assisted best is not kept apart\n");
            return 1;
        }
        ctx.new_best = result.new_best;
        ctx.campaign_index = 0;
        ctx.campaign_count = 2; /* the first level, another after it */
        ctx.screen_time = 150;
    } else if (strcmp(what, "results-loss") == 0 && lv) {
        s = SCREEN_RESULTS;
        while (g.status == GAME_PLAYING) {
            input_t in = {0};
            game_tick(&g, &in);
        }
        race_finish(&race, &g, &save, ctx.level_id, &result, err0, sizeof err0);
        ctx.screen_frame = 90; /* the flash faded, the panel up */
    } else if (strncmp(what, "select", 6) == 0 || strcmp(what, "night") == 0 ||
               strcmp(what, "title-medals") == 0) {
        /* The campaign of the film, with a few won: 1 gold, 2 bronze, 3
         * gold with assists only, 4 open; 5 on locked. Two levels of the
         * player's own. */
        static const char *const names[] = {"La Brea Tar Pits",
                                            "The payphone",
                                            "Johnnie's Coffee Shop",
                                            "Wilshire Boulevard",
                                            "Park La Brea",
                                            "Panic on Fairfax",
                                            "The May Company",
                                            "The abandoned mall",
                                            "The rooftop",
                                            "Win space",
                                            "A very long name for a level of my own"};
        for (int i = 0; i < 11; i++) {
            campaign_entry_t *c = &campaign[i];
            snprintf(c->id, sizeof c->id, i < 9 ? "%02d.mml" : "custom:%02d.mml", i + 1);
            snprintf(c->name, sizeof c->name, "%s", names[i]);
            snprintf(c->author, sizeof c->author, "%s", "Julie");
            c->custom = i >= 9;
            c->time_s = 40 + i * 10;
            c->par_s = 28 + i * 7;
            c->ok = true;
        }
        ctx.campaign_count = 9;
        ctx.custom_count = 2;
        save_record(&save, "01.mml", 26 * 60);
        save_record(&save, "02.mml", 43 * 60);
        save_record_assisted(&save, "03.mml", 30 * 60);
        save_record_assisted(&save, "custom:10.mml", 80 * 60);
        s = SCREEN_SELECT;
        ctx.menu_sel = 4; /* locked: what opens it */
        if (strcmp(what, "select-medal") == 0) ctx.menu_sel = 2;
        if (strcmp(what, "select-list") == 0) ctx.menu_sel = 10;
        if (strcmp(what, "title-medals") == 0) {            /* the counts, the assisted one apart */
            save_record_assisted(&save, "01.mml", 20 * 60); /* hidden by its own gold */
            s = SCREEN_TITLE;
        }
        if (strcmp(what, "night") == 0) {
            static night_t night;
            static save_night_t rival;
            night_start(&night, 9);
            for (int i = 0; i < 3; i++) {
                night_begin_level(&night, campaign[i].time_s, campaign[i].par_s);
                night.splits[i].spent = 1500 + i * 400;
                night.splits[i].left = 2400 - i * 300;
                snprintf(rival.splits[i].id, sizeof rival.splits[i].id, "%s", campaign[i].id);
                rival.splits[i].left = 2300 - i * 200;
            }
            night.level = 2;
            night.status = NIGHT_BETWEEN;
            rival.count = 9;
            ctx.night = &night;
            ctx.night_rival = &rival;
            ctx.night_on = true;
            if (!lv) {
                fprintf(stderr, "test_screens: night needs a level\n");
                return 2;
            }
            s = SCREEN_RESULTS;
        }
    } else if (strcmp(what, "controls") == 0) {
        s = SCREEN_CONTROLS;
        ctx.options_return = SCREEN_SELECT;
        ctx.controls_sel = 4;
        input_bind_t other;
        input_bind_assign(&devices.binds, BIND_SPRINT, INPUT_DEV_KEYBOARD, SDL_SCANCODE_LSHIFT,
                          &other);
        snprintf(ctx.controls_msg, sizeof ctx.controls_msg, "Sprint: Left Shift.");
        ctx.controls_msg_frame = ctx.frame;
    } else {
        fprintf(stderr, "test_screens: unknown screen '%s' (or its level is missing)\n", what);
        return 2;
    }

    static assets_t assets;
    SDL_Surface *target;
    static text_cache_t text;
    SDL_Renderer *r = golden_open(&assets, data, &target, &text);
    if (!r) return 1;
    static render_t rd;
    if (large) settings.large_text = true;
    text.large_menus = settings.large_text;
    render_init(&rd, r, &assets, &text);
    if (pad) rd.prompts = &devices; /* the HUD names the pad too */
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
