/* Options > Controls: every action with its keys and its controller
 * buttons. Enter (or A) on a row waits for the next key or button and binds
 * it to that action in place of the ones it had on that device; one that an
 * action of the same screens already has is refused with a line naming that
 * action (no silent swap: the player chooses what moves). "Reset to
 * defaults" brings every key and button back. The bindings are written into
 * the settings, which the app saves when Options closes. */
#include <stdio.h>
#include <string.h>

#include "platform/input.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

enum {
    ROW_RESET = BIND_COUNT, /* the actions' rows, then these two */
    ROW_BACK,
    ROW_COUNT,
    ROW_H = 12,
    ROWS_TOP = 50,
    MSG_FRAMES = 5 * 60,
    COL_LABEL = 34,
    COL_KEYS = 150,
    COL_PAD = 330,
    COL_END = RENDER_W - 30,
};

static void say(ui_ctx_t *ctx, const char *msg)
{
    snprintf(ctx->controls_msg, sizeof ctx->controls_msg, "%s", msg);
    ctx->controls_msg_frame = ctx->frame;
}

static void store(ui_ctx_t *ctx)
{
    input_bindings_to_settings(&ctx->input->binds, ctx->settings);
    ctx->settings_changed = true;
}

static void controls_enter(ui_ctx_t *ctx)
{
    ctx->controls_sel = 0;
    ctx->controls_msg[0] = '\0';
    input_capture_end(ctx->input);
}

static void controls_actions(ui_ctx_t *ctx, uint32_t a)
{
    input_devices_t *in = ctx->input;
    if (in->capturing || in->captured) return; /* the key waited for is the tick's */
    int sel = ctx->controls_sel;
    if ((a & ACT_BACK) || ((a & ACT_CONFIRM) && sel == ROW_BACK)) {
        audio_play_cue(ctx->audio, CUE_SELECT);
        ctx->options_resume = true; /* on its Controls row, not the first */
        ui_go(ctx, SCREEN_OPTIONS);
        return;
    }
    if ((a & ACT_UP) && sel > 0) ctx->controls_sel--;
    if ((a & ACT_DOWN) && sel + 1 < ROW_COUNT) ctx->controls_sel++;
    if (a & (ACT_UP | ACT_DOWN)) audio_play_cue(ctx->audio, CUE_SELECT);
    if (!(a & ACT_CONFIRM)) return;
    if (sel == ROW_RESET) {
        input_bindings_default(&in->binds);
        store(ctx);
        say(ctx, "Every key and button is back to its default.");
        audio_play_cue(ctx->audio, CUE_CONFIRM);
    } else if (sel >= 0 && sel < BIND_COUNT) {
        input_capture_begin(in);
        ctx->controls_msg[0] = '\0';
        audio_play_cue(ctx->audio, CUE_CONFIRM);
    }
}

/* The key or button waited for has come: bind it, or say why not. */
static void controls_tick(ui_ctx_t *ctx)
{
    input_devices_t *in = ctx->input;
    if (!in->captured) return;
    input_device_t dev = in->capture_dev;
    int code = in->capture_code;
    input_capture_end(in);
    input_bind_t a = (input_bind_t)ctx->controls_sel;
    if (code < 0) {
        say(ctx,
            dev == INPUT_DEV_TOUCH ? "The buttons on the screen cannot be changed." : "Unchanged.");
        return;
    }
    char name[48], msg[160];
    input_code_name(dev, code, name, sizeof name);
    input_bind_t other;
    if (input_bind_assign(&in->binds, a, dev, code, &other)) {
        snprintf(msg, sizeof msg, "%s: %s.", input_bind_label(a), name);
        store(ctx);
        audio_play_cue(ctx->audio, CUE_CONFIRM);
    } else if (other < BIND_COUNT) {
        snprintf(msg, sizeof msg, "%s already does %s: change that first, or choose another.", name,
                 input_bind_label(other));
        audio_play_cue(ctx->audio, CUE_BUMP);
    } else {
        snprintf(msg, sizeof msg, "%s cannot be used for a control.", name[0] ? name : "That key");
        audio_play_cue(ctx->audio, CUE_BUMP);
    }
    say(ctx, msg);
}

