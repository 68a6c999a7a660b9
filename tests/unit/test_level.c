/* The level reader: good files load; each kind of bad file gives its error at
 * the right line and column, in words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "level/level.h"

#define HEAD "miraclemile-level 1\nname = Test\ntime = 60\n"
/* Thirteen moons: a character of three bytes in UTF-8. */
#define MOON13                                                                                     \
    "\xe6\x9c\x88\xe6\x9c\x88\xe6\x9c\x88\xe6\x9c\x88\xe6\x9c\x88\xe6\x9c\x88\xe6\x9c\x88\xe6\x9c" \
    "\x88"                                                                                         \
    "\xe6\x9c\x88\xe6\x9c\x88\xe6\x9c\x88\xe6\x9c\x88\xe6\x9c\x88"
#define HEAD2 "miraclemile-level 2\nname = Test\ntime = 60\n"

static const char good[] = "miraclemile-level 1\n"
                           "# a comment\n"
                           "name = Test level\n"
                           "author = Someone\n"
                           "story = A line of story.\n"
                           "time = 60\n"
                           "par = 30\n"
                           "ground = .\n"
                           "seed = 42\n"
                           "map\n"
                           "######\n"
                           "#H..~#\n"
                           "#.d..#\n"
                           "#..=J#\n"
                           "######\n"
                           "end\n"
                           "# trailing comment\n";

static void test_good_level(void **state)
{
    (void)state;
    level_diags_t d;
    level_t *lv = level_parse(good, strlen(good), &d);
    assert_non_null(lv);
    assert_int_equal(d.errors, 0);
    assert_string_equal(lv->name, "Test level");
    assert_string_equal(lv->author, "Someone");
    assert_string_equal(lv->story, "A line of story.");
    assert_int_equal(lv->time_s, 60);
    assert_int_equal(lv->par_s, 30);
    assert_int_equal(lv->seed, 42);
    assert_int_equal(lv->w, 6);
    assert_int_equal(lv->h, 5);
    assert_int_equal(lv->harry_tx, 1);
    assert_int_equal(lv->harry_ty, 1);
    assert_int_equal(lv->julie_tx, 4);
    assert_int_equal(lv->julie_ty, 3);
    int32_t diner = level_find_kind(lv, KIND_DINER);
    assert_true(diner >= 0);
    assert_int_equal(lv->objects[diner].x, 2);
    assert_int_equal(level_tile_at(lv, 4, 1), TILE_TAR);
    assert_int_equal(level_tile_at(lv, 3, 3), TILE_ROAD);
    assert_int_equal(level_tile_at(lv, 1, 1), TILE_SIDEWALK); /* under Harry: the ground */
    assert_true(level_solid_at(lv, 0, 0));
    assert_true(level_solid_at(lv, -1, 2)); /* outside the map */
    level_free(lv);
}

static void test_crlf_and_defaults(void **state)
{
    (void)state;
    const char *s = "miraclemile-level 1\r\nname = X\r\ntime = 90\r\nmap\r\nH..J\r\n....\r\n"
                    "....\r\n....\r\nend\r\n";
    level_diags_t d;
    level_t *lv = level_parse(s, strlen(s), &d);
    assert_non_null(lv);
    assert_int_equal(lv->w, 4);
    assert_int_equal(lv->par_s, 60); /* two thirds of the clock by default */
    assert_string_equal(lv->author, "unknown");
    level_free(lv);
}

static void test_hash_ignores_comments(void **state)
{
    (void)state;
    const char *a = HEAD "map\nH..J\n....\n....\n....\nend\n";
    const char *b = "miraclemile-level 1\n# hello\nname = Other name\ntime = 60\n"
                    "map\nH..J\n....\n....\n....\nend\n";
    const char *c = HEAD "map\nH.~J\n....\n....\n....\nend\n";
    level_t *la = level_parse(a, strlen(a), NULL);
    level_t *lb = level_parse(b, strlen(b), NULL);
    level_t *lc = level_parse(c, strlen(c), NULL);
    assert_non_null(la);
    assert_non_null(lb);
    assert_non_null(lc);
    assert_true(level_hash(la) == level_hash(lb));
    assert_true(level_hash(la) != level_hash(lc));
    level_free(la);
    level_free(lb);
    level_free(lc);
}

