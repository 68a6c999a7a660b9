/* The editor screen driven as a player would, with mouse and key events,
 * drawn off screen by SDL's software renderer: a rectangle, a brush stroke
 * (one undo step), a thing placed from the palette and moved, the clock
 * typed into the level's form, test-play from the cursor, saving under a
 * typed name. The saved file must read back clean. Pictures of the screen
 * are written along the way for people to look at.
 *
 *   test_editor_screen DATA OUT_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "common/files.h"
#include "game/check.h"
#include "platform/assets.h"
#include "platform/render.h"
#include "ui/editor_screen.h"

static int failures;
#define EXPECT(c)                                                                                  \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #c);                       \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static SDL_Renderer *rend;
static edscr_t es;

static edscr_result_t send(SDL_Event *e)
{
    return edscr_event(&es, rend, e);
}

/* The view's pixel at the middle of tile (tx, ty). */
static int tile_px(int32_t tx)
{
    return tx * LEVEL_TILE_PX + LEVEL_TILE_PX / 2 - es.cam_x;
}
static int tile_py(int32_t ty)
{
    return ty * LEVEL_TILE_PX + LEVEL_TILE_PX / 2 - es.cam_y;
}

static void mouse(Uint32 type, int x, int y, Uint8 button)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.x = x;
        e.motion.y = y;
    } else {
        e.button.x = x;
        e.button.y = y;
        e.button.button = button;
    }
    send(&e);
}

static void click(int x, int y)
{
    mouse(SDL_MOUSEMOTION, x, y, 0);
    mouse(SDL_MOUSEBUTTONDOWN, x, y, SDL_BUTTON_LEFT);
    mouse(SDL_MOUSEBUTTONUP, x, y, SDL_BUTTON_LEFT);
}

static edscr_result_t key(SDL_Keycode k, Uint16 mod)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = k;
    e.key.keysym.mod = mod;
    edscr_result_t r = send(&e);
    e.type = SDL_KEYUP;
    send(&e);
    return r;
}

static void type(const char *s)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    snprintf(e.text.text, sizeof e.text.text, "%s", s);
    send(&e);
}

static void shot(render_t *rd, SDL_Surface *target, const char *dir, const char *name)
{
    edscr_draw(&es, rd, 0);
    SDL_RenderPresent(rend);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    if (IMG_SavePNG(target, path) != 0) fprintf(stderr, "cannot write %s\n", path);
}

