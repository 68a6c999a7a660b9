/* The screen table, and what the screens share: the rules they all read
 * (each in one place) and the night behind the menus. */
#include "ui/screen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "platform/input.h"
#include "ui/ui_common.h"

static const screen_ops_t *const table[SCREEN_COUNT] = {
    [SCREEN_TITLE] = &scr_title_ops,       [SCREEN_SELECT] = &scr_select_ops,
    [SCREEN_PLAY] = &scr_play_ops,         [SCREEN_PAUSE] = &scr_pause_ops,
    [SCREEN_RESULTS] = &scr_results_ops,   [SCREEN_ERROR] = &scr_error_ops,
    [SCREEN_OPTIONS] = &scr_options_ops,   [SCREEN_CARD] = &scr_card_ops,
    [SCREEN_ENDING] = &scr_ending_ops,     [SCREEN_CREDITS] = &scr_credits_ops,
    [SCREEN_CONTROLS] = &scr_controls_ops, [SCREEN_ASSISTS] = &scr_assists_ops,
    [SCREEN_EDITOR] = &scr_editor_ops,
};

const screen_ops_t *screen_ops(screen_t s)
{
    return (unsigned)s < SCREEN_COUNT ? table[s] : table[SCREEN_TITLE];
}

const char *screen_name(screen_t s)
{
    static const char *const names[SCREEN_COUNT] = {
        "title", "select", "play",    "pause",    "results", "error", "options",
        "card",  "ending", "credits", "controls", "assists", "editor"};
    return (unsigned)s < SCREEN_COUNT ? names[s] : "?";
}

const char *ui_prompt(const ui_ctx_t *ctx, const char *tmpl, char *buf, size_t cap)
{
    if (ctx->input) return input_prompt_glyphs(ctx->input, tmpl, buf, cap);
    input_bindings_t b;
    input_bindings_default(&b);
    return input_prompt_format_on(&b, INPUT_DEV_KEYBOARD, tmpl, buf, cap);
}

void ui_request(ui_ctx_t *ctx, ui_request_kind_t kind, int arg)
{
    ctx->req.kind = kind;
    ctx->req.arg = arg;
}

void ui_go(ui_ctx_t *ctx, screen_t s)
{
    ctx->req.kind = UI_REQ_SCREEN;
    ctx->req.screen = s;
}

int ui_setting_rows_actions(ui_ctx_t *ctx, int *sel, int settings, uint32_t a, int *step)
{
    *step = (a & ACT_LEFT) ? -1 : ((a & ACT_RIGHT) ? 1 : 0);
    if (a & ACT_BACK || ((a & ACT_CONFIRM) && *sel == settings)) return UI_ROWS_BACK;
    if ((a & ACT_UP) && *sel > 0) (*sel)--;
    if ((a & ACT_DOWN) && *sel < settings) (*sel)++; /* Back is row `settings` */
    if (a & (ACT_UP | ACT_DOWN)) audio_play_cue(ctx->audio, CUE_SELECT);
    if (a & ACT_CONFIRM) *step = 1;
    if (*step == 0 || *sel < 0 || *sel >= settings) return UI_ROWS_NONE;
    return *sel;
}

void ui_hover(ui_ctx_t *ctx, int *sel, int i)
{
    if (*sel == i) return;
    *sel = i;
    audio_play_cue(ctx->audio, CUE_SELECT);
}

bool ui_in(int px, int py, int x, int y, int w, int h)
{
    return px >= x && py >= y && px < x + w && py < y + h;
}

/* The actions of a prompt's key, by the key's name it starts with (the
 * player's, on the device last used). */
static uint32_t key_word_actions(const ui_ctx_t *ctx, const char *part, size_t n)
{
    if (ctx->input) return input_prompt_actions(ctx->input, part, n);
    input_devices_t d;
    memset(&d, 0, sizeof d);
    input_bindings_default(&d.binds);
    return input_prompt_actions(&d, part, n);
}

/* Where a prompt line too wide for the picture breaks into two lines: at
 * the gap between parts nearest its middle (0: it fits on one). */
