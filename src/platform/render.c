#include "platform/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/letterbox.h"
#include "platform/pixels.h"
#include "game/kinds.h"

static const char *const dir_names[4] = {"down", "up", "left", "right"};
static const char *const char_names[RENDER_CHAR_KINDS] = {
    "harry", "julie", "diner_a", "diner_b", "diner_c", "waitress", "ped_a",  "ped_b", "ped_c",
    "ped_d", "ped_e", "ped_f",   "looter",  "cop",     "swat",     "coyote", "lucy",  "ivan"};
static const char *const edge_names[RENDER_EDGE_SETS] = {
    "tile_kerb",    "tile_grass_edge", "tile_tar_edge",     "tile_water_edge",
    "tile_parapet", "tile_roof_edge",  "tile_helipad_edge", "tile_parapet"};
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
    [TILE_TAR_SHALLOW] = "tile_tar_shallow",
    [TILE_GOLD] = "tile_gold_tiles",
    [TILE_MAY_SIGN] = "tile_may_sign",
    [TILE_SHOP_WINDOW] = "tile_shop_window",
    [TILE_TOWER] = "tile_tower",
    [TILE_HEDGE] = "tile_hedge",
    [TILE_SHOPFRONT] = "tile_shopfront",
    [TILE_COURTYARD] = "tile_courtyard",
};
static const char *const ui_frame_names[9] = {"ui_frame_tl", "ui_frame_t", "ui_frame_tr",
                                              "ui_frame_l",  "ui_frame_c", "ui_frame_r",
                                              "ui_frame_bl", "ui_frame_b", "ui_frame_br"};

static Uint32 picture_format(SDL_Renderer *r);
static void cache_init(render_t *rd);
static void cache_free(render_cache_t *c);

/* The alpha of a glow S pixels across at (x, y). */
static Uint8 glow_alpha_at(int S, int x, int y)
{
    int dx = 2 * x + 1 - S, dy = 2 * y + 1 - S;
    int d2 = dx * dx + dy * dy, r2 = S * S;
    int a = d2 >= r2 ? 0 : 255 - 255 * d2 / r2;
    return (Uint8)(a * a / 255); /* falls off smoothly, no hard rim */
}

/* A soft radial light S pixels across: drawn additively it makes glows. */
static SDL_Texture *make_glow(SDL_Renderer *r, int S)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, S, S, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s) return NULL;
    for (int y = 0; y < S; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < S; x++)
            row[x] = SDL_MapRGBA(s->format, 255, 255, 255, glow_alpha_at(S, x, y));
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
    rd->mammoth_young_cry = assets_frame(a, "tile_mammoth_young_cry");
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
    rd->tower_face = assets_frame(a, "tile_tower_face");
    for (int i = 0; i < 3; i++) {
        rd->neon2[i] = i < 2 ? frame_n(a, "tile_neon2", i) : NULL;
        rd->neon3[i] = frame_n(a, "tile_neon3", i);
    }
    rd->gold[0] = assets_frame(a, "tile_gold_tiles_l");
    rd->gold[1] = assets_frame(a, "tile_gold_tiles");
    rd->gold[2] = assets_frame(a, "tile_gold_tiles_r");
    rd->may_sign[0] = assets_frame(a, "tile_may_sign_0");
    rd->may_sign[1] = assets_frame(a, "tile_may_sign_1");
    rd->may_sign[2] = assets_frame(a, "tile_may_sign");
    rd->shop_window[0] = assets_frame(a, "tile_shop_window");
    rd->shop_window[1] = assets_frame(a, "tile_shop_window_1");
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
    static const char *const car_names[4] = {"car_a", "car_b", "car_c", "car_d"};
    for (int d = 0; d < 4; d++) {
        for (int v = 0; v < 4; v++) rd->car[v][d] = frame_s(a, car_names[v], dir_names[d]);
        rd->bus[d] = frame_s(a, "bus", dir_names[d]);
        rd->heli[d] = frame_n(a, "heli", d);
    }
    rd->looter_carry = assets_frame(a, "looter_carry");
    rd->cop_stop = assets_frame(a, "cop_stop");
    rd->swat_aim = assets_frame(a, "swat_aim");
    static const char *const colour_names[COLOUR_COUNT] = {"red", "blue", "green", "yellow",
                                                           "plain"};
    for (int c = 0; c < COLOUR_COUNT; c++) {
        rd->key[c] = c < COLOUR_NONE ? frame_s(a, "key", colour_names[c]) : NULL;
        rd->icon_key[c] = c < COLOUR_NONE ? frame_s(a, "icon_key", colour_names[c]) : NULL;
        rd->door_locked[c] = frame_s(a, "tile_door_locked", colour_names[c]);
    }
    rd->icon_coffee = assets_frame(a, "icon_coffee");
    rd->icon_clock_pickup = assets_frame(a, "icon_clock_pickup");
    rd->signal[0] = assets_frame(a, "signal_green");
    rd->signal[1] = assets_frame(a, "signal_amber");
    rd->signal[2] = assets_frame(a, "signal_red");
    rd->mark_alert = assets_frame(a, "mark_alert");
    rd->mark_suspect = assets_frame(a, "mark_suspect");
    rd->mark_checkpoint = assets_frame(a, "mark_checkpoint");
    /* Effect animations: as many frames as the sheet has, _0 up. */
    for (int i = 0; i < 4; i++) {
        if ((rd->fx_puff[i] = frame_n(a, "fx_puff", i)) && rd->fx_puff_n == i) rd->fx_puff_n++;
        if ((rd->fx_sink[i] = frame_n(a, "fx_sink", i)) && rd->fx_sink_n == i) rd->fx_sink_n++;
        if ((rd->fx_smoke[i] = frame_n(a, "fx_smoke", i)) && rd->fx_smoke_n == i) rd->fx_smoke_n++;
    }
    static const char *const wind_dirs[4] = {"fx_wind_down", "fx_wind_up", "fx_wind_left",
                                             "fx_wind"};
    for (int d = 0; d < 4; d++)
        for (int i = 0; i < 3; i++) rd->fx_wind[d][i] = frame_n(a, wind_dirs[d], i);
    rd->show_hints = true;
    rd->glow = make_glow(r, 64);
    /* The light map needs render targets; without them the night is drawn
     * with glows alone. */
    rd->cache.format = picture_format(r);
    rd->light =
        SDL_CreateTexture(r, rd->cache.format, SDL_TEXTUREACCESS_TARGET, RENDER_W, RENDER_H);
    if (rd->light) SDL_SetTextureBlendMode(rd->light, SDL_BLENDMODE_MOD);
    cache_init(rd);
    return rd->glow != NULL;
}

void render_free(render_t *rd)
{
    for (int i = 0; i < rd->glow_count; i++) {
        SDL_DestroyTexture(rd->glow_sized[i]);
        free(rd->glow_alpha[i]);
        rd->glow_alpha[i] = NULL;
    }
    rd->glow_count = 0;
    if (rd->glow) SDL_DestroyTexture(rd->glow);
    if (rd->light) SDL_DestroyTexture(rd->light);
    if (rd->vignette) SDL_DestroyTexture(rd->vignette);
    rd->glow = NULL;
    rd->light = NULL;
    rd->vignette = NULL;
    cache_free(&rd->cache);
    render_still_t *st[5] = {&rd->world_still, &rd->backdrop, &rd->map, &rd->title, &rd->screen};
    for (int i = 0; i < 5; i++) {
        if (st[i]->tex) SDL_DestroyTexture(st[i]->tex);
        st[i]->tex = NULL;
        st[i]->valid = false;
    }
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

/* The glow made at this radius (made now if need be), or -1. */
static int glow_index(render_t *rd, int radius)
{
    for (int i = 0; i < rd->glow_count; i++)
        if (rd->glow_radius[i] == radius) return i;
    if (rd->glow_count >= RENDER_GLOW_SIZES || radius > 160) return -1;
    SDL_Texture *made = make_glow(rd->r, radius * 2);
    if (!made) return -1;
    int i = rd->glow_count++;
    rd->glow_radius[i] = radius;
    rd->glow_sized[i] = made;
    int S = radius * 2;
    rd->glow_alpha[i] = malloc((size_t)S * (size_t)S);
    for (int y = 0; rd->glow_alpha[i] && y < S; y++)
        for (int x = 0; x < S; x++) rd->glow_alpha[i][y * S + x] = glow_alpha_at(S, x, y);
    return i;
}

/* Glow gi added to a picture in memory (RENDER_W x RENDER_H, 4 bytes a
 * pixel, colour bytes b[0..2] for red, green, blue) as SDL's software
 * renderer adds it: the colour and alpha modulated, then the colour
 * weighted by that alpha, clamped at 255. */
static void glow_add(const render_t *rd, Uint8 *buf, const int b[3], int gi, int cx, int cy,
                     SDL_Color c)
{
    int r = rd->glow_radius[gi], S = 2 * r, x0 = cx - r, y0 = cy - r;
    int xa = x0 < 0 ? 0 : x0, xb = x0 + S > RENDER_W ? RENDER_W : x0 + S;
    int ya = y0 < 0 ? 0 : y0, yb = y0 + S > RENDER_H ? RENDER_H : y0 + S;
    if (xa >= xb || ya >= yb) return;
    /* What each of the glow's alpha values adds to a pixel, in the pixel's
     * own byte order: SDL's sums once per value, not per pixel. */
    uint32_t add[256];
    unsigned sh[3]; /* the bytes' places in a Uint32 read from memory */
    for (int k = 0; k < 3; k++)
        sh[k] = (unsigned)(SDL_BYTEORDER == SDL_LIL_ENDIAN ? 8 * b[k] : 24 - 8 * b[k]);
    for (unsigned a = 0; a < 256; a++) {
        unsigned sa = a * (unsigned)c.a / 255u;
        add[a] = (uint32_t)(c.r * sa / 255u) << sh[0] | (uint32_t)(c.g * sa / 255u) << sh[1] |
                 (uint32_t)(c.b * sa / 255u) << sh[2];
    }
    const Uint8 *alpha = rd->glow_alpha[gi];
    for (int y = ya; y < yb; y++) {
        const Uint8 *a = alpha + (size_t)(y - y0) * (size_t)S + (size_t)(xa - x0);
        uint32_t *d = (uint32_t *)(void *)(buf + ((size_t)y * RENDER_W + (size_t)xa) * 4);
        pixels_add_row(d, a, (size_t)(xb - xa), add);
    }
}

void render_glow(render_t *rd, int cx, int cy, int radius, SDL_Color c)
{
    if (!rd->glow || radius <= 0) return;
    /* A glow made at its own size draws unscaled, which software renderers
     * do several times faster; the few sizes in use are kept. */
    int gi = glow_index(rd, radius);
    SDL_Texture *t = gi >= 0 ? rd->glow_sized[gi] : rd->glow;
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

/* What a ground cell's picture moves with, noted as draw_tile draws it. */
enum { ANIM_TAR = 1, ANIM_ESCALATOR = 2, ANIM_FIRE = 4, ANIM_SMOKE = 8 };

static uint32_t cell_hash(int32_t x, int32_t y)
{
    uint32_t h = (uint32_t)x * 73856093u ^ (uint32_t)y * 19349663u;
    h ^= h >> 13;
    h *= 0x5bd1e995u;
    return h ^ (h >> 15);
}

/* ---- what lies under what ------------------------------------------------ */

/* The world is drawn from the rules' tiles (game_tile_at), which change as
 * fire spreads. */
static bool tile_solid(const game_t *gw, int32_t x, int32_t y)
{
    return level_tile_info(game_tile_at(gw, x, y))->solid;
}

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
    case TILE_TAR_SHALLOW:
    case TILE_DINER_FLOOR:
    case TILE_STORE_FLOOR:
    case TILE_MALL_FLOOR:
    case TILE_ROOF:
    case TILE_HELIPAD:
    case TILE_COURTYARD:
        return true;
    default:
        return false;
    }
}

/* Tiles that make up a building's street face: the wall, and what is set
 * into it. */
static bool is_facade(tile_kind_t k)
{
    return k == TILE_WALL || k == TILE_NEON || k == TILE_DOOR || k == TILE_SHUTTER ||
           k == TILE_GOLD || k == TILE_MAY_SIGN || k == TILE_SHOP_WINDOW || k == TILE_TOWER ||
           k == TILE_SHOPFRONT;
}

static bool is_indoor_floor(tile_kind_t k)
{
    return k == TILE_DINER_FLOOR || k == TILE_STORE_FLOOR || k == TILE_MALL_FLOOR ||
           k == TILE_ESCALATOR;
}

static bool is_paved(tile_kind_t k)
{
    return k == TILE_SIDEWALK || k == TILE_ROAD || k == TILE_ROAD_LANE || k == TILE_CROSSWALK ||
           is_indoor_floor(k) || k == TILE_ROOF || k == TILE_HELIPAD || k == TILE_DOOR ||
           k == TILE_COURTYARD;
}

static bool is_roadway(tile_kind_t k)
{
    return k == TILE_ROAD || k == TILE_ROAD_LANE || k == TILE_CROSSWALK;
}

/* The ground drawn under furniture: the commonest ground among the nearest
 * neighbours (straight neighbours count double, the tile below first), else
 * the ground the level's markers stand on. Markings are left off: a bench by
 * the road stands on plain asphalt. */
static tile_kind_t underlay(const game_t *gw, int32_t x, int32_t y)
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
            tile_kind_t n = game_tile_at(gw, x + dx, y + dy);
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
    tile_kind_t ground = game_tile_at(gw, gw->level->harry_tx, gw->level->harry_ty);
    return is_underlay(ground) ? ground : TILE_SIDEWALK;
}

/* The ground kind at a tile: itself for ground, what it stands on for
 * furniture; walls stay walls. */
static tile_kind_t floor_of(const game_t *gw, int32_t x, int32_t y)
{
    tile_kind_t k = game_tile_at(gw, x, y);
    if (k == TILE_MAMMOTH) return TILE_TAR;
    if (is_underlay(k) || k == TILE_WATER || k == TILE_ESCALATOR || is_facade(k)) return k;
    return underlay(gw, x, y);
}

/* A building's street face: facade tiles with open ground below. */
static bool is_face(const game_t *gw, int32_t x, int32_t y)
{
    return is_facade(game_tile_at(gw, x, y)) && !is_facade(game_tile_at(gw, x, y + 1));
}

