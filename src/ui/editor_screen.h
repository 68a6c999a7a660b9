/* The editor screen: the editor's model (src/editor) drawn with the game's
 * own renderer (the level as it will be played, with its light), a palette
 * of every tile (its sprite and name) and every kind, the tools, a small
 * form for an object's properties and the level's keys, and the checker's
 * messages live. Mouse and keyboard; it takes SDL events and hands the app
 * back what to do next (test-play, leave). */
#ifndef MM_EDITOR_SCREEN_H
#define MM_EDITOR_SCREEN_H

#include <SDL.h>
#include <stdbool.h>

#include "editor/editor.h"
#include "platform/render.h"

#define EDSCR_PATH_MAX 1024
#define EDSCR_FILE_MAX 64

typedef enum edscr_result {
    EDSCR_NONE,
    EDSCR_PLAY,  /* test-play edscr_take_play()'s level; come back with edscr_back() */
    EDSCR_LEAVE, /* back to where the editor was opened from */
    EDSCR_SAVED, /* a file was written in the level folder: list the levels again */
} edscr_result_t;

typedef enum edscr_tool {
    EDSCR_PAINT,
    EDSCR_RECT,
    EDSCR_FILL,
    EDSCR_PICK,
    EDSCR_THING, /* place an object of a kind */
    EDSCR_SELECT,
    EDSCR_PATH,
    EDSCR_LINK,
    EDSCR_TOOL_COUNT
} edscr_tool_t;

typedef enum edscr_form {
    EDSCR_FORM_NONE,
    EDSCR_FORM_LEVEL, /* the level's keys and size */
    EDSCR_FORM_SAVE,  /* the file name */
    EDSCR_FORM_OPEN,  /* the levels to open: the campaign's (as copies), the player's, a path */
    EDSCR_FORM_SIZE,  /* grow or cut the map on each of its four sides */
    EDSCR_FORM_HELP,  /* what every key and button does */
} edscr_form_t;

struct campaign_entry; /* ui/screen.h: one level the select offers */

/* The device last used, for the hints the editor shows. */
typedef enum edscr_device { EDSCR_DEV_KEYS, EDSCR_DEV_PAD, EDSCR_DEV_TOUCH } edscr_device_t;

typedef struct edscr {
    editor_t *ed;
    game_t *preview; /* the level as it will be played, rebuilt when it changes */
    level_t *preview_level;
    uint32_t preview_rev;
    editor_report_t report;
    uint32_t report_rev;
    bool have_preview, have_report;
    edscr_tool_t tool;
    int32_t tile, kind;
    int32_t cur_x, cur_y; /* the cursor's tile */
    int32_t cam_x, cam_y; /* the view's top-left, in pixels */
    bool grid, checks_open;
    int32_t selected; /* an object, or -1 */
    int32_t path;     /* the path being drawn, or -1 */
    int32_t link_from;
    /* A drag in the map: painting, a rectangle, an area, moving a thing. */
    bool dragging, panning;
    int32_t drag_x, drag_y;
    int32_t mouse_x, mouse_y; /* logical pixels */
    edscr_form_t form;
    int32_t edit_row; /* the form's row being typed into, or -1 */
    char edit[LEVEL_TEXT_BYTES + 1];
    char save_dir[EDSCR_PATH_MAX];
    char file_name[EDSCR_FILE_MAX]; /* without .mml */
    char saved_path[EDSCR_PATH_MAX];
    char own_path[EDSCR_PATH_MAX];     /* the file this level is (opened or saved as) */
    char confirm_path[EDSCR_PATH_MAX]; /* another file, asked once before replacing */
    uint32_t saved_rev;                /* the revision last saved (or opened) */
    bool leave_armed;                  /* Esc once more leaves without saving */
    char status[256];
    int32_t check_sel; /* the checker message shown in full, or -1 */
    level_t *play;     /* handed to the app by edscr_take_play */
    /* Open: the levels the select offers (the app's list, edscr_set_levels),
     * the row chosen, the first row shown, a row chosen once while changes
     * were unsaved (chosen again, they are dropped), why a file would not
     * open (file:line:col), the path typed last. */
    const struct campaign_entry *levels;
    int32_t level_count;
    int32_t open_sel, open_top, open_armed;
    char open_error[600];
    char open_path[EDSCR_PATH_MAX];
    edscr_device_t device;
} edscr_t;

/* Opens the editor on a copy of lv (NULL: a new level), saving into
 * save_dir under file_name (without ".mml"; NULL: from the level's name).
 * False when out of memory. */
bool edscr_open(edscr_t *es, const level_t *lv, const char *save_dir, const char *file_name);
void edscr_close(edscr_t *es);
/* The levels Open lists: the campaign's first, then the player's (custom). */
void edscr_set_levels(edscr_t *es, const struct campaign_entry *levels, int32_t count);
bool edscr_is_open(const edscr_t *es);
void edscr_set_device(edscr_t *es, edscr_device_t device);
/* One SDL event; mouse positions are turned into the logical picture's
 * pixels through the renderer's scale. */
edscr_result_t edscr_event(edscr_t *es, SDL_Renderer *r, const SDL_Event *e);
void edscr_draw(edscr_t *es, render_t *rd, uint32_t frame);
/* The level to test-play (the app frees it with level_free). */
level_t *edscr_take_play(edscr_t *es);
/* Back from test-play: the editor as it was left. */
void edscr_back(edscr_t *es);

/* A window position in the logical picture (RENDER_W x RENDER_H) as
 * render_present_scaled draws it: scaled by a whole number, centred. */
void edscr_to_logical(SDL_Renderer *r, int wx, int wy, int *lx, int *ly);

#endif
