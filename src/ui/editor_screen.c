/* The editor screen (editor_screen.h). The map view is the game's own
 * drawing of the level (render_world on a game made from a finished copy,
 * never ticked), so tiles, people and the light map look as they will in
 * play; the editor draws over it what play does not show (areas, lanes,
 * paths, links, the grid, the cursor). */
#include "ui/editor_screen.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/files.h"
#include "level/level_file.h"
#include "platform/letterbox.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

/* The layout of the 480 x 270 picture: the map on the left, the panel on
 * the right, three lines of status along the bottom. */
#define VIEW_W 352
#define VIEW_H 240
#define PANEL_X VIEW_W
#define PANEL_W (RENDER_W - VIEW_W)
#define BAR_Y VIEW_H
#define ROW_H 10
#define TOOL_Y 2
#define TOOL_W 32
#define TOOL_H 11
#define PALETTE_Y 28
#define PALETTE_COLS 8
#define FORM_Y 40
#define FORM_ROWS 13
#define BUTTONS_Y 214
#define BUTTONS2_Y (BUTTONS_Y - TOOL_H - 1)  /* Open, Size, Help over Level, Save, Play */
#define BUTTONS3_Y (BUTTONS2_Y - TOOL_H - 1) /* Undo, Redo, Grid: for hands without keys */
#define BUTTON_W 42
#define OPEN_ROWS 13  /* rows of the Open list shown at once */
#define OPEN_MAX 72   /* its rows: the select's levels and their headings */
#define SIZE_ROW_H 14 /* the Size form's rows: a side, its cut and grow buttons */
#define KIND_PALETTE_Y 38
#define CHECK_ROWS 6
#define PX_TILE LEVEL_TILE_PX
#define EDSCR_NEW_NAME "My level" /* what editor_create calls a new level */

static const char *const tool_names[EDSCR_TOOL_COUNT] = {
    "Paint", "Rect", "Fill", "Pick", "Thing", "Select", "Path", "Link",
};
static const char *const tool_help[EDSCR_TOOL_COUNT] = {
    "paint tiles (drag)",
    "drag a rectangle (Shift: outline)",
    "fill joined tiles of one kind",
    "pick the tile under the cursor",
    "place a thing (drag an area)",
    "select a thing; drag it to move it; Del deletes",
    "click the points of a path (the thing selected first follows it); right click ends it",
    "click a thing, then what it opens or works on",
};
static const SDL_Color col_panel_bg = {12, 8, 34, 235};
static const SDL_Color col_edge = {120, 60, 200, 255};
static const SDL_Color col_error = {255, 90, 80, 255};
static const SDL_Color col_warn = {255, 200, 90, 255};

/* The level form's rows: the level's keys, then its size. */
static const char *const level_rows[] = {"name",   "author", "story", "time",  "par",
                                         "music",  "seed",   "hour",  "place", "ambient",
                                         "medals", "width",  "height"};
#define LEVEL_ROWS ((int32_t)(sizeof level_rows / sizeof level_rows[0]))
static const char *const music_words[] = {"level",  "pulse1", "pulse2", "pulse3",
                                          "pulse4", "pulse5", "pulse6"};

/* ---- small pieces ----------------------------------------------------------- */

static const level_t *lvl(const edscr_t *es)
{
    return editor_level(es->ed);
}

static void set_status(edscr_t *es, const char *s)
{
    snprintf(es->status, sizeof es->status, "%s", s);
}

/* The editor's word on the last edit, when it refused one. */
static void status_from_editor(edscr_t *es, bool ok)
{
    if (!ok && editor_message(es->ed)[0]) set_status(es, editor_message(es->ed));
}

static void frame_rect(render_t *rd, int x, int y, int w, int h, SDL_Color c)
{
    render_fill(rd, x, y, w, 1, c);
    render_fill(rd, x, y + h - 1, w, 1, c);
    render_fill(rd, x, y, 1, h, c);
    render_fill(rd, x + w - 1, y, 1, h, c);
}

/* Text cut to fit maxw pixels, with an ellipsis. */
static void fit_text(render_t *rd, font_id_t font, const char *s, int maxw, char *out, size_t cap)
{
    TTF_Font *f = rd->assets->fonts[font];
    snprintf(out, cap, "%s", s);
    int w = 0;
    if (!f || TTF_SizeUTF8(f, out, &w, NULL) != 0 || w <= maxw) return;
    size_t n = strlen(out);
    while (n > 0) {
        n--;
        while (n > 0 && ((unsigned char)out[n] & 0xc0) == 0x80) n--; /* whole characters */
        if (n + 4 > cap) continue;
        memcpy(out + n, "\xe2\x80\xa6", 4);
        if (TTF_SizeUTF8(f, out, &w, NULL) == 0 && w <= maxw) return;
    }
}

static void label(render_t *rd, const char *s, int x, int y, int maxw, SDL_Color c)
{
    char buf[TEXT_MAX];
    fit_text(rd, FONT_SMALL, s, maxw, buf, sizeof buf);
    if (buf[0]) text_draw_shadow(rd->text, FONT_SMALL, buf, x, y, c, TEXT_LEFT);
}

/* Draws s in up to rows lines of maxw, broken at spaces; returns the lines
 * drawn. */
static int label_wrapped(render_t *rd, const char *s, int x, int y, int maxw, int rows, SDL_Color c)
{
    TTF_Font *f = rd->assets->fonts[FONT_SMALL];
    const char *p = s;
    int row = 0;
    for (; row < rows && *p; row++) {
        while (*p == ' ') p++;
        size_t len = strlen(p), cut = len;
        char line[TEXT_MAX];
        int w = 0;
        if (len >= sizeof line) cut = len = sizeof line - 1;
        snprintf(line, sizeof line, "%.*s", (int)cut, p);
        while (row < rows - 1 && f && TTF_SizeUTF8(f, line, &w, NULL) == 0 && w > maxw) {
            size_t sp = cut - 1;
            while (sp > 0 && p[sp] != ' ') sp--;
            if (sp == 0) break; /* one long word: cut short by label() */
            cut = sp;
            snprintf(line, sizeof line, "%.*s", (int)cut, p);
        }
        label(rd, line, x, y + row * ROW_H, maxw, c);
        p += cut > 0 ? cut : 1;
    }
    return row;
}

static bool in_rect(int x, int y, int rx, int ry, int rw, int rh)
{
    return x >= rx && y >= ry && x < rx + rw && y < ry + rh;
}

/* The cell of a palette (rows of PALETTE_COLS tiles from top) under a
 * point, or -1. */
static int32_t palette_at(int x, int y, int top, int32_t count)
{
    if (x < PANEL_X || y < top) return -1;
    int32_t i = (y - top) / PX_TILE * PALETTE_COLS + (x - PANEL_X) / PX_TILE;
    return (x - PANEL_X) / PX_TILE < PALETTE_COLS && i < count ? i : -1;
}

/* The n-th kind a level can place (the things' palette's order). */
static int32_t placeable_kind(int32_t n)
{
    for (int32_t k = 0; k < level_kind_count(); k++)
        if (level_kind(k)->placeable && n-- == 0) return k;
    return -1;
}

static int32_t placeable_count(void)
{
    int32_t n = 0;
    for (int32_t k = 0; k < level_kind_count(); k++) n += level_kind(k)->placeable;
    return n;
}

void edscr_to_logical(SDL_Renderer *r, int wx, int wy, int *lx, int *ly)
{
    int ow = RENDER_W, oh = RENDER_H, ww = 0, wh = 0;
    SDL_GetRendererOutputSize(r, &ow, &oh);
    SDL_Window *win = SDL_RenderGetWindow(r);
    if (win) SDL_GetWindowSize(win, &ww, &wh);
    if (ww <= 0 || wh <= 0) { /* off screen: no window, points are pixels */
        ww = ow;
        wh = oh;
    }
    letterbox_t lb = letterbox_fit(ow, oh, RENDER_W, RENDER_H);
    letterbox_to_picture(&lb, ww, wh, ow, oh, RENDER_W, RENDER_H, wx, wy, lx, ly);
}

static void jump_to(edscr_t *es, int32_t tx, int32_t ty);

/* ---- opening and closing ----------------------------------------------------- */

/* A file name from the level's name: lower case, words joined by '-'. */
static void name_to_file(const char *name, char *out, size_t cap)
{
    size_t n = 0;
    bool dash = false;
    for (size_t i = 0; name[i] && n + 1 < cap && n < 40; i++) {
        char c = name[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n > 0) out[n++] = '-';
            dash = false;
            if (n + 1 < cap) out[n++] = c;
        } else {
            dash = true;
        }
    }
    out[n] = '\0';
    if (!out[0]) snprintf(out, cap, "my-level");
}

bool edscr_open(edscr_t *es, const level_t *lv, const char *save_dir, const char *file_name)
{
    edscr_close(es);
    memset(es, 0, sizeof *es);
    es->ed = lv ? editor_open(lv) : editor_create(30, 17);
    es->preview = malloc(sizeof *es->preview);
    if (!es->ed || !es->preview) {
        edscr_close(es);
        return false;
    }
    if (!lv) {
        /* A street to start from, Harry and Julie on it: a level that plays
         * at once, to change from there. */
        editor_rect(es->ed, 0, 0, 29, 16, TILE_WALL, true);
        editor_rect(es->ed, 1, 7, 28, 9, TILE_ROAD, false);
        editor_rect(es->ed, 1, 8, 28, 8, TILE_ROAD_LANE, false);
        editor_place(es->ed, KIND_HARRY, 3, 3, 1, 1);
        editor_place(es->ed, KIND_JULIE, 26, 13, 1, 1);
        editor_forget_history(es->ed);
        es->form = EDSCR_FORM_HELP; /* a new level: how it is made, first */
    }
    es->tool = EDSCR_PAINT;
    es->tile = TILE_GRASS;
    es->kind = KIND_COP;
    es->selected = es->path = es->link_from = -1;
    es->edit_row = es->check_sel = -1;
    es->open_sel = es->open_armed = -1;
    es->grid = true;
    es->checks_open = true;
    snprintf(es->save_dir, sizeof es->save_dir, "%s", save_dir ? save_dir : "");
    if (file_name && file_name[0])
        snprintf(es->file_name, sizeof es->file_name, "%s", file_name);
    else
        name_to_file(lvl(es)->name, es->file_name, sizeof es->file_name);
    const level_t *l = lvl(es);
    int32_t h = level_find_kind(l, KIND_HARRY);
    jump_to(es, h >= 0 ? l->objects[h].x : 0, h >= 0 ? l->objects[h].y : 0);
    es->saved_rev = editor_revision(es->ed);
    if (lv && file_name && file_name[0])
        snprintf(es->own_path, sizeof es->own_path, "%s%s.mml", es->save_dir, es->file_name);
    char s[160];
    if (lv && file_name && file_name[0])
        snprintf(s, sizeof s, "Editing %s.mml: Ctrl+S saves over it.", es->file_name);
    else if (lv)
        snprintf(s, sizeof s, "Editing a copy: Ctrl+S saves it in your levels as %s.mml.",
                 es->file_name);
    else
        snprintf(s, sizeof s, "A new level. Paint, place things, then Play tests it.");
    set_status(es, s);
    return true;
}