/* A helipad tile, or a marker's tile (Harry, Julie) in the middle of one. */
static bool is_pad(const game_t *gw, int32_t x, int32_t y)
{
    if (game_tile_at(gw, x, y) == TILE_HELIPAD) return true;
    if (tile_solid(gw, x, y)) return false;
    return game_tile_at(gw, x - 1, y) == TILE_HELIPAD &&
           game_tile_at(gw, x + 1, y) == TILE_HELIPAD &&
           game_tile_at(gw, x, y - 1) == TILE_HELIPAD && game_tile_at(gw, x, y + 1) == TILE_HELIPAD;
}

/* Whether neighbour (nx, ny) continues the terrain of edge set e. */
static bool edge_same(const game_t *gw, int e, int32_t nx, int32_t ny)
{
    bool outside = nx < 0 || ny < 0 || nx >= gw->level->w || ny >= gw->level->h;
    tile_kind_t n = floor_of(gw, nx, ny);
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
        return outside || (n == TILE_WALL && !is_face(gw, nx, ny));
    case EDGE_TOWER:
        return outside || (n == TILE_TOWER && !is_face(gw, nx, ny));
    case EDGE_ROOF:
        return n == TILE_ROOF || n == TILE_HELIPAD;
    case EDGE_HELIPAD:
        return is_pad(gw, nx, ny);
    default:
        return true;
    }
}

/* Auto-tiling by quarters: each 8x8 corner of a tile looks at its two
 * straight neighbours and the diagonal between them, and takes that quarter
 * from the overlay for its case. Five cases cover every shape of region with
 * four overlay frames, and an animated ground keeps animating under them. */
static void draw_edges(render_t *rd, const game_t *gw, int e, int32_t x, int32_t y, int px, int py)
{
    enum { Q = LEVEL_TILE_PX / 2 };
    bool same[3][3];
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
            same[dy + 1][dx + 1] = (dx == 0 && dy == 0) || edge_same(gw, e, x + dx, y + dy);
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
static int run_length(const game_t *gw, tile_kind_t k, int32_t x, int32_t y, int dx, int dy)
{
    int n = 0;
    while (n < 8 && game_tile_at(gw, x + dx * (n + 1), y + dy * (n + 1)) == k) n++;
    return n;
}

static int pad_run(const game_t *gw, int32_t x, int32_t y, int dx, int dy)
{
    int n = 0;
    while (n < 16 && is_pad(gw, x + dx * (n + 1), y + dy * (n + 1))) n++;
    return n;
}

/* A run of neon tiles spells a sign across them: pieces of three-tile and
 * two-tile signs, a lone tile its own. */
static const SDL_Rect *neon_piece(render_t *rd, const game_t *gw, int32_t x, int32_t y)
{
    int l = run_length(gw, TILE_NEON, x, y, -1, 0),
        n = l + 1 + run_length(gw, TILE_NEON, x, y, 1, 0);
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

/* The May Company's tiles by their place in a run: the gold cylinder lit at
 * its left end and shaded at its right, so a few tiles read round; the sign
 * spells MAY CO. across a run, two tiles to a word; the shop windows take
 * turns at random. */
static const SDL_Rect *may_piece(render_t *rd, const game_t *gw, tile_kind_t k, int32_t x,
                                 int32_t y)
{
    int l = run_length(gw, k, x, y, -1, 0), r = run_length(gw, k, x, y, 1, 0);
    const SDL_Rect *f = NULL;
    if (k == TILE_GOLD)
        f = l + r == 0 ? rd->gold[1] : l == 0 ? rd->gold[0] : r == 0 ? rd->gold[2] : rd->gold[1];
    else if (k == TILE_MAY_SIGN)
        f = l + r == 0                   ? rd->may_sign[2]
            : (l + r) % 2 == 0 && r == 0 ? rd->may_sign[2]
                                         : rd->may_sign[l % 2];
    else if (k == TILE_SHOP_WINDOW)
        f = rd->shop_window[(cell_hash(x, y) >> 4) % 2];
    return f ? f : rd->tile[k];
}

/* A chain-link fence as a line joining the fences beside it. */
static void draw_fence(render_t *rd, const game_t *gw, int32_t x, int32_t y, int px, int py)
{
    bool l = game_tile_at(gw, x - 1, y) == TILE_FENCE, r = game_tile_at(gw, x + 1, y) == TILE_FENCE;
    bool u = game_tile_at(gw, x, y - 1) == TILE_FENCE, d = game_tile_at(gw, x, y + 1) == TILE_FENCE;
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
static void draw_ground(render_t *rd, const game_t *gw, tile_kind_t k, int32_t x, int32_t y, int px,
                        int py, uint32_t frame)
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
        rd->anim_note |= ANIM_TAR;
        break;
    }
    case TILE_ROAD_LANE: {
        /* The dashes run along the road: across if the lane runs down. */
        bool across = game_tile_at(gw, x - 1, y) == TILE_ROAD_LANE ||
                      game_tile_at(gw, x + 1, y) == TILE_ROAD_LANE;
        bool down = game_tile_at(gw, x, y - 1) == TILE_ROAD_LANE ||
                    game_tile_at(gw, x, y + 1) == TILE_ROAD_LANE;
        if (down && !across && rd->lane_v) src = rd->lane_v;
        break;
    }
    case TILE_CROSSWALK: {
        /* Stripes lie along the traffic: a crossing that runs further down
         * than across is crossing a road that runs across. */
        int across = run_length(gw, k, x, y, -1, 0) + run_length(gw, k, x, y, 1, 0);
        int down = run_length(gw, k, x, y, 0, -1) + run_length(gw, k, x, y, 0, 1);
        if (down > across && rd->crosswalk_h) src = rd->crosswalk_h;
        break;
    }
    case TILE_ESCALATOR:
        if (rd->escalator[1]) src = rd->escalator[(frame / 20) % 2];
        rd->anim_note |= ANIM_ESCALATOR;
        break;
    default:
        break;
    }
    blit_opaque(rd, src, px, py);
    int e = edge_set_of(k);
    if (e >= 0) draw_edges(rd, gw, e, x, y, px, py);
    /* Walls stand up out of the ground: their foot is in shadow, and light
     * from the upper left throws a shadow to their right. */
    if (is_facade(game_tile_at(gw, x, y - 1)) && k != TILE_WATER)
        render_sprite(rd, rd->shadow_top, px, py);
    if ((game_tile_at(gw, x - 1, y) == TILE_WALL || game_tile_at(gw, x - 1, y) == TILE_TOWER) &&
        k != TILE_WATER)
        render_sprite(rd, rd->shadow_left, px, py);
}

static void draw_tile(render_t *rd, const game_t *gw, int32_t x, int32_t y, int px, int py,
                      uint32_t frame)
{
    tile_kind_t k = game_tile_at(gw, x, y);
    uint32_t h = cell_hash(x, y);
    if (k == TILE_DOOR && !is_face(gw, x, y) && rd->door_north) {
        /* A door in the north side of a building: seen from above. */
        blit_opaque(rd, rd->door_north, px, py);
        return;
    }
    if (is_facade(k)) {
        if (k == TILE_WALL && !is_face(gw, x, y)) {
            blit_opaque(rd, rd->tile[TILE_WALL], px, py);
            draw_edges(rd, gw, EDGE_PARAPET, x, y, px, py);
            /* Now and then something on the roof, away from its edges. */
            if (h % 19 == 0 && edge_same(gw, EDGE_PARAPET, x - 1, y) &&
                edge_same(gw, EDGE_PARAPET, x + 1, y) && edge_same(gw, EDGE_PARAPET, x, y - 1) &&
                edge_same(gw, EDGE_PARAPET, x, y + 1))
                render_sprite(rd, (h >> 8) % 2 ? rd->skylight : rd->tile[TILE_VENT], px, py);
            return;
        }
        if (k == TILE_TOWER && !is_face(gw, x, y)) {
            /* A tower's roof, its parapet its own (not joined to a
             * building's beside it). */
            blit_opaque(rd, rd->tile[TILE_TOWER], px, py);
            draw_edges(rd, gw, EDGE_TOWER, x, y, px, py);
            return;
        }
        const SDL_Rect *src = rd->tile[k];
        if (k == TILE_TOWER && rd->tower_face) src = rd->tower_face;
        if (k == TILE_WALL) {
            tile_kind_t below = floor_of(gw, x, y + 1);
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
        if (k == TILE_NEON) src = neon_piece(rd, gw, x, y);
        if (k == TILE_GOLD || k == TILE_MAY_SIGN || k == TILE_SHOP_WINDOW)
            src = may_piece(rd, gw, k, x, y);
        blit_opaque(rd, src, px, py);
        /* Where the face turns a corner, its end is in shade. */
        if (!is_face(gw, x - 1, y)) render_sprite(rd, rd->face_end_l, px, py);
        if (!is_face(gw, x + 1, y)) render_sprite(rd, rd->face_end_r, px, py);
        return;
    }
    if (is_underlay(k) || k == TILE_WATER || k == TILE_ESCALATOR) {
        draw_ground(rd, gw, is_pad(gw, x, y) ? TILE_HELIPAD : k, x, y, px, py, frame);
        return;
    }
    /* Furniture and the like: the ground round it first. */
    draw_ground(rd, gw, floor_of(gw, x, y), x, y, px, py, frame);
    const SDL_Rect *src = rd->tile[k];
    if (k == TILE_FIRE && rd->fire[0]) {
        uint32_t f = (frame / 6 + h) % 4;
        if (rd->fire[f]) src = rd->fire[f];
        rd->anim_note |= ANIM_FIRE;
    } else if (k == TILE_SMOKE && rd->smoke[0]) {
        uint32_t f = (frame / 12 + h) % 4;
        if (rd->smoke[f]) src = rd->smoke[f];
        rd->anim_note |= ANIM_SMOKE;
    } else if (k == TILE_MAMMOTH) {
        return; /* drawn whole over its block, after the ground */
    } else if (k == TILE_FENCE) {
        draw_fence(rd, gw, x, y, px, py);
        return;
    }
    render_sprite(rd, src, px, py);
}

/* What stands higher than the ground and spills over its tile, drawn after
 * every ground tile: the helipad's mark, the mammoth, flame tips. */
static void draw_raised(render_t *rd, const game_t *gw, int32_t x, int32_t y, int px, int py,
                        uint32_t frame);

/* A 2x2 block of 'M' draws one mammoth: a tile starts a block when the runs
 * of 'M' to its left and above it are even. */
static bool mammoth_origin(const game_t *gw, int32_t x, int32_t y)
{
    if (game_tile_at(gw, x, y) != TILE_MAMMOTH) return false;
    int l = 0, u = 0;
    while (x - l - 1 >= 0 && game_tile_at(gw, x - l - 1, y) == TILE_MAMMOTH) l++;
    while (y - u - 1 >= 0 && game_tile_at(gw, x, y - u - 1) == TILE_MAMMOTH) u++;
    return l % 2 == 0 && u % 2 == 0;
}

static void draw_raised(render_t *rd, const game_t *gw, int32_t x, int32_t y, int px, int py,
                        uint32_t frame)
{
    tile_kind_t k = game_tile_at(gw, x, y);
    if (rd->helipad_mark && is_pad(gw, x, y)) {
        /* The big H goes once, at the middle of the pad (between two tiles
         * when the pad is an even number across). */
        int l = pad_run(gw, x, y, -1, 0), r = pad_run(gw, x, y, 1, 0);
        int u = pad_run(gw, x, y, 0, -1), d = pad_run(gw, x, y, 0, 1);
        if ((l == r || l == r + 1) && (u == d || u == d + 1))
            render_sprite(rd, rd->helipad_mark, px + 8 - rd->helipad_mark->w / 2 - (l - r) * 8,
                          py + 8 - rd->helipad_mark->h / 2 - (u - d) * 8);
    } else if (k == TILE_MAMMOTH && mammoth_origin(gw, x, y)) {
        render_sprite(rd, rd->mammoth, px, py);
    } else if (k == TILE_FIRE && game_tile_at(gw, x, y - 1) != TILE_FIRE) {
        uint32_t f = (frame / 6 + cell_hash(x, y)) % 4;
        if (rd->fire_top[f]) render_sprite(rd, rd->fire_top[f], px, py - rd->fire_top[f]->h);
    }
}

/* ---- the kinds' looks ---------------------------------------------------- */

/* A key's colour, and the shape that says it without colour: red is round,
 * blue square, green a triangle, yellow a diamond. */
static const SDL_Color key_rgb[COLOUR_COUNT] = {{236, 56, 48, 255},
                                                {64, 128, 255, 255},
                                                {64, 214, 96, 255},
                                                {252, 214, 44, 255},
                                                {176, 164, 150, 255}};
enum { SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_TRIANGLE, SHAPE_DIAMOND };
static const SDL_Color rim_dark = {18, 10, 24, 255};

/* Half the width of a shape of radius r on row dy (-r..r); -1 off it. */
static int shape_span(int shape, int r, int dy)
{
    switch (shape) {
    case SHAPE_CIRCLE: {
        int w = 0;
        while ((w + 1) * (w + 1) + dy * dy <= r * r + r) w++;
        return w;
    }
    case SHAPE_SQUARE:
        return dy == -r || dy == r ? -1 : r - 1;
    case SHAPE_TRIANGLE: /* point up */
        return (dy + r) * 3 / 4;
    default:
        return r - (dy < 0 ? -dy : dy);
    }
}

static void fill_shape(render_t *rd, int shape, int cx, int cy, int r, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, c.a);
    for (int dy = -r; dy <= r; dy++) {
        int w = shape_span(shape, r, dy);
        if (w < 0) continue;
        SDL_Rect row = {cx - w, cy + dy, 2 * w + 1, 1};
        SDL_RenderFillRect(rd->r, &row);
    }
}

/* The fallback for a missing key frame: its shape in its colour with a dark
 * rim, so it reads on any ground. */
