/* The title: the Mile at night, the missiles' trails, two ways to play. */
#include <stdio.h>

#include "platform/input.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

static void title_enter(ui_ctx_t *ctx)
{
    audio_play_music(ctx->audio, MUSIC_TITLE);
}

static void title_actions(ui_ctx_t *ctx, uint32_t a)
{
    if (a & ACT_BACK) {
        ui_request(ctx, UI_REQ_QUIT, 0);
    } else if (a & (ACT_UP | ACT_DOWN)) {
        ctx->title_sel = !ctx->title_sel;
        audio_play_cue(ctx->audio, CUE_SELECT);
    } else if (ctx->title_sel == 1 && (a & ACT_ANY)) {
        bool open = ui_night_unlocked(ctx);
        audio_play_cue(ctx->audio, open ? CUE_CONFIRM : CUE_BUMP);
        if (open) ui_request(ctx, UI_REQ_NIGHT_BEGIN, 0);
    } else if (a & ACT_ANY) {
        audio_play_cue(ctx->audio, CUE_CONFIRM);
        /* The select opens on the furthest level open. */
        ctx->menu_sel = 0;
        for (int i = 0; i < ctx->campaign_count; i++)
            if (ui_level_unlocked(ctx, i)) ctx->menu_sel = i;
        ui_go(ctx, SCREEN_SELECT);
    }
}

static void title_picture(ui_ctx_t *ctx)
{
    ui_backdrop_still(ctx);
    text_cache_t *t = ctx->text;
    render_t *rd = ctx->render;
    /* Two thin trails climbing out of the west: the missiles are flying. */
    for (int m = 0; m < 2; m++) {
        int len = (int)(ctx->frame / 3 % 400);
        for (int i = 0; i < len && i < 160; i++) {
            int x = 12 + m * 30 + i, y = 150 - i * i / 300 - m * 8;
            render_fill(rd, x, y, 1, 1, (SDL_Color){255, 220, 230, (Uint8)(30 + i / 4)});
        }
    }
    /* The title in neon: a soft glow behind, then the tubes. */
    render_glow(rd, RENDER_W / 2, 58, 120, (SDL_Color){255, 40, 200, 60});
    text_draw_shadow(t, FONT_LARGE, "MIRACLE MILE", RENDER_W / 2, 42, col_neon, TEXT_CENTRE);
    text_draw_shadow(t, FONT_MEDIUM, "Los Angeles, 4:05 a.m.", RENDER_W / 2, 76, col_cyan,
                     TEXT_CENTRE);
    text_draw_shadow(t, FONT_SMALL,
                     "A payphone rings outside Johnnie's. Wrong number: the missiles are flying.",
                     RENDER_W / 2, 98, col_text, TEXT_CENTRE);
    text_draw_shadow(t, FONT_SMALL, "Seventy minutes. Cross the Mile. Find Julie.", RENDER_W / 2,
                     110, col_text, TEXT_CENTRE);
    /* Two ways to play; the whole night opens once every level is won. */
    bool night_open = ui_night_unlocked(ctx);
    static const char *const ways[2] = {"The Mile", "The whole night"};
    for (int i = 0; i < 2; i++) {
        bool sel = ctx->title_sel == i;
        bool blink = sel && (ctx->frame / 30) % 2 == 1 && ctx->screen_frame >= 30;
        SDL_Color c =
            sel ? (blink ? col_text : col_amber) : (i == 1 && !night_open ? col_dim : col_text);
        char label[48];
        snprintf(label, sizeof label, sel ? "> %s <" : "%s", ways[i]);
        int w = text_draw_shadow(t, FONT_MEDIUM, label, RENDER_W / 2, 128 + i * 18, c, TEXT_CENTRE);
        if (i == 1 && !night_open)
            render_sprite(rd, rd->icon_lock, RENDER_W / 2 + w / 2 + 2, 128 + i * 18 - 3);
    }
    if (ctx->title_sel == 1) {
        char line[96], tb[24];
        snprintf(line, sizeof line, "Every level on one clock: what is left carries on.");
        if (ctx->save->night.count > 0) {
            ui_format_ticks(tb, sizeof tb, ctx->save->night.score);
            snprintf(line, sizeof line, "Every level on one clock. Best night: %s left.", tb);
        }
        text_draw_shadow(t, FONT_SMALL,
                         night_open ? line
                                    : "Locked: reach Julie in every level of the Mile first.",
                         RENDER_W / 2, 166, night_open ? col_cyan : col_text, TEXT_CENTRE);
    }
}

/* All but the backdrop's cars is kept as a picture while nothing in it
 * changes: the backdrop's key, the trails' length (every third frame while
 * they climb), the chosen way and its blink, the whole night's state. The
 * cars pass below all of it, so they are drawn over it, last. */
static void title_draw(ui_ctx_t *ctx)
{
    uint32_t len = ctx->frame / 3 % 400;
    bool blink = (ctx->frame / 30) % 2 == 1 && ctx->screen_frame >= 30;
    uint64_t key = ui_backdrop_key(ctx) | (uint64_t)(len < 160 ? len : 160) << 12 |
                   (uint64_t)blink << 24 | (uint64_t)(ctx->title_sel & 3) << 25 |
                   (uint64_t)ui_night_unlocked(ctx) << 27 |
                   (uint64_t)(ctx->save->night.count > 0) << 28 |
                   (uint64_t)(uint32_t)ctx->save->night.score << 32;
    render_t *rd = ctx->render;
    if (render_still_begin(rd, &rd->title, key)) {
        title_picture(ctx);
        render_still_end(rd, &rd->title);
    }
    ui_backdrop_cars(ctx);
}

const screen_ops_t scr_title_ops = {title_enter, title_actions, NULL, title_draw};
