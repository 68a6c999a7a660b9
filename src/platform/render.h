/* Drawing a level and the HUD at the logical resolution. Works with any SDL
 * renderer, so the rendered-frame test and the benchmark use the software one. */
#ifndef MM_RENDER_H
#define MM_RENDER_H

#include <SDL.h>

#include "game/game.h"
#include "platform/assets.h"
#include "platform/input.h"
#include "ui/text.h"

#define RENDER_W 480
#define RENDER_H 270
/* The clock counting on past zero under the no-fail assist: periwinkle,
 * not the white, amber and red of a clock that can run out. */
#define RENDER_OVERRUN_COLOUR ((SDL_Color){150, 170, 255, 255})

enum { RENDER_WALK_FRAMES = 3, RENDER_GLOW_SIZES = 64 };
/* Every character in the sheet, each with a walk cycle in four directions
 * and an idle frame (frame names: assets/README.md). */
enum {
    CHAR_HARRY,
    CHAR_JULIE,
    CHAR_DINER_A,
    CHAR_DINER_B,
    CHAR_DINER_C,
    CHAR_WAITRESS,
    CHAR_PED_A,
    CHAR_PED_B,
    CHAR_PED_C,
    CHAR_PED_D,
    CHAR_PED_E,
    CHAR_PED_F,
    CHAR_LOOTER,
    CHAR_COP,
    CHAR_SWAT,
    CHAR_COYOTE,
    CHAR_LUCY,
    CHAR_IVAN,
    RENDER_CHAR_KINDS
};

/* Terrains whose edges are drawn from neighbours (auto-tiling). Each has four
 * overlay frames, used a quarter tile at a time: h (edges along the top and
 * bottom), v (left and right), o (outer corners), i (inner corners). */
enum {
    EDGE_KERB,    /* sidewalk where it meets the road */
    EDGE_GRASS,   /* lawn where it meets paving */
    EDGE_TAR,     /* the oily rim of a tar pit */
    EDGE_WATER,   /* the pond's edge */
    EDGE_PARAPET, /* the raised rim of a building's roof */
    EDGE_ROOF,    /* the ledge of a walkable rooftop */
    EDGE_HELIPAD, /* the painted border of a helipad */
    EDGE_TOWER,   /* a tower's roof: the parapet's frames, its own roof */
    RENDER_EDGE_SETS
};

/* Cosmetic effects spawned from the rules' events (a puff, floating text,
 * the screen's shake, the HUD key's flash, a control hint). They age by
 * displayed frames and never feed back into the rules. */
enum { RENDER_FX_MAX = 32 };
typedef enum render_fx_kind {
    RENDER_FX_NONE,
    RENDER_FX_PUFF,
    RENDER_FX_TEXT,
} render_fx_kind_t;

typedef struct render_fx {
    uint8_t kind;  /* render_fx_kind_t */
    int32_t x, y;  /* world pixels */
    uint32_t born; /* the displayed frame it started on */
    SDL_Color c;
    char text[12];
} render_fx_t;

typedef struct render_effects {
    uint32_t now;       /* the displayed frame last drawn (render_world sets it) */
    uint32_t last_tick; /* the game tick last read: an earlier one is a new game */
    render_fx_t fx[RENDER_FX_MAX];
    int32_t next; /* the slot the next effect takes (the oldest goes first) */
    bool shaking;
    uint32_t shake_born;
    bool key_flash;
    int32_t key_colour;
    uint32_t key_born;
    bool hint_on;
    int32_t hint;        /* game_hint_t */
    uint8_t hints_shown; /* a bit per hint: each shows once */
    uint32_t hint_born;
    /* The line of story shown: where its box went when it appeared. */
    uint32_t story_until_seen;
    bool story_top;
} render_effects_t;

/* The drawing's caches (src/README.md, "The drawing's caches"): pictures of
 * the tiles round the view, a tile of margin, that follow the camera a tile
 * at a time (what they hold moves over, only the row or column it uncovers
 * is drawn). */
enum {
    RENDER_CACHE_TW = RENDER_W / 16 + 1, /* the most tiles a view ever touches */
    RENDER_CACHE_TH = RENDER_H / 16 + 2,
    RENDER_CACHE_CELLS = RENDER_CACHE_TW * RENDER_CACHE_TH,
    RENDER_DYN_LIGHTS = 1024, /* flickering or burning light tiles in a level */
};
typedef struct render_layer {
    SDL_Texture *tex;
    bool valid;
    int32_t tx, ty; /* the world tile at its top left */
} render_layer_t;