static void draw_key_shape(render_t *rd, int colour, int cx, int cy, int r)
{
    int shape = colour >= 0 && colour < COLOUR_NONE ? colour : SHAPE_SQUARE;
    static const int8_t off[4][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
    for (int i = 0; i < 4; i++) fill_shape(rd, shape, cx + off[i][0], cy + off[i][1], r, rim_dark);
    SDL_Color c = key_rgb[colour >= 0 && colour < COLOUR_COUNT ? colour : COLOUR_NONE];
    fill_shape(rd, shape, cx, cy, r, c);
    /* A glint, upper left. */
    render_fill(rd, cx - r / 2, cy - r / 2, 1, 1, (SDL_Color){255, 255, 255, 200});
}

/* Draws one entity whose centre is at (sx, sy) on screen. */
typedef void (*look_fn)(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                        uint32_t frame);

static void draw_person(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                        uint32_t frame);
static void draw_vehicle(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                         uint32_t frame);
static void draw_heli(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame);
static void draw_pickup(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                        uint32_t frame);
static void draw_door(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame);
static void draw_signal(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                        uint32_t frame);
static void draw_young_mammoth(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                               uint32_t frame);
/* Over the light map, so they read in the dark: marks, glints, meters. */
static void over_person(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                        uint32_t frame);
static void over_vehicle(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                         uint32_t frame);
static void over_pickup(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                        uint32_t frame);
static void over_signal(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                        uint32_t frame);
static void over_payphone(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                          uint32_t frame);
static void over_heli(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame);
static void over_wind(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame);

enum { LAYER_GROUND, LAYER_STANDING };

/* One drawing entry per kind: adding a kind to the rules is a row here. */
typedef struct kind_look {
    look_fn draw;  /* NULL: not drawn itself (areas, lanes, fire: the tiles show it) */
    look_fn over;  /* drawn after the light map, or NULL */
    uint8_t layer; /* ground things first, then standing things back to front */
    int8_t chr;    /* people: the first of their CHAR_* looks */
    uint8_t looks; /* people: how many looks e->variant picks from */
    bool cone;     /* draws its cone of sight (game_sight_rays) */
} kind_look_t;

static const kind_look_t kind_looks[KIND_COUNT] = {
    [KIND_HARRY] = {draw_person, over_person, LAYER_STANDING, CHAR_HARRY, 1, false},
    [KIND_JULIE] = {draw_person, NULL, LAYER_STANDING, CHAR_JULIE, 1, false},
    [KIND_DINER] = {draw_person, NULL, LAYER_STANDING, CHAR_DINER_A, 3, false},
    [KIND_PEDESTRIAN] = {draw_person, NULL, LAYER_STANDING, CHAR_PED_A, 6, false},
    [KIND_LOOTER] = {draw_person, NULL, LAYER_STANDING, CHAR_LOOTER, 1, false},
    [KIND_COP] = {draw_person, over_person, LAYER_STANDING, CHAR_COP, 1, true},
    [KIND_SWAT] = {draw_person, over_person, LAYER_STANDING, CHAR_SWAT, 1, true},
    [KIND_COYOTE] = {draw_person, NULL, LAYER_STANDING, CHAR_COYOTE, 1, false},
    [KIND_HELICOPTER] = {draw_heli, over_heli, LAYER_STANDING, -1, 0, false},
    [KIND_LANE] = {NULL, NULL, LAYER_GROUND, -1, 0, false},
    [KIND_CAR] = {draw_vehicle, over_vehicle, LAYER_STANDING, -1, 0, false},
    [KIND_BUS] = {draw_vehicle, over_vehicle, LAYER_STANDING, -1, 0, false},
    [KIND_SIGNAL] = {draw_signal, over_signal, LAYER_STANDING, -1, 0, false},
    [KIND_RIDE] = {draw_vehicle, over_vehicle, LAYER_STANDING, -1, 0, false},
    [KIND_FIRE] = {NULL, NULL, LAYER_GROUND, -1, 0, false},
    [KIND_KEY] = {draw_pickup, over_pickup, LAYER_GROUND, -1, 0, false},
    [KIND_DOOR] = {draw_door, NULL, LAYER_GROUND, -1, 0, false},
    [KIND_COFFEE] = {draw_pickup, over_pickup, LAYER_GROUND, -1, 0, false},
    [KIND_CLOCK] = {draw_pickup, over_pickup, LAYER_GROUND, -1, 0, false},
    [KIND_PAYPHONE] = {NULL, over_payphone, LAYER_GROUND, -1, 0, false},
    [KIND_TRIGGER] = {NULL, NULL, LAYER_GROUND, -1, 0, false},
    [KIND_YOUNG_MAMMOTH] = {draw_young_mammoth, NULL, LAYER_GROUND, -1, 0, false},
    [KIND_WIND] = {NULL, over_wind, LAYER_GROUND, -1, 0, false},
    [KIND_RESIDENT] = {draw_person, NULL, LAYER_STANDING, CHAR_LUCY, 2, false},
    [KIND_CRASH] = {draw_vehicle, over_vehicle, LAYER_STANDING, -1, 0, false},
};

static int person_look(const ent_t *e)
{
    const kind_look_t *l = &kind_looks[e->kind];
    return l->chr + (l->looks > 1 ? e->variant % l->looks : 0);
}

/* A kind as play draws it standing, facing down (the editor's palette of
 * kinds). Kinds play does not draw get what stands for them: a lane its
 * car, fire its flame, a payphone its mark. */
const SDL_Rect *render_kind_frame(const render_t *rd, int32_t kind)
{
    if (kind < 0 || kind >= KIND_COUNT) return NULL;
    const kind_look_t *l = &kind_looks[kind];
    if (l->draw == draw_person) return rd->chars[l->chr][DIR_DOWN][0];
    switch (kind) {
    case KIND_HELICOPTER:
        return rd->heli[0];
    case KIND_BUS:
        return rd->bus[DIR_RIGHT];
    case KIND_LANE:
    case KIND_CAR:
    case KIND_RIDE:
    case KIND_CRASH:
        return rd->car[kind == KIND_CRASH ? 1 : 0][DIR_RIGHT];
    case KIND_SIGNAL:
        return rd->signal[0];
    case KIND_FIRE:
        return rd->fire[0];
    case KIND_KEY:
        return rd->key[0];
    case KIND_DOOR:
        return rd->door_locked[0];
    case KIND_COFFEE:
        return rd->icon_coffee;
    case KIND_CLOCK:
        return rd->icon_clock_pickup;
    case KIND_PAYPHONE:
        return rd->tile[TILE_PAYPHONE] ? rd->tile[TILE_PAYPHONE] : rd->mark_checkpoint;
    case KIND_TRIGGER:
        return rd->mark_alert;
    case KIND_YOUNG_MAMMOTH:
        return rd->mammoth_young_cry ? rd->mammoth_young_cry : rd->tile[TILE_MAMMOTH_YOUNG];
    case KIND_WIND:
        return rd->fx_wind[DIR_RIGHT][0];
    default:
        return NULL;
    }
}

static void draw_person(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame)
{
    static const int cycle[4] = {1, 0, 2, 0};
    const ent_t *a = &g->ents[slot];
    int look = person_look(a);
    int f = a->moving ? cycle[(a->anim / 8) % 4] : 0;
    const SDL_Rect *src = rd->chars[look][a->dir][f];
    const SDL_Rect *pose = NULL; /* a frame that overrides walking and idling */
    switch (a->kind) {
    case KIND_HARRY:
        if ((g->hs.stun > 0 || g->status == GAME_LOST) && rd->harry_caught) {
            pose = rd->harry_caught;
        } else if (a->moving && g->hs.sprinting) {
            /* Sprinting: longer strides, a quicker cycle. */
            int sf = cycle[(a->anim / 5) % 4];
            if (rd->harry_sprint[a->dir][sf]) src = rd->harry_sprint[a->dir][sf];
        }
        if (g->hs.sink > 0 && rd->fx_sink_n > 0) {
            /* Tar round his feet, under him. */
            const SDL_Rect *s = rd->fx_sink[(frame / 8) % (uint32_t)rd->fx_sink_n];
            render_sprite(rd, s, sx - s->w / 2, sy + 4 - s->h / 2);
        }
        break;
    case KIND_COP:
        if (!a->moving) pose = rd->cop_stop;
        break;
    case KIND_SWAT:
        if (game_alarm(g, slot) > 0) pose = rd->swat_aim;
        break;
    case KIND_LOOTER:
        /* After a spill it runs off with Harry's coffee. */
        if (a->timer2 > 0) pose = rd->looter_carry;
        break;
    default:
        break;
    }
    if (pose) {
        src = pose;
    } else if (!a->moving && rd->idle[look]) {
        /* Standing still, now and then the idle pose: Harry checks his
         * watch, Julie waves in bursts. Cosmetic, so on the frame counter. */
        uint32_t t = frame + (uint32_t)look * 37u + (uint32_t)slot * 11u;
        bool idle = look == CHAR_JULIE   ? t % 120 < 60 && (t / 10) % 2 == 0
                    : look == CHAR_HARRY ? t % 240 >= 150
                                         : t % 150 < 50;
        if (idle) src = rd->idle[look];
    }
    render_sprite(rd, src, sx - 8, sy + GAME_BOX_HALF_H / GAME_SUB - 16);
}

static void draw_vehicle(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                         uint32_t frame)
{
    (void)frame;
    const ent_t *e = &g->ents[slot];
    bool bus = e->kind == KIND_BUS || (e->kind == KIND_RIDE && e->variant == 1);
    int d = e->dir & 3;
    const SDL_Rect *src = bus ? rd->bus[d] : rd->car[e->kind == KIND_CAR ? e->variant % 4 : 0][d];
    if (!src) {
        render_fill(rd, sx - e->hw / GAME_SUB, sy - e->hh / GAME_SUB, 2 * e->hw / GAME_SUB,
                    2 * e->hh / GAME_SUB, (SDL_Color){150, 40, 40, 255});
        return;
    }
    render_sprite(rd, src, sx - src->w / 2, sy - src->h / 2);
}

static void draw_heli(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame)
{
    (void)g;
    (void)slot;
    const SDL_Rect *src = rd->heli[(frame / 2) % 4];
    if (src) render_sprite(rd, src, sx - src->w / 2, sy - src->h / 2);
}

static int pickup_bob(int32_t slot, uint32_t frame)
{
    static const int bob[4] = {0, -1, -2, -1};
    return bob[(frame / 8 + (uint32_t)slot) % 4];
}

/* Its tile draws the young mammoth; while it cries, its trunk goes up. */
static void draw_young_mammoth(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                               uint32_t frame)
{
    const ent_t *e = &g->ents[slot];
    int32_t tx = e->pos.x / GAME_TILE_SUB, ty = e->pos.y / GAME_TILE_SUB;
    if (e->timer2 <= 0 || !rd->mammoth_young_cry || game_tile_at(g, tx, ty) != TILE_MAMMOTH_YOUNG)
        return;
    int px = sx - LEVEL_TILE_PX / 2, py = sy - LEVEL_TILE_PX / 2;
    draw_ground(rd, g, floor_of(g, tx, ty), tx, ty, px, py, frame);
    render_sprite(rd, rd->mammoth_young_cry, px, py);
}

static void draw_pickup(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame)
{
    const ent_t *e = &g->ents[slot];
    int y = sy + pickup_bob(slot, frame);
    /* A shadow on the ground stays put while the pickup bobs. */
    render_fill(rd, sx - 4, sy + 5, 9, 2, (SDL_Color){0, 0, 0, 90});
    if (e->kind == KIND_KEY) {
        int c = game_prop(g, slot, "colour");
        const SDL_Rect *src = c >= 0 && c < COLOUR_COUNT ? rd->key[c] : NULL;
        if (src)
            render_sprite(rd, src, sx - src->w / 2, y - src->h / 2);
        else
            draw_key_shape(rd, c, sx, y, 4);
        return;
    }
    const SDL_Rect *src = e->kind == KIND_COFFEE ? rd->icon_coffee : rd->icon_clock_pickup;
    if (src) render_sprite(rd, src, sx - src->w / 2, y - src->h / 2);
}

static void draw_door(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame)
{
    (void)frame;
    const ent_t *e = &g->ents[slot];
    int c = e->variant < COLOUR_COUNT ? e->variant : COLOUR_NONE;
    if (rd->door_locked[c]) {
        render_sprite(rd, rd->door_locked[c], sx - 8, sy - 8);
        return;
    }
    /* Fallback: a dark barred door with its lock's shape and colour. */
    render_fill(rd, sx - 8, sy - 8, 16, 16, rim_dark);
    render_fill(rd, sx - 7, sy - 7, 14, 14, (SDL_Color){92, 58, 40, 255});
    render_fill(rd, sx - 7, sy - 2, 14, 1, (SDL_Color){50, 30, 22, 255});
    render_fill(rd, sx - 7, sy + 3, 14, 1, (SDL_Color){50, 30, 22, 255});
    if (c < COLOUR_NONE)
        draw_key_shape(rd, c, sx, sy, 4);
    else
        render_fill(rd, sx - 5, sy - 1, 10, 3, (SDL_Color){150, 140, 130, 255});
}

static const SDL_Color light_rgb[3] = {
    {60, 230, 110, 255}, {255, 176, 40, 255}, {255, 50, 40, 255}};

static void draw_signal(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame)
{
    (void)frame;
    int s = g->ents[slot].state < 3 ? g->ents[slot].state : 2;
    const SDL_Rect *src = rd->signal[s];
    if (src) {
        render_sprite(rd, src, sx - src->w / 2, sy + 8 - src->h);
        return;
    }
    /* Fallback: a housing with red over amber over green, the one lit bright. */
    render_fill(rd, sx - 1, sy - 2, 2, 10, (SDL_Color){40, 40, 48, 255});
    render_fill(rd, sx - 4, sy - 16, 8, 15, rim_dark);
    for (int i = 0; i < 3; i++) {
        int lamp = 2 - i; /* red at the top */
        SDL_Color c = light_rgb[lamp];
        if (lamp != s) c = (SDL_Color){(Uint8)(c.r / 4), (Uint8)(c.g / 4), (Uint8)(c.b / 4), 255};
        fill_shape(rd, SHAPE_CIRCLE, sx, sy - 13 + i * 4, 1, c);
    }
}

/* A mark over someone's head: the sheet's frame, or a letter. */
static void draw_mark(render_t *rd, const SDL_Rect *src, const char *letter, SDL_Color c, int sx,
                      int top)
{
    if (src) {
        render_sprite(rd, src, sx - src->w / 2, top - src->h);
        return;
    }
    fill_shape(rd, SHAPE_CIRCLE, sx, top - 6, 6, rim_dark);
    fill_shape(rd, SHAPE_CIRCLE, sx, top - 6, 5, c);
    if (letter[0]) text_draw(rd->text, FONT_SMALL, letter, sx, top - 12, rim_dark, TEXT_CENTRE);
}

static void over_person(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame)
{
    const ent_t *e = &g->ents[slot];
    int top = sy + GAME_BOX_HALF_H / GAME_SUB - 17;
    if (e->kind == KIND_HARRY) {
        if (g->hs.sink <= 0) return;
        /* The tar meter: how far he has sunk, filling to going under. */
        int w = 16, fill = g->hs.sink * (w - 2) / GAME_SINK_MAX;
        bool late = g->hs.sink > GAME_SINK_MAX * 2 / 3;
        render_fill(rd, sx - w / 2, top - 5, w, 4, rim_dark);
        SDL_Color c = late && (frame / 6) % 2 ? (SDL_Color){255, 60, 40, 255}
                      : late                  ? (SDL_Color){220, 40, 30, 255}
                                              : (SDL_Color){255, 170, 40, 255};
        render_fill(rd, sx - w / 2 + 1, top - 4, fill, 2, c);
        return;
    }
    int alarm = game_alarm(g, slot);
    if (alarm <= 0) return;
    int bob = (frame / 6) % 2;
    if (alarm < 96)
        draw_mark(rd, rd->mark_suspect, "?", (SDL_Color){255, 200, 60, 255}, sx, top - bob);
    else
        draw_mark(rd, rd->mark_alert, "!", (SDL_Color){255, 60, 40, 255}, sx, top - bob);
}

static void over_vehicle(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                         uint32_t frame)
{
    (void)frame;
    /* Headlights: traffic is seen coming in the dark. */
    const ent_t *e = &g->ents[slot];
    static const int8_t fwd[4][2] = {{0, 1}, {0, -1}, {-1, 0}, {1, 0}};
    int d = e->dir & 3;
    int hw = e->hw / GAME_SUB, hh = e->hh / GAME_SUB;
    int ax = fwd[d][0], ay = fwd[d][1];
    int fx = sx + ax * (hw + 2), fy = sy + ay * (hh + 2);
    int side = ax ? hh - 2 : hw - 2;
    SDL_Color c = {255, 236, 180, 70};
    render_glow(rd, fx + ay * side + ax * 8, fy + ax * side + ay * 8, 12, c);
    render_glow(rd, fx - ay * side + ax * 8, fy - ax * side + ay * 8, 12, c);
}

static void over_heli(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame)
{
    (void)g;
    (void)slot;
    /* The way out, seen across the roof: cabin lights, and a red beacon
     * that blinks on the frame counter. */
    render_glow(rd, sx, sy, 40, (SDL_Color){170, 190, 255, 60});
    if ((frame / 20) % 3 == 0) render_glow(rd, sx - 2, sy - 11, 10, (SDL_Color){255, 40, 40, 200});
}

/* A gust, while it blows (the rules' own state): streaks run across the
 * area along the wind, each tile's on its own beat, so the push is seen
 * before it is felt. Over the light, so it shows on a dark roof. */
static void over_wind(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame)
{
    const ent_t *e = &g->ents[slot];
    if (!e->state) return;
    int d = e->dir & 3;
    int dx = game_dir_dx[d], dy = game_dir_dy[d];
    int w = e->hw / GAME_SUB, h = e->hh / GAME_SUB;
    int x0 = sx - w, y0 = sy - h;
    for (int ty = 0; ty < 2 * h; ty += LEVEL_TILE_PX)
        for (int tx = 0; tx < 2 * w; tx += LEVEL_TILE_PX) {
            int px = x0 + tx, py = y0 + ty;
            if (px < -16 || py < -16 || px > RENDER_W || py > RENDER_H) continue;
            uint32_t hsh = cell_hash(tx / LEVEL_TILE_PX + slot, ty / LEVEL_TILE_PX);
            if (hsh % 3 != 0) continue; /* one tile in three: streaks, not a wall */
            uint32_t t = (frame + (hsh >> 5)) % 24;
            const SDL_Rect *f = rd->fx_wind[d][t / 8];
            if (!f) continue;
            /* Blown along a tile's width as the streak plays. */
            int run = (int)t * LEVEL_TILE_PX / 24;
            render_sprite(rd, f, px + dx * run + (LEVEL_TILE_PX - f->w) / 2,
                          py + dy * run + (LEVEL_TILE_PX - f->h) / 2);
        }
}

static void over_pickup(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame)
{
    /* A glint that pulses, so a pickup is found in the dark. */
    const ent_t *e = &g->ents[slot];
    SDL_Color c = e->kind == KIND_KEY      ? key_rgb[game_prop(g, slot, "colour") % COLOUR_COUNT]
                  : e->kind == KIND_COFFEE ? (SDL_Color){255, 200, 140, 255}
                                           : (SDL_Color){140, 230, 255, 255};
    c.a = (Uint8)(70 + (int)((frame / 4 + (uint32_t)slot) % 8) * 6);
    render_glow(rd, sx, sy + pickup_bob(slot, frame), 12, c);
}

static void over_signal(render_t *rd, const game_t *g, int32_t slot, int sx, int sy, uint32_t frame)
{
    (void)frame;
    int s = g->ents[slot].state < 3 ? g->ents[slot].state : 2;
    SDL_Color c = light_rgb[s];
    c.a = 110;
    render_glow(rd, sx, sy - 9, 10, c);
}

static void over_payphone(render_t *rd, const game_t *g, int32_t slot, int sx, int sy,
                          uint32_t frame)
{
    (void)frame;
    if (g->ents[slot].state != 1) return;
    /* Used: the checkpoint is here. */
    draw_mark(rd, rd->mark_checkpoint, "", (SDL_Color){80, 220, 120, 255}, sx, sy - 8);
}

/* sin of a angle in degrees by Bhaskara's formula (within 0.002): enough to
 * draw with, and no maths library. */
static float sin_deg(int32_t deg)
{
    deg %= 360;
    if (deg < 0) deg += 360;
    float sign = deg >= 180 ? -1.0f : 1.0f;
    float x = (float)(deg % 180);
    return sign * 4.0f * x * (180.0f - x) / (40500.0f - x * (180.0f - x));
}

/* The patrols' cones of sight, from the rules' own rays: a fan that warms
 * from amber to red as the patrol's alarm rises. */
static void draw_cones(render_t *rd, const game_t *g, int cx, int cy)
{
    enum { RAYS = 17 };
    for (int32_t s = 0; s < g->ent_top; s++) {
        const ent_t *e = &g->ents[s];
        if (e->kind >= KIND_COUNT || !kind_looks[e->kind].cone || (e->flags & ENT_HIDDEN)) continue;
        int32_t reach[RAYS], facing = 0, width = 0;
        if (game_sight_rays(g, s, RAYS, reach, &facing, &width) != RAYS) continue;
        int ex = e->pos.x / GAME_SUB - cx, ey = e->pos.y / GAME_SUB - cy;
        /* Off screen by more than its reach: nothing to draw. */
        if (ex < -300 || ey < -300 || ex > RENDER_W + 300 || ey > RENDER_H + 300) continue;
        int alarm = game_alarm(g, s);
        if (alarm > 256) alarm = 256;
        /* Strong at the patrol, fading to the rim; it is drawn under the
         * light map, which darkens it, so it starts bright. */
        SDL_Color near = {255, (Uint8)(200 - alarm * 160 / 256), (Uint8)(70 - alarm / 6),
                          (Uint8)(110 + alarm * 80 / 256)};
        SDL_Color far = near;
        far.a = (Uint8)(40 + alarm * 60 / 256);
        SDL_Vertex v[RAYS + 1];
        int idx[(RAYS - 1) * 3];
        v[0] = (SDL_Vertex){{(float)ex, (float)ey}, near, {0, 0}};
        for (int i = 0; i < RAYS; i++) {
            int32_t a = facing - width / 2 + width * i / (RAYS - 1);
            v[i + 1] = (SDL_Vertex){{(float)ex + (float)reach[i] * sin_deg(a + 90),
                                     (float)ey + (float)reach[i] * sin_deg(a)},
                                    far,
                                    {0, 0}};
        }
        for (int i = 0; i < RAYS - 1; i++) {
            idx[i * 3] = 0;
            idx[i * 3 + 1] = i + 1;
            idx[i * 3 + 2] = i + 2;
        }
        SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_BLEND);
        SDL_RenderGeometry(rd->r, NULL, v, RAYS + 1, idx, (RAYS - 1) * 3);
    }
}