typedef struct bad_case {
    const char *what;
    const char *text;
    int line, col;
    const char *message; /* a part of the first error's message */
} bad_case_t;

static const bad_case_t bad_cases[] = {
    {"empty file", "", 1, 1, "the file is empty"},
    {"only comments", "# nothing\n\n", 2, 1, "the file is empty"},
    {"no header", "name = X\n", 1, 1, "starts with 'miraclemile-level 3'"},
    {"header without version", "miraclemile-level\n", 1, 18, "expected a format version"},
    {"future version", "miraclemile-level 9\n", 1, 19, "format version 9 is not known"},
    {"line without =", "miraclemile-level 1\nname X\n", 2, 1, "expected 'key = value'"},
    {"unknown key", "miraclemile-level 1\n  colour = red\n", 2, 3, "unknown key 'colour'"},
    {"key set twice", HEAD "name = Y\n", 4, 1, "'name' is set twice (first on line 2)"},
    {"time not a number", "miraclemile-level 1\nname = X\ntime = soon\n", 3, 8,
     "'time' must be a whole number"},
    {"time too short", "miraclemile-level 1\nname = X\ntime = 2\n", 3, 8,
     "it must be from 5 to 3600"},
    {"time too long", "miraclemile-level 1\nname = X\ntime = 99999\n", 3, 8,
     "it must be from 5 to 3600"},
    {"par not a number", HEAD "par = -3\n", 4, 7, "'par' must be a whole number"},
    {"par longer than the clock", HEAD "par = 90\nmap\nH..J\n....\n....\n....\nend\n", 4, 1,
     "longer than the clock"},
    {"seed not a number", HEAD "seed = abc\n", 4, 8, "'seed' must be a whole number"},
    {"medals not numbers", HEAD "medals = 26 fast 20\n", 4, 13,
     "the silver medal's time must be a whole number"},
    {"medals too few", HEAD "medals = 26 20\n", 4, 10, "'medals' takes three finishing times"},
    {"medals too many", HEAD "medals = 26 23 20 18\n", 4, 19, "not more"},
    {"gold not harder than silver", HEAD "medals = 26 20 20\n", 4, 16,
     "the gold medal's time (20 s) must be faster than silver's (20 s)"},
    {"silver not harder than bronze", HEAD "medals = 20 26 18\n", 4, 13,
     "the silver medal's time (26 s) must be faster than bronze's (20 s)"},
    {"bronze longer than the clock", HEAD "medals = 75 50 40\nmap\nH..J\n....\n....\n....\nend\n",
     4, 10, "the bronze medal's time (75 s) is longer than the clock (60 s)"},
    {"expert longer than the clock", HEAD "expert = 3601\nmap\nH..J\n....\n....\n....\nend\n", 4,
     10, "'expert' (3601 ticks, 60.01 s) is longer than the clock (60 s)"},
    {"expert not ticks", HEAD "expert = 18.71\n", 4, 10, "'expert' must be the expert run's"},
    {"ambient out of range", HEAD "ambient = 120\n", 4, 11, "'ambient' must be a whole number"},
    {"hour too long", HEAD "hour = 4:05 in the morning, Pacific\n", 4, 24,
     "'hour' is 28 characters long; the most is 16"},
    {"name too long",
     "miraclemile-level 1\nname = "
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
     2, 72, "'name' is 80 characters long; the most is 64"},
    {"empty value", "miraclemile-level 1\nname =\n", 2, 7, "'name' has no value"},
    {"solid ground", HEAD "ground = T\n", 4, 10, "which is solid"},
    {"ground of two chars", HEAD "ground = ..\n", 4, 10, "'ground' must be one tile"},
    {"no map", HEAD, 4, 1, "no map: add a line 'map'"},
    {"map without end", HEAD "map\nH..J\n....\n", 7, 1, "has no 'end' line"},
    {"unknown tile", HEAD "map\nH..J\n..@.\n....\n....\nend\n", 6, 3, "unknown tile '@'"},
    {"space in map", HEAD "map\nH..J\n.. .\n....\n....\nend\n", 6, 3, "a space in the map"},
    {"ragged row", HEAD "map\nH..J\n...\n....\n....\nend\n", 6, 4, "this row is 3 tiles wide"},
    {"row too long", HEAD "map\nH..J\n.....\n....\n....\nend\n", 6, 5, "this row is 5 tiles wide"},
    {"no Harry", HEAD "map\n...J\n....\n....\n....\nend\n", 4, 1, "no Harry in this level"},
    {"no Julie", HEAD "map\nH...\n....\n....\n....\nend\n", 4, 1, "no Julie in this level"},
    {"two Harrys", HEAD "map\nH..J\n..H.\n....\n....\nend\n", 6, 3,
     "a second Harry (the first is at line 5, column 1)"},
    {"two Julies", HEAD "map\nH..J\n....\nJ...\n....\nend\n", 7, 1, "a second Julie"},
    {"map too small", HEAD "map\nHJ\n..\nend\n", 5, 1, "the map is 2x2 tiles; the smallest is 4x4"},
    {"empty map", HEAD "map\nend\n", 5, 1, "the map has no rows"},
    {"text after end", HEAD "map\nH..J\n....\n....\n....\nend\nmore\n", 10, 1,
     "text after the map's 'end'"},
    {"v2: unknown entity", HEAD2 "map\nH..J\n....\n....\n....\nend\ncar 1 1\n", 10, 1,
     "expected 'harry X Y'"},
    {"v2: entity without position", HEAD2 "map\nH..J\n....\n....\n....\nend\ndiner 1\n", 10, 7,
     "needs a column and a row"},
    {"v2: entity outside the map", HEAD2 "map\nH..J\n....\n....\n....\nend\ndiner 9 1\n", 10, 7,
     "outside the 4x4 map"},
    {"v2: entity in a wall", HEAD2 "map\nH..J\n.#..\n....\n....\nend\ndiner 1 1\n", 10, 7,
     "diner would stand in a wall"},
    {"v2: second Julie", HEAD2 "map\nH..J\n....\n....\n....\nend\njulie 2 2\n", 10, 7,
     "a second Julie"},
    {"two people on one tile", HEAD2 "map\nH..J\n.d..\n....\n....\nend\ndiner 1 1\n", 10, 7,
     "on one tile (1, 1); two people cannot share a tile"},
    {"no name", "miraclemile-level 1\ntime = 60\nmap\nH..J\n....\n....\n....\nend\n", 3, 1,
     "no name"},
    {"no time", "miraclemile-level 1\nname = X\nmap\nH..J\n....\n....\n....\nend\n", 3, 1,
     "no clock"},
    {"control character in name", "miraclemile-level 1\nname = a\x01z\n", 2, 9,
     "control character"},
    {"binary file", "miraclemile-level 1\nna\0me\n", 2, 3, "a NUL byte"},
    {"tab in map", HEAD "map\nH..J\n.\t..\n....\n....\nend\n", 6, 2, "a tab in the map"},
    {"ground is a comment", HEAD "ground = #\n", 4, 9,
     "a '#' after a space or '=' starts a comment"},
    {"name of 65 characters in Chinese",
     "miraclemile-level 1\nname = " MOON13 MOON13 MOON13 MOON13 MOON13 "\n", 2, 72,
     "'name' is 65 characters long; the most is 64"},
    {"v3: unknown property",
     "miraclemile-level 3\nname = T\ntime = 60\nmap\nH..J\n....\n....\n....\nend\n"
     "cop 1 1 speeed=3\n",
     10, 9, "a cop has no property 'speeed'"},
    {"v3: property out of range",
     "miraclemile-level 3\nname = T\ntime = 60\nmap\nH..J\n....\n....\n....\nend\n"
     "cop 1 1 sight=99\n",
     10, 15, "'sight' must be a whole number from 2 to 16"},
    {"v3: no such path",
     "miraclemile-level 3\nname = T\ntime = 60\nmap\nH..J\n....\n....\n....\nend\n"
     "looter 1 1 path=nowhere\n",
     10, 8, "no path has that name"},
    {"v3: unclosed quote",
     "miraclemile-level 3\nname = T\ntime = 60\nmap\nH..J\n....\n....\n....\nend\n"
     "payphone 1 1 text=\"hello\n",
     10, 14, "no closing"},
    {"v3: a door with no key",
     "miraclemile-level 3\nname = T\ntime = 60\nmap\nH..J\n....\n....\n....\nend\n"
     "door 1 1 colour=blue\n",
     10, 6, "a blue door with no blue key"},
};

