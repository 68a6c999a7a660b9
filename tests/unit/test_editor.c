/* The editor's model: every edit, undo and redo over it, the live check with
 * its tiles, and a level made only through the editor's operations that
 * saves, reads back clean and is won by the bot.
 *
 *   test_editor [OUT_DIR LEVELS_DIR]   OUT_DIR gets editor-made.mml; every
 *                                      level of LEVELS_DIR's campaign is
 *                                      opened and written back unchanged */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/files.h"
#include "editor/editor.h"
#include "game/check.h"
#include "game/replay.h"
#include "game/solver.h"

static const char *out_dir = ".";
static const char *levels_dir = NULL;

/* The parts of a level an edit can change, as one comparable blob. */
static uint64_t state_hash(const editor_t *ed)
{
    const level_t *lv = editor_level(ed);
    uint64_t h = 0xcbf29ce484222325ull;
#define MIX(p, n)                                                                                  \
    for (size_t i_ = 0; i_ < (size_t)(n); i_++) {                                                  \
        h ^= ((const unsigned char *)(p))[i_];                                                     \
        h *= 0x100000001b3ull;                                                                     \
    }
    MIX(&lv->w, sizeof lv->w);
    MIX(&lv->h, sizeof lv->h);
    MIX(lv->tiles, (size_t)lv->w * (size_t)lv->h);
    MIX(&lv->object_count, sizeof lv->object_count);
    for (int32_t i = 0; i < lv->object_count; i++) {
        const level_object_t *o = &lv->objects[i];
        MIX(&o->kind, sizeof o->kind);
        MIX(&o->x, sizeof o->x);
        MIX(&o->y, sizeof o->y);
        MIX(&o->w, sizeof o->w);
        MIX(&o->h, sizeof o->h);
        MIX(o->name, strlen(o->name));
        MIX(o->props, sizeof o->props);
        MIX(o->set, sizeof o->set);
        MIX(o->text, strlen(o->text));
    }
    MIX(&lv->path_count, sizeof lv->path_count);
    for (int32_t i = 0; i < lv->path_count; i++) {
        const level_path_t *p = &lv->paths[i];
        MIX(p->name, strlen(p->name));
        MIX(&p->count, sizeof p->count);
        MIX(p->x, sizeof p->x[0] * (size_t)p->count);
        MIX(p->y, sizeof p->y[0] * (size_t)p->count);
        MIX(&p->loop, sizeof p->loop);
    }
    MIX(lv->name, strlen(lv->name));
    MIX(lv->story, strlen(lv->story));
    MIX(lv->music, strlen(lv->music));
    MIX(&lv->time_s, sizeof lv->time_s);
    MIX(&lv->par_s, sizeof lv->par_s);
    MIX(&lv->seed, sizeof lv->seed);
#undef MIX
    return h;
}

static int32_t tile(const editor_t *ed, int32_t x, int32_t y)
{
    return editor_pick(ed, x, y);
}

static void test_paint_and_pick(void **state)
{
    (void)state;
    editor_t *ed = editor_create(10, 8);
    assert_non_null(ed);
    assert_int_equal(tile(ed, 3, 2), TILE_SIDEWALK);
    assert_true(editor_paint(ed, 3, 2, TILE_TAR));
    assert_int_equal(tile(ed, 3, 2), TILE_TAR);
    assert_int_equal(editor_undo_count(ed), 1);
    /* The same tile again changes nothing and is no step. */
    assert_true(editor_paint(ed, 3, 2, TILE_TAR));
    assert_int_equal(editor_undo_count(ed), 1);
    assert_false(editor_paint(ed, 10, 2, TILE_TAR));
    assert_non_null(strstr(editor_message(ed), "outside the map"));
    assert_false(editor_paint(ed, 1, 1, (tile_kind_t)TILE_KIND_COUNT));
    assert_int_equal(editor_pick(ed, -1, 0), -1);
    assert_true(editor_undo(ed));
    assert_int_equal(tile(ed, 3, 2), TILE_SIDEWALK);
    assert_true(editor_redo(ed));
    assert_int_equal(tile(ed, 3, 2), TILE_TAR);
    editor_destroy(ed);
}

static void test_rect_filled_and_outline(void **state)
{
    (void)state;
    editor_t *ed = editor_create(12, 10);
    uint64_t blank = state_hash(ed);
    /* Corners in any order, and cut to the map. */
    assert_true(editor_rect(ed, 8, 6, 2, 1, TILE_GRASS, false));
    for (int32_t y = 0; y < 10; y++)
        for (int32_t x = 0; x < 12; x++)
            assert_int_equal(tile(ed, x, y),
                             x >= 2 && x <= 8 && y >= 1 && y <= 6 ? TILE_GRASS : TILE_SIDEWALK);
    assert_true(editor_rect(ed, -5, -5, 20, 20, TILE_WALL, true));
    assert_int_equal(tile(ed, 0, 0), TILE_WALL);
    assert_int_equal(tile(ed, 11, 9), TILE_WALL);
    assert_int_equal(tile(ed, 0, 5), TILE_WALL);
    assert_int_equal(tile(ed, 1, 1), TILE_SIDEWALK);
    assert_int_equal(tile(ed, 3, 3), TILE_GRASS); /* inside an outline: untouched */
    assert_int_equal(editor_undo_count(ed), 2);
    assert_true(editor_undo(ed));
    assert_true(editor_undo(ed));
    assert_int_equal(state_hash(ed), blank);
    assert_false(editor_rect(ed, 20, 20, 30, 30, TILE_WALL, false));
    editor_destroy(ed);
}

