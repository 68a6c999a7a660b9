#include "ui/race_results.h"

#include <stdio.h>
#include <string.h>

#include "ui/ui_common.h"

/* Where the panels stand. */
enum { WIN_PANEL_Y = 28, WIN_PROMPT_DY = 190, LOSS_PROMPT_Y = 160, PANEL_SLIDE = 10 };

/* The win panel's lines, from its top: in the larger menu text a wider,
 * taller panel with its lines further apart. */
typedef struct win_layout {
    font_id_t fs, fm;
    int top, w, h;
    int medal_y, best_y, new_y, splits_y, split_colw, split_dy, next_y, warn_y, prompt_dy;
} win_layout_t;

static win_layout_t win_layout(bool large)
{
    if (!large)
        return (win_layout_t){FONT_SMALL, FONT_MEDIUM, WIN_PANEL_Y, 300, 210, 56,  80,
                              96,         114,         52,          11,  160, 174, WIN_PROMPT_DY};
    return (win_layout_t){
        FONT_SMALL_BIG, FONT_MEDIUM_BIG, 14, 420, 242, 60, 82, 101, 121, 66, 14, 183, 198, 222};
}

/* The loss panel's: its box, the lines and the keys line. */
typedef struct loss_layout {
    font_id_t fs, fm;
    int x, y, w, h, walk_y, closest_y, best_y, prompt_y;
} loss_layout_t;

static loss_layout_t loss_layout(bool large)
{
    if (!large)
        return (loss_layout_t){FONT_SMALL, FONT_MEDIUM, RENDER_W / 2 - 160, 70, 320, 116, 110,
                               130,        143,         LOSS_PROMPT_Y};
    return (loss_layout_t){
        FONT_SMALL_BIG, FONT_MEDIUM_BIG, RENDER_W / 2 - 200, 62, 400, 142, 104, 128, 144, 166};
}

static const char *const medal_frames[MEDAL_COUNT] = {NULL, "medal_bronze", "medal_silver",
                                                      "medal_gold", "medal_expert"};
static const char *const medal_titles[MEDAL_COUNT] = {"No medal", "Bronze medal", "Silver medal",
                                                      "Gold medal", "The expert's medal"};

/* Seconds with one decimal: walking time reads as "3.2 s". */
static void format_walk(char *buf, size_t cap, int32_t ticks)
{
    int32_t tenths = (ticks * 10 + GAME_TICK_HZ / 2) / GAME_TICK_HZ;
    snprintf(buf, cap, "%d.%d s", (int)(tenths / 10), (int)(tenths % 10));
}

/* A difference of times as "-0.42" (faster) or "+1.05". */
static void format_delta(char *buf, size_t cap, int32_t ticks)
{
    int32_t ms = game_ticks_to_ms(ticks < 0 ? -ticks : ticks);
    snprintf(buf, cap, "%c%d.%02d", ticks < 0 ? '-' : '+', (int)(ms / 1000), (int)(ms / 10 % 100));
}

/* A frame of the sheet at twice its size. */
static void sprite_2x(render_t *rd, const SDL_Rect *src, int x, int y)
{
    if (!src || !rd->assets->sheet) return;
    SDL_Rect dst = {x, y, src->w * 2, src->h * 2};
    SDL_RenderCopy(rd->r, rd->assets->sheet, src, &dst);
}

/* The reunion: the world stills round the two of them, a warm light
 * gathers where they meet and hearts rise. */
static void reunion(render_t *rd, text_cache_t *t, const race_results_view_t *v)
{
    const game_t *g = v->game;
    int cx, cy;
    render_camera(g, &cx, &cy);
    const ent_t *h = game_harry(g), *j = game_julie(g);
    int mx = (h->pos.x + j->pos.x) / 2 / GAME_SUB - cx;
    int my = (h->pos.y + j->pos.y) / 2 / GAME_SUB - cy - 8;
    int k = (int)(v->t < RACE_RESULTS_REUNION ? v->t : RACE_RESULTS_REUNION);
    /* The night closes in round them. */
    render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){6, 2, 20, (Uint8)(k * 110 / 90)});
    render_glow(rd, mx, my, 18 + k / 3, (SDL_Color){255, 120, 190, (Uint8)(60 + k)});
    const SDL_Rect *heart = rd->icon_julie;
    for (int i = 0; i < 5 && heart; i++) {
        int born = i * 14;
        if (k < born) continue;
        int age = k - born;
        int hx = mx - 8 + ((i * 37) % 5 - 2) * 6 + (age / 6 % 2 ? 1 : -1);
        int hy = my - 10 - age * 2 / 3;
        render_sprite(rd, heart, hx, hy);
    }
    if (k >= 30) {
        int a = (k - 30) * 255 / 30;
        SDL_Color c = col_neon;
        c.a = (Uint8)(a > 255 ? 255 : a);
        text_draw_shadow(t, FONT_LARGE, "Julie!", RENDER_W / 2, 40, c, TEXT_CENTRE);
    }
}