/* Tabs split the numbers of a people line as spaces do. */
static void test_tabs_between_numbers(void **state)
{
    (void)state;
    const char *s = HEAD2 "map\nH..J\n....\n....\n....\nend\ndiner\t1\t2\n";
    level_diags_t d;
    level_t *lv = level_parse(s, strlen(s), &d);
    if (!lv) fail_msg("%d:%d %s", d.items[0].line, d.items[0].col, d.items[0].message);
    int32_t diner = level_find_kind(lv, KIND_DINER);
    assert_true(diner >= 0);
    assert_int_equal(lv->objects[diner].x, 1);
    assert_int_equal(lv->objects[diner].y, 2);
    level_free(lv);
}

static void test_bad_levels(void **state)
{
    (void)state;
    size_t n = sizeof bad_cases / sizeof bad_cases[0];
    assert_true(n >= 20);
    int failures = 0;
    for (size_t i = 0; i < n; i++) {
        const bad_case_t *c = &bad_cases[i];
        size_t len = strlen(c->text);
        if (strcmp(c->what, "binary file") == 0) len = 26;
        level_diags_t d;
        level_t *lv = level_parse(c->text, len, &d);
        const level_diag_t *e = d.count > 0 ? &d.items[0] : NULL;
        bool ok = lv == NULL && e && e->severity == LEVEL_ERROR && e->line == c->line &&
                  e->col == c->col && strstr(e->message, c->message) != NULL;
        if (!ok) {
            failures++;
            fprintf(stderr, "case '%s': got %s at %d:%d: %s\n", c->what,
                    lv ? "a level" : "no level", e ? (int)e->line : 0, e ? (int)e->col : 0,
                    e ? e->message : "(no error)");
        }
        level_free(lv);
    }
    assert_int_equal(failures, 0);
}

