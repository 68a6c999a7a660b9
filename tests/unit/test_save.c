/* Saves: the text form (any level id goes in and comes back out), damaged
 * files kept and never overwritten, atomic writes that never lose the old
 * file, and reads that take only regular files. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "game/save.h"
#include "common/files.h"
#include "platform/save_file.h"
#include "platform/settings.h"

static char *read_all(const char *path, size_t *len)
{
    char err[256];
    return files_read(path, 1 << 22, len, err, sizeof err);
}

static void write_all(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void test_record_and_best(void **state)
{
    (void)state;
    static save_t s;
    save_init(&s);
    assert_int_equal(save_best(&s, "01.mml"), 0);
    assert_int_equal(save_record(&s, "01.mml", 900), 1);
    assert_int_equal(save_record(&s, "01.mml", 1000), 0); /* slower: not a best */
    assert_int_equal(save_record(&s, "01.mml", 800), 1);
    assert_int_equal(save_best(&s, "01.mml"), 800);
    assert_int_equal(save_record(&s, "02.mml", 0), -1);
    assert_int_equal(save_record(&s, "02.mml", SAVE_MAX_TICKS + 1), -1);
    assert_int_equal(save_record(&s, "02.mml", SAVE_MAX_TICKS), 1);
    assert_int_equal(save_record(&s, "", 5), -1);
    /* An id too long to keep is refused, never cut short. */
    static char id[SAVE_ID_MAX + 2];
    memset(id, 'x', SAVE_ID_MAX + 1);
    assert_int_equal(save_record(&s, id, 5), -1);
    id[SAVE_ID_MAX] = '\0';
    assert_int_equal(save_record(&s, id, 5), 1);
    assert_int_equal(save_best(&s, id), 5);
}

static void test_round_trip(void **state)
{
    (void)state;
    static save_t s, t;
    save_init(&s);
    save_record(&s, "01-tar-pits.mml", 1234);
    save_record(&s, "file:mine.mml", 99);
    save_record(&s, "custom:win space.mml", 26);
    char buf[1024];
    int n = save_write(&s, buf, sizeof buf);
    assert_true(n > 0);
    assert_string_equal(buf, "miraclemile-save 5\n"
                             "best \"01-tar-pits.mml\" 1234\n"
                             "best \"file:mine.mml\" 99\n"
                             "best \"custom:win space.mml\" 26\n");
    assert_int_equal(save_parse(&t, buf, (size_t)n, NULL), 0);
    assert_int_equal(t.count, 3);
    assert_int_equal(save_best(&t, "01-tar-pits.mml"), 1234);
    assert_int_equal(save_best(&t, "file:mine.mml"), 99);
    assert_int_equal(save_best(&t, "custom:win space.mml"), 26);
    /* Too small a buffer is refused, not cut. */
    assert_int_equal(save_write(&s, buf, 40), -1);
}

/* A small generator, so a failure can be run again from its seed. */
static uint64_t rnd_state;
static uint32_t rnd(uint32_t n)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return (uint32_t)(rnd_state % n);
}

/* A random level id made of what breaks naive formats: spaces, '#', '=',
 * quotes, backslashes, UTF-8, bytes that are not UTF-8, every control
 * character, look-alikes of the format's own words; some exactly 255 bytes
 * after a prefix (the longest file name), some the longest id there is. */
static void random_id(char *id)
{
    static const char *const parts[] = {" ",     "#",
                                        "=",     "\"",
                                        "\\",    "'",
                                        "\t",    "\r",
                                        "\n",    "\x01",
                                        "\x1f",  "\x7f",
                                        "\x80",  "\xff",
                                        "\xc3",  "\xed\xa0\x80",
                                        "é",     "中文",
                                        "😀",     "a",
                                        "level", ".mml",
                                        "\\x41", "\\\"",
                                        "best ", "miraclemile-save 2",
                                        " 26",   "  ",
                                        "\"\"",  "custom:",
                                        "file:", "#x = 1"};
    static const char *const prefixes[] = {"", "custom:", "file:"};
    const char *pre = prefixes[rnd(3)];
    size_t n = strlen(pre), want;
    memcpy(id, pre, n);
    switch (rnd(8)) {
    case 0:
        want = n + 255;
        break;
    case 1:
        want = SAVE_ID_MAX;
        break;
    default:
        want = n + 1 + rnd(60);
        break;
    }
    while (n < want) {
        if (rnd(4) == 0) {
            unsigned char c = (unsigned char)(1 + rnd(255)); /* any byte but NUL */
            id[n++] = (char)c;
            continue;
        }
        const char *p = parts[rnd(sizeof parts / sizeof parts[0])];
        size_t l = strlen(p);
        if (n + l > want) l = want - n;
        memcpy(id + n, p, l);
        n += l;
    }
    id[n] = '\0';
}

/* The property: whatever ids and times the game records, writing and reading
 * back gives the same save, and writing that gives the same bytes. */