/* This run's splits against the best's before it, one column each. */
static void splits(render_t *rd, text_cache_t *t, const race_result_t *r, bool test_run, int y,
                   const win_layout_t *l)
{
    (void)rd;
    font_id_t fs = l->fs;
    int dy = l->split_dy;
    char a[24], d[24], line[64];
    int n = r->split_count + 1; /* and the finish */
    if (n > 5) n = 5;
    /* A level with no payphone, checkpoint or key: the best time above says
     * it all. */
    if (r->split_count == 0) return;
    if (r->best_before <= 0 && !test_run) { /* (a test run says above that nothing is kept) */
        text_draw(t, fs, "Your first win here: these are the splits to beat.", RENDER_W / 2, y,
                  col_dim, TEXT_CENTRE);
        y += dy + 1;
    }
    int colw = l->split_colw, x0 = RENDER_W / 2 - n * colw / 2 + colw / 2;
    for (int i = 0; i < n; i++) {
        bool finish = i == n - 1;
        int32_t mine = finish ? r->used : r->splits[i];
        int32_t theirs =
            finish ? r->best_before : (i < r->best_split_count ? r->best_splits[i] : 0);
        int x = x0 + i * colw;
        snprintf(line, sizeof line, "%s", finish ? "Julie" : medal_split_name(r->split_kinds[i]));
        text_draw(t, fs, line, x, y, col_dim, TEXT_CENTRE);
        ui_format_ticks(a, sizeof a, mine);
        text_draw(t, fs, a, x, y + dy, col_text, TEXT_CENTRE);
        if (r->best_before > 0 && theirs > 0) {
            format_delta(d, sizeof d, mine - theirs);
            text_draw(t, fs, d, x, y + 2 * dy, mine <= theirs ? col_cyan : col_amber, TEXT_CENTRE);
        }
    }
}

