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

static void error_draw(ui_ctx_t *ctx)
{
    ui_backdrop(ctx);
    render_fill(ctx->render, 0, 0, RENDER_W, RENDER_H, (SDL_Color){6, 2, 20, 190});
    text_cache_t *t = ctx->text;
    text_draw_shadow(t, FONT_MEDIUM, "This level cannot be played:", 12, 12, col_amber, TEXT_LEFT);
    /* Each message wrapped at spaces to the screen's width; a long path
     * keeps its end, where the file name and position are. */
    int y = 34;
    for (int i = 0; i < ctx->error_count && y < RENDER_H - 36; i++) {
        const char *s = ctx->errors[i];
        const char *colon = strstr(s, ": error: ");
        if (!colon) colon = strstr(s, ": warning: ");
        size_t lead = colon ? (size_t)(colon - s) : 0;
        if (lead > 60) s += lead - 60;
        bool first = true;
        while (*s && y < RENDER_H - 36) {
            enum { WIDTH = 84 };
            char line[WIDTH + 1];
            size_t n = strlen(s), take = n;
            if (n > WIDTH) {
                take = WIDTH;
                while (take > 20 && s[take] != ' ') take--;
            }
            memcpy(line, s, take);
            line[take] = '\0';
            text_draw(t, FONT_SMALL, line, first ? 12 : 24, y, first ? col_text : col_dim,
                      TEXT_LEFT);
            y += 12;
            s += take;
            while (*s == ' ') s++;
            first = false;
        }
        y += 3;
    }
    char prompt[160];
    ui_prompt(ctx,
              ctx->reload_waiting ? "Fix the file and save it: the game reloads it. {confirm}: back"
                                  : "Fix the file and choose it again. {confirm}: back",
              prompt, sizeof prompt);
    text_draw(t, FONT_SMALL, prompt, 12, RENDER_H - 20, col_dim, TEXT_LEFT);
}

/* Back is all there is to do here: a click anywhere. */
static uint32_t error_pointer(ui_ctx_t *ctx, int x, int y, bool click)
{
    (void)ctx, (void)x, (void)y;
    return click ? ACT_ANY | ACT_CONFIRM : 0;
}

const screen_ops_t scr_error_ops = {
    .actions = error_actions, .draw = error_draw, .pointer = error_pointer};
