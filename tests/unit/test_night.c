/* The whole night (game/night.c): the clock carried from level to level,
 * the payphone bonus, what a retry costs, the end of the run, the splits and
 * the score. With a levels folder and a replays folder, it plays the whole
 * campaign of campaign.txt in order on one clock with the shipped replays'
 * inputs, and checks the clock carried into every level and the score
 * (another list of the same levels stands in for a longer campaign). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/files.h"
#include "game/game.h"
#include "game/night.h"
#include "game/replay.h"
#include "level/level.h"

static level_t *parse(const char *map, int time_s, const char *objects)
{
    char buf[8192];
    snprintf(buf, sizeof buf, "miraclemile-level 3\nname = T\ntime = %d\nmap\n%send\n%s", time_s,
             map, objects);
    level_diags_t d;
    level_t *lv = level_parse(buf, strlen(buf), &d);
    if (!lv)
        fail_msg("level did not parse: %d:%d %s", d.items[0].line, d.items[0].col,
                 d.items[0].message);
    return lv;
}

static const char open_map[] = "....................\n"
                               "....................\n"
                               ".........H..........\n"
                               "....................\n"
                               "...................J\n";

static bool has_event(const game_t *g, game_event_type_t type, int32_t arg)
{
    for (int32_t i = 0; i < g->event_count; i++)
        if (g->events[i].type == type && g->events[i].arg == arg) return true;
    return false;
}

/* Runs the night's game with buttons until it ends or ticks pass. */
static void run(night_t *n, game_t *g, uint8_t buttons, int ticks)
{
    input_t in = {buttons};
    for (int i = 0; i < ticks && g->status == GAME_PLAYING; i++) {
        game_tick(g, &in);
        night_after_tick(n, g);
    }
}

/* Walks right, then down to Julie: a win in a known number of ticks. */
static void play_to_julie(night_t *n, game_t *g)
{
    run(n, g, INPUT_RIGHT, 130);
    run(n, g, INPUT_DOWN | INPUT_RIGHT, 200);
    assert_int_equal(g->status, GAME_WON);
}

static void test_single_play_unchanged(void **state)
{
    (void)state;
    level_t *lv = parse(open_map, 25, "");
    static game_t a, b;
    game_init(&a, lv);
    game_init_clock(&b, lv, 25 * GAME_TICK_HZ);
    assert_memory_equal(&a, &b, sizeof a); /* the level's own clock: the same game */
    game_init_clock(&b, lv, 777);
    assert_int_equal(b.ticks_left, 777);
    game_init_clock(&b, lv, 0);
    assert_int_equal(b.ticks_left, 1); /* never a game already lost */
    level_free(lv);
}

static void test_clock_carries(void **state)
{
    (void)state;
    level_t *lv = parse(open_map, 20, "");
    static game_t g;
    night_t n;
    night_start(&n, 3);
    /* The first level starts with its own clock. */
    assert_int_equal(night_begin_level(&n, 20, 9), 20 * GAME_TICK_HZ);
    night_init_game(&n, &g, lv);
    assert_int_equal(g.ticks_left, 1200);
    play_to_julie(&n, &g);
    int32_t used = game_ticks_used(&g);
    assert_true(used > 0 && used < 1200);
    night_level_done(&n, &g);
    assert_int_equal(n.status, NIGHT_BETWEEN);
    assert_int_equal(n.splits[0].left, 1200 - used);
    assert_int_equal(n.splits[0].spent, used);
    assert_int_equal(night_carried(&n), 1200 - used);
    /* The next adds its par to what is left. */
    int32_t next = 1200 - used + 14 * GAME_TICK_HZ;
    assert_int_equal(night_next_clock(&n, 30, 14), next);
    assert_int_equal(night_begin_level(&n, 30, 14), next);
    assert_int_equal(night_carried(&n), 1200 - used);
    night_init_game(&n, &g, lv);
    assert_int_equal(g.ticks_left, next);
    play_to_julie(&n, &g);
    night_level_done(&n, &g);
    assert_int_equal(n.splits[1].left, next - used); /* the same walk, the same ticks */
    /* A level with no par adds its whole clock. */
    assert_int_equal(night_next_clock(&n, 10, 0), next - used + 600);
    night_begin_level(&n, 10, 5);
    night_init_game(&n, &g, lv);
    play_to_julie(&n, &g);
    night_level_done(&n, &g);
    /* The last level won: the clock left is the score. */
    assert_int_equal(n.status, NIGHT_DONE);
    assert_int_equal(n.score, next - used + 300 - used);
    assert_int_equal(n.score, n.splits[2].left);
    level_free(lv);
}

