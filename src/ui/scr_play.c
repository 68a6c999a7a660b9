/* Play: the world and the HUD (the rules run in the app's loop). */
#include <stdio.h>

#include "platform/input.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

static void play_enter(ui_ctx_t *ctx)
{
    audio_play_music(ctx->audio, MUSIC_LEVEL);
}

static void play_actions(ui_ctx_t *ctx, uint32_t a)
{
    if (a & ACT_RESTART) {
        ui_request(ctx, UI_REQ_RETRY, 0);
    } else if (a & ACT_BACK) {
        audio_play_cue(ctx->audio, CUE_PAUSE);
        ui_request(ctx, UI_REQ_PAUSE, 0);
    }
}

static void play_draw(ui_ctx_t *ctx)
{
    render_world(ctx->render, ctx->game, ctx->frame);
    render_ghost(ctx->render, ctx->game, ctx->ghost, ctx->frame);
    render_hud(ctx->render, ctx->game);
    if (ctx->night_on) { /* under the level's name */
        char tag[48];
        snprintf(tag, sizeof tag, "The whole night  %d / %d", (int)ctx->night->level + 1,
                 (int)ctx->night->level_count);
        text_draw_shadow(ctx->text, FONT_SMALL, tag, 6, 16, col_neon, TEXT_LEFT);
    }
    if (ctx->toast[0] && ctx->frame - ctx->toast_frame < 120)
        text_draw_shadow(ctx->text, FONT_MEDIUM, ctx->toast, RENDER_W / 2, 40, col_cyan,
                         TEXT_CENTRE);
}

const screen_ops_t scr_play_ops = {.enter = play_enter, .actions = play_actions, .draw = play_draw};
