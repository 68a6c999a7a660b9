/* levelcheck: reports every problem in level files at once, as
 * file:line:col: error|warning: message (errors first, each in order of
 * place), and says whether Julie can be reached in time. Exit 0 clean
 * (warnings allowed), 1 errors, 2 usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/game.h"
#include "game/solver.h"
#include "level/level.h"
#include "level/level_file.h"

static int cmp_diag(const void *a, const void *b)
{
    const level_diag_t *x = a, *y = b;
    /* Errors first, so warnings never push one out of view. */
    if (x->severity != y->severity) return x->severity == LEVEL_ERROR ? -1 : 1;
    int f = strcmp(x->file, y->file);
    if (f) return f;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return 0;
}

static const char *colour_word(int32_t c)
{
    static const char *const words[] = {"red", "blue", "green", "yellow", "none"};
    return c >= 0 && c < 5 ? words[c] : "?";
}

/* A door of colour c beside the tiles Harry reaches (the one that keeps him
 * out), or -1. */
static int32_t door_at_edge(const level_t *lv, int32_t c, const uint8_t *reached)
{
    for (int32_t i = 0; i < lv->object_count; i++) {
        const level_object_t *o = &lv->objects[i];
        if (o->kind != KIND_DOOR || level_prop(lv, o, "colour") != c) continue;
        for (int32_t dy = -1; dy <= 1; dy++)
            for (int32_t dx = -1; dx <= 1; dx++) {
                int32_t x = o->x + dx, y = o->y + dy;
                if (x >= 0 && y >= 0 && x < lv->w && y < lv->h && reached[y * lv->w + x]) return i;
            }
    }
    return -1;
}

/* A key that can only be reached through a door of its own colour. */
static void check_keys(const level_t *lv, level_diags_t *d)
{
    size_t n = (size_t)lv->w * (size_t)lv->h;
    uint8_t *reached = malloc(n), *through = malloc(n);
    if (!reached || !through) goto out;
    solver_reach(lv, -1, reached, NULL);
    for (int32_t i = 0; i < lv->object_count; i++) {
        const level_object_t *o = &lv->objects[i];
        int32_t c = level_key_colour(lv, o);
        if (c < 0 || c >= COLOUR_NONE || reached[o->y * lv->w + o->x]) continue;
        solver_reach(lv, c, through, NULL);
        if (!through[o->y * lv->w + o->x]) continue;
        int32_t door = door_at_edge(lv, c, reached);
        if (door < 0) continue;
        const level_object_t *dr = &lv->objects[door];
        level_diag_add(d, LEVEL_ERROR, o->line, o->col,
                       "this %s key is behind its own door: Harry cannot reach it without "
                       "passing the %s door at (%d, %d) (line %d); put the key on his side",
                       colour_word(c), colour_word(c), (int)dr->x, (int)dr->y, (int)dr->line);
    }
out:
    free(reached);
    free(through);
}

/* Why Julie is cut off when the plain map has a way: fire, or a door. */
static void explain_cut_off(const level_t *lv, level_diags_t *d)
{
    size_t n = (size_t)lv->w * (size_t)lv->h;
    uint8_t *closed = malloc(n);
    solver_path_t path;
    bool fire_only = false;
    if (closed) {
        solver_closed_tiles(lv, false, true, closed);
        fire_only = !solver_find_path(lv, lv->harry_tx, lv->harry_ty, lv->julie_tx, lv->julie_ty,
                                      closed, &path);
        if (!fire_only) solver_path_free(&path);
    }
    free(closed);
    if (fire_only)
        level_diag_add(d, LEVEL_ERROR, lv->julie_line, lv->julie_col,
                       "Julie cannot be reached from Harry's start at (%d, %d) once the fire has "
                       "spread: it burns across every way to her; give it a shorter length or "
                       "open another way",
                       (int)lv->harry_tx, (int)lv->harry_ty);
    else
        level_diag_add(d, LEVEL_ERROR, lv->julie_line, lv->julie_col,
                       "Julie cannot be reached from Harry's start at (%d, %d): a locked door "
                       "is in the way and Harry cannot get its key (or its trigger) first",
                       (int)lv->harry_tx, (int)lv->harry_ty);
}

