/* The desktop and browser application: window, the fixed tick loop, and
 * which screen shows (each screen is its own module, ui/scr_*.c, behind
 * ui/screen.h). One app_frame() call is one displayed frame. */
#ifndef MM_APP_H
#define MM_APP_H

#include <SDL.h>
#include <stdbool.h>

#include "game/game.h"
#include "game/night.h"
#include "game/replay.h"
#include "game/save.h"
#include "platform/assets.h"
#include "platform/audio.h"
#include "platform/input.h"
#include "platform/race.h"
#include "platform/render.h"
#include "platform/settings.h"
#include "ui/editor_screen.h"
#include "ui/screen.h"
#include "ui/story.h"
#include "ui/text.h"

#define APP_MAX_CAMPAIGN 64 /* campaign and custom levels together */
#define APP_PATH_MAX UI_PATH_MAX
#define APP_MAX_ERROR_LINES UI_MAX_ERROR_LINES

typedef struct app_options {
    const char *level_file;  /* play one file, then quit */
    const char *record_path; /* write the run's inputs here */
    const char *data_dir;
    bool fullscreen;
    int quit_after_frames; /* for tests: 0 = never */
} app_options_t;

typedef struct app {
    app_options_t opt;
    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Texture *target; /* the logical picture, scaled up once a frame */
    assets_t assets;
    text_cache_t text;
    render_t render;
    audio_t audio;
    input_devices_t input;
    char data_dir[APP_PATH_MAX];
    char save_path[APP_PATH_MAX];
    char settings_path[APP_PATH_MAX];
    settings_t settings;
    char save_warning[256];     /* shown on the results screen when a save failed */
    char settings_warning[512]; /* the settings were read with trouble: on the title */
    save_t save;
    int campaign_count; /* campaign levels, then custom ones */
    int custom_count;
    campaign_entry_t campaign[APP_MAX_CAMPAIGN];
    char custom_dir[APP_PATH_MAX];
    /* Hot reload: the level file's stamp, checked every few frames. */
    long long level_stamp;
    bool reload_waiting; /* the file is broken; waiting for a good save */
    char toast[160];
    uint32_t toast_frame;
    screen_t screen;
    level_t *level;
    char level_path[APP_PATH_MAX];
    char level_id[SAVE_ID_MAX + 1];
    int campaign_index; /* -1 when playing a file from the command line */
    game_t game;
    replay_t *rec;
    uint64_t last_counter;
    /* MM_TRACE_FPS=1: the frames shown each second, printed ("fps N") */
    bool trace_fps;
    uint64_t fps_from;
    uint32_t fps_frames;
    uint64_t acc; /* nanoseconds times 60, so a tick is exactly 1e9 */
    uint32_t frame;
    uint32_t screen_frame; /* frames since the screen changed */
    bool new_best;
    /* The whole night (game/night.h): the campaign on one clock. */
    bool night_on;
    bool night_new_best;
    night_t night;
    save_night_t night_run;   /* the run's splits as the save keeps them */
    save_night_t night_rival; /* the best run as this one began, to race */
    int error_count;
    char errors[APP_MAX_ERROR_LINES][UI_ERROR_LINE];
    bool running;
    bool away; /* the window has no focus (or the page is hidden) */

    /* The story's screens (ui/story.c). */
    story_ending_t ending; /* the one SCREEN_ENDING plays, and what follows its credits */
    bool story_armed;      /* keys skip a card or scene once none is held from before */
    uint64_t screen_us;    /* how long the screen has shown (app_screen_time) */

    /* What the screens see (ui/screen.h), and their own state. */
    ui_ctx_t ui;

    /* The level raced (platform/race.h): its ghost, splits and, once it
     * ended, its results. */
    race_t race;
    race_result_t result;

    /* The level editor (ui/editor_screen.c), and the screen it goes back
     * to; ui.editor_testing while its level is test-played. */
    edscr_t editor;
    screen_t editor_return;
    /* A picture the same as the one on show is not presented again (with
     * the software renderer, where reading it back is a copy), and only
     * its rows that changed are scaled into the window: the one on show
     * and the one just drawn (the renderer's spare pixels, which play's
     * light uses too: shown_uses says whether `shown` is still there, or
     * buffers of the app's own, drawn_own), and whether the window must be
     * drawn anyway (it was exposed, resized, or its textures lost). */
    Uint32 *shown, *drawn;
    bool drawn_own;
    uint32_t shown_uses;
    bool present_due;
    bool window_holds_shown; /* the window's surface holds `shown`, scaled by our own loop */
    /* A testing aid: a virtual pad driven by MM_PAD_SCRIPT's file, or NULL. */
    struct pad_script *pad_script;
} app_t;

/* Returns 0, or an exit code (2 for a bad level file, 1 otherwise) with the
 * reason already printed. */
int app_init(app_t *app, const app_options_t *opt);
/* One displayed frame; false when the app should quit. */
bool app_frame(app_t *app);
void app_shutdown(app_t *app);
/* Plays an ending's scene, then the credits: after the together ending the
 * title comes back, after the flash the results (R retries). R in the scene
 * or the credits retries at once. */
void app_play_ending(app_t *app, story_ending_t e);
/* How long the screen has shown, in sixtieths of a second of real time (what
 * the story's screens are drawn from, whatever the display's rate); the time
 * away (the window without focus, the page hidden) does not count. */
uint32_t app_screen_time(const app_t *app);
/* The player looked away (the window lost focus, the page was hidden) or
 * came back: a level being played pauses and stays paused on return; the
 * menus' music rests while away. */
void app_set_away(app_t *app, bool away);
/* Menu actions (action_t bits) from outside SDL's events: the page's touch
 * controls. */
void app_handle_actions(app_t *app, uint32_t actions);
/* Plays a level file (a custom level, a file dropped on the game); on a broken
 * file shows its errors. Returns false if it could not be loaded. */
bool app_open_level_file(app_t *app, const char *path);

#endif