/* ---- light ------------------------------------------------------------- */

/* The level's `ambient` (0..100 % of the night's light) takes the ambient
 * light down towards a near black, never quite black, so walls still show
 * at the edge of a pool of light. Lamps, neon and fire are not dimmed: in a
 * dark level they are the way. */
static SDL_Color dim_ambient(const game_t *gw, SDL_Color c)
{
    static const SDL_Color night = {12, 10, 24, 255};
    int a = gw->level->ambient;
    if (a >= 100) return c;
    if (a < 0) a = 0;
    return (SDL_Color){(Uint8)(night.r + (c.r - night.r) * a / 100),
                       (Uint8)(night.g + (c.g - night.g) * a / 100),
                       (Uint8)(night.b + (c.b - night.b) * a / 100), 255};
}

/* How dark a tile is with no lamp near: the street at night, the diner with
 * its lights on, a closed store or mall lit only by exit signs. */
static SDL_Color ambient_of(const game_t *gw, int32_t x, int32_t y)
{
    static const SDL_Color outdoor = {116, 110, 176, 255}, lit = {236, 226, 214, 255},
                           dark = {96, 92, 150, 255};
    tile_kind_t k = game_tile_at(gw, x, y);
    tile_kind_t f = is_facade(k) && is_face(gw, x, y) ? floor_of(gw, x, y + 1) : floor_of(gw, x, y);
    if (f == TILE_DINER_FLOOR) return dim_ambient(gw, lit);
    if (f == TILE_STORE_FLOOR || f == TILE_MALL_FLOOR || f == TILE_ESCALATOR)
        return dim_ambient(gw, dark);
    return dim_ambient(gw, outdoor);
}

typedef struct light_src {
    int x, y, radius;
    SDL_Color c;
} light_src_t;

/* The lights a tile gives off: into the light map (pool) and added on top
 * (flare). Neon and fire flicker on the frame counter, never the game's RNG. */