static void win_panel(render_t *rd, text_cache_t *t, const race_results_view_t *v)
{
    const race_result_t *r = v->res;
    const game_t *g = v->game;
    int k = (int)(v->t - RACE_RESULTS_REUNION);
    int slide = k < PANEL_SLIDE ? (PANEL_SLIDE - k) * 4 : 0; /* the panel rises into place */
    render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){6, 2, 20, 140});
    win_layout_t l = win_layout(v->large);
    int pw = l.w, ph = l.h, px = RENDER_W / 2 - pw / 2, py = l.top + slide;
    render_panel(rd, px, py, pw, ph);
    text_draw_shadow(t, FONT_LARGE, "Julie!", RENDER_W / 2, py + 6, col_neon, TEXT_CENTRE);
    char line[160], a[24], b[24];
    /* The medal, big, beside the time left. */
    medal_t m = r->medal;
    const SDL_Rect *icon = medal_frames[m] ? render_frame_named(rd, medal_frames[m]) : NULL;
    if (icon) sprite_2x(rd, icon, px + 22, py + 36);
    /* An assisted run's medal is kept too, with the assists' mark. */
    const SDL_Rect *mark = g->assisted && icon ? render_frame_named(rd, "mark_assisted") : NULL;
    if (mark) render_sprite(rd, mark, px + 46, py + 58);
    if (g->overrun > 0 && g->ticks_left == 0) {
        /* No-fail (an assist): won after the clock ran out, by this much. */
        ui_format_ticks(a, sizeof a, g->overrun);
        snprintf(line, sizeof line, "over by %s", a);
        text_draw_shadow(t, FONT_CLOCK, line, px + 66, py + 36, RENDER_OVERRUN_COLOUR, TEXT_LEFT);
    } else {
        ui_format_ticks(a, sizeof a, g->ticks_left);
        snprintf(line, sizeof line, "time left %s", a);
        text_draw_shadow(t, FONT_CLOCK, line, px + 66, py + 36, col_amber, TEXT_LEFT);
    }
    /* A run with assists is marked, and its best kept apart. */
    if (g->assisted)
        text_draw_shadow(t, l.fs, "with assists", px + pw - 8, py + 8, col_cyan, TEXT_RIGHT);
    snprintf(line, sizeof line, "%s%s", medal_titles[m],
             r->new_medal && !v->test_run ? "  (new!)" : "");
    text_draw_shadow(t, l.fm, line, px + 66, py + l.medal_y, m ? col_text : col_dim, TEXT_LEFT);
    /* The best, as it was before this run. */
    ui_format_ticks(a, sizeof a, r->used);
    if (r->best_before > 0) {
        ui_format_ticks(b, sizeof b, r->best_before);
        snprintf(line, sizeof line, "your time %s     %s %s", a,
                 g->assisted ? "assisted best" : "best", b);
    } else {
        snprintf(line, sizeof line, "your time %s", a);
    }
    char fit[160];
    text_draw(t, l.fm, text_fit(t, l.fm, line, pw - 12, fit, sizeof fit), RENDER_W / 2,
              py + l.best_y, col_text, TEXT_CENTRE);
    if (v->test_run)
        text_draw_shadow(t, l.fm, "A test run: no best time is kept.", RENDER_W / 2, py + l.new_y,
                         col_cyan, TEXT_CENTRE);
    else if (r->new_best)
        text_draw_shadow(t, l.fm, g->assisted ? "New assisted best!" : "New best time!",
                         RENDER_W / 2, py + l.new_y, col_neon, TEXT_CENTRE);
    splits(rd, t, r, v->test_run, py + l.splits_y, &l);
    /* What the next medal asks. */
    int32_t next = medal_next_ticks(&v->medals, r->best_medal);
    if (r->best_medal == MEDAL_GOLD && next > 0) {
        ui_format_ticks(a, sizeof a, v->medals.expert);
        snprintf(line, sizeof line, "The expert's medal: faster than the expert's %s", a);
    } else if (next > 0) {
        ui_format_ticks(a, sizeof a, next);
        snprintf(line, sizeof line, "%s: %s or faster", medal_titles[r->best_medal + 1], a);
    } else {
        snprintf(line, sizeof line, "Faster than the expert: every medal is yours.");
    }
    text_draw(t, l.fs, line, RENDER_W / 2, py + l.next_y, col_dim, TEXT_CENTRE);
    if (v->save_warning && v->save_warning[0])
        text_draw(t, l.fs, v->save_warning, RENDER_W / 2, py + l.warn_y, col_amber, TEXT_CENTRE);
    int qx, qy;
    font_id_t qf;
    if (race_results_prompt_at(v, &qf, &qx, &qy))
        text_draw(t, qf, v->prompt, qx, qy, col_dim, TEXT_CENTRE);
}