/* The panel's tools sit in two rows of four from the view's right edge. */
static void pick_tool(int t)
{
    click(352 + 1 + (t % 4) * 32 + 10, 2 + (t / 4) * 12 + 5);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_editor_screen DATA OUT_DIR\n");
        return 2;
    }
    const char *out = argv[2];
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0 ||
        !(IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG)) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    char err[1024];
    static assets_t assets;
    if (!assets_load(&assets, argv[1], err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    SDL_Surface *target =
        SDL_CreateRGBSurfaceWithFormat(0, RENDER_W, RENDER_H, 32, SDL_PIXELFORMAT_RGBA32);
    rend = target ? SDL_CreateSoftwareRenderer(target) : NULL;
    if (!rend || !assets_bind_renderer(&assets, rend, err, sizeof err)) {
        fprintf(stderr, "cannot draw off screen: %s %s\n", SDL_GetError(), err);
        return 1;
    }
    static text_cache_t text;
    static render_t rd;
    text_cache_init(&text, rend, &assets);
    render_init(&rd, rend, &assets, &text);

    char dir[1024];
    snprintf(dir, sizeof dir, "%s/", out);
    char saved[1100];
    snprintf(saved, sizeof saved, "%sscreen-made.mml", dir);
    remove(saved);
    EXPECT(edscr_open(&es, NULL, dir, NULL));
    const level_t *lv = editor_level(es.ed);
    shot(&rd, target, out, "editor-new");

    /* A rectangle of grass, dragged out with the Rect tool. */
    pick_tool(EDSCR_RECT);
    EXPECT(es.tool == EDSCR_RECT);
    click(352 + (TILE_GRASS % 8) * 16 + 8, 28 + (TILE_GRASS / 8) * 16 + 8);
    EXPECT(es.tile == TILE_GRASS);
    mouse(SDL_MOUSEMOTION, tile_px(5), tile_py(2), 0);
    mouse(SDL_MOUSEBUTTONDOWN, tile_px(5), tile_py(2), SDL_BUTTON_LEFT);
    mouse(SDL_MOUSEMOTION, tile_px(9), tile_py(4), 0);
    shot(&rd, target, out, "editor-rect-drag");
    mouse(SDL_MOUSEBUTTONUP, tile_px(9), tile_py(4), SDL_BUTTON_LEFT);
    EXPECT(level_tile_at(lv, 5, 2) == TILE_GRASS && level_tile_at(lv, 9, 4) == TILE_GRASS);
    EXPECT(level_tile_at(lv, 10, 4) == TILE_SIDEWALK);

    /* A stroke of tar with the brush: one undo step. */
    pick_tool(EDSCR_PAINT);
    click(352 + (TILE_TAR % 8) * 16 + 8, 28 + (TILE_TAR / 8) * 16 + 8);
    EXPECT(es.tile == TILE_TAR);
    int32_t steps = editor_undo_count(es.ed);
    mouse(SDL_MOUSEMOTION, tile_px(12), tile_py(5), 0);
    mouse(SDL_MOUSEBUTTONDOWN, tile_px(12), tile_py(5), SDL_BUTTON_LEFT);
    mouse(SDL_MOUSEMOTION, tile_px(17), tile_py(5), 0); /* a fast move: the gap is painted */
    mouse(SDL_MOUSEBUTTONUP, tile_px(17), tile_py(5), SDL_BUTTON_LEFT);
    for (int32_t x = 12; x <= 17; x++) EXPECT(level_tile_at(lv, x, 5) == TILE_TAR);
    EXPECT(editor_undo_count(es.ed) == steps + 1);
    key(SDLK_z, KMOD_LCTRL);
    EXPECT(level_tile_at(lv, 14, 5) == TILE_SIDEWALK);
    key(SDLK_y, KMOD_LCTRL);
    EXPECT(level_tile_at(lv, 14, 5) == TILE_TAR);

    /* A coffee from the things' palette, then moved with Select. */
    pick_tool(EDSCR_THING);
    int32_t n = 0, row = -1;
    for (int32_t k = 0; k < level_kind_count(); k++) {
        if (!level_kind(k)->placeable) continue;
        if (k == KIND_COFFEE) row = n;
        n++;
    }
    click(352 + 2 + (row / 15) * 64 + 10, 40 + (row % 15) * 10 + 5);
    EXPECT(es.kind == KIND_COFFEE);
    click(tile_px(8), tile_py(11));
    int32_t coffee = level_find_kind(lv, KIND_COFFEE);
    EXPECT(coffee >= 0 && lv->objects[coffee].x == 8 && lv->objects[coffee].y == 11);
    pick_tool(EDSCR_SELECT);
    mouse(SDL_MOUSEMOTION, tile_px(8), tile_py(11), 0);
    mouse(SDL_MOUSEBUTTONDOWN, tile_px(8), tile_py(11), SDL_BUTTON_LEFT);
    mouse(SDL_MOUSEMOTION, tile_px(10), tile_py(13), 0);
    mouse(SDL_MOUSEBUTTONUP, tile_px(10), tile_py(13), SDL_BUTTON_LEFT);
    coffee = level_find_kind(lv, KIND_COFFEE);
    EXPECT(lv->objects[coffee].x == 10 && lv->objects[coffee].y == 13);
    EXPECT(es.selected == coffee);
    shot(&rd, target, out, "editor-selected");

    /* The clock typed into the level's form. */
    key(SDLK_e, 0);
    EXPECT(es.form == EDSCR_FORM_LEVEL);
    click(352 + 60, 40 + 3 * 10 + 5); /* the "time" row */
    EXPECT(es.edit_row == 3);
    for (int i = 0; i < 4; i++) key(SDLK_BACKSPACE, 0);
    type("45");
    shot(&rd, target, out, "editor-level-form");
    key(SDLK_RETURN, 0);
    EXPECT(lv->time_s == 45);
    key(SDLK_ESCAPE, 0); /* closes the form */
    EXPECT(es.form == EDSCR_FORM_NONE);

    /* Test-play from the cursor, and back. */
    key(SDLK_LEFT, 0);
    int32_t cx = es.cur_x, cy = es.cur_y;
    EXPECT(key(SDLK_F5, 0) == EDSCR_PLAY);
    level_t *played = edscr_take_play(&es);
    EXPECT(played && played->harry_tx == cx && played->harry_ty == cy);
    level_free(played);
    edscr_back(&es);
    EXPECT(es.cur_x == cx && es.cur_y == cy);

    /* Leaving unsaved asks first. */
    EXPECT(key(SDLK_ESCAPE, 0) == EDSCR_NONE);
    EXPECT(es.leave_armed);

    /* Saved under a typed name. */
    key(SDLK_s, KMOD_LCTRL);
    EXPECT(es.form == EDSCR_FORM_SAVE);
    for (int i = 0; i < 20; i++) key(SDLK_BACKSPACE, 0);
    type("Screen made");
    shot(&rd, target, out, "editor-save");
    EXPECT(key(SDLK_RETURN, 0) == EDSCR_SAVED);
    EXPECT(files_exists(saved));
    shot(&rd, target, out, "editor-saved");
    size_t len = 0;
    char *buf = files_read(saved, 1 << 20, &len, err, sizeof err);
    level_diags_t *d = calloc(1, sizeof *d);
    level_t *back = buf ? level_parse(buf, len, d) : NULL;
    EXPECT(back != NULL);
    if (back) {
        memset(d, 0, sizeof *d);
        check_level(back, d, NULL, 0, NULL, 0);
        EXPECT(d->errors == 0);
        EXPECT(back->time_s == 45);
        EXPECT(level_find_kind(back, KIND_COFFEE) >= 0);
    }
    level_free(back);
    free(d);
    free(buf);
    /* Saved: Esc leaves at once. */
    EXPECT(key(SDLK_ESCAPE, 0) == EDSCR_LEAVE);
    edscr_close(&es);

    /* A new level saved under the name of one already there: asked first,
     * replaced on the second Enter. */
    EXPECT(edscr_open(&es, NULL, dir, NULL));
    key(SDLK_s, KMOD_LCTRL);
    for (int i = 0; i < 20; i++) key(SDLK_BACKSPACE, 0);
    type("screen-made");
    EXPECT(key(SDLK_RETURN, 0) == EDSCR_NONE);
    EXPECT(strstr(es.status, "Enter again replaces it") != NULL);
    buf = files_read(saved, 1 << 20, &len, err, sizeof err);
    EXPECT(buf && strstr(buf, "time = 45")); /* not replaced yet */
    free(buf);
    EXPECT(key(SDLK_RETURN, 0) == EDSCR_SAVED);
    buf = files_read(saved, 1 << 20, &len, err, sizeof err);
    EXPECT(buf && strstr(buf, "time = 60"));
    free(buf);

    /* A gamepad: the d-pad moves the cursor, A paints. */
    EXPECT(edscr_open(&es, NULL, dir, "pad"));
    pick_tool(EDSCR_PAINT);
    int32_t px = es.cur_x, py = es.cur_y;
    SDL_Event pad;
    memset(&pad, 0, sizeof pad);
    pad.type = SDL_CONTROLLERBUTTONDOWN;
    pad.cbutton.button = SDL_CONTROLLER_BUTTON_DPAD_RIGHT;
    send(&pad);
    pad.cbutton.button = SDL_CONTROLLER_BUTTON_A;
    send(&pad);
    EXPECT(es.cur_x == px + 1 && es.cur_y == py);
    EXPECT(level_tile_at(editor_level(es.ed), px + 1, py) == (tile_kind_t)es.tile);

    /* Every kind at once, most of them wrong (a looter with no path, a lane
     * off the road, things in walls): drawn all the same, and the checker
     * says what is wrong at their tiles. */
    lv = editor_level(es.ed);
    for (int32_t k = 0; k < level_kind_count(); k++)
        if (level_kind(k)->placeable) editor_place(es.ed, k, 2 + k, 4 + k % 3, 2, 2);
    editor_paint(es.ed, 5, 4, TILE_WALL);
    shot(&rd, target, out, "editor-every-kind");
    EXPECT(es.report.errors > 0);
    bool at_tile = false;
    for (int32_t i = 0; i < es.report.count; i++) at_tile |= es.report.items[i].tx >= 0;
    EXPECT(at_tile);
    /* Clicking a message puts the cursor on its tile. */
    int rows = es.report.count < 6 ? es.report.count : 6;
    int top = 240 - rows * 10 - 2;
    for (int i = 0; i < rows; i++) {
        if (es.report.items[i].tx < 0) continue;
        click(20, top + i * 10 + 5);
        EXPECT(es.check_sel == i);
        EXPECT(es.cur_x == es.report.items[i].tx && es.cur_y == es.report.items[i].ty);
        break;
    }
    shot(&rd, target, out, "editor-checks");
    EXPECT(key(SDLK_F5, 0) == EDSCR_NONE); /* not playable with errors: said, not played */
    EXPECT(strstr(es.status, "Not playable yet") != NULL);

    edscr_close(&es);
    render_free(&rd);
    text_cache_free(&text);
    SDL_DestroyRenderer(rend);
    SDL_FreeSurface(target);
    assets_free(&assets);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    if (failures)
        fprintf(stderr, "%d expectation(s) failed\n", failures);
    else
        printf("the editor screen made, test-played and saved %s\n", saved);
    return failures ? 1 : 0;
}
