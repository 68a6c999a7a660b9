/* The story around the campaign: the card before each level, the two
 * endings (together at the helicopter; the flash and the tar pits) and the
 * credits. Everything here is a function of its time in frames, so every
 * run draws the same picture; the pixel art is the game's own sheet (the
 * scenes' own frames are in assets/sprites/scene_endings.txt). */
#include "ui/story.h"

#include <stdio.h>
#include <string.h>

#include "ui/ui_common.h"

#define TOGETHER_FRAMES 960u /* 16 s */
#define FLASH_FRAMES 1320u   /* 22 s */
#define FLASH_AT 720u        /* the flash, 12 s in, where ending_flash has it */
#define ROOF_SHOT 330u       /* the together scene cuts to the side view here */

/* ---- small drawing helpers ------------------------------------------------ */

static int lerp(int a, int b, int num, int den)
{
    if (num <= 0) return a;
    if (num >= den) return b;
    return a + (b - a) * num / den;
}

static SDL_Color mix(SDL_Color a, SDL_Color b, int num, int den)
{
    return (SDL_Color){(Uint8)lerp(a.r, b.r, num, den), (Uint8)lerp(a.g, b.g, num, den),
                       (Uint8)lerp(a.b, b.b, num, den), (Uint8)lerp(a.a, b.a, num, den)};
}

/* A colour faded in from start over len frames, in steps of 32 of opacity so
 * a fading text makes few cached textures. */
static SDL_Color faded(SDL_Color c, uint32_t t, uint32_t start, uint32_t len)
{
    int a = t < start ? 0 : (t >= start + len ? 255 : (int)((t - start) * 255 / len));
    a = a >= 255 ? 255 : a / 32 * 32;
    c.a = (Uint8)(c.a * a / 255);
    return c;
}

static void say(render_t *rd, font_id_t font, const char *s, int x, int y, SDL_Color c)
{
    if (c.a > 0 && s && s[0]) text_draw_shadow(rd->text, font, s, x, y, c, TEXT_CENTRE);
}

/* Draws s wrapped at spaces to width px, centred, one line every step px
 * from y; returns the y under the last line. */
static int say_wrapped(render_t *rd, font_id_t font, const char *s, int y, int width, int step,
                       SDL_Color c)
{
    char line[TEXT_MAX];
    while (s && *s) {
        while (*s == ' ') s++;
        size_t n = strlen(s), take = n < sizeof line - 1 ? n : sizeof line - 1;
        for (;;) { /* the longest run of whole words that fits */
            memcpy(line, s, take);
            line[take] = '\0';
            if (text_width(rd->text, font, line) <= width) break;
            size_t cut = take;
            do cut--;
            while (cut > 0 && s[cut] != ' ');
            if (cut == 0) break; /* one word wider than the line: let it be */
            take = cut;
        }
        say(rd, font, line, RENDER_W / 2, y, c);
        y += step;
        s += take;
    }
    return y;
}

static void frame_at(render_t *rd, const char *name, int x, int y)
{
    render_sprite(rd, render_frame_named(rd, name), x, y);
}

/* A frame drawn scale times its size, only its top rows of it (all if
 * rows < 0): the close-ups, and a figure going down into the tar. */
static void frame_scaled(render_t *rd, const char *name, int x, int y, int scale, int rows)
{
    const SDL_Rect *src = render_frame_named(rd, name);
    if (!src || !rd->assets->sheet) return;
    SDL_Rect s = *src;
    if (rows >= 0 && rows < s.h) s.h = rows;
    if (s.h <= 0) return;
    SDL_Rect dst = {x, y, s.w * scale, s.h * scale};
    SDL_RenderCopy(rd->r, rd->assets->sheet, &s, &dst);
}

/* A frame as a shadow: its shape in black at an opacity. */
static void frame_shadow(render_t *rd, const char *name, int x, int y, Uint8 alpha)
{
    SDL_Texture *sheet = rd->assets->sheet;
    if (!sheet) return;
    SDL_SetTextureColorMod(sheet, 0, 0, 0);
    SDL_SetTextureAlphaMod(sheet, alpha);
    frame_at(rd, name, x, y);
    SDL_SetTextureColorMod(sheet, 255, 255, 255);
    SDL_SetTextureAlphaMod(sheet, 255);
}