static void test_reports_every_error(void **state)
{
    (void)state;
    const char *s = "miraclemile-level 1\nname = X\ntime = x\ncolour = red\nmap\n"
                    "H..@\n.Z..\n....\n....\nend\n";
    level_diags_t d;
    level_t *lv = level_parse(s, strlen(s), &d);
    assert_null(lv);
    /* time, colour, @, Z, and no Julie: all at once. */
    assert_int_equal(d.errors, 5);
    assert_int_equal(d.items[2].line, 6);
    assert_int_equal(d.items[2].col, 4);
    assert_int_equal(d.items[3].line, 7);
    assert_int_equal(d.items[3].col, 2);
}

/* Errors stay in view: listed before warnings, and past the cap an error
 * takes the last warning's place; only warnings (or errors past a list of
 * errors) are dropped, and counted. */
static void test_errors_before_warnings(void **state)
{
    (void)state;
    level_diags_t d;
    memset(&d, 0, sizeof d);
    for (int i = 0; i < LEVEL_MAX_ERRORS + 5; i++) level_diag_add(&d, LEVEL_WARNING, i + 1, 1, "w");
    assert_int_equal(d.count, LEVEL_MAX_ERRORS);
    assert_int_equal(d.dropped, 5);
    level_diag_t *e = level_diag_add(&d, LEVEL_ERROR, 999, 2, "first error");
    assert_non_null(e);
    assert_ptr_equal(e, &d.items[0]);
    level_diag_add(&d, LEVEL_ERROR, 1000, 2, "second error");
    assert_int_equal(d.count, LEVEL_MAX_ERRORS);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.dropped, 7);
    assert_int_equal(d.items[0].line, 999);
    assert_int_equal(d.items[1].line, 1000);
    assert_int_equal(d.items[2].severity, LEVEL_WARNING);
    assert_int_equal(d.items[2].line, 1); /* the first warnings are kept */
    for (int i = 0; i < LEVEL_MAX_ERRORS; i++) level_diag_add(&d, LEVEL_ERROR, 2000 + i, 1, "e");
    assert_int_equal(d.items[LEVEL_MAX_ERRORS - 1].severity, LEVEL_ERROR);
    assert_int_equal(d.errors, 2 + LEVEL_MAX_ERRORS);
    assert_null(level_diag_add(&d, LEVEL_WARNING, 1, 1, "no room"));
}

