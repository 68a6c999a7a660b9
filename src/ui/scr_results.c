/* The results: the win's panel, or the flash and "try again"; in a night
 * run the night's splits (ui/night_results.c). */
#include <stdio.h>

#include "platform/input.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

static const char loss_prompt[] = "R or Enter: try again   Esc: menu";

static const char *win_prompt(const ui_ctx_t *ctx)
{
    if (ctx->campaign_index >= 0) return "Enter next level   R retry   Esc menu";
#if defined(__EMSCRIPTEN__)
    return "Enter or R play again   Esc title"; /* a page has nowhere to quit to */
#else
    return "Enter or R play again   Esc quit";
#endif
}

static void results_enter(ui_ctx_t *ctx)
{
    audio_play_music(ctx->audio, MUSIC_RESULTS); /* under the win or the flash */
}

static void results_actions(ui_ctx_t *ctx, uint32_t a)
{
    if (ctx->screen_frame < 20) return; /* a held key from play must not skip this */
    if (ctx->night_on) {
        if (a & ACT_BACK) {
            ui_request(ctx, UI_REQ_BACK_TO_MENU, 0);
        } else if (ctx->night->status == NIGHT_BETWEEN && (a & ACT_CONFIRM)) {
            ui_request(ctx, UI_REQ_NIGHT_NEXT, 0);
        } else if (ctx->night->status != NIGHT_BETWEEN && (a & (ACT_CONFIRM | ACT_RESTART))) {
            ui_request(ctx, UI_REQ_NIGHT_BEGIN, 0); /* another night from the start */
        }
        return;
    }
    if (a & ACT_RESTART) {
        ui_request(ctx, UI_REQ_RESTART, 0);
    } else if (a & ACT_BACK) {
        ui_request(ctx, UI_REQ_BACK_TO_MENU, 0);
    } else if (a & ACT_CONFIRM) {
        bool won = ctx->game->status == GAME_WON && ctx->campaign_index >= 0;
        int next = ctx->campaign_index + 1;
        if (won && next < ctx->campaign_count) /* the campaign goes on */
            ui_request(ctx, UI_REQ_START_LEVEL, next);
        else if (won)
            ui_request(ctx, UI_REQ_BACK_TO_MENU, 0);
        else
            ui_request(ctx, UI_REQ_RESTART, 0);
    }
}

static void results_draw(ui_ctx_t *ctx)
{
    if (ctx->night_on) {
        night_results_draw(ctx);
        return;
    }
    const game_t *g = ctx->game;
    render_world(ctx->render, g, ctx->frame);
    text_cache_t *t = ctx->text;
    font_id_t fm = text_menu_font(t, FONT_MEDIUM), fs = text_menu_font(t, FONT_SMALL);
    char line[128], a[24], b[24];
    if (g->status == GAME_WON) {
        render_fill(ctx->render, 0, 0, RENDER_W, RENDER_H, (SDL_Color){6, 2, 20, 140});
        int half = t->large_menus ? 200 : 130;
        ui_panel(ctx, RENDER_W / 2 - half, 40, 2 * half, 170);
        text_draw_shadow(t, FONT_LARGE, "Julie!", RENDER_W / 2, 48, col_neon, TEXT_CENTRE);
        if (g->overrun > 0 && g->ticks_left == 0) {
            /* No-fail: won after the clock ran out, by this much. */
            ui_format_ticks(a, sizeof a, g->overrun);
            snprintf(line, sizeof line, "over by  %s", a);
            text_draw_shadow(t, FONT_CLOCK, line, RENDER_W / 2, 86, RENDER_OVERRUN_COLOUR,
                             TEXT_CENTRE);
        } else {
            ui_format_ticks(a, sizeof a, g->ticks_left);
            snprintf(line, sizeof line, "time left  %s", a);
            text_draw_shadow(t, FONT_CLOCK, line, RENDER_W / 2, 86, col_amber, TEXT_CENTRE);
        }
        if (g->assisted) /* marked, and its best kept apart */
            text_draw_shadow(t, fs, "with assists", RENDER_W / 2 + half - 8, 46, col_cyan,
                             TEXT_RIGHT);
        ui_format_ticks(a, sizeof a, game_ticks_used(g));
        int32_t best = g->assisted ? save_best_assisted(ctx->save, ctx->level_id)
                                   : save_best(ctx->save, ctx->level_id);
        ui_format_ticks(b, sizeof b, best > 0 ? best : game_ticks_used(g));
        snprintf(line, sizeof line, "your time %s    %s %s", a,
                 g->assisted ? "assisted best" : "best", b);
        text_draw(t, fm, line, RENDER_W / 2, 116, col_text, TEXT_CENTRE);
        snprintf(line, sizeof line, "par %d:%02d", (int)(g->level->par_s / 60),
                 (int)(g->level->par_s % 60));
        bool under_par = game_ticks_used(g) <= g->level->par_s * GAME_TICK_HZ;
        text_draw(t, fm, line, RENDER_W / 2, 134, under_par ? col_cyan : col_dim, TEXT_CENTRE);
        if (under_par) render_sprite(ctx->render, ctx->render->icon_star, RENDER_W / 2 + 36, 132);
        if (ctx->new_best)
            text_draw_shadow(t, fm, g->assisted ? "New assisted best!" : "New best time!",
                             RENDER_W / 2, 154, col_neon, TEXT_CENTRE);
        if (ctx->save_warning[0])
            text_draw(t, fs, ctx->save_warning, RENDER_W / 2, 172, col_amber, TEXT_CENTRE);
        text_draw(t, fs, win_prompt(ctx), RENDER_W / 2, 190, col_dim, TEXT_CENTRE);
    } else {
        /* The flash: full white, fading over a second to show the ruin
         * (with no-flash on, a slow pale fade instead). */
        int f = (int)ctx->screen_frame;
        int a_white = render_flash_white(ctx->render, (uint32_t)f, 20, 60, 55);
        render_fill(ctx->render, 0, 0, RENDER_W, RENDER_H,
                    (SDL_Color){255, 250, 240, (Uint8)a_white});
        if (f >= 40) {
            ui_panel(ctx, RENDER_W / 2 - 160, 80, 320, 90);
            text_draw_shadow(t, FONT_LARGE, "You did not make it.", RENDER_W / 2, 92, col_text,
                             TEXT_CENTRE);
            text_draw(t, fm, loss_prompt, RENDER_W / 2, 136, col_amber, TEXT_CENTRE);
        }
    }
}

/* A click on a key of the prompt is that key. */
static uint32_t results_pointer(ui_ctx_t *ctx, int x, int y, bool click)
{
    if (!click) return 0;
    if (ctx->night_on) return night_results_pointer(ctx, x, y);
    if (ctx->game->status == GAME_WON)
        return ui_prompt_at(ctx, text_menu_font(ctx->text, FONT_SMALL), win_prompt(ctx),
                            RENDER_W / 2, 190, TEXT_CENTRE, x, y);
    if (ctx->screen_frame < 40) return 0; /* the flash, not yet its panel */
    return ui_prompt_at(ctx, text_menu_font(ctx->text, FONT_MEDIUM), loss_prompt, RENDER_W / 2, 136,
                        TEXT_CENTRE, x, y);
}

const screen_ops_t scr_results_ops = {.enter = results_enter,
                                      .actions = results_actions,
                                      .draw = results_draw,
                                      .pointer = results_pointer};