void edscr_close(edscr_t *es)
{
    editor_destroy(es->ed);
    es->ed = NULL;
    free(es->preview);
    es->preview = NULL;
    level_free(es->preview_level);
    es->preview_level = NULL;
    level_free(es->play);
    es->play = NULL;
}

bool edscr_is_open(const edscr_t *es)
{
    return es->ed != NULL;
}

void edscr_set_device(edscr_t *es, edscr_device_t device)
{
    es->device = device;
}

/* ---- the view ------------------------------------------------------------------ */

static void clamp_camera(edscr_t *es)
{
    const level_t *l = lvl(es);
    int max_x = l->w * PX_TILE - VIEW_W / 2, max_y = l->h * PX_TILE - VIEW_H / 2;
    if (es->cam_x > max_x) es->cam_x = max_x;
    if (es->cam_y > max_y) es->cam_y = max_y;
    if (es->cam_x < -VIEW_W / 2) es->cam_x = -VIEW_W / 2;
    if (es->cam_y < -VIEW_H / 2) es->cam_y = -VIEW_H / 2;
}

/* Keeps the cursor two tiles inside the view. */
static void follow_cursor(edscr_t *es)
{
    int px = es->cur_x * PX_TILE, py = es->cur_y * PX_TILE, m = 2 * PX_TILE;
    if (px < es->cam_x + m) es->cam_x = px - m;
    if (px + PX_TILE > es->cam_x + VIEW_W - m) es->cam_x = px + PX_TILE - VIEW_W + m;
    if (py < es->cam_y + m) es->cam_y = py - m;
    if (py + PX_TILE > es->cam_y + VIEW_H - m) es->cam_y = py + PX_TILE - VIEW_H + m;
    clamp_camera(es);
}

/* The camera's start along one axis: a map smaller than the view in the
 * middle of it, a larger one round the point but never past its edges. */
static int camera_axis(int point, int map, int view)
{
    if (map <= view) return (map - view) / 2;
    int c = point - view / 2;
    return c < 0 ? 0 : (c > map - view ? map - view : c);
}

static void jump_to(edscr_t *es, int32_t tx, int32_t ty)
{
    if (tx < 0) return;
    es->cur_x = tx;
    es->cur_y = ty;
    es->cam_x = camera_axis(tx * PX_TILE + PX_TILE / 2, lvl(es)->w * PX_TILE, VIEW_W);
    es->cam_y = camera_axis(ty * PX_TILE + PX_TILE / 2, lvl(es)->h * PX_TILE, VIEW_H);
    clamp_camera(es);
}

static void refresh(edscr_t *es)
{
    uint32_t rev = editor_revision(es->ed);
    if (!es->have_report || es->report_rev != rev) {
        editor_check(es->ed, &es->report);
        es->report_rev = rev;
        es->have_report = true;
        if (es->check_sel >= es->report.count) es->check_sel = -1;
    }
    if (!es->have_preview || es->preview_rev != rev) {
        level_free(es->preview_level);
        /* Drawn even while it has errors (what is wrong left out), never
         * ticked. */
        es->preview_level = editor_preview_copy(es->ed);
        if (es->preview_level) game_init(es->preview, es->preview_level);
        es->preview_rev = rev;
        es->have_preview = es->preview_level != NULL;
    }
    if (es->selected >= lvl(es)->object_count) es->selected = -1;
    if (es->path >= lvl(es)->path_count) es->path = -1;
}

/* The tile under a logical point in the view, or false. */
static bool view_tile(const edscr_t *es, int lx, int ly, int32_t *tx, int32_t *ty)
{
    if (!in_rect(lx, ly, 0, 0, VIEW_W, VIEW_H)) return false;
    int px = lx + es->cam_x, py = ly + es->cam_y;
    *tx = (px >= 0 ? px : px - PX_TILE + 1) / PX_TILE;
    *ty = (py >= 0 ? py : py - PX_TILE + 1) / PX_TILE;
    return true;
}

/* ---- doing the tools ----------------------------------------------------------- */

static bool is_tile_tool(edscr_tool_t t)
{
    return t == EDSCR_PAINT || t == EDSCR_RECT || t == EDSCR_FILL || t == EDSCR_PICK;
}

static int32_t path_prop(const level_t *l, int32_t obj)
{
    return obj >= 0 ? level_prop_index(l->objects[obj].kind, "path") : -1;
}

/* Presses the tool at tile (x, y): the mouse's button going down, or the
 * keyboard's Space. */
static void tool_down(edscr_t *es, int32_t x, int32_t y, bool shift)
{
    editor_t *ed = es->ed;
    const level_t *l = lvl(es);
    bool ok = true;
    es->drag_x = x;
    es->drag_y = y;
    switch (es->tool) {
    case EDSCR_PAINT:
        editor_begin(ed);
        ok = editor_paint(ed, x, y, (tile_kind_t)es->tile);
        es->dragging = true;
        break;
    case EDSCR_RECT:
        es->dragging = true;
        break;
    case EDSCR_FILL:
        ok = editor_fill(ed, x, y, (tile_kind_t)es->tile);
        break;
    case EDSCR_PICK: {
        int32_t t = editor_pick(ed, x, y);
        if (t >= 0) {
            es->tile = t;
            es->tool = EDSCR_PAINT;
            set_status(es, "Picked; painting with it.");
        }
        break;
    }
    case EDSCR_THING:
        if (level_kind(es->kind)->place == PLACE_AREA) {
            es->dragging = true;
        } else {
            int32_t i = editor_place(ed, es->kind, x, y, 1, 1);
            ok = i >= 0;
            if (ok) es->selected = i;
        }
        break;
    case EDSCR_SELECT:
        es->selected = editor_object_at(ed, x, y);
        if (es->selected >= 0) {
            editor_begin(ed);
            es->dragging = true;
            es->drag_x = x - l->objects[es->selected].x;
            es->drag_y = y - l->objects[es->selected].y;
        }
        es->form = EDSCR_FORM_NONE;
        break;
    case EDSCR_PATH: {
        if (es->path < 0) {
            es->path = editor_add_path(ed, NULL, false);
            ok = es->path >= 0;
            int32_t pp = path_prop(l, es->selected);
            if (ok && pp >= 0)
                ok = editor_set_prop(ed, es->selected, "path", l->paths[es->path].name);
        }
        if (ok) ok = editor_path_point(ed, es->path, x, y);
        if (ok) {
            char s[128];
            snprintf(s, sizeof s, "Path '%s': %d points (right click or Enter ends it%s).",
                     l->paths[es->path].name, (int)l->paths[es->path].count,
                     shift ? "" : "; L makes it a loop");
            set_status(es, s);
        }
        break;
    }
    case EDSCR_LINK: {
        int32_t o = editor_object_at(ed, x, y);
        if (o < 0) {
            set_status(es, "No thing there to link.");
        } else if (es->link_from < 0) {
            es->link_from = o;
            set_status(es, "Now click what it links to (a door, a lane, a signal...).");
        } else {
            ok = editor_link(ed, es->link_from, o);
            if (ok) set_status(es, "Linked.");
            es->link_from = -1;
        }
        break;
    }
    case EDSCR_TOOL_COUNT:
        break;
    }
    status_from_editor(es, ok);
}

static void tool_drag(edscr_t *es, int32_t x, int32_t y)
{
    if (!es->dragging) return;
    if (es->tool == EDSCR_PAINT) {
        /* Fills the gap a fast stroke leaves between two events. */
        int32_t x0 = es->drag_x, y0 = es->drag_y;
        int32_t steps = abs(x - x0) > abs(y - y0) ? abs(x - x0) : abs(y - y0);
        for (int32_t i = 1; i <= steps; i++)
            editor_paint(es->ed, x0 + (x - x0) * i / steps, y0 + (y - y0) * i / steps,
                         (tile_kind_t)es->tile);
        es->drag_x = x;
        es->drag_y = y;
    } else if (es->tool == EDSCR_SELECT && es->selected >= 0) {
        editor_move(es->ed, es->selected, x - es->drag_x, y - es->drag_y);
    }
}

static void tool_up(edscr_t *es, int32_t x, int32_t y, bool shift)
{
    if (!es->dragging) return;
    es->dragging = false;
    bool ok = true;
    if (es->tool == EDSCR_PAINT || es->tool == EDSCR_SELECT) {
        editor_end(es->ed);
    } else if (es->tool == EDSCR_RECT) {
        ok = editor_rect(es->ed, es->drag_x, es->drag_y, x, y, (tile_kind_t)es->tile, shift);
    } else if (es->tool == EDSCR_THING) {
        int32_t x0 = es->drag_x < x ? es->drag_x : x, y0 = es->drag_y < y ? es->drag_y : y;
        int32_t i = editor_place(es->ed, es->kind, x0, y0, abs(x - es->drag_x) + 1,
                                 abs(y - es->drag_y) + 1);
        ok = i >= 0;
        if (ok) es->selected = i;
    }
    status_from_editor(es, ok);
}

/* ---- the panel ------------------------------------------------------------------ */

/* The rows of the selected thing's form: "name", "w", "h", then its
 * properties by the schema. */
static int32_t object_rows(const edscr_t *es, const char **keys, int32_t *props)
{
    const level_object_t *o = &lvl(es)->objects[es->selected];
    const kind_schema_t *k = level_kind(o->kind);
    int32_t n = 0;
    keys[n] = "name";
    props[n++] = -1;
    if (k->place == PLACE_AREA) {
        keys[n] = "w";
        props[n++] = -1;
        keys[n] = "h";
        props[n++] = -1;
    }
    for (int32_t p = 0; p < k->prop_count && n < FORM_ROWS; p++) {
        keys[n] = k->props[p].key;
        props[n++] = p;
    }
    return n;
}

