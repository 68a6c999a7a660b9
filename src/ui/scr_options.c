/* Options, from the level select or the pause menu. Its rows are a table:
 * a new setting is one row in rows[] (its label, a line saying what it
 * does, how its value reads, how Left/Right change it); "Back" always
 * follows them, and the panel grows, then scrolls, with the rows. */
#include <stdio.h>
#include <string.h>

#include "platform/input.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

typedef struct option_row {
    const char *label;
    const char *help; /* one line under the rows while the row is chosen; NULL: none */
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

static void ghost_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    static const char *const names[SETTINGS_GHOST_MODES] = {"off", "your best", "expert"};
    int g = ctx->settings->ghost;
    snprintf(buf, cap, "< %s >", g >= 0 && g < SETTINGS_GHOST_MODES ? names[g] : "off");
}

static void ghost_change(ui_ctx_t *ctx, int step)
{
    int g = (ctx->settings->ghost + step + SETTINGS_GHOST_MODES) % SETTINGS_GHOST_MODES;
    ctx->settings->ghost = g;
}

static void controls_change(ui_ctx_t *ctx, int step)
{
    if (step > 0) ui_go(ctx, SCREEN_CONTROLS);
}

/* The assists have a page of their own (ui/scr_assists.c). */
static void assists_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    const settings_t *s = ctx->settings;
    bool any = s->assist_clock != 100 || s->assist_extra || s->assist_no_fail || s->assist_soft;
    snprintf(buf, cap, "%s", any ? "some on" : "off");
}

static void assists_open(ui_ctx_t *ctx, int step)
{
    (void)step; /* Enter, Left, Right or a click: the page */
    ui_request(ctx, UI_REQ_ASSISTS, 0);
}

/* Accessibility. */
static void flash_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", ctx->settings->no_flash ? "slow fade" : "flash");
}

static void flash_change(ui_ctx_t *ctx, int step)
{
    (void)step;
    ctx->settings->no_flash = !ctx->settings->no_flash;
}

static void shake_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", ctx->settings->no_shake ? "off" : "on");
}

static void shake_change(ui_ctx_t *ctx, int step)
{
    (void)step;
    ctx->settings->no_shake = !ctx->settings->no_shake;
}

static void large_value(const ui_ctx_t *ctx, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", ctx->settings->large_text ? "large" : "normal");
}

static void large_change(ui_ctx_t *ctx, int step)
{
    (void)step;
    ctx->settings->large_text = !ctx->settings->large_text;
}

static const option_row_t rows[] = {
    {"Music volume", "How loud the music plays, 0 to 10.", music_value, music_change},
    {"Effects volume", "How loud the sounds of the night are, 0 to 10.", sfx_value, sfx_change},
    {"Mute", "Every sound off, or back on; {mute} does it anywhere.", mute_value, mute_change},
    {"Fullscreen", "The whole screen, or a window; {fullscreen} does it anywhere.",
     fullscreen_value, fullscreen_change},
    {"Ghost", "A see-through Harry to race: your best run, or the expert's.", ghost_value,
     ghost_change},
    {"Controls", "Your own keys and controller buttons for every action.", NULL, controls_change},
    {"Assists", "A slower clock, more time, no fail, gentler hazards.", assists_value,
     assists_open},
    {"The white flash", "A slow, pale fade instead, for eyes that flashes hurt.", flash_value,
     flash_change},
    {"Screen shake", "Off: the screen stays still when a car hits.", shake_value, shake_change},
    {"Menu text", "Larger text in the menus, for a screen far away.", large_value, large_change},
};
enum {
    SETTING_ROWS = (int)(sizeof rows / sizeof rows[0]),
    ROW_BACK = SETTING_ROWS, /* "Back", after every setting */
    ROW_COUNT = SETTING_ROWS + 1,
    ROWS_SHOWN = 7, /* what fits on the screen; more scroll */
};

static void options_enter(ui_ctx_t *ctx)
{
    if (!ctx->options_resume) ctx->options_sel = 0;
    ctx->options_resume = false;
}

static void options_actions(ui_ctx_t *ctx, uint32_t a)
{
    int step, row = ui_setting_rows_actions(ctx, &ctx->options_sel, SETTING_ROWS, a, &step);
    if (row == UI_ROWS_BACK) {
        ui_request(ctx, UI_REQ_CLOSE_OPTIONS, 0);
        return;
    }
    if (row < 0) return;
    rows[row].change(ctx, step);
    ctx->settings_changed = true;
    audio_play_cue(ctx->audio, CUE_SELECT);
}

static const char options_prompt[] = "{leftright} change   {pause} back"; /* ui_prompt's keys */

/* The rows in sight: the first, how many, and the row chosen's help. */
static int first_shown(const ui_ctx_t *ctx, int *shown)
{
    *shown = ROW_COUNT < ROWS_SHOWN ? ROW_COUNT : ROWS_SHOWN;
    int first = ctx->options_sel - *shown / 2;
    if (first > ROW_COUNT - *shown) first = ROW_COUNT - *shown;
    return first < 0 ? 0 : first;
}

static const char *help_of(const ui_ctx_t *ctx)
{
    int sel = ctx->options_sel;
    return sel >= 0 && sel < SETTING_ROWS ? rows[sel].help : NULL;
}

