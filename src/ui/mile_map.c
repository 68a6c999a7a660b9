/* The level select's map of the Mile (see mile_map.h). Everything is drawn
 * from fixed numbers and the frame counter, so a frame is the same on every
 * run: the rendered-frame test compares it with a stored picture. */
#include "ui/mile_map.h"

#include <stdio.h>

#include "ui/ui_common.h"

static const SDL_Color col_label = {120, 112, 160, 255};

/* The streets, in screen pixels. */
enum {
    MAP_BOTTOM = MILE_MAP_BOTTOM, /* the panel is below */
    LA_BREA_X = 40,
    FAIRFAX_X = 404, /* avenues, 12 px wide */
    AVENUE_W = 12,
    THIRD_Y = 50,
    THIRD_H = 8, /* 3rd Street */
    SIXTH_Y = 94,
    SIXTH_H = 6, /* 6th Street, La Brea to Fairfax */
    WILSHIRE_Y = 142,
    WILSHIRE_H = 16, /* the boulevard */
};

/* The film's nine places in campaign order: the tar pits, the payphone and
 * Johnnie's at Wilshire and Fairfax, Wilshire, Park La Brea, Fairfax, the
 * May Company, the mall and the tower with the helicopter. */
static const int places[9][2] = {
    {300, 124}, /* 01: the lake pit in Hancock Park */
    {378, 164}, /* 02: the payphone outside Johnnie's */
    {388, 188}, /* 03: Johnnie's, the south-west corner */
    {200, 151}, /* 04: out on Wilshire */
    {170, 30},  /* 05: Park La Brea's towers, north of 3rd */
    {410, 78},  /* 06: panic on Fairfax */
    {448, 124}, /* 07: the May Company's gold corner */
    {290, 190}, /* 08: the abandoned mall */
    {135, 178}, /* 09: the tower's roof */
};

void mile_map_place(int i, int count, int *x, int *y)
{
    (void)count;
    if (i >= 0 && i < 9) {
        *x = places[i][0];
        *y = places[i][1];
        return;
    }
    /* More levels than the film has places: along Wilshire's lanes. */
    int k = i < 0 ? 0 : i - 9;
    *x = 70 + (k * 37) % 320;
    *y = WILSHIRE_Y + 8 + ((k / 9) % 2) * 6;
}

