/* The results: the win's panel, or the flash and "try again"; in a night
 * run the night's splits (ui/night_results.c). */
#include <stdio.h>

#include "platform/input.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

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
    text_cache_t *t = ctx->text;
    char line[128], a[24], b[24];
    if (g->status == GAME_WON) {
        /* The level as it ended, drawn once. */
        render_world_still(ctx->render, g, ctx->frame, false, (SDL_Color){6, 2, 20, 140});
        ui_panel(ctx, RENDER_W / 2 - 130, 40, 260, 170);
        text_draw_shadow(t, FONT_LARGE, "Julie!", RENDER_W / 2, 48, col_neon, TEXT_CENTRE);
        ui_format_ticks(a, sizeof a, g->ticks_left);
        snprintf(line, sizeof line, "time left  %s", a);
        text_draw_shadow(t, FONT_CLOCK, line, RENDER_W / 2, 86, col_amber, TEXT_CENTRE);
        ui_format_ticks(a, sizeof a, game_ticks_used(g));
        int32_t best = save_best(ctx->save, ctx->level_id);
        ui_format_ticks(b, sizeof b, best > 0 ? best : game_ticks_used(g));
        snprintf(line, sizeof line, "your time %s    best %s", a, b);
        text_draw(t, FONT_MEDIUM, line, RENDER_W / 2, 116, col_text, TEXT_CENTRE);
        snprintf(line, sizeof line, "par %d:%02d", (int)(g->level->par_s / 60),
                 (int)(g->level->par_s % 60));
        bool under_par = game_ticks_used(g) <= g->level->par_s * GAME_TICK_HZ;
        text_draw(t, FONT_MEDIUM, line, RENDER_W / 2, 134, under_par ? col_cyan : col_dim,
                  TEXT_CENTRE);
        if (under_par) render_sprite(ctx->render, ctx->render->icon_star, RENDER_W / 2 + 36, 132);
        if (ctx->new_best)
            text_draw_shadow(t, FONT_MEDIUM, "New best time!", RENDER_W / 2, 154, col_neon,
                             TEXT_CENTRE);
        if (ctx->save_warning[0])
            text_draw(t, FONT_SMALL, ctx->save_warning, RENDER_W / 2, 172, col_amber, TEXT_CENTRE);
        text_draw(t, FONT_SMALL,
                  ctx->campaign_index >= 0 ? "Enter next level   R retry   Esc menu"
#if defined(__EMSCRIPTEN__)
                                           /* a page has nowhere to quit to */
                                           : "Enter or R play again   Esc title",
#else
                                           : "Enter or R play again   Esc quit",
#endif
                  RENDER_W / 2, 190, col_dim, TEXT_CENTRE);
    } else {
        /* The flash: full white, fading over a second to show the ruin. */
        int f = (int)ctx->screen_frame;
        int a_white = f < 20 ? 255 : (f < 80 ? 255 - (f - 20) * 200 / 60 : 55);
        render_world_still(ctx->render, g, ctx->frame, false,
                           (SDL_Color){255, 250, 240, (Uint8)a_white});
        if (f >= 40) {
            ui_panel(ctx, RENDER_W / 2 - 160, 80, 320, 90);
            text_draw_shadow(t, FONT_LARGE, "You did not make it.", RENDER_W / 2, 92, col_text,
                             TEXT_CENTRE);
            text_draw(t, FONT_MEDIUM, "R or Enter: try again   Esc: menu", RENDER_W / 2, 136,
                      col_amber, TEXT_CENTRE);
        }
    }
}

const screen_ops_t scr_results_ops = {results_enter, results_actions, NULL, results_draw};
