/* The assists' page, from Options or the pause menu: what makes the night
 * easier, any time and with no shame. Its rows are a table, as Options'
 * are; each says in one line what it does. The app gives the level in play
 * the new assists as they change (recorded in the replay at the tick), and
 * a run with any of them on keeps its best apart. */
#include <stdio.h>

#include "game/game.h"
#include "platform/input.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

typedef struct assist_row {
    const char *label;
    const char *help; /* one line under the menu while the row is chosen */
    void (*value)(const ui_ctx_t *ctx, char *buf, size_t cap);
    void (*change)(ui_ctx_t *ctx, int step);
} assist_row_t;

static const char *on_off(bool on)
{
    return on ? "on" : "off";
}

static void clock_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    snprintf(buf, cap, "< %d%% >", ctx->settings->assist_clock);
}

/* v moved by step, going round from one end to the other. */
static int cycle(int v, int step, int lo, int hi, int unit)
{
    v += step * unit;
    if (v > hi) return lo;
    if (v < lo) return hi;
    return v;
}

static void clock_change(ui_ctx_t *ctx, int step)
{
    ctx->settings->assist_clock = cycle(ctx->settings->assist_clock, step, GAME_ASSIST_CLOCK_MIN,
                                        100, GAME_ASSIST_CLOCK_STEP);
}

static void extra_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    snprintf(buf, cap, "< +%d s >", ctx->settings->assist_extra);
}

static void extra_change(ui_ctx_t *ctx, int step)
{
    ctx->settings->assist_extra =
        cycle(ctx->settings->assist_extra, step, 0, GAME_ASSIST_EXTRA_MAX, GAME_ASSIST_EXTRA_STEP);
}

static void no_fail_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", on_off(ctx->settings->assist_no_fail));
}

static void no_fail_change(ui_ctx_t *ctx, int step)
{
    (void)step;
    ctx->settings->assist_no_fail = !ctx->settings->assist_no_fail;
}

static void soft_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", on_off(ctx->settings->assist_soft));
}

static void soft_change(ui_ctx_t *ctx, int step)
{
    (void)step;
    ctx->settings->assist_soft = !ctx->settings->assist_soft;
}

static void all_off_change(ui_ctx_t *ctx, int step)
{
    (void)step;
    ctx->settings->assist_clock = 100;
    ctx->settings->assist_extra = 0;
    ctx->settings->assist_no_fail = false;
    ctx->settings->assist_soft = false;
}

static const assist_row_t rows[] = {
    {"Clock speed", "The clock runs slower: at 50% each second lasts two.", clock_value,
     clock_change},
    {"Extra time", "Seconds added to the clock as each level starts.", extra_value, extra_change},
    {"No-fail", "At zero the clock counts on; Julie can still be reached.", no_fail_value,
     no_fail_change},
    {"Hazards only slow you", "Cars knock you down, patrols hold you, tar holds you: no time lost.",
     soft_value, soft_change},
    {"All assists off", "The night as it was made.", NULL, all_off_change},
};
enum {
    SETTING_ROWS = (int)(sizeof rows / sizeof rows[0]),
    ROW_BACK = SETTING_ROWS,
    ROW_COUNT = SETTING_ROWS + 1,
};

static void assists_enter(ui_ctx_t *ctx)
{
    ctx->assists_sel = 0;
}

static void assists_actions(ui_ctx_t *ctx, uint32_t a)
{
    int step, row = ui_setting_rows_actions(ctx, &ctx->assists_sel, SETTING_ROWS, a, &step);
    if (row == UI_ROWS_BACK) {
        ui_request(ctx, UI_REQ_CLOSE_ASSISTS, 0);
        return;
    }
    if (row < 0) return;
    rows[row].change(ctx, step);
    ctx->settings_changed = true; /* the app gives them to the level in play */
    audio_play_cue(ctx->audio, CUE_SELECT);
}

/* Whether the page is over a level that is paused (from the pause menu, or
 * from Options opened from it). */
static bool over_play(const ui_ctx_t *ctx)
{
    return ctx->level &&
           (ctx->assists_return == SCREEN_PAUSE ||
            (ctx->assists_return == SCREEN_OPTIONS && ctx->options_return == SCREEN_PAUSE));
}

/* Where things go: in the larger size with the large_text setting. */
typedef struct layout {
    font_id_t fm, fs;
    int pitch, small; /* a row's height, a small line's */
    int top, w;       /* the panel's top and width */
    int rows_y;       /* the first row's top */
} layout_t;

