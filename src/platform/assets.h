/* Loading the game's data: the data folder, the sprite sheet and its index,
 * the fonts. Errors are reported in words and the caller decides. */
#ifndef MM_ASSETS_H
#define MM_ASSETS_H

#include <stdbool.h>
#include <SDL.h>
#include <SDL_ttf.h>

#define ASSETS_PATH_MAX 1024
#define ASSETS_MAX_FRAMES 1024
#define ASSETS_FRAME_NAME_MAX 47

typedef enum font_id {
    FONT_SMALL,  /* body text */
    FONT_MEDIUM, /* menus */
    FONT_LARGE,  /* titles */
    FONT_CLOCK,  /* the countdown */
    /* The larger menu text (the large_text setting): body and menus. */
    FONT_SMALL_BIG,
    FONT_MEDIUM_BIG,
    FONT_COUNT
} font_id_t;

typedef struct sprite_frame {
    char name[ASSETS_FRAME_NAME_MAX + 1];
    SDL_Rect rect;
} sprite_frame_t;

typedef struct assets {
    char data_dir[ASSETS_PATH_MAX];
    SDL_Surface *sheet_surface; /* kept so any renderer can make a texture (or read again) */
    SDL_Texture *sheet;         /* alpha-blended: characters, icons */
    SDL_Texture *sheet_opaque;  /* no blending: floor tiles, which are opaque */
    int frame_count;
    sprite_frame_t frames[ASSETS_MAX_FRAMES];
    TTF_Font *fonts[FONT_COUNT];
} assets_t;

/* Finds the data folder: the one given, else $MIRACLEMILE_DATA, else beside
 * the executable. On failure err lists every place looked in. */
bool assets_find_data_dir(const char *given, char *out, size_t cap, char *err, size_t err_cap);

/* Loads the sprite index and sheet, and the fonts. TTF must be initialised. */
bool assets_load(assets_t *a, const char *data_dir, char *err, size_t err_cap);
/* (Re)creates the sheet texture for a renderer (reading the sheet again
 * if assets_drop_surface let it go). */
bool assets_bind_renderer(assets_t *a, SDL_Renderer *r, char *err, size_t err_cap);
/* Lets the sheet's own picture go once a renderer has its textures: the
 * window's game needs no more than them (a copy of the whole sheet less). */
void assets_drop_surface(assets_t *a);
void assets_free(assets_t *a);

/* A frame by name; NULL if the sheet has none (drawn as nothing). */
const SDL_Rect *assets_frame(const assets_t *a, const char *name);

/* Joins data_dir and a relative path. */
void assets_path(const assets_t *a, const char *rel, char *out, size_t cap);

#endif
