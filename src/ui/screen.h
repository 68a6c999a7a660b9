/* The screens around play, each its own module behind one narrow interface:
 * a screen gets the menu actions and a context (ui_ctx_t) it may read and
 * change, and draws itself. The app (platform/app.c) owns the loop, fills
 * the context, carries out what a screen asks for (ui_request_t) and
 * switches screens; no screen sees the app. */
#ifndef MM_SCREEN_H
#define MM_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "game/game.h"
#include "game/night.h"
#include "game/save.h"
#include "level/level.h"
#include "game/medal.h"
#include "platform/audio.h"
#include "platform/input.h"
#include "platform/race.h"
#include "platform/render.h"
#include "platform/settings.h"
#include "ui/story.h"
#include "ui/text.h"

#define UI_PATH_MAX 1024
#define UI_MAX_ERROR_LINES 10
#define UI_ERROR_LINE 256

typedef enum screen {
    SCREEN_TITLE,
    SCREEN_SELECT,
    SCREEN_PLAY,
    SCREEN_PAUSE,
    SCREEN_RESULTS,
    SCREEN_ERROR,
    SCREEN_OPTIONS,
    SCREEN_CARD,   /* the story card before a level (ui/story.c) */
    SCREEN_ENDING, /* an ending's scene, then the credits */
    SCREEN_CREDITS,
    SCREEN_CONTROLS, /* Options > Controls: remapping keys and buttons */
    SCREEN_ASSISTS,  /* the assists' page, from Options or the pause menu */
    SCREEN_EDITOR,   /* the level editor (ui/editor_screen.c) */
    SCREEN_COUNT
} screen_t;

/* One level the select offers: a campaign level or one of the player's. */
typedef struct campaign_entry {
    char file[UI_PATH_MAX];
    char id[SAVE_ID_MAX + 1];
    char name[LEVEL_NAME_BYTES + 1];
    char author[LEVEL_NAME_BYTES + 1];
    bool custom; /* from the player's level folder */
    int32_t time_s, par_s;
    bool ok; /* it loaded when the menu was built */
    /* Its medals (level keys 'medals' and 'expert'; 0: the default). */
    int32_t medal_s[LEVEL_MEDALS];
    int32_t expert_ticks;
} campaign_entry_t;

/* What a screen asks the app to do, once its actions are handled. */
typedef enum ui_request_kind {
    UI_REQ_NONE,
    UI_REQ_SCREEN,        /* switch to screen (its music, its clock from 0) */
    UI_REQ_CLOSE_OPTIONS, /* Options done: its settings saved, back where it opened */
    UI_REQ_OPTIONS,       /* open Options; Back returns to this screen */
    UI_REQ_START_LEVEL,   /* play menu entry arg (its card first) */
    UI_REQ_RESTART,       /* the level again from its start */
    UI_REQ_RETRY,         /* R: in a night run the try costs its seconds */
    UI_REQ_RESUME,        /* back into play from the pause; arg 1: not counting the pause */
    UI_REQ_PAUSE,         /* pause the level in play */
    UI_REQ_QUIT_LEVEL,    /* leave the level (its recording written) for the menu */
    UI_REQ_BACK_TO_MENU,
    UI_REQ_NIGHT_BEGIN, /* the whole night from its first level */
    UI_REQ_NIGHT_NEXT,  /* the night's next level */
    UI_REQ_ERROR_BACK,  /* leave the error screen */
    UI_REQ_AFTER_CREDITS,
    UI_REQ_QUIT,          /* quit the game */
    UI_REQ_ASSISTS,       /* open the assists' page; Back returns to this screen */
    UI_REQ_CLOSE_ASSISTS, /* the page done: its settings saved, back where it opened */
    /* The editor: a new level; the level in play (a copy); test-play its
     * level; leave it; a file saved (the level list read again). */
    UI_REQ_EDITOR_NEW,
    UI_REQ_EDITOR_EDIT,
    UI_REQ_EDITOR_PLAY,
    UI_REQ_EDITOR_LEAVE,
    UI_REQ_EDITOR_SAVED,
} ui_request_kind_t;

typedef struct ui_request {
    ui_request_kind_t kind;
    screen_t screen; /* UI_REQ_SCREEN */
    int arg;
} ui_request_t;

/* What screens may read and change. The app points the first block at what
 * it owns once, and copies the second block in before every call to a
 * screen; the third block is the screens' own, kept between visits. */