static void row_value(const edscr_t *es, int32_t row, char *buf, size_t cap)
{
    const level_t *l = lvl(es);
    buf[0] = '\0';
    if (es->form == EDSCR_FORM_LEVEL) {
        const char *key = level_rows[row];
        if (strcmp(key, "name") == 0) snprintf(buf, cap, "%s", l->name);
        if (strcmp(key, "author") == 0) snprintf(buf, cap, "%s", l->author);
        if (strcmp(key, "story") == 0) snprintf(buf, cap, "%s", l->story);
        if (strcmp(key, "time") == 0) snprintf(buf, cap, "%d", (int)l->time_s);
        if (strcmp(key, "par") == 0) snprintf(buf, cap, "%d", (int)l->par_s);
        if (strcmp(key, "music") == 0) snprintf(buf, cap, "%s", l->music);
        if (strcmp(key, "seed") == 0) snprintf(buf, cap, "%u", (unsigned)l->seed);
        if (strcmp(key, "hour") == 0) snprintf(buf, cap, "%s", l->hour);
        if (strcmp(key, "place") == 0) snprintf(buf, cap, "%s", l->place);
        if (strcmp(key, "ambient") == 0) snprintf(buf, cap, "%d", (int)l->ambient);
        if (strcmp(key, "medals") == 0 && l->medal_s[LEVEL_MEDAL_GOLD] > 0)
            snprintf(buf, cap, "%d %d %d", (int)l->medal_s[LEVEL_MEDAL_BRONZE],
                     (int)l->medal_s[LEVEL_MEDAL_SILVER], (int)l->medal_s[LEVEL_MEDAL_GOLD]);
        if (strcmp(key, "width") == 0) snprintf(buf, cap, "%d", (int)l->w);
        if (strcmp(key, "height") == 0) snprintf(buf, cap, "%d", (int)l->h);
        return;
    }
    if (es->selected < 0) return;
    const char *keys[FORM_ROWS];
    int32_t props[FORM_ROWS];
    int32_t n = object_rows(es, keys, props);
    if (row >= n) return;
    const level_object_t *o = &l->objects[es->selected];
    if (props[row] >= 0)
        editor_prop_value(es->ed, es->selected, props[row], buf, cap);
    else if (keys[row][0] == 'n')
        snprintf(buf, cap, "%s", o->name);
    else
        snprintf(buf, cap, "%d", (int)(keys[row][0] == 'w' ? o->w : o->h));
}

/* Sets a form row from text; false (with the editor's word) if refused. */
static bool row_set(edscr_t *es, int32_t row, const char *value)
{
    bool ok;
    if (es->form == EDSCR_FORM_LEVEL) {
        const char *key = level_rows[row];
        const level_t *l = lvl(es);
        if (strcmp(key, "width") == 0 || strcmp(key, "height") == 0) {
            int v = atoi(value);
            bool w = key[0] == 'w';
            ok = editor_resize(es->ed, w ? v : l->w, w ? l->h : v, 0, 0, TILE_SIDEWALK);
        } else {
            ok = editor_set_key(es->ed, key, value);
        }
    } else {
        const char *keys[FORM_ROWS];
        int32_t props[FORM_ROWS];
        int32_t n = object_rows(es, keys, props);
        ok = row < n && editor_set_prop(es->ed, es->selected, keys[row], value);
    }
    status_from_editor(es, ok);
    if (ok) set_status(es, "Set.");
    return ok;
}

/* A row of words (an enum, true/false, the music) steps through them with
 * a click; any other row is typed into. */
static void row_click(edscr_t *es, int32_t row, int dir)
{
    const char *const *words = NULL;
    int32_t count = 0, cur = 0;
    static const char *const bools[] = {"false", "true"};
    char v[LEVEL_TEXT_BYTES + 1];
    row_value(es, row, v, sizeof v);
    if (es->form == EDSCR_FORM_LEVEL) {
        if (strcmp(level_rows[row], "music") == 0) {
            words = music_words;
            count = (int32_t)(sizeof music_words / sizeof music_words[0]);
        }
    } else if (es->selected >= 0) {
        const char *keys[FORM_ROWS];
        int32_t props[FORM_ROWS];
        object_rows(es, keys, props);
        if (props[row] >= 0) {
            const prop_schema_t *ps =
                &level_kind(lvl(es)->objects[es->selected].kind)->props[props[row]];
            if (ps->type == PROP_BOOL) {
                words = bools;
                count = 2;
            } else if (ps->type == PROP_ENUM) {
                words = ps->words;
                while (words[count]) count++;
            }
        }
    }
    if (words) {
        for (int32_t i = 0; i < count; i++)
            if (strcmp(words[i], v) == 0) cur = i;
        row_set(es, row, words[(cur + dir + count) % count]);
        return;
    }
    es->edit_row = row;
    snprintf(es->edit, sizeof es->edit, "%s", v);
    SDL_StartTextInput();
}

static void edit_finish(edscr_t *es, bool commit)
{
    if (es->edit_row < 0) return;
    int32_t row = es->edit_row;
    es->edit_row = -1;
    if (!commit) return;
    if (es->form == EDSCR_FORM_OPEN) {
        snprintf(es->open_path, sizeof es->open_path, "%s", es->edit);
        return;
    }
    if (es->form == EDSCR_FORM_SAVE) {
        char clean[EDSCR_FILE_MAX];
        /* A level still called what a new one is called takes the name typed
         * for its file: the level select lists it by that. */
        if (strcmp(lvl(es)->name, EDSCR_NEW_NAME) == 0 && es->edit[0])
            editor_set_key(es->ed, "name", es->edit);
        name_to_file(es->edit, clean, sizeof clean);
        snprintf(es->file_name, sizeof es->file_name, "%s", clean);
        return;
    }
    row_set(es, row, es->edit);
}

static edscr_result_t save(edscr_t *es)
{
    if (!es->save_dir[0]) {
        set_status(es, "There is no level folder to save into.");
        return EDSCR_NONE;
    }
    char path[EDSCR_PATH_MAX];
    snprintf(path, sizeof path, "%s%s.mml", es->save_dir, es->file_name);
    /* Another level of the player's is never replaced without asking. */
    if (files_exists(path) && strcmp(path, es->own_path) != 0 &&
        strcmp(path, es->confirm_path) != 0) {
        snprintf(es->confirm_path, sizeof es->confirm_path, "%s", path);
        char s[160];
        snprintf(s, sizeof s, "%s.mml is one of your levels already: Enter again replaces it.",
                 es->file_name);
        set_status(es, s);
        es->edit_row = 0;
        snprintf(es->edit, sizeof es->edit, "%s", es->file_name);
        SDL_StartTextInput();
        return EDSCR_NONE;
    }
    snprintf(es->saved_path, sizeof es->saved_path, "%s", path);
    bool ok = editor_save(es->ed, es->saved_path);
    set_status(es, editor_message(es->ed));
    if (!ok) {
        es->checks_open = true;
        return EDSCR_NONE;
    }
    es->saved_rev = editor_revision(es->ed);
    snprintf(es->own_path, sizeof es->own_path, "%s", path);
    es->confirm_path[0] = '\0';
    es->form = EDSCR_FORM_NONE;
    char s[sizeof es->status];
    snprintf(s, sizeof s, "%s: the level select lists it under Custom levels.",
             editor_message(es->ed));
    set_status(es, s);
    return EDSCR_SAVED;
}

#ifdef __EMSCRIPTEN__
void mm_web_download(const char *path, const char *name); /* tools/web/library.js */
#endif

/* Hands the player the saved file (the browser's "Download"); on the
 * desktop the file is in the level folder already, and this says where. */
static void download(edscr_t *es)
{
    if (!es->saved_path[0] || editor_revision(es->ed) != es->saved_rev) {
        set_status(es, "Save first (Ctrl+S), then Ctrl+D hands you the file.");
        return;
    }
    char s[EDSCR_PATH_MAX + 32];
#ifdef __EMSCRIPTEN__
    mm_web_download(es->saved_path, files_basename(es->saved_path));
    snprintf(s, sizeof s, "Downloading %s.", files_basename(es->saved_path));
#else
    snprintf(s, sizeof s, "The file is %s", es->saved_path);
#endif
    set_status(es, s);
}

static void start_save(edscr_t *es)
{
    es->form = EDSCR_FORM_SAVE;
    es->edit_row = 0;
    snprintf(es->edit, sizeof es->edit, "%s", es->file_name);
    /* Never saved, and named since: offer the name given in the level form. */
    if (!es->own_path[0] && strcmp(es->file_name, "my-level") == 0 &&
        strcmp(lvl(es)->name, EDSCR_NEW_NAME) != 0)
        name_to_file(lvl(es)->name, es->edit, sizeof es->edit);
    SDL_StartTextInput();
    set_status(es, "Type the file's name, Enter saves it in your level folder.");
}

static edscr_result_t play(edscr_t *es, bool from_cursor)
{
    editor_report_t *r = calloc(1, sizeof *r);
    level_free(es->play);
    es->play =
        editor_play_copy(es->ed, from_cursor ? es->cur_x : -1, from_cursor ? es->cur_y : -1, r);
    if (!es->play) {
        char s[256];
        snprintf(s, sizeof s, "Not playable yet: %s",
                 r && r->count ? r->items[0].message : "out of memory");
        set_status(es, s);
        if (r && r->count) jump_to(es, r->items[0].tx, r->items[0].ty);
        es->checks_open = true;
    }
    free(r);
    return es->play ? EDSCR_PLAY : EDSCR_NONE;
}

level_t *edscr_take_play(edscr_t *es)
{
    level_t *l = es->play;
    es->play = NULL;
    return l;
}

void edscr_back(edscr_t *es)
{
    es->dragging = es->panning = false;
    es->have_preview = false; /* the renderer's effects were the game's */
    set_status(es, "Back in the editor, where you left it.");
}

/* ---- Open: another level, the campaign's as a copy ------------------------------ */

void edscr_set_levels(edscr_t *es, const struct campaign_entry *levels, int32_t count)
{
    es->levels = levels;
    es->level_count = levels ? count : 0;
}

/* What an Open row is: a level of the list (its index) or one of these. */
enum { OPEN_HEAD_CAMPAIGN = -1, OPEN_HEAD_CUSTOM = -2, OPEN_NONE_YET = -3, OPEN_PATH = -4 };

/* The Open list's rows: the campaign under its heading, the player's levels
 * under theirs, and on the desktop a path to type. */
static int32_t open_rows(const edscr_t *es, int32_t *rows)
{
    int32_t n = 0, custom = 0;
    rows[n++] = OPEN_HEAD_CAMPAIGN;
    for (int32_t i = 0; i < es->level_count && n < OPEN_MAX - 3; i++)
        if (!es->levels[i].custom) rows[n++] = i;
    rows[n++] = OPEN_HEAD_CUSTOM;
    for (int32_t i = 0; i < es->level_count && n < OPEN_MAX - 2; i++)
        if (es->levels[i].custom) {
            rows[n++] = i;
            custom++;
        }
    if (!custom) rows[n++] = OPEN_NONE_YET;
#ifndef __EMSCRIPTEN__
    rows[n++] = OPEN_PATH; /* the browser has no files of the player's to name */
#endif
    return n;
}

