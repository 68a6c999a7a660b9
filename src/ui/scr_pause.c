/* The pause menu over the level, still. Its rows are a table: a new row is
 * one line in rows[] and the menu's size follows. */
#include <stdio.h>

#include "platform/input.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

typedef struct pause_row {
    const char *label;
    void (*choose)(ui_ctx_t *ctx); /* Enter on the row (the music already back on) */
} pause_row_t;

static void choose_resume(ui_ctx_t *ctx)
{
    ui_request(ctx, UI_REQ_RESUME, 1);
}

static void choose_restart(ui_ctx_t *ctx)
{
    ui_request(ctx, UI_REQ_RETRY, 0);
}

static void choose_options(ui_ctx_t *ctx)
{
    audio_pause_music(ctx->audio, true); /* the level's music rests under Options */
    ui_request(ctx, UI_REQ_OPTIONS, 0);
}

static void choose_quit(ui_ctx_t *ctx)
{
    ui_request(ctx, UI_REQ_QUIT_LEVEL, 0);
}

static void choose_assists(ui_ctx_t *ctx)
{
    audio_pause_music(ctx->audio, true); /* as under Options */
    ui_request(ctx, UI_REQ_ASSISTS, 0);
}

/* A copy of the level in the editor (saving puts it in the player's own
 * levels); while test-playing the editor's level, back to the editor. */
static void choose_edit(ui_ctx_t *ctx)
{
    ui_request(ctx, UI_REQ_EDITOR_EDIT, 0);
}

/* Leaving the level comes last, where players look for it. */
static const pause_row_t rows[] = {
    {"Resume", choose_resume},   {"Restart", choose_restart},      {"Assists", choose_assists},
    {"Options", choose_options}, {"Edit this level", choose_edit}, {"Quit to menu", choose_quit},
};
enum { ROW_COUNT = (int)(sizeof rows / sizeof rows[0]) };

static void pause_actions(ui_ctx_t *ctx, uint32_t a)
{
    if (a & ACT_BACK) {
        audio_pause_music(ctx->audio, false);
        ui_request(ctx, UI_REQ_RESUME, 0);
    } else if (a & ACT_RESTART) {
        audio_pause_music(ctx->audio, false);
        ui_request(ctx, UI_REQ_RETRY, 0);
    } else if ((a & ACT_UP) && ctx->pause_sel > 0) {
        ctx->pause_sel--;
        audio_play_cue(ctx->audio, CUE_SELECT);
    } else if ((a & ACT_DOWN) && ctx->pause_sel + 1 < ROW_COUNT) {
        ctx->pause_sel++;
        audio_play_cue(ctx->audio, CUE_SELECT);
    } else if ((a & ACT_CONFIRM) && ctx->pause_sel >= 0 && ctx->pause_sel < ROW_COUNT) {
        audio_pause_music(ctx->audio, false);
        rows[ctx->pause_sel].choose(ctx);
    }
}

/* The rows' font and spacing: the larger size when the large_text setting
 * is on, rows further apart. */
static int row_pitch(ui_ctx_t *ctx)
{
    int pitch = text_line_height(ctx->text, text_menu_font(ctx->text, FONT_MEDIUM)) + 3;
    return pitch < 20 ? 20 : pitch;
}

static int panel_half(const ui_ctx_t *ctx)
{
    return ctx->text->large_menus ? 100 : 80;
}

/* The panel's top: high on the screen, and higher when the rows are many. */
static int panel_y(ui_ctx_t *ctx)
{
    int h = 60 + ROW_COUNT * row_pitch(ctx), y = (RENDER_H - h) / 2;
    return y > 64 ? 64 : y;
}

static void pause_draw(ui_ctx_t *ctx)
{
    /* The level as it was when the pause opened, drawn once. */
    render_world_still(ctx->render, ctx->game, ctx->ghost, ctx->frame, true,
                       (SDL_Color){6, 2, 20, 150});
    text_cache_t *t = ctx->text;
    font_id_t fm = text_menu_font(t, FONT_MEDIUM);
    int pitch = row_pitch(ctx), half = panel_half(ctx);
    int h = 60 + ROW_COUNT * pitch, y = panel_y(ctx); /* sized to its rows */
    ui_panel(ctx, RENDER_W / 2 - half, y, 2 * half, h);
    text_draw_shadow(t, FONT_LARGE, "Paused", RENDER_W / 2, y + 14, col_neon, TEXT_CENTRE);
    for (int i = 0; i < ROW_COUNT; i++) {
        SDL_Color c = i == ctx->pause_sel ? col_amber : col_text;
        char label[48];
        const char *name = rows[i].choose == choose_edit && ctx->editor_testing
                               ? "Back to the editor"
                               : rows[i].label;
        snprintf(label, sizeof label, i == ctx->pause_sel ? "> %s <" : "%s", name);
        text_draw(t, fm, label, RENDER_W / 2, y + 54 + i * pitch, c, TEXT_CENTRE);
    }
}

static uint32_t pause_pointer(ui_ctx_t *ctx, int x, int y, bool click)
{
    int pitch = row_pitch(ctx), half = panel_half(ctx);
    for (int i = 0; i < ROW_COUNT; i++)
        if (ui_in(x, y, RENDER_W / 2 - half + 2, panel_y(ctx) + 51 + i * pitch, 2 * half - 4,
                  pitch)) {
            ui_hover(ctx, &ctx->pause_sel, i);
            return click ? ACT_ANY | ACT_CONFIRM : 0;
        }
    return 0;
}

const screen_ops_t scr_pause_ops = {
    .actions = pause_actions, .draw = pause_draw, .pointer = pause_pointer};
