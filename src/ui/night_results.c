/* The whole night's results: after each level and at the end, the run's
 * splits level by level against the best run in the save. */
#include <stdio.h>
#include <string.h>

#include "ui/screen.h"
#include "ui/ui_common.h"

static const SDL_Color col_ahead = {120, 240, 140, 255};
static const SDL_Color col_behind = {255, 110, 90, 255};

/* The best run's split for level i (as the run began), if it went through
 * the same level. */
static const int32_t *best_left(const ui_ctx_t *ctx, int i)
{
    const save_night_t *b = ctx->night_rival;
    if (i >= b->count || strcmp(b->splits[i].id, ctx->campaign[i].id) != 0) return NULL;
    return &b->splits[i].left;
}

/* ui_prompt's templates: the player's keys on the last device. */
static const char between_prompt[] = "{confirm}: on into the night   {pause}: give up the run";
static const char over_prompt[] = "{confirm|restart}: another night   {pause}: the title";

/* The rows' step: closer for a long night; in the larger menu text
 * (text_menu_font) as tall as its lines while they fit. */
static int row_step(const text_cache_t *t, int rows)
{
    if (!t->large_menus) return rows > 12 ? 8 : 11;
    return rows > 9 ? 10 : text_line_height(t, FONT_SMALL_BIG);
}

/* The panel's height and top, sized to the splits and what follows them. */
static int panel_h(const text_cache_t *t, const night_t *n, int *y)
{
    int rows = n->level_count;
    int h = 26 + 12 + rows * row_step(t, rows) + (t->large_menus ? 90 : 76);
    if (h > RENDER_H - 8) h = RENDER_H - 8;
    *y = (RENDER_H - h) / 2;
    return h;
}

/* The keys line, on the panel's bottom. */
static int prompt_y(const text_cache_t *t, int top, int h)
{
    return top + h - 4 - text_line_height(t, text_menu_font(t, FONT_SMALL));
}

uint32_t night_results_pointer(ui_ctx_t *ctx, int x, int y)
{
    const night_t *n = ctx->night;
    if (n->status == NIGHT_OVER && ctx->game->status == GAME_LOST && ctx->screen_frame < 40)
        return 0; /* the flash, not yet its panel */
    int top, h = panel_h(ctx->text, n, &top);
    return ui_prompt_at(ctx, text_menu_font(ctx->text, FONT_SMALL),
                        n->status == NIGHT_BETWEEN ? between_prompt : over_prompt, RENDER_W / 2,
                        prompt_y(ctx->text, top, h), TEXT_CENTRE, x, y);
}

