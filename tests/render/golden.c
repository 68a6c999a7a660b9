/* The rendered-frame tests' golden pictures (golden.h). */
#include "golden.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/files.h"
#include "platform/render.h"

level_t *golden_load_level(const char *path)
{
    char err[512];
    size_t len;
    char *buf = files_read(path, 1 << 20, &len, err, sizeof err);
    if (!buf) {
        fprintf(stderr, "%s\n", err);
        return NULL;
    }
    level_t *lv = level_parse(buf, len, NULL);
    free(buf);
    if (!lv) fprintf(stderr, "%s does not load\n", path);
    return lv;
}

replay_t *golden_load_replay(const char *path)
{
    char err[512];
    size_t len;
    char *buf = files_read(path, 1 << 24, &len, err, sizeof err);
    replay_t *rp = buf ? replay_parse(buf, len, err, sizeof err) : NULL;
    free(buf);
    if (!rp) fprintf(stderr, "cannot load the replay %s: %s\n", path, err);
    return rp;
}

bool golden_start(assets_t *assets, const char *data)
{
    if (TTF_Init() != 0 || !(IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG)) {
        fprintf(stderr, "cannot start SDL_ttf/SDL_image: %s\n", SDL_GetError());
        return false;
    }
    char err[1024];
    if (!assets_load(assets, data, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return false;
    }
    return true;
}

SDL_Renderer *golden_canvas(assets_t *assets, SDL_Surface **target)
{
    char err[1024] = "";
    *target = SDL_CreateRGBSurfaceWithFormat(0, RENDER_W, RENDER_H, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = *target ? SDL_CreateSoftwareRenderer(*target) : NULL;
    if (!r || !assets_bind_renderer(assets, r, err, sizeof err)) {
        fprintf(stderr, "cannot draw off screen: %s %s\n", SDL_GetError(), err);
        return NULL;
    }
    return r;
}

static int compare(SDL_Surface *got, const char *golden, const char *out)
{
    SDL_Surface *loaded = IMG_Load(golden);
    SDL_Surface *want = loaded ? SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGBA32, 0) : NULL;
    int rc = 0;
    if (!want) {
        fprintf(stderr, "cannot load %s (%s); run with MM_UPDATE_GOLDEN=1 to make it\n", golden,
                IMG_GetError());
        rc = 1;
    } else if (want->w != got->w || want->h != got->h) {
        fprintf(stderr, "size differs: %dx%d vs %dx%d\n", want->w, want->h, got->w, got->h);
        rc = 1;
    } else {
        long bad = 0, total = (long)got->w * got->h;
        int worst = 0;
        for (int y = 0; y < got->h; y++) {
            const Uint8 *a = (const Uint8 *)got->pixels + y * got->pitch;
            const Uint8 *b = (const Uint8 *)want->pixels + y * want->pitch;
            for (int x = 0; x < got->w * 4; x += 4) {
                int d = 0;
                for (int c = 0; c < 4; c++) {
                    int e = abs(a[x + c] - b[x + c]);
                    if (e > d) d = e;
                }
                if (d > 2) bad++;
                if (d > worst) worst = d;
            }
        }
        printf("%ld of %ld pixels differ by more than 2 (largest difference %d); see %s\n", bad,
               total, worst, out);
        if (bad * 1000 > total) rc = 1;
    }
    if (want) SDL_FreeSurface(want);
    if (loaded) SDL_FreeSurface(loaded);
    return rc;
}

SDL_Renderer *golden_open(assets_t *assets, const char *data, SDL_Surface **target,
                          text_cache_t *text)
{
    if (!golden_start(assets, data)) return NULL;
    SDL_Renderer *r = golden_canvas(assets, target);
    if (r) text_cache_init(text, r, assets);
    return r;
}

int golden_check(SDL_Surface *got, const char *golden, const char *out)
{
    IMG_SavePNG(got, out);
    const char *update = getenv("MM_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        IMG_SavePNG(got, golden);
        printf("wrote %s\n", golden);
        return 0;
    }
    return compare(got, golden, out);
}