/* A sky in three bands of colour: top to mid at mid_y, mid to low at the
 * horizon. */
static void sky(render_t *rd, int horizon, int mid_y, SDL_Color top, SDL_Color mid, SDL_Color low)
{
    for (int y = 0; y < horizon; y += 2) {
        SDL_Color c =
            y < mid_y ? mix(top, mid, y, mid_y) : mix(mid, low, y - mid_y, horizon - mid_y);
        c.a = 255;
        render_fill(rd, 0, y, RENDER_W, 2, c);
    }
}

static uint32_t next_rand(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

static void stars(render_t *rd, int count, int below, Uint8 alpha)
{
    uint32_t s = 4051988u; /* fixed: the same sky every time */
    for (int i = 0; i < count; i++) {
        int x = (int)(next_rand(&s) % RENDER_W), y = (int)(next_rand(&s) % (uint32_t)below);
        Uint8 b = (Uint8)(130 + next_rand(&s) % 120);
        render_fill(rd, x, y, 1, 1, (SDL_Color){b, b, (Uint8)(b + 10 > 255 ? 255 : b + 10), alpha});
    }
}

/* Wilshire's towers against the sky; lit is the share of windows (of 16)
 * still lit, 0 when the power is gone. */
static void skyline(render_t *rd, int horizon, SDL_Color body, SDL_Color edge, int lit,
                    uint32_t seed)
{
    uint32_t s = seed;
    for (int x = -4; x < RENDER_W;) {
        int w = 12 + (int)(next_rand(&s) % 26), h = 12 + (int)(next_rand(&s) % 34);
        if (next_rand(&s) % 5 == 0) h += 28; /* a tower */
        render_fill(rd, x, horizon - h, w, h, body);
        render_fill(rd, x, horizon - h, 1, h, edge);
        for (int wy = horizon - h + 4; wy < horizon - 3; wy += 5)
            for (int wx = x + 3; wx < x + w - 2; wx += 4)
                if ((int)(next_rand(&s) % 32) < lit)
                    render_fill(rd, wx, wy, 2, 2, (SDL_Color){230, 170, 90, 255});
        x += w + 2 + (int)(next_rand(&s) % 7);
    }
}

/* A palm as a silhouette; lean pushes the crown sideways (the blast's wind). */
static void palm(render_t *rd, int x, int base, int h, int lean, SDL_Color c)
{
    for (int y = 0; y < h; y++) {
        int off = lean * y * y / (h * h);
        render_fill(rd, x + off, base - y, 2, 1, c);
    }
    int cx = x + lean + 1, cy = base - h;
    for (int k = 0; k < 9; k++) {
        int spread = k - 4, bend = spread < 0 ? -spread : spread, len = 8 + bend * 2;
        for (int t = 0; t < len; t++) {
            int fx = cx + spread * t / 3 + t * lean / 24;
            int fy = cy - t / 2 + t * t * (bend + 1) / (len * 5);
            render_fill(rd, fx, fy, 2, 2, c);
        }
    }
}

static void fade_to_black(render_t *rd, uint32_t t, uint32_t end, uint32_t len)
{
    if (t + len < end) return;
    int a = t >= end ? 255 : (int)((t + len - end) * 255 / len);
    render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){0, 0, 0, (Uint8)a});
}

/* A character's walk cycle, 0-1-0-2 as in play. */
static void walker(render_t *rd, const char *who, const char *dir, int x, int y, uint32_t t,
                   bool moving)
{
    static const int cycle[4] = {0, 1, 0, 2};
    char name[48];
    snprintf(name, sizeof name, "%s_%s_%d", who, dir, moving ? cycle[t / 8 % 4] : 0);
    frame_at(rd, name, x, y);
}

/* ---- the card ------------------------------------------------------------- */

/* What a card's picture depends on: the card and the level under it, and
 * of its time only the fades (over by 70) and the prompt's blink. */