/* All of the night's results (night_results_draw keeps it as a picture). */
static void night_picture(ui_ctx_t *ctx)
{
    const game_t *g = ctx->game;
    const night_t *n = ctx->night;
    text_cache_t *t = ctx->text;
    render_t *rd = ctx->render;
    render_world_still(rd, g, NULL, ctx->frame, false, (SDL_Color){0, 0, 0, 0}); /* as it ended */
    int f = (int)ctx->screen_frame;
    if (n->status == NIGHT_OVER && g->status == GAME_LOST) {
        /* The flash, as in a single level: white, fading to show the ruin
         * (with no-flash on, a slow pale fade instead). */
        int white = render_flash_white(rd, (uint32_t)f, 20, 60, 55);
        render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){255, 250, 240, (Uint8)white});
        if (f < 40) return;
    } else {
        render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){6, 2, 20, 160});
    }
    int rows = n->level_count;
    int step = row_step(t, rows);
    bool large = t->large_menus;
    font_id_t fs = text_menu_font(t, FONT_SMALL), fm = text_menu_font(t, FONT_MEDIUM);
    int hs = text_line_height(t, fs);
    /* The columns: wider apart in the larger text. */
    int x = large ? 10 : 40, w = RENDER_W - 2 * x, y, h = panel_h(t, n, &y);
    int c_spent = large ? 250 : 206, c_left = large ? 322 : 268, c_best = large ? 392 : 330;
    int c_delta = large ? w - 6 : w - 12;
    int name_w = c_spent - text_width(t, fs, "0:00.00") - 12 - 8;
    render_panel(rd, x, y, w, h);
    char line[200], a[24], b[24], fit[96];
    const char *title = n->status == NIGHT_DONE   ? "Julie! The night is yours."
                        : n->status == NIGHT_OVER ? "The night is over."
                                                  : "Julie... and the night goes on.";
    text_draw_shadow(t, fm, title, RENDER_W / 2, y + 6, col_neon, TEXT_CENTRE);
    if (n->assisted) /* marked, and its best kept apart */
        text_draw(t, fs, "with assists", x + w - 10, y + 8, col_cyan, TEXT_RIGHT);
    /* The splits: each level's seconds spent, the clock it left, the best run's. */
    int ty = y + (large ? 28 : 26);
    text_draw(t, fs, "level", x + 12, ty, col_dim, TEXT_LEFT);
    text_draw(t, fs, "spent", x + c_spent, ty, col_dim, TEXT_RIGHT);
    text_draw(t, fs, "clock left", x + c_left, ty, col_dim, TEXT_RIGHT);
    text_draw(t, fs, "best run", x + c_best, ty, col_dim, TEXT_RIGHT);
    int won = n->status == NIGHT_PLAYING ? n->level : n->level + (g->status == GAME_WON ? 1 : 0);
    for (int i = 0; i < rows; i++) {
        int yy = ty + hs + 1 + i * step;
        bool done = i < won, here = i == n->level;
        SDL_Color c = done ? col_text : (here ? col_amber : col_dim);
        snprintf(line, sizeof line, "%d. %s", i + 1, ctx->campaign[i].name);
        text_draw(t, fs, text_fit(t, fs, line, name_w, fit, sizeof fit), x + 12, yy, c, TEXT_LEFT);
        const int32_t *best = best_left(ctx, i);
        if (best) {
            ui_format_ticks(b, sizeof b, *best);
            text_draw(t, fs, b, x + c_best, yy, col_dim, TEXT_RIGHT);
        }
        if (!done) {
            if (here && n->status == NIGHT_OVER)
                text_draw(t, fs, "out of time", x + c_left, yy, col_behind, TEXT_RIGHT);
            continue;
        }
        ui_format_ticks(a, sizeof a, n->splits[i].spent);
        text_draw(t, fs, a, x + c_spent, yy, c, TEXT_RIGHT);
        ui_format_ticks(a, sizeof a, n->splits[i].left);
        text_draw(t, fs, a, x + c_left, yy, col_cyan, TEXT_RIGHT);
        if (best) {
            int32_t d = n->splits[i].left - *best;
            ui_format_ticks(b, sizeof b, d < 0 ? -d : d);
            snprintf(line, sizeof line, "%c%s", d < 0 ? '-' : '+', b);
            text_draw(t, fs, line, x + c_delta, yy, d < 0 ? col_behind : col_ahead, TEXT_RIGHT);
        }
    }
    int fy = ty + hs + 5 + rows * step;
    int hm = text_line_height(t, fm);
    if (n->status == NIGHT_BETWEEN) {
        const campaign_entry_t *next = &ctx->campaign[n->level + 1];
        ui_format_ticks(a, sizeof a, night_next_clock(n, next->time_s, next->par_s));
        snprintf(line, sizeof line, "Next: %s, with %s on the clock", next->name, a);
        text_draw(t, fm, text_fit(t, fm, line, w - 16, fit, sizeof fit), RENDER_W / 2, fy,
                  col_amber, TEXT_CENTRE);
        text_draw(t, fs, "(what is left, and its par; a payphone answered: +5 s)", RENDER_W / 2,
                  fy + hm + 2, col_dim, TEXT_CENTRE);
        ui_prompt_draw(ctx, fs, between_prompt, RENDER_W / 2, prompt_y(t, y, h), col_dim,
                       TEXT_CENTRE);
        return;
    }
    if (n->status == NIGHT_DONE) {
        ui_format_ticks(a, sizeof a, n->score);
        snprintf(line, sizeof line, "score %s left", a);
        text_draw_shadow(t, FONT_CLOCK, line, RENDER_W / 2, fy, col_amber, TEXT_CENTRE);
        if (ctx->night_new_best)
            text_draw_shadow(t, fm,
                             n->assisted ? "The best assisted night yet!" : "The best night yet!",
                             RENDER_W / 2, fy + 24, col_neon, TEXT_CENTRE);
        if (ctx->save_warning[0])
            text_draw(t, fs, ctx->save_warning, RENDER_W / 2, fy + 26 + hm, col_amber, TEXT_CENTRE);
    } else {
        text_draw(t, fm, "The missiles land. Harry did not reach Julie.", RENDER_W / 2, fy,
                  col_text, TEXT_CENTRE);
    }
    ui_prompt_draw(ctx, fs, over_prompt, RENDER_W / 2, prompt_y(t, y, h), col_dim, TEXT_CENTRE);
}

/* What night_picture's pixels depend on: the run and the best it races,
 * the prompts (the player's keys), and of the time only the flash. */
static uint64_t night_key(ui_ctx_t *ctx)
{
    const game_t *g = ctx->game;
    struct {
        const game_t *g;
        const campaign_entry_t *campaign;
        int32_t tick, white;
        int status, count;
        bool panel, new_best, large;
    } k;
    memset(&k, 0, sizeof k);
    k.g = g;
    k.campaign = ctx->campaign;
    k.count = ctx->campaign_count;
    k.tick = g->tick;
    k.status = (int)g->status;
    if (ctx->night->status == NIGHT_OVER && g->status == GAME_LOST) { /* the flash */
        k.white = render_flash_white(ctx->render, ctx->screen_frame, 20, 60, 55);
        k.panel = ctx->screen_frame >= 40;
    }
    k.new_best = ctx->night_new_best;
    k.large = ctx->text->large_menus;
    uint64_t h = render_key_str(RENDER_KEY_START, "night results");
    h = render_key_add(h, &k, sizeof k);
    h = render_key_add(h, ctx->night, sizeof *ctx->night);
    h = render_key_add(h, ctx->night_rival, sizeof *ctx->night_rival);
    h = render_key_str(h, ctx->save_warning);
    char line[200];
    h = render_key_str(h, ui_prompt(ctx, between_prompt, line, sizeof line));
    return render_key_str(h, ui_prompt(ctx, over_prompt, line, sizeof line));
}

/* Kept as a picture while its key stays the same: once the flash is over
 * nothing in it moves. */
void night_results_draw(ui_ctx_t *ctx)
{
    render_t *rd = ctx->render;
    if (!render_still_begin(rd, &rd->screen, night_key(ctx))) return;
    night_picture(ctx);
    render_still_end(rd, &rd->screen);
}
