#include "platform/render.h"

#include <stdio.h>
#include <string.h>

static const char *const dir_names[4] = {"down", "up", "left", "right"};
static const char *const char_names[RENDER_CHAR_KINDS] = {
    "harry", "julie", "diner_a", "diner_b", "diner_c", "waitress", "ped_a", "ped_b",
    "ped_c", "ped_d", "ped_e",   "ped_f",   "looter",  "cop",      "swat",  "coyote"};
static const char *const edge_names[RENDER_EDGE_SETS] = {
    "tile_kerb",    "tile_grass_edge", "tile_tar_edge",    "tile_water_edge",
    "tile_parapet", "tile_roof_edge",  "tile_helipad_edge"};
static const char *const tile_frames[TILE_KIND_COUNT] = {
    [TILE_SIDEWALK] = "tile_sidewalk",
    [TILE_ROAD] = "tile_road",
    [TILE_ROAD_LANE] = "tile_road_lane",
    [TILE_CROSSWALK] = "tile_crosswalk",
    [TILE_GRASS] = "tile_grass",
    [TILE_TREE] = "tile_tree",
    [TILE_WATER] = "tile_water",
    [TILE_TAR] = "tile_tar_0",
    [TILE_WALL] = "tile_wall_roof",
    [TILE_DOOR] = "tile_door",
    [TILE_FENCE] = "tile_fence",
    [TILE_DINER_FLOOR] = "tile_diner_floor",
    [TILE_COUNTER] = "tile_counter",
    [TILE_STOOL] = "tile_stool",
    [TILE_BOOTH] = "tile_booth",
    [TILE_PAYPHONE] = "tile_payphone",
    [TILE_STREETLIGHT] = "tile_streetlight",
    [TILE_NEON] = "tile_neon",
    [TILE_MAMMOTH] = "tile_tar_0",
    [TILE_MAMMOTH_YOUNG] = "tile_mammoth_young",
    [TILE_BENCH] = "tile_bench",
    [TILE_STORE_FLOOR] = "tile_store_floor",
    [TILE_SHELF] = "tile_shelf",
    [TILE_MALL_FLOOR] = "tile_mall_floor",
    [TILE_SHUTTER] = "tile_shutter",
    [TILE_ESCALATOR] = "tile_escalator",
    [TILE_ROOF] = "tile_roof",
    [TILE_HELIPAD] = "tile_helipad",
    [TILE_VENT] = "tile_vent",
    [TILE_FIRE] = "tile_fire_0",
    [TILE_SMOKE] = "tile_smoke_0",
};
static const char *const ui_frame_names[9] = {"ui_frame_tl", "ui_frame_t", "ui_frame_tr",
                                              "ui_frame_l",  "ui_frame_c", "ui_frame_r",
                                              "ui_frame_bl", "ui_frame_b", "ui_frame_br"};

/* A soft radial light S pixels across: drawn additively it makes glows. */
static SDL_Texture *make_glow(SDL_Renderer *r, int S)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, S, S, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s) return NULL;
    for (int y = 0; y < S; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < S; x++) {
            int dx = 2 * x + 1 - S, dy = 2 * y + 1 - S;
            int d2 = dx * dx + dy * dy, r2 = S * S;
            int a = d2 >= r2 ? 0 : 255 - 255 * d2 / r2;
            a = a * a / 255; /* falls off smoothly, no hard rim */
            row[x] = SDL_MapRGBA(s->format, 255, 255, 255, (Uint8)a);
        }
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
    SDL_FreeSurface(s);
    if (t) SDL_SetTextureBlendMode(t, SDL_BLENDMODE_ADD);
    return t;
}

static const SDL_Rect *frame_n(const assets_t *a, const char *prefix, int n)
{
    char name[ASSETS_FRAME_NAME_MAX + 1];
    snprintf(name, sizeof name, "%s_%d", prefix, n);
    return assets_frame(a, name);
}

static const SDL_Rect *frame_s(const assets_t *a, const char *prefix, const char *suffix)
{
    char name[ASSETS_FRAME_NAME_MAX + 1];
    snprintf(name, sizeof name, "%s_%s", prefix, suffix);
    return assets_frame(a, name);
}

bool render_init(render_t *rd, SDL_Renderer *r, const assets_t *a, text_cache_t *text)
{
    memset(rd, 0, sizeof *rd);
    rd->r = r;
    rd->assets = a;
    rd->text = text;
    for (int i = 0; i < TILE_KIND_COUNT; i++)
        rd->tile[i] = tile_frames[i] ? assets_frame(a, tile_frames[i]) : NULL;
    rd->sidewalk_b = assets_frame(a, "tile_sidewalk_b");
    rd->grass_b = assets_frame(a, "tile_grass_b");
    for (int i = 0; i < 4; i++) {
        rd->tar[i] = frame_n(a, "tile_tar", i);
        rd->fire[i] = frame_n(a, "tile_fire", i);
        rd->smoke[i] = frame_n(a, "tile_smoke", i);
        rd->fire_top[i] = frame_n(a, "tile_fire_top", i);
    }
    static const char *const quarter[4] = {"h", "v", "o", "i"};
    for (int e = 0; e < RENDER_EDGE_SETS; e++)
        for (int q = 0; q < 4; q++) rd->edge[e][q] = frame_s(a, edge_names[e], quarter[q]);
    rd->wall_face = assets_frame(a, "tile_wall_face");
    rd->wall_face_dark = assets_frame(a, "tile_wall_face_dark");
    rd->wall_inside[0] = assets_frame(a, "tile_wall_inside");
    rd->wall_inside[1] = assets_frame(a, "tile_wall_inside_store");
    rd->wall_inside[2] = assets_frame(a, "tile_wall_inside_mall");
    rd->face_end_l = assets_frame(a, "tile_face_end_l");
    rd->face_end_r = assets_frame(a, "tile_face_end_r");
    rd->shadow_top = assets_frame(a, "tile_shadow_top");
    rd->shadow_left = assets_frame(a, "tile_shadow_left");
    rd->lane_v = assets_frame(a, "tile_road_lane_v");
    rd->crosswalk_h = assets_frame(a, "tile_crosswalk_h");
    rd->mammoth = assets_frame(a, "tile_mammoth");
    rd->helipad_mark = assets_frame(a, "tile_helipad_mark");
    rd->escalator[0] = assets_frame(a, "tile_escalator");
    rd->escalator[1] = assets_frame(a, "tile_escalator_1");
    rd->fence_h = assets_frame(a, "tile_fence_h");
    rd->fence_v = assets_frame(a, "tile_fence_v");
    rd->fence_post = assets_frame(a, "tile_fence_post");
    rd->palm_crown = assets_frame(a, "tile_palm_crown");
    rd->door_north = assets_frame(a, "tile_door_north");
    rd->wall_block = assets_frame(a, "tile_wall_block");
    rd->skylight = assets_frame(a, "tile_skylight");
    for (int i = 0; i < 3; i++) {
        rd->neon2[i] = i < 2 ? frame_n(a, "tile_neon2", i) : NULL;
        rd->neon3[i] = frame_n(a, "tile_neon3", i);
    }
    for (int c = 0; c < RENDER_CHAR_KINDS; c++) {
        for (int d = 0; d < 4; d++)
            for (int f = 0; f < RENDER_WALK_FRAMES; f++) {
                char n[ASSETS_FRAME_NAME_MAX + 1];
                snprintf(n, sizeof n, "%s_%s_%d", char_names[c], dir_names[d], f);
                rd->chars[c][d][f] = assets_frame(a, n);
            }
        rd->idle[c] = frame_s(a, char_names[c], "idle");
    }
    for (int d = 0; d < 4; d++)
        for (int f = 0; f < RENDER_WALK_FRAMES; f++) {
            char n[ASSETS_FRAME_NAME_MAX + 1];
            snprintf(n, sizeof n, "harry_sprint_%s_%d", dir_names[d], f);
            rd->harry_sprint[d][f] = assets_frame(a, n);
        }
    rd->harry_caught = assets_frame(a, "harry_caught");
    rd->icon_clock = assets_frame(a, "icon_clock");
    rd->icon_stamina = assets_frame(a, "icon_stamina");
    rd->icon_lock = assets_frame(a, "icon_lock");
    rd->icon_star = assets_frame(a, "icon_star");
    rd->icon_julie = assets_frame(a, "icon_julie");
    rd->hud_clock = assets_frame(a, "hud_clock");
    rd->hud_stamina = assets_frame(a, "hud_stamina");
    for (int i = 0; i < 9; i++) rd->ui_frame[i] = assets_frame(a, ui_frame_names[i]);
    rd->glow = make_glow(r, 64);
    /* The light map needs render targets; without them the night is drawn
     * with glows alone. */
    rd->light = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, RENDER_W,
                                  RENDER_H);
    if (rd->light) SDL_SetTextureBlendMode(rd->light, SDL_BLENDMODE_MOD);
    return rd->glow != NULL;
}

