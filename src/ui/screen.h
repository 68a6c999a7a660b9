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
#include "platform/audio.h"
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
    UI_REQ_QUIT, /* quit the game */
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

    /* The screens' own. */
    int title_sel; /* 0: the Mile, 1: the whole night */
    int menu_sel;  /* the select's level */
    int pause_sel, options_sel;
    screen_t options_return; /* where Options goes back to */

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
} screen_ops_t;

/* The screen table (ui/screen.c). */
const screen_ops_t *screen_ops(screen_t s);
/* The screen's name, for traces and the page ("title", "select", ...). */
const char *screen_name(screen_t s);

/* Asking the app for something (one request per call; a later one wins). */
void ui_request(ui_ctx_t *ctx, ui_request_kind_t kind, int arg);
void ui_go(ui_ctx_t *ctx, screen_t s);

/* The rules the screens share, each in one place. */
/* Whether menu entry i may be played: the first level, the player's own,
 * and every level whose one before it has been won. */
bool ui_level_unlocked(const ui_ctx_t *ctx, int i);
/* Whether menu entry i is one of the player's own levels. */
bool ui_is_custom(const ui_ctx_t *ctx, int i);
/* Whether every campaign level has been won: the whole night is open. */
bool ui_night_unlocked(const ui_ctx_t *ctx);

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

/* The screens (ui/scr_*.c). */
extern const screen_ops_t scr_title_ops, scr_select_ops, scr_play_ops, scr_pause_ops,
    scr_results_ops, scr_error_ops, scr_options_ops, scr_card_ops, scr_ending_ops, scr_credits_ops;
/* The whole night's results (ui/night_results.c), drawn by the results screen. */
void night_results_draw(ui_ctx_t *ctx);

#endif