static void test_any_id_round_trips(void **state)
{
    (void)state;
    static save_t s, t;
    static char buf[SAVE_TEXT_MAX + 1], again[SAVE_TEXT_MAX + 1];
    static char id[SAVE_ID_MAX + 1];
    rnd_state = 0x9E3779B97F4A7C15ull;
    int ids = 0;
    for (int round = 0; round < 400; round++) {
        save_init(&s);
        int count = round % 50 == 0 ? SAVE_MAX_LEVELS : 1 + (int)rnd(40);
        for (int i = 0; i < count; i++) {
            random_id(id);
            int32_t ticks = rnd(10) == 0 ? SAVE_MAX_TICKS : 1 + (int32_t)rnd(SAVE_MAX_TICKS);
            assert_true(save_record(&s, id, ticks) >= 0);
            ids++;
        }
        int n = save_write(&s, buf, sizeof buf);
        assert_true(n > 0);
        save_report_t rep;
        int r = save_parse(&t, buf, (size_t)n, &rep);
        if (r != 0) fail_msg("round %d: %s %s", round, rep.error, rep.warning);
        assert_int_equal(t.count, s.count);
        for (int32_t i = 0; i < s.count; i++) {
            assert_string_equal(t.entries[i].id, s.entries[i].id);
            assert_int_equal(t.entries[i].best_ticks, s.entries[i].best_ticks);
        }
        int m = save_write(&t, again, sizeof again);
        assert_int_equal(m, n);
        assert_memory_equal(again, buf, (size_t)n);
        /* Every line is one line: nothing in an id may start another. */
        int lines = 0;
        for (int i = 0; i < n; i++) lines += buf[i] == '\n';
        assert_int_equal(lines, s.count + 1);
    }
    print_message("%d random ids written and read back\n", ids);
}

/* Ids that agree in their first 63 bytes (or more) are different levels. */
static void test_long_ids_are_distinct(void **state)
{
    (void)state;
    static save_t s, t;
    char a[300], b[300];
    memset(a, 'n', 255);
    memcpy(b, a, 255);
    a[255] = b[255] = '\0';
    memcpy(a + 250, "1.mml", 5);
    memcpy(b + 250, "2.mml", 5);
    save_init(&s);
    assert_int_equal(save_record(&s, a, 100), 1);
    assert_int_equal(save_record(&s, b, 200), 1);
    char buf[2048];
    int n = save_write(&s, buf, sizeof buf);
    assert_int_equal(save_parse(&t, buf, (size_t)n, NULL), 0);
    assert_int_equal(t.count, 2);
    assert_int_equal(save_best(&t, a), 100);
    assert_int_equal(save_best(&t, b), 200);
}

/* What older games wrote is read: version 1 put ids unquoted, spaces and all. */
static void test_version_1(void **state)
{
    (void)state;
    static save_t s;
    const char *v1 = "miraclemile-save 1\r\n"
                     "best 01-tar-pits.mml 500\r\n"
                     "best file:win space.mml 26\n"
                     "best custom:two  spaces .mml 1234\n"
                     "best custom:\"q\" #=x.mml 7\n";
    save_report_t rep;
    assert_int_equal(save_parse(&s, v1, strlen(v1), &rep), 0);
    assert_int_equal(s.count, 4);
    assert_int_equal(save_best(&s, "01-tar-pits.mml"), 500);
    assert_int_equal(save_best(&s, "file:win space.mml"), 26);
    assert_int_equal(save_best(&s, "custom:two  spaces .mml"), 1234);
    assert_int_equal(save_best(&s, "custom:\"q\" #=x.mml"), 7);
}

/* A best time no clock can give is a warning, and is dropped, not wrapped. */
static void test_out_of_range(void **state)
{
    (void)state;
    static save_t s;
    const char *text = "miraclemile-save 2\n"
                       "best \"a\" 99999999999\n"
                       "best \"b\" 0\n"
                       "best \"c\" -5\n"
                       "best \"d\" 216001\n"
                       "best \"e\" 216000\n"
                       "best \"f\" 18446744073709551617\n"
                       "best \"g\" 42\n";
    save_report_t rep;
    assert_int_equal(save_parse(&s, text, strlen(text), &rep), 1);
    assert_int_equal(rep.dropped_values, 5);
    assert_int_equal(rep.damaged_lines, 0);
    assert_non_null(strstr(rep.warning, "line 2: the best time is out of range"));
    assert_int_equal(s.count, 2);
    assert_int_equal(save_best(&s, "a"), 0);
    assert_int_equal(save_best(&s, "f"), 0);
    assert_int_equal(save_best(&s, "e"), SAVE_MAX_TICKS);
    assert_int_equal(save_best(&s, "g"), 42);
    const char *v1 = "miraclemile-save 1\nbest a 99999999999\nbest b 5\n";
    assert_int_equal(save_parse(&s, v1, strlen(v1), &rep), 1);
    assert_int_equal(save_best(&s, "a"), 0);
    assert_int_equal(save_best(&s, "b"), 5);
}

