/* Fuzz target: the save file and the level ids in it. The first byte picks:
 *   even: the rest is a save file; whatever of it is read must write out
 *         and read back the same, and write the same bytes again;
 *   odd:  the rest is level ids separated by NUL bytes, recorded as wins;
 *         the save written from them must read back whole and the same.
 * Reading must never reject what writing produced. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "game/save.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static save_t s, t;
static char text[SAVE_TEXT_MAX + 1], again[SAVE_TEXT_MAX + 1];

static void check_round_trip(void)
{
    int n = save_write(&s, text, sizeof text);
    if (n < 0) abort();
    if (save_parse(&t, text, (size_t)n, NULL) != 0 || t.count != s.count) abort();
    for (int32_t i = 0; i < s.count; i++)
        if (strcmp(t.entries[i].id, s.entries[i].id) != 0 ||
            t.entries[i].best_ticks != s.entries[i].best_ticks ||
            t.entries[i].has_closest != s.entries[i].has_closest ||
            (s.entries[i].has_closest &&
             t.entries[i].closest_ticks != s.entries[i].closest_ticks) ||
            t.entries[i].split_count != s.entries[i].split_count ||
            memcmp(t.entries[i].splits, s.entries[i].splits,
                   (size_t)s.entries[i].split_count * sizeof s.entries[i].splits[0]) != 0)
            abort();
    /* The whole night's best run too, splits and all. */
    if (t.night.score != s.night.score || t.night.count != s.night.count) abort();
    for (int32_t i = 0; i < s.night.count; i++)
        if (strcmp(t.night.splits[i].id, s.night.splits[i].id) != 0 ||
            t.night.splits[i].spent != s.night.splits[i].spent ||
            t.night.splits[i].left != s.night.splits[i].left)
            abort();
    int m = save_write(&t, again, sizeof again);
    if (m != n || memcmp(text, again, (size_t)n) != 0) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const char *p = (const char *)data + 1;
    size_t n = size - 1;
    if (data[0] % 2 == 0) {
        save_report_t rep;
        save_parse(&s, p, n, &rep); /* damaged or not, s holds what was read */
        check_round_trip();
        return 0;
    }
    save_init(&s);
    static char id[SAVE_ID_MAX + 2];
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && p[i] != '\0') continue;
        size_t len = i - start;
        if (len <= SAVE_ID_MAX + 1) {
            memcpy(id, p + start, len);
            id[len] = '\0';
            int32_t ticks = (int32_t)(1 + (len * 7919 + start) % SAVE_MAX_TICKS);
            int r = save_record(&s, id, ticks);
            /* Refused only when it cannot be kept, never for what is in it. */
            if (r < 0 && len > 0 && len <= SAVE_ID_MAX && s.count < SAVE_MAX_LEVELS) abort();
        }
        start = i + 1;
    }
    check_round_trip();
    return 0;
}
