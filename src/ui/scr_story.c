/* The story's screens (drawn by ui/story.c): the card before a level, an
 * ending's scene, the credits. Each ends by itself, or on a key or a click
 * once no key is held from before (story_armed); R in a scene or the
 * credits retries the level at once. */
#include "platform/input.h"
#include "ui/screen.h"

static void card_actions(ui_ctx_t *ctx, uint32_t a)
{
    if (ctx->story_armed && (a & ACT_ANY)) ui_go(ctx, SCREEN_PLAY);
}

static void card_tick(ui_ctx_t *ctx)
{
    if (ctx->screen_time >= STORY_CARD_FRAMES) ui_go(ctx, SCREEN_PLAY);
}

static void card_draw(ui_ctx_t *ctx)
{
    const level_t *lv = ctx->level;
    bool custom = ui_is_custom(ctx, ctx->campaign_index);
    story_card_t card = {lv->hour, lv->place, lv->name, lv->story,
                         custom ? 0 : ctx->campaign_index + 1};
    story_draw_card(ctx->render, ctx->game, &card, ctx->frame, ctx->screen_time);
}

/* R retries, any other key goes on (to then). A night's results say what R
 * does, so in a night run R only goes on. */
static void scene_actions(ui_ctx_t *ctx, uint32_t a, bool credits)
{
    if (!ctx->story_armed) return;
    if ((a & ACT_RESTART) && ctx->level && !ctx->night_on)
        ui_request(ctx, UI_REQ_RESTART, 0);
    else if ((a & ACT_ANY) && credits)
        ui_request(ctx, UI_REQ_AFTER_CREDITS, 0);
    else if (a & ACT_ANY)
        ui_go(ctx, SCREEN_CREDITS);
}

static void ending_enter(ui_ctx_t *ctx)
{
    audio_play_ending(ctx->audio, story_ending_piece(ctx->ending)); /* each ending its own cue */
}

static void ending_actions(ui_ctx_t *ctx, uint32_t a)
{
    scene_actions(ctx, a, false);
}

static void ending_tick(ui_ctx_t *ctx)
{
    if (ctx->screen_time >= story_ending_frames(ctx->ending)) ui_go(ctx, SCREEN_CREDITS);
}

static void ending_draw(ui_ctx_t *ctx)
{
    story_draw_ending(ctx->render, ctx->ending, ctx->screen_time);
}

static void credits_actions(ui_ctx_t *ctx, uint32_t a)
{
    scene_actions(ctx, a, true);
}

static void credits_tick(ui_ctx_t *ctx)
{
    /* The credits are over the title's theme, once the ending's piece has
     * played out under them. */
    if (!audio_ending_playing(ctx->audio)) audio_play_music(ctx->audio, MUSIC_TITLE);
    if (ctx->screen_time >= story_credits_frames()) ui_request(ctx, UI_REQ_AFTER_CREDITS, 0);
}

static void credits_draw(ui_ctx_t *ctx)
{
    story_draw_credits(ctx->render, ctx->screen_time);
}

const screen_ops_t scr_card_ops = {.actions = card_actions, .tick = card_tick, .draw = card_draw};
const screen_ops_t scr_ending_ops = {
    .enter = ending_enter, .actions = ending_actions, .tick = ending_tick, .draw = ending_draw};
const screen_ops_t scr_credits_ops = {
    .actions = credits_actions, .tick = credits_tick, .draw = credits_draw};