static layout_t layout_of(ui_ctx_t *ctx)
{
    text_cache_t *t = ctx->text;
    layout_t l;
    l.fm = text_menu_font(t, FONT_MEDIUM);
    l.fs = text_menu_font(t, FONT_SMALL);
    l.pitch = text_line_height(t, l.fm) + 4;
    if (l.pitch < 20) l.pitch = 20;
    l.small = text_line_height(t, l.fs) + 2;
    l.top = 24;
    l.w = t->large_menus ? 440 : 340;
    l.rows_y = l.top + 42;
    return l;
}

static const char assists_prompt[] = "{leftright} change   {pause} back"; /* ui_prompt's keys */

/* Where the keys line is: under the rows, the help and the note. */
static int prompt_y(const layout_t *l)
{
    return l->rows_y + ROW_COUNT * l->pitch + 2 + 2 * l->small;
}

static void assists_draw(ui_ctx_t *ctx)
{
    bool in_play = over_play(ctx);
    text_cache_t *t = ctx->text;
    layout_t l = layout_of(ctx);
    int sel = ctx->assists_sel;
    int h = prompt_y(&l) + l.small + 8 - l.top;
    if (in_play) { /* the level as the page opened over it, and the panel, kept */
        ui_world_panel(ctx, (SDL_Color){6, 2, 20, 170}, RENDER_W / 2 - l.w / 2, l.top, l.w, h);
    } else {
        ui_backdrop(ctx);
        ui_panel(ctx, RENDER_W / 2 - l.w / 2, l.top, l.w, h);
    }
    text_draw_shadow(t, FONT_LARGE, "Assists", RENDER_W / 2, l.top + 6, col_neon, TEXT_CENTRE);
    for (int i = 0; i < ROW_COUNT; i++) {
        char line[96], value[32];
        if (i < SETTING_ROWS && rows[i].value) {
            rows[i].value(ctx, value, sizeof value);
            snprintf(line, sizeof line, "%s   %s", rows[i].label, value);
        } else {
            snprintf(line, sizeof line, "%s", i < SETTING_ROWS ? rows[i].label : "Back");
        }
        text_draw(t, l.fm, line, RENDER_W / 2, l.rows_y + i * l.pitch,
                  i == sel ? col_amber : col_text, TEXT_CENTRE);
    }
    int y = l.rows_y + ROW_COUNT * l.pitch + 2;
    const char *help = sel >= 0 && sel < SETTING_ROWS ? rows[sel].help : "";
    /* Extra time waits for the next try once the clock has begun. */
    if (sel == 1 && in_play && ctx->game->clock_running)
        help = "Seconds added as each level starts: from the next try.";
    text_draw(t, l.fs, help, RENDER_W / 2, y, col_cyan, TEXT_CENTRE);
    text_draw(t, l.fs, "Any time, no shame: a run with assists keeps its own best.", RENDER_W / 2,
              y + l.small, col_dim, TEXT_CENTRE);
    ui_prompt_draw(ctx, l.fs, assists_prompt, RENDER_W / 2, prompt_y(&l), col_dim, TEXT_CENTRE);
}

/* The mouse, as in Options: the row under it is chosen; a click on its left
 * half turns it down (Left), on its right half up (Right); on Back, back. */
static uint32_t assists_pointer(ui_ctx_t *ctx, int x, int y, bool click)
{
    layout_t l = layout_of(ctx);
    for (int i = 0; i < ROW_COUNT; i++)
        if (ui_in(x, y, RENDER_W / 2 - l.w / 2 + 2, l.rows_y - 3 + i * l.pitch, l.w - 4, l.pitch)) {
            ui_hover(ctx, &ctx->assists_sel, i);
            if (!click) return 0;
            if (i == ROW_BACK) return ACT_ANY | ACT_CONFIRM;
            return ACT_ANY | (x < RENDER_W / 2 ? ACT_LEFT : ACT_RIGHT);
        }
    return click ? ui_prompt_at(ctx, l.fs, assists_prompt, RENDER_W / 2, prompt_y(&l), TEXT_CENTRE,
                                x, y)
                 : 0;
}

const screen_ops_t scr_assists_ops = {.enter = assists_enter,
                                      .actions = assists_actions,
                                      .draw = assists_draw,
                                      .pointer = assists_pointer};