static int tile_lights(const game_t *gw, int32_t x, int32_t y, int px, int py, uint32_t frame,
                       light_src_t *pool, light_src_t *flare)
{
    tile_kind_t k = game_tile_at(gw, x, y);
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
        int l = run_length(gw, TILE_NEON, x, y, -1, 0);
        int n = l + 1 + run_length(gw, TILE_NEON, x, y, 1, 0);
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
    case TILE_MAY_SIGN: {
        /* The sign burns white and gold over the corner; now and then a
         * letter stutters. */
        bool off = h % 61 == 0;
        *pool = (light_src_t){px + 8, py + 16, off ? 30 : 56, {255, 200, 90, 255}};
        *flare = (light_src_t){px + 8, py + 8, 24, {255, 214, 120, (Uint8)(off ? 24 : 80)}};
        return 1;
    }
    case TILE_GOLD:
        /* Floodlit from below: the gold catches the light. */
        *pool = (light_src_t){px + 8, py + 10, 26, {190, 150, 70, 255}};
        *flare = (light_src_t){px + 8, py + 8, 12, {255, 210, 110, 30}};
        return 1;
    case TILE_SHOP_WINDOW:
        /* A window lit for the night throws its light onto the pavement. */
        *pool = (light_src_t){px + 8, py + 18, 36, {230, 180, 100, 255}};
        *flare = (light_src_t){px + 8, py + 8, 12, {255, 220, 150, 40}};
        return 1;
    case TILE_SHOPFRONT:
        /* A lit display throws a wide warm pool onto the pavement. */
        if (!is_face(gw, x, y)) return 0;
        *pool = (light_src_t){px + 8, py + 20, 34, {220, 170, 90, 255}};
        *flare = (light_src_t){px + 8, py + 8, 14, {255, 220, 150, 50}};
        return 1;
    case TILE_TOWER:
        /* Night-time windows in the towers, one lit in three. */
        if (is_face(gw, x, y) && cell_hash(x, y) % 3 == 0) {
            *pool = (light_src_t){px + 8, py + 18, 18, {160, 110, 40, 255}};
            *flare = (light_src_t){0, 0, 0, {0, 0, 0, 0}};
            return 1;
        }
        return 0;
    case TILE_ESCALATOR:
        *pool = (light_src_t){px + 8, py + 8, 20, {80, 90, 120, 255}};
        *flare = (light_src_t){0, 0, 0, {0, 0, 0, 0}};
        return 1;
    case TILE_WALL:
        /* A lit window spills a little warm light onto the pavement; in a
         * dark level the walls inside have no lit windows to spill. */
        if (is_face(gw, x, y) && cell_hash(x, y) % 3 != 0 &&
            (gw->level->ambient >= 50 || !is_indoor_floor(floor_of(gw, x, y + 1)))) {
            *pool = (light_src_t){px + 8, py + 18, 20, {160, 110, 40, 255}};
            *flare = (light_src_t){0, 0, 0, {0, 0, 0, 0}};
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

/* Harry and Julie carry a little light, so they never vanish in the dark;
 * in a dark level Harry's reaches further (a few tiles: enough to see the
 * next turn, not the whole room). Into the light map. */
/* The light Harry and Julie carry: up to two sources, their count. */
static int carried_light_srcs(const game_t *g, int cx, int cy, light_src_t out[2])
{
    const level_t *lv = g->level;
    int dark = 100 - (lv->ambient < 0 ? 0 : lv->ambient > 100 ? 100 : lv->ambient);
    int n = 0;
    out[n++] = (light_src_t){game_harry(g)->pos.x / GAME_SUB - cx,
                             game_harry(g)->pos.y / GAME_SUB - 6 - cy,
                             30 + dark * 26 / 100,
                             {(Uint8)(110 + dark * 40 / 100), (Uint8)(100 + dark * 40 / 100),
                              (Uint8)(80 + dark * 40 / 100), 255}};
    if (!(game_julie(g)->flags & ENT_HIDDEN))
        out[n++] = (light_src_t){game_julie(g)->pos.x / GAME_SUB - cx,
                                 game_julie(g)->pos.y / GAME_SUB - 6 - cy,
                                 30,
                                 {140, 80, 100, 255}};
    return n;
}

static void carried_lights(render_t *rd, const game_t *g, int cx, int cy)
{
    light_src_t l[2];
    int n = carried_light_srcs(g, cx, cy, l);
    for (int i = 0; i < n; i++) render_glow(rd, l[i].x, l[i].y, l[i].radius, l[i].c);
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
        SDL_Color off_map = dim_ambient(g, (SDL_Color){116, 110, 176, 255});
        SDL_SetRenderDrawColor(rd->r, off_map.r, off_map.g, off_map.b, 255);
        SDL_RenderClear(rd->r);
        for (int y = ty0; y <= ty1; y++) {
            int run_x = tx0;
            SDL_Color run_c = ambient_of(g, tx0, y);
            for (int x = tx0 + 1; x <= tx1 + 1; x++) {
                SDL_Color c = x <= tx1 ? ambient_of(g, x, y) : (SDL_Color){0, 0, 0, 0};
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
            if (!tile_lights(g, x, y, px, py, frame, &pool, &flare)) continue;
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
        carried_lights(rd, g, cx, cy);
        SDL_SetRenderTarget(rd->r, prev);
        SDL_RenderCopy(rd->r, rd->light, NULL, NULL);
    }
    for (int i = 0; i < nflares; i++)
        render_glow(rd, flares[i].x, flares[i].y, flares[i].radius, flares[i].c);
}

/* ---- the caches ---------------------------------------------------------- */

/* The tiles round the view, the steady light and the steady lights' flares
 * are kept as pictures a tile of margin larger than the view. When the
 * camera crosses a tile, what they hold moves over and only the uncovered
 * row or column is drawn; a ground cell whose animation (tar, escalator,
 * fire, smoke) moves on is drawn again alone; any change of a tile by the
 * rules (fire spreading) draws them all again. Lights that flicker or burn
 * (neon, the May Company's sign, fire) and what moves are drawn every
 * frame over them. Light adds up, saturating, in any order, so a steady
 * light drawn once and a flickering one drawn each frame sum to the very
 * pixels of drawing both each frame. */

enum { CACHE_T = LEVEL_TILE_PX, CACHE_REACH = 5 /* tiles a light reaches, and then some */ };

static Uint32 picture_format(SDL_Renderer *r)
{
    SDL_Window *w = SDL_RenderGetWindow(r);
    /* No window: a software renderer on a surface (render_to_surface). */
    Uint32 f = w ? SDL_GetWindowPixelFormat(w) : SDL_PIXELFORMAT_RGBA32;
    if (f == SDL_PIXELFORMAT_UNKNOWN || SDL_ISPIXELFORMAT_INDEXED(f) || SDL_BYTESPERPIXEL(f) != 4)
        f = SDL_PIXELFORMAT_ARGB8888;
    return f;
}

static void cache_free(render_cache_t *c)
{
    SDL_Texture **t[4] = {&c->ground.tex, &c->light.tex, &c->flare.tex, &c->scratch};
    for (int i = 0; i < 4; i++) {
        if (*t[i]) SDL_DestroyTexture(*t[i]);
        *t[i] = NULL;
    }
    free(c->tiles);
    c->tiles = NULL;
    for (int i = 0; i < 3; i++) {
        free(c->px[i]);
        c->px[i] = NULL;
    }
}

static void cache_init(render_t *rd)
{
    render_cache_t *c = &rd->cache;
    c->tiles = malloc((size_t)LEVEL_MAX_W * LEVEL_MAX_H);
    SDL_Texture **t[4] = {&c->ground.tex, &c->light.tex, &c->flare.tex, &c->scratch};
    bool ok = c->tiles != NULL;
    for (int i = 0; i < 4 && ok; i++) {
        *t[i] = SDL_CreateTexture(rd->r, c->format, SDL_TEXTUREACCESS_TARGET,
                                  RENDER_CACHE_TW * CACHE_T, RENDER_CACHE_TH * CACHE_T);
        ok = *t[i] != NULL;
        if (ok) SDL_SetTextureBlendMode(*t[i], SDL_BLENDMODE_NONE);
    }
    if (!ok) {
        cache_free(c); /* drawn in full every frame, as before */
        return;
    }
    /* Reading pixels back is a copy only in the software renderer. */
    SDL_RendererInfo info;
    int bpp = 0;
    Uint32 m[4] = {0};
    if (SDL_GetRendererInfo(rd->r, &info) != 0 || !(info.flags & SDL_RENDERER_SOFTWARE) ||
        !SDL_PixelFormatEnumToMasks(c->format, &bpp, &m[0], &m[1], &m[2], &m[3]) || bpp != 32)
        return;
    for (int k = 0; k < 3; k++) {
        int shift = 0;
        while (shift < 32 && !((m[k] >> shift) & 1u)) shift++;
        if (m[k] >> shift != 0xffu) return;
        /* the byte of a Uint32 in memory that holds bits shift..shift+7 */
        c->colour_byte[k] = SDL_BYTEORDER == SDL_LIL_ENDIAN ? shift / 8 : 3 - shift / 8;
    }
    Uint8 keep[4] = {0xff, 0xff, 0xff, 0xff};
    for (int k = 0; k < 3; k++) keep[c->colour_byte[k]] = 0;
    memcpy(&c->keep_mask, keep, sizeof c->keep_mask);
    for (int i = 0; i < 3; i++) {
        c->px[i] = malloc((size_t)RENDER_W * RENDER_H * sizeof(Uint32));
        if (!c->px[i]) {
            for (int j = 0; j <= i; j++) {
                free(c->px[j]);
                c->px[j] = NULL;
            }
            return;
        }
    }
}

static bool caching(const render_t *rd)
{
    return !rd->cache.off && rd->cache.tiles != NULL;
}

void render_invalidate(render_t *rd)
{
    rd->cache.ground.valid = rd->cache.light.valid = rd->cache.flare.valid = false;
    rd->cache.level = NULL;
    rd->world_still.valid = rd->backdrop.valid = rd->map.valid = rd->title.valid = false;
    rd->screen.valid = false;
}

void render_drop_menu_stills(render_t *rd, bool over_world)
{
    render_still_t *st[5] = {&rd->backdrop, &rd->map, &rd->title, &rd->screen, &rd->world_still};
    for (int i = 0; i < (over_world ? 5 : 3); i++) {
        if (st[i]->tex) SDL_DestroyTexture(st[i]->tex);
        st[i]->tex = NULL;
        st[i]->valid = false;
    }
}

bool render_still_begin(render_t *rd, render_still_t *s, uint64_t key)
{
    s->direct = true;
    s->clipped = false;
    if (rd->cache.off) return true;
    if (s->valid && s->key == key) {
        SDL_RenderCopy(rd->r, s->tex, NULL, NULL);
        return false;
    }
    if (!s->tex) {
        s->tex = SDL_CreateTexture(rd->r, rd->cache.format, SDL_TEXTUREACCESS_TARGET, RENDER_W,
                                   RENDER_H);
        if (s->tex) SDL_SetTextureBlendMode(s->tex, SDL_BLENDMODE_NONE);
    }
    s->prev = SDL_GetRenderTarget(rd->r);
    s->valid = false;
    s->part_count = 0;
    if (!s->tex || SDL_SetRenderTarget(rd->r, s->tex) != 0) return true;
    s->direct = false;
    s->key = key;
    SDL_SetRenderDrawColor(rd->r, 0, 0, 0, 255); /* as the app clears its picture */
    SDL_RenderClear(rd->r);
    return true;
}

bool render_still_begin_parts(render_t *rd, render_still_t *s, uint64_t key,
                              const render_part_t *parts, int count)
{
    if (count > RENDER_STILL_PARTS) count = RENDER_STILL_PARTS;
    SDL_Rect dirty = {0, 0, 0, 0};
    bool same = !rd->cache.off && s->tex && s->valid && s->key == key && s->part_count == count;
    for (int i = 0; same && i < count; i++) {
        if (parts[i].key == s->part_key[i]) continue;
        if (SDL_RectEmpty(&dirty))
            dirty = parts[i].at;
        else
            SDL_UnionRect(&dirty, &parts[i].at, &dirty);
    }
    if (!same || SDL_RectEmpty(&dirty)) {
        if (!same) s->valid = false; /* drawn whole */
        bool draw = render_still_begin(rd, s, key);
        if (!s->direct) {
            s->part_count = count;
            for (int i = 0; i < count; i++) s->part_key[i] = parts[i].key;
        }
        return draw;
    }
    /* Only what changed, drawn again over the rest of the kept picture. */
    s->prev = SDL_GetRenderTarget(rd->r);
    s->direct = true;
    s->clipped = false;
    if (SDL_SetRenderTarget(rd->r, s->tex) != 0) {
        s->valid = false;
        return true;
    }
    s->direct = false;
    s->clipped = true;
    s->n_parts_drawn++;
    for (int i = 0; i < count; i++) s->part_key[i] = parts[i].key;
    SDL_RenderSetClipRect(rd->r, &dirty);
    SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(rd->r, 0, 0, 0, 255); /* as render_still_begin clears */
    SDL_RenderFillRect(rd->r, &dirty);
    s->valid = false;
    return true;
}

uint64_t render_key_add(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

uint64_t render_key_str(uint64_t h, const char *s)
{
    return render_key_add(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

void render_still_end(render_t *rd, render_still_t *s)
{
    if (s->direct) return;
    if (s->clipped) SDL_RenderSetClipRect(rd->r, NULL);
    s->clipped = false;
    SDL_SetRenderTarget(rd->r, s->prev);
    SDL_RenderCopy(rd->r, s->tex, NULL, NULL);
    s->valid = true;
}

void render_world_still(render_t *rd, const game_t *g, const game_t *ghost, uint32_t frame,
                        bool hud, SDL_Color veil)
{
    uint64_t key = (uint64_t)(uintptr_t)g * 1000003u ^ (uint64_t)g->tick << 8 ^
                   (uint64_t)g->status << 40 ^ (uint64_t)hud << 44 ^
                   (uint64_t)((uint32_t)veil.r | (uint32_t)veil.g << 8 | (uint32_t)veil.b << 16 |
                              (uint32_t)veil.a << 24)
                       << 20;
    key ^= (uint64_t)(uintptr_t)ghost * 7919u;
    render_still_t *s = &rd->world_still;
    if (rd->cache.off) { /* drawn in full, at the moment the still holds */
        if (!s->held || s->key != key) s->frame = frame;
        frame = s->frame;
        s->key = key;
    }
    if (!render_still_begin(rd, s, key)) return;
    render_world(rd, g, frame);
    s->held = true;
    if (ghost) render_ghost(rd, g, ghost, frame);
    if (hud) render_hud(rd, g);
    if (veil.a) render_fill(rd, 0, 0, RENDER_W, RENDER_H, veil);
    render_still_end(rd, &rd->world_still);
}

static bool is_flickering(tile_kind_t k)
{
    return k == TILE_NEON || k == TILE_MAY_SIGN || k == TILE_FIRE;
}

/* The caches hold the level's tiles as they were drawn: any difference
 * (another level, fire spreading, a restart) draws them again. */
static void cache_check(render_t *rd, const game_t *g)
{
    render_cache_t *c = &rd->cache;
    const level_t *lv = g->level;
    size_t n = (size_t)lv->w * (size_t)lv->h;
    if (c->level == lv && c->w == lv->w && c->h == lv->h && c->ambient == lv->ambient &&
        memcmp(c->tiles, g->tiles, n) == 0)
        return;
    if (c->level == lv) c->n_rebuilds++;
    c->level = lv;
    c->w = lv->w;
    c->h = lv->h;
    c->ambient = lv->ambient;
    memcpy(c->tiles, g->tiles, n);
    c->ground.valid = c->light.valid = c->flare.valid = false;
    c->dyn_count = 0;
    c->dyn_all = false;
    for (int32_t y = 0; y < lv->h; y++)
        for (int32_t x = 0; x < lv->w; x++) {
            if (!is_flickering((tile_kind_t)g->tiles[y * lv->w + x])) continue;
            if (c->dyn_count == RENDER_DYN_LIGHTS) {
                c->dyn_all = true; /* too many to list: the light is drawn in full */
                return;
            }
            c->dyn_x[c->dyn_count] = (int16_t)x;
            c->dyn_y[c->dyn_count++] = (int16_t)y;
        }
}

/* Draws the cells (in the layer's tiles) of a layer whose top left is world
 * tile (tx, ty); the layer is the render target. */
typedef void (*region_fn)(render_t *rd, const game_t *g, int32_t tx, int32_t ty, SDL_Rect cells,
                          uint32_t frame);

/* Brings a layer's top left to world tile (tx0, ty0): what it holds moves
 * over, what comes into it is drawn. Leaves the render target on it if it
 * drew; the caller puts its own back. */
static void layer_move(render_t *rd, render_layer_t *L, const game_t *g, int32_t tx0, int32_t ty0,
                       uint32_t frame, region_fn draw)
{
    enum { TW = RENDER_CACHE_TW, TH = RENDER_CACHE_TH };
    int dx = tx0 - L->tx, dy = ty0 - L->ty;
    if (L->valid && dx == 0 && dy == 0) return;
    SDL_Renderer *r = rd->r;
    if (!L->valid || abs(dx) >= TW || abs(dy) >= TH) {
        SDL_SetRenderTarget(r, L->tex);
        draw(rd, g, tx0, ty0, (SDL_Rect){0, 0, TW, TH}, frame);
    } else {
        rd->cache.n_moves++;
        SDL_SetRenderTarget(r, rd->cache.scratch);
        SDL_RenderCopy(r, L->tex, NULL, NULL);
        SDL_SetRenderTarget(r, L->tex);
        SDL_Rect dst = {-dx * CACHE_T, -dy * CACHE_T, TW * CACHE_T, TH * CACHE_T};
        SDL_RenderCopy(r, rd->cache.scratch, NULL, &dst);
        if (dx > 0) draw(rd, g, tx0, ty0, (SDL_Rect){TW - dx, 0, dx, TH}, frame);
        if (dx < 0) draw(rd, g, tx0, ty0, (SDL_Rect){0, 0, -dx, TH}, frame);
        if (dy > 0) draw(rd, g, tx0, ty0, (SDL_Rect){0, TH - dy, TW, dy}, frame);
        if (dy < 0) draw(rd, g, tx0, ty0, (SDL_Rect){0, 0, TW, -dy}, frame);
    }
    L->tx = tx0;
    L->ty = ty0;
    L->valid = true;
}

/* How an animated cell looks at a frame, as draw_ground and draw_tile pick
 * their frames: a cell is drawn again only when this changes. */
static uint16_t anim_phase(uint8_t anim, uint32_t h, uint32_t frame)
{
    uint32_t p = 0;
    if (anim & ANIM_TAR) {
        uint32_t t = (frame / 14 + h) % 12;
        p |= (t < 4 ? t : 4) + 1;
    }
    if (anim & ANIM_ESCALATOR) p |= ((frame / 20) % 2 + 1) << 4;
    if (anim & ANIM_FIRE) p |= ((frame / 6 + h) % 4 + 1) << 8;
    if (anim & ANIM_SMOKE) p |= ((frame / 12 + h) % 4 + 1) << 12;
    return (uint16_t)p;
}

static void ground_cell(render_t *rd, const game_t *g, int32_t tx, int32_t ty, int i, int j,
                        uint32_t frame)
{
    int32_t x = tx + i, y = ty + j;
    int px = i * CACHE_T, py = j * CACHE_T, k = j * RENDER_CACHE_TW + i;
    SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(rd->r, 8, 6, 20, 255); /* what the full redraw clears to */
    SDL_RenderFillRect(rd->r, &(SDL_Rect){px, py, CACHE_T, CACHE_T});
    rd->anim_note = 0;
    if (x >= 0 && y >= 0 && x < g->level->w && y < g->level->h)
        draw_tile(rd, g, x, y, px, py, frame);
    rd->cache.anim[k] = rd->anim_note;
    rd->cache.phase[k] = anim_phase(rd->anim_note, cell_hash(x, y), frame);
}

static void ground_region(render_t *rd, const game_t *g, int32_t tx, int32_t ty, SDL_Rect cells,
                          uint32_t frame)
{
    for (int j = cells.y; j < cells.y + cells.h; j++)
        for (int i = cells.x; i < cells.x + cells.w; i++) ground_cell(rd, g, tx, ty, i, j, frame);
}

/* The cells' notes follow the picture when it moves over. */
static void shift_cells(render_cache_t *c, int dx, int dy)
{
    enum { TW = RENDER_CACHE_TW, TH = RENDER_CACHE_TH };
    uint8_t anim[RENDER_CACHE_CELLS];
    uint16_t phase[RENDER_CACHE_CELLS];
    for (int j = 0; j < TH; j++)
        for (int i = 0; i < TW; i++) {
            int si = i + dx, sj = j + dy;
            bool in = si >= 0 && sj >= 0 && si < TW && sj < TH;
            anim[j * TW + i] = in ? c->anim[sj * TW + si] : 0;
            phase[j * TW + i] = in ? c->phase[sj * TW + si] : 0;
        }
    memcpy(c->anim, anim, sizeof anim);
    memcpy(c->phase, phase, sizeof phase);
}

/* The tiles in view from the cache, brought up to date. */
static void draw_ground_cached(render_t *rd, const game_t *g, int cx, int cy, int32_t tx0,
                               int32_t ty0, uint32_t frame)
{
    render_cache_t *c = &rd->cache;
    SDL_Texture *prev = SDL_GetRenderTarget(rd->r);
    if (c->ground.valid) shift_cells(c, tx0 - c->ground.tx, ty0 - c->ground.ty);
    layer_move(rd, &c->ground, g, tx0, ty0, frame, ground_region);
    bool on = false;
    for (int k = 0; k < RENDER_CACHE_CELLS; k++) {
        if (!c->anim[k]) continue;
        int i = k % RENDER_CACHE_TW, j = k / RENDER_CACHE_TW;
        if (anim_phase(c->anim[k], cell_hash(tx0 + i, ty0 + j), frame) == c->phase[k]) continue;
        if (!on) SDL_SetRenderTarget(rd->r, c->ground.tex);
        on = true;
        c->n_cells++;
        ground_cell(rd, g, tx0, ty0, i, j, frame);
    }
    SDL_SetRenderTarget(rd->r, prev);
    SDL_Rect src = {cx - tx0 * CACHE_T, cy - ty0 * CACHE_T, RENDER_W, RENDER_H};
    SDL_RenderCopy(rd->r, c->ground.tex, &src, NULL);
}

/* The steady lights near some cells: a pool into the light map, or a flare. */
static void steady_lights(render_t *rd, const game_t *g, int32_t tx, int32_t ty, SDL_Rect cells,
                          bool flares)
{
    const level_t *lv = g->level;
    for (int32_t y = ty + cells.y - CACHE_REACH; y < ty + cells.y + cells.h + CACHE_REACH; y++) {
        if (y < 0 || y >= lv->h) continue;
        for (int32_t x = tx + cells.x - CACHE_REACH; x < tx + cells.x + cells.w + CACHE_REACH;
             x++) {
            if (x < 0 || x >= lv->w || is_flickering(game_tile_at(g, x, y))) continue;
            light_src_t pool, flare;
            if (!tile_lights(g, x, y, (x - tx) * CACHE_T, (y - ty) * CACHE_T, 0, &pool, &flare))
                continue;
            const light_src_t *l = flares ? &flare : &pool;
            if (l->radius > 0) render_glow(rd, l->x, l->y, l->radius, l->c);
        }
    }
}

static void light_region(render_t *rd, const game_t *g, int32_t tx, int32_t ty, SDL_Rect cells,
                         uint32_t frame)
{
    (void)frame;
    SDL_Rect clip = {cells.x * CACHE_T, cells.y * CACHE_T, cells.w * CACHE_T, cells.h * CACHE_T};
    SDL_RenderSetClipRect(rd->r, &clip);
    /* Ambient darkness, in runs of like tiles to keep the fills few. */
    SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_NONE);
    for (int j = cells.y; j < cells.y + cells.h; j++) {
        int run = cells.x;
        SDL_Color run_c = ambient_of(g, tx + run, ty + j);
        for (int i = cells.x + 1; i <= cells.x + cells.w; i++) {
            SDL_Color col = i < cells.x + cells.w ? ambient_of(g, tx + i, ty + j) : run_c;
            if (i < cells.x + cells.w && col.r == run_c.r && col.g == run_c.g && col.b == run_c.b)
                continue;
            SDL_SetRenderDrawColor(rd->r, run_c.r, run_c.g, run_c.b, 255);
            SDL_RenderFillRect(
                rd->r, &(SDL_Rect){run * CACHE_T, j * CACHE_T, (i - run) * CACHE_T, CACHE_T});
            run = i;
            run_c = col;
        }
    }
    steady_lights(rd, g, tx, ty, cells, false);
    SDL_RenderSetClipRect(rd->r, NULL);
}

static void flare_region(render_t *rd, const game_t *g, int32_t tx, int32_t ty, SDL_Rect cells,
                         uint32_t frame)
{
    (void)frame;
    SDL_Rect clip = {cells.x * CACHE_T, cells.y * CACHE_T, cells.w * CACHE_T, cells.h * CACHE_T};
    SDL_RenderSetClipRect(rd->r, &clip);
    SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(rd->r, 0, 0, 0, 255);
    SDL_RenderFillRect(rd->r, &clip);
    steady_lights(rd, g, tx, ty, cells, true);
    SDL_RenderSetClipRect(rd->r, NULL);
}

/* The picture (px[0]) times the light (px[1]) plus the flares (px[2]), as
 * SDL's MOD then ADD blits sum them, clamped at 255. */
static void compose_pixels(render_cache_t *c)
{
    pixels_light(c->px[0], c->px[1], c->px[2], (size_t)RENDER_W * RENDER_H, c->keep_mask);
}

/* The light laid over the picture (the render target, a texture) by our own
 * loop: SDL's software blitter multiplies (the light map) and adds (the
 * flares) each pixel through its generic path, several times slower. The
 * same sums: the picture times the light over 255, plus the flares, at most
 * 255; the fourth byte kept. False: not done (SDL's blits do it). */
static bool compose_light(render_t *rd, SDL_Texture *picture, const SDL_Rect *flare_src)
{
    render_cache_t *c = &rd->cache;
    SDL_Renderer *r = rd->r;
    const int pitch = RENDER_W * (int)sizeof(Uint32);
    if (!picture || !c->px[0]) return false;
    bool ok = SDL_RenderReadPixels(r, NULL, c->format, c->px[0], pitch) == 0;
    ok = ok && SDL_SetRenderTarget(r, rd->light) == 0 &&
         SDL_RenderReadPixels(r, NULL, c->format, c->px[1], pitch) == 0;
    ok = ok && SDL_SetRenderTarget(r, c->flare.tex) == 0 &&
         SDL_RenderReadPixels(r, flare_src, c->format, c->px[2], pitch) == 0;
    SDL_SetRenderTarget(r, picture);
    if (!ok) return false;
    compose_pixels(c);
    c->n_composed++;
    return SDL_UpdateTexture(picture, NULL, c->px[0], pitch) == 0;
}

/* The lights drawn each frame over the cached steady ones: the flickering
 * ones in view (their pools, then their flares) and, after the pools, the
 * light Harry and Julie carry. */
typedef struct frame_lights {
    light_src_t pools[RENDER_DYN_LIGHTS + 2], flares[RENDER_DYN_LIGHTS];
    int np, nf;
} frame_lights_t;

static void frame_lights(render_t *rd, const game_t *g, int cx, int cy, int tx0, int ty0, int tx1,
                         int ty1, uint32_t frame, frame_lights_t *fl)
{
    enum { MARGIN = 4 };
    render_cache_t *c = &rd->cache;
    fl->np = fl->nf = 0;
    for (int32_t i = 0; i < c->dyn_count && fl->np < RENDER_DYN_LIGHTS; i++) {
        int32_t x = c->dyn_x[i], y = c->dyn_y[i];
        if (x < tx0 - MARGIN || x > tx1 + MARGIN || y < ty0 - MARGIN || y > ty1 + MARGIN) continue;
        light_src_t pool, flare;
        if (!tile_lights(g, x, y, x * CACHE_T - cx, y * CACHE_T - cy, frame, &pool, &flare))
            continue;
        fl->pools[fl->np++] = pool;
        if (flare.radius > 0) fl->flares[fl->nf++] = flare;
    }
    c->n_flickers += (uint32_t)fl->np;
    fl->np += carried_light_srcs(g, cx, cy, fl->pools + fl->np);
}

/* The frame's light laid on in memory: the steady layers read once, the
 * frame's glows added by glow_add, the light composed and the flares added
 * over the picture. The same sums as SDL's blits, without drawing into the
 * light map and reading it back; false (nothing changed) where a glow has
 * no size of its own or a read fails. */
static bool light_in_memory(render_t *rd, const frame_lights_t *fl, SDL_Texture *picture,
                            const SDL_Rect *src)
{
    render_cache_t *c = &rd->cache;
    SDL_Renderer *r = rd->r;
    if (!picture || !c->px[0]) return false;
    static int pool_glow[RENDER_DYN_LIGHTS + 2], flare_glow[RENDER_DYN_LIGHTS];
    for (int i = 0; i < fl->np; i++) {
        pool_glow[i] = fl->pools[i].radius > 0 ? glow_index(rd, fl->pools[i].radius) : -2;
        if (pool_glow[i] == -1 || (pool_glow[i] >= 0 && !rd->glow_alpha[pool_glow[i]]))
            return false;
    }
    for (int i = 0; i < fl->nf; i++) {
        flare_glow[i] = glow_index(rd, fl->flares[i].radius);
        if (flare_glow[i] < 0 || !rd->glow_alpha[flare_glow[i]]) return false;
    }
    const int pitch = RENDER_W * (int)sizeof(Uint32);
    /* (the layers' updates left one of them the target) */
    bool ok = SDL_SetRenderTarget(r, picture) == 0 &&
              SDL_RenderReadPixels(r, NULL, c->format, c->px[0], pitch) == 0;
    ok = ok && SDL_SetRenderTarget(r, c->light.tex) == 0 &&
         SDL_RenderReadPixels(r, src, c->format, c->px[1], pitch) == 0;
    ok = ok && SDL_SetRenderTarget(r, c->flare.tex) == 0 &&
         SDL_RenderReadPixels(r, src, c->format, c->px[2], pitch) == 0;
    SDL_SetRenderTarget(r, picture);
    if (!ok) return false;
    const int b[3] = {c->colour_byte[0], c->colour_byte[1], c->colour_byte[2]};
    for (int i = 0; i < fl->np; i++) {
        const light_src_t *l = &fl->pools[i];
        if (pool_glow[i] >= 0) glow_add(rd, (Uint8 *)c->px[1], b, pool_glow[i], l->x, l->y, l->c);
    }
    compose_pixels(c);
    for (int i = 0; i < fl->nf; i++) {
        const light_src_t *l = &fl->flares[i];
        glow_add(rd, (Uint8 *)c->px[0], b, flare_glow[i], l->x, l->y, l->c);
    }
    c->n_composed++;
    return SDL_UpdateTexture(picture, NULL, c->px[0], pitch) == 0;
}

/* draw_lights with the steady light from the caches: only the flickering
 * lights and the light Harry and Julie carry are drawn each frame. */
static void draw_lights_cached(render_t *rd, const game_t *g, int cx, int cy, int tx0, int ty0,
                               int tx1, int ty1, uint32_t frame)
{
    render_cache_t *c = &rd->cache;
    SDL_Renderer *r = rd->r;
    SDL_Texture *prev = SDL_GetRenderTarget(r);
    layer_move(rd, &c->light, g, tx0, ty0, frame, light_region);
    layer_move(rd, &c->flare, g, tx0, ty0, frame, flare_region);
    SDL_Rect src = {cx - tx0 * CACHE_T, cy - ty0 * CACHE_T, RENDER_W, RENDER_H};
    static frame_lights_t fl; /* off the stack (the browser's is small) */
    frame_lights(rd, g, cx, cy, tx0, ty0, tx1, ty1, frame, &fl);
    if (light_in_memory(rd, &fl, prev, &src)) return;
    /* SDL's blits: the glows drawn into the light map, laid on after. */
    SDL_SetRenderTarget(r, rd->light);
    SDL_RenderCopy(r, c->light.tex, &src, NULL);
    for (int i = 0; i < fl.np; i++)
        render_glow(rd, fl.pools[i].x, fl.pools[i].y, fl.pools[i].radius, fl.pools[i].c);
    SDL_SetRenderTarget(r, prev);
    if (!compose_light(rd, prev, &src)) {
        SDL_RenderCopy(r, rd->light, NULL, NULL);
        SDL_SetTextureBlendMode(c->flare.tex, SDL_BLENDMODE_ADD);
        SDL_RenderCopy(r, c->flare.tex, &src, NULL);
        SDL_SetTextureBlendMode(c->flare.tex, SDL_BLENDMODE_NONE);
    }
    for (int i = 0; i < fl.nf; i++)
        render_glow(rd, fl.flares[i].x, fl.flares[i].y, fl.flares[i].radius, fl.flares[i].c);
}

/* ---- effects from events ------------------------------------------------ */

enum {
    FX_SHAKE_FRAMES = 18,
    FX_PUFF_FRAMES = 16,
    FX_TEXT_FRAMES = 60,
    FX_KEY_FRAMES = 48,
    FX_HINT_FRAMES = 240,
};

static uint32_t fx_age(const render_effects_t *fx, uint32_t born)
{
    int32_t d = (int32_t)(fx->now - born);
    return d < 0 ? 0u : (uint32_t)d;
}

static void fx_add(render_effects_t *fx, uint8_t kind, const game_event_t *ev, uint32_t frame,
                   SDL_Color c, const char *text)
{
    render_fx_t *f = &fx->fx[fx->next];
    fx->next = (fx->next + 1) % RENDER_FX_MAX;
    *f = (render_fx_t){kind, ev->x, ev->y, frame, c, {0}};
    if (text) snprintf(f->text, sizeof f->text, "%s", text);
}

void render_effects_events(render_effects_t *fx, const game_t *g, uint32_t frame)
{
    if (g->tick < fx->last_tick) {
        /* A new game: last run's effects go; hints once shown stay shown. */
        uint32_t now = fx->now;
        uint8_t shown = fx->hints_shown;
        memset(fx, 0, sizeof *fx);
        fx->now = now;
        fx->hints_shown = shown;
    }
    fx->last_tick = g->tick;
    static const SDL_Color loss = {255, 90, 70, 255}, gain = {120, 240, 255, 255};
    for (int32_t i = 0; i < g->event_count; i++) {
        const game_event_t *ev = &g->events[i];
        char t[12];
        switch (ev->type) {
        case EV_HIT:
            fx->shaking = true;
            fx->shake_born = frame;
            fx_add(fx, RENDER_FX_PUFF, ev, frame, (SDL_Color){200, 200, 210, 255}, NULL);
            if (ev->arg <= 0) break; /* hazards only slow him (an assist): no seconds lost */
            snprintf(t, sizeof t, "-%d s", (int)ev->arg);
            fx_add(fx, RENDER_FX_TEXT, ev, frame, loss, t);
            break;
        case EV_CRASH:
            /* The street shakes, and the wreck throws up dust and glass. */
            fx->shaking = true;
            fx->shake_born = frame;
            fx_add(fx, RENDER_FX_PUFF, ev, frame, (SDL_Color){255, 200, 120, 255}, NULL);
            fx_add(fx, RENDER_FX_PUFF, ev, frame, (SDL_Color){200, 200, 210, 255}, NULL);
            break;
        case EV_SHOVE:
        case EV_SPILL:
            fx_add(fx, RENDER_FX_PUFF, ev, frame, (SDL_Color){200, 200, 210, 255}, NULL);
            break;
        case EV_CAUGHT:
            if (ev->arg <= 0) break; /* held, not sent back (an assist) */
            snprintf(t, sizeof t, "-%d s", (int)ev->arg);
            fx_add(fx, RENDER_FX_TEXT, ev, frame, loss, t);
            break;
        case EV_CLOCK:
            snprintf(t, sizeof t, "+%d", (int)ev->arg);
            fx_add(fx, RENDER_FX_TEXT, ev, frame, gain, t);
            break;
        case EV_KEY:
            fx->key_flash = true;
            fx->key_colour = ev->arg;
            fx->key_born = frame;
            break;
        case EV_HINT:
            if (ev->arg < 0 || ev->arg > 7 || (fx->hints_shown & (1u << ev->arg))) break;
            fx->hints_shown |= (uint8_t)(1u << ev->arg);
            fx->hint_on = true;
            fx->hint = ev->arg;
            fx->hint_born = frame;
            break;
        default:
            break;
        }
    }
}

void render_game_events(render_t *rd, const game_t *g)
{
    render_effects_events(&rd->fx, g, rd->fx.now);
}

/* The screen's shake after a hit: a few pixels, dying away, the same every
 * time. */
static void shake_offset(const render_effects_t *fx, int *dx, int *dy)
{
    *dx = *dy = 0;
    if (!fx->shaking) return;
    uint32_t age = fx_age(fx, fx->shake_born);
    if (age >= FX_SHAKE_FRAMES) return;
    static const int8_t px[8] = {3, -2, 2, -3, 1, -2, 2, -1}, py[8] = {-2, 3, -1, 2, -3, 1, -2, 2};
    int fade = FX_SHAKE_FRAMES - (int)age;
    *dx = px[age % 8] * fade / FX_SHAKE_FRAMES;
    *dy = py[age % 8] * fade / FX_SHAKE_FRAMES;
}

int render_flash_white(const render_t *rd, uint32_t u, int hold, int fall, int rest)
{
    if (fall < 1) fall = 1;
    if (!rd || !rd->no_flash) {
        if (u < (uint32_t)hold) return 255;
        if (u < (uint32_t)(hold + fall))
            return 255 - (int)(u - (uint32_t)hold) * (255 - rest) / fall;
        return rest;
    }
    /* For players sensitive to flashes: a slow rise to a pale white and a
     * slower fall, never a jump. */
    int peak = RENDER_SOFT_FLASH, end = rest < peak ? rest : peak;
    if (u < RENDER_SOFT_RISE) return (int)u * peak / RENDER_SOFT_RISE;
    uint32_t d = u - RENDER_SOFT_RISE, slow = (uint32_t)(hold + fall) * 2;
    if (d < slow) return peak - (int)d * (peak - end) / (int)slow;
    return end;
}

static void draw_effects(render_t *rd, int cx, int cy)
{
    const render_effects_t *fx = &rd->fx;
    for (int i = 0; i < RENDER_FX_MAX; i++) {
        const render_fx_t *f = &fx->fx[i];
        uint32_t age = fx_age(fx, f->born);
        int x = f->x - cx, y = f->y - cy;
        if (f->kind == RENDER_FX_PUFF && age < FX_PUFF_FRAMES) {
            if (rd->fx_puff_n > 0) {
                const SDL_Rect *s = rd->fx_puff[age * (uint32_t)rd->fx_puff_n / FX_PUFF_FRAMES];
                render_sprite(rd, s, x - s->w / 2, y - 4 - s->h / 2);
            } else {
                /* Fallback: three grey blobs that spread and fade. */
                SDL_Color c = f->c;
                c.a = (Uint8)(200 - age * 200 / FX_PUFF_FRAMES);
                int r = 2 + (int)age / 4, d = 2 + (int)age / 2;
                fill_shape(rd, SHAPE_CIRCLE, x - d, y - 4, r, c);
                fill_shape(rd, SHAPE_CIRCLE, x + d, y - 4, r, c);
                fill_shape(rd, SHAPE_CIRCLE, x, y - 4 - d, r, c);
            }
        } else if (f->kind == RENDER_FX_TEXT && age < FX_TEXT_FRAMES) {
            SDL_Color c = f->c;
            if (age > FX_TEXT_FRAMES * 2 / 3)
                c.a = (Uint8)(255 - (age - FX_TEXT_FRAMES * 2 / 3) * 255 / (FX_TEXT_FRAMES / 3));
            text_draw_shadow(rd->text, FONT_MEDIUM, f->text, x, y - 24 - (int)age / 3, c,
                             TEXT_CENTRE);
        }
    }
}

/* Smoke: the view dims round Harry, clear only close by. */
static void draw_vignette(render_t *rd, int hx, int hy)
{
    if (!rd->vignette) {
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, RENDER_W * 2, RENDER_H * 2, 32,
                                                        SDL_PIXELFORMAT_RGBA32);
        if (!s) return;
        for (int y = 0; y < s->h; y++) {
            Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
            for (int x = 0; x < s->w; x++) {
                int dx = x - RENDER_W, dy = y - RENDER_H;
                int d2 = dx * dx + dy * dy, d = 0;
                while ((d + 1) * (d + 1) <= d2 && d < 140) d++;
                int a = d <= 40 ? 0 : d >= 130 ? 225 : (d - 40) * 225 / 90;
                row[x] = SDL_MapRGBA(s->format, 14, 12, 18, (Uint8)a);
            }
        }
        rd->vignette = SDL_CreateTextureFromSurface(rd->r, s);
        SDL_FreeSurface(s);
        if (!rd->vignette) return;
        SDL_SetTextureBlendMode(rd->vignette, SDL_BLENDMODE_BLEND);
    }
    SDL_Rect src = {RENDER_W - hx, RENDER_H - hy, RENDER_W, RENDER_H};
    SDL_RenderCopy(rd->r, rd->vignette, &src, NULL);
}

typedef struct draw_item {
    int32_t slot;
    int32_t key; /* layer, then the foot's y: back to front */
} draw_item_t;

void render_world(render_t *rd, const game_t *g, uint32_t frame)
{
    const level_t *lv = g->level;
    rd->fx.now = frame;
    rd->world_still.valid = rd->world_still.held = false; /* the world moved on */
    int cx, cy, sdx, sdy;
    render_camera(g, &cx, &cy);
    if (rd->camera_fixed) {
        cx = rd->camera_x;
        cy = rd->camera_y;
    }
    shake_offset(&rd->fx, &sdx, &sdy);
    if (rd->no_shake) sdx = sdy = 0;
    cx += sdx;
    cy += sdy;
    int tx0 = cx / LEVEL_TILE_PX - (cx < 0), ty0 = cy / LEVEL_TILE_PX - (cy < 0);
    int tx1 = (cx + RENDER_W) / LEVEL_TILE_PX, ty1 = (cy + RENDER_H) / LEVEL_TILE_PX;
    bool cached = caching(rd);
    if (cached) {
        cache_check(rd, g);
        draw_ground_cached(rd, g, cx, cy, tx0, ty0, frame);
    } else {
        SDL_SetRenderDrawColor(rd->r, 8, 6, 20, 255);
        SDL_RenderClear(rd->r);
        for (int y = ty0; y <= ty1; y++) {
            if (y < 0 || y >= lv->h) continue;
            for (int x = tx0; x <= tx1; x++) {
                if (x < 0 || x >= lv->w) continue;
                draw_tile(rd, g, x, y, x * LEVEL_TILE_PX - cx, y * LEVEL_TILE_PX - cy, frame);
            }
        }
    }
    /* Raised things, from a little off screen: they may still reach in. */
    for (int y = ty0 - 2; y <= ty1 + 2; y++)
        for (int x = tx0 - 2; x <= tx1 + 1; x++)
            if (x >= 0 && y >= 0 && x < lv->w && y < lv->h)
                draw_raised(rd, g, x, y, x * LEVEL_TILE_PX - cx, y * LEVEL_TILE_PX - cy, frame);

    /* The patrols' cones lie on the ground, under everyone. */
    draw_cones(rd, g, cx, cy);

    /* Everything with a look: ground things, then standing things back to
     * front by the foot of their box. */
    static draw_item_t list[GAME_MAX_ENTS];
    int n = 0;
    for (int32_t s = 0; s < g->ent_top; s++) {
        const ent_t *e = &g->ents[s];
        if (e->kind >= KIND_COUNT || (e->flags & ENT_HIDDEN)) continue;
        if (s == g->harry && g->hs.riding >= 0) continue;
        const kind_look_t *l = &kind_looks[e->kind];
        if (!l->draw && !l->over) continue;
        int ex = e->pos.x / GAME_SUB - cx, ey = e->pos.y / GAME_SUB - cy;
        /* Off screen by more than its size (an area's centre may be far). */
        int mx = 64 + e->hw / GAME_SUB, my = 64 + e->hh / GAME_SUB;
        if (ex < -mx || ey < -my || ex > RENDER_W + mx || ey > RENDER_H + my) continue;
        list[n++] = (draw_item_t){s, l->layer * (1 << 24) + (e->pos.y + e->hh) / GAME_SUB};
    }
    for (int i = 1; i < n; i++) {
        draw_item_t t = list[i];
        int j = i - 1;
        while (j >= 0 && list[j].key > t.key) {
            list[j + 1] = list[j];
            j--;
        }
        list[j + 1] = t;
    }
    for (int i = 0; i < n; i++) {
        const ent_t *e = &g->ents[list[i].slot];
        look_fn draw = kind_looks[e->kind].draw;
        if (draw)
            draw(rd, g, list[i].slot, e->pos.x / GAME_SUB - cx, e->pos.y / GAME_SUB - cy, frame);
    }

    /* Palm crowns over the people, who walk under the fronds; smoke drifts
     * over everything. */
    for (int y = ty0 - 1; y <= ty1 + 2; y++)
        for (int x = tx0 - 1; x <= tx1 + 1; x++) {
            if (x < 0 || y < 0 || x >= lv->w || y >= lv->h) continue;
            tile_kind_t k = game_tile_at(g, x, y);
            int px = x * LEVEL_TILE_PX - cx, py = y * LEVEL_TILE_PX - cy;
            if (k == TILE_TREE && rd->palm_crown)
                render_sprite(rd, rd->palm_crown, px + 8 - rd->palm_crown->w / 2,
                              py + 2 - rd->palm_crown->h / 2);
            if (k == TILE_SMOKE && rd->fx_smoke_n > 0) {
                uint32_t h = cell_hash(x, y);
                const SDL_Rect *s = rd->fx_smoke[(frame / 12 + h) % (uint32_t)rd->fx_smoke_n];
                int drift = (int)((frame / 10 + h) % 6) - 3;
                render_sprite(rd, s, px + 8 - s->w / 2 + drift, py + 4 - s->h / 2);
            }
        }

    if (cached && rd->light && !rd->cache.dyn_all)
        draw_lights_cached(rd, g, cx, cy, tx0, ty0, tx1, ty1, frame);
    else
        draw_lights(rd, g, cx, cy, tx0, ty0, tx1, ty1, frame);
    /* Julie is the goal: a soft light so she is found at a glance. */
    const ent_t *julie = game_julie(g);
    if (!(julie->flags & ENT_HIDDEN))
        render_glow(rd, julie->pos.x / GAME_SUB - cx, julie->pos.y / GAME_SUB - 4 - cy, 22,
                    (SDL_Color){255, 120, 190, (Uint8)(50 + (frame / 4) % 16 * 3)});

    /* Over the light: what must read in the dark. */
    for (int i = 0; i < n; i++) {
        const ent_t *e = &g->ents[list[i].slot];
        look_fn over = kind_looks[e->kind].over;
        if (over)
            over(rd, g, list[i].slot, e->pos.x / GAME_SUB - cx, e->pos.y / GAME_SUB - cy, frame);
    }
    if (game_in_smoke(g))
        draw_vignette(rd, game_harry(g)->pos.x / GAME_SUB - cx,
                      game_harry(g)->pos.y / GAME_SUB - 6 - cy);
    draw_effects(rd, cx, cy);
}

void render_ghost(render_t *rd, const game_t *live, const game_t *ghost, uint32_t frame)
{
    if (!ghost || !rd->assets->sheet || ghost->level != live->level) return;
    const ent_t *h = game_harry(ghost);
    if ((h->flags & ENT_HIDDEN) || ghost->hs.riding >= 0) return;
    int cx, cy, sdx, sdy;
    render_camera(live, &cx, &cy);
    shake_offset(&rd->fx, &sdx, &sdy);
    int sx = h->pos.x / GAME_SUB - cx - sdx, sy = h->pos.y / GAME_SUB - cy - sdy;
    if (sx < -16 || sy < -24 || sx > RENDER_W + 16 || sy > RENDER_H + 24) return;
    /* Over the night's light, so it shows in the dark stores too; pale and
     * see-through, so it never reads as a second Harry to steer. */
    SDL_Texture *sheet = rd->assets->sheet;
    Uint8 r0, g0, b0, a0;
    SDL_BlendMode m0;
    SDL_GetTextureColorMod(sheet, &r0, &g0, &b0);
    SDL_GetTextureAlphaMod(sheet, &a0);
    SDL_GetTextureBlendMode(sheet, &m0);
    /* Half there, then a cold light added over it: a ghost, not a shadow. */
    SDL_SetTextureColorMod(sheet, 190, 225, 255);
    SDL_SetTextureAlphaMod(sheet, 110);
    draw_person(rd, ghost, ghost->harry, sx, sy, frame);
    SDL_SetTextureBlendMode(sheet, SDL_BLENDMODE_ADD);
    SDL_SetTextureColorMod(sheet, 110, 190, 255);
    SDL_SetTextureAlphaMod(sheet, 90);
    draw_person(rd, ghost, ghost->harry, sx, sy, frame);
    SDL_SetTextureBlendMode(sheet, m0);
    SDL_SetTextureColorMod(sheet, r0, g0, b0);
    SDL_SetTextureAlphaMod(sheet, a0);
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
/* Breaks a line of story into rows that fit maxw, at spaces; at most
 * STORY_ROWS (a 160-character line fits in three), the last cut short with
 * an ellipsis should a line need more. Returns the rows used. */
#define STORY_ROWS 4
static int wrap_story(render_t *rd, const char *story, int maxw, char line[][TEXT_MAX])
{
    int rows = 0;
    const char *p = story;
    while (*p && rows < STORY_ROWS) {
        while (*p == ' ') p++;
        size_t len = strlen(p), cut = len;
        char head[TEXT_MAX];
        snprintf(head, sizeof head, "%s", p);
        if (text_width(rd->text, FONT_MEDIUM, head) > maxw) {
            cut = 0;
            for (size_t i = 1; i < len && i < TEXT_MAX - 1; i++) {
                if (p[i] != ' ') continue;
                snprintf(head, sizeof head, "%.*s", (int)i, p);
                if (text_width(rd->text, FONT_MEDIUM, head) > maxw) break;
                cut = i;
            }
            if (cut == 0) cut = len; /* one long word: as it is */
        }
        if (rows == STORY_ROWS - 1 && cut < len) {
            snprintf(line[rows++], TEXT_MAX, "%.*s\xe2\x80\xa6", (int)cut, p);
            break;
        }
        snprintf(line[rows++], TEXT_MAX, "%.*s", (int)cut, p);
        p += cut;
    }
    if (rows == 0) line[rows++][0] = '\0';
    return rows;
}

void render_hud(render_t *rd, const game_t *g)
{
    /* No-fail past zero: the clock counts on, "+" and in its own calm
     * colour, with no last-seconds alarm. */
    bool over = g->assists.no_fail && g->ticks_left == 0 && g->status == GAME_PLAYING;
    int32_t ms = over ? game_ticks_to_ms(g->overrun) : game_time_left_ms(g);
    char buf[32];
    snprintf(buf, sizeof buf, "%s%d:%02d.%d", over ? "+" : "", (int)(ms / 60000),
             (int)(ms / 1000 % 60), (int)(ms / 100 % 10));
    bool last = !over && g->ticks_left <= GAME_LAST_SECONDS * GAME_TICK_HZ;
    SDL_Color c = over ? RENDER_OVERRUN_COLOUR : clock_colour(g);
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
    int w = text_width(rd->text, f, last ? "0:00.0" : over ? "+00:00.0" : "00:00.0");
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

    /* Julie off screen: her heart at the screen's edge, pointing the way
     * (not while she hides). */
    int cx, cy;
    render_camera(g, &cx, &cy);
    const ent_t *julie = game_julie(g);
    int jx = julie->pos.x / GAME_SUB - cx, jy = julie->pos.y / GAME_SUB - 6 - cy;
    int hx = game_harry(g)->pos.x / GAME_SUB - cx, hy = game_harry(g)->pos.y / GAME_SUB - cy;
    if (!(julie->flags & ENT_HIDDEN) && (jx < 0 || jy < 0 || jx >= RENDER_W || jy >= RENDER_H)) {
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

    /* The level's name, top left, and the keys Harry holds under it. */
    text_draw_shadow(rd->text, FONT_SMALL, g->level->name, 6, 5, (SDL_Color){200, 190, 255, 255},
                     TEXT_LEFT);
    const render_effects_t *fx = &rd->fx;
    int kx = 6;
    for (int k = 0; k < COLOUR_NONE; k++) {
        if (!(g->hs.keys & (1u << k))) continue;
        /* Just picked up: it flashes. */
        if (fx->key_flash && fx->key_colour == k && fx_age(fx, fx->key_born) < FX_KEY_FRAMES &&
            (fx_age(fx, fx->key_born) / 6) % 2 == 0)
            render_glow(rd, kx + 8, 30, 14, (SDL_Color){255, 255, 230, 200});
        if (rd->icon_key[k])
            render_sprite(rd, rd->icon_key[k], kx, 22);
        else
            draw_key_shape(rd, k, kx + 8, 30, 5);
        kx += 16;
    }

    /* The line of story: at the bottom, or at the top when Harry is down
     * there; a long line takes as many rows as it needs (up to four). */
    const char *story = game_story(g);
    int ready_y = 40; /* below the clock, or below a story banner at the top */
    if (story && story[0]) {
        int a = 255;
        if (g->story_until != UINT32_MAX && g->story_until - g->tick < 40)
            a = (int)(g->story_until - g->tick) * 255 / 40;
        char line[STORY_ROWS][TEXT_MAX];
        int rows = wrap_story(rd, story, RENDER_W - 40, line);
        /* A line that appears while Harry runs down the screen goes at the
         * top, out of the way he is looking; it stays there while it shows. */
        if (g->story_until != fx->story_until_seen) {
            const ent_t *h = game_harry(g);
            rd->fx.story_until_seen = g->story_until;
            rd->fx.story_top = h->vel.y > 0 && h->vel.y > abs(h->vel.x);
        }
        int bh = 8 + rows * 14;
        int by = fx->story_top || hy > RENDER_H - 80 ? 42 : RENDER_H - 30 - bh;
        if (by == 42) ready_y = by + bh + 4;
        int sw = 0;
        for (int i = 0; i < rows; i++)
            if (text_width(rd->text, FONT_MEDIUM, line[i]) > sw)
                sw = text_width(rd->text, FONT_MEDIUM, line[i]);
        render_fill(rd, RENDER_W / 2 - sw / 2 - 8, by, sw + 16, bh,
                    (SDL_Color){10, 6, 28, (Uint8)(a * 2 / 3)});
        for (int i = 0; i < rows; i++)
            text_draw(rd->text, FONT_MEDIUM, line[i], RENDER_W / 2, by + 3 + i * 14,
                      (SDL_Color){255, 220, 160, (Uint8)a}, TEXT_CENTRE);
    }

    /* The ready beat: the clock waits for Harry's first step, or for the
     * call (a payphone with starts_clock) to be answered. */
    if (!g->clock_running && g->status == GAME_PLAYING) {
        bool on = (fx->now / 20) % 3 != 0;
        text_draw_shadow(rd->text, FONT_MEDIUM, "Ready", RENDER_W / 2, ready_y,
                         (SDL_Color){255, 236, 200, 255}, TEXT_CENTRE);
        /* The beat ends by itself too: say when, so the clock never starts
         * unannounced. */
        uint32_t until = g->call >= 0 ? GAME_CALL_WAIT : GAME_COUNT_IN;
        int secs = g->tick < until ? (int)((until - g->tick + GAME_TICK_HZ - 1) / GAME_TICK_HZ) : 0;
        char tmpl[96], said[128];
        snprintf(tmpl, sizeof tmpl,
                 g->call >= 0 ? "Answer the phone: %s (it rings out in %d s)"
                              : "%s: start now (the clock starts by itself in %d s)",
                 g->call >= 0 ? (rd->prompts ? "{use}" : "E or Space")
                              : (rd->prompts ? "{move}" : "Move"),
                 secs);
        const char *what = tmpl;
        if (rd->prompts) what = input_prompt_glyphs(rd->prompts, tmpl, said, sizeof said);
        if (on)
            text_draw_shadow(rd->text, FONT_SMALL, what, RENDER_W / 2, ready_y + 16,
                             (SDL_Color){200, 190, 255, 255}, TEXT_CENTRE);
    }

    /* A control taught where it is first useful, for a few seconds. */
    if (rd->show_hints && fx->hint_on && fx_age(fx, fx->hint_born) < FX_HINT_FRAMES) {
        char said[96];
        const char *hint = fx->hint == HINT_SPRINT ? "Shift: sprint" : "E or Space: use / get in";
        if (rd->prompts)
            hint = input_prompt_glyphs(rd->prompts,
                                       fx->hint == HINT_SPRINT ? "{sprint}: run faster"
                                                               : "{use}: get in / answer",
                                       said, sizeof said);
        uint32_t age = fx_age(fx, fx->hint_born);
        int a = age > FX_HINT_FRAMES - 30 ? (int)(FX_HINT_FRAMES - age) * 255 / 30 : 255;
        int hw = text_width(rd->text, FONT_SMALL, hint);
        int y = hy > RENDER_H - 80 ? 78 : RENDER_H - 28;
        render_fill(rd, RENDER_W / 2 - hw / 2 - 6, y - 2, hw + 12, 15,
                    (SDL_Color){40, 20, 70, (Uint8)(a * 3 / 4)});
        text_draw(rd->text, FONT_SMALL, hint, RENDER_W / 2, y, (SDL_Color){255, 255, 255, (Uint8)a},
                  TEXT_CENTRE);
    }
}

SDL_Surface *render_to_surface(assets_t *a, const game_t *g, uint32_t frame, char *err,
                               size_t err_cap)
{
    return render_to_surface_fx(a, g, frame, NULL, err, err_cap);
}

SDL_Surface *render_to_surface_fx(assets_t *a, const game_t *g, uint32_t frame,
                                  const render_effects_t *fx, char *err, size_t err_cap)
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
    if (fx) rd.fx = *fx;
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
    /* In the window's own pixel format, and copied without blending: the
     * final scale is then a plain stretch, not a blend that converts every
     * pixel (SDL's software renderer has a fast path only for that). */
    SDL_Window *w = SDL_RenderGetWindow(r);
    Uint32 format = w ? SDL_GetWindowPixelFormat(w) : SDL_PIXELFORMAT_UNKNOWN;
    if (format == SDL_PIXELFORMAT_UNKNOWN || SDL_ISPIXELFORMAT_INDEXED(format) ||
        SDL_BYTESPERPIXEL(format) != 4)
        format = SDL_PIXELFORMAT_ARGB8888;
    SDL_Texture *t = SDL_CreateTexture(r, format, SDL_TEXTUREACCESS_TARGET, RENDER_W, RENDER_H);
    if (!t && format != SDL_PIXELFORMAT_ARGB8888)
        t = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, RENDER_W,
                              RENDER_H);
    if (t) {
        SDL_SetTextureScaleMode(t, SDL_ScaleModeNearest);
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    }
    return t;
}

bool render_present_pixels(SDL_Renderer *r, SDL_Window *window, const Uint32 *px, Uint32 format)
{
    return render_present_rows(r, window, px, NULL, format);
}

bool render_present_rows(SDL_Renderer *r, SDL_Window *window, const Uint32 *px, const Uint32 *prev,
                         Uint32 format)
{
    SDL_RendererInfo info;
    if (!window || SDL_GetRendererInfo(r, &info) != 0 || !(info.flags & SDL_RENDERER_SOFTWARE))
        return false;
    SDL_Surface *s = SDL_GetWindowSurface(window);
    if (!s || s->format->format != format || s->format->BytesPerPixel != 4) return false;
    letterbox_t lb = letterbox_fit(s->w, s->h, RENDER_W, RENDER_H);
    if (lb.x < 0 || lb.y < 0 || lb.x + lb.w > s->w || lb.y + lb.h > s->h || lb.scale < 1)
        return false;
    SDL_SetRenderTarget(r, NULL);
    if (SDL_MUSTLOCK(s) && SDL_LockSurface(s) != 0) return false;
    /* The bars, then each picture row widened and repeated. */
    if (!prev && (lb.w != s->w || lb.h != s->h)) {
        Uint32 black = SDL_MapRGB(s->format, 0, 0, 0);
        SDL_Rect bars[4] = {{0, 0, s->w, lb.y},
                            {0, lb.y + lb.h, s->w, s->h - lb.y - lb.h},
                            {0, lb.y, lb.x, lb.h},
                            {lb.x + lb.w, lb.y, s->w - lb.x - lb.w, lb.h}};
        for (int i = 0; i < 4; i++)
            if (bars[i].w > 0 && bars[i].h > 0) SDL_FillRect(s, &bars[i], black);
    }
    const int k = lb.scale;
    for (int y = 0; y < RENDER_H; y++) {
        const Uint32 *src = px + (size_t)y * RENDER_W;
        if (prev && memcmp(src, prev + (size_t)y * RENDER_W, RENDER_W * sizeof *src) == 0)
            continue; /* the window has this row already */
        Uint8 *row = (Uint8 *)s->pixels + (size_t)(lb.y + y * k) * (size_t)s->pitch;
        Uint32 *out = (Uint32 *)(void *)row + lb.x;
        if (k == 2) {
            pixels_double_row(out, src, RENDER_W);
        } else {
            for (int x = 0; x < RENDER_W; x++)
                for (int j = 0; j < k; j++) out[x * k + j] = src[x];
        }
        for (int j = 1; j < k; j++)
            memcpy(row + (size_t)j * (size_t)s->pitch + (size_t)lb.x * 4, out, (size_t)lb.w * 4);
    }
    if (SDL_MUSTLOCK(s)) SDL_UnlockSurface(s);
    return true;
}

Uint32 *render_spare_pixels(render_t *rd, int i)
{
    return i >= 0 && i < 2 ? rd->cache.px[i] : NULL;
}

uint32_t render_spare_uses(const render_t *rd)
{
    return rd->cache.n_composed;
}

void render_present_scaled(SDL_Renderer *r, SDL_Texture *target)
{
    int ow = RENDER_W, oh = RENDER_H;
    SDL_SetRenderTarget(r, NULL);
    SDL_GetRendererOutputSize(r, &ow, &oh);
    /* (The same fit maps a click back to the picture: platform/letterbox.h.) */
    letterbox_t lb = letterbox_fit(ow, oh, RENDER_W, RENDER_H);
    SDL_Rect dst = {lb.x, lb.y, lb.w, lb.h};
    /* Only the bars round the picture need clearing (none when it fills). */
    if (dst.w != ow || dst.h != oh) {
        SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
        SDL_RenderClear(r);
    }
    SDL_RenderCopy(r, target, NULL, &dst);
}