static bool open_row_choosable(int32_t row)
{
    return row >= 0 || row == OPEN_PATH;
}

/* Keeps the chosen row in the rows shown. */
static void open_scroll_to(edscr_t *es, int32_t count)
{
    if (es->open_sel < es->open_top) es->open_top = es->open_sel;
    if (es->open_sel >= es->open_top + OPEN_ROWS) es->open_top = es->open_sel - OPEN_ROWS + 1;
    if (es->open_top > count - OPEN_ROWS) es->open_top = count - OPEN_ROWS;
    if (es->open_top < 0) es->open_top = 0;
}

static void start_open(edscr_t *es)
{
    int32_t rows[OPEN_MAX], n = open_rows(es, rows);
    es->form = EDSCR_FORM_OPEN;
    es->edit_row = -1;
    es->open_armed = -1;
    es->open_error[0] = '\0';
    if (es->open_sel < 0 || es->open_sel >= n || !open_row_choosable(rows[es->open_sel]))
        es->open_sel = 1; /* the campaign's first level */
    open_scroll_to(es, n);
    set_status(es, "Open: click a level (the game's own open as copies). Esc goes back.");
}

/* Opens a level file in place of the one being edited. A level of the
 * player's (a text file in the level folder) is edited as itself, saved
 * over; any other (the campaign's, a Tiled map, a file named by its path) is
 * a copy, saved into the level folder under a name of its own. A file that
 * does not load changes nothing: why is shown, at its line and column. */
static bool open_file(edscr_t *es, const char *path, const char *shown)
{
    level_diags_t *d = calloc(1, sizeof *d);
    level_t *lv = d ? level_file_load(path, d) : NULL;
    if (!lv) {
        size_t n = 0;
        es->open_error[0] = '\0';
        for (int32_t i = 0; d && i < d->count && n + 1 < sizeof es->open_error; i++) {
            if (d->items[i].severity != LEVEL_ERROR) continue;
            level_file_format_diag(es->open_error + n, sizeof es->open_error - n, shown,
                                   &d->items[i]);
            n = strlen(es->open_error);
            if (n + 3 < sizeof es->open_error) memcpy(es->open_error + n++, " ", 2);
        }
        if (!es->open_error[0]) snprintf(es->open_error, sizeof es->open_error, "out of memory");
        char s[sizeof es->status];
        snprintf(s, sizeof s, "Cannot open it: %s", es->open_error);
        set_status(es, s);
        free(d);
        return false;
    }
    free(d);
    size_t dir_len = strlen(es->save_dir);
    const char *ext = strrchr(files_basename(path), '.');
    bool own = dir_len > 0 && strncmp(path, es->save_dir, dir_len) == 0 &&
               !strchr(path + dir_len, '/') && ext && strcmp(ext, ".mml") == 0;
    char name[EDSCR_FILE_MAX] = "", dir[EDSCR_PATH_MAX];
    if (own)
        snprintf(name, sizeof name, "%.*s", (int)(ext - files_basename(path)),
                 files_basename(path));
    snprintf(dir, sizeof dir, "%s", es->save_dir); /* edscr_open starts from nothing */
    const struct campaign_entry *levels = es->levels;
    int32_t count = es->level_count, sel = es->open_sel, top = es->open_top;
    char typed[EDSCR_PATH_MAX];
    snprintf(typed, sizeof typed, "%s", es->open_path);
    bool ok = edscr_open(es, lv, dir, own ? name : NULL);
    level_free(lv);
    if (!ok) return false;
    edscr_set_levels(es, levels, count);
    es->open_sel = sel;
    es->open_top = top;
    snprintf(es->open_path, sizeof es->open_path, "%s", typed);
    char s[sizeof es->status];
    if (own)
        snprintf(s, sizeof s, "Opened %s: Ctrl+S saves over it.", shown);
    else
        snprintf(s, sizeof s, "Opened a copy of %s: Ctrl+S saves it in your levels as %s.mml.",
                 shown, es->file_name);
    set_status(es, s);
    return true;
}

/* An Open row clicked (or Enter on it). With changes unsaved, the first
 * choice asks; the same choice again drops them. */
static void open_choose(edscr_t *es, int32_t row_index)
{
    int32_t rows[OPEN_MAX], n = open_rows(es, rows);
    if (row_index < 0 || row_index >= n || !open_row_choosable(rows[row_index])) return;
    es->open_sel = row_index;
    int32_t row = rows[row_index];
    if (row == OPEN_PATH) {
        es->edit_row = 0;
        snprintf(es->edit, sizeof es->edit, "%s", es->open_path);
        SDL_StartTextInput();
        set_status(es, "Type the level file's path, Enter opens it (a copy unless it is yours).");
        return;
    }
    if (editor_revision(es->ed) != es->saved_rev && es->open_armed != row_index) {
        es->open_armed = row_index;
        set_status(es, "Your changes are not saved: choose it again to drop them, or Esc "
                       "and Ctrl+S to save first.");
        return;
    }
    es->open_armed = -1;
    open_file(es, es->levels[row].file, files_basename(es->levels[row].file));
}

/* The typed path, Enter pressed. */
static void open_typed(edscr_t *es)
{
    snprintf(es->open_path, sizeof es->open_path, "%s", es->edit);
    if (!es->open_path[0]) return;
    if (editor_revision(es->ed) != es->saved_rev && es->open_armed != OPEN_PATH) {
        es->open_armed = OPEN_PATH;
        set_status(es, "Your changes are not saved: Enter on the path again drops them.");
        return;
    }
    es->open_armed = -1;
    open_file(es, es->open_path, es->open_path);
}

static void open_move(edscr_t *es, int dir)
{
    int32_t rows[OPEN_MAX], n = open_rows(es, rows);
    int32_t i = es->open_sel;
    do i += dir;
    while (i >= 0 && i < n && !open_row_choosable(rows[i]));
    if (i >= 0 && i < n) es->open_sel = i;
    es->open_armed = -1;
    open_scroll_to(es, n);
}

static void draw_open(edscr_t *es, render_t *rd, int x0)
{
    int32_t rows[OPEN_MAX], n = open_rows(es, rows);
    open_scroll_to(es, n);
    label(rd, "Open a level (Ctrl+O)", x0, PALETTE_Y, PANEL_W - 4, col_cyan);
    int shown = es->open_error[0] ? OPEN_ROWS - 6 : OPEN_ROWS;
    for (int32_t r = 0; r < shown && es->open_top + r < n; r++) {
        int32_t i = es->open_top + r, row = rows[i];
        int y = FORM_Y + r * ROW_H;
        char s[LEVEL_NAME_BYTES + 64];
        SDL_Color c = col_text;
        switch (row) {
        case OPEN_HEAD_CAMPAIGN:
            snprintf(s, sizeof s, "The Mile (opens a copy)");
            c = col_cyan;
            break;
        case OPEN_HEAD_CUSTOM:
            snprintf(s, sizeof s, "Custom levels (yours)");
            c = col_cyan;
            break;
        case OPEN_NONE_YET:
            snprintf(s, sizeof s, "  none yet: Ctrl+S makes one");
            c = col_dim;
            break;
        case OPEN_PATH:
            if (es->edit_row >= 0)
                snprintf(s, sizeof s, "%s_", es->edit);
            else
                snprintf(s, sizeof s, "Type a file's path...");
            c = es->edit_row >= 0 ? col_amber : col_dim;
            break;
        default:
            snprintf(s, sizeof s, "  %s",
                     es->levels[row].name[0] ? es->levels[row].name
                                             : files_basename(es->levels[row].file));
            break;
        }
        if (i == es->open_sel)
            render_fill(rd, PANEL_X + 1, y, PANEL_W - 1, ROW_H,
                        es->open_armed == i ? (SDL_Color){150, 40, 60, 255}
                                            : (SDL_Color){80, 40, 140, 255});
        label(rd, s, x0, y, PANEL_W - 4, c);
    }
    if (n > shown) { /* more above or below: the wheel or the arrows reach them */
        if (es->open_top > 0) label(rd, "^", PANEL_X + PANEL_W - 8, FORM_Y, 6, col_dim);
        if (es->open_top + shown < n)
            label(rd, "v", PANEL_X + PANEL_W - 8, FORM_Y + (shown - 1) * ROW_H, 6, col_dim);
    }
    if (es->open_error[0])
        label_wrapped(rd, es->open_error, x0, FORM_Y + shown * ROW_H + 2, PANEL_W - 4, 6,
                      col_error);
}

/* ---- Size: grow or cut any side ------------------------------------------------ */

static const char *const side_names[4] = {"top", "bottom", "left", "right"};

/* One row or column more (grow) or less on a side; what is on the map moves
 * with its tiles, and the view and cursor with them. One undo step. */
static void size_side(edscr_t *es, int side, bool grow)
{
    const level_t *l = lvl(es);
    int32_t d = grow ? 1 : -1, w = l->w, h = l->h, dx = 0, dy = 0;
    if (side < 2)
        h += d;
    else
        w += d;
    if (side == 0) dy = d;
    if (side == 2) dx = d;
    bool ok = editor_resize(es->ed, w, h, dx, dy, (tile_kind_t)es->tile);
    status_from_editor(es, ok);
    if (!ok) return;
    es->cur_x += dx;
    es->cur_y += dy;
    es->cam_x += dx * PX_TILE;
    es->cam_y += dy * PX_TILE;
    if (es->cur_x < 0) es->cur_x = 0;
    if (es->cur_y < 0) es->cur_y = 0;
    if (es->cur_x >= w) es->cur_x = w - 1;
    if (es->cur_y >= h) es->cur_y = h - 1;
    clamp_camera(es);
    char s[160];
    snprintf(s, sizeof s, "%s the %s: the map is %d x %d tiles (Ctrl+Z undoes).",
             grow ? "Grew" : "Cut", side_names[side], (int)w, (int)h);
    set_status(es, s);
}

static void start_size(edscr_t *es)
{
    es->form = EDSCR_FORM_SIZE;
    es->edit_row = -1;
    set_status(es, "Size: grow or cut the map at any side; things move with their tiles.");
}

/* The Size form's buttons: a side's row, "cut" then "grow". */
#define SIZE_CUT_X 40
#define SIZE_GROW_X 83
#define SIZE_BUTTON_W 42