void render_free(render_t *rd)
{
    for (int i = 0; i < rd->glow_count; i++) SDL_DestroyTexture(rd->glow_sized[i]);
    rd->glow_count = 0;
    if (rd->glow) SDL_DestroyTexture(rd->glow);
    if (rd->light) SDL_DestroyTexture(rd->light);
    rd->glow = NULL;
    rd->light = NULL;
}

void render_sprite(render_t *rd, const SDL_Rect *src, int x, int y)
{
    if (!src || !rd->assets->sheet) return;
    SDL_Rect dst = {x, y, src->w, src->h};
    SDL_RenderCopy(rd->r, rd->assets->sheet, src, &dst);
}

const SDL_Rect *render_frame_named(const render_t *rd, const char *name)
{
    return assets_frame(rd->assets, name);
}

void render_fill(render_t *rd, int x, int y, int w, int h, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, c.a);
    SDL_Rect rect = {x, y, w, h};
    SDL_RenderFillRect(rd->r, &rect);
}

void render_panel(render_t *rd, int x, int y, int w, int h)
{
    const SDL_Rect *const *f = rd->ui_frame;
    bool have = rd->assets->sheet != NULL;
    for (int i = 0; i < 9; i++) have = have && f[i];
    if (!have || w < f[0]->w + f[2]->w || h < f[0]->h + f[6]->h) {
        render_fill(rd, x, y, w, h, (SDL_Color){12, 8, 34, 210});
        return;
    }
    /* Corners as drawn, edges and centre stretched: a 9-slice. */
    int cw = f[0]->w, ch = f[0]->h, rw = f[2]->w, bh = f[6]->h;
    int xs[3] = {x, x + cw, x + w - rw}, ws[3] = {cw, w - cw - rw, rw};
    int ys[3] = {y, y + ch, y + h - bh}, hs[3] = {ch, h - ch - bh, bh};
    for (int j = 0; j < 3; j++)
        for (int i = 0; i < 3; i++) {
            SDL_Rect dst = {xs[i], ys[j], ws[i], hs[j]};
            if (dst.w > 0 && dst.h > 0)
                SDL_RenderCopy(rd->r, rd->assets->sheet, f[j * 3 + i], &dst);
        }
}