typedef struct ui_ctx {
    /* Drawing, text and sound. */
    render_t *render;
    text_cache_t *text;
    audio_t *audio;
    /* The player's settings: Options changes them and sets
     * settings_changed (the app applies them, and saves them on leaving). */
    settings_t *settings;
    bool settings_changed;
    const save_t *save;
    const char *save_warning;         /* a save that failed, said on the results */
    const campaign_entry_t *campaign; /* campaign levels, then custom ones */
    const level_t *level;             /* the level in play (NULL before any) */
    const game_t *game;
    const char *level_id;
    const night_t *night;
    const save_night_t *night_rival; /* the best night as this run began */
    const char (*errors)[UI_ERROR_LINE];
    const char *toast;
    /* The devices: their bindings (Controls changes them, then writes them
     * into settings), the last one used (what prompts name). */
    input_devices_t *input;
    const char *settings_warning; /* a settings file read with trouble: said on the title */
    const race_result_t *result;  /* the level's results (not a night's), once it ended */

    /* Copied in by the app. */
    screen_t screen;
    int campaign_count, custom_count;
    int campaign_index; /* -1: a level opened from a file */
    bool new_best;
    bool night_on, night_new_best;
    int error_count;
    bool reload_waiting; /* the error is a hot reload's: the game waits for a good save */
    uint32_t toast_frame;
    uint32_t frame;        /* displayed frames, for animation */
    uint32_t screen_frame; /* frames since the screen opened */
    uint32_t screen_time;  /* sixtieths of a second of the screen, by the clock */
    bool story_armed;      /* no key held from before: keys may skip a card or scene */
    story_ending_t ending; /* the one SCREEN_ENDING plays */
    const game_t *ghost;   /* the ghost raced in play (its Harry drawn), or NULL */

    /* The screens' own. */
    int title_sel; /* 0: the Mile, 1: the whole night */
    int menu_sel;  /* the select's level */
    int pause_sel, options_sel;
    screen_t options_return; /* where Options goes back to */
    bool options_resume;     /* back from Controls: Options keeps its row */
    int controls_sel;        /* Controls: the row */
    char controls_msg[160];  /* what became of the last change */
    uint32_t controls_msg_frame;
    uint32_t results_skip; /* sixtieths skipped of the reunion (a key pressed) */
    bool quit_asking;      /* the title asks "Quit Miracle Mile?" */
    char note[128];        /* a line the select says for a while (a locked level) */
    int note_sel;          /* the entry it is about: it goes when the choice moves */
    uint32_t note_frame;
    int assists_sel;
    screen_t assists_return; /* where the assists' page goes back to */
    struct edscr *editor;    /* the editor's screen (the app owns it) */
    bool editor_testing;     /* the level in play is the editor's, test-played */

    ui_request_t req; /* what the screen asks for (UI_REQ_NONE: nothing) */
} ui_ctx_t;

/* One screen: enter when it opens (may be NULL), actions for the menu
 * actions (action_t bits), tick once a frame before drawing (may be NULL),
 * draw into the logical picture. */
typedef struct screen_ops {
    void (*enter)(ui_ctx_t *ctx);
    void (*actions)(ui_ctx_t *ctx, uint32_t actions);
    void (*tick)(ui_ctx_t *ctx);
    void (*draw)(ui_ctx_t *ctx);
    /* The mouse (or a tap) over the picture's pixel (x, y); click: its
     * button went down there. May move the choice to what is under it
     * (hover) and returns the actions a click means (handled as if pressed;
     * 0: none). NULL: a click is "any key" (the cards, the scenes). */
    uint32_t (*pointer)(ui_ctx_t *ctx, int x, int y, bool click);
} screen_ops_t;

/* The screen table (ui/screen.c). */
const screen_ops_t *screen_ops(screen_t s);
/* The screen's name, for traces and the page ("title", "select", ...). */
const char *screen_name(screen_t s);

/* Asking the app for something (one request per call; a later one wins). */
void ui_request(ui_ctx_t *ctx, ui_request_kind_t kind, int arg);
void ui_go(ui_ctx_t *ctx, screen_t s);

/* Moves a menu's choice *sel to i (the mouse over row i), with the menu's
 * click when it moves. */
void ui_hover(ui_ctx_t *ctx, int *sel, int i);
/* A page of setting rows with "Back" after them (Options, Assists): moves
 * *sel by Up/Down; returns UI_ROWS_BACK for Back or Esc, the row to change by
 * *step (Left/Right, Enter as Right), or UI_ROWS_NONE. */
