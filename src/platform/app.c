#include "platform/app.h"
#include "platform/pad_script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <SDL_image.h>
#include <SDL_ttf.h>

#include "game/playback.h"
#include "level/level_file.h"
#include "common/files.h"
#include "platform/ghost_file.h"
#include "platform/letterbox.h"
#include "platform/save_file.h"

#define LEVEL_FILE_MAX (1 << 20)
#define TICK_UNIT 1000000000ull /* acc is ns * 60, so one tick is 1e9 */
#define MAX_TICKS_PER_FRAME 5

/* ---- saves ----------------------------------------------------------------- */

/* The assists the settings ask for. */
static game_assists_t settings_assists(const settings_t *s)
{
    game_assists_t a = {s->assist_clock, s->assist_extra, s->assist_no_fail, s->assist_soft};
    return game_assists_clamp(&a);
}

/* The settings' assists on the level in play, from this tick on (from the
 * pause menu), recorded in the replay at its tick; a level over keeps the
 * assists it was played with. */
static void apply_assists(app_t *app)
{
    if (!app->level || app->game.status != GAME_PLAYING) return;
    game_assists_t a = settings_assists(&app->settings);
    game_set_assists(&app->game, &a);
    if (app->rec && replay_set_assists(app->rec, app->rec->count, &a) < 0)
        SDL_Log("warning: too many changes of the assists to record; the recording will not "
                "replay the same");
}

