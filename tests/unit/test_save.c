/* Saves: the text form, damaged files, and atomic writes that never lose the
 * old file. */
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
#include "platform/files.h"
#include "platform/settings.h"

static void test_record_and_best(void **state)
{
    (void)state;
    save_t s;
    save_init(&s);
    assert_int_equal(save_best(&s, "01.mml"), 0);
    assert_int_equal(save_record(&s, "01.mml", 900), 1);
    assert_int_equal(save_record(&s, "01.mml", 1000), 0); /* slower: not a best */
    assert_int_equal(save_record(&s, "01.mml", 800), 1);
    assert_int_equal(save_best(&s, "01.mml"), 800);
    assert_int_equal(save_record(&s, "02.mml", 0), -1);
}

static void test_round_trip(void **state)
{
    (void)state;
    save_t s, t;
    save_init(&s);
    save_record(&s, "01-tar-pits.mml", 1234);
    save_record(&s, "file:mine.mml", 99);
    char buf[1024], err[128];
    int n = save_write(&s, buf, sizeof buf);
    assert_true(n > 0);
    assert_int_equal(save_parse(&t, buf, (size_t)n, err, sizeof err), 0);
    assert_int_equal(t.count, 2);
    assert_int_equal(save_best(&t, "01-tar-pits.mml"), 1234);
    assert_int_equal(save_best(&t, "file:mine.mml"), 99);
}

static void test_damaged(void **state)
{
    (void)state;
    save_t s;
    char err[128];
    const char *cases[] = {"", "hello\n", "miraclemile-save 7\n",
                           "miraclemile-save 1\nbest a 10\nbest b x\n",
                           "miraclemile-save 1\nbest\n"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(save_parse(&s, cases[i], strlen(cases[i]), err, sizeof err), -1);
    /* What was read before the damage is kept. */
    save_parse(&s, cases[3], strlen(cases[3]), err, sizeof err);
    assert_int_equal(save_best(&s, "a"), 10);
    assert_non_null(strstr(err, "line 3"));
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

static void test_settings(void **state)
{
    (void)state;
    settings_t s, t;
    settings_default(&s);
    s.music_volume = 3;
    s.muted = true;
    char buf[256], err[160];
    int n = settings_write(&s, buf, sizeof buf);
    assert_true(n > 0);
    assert_int_equal(settings_parse(&t, buf, (size_t)n, err, sizeof err), 0);
    assert_int_equal(t.music_volume, 3);
    assert_true(t.muted);
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
    remove(kept);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_and_best), cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_damaged),         cmocka_unit_test(test_atomic_write),
        cmocka_unit_test(test_read_errors),     cmocka_unit_test(test_settings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