/* An action's keys (or buttons) as they fit in a column: "Up, W", or the
 * first and how many more. */
static void codes_text(ui_ctx_t *ctx, input_bind_t a, input_device_t dev, int width, char *buf,
                       size_t cap)
{
    const input_bindings_t *b = &ctx->input->binds;
    char names[INPUT_BIND_SLOTS][48];
    int n = 0;
    for (int s = 0; s < INPUT_BIND_SLOTS; s++) {
        int c = dev == INPUT_DEV_KEYBOARD ? b->keys[a][s] : b->pads[a][s];
        if (dev == INPUT_DEV_KEYBOARD ? c <= 0 : c < 0) continue;
        input_code_name(dev, c, names[n], sizeof names[n]);
        if (dev == INPUT_DEV_PAD && names[n][0]) { /* drawn as the button (ui/text.h) */
            char plain[48];
            snprintf(plain, sizeof plain, "%s", names[n]);
            snprintf(names[n], sizeof names[n], "%c%s%c", TEXT_GLYPH_OPEN, plain, TEXT_GLYPH_CLOSE);
        }
        if (names[n][0]) n++;
    }
    if (n == 0) {
        snprintf(buf, cap, "-");
        return;
    }
    for (int shown = n; shown >= 1; shown--) {
        size_t used = 0;
        buf[0] = '\0';
        for (int i = 0; i < shown; i++) {
            const char *sep = dev == INPUT_DEV_PAD ? " " : ", "; /* glyphs need no commas */
            int m = snprintf(buf + used, cap - used, "%s%s", i ? sep : "", names[i]);
            if (m > 0 && (size_t)m < cap - used) used += (size_t)m;
        }
        if (shown < n) snprintf(buf + used, cap - used, " +%d", n - shown);
        if (text_width(ctx->text, text_menu_font(ctx->text, FONT_SMALL), buf) <= width) return;
    }
}

/* Where things go: the rows closer to the title and further apart in the
 * larger menu text (text_menu_font), the columns as they are. */
typedef struct controls_layout {
    font_id_t fs;
    int top, row_h, heads_y, msg_y, prompt_y;
} controls_layout_t;

static controls_layout_t layout(const ui_ctx_t *ctx)
{
    controls_layout_t l = {FONT_SMALL, ROWS_TOP, ROW_H, ROWS_TOP - 13, 0, RENDER_H - 20};
    l.fs = text_menu_font(ctx->text, FONT_SMALL);
    if (l.fs != FONT_SMALL) {
        int lh = text_line_height(ctx->text, l.fs);
        l.row_h = lh;
        l.heads_y = 38;
        l.top = l.heads_y + lh + 1;
        l.prompt_y = RENDER_H - 8 - lh;
    }
    l.msg_y = l.top + ROW_COUNT * l.row_h + (l.fs == FONT_SMALL ? 8 : 5);
    return l;
}

static int row_y(const controls_layout_t *l, int i)
{
    return l->top + i * l->row_h + (i >= ROW_RESET ? 4 : 0);
}

static const char keys_prompt[] = "{updown} choose   {confirm} change   {pause} back";

/* The mouse: the row under it is chosen, a click on it is Enter there; the
 * keys line works as its keys. A click while waiting cancels the wait. */
static uint32_t controls_pointer(ui_ctx_t *ctx, int x, int y, bool click)
{
    if (ctx->input->capturing || ctx->input->captured) return 0;
    controls_layout_t l = layout(ctx);
    for (int i = 0; i < ROW_COUNT; i++) {
        if (!ui_in(x, y, 26, row_y(&l, i) - 1, RENDER_W - 52, l.row_h)) continue;
        ui_hover(ctx, &ctx->controls_sel, i);
        return click ? ACT_ANY | ACT_CONFIRM : 0;
    }
    return click ? ui_prompt_at(ctx, l.fs, keys_prompt, RENDER_W / 2, l.prompt_y, TEXT_CENTRE, x, y)
                 : 0;
}