static void apply_settings(app_t *app)
{
    /* Accessibility: no sudden white, no shaking, menus in the larger size. */
    app->render.no_flash = app->settings.no_flash;
    app->render.no_shake = app->settings.no_shake;
    app->text.large_menus = app->settings.large_text;
    apply_assists(app);
    audio_set_volumes(&app->audio, app->settings.music_volume, app->settings.sfx_volume,
                      app->settings.muted);
    Uint32 flags = SDL_GetWindowFlags(app->window);
    bool full = (flags & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0;
    if (full != app->settings.fullscreen)
        SDL_SetWindowFullscreen(app->window,
                                app->settings.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
}

/* A control used once is known: its prompt never shows again. */
static void mark_known_hints(app_t *app)
{
    app->render.fx.hints_shown |= (uint8_t)((app->settings.knows_sprint ? 1u << HINT_SPRINT : 0) |
                                            (app->settings.knows_action ? 1u << HINT_ACTION : 0));
}

static void write_settings(app_t *app)
{
    char err[512];
    if (app->settings_path[0] &&
        !settings_save(&app->settings, app->settings_path, err, sizeof err))
        SDL_Log("warning: cannot save your settings: %s", err);
}

static void load_save(app_t *app)
{
    save_init(&app->save);
    char *pref = SDL_GetPrefPath("MiracleMile", "miraclemile");
    if (!pref) {
        SDL_Log("warning: no folder for saves (%s); best times last until you quit",
                SDL_GetError());
        snprintf(app->save_warning, sizeof app->save_warning,
                 "Best times cannot be saved on this computer.");
        return;
    }
    snprintf(app->save_path, sizeof app->save_path, "%ssave.txt", pref);
    snprintf(app->settings_path, sizeof app->settings_path, "%ssettings.txt", pref);
    snprintf(app->custom_dir, sizeof app->custom_dir, "%slevels/", pref);
#if !defined(_WIN32)
    mkdir(app->custom_dir, 0755); /* so the player finds where levels go */
#endif
    SDL_free(pref);
    char warn[1400];
    settings_load(&app->settings, app->settings_path, warn, sizeof warn);
    if (warn[0]) SDL_Log("warning: %s", warn);
    /* The player's keys and buttons: a name not known keeps that action's default. */
    char bind_warn[1400];
    input_bindings_from_settings(&app->input.binds, &app->settings, bind_warn, sizeof bind_warn);
    if (bind_warn[0]) SDL_Log("warning: settings: %s", bind_warn);
    if (warn[0])
        snprintf(app->settings_warning, sizeof app->settings_warning,
                 "Your settings file was damaged: it is kept beside the new one, and the "
                 "defaults are used.");
    else if (bind_warn[0])
        snprintf(app->settings_warning, sizeof app->settings_warning, "Settings: %s.", bind_warn);
    char msg[2048];
    save_file_status_t st = save_file_load(&app->save, app->save_path, msg, sizeof msg);
    if (msg[0]) SDL_Log("warning: %s", msg);
    if (st == SAVE_FILE_KEEP_OUT) {
        /* Writing would replace a file the player may still want. */
        app->save_path[0] = '\0';
        snprintf(app->save_warning, sizeof app->save_warning,
                 "Best times are not saved: your save file cannot be read.");
    }
}

static void write_save(app_t *app)
{
    if (!app->save_path[0]) return;
    char err[1200];
    if (!save_file_store(&app->save, app->save_path, err, sizeof err)) {
        SDL_Log("warning: cannot save your best time: %s", err);
        snprintf(app->save_warning, sizeof app->save_warning,
                 "Your best time could not be saved: %s", err);
    } else {
        app->save_warning[0] = '\0';
    }
}

/* A level's key in the save. False when the name is too long to be one: a
 * cut name could be another level's, so that level's time is not kept. */
static bool make_level_id(char *out, size_t cap, const char *prefix, const char *name)
{
    int n = snprintf(out, cap, "%s%s", prefix, name);
    if (n >= 0 && (size_t)n < cap) return true;
    out[0] = '\0';
    return false;
}

/* The key of a level the player brings (from the level folder, or opened
 * from a file): what it plays like, not its file name, so its best time
 * follows it wherever the file goes and two levels never share one. A key
 * of an older game (by file name) is carried over. */
static void player_level_key(app_t *app, char *out, size_t cap, const level_t *lv,
                             const char *old_id)
{
    snprintf(out, cap, "level:%016llx", (unsigned long long)level_hash(lv));
    if (save_carry(&app->save, old_id, out)) write_save(app);
}

static level_t *read_level(app_t *app, const char *path);

/* The key of a level opened from a file (the command line, the page). */
static void opened_level_key(app_t *app, const char *path, char *id, size_t cap)
{
    char old_id[SAVE_ID_MAX + 1];
    make_level_id(old_id, sizeof old_id, "file:", files_basename(path));
    snprintf(id, cap, "%s", old_id);
    level_t *lv = read_level(app, path);
    if (lv) {
        player_level_key(app, id, cap, lv, old_id);
        level_free(lv);
    }
}

/* ---- levels ---------------------------------------------------------------- */

static void set_error_lines(app_t *app, const char *path, const level_diags_t *d, const char *other)
{
    app->error_count = 0;
    if (other) {
        snprintf(app->errors[app->error_count++], sizeof app->errors[0], "%s", other);
        return;
    }
    for (int32_t i = 0; i < d->count && app->error_count < APP_MAX_ERROR_LINES; i++)
        level_file_format_diag(app->errors[app->error_count++], sizeof app->errors[0], path,
                               &d->items[i]);
}

/* Reads and parses a level file; on failure fills the error lines and
 * returns NULL. */
static level_t *read_level(app_t *app, const char *path)
{
    level_diags_t *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    level_t *lv = level_file_load(path, d);
    if (!lv) set_error_lines(app, path, d, NULL);
    free(d);
    return lv;
}

static void load_campaign(app_t *app)
{
    char path[APP_PATH_MAX + 32], err[512];
    snprintf(path, sizeof path, "%s/levels/campaign.txt", app->data_dir);
    size_t len = 0;
    char *buf = files_read(path, 1 << 16, &len, err, sizeof err);
    app->campaign_count = 0;
    if (!buf) {
        SDL_Log("warning: no campaign: %s", err);
        return;
    }
    for (char *l = buf, *next; l && *l && app->campaign_count < APP_MAX_CAMPAIGN; l = next) {
        next = strchr(l, '\n');
        if (next) *next++ = '\0';
        size_t n = strlen(l);
        while (n > 0 && (l[n - 1] == '\r' || l[n - 1] == ' ')) l[--n] = '\0';
        if (n == 0 || l[0] == '#') continue;
        campaign_entry_t *c = &app->campaign[app->campaign_count++];
        memset(c, 0, sizeof *c);
        snprintf(c->file, sizeof c->file, "%s/levels/%s", app->data_dir, l);
        make_level_id(c->id, sizeof c->id, "", l);
        level_t *lv = read_level(app, c->file);
        if (lv) {
            snprintf(c->name, sizeof c->name, "%s", lv->name);
            c->time_s = lv->time_s;
            c->par_s = lv->par_s;
            c->ok = true;
            memcpy(c->medal_s, lv->medal_s, sizeof c->medal_s);
            c->expert_ticks = lv->expert_ticks;
            level_free(lv);
        } else {
            snprintf(c->name, sizeof c->name, "%s (broken)", l);
            for (int i = 0; i < app->error_count; i++) SDL_Log("%s", app->errors[i]);
        }
    }
    free(buf);
}

/* The player's own levels: every level file in the user's level folder,
 * listed after the campaign under "Custom". Read again each time the level
 * select opens, so a new file shows up at once. */
static void load_custom_levels(app_t *app)
{
    app->custom_count = 0;
    if (!app->custom_dir[0]) return;
    static const char *const suffixes[] = {".mml", ".tmx", ".tmj", ".json", NULL};
    static char names[APP_MAX_CAMPAIGN][256];
    int room = APP_MAX_CAMPAIGN - app->campaign_count;
    int n = files_list(app->custom_dir, suffixes, names, room);
    for (int i = 0; i < n; i++) {
        campaign_entry_t *c = &app->campaign[app->campaign_count + app->custom_count++];
        memset(c, 0, sizeof *c);
        c->custom = true;
        snprintf(c->file, sizeof c->file, "%s%s", app->custom_dir, names[i]);
        make_level_id(c->id, sizeof c->id, "custom:", names[i]);
        level_diags_t *d = calloc(1, sizeof *d);
        level_t *lv = d ? level_file_load(c->file, d) : NULL;
        free(d);
        if (lv) {
            char old_id[sizeof c->id];
            snprintf(old_id, sizeof old_id, "%s", c->id);
            player_level_key(app, c->id, sizeof c->id, lv, old_id);
            snprintf(c->name, sizeof c->name, "%s", lv->name);
            snprintf(c->author, sizeof c->author, "%s", lv->author);
            c->time_s = lv->time_s;
            c->par_s = lv->par_s;
            c->ok = true;
            memcpy(c->medal_s, lv->medal_s, sizeof c->medal_s);
            c->expert_ticks = lv->expert_ticks;
            level_free(lv);
        } else {
            snprintf(c->name, sizeof c->name, "%s", names[i]);
            snprintf(c->author, sizeof c->author, "has errors");
        }
    }
}

/* What the screens see of the app, as it is now (ui/screen.h). */
static ui_ctx_t *sync_ui(app_t *app)
{
    ui_ctx_t *u = &app->ui;
    u->screen = app->screen;
    u->level = app->level;
    u->campaign_count = app->campaign_count;
    u->custom_count = app->custom_count;
    u->campaign_index = app->campaign_index;
    u->new_best = app->new_best;
    u->night_on = app->night_on;
    u->night_new_best = app->night_new_best;
    u->error_count = app->error_count;
    u->reload_waiting = app->reload_waiting;
    u->toast_frame = app->toast_frame;
    u->frame = app->frame;
    u->screen_frame = app->screen_frame;
    u->screen_time = app_screen_time(app);
    u->story_armed = app->story_armed;
    u->ending = app->ending;
    u->ghost = race_ghost_game(&app->race);
    return u;
}

static bool app_is_custom(app_t *app, int i)
{
    return ui_is_custom(sync_ui(app), i);
}

/* MM_TRACE_SCREENS=1 prints each screen as it opens, for the story's test
 * (tests/scripts/story_xvfb.sh), which follows the game through them. */
static void trace_screen(screen_t s, story_ending_t e)
{
    static int on = -1;
    if (on < 0) on = getenv("MM_TRACE_SCREENS") != NULL;
    if (!on) return;
    printf("screen %s%s\n", screen_name(s),
           s == SCREEN_ENDING ? (e == STORY_FLASH ? " flash" : " together") : "");
    fflush(stdout);
}

/* Opens screen s: its clock from 0, its music (the screen's enter). */
static void set_screen(app_t *app, screen_t s)
{
    trace_screen(s, app->ending);
    app->screen = s;
    app->screen_frame = 0;
    app->story_armed = false;
    app->screen_us = 0;
    if (s != SCREEN_TITLE) app->settings_warning[0] = '\0'; /* said once, on the title */
    if (s == SCREEN_SELECT) load_custom_levels(app);        /* a new file shows up at once */
    if (s == SCREEN_PLAY || s == SCREEN_CARD)               /* less held in play */
        render_drop_menu_stills(&app->render, s == SCREEN_PLAY);
    const screen_ops_t *ops = screen_ops(s);
    if (ops->enter) ops->enter(sync_ui(app));
}

static void write_recording(app_t *app)
{
    if (!app->rec || !app->opt.record_path || app->rec->count == 0) return;
    /* The state hashes along the way, so a replay that drifts is caught. */
    game_t *scratch = malloc(sizeof *scratch);
    if (scratch) playback_seal(app->rec, app->level, scratch);
    free(scratch);
    size_t len = 0;
    char *text = replay_write(app->rec, &len);
    char err[512];
    if (!text) {
        SDL_Log("error: out of memory writing the recording");
        return;
    }
    if (files_write_atomic(app->opt.record_path, text, len, err, sizeof err))
        printf("recorded %d ticks to %s\n", (int)app->rec->count, app->opt.record_path);
    else
        fprintf(stderr, "miraclemile: cannot write the recording: %s\n", err);
    free(text);
}

/* Says in the log which ghost is raced, when one was just loaded. */
static void log_ghost(app_t *app)
{
    if (!app->race.loaded) return;
    app->race.loaded = false;
    SDL_Log("racing the ghost of %s",
            app->race.ghost_mode == SETTINGS_GHOST_EXPERT ? "the expert's run" : "your best run");
}

/* The level from its start, on the night's clock in a night run. */
static void reset_game(app_t *app)
{
    if (app->night_on)
        night_init_game(&app->night, &app->game, app->level);
    else
        game_init(&app->game, app->level);
    app->acc = 0;
    if (app->rec) replay_clear(app->rec);
    /* Before the first tick: the extra seconds go onto the clock. */
    game_assists_t a = settings_assists(&app->settings);
    game_set_assists(&app->game, &a);
    if (app->rec) replay_set_assists(app->rec, 0, &a);
    race_restart(&app->race);
    log_ghost(app);
}

/* A quiet note on the play screen (a ghost left out, a reload). */
static void toast(app_t *app, const char *msg)
{
    snprintf(app->toast, sizeof app->toast, "%s", msg);
    app->toast_frame = app->frame;
}

/* The race of the level in play: its ghost (your best, kept beside the
 * save; or a campaign level's shipped expert run), none in a night run. */
static void begin_race(app_t *app)
{
    char best[APP_PATH_MAX + 64] = "", expert[APP_PATH_MAX + 64] = "";
    if (app->save_path[0] && app->level_id[0])
        ghost_file_path(app->save_path, app->level_id, best, sizeof best);
    /* The expert's run by the level file's name: a campaign level, from the
     * menu or the command line (a changed copy's is left out as stale). */
    ghost_file_expert_path(app->data_dir, app->level_path, expert, sizeof expert);
    race_begin(&app->race, app->level, app->night_on ? SETTINGS_GHOST_OFF : app->settings.ghost,
               best, expert);
    if (app->race.note[0]) {
        SDL_Log("%s", app->race.note);
        toast(app, app->race.note);
    }
    log_ghost(app);
}

static void restart_level(app_t *app)
{
    reset_game(app);
    set_screen(app, SCREEN_PLAY);
}

static bool start_level(app_t *app, const char *path, const char *id, int campaign_index)
{
    level_t *lv = read_level(app, path);
    if (!lv) return false;
    level_free(app->level);
    app->level = lv;
    snprintf(app->level_path, sizeof app->level_path, "%s", path);
    snprintf(app->level_id, sizeof app->level_id, "%s", id);
    app->campaign_index = campaign_index;
    app->reload_waiting = false;
    if (!files_stamp(path, &app->level_stamp)) app->level_stamp = 0;
    if (app->opt.record_path) {
        replay_destroy(app->rec);
        app->rec = replay_create(level_hash(lv));
    }
    begin_race(app);
    /* The story card: before a campaign level (never on a retry, which is
     * restart_level alone), and before a level of the player's own that
     * says its hour or place. */
    if (campaign_index >= 0 &&
        (!app_is_custom(app, campaign_index) || lv->hour[0] || lv->place[0])) {
        reset_game(app);
        set_screen(app, SCREEN_CARD);
    } else {
        restart_level(app);
    }
    return true;
}

/* ---- the whole night --------------------------------------------------------- */

/* The next level of the run on the clock it carries. */
static void night_next_level(app_t *app)
{
    int i = app->night.level + 1;
    night_begin_level(&app->night, app->campaign[i].time_s, app->campaign[i].par_s);
    if (!start_level(app, app->campaign[i].file, app->campaign[i].id, i)) {
        app->night_on = false;
        set_screen(app, SCREEN_ERROR);
    }
}

static void night_begin(app_t *app)
{
    int n = app->campaign_count < NIGHT_MAX_LEVELS ? app->campaign_count : NIGHT_MAX_LEVELS;
    night_start(&app->night, n);
    memset(&app->night_run, 0, sizeof app->night_run);
    /* The run races the best of its kind: with assists, the assisted best. */
    game_assists_t a = settings_assists(&app->settings);
    app->night_rival = game_assists_any(&a) ? app->save.night_assisted : app->save.night;
    app->night_on = true;
    app->night_new_best = false;
    night_next_level(app);
}

/* The clock ran out: the run is over. The flash ending, its credits, then
 * the night's results. */
static void night_over(app_t *app)
{
    app_play_ending(app, STORY_FLASH);
}

/* A level of the run ended (after finish_run's sound). */
static void night_level_ended(app_t *app)
{
    night_level_done(&app->night, &app->game);
    bool changed = false;
    if (app->game.status == GAME_WON) {
        int i = app->night.level;
        /* A level's time is its time, whichever clock it was played on
         * (with assists, kept apart). */
        changed =
            (app->game.assisted
                 ? save_record_assisted(&app->save, app->level_id, game_ticks_used(&app->game))
                 : save_record(&app->save, app->level_id, game_ticks_used(&app->game))) == 1;
        save_night_t *r = &app->night_run;
        /* (Two fields of one app_t: copied with memmove, which the
         * compiler cannot mistake for an overlapping snprintf.) */
        size_t n = 0;
        while (n + 1 < sizeof r->splits[i].id && app->campaign[i].id[n]) n++;
        memmove(r->splits[i].id, app->campaign[i].id, n);
        r->splits[i].id[n] = '\0';
        r->splits[i].spent = app->night.splits[i].spent;
        r->splits[i].left = app->night.splits[i].left;
        r->count = i + 1;
    }
    if (app->night.status == NIGHT_DONE) {
        app->night_run.score = app->night.score;
        if ((app->night.assisted ? save_record_night_assisted(&app->save, &app->night_run)
                                 : save_record_night(&app->save, &app->night_run)) == 1) {
            app->night_new_best = true;
            changed = true;
        }
    }
    if (changed) write_save(app);
}

/* R in a night run: the try's seconds come off the clock. */
static void retry_level(app_t *app)
{
    if (app->night_on && app->game.status == GAME_PLAYING &&
        !night_retry(&app->night, game_clock_used(&app->game))) {
        audio_play_cue(&app->audio, CUE_LOSE); /* the try took the last of the clock */
        night_over(app);
        return;
    }
    restart_level(app);
}

#if !defined(__EMSCRIPTEN__)
/* Saving the level file while it is played reloads it; a broken save shows
 * its errors and the game waits for a good one. (Not in the browser: a page
 * cannot watch the player's files.) */
static void check_reload(app_t *app)
{
    if (!app->level_path[0] || app->frame % 20 != 0) return;
    bool watching = app->screen == SCREEN_PLAY || app->screen == SCREEN_PAUSE ||
                    app->screen == SCREEN_RESULTS ||
                    (app->screen == SCREEN_ERROR && app->reload_waiting);
    long long stamp = 0;
    if (!watching || !files_stamp(app->level_path, &stamp) || stamp == app->level_stamp) return;
    app->level_stamp = stamp;
    level_t *lv = read_level(app, app->level_path);
    if (!lv) {
        for (int i = 0; i < app->error_count; i++) SDL_Log("%s", app->errors[i]);
        app->reload_waiting = true;
        set_screen(app, SCREEN_ERROR);
        return;
    }
    level_free(app->level);
    app->level = lv;
    app->reload_waiting = false;
    /* A player's level edited into another level has a best time of its own. */
    if (strncmp(app->level_id, "level:", 6) == 0)
        snprintf(app->level_id, sizeof app->level_id, "level:%016llx",
                 (unsigned long long)level_hash(lv));
    if (app->rec) {
        replay_destroy(app->rec);
        app->rec = replay_create(level_hash(lv));
    }
    begin_race(app); /* the ghost of the level as it was is left out, with a note */
    snprintf(app->toast, sizeof app->toast, "Reloaded %s", files_basename(app->level_path));
    app->toast_frame = app->frame;
    SDL_Log("reloaded %s", app->level_path);
    restart_level(app);
}
#endif

/* ---- the tick -------------------------------------------------------------- */

static void finish_run(app_t *app)
{
    app->new_best = false;
    if (app->night_on) {
        night_level_ended(app);
        if (app->night.status != NIGHT_OVER) /* the flash ending has its own flash */
            audio_play_cue(&app->audio, app->game.status == GAME_WON ? CUE_WIN : CUE_LOSE);
        app->ui.menu_sel = 0;
        if (app->night.status == NIGHT_OVER)
            night_over(app);
        else if (app->night.status == NIGHT_DONE) /* the last level won */
            app_play_ending(app, STORY_TOGETHER);
        else
            set_screen(app, SCREEN_RESULTS);
        return;
    }
    /* The time, its medal and splits, or how close a loss came; a new
     * best's run kept as its ghost. A test-play of the editor's level keeps
     * nothing: it is worked out on a copy of the save. */
    char err[600];
    bool testing = app->ui.editor_testing;
    save_t *scratch = testing ? malloc(sizeof *scratch) : NULL;
    if (scratch) *scratch = app->save;
    save_t *keep = testing ? scratch : &app->save;
    if (keep &&
        !race_finish(&app->race, &app->game, keep, app->level_id, &app->result, err, sizeof err))
        SDL_Log("warning: cannot keep your best run as a ghost: %s", err);
    free(scratch);
    app->ui.results_skip = 0;
    if (app->game.status == GAME_WON) audio_play_cue(&app->audio, CUE_WIN);
    app->new_best = app->result.new_best && !testing;
    if (app->result.saved_changed && !testing) write_save(app);
    if (app->result.save_full && !testing)
        snprintf(app->save_warning, sizeof app->save_warning, "%s",
                 app->level_id[0] ? "This time cannot be saved: the save is full."
                                  : "This time cannot be saved: the level's file name is "
                                    "too long.");
    write_recording(app);
    app->ui.menu_sel = 0;
    /* The campaign's last level ends the story either way (and the flash
     * ending has its own flash, on its music's). */
    bool last = app->campaign_index >= 0 && app->campaign_index + 1 == app->campaign_count;
    if (app->game.status != GAME_WON && !last) audio_play_cue(&app->audio, CUE_LOSE);
    if (last) {
        app_play_ending(app, app->game.status == GAME_WON ? STORY_TOGETHER : STORY_FLASH);
        return;
    }
    set_screen(app, SCREEN_RESULTS);
}

void app_play_ending(app_t *app, story_ending_t e)
{
    app->ending = e;
    set_screen(app, SCREEN_ENDING);
}

/* After the credits: the flash leaves the results (and R to retry), the
 * together ending the title; a night run either way its own results. */
static void after_credits(app_t *app)
{
    if ((app->ending == STORY_FLASH || app->night_on) && app->level) {
        set_screen(app, SCREEN_RESULTS);
        app->screen_frame = 80; /* the flash has been seen: straight to its last look */
    } else {
        set_screen(app, SCREEN_TITLE);
    }
}

uint32_t app_screen_time(const app_t *app)
{
    return (uint32_t)(app->screen_us * 60 / 1000000);
}

/* Keys count on the story's screens only once every key held from play has
 * been let go: an arrow still held as Harry reaches Julie repeats, and must
 * not skip the ending. */
static void story_arm(app_t *app)
{
    if (app->screen_frame >= 10 && input_sample(&app->input) == 0) app->story_armed = true;
}

static void run_ticks(app_t *app, uint64_t elapsed_ns)
{
    if (elapsed_ns > 250000000ull) elapsed_ns = 250000000ull; /* after a stall, do not race */
    app->acc += elapsed_ns * GAME_TICK_HZ;
    int steps = 0;
    while (app->acc >= TICK_UNIT && steps < MAX_TICKS_PER_FRAME) {
        app->acc -= TICK_UNIT;
        steps++;
        input_t in = {input_sample(&app->input)};
        if (app->rec) replay_push(app->rec, in.buttons);
        game_tick(&app->game, &in);
        if (app->night_on) night_after_tick(&app->night, &app->game);
        race_tick(&app->race, &app->game, &in);
        if (app->race.note_new) { /* the ghost drifted from its run: left out */
            app->race.note_new = false;
            SDL_Log("%s", app->race.note);
            toast(app, app->race.note);
        }
        audio_game_tick(&app->audio, &app->game);
        render_game_events(&app->render, &app->game);
        if ((app->game.hs.used_sprint && !app->settings.knows_sprint) ||
            (app->game.hs.used_action && !app->settings.knows_action)) {
            app->settings.knows_sprint |= app->game.hs.used_sprint;
            app->settings.knows_action |= app->game.hs.used_action;
            write_settings(app);
            mark_known_hints(app);
        }
        if (app->game.status != GAME_PLAYING) {
            finish_run(app);
            break;
        }
    }
    if (steps == MAX_TICKS_PER_FRAME) app->acc = 0; /* the cap: drop what is left */
}

/* ---- input per screen ---------------------------------------------------- */

static void toggle_fullscreen(app_t *app)
{
    app->settings.fullscreen = !app->settings.fullscreen;
    apply_settings(app);
    write_settings(app);
}

static void open_options(app_t *app)
{
    app->ui.options_return = app->screen;
    trace_screen(SCREEN_OPTIONS, app->ending);
    app->screen = SCREEN_OPTIONS;
    app->screen_frame = 0;
    ui_trace("options over %s", screen_name(app->ui.options_return));
    scr_options_ops.enter(sync_ui(app));
}

static void back_to_menu(app_t *app)
{
    if (app->night_on) { /* a run given up, or over: back to the title */
        app->night_on = false;
        set_screen(app, SCREEN_TITLE);
        return;
    }
    if (app->campaign_index < 0) {
        app->running = false;
        return;
    }
    app->ui.menu_sel = app->campaign_index;
    set_screen(app, SCREEN_SELECT);
}

/* Whether the screen showing keeps its music paused of itself. */
static bool screen_rests_music(const app_t *app)
{
    bool options_over_play =
        app->screen == SCREEN_OPTIONS && app->ui.options_return == SCREEN_PAUSE;
    /* The assists' page over the pause, or over Options over the pause. */
    bool assists_over_play =
        app->screen == SCREEN_ASSISTS &&
        (app->ui.assists_return == SCREEN_PAUSE ||
         (app->ui.assists_return == SCREEN_OPTIONS && app->ui.options_return == SCREEN_PAUSE));
    return app->screen == SCREEN_PAUSE || options_over_play || assists_over_play;
}

void app_set_away(app_t *app, bool away)
{
    if (away == app->away) return;
    app->away = away;
    if (away && app->screen == SCREEN_PLAY) {
        app->ui.pause_sel = 0;
        audio_pause_music(&app->audio, true);
        set_screen(app, SCREEN_PAUSE);
    } else if (!screen_rests_music(app)) {
        audio_pause_music(&app->audio, away);
    }
}

/* ---- the editor ------------------------------------------------------------ */

/* Opens the editor on a copy of lv (NULL: a new level). A level of the
 * player's own keeps its file name, so saving replaces it; any other level
 * (the campaign's) is saved as a new file of the player's. */
static void open_editor(app_t *app, const level_t *lv, screen_t back)
{
    char name[EDSCR_FILE_MAX] = "";
    bool own = lv && app->level_path[0] && app->custom_dir[0] &&
               strncmp(app->level_path, app->custom_dir, strlen(app->custom_dir)) == 0;
    if (own) {
        snprintf(name, sizeof name, "%s", files_basename(app->level_path));
        char *dot = strrchr(name, '.');
        if (dot) *dot = '\0';
    }
    if (!edscr_open(&app->editor, lv, app->custom_dir, own ? name : NULL)) {
        SDL_Log("error: out of memory opening the editor");
        return;
    }
    app->editor_return = back;
    set_screen(app, SCREEN_EDITOR);
}

/* Test-plays the editor's level (not a file: no hot reload, no best time). */
static void play_editor_level(app_t *app)
{
    level_t *lv = edscr_take_play(&app->editor);
    if (!lv) return;
    if (app->screen == SCREEN_PLAY || app->screen == SCREEN_PAUSE) write_recording(app);
    level_free(app->level);
    app->level = lv;
    app->level_path[0] = '\0';
    app->level_id[0] = '\0';
    app->campaign_index = -1;
    app->night_on = false;
    app->reload_waiting = false;
    if (app->rec) {
        replay_destroy(app->rec);
        app->rec = NULL;
    }
    app->ui.editor_testing = true;
    begin_race(app); /* no id, no file: no ghost of its own */
    restart_level(app);
}

/* Back from test-play to the editor as it was left. */
static void back_to_editor(app_t *app)
{
    app->ui.editor_testing = false;
    audio_pause_music(&app->audio, false);
    edscr_back(&app->editor);
    set_screen(app, SCREEN_EDITOR);
}

/* Carries out what the screen asked for (ui/screen.h). */
static void do_request(app_t *app)
{
    ui_request_t r = app->ui.req;
    app->ui.req.kind = UI_REQ_NONE;
    /* Leaving a test-play, however it is left, is going back to the editor. */
    if (app->ui.editor_testing && (r.kind == UI_REQ_QUIT_LEVEL || r.kind == UI_REQ_BACK_TO_MENU ||
                                   r.kind == UI_REQ_ERROR_BACK || r.kind == UI_REQ_EDITOR_EDIT)) {
        back_to_editor(app);
        return;
    }
    if (app->ui.settings_changed) {
        app->ui.settings_changed = false;
        apply_settings(app);
        /* Another ghost asked for, in a level: raced from where the level is. */
        if (app->level && !app->night_on && app->race.ghost_mode != app->settings.ghost) {
            race_set_mode(&app->race, app->settings.ghost, &app->game);
            log_ghost(app);
            if (app->race.note_new) {
                app->race.note_new = false;
                SDL_Log("%s", app->race.note);
                toast(app, app->race.note);
            }
        }
    }
    switch (r.kind) {
    case UI_REQ_NONE:
        break;
    case UI_REQ_SCREEN:
        set_screen(app, r.screen);
        break;
    case UI_REQ_CLOSE_OPTIONS:
        write_settings(app);
        trace_screen(app->ui.options_return, app->ending);
        app->screen = app->ui.options_return;
        app->screen_frame = 0;
        break;
    case UI_REQ_OPTIONS:
        open_options(app);
        break;
    case UI_REQ_START_LEVEL: {
        int i = r.arg;
        if (i < 0 || i >= app->campaign_count + app->custom_count) break;
        if (!start_level(app, app->campaign[i].file, app->campaign[i].id, i))
            set_screen(app, SCREEN_ERROR);
        break;
    }
    case UI_REQ_RESTART:
        restart_level(app);
        break;
    case UI_REQ_RETRY:
        retry_level(app);
        break;
    case UI_REQ_RESUME:
        trace_screen(SCREEN_PLAY, app->ending);
        app->screen = SCREEN_PLAY;
        if (r.arg) app->last_counter = SDL_GetPerformanceCounter();
        break;
    case UI_REQ_PAUSE:
        app->ui.pause_sel = 0;
        audio_pause_music(&app->audio, true);
        audio_play_cue(&app->audio, CUE_PAUSE);
        set_screen(app, SCREEN_PAUSE);
        break;
    case UI_REQ_QUIT_LEVEL:
        write_recording(app);
        back_to_menu(app);
        break;
    case UI_REQ_BACK_TO_MENU:
        back_to_menu(app);
        break;
    case UI_REQ_NIGHT_BEGIN:
        night_begin(app);
        break;
    case UI_REQ_NIGHT_NEXT:
        night_next_level(app);
        break;
    case UI_REQ_ERROR_BACK:
        app->reload_waiting = false;
        if (app->campaign_index < 0)
            app->running = false;
        else
            set_screen(app, SCREEN_SELECT);
        break;
    case UI_REQ_AFTER_CREDITS:
        after_credits(app);
        break;
    case UI_REQ_QUIT:
        app->running = false;
        break;
    case UI_REQ_ASSISTS:
        app->ui.assists_return = app->screen;
        ui_trace("assists over %s", screen_name(app->screen));
        app->screen = SCREEN_ASSISTS;
        app->screen_frame = 0;
        scr_assists_ops.enter(sync_ui(app));
        break;
    case UI_REQ_CLOSE_ASSISTS:
        write_settings(app);
        ui_trace("assists back to %s", screen_name(app->ui.assists_return));
        app->screen = app->ui.assists_return;
        app->screen_frame = 0;
        break;
    case UI_REQ_EDITOR_NEW:
        open_editor(app, NULL, SCREEN_TITLE);
        break;
    case UI_REQ_EDITOR_EDIT:
        if (!app->level) break;
        write_recording(app);
        app->night_on = false;
        open_editor(app, app->level, app->campaign_index >= 0 ? SCREEN_SELECT : SCREEN_TITLE);
        break;
    case UI_REQ_EDITOR_PLAY:
        play_editor_level(app);
        break;
    case UI_REQ_EDITOR_LEAVE:
        edscr_close(&app->editor);
        set_screen(app, app->editor_return);
        break;
    case UI_REQ_EDITOR_SAVED:
        load_custom_levels(app); /* the new file is in the select at once */
        break;
    }
}

static void handle_actions(app_t *app, uint32_t a)
{
    if (a & ACT_QUIT) {
        app->running = false;
        return;
    }
    if (a & (ACT_AWAY | ACT_BACK_AGAIN)) {
        app_set_away(app, (a & ACT_AWAY) != 0);
        return;
    }
    if (a & ACT_FULLSCREEN) {
        toggle_fullscreen(app);
        return;
    }
    if (a & ACT_MUTE) {
        app->settings.muted = !app->settings.muted;
        apply_settings(app);
        write_settings(app);
        return;
    }
    screen_ops(app->screen)->actions(sync_ui(app), a);
    do_request(app);
}

/* The mouse (in the browser, a tap too) on a screen that takes it: the
 * point mapped through the window's scale and bars to the picture's pixel,
 * then the screen says what is under it. True when the event is the
 * screen's (a click is then not also "any key"). */
static bool pointer_event(app_t *app, const SDL_Event *e)
{
    bool click = e->type == SDL_MOUSEBUTTONDOWN;
    if (!click && e->type != SDL_MOUSEMOTION) return false;
    const screen_ops_t *ops = screen_ops(app->screen);
    if (!ops->pointer) return false;
    input_note_pointer(&app->input, e); /* the prompts name what a mouse user presses */
    if (click && e->button.button != SDL_BUTTON_LEFT) return true;
    int wx = click ? e->button.x : e->motion.x, wy = click ? e->button.y : e->motion.y;
    int ww = 0, wh = 0, ow = 0, oh = 0, px, py;
    SDL_GetWindowSize(app->window, &ww, &wh);
    if (SDL_GetRendererOutputSize(app->renderer, &ow, &oh) != 0) ow = ww, oh = wh;
    letterbox_t lb = letterbox_fit(ow, oh, RENDER_W, RENDER_H);
    if (!letterbox_to_picture(&lb, ww, wh, ow, oh, RENDER_W, RENDER_H, wx, wy, &px, &py))
        return true; /* on a bar */
    uint32_t a = ops->pointer(sync_ui(app), px, py, click);
    do_request(app);
    if (a) handle_actions(app, a);
    return true;
}

/* ---- set-up ---------------------------------------------------------------- */

void app_handle_actions(app_t *app, uint32_t actions)
{
    if (actions) handle_actions(app, actions);
}
/* SDL's own software renderer, its window surface X11's or the system's
 * own (not a texture drawn through OpenGL, SDL's default, which would
 * bring OpenGL back in). A player's SDL_FRAMEBUFFER_ACCELERATION wins. */
static SDL_Renderer *software_renderer(SDL_Window *window)
{
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    return SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
}

/* OpenGL drawn by the processor (Mesa's llvmpipe or softpipe: a virtual
 * machine, no GPU driver): NULL otherwise, or the name GL gives itself. */
static const char *gl_on_the_cpu(SDL_Renderer *r)
{
#if defined(__EMSCRIPTEN__)
    (void)r; /* the page chooses (web.c): where WebGL is software, it names SDL's */
    return NULL;
#else
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) != 0 || SDL_strncmp(info.name, "opengl", 6) != 0 ||
        !SDL_GL_GetCurrentContext())
        return NULL;
    typedef const unsigned char *(SDLCALL * get_string_fn)(unsigned);
    get_string_fn get_string = (get_string_fn)SDL_GL_GetProcAddress("glGetString");
    const char *name = get_string ? (const char *)get_string(0x1F01u /* GL_RENDERER */) : NULL;
    static const char *const cpu[] = {"llvmpipe", "softpipe", "swrast", "Software Rasterizer"};
    for (size_t i = 0; name && i < sizeof cpu / sizeof cpu[0]; i++)
        if (SDL_strstr(name, cpu[i])) return name;
    return NULL;
#endif
}

