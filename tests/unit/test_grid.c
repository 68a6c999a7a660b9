/* The collision grid's fast paths against plain answers: a grid query looks
 * only as far as the largest half box of a gridded kind (GRID_REACH in
 * src/game/game.c, 22 px), so every gridded kind must fit in it; and on the
 * busy stress level, at many moments, game_ents_block and game_box_blocked
 * must give what testing every entity and every tile gives.
 *
 *   test_grid STRESS.mml */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "game/game.h"
#include "game/kinds.h"
#include "game/rng.h"
#include "level/level.h"
#include "common/files.h"

#define REACH_PX 22

static const char *stress_path;

static void test_gridded_kinds_fit_the_reach(void **state)
{
    (void)state;
    for (int32_t k = 0; k < KIND_COUNT; k++) {
        const kind_info_t *ki = kind_info(k);
        bool gridded = (ki->flags & ENT_GRID) || k == KIND_HARRY || k == KIND_JULIE;
        if (!gridded) continue;
        if (ki->hw_px > REACH_PX || ki->hh_px > REACH_PX)
            fail_msg("kind %s has a %dx%d half box; the grid reaches %d px (GRID_REACH)",
                     ki->schema.name, (int)ki->hw_px, (int)ki->hh_px, REACH_PX);
    }
    /* Some kinds are areas; none of them may be in the grid. */
    for (int32_t k = 0; k < KIND_COUNT; k++)
        if (kind_info(k)->schema.place == PLACE_AREA) assert_false(kind_info(k)->flags & ENT_GRID);
}

/* The plain answers: every entity, every tile. */
static bool plain_ents_block(const game_t *g, vec_t p, int32_t hw, int32_t hh, int32_t ignore,
                             uint32_t mask)
{
    uint32_t flags = mask & 0x3fff;
    for (int32_t s = 0; s < g->ent_top; s++) {
        const ent_t *o = &g->ents[s];
        if (o->kind == KIND_COUNT || !(o->flags & ENT_GRID)) continue;
        if (s == ignore || !(o->flags & flags) || (o->flags & ENT_HIDDEN)) continue;
        if ((mask & MOVE_THROUGH_HARRY) && s == g->harry) continue;
        if (abs(p.x - o->pos.x) < hw + o->hw && abs(p.y - o->pos.y) < hh + o->hh) return true;
    }
    return false;
}

static bool plain_tiles_block(const game_t *g, vec_t p, int32_t hw, int32_t hh)
{
    for (int32_t ty = game_floor_div(p.y - hh, GAME_TILE_SUB);
         ty <= game_floor_div(p.y + hh - 1, GAME_TILE_SUB); ty++) {
        for (int32_t tx = game_floor_div(p.x - hw, GAME_TILE_SUB);
             tx <= game_floor_div(p.x + hw - 1, GAME_TILE_SUB); tx++) {
            const tile_info_t *ti = level_tile_info(game_tile_at(g, tx, ty));
            if (!ti->solid) continue;
            int32_t bx0 = tx * GAME_TILE_SUB + ti->box[0] * GAME_SUB;
            int32_t by0 = ty * GAME_TILE_SUB + ti->box[1] * GAME_SUB;
            int32_t bx1 = bx0 + ti->box[2] * GAME_SUB, by1 = by0 + ti->box[3] * GAME_SUB;
            if (p.x - hw < bx1 && bx0 < p.x + hw && p.y - hh < by1 && by0 < p.y + hh) return true;
        }
    }
    return false;
}

static void test_queries_match_plain_answers(void **state)
{
    (void)state;
    char err[256];
    size_t len = 0;
    char *buf = files_read(stress_path, 1 << 20, &len, err, sizeof err);
    if (!buf) fail_msg("%s", err);
    level_t *lv = level_parse(buf, len, NULL);
    free(buf);
    assert_non_null(lv);
    game_t *g = malloc(sizeof *g);
    assert_non_null(g);
    game_init(g, lv);
    rng_t rng;
    rng_seed(&rng, 42);
    static const uint32_t masks[] = {ENT_SOLID,
                                     ENT_SOLID | ENT_PERSON,
                                     ENT_SOLID | ENT_PERSON | MOVE_THROUGH_HARRY,
                                     ENT_VEHICLE,
                                     ENT_PERSON,
                                     ENT_SOLID | MOVE_GHOST};
    int32_t checked = 0, blocked = 0;
    /* Inside the map by more than the grid's margin: entities beyond the
     * edge (cars leaving) are a case of their own, left to the replays. */
    int32_t inset = 64 * GAME_SUB, span = lv->w * GAME_TILE_SUB - 2 * inset;
    for (int32_t round = 0; round < 40 && g->status == GAME_PLAYING; round++) {
        input_t in = {(uint8_t)(INPUT_RIGHT | INPUT_DOWN)};
        for (int32_t t = 0; t < 60; t++) game_tick(g, &in);
        for (int32_t i = 0; i < 4000; i++) {
            vec_t p;
            /* Half the probes next to an entity, where the answers differ most. */
            if (i % 2 && g->ent_top > 0) {
                const ent_t *o = &g->ents[rng_below(&rng, (uint32_t)g->ent_top)];
                p.x = o->pos.x + (int32_t)rng_below(&rng, 80 * GAME_SUB) - 40 * GAME_SUB;
                p.y = o->pos.y + (int32_t)rng_below(&rng, 80 * GAME_SUB) - 40 * GAME_SUB;
            } else {
                p.x = inset + (int32_t)rng_below(&rng, (uint32_t)span);
                p.y = inset + (int32_t)rng_below(&rng, (uint32_t)span);
            }
            if (p.x < inset || p.y < inset || p.x >= inset + span || p.y >= inset + span) continue;
            int32_t hw = (1 + (int32_t)rng_below(&rng, REACH_PX)) * GAME_SUB +
                         (int32_t)rng_below(&rng, GAME_SUB);
            int32_t hh = (1 + (int32_t)rng_below(&rng, REACH_PX)) * GAME_SUB +
                         (int32_t)rng_below(&rng, GAME_SUB);
            uint32_t mask = masks[rng_below(&rng, 6)];
            int32_t ignore = (int32_t)rng_below(&rng, (uint32_t)g->ent_top);
            bool want_ents = plain_ents_block(g, p, hw, hh, ignore, mask);
            bool want = (!(mask & MOVE_GHOST) && plain_tiles_block(g, p, hw, hh)) || want_ents;
            if (game_ents_block(g, p, hw, hh, ignore, mask) != want_ents ||
                game_box_blocked(g, p, hw, hh, ignore, mask) != want)
                fail_msg("tick %u: a %dx%d box at (%d, %d), mask %x: the grid says otherwise",
                         (unsigned)g->tick, (int)hw, (int)hh, (int)p.x, (int)p.y, (unsigned)mask);
            checked++;
            blocked += want;
        }
    }
    /* Enough of both answers to mean something. */
    assert_true(checked > 100000);
    assert_true(blocked > checked / 10 && blocked < checked * 9 / 10);
    free(g);
    level_free(lv);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_grid STRESS.mml\n");
        return 2;
    }
    stress_path = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gridded_kinds_fit_the_reach),
        cmocka_unit_test(test_queries_match_plain_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