typedef struct render_cache {
    bool off;                           /* draw everything every frame (the tests' full redraw) */
    Uint32 format;                      /* the picture's pixel format, so no copy converts */
    render_layer_t ground;              /* the tiles, as draw_tile draws them */
    render_layer_t light;               /* ambient darkness and the pools of steady lights */
    render_layer_t flare;               /* the steady lights' flares, summed */
    SDL_Texture *scratch;               /* a layer's picture while it moves over */
    uint8_t anim[RENDER_CACHE_CELLS];   /* what animates in a ground cell */
    uint16_t phase[RENDER_CACHE_CELLS]; /* and how it was drawn */
    /* What the caches were drawn from: a change in any redraws them. */
    const level_t *level;
    int32_t w, h, ambient;
    uint8_t *tiles;    /* LEVEL_MAX_W * LEVEL_MAX_H of them, or NULL: no caches */
    int32_t dyn_count; /* the level's flickering lights (neon, signs, fire) */
    int16_t dyn_x[RENDER_DYN_LIGHTS], dyn_y[RENDER_DYN_LIGHTS];
    bool dyn_all; /* too many to list: every light is drawn each frame */
    /* What the caches did, for the tests: moves with the camera, animated
     * cells drawn again, redraws after the rules changed a tile, flickering
     * lights drawn. */
    uint32_t n_moves, n_cells, n_rebuilds, n_flickers;
    /* The software renderer: the light laid on by our own loop over the
     * pixels read back (the picture, the light map, the flares). */
    Uint32 *px[3];
    int colour_byte[3]; /* where in a pixel the red, green and blue bytes are */
    uint32_t keep_mask; /* a pixel's other byte, as it lies in memory */
    uint32_t n_composed;
} render_cache_t;

/* A picture kept while its key stays the same (render_still_begin). */
enum { RENDER_STILL_PARTS = 4 };
typedef struct render_still {
    SDL_Texture *tex, *prev;
    bool valid, direct;
    uint64_t key;
    /* The keys of its parts (render_still_begin_parts), and whether the
     * redraw under way is clipped to the parts that changed. */
    uint64_t part_key[RENDER_STILL_PARTS];
    int part_count;
    bool clipped;
    uint32_t n_parts_drawn; /* redraws of only its parts, for the tests */
    /* The world's still with the caches off: the frame it was taken at,
     * while held (no render_world since), so a full redraw shows the
     * same moment the kept picture does. */
    uint32_t frame;
    bool held;
} render_still_t;

/* A part of a kept picture that changes on its own: what its pixels depend
 * on, and a rectangle that holds every pixel it draws. */
typedef struct render_part {
    uint64_t key;
    SDL_Rect at;
} render_part_t;