/* The renderer: the system's GPU where there is one. Where OpenGL would be
 * drawn by the processor, SDL's software renderer draws this small picture
 * at a fraction of its cost (3-7% of a core here against 25-45%). A
 * renderer the player names (SDL_RENDER_DRIVER) is always the one. */
static SDL_Renderer *create_renderer(SDL_Window *window)
{
    const char *asked = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    bool chosen = asked && asked[0];
    if (chosen && SDL_strcasecmp(asked, "software") == 0) return software_renderer(window);
#if defined(__linux__) && !defined(__ANDROID__) && !defined(__EMSCRIPTEN__)
    /* No GPU device at all: OpenGL could only be the processor's; not even
     * loaded (it would cost some 100 MB and a tenth of a second). */
    struct stat st;
    if (!chosen && stat("/dev/dri", &st) != 0) {
        SDL_Log("no GPU found: drawing with SDL's software renderer");
        return software_renderer(window);
    }
#endif
    SDL_Renderer *r =
        SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    const char *cpu = r && !chosen ? gl_on_the_cpu(r) : NULL;
    if (cpu) {
        SDL_Log("OpenGL here is drawn by the processor (%s): drawing with SDL's software "
                "renderer",
                cpu);
        SDL_DestroyRenderer(r);
        r = NULL;
    }
    return r ? r : software_renderer(window);
}

