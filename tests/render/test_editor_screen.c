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
#include "ui/screen.h"

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

/* Typed text, in the pieces SDL hands it over in (an event holds 31 bytes). */
static void type(const char *s)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    for (size_t n = strlen(s), at = 0; at < n; at += sizeof e.text.text - 1) {
        snprintf(e.text.text, sizeof e.text.text, "%s", s + at);
        send(&e);
    }
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
    /* The things' palette: each kind's sprite, in rows of eight from y 38. */
    click(352 + (row % 8) * 16 + 8, 38 + (row / 8) * 16 + 8);
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
        EXPECT(strcmp(back->name, "Screen made") == 0); /* a new level takes the name typed */
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

    /* Open: the campaign's levels as copies, the player's as themselves, a
     * broken file said at its line and column, a typed path; asked first
     * while changes are unsaved. The list is the select's, made by hand. */
    {
        static campaign_entry_t levels[4];
        memset(levels, 0, sizeof levels);
        snprintf(levels[0].file, sizeof levels[0].file, "%s/levels/01-tar-pits.mml", argv[1]);
        snprintf(levels[0].name, sizeof levels[0].name, "La Brea Tar Pits");
        snprintf(levels[1].file, sizeof levels[1].file, "%s/levels/02-payphone.mml", argv[1]);
        snprintf(levels[1].name, sizeof levels[1].name, "The Payphone");
        snprintf(levels[2].file, sizeof levels[2].file, "%s", saved);
        snprintf(levels[2].name, sizeof levels[2].name, "Screen made");
        levels[2].custom = true;
        char broken[1100];
        snprintf(broken, sizeof broken, "%sbroken.mml", dir);
        static const char broken_text[] = "miraclemile-level 3\nname = Broken\ntime = soon\n";
        EXPECT(files_write_atomic(broken, broken_text, sizeof broken_text - 1, err, sizeof err));
        snprintf(levels[3].file, sizeof levels[3].file, "%s", broken);
        snprintf(levels[3].name, sizeof levels[3].name, "Broken");
        levels[3].custom = true;
        size_t shipped_len = 0;
        char *shipped = files_read(levels[0].file, 1 << 20, &shipped_len, err, sizeof err);
        EXPECT(shipped != NULL);

        EXPECT(edscr_open(&es, NULL, dir, NULL));
        edscr_set_levels(&es, levels, 4);
        editor_paint(es.ed, 2, 2, TILE_TAR); /* unsaved */
        key(SDLK_o, KMOD_LCTRL);
        EXPECT(es.form == EDSCR_FORM_OPEN);
        shot(&rd, target, out, "editor-open");
        /* Rows: the campaign's heading, its two levels, the player's heading,
         * their two, the path. */
        int open_y = 40 + 5;
        click(352 + 40, open_y + 1 * 10);
        EXPECT(strstr(es.status, "not saved") != NULL);
        EXPECT(strcmp(editor_level(es.ed)->name, "La Brea Tar Pits") != 0);
        click(352 + 40, open_y + 1 * 10); /* again: the changes dropped */
        EXPECT(strcmp(editor_level(es.ed)->name, "La Brea Tar Pits") == 0);
        EXPECT(es.own_path[0] == '\0'); /* a copy */
        EXPECT(strstr(es.status, "copy") != NULL);
        EXPECT(editor_revision(es.ed) == es.saved_rev);

        /* Size: a row grown on top and a column on the left with clicks, one
         * cut on the left, the cut undone; Harry moves with his tile. */
        lv = editor_level(es.ed);
        int32_t w0 = lv->w, h0 = lv->h, hi = level_find_kind(lv, KIND_HARRY);
        int32_t hx = lv->objects[hi].x, hy = lv->objects[hi].y;
        click(352 + 42 + 10, 202 + 5); /* Size */
        EXPECT(es.form == EDSCR_FORM_SIZE);
        click(352 + 80 + 10, 40 + 0 * 14 + 5); /* top: grow */
        click(352 + 80 + 10, 40 + 2 * 14 + 5); /* left: grow */
        EXPECT(lv->w == w0 + 1 && lv->h == h0 + 1);
        hi = level_find_kind(lv, KIND_HARRY);
        EXPECT(lv->objects[hi].x == hx + 1 && lv->objects[hi].y == hy + 1);
        EXPECT(level_tile_at(lv, 0, 0) == (tile_kind_t)es.tile);
        shot(&rd, target, out, "editor-size");
        click(352 + 40 + 10, 40 + 2 * 14 + 5); /* left: cut */
        EXPECT(lv->w == w0);
        hi = level_find_kind(lv, KIND_HARRY);
        EXPECT(lv->objects[hi].x == hx);
        key(SDLK_z, KMOD_LCTRL);
        EXPECT(lv->w == w0 + 1);

        /* Saved under a new name: the shipped file stays as it was. */
        char copy[1100];
        snprintf(copy, sizeof copy, "%star-copy.mml", dir);
        remove(copy);
        key(SDLK_s, KMOD_LCTRL);
        for (int i = 0; i < 40; i++) key(SDLK_BACKSPACE, 0);
        type("tar copy");
        EXPECT(key(SDLK_RETURN, 0) == EDSCR_SAVED);
        EXPECT(files_exists(copy));
        size_t again_len = 0;
        char *again = files_read(levels[0].file, 1 << 20, &again_len, err, sizeof err);
        EXPECT(again && again_len == shipped_len && memcmp(again, shipped, shipped_len) == 0);
        free(again);
        free(shipped);
        buf = files_read(copy, 1 << 20, &len, err, sizeof err);
        d = calloc(1, sizeof *d);
        back = buf ? level_parse(buf, len, d) : NULL;
        EXPECT(back && back->w == w0 + 1 && back->h == h0 + 1);
        level_free(back);
        free(d);
        free(buf);

        /* A broken file: said with its line and column, nothing lost. */
        key(SDLK_o, KMOD_LCTRL);
        click(352 + 40, open_y + 5 * 10);
        EXPECT(strstr(es.open_error, "broken.mml:3:") != NULL);
        EXPECT(strstr(es.status, "Cannot open it: broken.mml:3:8") != NULL);
        EXPECT(editor_level(es.ed)->w == w0 + 1); /* still the copy being edited */
        shot(&rd, target, out, "editor-open-error");

        /* One of the player's own: edited as itself. */
        click(352 + 40, open_y + 4 * 10);
        EXPECT(strcmp(es.own_path, saved) == 0);
        EXPECT(strcmp(es.file_name, "screen-made") == 0);

        /* A gamepad in Open: the d-pad chooses, A opens (the campaign's
         * second level: rows 0 and 3 are headings, skipped). */
        key(SDLK_o, KMOD_LCTRL);
        SDL_Event pe;
        memset(&pe, 0, sizeof pe);
        pe.type = SDL_CONTROLLERBUTTONDOWN;
        es.open_sel = 4;
        pe.cbutton.button = SDL_CONTROLLER_BUTTON_DPAD_UP;
        send(&pe);
        EXPECT(es.open_sel == 2);
        pe.cbutton.button = SDL_CONTROLLER_BUTTON_A;
        send(&pe);
        EXPECT(strcmp(editor_level(es.ed)->name, "The payphone") == 0);
        EXPECT(es.form == EDSCR_FORM_NONE);

        /* A typed path (the desktop's): opened as a copy. */
        key(SDLK_o, KMOD_LCTRL);
        click(352 + 40, open_y + 6 * 10);
        EXPECT(es.edit_row == 0);
        type(levels[1].file);
        key(SDLK_RETURN, 0);
        EXPECT(strcmp(editor_level(es.ed)->name, "The payphone") == 0);
        EXPECT(es.own_path[0] == '\0');

        /* The kinds' palette and the help page, for people to look at. */
        pick_tool(EDSCR_THING);
        mouse(SDL_MOUSEMOTION, 352 + 8, 38 + 8, 0);
        shot(&rd, target, out, "editor-things");
        key(SDLK_F1, 0);
        EXPECT(es.form == EDSCR_FORM_HELP);
        shot(&rd, target, out, "editor-help");
        key(SDLK_ESCAPE, 0);
        edscr_set_levels(&es, NULL, 0);
    }

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
    assets_free(&assets); /* its textures are the renderer's: freed before it goes */
    SDL_DestroyRenderer(rend);
    SDL_FreeSurface(target);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    if (failures)
        fprintf(stderr, "%d expectation(s) failed\n", failures);
    else
        printf("the editor screen made, test-played and saved %s\n", saved);
    return failures ? 1 : 0;
}