static uint64_t card_key(const render_t *rd, const game_t *g, const story_card_t *card, uint32_t t)
{
    struct {
        const game_t *g;
        int32_t tick;
        uint32_t fade;
        int number;
        bool blink;
    } k;
    memset(&k, 0, sizeof k);
    k.g = g;
    k.tick = g ? g->tick : 0;
    k.fade = t < 70 ? t : 70;
    k.number = card->number;
    k.blink = t > 60 && (t / 30) % 2 == 0;
    uint64_t h = render_key_str(RENDER_KEY_START, "card");
    h = render_key_add(h, &k, sizeof k);
    const char *s[4] = {card->hour, card->place, card->name, card->story};
    for (int i = 0; i < 4; i++) h = render_key_str(h, s[i]);
    char any[48] = "press a key";
    if (rd->prompts) input_prompt_format(rd->prompts, "{any}", any, sizeof any);
    return render_key_str(h, any);
}

static void card_picture(render_t *rd, const game_t *g, const story_card_t *card, uint32_t frame,
                         uint32_t t);

/* The card is kept as a picture while its key stays the same, over the
 * level as it was when the card opened (a still). */
void story_draw_card(render_t *rd, const game_t *g, const story_card_t *card, uint32_t frame,
                     uint32_t t)
{
    if (!render_still_begin(rd, &rd->screen, card_key(rd, g, card, t))) return;
    card_picture(rd, g, card, frame, t);
    render_still_end(rd, &rd->screen);
}

static void card_picture(render_t *rd, const game_t *g, const story_card_t *card, uint32_t frame,
                         uint32_t t)
{
    if (g) {
        render_world_still(rd, g, NULL, frame, false, (SDL_Color){6, 2, 20, 175});
    } else {
        render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){6, 2, 20, 255});
    }
    /* A band across the middle, as a film's title card. */
    render_fill(rd, 0, 54, RENDER_W, 150, (SDL_Color){4, 2, 14, 150});
    render_fill(rd, 0, 54, RENDER_W, 1, (SDL_Color){120, 60, 200, 200});
    render_fill(rd, 0, 203, RENDER_W, 1, (SDL_Color){120, 60, 200, 200});
    bool has_hour = card->hour && card->hour[0], has_place = card->place && card->place[0];
    bool name_as_title = !has_hour && !has_place; /* a level with neither key */
    char head[160] = "";
    if (card->number > 0 && name_as_title)
        snprintf(head, sizeof head, "Level %d", card->number);
    else if (card->number > 0)
        snprintf(head, sizeof head, "%d. %s", card->number, card->name ? card->name : "");
    else if (!name_as_title)
        snprintf(head, sizeof head, "%s", card->name ? card->name : "");
    say(rd, FONT_SMALL, head, RENDER_W / 2, 62, faded(col_dim, t, 0, 20));
    int y = 80;
    if (has_hour) {
        render_glow(rd, RENDER_W / 2, y + 12, 48, faded((SDL_Color){255, 150, 40, 40}, t, 0, 30));
        say(rd, FONT_CLOCK, card->hour, RENDER_W / 2, y, faded(col_amber, t, 0, 30));
        y += 32;
    }
    /* With neither key the level's name is the title; with only a place, the place. */
    const char *place = has_place ? card->place : (has_hour ? NULL : card->name);
    if (place && place[0]) {
        say(rd, has_hour ? FONT_MEDIUM : FONT_LARGE, place, RENDER_W / 2, y,
            faded(has_place ? col_cyan : col_neon, t, 10, 30));
        y += has_hour ? 26 : 34;
    }
    say_wrapped(rd, FONT_SMALL, card->story, y + 4, RENDER_W - 80, 13, faded(col_text, t, 30, 40));
    if (t > 60 && (t / 30) % 2 == 0) {
        char any[48] = "press a key"; /* "press a button", "tap": the last device's */
        if (rd->prompts) input_prompt_glyphs(rd->prompts, "{any}", any, sizeof any);
        say(rd, FONT_SMALL, any, RENDER_W / 2, RENDER_H - 26, col_dim);
    }
    if (t < 16) /* in from black */
        render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){0, 0, 0, (Uint8)(255 - t * 16)});
}

/* ---- the first ending: together ------------------------------------------- */