static void draw_size(edscr_t *es, render_t *rd, int x0)
{
    const level_t *l = lvl(es);
    char s[120];
    snprintf(s, sizeof s, "Size: %d x %d tiles", (int)l->w, (int)l->h);
    label(rd, s, x0, PALETTE_Y, PANEL_W - 4, col_cyan);
    for (int side = 0; side < 4; side++) {
        int y = FORM_Y + side * SIZE_ROW_H;
        label(rd, side_names[side], x0, y + 1, SIZE_CUT_X - 4, col_text);
        for (int b = 0; b < 2; b++) {
            int x = PANEL_X + (b ? SIZE_GROW_X : SIZE_CUT_X);
            render_fill(rd, x, y, SIZE_BUTTON_W, TOOL_H + 1, (SDL_Color){30, 20, 70, 255});
            frame_rect(rd, x, y, SIZE_BUTTON_W, TOOL_H + 1, col_edge);
            label(rd, b ? "+ grow" : "- cut", x + 3, y + 1, SIZE_BUTTON_W - 4, col_text);
        }
    }
    int y = FORM_Y + 4 * SIZE_ROW_H + 4;
    snprintf(s, sizeof s, "New tiles: %s", level_tile_info((tile_kind_t)es->tile)->name);
    label(rd, s, x0, y, PANEL_W - 4, col_amber);
    label_wrapped(rd,
                  "(the palette's tile: Tab changes it). Things, paths and areas move with "
                  "their tiles; what a cut leaves off the map goes, and Ctrl+Z brings it back.",
                  x0, y + ROW_H, PANEL_W - 4, 6, col_dim);
}

static bool size_click(edscr_t *es, int px, int y)
{
    int side = (y - FORM_Y) / SIZE_ROW_H;
    if (y < FORM_Y || side >= 4 || (y - FORM_Y) % SIZE_ROW_H > TOOL_H) return false;
    if (px >= SIZE_CUT_X && px < SIZE_CUT_X + SIZE_BUTTON_W) size_side(es, side, false);
    if (px >= SIZE_GROW_X && px < SIZE_GROW_X + SIZE_BUTTON_W) size_side(es, side, true);
    return true;
}

/* Esc (or a pad's Back): ends what is under way, else leaves, asking once
 * when there are unsaved changes. */
static edscr_result_t back_or_leave(edscr_t *es)
{
    if (es->dragging || es->link_from >= 0 || es->path >= 0 || es->form != EDSCR_FORM_NONE) {
        if (es->dragging) tool_up(es, es->cur_x, es->cur_y, false);
        es->link_from = es->path = -1;
        es->form = EDSCR_FORM_NONE;
        return EDSCR_NONE;
    }
    if (editor_revision(es->ed) != es->saved_rev && !es->leave_armed) {
        es->leave_armed = true;
        set_status(es, es->device == EDSCR_DEV_PAD ? "Not saved: Back again leaves without saving."
                       : es->device == EDSCR_DEV_TOUCH
                           ? "Not saved: Pause again leaves without saving, Save keeps it."
                           : "Not saved: Esc again leaves without saving, Ctrl+S saves.");
        return EDSCR_NONE;
    }
    return EDSCR_LEAVE;
}

/* ---- Help: every key and button, in the panel ------------------------------------ */

static const char *const help_lines[] = {
    "Making a level",
    "1  Ground: pick a tile in the palette, click or drag on the map.",
    "2  Things: the Thing tool, pick one, click the map (drag: an area).",
    "    Harry and Julie: one each; placing one again moves them.",
    "3  Select a thing: drag moves it, Del deletes, the panel sets it.",
    "4  Path: select a cop or a lane, then click the points it follows.",
    "5  Link: click a key, then its door; a trigger, then its target.",
    "6  Play (F6) tests it from Harry's start, F5 from the cursor; F5 back.",
    "7  Save (Ctrl+S) keeps it: the level select lists it under Custom levels.",
    "",
    "Mouse: left the tool, right picks a tile or ends a path, middle: the view",
    "Arrows move the cursor, Space uses the tool, Tab: next tile or thing",
    "P paint  R rect  F fill  I pick  O things  V select  T path  L link",
    "Ctrl+Z undo  Ctrl+Y redo  Ctrl+O open  G grid  K the checker's messages",
    "E the level: its name, story, clock, par, music and seed",
    "Buttons: Undo, Redo, Grid, Open, Size (grow or cut a side), Help, Level,",
    "    Save, Play. A pad: the d-pad, A uses, X next, Y undo, Start plays, B back",
    "",
    "Any key or click closes this; F1 shows it again.",
};

/* Over the map, where there is room for it. */
static void draw_help(render_t *rd)
{
    render_fill(rd, 0, 0, VIEW_W, VIEW_H, (SDL_Color){8, 5, 24, 236});
    frame_rect(rd, 0, 0, VIEW_W, VIEW_H, col_edge);
    int y = 4;
    for (size_t i = 0; i < sizeof help_lines / sizeof help_lines[0]; i++) {
        SDL_Color c = i == 0                                                 ? col_cyan
                      : (help_lines[i][0] >= '1' && help_lines[i][0] <= '7') ? col_text
                                                                             : col_dim;
        y += label_wrapped(rd, help_lines[i], 6, y, VIEW_W - 10, 2, c) * ROW_H + 2;
        if (!help_lines[i][0]) y += ROW_H / 2;
    }
}

/* Which panel control is at (x, y): the tools, the palette, the form rows,
 * the buttons. Returns true when it was one. */
static bool panel_click(edscr_t *es, int x, int y, int button, edscr_result_t *res)
{
    if (x < PANEL_X || y >= BAR_Y) return false;
    int px = x - PANEL_X;
    if (y < PALETTE_Y - 2) {
        int t = (y - TOOL_Y) / (TOOL_H + 1) * 4 + px / TOOL_W;
        if (t >= 0 && t < EDSCR_TOOL_COUNT) {
            es->tool = (edscr_tool_t)t;
            es->form = EDSCR_FORM_NONE;
            es->link_from = -1;
            if (t != EDSCR_PATH) es->path = -1;
            set_status(es, tool_help[t]);
        }
        return true;
    }
    if (y >= BUTTONS3_Y && y < BUTTONS3_Y + TOOL_H) {
        int b = px / BUTTON_W;
        if (b == 0)
            set_status(es, editor_undo(es->ed) ? "Undone." : "Nothing to undo.");
        else if (b == 1)
            set_status(es, editor_redo(es->ed) ? "Redone." : "Nothing to redo.");
        else
            es->grid = !es->grid;
        return true;
    }
    if (y >= BUTTONS2_Y && y < BUTTONS2_Y + TOOL_H) {
        int b = px / BUTTON_W;
        edit_finish(es, false);
        SDL_StopTextInput();
        if (b == 0)
            es->form == EDSCR_FORM_OPEN ? (void)(es->form = EDSCR_FORM_NONE) : start_open(es);
        else if (b == 1)
            es->form == EDSCR_FORM_SIZE ? (void)(es->form = EDSCR_FORM_NONE) : start_size(es);
        else if (b == 2)
            es->form = es->form == EDSCR_FORM_HELP ? EDSCR_FORM_NONE : EDSCR_FORM_HELP;
        return true;
    }
    if (y >= BUTTONS_Y && y < BUTTONS_Y + TOOL_H) {
        int b = px / BUTTON_W;
        if (b == 0) {
            es->form = es->form == EDSCR_FORM_LEVEL ? EDSCR_FORM_NONE : EDSCR_FORM_LEVEL;
            es->edit_row = -1;
        } else if (b == 1) {
            start_save(es);
        } else {
            *res = play(es, false);
        }
        return true;
    }
    if (es->form == EDSCR_FORM_OPEN) {
        if (y >= FORM_Y) open_choose(es, es->open_top + (y - FORM_Y) / ROW_H);
        return true;
    }
    if (es->form == EDSCR_FORM_SIZE) {
        size_click(es, px, y);
        return true;
    }
    if (es->form == EDSCR_FORM_LEVEL || (es->tool == EDSCR_SELECT && es->selected >= 0)) {
        if (es->form == EDSCR_FORM_SAVE) return true;
        int32_t row = (y - FORM_Y) / ROW_H;
        int32_t rows = LEVEL_ROWS;
        if (es->form != EDSCR_FORM_LEVEL) {
            const char *keys[FORM_ROWS];
            int32_t props[FORM_ROWS];
            rows = object_rows(es, keys, props);
        }
        if (y >= FORM_Y && row < rows) {
            edit_finish(es, true);
            row_click(es, row, button == SDL_BUTTON_RIGHT ? -1 : 1);
        }
        return true;
    }
    if (is_tile_tool(es->tool)) {
        int32_t i = (y - PALETTE_Y) / PX_TILE * PALETTE_COLS + px / PX_TILE;
        if (y >= PALETTE_Y && i >= 0 && i < TILE_KIND_COUNT) {
            es->tile = i;
            if (es->tool == EDSCR_PICK) es->tool = EDSCR_PAINT;
        }
        return true;
    }
    if (es->tool == EDSCR_THING) {
        int32_t i = palette_at(x, y, KIND_PALETTE_Y, placeable_count());
        if (i >= 0) es->kind = placeable_kind(i);
        return true;
    }
    return true;
}

/* ---- events ----------------------------------------------------------------------- */

static void move_cursor(edscr_t *es, int dx, int dy)
{
    const level_t *l = lvl(es);
    es->cur_x += dx;
    es->cur_y += dy;
    if (es->cur_x < 0) es->cur_x = 0;
    if (es->cur_y < 0) es->cur_y = 0;
    if (es->cur_x >= l->w) es->cur_x = l->w - 1;
    if (es->cur_y >= l->h) es->cur_y = l->h - 1;
    if (es->dragging) tool_drag(es, es->cur_x, es->cur_y);
    follow_cursor(es);
}