void render_glow(render_t *rd, int cx, int cy, int radius, SDL_Color c)
{
    if (!rd->glow || radius <= 0) return;
    /* A glow made at its own size draws unscaled, which software renderers
     * do several times faster; the few sizes in use are kept. */
    SDL_Texture *t = rd->glow;
    for (int i = 0; i < rd->glow_count; i++)
        if (rd->glow_radius[i] == radius) t = rd->glow_sized[i];
    if (t == rd->glow && rd->glow_count < RENDER_GLOW_SIZES && radius <= 160) {
        SDL_Texture *made = make_glow(rd->r, radius * 2);
        if (made) {
            rd->glow_radius[rd->glow_count] = radius;
            rd->glow_sized[rd->glow_count++] = made;
            t = made;
        }
    }
    SDL_SetTextureColorMod(t, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(t, c.a);
    SDL_Rect dst = {cx - radius, cy - radius, radius * 2, radius * 2};
    SDL_RenderCopy(rd->r, t, NULL, &dst);
}

void render_camera(const game_t *g, int *cx, int *cy)
{
    const level_t *lv = g->level;
    int map_w = lv->w * LEVEL_TILE_PX, map_h = lv->h * LEVEL_TILE_PX;
    int x = game_harry(g)->pos.x / GAME_SUB - RENDER_W / 2;
    int y = game_harry(g)->pos.y / GAME_SUB - RENDER_H / 2;
    if (map_w <= RENDER_W)
        x = (map_w - RENDER_W) / 2;
    else
        x = x < 0 ? 0 : (x > map_w - RENDER_W ? map_w - RENDER_W : x);
    if (map_h <= RENDER_H)
        y = (map_h - RENDER_H) / 2;
    else
        y = y < 0 ? 0 : (y > map_h - RENDER_H ? map_h - RENDER_H : y);
    *cx = x;
    *cy = y;
}

static uint32_t cell_hash(int32_t x, int32_t y)
{
    uint32_t h = (uint32_t)x * 73856093u ^ (uint32_t)y * 19349663u;
    h ^= h >> 13;
    h *= 0x5bd1e995u;
    return h ^ (h >> 15);
}

/* ---- what lies under what ------------------------------------------------ */

/* Ground that furniture can stand on. */
static bool is_underlay(tile_kind_t k)
{
    switch (k) {
    case TILE_SIDEWALK:
    case TILE_ROAD:
    case TILE_ROAD_LANE:
    case TILE_CROSSWALK:
    case TILE_GRASS:
    case TILE_TAR:
    case TILE_DINER_FLOOR:
    case TILE_STORE_FLOOR:
    case TILE_MALL_FLOOR:
    case TILE_ROOF:
    case TILE_HELIPAD:
        return true;
    default:
        return false;
    }
}

/* Tiles that make up a building's street face: the wall, and what is set
 * into it. */
static bool is_facade(tile_kind_t k)
{
    return k == TILE_WALL || k == TILE_NEON || k == TILE_DOOR || k == TILE_SHUTTER;
}

static bool is_indoor_floor(tile_kind_t k)
{
    return k == TILE_DINER_FLOOR || k == TILE_STORE_FLOOR || k == TILE_MALL_FLOOR ||
           k == TILE_ESCALATOR;
}

static bool is_paved(tile_kind_t k)
{
    return k == TILE_SIDEWALK || k == TILE_ROAD || k == TILE_ROAD_LANE || k == TILE_CROSSWALK ||
           is_indoor_floor(k) || k == TILE_ROOF || k == TILE_HELIPAD || k == TILE_DOOR;
}

static bool is_roadway(tile_kind_t k)
{
    return k == TILE_ROAD || k == TILE_ROAD_LANE || k == TILE_CROSSWALK;
}

/* The ground drawn under furniture: the commonest ground among the nearest
 * neighbours (straight neighbours count double, the tile below first), else
 * the ground the level's markers stand on. Markings are left off: a bench by
 * the road stands on plain asphalt. */
static tile_kind_t underlay(const level_t *lv, int32_t x, int32_t y)
{
    static const int8_t ring1[8][3] = {{0, 1, 2},  {-1, 0, 2}, {1, 0, 2},   {0, -1, 2},
                                       {-1, 1, 1}, {1, 1, 1},  {-1, -1, 1}, {1, -1, 1}};
    for (int r = 1; r <= 3; r++) {
        int count[TILE_KIND_COUNT] = {0};
        int best = -1, best_n = 0;
        int cells = r == 1 ? 8 : 8 * r;
        for (int i = 0; i < cells; i++) {
            int dx, dy, w = 1;
            if (r == 1) {
                dx = ring1[i][0];
                dy = ring1[i][1];
                w = ring1[i][2];
            } else {
                /* Walk the square ring of radius r. */
                int side = i / (2 * r), off = i % (2 * r) - r;
                dx = side == 0 ? off : side == 1 ? r : side == 2 ? -off : -r;
                dy = side == 0 ? r : side == 1 ? -off : side == 2 ? -r : off;
            }
            tile_kind_t n = level_tile_at(lv, x + dx, y + dy);
            if (n == TILE_MAMMOTH) n = TILE_TAR;
            if (n == TILE_ROAD_LANE || n == TILE_CROSSWALK) n = TILE_ROAD;
            if (!is_underlay(n)) continue;
            count[n] += w;
            if (count[n] > best_n) {
                best_n = count[n];
                best = (int)n;
            }
        }
        if (best >= 0) return (tile_kind_t)best;
    }
    tile_kind_t ground = level_tile_at(lv, lv->harry_tx, lv->harry_ty);
    return is_underlay(ground) ? ground : TILE_SIDEWALK;
}

/* The ground kind at a tile: itself for ground, what it stands on for
 * furniture; walls stay walls. */
static tile_kind_t floor_of(const level_t *lv, int32_t x, int32_t y)
{
    tile_kind_t k = level_tile_at(lv, x, y);
    if (k == TILE_MAMMOTH) return TILE_TAR;
    if (is_underlay(k) || k == TILE_WATER || k == TILE_ESCALATOR || is_facade(k)) return k;
    return underlay(lv, x, y);
}

/* A building's street face: facade tiles with open ground below. */
static bool is_face(const level_t *lv, int32_t x, int32_t y)
{
    return is_facade(level_tile_at(lv, x, y)) && !is_facade(level_tile_at(lv, x, y + 1));
}

/* A helipad tile, or a marker's tile (Harry, Julie) in the middle of one. */
static bool is_pad(const level_t *lv, int32_t x, int32_t y)
{
    if (level_tile_at(lv, x, y) == TILE_HELIPAD) return true;
    if (level_solid_at(lv, x, y)) return false;
    return level_tile_at(lv, x - 1, y) == TILE_HELIPAD &&
           level_tile_at(lv, x + 1, y) == TILE_HELIPAD &&
           level_tile_at(lv, x, y - 1) == TILE_HELIPAD &&
           level_tile_at(lv, x, y + 1) == TILE_HELIPAD;
}

/* Whether neighbour (nx, ny) continues the terrain of edge set e. */
static bool edge_same(const level_t *lv, int e, int32_t nx, int32_t ny)
{
    bool outside = nx < 0 || ny < 0 || nx >= lv->w || ny >= lv->h;
    tile_kind_t n = floor_of(lv, nx, ny);
    switch (e) {
    case EDGE_KERB:
        return !is_roadway(n);
    case EDGE_GRASS:
        return !is_paved(n);
    case EDGE_TAR:
        return n == TILE_TAR || outside;
    case EDGE_WATER:
        return n == TILE_WATER || n == TILE_TAR || outside;
    case EDGE_PARAPET:
        return outside || (n == TILE_WALL && !is_face(lv, nx, ny));
    case EDGE_ROOF:
        return n == TILE_ROOF || n == TILE_HELIPAD;
    case EDGE_HELIPAD:
        return is_pad(lv, nx, ny);
    default:
        return true;
    }
}

/* Auto-tiling by quarters: each 8x8 corner of a tile looks at its two
 * straight neighbours and the diagonal between them, and takes that quarter
 * from the overlay for its case. Five cases cover every shape of region with
 * four overlay frames, and an animated ground keeps animating under them. */
static void draw_edges(render_t *rd, const level_t *lv, int e, int32_t x, int32_t y, int px, int py)
{
    enum { Q = LEVEL_TILE_PX / 2 };
    bool same[3][3];
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
            same[dy + 1][dx + 1] = (dx == 0 && dy == 0) || edge_same(lv, e, x + dx, y + dy);
    for (int q = 0; q < 4; q++) {
        int qx = q & 1, qy = q >> 1, sx = qx ? 1 : -1, sy = qy ? 1 : -1;
        bool h = same[1][1 + sx], v = same[1 + sy][1], d = same[1 + sy][1 + sx];
        int which = h && v ? (d ? -1 : 3) : h ? 0 : v ? 1 : 2;
        if (which < 0 || !rd->edge[e][which]) continue;
        const SDL_Rect *f = rd->edge[e][which];
        SDL_Rect src = {f->x + qx * Q, f->y + qy * Q, Q, Q};
        SDL_Rect dst = {px + qx * Q, py + qy * Q, Q, Q};
        SDL_RenderCopy(rd->r, rd->assets->sheet, &src, &dst);
    }
}

static int edge_set_of(tile_kind_t k)
{
    switch (k) {
    case TILE_SIDEWALK:
        return EDGE_KERB;
    case TILE_GRASS:
        return EDGE_GRASS;
    case TILE_TAR:
        return EDGE_TAR;
    case TILE_WATER:
        return EDGE_WATER;
    case TILE_ROOF:
        return EDGE_ROOF;
    case TILE_HELIPAD:
        return EDGE_HELIPAD;
    default:
        return -1;
    }
}

/* How far a run of kind k goes from (x, y) in steps of (dx, dy), up to 8. */
static int run_length(const level_t *lv, tile_kind_t k, int32_t x, int32_t y, int dx, int dy)
{
    int n = 0;
    while (n < 8 && level_tile_at(lv, x + dx * (n + 1), y + dy * (n + 1)) == k) n++;
    return n;
}

static int pad_run(const level_t *lv, int32_t x, int32_t y, int dx, int dy)
{
    int n = 0;
    while (n < 16 && is_pad(lv, x + dx * (n + 1), y + dy * (n + 1))) n++;
    return n;
}

/* A run of neon tiles spells a sign across them: pieces of three-tile and
 * two-tile signs, a lone tile its own. */
static const SDL_Rect *neon_piece(render_t *rd, const level_t *lv, int32_t x, int32_t y)
{
    int l = run_length(lv, TILE_NEON, x, y, -1, 0),
        n = l + 1 + run_length(lv, TILE_NEON, x, y, 1, 0);
    const SDL_Rect *f = NULL;
    if (n == 1)
        f = NULL;
    else if (n % 3 == 0)
        f = rd->neon3[l % 3];
    else if (n % 2 == 0)
        f = rd->neon2[l % 2];
    else /* 5, 7, ...: one sign of three, then signs of two */
        f = l < 3 ? rd->neon3[l] : rd->neon2[(l - 3) % 2];
    return f ? f : rd->tile[TILE_NEON];
}

/* A chain-link fence as a line joining the fences beside it. */
static void draw_fence(render_t *rd, const level_t *lv, int32_t x, int32_t y, int px, int py)
{
    bool l = level_tile_at(lv, x - 1, y) == TILE_FENCE,
         r = level_tile_at(lv, x + 1, y) == TILE_FENCE;
    bool u = level_tile_at(lv, x, y - 1) == TILE_FENCE,
         d = level_tile_at(lv, x, y + 1) == TILE_FENCE;
    if (!rd->fence_h || !rd->fence_v || !rd->fence_post) {
        render_sprite(rd, rd->tile[TILE_FENCE], px, py);
        return;
    }
    if (!l && !r && !u && !d) l = r = true; /* a lone panel */
    const SDL_Rect *h = rd->fence_h, *v = rd->fence_v;
    SDL_Rect parts[4][2] = {{{v->x, v->y, 16, 8}, {px, py, 16, 8}},
                            {{v->x, v->y + 8, 16, 8}, {px, py + 8, 16, 8}},
                            {{h->x, h->y, 8, 16}, {px, py, 8, 16}},
                            {{h->x + 8, h->y, 8, 16}, {px + 8, py, 8, 16}}};
    bool on[4] = {u, d, l, r};
    for (int i = 0; i < 4; i++)
        if (on[i]) SDL_RenderCopy(rd->r, rd->assets->sheet, &parts[i][0], &parts[i][1]);
    render_sprite(rd, rd->fence_post, px, py);
}

static void blit_opaque(render_t *rd, const SDL_Rect *src, int px, int py)
{
    if (!src) return;
    SDL_Rect dst = {px, py, src->w, src->h};
    SDL_RenderCopy(rd->r, rd->assets->sheet_opaque, src, &dst);
}

/* A ground tile of kind k at (x, y), with its edges. */
static void draw_ground(render_t *rd, const level_t *lv, tile_kind_t k, int32_t x, int32_t y,
                        int px, int py, uint32_t frame)
{
    uint32_t h = cell_hash(x, y);
    const SDL_Rect *src = rd->tile[k];
    switch (k) {
    case TILE_SIDEWALK:
        if (h % 7 == 0 && rd->sidewalk_b) src = rd->sidewalk_b;
        break;
    case TILE_GRASS:
        if (h % 5 == 0 && rd->grass_b) src = rd->grass_b;
        break;
    case TILE_TAR: {
        /* Mostly still; now and then a bubble swells and pops. */
        uint32_t t = (frame / 14 + h) % 12;
        if (t < 4 && rd->tar[t]) src = rd->tar[t];
        break;
    }
    case TILE_ROAD_LANE: {
        /* The dashes run along the road: across if the lane runs down. */
        bool across = level_tile_at(lv, x - 1, y) == TILE_ROAD_LANE ||
                      level_tile_at(lv, x + 1, y) == TILE_ROAD_LANE;
        bool down = level_tile_at(lv, x, y - 1) == TILE_ROAD_LANE ||
                    level_tile_at(lv, x, y + 1) == TILE_ROAD_LANE;
        if (down && !across && rd->lane_v) src = rd->lane_v;
        break;
    }
    case TILE_CROSSWALK: {
        /* Stripes lie along the traffic: a crossing that runs further down
         * than across is crossing a road that runs across. */
        int across = run_length(lv, k, x, y, -1, 0) + run_length(lv, k, x, y, 1, 0);
        int down = run_length(lv, k, x, y, 0, -1) + run_length(lv, k, x, y, 0, 1);
        if (down > across && rd->crosswalk_h) src = rd->crosswalk_h;
        break;
    }
    case TILE_ESCALATOR:
        if (rd->escalator[1]) src = rd->escalator[(frame / 20) % 2];
        break;
    default:
        break;
    }
    blit_opaque(rd, src, px, py);
    int e = edge_set_of(k);
    if (e >= 0) draw_edges(rd, lv, e, x, y, px, py);
    /* Walls stand up out of the ground: their foot is in shadow, and light
     * from the upper left throws a shadow to their right. */
    if (is_facade(level_tile_at(lv, x, y - 1)) && k != TILE_WATER)
        render_sprite(rd, rd->shadow_top, px, py);
    if (level_tile_at(lv, x - 1, y) == TILE_WALL && k != TILE_WATER)
        render_sprite(rd, rd->shadow_left, px, py);
}

static void draw_tile(render_t *rd, const level_t *lv, int32_t x, int32_t y, int px, int py,
                      uint32_t frame)
{
    tile_kind_t k = level_tile_at(lv, x, y);
    uint32_t h = cell_hash(x, y);
    if (k == TILE_DOOR && !is_face(lv, x, y) && rd->door_north) {
        /* A door in the north side of a building: seen from above. */
        blit_opaque(rd, rd->door_north, px, py);
        return;
    }
    if (is_facade(k)) {
        if (k == TILE_WALL && !is_face(lv, x, y)) {
            blit_opaque(rd, rd->tile[TILE_WALL], px, py);
            draw_edges(rd, lv, EDGE_PARAPET, x, y, px, py);
            /* Now and then something on the roof, away from its edges. */
            if (h % 19 == 0 && edge_same(lv, EDGE_PARAPET, x - 1, y) &&
                edge_same(lv, EDGE_PARAPET, x + 1, y) && edge_same(lv, EDGE_PARAPET, x, y - 1) &&
                edge_same(lv, EDGE_PARAPET, x, y + 1))
                render_sprite(rd, (h >> 8) % 2 ? rd->skylight : rd->tile[TILE_VENT], px, py);
            return;
        }
        const SDL_Rect *src = rd->tile[k];
        if (k == TILE_WALL) {
            tile_kind_t below = floor_of(lv, x, y + 1);
            int inside = below == TILE_DINER_FLOOR                             ? 0
                         : below == TILE_STORE_FLOOR                           ? 1
                         : below == TILE_MALL_FLOOR || below == TILE_ESCALATOR ? 2
                                                                               : -1;
            if (inside >= 0 && rd->wall_inside[inside])
                src = rd->wall_inside[inside];
            else if ((below == TILE_ROOF || below == TILE_HELIPAD) && rd->wall_block)
                src = rd->wall_block;
            else
                src = (h % 3 == 0) ? rd->wall_face_dark : rd->wall_face;
        }
        if (k == TILE_NEON) src = neon_piece(rd, lv, x, y);
        blit_opaque(rd, src, px, py);
        /* Where the face turns a corner, its end is in shade. */
        if (!is_face(lv, x - 1, y)) render_sprite(rd, rd->face_end_l, px, py);
        if (!is_face(lv, x + 1, y)) render_sprite(rd, rd->face_end_r, px, py);
        return;
    }
    if (is_underlay(k) || k == TILE_WATER || k == TILE_ESCALATOR) {
        draw_ground(rd, lv, is_pad(lv, x, y) ? TILE_HELIPAD : k, x, y, px, py, frame);
        return;
    }
    /* Furniture and the like: the ground round it first. */
    draw_ground(rd, lv, floor_of(lv, x, y), x, y, px, py, frame);
    const SDL_Rect *src = rd->tile[k];
    if (k == TILE_FIRE && rd->fire[0]) {
        uint32_t f = (frame / 6 + h) % 4;
        if (rd->fire[f]) src = rd->fire[f];
    } else if (k == TILE_SMOKE && rd->smoke[0]) {
        uint32_t f = (frame / 12 + h) % 4;
        if (rd->smoke[f]) src = rd->smoke[f];
    } else if (k == TILE_MAMMOTH) {
        return; /* drawn whole over its block, after the ground */
    } else if (k == TILE_FENCE) {
        draw_fence(rd, lv, x, y, px, py);
        return;
    }
    render_sprite(rd, src, px, py);
}

/* What stands higher than the ground and spills over its tile, drawn after
 * every ground tile: the helipad's mark, the mammoth, flame tips. */
static void draw_raised(render_t *rd, const level_t *lv, int32_t x, int32_t y, int px, int py,
                        uint32_t frame);

/* A 2x2 block of 'M' draws one mammoth: a tile starts a block when the runs
 * of 'M' to its left and above it are even. */
static bool mammoth_origin(const level_t *lv, int32_t x, int32_t y)
{
    if (level_tile_at(lv, x, y) != TILE_MAMMOTH) return false;
    int l = 0, u = 0;
    while (x - l - 1 >= 0 && level_tile_at(lv, x - l - 1, y) == TILE_MAMMOTH) l++;
    while (y - u - 1 >= 0 && level_tile_at(lv, x, y - u - 1) == TILE_MAMMOTH) u++;
    return l % 2 == 0 && u % 2 == 0;
}

static void draw_raised(render_t *rd, const level_t *lv, int32_t x, int32_t y, int px, int py,
                        uint32_t frame)
{
    tile_kind_t k = level_tile_at(lv, x, y);
    if (rd->helipad_mark && is_pad(lv, x, y)) {
        /* The big H goes once, at the middle of the pad (between two tiles
         * when the pad is an even number across). */
        int l = pad_run(lv, x, y, -1, 0), r = pad_run(lv, x, y, 1, 0);
        int u = pad_run(lv, x, y, 0, -1), d = pad_run(lv, x, y, 0, 1);
        if ((l == r || l == r + 1) && (u == d || u == d + 1))
            render_sprite(rd, rd->helipad_mark, px + 8 - rd->helipad_mark->w / 2 - (l - r) * 8,
                          py + 8 - rd->helipad_mark->h / 2 - (u - d) * 8);
    } else if (k == TILE_MAMMOTH && mammoth_origin(lv, x, y)) {
        render_sprite(rd, rd->mammoth, px, py);
    } else if (k == TILE_FIRE && level_tile_at(lv, x, y - 1) != TILE_FIRE) {
        uint32_t f = (frame / 6 + cell_hash(x, y)) % 4;
        if (rd->fire_top[f]) render_sprite(rd, rd->fire_top[f], px, py - rd->fire_top[f]->h);
    }
}

typedef struct draw_actor {
    const ent_t *a;
    int kind;
} draw_ent_t;

static void draw_actor(render_t *rd, const game_t *g, const ent_t *a, int kind, int cx, int cy,
                       uint32_t frame)
{
    static const int cycle[4] = {1, 0, 2, 0};
    int f = a->moving ? cycle[(a->anim / 8) % 4] : 0;
    const SDL_Rect *src = rd->chars[kind][a->dir][f];
    if (kind == CHAR_HARRY) {
        if (g->status == GAME_LOST && rd->harry_caught) {
            src = rd->harry_caught;
        } else if (a->moving && g->hs.sprinting) {
            /* Sprinting: longer strides, a quicker cycle. */
            int sf = cycle[(a->anim / 5) % 4];
            if (rd->harry_sprint[a->dir][sf]) src = rd->harry_sprint[a->dir][sf];
        }
    }
    /* Standing still, now and then the idle pose: Harry checks his watch,
     * Julie waves in bursts. Cosmetic, so it follows the frame counter. */
    if (!a->moving && rd->idle[kind] && !(kind == CHAR_HARRY && g->status == GAME_LOST)) {
        uint32_t t = frame + (uint32_t)kind * 37u;
        bool idle = kind == CHAR_JULIE   ? t % 120 < 60 && (t / 10) % 2 == 0
                    : kind == CHAR_HARRY ? t % 240 >= 150
                                         : t % 150 < 50;
        if (idle) src = rd->idle[kind];
    }
    int x = a->pos.x / GAME_SUB - 8 - cx;
    int y = a->pos.y / GAME_SUB + GAME_BOX_HALF_H / GAME_SUB - 16 - cy;
    render_sprite(rd, src, x, y);
}

/* ---- light ------------------------------------------------------------- */

/* How dark a tile is with no lamp near: the street at night, the diner with
 * its lights on, a closed store or mall lit only by exit signs. */
static SDL_Color ambient_of(const level_t *lv, int32_t x, int32_t y)
{
    static const SDL_Color outdoor = {116, 110, 176, 255}, lit = {236, 226, 214, 255},
                           dark = {96, 92, 150, 255};
    tile_kind_t k = level_tile_at(lv, x, y);
    tile_kind_t f = is_facade(k) && is_face(lv, x, y) ? floor_of(lv, x, y + 1) : floor_of(lv, x, y);
    if (f == TILE_DINER_FLOOR) return lit;
    if (f == TILE_STORE_FLOOR || f == TILE_MALL_FLOOR || f == TILE_ESCALATOR) return dark;
    return outdoor;
}

typedef struct light_src {
    int x, y, radius;
    SDL_Color c;
} light_src_t;

/* The lights a tile gives off: into the light map (pool) and added on top
 * (flare). Neon and fire flicker on the frame counter, never the game's RNG. */
static int tile_lights(const level_t *lv, int32_t x, int32_t y, int px, int py, uint32_t frame,
                       light_src_t *pool, light_src_t *flare)
{
    tile_kind_t k = level_tile_at(lv, x, y);
    uint32_t h = cell_hash(x, (int32_t)(frame / 6));
    switch (k) {
    case TILE_STREETLIGHT:
        *pool = (light_src_t){px + 8, py + 8, 68, {230, 130, 0, 255}};
        *flare = (light_src_t){px + 8, py + 8, 46, {255, 130, 30, 64}}; /* sodium wash */
        return 1;
    case TILE_NEON: {
        /* Neon hums; now and then a tube stutters. */
        bool off = h % 53 == 0;
        /* The glow takes the colour of the sign's tubes: JOHNNIE'S (runs
         * of three) is cyan, the rest magenta. */
        int l = run_length(lv, TILE_NEON, x, y, -1, 0);
        int n = l + 1 + run_length(lv, TILE_NEON, x, y, 1, 0);
        bool cyan = n > 1 && (n % 3 == 0 || (n % 2 != 0 && l < 3));
        SDL_Color c = cyan ? (SDL_Color){0, 200, 230, 255} : (SDL_Color){230, 40, 200, 255};
        *pool = (light_src_t){px + 8, py + 14, off ? 20 : 40, c};
        *flare = (light_src_t){px + 8, py + 8, 22,
                               cyan ? (SDL_Color){40, 200, 255, (Uint8)(off ? 20 : 70)}
                                    : (SDL_Color){255, 40, 200, (Uint8)(off ? 20 : 80)}};
        return 1;
    }
    case TILE_DOOR:
        *pool = (light_src_t){px + 8, py + 16, 30, {200, 150, 60, 255}};
        *flare = (light_src_t){px + 8, py + 10, 12, {255, 190, 100, 40}};
        return 1;
    case TILE_PAYPHONE:
        *pool = (light_src_t){px + 8, py + 6, 26, {60, 140, 200, 255}};
        *flare = (light_src_t){px + 8, py + 3, 10, {90, 200, 255, 70}};
        return 1;
    case TILE_FIRE: {
        int f = (int)((frame / 4 + cell_hash(x, y)) % 5);
        *pool = (light_src_t){px + 8, py + 8, 52 + f * 2, {255, 150, 40, 255}};
        *flare = (light_src_t){px + 8, py + 6, 20 + f, {255, 120, 30, (Uint8)(70 + f * 8)}};
        return 1;
    }
    case TILE_ESCALATOR:
        *pool = (light_src_t){px + 8, py + 8, 20, {80, 90, 120, 255}};
        *flare = (light_src_t){0, 0, 0, {0, 0, 0, 0}};
        return 1;
    case TILE_WALL:
        /* A lit window spills a little warm light onto the pavement. */
        if (is_face(lv, x, y) && cell_hash(x, y) % 3 != 0) {
            *pool = (light_src_t){px + 8, py + 18, 20, {160, 110, 40, 255}};
            *flare = (light_src_t){0, 0, 0, {0, 0, 0, 0}};
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

static void draw_lights(render_t *rd, const game_t *g, int cx, int cy, int tx0, int ty0, int tx1,
                        int ty1, uint32_t frame)
{
    const level_t *lv = g->level;
    enum { MARGIN = 4, MAX_FLARES = 512 };
    static light_src_t flares[MAX_FLARES];
    int nflares = 0;
    SDL_Texture *prev = rd->light ? SDL_GetRenderTarget(rd->r) : NULL;
    bool mapped = rd->light && SDL_SetRenderTarget(rd->r, rd->light) == 0;
    if (mapped) {
        /* Ambient darkness, in runs of like tiles to keep the fills few. */
        SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(rd->r, 116, 110, 176, 255);
        SDL_RenderClear(rd->r);
        for (int y = ty0; y <= ty1; y++) {
            int run_x = tx0;
            SDL_Color run_c = ambient_of(lv, tx0, y);
            for (int x = tx0 + 1; x <= tx1 + 1; x++) {
                SDL_Color c = x <= tx1 ? ambient_of(lv, x, y) : (SDL_Color){0, 0, 0, 0};
                if (x <= tx1 && c.r == run_c.r && c.g == run_c.g && c.b == run_c.b) continue;
                SDL_SetRenderDrawColor(rd->r, run_c.r, run_c.g, run_c.b, 255);
                SDL_Rect rr = {run_x * LEVEL_TILE_PX - cx, y * LEVEL_TILE_PX - cy,
                               (x - run_x) * LEVEL_TILE_PX, LEVEL_TILE_PX};
                SDL_RenderFillRect(rd->r, &rr);
                run_x = x;
                run_c = c;
            }
        }
    }
    for (int y = ty0 - MARGIN; y <= ty1 + MARGIN; y++) {
        if (y < 0 || y >= lv->h) continue;
        for (int x = tx0 - MARGIN; x <= tx1 + MARGIN; x++) {
            if (x < 0 || x >= lv->w) continue;
            light_src_t pool, flare;
            int px = x * LEVEL_TILE_PX - cx, py = y * LEVEL_TILE_PX - cy;
            if (!tile_lights(lv, x, y, px, py, frame, &pool, &flare)) continue;
            if (mapped)
                render_glow(rd, pool.x, pool.y, pool.radius, pool.c);
            else /* no light map: a plain additive glow does the job */
                render_glow(
                    rd, pool.x, pool.y, pool.radius * 3 / 4,
                    (SDL_Color){pool.c.r, (Uint8)(pool.c.g * 3 / 4), (Uint8)(pool.c.b / 2), 90});
            if (flare.radius > 0 && nflares < MAX_FLARES) flares[nflares++] = flare;
        }
    }
    if (mapped) {
        /* Harry and Julie carry a little light, so they never vanish in the
         * dark. */
        render_glow(rd, game_harry(g)->pos.x / GAME_SUB - cx,
                    game_harry(g)->pos.y / GAME_SUB - 6 - cy, 30, (SDL_Color){110, 100, 80, 255});
        render_glow(rd, game_julie(g)->pos.x / GAME_SUB - cx,
                    game_julie(g)->pos.y / GAME_SUB - 6 - cy, 30, (SDL_Color){140, 80, 100, 255});
        SDL_SetRenderTarget(rd->r, prev);
        SDL_RenderCopy(rd->r, rd->light, NULL, NULL);
    }
    for (int i = 0; i < nflares; i++)
        render_glow(rd, flares[i].x, flares[i].y, flares[i].radius, flares[i].c);
}

void render_world(render_t *rd, const game_t *g, uint32_t frame)
{
    const level_t *lv = g->level;
    int cx, cy;
    render_camera(g, &cx, &cy);
    SDL_SetRenderDrawColor(rd->r, 8, 6, 20, 255);
    SDL_RenderClear(rd->r);
    int tx0 = cx / LEVEL_TILE_PX - (cx < 0), ty0 = cy / LEVEL_TILE_PX - (cy < 0);
    int tx1 = (cx + RENDER_W) / LEVEL_TILE_PX, ty1 = (cy + RENDER_H) / LEVEL_TILE_PX;
    for (int y = ty0; y <= ty1; y++) {
        if (y < 0 || y >= lv->h) continue;
        for (int x = tx0; x <= tx1; x++) {
            if (x < 0 || x >= lv->w) continue;
            draw_tile(rd, lv, x, y, x * LEVEL_TILE_PX - cx, y * LEVEL_TILE_PX - cy, frame);
        }
    }
    /* Raised things, from a little off screen: they may still reach in. */
    for (int y = ty0 - 2; y <= ty1 + 2; y++)
        for (int x = tx0 - 2; x <= tx1 + 1; x++)
            if (x >= 0 && y >= 0 && x < lv->w && y < lv->h)
                draw_raised(rd, lv, x, y, x * LEVEL_TILE_PX - cx, y * LEVEL_TILE_PX - cy, frame);

    /* People, back to front. */
    static draw_ent_t list[GAME_MAX_ENTS];
    int n = 0;
    for (int32_t s = 0; s < g->ent_top; s++) {
        const ent_t *e = &g->ents[s];
        if (e->kind == KIND_COUNT || (e->flags & ENT_HIDDEN) || !(e->flags & ENT_PERSON)) continue;
        int kind = e->kind == KIND_HARRY   ? CHAR_HARRY
                   : e->kind == KIND_JULIE ? CHAR_JULIE
                                           : CHAR_DINER_A + e->variant % 3;
        list[n++] = (draw_ent_t){e, kind};
    }
    for (int i = 1; i < n; i++) {
        draw_ent_t t = list[i];
        int j = i - 1;
        while (j >= 0 && list[j].a->pos.y > t.a->pos.y) {
            list[j + 1] = list[j];
            j--;
        }
        list[j + 1] = t;
    }
    for (int i = 0; i < n; i++) draw_actor(rd, g, list[i].a, list[i].kind, cx, cy, frame);

    /* Palm crowns over the people, who walk under the fronds. */
    for (int y = ty0 - 1; y <= ty1 + 2; y++)
        for (int x = tx0 - 1; x <= tx1 + 1; x++)
            if (level_tile_at(lv, x, y) == TILE_TREE && x >= 0 && y >= 0 && x < lv->w &&
                y < lv->h && rd->palm_crown)
                render_sprite(rd, rd->palm_crown,
                              x * LEVEL_TILE_PX + 8 - rd->palm_crown->w / 2 - cx,
                              y * LEVEL_TILE_PX + 2 - rd->palm_crown->h / 2 - cy);

    draw_lights(rd, g, cx, cy, tx0, ty0, tx1, ty1, frame);
    /* Julie is the goal: a soft light so she is found at a glance. */
    render_glow(rd, game_julie(g)->pos.x / GAME_SUB - cx, game_julie(g)->pos.y / GAME_SUB - 4 - cy,
                22, (SDL_Color){255, 120, 190, (Uint8)(50 + (frame / 4) % 16 * 3)});
}

static SDL_Color clock_colour(const game_t *g)
{
    int32_t total = g->level->time_s * GAME_TICK_HZ, left = g->ticks_left;
    int32_t last = GAME_LAST_SECONDS * GAME_TICK_HZ;
    if (left <= last) return (SDL_Color){255, 48, 40, 255};
    /* From warm white at half time to amber to orange-red at ten seconds. */
    int32_t half = total / 2;
    if (left >= half) return (SDL_Color){250, 244, 228, 255};
    int32_t t = (half - left) * 256 / (half - last > 0 ? half - last : 1); /* 0..256 */
    int r = 250, gg = 244 - (244 - 110) * t / 256, b = 228 - (228 - 40) * t / 256;
    return (SDL_Color){(Uint8)r, (Uint8)gg, (Uint8)b, 255};
}

void render_hud(render_t *rd, const game_t *g)
{
    int32_t ms = game_time_left_ms(g);
    char buf[32];
    snprintf(buf, sizeof buf, "%d:%02d.%d", (int)(ms / 60000), (int)(ms / 1000 % 60),
             (int)(ms / 100 % 10));
    bool last = g->ticks_left <= GAME_LAST_SECONDS * GAME_TICK_HZ;
    SDL_Color c = clock_colour(g);
    if (last) {
        /* The last ten seconds: a red frame round the whole screen. */
        SDL_Color edge = {200, 0, 20, 120};
        render_fill(rd, 0, 0, RENDER_W, 4, edge);
        render_fill(rd, 0, RENDER_H - 4, RENDER_W, 4, edge);
        render_fill(rd, 0, 4, 4, RENDER_H - 8, edge);
        render_fill(rd, RENDER_W - 4, 4, 4, RENDER_H - 8, edge);
    }
    /* The clock: a neon-rimmed panel at the top, always in the same place,
     * sized for the widest time so it does not jitter as digits change. */
    font_id_t f = last ? FONT_LARGE : FONT_CLOCK;
    int w = text_width(rd->text, f, last ? "0:00.0" : "00:00.0");
    int tw = text_width(rd->text, f, buf);
    int ph = last ? 38 : 30, pw = w + 40, bx = RENDER_W / 2 - pw / 2;
    render_panel(rd, bx, 2, pw, ph);
    if (last) render_fill(rd, bx + 3, 5, pw - 6, ph - 6, (SDL_Color){120, 0, 20, 70});
    render_sprite(rd, rd->icon_clock, bx + 7, 2 + (ph - 16) / 2);
    text_draw_shadow(rd->text, f, buf, bx + 26 + (w - tw) / 2 + tw / 2, 2 + (last ? 2 : 3), c,
                     TEXT_CENTRE);

    /* Stamina, bottom left: a segmented gauge; amber when low, red while
     * winded. */
    int sx = 22, sy = RENDER_H - 17;
    render_sprite(rd, rd->icon_stamina, 4, RENDER_H - 21);
    if (rd->hud_stamina)
        render_sprite(rd, rd->hud_stamina, sx, sy);
    else
        render_fill(rd, sx, sy, 64, 10, (SDL_Color){10, 6, 28, 200});
    enum { SEGMENTS = 12, SEG_W = 5 };
    int lit = (g->hs.stamina * SEGMENTS + GAME_STAMINA_MAX - 1) / GAME_STAMINA_MAX;
    SDL_Color sc = g->hs.winded                                ? (SDL_Color){220, 70, 60, 255}
                   : g->hs.stamina < GAME_STAMINA_MAX * 3 / 10 ? (SDL_Color){255, 176, 60, 255}
                                                               : (SDL_Color){80, 230, 220, 255};
    for (int i = 0; i < SEGMENTS; i++) {
        SDL_Color seg = i < lit ? sc : (SDL_Color){36, 30, 62, 255};
        render_fill(rd, sx + 2 + i * SEG_W, sy + 2, SEG_W - 1, 6, seg);
        if (i < lit) /* a lit top edge on each segment */
            render_fill(rd, sx + 2 + i * SEG_W, sy + 2, SEG_W - 1, 1,
                        (SDL_Color){255, 255, 255, 90});
    }

    /* Julie off screen: her heart at the screen's edge, pointing the way. */
    int cx, cy;
    render_camera(g, &cx, &cy);
    int jx = game_julie(g)->pos.x / GAME_SUB - cx, jy = game_julie(g)->pos.y / GAME_SUB - 6 - cy;
    if (jx < 0 || jy < 0 || jx >= RENDER_W || jy >= RENDER_H) {
        int hx = game_harry(g)->pos.x / GAME_SUB - cx, hy = game_harry(g)->pos.y / GAME_SUB - cy;
        int dx = jx - hx, dy = jy - hy;
        /* Walk from Harry towards Julie until the icon would leave the screen. */
        int m = 10, steps = 256, px = hx, py = hy;
        for (int i = 0; i <= steps; i++) {
            int qx = hx + dx * i / steps, qy = hy + dy * i / steps;
            if (qx < m || qy < m + 30 || qx > RENDER_W - m || qy > RENDER_H - m - 14) break;
            px = qx;
            py = qy;
        }
        render_sprite(rd, rd->icon_julie, px - 8, py - 8);
    }

    /* The level's name, top left. */
    text_draw_shadow(rd->text, FONT_SMALL, g->level->name, 6, 5, (SDL_Color){200, 190, 255, 255},
                     TEXT_LEFT);

    /* The first seconds: the level's line of story. */
    if (g->tick < 200 && g->level->story[0]) {
        int a = g->tick < 160 ? 255 : 255 - (int)(g->tick - 160) * 6;
        int sw = text_width(rd->text, FONT_MEDIUM, g->level->story);
        render_fill(rd, RENDER_W / 2 - sw / 2 - 8, RENDER_H - 48, sw + 16, 20,
                    (SDL_Color){10, 6, 28, (Uint8)(a * 2 / 3)});
        text_draw(rd->text, FONT_MEDIUM, g->level->story, RENDER_W / 2, RENDER_H - 45,
                  (SDL_Color){255, 220, 160, (Uint8)a}, TEXT_CENTRE);
    }
}

SDL_Surface *render_to_surface(assets_t *a, const game_t *g, uint32_t frame, char *err,
                               size_t err_cap)
{
    SDL_Surface *target =
        SDL_CreateRGBSurfaceWithFormat(0, RENDER_W, RENDER_H, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = target ? SDL_CreateSoftwareRenderer(target) : NULL;
    if (!r) {
        snprintf(err, err_cap, "cannot make a software renderer: %s", SDL_GetError());
        if (target) SDL_FreeSurface(target);
        return NULL;
    }
    if (!assets_bind_renderer(a, r, err, err_cap)) {
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(target);
        return NULL;
    }
    static text_cache_t text; /* large; one off-screen frame at a time */
    render_t rd;
    text_cache_init(&text, r, a);
    render_init(&rd, r, a, &text);
    render_world(&rd, g, frame);
    render_hud(&rd, g);
    SDL_RenderPresent(r);
    render_free(&rd);
    text_cache_free(&text);
    SDL_DestroyTexture(a->sheet);
    SDL_DestroyTexture(a->sheet_opaque);
    a->sheet = a->sheet_opaque = NULL;
    SDL_DestroyRenderer(r);
    return target;
}

SDL_Texture *render_create_target(SDL_Renderer *r)
{
    SDL_Texture *t = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                       RENDER_W, RENDER_H);
    if (t) SDL_SetTextureScaleMode(t, SDL_ScaleModeNearest);
    return t;
}

void render_present_scaled(SDL_Renderer *r, SDL_Texture *target)
{
    int ow = RENDER_W, oh = RENDER_H;
    SDL_SetRenderTarget(r, NULL);
    SDL_GetRendererOutputSize(r, &ow, &oh);
    int scale = ow / RENDER_W < oh / RENDER_H ? ow / RENDER_W : oh / RENDER_H;
    if (scale < 1) scale = 1;
    SDL_Rect dst = {(ow - RENDER_W * scale) / 2, (oh - RENDER_H * scale) / 2, RENDER_W * scale,
                    RENDER_H * scale};
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    SDL_RenderCopy(r, target, NULL, &dst);
}
