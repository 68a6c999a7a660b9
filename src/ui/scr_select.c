/* The level select: the campaign on the map of the Mile (ui/mile_map.c),
 * the player's own levels on a page after it. */
#include <stdio.h>
#include <string.h>

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
            /* Say what opens it (the one before it, won). */
            audio_play_cue(ctx->audio, CUE_BUMP);
            snprintf(ctx->note, sizeof ctx->note, "Win \"%s\" to open this level.",
                     ctx->campaign[i - 1].name);
            ctx->note_sel = i;
            ctx->note_frame = ctx->frame;
            ui_trace("say %s", ctx->note);
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
        p->assisted_ticks = save_best_assisted(ctx->save, c->id);
        p->time_s = c->time_s;
        p->par_s = c->par_s;
        p->broken = !c->ok;
        bool open = ui_level_unlocked(ctx, i);
        p->state = save_won(ctx->save, c->id) ? MILE_WON : open ? MILE_OPEN : MILE_LOCKED;
        ui_level_medals(ctx, i, &p->medals);
        p->medal = ui_level_medal_kept(ctx, i, &p->medal_assisted);
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
    font_id_t fm = text_menu_font(t, FONT_MEDIUM), fs = text_menu_font(t, FONT_SMALL);
    int dy = (row - 20) / 2; /* the icons on the row's middle in the larger text */
    if (!unlocked) {
        text_draw(t, fm, label, x + 24, yy, col, TEXT_LEFT);
        render_sprite(ctx->render, ctx->render->icon_lock, x + 6, yy - 2 + dy);
        return;
    }
    int32_t best = save_best(ctx->save, c->id), assisted = save_best_assisted(ctx->save, c->id);
    char info[96], tb[24];
    /* The medal the level keeps, where a locked level shows its lock; an
     * assisted run's with its mark. */
    static const char *const icons[MEDAL_COUNT] = {NULL, "medal_bronze", "medal_silver",
                                                   "medal_gold", "medal_expert"};
    bool with_assists;
    medal_t m = ui_level_medal_kept(ctx, i, &with_assists);
    if (icons[m])
        render_sprite(ctx->render, render_frame_named(ctx->render, icons[m]), x + 6, yy - 3 + dy);
    if (icons[m] && with_assists)
        render_sprite(ctx->render, render_frame_named(ctx->render, "mark_assisted"), x + 16,
                      yy + 7 + dy);
    if (best > 0) {
        ui_format_ticks(tb, sizeof tb, best);
        snprintf(info, sizeof info, "best %s", tb);
    } else if (assisted > 0) {
        ui_format_ticks(tb, sizeof tb, assisted);
        snprintf(info, sizeof info, "assisted best %s", tb);
    } else if (custom && !c->ok) {
        snprintf(info, sizeof info, "has errors: choose it to see them");
    } else if (custom && c->author[0] && strcmp(c->author, LEVEL_NO_AUTHOR) != 0) {
        /* (no author given: the clock says more) */
        snprintf(info, sizeof info, "by %s", c->author);
    } else {
        snprintf(info, sizeof info, "%d s on the clock", (int)c->time_s);
    }
    int iw = text_draw(t, fs, info, x + w - 10, yy + 2, sel ? col_cyan : col_dim, TEXT_RIGHT);
    /* The name in what the info leaves of the row. */
    char fitted[96];
    text_draw(t, fm, text_fit(t, fm, label, w - 24 - 10 - iw - 12, fitted, sizeof fitted), x + 24,
              yy, col, TEXT_LEFT);
}

/* The list page of the player's own levels: a "Custom levels" heading, then
 * one line each, scrolled to keep the choice in sight. */
typedef struct list_layout {
    int x, w, y, row;
    int lines, first, shown;
} list_layout_t;

static list_layout_t list_layout(const ui_ctx_t *ctx)
{
    list_layout_t l = {60, RENDER_W - 120, 50, 20, ctx->custom_count + 1, 0, 0};
    int visible = 9;
    if (ctx->text->large_menus) { /* the larger text: taller rows, fewer on the page */
        l.x = 30, l.w = RENDER_W - 60, l.row = 25, visible = 6;
    }
    int sel_line = ctx->menu_sel - ctx->campaign_count + 1;
    l.first = sel_line - visible / 2;
    if (l.first > l.lines - visible) l.first = l.lines - visible;
    if (l.first < 0) l.first = 0;
    l.shown = l.lines < visible ? l.lines : visible;
    return l;
}

static const char list_prompt[] = /* ui_prompt's keys */
    "{updown} choose   {confirm} play   {options} options   {mute} mute   {pause} back   "
    "{fullscreen} fullscreen";

/* The list's keys line: two lines in the larger text, so higher. */
static int list_prompt_y(const ui_ctx_t *ctx)
{
    return ctx->text->large_menus ? RENDER_H - 6 - 2 * text_line_height(ctx->text, FONT_SMALL_BIG)
                                  : RENDER_H - 30;
}

static bool on_map(const ui_ctx_t *ctx)
{
    return !ui_is_custom(ctx, ctx->menu_sel) || ctx->custom_count == 0;
}

