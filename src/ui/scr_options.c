/* Options, from the level select or the pause menu. Its rows are a table:
 * a new setting is one row in rows[] (its label, a line saying what it
 * does, how its value reads, how Left/Right change it); "Back" always
 * follows them, and the panel grows, then scrolls, with the rows. */
#include <stdio.h>

#include "platform/input.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

typedef struct option_row {
    const char *label;
    const char *help; /* one line under the menu while the row is chosen; NULL: none */
    /* The value as it reads after the label; NULL: the label alone. */
    void (*value)(const ui_ctx_t *ctx, char *buf, size_t cap);
    /* Left (-1), Right or Enter (+1). The app applies the settings after it. */
    void (*change)(ui_ctx_t *ctx, int step);
} option_row_t;

static int clamp_volume(int v)
{
    return v < 0 ? 0 : (v > SETTINGS_VOLUME_MAX ? SETTINGS_VOLUME_MAX : v);
}

static void music_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    snprintf(buf, cap, "< %d >", ctx->settings->music_volume);
}

static void music_change(ui_ctx_t *ctx, int step)
{
    ctx->settings->music_volume = clamp_volume(ctx->settings->music_volume + step);
}

static void sfx_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    snprintf(buf, cap, "< %d >", ctx->settings->sfx_volume);
}

static void sfx_change(ui_ctx_t *ctx, int step)
{
    ctx->settings->sfx_volume = clamp_volume(ctx->settings->sfx_volume + step);
}

static void mute_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", ctx->settings->muted ? "on" : "off");
}

static void mute_change(ui_ctx_t *ctx, int step)
{
    (void)step;
    ctx->settings->muted = !ctx->settings->muted;
}

static void fullscreen_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", ctx->settings->fullscreen ? "on" : "off");
}

static void fullscreen_change(ui_ctx_t *ctx, int step)
{
    (void)step;
    ctx->settings->fullscreen = !ctx->settings->fullscreen;
}

static const option_row_t rows[] = {
    {"Music volume", NULL, music_value, music_change},
    {"Effects volume", NULL, sfx_value, sfx_change},
    {"Mute (M)", NULL, mute_value, mute_change},
    {"Fullscreen (F11)", NULL, fullscreen_value, fullscreen_change},
};
enum {
    SETTING_ROWS = (int)(sizeof rows / sizeof rows[0]),
    ROW_BACK = SETTING_ROWS, /* "Back", after every setting */
    ROW_COUNT = SETTING_ROWS + 1,
    ROWS_SHOWN = 7, /* what fits on the screen; more scroll */
};

static void options_enter(ui_ctx_t *ctx)
{
    ctx->options_sel = 0;
}

static void options_actions(ui_ctx_t *ctx, uint32_t a)
{
    int step = (a & ACT_LEFT) ? -1 : ((a & ACT_RIGHT) ? 1 : 0);
    if (a & ACT_BACK || ((a & ACT_CONFIRM) && ctx->options_sel == ROW_BACK)) {
        ui_request(ctx, UI_REQ_CLOSE_OPTIONS, 0);
        return;
    }
    if ((a & ACT_UP) && ctx->options_sel > 0) ctx->options_sel--;
    if ((a & ACT_DOWN) && ctx->options_sel + 1 < ROW_COUNT) ctx->options_sel++;
    if (a & (ACT_UP | ACT_DOWN)) audio_play_cue(ctx->audio, CUE_SELECT);
    if (a & ACT_CONFIRM) step = 1;
    if (step == 0 || ctx->options_sel < 0 || ctx->options_sel >= SETTING_ROWS) return;
    rows[ctx->options_sel].change(ctx, step);
    ctx->settings_changed = true;
    audio_play_cue(ctx->audio, CUE_SELECT);
}

static void options_draw(ui_ctx_t *ctx)
{
    if (ctx->options_return == SCREEN_PAUSE && ctx->level) {
        render_world_still(ctx->render, ctx->game, ctx->frame, false, (SDL_Color){6, 2, 20, 170});
    } else {
        ui_backdrop(ctx);
    }
    text_cache_t *t = ctx->text;
    int sel = ctx->options_sel;
    const char *help = sel >= 0 && sel < SETTING_ROWS ? rows[sel].help : NULL;
    int shown = ROW_COUNT < ROWS_SHOWN ? ROW_COUNT : ROWS_SHOWN;
    int first = sel - shown / 2;
    if (first > ROW_COUNT - shown) first = ROW_COUNT - shown;
    if (first < 0) first = 0;
    ui_panel(ctx, RENDER_W / 2 - 120, 50, 240, 60 + shown * 20 + (help ? 12 : 0));
    text_draw_shadow(t, FONT_LARGE, "Options", RENDER_W / 2, 56, col_neon, TEXT_CENTRE);
    for (int i = first; i < first + shown; i++) {
        char line[96], value[48];
        if (i < SETTING_ROWS && rows[i].value) {
            rows[i].value(ctx, value, sizeof value);
            snprintf(line, sizeof line, "%s   %s", rows[i].label, value);
        } else {
            snprintf(line, sizeof line, "%s", i < SETTING_ROWS ? rows[i].label : "Back");
        }
        text_draw(t, FONT_MEDIUM, line, RENDER_W / 2, 96 + (i - first) * 20,
                  i == sel ? col_amber : col_text, TEXT_CENTRE);
    }
    int y = 96 + shown * 20;
    if (first > 0)
        text_draw(t, FONT_SMALL, "more above", RENDER_W / 2 + 112, 80, col_dim, TEXT_RIGHT);
    if (first + shown < ROW_COUNT)
        text_draw(t, FONT_SMALL, "more below", RENDER_W / 2 + 112, y - 8, col_dim, TEXT_RIGHT);
    if (help) {
        text_draw(t, FONT_SMALL, help, RENDER_W / 2, y, col_cyan, TEXT_CENTRE);
        y += 12;
    }
    text_draw(t, FONT_SMALL, "Left/Right change   Esc back", RENDER_W / 2, y, col_dim, TEXT_CENTRE);
}

const screen_ops_t scr_options_ops = {options_enter, options_actions, NULL, options_draw};
