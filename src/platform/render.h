/* Drawing a level and the HUD at the logical resolution. Works with any SDL
 * renderer, so the rendered-frame test and the benchmark use the software one. */
#ifndef MM_RENDER_H
#define MM_RENDER_H

#include <SDL.h>

#include "game/game.h"
#include "platform/assets.h"
#include "ui/text.h"

#define RENDER_W 480
#define RENDER_H 270

enum { RENDER_WALK_FRAMES = 3, RENDER_CHAR_KINDS = 5 };
enum { CHAR_HARRY, CHAR_JULIE, CHAR_DINER_A, CHAR_DINER_B, CHAR_DINER_C };

typedef struct render {
    SDL_Renderer *r;
    const assets_t *assets;
    text_cache_t *text;
    SDL_Texture *glow; /* a soft round light, tinted per source */
    const SDL_Rect *tile[TILE_KIND_COUNT];
    const SDL_Rect *sidewalk_b, *tar[4], *wall_face, *wall_face_dark, *tree_floor;
    const SDL_Rect *chars[RENDER_CHAR_KINDS][4][RENDER_WALK_FRAMES];
    const SDL_Rect *icon_clock, *icon_stamina, *icon_lock, *icon_star, *icon_julie;
} render_t;

bool render_init(render_t *rd, SDL_Renderer *r, const assets_t *a, text_cache_t *text);
void render_free(render_t *rd);

/* The camera's top-left in pixels, following Harry and clamped to the map. */
void render_camera(const game_t *g, int *cx, int *cy);
/* frame counts displayed frames, for animations that run in menus too. */
void render_world(render_t *rd, const game_t *g, uint32_t frame);
void render_hud(render_t *rd, const game_t *g);
/* A sprite frame by pointer, at pixel (x, y). */
void render_sprite(render_t *rd, const SDL_Rect *src, int x, int y);
/* Draws a game (world and HUD) off screen with SDL's software renderer into a
 * new RENDER_W x RENDER_H surface; NULL with a reason in err. Rebinds the
 * sheet texture of a to a renderer it then destroys. */
SDL_Surface *render_to_surface(assets_t *a, const game_t *g, uint32_t frame, char *err,
                               size_t err_cap);
/* The logical picture is drawn into a RENDER_W x RENDER_H target texture and
 * then copied to the output once, scaled by the largest whole number that
 * fits, centred with black bars: crisp pixels, and cheap for software
 * renderers (one scaled copy instead of hundreds). */
SDL_Texture *render_create_target(SDL_Renderer *r);
void render_present_scaled(SDL_Renderer *r, SDL_Texture *target);
/* A filled rectangle with alpha. */
void render_fill(render_t *rd, int x, int y, int w, int h, SDL_Color c);

#endif
