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

/* ---- glyphs: a pad's buttons drawn inline (TEXT_GLYPH_OPEN name CLOSE) ---- */

/* The sprite of a glyph's name: "pad_" and the name in small letters with
 * no spaces or dashes ("D-pad Up" -> pad_dpadup); NULL when the sheet has
 * none (then the name is drawn as text). */
static const SDL_Rect *glyph_frame(const text_cache_t *c, const char *name, size_t n)
{
    if (!c->assets || !c->assets->sheet) return NULL;
    char id[ASSETS_FRAME_NAME_MAX + 1] = "pad_";
    size_t k = 4;
    for (size_t i = 0; i < n && k + 1 < sizeof id; i++) {
        char ch = name[i];
        if (ch == ' ' || ch == '-') continue;
        id[k++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    id[k] = '\0';
    return assets_frame(c->assets, id);
}

/* A glyph's scale: twice its size beside the larger fonts, so it stays as
 * tall as their letters. */
static int glyph_scale(const text_cache_t *c, font_id_t font)
{
    return text_line_height(c, font) >= 17 ? 2 : 1;
}

enum { RUNS_MEASURE, RUNS_DRAW, RUNS_SHADOW };

/* n bytes of text at (x, y) through the cache (drawn unless measuring);
 * returns its width. */
static int draw_text_run(text_cache_t *c, font_id_t font, const char *p, size_t n, int x, int y,
                         SDL_Color colour, int mode)
{
    char run[TEXT_MAX];
    if (n >= sizeof run) n = sizeof run - 1;
    memcpy(run, p, n);
    run[n] = '\0';
    text_entry_t *e = lookup(c, font, run, colour);
    if (e && mode != RUNS_MEASURE) {
        SDL_Rect dst = {x, y, e->w, e->h};
        SDL_RenderCopy(c->renderer, e->tex, NULL, &dst);
    }
    return e ? e->w : 0;
}

/* A line with glyphs, run by run: text through the cache, glyphs from the
 * sheet centred on the line. Returns the width. */
static int draw_runs(text_cache_t *c, font_id_t font, const char *s, int x, int y, SDL_Color colour,
                     int mode)
{
    int w = 0, lh = text_line_height(c, font), scale = glyph_scale(c, font);
    const char *p = s;
    while (*p) {
        const char *open = strchr(p, TEXT_GLYPH_OPEN);
        size_t n = open ? (size_t)(open - p) : strlen(p);
        if (n > 0) w += draw_text_run(c, font, p, n, x + w, y, colour, mode); /* up to the glyph */
        if (!open) break;
        const char *name = open + 1, *close = strchr(name, TEXT_GLYPH_CLOSE);
        size_t len = close ? (size_t)(close - name) : strlen(name);
        const SDL_Rect *g = glyph_frame(c, name, len);
        if (g) {
            int gw = g->w * scale, gh = g->h * scale;
            if (mode == RUNS_DRAW) {
                SDL_Rect dst = {x + w + 1, y + (lh - gh) / 2, gw, gh};
                SDL_SetTextureAlphaMod(c->assets->sheet, colour.a);
                SDL_RenderCopy(c->renderer, c->assets->sheet, g, &dst);
                SDL_SetTextureAlphaMod(c->assets->sheet, 255);
            }
            w += gw + 2;
        } else if (len > 0) { /* no sprite: the name as text */
            w += draw_text_run(c, font, name, len, x + w, y, colour, mode);
        }
        p = close ? close + 1 : name + len;
    }
    return w;
}

int text_width(text_cache_t *c, font_id_t font, const char *s)
{
    if (strchr(s, TEXT_GLYPH_OPEN))
        return draw_runs(c, font, s, 0, 0, (SDL_Color){255, 255, 255, 255}, RUNS_MEASURE);
    text_entry_t *e = lookup(c, font, s, (SDL_Color){255, 255, 255, 255});
    return e ? e->w : 0;
}

static int draw_line(text_cache_t *c, font_id_t font, const char *s, int x, int y, SDL_Color colour,
                     text_align_t align, int mode)
{
    if (strchr(s, TEXT_GLYPH_OPEN)) {
        int w = align == TEXT_LEFT ? 0 : text_width(c, font, s);
        int left = align == TEXT_CENTRE ? x - w / 2 : (align == TEXT_RIGHT ? x - w : x);
        return draw_runs(c, font, s, left, y, colour, mode);
    }
    text_entry_t *e = lookup(c, font, s, colour);
    if (!e) return 0;
    SDL_Rect dst = {x, y, e->w, e->h};
    if (align == TEXT_CENTRE) dst.x -= e->w / 2;
    if (align == TEXT_RIGHT) dst.x -= e->w;
    SDL_RenderCopy(c->renderer, e->tex, NULL, &dst);
    return e->w;
}

int text_draw(text_cache_t *c, font_id_t font, const char *s, int x, int y, SDL_Color colour,
              text_align_t align)
{
    return draw_line(c, font, s, x, y, colour, align, RUNS_DRAW);
}

int text_draw_shadow(text_cache_t *c, font_id_t font, const char *s, int x, int y, SDL_Color colour,
                     text_align_t align)
{
    SDL_Color shadow = {10, 6, 24, colour.a};
    draw_line(c, font, s, x + 1, y + 1, shadow, align, RUNS_SHADOW); /* no glyph in the shadow */
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

const char *text_fit(text_cache_t *c, font_id_t font, const char *s, int width, char *buf,
                     size_t cap)
{
    snprintf(buf, cap, "%s", s);
    if (text_width(c, font, buf) <= width) return buf;
    size_t n = strlen(buf);
    while (n > 0) {
        /* Cut back a whole UTF-8 character at a time, then add the dots. */
        n--;
        while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80) n--;
        while (n > 0 && buf[n - 1] == ' ') n--;
        if (n + 4 > cap) continue;
        memcpy(buf + n, "...", 4);
        if (text_width(c, font, buf) <= width) return buf;
    }
    snprintf(buf, cap, "...");
    return buf;
}
