/* The level select: the campaign on the map of the Mile (ui/mile_map.c),
 * the player's own levels on a page after it. */
#include <stdio.h>

#include "platform/input.h"
#include "ui/mile_map.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

static void select_enter(ui_ctx_t *ctx)
{
    /* (The app has just read the level folder again.) */
    if (ctx->menu_sel >= ctx->campaign_count + ctx->custom_count) ctx->menu_sel = 0;
    audio_play_music(ctx->audio, MUSIC_TITLE);
}

static void select_actions(ui_ctx_t *ctx, uint32_t a)
{
    if (a & ACT_BACK) {
        ui_go(ctx, SCREEN_TITLE);
    } else if (a & ACT_OPTIONS) {
        ui_request(ctx, UI_REQ_OPTIONS, 0);
    } else if ((a & (ACT_UP | ACT_LEFT)) && ctx->menu_sel > 0) {
        ctx->menu_sel--;
        audio_play_cue(ctx->audio, CUE_SELECT);
    } else if ((a & (ACT_DOWN | ACT_RIGHT)) &&
               ctx->menu_sel + 1 < ctx->campaign_count + ctx->custom_count) {
        ctx->menu_sel++;
        audio_play_cue(ctx->audio, CUE_SELECT);
    } else if ((a & ACT_CONFIRM) && ctx->campaign_count + ctx->custom_count > 0) {
        int i = ctx->menu_sel;
        if (!ui_level_unlocked(ctx, i)) {
            audio_play_cue(ctx->audio, CUE_BUMP);
        } else {
            audio_play_cue(ctx->audio, CUE_CONFIRM);
            ui_request(ctx, UI_REQ_START_LEVEL, i);
        }
    }
}

/* The campaign's places as the map shows them. */
static void draw_map(ui_ctx_t *ctx)
{
    static mile_map_view_t v; /* large-ish; one map at a time */
    v.count = ctx->campaign_count < MILE_MAP_MAX ? ctx->campaign_count : MILE_MAP_MAX;
    for (int i = 0; i < v.count; i++) {
        const campaign_entry_t *c = &ctx->campaign[i];
        mile_place_t *p = &v.places[i];
        p->name = c->name;
        p->best_ticks = save_best(ctx->save, c->id);
        p->time_s = c->time_s;
        p->par_s = c->par_s;
        p->broken = !c->ok;
        bool open = ui_level_unlocked(ctx, i);
        p->state = p->best_ticks > 0 ? MILE_WON : open ? MILE_OPEN : MILE_LOCKED;
    }
    v.sel = ctx->menu_sel;
    v.custom_count = ctx->custom_count;
    v.night_best = ctx->save->night.count > 0 ? ctx->save->night.score : 0;
    v.frame = ctx->frame;
    mile_map_draw(ctx->render, ctx->text, &v);
}

/* One row of the level select: a campaign level or one of the player's. */
static void select_row(ui_ctx_t *ctx, int i, int x, int w, int yy, int row)
{
    text_cache_t *t = ctx->text;
    const campaign_entry_t *c = &ctx->campaign[i];
    bool custom = ui_is_custom(ctx, i);
    bool unlocked = ui_level_unlocked(ctx, i);
    bool sel = i == ctx->menu_sel;
    if (sel) render_fill(ctx->render, x + 2, yy - 3, w - 4, row - 2, (SDL_Color){90, 30, 140, 200});
    char label[96];
    if (custom)
        snprintf(label, sizeof label, "%s", c->name);
    else
        snprintf(label, sizeof label, "%d. %s", i + 1, c->name);
    SDL_Color col = unlocked ? (sel ? col_amber : col_text) : col_dim;
    text_draw(t, FONT_MEDIUM, label, x + 24, yy, col, TEXT_LEFT);
    if (!unlocked) {
        render_sprite(ctx->render, ctx->render->icon_lock, x + 6, yy - 2);
        return;
    }
    int32_t best = save_best(ctx->save, c->id);
    char info[96], tb[24];
    if (best > 0) {
        ui_format_ticks(tb, sizeof tb, best);
        snprintf(info, sizeof info, "best %s", tb);
        if (c->par_s > 0 && best <= c->par_s * GAME_TICK_HZ)
            render_sprite(ctx->render, ctx->render->icon_star, x + 6, yy - 2);
    } else if (custom && !c->ok) {
        snprintf(info, sizeof info, "has errors: choose it to see them");
    } else if (custom) {
        snprintf(info, sizeof info, "by %s", c->author);
    } else {
        snprintf(info, sizeof info, "%d s on the clock", (int)c->time_s);
    }
    text_draw(t, FONT_SMALL, info, x + w - 10, yy + 2, sel ? col_cyan : col_dim, TEXT_RIGHT);
}

static void select_draw(ui_ctx_t *ctx)
{
    /* The campaign on the map of the Mile (ui/mile_map.c); the player's own
     * levels on a page after it. */
    if (!ui_is_custom(ctx, ctx->menu_sel) || ctx->custom_count == 0) {
        draw_map(ctx);
        return;
    }
    ui_backdrop(ctx);
    text_cache_t *t = ctx->text;
    text_draw_shadow(t, FONT_LARGE, "Your levels", RENDER_W / 2, 10, col_neon, TEXT_CENTRE);
    int x = 60, w = RENDER_W - 120, y = 50, row = 20;
    int total = ctx->campaign_count + ctx->custom_count;
    /* Lines: a "Custom levels" heading, the custom ones. */
    int lines = ctx->custom_count + 1;
    const int visible = 9;
    int sel_line = ctx->menu_sel - ctx->campaign_count + 1;
    int first = sel_line - visible / 2;
    if (first > lines - visible) first = lines - visible;
    if (first < 0) first = 0;
    int shown = lines < visible ? lines : visible;
    ui_panel(ctx, x, y - 6, w, row * (shown > 0 ? shown : 1) + 12);
    if (total == 0)
        text_draw(t, FONT_MEDIUM, "No levels found.", RENDER_W / 2, y, col_text, TEXT_CENTRE);
    for (int line = first; line < first + shown; line++) {
        int yy = y + (line - first) * row;
        if (line == 0) {
            text_draw(t, FONT_SMALL, "Custom levels (Up from the first: back to the map)", x + 10,
                      yy + 3, col_cyan, TEXT_LEFT);
            continue;
        }
        select_row(ctx, ctx->campaign_count + line - 1, x, w, yy, row);
    }
    if (first > 0) text_draw(t, FONT_SMALL, "more above", x + w - 10, y - 16, col_dim, TEXT_RIGHT);
    if (first + shown < lines)
        text_draw(t, FONT_SMALL, "more below", x + w - 10, y + shown * row + 6, col_dim,
                  TEXT_RIGHT);
    text_draw_shadow(t, FONT_SMALL,
                     "Up/Down choose   Enter play   O options   M mute   Esc back   F11 fullscreen",
                     RENDER_W / 2, RENDER_H - 30, col_dim, TEXT_CENTRE);
}

const screen_ops_t scr_select_ops = {select_enter, select_actions, NULL, select_draw};