/* Seen from above: the roof at night, the pad, the helicopter's rotor
 * starting; Harry and Julie walk to it and get in, and it lifts off its
 * shadow. */
static void together_roof(render_t *rd, uint32_t t)
{
    for (int y = 0; y < RENDER_H; y += 16)
        for (int x = 0; x < RENDER_W; x += 16) frame_at(rd, "tile_roof", x, y);
    const int pad_x = 184, pad_y = 64; /* seven tiles square */
    for (int y = 0; y < 7; y++)
        for (int x = 0; x < 7; x++) frame_at(rd, "tile_helipad", pad_x + x * 16, pad_y + y * 16);
    frame_at(rd, "tile_helipad_mark", pad_x + 32, pad_y + 32);
    frame_at(rd, "tile_vent", 72, 48);
    frame_at(rd, "tile_vent", 88, 48);
    frame_at(rd, "tile_vent", 392, 200);
    frame_at(rd, "tile_skylight", 380, 64);
    /* Harry and Julie cross the roof from the stairs, side by side. */
    const uint32_t arrive = 190, board = 236;
    int hx = lerp(120, 214, (int)t, (int)arrive), hy = lerp(232, 146, (int)t, (int)arrive);
    bool moving = t < arrive;
    if (t < board) {
        walker(rd, "julie", moving ? "up" : "right", hx + 16, hy + 2, t, moving);
        walker(rd, "harry", "up", hx, hy, t, moving);
    }
    /* The helicopter: the rotor spins up, then it rises off its shadow,
     * which slides away down and to the right as it climbs. */
    int lift = t > 250 ? (int)(t - 250) / 2 : 0;
    uint32_t spin = t < 90 ? t / 8 : (t < 160 ? t / 4 : t / 2);
    char heli[16];
    snprintf(heli, sizeof heli, "heli_%u", (unsigned)(spin % 4));
    const SDL_Rect *hf = render_frame_named(rd, heli);
    int cx = 240 - (hf ? hf->w : 48) / 2, cy = 120 - (hf ? hf->h : 48) / 2; /* on the mark */
    frame_shadow(rd, heli, cx + lift / 3, cy + lift / 2, 110);
    frame_at(rd, heli, cx, cy - lift);
    /* The night over it all, with the pad's lamps and the cabin's light. */
    render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){12, 8, 44, 150});
    static const int lamps[4][2] = {{188, 68}, {292, 68}, {188, 172}, {292, 172}};
    for (int i = 0; i < 4; i++)
        render_glow(rd, lamps[i][0], lamps[i][1], 16, (SDL_Color){255, 212, 84, 110});
    render_glow(rd, 240, 120 - lift, 40, (SDL_Color){170, 200, 255, 50});
    if ((t / 20) % 2 == 0) render_glow(rd, 240, 98 - lift, 6, (SDL_Color){255, 40, 50, 200});
    say(rd, FONT_SMALL, "The roof, and the last way off the Mile.", RENDER_W / 2, RENDER_H - 24,
        faded(col_text, t, 40, 40));
    if (t + 30 >= ROOF_SHOT) fade_to_black(rd, t, ROOF_SHOT, 30);
}

/* From the side: the helicopter lifts off the roof and flies out over the
 * Mile, its lights blinking, as the sky's edge goes pale. */