/* Can Julie be reached (through the doors whose keys come first), and with
 * how much time to spare? */
static void check_reach(const level_t *lv, level_diags_t *d, char *summary, size_t cap)
{
    solver_path_t path;
    if (!solver_find_path(lv, lv->harry_tx, lv->harry_ty, lv->julie_tx, lv->julie_ty, NULL,
                          &path)) {
        level_diag_add(d, LEVEL_ERROR, lv->julie_line, lv->julie_col,
                       "Julie cannot be reached from Harry's start at (%d, %d): walls, water or "
                       "fences cut her off; open a way",
                       (int)lv->harry_tx, (int)lv->harry_ty);
        snprintf(summary, cap, "Julie cannot be reached");
        return;
    }
    solver_path_free(&path);
    check_keys(lv, d);
    solver_route_t route;
    if (!solver_route(lv, &route)) {
        explain_cut_off(lv, d);
        snprintf(summary, cap, "Julie cannot be reached");
        return;
    }
    int32_t ticks = solver_walk_ticks(route.cost);
    int32_t clock = lv->time_s * 60;
    int tenths = (int)((ticks * 10 + 59) / 60);
    size_t at = (size_t)snprintf(summary, cap, "reachable in %d.%d s of %d s at walking speed",
                                 tenths / 10, tenths % 10, (int)lv->time_s);
    /* With a call that starts the clock, the time counts from beside it. */
    int32_t call, call_x, call_y;
    if (solver_call(lv, &call, &call_x, &call_y) && at < cap)
        at += (size_t)snprintf(summary + at, cap - at,
                               " from the payphone at (%d, %d), where the clock starts",
                               (int)lv->objects[call].x, (int)lv->objects[call].y);
    for (int32_t i = 0; i < route.stop_count && at < cap; i++) {
        const level_object_t *o = &lv->objects[route.stops[i]];
        const char *sep = i == 0 ? " via" : ", then";
        if (o->kind == KIND_KEY)
            at += (size_t)snprintf(summary + at, cap - at, "%s the %s key at (%d, %d)", sep,
                                   colour_word(level_prop(lv, o, "colour")), (int)o->x, (int)o->y);
        else if (o->kind == KIND_RESIDENT)
            at += (size_t)snprintf(summary + at, cap - at, "%s the %s key from (%d, %d)", sep,
                                   colour_word(level_key_colour(lv, o)), (int)o->x, (int)o->y);
        else
            at += (size_t)snprintf(summary + at, cap - at, "%s the trigger at (%d, %d)", sep,
                                   (int)route.stop_tx[i], (int)route.stop_ty[i]);
    }
    /* A medal no run can earn: faster than sprinting all the way (which
     * stamina does not even allow) is out of reach. */
    int32_t sprint_ticks = (int32_t)((int64_t)ticks * GAME_WALK_SPEED / GAME_SPRINT_SPEED);
    static const char *const medal_words[LEVEL_MEDALS] = {"bronze", "silver", "gold"};
    for (int m = LEVEL_MEDALS - 1; m >= 0; m--) {
        if (lv->medal_s[m] <= 0 || lv->medal_s[m] * 60 >= sprint_ticks) continue;
        level_diag_add(d, LEVEL_WARNING, lv->medal_line, lv->medal_col[m],
                       "the %s medal's time (%d s) is faster than Julie can be reached even "
                       "sprinting all the way (%d.%d s); no run can earn it",
                       medal_words[m], (int)lv->medal_s[m], (int)(sprint_ticks / 60),
                       (int)(sprint_ticks % 60 / 6));
        break;
    }
    if (ticks > clock) {
        level_diag_add(d, LEVEL_ERROR, lv->julie_line, lv->julie_col,
                       "Julie is %d.%d s away at walking speed but the clock has %d s; give more "
                       "time or bring her closer",
                       tenths / 10, tenths % 10, (int)lv->time_s);
    } else if ((clock - ticks) * 10 < clock) {
        level_diag_add(d, LEVEL_WARNING, lv->julie_line, lv->julie_col,
                       "only %d.%d s to spare at walking speed (under 10%% of the clock); most "
                       "players will run out of time",
                       (int)((clock - ticks) * 10 / 60) / 10,
                       (int)((clock - ticks) * 10 / 60) % 10);
    }
}