int app_init(app_t *app, const app_options_t *opt)
{
#if defined(__GLIBC__)
    /* Pictures (half a megabyte and more) in memory of their own, given
     * back when freed (render_drop_menu_stills): glibc would otherwise raise
     * this threshold at the first such free and keep the next ones. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
    memset(app, 0, sizeof *app);
    app->opt = *opt;
    ui_ctx_t *u = &app->ui; /* what the screens see of what the app owns */
    u->render = &app->render;
    u->text = &app->text;
    u->audio = &app->audio;
    u->settings = &app->settings;
    u->save = &app->save;
    u->save_warning = app->save_warning;
    u->campaign = app->campaign;
    u->game = &app->game;
    u->level_id = app->level_id;
    u->night = &app->night;
    u->night_rival = &app->night_rival;
    u->errors = (const char(*)[UI_ERROR_LINE])app->errors;
    u->toast = app->toast;
    u->input = &app->input;
    u->settings_warning = app->settings_warning;
    u->result = &app->result;
    u->editor = &app->editor;
    race_init(&app->race);
    app->campaign_index = -1;
    app->running = true;
    char err[2048];
    if (!assets_find_data_dir(opt->data_dir, app->data_dir, sizeof app->data_dir, err,
                              sizeof err)) {
        fprintf(stderr, "miraclemile: %s\n", err);
        return 1;
    }
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "0");
#if !defined(__EMSCRIPTEN__)
    /* A testing aid (platform/pad_script.h): the script's pad is heard
     * even when the test's window has no focus. */
    const char *pad_script = getenv("MM_PAD_SCRIPT");
    if (pad_script && pad_script[0]) SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