/* Where things go: the menu's fonts, rows and panel, in the larger size
 * (rows further apart, a wider and higher panel) with the large_text
 * setting. */
typedef struct layout {
    font_id_t fm, fs;
    int pitch, small; /* a row's height, a small line's */
    int half, top;    /* the panel's half width and top */
    int rows_y;       /* the first row's top */
} layout_t;

static layout_t layout_of(ui_ctx_t *ctx)
{
    text_cache_t *t = ctx->text;
    layout_t l;
    l.fm = text_menu_font(t, FONT_MEDIUM);
    l.fs = text_menu_font(t, FONT_SMALL);
    l.pitch = text_line_height(t, l.fm) + 3;
    if (l.pitch < 20) l.pitch = 20;
    l.small = text_line_height(t, l.fs) + 2;
    if (l.small < 12) l.small = 12;
    l.half = t->large_menus ? 220 : 120;
    l.top = t->large_menus ? 16 : 50;
    l.rows_y = l.top + 46;
    return l;
}

/* A line for the help under the rows when any row has one (kept whichever
 * row is chosen, so the panel does not jump). */
static int help_room(const layout_t *l)
{
    for (int i = 0; i < SETTING_ROWS; i++)
        if (rows[i].help) return l->small;
    return 0;
}

/* Where the keys line is: under the rows and the help. */
static int prompt_y(ui_ctx_t *ctx)
{
    int shown;
    first_shown(ctx, &shown);
    layout_t l = layout_of(ctx);
    return l.rows_y + shown * l.pitch + help_room(&l);
}

static void options_draw(ui_ctx_t *ctx)
{
    if (ctx->options_return == SCREEN_PAUSE && ctx->level) {
        render_world_still(ctx->render, ctx->game, NULL, ctx->frame, false,
                           (SDL_Color){6, 2, 20, 170});
    } else {
        ui_backdrop(ctx);
    }
    text_cache_t *t = ctx->text;
    layout_t l = layout_of(ctx);
    int sel = ctx->options_sel, shown;
    const char *help = help_of(ctx);
    int first = first_shown(ctx, &shown);
    ui_panel(ctx, RENDER_W / 2 - l.half, l.top, 2 * l.half,
             l.rows_y - l.top + shown * l.pitch + help_room(&l) + l.small + 2);
    text_draw_shadow(t, FONT_LARGE, "Options", RENDER_W / 2, l.top + 6, col_neon, TEXT_CENTRE);
    for (int i = first; i < first + shown; i++) {
        char line[96], value[48];
        if (i < SETTING_ROWS && rows[i].value) {
            rows[i].value(ctx, value, sizeof value);
            snprintf(line, sizeof line, "%s   %s", rows[i].label, value);
        } else {
            snprintf(line, sizeof line, "%s", i < SETTING_ROWS ? rows[i].label : "Back");
        }
        text_draw(t, l.fm, line, RENDER_W / 2, l.rows_y + (i - first) * l.pitch,
                  i == sel ? col_amber : col_text, TEXT_CENTRE);
    }
    int y = l.rows_y + shown * l.pitch, right = RENDER_W / 2 + l.half - 8;
    if (first > 0) text_draw(t, l.fs, "more above", right, l.rows_y - 16, col_dim, TEXT_RIGHT);
    if (first + shown < ROW_COUNT)
        text_draw(t, l.fs, "more below", right, y - 8, col_dim, TEXT_RIGHT);
    if (help) {
        /* The key that does it anywhere, on the device last used; on one
         * with no such key, the line up to where it would name it. */
        char said[128];
        ui_prompt(ctx, help, said, sizeof said);
        if (!said[0]) {
            const char *semi = strchr(help, ';');
            int n = semi ? (int)(semi - help) : (int)strlen(help);
            snprintf(said, sizeof said, "%.*s.", n, help);
        }
        text_draw(t, l.fs, said, RENDER_W / 2, y, col_cyan, TEXT_CENTRE);
    }
    char prompt[96];
    text_draw(t, l.fs, ui_prompt(ctx, options_prompt, prompt, sizeof prompt), RENDER_W / 2,
              prompt_y(ctx), col_dim, TEXT_CENTRE);
}

/* The mouse: the row under it is chosen; a click on its left half turns
 * it down (Left), on its right half up (Right); on Back, back. */
static uint32_t options_pointer(ui_ctx_t *ctx, int x, int y, bool click)
{
    int shown, first = first_shown(ctx, &shown);
    layout_t l = layout_of(ctx);
    for (int i = first; i < first + shown; i++)
        if (ui_in(x, y, RENDER_W / 2 - l.half + 2, l.rows_y - 3 + (i - first) * l.pitch,
                  2 * l.half - 4, l.pitch)) {
            ui_hover(ctx, &ctx->options_sel, i);
            if (!click) return 0;
            if (i == ROW_BACK) return ACT_ANY | ACT_CONFIRM;
            return ACT_ANY | (x < RENDER_W / 2 ? ACT_LEFT : ACT_RIGHT);
        }
    return click ? ui_prompt_at(ctx, l.fs, options_prompt, RENDER_W / 2, prompt_y(ctx), TEXT_CENTRE,
                                x, y)
                 : 0;
}

const screen_ops_t scr_options_ops = {.enter = options_enter,
                                      .actions = options_actions,
                                      .draw = options_draw,
                                      .pointer = options_pointer};