static void test_flood_fill(void **state)
{
    (void)state;
    editor_t *ed = editor_create(10, 10);
    /* A wall ring round (2..6, 2..6); filling inside stays inside. */
    assert_true(editor_rect(ed, 2, 2, 6, 6, TILE_WALL, true));
    assert_true(editor_fill(ed, 4, 4, TILE_DINER_FLOOR));
    int32_t inside = 0, outside = 0;
    for (int32_t y = 0; y < 10; y++)
        for (int32_t x = 0; x < 10; x++) {
            if (tile(ed, x, y) == TILE_DINER_FLOOR) inside++;
            if (tile(ed, x, y) == TILE_SIDEWALK) outside++;
        }
    assert_int_equal(inside, 9);
    assert_int_equal(outside, 100 - 16 - 9);
    /* Filling the outside goes round the ring (sides only, so the corner
     * gaps of diagonals do not leak). */
    assert_true(editor_fill(ed, 0, 0, TILE_ROAD));
    assert_int_equal(tile(ed, 9, 9), TILE_ROAD);
    assert_int_equal(tile(ed, 4, 4), TILE_DINER_FLOOR);
    assert_true(editor_undo(ed));
    assert_int_equal(tile(ed, 9, 9), TILE_SIDEWALK);
    /* Same tile: nothing to do, no step. */
    int32_t steps = editor_undo_count(ed);
    assert_true(editor_fill(ed, 4, 4, TILE_DINER_FLOOR));
    assert_int_equal(editor_undo_count(ed), steps);
    editor_destroy(ed);
}

static void test_resize(void **state)
{
    (void)state;
    editor_t *ed = editor_create(8, 6);
    assert_true(editor_paint(ed, 0, 0, TILE_TAR));
    int32_t cop = editor_place(ed, KIND_COP, 7, 5, 1, 1);
    int32_t wind = editor_place(ed, KIND_WIND, 3, 2, 3, 3);
    assert_true(cop >= 0 && wind >= 0);
    int32_t path = editor_add_path(ed, "beat", false);
    assert_true(editor_path_point(ed, path, 1, 1));
    assert_true(editor_path_point(ed, path, 7, 1));
    uint64_t before = state_hash(ed);
    /* Grow by two on the left and one on top: everything moves with the map. */
    assert_true(editor_resize(ed, 10, 7, 2, 1, TILE_GRASS));
    const level_t *lv = editor_level(ed);
    assert_int_equal(lv->w, 10);
    assert_int_equal(lv->h, 7);
    assert_int_equal(tile(ed, 2, 1), TILE_TAR);
    assert_int_equal(tile(ed, 0, 0), TILE_GRASS);
    assert_int_equal(lv->objects[cop].x, 9);
    assert_int_equal(lv->objects[cop].y, 6);
    assert_int_equal(lv->paths[path].x[1], 9);
    /* Shrink to 6 x 5: the cop falls off, the wind area is cut, the path
     * keeps the point that is still on the map. */
    assert_true(editor_resize(ed, 6, 5, 0, 0, TILE_GRASS));
    lv = editor_level(ed);
    assert_int_equal(lv->object_count, 1);
    assert_int_equal(lv->objects[0].kind, KIND_WIND);
    assert_int_equal(lv->objects[0].x, 5);
    assert_int_equal(lv->objects[0].w, 1);
    assert_int_equal(lv->objects[0].h, 2);
    assert_int_equal(lv->paths[path].count, 1);
    assert_false(editor_resize(ed, 3, 5, 0, 0, TILE_GRASS));
    assert_false(editor_resize(ed, LEVEL_MAX_W + 1, 5, 0, 0, TILE_GRASS));
    assert_true(editor_undo(ed));
    assert_true(editor_undo(ed));
    assert_int_equal(state_hash(ed), before);
    editor_destroy(ed);
}

/* The screen's Size: a side cut or grown at the top and left moves the
 * tiles, things, areas and paths with it; each one step, undone exactly. */
static void test_resize_top_left(void **state)
{
    (void)state;
    editor_t *ed = editor_create(8, 6);
    assert_true(editor_paint(ed, 3, 2, TILE_TAR));
    int32_t cop = editor_place(ed, KIND_COP, 4, 3, 1, 1);
    int32_t wind = editor_place(ed, KIND_WIND, 0, 0, 3, 2);
    int32_t path = editor_add_path(ed, "beat", false);
    assert_true(editor_path_point(ed, path, 0, 4));
    assert_true(editor_path_point(ed, path, 5, 4));
    uint64_t before = state_hash(ed);
    int32_t steps = editor_undo_count(ed);
    /* Cut a row off the top and a column off the left. */
    assert_true(editor_resize(ed, 8, 5, 0, -1, TILE_GRASS));
    assert_true(editor_resize(ed, 7, 5, -1, 0, TILE_GRASS));
    assert_int_equal(editor_undo_count(ed), steps + 2);
    const level_t *lv = editor_level(ed);
    assert_int_equal(lv->w, 7);
    assert_int_equal(lv->h, 5);
    assert_int_equal(tile(ed, 2, 1), TILE_TAR);
    assert_int_equal(lv->objects[cop].x, 3);
    assert_int_equal(lv->objects[cop].y, 2);
    assert_int_equal(lv->objects[wind].x, 0); /* cut to the map: 2 x 1 now */
    assert_int_equal(lv->objects[wind].w, 2);
    assert_int_equal(lv->objects[wind].h, 1);
    assert_int_equal(lv->paths[path].count, 1); /* the point at x 0 went with its column */
    assert_int_equal(lv->paths[path].x[0], 4);
    assert_int_equal(lv->paths[path].y[0], 3);
    /* Grown back at the top and left: new tiles of the fill, the rest moved. */
    assert_true(editor_resize(ed, 8, 6, 1, 1, TILE_WALL));
    assert_int_equal(tile(ed, 0, 0), TILE_WALL);
    assert_int_equal(tile(ed, 3, 2), TILE_TAR);
    assert_int_equal(lv->objects[cop].x, 4);
    assert_int_equal(lv->objects[cop].y, 3);
    for (int i = 0; i < 3; i++) assert_true(editor_undo(ed));
    assert_int_equal(state_hash(ed), before);
    for (int i = 0; i < 3; i++) assert_true(editor_redo(ed));
    assert_int_equal(lv->w, 8);
    assert_int_equal(tile(ed, 0, 0), TILE_WALL);
    editor_destroy(ed);
}