static void test_payphone_bonus(void **state)
{
    (void)state;
    level_t *lv = parse(open_map, 20, "payphone 9 1\n");
    static game_t g, plain;
    night_t n;
    night_start(&n, 1);
    night_begin_level(&n, 20, 10);
    night_init_game(&n, &g, lv);
    game_init(&plain, lv);
    input_t act = {INPUT_ACTION}, none = {0}, up = {INPUT_UP};
    /* Move a little so the clock runs, then answer. */
    for (int i = 0; i < 6; i++) {
        game_tick(&g, &up);
        assert_int_equal(night_after_tick(&n, &g), 0);
        game_tick(&plain, &up);
    }
    game_tick(&g, &act);
    game_tick(&plain, &act);
    assert_true(has_event(&g, EV_CHECKPOINT, 0));
    assert_int_equal(night_after_tick(&n, &g), NIGHT_PAYPHONE_BONUS_S * GAME_TICK_HZ);
    assert_true(has_event(&g, EV_CLOCK, NIGHT_PAYPHONE_BONUS_S)); /* heard and seen as a clock */
    assert_int_equal(g.ticks_left, plain.ticks_left + NIGHT_PAYPHONE_BONUS_S * GAME_TICK_HZ);
    assert_int_equal(n.bonuses, 1);
    /* A payphone answers once. */
    for (int i = 0; i < 30; i++) {
        game_tick(&g, i % 2 ? &act : &none);
        assert_int_equal(night_after_tick(&n, &g), 0);
    }
    assert_int_equal(n.bonuses, 1);
    level_free(lv);
}

static void test_retry_costs_the_try(void **state)
{
    (void)state;
    level_t *lv = parse(open_map, 20, "");
    static game_t g;
    night_t n;
    night_start(&n, 2);
    night_begin_level(&n, 20, 10);
    night_init_game(&n, &g, lv);
    /* Before the clock starts a retry is free. */
    run(&n, &g, 0, 30);
    assert_int_equal(game_ticks_used(&g), 0);
    assert_true(night_retry(&n, game_ticks_used(&g)));
    assert_int_equal(night_try_clock(&n), 1200);
    night_init_game(&n, &g, lv);
    run(&n, &g, INPUT_LEFT, 200);
    int32_t first = game_ticks_used(&g);
    assert_int_equal(first, 200);
    assert_true(night_retry(&n, first));
    assert_int_equal(night_try_clock(&n), 1000);
    night_init_game(&n, &g, lv);
    assert_int_equal(g.ticks_left, 1000); /* the clock as it stood, less the try */
    run(&n, &g, INPUT_LEFT, 100);
    assert_true(night_retry(&n, game_ticks_used(&g)));
    assert_int_equal(night_try_clock(&n), 900);
    assert_int_equal(n.tries, 3);
    night_init_game(&n, &g, lv);
    play_to_julie(&n, &g);
    int32_t used = game_ticks_used(&g);
    night_level_done(&n, &g);
    assert_int_equal(n.splits[0].left, 900 - used);
    assert_int_equal(n.splits[0].spent, 300 + used); /* the failed tries count as spent */
    /* The next level's retries start from its own start. */
    night_begin_level(&n, 20, 10);
    assert_int_equal(n.tries, 0);
    assert_int_equal(n.spent, 0);
    level_free(lv);
}

