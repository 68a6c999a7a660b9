#include "platform/render.h"

#include <stdio.h>
#include <string.h>

static const char *const dir_names[4] = {"down", "up", "left", "right"};
static const char *const char_names[RENDER_CHAR_KINDS] = {"harry", "julie", "diner_a", "diner_b",
                                                          "diner_c"};
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

/* A soft radial light, made once: drawn additively it makes glows. */
static SDL_Texture *make_glow(SDL_Renderer *r)
{
    enum { S = 64 };
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

bool render_init(render_t *rd, SDL_Renderer *r, const assets_t *a, text_cache_t *text)
{
    memset(rd, 0, sizeof *rd);
    rd->r = r;
    rd->assets = a;
    rd->text = text;
    for (int i = 0; i < TILE_KIND_COUNT; i++)
        rd->tile[i] = tile_frames[i] ? assets_frame(a, tile_frames[i]) : NULL;
    rd->sidewalk_b = assets_frame(a, "tile_sidewalk_b");
    for (int i = 0; i < 4; i++) {
        char n[32];
        snprintf(n, sizeof n, "tile_tar_%d", i);
        rd->tar[i] = assets_frame(a, n);
    }
    rd->wall_face = assets_frame(a, "tile_wall_face");
    rd->wall_face_dark = assets_frame(a, "tile_wall_face_dark");
    for (int c = 0; c < RENDER_CHAR_KINDS; c++)
        for (int d = 0; d < 4; d++)
            for (int f = 0; f < RENDER_WALK_FRAMES; f++) {
                char n[48];
                snprintf(n, sizeof n, "%s_%s_%d", char_names[c], dir_names[d], f);
                rd->chars[c][d][f] = assets_frame(a, n);
            }
    rd->icon_clock = assets_frame(a, "icon_clock");
    rd->icon_stamina = assets_frame(a, "icon_stamina");
    rd->icon_lock = assets_frame(a, "icon_lock");
    rd->icon_star = assets_frame(a, "icon_star");
    rd->icon_julie = assets_frame(a, "icon_julie");
    rd->glow = make_glow(r);
    return rd->glow != NULL;
}

void render_free(render_t *rd)
{
    if (rd->glow) SDL_DestroyTexture(rd->glow);
    rd->glow = NULL;
}

void render_sprite(render_t *rd, const SDL_Rect *src, int x, int y)
{
    if (!src || !rd->assets->sheet) return;
    SDL_Rect dst = {x, y, src->w, src->h};
    SDL_RenderCopy(rd->r, rd->assets->sheet, src, &dst);
}

void render_fill(render_t *rd, int x, int y, int w, int h, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, c.a);
    SDL_Rect rect = {x, y, w, h};
    SDL_RenderFillRect(rd->r, &rect);
}