static void test_every_kind_placed_moved_deleted(void **state)
{
    (void)state;
    editor_t *ed = editor_create(64, 64);
    uint64_t blank = state_hash(ed);
    int32_t placed = 0;
    for (int32_t k = 0; k < level_kind_count(); k++) {
        const kind_schema_t *ks = level_kind(k);
        int32_t at = editor_place(ed, k, 2 + 2 * k, 3, 2, 2);
        if (!ks->placeable) {
            assert_int_equal(at, -1);
            assert_true(editor_message(ed)[0] != '\0');
            continue;
        }
        assert_true(at >= 0);
        placed++;
        const level_object_t *o = &editor_level(ed)->objects[at];
        assert_int_equal(o->kind, k);
        assert_int_equal(o->w, ks->place == PLACE_AREA ? 2 : 1);
        for (int32_t p = 0; p < ks->prop_count; p++)
            assert_int_equal(o->props[p], ks->props[p].def);
        assert_int_equal(editor_object_at(ed, 2 + 2 * k, 3), at);
    }
    assert_int_equal(editor_level(ed)->object_count, placed);
    /* Harry is one: placing him again moves him. */
    int32_t harry = level_find_kind(editor_level(ed), KIND_HARRY);
    assert_int_equal(editor_place(ed, KIND_HARRY, 40, 40, 1, 1), harry);
    assert_int_equal(editor_level(ed)->object_count, placed);
    assert_int_equal(editor_level(ed)->objects[harry].x, 40);
    /* Move and delete, each one step. */
    int32_t coffee = level_find_kind(editor_level(ed), KIND_COFFEE);
    assert_true(editor_move(ed, coffee, 30, 30));
    assert_int_equal(editor_object_at(ed, 30, 30), coffee);
    assert_false(editor_move(ed, coffee, 64, 30));
    int32_t wind = level_find_kind(editor_level(ed), KIND_WIND);
    assert_false(editor_move(ed, wind, 63, 10)); /* a 2 x 2 area does not fit there */
    assert_true(editor_delete(ed, coffee));
    assert_int_equal(editor_level(ed)->object_count, placed - 1);
    assert_int_equal(level_find_kind(editor_level(ed), KIND_COFFEE), -1);
    assert_false(editor_delete(ed, 999));
    assert_true(editor_undo(ed));
    assert_int_equal(editor_level(ed)->objects[coffee].kind, KIND_COFFEE);
    assert_int_equal(editor_level(ed)->objects[coffee].x, 30);
    while (editor_undo(ed)) {
    }
    assert_int_equal(state_hash(ed), blank);
    editor_destroy(ed);
}