static void test_damaged(void **state)
{
    (void)state;
    static save_t s;
    save_report_t rep;
    const char *cases[] = {"",
                           "hello\n",
                           "miraclemile-save 7\n",
                           "miraclemile-save 1\nbest a 10\nbest b x\n",
                           "miraclemile-save 1\nbest\n",
                           "miraclemile-save 2\nbest a 10\n",
                           "miraclemile-save 2\nbest \"a 10\n",
                           "miraclemile-save 2\nbest \"a\\q\" 10\n",
                           "miraclemile-save 2\nbest \"a\\x0\" 10\n",
                           "miraclemile-save 2\nbest \"a\\x00\" 10\n",
                           "miraclemile-save 2\nbest \"a\"10\n",
                           "miraclemile-save 2\nbest \"a\" 10 x\n"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (save_parse(&s, cases[i], strlen(cases[i]), &rep) != -1)
            fail_msg("case %d was read", (int)i);
        assert_true(rep.damaged_lines > 0);
        assert_non_null(strstr(rep.error, "line "));
    }
    static const char nul[] = "miraclemile-save 2\nbest \"a\" 1\0 0\n";
    assert_int_equal(save_parse(&s, nul, sizeof nul - 1, &rep), -1);
    assert_non_null(strstr(rep.error, "line 2: binary data"));
    save_parse(&s, cases[2], strlen(cases[2]), &rep);
    assert_non_null(strstr(rep.error, "line 1: a save of format 7, from a newer version"));
    /* Every good line is kept, before the damage and after it. */
    const char *mixed = "miraclemile-save 2\nbest \"a\" 10\nbest \"b\" x\nbest \"c\" 30\n";
    assert_int_equal(save_parse(&s, mixed, strlen(mixed), &rep), -1);
    assert_int_equal(save_best(&s, "a"), 10);
    assert_int_equal(save_best(&s, "c"), 30);
    assert_non_null(strstr(rep.error, "line 3"));
    /* Escapes and a byte-order mark that an editor may add are read. */
    const char *esc = "\xEF\xBB\xBFmiraclemile-save 2\nbest \"\\x41\\\"\\\\\\xff\"  \t 9  \n";
    assert_int_equal(save_parse(&s, esc, strlen(esc), &rep), 0);
    assert_int_equal(save_best(&s, "A\"\\\xff"), 9);
}

/* A damaged save is kept under a new name each time, never over an older one. */
static void test_damaged_kept_numbered(void **state)
{
    (void)state;
    char dir[] = "/tmp/mm-damaged-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], kept[300], msg[2048];
    snprintf(path, sizeof path, "%s/save.txt", dir);
    static save_t s;
    const char *names[] = {"save.txt.damaged", "save.txt.damaged-2", "save.txt.damaged-3"};
    for (int i = 0; i < 3; i++) {
        char text[128];
        int n = snprintf(text, sizeof text, "miraclemile-save 2\nbest \"a\" %d\nbroken %d\n",
                         10 + i, i);
        write_all(path, text, (size_t)n);
        assert_int_equal(save_file_load(&s, path, msg, sizeof msg), SAVE_FILE_DAMAGED);
        assert_int_equal(save_best(&s, "a"), 10 + i);
        snprintf(kept, sizeof kept, "%s/%s", dir, names[i]);
        assert_non_null(strstr(msg, kept));
        assert_false(files_exists(path));
        for (int j = 0; j <= i; j++) {
            snprintf(kept, sizeof kept, "%s/%s", dir, names[j]);
            size_t len = 0;
            char *got = read_all(kept, &len);
            assert_non_null(got);
            char want[32];
            snprintf(want, sizeof want, "broken %d", j);
            assert_non_null(strstr(got, want)); /* each copy is still its own */
            free(got);
        }
    }
    /* The good lines are written back; the next start reads them cleanly. */
    char err[256];
    assert_true(save_file_store(&s, path, err, sizeof err));
    assert_int_equal(save_file_load(&s, path, msg, sizeof msg), SAVE_FILE_OK);
    assert_string_equal(msg, "");
    assert_int_equal(save_best(&s, "a"), 12);
    /* A value out of range is a warning only: the file stays where it is. */
    const char *big = "miraclemile-save 2\nbest \"a\" 99999999999\n";
    write_all(path, big, strlen(big));
    assert_int_equal(save_file_load(&s, path, msg, sizeof msg), SAVE_FILE_DROPPED);
    assert_non_null(strstr(msg, "out of range"));
    assert_true(files_exists(path));
    /* A save that cannot be read is not written over. */
    remove(path);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(save_file_load(&s, path, msg, sizeof msg), SAVE_FILE_KEEP_OUT);
    assert_non_null(strstr(msg, "it is a folder"));
    rmdir(path);
    for (int j = 0; j < 3; j++) {
        snprintf(kept, sizeof kept, "%s/%s", dir, names[j]);
        remove(kept);
    }
    rmdir(dir);
}

static void test_atomic_write(void **state)
{
    (void)state;
    char dir[] = "/tmp/mm-save-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/save.txt", dir);
    assert_true(files_write_atomic(path, "one\n", 4, err, sizeof err));
    assert_true(files_write_atomic(path, "two!\n", 5, err, sizeof err));
    size_t len = 0;
    char *got = files_read(path, 1024, &len, err, sizeof err);
    assert_non_null(got);
    assert_int_equal(len, 5);
    assert_string_equal(got, "two!\n");
    free(got);

    /* A write that cannot happen leaves the old file whole. */
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_equal(mkdir(tmp, 0700), 0); /* the temporary name is taken by a folder */
    assert_false(files_write_atomic(path, "three\n", 6, err, sizeof err));
    assert_non_null(strstr(err, "cannot write"));
    got = files_read(path, 1024, &len, err, sizeof err);
    assert_non_null(got);
    assert_string_equal(got, "two!\n");
    free(got);
    rmdir(tmp);

    /* A pipe or a link in the temporary file's place is not written through
     * (a pipe would block): the save is written, the link's target untouched. */
    assert_int_equal(mkfifo(tmp, 0600), 0);
    assert_true(files_write_atomic(path, "four\n", 5, err, sizeof err));
    char other[300];
    snprintf(other, sizeof other, "%s/other", dir);
    write_all(other, "keep", 4);
    assert_int_equal(symlink(other, tmp), 0);
    assert_true(files_write_atomic(path, "five\n", 5, err, sizeof err));
    got = files_read(path, 1024, &len, err, sizeof err);
    assert_non_null(got);
    assert_string_equal(got, "five\n");
    free(got);
    got = files_read(other, 1024, &len, err, sizeof err);
    assert_non_null(got);
    assert_string_equal(got, "keep");
    free(got);
    remove(other);
    remove(path);
    rmdir(dir);
}

