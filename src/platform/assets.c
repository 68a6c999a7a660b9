#include "platform/assets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>

#include "common/files.h"

static bool looks_like_data_dir(const char *dir)
{
    char p[ASSETS_PATH_MAX + 32];
    snprintf(p, sizeof p, "%s/assets/sprites.idx", dir);
    return files_exists(p);
}

static void append(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(buf);
    if (n < cap) snprintf(buf + n, cap - n, "%s", s);
}

bool assets_find_data_dir(const char *given, char *out, size_t cap, char *err, size_t err_cap)
{
    char tried[2048] = "";
    const char *candidates[4] = {NULL, NULL, NULL, NULL};
    char beside[ASSETS_PATH_MAX] = "", share[ASSETS_PATH_MAX] = "";
    int n = 0;
    if (given) {
        candidates[n++] = given;
    } else {
        const char *env = getenv("MIRACLEMILE_DATA");
        if (env && *env) candidates[n++] = env;
        char *base = SDL_GetBasePath();
        if (base) {
            snprintf(beside, sizeof beside, "%sdata", base);
            snprintf(share, sizeof share, "%s../share/miraclemile", base);
            SDL_free(base);
            candidates[n++] = beside;
            candidates[n++] = share;
        }
    }
    for (int i = 0; i < n; i++) {
        if (looks_like_data_dir(candidates[i])) {
            snprintf(out, cap, "%s", candidates[i]);
            return true;
        }
        append(tried, sizeof tried, "\n  ");
        append(tried, sizeof tried, candidates[i]);
    }
    snprintf(err, err_cap,
             "cannot find the game's data folder (with assets/sprites.idx in it). Looked in:%s\n"
             "Build the game first (see README.md), or point --data or MIRACLEMILE_DATA at "
             "the data folder.",
             tried);
    return false;
}

void assets_path(const assets_t *a, const char *rel, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", a->data_dir, rel);
}

static bool load_index(assets_t *a, char *err, size_t err_cap)
{
    char path[ASSETS_PATH_MAX + 64], ferr[512];
    assets_path(a, "assets/sprites.idx", path, sizeof path);
    size_t len = 0;
    char *buf = files_read(path, 1 << 20, &len, ferr, sizeof ferr);
    if (!buf) {
        snprintf(err, err_cap, "%s", ferr);
        return false;
    }
    int line = 0;
    for (char *l = buf, *next; l && *l; l = next) {
        next = strchr(l, '\n');
        if (next) *next++ = '\0';
        line++;
        if (line == 1) {
            if (strncmp(l, "miraclemile-sprites 1", 21) != 0) {
                snprintf(err, err_cap, "%s:1: not a sprite index", path);
                free(buf);
                return false;
            }
            continue;
        }
        sprite_frame_t f;
        memset(&f, 0, sizeof f);
        if (sscanf(l, "frame %47s %d %d %d %d", f.name, &f.rect.x, &f.rect.y, &f.rect.w,
                   &f.rect.h) != 5) {
            continue; /* lines of later versions are skipped */
        }
        if (a->frame_count >= ASSETS_MAX_FRAMES) {
            snprintf(err, err_cap, "%s:%d: more than %d frames", path, line, ASSETS_MAX_FRAMES);
            free(buf);
            return false;
        }
        a->frames[a->frame_count++] = f;
    }
    free(buf);
    return true;
}

/* The sprite sheet's picture, read from the data folder. */
static bool load_sheet(assets_t *a, char *err, size_t err_cap)
{
    char path[ASSETS_PATH_MAX + 64];
    assets_path(a, "assets/sprites.png", path, sizeof path);
    a->sheet_surface = IMG_Load(path);
    if (!a->sheet_surface) {
        snprintf(err, err_cap, "cannot load the sprite sheet %s: %s", path, IMG_GetError());
        return false;
    }
    return true;
}

bool assets_load(assets_t *a, const char *data_dir, char *err, size_t err_cap)
{
    memset(a, 0, sizeof *a);
    snprintf(a->data_dir, sizeof a->data_dir, "%s", data_dir);
    if (!load_index(a, err, err_cap)) return false;
    if (!load_sheet(a, err, err_cap)) return false;
    char path[ASSETS_PATH_MAX + 64];
    static const struct {
        const char *file;
        int size;
    } fonts[FONT_COUNT] = {
        [FONT_SMALL] = {"assets/DejaVuSans-Bold.ttf", 8},
        [FONT_MEDIUM] = {"assets/DejaVuSans-Bold.ttf", 11},
        [FONT_LARGE] = {"assets/DejaVuSans-Bold.ttf", 26},
        [FONT_CLOCK] = {"assets/DejaVuSansMono-Bold.ttf", 20},
        [FONT_SMALL_BIG] = {"assets/DejaVuSans-Bold.ttf", 11},
        [FONT_MEDIUM_BIG] = {"assets/DejaVuSans-Bold.ttf", 15},
    };
    for (int i = 0; i < FONT_COUNT; i++) {
        assets_path(a, fonts[i].file, path, sizeof path);
        a->fonts[i] = TTF_OpenFont(path, fonts[i].size);
        if (!a->fonts[i]) {
            snprintf(err, err_cap, "cannot load the font %s: %s", path, TTF_GetError());
            assets_free(a);
            return false;
        }
        TTF_SetFontHinting(a->fonts[i], TTF_HINTING_MONO);
    }
    return true;
}

bool assets_bind_renderer(assets_t *a, SDL_Renderer *r, char *err, size_t err_cap)
{
    if (a->sheet) SDL_DestroyTexture(a->sheet);
    if (a->sheet_opaque) SDL_DestroyTexture(a->sheet_opaque);
    a->sheet = a->sheet_opaque = NULL;
    if (!a->sheet_surface && !load_sheet(a, err, err_cap)) return false;
    a->sheet = SDL_CreateTextureFromSurface(r, a->sheet_surface);
    a->sheet_opaque = SDL_CreateTextureFromSurface(r, a->sheet_surface);
    if (!a->sheet || !a->sheet_opaque) {
        snprintf(err, err_cap, "cannot make the sprite texture: %s", SDL_GetError());
        return false;
    }
    SDL_SetTextureBlendMode(a->sheet, SDL_BLENDMODE_BLEND);
    SDL_SetTextureBlendMode(a->sheet_opaque, SDL_BLENDMODE_NONE);
    return true;
}

void assets_drop_surface(assets_t *a)
{
    if (!a->sheet || !a->sheet_opaque) return;
    SDL_FreeSurface(a->sheet_surface);
    a->sheet_surface = NULL;
}

void assets_free(assets_t *a)
{
    if (a->sheet) SDL_DestroyTexture(a->sheet);
    if (a->sheet_opaque) SDL_DestroyTexture(a->sheet_opaque);
    a->sheet_opaque = NULL;
    if (a->sheet_surface) SDL_FreeSurface(a->sheet_surface);
    for (int i = 0; i < FONT_COUNT; i++)
        if (a->fonts[i]) TTF_CloseFont(a->fonts[i]);
    memset(a->fonts, 0, sizeof a->fonts);
    a->sheet = NULL;
    a->sheet_surface = NULL;
}

const SDL_Rect *assets_frame(const assets_t *a, const char *name)
{
    for (int i = 0; i < a->frame_count; i++)
        if (strcmp(a->frames[i].name, name) == 0) return &a->frames[i].rect;
    return NULL;
}