static void test_properties_by_the_schema(void **state)
{
    (void)state;
    editor_t *ed = editor_create(20, 20);
    int32_t cop = editor_place(ed, KIND_COP, 5, 5, 1, 1);
    int32_t p_speed = level_prop_index(KIND_COP, "speed");
    const prop_schema_t *ps = &level_kind(KIND_COP)->props[p_speed];
    char v[64];
    editor_prop_value(ed, cop, p_speed, v, sizeof v);
    assert_int_equal(atoi(v), ps->def);
    /* In range, out of range, not a number: as a level file is read. */
    char num[16];
    snprintf(num, sizeof num, "%d", (int)ps->max);
    assert_true(editor_set_prop(ed, cop, "speed", num));
    assert_int_equal(editor_level(ed)->objects[cop].props[p_speed], ps->max);
    snprintf(num, sizeof num, "%d", (int)ps->max + 1);
    assert_false(editor_set_prop(ed, cop, "speed", num));
    assert_non_null(strstr(editor_message(ed), "must be a whole number from"));
    assert_false(editor_set_prop(ed, cop, "speed", "fast"));
    assert_false(editor_set_prop(ed, cop, "colour", "red"));
    assert_non_null(strstr(editor_message(ed), "has no property 'colour'"));
    /* Words, true/false, text. */
    int32_t door = editor_place(ed, KIND_DOOR, 8, 8, 1, 1);
    assert_true(editor_set_prop(ed, door, "colour", "blue"));
    editor_prop_value(ed, door, level_prop_index(KIND_DOOR, "colour"), v, sizeof v);
    assert_string_equal(v, "blue");
    assert_false(editor_set_prop(ed, door, "colour", "purple"));
    assert_non_null(strstr(editor_message(ed), "must be one of red, blue"));
    int32_t trig = editor_place(ed, KIND_TRIGGER, 2, 2, 3, 2);
    assert_true(editor_set_prop(ed, trig, "once", "false"));
    assert_false(editor_set_prop(ed, trig, "once", "maybe"));
    assert_true(editor_set_prop(ed, trig, "text", "Harry hears sirens."));
    assert_string_equal(editor_level(ed)->objects[trig].text, "Harry hears sirens.");
    assert_true(editor_set_prop(ed, trig, "w", "4"));
    assert_int_equal(editor_level(ed)->objects[trig].w, 4);
    assert_false(editor_set_prop(ed, trig, "w", "19")); /* past the map's edge */
    /* An empty value is the default again. */
    assert_true(editor_set_prop(ed, cop, "speed", ""));
    assert_int_equal(editor_level(ed)->objects[cop].props[p_speed], ps->def);
    /* Names: unique, and a rename carries to the links. */
    assert_true(editor_set_prop(ed, door, "name", "back"));
    assert_true(editor_set_prop(ed, trig, "target", "back"));
    assert_false(editor_set_prop(ed, cop, "name", "back"));
    assert_non_null(strstr(editor_message(ed), "already named"));
    assert_false(editor_set_prop(ed, cop, "name", "no spaces"));
    assert_true(editor_set_prop(ed, door, "name", "kitchen"));
    int32_t p_target = level_prop_index(KIND_TRIGGER, "target");
    editor_prop_value(ed, trig, p_target, v, sizeof v);
    assert_string_equal(v, "kitchen");
    /* The rename and its carried link are one step. */
    assert_true(editor_undo(ed));
    editor_prop_value(ed, trig, p_target, v, sizeof v);
    assert_string_equal(v, "back");
    assert_string_equal(editor_level(ed)->objects[door].name, "back");
    editor_destroy(ed);
}

static void test_links(void **state)
{
    (void)state;
    editor_t *ed = editor_create(20, 10);
    int32_t key = editor_place(ed, KIND_KEY, 1, 1, 1, 1);
    int32_t door = editor_place(ed, KIND_DOOR, 5, 1, 1, 1);
    int32_t p_colour = level_prop_index(KIND_DOOR, "colour");
    assert_true(editor_set_prop(ed, key, "colour", "green"));
    assert_true(editor_link(ed, key, door));
    assert_int_equal(editor_level(ed)->objects[door].props[p_colour],
                     editor_level(ed)->objects[key].props[p_colour]);
    /* The other way round too: the door takes the key's colour. */
    assert_true(editor_set_prop(ed, key, "colour", "yellow"));
    assert_true(editor_link(ed, door, key));
    char v[32];
    editor_prop_value(ed, door, p_colour, v, sizeof v);
    assert_string_equal(v, "yellow");
    /* A trigger and a door: the door is named, targeted, opened by it. */
    int32_t door2 = editor_place(ed, KIND_DOOR, 9, 1, 1, 1);
    int32_t trig = editor_place(ed, KIND_TRIGGER, 10, 5, 2, 2);
    int32_t steps = editor_undo_count(ed);
    assert_true(editor_link(ed, trig, door2));
    assert_int_equal(editor_undo_count(ed), steps + 1);
    assert_string_equal(editor_level(ed)->objects[door2].name, "door1");
    editor_prop_value(ed, trig, level_prop_index(KIND_TRIGGER, "target"), v, sizeof v);
    assert_string_equal(v, "door1");
    editor_prop_value(ed, trig, level_prop_index(KIND_TRIGGER, "do"), v, sizeof v);
    assert_string_equal(v, "open");
    editor_prop_value(ed, door2, p_colour, v, sizeof v);
    assert_string_equal(v, "none");
    /* A lane and its signal. */
    int32_t lane = editor_place(ed, KIND_LANE, 19, 7, 1, 1);
    int32_t sig = editor_place(ed, KIND_SIGNAL, 10, 7, 1, 1);
    assert_true(editor_link(ed, sig, lane));
    editor_prop_value(ed, lane, level_prop_index(KIND_LANE, "signal"), v, sizeof v);
    assert_string_equal(v, "signal1");
    assert_false(editor_link(ed, key, lane));
    assert_non_null(strstr(editor_message(ed), "do not link"));
    /* The check sees the links resolve: no message about a missing name. */
    editor_report_t r;
    editor_check(ed, &r);
    for (int32_t i = 0; i < r.count; i++) assert_null(strstr(r.items[i].message, "no object"));
    /* Undoing the link takes back the name it gave. */
    while (editor_undo_count(ed) > steps) assert_true(editor_undo(ed));
    assert_string_equal(editor_level(ed)->objects[door2].name, "");
    editor_destroy(ed);
}