static void test_read_errors(void **state)
{
    (void)state;
    char err[256];
    size_t len;
    assert_null(files_read("/nonexistent/dir/file.mml", 1024, &len, err, sizeof err));
    assert_non_null(strstr(err, "cannot open /nonexistent/dir/file.mml"));
    assert_string_equal(files_basename("a/b/c.mml"), "c.mml");
    assert_string_equal(files_basename("c.mml"), "c.mml");
}

/* Only regular files are read; a pipe is refused at once, not waited on. */
static void test_only_regular_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/mm-kinds-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], err[512];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/pipe.mml", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_null(files_read(path, 1024, &len, err, sizeof err));
    assert_non_null(strstr(err, "it is a named pipe, not a regular file"));
    remove(path);
    assert_null(files_read(dir, 1024, &len, err, sizeof err));
    assert_non_null(strstr(err, "it is a folder, not a regular file"));
    assert_null(files_read("/dev/zero", 1024, &len, err, sizeof err));
    assert_non_null(strstr(err, "it is a device, not a regular file"));
    /* A link to a regular file is read. */
    snprintf(path, sizeof path, "%s/real.mml", dir);
    write_all(path, "x", 1);
    char link_path[300];
    snprintf(link_path, sizeof link_path, "%s/link.mml", dir);
    assert_int_equal(symlink(path, link_path), 0);
    char *got = files_read(link_path, 1024, &len, err, sizeof err);
    assert_non_null(got);
    free(got);
    remove(link_path);
    remove(path);
    rmdir(dir);
}

/* The limit is inclusive: a file of exactly max_bytes is read, one byte more
 * is refused; at every size where the buffer grows. */
static void test_size_limit(void **state)
{
    (void)state;
    char dir[] = "/tmp/mm-limit-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], err[512];
    snprintf(path, sizeof path, "%s/f", dir);
    static char data[(1 << 20) + 1];
    memset(data, 'a', sizeof data);
    const size_t limits[] = {1, 4095, 4096, 4097, 8192, 1 << 20};
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        size_t max = limits[i], len = 0;
        write_all(path, data, max);
        char *got = files_read(path, max, &len, err, sizeof err);
        if (!got) fail_msg("a file of exactly %zu bytes was refused: %s", max, err);
        assert_int_equal(len, max);
        assert_int_equal(got[len], '\0');
        free(got);
        write_all(path, data, max + 1);
        assert_null(files_read(path, max, &len, err, sizeof err));
        assert_non_null(strstr(err, "is larger than"));
    }
    remove(path);
    rmdir(dir);
}

