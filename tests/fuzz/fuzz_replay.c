/* Fuzz target: replay files, and the save and settings files. The first byte
 * picks the reader. What parses must write back to the same thing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "game/replay.h"
#include "game/save.h"
#include "platform/settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same(const game_assists_t *a, const game_assists_t *b)
{
    return a->clock_pct == b->clock_pct && a->extra_s == b->extra_s && a->no_fail == b->no_fail &&
           a->soft_hazards == b->soft_hazards;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const char *p = (const char *)data + 1;
    size_t n = size - 1;
    char err[256];
    switch (data[0] % 3) {
    case 0: {
        replay_t *r = replay_parse(p, n, err, sizeof err);
        if (!r) return 0;
        size_t len = 0;
        char *text = replay_write(r, &len);
        replay_t *again = text ? replay_parse(text, len, err, sizeof err) : NULL;
        if (!again || again->count != r->count || again->level_hash != r->level_hash ||
            (r->count && memcmp(again->inputs, r->inputs, (size_t)r->count) != 0))
            abort();
        /* The assists and their changes come back as they were. */
        if (again->change_count != r->change_count || !same(&again->assists, &r->assists)) abort();
        for (int32_t i = 0; i < r->change_count; i++)
            if (again->changes[i].tick != r->changes[i].tick ||
                !same(&again->changes[i].assists, &r->changes[i].assists))
                abort();
        replay_destroy(again);
        free(text);
        replay_destroy(r);
        break;
    }
    case 1: {
        static save_t s, t;
        if (save_parse(&s, p, n, NULL) < 0) return 0;
        static char buf[SAVE_TEXT_MAX + 1];
        int len = save_write(&s, buf, sizeof buf);
        if (len < 0 || save_parse(&t, buf, (size_t)len, NULL) != 0) abort();
        break;
    }
    default: {
        settings_t s, t;
        if (settings_parse(&s, p, n, err, sizeof err) != 0) return 0;
        static char buf[SETTINGS_TEXT_MAX];
        int len = settings_write(&s, buf, sizeof buf);
        if (len < 0 || settings_parse(&t, buf, (size_t)len, err, sizeof err) != 0 ||
            s.music_volume != t.music_volume || s.sfx_volume != t.sfx_volume ||
            s.muted != t.muted || s.fullscreen != t.fullscreen)
            abort();
        if (s.assist_clock != t.assist_clock || s.assist_extra != t.assist_extra ||
            s.assist_no_fail != t.assist_no_fail || s.assist_soft != t.assist_soft ||
            s.no_flash != t.no_flash || s.no_shake != t.no_shake || s.large_text != t.large_text)
            abort();
        break;
    }
    }
    return 0;
}