static edscr_result_t key_down(edscr_t *es, const SDL_KeyboardEvent *k)
{
    SDL_Keycode key = k->keysym.sym;
    bool ctrl = (k->keysym.mod & (KMOD_CTRL | KMOD_GUI)) != 0;
    bool shift = (k->keysym.mod & KMOD_SHIFT) != 0;
    if (es->edit_row >= 0) {
        if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
            bool saving = es->form == EDSCR_FORM_SAVE, opening = es->form == EDSCR_FORM_OPEN;
            edit_finish(es, true);
            SDL_StopTextInput();
            if (saving) return save(es);
            if (opening) open_typed(es);
        } else if (key == SDLK_ESCAPE) {
            edit_finish(es, false);
            SDL_StopTextInput();
            if (es->form == EDSCR_FORM_SAVE) es->form = EDSCR_FORM_NONE;
        } else if (key == SDLK_BACKSPACE) {
            size_t n = strlen(es->edit);
            while (n > 0 && ((unsigned char)es->edit[n - 1] & 0xc0) == 0x80) n--;
            if (n > 0) n--;
            es->edit[n] = '\0';
        }
        return EDSCR_NONE;
    }
    if (key != SDLK_ESCAPE) es->leave_armed = false;
    if (es->form == EDSCR_FORM_HELP && key != SDLK_F1) {
        /* Any key closes it; only a command (Ctrl+S, F5...) goes on to do
         * what it does: a Space that closed the page must not paint where
         * the cursor happens to be. */
        es->form = EDSCR_FORM_NONE;
        if (!ctrl && !(key >= SDLK_F1 && key <= SDLK_F12)) return EDSCR_NONE;
    }
    if (ctrl && key == SDLK_z) {
        bool ok = shift ? editor_redo(es->ed) : editor_undo(es->ed);
        set_status(es, ok ? (shift ? "Redone." : "Undone.") : "Nothing to do.");
        return EDSCR_NONE;
    }
    if (ctrl && key == SDLK_y) {
        set_status(es, editor_redo(es->ed) ? "Redone." : "Nothing to redo.");
        return EDSCR_NONE;
    }
    if (ctrl && key == SDLK_s) {
        start_save(es);
        return EDSCR_NONE;
    }
    if (ctrl && key == SDLK_d) {
        download(es);
        return EDSCR_NONE;
    }
    if (ctrl && key == SDLK_o) {
        es->form == EDSCR_FORM_OPEN ? (void)(es->form = EDSCR_FORM_NONE) : start_open(es);
        return EDSCR_NONE;
    }
    if (key == SDLK_F1) {
        es->form = es->form == EDSCR_FORM_HELP ? EDSCR_FORM_NONE : EDSCR_FORM_HELP;
        return EDSCR_NONE;
    }
    if (es->form == EDSCR_FORM_OPEN && (key == SDLK_UP || key == SDLK_DOWN)) {
        open_move(es, key == SDLK_UP ? -1 : 1);
        return EDSCR_NONE;
    }
    if (es->form == EDSCR_FORM_OPEN && (key == SDLK_RETURN || key == SDLK_KP_ENTER)) {
        open_choose(es, es->open_sel);
        return EDSCR_NONE;
    }
    switch (key) {
    case SDLK_F5:
        return play(es, !shift);
    case SDLK_F6:
        return play(es, false);
    case SDLK_ESCAPE:
        return back_or_leave(es);
    case SDLK_UP:
        move_cursor(es, 0, -1);
        break;
    case SDLK_DOWN:
        move_cursor(es, 0, 1);
        break;
    case SDLK_LEFT:
        move_cursor(es, -1, 0);
        break;
    case SDLK_RIGHT:
        move_cursor(es, 1, 0);
        break;
    case SDLK_SPACE:
        if (!k->repeat) tool_down(es, es->cur_x, es->cur_y, shift);
        break;
    case SDLK_RETURN:
        if (es->path >= 0) {
            es->path = -1;
            set_status(es, "Path done.");
        }
        break;
    case SDLK_DELETE:
    case SDLK_BACKSPACE:
        if (es->selected >= 0) {
            status_from_editor(es, editor_delete(es->ed, es->selected));
            es->selected = -1;
        }
        break;
    case SDLK_TAB:
        if (es->tool == EDSCR_THING) {
            do es->kind = (es->kind + (shift ? level_kind_count() - 1 : 1)) % level_kind_count();
            while (!level_kind(es->kind)->placeable);
        } else {
            es->tile = (es->tile + (shift ? TILE_KIND_COUNT - 1 : 1)) % TILE_KIND_COUNT;
        }
        break;
    case SDLK_g:
        es->grid = !es->grid;
        break;
    case SDLK_k:
        es->checks_open = !es->checks_open;
        break;
    case SDLK_p:
        es->tool = EDSCR_PAINT;
        break;
    case SDLK_r:
        es->tool = EDSCR_RECT;
        break;
    case SDLK_f:
        es->tool = EDSCR_FILL;
        break;
    case SDLK_i:
        es->tool = EDSCR_PICK;
        break;
    case SDLK_o:
        es->tool = EDSCR_THING;
        break;
    case SDLK_v:
        es->tool = EDSCR_SELECT;
        break;
    case SDLK_t:
        es->tool = EDSCR_PATH;
        break;
    case SDLK_l:
        if (es->tool == EDSCR_PATH && es->path >= 0)
            editor_path_loop(es->ed, es->path, !lvl(es)->paths[es->path].loop);
        else
            es->tool = EDSCR_LINK;
        break;
    case SDLK_e:
        es->form = es->form == EDSCR_FORM_LEVEL ? EDSCR_FORM_NONE : EDSCR_FORM_LEVEL;
        break;
    default:
        break;
    }
    if (key == SDLK_p || key == SDLK_r || key == SDLK_f || key == SDLK_i || key == SDLK_o ||
        key == SDLK_v || key == SDLK_t || (key == SDLK_l && es->tool == EDSCR_LINK)) {
        es->link_from = -1;
        if (es->tool != EDSCR_PATH) es->path = -1;
        set_status(es, tool_help[es->tool]);
    }
    return EDSCR_NONE;
}

edscr_result_t edscr_event(edscr_t *es, SDL_Renderer *r, const SDL_Event *e)
{
    if (!es->ed) return EDSCR_LEAVE;
    refresh(es);
    edscr_result_t res = EDSCR_NONE;
    int lx = 0, ly = 0;
    int32_t tx = 0, ty = 0;
    bool shift = (SDL_GetModState() & KMOD_SHIFT) != 0;
    switch (e->type) {
    case SDL_KEYDOWN:
        return key_down(es, &e->key);
    case SDL_KEYUP:
        if (e->key.keysym.sym == SDLK_SPACE && es->dragging)
            tool_up(es, es->cur_x, es->cur_y, (e->key.keysym.mod & KMOD_SHIFT) != 0);
        return EDSCR_NONE;
    case SDL_TEXTINPUT:
        if (es->edit_row >= 0) {
            size_t n = strlen(es->edit), add = strlen(e->text.text);
            if (n + add < sizeof es->edit) memcpy(es->edit + n, e->text.text, add + 1);
        }
        return EDSCR_NONE;
    case SDL_MOUSEMOTION:
        edscr_to_logical(r, e->motion.x, e->motion.y, &lx, &ly);
        if (es->panning) {
            es->cam_x -= lx - es->mouse_x;
            es->cam_y -= ly - es->mouse_y;
            clamp_camera(es);
        }
        es->mouse_x = lx;
        es->mouse_y = ly;
        if (!es->panning && view_tile(es, lx, ly, &tx, &ty)) {
            const level_t *l = lvl(es);
            if (tx >= 0 && ty >= 0 && tx < l->w && ty < l->h) {
                es->cur_x = tx;
                es->cur_y = ty;
            }
            if (es->dragging) tool_drag(es, es->cur_x, es->cur_y);
        }
        return EDSCR_NONE;
    case SDL_MOUSEBUTTONDOWN:
        edscr_to_logical(r, e->button.x, e->button.y, &lx, &ly);
        es->mouse_x = lx;
        es->mouse_y = ly;
        es->leave_armed = false;
        if (es->edit_row >= 0 && es->form != EDSCR_FORM_SAVE) {
            edit_finish(es, true);
            SDL_StopTextInput();
        }
        if (es->form == EDSCR_FORM_HELP) {
            es->form = EDSCR_FORM_NONE; /* a click on the panel still does what it says */
            bool help_button =
                ly >= BUTTONS2_Y && ly < BUTTONS2_Y + TOOL_H && (lx - PANEL_X) / BUTTON_W == 2;
            if (lx < PANEL_X || ly >= BAR_Y || help_button) return EDSCR_NONE;
        }
        if (panel_click(es, lx, ly, e->button.button, &res)) return res;
        /* The checker's lines, over the bottom of the view. */
        if (es->checks_open && es->report.count > 0) {
            int rows = es->report.count < CHECK_ROWS ? es->report.count : CHECK_ROWS;
            int top = VIEW_H - rows * ROW_H - 2;
            if (ly >= top && ly < VIEW_H && lx < VIEW_W) {
                int i = (ly - top) / ROW_H;
                if (i >= 0 && i < rows) {
                    es->check_sel = i;
                    jump_to(es, es->report.items[i].tx, es->report.items[i].ty);
                }
                return EDSCR_NONE;
            }
        }
        if (e->button.button == SDL_BUTTON_MIDDLE) {
            es->panning = true;
            return EDSCR_NONE;
        }
        if (!view_tile(es, lx, ly, &tx, &ty)) return EDSCR_NONE;
        {
            const level_t *l = lvl(es);
            if (tx < 0 || ty < 0 || tx >= l->w || ty >= l->h) return EDSCR_NONE;
        }
        es->cur_x = tx;
        es->cur_y = ty;
        if (e->button.button == SDL_BUTTON_RIGHT) {
            /* Right: the eyedropper for tiles; ends a path; drops a link. */
            if (es->path >= 0) {
                es->path = -1;
                set_status(es, "Path done.");
            } else if (is_tile_tool(es->tool)) {
                es->tile = editor_pick(es->ed, tx, ty);
            } else {
                es->selected = editor_object_at(es->ed, tx, ty);
                es->link_from = -1;
            }
            return EDSCR_NONE;
        }
        if (e->button.button == SDL_BUTTON_LEFT) tool_down(es, tx, ty, shift);
        return EDSCR_NONE;
    case SDL_MOUSEBUTTONUP:
        edscr_to_logical(r, e->button.x, e->button.y, &lx, &ly);
        if (e->button.button == SDL_BUTTON_MIDDLE) es->panning = false;
        if (e->button.button == SDL_BUTTON_LEFT) tool_up(es, es->cur_x, es->cur_y, shift);
        return EDSCR_NONE;
    case SDL_CONTROLLERBUTTONDOWN:
        /* A gamepad moves the cursor and uses the tool: the d-pad, A to
         * use, X for the next tile or kind, Y to undo, Start to play. In
         * Open the d-pad chooses a level, A opens it, B goes back. */
        if (es->form == EDSCR_FORM_OPEN && es->edit_row < 0) {
            Uint8 b = e->cbutton.button;
            if (b == SDL_CONTROLLER_BUTTON_DPAD_UP || b == SDL_CONTROLLER_BUTTON_DPAD_DOWN)
                open_move(es, b == SDL_CONTROLLER_BUTTON_DPAD_UP ? -1 : 1);
            else if (b == SDL_CONTROLLER_BUTTON_A)
                open_choose(es, es->open_sel);
            else if (b == SDL_CONTROLLER_BUTTON_B)
                es->form = EDSCR_FORM_NONE;
            if (b != SDL_CONTROLLER_BUTTON_START) return EDSCR_NONE;
        }
        switch (e->cbutton.button) {
        case SDL_CONTROLLER_BUTTON_DPAD_UP:
            move_cursor(es, 0, -1);
            break;
        case SDL_CONTROLLER_BUTTON_DPAD_DOWN:
            move_cursor(es, 0, 1);
            break;
        case SDL_CONTROLLER_BUTTON_DPAD_LEFT:
            move_cursor(es, -1, 0);
            break;
        case SDL_CONTROLLER_BUTTON_DPAD_RIGHT:
            move_cursor(es, 1, 0);
            break;
        case SDL_CONTROLLER_BUTTON_A:
            tool_down(es, es->cur_x, es->cur_y, false);
            tool_up(es, es->cur_x, es->cur_y, false);
            break;
        case SDL_CONTROLLER_BUTTON_X:
            if (es->tool == EDSCR_THING) {
                do es->kind = (es->kind + 1) % level_kind_count();
                while (!level_kind(es->kind)->placeable);
            } else {
                es->tile = (es->tile + 1) % TILE_KIND_COUNT;
            }
            break;
        case SDL_CONTROLLER_BUTTON_Y:
            set_status(es, editor_undo(es->ed) ? "Undone." : "Nothing to undo.");
            break;
        case SDL_CONTROLLER_BUTTON_START:
            return play(es, true);
        case SDL_CONTROLLER_BUTTON_BACK:
        case SDL_CONTROLLER_BUTTON_B:
            return back_or_leave(es);
        default:
            break;
        }
        return EDSCR_NONE;
    case SDL_MOUSEWHEEL:
        if (es->form == EDSCR_FORM_OPEN && es->mouse_x >= PANEL_X) {
            open_move(es, e->wheel.y > 0 ? -1 : 1);
            return EDSCR_NONE;
        }
        if (shift)
            es->cam_x -= e->wheel.y * PX_TILE * 2;
        else
            es->cam_y -= e->wheel.y * PX_TILE * 2;
        es->cam_x += e->wheel.x * PX_TILE * 2;
        clamp_camera(es);
        return EDSCR_NONE;
    default:
        return EDSCR_NONE;
    }
}