static void test_settings(void **state)
{
    (void)state;
    settings_t s, t;
    settings_default(&s);
    s.music_volume = 3;
    s.muted = true;
    s.knows_action = true;
    char buf[SETTINGS_TEXT_MAX], err[400];
    int n = settings_write(&s, buf, sizeof buf);
    assert_true(n > 0);
    assert_int_equal(settings_parse(&t, buf, (size_t)n, err, sizeof err), 0);
    assert_int_equal(t.music_volume, 3);
    assert_true(t.muted);
    /* The controls the player has used are kept: their prompts stay away. */
    assert_true(t.knows_action);
    assert_false(t.knows_sprint);
    /* The ghost: your best by default, and each choice kept. */
    assert_int_equal(t.ghost, SETTINGS_GHOST_BEST);
    for (int g = 0; g < SETTINGS_GHOST_MODES; g++) {
        s.ghost = g;
        n = settings_write(&s, buf, sizeof buf);
        assert_true(n > 0);
        assert_int_equal(settings_parse(&t, buf, (size_t)n, err, sizeof err), 0);
        assert_int_equal(t.ghost, g);
    }
    const char *bad_ghost = "miraclemile-settings 1\nghost = 3\n";
    assert_int_equal(settings_parse(&t, bad_ghost, strlen(bad_ghost), err, sizeof err), -1);
    assert_int_equal(t.ghost, SETTINGS_GHOST_BEST);
    const char *bad = "miraclemile-settings 1\nmusic_volume = 99\n";
    assert_int_equal(settings_parse(&t, bad, strlen(bad), err, sizeof err), -1);
    assert_non_null(strstr(err, "line 2"));

    /* A damaged file on disk: kept aside, defaults used, the player told. */
    char dir[] = "/tmp/mm-settings-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], kept[300], warn[600];
    snprintf(path, sizeof path, "%s/settings.txt", dir);
    snprintf(kept, sizeof kept, "%s.damaged", path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("garbage\n", f);
    fclose(f);
    settings_load(&t, path, warn, sizeof warn);
    assert_non_null(strstr(warn, "damaged"));
    assert_int_equal(t.music_volume, 7);
    assert_true(files_exists(kept));
    assert_true(settings_save(&s, path, err, sizeof err));
    settings_load(&t, path, warn, sizeof warn);
    assert_string_equal(warn, "");
    assert_int_equal(t.music_volume, 3);
    /* A second damaged file is kept beside the first, which stays. */
    FILE *g = fopen(path, "w");
    assert_non_null(g);
    fputs("more garbage\n", g);
    fclose(g);
    settings_load(&t, path, warn, sizeof warn);
    char kept2[320];
    snprintf(kept2, sizeof kept2, "%s-2", kept);
    assert_non_null(strstr(warn, kept2));
    size_t len = 0;
    char *first = read_all(kept, &len);
    assert_non_null(first);
    assert_string_equal(first, "garbage\n");
    free(first);
    remove(kept2);
    remove(kept);
    remove(path);
    rmdir(dir);
}

/* The assists and the accessibility settings round-trip, a file without
 * them (an older game's) reads as none, and a value the game does not offer
 * is damage: the whole file falls back to the defaults. */
static void test_settings_assists_and_access(void **state)
{
    (void)state;
    settings_t s, t;
    settings_default(&s);
    assert_int_equal(s.assist_clock, 100);
    assert_int_equal(s.assist_extra, 0);
    assert_false(s.no_flash || s.no_shake || s.large_text || s.assist_no_fail || s.assist_soft);
    s.assist_clock = 60;
    s.assist_extra = 20;
    s.assist_no_fail = true;
    s.assist_soft = true;
    s.no_flash = true;
    s.no_shake = true;
    s.large_text = true;
    char buf[SETTINGS_TEXT_MAX], err[400];
    int n = settings_write(&s, buf, sizeof buf);
    assert_true(n > 0);
    assert_non_null(strstr(buf, "assist_clock = 60\n"));
    assert_non_null(strstr(buf, "no_flash = 1\n"));
    assert_int_equal(settings_parse(&t, buf, (size_t)n, err, sizeof err), 0);
    assert_int_equal(t.assist_clock, 60);
    assert_int_equal(t.assist_extra, 20);
    assert_true(t.assist_no_fail);
    assert_true(t.assist_soft);
    assert_true(t.no_flash);
    assert_true(t.no_shake);
    assert_true(t.large_text);
    /* Too small a buffer is refused, not cut. */
    assert_int_equal(settings_write(&s, buf, (size_t)n), -1);
    const char *old = "miraclemile-settings 1\nmusic_volume = 3\nsfx_volume = 8\nmuted = 0\n";
    assert_int_equal(settings_parse(&t, old, strlen(old), err, sizeof err), 0);
    assert_int_equal(t.assist_clock, 100);
    assert_false(t.no_flash);
    static const char *const bad[] = {
        "miraclemile-settings 1\nassist_clock = 75\n",
        "miraclemile-settings 1\nassist_clock = 40\n",
        "miraclemile-settings 1\nassist_extra = 40\n",
        "miraclemile-settings 1\nno_flash = 2\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(settings_parse(&t, bad[i], strlen(bad[i]), err, sizeof err), -1);
        assert_non_null(strstr(err, "line 2"));
        assert_int_equal(t.assist_clock, 100);
        assert_false(t.no_flash);
    }
    /* Saved atomically and read back from disk. */
    char dir[] = "mm-settings-assists-XXXXXX"; /* in the test's own folder */
    assert_non_null(mkdtemp(dir));
    char path[256], warn[600];
    snprintf(path, sizeof path, "%s/settings.txt", dir);
    assert_true(settings_save(&s, path, err, sizeof err));
    settings_load(&t, path, warn, sizeof warn);
    assert_string_equal(warn, "");
    assert_int_equal(t.assist_extra, 20);
    assert_true(t.large_text);
    remove(path);
    rmdir(dir);
}

/* A best time kept under an older key moves to the new one, the better time
 * stays, and nothing is lost when there is nothing to move. */
static void test_carry(void **state)
{
    (void)state;
    static save_t s;
    save_init(&s);
    save_record(&s, "custom:mine.mml", 900);
    save_record(&s, "01-tar-pits.mml", 1000);
    assert_int_equal(save_carry(&s, "custom:mine.mml", "level:00000000000000ab"), 1);
    assert_int_equal(save_best(&s, "level:00000000000000ab"), 900);
    assert_int_equal(save_best(&s, "custom:mine.mml"), 0);
    assert_int_equal(save_best(&s, "01-tar-pits.mml"), 1000);
    assert_int_equal(s.count, 2);
    /* Nothing under the old key: nothing changes. */
    assert_int_equal(save_carry(&s, "file:mine.mml", "level:00000000000000ab"), 0);
    assert_int_equal(save_best(&s, "level:00000000000000ab"), 900);
    /* Both kept: the better wins. */
    save_record(&s, "file:mine.mml", 700);
    assert_int_equal(save_carry(&s, "file:mine.mml", "level:00000000000000ab"), 1);
    assert_int_equal(save_best(&s, "level:00000000000000ab"), 700);
    save_record(&s, "file:old.mml", 800);
    assert_int_equal(save_carry(&s, "file:old.mml", "level:00000000000000ab"), 1);
    assert_int_equal(save_best(&s, "level:00000000000000ab"), 700);
    assert_int_equal(s.count, 2);
}

/* The whole night's best run (version 3): kept with its splits, replaced
 * only by a better score, written and read back exactly. */
static save_night_t make_run(int32_t score, int32_t count)
{
    save_night_t r;
    memset(&r, 0, sizeof r);
    r.score = score;
    r.count = count;
    for (int32_t i = 0; i < count; i++) {
        snprintf(r.splits[i].id, sizeof r.splits[i].id, "0%d-level \"%d\".mml", (int)i + 1, (int)i);
        r.splits[i].spent = 400 + (int32_t)i;
        r.splits[i].left = score + 100 * (count - (int32_t)i - 1);
    }
    return r;
}

static void test_night_best(void **state)
{
    (void)state;
    static save_t s, t;
    save_init(&s);
    save_record(&s, "01-tar-pits.mml", 501);
    save_night_t run = make_run(2000, 3);
    assert_int_equal(save_record_night(&s, &run), 1);
    save_night_t worse = make_run(1999, 3);
    assert_int_equal(save_record_night(&s, &worse), 0); /* never lose a best */
    assert_int_equal(s.night.score, 2000);
    save_night_t same = make_run(2000, 2);
    assert_int_equal(save_record_night(&s, &same), 0);
    assert_int_equal(s.night.count, 3);
    /* What no run can be is refused. */
    save_night_t bad = make_run(3000, 0);
    assert_int_equal(save_record_night(&s, &bad), -1);
    bad = make_run(3000, SAVE_NIGHT_LEVELS);
    bad.count = SAVE_NIGHT_LEVELS + 1;
    assert_int_equal(save_record_night(&s, &bad), -1);
    bad = make_run(SAVE_MAX_TICKS + 1, 2);
    assert_int_equal(save_record_night(&s, &bad), -1);
    bad = make_run(3000, 2);
    bad.splits[1].left = -1;
    assert_int_equal(save_record_night(&s, &bad), -1);
    bad = make_run(3000, 2);
    bad.splits[0].id[0] = '\0';
    assert_int_equal(save_record_night(&s, &bad), -1);
    assert_int_equal(s.night.score, 2000);

    static char buf[4096];
    int n = save_write(&s, buf, sizeof buf);
    assert_true(n > 0);
    assert_string_equal(buf, "miraclemile-save 5\n"
                             "best \"01-tar-pits.mml\" 501\n"
                             "night 2000\n"
                             "split \"01-level \\\"0\\\".mml\" 400 2200\n"
                             "split \"02-level \\\"1\\\".mml\" 401 2100\n"
                             "split \"03-level \\\"2\\\".mml\" 402 2000\n");
    assert_int_equal(save_parse(&t, buf, (size_t)n, NULL), 0);
    assert_int_equal(save_best(&t, "01-tar-pits.mml"), 501);
    assert_memory_equal(&t.night, &s.night, sizeof s.night);
    /* A better run replaces it, splits and all. */
    save_night_t better = make_run(2500, 2);
    assert_int_equal(save_record_night(&t, &better), 1);
    assert_int_equal(t.night.count, 2);
    assert_int_equal(t.night.splits[1].left, 2500);
}

/* Version 4: the closest a lost run came and the best run's splits, kept
 * for each level, written and read back; a version 3 save knows neither. */
static void test_closest_and_splits(void **state)
{
    (void)state;
    static save_t s, t;
    save_init(&s);
    assert_int_equal(save_closest(&s, "02-payphone.mml"), -1);
    assert_int_equal(save_record_closest(&s, "02-payphone.mml", 300), 1);
    assert_int_equal(save_record_closest(&s, "02-payphone.mml", 400), 0); /* further: kept */
    assert_int_equal(save_record_closest(&s, "02-payphone.mml", 95), 1);
    assert_int_equal(save_closest(&s, "02-payphone.mml"), 95);
    assert_int_equal(save_best(&s, "02-payphone.mml"), 0); /* lost runs win nothing */
    assert_int_equal(save_record_closest(&s, "x", -1), -1);
    int32_t splits[3] = {402, 777, 901};
    assert_false(save_set_splits(&s, "01-tar-pits.mml", 3, splits)); /* no best yet */
    assert_int_equal(save_record(&s, "01-tar-pits.mml", 1123), 1);
    assert_true(save_set_splits(&s, "01-tar-pits.mml", 2, splits));
    static char buf[4096];
    int n = save_write(&s, buf, sizeof buf);
    assert_true(n > 0);
    assert_string_equal(buf, "miraclemile-save 5\n"
                             "closest \"02-payphone.mml\" 95\n"
                             "best \"01-tar-pits.mml\" 1123\n"
                             "splits \"01-tar-pits.mml\" 402 777\n");
    assert_int_equal(save_parse(&t, buf, (size_t)n, NULL), 0);
    assert_int_equal(save_closest(&t, "02-payphone.mml"), 95);
    const save_entry_t *e = save_entry(&t, "01-tar-pits.mml");
    assert_non_null(e);
    assert_int_equal(e->best_ticks, 1123);
    assert_int_equal(e->split_count, 2);
    assert_int_equal(e->splits[0], 402);
    assert_int_equal(e->splits[1], 777);
    /* A level keyed anew keeps its closest and its splits. */
    assert_int_equal(save_carry(&t, "02-payphone.mml", "level:abc"), 1);
    assert_int_equal(save_closest(&t, "level:abc"), 95);
    assert_int_equal(save_closest(&t, "02-payphone.mml"), -1);
    assert_int_equal(save_carry(&t, "01-tar-pits.mml", "level:def"), 1);
    e = save_entry(&t, "level:def");
    assert_non_null(e);
    assert_int_equal(e->split_count, 2);
    assert_int_equal(e->splits[1], 777);
    /* A new best drops nothing until its own splits are set. */
    int32_t faster[1] = {300};
    assert_int_equal(save_record(&t, "level:def", 1000), 1);
    assert_true(save_set_splits(&t, "level:def", 1, faster));
    assert_int_equal(save_entry(&t, "level:def")->split_count, 1);
}

static void test_closest_and_splits_damaged(void **state)
{
    (void)state;
    static save_t s;
    save_report_t rep;
    const char *cases[] = {
        "miraclemile-save 4\nbest \"a\" 5\nclosest \"a\"\n",        /* no number */
        "miraclemile-save 4\nbest \"a\" 5\nclosest \"a\" -3\n",     /* negative */
        "miraclemile-save 4\nbest \"a\" 5\nclosest a 3\n",          /* no quotes */
        "miraclemile-save 4\nbest \"a\" 5\nsplits \"a\" 1 x\n",     /* not a number */
        "miraclemile-save 4\nbest \"a\" 5\nclosest \"a\" 216001\n", /* out of range */
        "miraclemile-save 3\nbest \"a\" 5\nclosest \"a\" 3\n",      /* not in version 3 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(save_parse(&s, cases[i], strlen(cases[i]), &rep), -1);
        assert_int_equal(save_best(&s, "a"), 5); /* the good lines are kept */
    }
    /* Splits of a level never won are dropped with a warning. */
    const char *orphan = "miraclemile-save 4\nbest \"a\" 5\nsplits \"b\" 1 2\n";
    assert_int_equal(save_parse(&s, orphan, strlen(orphan), &rep), 1);
    assert_non_null(strstr(rep.warning, "no best time"));
    assert_int_equal(save_best(&s, "a"), 5);
}

/* Saves of versions 1 and 2 load as they were, with no night; once written
 * again they are version 4 with every best time kept. */
static void test_night_old_saves(void **state)
{
    (void)state;
    static save_t s, t;
    const char *v2 = "miraclemile-save 2\nbest \"01-tar-pits.mml\" 501\nbest \"b c\" 7\n";
    assert_int_equal(save_parse(&s, v2, strlen(v2), NULL), 0);
    assert_int_equal(s.night.count, 0);
    assert_int_equal(save_best(&s, "01-tar-pits.mml"), 501);
    const char *v1 = "miraclemile-save 1\nbest 01-tar-pits.mml 501\nbest b c 7\n";
    assert_int_equal(save_parse(&t, v1, strlen(v1), NULL), 0);
    assert_int_equal(t.night.count, 0);
    assert_int_equal(save_best(&t, "b c"), 7);
    static char buf[4096];
    int n = save_write(&t, buf, sizeof buf);
    assert_true(n > 0);
    assert_string_equal(buf, "miraclemile-save 5\nbest \"01-tar-pits.mml\" 501\nbest \"b c\" 7\n");
    /* A version 2 save knows no night: such a line there is damage. */
    const char *v2night = "miraclemile-save 2\nbest \"a\" 5\nnight 100\n";
    save_report_t rep;
    assert_int_equal(save_parse(&s, v2night, strlen(v2night), &rep), -1);
    assert_int_equal(save_best(&s, "a"), 5);
}

/* Runs with assists are kept apart: an assisted best never replaces or
 * hides an unassisted one, both round-trip, a version 3 save reads as none,
 * and a level won either way is won. */
static void test_assisted_bests_apart(void **state)
{
    (void)state;
    static save_t s, t;
    save_init(&s);
    assert_int_equal(save_record(&s, "01-tar-pits.mml", 1200), 1);
    assert_int_equal(save_record_assisted(&s, "01-tar-pits.mml", 700), 1);
    assert_int_equal(save_record_assisted(&s, "01-tar-pits.mml", 800), 0);
    assert_int_equal(save_record_assisted(&s, "02-payphone.mml", 900), 1);
    assert_int_equal(save_best(&s, "01-tar-pits.mml"), 1200);
    assert_int_equal(save_best_assisted(&s, "01-tar-pits.mml"), 700);
    assert_int_equal(save_best(&s, "02-payphone.mml"), 0);
    assert_true(save_won(&s, "02-payphone.mml"));
    assert_false(save_won(&s, "03-johnnies.mml"));
    assert_int_equal(save_record_assisted(&s, "", 5), -1);
    save_night_t run = make_run(3000, 2), plain = make_run(1000, 2);
    assert_int_equal(save_record_night_assisted(&s, &run), 1);
    assert_int_equal(s.night.count, 0);
    assert_int_equal(save_record_night(&s, &plain), 1);
    assert_int_equal(s.night_assisted.score, 3000);
    static char buf[4096];
    int n = save_write(&s, buf, sizeof buf);
    assert_true(n > 0);
    assert_string_equal(buf, "miraclemile-save 5\n"
                             "best \"01-tar-pits.mml\" 1200\n"
                             "night 1000\n"
                             "split \"01-level \\\"0\\\".mml\" 400 1100\n"
                             "split \"02-level \\\"1\\\".mml\" 401 1000\n"
                             "assisted best \"01-tar-pits.mml\" 700\n"
                             "assisted best \"02-payphone.mml\" 900\n"
                             "assisted night 3000\n"
                             "assisted split \"01-level \\\"0\\\".mml\" 400 3100\n"
                             "assisted split \"02-level \\\"1\\\".mml\" 401 3000\n");
    assert_int_equal(save_parse(&t, buf, (size_t)n, NULL), 0);
    assert_int_equal(save_best(&t, "01-tar-pits.mml"), 1200);
    assert_int_equal(save_best_assisted(&t, "01-tar-pits.mml"), 700);
    assert_int_equal(save_best_assisted(&t, "02-payphone.mml"), 900);
    assert_memory_equal(&t.night, &s.night, sizeof s.night);
    assert_memory_equal(&t.night_assisted, &s.night_assisted, sizeof s.night_assisted);
    /* Moving a level's key moves both its bests. */
    assert_int_equal(save_carry(&t, "02-payphone.mml", "level:00000000000000cd"), 1);
    assert_int_equal(save_best_assisted(&t, "level:00000000000000cd"), 900);
    assert_int_equal(save_best_assisted(&t, "02-payphone.mml"), 0);
    /* A version 3 save has no assisted runs; there such a line is damage. */
    const char *v3 = "miraclemile-save 3\nbest \"a\" 5\nassisted best \"a\" 4\n";
    save_report_t rep;
    assert_int_equal(save_parse(&t, v3, strlen(v3), &rep), -1);
    assert_int_equal(save_best(&t, "a"), 5);
    assert_int_equal(save_best_assisted(&t, "a"), 0);
    /* A damaged assisted line keeps every other best. */
    const char *bad = "miraclemile-save 5\nbest \"a\" 5\nassisted best \"b\" x\nassisted best "
                      "\"c\" 6\n";
    assert_int_equal(save_parse(&t, bad, strlen(bad), &rep), -1);
    assert_int_equal(save_best(&t, "a"), 5);
    assert_int_equal(save_best_assisted(&t, "c"), 6);
    assert_non_null(strstr(rep.error, "line 3:"));
}

/* A damaged night is reported and dropped; the best times around it stay. */
static void test_night_damaged(void **state)
{
    (void)state;
    static save_t s;
    save_report_t rep;
    const char *damaged[] = {
        "miraclemile-save 3\nbest \"a\" 5\nsplit \"a\" 1 2\nbest \"b\" 6\n", /* no night line */
        "miraclemile-save 3\nbest \"a\" 5\nnight x\nbest \"b\" 6\n",         /* not a number */
        "miraclemile-save 3\nbest \"a\" 5\nnight 0\nbest \"b\" 6\n",         /* no score */
        "miraclemile-save 3\nbest \"a\" 5\nnight 216001\nbest \"b\" 6\n",    /* out of range */
        "miraclemile-save 3\nbest \"a\" 5\nnight 9\nsplit a 1 2\nbest \"b\" 6\n", /* no quotes */
        "miraclemile-save 3\nbest \"a\" 5\nnight 9\nsplit \"a\" 1\nbest \"b\" 6\n",
        "miraclemile-save 3\nbest \"a\" 5\nnight 9\nsplit \"a\" 1 -2\nbest \"b\" 6\n",
        "miraclemile-save 3\nbest \"a\" 5\nnight 9\nsplit \"a\" 1 216001\nbest \"b\" 6\n",
    };
    for (size_t i = 0; i < sizeof damaged / sizeof damaged[0]; i++) {
        assert_int_equal(save_parse(&s, damaged[i], strlen(damaged[i]), &rep), -1);
        assert_int_equal(save_best(&s, "a"), 5);
        assert_int_equal(save_best(&s, "b"), 6);
        assert_true(rep.error[0] != '\0');
    }
    /* A night with no levels after it is dropped with a warning. */
    const char *empty = "miraclemile-save 3\nbest \"a\" 5\nnight 9\n";
    assert_int_equal(save_parse(&s, empty, strlen(empty), &rep), 1);
    assert_int_equal(s.night.count, 0);
    assert_non_null(strstr(rep.warning, "no levels"));
    /* More splits than a run can have. */
    static char many[8192];
    size_t n = (size_t)snprintf(many, sizeof many, "miraclemile-save 3\nnight 9\n");
    for (int i = 0; i <= SAVE_NIGHT_LEVELS; i++)
        n += (size_t)snprintf(many + n, sizeof many - n, "split \"l%d\" 1 2\n", i);
    assert_int_equal(save_parse(&s, many, n, &rep), -1);
    assert_non_null(strstr(rep.error, "more than"));
    assert_int_equal(s.night.count, SAVE_NIGHT_LEVELS);
}

/* The night goes to disk and back through the game's own save file code,
 * written atomically as the best times are. */
static void test_night_file(void **state)
{
    (void)state;
    static save_t s, t;
    char dir[] = "mm-night-save-XXXXXX"; /* in the test's own folder */
    assert_non_null(mkdtemp(dir));
    char path[128], err[512], msg[2048];
    snprintf(path, sizeof path, "%s/save.txt", dir);
    save_init(&s);
    save_record(&s, "01-tar-pits.mml", 501);
    save_night_t run = make_run(2166, 3);
    assert_int_equal(save_record_night(&s, &run), 1);
    assert_true(save_file_store(&s, path, err, sizeof err));
    assert_int_equal(save_file_load(&t, path, msg, sizeof msg), SAVE_FILE_OK);
    assert_memory_equal(&t.night, &s.night, sizeof s.night);
    assert_int_equal(save_best(&t, "01-tar-pits.mml"), 501);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_and_best),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_any_id_round_trips),
        cmocka_unit_test(test_long_ids_are_distinct),
        cmocka_unit_test(test_version_1),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_damaged),
        cmocka_unit_test(test_damaged_kept_numbered),
        cmocka_unit_test(test_atomic_write),
        cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_only_regular_files),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_settings),
        cmocka_unit_test(test_carry),
        cmocka_unit_test(test_night_best),
        cmocka_unit_test(test_closest_and_splits),
        cmocka_unit_test(test_closest_and_splits_damaged),
        cmocka_unit_test(test_night_old_saves),
        cmocka_unit_test(test_night_damaged),
        cmocka_unit_test(test_assisted_bests_apart),
        cmocka_unit_test(test_settings_assists_and_access),
        cmocka_unit_test(test_night_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
