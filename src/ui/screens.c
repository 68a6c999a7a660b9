/* The screens around play: title, level select, pause, results, errors. */
#include <stdio.h>
#include <string.h>

#include "platform/app.h"
#include "ui/ui_common.h"

static const SDL_Color col_panel = {12, 8, 34, 210};

static void panel(app_t *app, int x, int y, int w, int h)
{
    render_fill(&app->render, x, y, w, h, col_panel);
    SDL_Color edge = {120, 60, 200, 255};
    render_fill(&app->render, x, y, w, 1, edge);
    render_fill(&app->render, x, y + h - 1, w, 1, edge);
    render_fill(&app->render, x, y, 1, h, edge);
    render_fill(&app->render, x + w - 1, y, 1, h, edge);
}

/* The Miracle Mile at night, drawn under the menus: a violet sky going
 * magenta at the horizon, the towers of Park La Brea and Wilshire far off,
 * the May Company's gold corner and Johnnie's sign up close, palms, sodium
 * lamps and traffic. All of it is fixed or moves with the frame counter, so
 * every run draws the same picture. */
static void backdrop(app_t *app)
{
    SDL_Renderer *r = app->renderer;
    render_t *rd = &app->render;
    uint32_t fr = app->frame;
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
    text_draw(&app->text, FONT_SMALL, "JOHNNIE'S", jx + 126, jy - 84, stutter ? col_dim : magenta,
              TEXT_CENTRE);
    text_draw(&app->text, FONT_SMALL, "COFFEE", jx + 126, jy - 72, cyan, TEXT_CENTRE);
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

static void draw_title(app_t *app)
{
    backdrop(app);
    text_cache_t *t = &app->text;
    render_t *rd = &app->render;
    /* Two thin trails climbing out of the west: the missiles are flying. */
    for (int m = 0; m < 2; m++) {
        int len = (int)(app->frame / 3 % 400);
        for (int i = 0; i < len && i < 160; i++) {
            int x = 12 + m * 30 + i, y = 150 - i * i / 300 - m * 8;
            render_fill(rd, x, y, 1, 1, (SDL_Color){255, 220, 230, (Uint8)(30 + i / 4)});
        }
    }
    /* The title in neon: a soft glow behind, then the tubes. */
    render_glow(rd, RENDER_W / 2, 58, 120, (SDL_Color){255, 40, 200, 60});
    text_draw_shadow(t, FONT_LARGE, "MIRACLE MILE", RENDER_W / 2, 42, col_neon, TEXT_CENTRE);
    text_draw_shadow(t, FONT_MEDIUM, "Los Angeles, 4:05 a.m.", RENDER_W / 2, 76, col_cyan,
                     TEXT_CENTRE);
    text_draw_shadow(t, FONT_SMALL,
                     "A payphone rings outside Johnnie's. Wrong number: the missiles are flying.",
                     RENDER_W / 2, 98, col_text, TEXT_CENTRE);
    text_draw_shadow(t, FONT_SMALL, "Seventy minutes. Cross the Mile. Find Julie.", RENDER_W / 2,
                     110, col_text, TEXT_CENTRE);
    /* Two ways to play; the whole night opens once every level is won. */
    bool night_open = app_night_unlocked(app);
    static const char *const ways[2] = {"The Mile", "The whole night"};
    for (int i = 0; i < 2; i++) {
        bool sel = app->title_sel == i;
        bool blink = sel && (app->frame / 30) % 2 == 1 && app->screen_frame >= 30;
        SDL_Color c =
            sel ? (blink ? col_text : col_amber) : (i == 1 && !night_open ? col_dim : col_text);
        char label[48];
        snprintf(label, sizeof label, sel ? "> %s <" : "%s", ways[i]);
        int w = text_draw_shadow(t, FONT_MEDIUM, label, RENDER_W / 2, 128 + i * 18, c, TEXT_CENTRE);
        if (i == 1 && !night_open)
            render_sprite(rd, rd->icon_lock, RENDER_W / 2 + w / 2 + 2, 128 + i * 18 - 3);
    }
    if (app->title_sel == 1) {
        char line[96], tb[24];
        snprintf(line, sizeof line, "Every level on one clock: what is left carries on.");
        if (app->save.night.count > 0) {
            ui_format_ticks(tb, sizeof tb, app->save.night.score);
            snprintf(line, sizeof line, "Every level on one clock. Best night: %s left.", tb);
        }
        text_draw_shadow(t, FONT_SMALL,
                         night_open ? line
                                    : "Locked: reach Julie in every level of the Mile first.",
                         RENDER_W / 2, 166, night_open ? col_cyan : col_text, TEXT_CENTRE);
    }
}

/* One row of the level select: a campaign level or one of the player's. */
static void select_row(app_t *app, int i, int x, int w, int yy, int row)
{
    text_cache_t *t = &app->text;
    const campaign_entry_t *c = &app->campaign[i];
    bool custom = app_is_custom(app, i);
    bool unlocked = i == 0 || custom || save_best(&app->save, app->campaign[i - 1].id) > 0;
    bool sel = i == app->menu_sel;
    if (sel)
        render_fill(&app->render, x + 2, yy - 3, w - 4, row - 2, (SDL_Color){90, 30, 140, 200});
    char label[96];
    if (custom)
        snprintf(label, sizeof label, "%s", c->name);
    else
        snprintf(label, sizeof label, "%d. %s", i + 1, c->name);
    SDL_Color col = unlocked ? (sel ? col_amber : col_text) : col_dim;
    text_draw(t, FONT_MEDIUM, label, x + 24, yy, col, TEXT_LEFT);
    if (!unlocked) {
        render_sprite(&app->render, app->render.icon_lock, x + 6, yy - 2);
        return;
    }
    int32_t best = save_best(&app->save, c->id);
    char info[96], tb[24];
    if (best > 0) {
        ui_format_ticks(tb, sizeof tb, best);
        snprintf(info, sizeof info, "best %s", tb);
        if (c->par_s > 0 && best <= c->par_s * GAME_TICK_HZ)
            render_sprite(&app->render, app->render.icon_star, x + 6, yy - 2);
    } else if (custom && !c->ok) {
        snprintf(info, sizeof info, "has errors: choose it to see them");
    } else if (custom) {
        snprintf(info, sizeof info, "by %s", c->author);
    } else {
        snprintf(info, sizeof info, "%d s on the clock", (int)c->time_s);
    }
    text_draw(t, FONT_SMALL, info, x + w - 10, yy + 2, sel ? col_cyan : col_dim, TEXT_RIGHT);
}

static void draw_select(app_t *app)
{
    /* The campaign on the map of the Mile (ui/mile_map.c); the player's own
     * levels on a page after it. */
    if (!app_is_custom(app, app->menu_sel) || app->custom_count == 0) {
        screens_draw_map(app);
        return;
    }
    backdrop(app);
    text_cache_t *t = &app->text;
    text_draw_shadow(t, FONT_LARGE, "Your levels", RENDER_W / 2, 10, col_neon, TEXT_CENTRE);
    int x = 60, w = RENDER_W - 120, y = 50, row = 20;
    int total = app->campaign_count + app->custom_count;
    /* Lines: a "Custom levels" heading, the custom ones. */
    int lines = app->custom_count + 1;
    const int visible = 9;
    int sel_line = app->menu_sel - app->campaign_count + 1;
    int first = sel_line - visible / 2;
    if (first > lines - visible) first = lines - visible;
    if (first < 0) first = 0;
    int shown = lines < visible ? lines : visible;
    panel(app, x, y - 6, w, row * (shown > 0 ? shown : 1) + 12);
    if (total == 0)
        text_draw(t, FONT_MEDIUM, "No levels found.", RENDER_W / 2, y, col_text, TEXT_CENTRE);
    for (int line = first; line < first + shown; line++) {
        int yy = y + (line - first) * row;
        if (line == 0) {
            text_draw(t, FONT_SMALL, "Custom levels (Up from the first: back to the map)", x + 10,
                      yy + 3, col_cyan, TEXT_LEFT);
            continue;
        }
        select_row(app, app->campaign_count + line - 1, x, w, yy, row);
    }
    if (first > 0) text_draw(t, FONT_SMALL, "more above", x + w - 10, y - 16, col_dim, TEXT_RIGHT);
    if (first + shown < lines)
        text_draw(t, FONT_SMALL, "more below", x + w - 10, y + shown * row + 6, col_dim,
                  TEXT_RIGHT);
    text_draw_shadow(t, FONT_SMALL,
                     "Up/Down choose   Enter play   O options   M mute   Esc back   F11 fullscreen",
                     RENDER_W / 2, RENDER_H - 30, col_dim, TEXT_CENTRE);
}

static void draw_pause(app_t *app)
{
    render_world(&app->render, &app->game, app->frame);
    render_hud(&app->render, &app->game);
    render_fill(&app->render, 0, 0, RENDER_W, RENDER_H, (SDL_Color){6, 2, 20, 150});
    text_cache_t *t = &app->text;
    panel(app, RENDER_W / 2 - 80, 64, 160, 140);
    text_draw_shadow(t, FONT_LARGE, "Paused", RENDER_W / 2, 78, col_neon, TEXT_CENTRE);
    static const char *const items[4] = {"Resume", "Restart", "Options", "Quit to menu"};
    for (int i = 0; i < 4; i++) {
        SDL_Color c = i == app->pause_sel ? col_amber : col_text;
        char label[48];
        snprintf(label, sizeof label, i == app->pause_sel ? "> %s <" : "%s", items[i]);
        text_draw(t, FONT_MEDIUM, label, RENDER_W / 2, 118 + i * 20, c, TEXT_CENTRE);
    }
}

static void draw_results(app_t *app)
{
    if (app->night_on) {
        night_results_draw(app);
        return;
    }
    const game_t *g = &app->game;
    render_world(&app->render, g, app->frame);
    text_cache_t *t = &app->text;
    char line[128], a[24], b[24];
    if (g->status == GAME_WON) {
        render_fill(&app->render, 0, 0, RENDER_W, RENDER_H, (SDL_Color){6, 2, 20, 140});
        panel(app, RENDER_W / 2 - 130, 40, 260, 170);
        text_draw_shadow(t, FONT_LARGE, "Julie!", RENDER_W / 2, 48, col_neon, TEXT_CENTRE);
        ui_format_ticks(a, sizeof a, g->ticks_left);
        snprintf(line, sizeof line, "time left  %s", a);
        text_draw_shadow(t, FONT_CLOCK, line, RENDER_W / 2, 86, col_amber, TEXT_CENTRE);
        ui_format_ticks(a, sizeof a, game_ticks_used(g));
        int32_t best = save_best(&app->save, app->level_id);
        ui_format_ticks(b, sizeof b, best > 0 ? best : game_ticks_used(g));
        snprintf(line, sizeof line, "your time %s    best %s", a, b);
        text_draw(t, FONT_MEDIUM, line, RENDER_W / 2, 116, col_text, TEXT_CENTRE);
        snprintf(line, sizeof line, "par %d:%02d", (int)(g->level->par_s / 60),
                 (int)(g->level->par_s % 60));
        bool under_par = game_ticks_used(g) <= g->level->par_s * GAME_TICK_HZ;
        text_draw(t, FONT_MEDIUM, line, RENDER_W / 2, 134, under_par ? col_cyan : col_dim,
                  TEXT_CENTRE);
        if (under_par) render_sprite(&app->render, app->render.icon_star, RENDER_W / 2 + 36, 132);
        if (app->new_best)
            text_draw_shadow(t, FONT_MEDIUM, "New best time!", RENDER_W / 2, 154, col_neon,
                             TEXT_CENTRE);
        if (app->save_warning[0])
            text_draw(t, FONT_SMALL, app->save_warning, RENDER_W / 2, 172, col_amber, TEXT_CENTRE);
        text_draw(t, FONT_SMALL,
                  app->campaign_index >= 0 ? "Enter next level   R retry   Esc menu"
#if defined(__EMSCRIPTEN__)
                                           /* a page has nowhere to quit to */
                                           : "Enter or R play again   Esc title",
#else
                                           : "Enter or R play again   Esc quit",
#endif
                  RENDER_W / 2, 190, col_dim, TEXT_CENTRE);
    } else {
        /* The flash: full white, fading over a second to show the ruin. */
        int f = (int)app->screen_frame;
        int a_white = f < 20 ? 255 : (f < 80 ? 255 - (f - 20) * 200 / 60 : 55);
        render_fill(&app->render, 0, 0, RENDER_W, RENDER_H,
                    (SDL_Color){255, 250, 240, (Uint8)a_white});
        if (f >= 40) {
            panel(app, RENDER_W / 2 - 160, 80, 320, 90);
            text_draw_shadow(t, FONT_LARGE, "You did not make it.", RENDER_W / 2, 92, col_text,
                             TEXT_CENTRE);
            text_draw(t, FONT_MEDIUM, "R or Enter: try again   Esc: menu", RENDER_W / 2, 136,
                      col_amber, TEXT_CENTRE);
        }
    }
}

static void draw_error(app_t *app)
{
    backdrop(app);
    render_fill(&app->render, 0, 0, RENDER_W, RENDER_H, (SDL_Color){6, 2, 20, 190});
    text_cache_t *t = &app->text;
    text_draw_shadow(t, FONT_MEDIUM, "This level cannot be played:", 12, 12, col_amber, TEXT_LEFT);
    /* Each message wrapped at spaces to the screen's width; a long path
     * keeps its end, where the file name and position are. */
    int y = 34;
    for (int i = 0; i < app->error_count && y < RENDER_H - 36; i++) {
        const char *s = app->errors[i];
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
    text_draw(t, FONT_SMALL,
              app->reload_waiting ? "Fix the file and save it: the game reloads it. Enter: back"
                                  : "Fix the file and choose it again. Enter: back",
              12, RENDER_H - 20, col_dim, TEXT_LEFT);
}

static void draw_options(app_t *app)
{
    if (app->options_return == SCREEN_PAUSE && app->level) {
        render_world(&app->render, &app->game, app->frame);
        render_fill(&app->render, 0, 0, RENDER_W, RENDER_H, (SDL_Color){6, 2, 20, 170});
    } else {
        backdrop(app);
    }
    text_cache_t *t = &app->text;
    const settings_t *s = &app->settings;
    panel(app, RENDER_W / 2 - 120, 50, 240, 160);
    text_draw_shadow(t, FONT_LARGE, "Options", RENDER_W / 2, 56, col_neon, TEXT_CENTRE);
    char lines[5][48];
    snprintf(lines[0], sizeof lines[0], "Music volume   < %d >", s->music_volume);
    snprintf(lines[1], sizeof lines[1], "Effects volume   < %d >", s->sfx_volume);
    snprintf(lines[2], sizeof lines[2], "Mute (M)   %s", s->muted ? "on" : "off");
    snprintf(lines[3], sizeof lines[3], "Fullscreen (F11)   %s", s->fullscreen ? "on" : "off");
    snprintf(lines[4], sizeof lines[4], "Back");
    for (int i = 0; i < 5; i++)
        text_draw(t, FONT_MEDIUM, lines[i], RENDER_W / 2, 96 + i * 20,
                  i == app->options_sel ? col_amber : col_text, TEXT_CENTRE);
    text_draw(t, FONT_SMALL, "Left/Right change   Esc back", RENDER_W / 2, 196, col_dim,
              TEXT_CENTRE);
}

void screens_draw(app_t *app)
{
    SDL_SetRenderDrawColor(app->renderer, 0, 0, 0, 255);
    SDL_RenderClear(app->renderer);
    switch (app->screen) {
    case SCREEN_TITLE:
        draw_title(app);
        break;
    case SCREEN_SELECT:
        draw_select(app);
        break;
    case SCREEN_PLAY:
        render_world(&app->render, &app->game, app->frame);
        render_hud(&app->render, &app->game);
        if (app->night_on) { /* under the level's name */
            char tag[48];
            snprintf(tag, sizeof tag, "The whole night  %d / %d", (int)app->night.level + 1,
                     (int)app->night.level_count);
            text_draw_shadow(&app->text, FONT_SMALL, tag, 6, 16, col_neon, TEXT_LEFT);
        }
        if (app->toast[0] && app->frame - app->toast_frame < 120)
            text_draw_shadow(&app->text, FONT_MEDIUM, app->toast, RENDER_W / 2, 40, col_cyan,
                             TEXT_CENTRE);
        break;
    case SCREEN_PAUSE:
        draw_pause(app);
        break;
    case SCREEN_RESULTS:
        draw_results(app);
        break;
    case SCREEN_ERROR:
        draw_error(app);
        break;
    case SCREEN_OPTIONS:
        draw_options(app);
        break;
    case SCREEN_CARD: {
        const level_t *lv = app->level;
        bool custom = app_is_custom(app, app->campaign_index);
        story_card_t card = {lv->hour, lv->place, lv->name, lv->story,
                             custom ? 0 : app->campaign_index + 1};
        story_draw_card(&app->render, &app->game, &card, app->frame, app_screen_time(app));
        break;
    }
    case SCREEN_ENDING:
        story_draw_ending(&app->render, app->ending, app_screen_time(app));
        break;
    case SCREEN_CREDITS:
        story_draw_credits(&app->render, app_screen_time(app));
        break;
    }
}