enum { UI_ROWS_NONE = -1, UI_ROWS_BACK = -2 };
int ui_setting_rows_actions(ui_ctx_t *ctx, int *sel, int settings, uint32_t a, int *step);
/* A prompt line as drawn by text_draw(font, ui_prompt(tmpl), x, y, align):
 * its parts are apart by two spaces or more, each starting with its key
 * ("{confirm} next level   {restart} retry" drawn as "Enter next level   R
 * retry"). The actions of the key whose part is at (px, py), by the
 * player's bindings, or 0. */
uint32_t ui_prompt_at(ui_ctx_t *ctx, font_id_t font, const char *tmpl, int x, int y,
                      text_align_t align, int px, int py);
/* Draws the prompt line as ui_prompt_at reads it: on two
 * lines, one under the other, when it is too wide for the picture (the
 * larger menu text). Returns the lines drawn. */
int ui_prompt_draw(ui_ctx_t *ctx, font_id_t font, const char *tmpl, int x, int y, SDL_Color c,
                   text_align_t align);
/* Whether (px, py) is in the rectangle. */
bool ui_in(int px, int py, int x, int y, int w, int h);
/* With MM_TRACE_SCREENS set, prints "ui " and the line (for the tests that
 * follow the game through its screens). */
void ui_trace(const char *fmt, ...);

/* The rules the screens share, each in one place. */
/* Whether menu entry i may be played: the first level, the player's own,
 * and every level whose one before it has been won. */
bool ui_level_unlocked(const ui_ctx_t *ctx, int i);
/* Whether menu entry i is one of the player's own levels. */
bool ui_is_custom(const ui_ctx_t *ctx, int i);
/* Whether every campaign level has been won: the whole night is open. */
bool ui_night_unlocked(const ui_ctx_t *ctx);
/* What menu entry i asks for each medal, and the medal its best earns. */
void ui_level_medals(const ui_ctx_t *ctx, int i, medal_times_t *out);
medal_t ui_level_medal(const ui_ctx_t *ctx, int i);
/* The medal the level keeps, an assisted run's when no unassisted run earned
 * one (*assisted then true; game/medal.h medal_kept). */
medal_t ui_level_medal_kept(const ui_ctx_t *ctx, int i, bool *assisted);

/* A line of prompts naming what the player presses on the device last used
 * (input_prompt_format's {confirm}, {pause}, {restart|confirm}, {any}...);
 * with no devices, today's keys. */
const char *ui_prompt(const ui_ctx_t *ctx, const char *tmpl, char *buf, size_t cap);

/* What the screens draw with. */
/* The Miracle Mile at night, under the menus. */
void ui_backdrop(ui_ctx_t *ctx);
/* The same in two parts: all but the cars (kept as a picture while
 * ui_backdrop_key stays the same), and the cars, along the street's bottom
 * 25 rows (y >= RENDER_H - 25), where nothing a menu draws over the
 * backdrop reaches, so they may come last. */
void ui_backdrop_still(ui_ctx_t *ctx);
void ui_backdrop_cars(ui_ctx_t *ctx);
uint64_t ui_backdrop_key(const ui_ctx_t *ctx);
/* A menu's panel: dark, with a violet edge. */
void ui_panel(ui_ctx_t *ctx, int x, int y, int w, int h);
/* A page over the level: the level's still under veil, and the page's
 * panel at (x, y, w, h), kept as one picture while neither changes. */
void ui_world_panel(ui_ctx_t *ctx, SDL_Color veil, int x, int y, int w, int h);

/* The screens (ui/scr_*.c). */
/* The editor takes the window's events as they come (the mouse, typed
 * text), not menu actions: the app hands them to it. */
extern const screen_ops_t scr_editor_ops;
void scr_editor_event(ui_ctx_t *ctx, const SDL_Event *e);
extern const screen_ops_t scr_title_ops, scr_select_ops, scr_play_ops, scr_pause_ops,
    scr_results_ops, scr_error_ops, scr_options_ops, scr_card_ops, scr_ending_ops, scr_credits_ops;
extern const screen_ops_t scr_controls_ops;
extern const screen_ops_t scr_assists_ops;
/* The whole night's results (ui/night_results.c), drawn by the results screen. */
void night_results_draw(ui_ctx_t *ctx);
/* The actions of its prompt's key at (x, y) (a click), or 0. */
uint32_t night_results_pointer(ui_ctx_t *ctx, int x, int y);

#endif