static void glow(render_t *rd, int cx, int cy, int radius, SDL_Color c)
{
    SDL_SetTextureColorMod(rd->glow, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(rd->glow, c.a);
    SDL_Rect dst = {cx - radius, cy - radius, radius * 2, radius * 2};
    SDL_RenderCopy(rd->r, rd->glow, NULL, &dst);
}

void render_camera(const game_t *g, int *cx, int *cy)
{
    const level_t *lv = g->level;
    int map_w = lv->w * LEVEL_TILE_PX, map_h = lv->h * LEVEL_TILE_PX;
    int x = g->harry.pos.x / GAME_SUB - RENDER_W / 2;
    int y = g->harry.pos.y / GAME_SUB - RENDER_H / 2;
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

static const SDL_Rect *tile_sprite(render_t *rd, const level_t *lv, int32_t x, int32_t y,
                                   uint32_t frame)
{
    tile_kind_t k = level_tile_at(lv, x, y);
    uint32_t h = cell_hash(x, y);
    switch (k) {
    case TILE_SIDEWALK:
        return (h % 9 == 0 && rd->sidewalk_b) ? rd->sidewalk_b : rd->tile[k];
    case TILE_TAR:
        return rd->tar[(frame / 14 + h) % 4] ? rd->tar[(frame / 14 + h) % 4] : rd->tile[k];
    case TILE_WALL:
        /* A wall with open ground below shows its face, with its windows. */
        if (y + 1 < lv->h && level_tile_at(lv, x, y + 1) != TILE_WALL &&
            level_tile_at(lv, x, y + 1) != TILE_NEON)
            return (h % 3 == 0) ? rd->wall_face_dark : rd->wall_face;
        return rd->tile[k];
    default:
        return rd->tile[k];
    }
}

typedef struct draw_actor {
    const actor_t *a;
    int kind;
} draw_actor_t;

static void draw_actor(render_t *rd, const actor_t *a, int kind, int cx, int cy)
{
    static const int cycle[4] = {1, 0, 2, 0};
    int f = a->moving ? cycle[(a->anim / 8) % 4] : 0;
    const SDL_Rect *src = rd->chars[kind][a->dir][f];
    int x = a->pos.x / GAME_SUB - 8 - cx;
    int y = a->pos.y / GAME_SUB + GAME_BOX_HALF_H / GAME_SUB - 16 - cy;
    render_sprite(rd, src, x, y);
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
            const SDL_Rect *src = tile_sprite(rd, lv, x, y, frame);
            SDL_Rect dst = {x * LEVEL_TILE_PX - cx, y * LEVEL_TILE_PX - cy, LEVEL_TILE_PX,
                            LEVEL_TILE_PX};
            if (src) SDL_RenderCopy(rd->r, rd->assets->sheet_opaque, src, &dst);
        }
    }

    /* People, back to front. */
    draw_actor_t list[LEVEL_MAX_NPCS + 2];
    int n = 0;
    list[n++] = (draw_actor_t){&g->julie, CHAR_JULIE};
    for (int32_t i = 0; i < g->npc_count; i++)
        list[n++] = (draw_actor_t){&g->npcs[i].a, CHAR_DINER_A + g->npcs[i].variant % 3};
    list[n++] = (draw_actor_t){&g->harry, CHAR_HARRY};
    for (int i = 1; i < n; i++) {
        draw_actor_t t = list[i];
        int j = i - 1;
        while (j >= 0 && list[j].a->pos.y > t.a->pos.y) {
            list[j + 1] = list[j];
            j--;
        }
        list[j + 1] = t;
    }
    for (int i = 0; i < n; i++) draw_actor(rd, list[i].a, list[i].kind, cx, cy);

    /* Light: sodium street lamps, neon, warm doorways. */
    for (int y = ty0 - 3; y <= ty1 + 3; y++) {
        if (y < 0 || y >= lv->h) continue;
        for (int x = tx0 - 3; x <= tx1 + 3; x++) {
            if (x < 0 || x >= lv->w) continue;
            int px = x * LEVEL_TILE_PX + 8 - cx, py = y * LEVEL_TILE_PX + 8 - cy;
            switch (level_tile_at(lv, x, y)) {
            case TILE_STREETLIGHT:
                glow(rd, px, py, 44, (SDL_Color){255, 150, 40, 110});
                break;
            case TILE_NEON: {
                /* Neon hums; now and then a tube stutters. */
                uint32_t h = cell_hash(x, (int32_t)(frame / 6));
                int a = (h % 53 == 0) ? 30 : 90;
                glow(rd, px, py + 6, 28, (SDL_Color){255, 40, 200, (Uint8)a});
                break;
            }
            case TILE_DOOR:
                glow(rd, px, py + 6, 20, (SDL_Color){255, 200, 110, 70});
                break;
            case TILE_PAYPHONE:
                glow(rd, px, py, 18, (SDL_Color){90, 200, 255, 80});
                break;
            default:
                break;
            }
        }
    }
    /* Julie is the goal: a soft light so she is found at a glance. */
    glow(rd, g->julie.pos.x / GAME_SUB - cx, g->julie.pos.y / GAME_SUB - 4 - cy, 22,
         (SDL_Color){255, 120, 190, (Uint8)(60 + (frame / 4) % 16 * 3)});
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
    font_id_t f = last ? FONT_LARGE : FONT_CLOCK;
    int w = text_width(rd->text, f, buf);
    int ph = last ? 36 : 28;
    render_fill(rd, RENDER_W / 2 - w / 2 - 24, 4, w + 34, ph, (SDL_Color){10, 6, 28, 170});
    render_sprite(rd, rd->icon_clock, RENDER_W / 2 - w / 2 - 20, 4 + (ph - 16) / 2);
    text_draw_shadow(rd->text, f, buf, RENDER_W / 2 + 8, 4 + (last ? 1 : 2), c, TEXT_CENTRE);

    /* Stamina, bottom left. */
    render_fill(rd, 6, RENDER_H - 18, 70, 12, (SDL_Color){10, 6, 28, 170});
    render_sprite(rd, rd->icon_stamina, 4, RENDER_H - 20);
    int bw = 48 * g->stamina / GAME_STAMINA_MAX;
    SDL_Color sc = g->winded ? (SDL_Color){200, 70, 60, 255} : (SDL_Color){80, 230, 220, 255};
    render_fill(rd, 22, RENDER_H - 14, 50, 4, (SDL_Color){40, 40, 70, 255});
    render_fill(rd, 23, RENDER_H - 13, bw, 2, sc);

    /* Julie off screen: her heart at the screen's edge, pointing the way. */
    int cx, cy;
    render_camera(g, &cx, &cy);
    int jx = g->julie.pos.x / GAME_SUB - cx, jy = g->julie.pos.y / GAME_SUB - 6 - cy;
    if (jx < 0 || jy < 0 || jx >= RENDER_W || jy >= RENDER_H) {
        int hx = g->harry.pos.x / GAME_SUB - cx, hy = g->harry.pos.y / GAME_SUB - cy;
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
