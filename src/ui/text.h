/* Text drawing with SDL2_ttf, with a small cache so steady text (menus, the
 * HUD) is not rasterised every frame. */
#ifndef MM_TEXT_H
#define MM_TEXT_H

#include <SDL.h>

#include "platform/assets.h"

#define TEXT_CACHE_SIZE 96
#define TEXT_MAX 160

typedef enum text_align {
    TEXT_LEFT,
    TEXT_CENTRE,
    TEXT_RIGHT,
} text_align_t;

typedef struct text_entry {
    SDL_Texture *tex;
    int w, h;
    font_id_t font;
    SDL_Color colour;
    char s[TEXT_MAX];
    uint32_t last_used;
} text_entry_t;

typedef struct text_cache {
    SDL_Renderer *renderer;
    const assets_t *assets;
    uint32_t clock;
    text_entry_t entries[TEXT_CACHE_SIZE];
    /* Menus in the larger size (the large_text setting): text_menu_font. */
    bool large_menus;
} text_cache_t;

/* A game controller's button drawn inline: TEXT_GLYPH_OPEN, the button's
 * name ("A", "LB", "Start"), TEXT_GLYPH_CLOSE. Drawn as its sprite
 * (assets/sprites/pad_glyphs.txt), or as the name where the sheet has none;
 * text_width measures it as drawn. (input.h's INPUT_GLYPH_* are the same.) */
#define TEXT_GLYPH_OPEN '\x01'
#define TEXT_GLYPH_CLOSE '\x02'

void text_cache_init(text_cache_t *c, SDL_Renderer *r, const assets_t *a);
void text_cache_free(text_cache_t *c);
/* Draws s at (x, y) (top edge; x per align). Returns the width drawn. */
int text_draw(text_cache_t *c, font_id_t font, const char *s, int x, int y, SDL_Color colour,
              text_align_t align);
/* Same, with a 1 px dark shadow so it reads on any background. */
int text_draw_shadow(text_cache_t *c, font_id_t font, const char *s, int x, int y, SDL_Color colour,
                     text_align_t align);
int text_width(text_cache_t *c, font_id_t font, const char *s);
/* The font a menu's text uses for f: FONT_SMALL and FONT_MEDIUM in the
 * larger size when c->large_menus is on, any other font as it is. */
font_id_t text_menu_font(const text_cache_t *c, font_id_t f);
/* s as it fits in width pixels: cut at a character with "..." after it
 * when it is wider (a long level name beside its best time). */
const char *text_fit(text_cache_t *c, font_id_t font, const char *s, int width, char *buf,
                     size_t cap);
/* The height of a line of f, in pixels. */
int text_line_height(const text_cache_t *c, font_id_t f);

#endif
