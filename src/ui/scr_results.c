/* The results: the win's panel, or the flash and "try again"; in a night
 * run the night's splits (ui/night_results.c). */
#include <stdio.h>

#include "platform/input.h"
#include "ui/race_results.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

/* The prompts as ui_prompt's templates: the player's keys on the last device. */
static const char loss_prompt[] = "{restart|confirm}: try again   {pause}: menu";
/* A test-play from the editor goes back to it, however it is left. */
static const char test_loss_prompt[] = "{restart|confirm}: try again   {pause}: the editor";

static const char *win_prompt(const ui_ctx_t *ctx)
{
    if (ctx->editor_testing) return "{restart} retry   {confirm|pause} back to the editor";
    /* The next level only where there is one: the campaign's, not the last. */
    if (ctx->campaign_index >= 0 && ctx->campaign_index + 1 < ctx->campaign_count)
        return "{confirm} next level   {restart} retry   {pause} menu";
    if (ctx->campaign_index >= 0) return "{restart} retry   {confirm|pause} map";
#if defined(__EMSCRIPTEN__)
    return "{confirm|restart} play again   {pause} title"; /* a page has nowhere to quit to */
#else
    return "{confirm|restart} play again   {pause} quit";
#endif
}

static void results_enter(ui_ctx_t *ctx)
{
    audio_play_music(ctx->audio, MUSIC_RESULTS); /* under the win or the flash */
}

/* The time the results are drawn at: the reunion skipped by a key. */
static uint32_t results_time(const ui_ctx_t *ctx)
{
    return ctx->screen_time + ctx->results_skip;
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
    /* A key in the reunion skips to the panel (R still retries at once). */
    if (ctx->result->won && results_time(ctx) < RACE_RESULTS_REUNION && !(a & ACT_RESTART)) {
        if (a & ACT_ANY) ctx->results_skip = RACE_RESULTS_REUNION - ctx->screen_time;
        return;
    }
    if (a & ACT_RESTART) {
        ui_request(ctx, UI_REQ_RESTART, 0);
    } else if (a & ACT_BACK) {
        ui_request(ctx, UI_REQ_BACK_TO_MENU, 0);
    } else if ((a & ACT_CONFIRM) && ctx->editor_testing && ctx->result->won) {
        ui_request(ctx, UI_REQ_BACK_TO_MENU, 0); /* the app takes it back to the editor */
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

/* The level's results (ui/race_results.c): the reunion, then the panel;
 * or the flash and how close the run came. */
static void results_view(const ui_ctx_t *ctx, race_results_view_t *v, char *prompt, size_t cap)
{
    v->game = ctx->game;
    v->res = ctx->result;
    v->t = ctx->result->won ? results_time(ctx) : ctx->screen_frame;
    const char *lost = ctx->editor_testing ? test_loss_prompt : loss_prompt;
    v->prompt = ui_prompt(ctx, ctx->result->won ? win_prompt(ctx) : lost, prompt, cap);
    v->test_run = ctx->editor_testing;
    v->save_warning = ctx->save_warning;
    v->large = ctx->text->large_menus;
    medal_times(ctx->game->level, &v->medals);
}

static void results_draw(ui_ctx_t *ctx)
{
    if (ctx->night_on) {
        night_results_draw(ctx);
        return;
    }
    race_results_view_t v;
    char prompt[160];
    results_view(ctx, &v, prompt, sizeof prompt);
    race_results_draw(ctx->render, ctx->text, &v);
}

/* A click on a key of the prompt is that key. */
static uint32_t results_pointer(ui_ctx_t *ctx, int x, int y, bool click)
{
    if (!click) return 0;
    if (ctx->night_on) return night_results_pointer(ctx, x, y);
    race_results_view_t v;
    char prompt[160];
    results_view(ctx, &v, prompt, sizeof prompt);
    font_id_t f;
    int px, py;
    /* Not in the reunion (a click skips it, as a key does) nor the flash. */
    if (!race_results_prompt_at(&v, &f, &px, &py)) return ctx->result->won ? ACT_ANY : 0;
    return ui_prompt_at(ctx, f, v.prompt, px, py, TEXT_CENTRE, x, y);
}

const screen_ops_t scr_results_ops = {.enter = results_enter,
                                      .actions = results_actions,
                                      .draw = results_draw,
                                      .pointer = results_pointer};