static void together_dawn(render_t *rd, uint32_t s)
{
    const int horizon = 214;
    int dawn = (int)(s > 600 ? 600 : s); /* of 600 */
    SDL_Color top = mix((SDL_Color){8, 6, 32, 255}, (SDL_Color){22, 18, 64, 255}, dawn, 600);
    SDL_Color mid = mix((SDL_Color){40, 18, 70, 255}, (SDL_Color){120, 60, 120, 255}, dawn, 600);
    SDL_Color low = mix((SDL_Color){120, 50, 90, 255}, (SDL_Color){255, 190, 130, 255}, dawn, 600);
    sky(rd, horizon, 130, top, mid, low);
    stars(rd, 70, 130, (Uint8)lerp(220, 20, dawn, 600));
    render_glow(rd, 420, horizon, 120, (SDL_Color){255, 170, 90, (Uint8)lerp(20, 90, dawn, 600)});
    skyline(rd, horizon, (SDL_Color){30, 18, 48, 255}, (SDL_Color){70, 40, 80, 255}, 3, 1988u);
    render_fill(rd, 0, horizon, RENDER_W, RENDER_H - horizon, (SDL_Color){20, 14, 30, 255});
    /* The roof they leave: a dark block with its parapet lit by the dawn. */
    const int roof = 200;
    render_fill(rd, 0, roof, 200, RENDER_H - roof, (SDL_Color){14, 10, 22, 255});
    render_fill(rd, 0, roof, 200, 2,
                mix((SDL_Color){60, 40, 70, 255}, (SDL_Color){200, 130, 100, 255}, dawn, 600));
    render_fill(rd, 138, roof - 16, 34, 16, (SDL_Color){14, 10, 22, 255});   /* the stairs' hut */
    render_fill(rd, 150, roof - 11, 7, 11, (SDL_Color){255, 196, 120, 255}); /* its door, open */
    render_glow(rd, 153, roof - 4, 14, (SDL_Color){255, 170, 90, 90});
    render_fill(rd, 166, roof - 34, 1, 18, (SDL_Color){14, 10, 22, 255}); /* an aerial */
    render_glow(rd, 30, roof - 2, 10, (SDL_Color){255, 212, 84, 140});
    render_glow(rd, 120, roof - 2, 10, (SDL_Color){255, 212, 84, 140});
    /* Up and away to the east, over the Mile. */
    int x = 70, y = roof - 15;
    if (s > 70) y -= (int)(s - 70) * 30 / 110 > 30 ? 30 : (int)(s - 70) * 30 / 110;
    if (s > 180) {
        x += (int)(s - 180) * 11 / 10;
        y -= (int)(s - 180) * 30 / 100;
    }
    uint32_t spin = s < 40 ? s / 4 : s / 2;
    frame_at(rd, spin % 2 ? "scene_heli_side_1" : "scene_heli_side_0", x, y);
    if ((s / 15) % 2 == 0) render_glow(rd, x + 1, y + 7, 5, (SDL_Color){255, 40, 50, 220});
    render_glow(rd, x + 30, y + 8, 12, (SDL_Color){170, 200, 255, 60});
    say(rd, FONT_LARGE, "Together.", RENDER_W / 2, 36, faded(col_neon, s, 200, 60));
    say(rd, FONT_SMALL, "Harry and Julie, over the Mile, at the edge of dawn.", RENDER_W / 2, 70,
        faded(col_text, s, 290, 60));
    if (s < 16)
        render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){0, 0, 0, (Uint8)(255 - s * 16)});
}

/* ---- the second ending: the flash ----------------------------------------- */

/* The film's end at the tar pits, timed to its music (ending_flash: a swell
 * for twelve seconds, then the flash). The helicopter has come down in the
 * lake pit; Harry and Julie hold each other in the tar by the mammoth, its
 * young on the shore, while the light swells behind the Mile and the
 * missiles fall. Then the white flash; the sky burns over a dead skyline,
 * the palms bend in the wind, and the two go down into the tar. */