/* What the select says for a while: what opens a locked level. */
static void draw_note(ui_ctx_t *ctx)
{
    if (!ctx->note[0] || ctx->note_sel != ctx->menu_sel || ctx->frame - ctx->note_frame > 180)
        return;
    font_id_t fm = text_menu_font(ctx->text, FONT_MEDIUM);
    int lh = text_line_height(ctx->text, fm);
    int w = text_width(ctx->text, fm, ctx->note) + 20, y = MILE_MAP_BOTTOM - 12 - lh;
    ui_panel(ctx, RENDER_W / 2 - w / 2, y, w, lh + 8);
    text_draw_shadow(ctx->text, fm, ctx->note, RENDER_W / 2, y + 4, col_amber, TEXT_CENTRE);
}

static void select_draw(ui_ctx_t *ctx)
{
    /* The campaign on the map of the Mile (ui/mile_map.c); the player's own
     * levels on a page after it. */
    if (on_map(ctx)) {
        draw_map(ctx);
        draw_note(ctx);
        return;
    }
    ui_backdrop(ctx);
    text_cache_t *t = ctx->text;
    text_draw_shadow(t, FONT_LARGE, "Your levels", RENDER_W / 2, 10, col_neon, TEXT_CENTRE);
    list_layout_t l = list_layout(ctx);
    int x = l.x, w = l.w, y = l.y, row = l.row;
    int total = ctx->campaign_count + ctx->custom_count;
    ui_panel(ctx, x, y - 6, w, row * (l.shown > 0 ? l.shown : 1) + 12);
    if (total == 0)
        text_draw(t, FONT_MEDIUM, "No levels found.", RENDER_W / 2, y, col_text, TEXT_CENTRE);
    for (int line = l.first; line < l.first + l.shown; line++) {
        int yy = y + (line - l.first) * row;
        if (line == 0) {
            text_draw(t, text_menu_font(t, FONT_SMALL),
                      "Custom levels (Up from the first: back to the map)", x + 10, yy + 3,
                      col_cyan, TEXT_LEFT);
            continue;
        }
        select_row(ctx, ctx->campaign_count + line - 1, x, w, yy, row);
    }
    font_id_t fs = text_menu_font(t, FONT_SMALL);
    if (l.first > 0)
        text_draw(t, fs, "more above", x + w - 10, y - 8 - text_line_height(t, fs), col_dim,
                  TEXT_RIGHT);
    if (l.first + l.shown < l.lines)
        text_draw(t, fs, "more below", x + w - 10, y + l.shown * row + 6, col_dim, TEXT_RIGHT);
    ui_prompt_draw(ctx, fs, list_prompt, RENDER_W / 2, list_prompt_y(ctx), col_dim, TEXT_CENTRE);
}

/* The mouse: a pin on the map, or a line of the list, is chosen under it
 * and played on a click; the keys line works as its keys. */
static uint32_t select_pointer(ui_ctx_t *ctx, int x, int y, bool click)
{
    if (on_map(ctx)) {
        int n = ctx->campaign_count < MILE_MAP_MAX ? ctx->campaign_count : MILE_MAP_MAX;
        int i = mile_map_pin_at(n, x, y);
        if (i >= 0) {
            ui_hover(ctx, &ctx->menu_sel, i);
            return click ? ACT_ANY | ACT_CONFIRM : 0;
        }
        if (click && mile_map_custom_at(ctx->text, ctx->custom_count, x, y)) {
            ui_hover(ctx, &ctx->menu_sel, ctx->campaign_count); /* to their page */
            return 0;
        }
        int px, py;
        mile_map_prompt_place(ctx->text, &px, &py);
        return click ? ui_prompt_at(ctx, text_menu_font(ctx->text, FONT_SMALL), MILE_MAP_PROMPT, px,
                                    py, TEXT_CENTRE, x, y)
                     : 0;
    }
    list_layout_t l = list_layout(ctx);
    for (int line = l.first; line < l.first + l.shown; line++) {
        int yy = l.y + (line - l.first) * l.row;
        if (!ui_in(x, y, l.x + 2, yy - 3, l.w - 4, l.row)) continue;
        if (line == 0) { /* the heading: back to the map */
            if (click && ctx->campaign_count > 0) {
                ctx->menu_sel = ctx->campaign_count - 1;
                audio_play_cue(ctx->audio, CUE_SELECT);
            }
            return 0;
        }
        ui_hover(ctx, &ctx->menu_sel, ctx->campaign_count + line - 1);
        return click ? ACT_ANY | ACT_CONFIRM : 0;
    }
    return click ? ui_prompt_at(ctx, text_menu_font(ctx->text, FONT_SMALL), list_prompt,
                                RENDER_W / 2, list_prompt_y(ctx), TEXT_CENTRE, x, y)
                 : 0;
}

const screen_ops_t scr_select_ops = {.enter = select_enter,
                                     .actions = select_actions,
                                     .draw = select_draw,
                                     .pointer = select_pointer};
