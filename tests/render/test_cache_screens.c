/* The screens' kept pictures against a full redraw: draws a screen frame
 * by frame from FROM to TO with one renderer that keeps its pictures (the
 * title's parts, the results' and the card's pictures) and one that draws
 * everything every frame (render_cache_t.off), from the same context,
 * into the same kind of picture, and compares every pixel: they must be
 * equal. Halfway through, something the picture shows changes (the
 * title's chosen way, a line the results add, the assists' chosen row
 * and their size in the larger menu text),
 * and five frames later something else (the card's number, the night's
 * best run), so a key that leaves either out fails. And the kept
 * picture must have been used: copied as it was, or (the title) redrawn
 * only in its parts.
 *
 *   test_cache_screens DATA SCREEN FROM TO [LEVEL [REPLAY]]
 *
 * SCREEN: title; results-win (LEVEL won by REPLAY's inputs; the screen's
 * time is the frame), results-loss (LEVEL's clock run out); card (the
 * card before LEVEL; its time is the frame); night (the night's results
 * after LEVEL won by REPLAY); assists (the assists' page over LEVEL). The
 * level under a screen is drawn at the frame FROM by both, as the kept
 * picture of it shows it (the world as it was when the screen opened). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "game/game.h"
#include "game/replay.h"
#include "golden.h"
#include "platform/assets.h"
#include "platform/race.h"
#include "platform/render.h"
#include "ui/screen.h"

static bool play_replay(game_t *g, const char *path)
{
    replay_t *r = golden_load_replay(path);
    if (!r) return false;
    for (int32_t i = 0; i < r->count && g->status == GAME_PLAYING; i++) {
        input_t in = {r->inputs[i]};
        game_tick(g, &in);
    }
    replay_destroy(r);
    return g->status == GAME_WON;
}

/* The screen drawn into a target texture, as the app draws its picture,
 * and read back into px. */