static void test_run_over(void **state)
{
    (void)state;
    level_t *lv = parse(open_map, 5, "");
    static game_t g;
    night_t n;
    night_start(&n, 2);
    night_begin_level(&n, 5, 3);
    night_init_game(&n, &g, lv);
    /* A retry that uses up the clock ends the run. */
    run(&n, &g, INPUT_LEFT, 300 - 1);
    assert_int_equal(g.status, GAME_PLAYING);
    assert_false(night_retry(&n, 300));
    assert_int_equal(n.status, NIGHT_OVER);
    assert_false(night_retry(&n, 1)); /* and nothing more after it */
    /* The clock running out in play ends it too. */
    night_start(&n, 2);
    night_begin_level(&n, 5, 3);
    night_init_game(&n, &g, lv);
    run(&n, &g, INPUT_LEFT, 1000);
    assert_int_equal(g.status, GAME_LOST);
    night_level_done(&n, &g);
    assert_int_equal(n.status, NIGHT_OVER);
    assert_int_equal(n.score, 0);
    level_free(lv);
}

static void test_limits(void **state)
{
    (void)state;
    night_t n;
    night_start(&n, 1000);
    assert_int_equal(n.level_count, NIGHT_MAX_LEVELS);
    night_start(&n, 0);
    assert_int_equal(n.level_count, 1);
    /* Never more than the film's hour on the clock. */
    night_start(&n, 3);
    night_begin_level(&n, LEVEL_MAX_TIME_S, 0);
    n.splits[0].left = NIGHT_MAX_TICKS;
    n.status = NIGHT_BETWEEN;
    assert_int_equal(night_begin_level(&n, LEVEL_MAX_TIME_S, 10), NIGHT_MAX_TICKS);
}

/* ---- the whole campaign on one clock ----------------------------------------- */

static char *read_text(const char *path, size_t *len)
{
    char err[512];
    char *b = files_read(path, 1 << 24, len, err, sizeof err);
    if (!b) fprintf(stderr, "%s\n", err);
    return b;
}

/* Plays a replay's inputs on the game (no state checks: with another clock
 * the hashes cannot match). Returns the payphones answered. */
static int play_inputs(game_t *g, night_t *n, const replay_t *rp)
{
    int phones = 0;
    for (int32_t i = 0; i < rp->count && g->status == GAME_PLAYING; i++) {
        input_t in = {rp->inputs[i]};
        game_tick(g, &in);
        if (has_event(g, EV_CHECKPOINT, 0)) phones++;
        if (n) night_after_tick(n, g);
    }
    return phones;
}