static void test_limits(void **state)
{
    (void)state;
    /* A map one column wider than the limit. */
    size_t cap = 64 + (LEVEL_MAX_W + 2) * 6;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t n = (size_t)snprintf(s, cap, HEAD "map\n");
    for (int row = 0; row < 4; row++) {
        for (int x = 0; x < LEVEL_MAX_W + 1; x++)
            s[n++] = (row == 0 && x == 0) ? 'H' : (row == 0 && x == 1 ? 'J' : '.');
        s[n++] = '\n';
    }
    n += (size_t)snprintf(s + n, cap - n, "end\n");
    level_diags_t d;
    level_t *lv = level_parse(s, n, &d);
    assert_null(lv);
    assert_int_equal(d.items[0].line, 5);
    assert_int_equal(d.items[0].col, LEVEL_MAX_W + 1);
    assert_non_null(strstr(d.items[0].message, "the most is 256"));
    free(s);

    /* Too many people. */
    cap = 64 + 20 * 20;
    s = malloc(cap);
    assert_non_null(s);
    n = (size_t)snprintf(s, cap, HEAD "map\n");
    for (int row = 0; row < 12; row++) {
        for (int x = 0; x < 12; x++)
            s[n++] = (row == 0 && x == 0) ? 'H' : (row == 0 && x == 1 ? 'J' : 'd');
        s[n++] = '\n';
    }
    n += (size_t)snprintf(s + n, cap - n, "end\n");
    lv = level_parse(s, n, &d);
    assert_null(lv);
    assert_non_null(strstr(d.items[0].message, "more than 128 people"));
    free(s);
}

static void test_v2_entities_and_writer(void **state)
{
    (void)state;
    const char *s = HEAD2 "ground = .\nmap\n\"\"..\n....\n~~~~\n....\nend\nharry 0 0\njulie 3 3\n"
                          "diner 1 2\ndiner 2 1\n";
    level_diags_t d;
    level_t *lv = level_parse(s, strlen(s), &d);
    if (!lv) fail_msg("%d:%d %s", d.items[0].line, d.items[0].col, d.items[0].message);
    assert_int_equal(lv->harry_tx, 0);
    assert_int_equal(level_tile_at(lv, 0, 0), TILE_GRASS);
    /* People come out in reading order whatever order they were written in. */
    int32_t first = level_find_kind(lv, KIND_DINER);
    assert_int_equal(lv->objects[first].y, 1);
    assert_int_equal(lv->objects[first + 1].kind, KIND_DINER);
    assert_int_equal(lv->objects[first + 1].y, 2);
    size_t len = 0;
    char *text = level_write_text(lv, &len);
    assert_non_null(text);
    level_t *again = level_parse(text, len, &d);
    if (!again) fail_msg("%s\n%d:%d %s", text, d.items[0].line, d.items[0].col, d.items[0].message);
    assert_true(level_hash(lv) == level_hash(again));
    assert_string_equal(again->name, lv->name);
    free(text);
    level_free(again);
    level_free(lv);
}

/* The card's keys (the time of night, the place) and the ambient light are
 * read, kept by the writer, and left out of the hash: they change no play. */