static void draw(ui_ctx_t *ctx, render_t *rd, SDL_Texture *picture, Uint32 *px)
{
    ctx->render = rd;
    SDL_SetRenderTarget(rd->r, picture);
    SDL_SetRenderDrawColor(rd->r, 0, 0, 0, 255);
    SDL_RenderClear(rd->r);
    screen_ops(ctx->screen)->draw(ctx);
    SDL_RenderReadPixels(rd->r, NULL, SDL_PIXELFORMAT_RGBA32, px, RENDER_W * 4);
    SDL_SetRenderTarget(rd->r, NULL);
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: test_cache_screens DATA SCREEN FROM TO [LEVEL [REPLAY]]\n");
        return 2;
    }
    const char *data = argv[1], *what = argv[2];
    int from = atoi(argv[3]), to = atoi(argv[4]);
    static game_t g;
    static save_t save;
    static settings_t settings;
    static campaign_entry_t campaign[2];
    static race_t race;
    static race_result_t result;
    static night_t night;
    static save_night_t rival;
    char err[256];
    save_init(&save);
    settings_default(&settings);
    race_init(&race);
    level_t *lv = argc > 5 ? golden_load_level(argv[5]) : NULL;
    if (lv) game_init(&g, lv);
    snprintf(campaign[0].id, sizeof campaign[0].id, "level");
    snprintf(campaign[1].id, sizeof campaign[1].id, "next");
    snprintf(campaign[1].name, sizeof campaign[1].name, "The next one");
    campaign[1].time_s = 60;

    ui_ctx_t ctx = {0};
    ctx.result = &result;
    ctx.settings = &settings;
    ctx.save = &save;
    ctx.save_warning = "";
    ctx.campaign = campaign;
    ctx.game = &g;
    ctx.level = lv;
    ctx.level_id = "level";
    ctx.toast = "";
    ctx.campaign_index = -1;
    ctx.night = &night;
    ctx.night_rival = &rival;
    bool won = false; /* the replay must win */
    if (strcmp(what, "title") == 0) {
        ctx.screen = SCREEN_TITLE;
    } else if (strcmp(what, "results-win") == 0 && lv && argc > 6) {
        ctx.screen = SCREEN_RESULTS;
        won = true;
        ctx.campaign_index = 0;
        ctx.campaign_count = 1;
    } else if (strcmp(what, "results-loss") == 0 && lv) {
        ctx.screen = SCREEN_RESULTS;
        while (g.status == GAME_PLAYING) {
            input_t in = {0};
            game_tick(&g, &in);
        }
    } else if (strcmp(what, "card") == 0 && lv) {
        ctx.screen = SCREEN_CARD;
        ctx.campaign_index = 0;
        ctx.campaign_count = 2;
    } else if (strcmp(what, "night") == 0 && lv && argc > 6) {
        ctx.screen = SCREEN_RESULTS;
        won = true;
        ctx.night_on = true;
        ctx.campaign_index = 0;
        ctx.campaign_count = 2;
        night_start(&night, 2);
        night_begin_level(&night, lv->time_s, lv->par_s);
    } else if (strcmp(what, "assists") == 0 && lv) {
        ctx.screen = SCREEN_ASSISTS;
        ctx.assists_return = SCREEN_PAUSE;
    } else {
        fprintf(stderr, "test_cache_screens: unknown screen '%s' (or its level is missing)\n",
                what);
        return 2;
    }
    if (won && !play_replay(&g, argv[6])) {
        fprintf(stderr, "test_cache_screens: the replay does not win the level\n");
        return 1;
    }
    if (ctx.night_on) night_level_done(&night, &g);
    if (lv && ctx.screen == SCREEN_RESULTS && !ctx.night_on)
        race_finish(&race, &g, &save, ctx.level_id, &result, err, sizeof err);

    static assets_t assets;
    SDL_Surface *target;
    static text_cache_t text;
    SDL_Renderer *r = golden_open(&assets, data, &target, &text);
    if (!r) return 1;
    static render_t cached, full;
    render_init(&cached, r, &assets, &text);
    render_init(&full, r, &assets, &text);
    full.cache.off = true;
    ctx.text = &text;
    SDL_Texture *picture =
        SDL_CreateTexture(r, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_TARGET, RENDER_W, RENDER_H);
    size_t bytes = (size_t)RENDER_W * RENDER_H * 4;
    Uint32 *want = malloc(bytes), *got = malloc(bytes);
    if (!picture || !want || !got) {
        fprintf(stderr, "cannot draw off screen: %s\n", SDL_GetError());
        return 1;
    }
    render_still_t *kept = ctx.screen == SCREEN_TITLE ? &cached.title : &cached.screen;
    int rc = 0, compared = 0, copied = 0;
    for (int f = from; f <= to; f++) {
        ctx.frame = (uint32_t)f;
        ctx.screen_frame = (uint32_t)f;
        ctx.screen_time = (uint32_t)f;
        if (f == (from + to) / 2) { /* something shown changes */
            ctx.title_sel = 1;
            ctx.assists_sel = 2;
            ctx.text->large_menus = ctx.screen == SCREEN_ASSISTS;
            ctx.save_warning = "This time cannot be saved: the save is full.";
        }
        if (f == (from + to) / 2 + 5) { /* and then something else, apart */
            if (ctx.screen == SCREEN_CARD) ctx.campaign_index = 1; /* its number */
            rival.count = 1; /* the night's best run, level by level */
            snprintf(rival.splits[0].id, sizeof rival.splits[0].id, "level");
            rival.splits[0].left = 20 * GAME_TICK_HZ;
        }
        draw(&ctx, &full, picture, want);
        bool was_valid = kept->valid;
        uint64_t was_key = kept->key;
        draw(&ctx, &cached, picture, got);
        if (was_valid && kept->key == was_key) copied++;
        compared++;
        long bad = 0;
        for (size_t i = 0; i < (size_t)RENDER_W * RENDER_H; i++) bad += want[i] != got[i];
        if (bad) {
            fprintf(stderr, "frame %d: %ld pixels differ between the kept and the full picture\n",
                    f, bad);
            memcpy(target->pixels, got, bytes);
            IMG_SavePNG(target, "cache-screen-kept.png");
            memcpy(target->pixels, want, bytes);
            IMG_SavePNG(target, "cache-screen-full.png");
            rc = 1;
            break;
        }
    }
    printf("%s: %d frames compared; the kept picture used as it was or redrawn in parts %d "
           "times, in parts %u times\n",
           what, compared, copied, (unsigned)kept->n_parts_drawn);
    if (copied == 0) {
        fprintf(stderr, "the kept picture was never used\n");
        rc = 1;
    }
    if (ctx.screen == SCREEN_TITLE && kept->n_parts_drawn == 0) {
        fprintf(stderr, "the title was never redrawn in parts\n");
        rc = 1;
    }
    free(want);
    free(got);
    SDL_DestroyTexture(picture);
    render_free(&cached);
    render_free(&full);
    text_cache_free(&text);
    assets_free(&assets);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(target);
    race_free(&race);
    level_free(lv);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc;
}