static size_t prompt_break(ui_ctx_t *ctx, font_id_t font, const char *shown)
{
    if (text_width(ctx->text, font, shown) <= RENDER_W - 16) return 0;
    size_t len = strlen(shown), best = 0, mid = len / 2;
    for (size_t i = 1; i + 3 < len; i++)
        if (memcmp(shown + i, "   ", 3) == 0 && shown[i - 1] != ' ') {
            size_t d = i > mid ? i - mid : mid - i, bd = best > mid ? best - mid : mid - best;
            if (!best || d < bd) best = i;
        }
    return best;
}

int ui_prompt_draw(ui_ctx_t *ctx, font_id_t font, const char *tmpl, int x, int y, SDL_Color c,
                   text_align_t align)
{
    char shown[TEXT_MAX];
    ui_prompt(ctx, tmpl, shown, sizeof shown);
    size_t cut = prompt_break(ctx, font, shown);
    if (!cut) {
        text_draw(ctx->text, font, shown, x, y, c, align);
        return 1;
    }
    char first[TEXT_MAX];
    memcpy(first, shown, cut);
    first[cut] = '\0';
    const char *second = shown + cut;
    while (*second == ' ') second++;
    text_draw(ctx->text, font, first, x, y, c, align);
    text_draw(ctx->text, font, second, x, y + text_line_height(ctx->text, font), c, align);
    return 2;
}

/* The actions of the part of one drawn line under (px, py). */
static uint32_t line_part_at(ui_ctx_t *ctx, font_id_t font, const char *prompt, int x, int y,
                             text_align_t align, int px, int py)
{
    int h = text_line_height(ctx->text, font);
    if (py < y - 2 || py >= y + h + 2) return 0;
    int width = text_width(ctx->text, font, prompt);
    int left = align == TEXT_CENTRE ? x - width / 2 : (align == TEXT_RIGHT ? x - width : x);
    char buf[TEXT_MAX];
    size_t len = strlen(prompt);
    for (size_t start = 0; start < len;) {
        size_t end = start;
        while (end < len && !(prompt[end] == ' ' && end + 1 < len && prompt[end + 1] == ' ')) end++;
        /* The part's place: the width of the prompt before it, and its own. */
        size_t pre = start < sizeof buf ? start : sizeof buf - 1;
        memcpy(buf, prompt, pre);
        buf[pre] = '\0';
        int x0 = left + (pre ? text_width(ctx->text, font, buf) : 0);
        size_t n = end - start < sizeof buf ? end - start : sizeof buf - 1;
        memcpy(buf, prompt + start, n);
        buf[n] = '\0';
        int x1 = x0 + text_width(ctx->text, font, buf);
        if (px >= x0 - 3 && px < x1 + 3) return key_word_actions(ctx, prompt + start, end - start);
        start = end;
        while (start < len && prompt[start] == ' ') start++;
    }
    return 0;
}

uint32_t ui_prompt_at(ui_ctx_t *ctx, font_id_t font, const char *tmpl, int x, int y,
                      text_align_t align, int px, int py)
{
    char shown[TEXT_MAX]; /* the line as drawn, the player's keys in it */
    ui_prompt(ctx, tmpl, shown, sizeof shown);
    size_t cut = prompt_break(ctx, font, shown);
    if (!cut) return line_part_at(ctx, font, shown, x, y, align, px, py);
    char first[TEXT_MAX]; /* drawn as two lines (ui_prompt_draw) */
    memcpy(first, shown, cut);
    first[cut] = '\0';
    const char *second = shown + cut;
    while (*second == ' ') second++;
    uint32_t a = line_part_at(ctx, font, first, x, y, align, px, py);
    return a ? a
             : line_part_at(ctx, font, second, x, y + text_line_height(ctx->text, font), align, px,
                            py);
}

