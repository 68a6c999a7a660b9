/* The editor as a screen: the model and its drawing are ui/editor_screen.c;
 * this turns what it hands back into the app's requests. */
#include "ui/editor_screen.h"
#include "ui/screen.h"

static void editor_enter(ui_ctx_t *ctx)
{
    audio_play_music(ctx->audio, MUSIC_TITLE);
}

/* Menu actions come from outside the window only (the page's touch
 * controls), which cannot edit: the editor ignores them. */
static void editor_actions(ui_ctx_t *ctx, uint32_t a)
{
    (void)ctx;
    (void)a;
}

/* Open lists the levels the select offers, as the app has them now. */
static void editor_levels(ui_ctx_t *ctx)
{
    edscr_set_levels(ctx->editor, ctx->campaign, ctx->campaign_count + ctx->custom_count);
    /* Its hints name what the device last used has: keys, a pad's buttons,
     * or the panel's buttons for a finger. */
    input_device_t dev = ctx->input ? ctx->input->last : INPUT_DEV_KEYBOARD;
    edscr_set_device(ctx->editor, dev == INPUT_DEV_PAD     ? EDSCR_DEV_PAD
                                  : dev == INPUT_DEV_TOUCH ? EDSCR_DEV_TOUCH
                                                           : EDSCR_DEV_KEYS);
}

static void editor_draw(ui_ctx_t *ctx)
{
    if (!ctx->editor) return;
    editor_levels(ctx);
    edscr_draw(ctx->editor, ctx->render, ctx->frame);
}

void scr_editor_event(ui_ctx_t *ctx, const SDL_Event *e)
{
    if (!ctx->editor) return;
    editor_levels(ctx);
    switch (edscr_event(ctx->editor, ctx->render->r, e)) {
    case EDSCR_NONE:
        break;
    case EDSCR_PLAY:
        ui_request(ctx, UI_REQ_EDITOR_PLAY, 0);
        break;
    case EDSCR_LEAVE:
        ui_request(ctx, UI_REQ_EDITOR_LEAVE, 0);
        break;
    case EDSCR_SAVED:
        ui_request(ctx, UI_REQ_EDITOR_SAVED, 0);
        break;
    }
}

/* The mouse reaches the editor with the rest of the window's events
 * (scr_editor_event), so it has no pointer of the menus' kind. */
const screen_ops_t scr_editor_ops = {
    .enter = editor_enter, .actions = editor_actions, .draw = editor_draw};
