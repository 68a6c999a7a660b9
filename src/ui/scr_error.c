/* A level that cannot be played: its errors, wrapped, with where they are. */
#include <stdio.h>
#include <string.h>

#include "platform/input.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

static void error_actions(ui_ctx_t *ctx, uint32_t a)
{
    if (a & (ACT_CONFIRM | ACT_BACK)) ui_request(ctx, UI_REQ_ERROR_BACK, 0);
}

/* The most of s that fits in width pixels, into line: whole words, or a
 * long word cut where it fits. Returns the bytes taken (at least one). */
static size_t fit_words(text_cache_t *t, font_id_t f, const char *s, int width, char *line,
                        size_t cap)
{
    size_t n = strlen(s), take = n < cap - 1 ? n : cap - 1;
    for (;;) {
        memcpy(line, s, take);
        line[take] = '\0';
        if (text_width(t, f, line) <= width || take <= 1) break;
        size_t back = take - 1;
        while (back > 8 && s[back] != ' ') back--;
        if (back > 8) {
            take = back;
            continue;
        }
        /* One long word: a character less (never half of one). */
        take--;
        while (take > 1 && ((unsigned char)s[take] & 0xC0) == 0x80) take--;
    }
    return take > 0 ? take : 1;
}

/* The keys line at the bottom. */
static int prompt_y(const ui_ctx_t *ctx)
{
    return RENDER_H - 8 - text_line_height(ctx->text, text_menu_font(ctx->text, FONT_SMALL));
}

static void error_draw(ui_ctx_t *ctx)
{
    ui_backdrop(ctx);
    render_fill(ctx->render, 0, 0, RENDER_W, RENDER_H, (SDL_Color){6, 2, 20, 190});
    text_cache_t *t = ctx->text;
    font_id_t fs = text_menu_font(t, FONT_SMALL), fm = text_menu_font(t, FONT_MEDIUM);
    int lh = text_line_height(t, fs) + (fs == FONT_SMALL ? 2 : 0);
    text_draw_shadow(t, fm, "This level cannot be played:", 12, 12, col_amber, TEXT_LEFT);
    /* Each message wrapped at spaces to the screen's width (in the font
     * drawn, so the larger text wraps sooner); a long path keeps its end,
     * where the file name and position are. */
    int y = 16 + text_line_height(t, fm) + 4, bottom = prompt_y(ctx) - 4 - lh;
    for (int i = 0; i < ctx->error_count && y <= bottom; i++) {
        const char *s = ctx->errors[i];
        const char *colon = strstr(s, ": error: ");
        if (!colon) colon = strstr(s, ": warning: ");
        size_t lead = colon ? (size_t)(colon - s) : 0;
        if (lead > 60) s += lead - 60;
        bool first = true;
        while (*s && y <= bottom) {
            int x = first ? 12 : 24, width = RENDER_W - 12 - x;
            char line[UI_ERROR_LINE];
            size_t take = fit_words(t, fs, s, width, line, sizeof line);
            text_draw(t, fs, line, x, y, first ? col_text : col_dim, TEXT_LEFT);
            y += lh;
            s += take;
            while (*s == ' ') s++;
            first = false;
        }
        y += 3;
    }
    ui_prompt_draw(ctx, fs,
                   ctx->reload_waiting
                       ? "Fix the file and save it: the game reloads it. {confirm}: back"
                       : "Fix the file and choose it again. {confirm}: back",
                   12, prompt_y(ctx), col_dim, TEXT_LEFT);
}

/* Back is all there is to do here: a click anywhere. */
static uint32_t error_pointer(ui_ctx_t *ctx, int x, int y, bool click)
{
    (void)ctx, (void)x, (void)y;
    return click ? ACT_ANY | ACT_CONFIRM : 0;
}

const screen_ops_t scr_error_ops = {
    .actions = error_actions, .draw = error_draw, .pointer = error_pointer};