/* What the walking time takes for granted about things that move, in one
 * line, or "" when the level has none of them. */
static void hazard_note(const level_t *lv, char *out, size_t cap)
{
    bool traffic = false, patrols = false, crowds = false, fire = false, wind = false;
    for (int32_t i = 0; i < lv->object_count; i++) {
        int32_t k = lv->objects[i].kind;
        traffic |= k == KIND_LANE;
        patrols |= k == KIND_COP || k == KIND_SWAT;
        crowds |= k == KIND_DINER || k == KIND_PEDESTRIAN || k == KIND_LOOTER;
        fire |= k == KIND_FIRE || k == KIND_CRASH;
        wind |= k == KIND_WIND;
    }
    const char *names[4];
    int n = 0;
    if (traffic) names[n++] = "traffic";
    if (patrols) names[n++] = "patrols";
    if (crowds) names[n++] = "crowds";
    if (wind) names[n++] = "the wind"; /* gusts push him off his line */
    size_t at = 0;
    out[0] = '\0';
    if (n > 0) at = (size_t)snprintf(out, cap, "assumes ");
    for (int i = 0; i < n && at < cap; i++)
        at += (size_t)snprintf(out + at, cap - at, "%s%s",
                               i == 0       ? ""
                               : i == n - 1 ? " and "
                                            : ", ",
                               names[i]);
    if (n > 0 && at < cap) at += (size_t)snprintf(out + at, cap - at, " let Harry through");
    if (fire && at < cap)
        snprintf(out + at, cap - at, "%sfire blocks the tiles it will reach",
                 n > 0 ? "; " : "assumes ");
}

/* The level pulses the game has (assets/sound/music_pulse*.txt). */
static void check_music(const level_t *lv, level_diags_t *d)
{
    static const char *const known[] = {"level",  "pulse1", "pulse2", "pulse3",
                                        "pulse4", "pulse5", "pulse6"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(lv->music, known[i]) == 0) return;
    level_diag_add(d, LEVEL_WARNING, 0, 0,
                   "music '%s' is not a pulse of the game (pulse1 to pulse6); pulse1 will play",
                   lv->music);
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        FILE *out = argc < 2 ? stderr : stdout;
        fprintf(out, "Usage: levelcheck LEVELFILE...\n"
                     "Checks level files (.mml text, Tiled .tmx, .tmj or .json) and reports\n"
                     "every problem as file:line:col: error|warning: message, then whether\n"
                     "Julie can be reached in time. Exit 0 clean, 1 errors, 2 usage.\n");
        return argc < 2 ? 2 : 0;
    }
    int rc = 0;
    level_diags_t *d = malloc(sizeof *d);
    if (!d) return 2;
    for (int i = 1; i < argc; i++) {
        level_t *lv = level_file_load(argv[i], d);
        char summary[400] = "", note[160] = "";
        if (lv) check_reach(lv, d, summary, sizeof summary);
        if (lv) hazard_note(lv, note, sizeof note);
        if (lv) check_music(lv, d);
        /* Every file-less message belongs to this file. */
        qsort(d->items, (size_t)d->count, sizeof d->items[0], cmp_diag);
        level_file_print_diags(stdout, argv[i], d);
        if (d->errors > 0) rc = 1;
        if (note[0]) printf("%s: %s\n", argv[i], note);
        if (lv)
            printf("%s: %s%s\n", argv[i], summary, d->errors ? "" : "; ok");
        else
            printf("%s: %d error%s\n", argv[i], (int)d->errors, d->errors == 1 ? "" : "s");
        level_free(lv);
    }
    free(d);
    return rc;
}
