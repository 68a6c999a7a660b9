#include "game/night.h"

#include <string.h>

#include "game/kinds.h"

static int32_t clamp_clock(int64_t t)
{
    return t < 0 ? 0 : t > NIGHT_MAX_TICKS ? NIGHT_MAX_TICKS : (int32_t)t;
}

void night_start(night_t *n, int32_t level_count)
{
    memset(n, 0, sizeof *n);
    if (level_count < 1) level_count = 1;
    if (level_count > NIGHT_MAX_LEVELS) level_count = NIGHT_MAX_LEVELS;
    n->level_count = level_count;
    n->level = -1;
    n->status = NIGHT_BETWEEN;
}

int32_t night_carried(const night_t *n)
{
    /* While a level is played, the last one won is the one before it. */
    int32_t last = n->status == NIGHT_PLAYING ? n->level - 1 : n->level;
    return last >= 0 ? n->splits[last].left : 0;
}

int32_t night_next_clock(const night_t *n, int32_t time_s, int32_t par_s)
{
    int64_t own = (int64_t)time_s * GAME_TICK_HZ;
    if (n->level < 0) return clamp_clock(own);
    int64_t add = par_s > 0 ? (int64_t)par_s * GAME_TICK_HZ : own;
    return clamp_clock(n->splits[n->level].left + add);
}

int32_t night_begin_level(night_t *n, int32_t time_s, int32_t par_s)
{
    int32_t clock = night_next_clock(n, time_s, par_s);
    n->level++;
    n->level_clock = n->try_clock = clock;
    n->spent = n->tries = n->bonuses = 0;
    n->status = NIGHT_PLAYING;
    return n->level_clock;
}

int32_t night_try_clock(const night_t *n)
{
    return n->try_clock;
}

void night_init_game(night_t *n, game_t *g, const level_t *level)
{
    game_init_clock(g, level, n->try_clock);
    n->bonuses = 0;
}

int32_t night_after_tick(night_t *n, game_t *g)
{
    int32_t added = 0, count = g->event_count;
    if (g->assisted) n->assisted = true;
    for (int32_t i = 0; i < count; i++) {
        const game_event_t *e = &g->events[i];
        /* arg 0: a payphone answered (1 is a trigger's checkpoint). */
        if (e->type != EV_CHECKPOINT || e->arg != 0) continue;
        int32_t bonus = NIGHT_PAYPHONE_BONUS_S * GAME_TICK_HZ;
        if (g->status == GAME_PLAYING) {
            g->ticks_left = clamp_clock((int64_t)g->ticks_left + bonus);
            added += bonus;
            n->bonuses++;
            /* As a clock picked up: the same "+5" over Harry, the same sound. */
            game_event(g, EV_CLOCK, g->harry, NIGHT_PAYPHONE_BONUS_S, g->ents[g->harry].pos);
        }
    }
    return added;
}

bool night_retry(night_t *n, int32_t used)
{
    if (n->status != NIGHT_PLAYING) return false;
    if (used < 0) used = 0;
    n->spent = clamp_clock((int64_t)n->spent + used);
    n->tries++;
    n->try_clock = clamp_clock((int64_t)n->try_clock - used);
    if (n->try_clock > 0) return true;
    n->status = NIGHT_OVER;
    return false;
}

void night_level_done(night_t *n, const game_t *g)
{
    if (n->status != NIGHT_PLAYING) return;
    if (g->assisted) n->assisted = true;
    if (g->status != GAME_WON) {
        n->status = NIGHT_OVER;
        return;
    }
    night_split_t *s = &n->splits[n->level];
    s->spent = clamp_clock((int64_t)n->spent + game_ticks_used(g));
    s->left = clamp_clock(g->ticks_left);
    if (n->level + 1 >= n->level_count) {
        n->score = s->left;
        n->status = NIGHT_DONE;
    } else {
        n->status = NIGHT_BETWEEN;
    }
}