/* ---- drawing ----------------------------------------------------------------------- */

/* Kinds play does not draw (or not until they act): the editor outlines
 * them and says what they are. */
static bool unseen_kind(int32_t kind)
{
    return kind == KIND_LANE || kind == KIND_TRIGGER || kind == KIND_WIND || kind == KIND_FIRE ||
           kind == KIND_CRASH || kind == KIND_PAYPHONE || kind == KIND_HELICOPTER;
}

static SDL_Color kind_colour(int32_t kind)
{
    switch (kind) {
    case KIND_TRIGGER:
        return (SDL_Color){90, 230, 255, 200};
    case KIND_WIND:
        return (SDL_Color){200, 220, 255, 200};
    case KIND_LANE:
        return (SDL_Color){255, 230, 90, 220};
    case KIND_FIRE:
    case KIND_CRASH:
        return (SDL_Color){255, 120, 50, 220};
    default:
        return (SDL_Color){255, 70, 200, 220};
    }
}

static void draw_line(render_t *rd, int x0, int y0, int x1, int y1, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, c.a);
    SDL_RenderDrawLine(rd->r, x0, y0, x1, y1);
}

static void draw_overlays(edscr_t *es, render_t *rd, uint32_t frame)
{
    const level_t *l = lvl(es);
    int cx = es->cam_x, cy = es->cam_y;
    SDL_Rect clip = {0, 0, VIEW_W, VIEW_H};
    SDL_RenderSetClipRect(rd->r, &clip);
    if (es->grid) {
        SDL_Color g = {255, 255, 255, 28};
        for (int32_t x = 0; x <= l->w; x++)
            render_fill(rd, x * PX_TILE - cx, -cy, 1, l->h * PX_TILE, g);
        for (int32_t y = 0; y <= l->h; y++)
            render_fill(rd, -cx, y * PX_TILE - cy, l->w * PX_TILE, 1, g);
    }
    /* The map's edge (a wall in play). */
    frame_rect(rd, -cx - 1, -cy - 1, l->w * PX_TILE + 2, l->h * PX_TILE + 2, col_edge);
    /* Paths, with their points. */
    for (int32_t i = 0; i < l->path_count; i++) {
        const level_path_t *p = &l->paths[i];
        SDL_Color c = i == es->path ? col_amber : (SDL_Color){90, 230, 255, 170};
        int segs = p->loop ? p->count : p->count - 1;
        for (int32_t s = 0; s < segs && p->count > 1; s++) {
            int32_t b = (s + 1) % p->count;
            draw_line(rd, p->x[s] * PX_TILE + 8 - cx, p->y[s] * PX_TILE + 8 - cy,
                      p->x[b] * PX_TILE + 8 - cx, p->y[b] * PX_TILE + 8 - cy, c);
        }
        for (int32_t j = 0; j < p->count; j++)
            render_fill(rd, p->x[j] * PX_TILE + 6 - cx, p->y[j] * PX_TILE + 6 - cy, 4, 4, c);
        if (p->count > 0)
            label(rd, p->name, p->x[0] * PX_TILE + 2 - cx, p->y[0] * PX_TILE - 9 - cy, 80, c);
    }
    /* Things play does not show, and every link. */
    for (int32_t i = 0; i < l->object_count; i++) {
        const level_object_t *o = &l->objects[i];
        int x = o->x * PX_TILE - cx, y = o->y * PX_TILE - cy;
        SDL_Color c = kind_colour(o->kind);
        if (unseen_kind(o->kind) || level_kind(o->kind)->place == PLACE_AREA) {
            frame_rect(rd, x, y, o->w * PX_TILE, o->h * PX_TILE, c);
            label(rd, level_kind(o->kind)->name, x + 2, y + 2, o->w * PX_TILE + 40, c);
        }
        const kind_schema_t *k = level_kind(o->kind);
        for (int32_t p = 0; p < k->prop_count; p++) {
            if (k->props[p].type != PROP_OBJECT || !o->set[p]) continue;
            for (int32_t j = 0; j < l->object_count; j++) {
                const level_object_t *t = &l->objects[j];
                if (!t->name[0] || strcmp(t->name, o->refs[p]) != 0) continue;
                draw_line(rd, x + o->w * 8, y + o->h * 8, t->x * PX_TILE + t->w * 8 - cx,
                          t->y * PX_TILE + t->h * 8 - cy, col_neon);
            }
        }
    }
    if (es->selected >= 0) {
        const level_object_t *o = &l->objects[es->selected];
        frame_rect(rd, o->x * PX_TILE - cx - 1, o->y * PX_TILE - cy - 1, o->w * PX_TILE + 2,
                   o->h * PX_TILE + 2, col_amber);
    }
    if (es->link_from >= 0) {
        const level_object_t *o = &l->objects[es->link_from];
        draw_line(rd, o->x * PX_TILE + 8 - cx, o->y * PX_TILE + 8 - cy,
                  es->cur_x * PX_TILE + 8 - cx, es->cur_y * PX_TILE + 8 - cy, col_neon);
    }
    /* A rectangle or an area being dragged out. */
    if (es->dragging && (es->tool == EDSCR_RECT || es->tool == EDSCR_THING)) {
        int32_t x0 = es->drag_x < es->cur_x ? es->drag_x : es->cur_x;
        int32_t y0 = es->drag_y < es->cur_y ? es->drag_y : es->cur_y;
        int32_t w = abs(es->cur_x - es->drag_x) + 1, h = abs(es->cur_y - es->drag_y) + 1;
        frame_rect(rd, x0 * PX_TILE - cx, y0 * PX_TILE - cy, w * PX_TILE, h * PX_TILE, col_cyan);
    }
    /* The cursor, pulsing so it is found on any ground. */
    Uint8 a = (Uint8)(160 + (frame / 4) % 12 * 8);
    frame_rect(rd, es->cur_x * PX_TILE - cx, es->cur_y * PX_TILE - cy, PX_TILE, PX_TILE,
               (SDL_Color){255, 255, 255, a});
    SDL_RenderSetClipRect(rd->r, NULL);
}

static void draw_checks(edscr_t *es, render_t *rd)
{
    if (!es->checks_open || es->report.count == 0) return;
    int rows = es->report.count < CHECK_ROWS ? es->report.count : CHECK_ROWS;
    int top = VIEW_H - rows * ROW_H - 2;
    render_fill(rd, 0, top - 1, VIEW_W, rows * ROW_H + 3, col_panel_bg);
    render_fill(rd, 0, top - 1, VIEW_W, 1, col_edge);
    for (int i = 0; i < rows; i++) {
        const editor_note_t *n = &es->report.items[i];
        char s[260];
        if (n->tx >= 0)
            snprintf(s, sizeof s, "%d,%d: %s", (int)n->tx, (int)n->ty, n->message);
        else
            snprintf(s, sizeof s, "%s", n->message);
        if (i == es->check_sel)
            render_fill(rd, 0, top + i * ROW_H, VIEW_W, ROW_H, (SDL_Color){80, 40, 140, 200});
        label(rd, s, 3, top + i * ROW_H, VIEW_W - 6,
              n->severity == LEVEL_ERROR ? col_error : col_warn);
    }
}

/* A sprite in a palette's cell, shrunk to fit (a bus is longer than a tile). */
static void sprite_in_cell(render_t *rd, const SDL_Rect *src, int x, int y)
{
    if (!src || !rd->assets->sheet) return;
    int w = src->w, h = src->h, big = w > h ? w : h;
    if (big > PX_TILE) {
        w = w * PX_TILE / big;
        h = h * PX_TILE / big;
    }
    SDL_Rect dst = {x + (PX_TILE - w) / 2, y + (PX_TILE - h) / 2, w, h};
    SDL_RenderCopy(rd->r, rd->assets->sheet, src, &dst);
}