static void flash_pits(render_t *rd, uint32_t t)
{
    const int horizon = 172, tar_y = 192;
    bool after = t >= FLASH_AT;
    int k = after ? 720 : (int)t; /* the swell, of 720 */
    int k2 = k * k / 720, k3 = k2 * k / 720;
    uint32_t u = after ? t - FLASH_AT : 0; /* frames since the flash */
    if (after) {
        sky(rd, horizon, 110, (SDL_Color){40, 6, 18, 255}, (SDL_Color){170, 50, 30, 255},
            (SDL_Color){255, 214, 150, 255});
        render_glow(rd, 340, horizon, 150, (SDL_Color){255, 240, 200, 110});
        render_glow(rd, 340, horizon, 60, (SDL_Color){255, 255, 240, 160});
        skyline(rd, horizon, (SDL_Color){16, 6, 12, 255}, (SDL_Color){60, 20, 20, 255}, 0, 1988u);
    } else {
        sky(rd, horizon, 110, (SDL_Color){8, 6, 30, 255},
            mix((SDL_Color){30, 18, 60, 255}, (SDL_Color){120, 60, 90, 255}, k2, 720),
            mix((SDL_Color){60, 30, 70, 255}, (SDL_Color){255, 230, 190, 255}, k2, 720));
        stars(rd, 60, 110, (Uint8)lerp(200, 0, k, 720));
        render_glow(rd, 340, horizon, 150, (SDL_Color){255, 230, 190, (Uint8)(k3 * 160 / 720)});
        if (t > 600) { /* the last two seconds: blinding, low over the Mile */
            int a = (int)(t - 600) * 255 / 120;
            render_glow(rd, 340, horizon, 100, (SDL_Color){255, 250, 235, (Uint8)a});
            render_glow(rd, 340, horizon, 40, (SDL_Color){255, 255, 250, (Uint8)a});
        }
        /* The missiles, in the last four seconds: bright trails falling. */
        for (int m = 0; m < 3 && t >= 480; m++) {
            int p = (int)(t - 480) - m * 40, x0 = 250 + m * 70;
            if (p <= 0) continue;
            int x1 = x0 + 40 * p / 240, y1 = (horizon - 10) * p / 240;
            SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(rd->r, 255, 240, 220, 200);
            SDL_RenderDrawLine(rd->r, x0, 0, x1, y1);
            render_glow(rd, x1, y1, 6, (SDL_Color){255, 240, 220, 220});
        }
        skyline(rd, horizon, (SDL_Color){24, 14, 40, 255}, (SDL_Color){60, 36, 70, 255}, 3, 1988u);
    }
    render_fill(rd, 0, horizon, RENDER_W, tar_y - horizon,
                after ? (SDL_Color){24, 12, 14, 255} : (SDL_Color){16, 12, 26, 255});
    static const int palms[][3] = {{30, 58, -5}, {128, 70, -7}, {414, 64, -6}, {452, 48, -4}};
    for (size_t i = 0; i < sizeof palms / sizeof palms[0]; i++)
        palm(rd, palms[i][0], horizon + 6, palms[i][1], after ? palms[i][2] : palms[i][2] / 4,
             (SDL_Color){10, 4, 8, 255});
    /* The lake pit: glossy black, the light streaked across it under the
     * glow, the game's amber rim along its edge. */
    render_fill(rd, 0, tar_y, RENDER_W, RENDER_H - tar_y, (SDL_Color){9, 5, 4, 255});
    for (int y = tar_y + 3, row = 0; y < RENDER_H; y += 3 + row / 2, row++) {
        int shimmer = (int)((t / 6 + (uint32_t)row * 5) % 9) - 4;
        int w = 30 + row * 14, x = 340 - w / 2 + shimmer * (row + 1);
        int a = (110 - row * 8 > 20 ? 110 - row * 8 : 20) * (after ? 720 : k2) / 720;
        render_fill(rd, x, y, w, 1, (SDL_Color){255, 190, 110, (Uint8)a});
        render_fill(rd, x + w / 3, y, w / 3, 1, (SDL_Color){255, 240, 200, (Uint8)(a * 9 / 11)});
    }
    const SDL_Rect *rim = render_frame_named(rd, "tile_tar_edge_h");
    if (rim && rd->assets->sheet)
        for (int x = 0; x < RENDER_W; x += 16) {
            SDL_Rect src = {rim->x, rim->y, rim->w, rim->h / 2},
                     dst = {x, tar_y, rim->w, rim->h / 2};
            SDL_RenderCopy(rd->r, rd->assets->sheet, &src, &dst);
        }
    /* The shore on the left, the young one on it, crying for its mother. */
    render_fill(rd, 0, tar_y - 4, 118, 18, (SDL_Color){30, 20, 18, 255});
    render_fill(rd, 0, tar_y - 4, 118, 1, (SDL_Color){150, 70, 40, 255});
    frame_scaled(rd, "tile_mammoth_young", 40, tar_y - 22, 2, -1);
    frame_scaled(rd, "tile_mammoth", 300, tar_y - 50, 2, -1);
    /* The light over the ground: the night's blue, warming as the light
     * swells, then the blast's. */
    SDL_Color tint =
        after ? (SDL_Color){255, 190, 160, 255}
              : mix((SDL_Color){120, 120, 190, 255}, (SDL_Color){255, 225, 200, 255}, k2, 720);
    SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_MOD);
    SDL_SetRenderDrawColor(rd->r, tint.r, tint.g, tint.b, 255);
    SDL_Rect ground = {0, horizon, RENDER_W, RENDER_H - horizon};
    SDL_RenderFillRect(rd->r, &ground);
    /* Harry and Julie from behind, his arm round her, in the tar to the
     * waist; after the flash it climbs them a row at a time until only its
     * ripples are left. Drawn after the tint, so they stay the brightest
     * thing on the ground. */
    int sink = u < 40 ? 0 : (int)(u - 40) * 13 / 380; /* source rows under the tar */
    if (sink > 13) sink = 13;
    int top = tar_y - 26 + sink * 2; /* 13 rows stand above the tar at first */
    SDL_Color lit =
        after ? (SDL_Color){255, 200, 170, 255}
              : mix((SDL_Color){170, 170, 220, 255}, (SDL_Color){255, 230, 210, 255}, k2, 720);
    SDL_SetTextureColorMod(rd->assets->sheet, lit.r, lit.g, lit.b);
    frame_scaled(rd, "scene_couple_back", 196, top, 2, 13 - sink);
    SDL_SetTextureColorMod(rd->assets->sheet, 255, 255, 255);
    const char *ripple = (t / 20) % 2 ? "fx_sink_1" : "fx_sink_0";
    for (int i = 0; i < 3; i++) frame_at(rd, ripple, 200 + i * 13, tar_y - 3);
    if (after) { /* the ash */
        uint32_t s = 1055u;
        for (int i = 0; i < 80; i++) {
            int x0 = (int)(next_rand(&s) % RENDER_W), y0 = (int)(next_rand(&s) % RENDER_H);
            int speed = 1 + (int)(next_rand(&s) % 3);
            int x = (x0 + (int)u / 3) % RENDER_W, y = (y0 + (int)u * speed / 4) % RENDER_H;
            render_fill(rd, x, y, 1, 1, (SDL_Color){200, 180, 170, 170});
        }
        say(rd, FONT_MEDIUM, "By the mammoth and its young, together.", RENDER_W / 2, 40,
            faded(col_text, u, 200, 60));
        say(rd, FONT_SMALL, "Someday, maybe, diamonds.", RENDER_W / 2, 64,
            faded(col_amber, u, 380, 60));
    } else {
        say(rd, FONT_SMALL, "The tar pits, Hancock Park.", RENDER_W / 2, 24,
            faded(col_dim, t, 60, 40));
        say(rd, FONT_SMALL, "The helicopter came down in the tar. He swam out to her.",
            RENDER_W / 2, 40, faded(col_text, t, 150, 60));
    }
}