static void loss_panel(render_t *rd, text_cache_t *t, const race_results_view_t *v)
{
    const race_result_t *r = v->res;
    /* The flash: full white, fading over a second to show the ruin (with
     * no-flash on, a slow pale fade instead). */
    int f = (int)v->t;
    int a_white = render_flash_white(rd, (uint32_t)f, 20, 60, 55);
    render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){255, 250, 240, (Uint8)a_white});
    if (f < 40) return;
    loss_layout_t l = loss_layout(v->large);
    render_panel(rd, l.x, l.y, l.w, l.h);
    text_draw_shadow(t, FONT_LARGE, "You did not make it.", RENDER_W / 2,
                     l.y + 10 - (v->large ? 4 : 0), col_text, TEXT_CENTRE);
    char line[160], a[24];
    if (r->walk_left >= 0) {
        format_walk(a, sizeof a, r->walk_left);
        snprintf(line, sizeof line, "Julie was %s of walking away.", a);
    } else {
        snprintf(line, sizeof line, "No way to Julie was open.");
    }
    text_draw_shadow(t, l.fm, line, RENDER_W / 2, l.walk_y, col_amber, TEXT_CENTRE);
    if (r->closest >= 0) {
        format_walk(a, sizeof a, r->closest);
        bool now = r->walk_left >= 0 && r->closest == r->walk_left &&
                   (r->closest_before < 0 || r->closest < r->closest_before);
        if (now && r->closest_before >= 0)
            snprintf(line, sizeof line, "Your closest yet (it was %d.%d s).",
                     (int)((r->closest_before * 10 + 30) / 600),
                     (int)((r->closest_before * 10 + 30) / 60 % 10));
        else if (now)
            snprintf(line, sizeof line, "Your closest attempt so far.");
        else
            snprintf(line, sizeof line, "Your closest attempt: %s away.", a);
        text_draw(t, l.fs, line, RENDER_W / 2, l.closest_y, now ? col_cyan : col_dim, TEXT_CENTRE);
    }
    if (r->best_before > 0) {
        ui_format_ticks(a, sizeof a, r->best_before);
        snprintf(line, sizeof line, "Your best here: %s", a);
        text_draw(t, l.fs, line, RENDER_W / 2, l.best_y, col_dim, TEXT_CENTRE);
    }
    text_draw(t, l.fm, v->prompt, RENDER_W / 2, l.prompt_y, col_amber, TEXT_CENTRE);
}

bool race_results_prompt_at(const race_results_view_t *v, font_id_t *font, int *x, int *y)
{
    *x = RENDER_W / 2;
    if (!v->res->won) {
        loss_layout_t l = loss_layout(v->large);
        *font = l.fm;
        *y = l.prompt_y;
        return v->t >= 40;
    }
    int k = (int)v->t - RACE_RESULTS_REUNION;
    win_layout_t l = win_layout(v->large);
    *font = l.fs;
    *y = l.top + (k >= 0 && k < PANEL_SLIDE ? (PANEL_SLIDE - k) * 4 : 0) + l.prompt_dy;
    return k >= 0;
}

/* What a results picture depends on: all of the view but its time, of
 * which only the panel's slide and the flash show. */
static uint64_t view_key(const render_t *rd, const text_cache_t *t, const race_results_view_t *v)
{
    const game_t *g = v->game;
    int phase;
    if (!v->res->won) {
        phase = render_flash_white(rd, v->t, 20, 60, 55) * 2 + (v->t >= 40);
    } else {
        int k = (int)(v->t - RACE_RESULTS_REUNION);
        phase = k < PANEL_SLIDE ? k : PANEL_SLIDE;
    }
    struct {
        const game_t *g;
        int32_t tick, left, overrun, phase;
        int status;
        bool assisted, large, no_flash, view_large, test_run;
    } k;
    memset(&k, 0, sizeof k);
    k.g = g;
    k.tick = g->tick;
    k.left = g->ticks_left;
    k.overrun = g->overrun;
    k.phase = phase;
    k.status = (int)g->status;
    k.assisted = g->assisted;
    k.large = t->large_menus;
    k.no_flash = rd->no_flash;
    k.view_large = v->large;
    k.test_run = v->test_run;
    uint64_t h = render_key_str(RENDER_KEY_START, "race results");
    h = render_key_add(h, &k, sizeof k);
    h = render_key_add(h, v->res, sizeof *v->res);
    h = render_key_add(h, &v->medals, sizeof v->medals);
    h = render_key_str(h, v->prompt);
    return render_key_str(h, v->save_warning);
}

void race_results_draw(render_t *rd, text_cache_t *t, const race_results_view_t *v)
{
    /* The world as the results opened (a still), and once the reunion is
     * over the whole picture kept while its key stays the same: after the
     * panel's slide or the flash nothing in it moves. */
    bool reunion_on = v->res->won && v->t < RACE_RESULTS_REUNION;
    if (!reunion_on && !render_still_begin(rd, &rd->screen, view_key(rd, t, v))) return;
    render_world_still(rd, v->game, NULL, v->t, false, (SDL_Color){0, 0, 0, 0});
    if (!v->res->won)
        loss_panel(rd, t, v);
    else if (reunion_on)
        reunion(rd, t, v);
    else
        win_panel(rd, t, v);
    if (!reunion_on) render_still_end(rd, &rd->screen);
}
