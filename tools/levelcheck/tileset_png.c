/* tileset_png: draws every tile kind, in tile-kind order, 8 to a row, into
 * the PNG the Tiled tileset uses, from the game's own sprite sheet. */
#include <stdio.h>

#include <SDL.h>
#include <SDL_image.h>

#include "level/level.h"
#include "platform/assets.h"

/* The sprite for each tile kind as the tileset shows it. */
static const char *frame_for(tile_kind_t k)
{
    static char name[48];
    static const char *const special[TILE_KIND_COUNT] = {
        [TILE_TAR] = "tile_tar_0",
        [TILE_WALL] = "tile_wall_face",
        [TILE_MAMMOTH] = "tile_mammoth",
        [TILE_FIRE] = "tile_fire_0",
        [TILE_SMOKE] = "tile_smoke_0",
        [TILE_TREE] = "tile_tree",
        [TILE_STREETLIGHT] = "tile_streetlight",
        [TILE_ROOF] = "tile_roof",
    };
    if (special[k]) return special[k];
    snprintf(name, sizeof name, "tile_%s", level_tile_info(k)->id);
    return name;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: tileset_png DATA_DIR OUT.png\n");
        return 2;
    }
    if (!(IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG)) return 1;
    static assets_t a;
    char err[1024];
    /* Only the sheet is needed; fonts load too but are not used. */
    if (TTF_Init() != 0 || !assets_load(&a, argv[1], err, sizeof err)) {
        fprintf(stderr, "tileset_png: %s\n", err);
        return 1;
    }
    enum { COLUMNS = 8 };
    int rows = (TILE_KIND_COUNT + COLUMNS - 1) / COLUMNS;
    SDL_Surface *out =
        SDL_CreateRGBSurfaceWithFormat(0, COLUMNS * 16, rows * 16, 32, SDL_PIXELFORMAT_RGBA32);
    if (!out) return 1;
    SDL_SetSurfaceBlendMode(a.sheet_surface, SDL_BLENDMODE_NONE);
    int missing = 0;
    for (int k = 0; k < TILE_KIND_COUNT; k++) {
        const SDL_Rect *src = assets_frame(&a, frame_for((tile_kind_t)k));
        if (!src) src = assets_frame(&a, "tile_sidewalk"), missing++;
        SDL_Rect s = *src;
        if (s.w > 16) s.w = 16;
        if (s.h > 16) s.h = 16;
        SDL_Rect dst = {(k % COLUMNS) * 16, (k / COLUMNS) * 16, 16, 16};
        SDL_BlitSurface(a.sheet_surface, &s, out, &dst);
    }
    int rc = IMG_SavePNG(out, argv[2]) == 0 ? 0 : 1;
    if (missing) fprintf(stderr, "tileset_png: %d tiles have no sprite yet\n", missing);
    SDL_FreeSurface(out);
    assets_free(&a);
    IMG_Quit();
    TTF_Quit();
    return rc;
}