static void test_paths(void **state)
{
    (void)state;
    editor_t *ed = editor_create(12, 8);
    int32_t a = editor_add_path(ed, NULL, false);
    int32_t b = editor_add_path(ed, NULL, true);
    assert_string_equal(editor_level(ed)->paths[a].name, "path1");
    assert_string_equal(editor_level(ed)->paths[b].name, "path2");
    assert_int_equal(editor_add_path(ed, "path1", false), -1);
    assert_non_null(strstr(editor_message(ed), "a second path"));
    assert_int_equal(editor_add_path(ed, "bad name", false), -1);
    for (int32_t i = 0; i < LEVEL_MAX_POINTS; i++) assert_true(editor_path_point(ed, a, i % 12, 1));
    assert_false(editor_path_point(ed, a, 3, 3));
    assert_false(editor_path_point(ed, b, 12, 3));
    assert_true(editor_path_loop(ed, a, true));
    assert_true(editor_level(ed)->paths[a].loop);
    int32_t cop = editor_place(ed, KIND_COP, 2, 1, 1, 1);
    assert_true(editor_set_prop(ed, cop, "path", "path1"));
    assert_true(editor_delete_path(ed, a));
    assert_int_equal(editor_level(ed)->path_count, 1);
    /* The cop still names it: the check says the path is gone, at the cop. */
    editor_report_t r;
    editor_check(ed, &r);
    bool said = false;
    for (int32_t i = 0; i < r.count; i++)
        if (strstr(r.items[i].message, "no path has that name")) {
            said = true;
            assert_int_equal(r.items[i].tx, 2);
            assert_int_equal(r.items[i].ty, 1);
        }
    assert_true(said);
    assert_true(editor_undo(ed));
    assert_int_equal(editor_level(ed)->paths[a].count, LEVEL_MAX_POINTS);
    editor_destroy(ed);
}

static void test_level_keys(void **state)
{
    (void)state;
    editor_t *ed = editor_create(8, 8);
    assert_true(editor_set_key(ed, "name", "Up on the roof"));
    assert_true(editor_set_key(ed, "story", "The helicopter waits."));
    assert_true(editor_set_key(ed, "time", "90"));
    assert_true(editor_set_key(ed, "par", "50"));
    assert_true(editor_set_key(ed, "music", "pulse3"));
    assert_true(editor_set_key(ed, "seed", "77"));
    assert_true(editor_set_key(ed, "hour", "5:02 a.m."));
    assert_true(editor_set_key(ed, "place", "A rooftop"));
    assert_true(editor_set_key(ed, "ambient", "40"));
    assert_true(editor_set_key(ed, "medals", "80 70 60"));
    const level_t *lv = editor_level(ed);
    assert_string_equal(lv->name, "Up on the roof");
    assert_int_equal(lv->time_s, 90);
    assert_int_equal(lv->par_s, 50);
    assert_int_equal(lv->seed, 77);
    assert_int_equal(lv->ambient, 40);
    assert_false(editor_set_key(ed, "time", "2"));
    assert_non_null(strstr(editor_message(ed), "it must be from 5"));
    assert_false(editor_set_key(ed, "ambient", "101"));
    assert_false(editor_set_key(ed, "colour", "red"));
    assert_int_equal(lv->time_s, 90);
    assert_int_equal(lv->medal_s[LEVEL_MEDAL_GOLD], 60);
    assert_true(editor_undo(ed)); /* the medals, kept by undo like every key */
    assert_int_equal(lv->medal_s[LEVEL_MEDAL_GOLD], 0);
    assert_int_equal(lv->ambient, 40);
    assert_true(editor_undo(ed));
    assert_int_equal(lv->ambient, 100);
    editor_destroy(ed);
}

static void test_undo_redo_many_steps(void **state)
{
    (void)state;
    editor_t *ed = editor_create(40, 40);
    int32_t cop = editor_place(ed, KIND_COP, 0, 0, 1, 1);
    editor_forget_history(ed);
    assert_int_equal(editor_undo_count(ed), 0);
    uint64_t start = state_hash(ed);
    /* 150 mixed steps: paints, moves, fills, properties. */
    uint64_t after[151];
    after[0] = start;
    for (int32_t i = 1; i <= 150; i++) {
        switch (i % 4) {
        case 0:
            assert_true(editor_paint(ed, i % 40, i / 40 + 10, TILE_GRASS + (i % 3)));
            break;
        case 1:
            assert_true(editor_move(ed, cop, i % 40, 1 + i / 40));
            break;
        case 2:
            assert_true(editor_rect(ed, 0, 20, i % 40, 25,
                                    (tile_kind_t)((i / 4) % 2 ? TILE_ROAD : TILE_TAR), false));
            break;
        default: {
            char s[8];
            snprintf(s, sizeof s, "%d", 10 + i % 140);
            assert_true(editor_set_prop(ed, cop, "speed", s));
        }
        }
        after[i] = state_hash(ed);
    }
    assert_int_equal(editor_undo_count(ed), 150);
    for (int32_t i = 150; i > 0; i--) {
        assert_int_equal(state_hash(ed), after[i]);
        assert_true(editor_undo(ed));
    }
    assert_int_equal(state_hash(ed), start);
    assert_false(editor_undo(ed));
    for (int32_t i = 1; i <= 150; i++) {
        assert_true(editor_redo(ed));
        assert_int_equal(state_hash(ed), after[i]);
    }
    assert_false(editor_redo(ed));
    /* Undo ten, then a new edit: the ten cannot be redone. */
    for (int32_t i = 0; i < 10; i++) assert_true(editor_undo(ed));
    assert_int_equal(editor_redo_count(ed), 10);
    assert_true(editor_paint(ed, 39, 39, TILE_WALL));
    assert_int_equal(editor_redo_count(ed), 0);
    assert_false(editor_redo(ed));
    assert_int_equal(editor_undo_count(ed), 141);
    /* A stroke is one step however many tiles it paints. */
    editor_begin(ed);
    for (int32_t x = 0; x < 40; x++) assert_true(editor_paint(ed, x, 38, TILE_HEDGE));
    editor_end(ed);
    assert_int_equal(editor_undo_count(ed), 142);
    assert_true(editor_undo(ed));
    assert_int_equal(tile(ed, 20, 38), TILE_SIDEWALK);
    /* Past EDITOR_UNDO_STEPS the oldest go. */
    for (int32_t i = 0; i < EDITOR_UNDO_STEPS + 20; i++)
        assert_true(editor_paint(ed, i % 40, 39, (i / 40) % 2 ? TILE_WALL : TILE_GRASS));
    assert_int_equal(editor_undo_count(ed), EDITOR_UNDO_STEPS);
    editor_destroy(ed);
}