static void controls_draw(ui_ctx_t *ctx)
{
    if (ctx->options_return == SCREEN_PAUSE && ctx->level) {
        /* the level as the page opened over it, and the panel, kept */
        ui_world_panel(ctx, (SDL_Color){6, 2, 20, 190}, 20, 6, RENDER_W - 40, RENDER_H - 12);
    } else {
        ui_backdrop(ctx);
        ui_panel(ctx, 20, 6, RENDER_W - 40, RENDER_H - 12);
    }
    text_cache_t *t = ctx->text;
    const input_devices_t *in = ctx->input;
    int sel = ctx->controls_sel;
    controls_layout_t l = layout(ctx);
    font_id_t fs = l.fs;
    text_draw_shadow(t, FONT_LARGE, "Controls", RENDER_W / 2, fs == FONT_SMALL ? 10 : 6, col_neon,
                     TEXT_CENTRE);
    text_draw(t, fs, "keyboard", COL_KEYS, l.heads_y, col_cyan, TEXT_LEFT);
    text_draw(t, fs, "controller", COL_PAD, l.heads_y, col_cyan, TEXT_LEFT);
    for (int i = 0; i < ROW_COUNT; i++) {
        int y = row_y(&l, i);
        SDL_Color c = i == sel ? col_amber : col_text;
        if (i == sel)
            render_fill(ctx->render, 26, y - 1, RENDER_W - 52, l.row_h,
                        (SDL_Color){60, 30, 110, 160});
        if (i >= BIND_COUNT) {
            text_draw(t, fs, i == ROW_RESET ? "Reset to defaults" : "Back", COL_LABEL, y, c,
                      TEXT_LEFT);
            continue;
        }
        text_draw(t, fs, input_bind_label((input_bind_t)i), COL_LABEL, y, c, TEXT_LEFT);
        if (i == sel && in->capturing) {
            bool blink = (ctx->frame / 20) % 2 == 0;
            text_draw(t, fs, "press a key or a button", COL_KEYS, y, blink ? col_amber : col_dim,
                      TEXT_LEFT);
            continue;
        }
        char keys[96], pads[96];
        codes_text(ctx, (input_bind_t)i, INPUT_DEV_KEYBOARD, COL_PAD - COL_KEYS - 8, keys,
                   sizeof keys);
        codes_text(ctx, (input_bind_t)i, INPUT_DEV_PAD, COL_END - COL_PAD, pads, sizeof pads);
        text_draw(t, fs, keys, COL_KEYS, y, c, TEXT_LEFT);
        text_draw(t, fs, pads, COL_PAD, y, c, TEXT_LEFT);
    }
    if (ctx->controls_msg[0] && ctx->frame - ctx->controls_msg_frame < MSG_FRAMES)
        text_draw(t, fs, ctx->controls_msg, RENDER_W / 2, l.msg_y, col_cyan, TEXT_CENTRE);
    if (in->capturing && sel < BIND_COUNT) {
        char line[160];
        snprintf(line, sizeof line, "Press a key or a button for %s   Esc or a click cancels",
                 input_bind_label((input_bind_t)sel));
        text_draw(t, fs, line, RENDER_W / 2, l.prompt_y, col_dim, TEXT_CENTRE);
    } else {
        ui_prompt_draw(ctx, fs, keys_prompt, RENDER_W / 2, l.prompt_y, col_dim, TEXT_CENTRE);
    }
}

const screen_ops_t scr_controls_ops = {.enter = controls_enter,
                                       .actions = controls_actions,
                                       .tick = controls_tick,
                                       .draw = controls_draw,
                                       .pointer = controls_pointer};