#endif
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_GAMECONTROLLER) != 0) {
        fprintf(stderr, "miraclemile: cannot start the display: %s\n", SDL_GetError());
        return 1;
    }
#if !defined(__EMSCRIPTEN__)
    if (pad_script && pad_script[0]) {
        app->pad_script = pad_script_load(pad_script, err, sizeof err);
        if (!app->pad_script) {
            fprintf(stderr, "miraclemile: the pad script %s: %s\n", pad_script, err);
            return 1;
        }
    }
#endif
    if (TTF_Init() != 0 || (IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG) == 0) {
        fprintf(stderr, "miraclemile: cannot start the image and font libraries: %s\n",
                SDL_GetError());
        return 1;
    }
    if (!assets_load(&app->assets, app->data_dir, err, sizeof err)) {
        fprintf(stderr, "miraclemile: %s\n", err);
        return 1;
    }
    Uint32 wflags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
#if defined(__EMSCRIPTEN__)
    /* The browser's software renderer (chosen by the page where WebGL is
     * software too) draws a surface of the window's size in CSS pixels:
     * there one of them must be one of the picture's, not a device pixel. */
    const char *driver = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if (driver && SDL_strcasecmp(driver, "software") == 0) wflags &= ~SDL_WINDOW_ALLOW_HIGHDPI;