/* What 100 steps of each common edit hold in memory (printed for the
 * record; bounded so a change that copies the whole level per step fails). */
static void test_undo_memory(void **state)
{
    (void)state;
    editor_t *ed = editor_create(128, 64);
    for (int32_t i = 0; i < 30; i++) editor_place(ed, KIND_DINER, 1 + i, 1, 1, 1);
    editor_forget_history(ed);
    for (int32_t i = 0; i < 100; i++) editor_paint(ed, i, 10, i % 2 ? TILE_WALL : TILE_GRASS);
    size_t paint = editor_undo_bytes(ed);
    editor_forget_history(ed);
    for (int32_t i = 0; i < 100; i++) editor_move(ed, i % 30, i % 100, 20 + i % 2);
    size_t move = editor_undo_bytes(ed);
    editor_forget_history(ed);
    for (int32_t i = 0; i < 100; i++) editor_fill(ed, 0, 40, i % 2 ? TILE_GRASS : TILE_ROAD);
    size_t fill = editor_undo_bytes(ed);
    editor_forget_history(ed);
    for (int32_t i = 0; i < 10; i++) editor_resize(ed, 128 - i % 2, 64, 0, 0, TILE_GRASS);
    size_t resize = editor_undo_bytes(ed);
    printf("undo memory, 100 steps on a 128x64 map with 30 objects: paint %zu bytes, move %zu, "
           "whole-map fill %zu; 10 resizes %zu; the level itself is %zu\n",
           paint, move, fill, resize, sizeof(level_t));
    assert_true(paint < 100 * 128);
    assert_true(move < 100 * 2 * sizeof(level_object_t) + 100 * 128);
    assert_true(fill < 100 * (2 * 128 * 64 + 128));
    editor_destroy(ed);
}

static void test_check_names_tiles(void **state)
{
    (void)state;
    editor_t *ed = editor_create(10, 6);
    editor_report_t r;
    editor_check(ed, &r);
    assert_true(r.errors >= 2); /* no Harry, no Julie */
    bool harry = false;
    for (int32_t i = 0; i < r.count; i++)
        if (strstr(r.items[i].message, "no Harry")) harry = r.items[i].tx == -1;
    assert_true(harry);
    assert_null(editor_play_copy(ed, -1, -1, NULL));
    editor_place(ed, KIND_HARRY, 1, 1, 1, 1);
    editor_place(ed, KIND_JULIE, 8, 4, 1, 1);
    editor_check(ed, &r);
    assert_int_equal(r.errors, 0);
    assert_non_null(strstr(r.summary, "reachable in"));
    /* A cop in a wall: the error is at the cop's tile. */
    editor_paint(ed, 5, 2, TILE_WALL);
    editor_place(ed, KIND_COP, 5, 2, 1, 1);
    editor_check(ed, &r);
    assert_int_equal(r.errors, 1);
    assert_int_equal(r.items[0].severity, LEVEL_ERROR);
    assert_int_equal(r.items[0].tx, 5);
    assert_int_equal(r.items[0].ty, 2);
    assert_non_null(strstr(r.items[0].message, "would stand in a wall"));
    /* It cannot be saved as is, and the message says why. */
    char path[512];
    snprintf(path, sizeof path, "%s/editor-refused.mml", out_dir);
    remove(path);
    assert_false(editor_save(ed, path));
    assert_non_null(strstr(editor_message(ed), "not saved"));
    assert_false(files_exists(path));
    editor_undo(ed);
    /* Walled off: the checker's reach error lands on Julie. */
    editor_rect(ed, 6, 0, 6, 5, TILE_WALL, false);
    editor_check(ed, &r);
    assert_true(r.errors >= 1);
    assert_non_null(strstr(r.items[0].message, "cannot be reached"));
    assert_int_equal(r.items[0].tx, 8);
    assert_int_equal(r.items[0].ty, 4);
    /* Saved anyway, since it loads, and said so. */
    assert_true(editor_save(ed, path));
    assert_non_null(strstr(editor_message(ed), "cannot be won yet"));
    remove(path);
    editor_destroy(ed);
}

/* A level full of mistakes still draws: the preview leaves out what a
 * reader would refuse, so the rules' set-up (which may count on a path
 * being there) never meets it. Under the sanitizers this fails loudly. */