static void test_card_keys(void **state)
{
    (void)state;
    static const char src[] = "miraclemile-level 3\nname = Card\ntime = 30\n"
                              "hour = 4:05 a.m.\nplace = Johnnie's, Wilshire at Fairfax\n"
                              "ambient = 35\nmap\nH..J\n....\n....\n....\nend\n";
    level_diags_t d;
    level_t *lv = level_parse(src, strlen(src), &d);
    assert_non_null(lv);
    assert_int_equal(d.errors, 0);
    assert_string_equal(lv->hour, "4:05 a.m.");
    assert_string_equal(lv->place, "Johnnie's, Wilshire at Fairfax");
    assert_int_equal(lv->ambient, 35);
    size_t len = 0;
    char *text = level_write_text(lv, &len);
    assert_non_null(text);
    level_t *again = level_parse(text, len, &d);
    assert_non_null(again);
    assert_string_equal(again->hour, lv->hour);
    assert_string_equal(again->place, lv->place);
    assert_int_equal(again->ambient, 35);
    static const char plain[] = "miraclemile-level 3\nname = Card\ntime = 30\n"
                                "map\nH..J\n....\n....\n....\nend\n";
    level_t *bare = level_parse(plain, strlen(plain), &d);
    assert_non_null(bare);
    assert_int_equal(bare->ambient, 100);
    assert_string_equal(bare->hour, "");
    assert_true(level_hash(bare) == level_hash(lv));
    free(text);
    level_free(again);
    level_free(bare);
    level_free(lv);
}

/* Medals: the level's own thresholds, or the default from the par, and
 * both keys through the writer and back. */
static void test_medal_keys(void **state)
{
    (void)state;
    static const char src[] =
        "miraclemile-level 3\nname = Medals\ntime = 30\npar = 20\n"
        "medals = 27 24 19\nexpert = 1123\nmap\nH..J\n....\n....\n....\nend\n";
    level_diags_t d;
    level_t *lv = level_parse(src, strlen(src), &d);
    if (!lv) fail_msg("%d:%d %s", d.items[0].line, d.items[0].col, d.items[0].message);
    int32_t t[LEVEL_MEDALS];
    level_medal_ticks(lv, t);
    assert_int_equal(t[LEVEL_MEDAL_BRONZE], 27 * 60);
    assert_int_equal(t[LEVEL_MEDAL_SILVER], 24 * 60);
    assert_int_equal(t[LEVEL_MEDAL_GOLD], 19 * 60);
    assert_int_equal(lv->expert_ticks, 1123);
    size_t len = 0;
    char *text = level_write_text(lv, &len);
    assert_non_null(text);
    assert_non_null(strstr(text, "medals = 27 24 19\n"));
    level_t *again = level_parse(text, len, &d);
    assert_non_null(again);
    assert_memory_equal(again->medal_s, lv->medal_s, sizeof lv->medal_s);
    assert_int_equal(again->expert_ticks, 1123);
    /* Medals do not change play: replays stay valid. */
    static const char bare_src[] = "miraclemile-level 3\nname = Medals\ntime = 30\npar = 20\n"
                                   "map\nH..J\n....\n....\n....\nend\n";
    level_t *bare = level_parse(bare_src, strlen(bare_src), &d);
    assert_non_null(bare);
    assert_true(level_hash(bare) == level_hash(lv));
    /* The default: gold at the par, silver and bronze a third and two
     * thirds of the way to the clock. */
    level_medal_ticks(bare, t);
    assert_int_equal(t[LEVEL_MEDAL_GOLD], 20 * 60);
    assert_int_equal(t[LEVEL_MEDAL_SILVER], 23 * 60);
    assert_int_equal(t[LEVEL_MEDAL_BRONZE], 26 * 60);
    assert_int_equal(bare->expert_ticks, 0);
    char *bare_text = level_write_text(bare, &len);
    assert_non_null(bare_text);
    assert_null(strstr(bare_text, "medals"));
    assert_null(strstr(bare_text, "expert"));
    free(bare_text);
    free(text);
    level_free(again);
    level_free(bare);
    level_free(lv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_level),
        cmocka_unit_test(test_crlf_and_defaults),
        cmocka_unit_test(test_hash_ignores_comments),
        cmocka_unit_test(test_bad_levels),
        cmocka_unit_test(test_tabs_between_numbers),
        cmocka_unit_test(test_reports_every_error),
        cmocka_unit_test(test_errors_before_warnings),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_v2_entities_and_writer),
        cmocka_unit_test(test_card_keys),
        cmocka_unit_test(test_medal_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