#endif
    if (opt->fullscreen) wflags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    app->window = SDL_CreateWindow("Miracle Mile", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                   RENDER_W * 2, RENDER_H * 2, wflags);
    if (!app->window) {
        fprintf(stderr, "miraclemile: cannot open a window: %s\n", SDL_GetError());
        return 1;
    }
    SDL_SetWindowMinimumSize(app->window, RENDER_W, RENDER_H);
    app->renderer = create_renderer(app->window);
    if (!app->renderer) {
        fprintf(stderr, "miraclemile: cannot draw in the window: %s\n", SDL_GetError());
        return 1;
    }
    app->target = render_create_target(app->renderer);
    app->present_due = true;
    if (!app->target) {
        fprintf(stderr, "miraclemile: cannot draw off screen: %s\n", SDL_GetError());
        return 1;
    }
    if (!assets_bind_renderer(&app->assets, app->renderer, err, sizeof err)) {
        fprintf(stderr, "miraclemile: %s\n", err);
        return 1;
    }
    text_cache_init(&app->text, app->renderer, &app->assets);
    if (!render_init(&app->render, app->renderer, &app->assets, &app->text)) {
        fprintf(stderr, "miraclemile: cannot set up drawing: %s\n", SDL_GetError());
        return 1;
    }
    assets_drop_surface(&app->assets); /* the textures have the sheet now */
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(app->renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE)) {
        app->drawn = render_spare_pixels(&app->render, 0);
        app->shown = render_spare_pixels(&app->render, 1);
        if (!app->drawn || !app->shown) {
            app->drawn = calloc((size_t)RENDER_W * RENDER_H, sizeof *app->drawn);
            app->shown = calloc((size_t)RENDER_W * RENDER_H, sizeof *app->shown);
            app->drawn_own = true;
        }
    }
    input_devices_init(&app->input);
    app->render.prompts = &app->input; /* the HUD's hints name the player's keys */
    audio_init(&app->audio, app->data_dir);
    settings_default(&app->settings);
    load_save(app);
    mark_known_hints(app);
    load_campaign(app);
    load_custom_levels(app);
    if (app->custom_dir[0])
        SDL_Log("your own levels go in %s (%d there now)", app->custom_dir, app->custom_count);
    if (opt->fullscreen) app->settings.fullscreen = true;
    apply_settings(app);

    if (opt->level_file) {
        char id[SAVE_ID_MAX + 1];
        opened_level_key(app, opt->level_file, id, sizeof id);
        if (!start_level(app, opt->level_file, id, -1)) {
            for (int i = 0; i < app->error_count; i++) fprintf(stderr, "%s\n", app->errors[i]);
            return 2;
        }
    } else {
        set_screen(app, SCREEN_TITLE);
    }
    app->last_counter = SDL_GetPerformanceCounter();
    app->trace_fps = getenv("MM_TRACE_FPS") != NULL;
    app->fps_from = app->last_counter;
    return 0;
}