static uint32_t next_rand(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

/* A city block from above: a dark roof, a lit rim, windows warm or cold. */
static void block(render_t *rd, int x, int y, int w, int h, uint32_t seed)
{
    render_fill(rd, x, y, w, h, (SDL_Color){40, 36, 62, 255}); /* sidewalk */
    render_fill(rd, x + 2, y + 2, w - 4, h - 4, (SDL_Color){20, 14, 36, 255});
    render_fill(rd, x + 2, y + 2, w - 4, 1, (SDL_Color){34, 24, 60, 255});
    uint32_t s = seed;
    for (int wy = y + 5; wy < y + h - 4; wy += 4)
        for (int wx = x + 5; wx < x + w - 4; wx += 5) {
            uint32_t r = next_rand(&s);
            if (r % 7 != 0) continue;
            bool warm = (r >> 5) % 3 != 0;
            render_fill(rd, wx, wy, 2, 1,
                        warm ? (SDL_Color){230, 170, 90, 255} : (SDL_Color){150, 170, 220, 255});
        }
}

static void road(render_t *rd, int x, int y, int w, int h)
{
    render_fill(rd, x, y, w, h, (SDL_Color){22, 20, 34, 255});
}

static void streets(render_t *rd)
{
    /* Avenues run the full height, streets across; the kerbs are drawn by
     * the blocks' sidewalks. */
    road(rd, 0, THIRD_Y, RENDER_W, THIRD_H);
    road(rd, LA_BREA_X, SIXTH_Y, FAIRFAX_X - LA_BREA_X, SIXTH_H);
    road(rd, 0, WILSHIRE_Y, RENDER_W, WILSHIRE_H);
    road(rd, LA_BREA_X, 0, AVENUE_W, MAP_BOTTOM);
    road(rd, FAIRFAX_X, 0, AVENUE_W, MAP_BOTTOM);
    SDL_Color paint = {219, 162, 58, 255};
    for (int x = 0; x < RENDER_W; x += 12) /* Wilshire's double yellow, broken at the avenues */
        if ((x + 8 < LA_BREA_X || x > LA_BREA_X + AVENUE_W) &&
            (x + 8 < FAIRFAX_X || x > FAIRFAX_X + AVENUE_W)) {
            render_fill(rd, x, WILSHIRE_Y + 7, 8, 1, paint);
            render_fill(rd, x, WILSHIRE_Y + 9, 8, 1, paint);
        }
    for (int y = 2; y < MAP_BOTTOM; y += 10) /* the avenues' lane lines */
        if (y + 6 < THIRD_Y || (y > THIRD_Y + THIRD_H && y + 6 < WILSHIRE_Y) ||
            y > WILSHIRE_Y + WILSHIRE_H) {
            render_fill(rd, LA_BREA_X + 5, y, 1, 6, (SDL_Color){90, 86, 110, 255});
            render_fill(rd, FAIRFAX_X + 5, y, 1, 6, (SDL_Color){90, 86, 110, 255});
        }
    /* Crosswalks at Wilshire and Fairfax, where the night starts. */
    for (int i = 0; i < 5; i++) {
        render_fill(rd, FAIRFAX_X - 4, WILSHIRE_Y + 1 + i * 3, 3, 2,
                    (SDL_Color){150, 148, 170, 255});
        render_fill(rd, FAIRFAX_X + AVENUE_W + 1, WILSHIRE_Y + 1 + i * 3, 3, 2,
                    (SDL_Color){150, 148, 170, 255});
    }
}

static void park_la_brea(render_t *rd)
{
    /* Lawns north of 3rd with the towers set out in an X. */
    int x0 = LA_BREA_X + AVENUE_W, x1 = FAIRFAX_X;
    render_fill(rd, x0, 0, x1 - x0, THIRD_Y, (SDL_Color){40, 36, 62, 255});
    render_fill(rd, x0 + 2, 0, x1 - x0 - 4, THIRD_Y - 2, (SDL_Color){18, 40, 28, 255});
    static const int towers[][2] = {{90, 6},   {130, 16}, {170, 24}, {210, 16}, {250, 6},
                                    {130, 34}, {210, 34}, {300, 10}, {340, 24}};
    uint32_t s = 51;
    for (size_t i = 0; i < sizeof towers / sizeof towers[0]; i++) {
        int tx = towers[i][0], ty = towers[i][1];
        render_fill(rd, tx + 2, ty + 2, 16, 10, (SDL_Color){6, 4, 14, 160}); /* shadow */
        render_fill(rd, tx, ty, 16, 10, (SDL_Color){30, 22, 52, 255});
        render_fill(rd, tx, ty, 16, 1, (SDL_Color){52, 40, 84, 255});
        for (int k = 0; k < 6; k++) {
            uint32_t r = next_rand(&s);
            if (r % 3 == 0) continue;
            render_fill(rd, tx + 2 + (int)(r % 12), ty + 2 + (int)((r >> 4) % 6), 2, 1,
                        (SDL_Color){230, 170, 90, 255});
        }
        if (i == 2) render_glow(rd, tx + 8, ty - 1, 4, (SDL_Color){255, 40, 50, 120}); /* beacon */
    }
}

static void hancock_park(render_t *rd)
{
    int x0 = 226, x1 = FAIRFAX_X, y0 = SIXTH_Y + SIXTH_H, y1 = WILSHIRE_Y;
    render_fill(rd, x0, y0, x1 - x0, y1 - y0, (SDL_Color){40, 36, 62, 255});
    render_fill(rd, x0 + 2, y0 + 2, x1 - x0 - 4, y1 - y0 - 4, (SDL_Color){22, 48, 30, 255});
    /* The museum's block at the park's east end. */
    render_fill(rd, 370, y0 + 4, 28, 18, (SDL_Color){28, 22, 44, 255});
    render_fill(rd, 370, y0 + 4, 28, 1, (SDL_Color){60, 50, 90, 255});
    const SDL_Rect *tree = render_frame_named(rd, "map_tree");
    static const int trees[][2] = {{232, 104}, {244, 126}, {258, 108}, {272, 128}, {330, 104},
                                   {344, 126}, {356, 108}, {236, 116}, {318, 128}, {360, 126}};
    for (size_t i = 0; i < sizeof trees / sizeof trees[0]; i++)
        if (tree) render_sprite(rd, tree, trees[i][0], trees[i][1]);
    const SDL_Rect *pit = render_frame_named(rd, "map_tarpit");
    if (pit) {
        render_sprite(rd, pit, 292, 112);
        render_sprite(rd, pit, 264, 118);
    }
    const SDL_Rect *mammoth = render_frame_named(rd, "map_mammoth");
    if (mammoth) render_sprite(rd, mammoth, 278, 111);
    render_glow(rd, 300, 116, 14, (SDL_Color){255, 150, 40, 40});
}

static void wilshire_landmarks(render_t *rd, uint32_t frame)
{
    /* The May Company: a dark block with its gold cylinder on the corner. */
    int mx = FAIRFAX_X + AVENUE_W;
    render_fill(rd, mx, SIXTH_Y, RENDER_W - mx, WILSHIRE_Y - SIXTH_Y, (SDL_Color){40, 36, 62, 255});
    render_fill(rd, mx + 2, SIXTH_Y + 2, RENDER_W - mx - 4, WILSHIRE_Y - SIXTH_Y - 4,
                (SDL_Color){26, 18, 30, 255});
    for (int dy = 0; dy < 16; dy++) /* a quarter disc of gold, lit from the street */
        for (int dx = 0; dx < 16; dx++)
            if (dx * dx + dy * dy < 15 * 15) {
                int lum = 255 - (dx + dy) * 5;
                render_fill(rd, mx + 2 + (15 - dx), WILSHIRE_Y - 3 - dy, 1, 1,
                            (SDL_Color){(Uint8)(lum * 250 / 255), (Uint8)(lum * 180 / 255),
                                        (Uint8)(lum * 60 / 255), 255});
            }
    render_glow(rd, mx + 10, WILSHIRE_Y - 10, 24, (SDL_Color){255, 190, 90, 50});
    /* Johnnie's, the south-west corner: its swooping roof edged in neon. */
    int jx = 370, jy = WILSHIRE_Y + WILSHIRE_H;
    bool stutter = (frame / 7) % 37 == 0;
    render_fill(rd, jx, jy + 4, 30, 20, (SDL_Color){34, 20, 40, 255});
    render_fill(rd, jx, jy + 4, 30, 1, stutter ? col_dim : col_neon);
    render_fill(rd, jx, jy + 4, 1, 20, stutter ? col_dim : col_neon);
    render_fill(rd, jx + 3, jy + 8, 24, 4, (SDL_Color){255, 210, 140, 255}); /* lit glass */
    render_glow(rd, jx + 15, jy + 10, 22, (SDL_Color){255, 60, 200, (Uint8)(stutter ? 20 : 60)});
    const SDL_Rect *phone = render_frame_named(rd, "map_phone");
    if (phone) render_sprite(rd, phone, jx + 12, jy - 1);
    /* The abandoned mall: a long dark roof with skylights, no light inside. */
    render_fill(rd, 250, jy + 6, 82, 34, (SDL_Color){16, 12, 26, 255});
    for (int i = 0; i < 5; i++)
        render_fill(rd, 256 + i * 15, jy + 16, 9, 5, (SDL_Color){30, 34, 52, 255});
    /* The tower on Wilshire, the helicopter on its roof. */
    render_fill(rd, 122, jy + 4, 28, 30, (SDL_Color){32, 26, 52, 255});
    render_fill(rd, 124, jy + 6, 24, 26, (SDL_Color){44, 40, 66, 255});
    const SDL_Rect *heli = render_frame_named(rd, "map_heli");
    if (heli) render_sprite(rd, heli, 130, jy + 12);
    if ((frame / 30) % 2 == 0) render_glow(rd, 148, jy + 6, 4, (SDL_Color){255, 40, 50, 140});
}

static void city(render_t *rd)
{
    int e = FAIRFAX_X + AVENUE_W, w = LA_BREA_X + AVENUE_W;
    /* West of La Brea and east of Fairfax, north of Wilshire. */
    block(rd, 0, 0, LA_BREA_X, THIRD_Y, 11);
    block(rd, 0, THIRD_Y + THIRD_H, LA_BREA_X, WILSHIRE_Y - THIRD_Y - THIRD_H, 12);
    block(rd, e, 0, RENDER_W - e, THIRD_Y, 13);
    block(rd, e, THIRD_Y + THIRD_H, RENDER_W - e, SIXTH_Y - THIRD_Y - THIRD_H, 14);
    /* Between 3rd and 6th, four blocks. */
    for (int i = 0; i < 4; i++) {
        int x0 = w + i * (FAIRFAX_X - w) / 4, x1 = w + (i + 1) * (FAIRFAX_X - w) / 4;
        block(rd, x0, THIRD_Y + THIRD_H, x1 - x0 - 4, SIXTH_Y - THIRD_Y - THIRD_H,
              20u + (uint32_t)i);
    }
    /* Between 6th and Wilshire, west of the park. */
    block(rd, w, SIXTH_Y + SIXTH_H, 84, WILSHIRE_Y - SIXTH_Y - SIXTH_H, 30);
    block(rd, w + 88, SIXTH_Y + SIXTH_H, 226 - w - 92, WILSHIRE_Y - SIXTH_Y - SIXTH_H, 31);
    /* South of Wilshire. */
    int s = WILSHIRE_Y + WILSHIRE_H, h = MAP_BOTTOM - s;
    block(rd, 0, s, LA_BREA_X, h, 40);
    block(rd, w, s, 118 - w, h, 41);
    block(rd, 154, s, 92, h, 42);
    block(rd, 336, s, 32, h, 43);
    block(rd, e, s, RENDER_W - e, h, 44);
}

static void lamps(render_t *rd)
{
    /* Sodium lamps along Wilshire, and at the corners. */
    for (int x = 20; x < RENDER_W; x += 44) {
        render_glow(rd, x, WILSHIRE_Y - 1, 12, (SDL_Color){255, 150, 40, 60});
        render_glow(rd, x + 22, WILSHIRE_Y + WILSHIRE_H + 1, 12, (SDL_Color){255, 150, 40, 60});
    }
    static const int corners[][2] = {{LA_BREA_X + 6, THIRD_Y + 4},
                                     {FAIRFAX_X + 6, THIRD_Y + 4},
                                     {LA_BREA_X + 6, WILSHIRE_Y + 8},
                                     {FAIRFAX_X + 6, WILSHIRE_Y + 8}};
    for (size_t i = 0; i < 4; i++)
        render_glow(rd, corners[i][0], corners[i][1], 16, (SDL_Color){255, 160, 60, 50});
}

/* A street's name painted on its asphalt, the lane lines broken under it. */
static void road_name(render_t *rd, text_cache_t *t, const char *s, int x, int y)
{
    int w = text_width(t, FONT_SMALL, s);
    render_fill(rd, x - w / 2 - 3, y + 1, w + 6, 9, (SDL_Color){22, 20, 34, 255});
    text_draw(t, FONT_SMALL, s, x, y, col_label, TEXT_CENTRE);
}

static void labels(render_t *rd, text_cache_t *t)
{
    road_name(rd, t, "WILSHIRE BLVD", 110, WILSHIRE_Y + 3);
    road_name(rd, t, "WILSHIRE BLVD", 310, WILSHIRE_Y + 3);
    text_draw_shadow(t, FONT_SMALL, "3RD ST", 300, THIRD_Y - 1, col_label, TEXT_CENTRE);
    text_draw_shadow(t, FONT_SMALL, "6TH ST", 190, SIXTH_Y - 3, col_label, TEXT_CENTRE);
    text_draw_shadow(t, FONT_SMALL, "LA BREA", LA_BREA_X + 6, MAP_BOTTOM - 12, col_label,
                     TEXT_CENTRE);
    text_draw_shadow(t, FONT_SMALL, "FAIRFAX", FAIRFAX_X + 6, MAP_BOTTOM - 12, col_label,
                     TEXT_CENTRE);
    text_draw_shadow(t, FONT_SMALL, "Park La Brea", 290, 38, col_label, TEXT_CENTRE);
    text_draw_shadow(t, FONT_SMALL, "Hancock Park", 300, 130, col_label, TEXT_CENTRE);
}

/* The route in play order, dotted, as far as the places that are open. */
static void route(render_t *rd, const mile_map_view_t *v)
{
    for (int i = 0; i + 1 < v->count; i++) {
        if (v->places[i + 1].state == MILE_LOCKED) break;
        int ax, ay, bx, by;
        mile_map_place(i, v->count, &ax, &ay);
        mile_map_place(i + 1, v->count, &bx, &by);
        int dx = bx - ax, dy = by - ay;
        int len =
            (dx < 0 ? -dx : dx) > (dy < 0 ? -dy : dy) ? (dx < 0 ? -dx : dx) : (dy < 0 ? -dy : dy);
        for (int k = 0; k < len; k += 4)
            render_fill(rd, ax + dx * k / (len ? len : 1), ay - 6 + dy * k / (len ? len : 1), 1, 1,
                        (SDL_Color){255, 120, 220, 150});
    }
}

static void pins(render_t *rd, text_cache_t *t, const mile_map_view_t *v)
{
    const SDL_Rect *looks[3] = {render_frame_named(rd, "map_pin_locked"),
                                render_frame_named(rd, "map_pin"),
                                render_frame_named(rd, "map_pin_won")};
    const SDL_Rect *star = render_frame_named(rd, "map_star");
    const SDL_Rect *mark = render_frame_named(rd, "map_mark_assisted");
    const SDL_Rect *medals[MEDAL_COUNT] = {NULL, render_frame_named(rd, "map_medal_bronze"),
                                           render_frame_named(rd, "map_medal_silver"),
                                           render_frame_named(rd, "map_medal_gold"),
                                           render_frame_named(rd, "map_medal_expert")};
    for (int i = 0; i < v->count; i++) {
        int x, y;
        mile_map_place(i, v->count, &x, &y);
        const mile_place_t *p = &v->places[i];
        if (p->state != MILE_LOCKED)
            render_glow(rd, x, y - 8, 10,
                        p->state == MILE_WON ? (SDL_Color){255, 200, 80, 70}
                                             : (SDL_Color){255, 60, 200, 70});
        const SDL_Rect *look = looks[p->state];
        if (look) render_sprite(rd, look, x - look->w / 2, y - look->h);
        char num[8];
        snprintf(num, sizeof num, "%d", i + 1);
        int nw = text_draw_shadow(t, FONT_SMALL, num, x + 7, y - 14,
                                  p->state == MILE_LOCKED ? col_dim : col_text, TEXT_LEFT);
        if (p->medal > MEDAL_NONE && p->medal < MEDAL_COUNT && medals[p->medal]) {
            render_sprite(rd, medals[p->medal], x + 8 + nw, y - 14);
            if (p->medal_assisted && mark) render_sprite(rd, mark, x + 12 + nw, y - 10);
        } else if (star && p->medals.ticks[LEVEL_MEDAL_GOLD] == 0 && p->best_ticks > 0 &&
                   p->par_s > 0 && p->best_ticks <= p->par_s * 60)
            render_sprite(rd, star, x + 8 + nw, y - 14);
    }
    if (v->sel >= 0 && v->sel < v->count) {
        int x, y;
        mile_map_place(v->sel, v->count, &x, &y);
        const SDL_Rect *cur = render_frame_named(rd, "map_cursor");
        int pulse = (v->frame / 20) % 2;
        if (cur) render_sprite(rd, cur, x - cur->w / 2 - pulse, y - 7 - cur->h / 2 - pulse);
        if (cur && pulse) render_sprite(rd, cur, x - cur->w / 2 + 1, y - 7 - cur->h / 2 + 1);
    }
}

/* The chosen level's medal, and what the next one asks. */
static void medal_info(render_t *rd, text_cache_t *t, const mile_place_t *p, int x, int y)
{
    font_id_t fs = text_menu_font(t, FONT_SMALL);
    int dy = (text_line_height(t, fs) - 10) / 2; /* the icon on the line's middle */
    static const char *const icons[MEDAL_COUNT] = {NULL, "map_medal_bronze", "map_medal_silver",
                                                   "map_medal_gold", "map_medal_expert"};
    medal_t m = p->medal > MEDAL_NONE && p->medal < MEDAL_COUNT ? (medal_t)p->medal : MEDAL_NONE;
    const SDL_Rect *icon = icons[m] ? render_frame_named(rd, icons[m]) : NULL;
    char line[96], a[24];
    if (icon) {
        render_sprite(rd, icon, x, y + 1 + dy);
        const SDL_Rect *mark = render_frame_named(rd, "map_mark_assisted");
        if (p->medal_assisted && mark) render_sprite(rd, mark, x + 4, y + 5 + dy);
        snprintf(line, sizeof line, "%s medal%s", medal_name(m),
                 p->medal_assisted ? " (with assists)" : "");
        x += icon->w + 3;
        x += text_draw(t, fs, line, x, y, col_amber, TEXT_LEFT) + 10;
    }
    int32_t next = medal_next_ticks(&p->medals, m);
    if (m == MEDAL_GOLD && next > 0) {
        ui_format_ticks(a, sizeof a, p->medals.expert);
        snprintf(line, sizeof line, "expert: beat %s", a);
    } else if (next > 0) {
        ui_format_ticks(a, sizeof a, next);
        snprintf(line, sizeof line, "%s: %s or faster", medal_name((medal_t)(m + 1)), a);
    } else {
        snprintf(line, sizeof line, "%s", m == MEDAL_EXPERT ? "faster than the expert" : "");
    }
    text_draw(t, fs, line, x, y, col_dim, TEXT_LEFT);
}

/* Where the panel's lines go. In the larger menu text (text_menu_font) its
 * lines sit closer and the two notes on the right (the night's best, the
 * player's own levels) go up to the map's top right corner, under its
 * name, where the longer lines cannot run into them. */
typedef struct panel_layout {
    font_id_t fm, fs;
    int title_y, info_y, medal_y, prompt_y; /* the left column's lines */
    int night_y, custom_y, notes_x;         /* the notes, right-aligned at notes_x */
    bool large;
} panel_layout_t;

static panel_layout_t panel_layout(const text_cache_t *t)
{
    panel_layout_t l;
    l.fm = text_menu_font(t, FONT_MEDIUM);
    l.fs = text_menu_font(t, FONT_SMALL);
    l.large = l.fs != FONT_SMALL;
    l.notes_x = RENDER_W - 16;
    if (!l.large) {
        l.title_y = MAP_BOTTOM + 7;
        l.info_y = l.title_y + 16;
        l.medal_y = l.info_y + 12;
        l.prompt_y = MAP_BOTTOM + 46;
        l.night_y = MAP_BOTTOM + 9;
        l.custom_y = MAP_BOTTOM + 23;
        return l;
    }
    int hm = text_line_height(t, l.fm), hs = text_line_height(t, l.fs);
    l.title_y = MAP_BOTTOM + 4;
    l.info_y = l.title_y + hm - 1;
    l.medal_y = l.info_y + hs;
    l.prompt_y = RENDER_H - 4 - hs;
    l.notes_x = RENDER_W - 8;
    l.night_y = 4 + hm;
    l.custom_y = l.night_y + hs;
    return l;
}

/* The line that says the player's own levels follow the map. */
static void custom_line(char *buf, size_t cap, int count)
{
    snprintf(buf, cap, "Your own levels (%d): past the last place", count);
}

bool mile_map_custom_at(text_cache_t *t, int custom_count, int x, int y)
{
    if (custom_count <= 0) return false;
    char line[96];
    custom_line(line, sizeof line, custom_count);
    panel_layout_t l = panel_layout(t);
    int w = text_width(t, l.fs, line);
    return x >= l.notes_x - w && x < l.notes_x && y >= l.custom_y - 2 &&
           y < l.custom_y + text_line_height(t, l.fs) + 1;
}

static void info_panel(render_t *rd, text_cache_t *t, const mile_map_view_t *v)
{
    render_panel(rd, 6, MAP_BOTTOM + 2, RENDER_W - 12, RENDER_H - MAP_BOTTOM - 4);
    panel_layout_t l = panel_layout(t);
    int x = 16, y = l.title_y;
    char line[200], a[24], b[24];
    if (v->count == 0) {
        text_draw(t, l.fm, "No levels found.", x, y, col_text, TEXT_LEFT);
    } else if (v->sel >= 0 && v->sel < v->count) {
        const mile_place_t *p = &v->places[v->sel];
        bool locked = p->state == MILE_LOCKED;
        snprintf(line, sizeof line, "%d. %s", v->sel + 1, p->name);
        int lx = x;
        if (locked) {
            const SDL_Rect *lock = render_frame_named(rd, "icon_lock");
            if (lock) render_sprite(rd, lock, x - 4, y - 3 + (l.large ? 2 : 0));
            lx += 14;
        }
        text_draw_shadow(t, l.fm, line, lx, y, locked ? col_dim : col_amber, TEXT_LEFT);
        y = l.info_y;
        if (locked && v->sel > 0) {
            snprintf(line, sizeof line, "Locked: reach Julie in \"%s\" to open it.",
                     v->places[v->sel - 1].name);
            text_draw(t, l.fs, line, x, y, col_text, TEXT_LEFT);
        } else if (p->broken) {
            text_draw(t, l.fs, "This level's file has errors: choose it to see them.", x, y,
                      col_text, TEXT_LEFT);
        } else {
            if (p->best_ticks > 0) {
                ui_format_ticks(a, sizeof a, p->best_ticks);
                snprintf(b, sizeof b, "best %s", a);
            } else if (p->assisted_ticks > 0) { /* kept apart, and said so */
                ui_format_ticks(a, sizeof a, p->assisted_ticks);
                snprintf(b, sizeof b, "assisted best %s", a);
            } else {
                snprintf(b, sizeof b, "not won yet");
            }
            snprintf(line, sizeof line, "%s     par %d:%02d     %d s on the clock", b,
                     (int)(p->par_s / 60), (int)(p->par_s % 60), (int)p->time_s);
            int w = text_draw(t, l.fs, line, x, y, col_cyan, TEXT_LEFT);
            if (p->medals.ticks[LEVEL_MEDAL_GOLD] > 0) {
                medal_info(rd, t, p, x, l.medal_y);
            } else if (p->best_ticks > 0 && p->par_s > 0 && p->best_ticks <= p->par_s * 60) {
                const SDL_Rect *star = render_frame_named(rd, "icon_star");
                if (star) render_sprite(rd, star, x + w + 4, y - 4);
            }
        }
    }
    if (v->night_best > 0) {
        ui_format_ticks(a, sizeof a, v->night_best);
        snprintf(line, sizeof line, "The whole night: best %s left", a);
        (l.large ? text_draw_shadow : text_draw)(t, l.fs, line, l.notes_x, l.night_y, col_neon,
                                                 TEXT_RIGHT);
    }
    if (v->custom_count > 0) {
        custom_line(line, sizeof line, v->custom_count);
        (l.large ? text_draw_shadow : text_draw)(t, l.fs, line, l.notes_x, l.custom_y,
                                                 l.large ? col_text : col_dim, TEXT_RIGHT);
    }
    int px, py;
    mile_map_prompt_place(t, &px, &py);
    char prompt[160];
    if (rd->prompts) { /* the player's keys, by the device last used */
        input_prompt_glyphs(rd->prompts, MILE_MAP_PROMPT, prompt, sizeof prompt);
    } else {
        input_bindings_t keys;
        input_bindings_default(&keys);
        input_prompt_format_on(&keys, INPUT_DEV_KEYBOARD, MILE_MAP_PROMPT, prompt, sizeof prompt);
    }
    text_draw(t, l.fs, prompt, px, py, col_dim, TEXT_CENTRE);
}

void mile_map_prompt_place(const text_cache_t *t, int *x, int *y)
{
    *x = RENDER_W / 2;
    *y = panel_layout(t).prompt_y;
}

int mile_map_pin_at(int count, int x, int y)
{
    /* The pin stands on its tip: its head is above it. The nearest wins
     * where two are close. */
    int best = -1, best_d = 1 << 30;
    for (int i = 0; i < count; i++) {
        int px, py;
        mile_map_place(i, count, &px, &py);
        if (x < px - 8 || x > px + 8 || y < py - 20 || y > py + 2) continue;
        int dx = x - px, dy = y - (py - 9), d = dx * dx + dy * dy;
        if (d < best_d) best = i, best_d = d;
    }
    return best;
}

/* What a map's picture depends on: the view, with the frame counter cut
 * down to the moments something on the map changes (the sign stutters, the
 * helicopter's beacon blinks, the cursor pulses). */
static uint64_t view_key(const render_t *rd, const text_cache_t *t, const mile_map_view_t *v)
{
    mile_map_view_t k = *v;
    uint32_t f = v->frame;
    k.frame = (uint32_t)((f / 7) % 37 == 0) | ((f / 30) % 2) << 1 | ((f / 20) % 2) << 2;
    const unsigned char *b = (const unsigned char *)&k;
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < sizeof k; i++) h = (h ^ b[i]) * 1099511628211ull;
    for (int i = 0; i < v->count && i < MILE_MAP_MAX; i++)
        for (const char *c = v->places[i].name; c && *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211ull;
    /* The text's size and the device the prompt names change the picture too. */
    h = (h ^ (t->large_menus ? 1u : 0u)) * 1099511628211ull;
    char prompt[160] = "";
    if (rd->prompts) input_prompt_glyphs(rd->prompts, MILE_MAP_PROMPT, prompt, sizeof prompt);
    for (const char *c = prompt; *c; c++) h = (h ^ (unsigned char)*c) * 1099511628211ull;
    return h;
}

void mile_map_draw(render_t *rd, text_cache_t *t, const mile_map_view_t *v)
{
    /* Drawn once while nothing on it changes. */
    if (!render_still_begin(rd, &rd->map, view_key(rd, t, v))) return;
    render_fill(rd, 0, 0, RENDER_W, MAP_BOTTOM, (SDL_Color){12, 8, 24, 255});
    city(rd);
    park_la_brea(rd);
    hancock_park(rd);
    streets(rd);
    wilshire_landmarks(rd, v->frame);
    lamps(rd);
    labels(rd, t);
    route(rd, v);
    pins(rd, t, v);
    text_draw_shadow(t, FONT_MEDIUM, "The Miracle Mile", RENDER_W - 8, 3, col_neon, TEXT_RIGHT);
    render_fill(rd, 0, MAP_BOTTOM, RENDER_W, RENDER_H - MAP_BOTTOM, (SDL_Color){8, 6, 18, 255});
    info_panel(rd, t, v);
    render_still_end(rd, &rd->map);
}
