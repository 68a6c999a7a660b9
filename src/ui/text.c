#include "ui/text.h"

#include <stdio.h>
#include <string.h>

void text_cache_init(text_cache_t *c, SDL_Renderer *r, const assets_t *a)
{
    memset(c, 0, sizeof *c);
    c->renderer = r;
    c->assets = a;
}

void text_cache_free(text_cache_t *c)
{
    for (int i = 0; i < TEXT_CACHE_SIZE; i++)
        if (c->entries[i].tex) SDL_DestroyTexture(c->entries[i].tex);
    memset(c->entries, 0, sizeof c->entries);
}

static text_entry_t *lookup(text_cache_t *c, font_id_t font, const char *s, SDL_Color col)
{
    c->clock++;
    text_entry_t *victim = &c->entries[0];
    for (int i = 0; i < TEXT_CACHE_SIZE; i++) {
        text_entry_t *e = &c->entries[i];
        if (e->tex && e->font == font && e->colour.r == col.r && e->colour.g == col.g &&
            e->colour.b == col.b && e->colour.a == col.a && strcmp(e->s, s) == 0) {
            e->last_used = c->clock;
            return e;
        }
        if (!e->tex || e->last_used < victim->last_used) victim = e;
        if (!victim->tex) break;
    }
    if (victim->tex) SDL_DestroyTexture(victim->tex);
    memset(victim, 0, sizeof *victim);
    TTF_Font *f = c->assets->fonts[font];
    if (!f || !*s) return NULL;
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, s, col);
    if (!surf) return NULL;
    victim->tex = SDL_CreateTextureFromSurface(c->renderer, surf);
    victim->w = surf->w;
    victim->h = surf->h;
    SDL_FreeSurface(surf);
    if (!victim->tex) return NULL;
    victim->font = font;
    victim->colour = col;
    snprintf(victim->s, sizeof victim->s, "%s", s);
    victim->last_used = c->clock;
    return victim;
}

int text_width(text_cache_t *c, font_id_t font, const char *s)
{
    text_entry_t *e = lookup(c, font, s, (SDL_Color){255, 255, 255, 255});
    return e ? e->w : 0;
}

int text_draw(text_cache_t *c, font_id_t font, const char *s, int x, int y, SDL_Color colour,
              text_align_t align)
{
    text_entry_t *e = lookup(c, font, s, colour);
    if (!e) return 0;
    SDL_Rect dst = {x, y, e->w, e->h};
    if (align == TEXT_CENTRE) dst.x -= e->w / 2;
    if (align == TEXT_RIGHT) dst.x -= e->w;
    SDL_RenderCopy(c->renderer, e->tex, NULL, &dst);
    return e->w;
}

int text_draw_shadow(text_cache_t *c, font_id_t font, const char *s, int x, int y, SDL_Color colour,
                     text_align_t align)
{
    SDL_Color shadow = {10, 6, 24, colour.a};
    text_draw(c, font, s, x + 1, y + 1, shadow, align);
    return text_draw(c, font, s, x, y, colour, align);
}

font_id_t text_menu_font(const text_cache_t *c, font_id_t f)
{
    if (!c->large_menus) return f;
    if (f == FONT_SMALL) return FONT_SMALL_BIG;
    if (f == FONT_MEDIUM) return FONT_MEDIUM_BIG;
    return f;
}

int text_line_height(const text_cache_t *c, font_id_t f)
{
    TTF_Font *font = c->assets ? c->assets->fonts[f] : NULL;
    return font ? TTF_FontHeight(font) : 12;
}