/* ---- endings and credits -------------------------------------------------- */

void story_draw_ending(render_t *rd, story_ending_t e, uint32_t t)
{
    if (e == STORY_TOGETHER) {
        if (t < ROOF_SHOT)
            together_roof(rd, t);
        else
            together_dawn(rd, t - ROOF_SHOT);
        fade_to_black(rd, t, TOGETHER_FRAMES, 50);
        return;
    }
    flash_pits(rd, t);
    /* The flash on the music's: white for two thirds of a second, then the
     * picture comes through (with no-flash on, a slow pale fade instead). */
    uint32_t u = t - FLASH_AT;
    int white = t < FLASH_AT ? 0 : render_flash_white(rd, u, 40, 180, 0);
    /* The slow fade is at its palest at the cut, so it hides it. */
    if (rd->no_flash)
        white = t + RENDER_SOFT_RISE < FLASH_AT
                    ? 0
                    : render_flash_white(rd, t + RENDER_SOFT_RISE - FLASH_AT, 40, 180, 0);
    if (white > 0)
        render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){255, 250, 240, (Uint8)white});
    fade_to_black(rd, t, FLASH_FRAMES, 60);
}

uint32_t story_ending_frames(story_ending_t e)
{
    return e == STORY_TOGETHER ? TOGETHER_FRAMES : FLASH_FRAMES;
}