void ui_trace(const char *fmt, ...)
{
    static int on = -1;
    if (on < 0) on = getenv("MM_TRACE_SCREENS") != NULL;
    if (!on) return;
    va_list ap;
    va_start(ap, fmt);
    fputs("ui ", stdout);
    vprintf(fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    fflush(stdout);
}

bool ui_is_custom(const ui_ctx_t *ctx, int i)
{
    return i >= ctx->campaign_count;
}

bool ui_level_unlocked(const ui_ctx_t *ctx, int i)
{
    /* Won with assists or without: assists are no shame. */
    return i == 0 || ui_is_custom(ctx, i) || save_won(ctx->save, ctx->campaign[i - 1].id);
}

bool ui_night_unlocked(const ui_ctx_t *ctx)
{
    if (ctx->campaign_count == 0) return false;
    for (int i = 0; i < ctx->campaign_count; i++)
        if (!save_won(ctx->save, ctx->campaign[i].id)) return false;
    return true;
}

void ui_level_medals(const ui_ctx_t *ctx, int i, medal_times_t *out)
{
    const campaign_entry_t *c = &ctx->campaign[i];
    medal_times_of(c->time_s, c->par_s, c->medal_s, c->expert_ticks, out);
}

medal_t ui_level_medal(const ui_ctx_t *ctx, int i)
{
    medal_times_t t;
    ui_level_medals(ctx, i, &t);
    return ctx->campaign[i].ok ? medal_of(&t, save_best(ctx->save, ctx->campaign[i].id))
                               : MEDAL_NONE;
}

medal_t ui_level_medal_kept(const ui_ctx_t *ctx, int i, bool *assisted)
{
    medal_times_t t;
    ui_level_medals(ctx, i, &t);
    if (assisted) *assisted = false;
    if (!ctx->campaign[i].ok) return MEDAL_NONE;
    const char *id = ctx->campaign[i].id;
    return medal_kept(&t, save_best(ctx->save, id), save_best_assisted(ctx->save, id), assisted);
}

void ui_panel(ui_ctx_t *ctx, int x, int y, int w, int h)
{
    render_fill(ctx->render, x, y, w, h, (SDL_Color){12, 8, 34, 210});
    SDL_Color edge = {120, 60, 200, 255};
    render_fill(ctx->render, x, y, w, 1, edge);
    render_fill(ctx->render, x, y + h - 1, w, 1, edge);
    render_fill(ctx->render, x, y, 1, h, edge);
    render_fill(ctx->render, x + w - 1, y, 1, h, edge);
}

void ui_world_panel(ui_ctx_t *ctx, SDL_Color veil, int x, int y, int w, int h)
{
    render_t *rd = ctx->render;
    struct {
        const game_t *g;
        int32_t tick, rect[4];
        int status;
        SDL_Color veil;
        bool world_kept; /* a level drawn since (play) takes a new still of it */
    } k;
    memset(&k, 0, sizeof k);
    k.g = ctx->game;
    k.tick = ctx->game->tick;
    k.status = (int)ctx->game->status;
    k.rect[0] = x, k.rect[1] = y, k.rect[2] = w, k.rect[3] = h;
    k.veil = veil;
    k.world_kept = rd->world_still.valid || rd->world_still.held;
    uint64_t key = render_key_add(render_key_str(RENDER_KEY_START, "page"), &k, sizeof k);
    if (!render_still_begin(rd, &rd->screen, key)) return;
    render_world_still(rd, ctx->game, NULL, ctx->frame, false, veil);
    ui_panel(ctx, x, y, w, h);
    render_still_end(rd, &rd->screen);
}

/* The Miracle Mile at night, drawn under the menus: a violet sky going
 * magenta at the horizon, the towers of Park La Brea and Wilshire far off,
 * the May Company's gold corner and Johnnie's sign up close, palms, sodium
 * lamps and traffic. All of it is fixed or moves with the frame counter, so
 * every run draws the same picture. */
static void backdrop_still(ui_ctx_t *ctx)
{
    render_t *rd = ctx->render;
    SDL_Renderer *r = rd->r;
    uint32_t fr = ctx->frame;
    const int horizon = RENDER_H - 34; /* the street's far kerb */
    /* Sky: deep violet above, city glow low down. */
    for (int y = 0; y < horizon; y += 2) {
        int t = y * 256 / horizon, t2 = t * t / 256;
        SDL_SetRenderDrawColor(r, (Uint8)(8 + t2 * 70 / 256), (Uint8)(6 + t2 * 14 / 256),
                               (Uint8)(30 + t * 40 / 256), 255);
        SDL_Rect row = {0, y, RENDER_W, 2};
        SDL_RenderFillRect(r, &row);
    }
    /* Stars, fixed; a few twinkle. */
    uint32_t s = 12345;
    for (int i = 0; i < 90; i++) {
        s = s * 1103515245u + 12345u;
        int x = (int)((s >> 8) % RENDER_W);
        s = s * 1103515245u + 12345u;
        int y = (int)((s >> 8) % 120);
        int b = 120 + (int)((s >> 20) % 120);
        if ((s >> 16) % 7 == 0 && (fr / 20 + (uint32_t)i) % 5 == 0) b /= 3;
        SDL_SetRenderDrawColor(r, (Uint8)b, (Uint8)b, (Uint8)(b + 15 > 255 ? 255 : b + 15), 255);
        SDL_RenderDrawPoint(r, x, y);
    }
    /* Far skyline: the towers of Park La Brea and Wilshire's high-rises. */
    int x = -6;
    s = 777;
    while (x < RENDER_W) {
        s = s * 1103515245u + 12345u;
        int w = 14 + (int)((s >> 9) % 26);
        s = s * 1103515245u + 12345u;
        int h = 50 + (int)((s >> 9) % 70);
        bool tower = (s >> 20) % 4 == 0;
        if (tower) h += 24;
        SDL_Rect bld = {x, horizon - h, w, h};
        SDL_SetRenderDrawColor(r, 26, 16, 52, 255);
        SDL_RenderFillRect(r, &bld);
        SDL_SetRenderDrawColor(r, 40, 26, 74, 255); /* lit edge, city glow */
        SDL_Rect edge = {x, horizon - h, 1, h};
        SDL_RenderFillRect(r, &edge);
        for (int wy = horizon - h + 4; wy < horizon - 4; wy += 5)
            for (int wx = x + 3; wx < x + w - 2; wx += 4) {
                s = s * 1103515245u + 12345u;
                if ((s >> 12) % 6 == 0) {
                    bool warm = (s >> 18) % 3 != 0;
                    SDL_SetRenderDrawColor(r, warm ? 230 : 150, warm ? 170 : 170, warm ? 90 : 220,
                                           255);
                    SDL_Rect win = {wx, wy, 2, 2};
                    SDL_RenderFillRect(r, &win);
                }
            }
        if (tower && (fr / 40 + (uint32_t)x) % 3 == 0) { /* aircraft beacon */
            SDL_SetRenderDrawColor(r, 255, 40, 50, 255);
            SDL_Rect beacon = {x + w / 2, horizon - h - 2, 1, 2};
            SDL_RenderFillRect(r, &beacon);
            render_glow(rd, x + w / 2, horizon - h - 1, 5, (SDL_Color){255, 40, 50, 120});
        }
        x += w + 3 + (int)((s >> 24) % 6);
    }
    /* The May Company at Wilshire and Fairfax: a dark block with its great
     * gold cylinder on the corner. */
    SDL_Rect may = {18, horizon - 92, 84, 92};
    SDL_SetRenderDrawColor(r, 20, 14, 36, 255);
    SDL_RenderFillRect(r, &may);
    for (int i = 0; i < 26; i++) {
        /* A cylinder: its gold strips brightest where the floodlight hits. */
        int d = i - 9, lum = 255 - d * d * 2;
        if (lum < 80) lum = 80;
        SDL_SetRenderDrawColor(r, (Uint8)(lum * 250 / 255), (Uint8)(lum * 180 / 255),
                               (Uint8)(lum * 60 / 255), 255);
        SDL_Rect strip = {88 + i, horizon - 118, 1, 118};
        SDL_RenderFillRect(r, &strip);
    }
    SDL_SetRenderDrawColor(r, 30, 18, 10, 255);
    for (int y = horizon - 112; y < horizon; y += 9) {
        SDL_Rect band = {88, y, 26, 2};
        SDL_RenderFillRect(r, &band);
    }
    render_glow(rd, 101, horizon - 60, 46, (SDL_Color){255, 190, 90, 50});
    /* Johnnie's: the swooping roof and the sign over Wilshire. */
    int jx = 300, jy = horizon - 30;
    SDL_SetRenderDrawColor(r, 16, 10, 30, 255);
    for (int i = 0; i < 110; i++) { /* the roof rises to the right */
        int top = jy - i / 4;
        SDL_RenderDrawLine(r, jx + i, top, jx + i, horizon);
    }
    SDL_SetRenderDrawColor(r, 255, 210, 140, 255); /* the glass front, lit inside */
    SDL_Rect glass = {jx + 6, jy + 8, 96, 12};
    SDL_RenderFillRect(r, &glass);
    SDL_SetRenderDrawColor(r, 120, 70, 40, 255);
    for (int i = 0; i < 8; i++) {
        SDL_Rect mullion = {jx + 6 + i * 12, jy + 8, 1, 12};
        SDL_RenderFillRect(r, &mullion);
    }
    render_glow(rd, jx + 54, jy + 16, 50, (SDL_Color){255, 180, 90, 70});
    /* The sign on its pole; the neon stutters now and then. */
    bool stutter = (fr / 7) % 37 == 0;
    SDL_SetRenderDrawColor(r, 24, 16, 40, 255);
    SDL_Rect pole = {jx + 120, jy - 70, 4, 100};
    SDL_RenderFillRect(r, &pole);
    SDL_Rect sign = {jx + 90, jy - 86, 72, 30};
    SDL_RenderFillRect(r, &sign);
    SDL_Color magenta = {255, 70, 200, 255}, cyan = {90, 230, 255, 255};
    SDL_SetRenderDrawColor(r, magenta.r, magenta.g, magenta.b, stutter ? 90 : 255);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_Rect rim = {jx + 90, jy - 86, 72, 30};
    SDL_RenderDrawRect(r, &rim);
    text_draw(ctx->text, FONT_SMALL, "JOHNNIE'S", jx + 126, jy - 84, stutter ? col_dim : magenta,
              TEXT_CENTRE);
    text_draw(ctx->text, FONT_SMALL, "COFFEE", jx + 126, jy - 72, cyan, TEXT_CENTRE);
    render_glow(rd, jx + 126, jy - 71, 40, (SDL_Color){255, 60, 200, (Uint8)(stutter ? 20 : 70)});
    /* Palms along the boulevard, black against the glow. */
    static const int palms[][2] = {{150, 96}, {176, 80}, {262, 104}, {472, 100}, {12, 84}};
    for (size_t p = 0; p < sizeof palms / sizeof palms[0]; p++) {
        int px = palms[p][0], ph = palms[p][1], top = horizon - ph;
        SDL_SetRenderDrawColor(r, 8, 4, 18, 255);
        for (int y = top; y < horizon; y++) { /* a slight lean */
            int lean = (horizon - y) * (horizon - y) / (ph * 12);
            SDL_Rect trunk = {px + lean, y, 2, 1};
            SDL_RenderFillRect(r, &trunk);
        }
        int cxp = px + ph / 12 + 1;
        for (int k = 0; k < 9; k++) { /* fronds arc out and droop */
            int spread = k - 4, bend = spread < 0 ? -spread : spread;
            int len = 9 + bend * 2;
            for (int t = 0; t < len; t++) {
                int fx = cxp + spread * t / 3;
                int fy = top - t / 2 + t * t * (bend + 1) / (len * 5);
                SDL_Rect leaf = {fx, fy, 2, 2};
                SDL_RenderFillRect(r, &leaf);
            }
        }
    }
    /* The street: asphalt, a lane line, lamps and traffic. */
    SDL_SetRenderDrawColor(r, 22, 20, 34, 255);
    SDL_Rect street = {0, horizon, RENDER_W, RENDER_H - horizon};
    SDL_RenderFillRect(r, &street);
    SDL_SetRenderDrawColor(r, 60, 58, 84, 255);
    SDL_Rect kerb = {0, horizon, RENDER_W, 2};
    SDL_RenderFillRect(r, &kerb);
    SDL_SetRenderDrawColor(r, 219, 162, 58, 255);
    for (int i = 0; i < RENDER_W; i += 24) {
        SDL_Rect dash = {i, RENDER_H - 15, 12, 1};
        SDL_RenderFillRect(r, &dash);
    }
    for (int lx = 40; lx < RENDER_W; lx += 110) {
        SDL_SetRenderDrawColor(r, 34, 32, 46, 255);
        SDL_Rect lamp_pole = {lx, horizon - 40, 2, 42};
        SDL_RenderFillRect(r, &lamp_pole);
        SDL_Rect arm = {lx, horizon - 40, 8, 2};
        SDL_RenderFillRect(r, &arm);
        SDL_SetRenderDrawColor(r, 255, 200, 110, 255);
        SDL_Rect head = {lx + 6, horizon - 38, 3, 1};
        SDL_RenderFillRect(r, &head);
        render_glow(rd, lx + 7, horizon - 30, 34, (SDL_Color){255, 150, 40, 70});
        render_glow(rd, lx + 7, horizon + 12, 26, (SDL_Color){255, 150, 40, 50});
    }
}

uint64_t ui_backdrop_key(const ui_ctx_t *ctx)
{
    /* The frame counter's only uses above: a star twinkles, a beacon blinks,
     * the sign stutters. */
    uint32_t fr = ctx->frame;
    return (fr / 20) % 5 | ((fr / 40) % 3) << 4 | (uint64_t)((fr / 7) % 37 == 0) << 8;
}

void ui_backdrop_still(ui_ctx_t *ctx)
{
    render_t *rd = ctx->render;
    /* Kept as a picture, drawn again only when its key changes. */
    if (render_still_begin(rd, &rd->backdrop, ui_backdrop_key(ctx))) {
        backdrop_still(ctx);
        render_still_end(rd, &rd->backdrop);
    }
}

void ui_backdrop(ui_ctx_t *ctx)
{
    ui_backdrop_still(ctx);
    ui_backdrop_cars(ctx);
}

void ui_backdrop_cars(ui_ctx_t *ctx)
{
    render_t *rd = ctx->render;
    uint32_t fr = ctx->frame;
    /* Cars: headlights one way, tail lights the other. */
    for (int c = 0; c < 3; c++) {
        int span = RENDER_W + 80;
        int hx = (int)((fr * 2 + (uint32_t)c * 210) % (uint32_t)span) - 40;
        int tx = RENDER_W - (int)((fr * 3 / 2 + (uint32_t)c * 170) % (uint32_t)span) + 40;
        render_fill(rd, hx, RENDER_H - 10, 14, 4, (SDL_Color){10, 8, 16, 255});
        render_fill(rd, hx + 13, RENDER_H - 10, 2, 1, (SDL_Color){255, 250, 210, 255});
        render_fill(rd, hx + 13, RENDER_H - 7, 2, 1, (SDL_Color){255, 250, 210, 255});
        render_glow(rd, hx + 22, RENDER_H - 8, 12, (SDL_Color){255, 240, 200, 80});
        render_fill(rd, tx, RENDER_H - 21, 14, 4, (SDL_Color){10, 8, 16, 255});
        render_fill(rd, tx + 13, RENDER_H - 21, 1, 1, (SDL_Color){255, 40, 50, 255});
        render_fill(rd, tx + 13, RENDER_H - 18, 1, 1, (SDL_Color){255, 40, 50, 255});
        render_glow(rd, tx + 14, RENDER_H - 19, 6, (SDL_Color){255, 40, 50, 90});
    }
}
