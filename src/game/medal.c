#include "game/medal.h"

#include <string.h>

void medal_times_of(int32_t time_s, int32_t par_s, const int32_t medal_s[LEVEL_MEDALS],
                    int32_t expert_ticks, medal_times_t *out)
{
    level_medal_ticks_of(time_s, par_s, medal_s, out->ticks);
    out->expert = expert_ticks > 0 ? expert_ticks : 0;
}

void medal_times(const level_t *lv, medal_times_t *out)
{
    medal_times_of(lv->time_s, lv->par_s, lv->medal_s, lv->expert_ticks, out);
}

medal_t medal_of(const medal_times_t *t, int32_t ticks_used)
{
    if (ticks_used <= 0) return MEDAL_NONE;
    if (ticks_used > t->ticks[LEVEL_MEDAL_BRONZE]) return MEDAL_NONE;
    if (ticks_used > t->ticks[LEVEL_MEDAL_SILVER]) return MEDAL_BRONZE;
    if (ticks_used > t->ticks[LEVEL_MEDAL_GOLD]) return MEDAL_SILVER;
    /* Beating the expert means faster, not as fast: the shipped run itself
     * earns gold. */
    if (t->expert > 0 && ticks_used < t->expert) return MEDAL_EXPERT;
    return MEDAL_GOLD;
}

medal_t medal_kept(const medal_times_t *t, int32_t best_ticks, int32_t assisted_ticks,
                   bool *assisted)
{
    medal_t m = medal_of(t, best_ticks);
    bool with = m == MEDAL_NONE && medal_of(t, assisted_ticks) != MEDAL_NONE;
    if (assisted) *assisted = with;
    return with ? medal_of(t, assisted_ticks) : m;
}

const char *medal_name(medal_t m)
{
    static const char *const names[MEDAL_COUNT] = {"", "bronze", "silver", "gold", "expert"};
    return m >= 0 && m < MEDAL_COUNT ? names[m] : "";
}

int32_t medal_next_ticks(const medal_times_t *t, medal_t m)
{
    switch (m) {
    case MEDAL_NONE:
        return t->ticks[LEVEL_MEDAL_BRONZE];
    case MEDAL_BRONZE:
        return t->ticks[LEVEL_MEDAL_SILVER];
    case MEDAL_SILVER:
        return t->ticks[LEVEL_MEDAL_GOLD];
    case MEDAL_GOLD:
        return t->expert > 1 ? t->expert - 1 : 0;
    default:
        return 0;
    }
}

void medal_run_clear(medal_run_t *r)
{
    memset(r, 0, sizeof *r);
}

void medal_run_events(medal_run_t *r, const game_t *g)
{
    for (int32_t i = 0; i < g->event_count; i++) {
        uint8_t t = g->events[i].type;
        /* The call that starts the clock is at 0: no split. */
        if ((t != EV_CHECKPOINT && t != EV_KEY) || game_ticks_used(g) == 0) continue;
        if (r->split_count >= MEDAL_MAX_SPLITS) return;
        int16_t slot = g->events[i].entity;
        r->kinds[r->split_count] =
            t == EV_KEY ? MEDAL_SPLIT_KEY
            : slot >= 0 && slot < g->ent_top && g->ents[slot].kind == KIND_PAYPHONE
                ? MEDAL_SPLIT_CALL
                : MEDAL_SPLIT_CHECKPOINT;
        r->splits[r->split_count++] = game_ticks_used(g);
    }
}

const char *medal_split_name(int kind)
{
    return kind == MEDAL_SPLIT_CALL ? "call" : kind == MEDAL_SPLIT_KEY ? "key" : "checkpoint";
}