static void test_preview_of_a_broken_level(void **state)
{
    (void)state;
    editor_t *ed = editor_create(40, 12);
    game_t *g = malloc(sizeof *g);
    assert_non_null(g);
    /* No Harry, no Julie, nothing else: it draws. */
    level_t *p = editor_preview_copy(ed);
    assert_non_null(p);
    game_init(g, p);
    level_free(p);
    /* Every kind, most of them wrong: paths missing, things in walls. */
    editor_rect(ed, 0, 0, 39, 0, TILE_WALL, false);
    for (int32_t k = 0; k < level_kind_count(); k++)
        if (level_kind(k)->placeable) editor_place(ed, k, 1 + k, k % 2 ? 0 : 5, 2, 2);
    int32_t empty = editor_add_path(ed, "empty", false);
    int32_t one = editor_add_path(ed, "one", false);
    editor_path_point(ed, one, 3, 3);
    int32_t cop = level_find_kind(editor_level(ed), KIND_COP);
    editor_set_prop(ed, cop, "path", "empty");
    int32_t ped = level_find_kind(editor_level(ed), KIND_PEDESTRIAN);
    editor_set_prop(ed, ped, "path", "one");
    assert_true(empty >= 0 && one >= 0);
    editor_report_t r;
    editor_check(ed, &r);
    assert_true(r.errors > 3);
    p = editor_preview_copy(ed);
    assert_non_null(p);
    game_init(g, p);
    /* Harry stays (on open ground), Julie (in the wall) and the rest that
     * was wrong are gone. */
    assert_true(p->harry >= 0);
    assert_int_equal(p->julie, -1);
    assert_true(p->object_count < editor_level(ed)->object_count);
    assert_int_equal(level_find_kind(p, KIND_LOOTER), -1); /* no path: left out */
    level_free(p);
    free(g);
    editor_destroy(ed);
}

/* A key behind its own door: the checker's message, at the key's tile,
 * names the door by its tile and no line of a file. */
static void test_check_key_behind_its_door(void **state)
{
    (void)state;
    editor_t *ed = editor_create(12, 5);
    editor_rect(ed, 6, 0, 6, 4, TILE_WALL, false);
    editor_paint(ed, 6, 2, TILE_DOOR);
    editor_place(ed, KIND_HARRY, 1, 2, 1, 1);
    editor_place(ed, KIND_JULIE, 10, 2, 1, 1);
    int32_t door = editor_place(ed, KIND_DOOR, 6, 2, 1, 1);
    int32_t key = editor_place(ed, KIND_KEY, 9, 1, 1, 1);
    assert_true(editor_link(ed, key, door));
    editor_report_t r;
    editor_check(ed, &r);
    bool said = false;
    for (int32_t i = 0; i < r.count; i++) {
        if (!strstr(r.items[i].message, "behind its own door")) continue;
        said = true;
        assert_int_equal(r.items[i].tx, 9);
        assert_int_equal(r.items[i].ty, 1);
        assert_non_null(strstr(r.items[i].message, "door at (6, 2)"));
        assert_null(strstr(r.items[i].message, "line"));
    }
    assert_true(said);
    editor_destroy(ed);
}

static void test_play_copy_from_cursor(void **state)
{
    (void)state;
    editor_t *ed = editor_create(10, 6);
    editor_place(ed, KIND_HARRY, 1, 1, 1, 1);
    editor_place(ed, KIND_JULIE, 8, 4, 1, 1);
    uint64_t before = state_hash(ed);
    level_t *lv = editor_play_copy(ed, 6, 3, NULL);
    assert_non_null(lv);
    assert_int_equal(lv->harry_tx, 6);
    assert_int_equal(lv->harry_ty, 3);
    level_free(lv);
    lv = editor_play_copy(ed, -1, -1, NULL);
    assert_int_equal(lv->harry_tx, 1);
    level_free(lv);
    assert_int_equal(state_hash(ed), before); /* the edited level is untouched */
    editor_destroy(ed);
}

/* A level made only through the editor: streets, a diner with a locked
 * door and its key, a cop on a beat, a trigger, a payphone; saved, read back
 * clean, won by the bot. */