const char *story_ending_piece(story_ending_t e)
{
    return e == STORY_TOGETHER ? "ending_together" : "ending_flash";
}

/* One line of the credits: its font and colour by its role. */
typedef struct credit_line {
    char role; /* T title, H heading, N name, S small print, ' ' a gap */
    const char *text;
} credit_line_t;

static const credit_line_t credits[] = {
    {'T', "MIRACLE MILE"},
    {' ', ""},
    {'S', "Los Angeles, 4:05 a.m."},
    {' ', ""},
    {'H', "made by"},
    {'N', "the Miracle Mile team"},
    {' ', ""},
    {'H', "after the film"},
    {'N', "Miracle Mile (1988)"},
    {'S', "written and directed by Steve De Jarnatt"},
    {'S', "music by Tangerine Dream"},
    {'S', "an inspiration; this game is not connected with the film's makers"},
    {' ', ""},
    {'H', "built with"},
    {'N', "SDL2, SDL2_image, SDL2_mixer, SDL2_ttf"},
    {'S', "window, input, pictures, sound and type"},
    {'N', "libpng and libvorbis"},
    {'S', "the sprite sheet and the music, made at build time"},
    {'N', "expat, jansson and zlib"},
    {'S', "reading maps from the Tiled editor"},
    {'N', "cmocka"},
    {'S', "the tests"},
    {' ', ""},
    {'H', "type"},
    {'N', "DejaVu Sans Bold and DejaVu Sans Mono Bold"},
    {'S', "Bitstream Vera licence, DejaVu changes in the public domain"},
    {' ', ""},
    {'H', "art, music and levels"},
    {'S', "drawn and scored as text, made into pictures and sound by the game's own tools"},
    {' ', ""},
    {' ', ""},
    {'N', "Thank you for playing."},
};

#define CREDIT_STEP 16
#define CREDIT_SPEED_DEN 2 /* half a pixel a frame: 30 px a second */

static int credits_height(void)
{
    return (int)(sizeof credits / sizeof credits[0]) * CREDIT_STEP + 20;
}

uint32_t story_credits_frames(void)
{
    return (uint32_t)(credits_height() + RENDER_H - 70) * CREDIT_SPEED_DEN;
}

void story_draw_credits(render_t *rd, uint32_t t)
{
    sky(rd, RENDER_H, RENDER_H * 2 / 3, (SDL_Color){4, 3, 16, 255}, (SDL_Color){14, 8, 36, 255},
        (SDL_Color){40, 16, 56, 255});
    stars(rd, 90, RENDER_H - 40, 200);
    skyline(rd, RENDER_H, (SDL_Color){12, 8, 26, 255}, (SDL_Color){26, 16, 46, 255}, 0, 405u);
    int y0 = RENDER_H - 70 - (int)(t / CREDIT_SPEED_DEN); /* the title shows at once */
    for (size_t i = 0; i < sizeof credits / sizeof credits[0]; i++) {
        const credit_line_t *c = &credits[i];
        int y = y0 + (int)i * CREDIT_STEP + (c->role == 'T' ? -6 : 0);
        if (y < -30 || y > RENDER_H) continue;
        switch (c->role) {
        case 'T':
            render_glow(rd, RENDER_W / 2, y + 12, 90, (SDL_Color){255, 40, 200, 50});
            say(rd, FONT_LARGE, c->text, RENDER_W / 2, y, col_neon);
            break;
        case 'H':
            say(rd, FONT_SMALL, c->text, RENDER_W / 2, y + 2, col_cyan);
            break;
        case 'N':
            say(rd, FONT_MEDIUM, c->text, RENDER_W / 2, y, col_text);
            break;
        case 'S':
            say(rd, FONT_SMALL, c->text, RENDER_W / 2, y + 2, col_dim);
            break;
        default:
            break;
        }
    }
    if (t < 16)
        render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){0, 0, 0, (Uint8)(255 - t * 16)});
    fade_to_black(rd, t, story_credits_frames(), 40);
}