/* The window shows something else than it was given (exposed, resized,
 * shown again), or the renderer lost its textures: draw everything again. */
static void note_window_event(app_t *app, const SDL_Event *e)
{
    if (e->type == SDL_RENDER_TARGETS_RESET || e->type == SDL_RENDER_DEVICE_RESET) {
        render_invalidate(&app->render);
        app->present_due = true;
    }
    if (e->type == SDL_WINDOWEVENT &&
        (e->window.event == SDL_WINDOWEVENT_EXPOSED ||
         e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
         e->window.event == SDL_WINDOWEVENT_RESIZED || e->window.event == SDL_WINDOWEVENT_SHOWN ||
         e->window.event == SDL_WINDOWEVENT_RESTORED ||
         e->window.event == SDL_WINDOWEVENT_MAXIMIZED))
        app->present_due = true;
}

/* Shows the picture just drawn: with the software renderer, read back
 * (a plain copy there) and compared with the one on show, so a still
 * screen (a pause, a menu nobody touches) costs no scaling and no present,
 * and only the rows that changed are scaled; elsewhere every frame is
 * presented. */
static void show_picture(app_t *app)
{
    Uint32 format = 0;
    SDL_QueryTexture(app->target, &format, NULL, NULL, NULL);
    bool read_back = app->drawn && app->shown &&
                     SDL_RenderReadPixels(app->renderer, NULL, format, app->drawn,
                                          RENDER_W * (int)sizeof *app->drawn) == 0;
    /* What the window holds is known: nothing since changed it, and the
     * picture on show is still in its pixels (play's light reuses them). */
    bool known = read_back && app->window_holds_shown && !app->present_due &&
                 (app->drawn_own || render_spare_uses(&app->render) == app->shown_uses);
    if (known &&
        memcmp(app->drawn, app->shown, (size_t)RENDER_W * RENDER_H * sizeof *app->shown) == 0)
        return;
    app->window_holds_shown =
        read_back && render_present_rows(app->renderer, app->window, app->drawn,
                                         known ? app->shown : NULL, format);
    if (!app->window_holds_shown) render_present_scaled(app->renderer, app->target);
    SDL_RenderPresent(app->renderer);
    Uint32 *t = app->shown;
    app->shown = app->drawn;
    app->drawn = t;
    app->shown_uses = render_spare_uses(&app->render);
    app->present_due = false;
}