static void test_made_in_the_editor(void **state)
{
    (void)state;
    editor_t *ed = editor_create(24, 14);
    assert_true(editor_set_key(ed, "name", "Made in the editor"));
    assert_true(editor_set_key(ed, "story", "Johnnie's, after the call."));
    assert_true(editor_set_key(ed, "time", "60"));
    assert_true(editor_set_key(ed, "par", "30"));
    assert_true(editor_set_key(ed, "music", "pulse2"));
    assert_true(editor_set_key(ed, "seed", "5"));
    assert_true(editor_rect(ed, 0, 0, 23, 13, TILE_WALL, true));
    /* A road across the middle, with a crosswalk. */
    assert_true(editor_rect(ed, 1, 6, 22, 7, TILE_ROAD, false));
    assert_true(editor_rect(ed, 11, 6, 12, 7, TILE_CROSSWALK, false));
    /* The diner: a walled room with a door, floor by flood fill. */
    assert_true(editor_rect(ed, 14, 8, 22, 12, TILE_WALL, true));
    assert_true(editor_fill(ed, 18, 10, TILE_DINER_FLOOR));
    assert_int_equal(editor_pick(ed, 18, 10), TILE_DINER_FLOOR);
    assert_true(editor_paint(ed, 16, 8, TILE_DOOR));
    assert_true(editor_paint(ed, 20, 10, TILE_COUNTER));
    assert_true(editor_paint(ed, 4, 2, TILE_STREETLIGHT));
    assert_true(editor_paint(ed, 3, 11, TILE_TREE));
    assert_true(editor_place(ed, KIND_HARRY, 2, 2, 1, 1) >= 0);
    assert_true(editor_place(ed, KIND_JULIE, 20, 11, 1, 1) >= 0);
    int32_t door = editor_place(ed, KIND_DOOR, 16, 8, 1, 1);
    int32_t key = editor_place(ed, KIND_KEY, 8, 3, 1, 1);
    assert_true(door >= 0 && key >= 0);
    assert_true(editor_set_prop(ed, key, "colour", "red"));
    assert_true(editor_link(ed, key, door));
    int32_t beat = editor_add_path(ed, "beat", false);
    assert_true(editor_path_point(ed, beat, 2, 10));
    assert_true(editor_path_point(ed, beat, 9, 10));
    int32_t cop = editor_place(ed, KIND_COP, 2, 10, 1, 1);
    assert_true(editor_set_prop(ed, cop, "path", "beat"));
    int32_t trig = editor_place(ed, KIND_TRIGGER, 10, 2, 2, 3);
    assert_true(editor_set_prop(ed, trig, "text", "Sirens, somewhere west."));
    assert_true(editor_place(ed, KIND_COFFEE, 5, 4, 1, 1) >= 0);
    assert_true(editor_place(ed, KIND_DINER, 18, 10, 1, 1) >= 0);
    /* A mistake and its undo along the way. */
    assert_true(editor_paint(ed, 2, 3, TILE_WATER));
    assert_true(editor_undo(ed));

    editor_report_t r;
    editor_check(ed, &r);
    for (int32_t i = 0; i < r.count; i++) printf("check: %s\n", r.items[i].message);
    assert_int_equal(r.errors, 0);

    char path[512];
    snprintf(path, sizeof path, "%s/editor-made.mml", out_dir);
    assert_true(editor_save(ed, path));
    printf("%s; %s\n", editor_message(ed), r.summary);
    assert_non_null(strstr(editor_message(ed), "saved as editor-made.mml"));

    /* Read back from the disk as the game reads it, and checked. */
    char err[256];
    size_t len = 0;
    char *text = files_read(path, 1 << 20, &len, err, sizeof err);
    assert_non_null(text);
    assert_non_null(strstr(text, "miraclemile-level 3"));
    level_diags_t *d = calloc(1, sizeof *d);
    level_t *lv = level_parse(text, len, d);
    free(text);
    assert_non_null(lv);
    assert_int_equal(d->errors, 0);
    memset(d, 0, sizeof *d);
    check_level(lv, d, NULL, 0, NULL, 0);
    assert_int_equal(d->errors, 0);
    level_t *played = editor_play_copy(ed, -1, -1, NULL);
    assert_true(level_hash(lv) == level_hash(played));
    level_free(played);
    /* And the bot wins it. */
    replay_t *rec = replay_create(level_hash(lv));
    assert_int_equal(solver_play(lv, false, rec), GAME_WON);
    printf("the bot won the editor's level in %d ticks\n", (int)rec->count);
    replay_destroy(rec);
    level_free(lv);
    free(d);
    editor_destroy(ed);
}

/* Every campaign level opened in the editor and written back plays the
 * same (the same play hash): the editor loses nothing of a level. */
static void test_campaign_round_trip(void **state)
{
    (void)state;
    if (!levels_dir) skip();
    static const char *const names[] = {"01-tar-pits",    "02-payphone",     "03-johnnies",
                                        "04-wilshire",    "05-park-la-brea", "06-fairfax",
                                        "07-may-company", "08-mall",         "09-rooftop"};
    level_diags_t *d = calloc(1, sizeof *d);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[512], err[256];
        snprintf(path, sizeof path, "%s/%s.mml", levels_dir, names[i]);
        size_t len = 0;
        char *text = files_read(path, 1 << 20, &len, err, sizeof err);
        assert_non_null(text);
        level_t *lv = level_parse(text, len, d);
        free(text);
        assert_non_null(lv);
        editor_t *ed = editor_open(lv);
        /* An edit and its undo on the way, so the copy is really edited. */
        assert_true(editor_paint(ed, 0, 0, TILE_TAR));
        assert_true(editor_undo(ed));
        char *out = editor_write(ed, &len, NULL);
        assert_non_null(out);
        level_t *back = level_parse(out, len, d);
        assert_non_null(back);
        assert_true(level_hash(back) == level_hash(lv));
        free(out);
        level_free(back);
        editor_destroy(ed);
        level_free(lv);
    }
    free(d);
}

int main(int argc, char **argv)
{
    if (argc >= 2) out_dir = argv[1];
    if (argc >= 3) levels_dir = argv[2];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paint_and_pick),
        cmocka_unit_test(test_rect_filled_and_outline),
        cmocka_unit_test(test_flood_fill),
        cmocka_unit_test(test_resize),
        cmocka_unit_test(test_resize_top_left),
        cmocka_unit_test(test_every_kind_placed_moved_deleted),
        cmocka_unit_test(test_properties_by_the_schema),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_level_keys),
        cmocka_unit_test(test_undo_redo_many_steps),
        cmocka_unit_test(test_undo_memory),
        cmocka_unit_test(test_check_names_tiles),
        cmocka_unit_test(test_preview_of_a_broken_level),
        cmocka_unit_test(test_check_key_behind_its_door),
        cmocka_unit_test(test_play_copy_from_cursor),
        cmocka_unit_test(test_made_in_the_editor),
        cmocka_unit_test(test_campaign_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