typedef struct render {
    SDL_Renderer *r;
    const assets_t *assets;
    text_cache_t *text;
    SDL_Texture *glow;                          /* a soft round light, tinted per source */
    SDL_Texture *glow_sized[RENDER_GLOW_SIZES]; /* the same, made at sizes in use */
    int glow_radius[RENDER_GLOW_SIZES], glow_count;
    Uint8 *glow_alpha[RENDER_GLOW_SIZES]; /* each one's alpha, for the light's own loop */
    SDL_Texture *light;                   /* the light map: ambient darkness plus pools of light */
    const SDL_Rect *tile[TILE_KIND_COUNT];
    const SDL_Rect *sidewalk_b, *grass_b, *tar[4], *wall_face, *wall_face_dark, *tree_floor;
    const SDL_Rect *edge[RENDER_EDGE_SETS][4];
    const SDL_Rect *fire[4], *fire_top[4], *smoke[4], *lane_v, *crosswalk_h, *mammoth,
        *mammoth_young_cry, *helipad_mark;
    const SDL_Rect *face_end_l, *face_end_r, *wall_inside[3], *shadow_top, *shadow_left;
    const SDL_Rect *escalator[2], *fence_h, *fence_v, *fence_post, *palm_crown, *door_north;
    const SDL_Rect *wall_block, *skylight, *neon2[3], *neon3[3];
    /* The May Company: the gold cylinder's lit, middle and shaded tiles,
     * the sign's two pieces and a lone sign, two shop windows. */
    const SDL_Rect *gold[3], *may_sign[3], *shop_window[2];
    const SDL_Rect *tower_face; /* a Park La Brea tower over open ground */
    const SDL_Rect *chars[RENDER_CHAR_KINDS][4][RENDER_WALK_FRAMES];
    const SDL_Rect *idle[RENDER_CHAR_KINDS];
    const SDL_Rect *harry_sprint[4][RENDER_WALK_FRAMES], *harry_caught;
    const SDL_Rect *icon_clock, *icon_stamina, *icon_lock, *icon_star, *icon_julie;
    const SDL_Rect *hud_clock, *hud_stamina;
    const SDL_Rect *ui_frame[9]; /* 9-slice frame: corners, edges, centre */
    /* The kinds' own looks (names: assets/README.md); any may be NULL until
     * the sheet has it, and then a fallback shape is drawn. */
    const SDL_Rect *car[4][4], *bus[4], *heli[4]; /* [variant][dir], [dir] */
    const SDL_Rect *looter_carry, *cop_stop, *swat_aim;
    const SDL_Rect *key[COLOUR_COUNT], *icon_key[COLOUR_COUNT], *door_locked[COLOUR_COUNT];
    const SDL_Rect *icon_coffee, *icon_clock_pickup, *signal[3]; /* green, amber, red */
    const SDL_Rect *mark_alert, *mark_suspect, *mark_checkpoint;
    const SDL_Rect *fx_puff[4], *fx_sink[4], *fx_smoke[4];
    int fx_puff_n, fx_sink_n, fx_smoke_n; /* how many of each the sheet has */
    const SDL_Rect *fx_wind[4][3];        /* a gust's streaks, by dir_t */
    SDL_Texture *vignette;                /* dark round a clear middle, for smoke */
    render_effects_t fx;
    /* Whether to show the control hints (EV_HINT); the app may turn this off
     * for a player who has used the controls before. */
    bool show_hints;
    /* Whose bindings and last device the HUD's prompts name ("Shift: sprint",
     * "A: sprint"); NULL for off-screen pictures, which name today's keys. */
    const input_devices_t *prompts;
    /* Accessibility (the settings): no sudden white (a flash becomes a slow
     * fade, render_flash_white), no shaking screen. */
    bool no_flash;
    bool no_shake;
    /* The editor's camera (its top-left in pixels) instead of following
     * Harry, while camera_fixed. */
    bool camera_fixed;
    int camera_x, camera_y;
    render_cache_t cache;
    uint8_t anim_note;          /* what the tile being drawn animates with */
    render_still_t world_still; /* the world under pause, results and Options */
    render_still_t backdrop;    /* the menus' backdrop but for what moves (ui_backdrop) */
    render_still_t map;         /* the level select's map of the Mile */
    render_still_t title;       /* the title screen but for the backdrop's cars */
    render_still_t screen;      /* a screen over the world: the results, the story card */
} render_t;

bool render_init(render_t *rd, SDL_Renderer *r, const assets_t *a, text_cache_t *text);
void render_free(render_t *rd);

/* The camera's top-left in pixels, following Harry and clamped to the map. */
void render_camera(const game_t *g, int *cx, int *cy);
/* frame counts displayed frames, for animations that run in menus too. */
void render_world(render_t *rd, const game_t *g, uint32_t frame);
/* A ghost's Harry (a recorded run raced in a second game, game/ghost.h),
 * pale and translucent, where the live game's camera sees it; after
 * render_world, before the HUD. */
void render_ghost(render_t *rd, const game_t *live, const game_t *ghost, uint32_t frame);
void render_hud(render_t *rd, const game_t *g);
/* Reads the events of the tick just run into the renderer's effects; the
 * app calls it after every tick (several may run per displayed frame). */
void render_game_events(render_t *rd, const game_t *g);
/* The same into a free-standing effects pool, stamped with frame: for
 * off-screen drawing, where each tick counts as one displayed frame. */
void render_effects_events(render_effects_t *fx, const game_t *g, uint32_t frame);
/* A sprite frame by pointer, at pixel (x, y). */
void render_sprite(render_t *rd, const SDL_Rect *src, int x, int y);
/* A frame by name from the sheet (NULL if missing), for screens. */
const SDL_Rect *render_frame_named(const render_t *rd, const char *name);
/* A kind's look, standing and facing down (NULL if the sheet has none). */
const SDL_Rect *render_kind_frame(const render_t *rd, int32_t kind);
/* A menu panel drawn with the sheet's 9-slice frame (ui_frame_*), or a plain
 * box if those frames are missing. */
void render_panel(render_t *rd, int x, int y, int w, int h);
/* Draws a game (world and HUD) off screen with SDL's software renderer into a
 * new RENDER_W x RENDER_H surface; NULL with a reason in err. Rebinds the
 * sheet texture of a to a renderer it then destroys. */
SDL_Surface *render_to_surface(assets_t *a, const game_t *g, uint32_t frame, char *err,
                               size_t err_cap);