static void draw_panel(edscr_t *es, render_t *rd)
{
    const level_t *l = lvl(es);
    render_fill(rd, PANEL_X, 0, PANEL_W, VIEW_H, col_panel_bg);
    render_fill(rd, PANEL_X, 0, 1, VIEW_H, col_edge);
    for (int t = 0; t < EDSCR_TOOL_COUNT; t++) {
        int x = PANEL_X + 1 + (t % 4) * TOOL_W, y = TOOL_Y + (t / 4) * (TOOL_H + 1);
        bool on = (int)es->tool == t;
        render_fill(rd, x, y, TOOL_W - 1, TOOL_H,
                    on ? (SDL_Color){120, 50, 190, 255} : (SDL_Color){30, 20, 70, 255});
        label(rd, tool_names[t], x + 2, y, TOOL_W - 3, on ? col_text : col_dim);
    }
    char s[LEVEL_TEXT_BYTES + 64];
    int x0 = PANEL_X + 2;
    if (es->form == EDSCR_FORM_OPEN) {
        draw_open(es, rd, x0);
    } else if (es->form == EDSCR_FORM_SIZE) {
        draw_size(es, rd, x0);
    } else if (es->form == EDSCR_FORM_LEVEL || es->form == EDSCR_FORM_SAVE ||
               (es->tool == EDSCR_SELECT && es->selected >= 0)) {
        const char *keys[FORM_ROWS] = {NULL};
        int32_t props[FORM_ROWS] = {0};
        int32_t rows = LEVEL_ROWS;
        if (es->form == EDSCR_FORM_SAVE) {
            label(rd, "Save as (in your levels):", x0, PALETTE_Y, PANEL_W - 4, col_cyan);
            snprintf(s, sizeof s, "%s%s.mml", es->edit_row >= 0 ? es->edit : es->file_name,
                     es->edit_row >= 0 ? "_" : "");
            label(rd, s, x0, FORM_Y, PANEL_W - 4, col_amber);
            label(rd, "Enter saves, Esc cancels", x0, FORM_Y + 2 * ROW_H, PANEL_W - 4, col_dim);
            rows = 0;
        } else if (es->form == EDSCR_FORM_LEVEL) {
            label(rd, "The level (click to change)", x0, PALETTE_Y, PANEL_W - 4, col_cyan);
        } else {
            const level_object_t *o = &l->objects[es->selected];
            snprintf(s, sizeof s, "%s at %d,%d", level_kind(o->kind)->name, (int)o->x, (int)o->y);
            label(rd, s, x0, PALETTE_Y, PANEL_W - 4, col_cyan);
            rows = object_rows(es, keys, props);
        }
        for (int32_t r = 0; r < rows; r++) {
            const char *key = es->form == EDSCR_FORM_LEVEL ? level_rows[r] : keys[r];
            char v[LEVEL_TEXT_BYTES + 1];
            if (r == es->edit_row)
                snprintf(v, sizeof v, "%s_", es->edit);
            else
                row_value(es, r, v, sizeof v);
            int y = FORM_Y + r * ROW_H;
            if (r == es->edit_row)
                render_fill(rd, PANEL_X + 1, y, PANEL_W - 1, ROW_H, (SDL_Color){80, 40, 140, 255});
            label(rd, key, x0, y, 44, col_dim);
            label(rd, v, x0 + 46, y, PANEL_W - 50, r == es->edit_row ? col_amber : col_text);
        }
        /* What the property is for, from the schema. */
        if (es->form == EDSCR_FORM_NONE && es->edit_row >= 0 && props[es->edit_row] >= 0) {
            const prop_schema_t *ps =
                &level_kind(l->objects[es->selected].kind)->props[props[es->edit_row]];
            label_wrapped(rd, ps->doc, x0, FORM_Y + FORM_ROWS * ROW_H + 2, PANEL_W - 4, 2, col_dim);
        }
    } else if (is_tile_tool(es->tool)) {
        for (int32_t i = 0; i < TILE_KIND_COUNT; i++) {
            int x = PANEL_X + (i % PALETTE_COLS) * PX_TILE,
                y = PALETTE_Y + i / PALETTE_COLS * PX_TILE;
            if (rd->tile[i]) render_sprite(rd, rd->tile[i], x, y);
            if (i == es->tile) frame_rect(rd, x, y, PX_TILE, PX_TILE, col_amber);
        }
        int y = PALETTE_Y + (TILE_KIND_COUNT + PALETTE_COLS - 1) / PALETTE_COLS * PX_TILE + 2;
        int32_t hover = palette_at(es->mouse_x, es->mouse_y, PALETTE_Y, TILE_KIND_COUNT);
        const tile_info_t *ti = level_tile_info((tile_kind_t)(hover >= 0 ? hover : es->tile));
        snprintf(s, sizeof s, "%s ('%c')%s", ti->name, ti->symbol, ti->solid ? ", solid" : "");
        label(rd, s, x0, y, PANEL_W - 4, hover >= 0 ? col_text : col_amber);
        label_wrapped(rd, tool_help[es->tool], x0, y + ROW_H, PANEL_W - 4, 3, col_dim);
    } else if (es->tool == EDSCR_THING) {
        label(rd, "Things (Tab: next)", x0, PALETTE_Y, PANEL_W - 4, col_cyan);
        int32_t n = 0;
        for (int32_t k = 0; k < level_kind_count(); k++) {
            if (!level_kind(k)->placeable) continue;
            int x = PANEL_X + (n % PALETTE_COLS) * PX_TILE,
                y = KIND_PALETTE_Y + n / PALETTE_COLS * PX_TILE;
            render_fill(rd, x + 1, y + 1, PX_TILE - 2, PX_TILE - 2, (SDL_Color){40, 30, 80, 255});
            sprite_in_cell(rd, render_kind_frame(rd, k), x, y);
            if (k == es->kind) frame_rect(rd, x, y, PX_TILE, PX_TILE, col_amber);
            n++;
        }
        int32_t hover = palette_at(es->mouse_x, es->mouse_y, KIND_PALETTE_Y, n);
        int32_t shown = hover >= 0 ? placeable_kind(hover) : es->kind;
        int y = KIND_PALETTE_Y + (n + PALETTE_COLS - 1) / PALETTE_COLS * PX_TILE + 2;
        const kind_schema_t *ks = level_kind(shown);
        snprintf(s, sizeof s, "%s%s", ks->name, ks->place == PLACE_AREA ? " (drag an area)" : "");
        label(rd, s, x0, y, PANEL_W - 4, hover >= 0 ? col_text : col_amber);
        label_wrapped(rd, ks->doc, x0, y + ROW_H, PANEL_W - 4, 8, col_dim);
    } else {
        label_wrapped(rd, tool_help[es->tool], x0, PALETTE_Y, PANEL_W - 4, 4, col_dim);
    }
    static const char *const buttons[] = {"Open", "Size", "Help", "Level", "Save",
                                          "Play", "Undo", "Redo", "Grid"};
    static const edscr_form_t button_form[] = {EDSCR_FORM_OPEN,  EDSCR_FORM_SIZE, EDSCR_FORM_HELP,
                                               EDSCR_FORM_LEVEL, EDSCR_FORM_SAVE, EDSCR_FORM_NONE};
    for (int b = 0; b < 9; b++) {
        int x = PANEL_X + 1 + b % 3 * BUTTON_W, y = b < 3   ? BUTTONS2_Y
                                                    : b < 6 ? BUTTONS_Y
                                                            : BUTTONS3_Y;
        bool on = (b < 5 && es->form == button_form[b]) || (b == 8 && es->grid);
        render_fill(rd, x, y, BUTTON_W - 1, TOOL_H,
                    on ? (SDL_Color){120, 50, 190, 255} : (SDL_Color){30, 20, 70, 255});
        label(rd, buttons[b], x + 3, y, BUTTON_W - 4, col_text);
    }
    int32_t warnings = es->report.count - es->report.errors;
    snprintf(s, sizeof s, "%d error%s, %d warning%s (K)", (int)es->report.errors,
             es->report.errors == 1 ? "" : "s", (int)warnings, warnings == 1 ? "" : "s");
    label(rd, s, x0, BUTTONS_Y + TOOL_H + 2, PANEL_W - 4,
          es->report.errors ? col_error : (warnings ? col_warn : col_cyan));
}

static void draw_bar(edscr_t *es, render_t *rd)
{
    const level_t *l = lvl(es);
    render_fill(rd, 0, BAR_Y, RENDER_W, RENDER_H - BAR_Y, col_panel_bg);
    render_fill(rd, 0, BAR_Y, RENDER_W, 1, col_edge);
    char s[300];
    int32_t t = editor_pick(es->ed, es->cur_x, es->cur_y);
    int32_t o = editor_object_at(es->ed, es->cur_x, es->cur_y);
    snprintf(s, sizeof s, "%s  %d,%d %s%s%s  %dx%d  %s%s", tool_names[es->tool], (int)es->cur_x,
             (int)es->cur_y, t >= 0 ? level_tile_info((tile_kind_t)t)->name : "",
             o >= 0 ? ", " : "", o >= 0 ? level_kind(l->objects[o].kind)->name : "", (int)l->w,
             (int)l->h, es->file_name,
             editor_revision(es->ed) != es->saved_rev ? ".mml *" : ".mml");
    label(rd, s, 3, BAR_Y + 1, RENDER_W - 6, col_text);
    const char *msg = es->status;
    if (es->check_sel >= 0 && es->check_sel < es->report.count)
        msg = es->report.items[es->check_sel].message;
    else if (!msg[0])
        msg = es->report.summary;
    label_wrapped(rd, msg, 3, BAR_Y + 1 + ROW_H, RENDER_W - 6, 1, col_amber);
    /* What to press, on the device last used (a touch or a pad has no F5). */
    static const char *const hints[] = {
        [EDSCR_DEV_KEYS] = "F5 play here  F6 from start  Ctrl+S save  Ctrl+O open  Ctrl+Z undo  "
                           "F1 help  Esc leave",
        [EDSCR_DEV_PAD] = "D-pad move  A use  X next tile  Y undo  Start play here  B back",
        [EDSCR_DEV_TOUCH] = "Tap a tool, then the map (drag to paint)  Play, Save, Undo: the "
                            "panel  Pause: leave",
    };
    label(rd, hints[es->device], 3, BAR_Y + 1 + 2 * ROW_H, RENDER_W - 6, col_dim);
}

void edscr_draw(edscr_t *es, render_t *rd, uint32_t frame)
{
    if (!es->ed) return;
    refresh(es);
    if (es->have_preview) {
        bool fixed = rd->camera_fixed;
        int ox = rd->camera_x, oy = rd->camera_y;
        rd->camera_fixed = true;
        rd->camera_x = es->cam_x;
        rd->camera_y = es->cam_y;
        render_world(rd, es->preview, frame);
        rd->camera_fixed = fixed;
        rd->camera_x = ox;
        rd->camera_y = oy;
    } else {
        render_fill(rd, 0, 0, RENDER_W, RENDER_H, (SDL_Color){8, 6, 20, 255});
    }
    draw_overlays(es, rd, frame);
    draw_checks(es, rd);
    if (es->form == EDSCR_FORM_HELP) draw_help(rd);
    draw_panel(es, rd);
    draw_bar(es, rd);
}