bool app_frame(app_t *app)
{
    uint64_t start = SDL_GetPerformanceCounter();
    uint64_t freq = SDL_GetPerformanceFrequency();
    uint64_t elapsed_ns = (start - app->last_counter) * 1000000000ull / freq;
    app->last_counter = start;

    pad_script_step(app->pad_script, app); /* a testing aid; NULL: nothing */
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        note_window_event(app, &e);
        if (app->screen == SCREEN_EDITOR) {
            /* The editor reads the keys and the mouse itself (letters are
             * typed, not M for mute); quitting and looking away still count. */
            uint32_t a = input_handle_event(&app->input, &e);
            if (a & (ACT_QUIT | ACT_AWAY | ACT_BACK_AGAIN)) handle_actions(app, a);
            if (app->screen == SCREEN_EDITOR) scr_editor_event(sync_ui(app), &e);
            do_request(app);
            continue;
        }
        /* F5 ends a test-play, wherever it is (play, pause, results). */
        if (app->ui.editor_testing && e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_F5 &&
            !e.key.repeat) {
            back_to_editor(app);
            continue;
        }
        if (!pointer_event(app, &e)) handle_actions(app, input_handle_event(&app->input, &e));
    }
#if !defined(__EMSCRIPTEN__)
    check_reload(app);
#endif
    /* The screen's own time: frame by frame, so a stall or a hidden page
     * (no frames, or away) does not skip a scene. */
    if (!app->away) app->screen_us += elapsed_ns > 100000000ull ? 100000 : elapsed_ns / 1000;
    story_arm(app);
    const screen_ops_t *ops = screen_ops(app->screen);
    if (ops->tick) { /* the story's screens end by themselves */
        ops->tick(sync_ui(app));
        do_request(app);
    }
    if (app->screen == SCREEN_PLAY) run_ticks(app, elapsed_ns);
    bool in_level = app->screen == SCREEN_PLAY || screen_rests_music(app);
    /* No-fail past zero: the clock has stopped, and so has the last
     * seconds' alarm (the tension stays), as the HUD drops its red. */
    int32_t heard_left = app->game.ticks_left;
    if (app->game.assists.no_fail && heard_left == 0 && app->game.status == GAME_PLAYING)
        heard_left = GAME_LAST_SECONDS * GAME_TICK_HZ + 1;
    audio_scene_t scene = {in_level, app->screen != SCREEN_PLAY, heard_left,
                           app->level ? app->level->time_s * GAME_TICK_HZ : 0,
                           app->level ? app->level->music : NULL};
    audio_update(&app->audio, &scene);

    SDL_SetRenderTarget(app->renderer, app->target);
    SDL_SetRenderDrawColor(app->renderer, 0, 0, 0, 255);
    SDL_RenderClear(app->renderer);
    screen_ops(app->screen)->draw(sync_ui(app));
    show_picture(app);
    app->frame++;
    app->screen_frame++;
    if (app->trace_fps) { /* (for tools/bench/window-cpu.sh: the rate a player sees) */
        if (start - app->fps_from >= freq) {
            printf("fps %.1f\n", app->fps_frames * (double)freq / (double)(start - app->fps_from));
            fflush(stdout);
            app->fps_from = start;
            app->fps_frames = 0;
        }
        app->fps_frames++;
    }
    if (app->opt.quit_after_frames && (int)app->frame >= app->opt.quit_after_frames)
        app->running = false;

#if !defined(__EMSCRIPTEN__)
    /* A frame cap for when vsync is off: an idle game must not spin a core.
     * (Not in the browser: its animation frames pace the loop, and a delay
     * there would block the page.) */
    uint64_t used_ms = (SDL_GetPerformanceCounter() - start) * 1000 / freq;
    if (used_ms < 16) SDL_Delay((Uint32)(16 - used_ms));
#endif
    return app->running;
}

void app_shutdown(app_t *app)
{
    if (app->screen == SCREEN_PLAY || app->screen == SCREEN_PAUSE) write_recording(app);
    replay_destroy(app->rec);
    race_free(&app->race);
    level_free(app->level);
    edscr_close(&app->editor);
    audio_shutdown(&app->audio);
    input_devices_close(&app->input);
    pad_script_free(app->pad_script);
    app->pad_script = NULL;
    render_free(&app->render);
    if (app->drawn_own) {
        free(app->drawn);
        free(app->shown);
    }
    app->drawn = app->shown = NULL;
    text_cache_free(&app->text);
    assets_free(&app->assets);
    if (app->target) SDL_DestroyTexture(app->target);
    if (app->renderer) SDL_DestroyRenderer(app->renderer);
    if (app->window) SDL_DestroyWindow(app->window);
    IMG_Quit();
    if (TTF_WasInit()) TTF_Quit();
    SDL_Quit();
}

bool app_open_level_file(app_t *app, const char *path)
{
    char id[SAVE_ID_MAX + 1];
    opened_level_key(app, path, id, sizeof id);
    if (start_level(app, path, id, -1)) return true;
    for (int i = 0; i < app->error_count; i++) SDL_Log("%s", app->errors[i]);
    set_screen(app, SCREEN_ERROR);
    return false;
}