/* The same with the effects gathered along the way (render_effects_events
 * after every tick), or none if fx is NULL. */
SDL_Surface *render_to_surface_fx(assets_t *a, const game_t *g, uint32_t frame,
                                  const render_effects_t *fx, char *err, size_t err_cap);
/* The logical picture is drawn into a RENDER_W x RENDER_H target texture and
 * then copied to the output once, scaled by the largest whole number that
 * fits, centred with black bars: crisp pixels, and cheap for software
 * renderers (one scaled copy instead of hundreds). */
SDL_Texture *render_create_target(SDL_Renderer *r);
void render_present_scaled(SDL_Renderer *r, SDL_Texture *target);
/* The same for a picture already read back (px, RENDER_W x RENDER_H in
 * format), scaled by a loop of our own straight into the window's surface:
 * only with SDL's software renderer, whose output that surface is, and only
 * when the formats match and the picture fits; false (nothing done)
 * otherwise. SDL's own stretch goes pixel by pixel through its generic path. */
bool render_present_pixels(SDL_Renderer *r, SDL_Window *window, const Uint32 *px, Uint32 format);
/* The same, given prev, the picture the window's surface holds now (as
 * this function left it): only the rows that differ from it are drawn. */
bool render_present_rows(SDL_Renderer *r, SDL_Window *window, const Uint32 *px, const Uint32 *prev,
                         Uint32 format);
/* Two pictures' worth of pixels (i 0 or 1, RENDER_W x RENDER_H each) that
 * the drawing uses only inside render_world (the software renderer's
 * light), so free between frames; NULL if there are none. While
 * render_spare_uses stays the same, what was left in them is still there. */
Uint32 *render_spare_pixels(render_t *rd, int i);
uint32_t render_spare_uses(const render_t *rd);
/* A soft round light added at (cx, cy), tinted c (c.a is its strength). */
void render_glow(render_t *rd, int cx, int cy, int radius, SDL_Color c);
/* A picture kept while key stays the same. True: draw it now (into the
 * still's own texture, cleared to black), then call render_still_end, which
 * copies it into the target; false: the kept picture was copied already.
 * With the caches off (or no texture) it is drawn straight every time. */
bool render_still_begin(render_t *rd, render_still_t *s, uint64_t key);
void render_still_end(render_t *rd, render_still_t *s);
/* The same for a picture with parts that change on their own (a blink, a
 * growing line): while key stays the same and only some parts' keys
 * changed, the caller draws it all again, but clipped to those parts'
 * rectangles, so only their pixels are drawn (exactly as in a full redraw,
 * since every drawing is 1:1). At most RENDER_STILL_PARTS parts. */
bool render_still_begin_parts(render_t *rd, render_still_t *s, uint64_t key,
                              const render_part_t *parts, int count);
/* What a screen's picture depends on, hashed: its bytes added to h (FNV-1a;
 * start from RENDER_KEY_START), a string by its characters. */
#define RENDER_KEY_START 1469598103934665603ull
uint64_t render_key_add(uint64_t h, const void *p, size_t n);
uint64_t render_key_str(uint64_t h, const char *s);
/* The world (with the ghost raced, if any, and the HUD if hud) under a
 * veil of colour veil, as it was when first asked for: the pause and
 * Options over a level show the moment they opened, not a world that
 * still moves; the next render_world in play makes it take a new one. */
void render_world_still(render_t *rd, const game_t *g, const game_t *ghost, uint32_t frame,
                        bool hud, SDL_Color veil);
/* Forgets every cached picture (the next frame draws them again): after
 * the renderer lost its textures' contents, say. */
void render_invalidate(render_t *rd);
/* Lets the menus' pictures go (the title's, the backdrop's, the map's; with
 * over_world a screen's over the world and the world's still too): play
 * needs none of them, nor does the card before it need the menus', and
 * each is made again when next shown. */
void render_drop_menu_stills(render_t *rd, bool over_world);
/* A filled rectangle with alpha. */
void render_fill(render_t *rd, int x, int y, int w, int h, SDL_Color c);
/* How white a flash is (0..255) u frames after it: full white for hold
 * frames, then down to rest over fall. With rd->no_flash, nothing sudden:
 * it rises to at most RENDER_SOFT_FLASH over RENDER_SOFT_RISE frames and
 * falls to rest over twice as long. rd may be NULL (the flash as it is). */
#define RENDER_SOFT_FLASH 120
#define RENDER_SOFT_RISE 90
int render_flash_white(const render_t *rd, uint32_t u, int hold, int fall, int rest);

#endif