static int campaign_sequence(const char *levels_dir, const char *replays_dir, const char *list_path)
{
    char path[2048];
    if (list_path)
        snprintf(path, sizeof path, "%s", list_path);
    else
        snprintf(path, sizeof path, "%s/campaign.txt", levels_dir);
    size_t len = 0;
    char *list = read_text(path, &len);
    if (!list) return 1;
    enum { MAX = NIGHT_MAX_LEVELS };
    static char names[MAX][256];
    int count = 0;
    for (char *l = list, *next; l && *l; l = next) {
        next = strchr(l, '\n');
        if (next) *next++ = '\0';
        size_t k = strlen(l);
        while (k > 0 && (l[k - 1] == '\r' || l[k - 1] == ' ')) l[--k] = '\0';
        if (k == 0 || l[0] == '#') continue;
        if (count == MAX) {
            fprintf(stderr, "more than %d levels in %s\n", MAX, path);
            return 1;
        }
        snprintf(names[count++], sizeof names[0], "%s", l);
    }
    free(list);
    if (count == 0) {
        fprintf(stderr, "no levels in %s\n", path);
        return 1;
    }
    static game_t g;
    night_t n;
    night_start(&n, count);
    int32_t expect_clock = 0;
    printf("%-20s %8s %8s %6s %8s\n", "level", "starts", "spent", "phones", "left");
    for (int i = 0; i < count; i++) {
        snprintf(path, sizeof path, "%s/%s", levels_dir, names[i]);
        char *text = read_text(path, &len);
        level_diags_t *d = calloc(1, sizeof *d);
        level_t *lv = text && d ? level_parse(text, len, d) : NULL;
        free(text);
        free(d);
        char stem[256];
        snprintf(stem, sizeof stem, "%s", names[i]);
        char *dot = strrchr(stem, '.');
        if (dot) *dot = '\0';
        snprintf(path, sizeof path, "%s/%s.replay", replays_dir, stem);
        char *rb = read_text(path, &len);
        char err[512] = "";
        replay_t *rp = rb ? replay_parse(rb, len, err, sizeof err) : NULL;
        free(rb);
        if (!lv || !rp) {
            fprintf(stderr, "%s: cannot load the level or its replay %s %s\n", names[i], path, err);
            return 1;
        }
        /* First on its own clock: what the inputs take, and the payphones. */
        game_init(&g, lv);
        int phones = play_inputs(&g, NULL, rp);
        if (g.status != GAME_WON) {
            fprintf(stderr, "%s: its replay does not win on its own clock\n", names[i]);
            return 1;
        }
        int32_t own_used = game_ticks_used(&g);
        /* Then on the night's clock. */
        int32_t own = lv->time_s * GAME_TICK_HZ;
        int32_t carried = expect_clock;
        expect_clock =
            i == 0 ? own : expect_clock + (lv->par_s > 0 ? lv->par_s * GAME_TICK_HZ : own);
        int32_t clock = night_begin_level(&n, lv->time_s, lv->par_s);
        night_init_game(&n, &g, lv);
        play_inputs(&g, &n, rp);
        night_level_done(&n, &g);
        int32_t left = n.splits[i].left;
        printf("%-20s %8.2f %8.2f %6d %8.2f\n", stem, clock / 60.0, n.splits[i].spent / 60.0,
               phones, left / 60.0);
        if (clock != expect_clock) {
            fprintf(stderr, "%s: starts with %d ticks, expected %d\n", stem, clock, expect_clock);
            return 1;
        }
        if (g.status != GAME_WON || game_ticks_used(&g) != own_used) {
            fprintf(stderr, "%s: does not win the same on the night's clock\n", stem);
            return 1;
        }
        expect_clock = clock - own_used + phones * NIGHT_PAYPHONE_BONUS_S * GAME_TICK_HZ;
        if (left != expect_clock) {
            fprintf(stderr, "%s: leaves %d ticks, expected %d\n", stem, left, expect_clock);
            return 1;
        }
        /* Par is never faster than the experts (the clock band): a later
         * level never costs them what they carried in. */
        if (i > 0 && left < carried) {
            fprintf(stderr,
                    "%s: the experts leave with %.2f s, less than the %.2f s they came with\n",
                    stem, left / 60.0, carried / 60.0);
            return 1;
        }
        replay_destroy(rp);
        level_free(lv);
    }
    printf("score: %.2f s left after %d levels\n", n.score / 60.0, count);
    if (n.status != NIGHT_DONE || n.score != expect_clock) {
        fprintf(stderr, "the run did not end with the score expected (%d)\n", expect_clock);
        return 1;
    }
    /* The experts' runs keep time in hand. */
    if (n.score <= 0) {
        fprintf(stderr, "the experts' night ends with only %.2f s\n", n.score / 60.0);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* LEVELS REPLAYS [LIST]: LIST stands for LEVELS/campaign.txt. */
    if (argc == 3 || argc == 4)
        return campaign_sequence(argv[1], argv[2], argc == 4 ? argv[3] : NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_play_unchanged),
        cmocka_unit_test(test_clock_carries),
        cmocka_unit_test(test_payphone_bonus),
        cmocka_unit_test(test_retry_costs_the_try),
        cmocka_unit_test(test_run_over),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
