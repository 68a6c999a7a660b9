/* The fault test: a process saving best times is killed (SIGKILL, no chance
 * to clean up) at a random moment, again and again, and after every kill the
 * save on disk must be a whole file, the old one or a newer one, never a mix,
 * a cut-off file or a damaged one.
 *
 * The child runs the game's own save code: it reads the save as the game
 * does at start (save_file_load), then records new times and writes the save
 * as the game does after each win (save_file_store), as fast as it can, so
 * most kills land in the middle of a write. Every generation of the save is
 * made from its number, so the parent can tell exactly which file it found.
 *   save_fault DIR [KILLS] [SEED]      (exit 0: every kill left a whole file) */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "game/save.h"
#include "common/files.h"
#include "platform/save_file.h"

#define LEVELS 120

static save_t state, seen;
static char want[SAVE_TEXT_MAX + 1];

/* Generation g of the save: LEVELS odd ids, times that change with g, and g
 * itself in two entries (a time is at most SAVE_MAX_TICKS). */
static void make_state(long g, save_t *s)
{
    save_init(s);
    char id[300];
    for (int i = 0; i < LEVELS; i++) {
        int n = snprintf(id, sizeof id, "custom:level %d \"#=\" \\ é中😀\x01\t", i);
        if (i % 10 == 0) { /* some of the longest file names */
            memset(id + n, 'x', 255 - (size_t)n);
            id[255] = '\0';
        }
        save_record(s, id, 1 + (int32_t)((g * 7919 + i * 104729) % SAVE_MAX_TICKS));
    }
    save_record(s, "generation-high", 1 + (int32_t)(g / 100000));
    save_record(s, "generation-low", 1 + (int32_t)(g % 100000));
}

static long generation_of(const save_t *s)
{
    int32_t hi = save_best(s, "generation-high"), lo = save_best(s, "generation-low");
    return hi > 0 && lo > 0 ? (long)(hi - 1) * 100000 + (lo - 1) : -1;
}

static void child(const char *path)
{
    char msg[2048];
    if (save_file_load(&state, path, msg, sizeof msg) != SAVE_FILE_OK) _exit(3);
    long g = generation_of(&state);
    if (g < 0) _exit(4);
    for (;;) {
        make_state(++g, &state);
        if (!save_file_store(&state, path, msg, sizeof msg)) _exit(5);
    }
}

/* The file must be exactly generation g's text for some g >= at_least. */
static long check_whole(const char *path, long at_least)
{
    char err[512];
    size_t len = 0;
    char *buf = files_read(path, SAVE_TEXT_MAX, &len, err, sizeof err);
    if (!buf) {
        fprintf(stderr, "save_fault: the save is gone: %s\n", err);
        return -1;
    }
    save_report_t rep;
    int r = save_parse(&seen, buf, len, &rep);
    long g = r == 0 ? generation_of(&seen) : -1;
    if (g < 0) {
        fprintf(stderr, "save_fault: the save is not whole (%zu bytes): %s%s\n", len, rep.error,
                rep.warning);
        free(buf);
        return -1;
    }
    make_state(g, &state);
    int n = save_write(&state, want, sizeof want);
    bool same = n >= 0 && (size_t)n == len && memcmp(want, buf, len) == 0;
    free(buf);
    if (!same || g < at_least) {
        fprintf(stderr, "save_fault: generation %ld is %s\n", g,
                same ? "older than one already seen" : "not the file that was written");
        return -1;
    }
    return g;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: save_fault DIR [KILLS] [SEED]\n");
        return 2;
    }
    int kills = argc > 2 ? atoi(argv[2]) : 200;
    unsigned seed = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 14u;
    char path[1024], tmp[1100], msg[2048];
    mkdir(argv[1], 0755);
    snprintf(path, sizeof path, "%s/save.txt", argv[1]);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    remove(path);
    remove(tmp);
    make_state(0, &state);
    if (!save_file_store(&state, path, msg, sizeof msg)) {
        fprintf(stderr, "save_fault: %s\n", msg);
        return 1;
    }
    srand(seed);
    long g = 0, first = 0;
    int mid_write = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int k = 0; k < kills; k++) {
        remove(tmp); /* so one found after the kill is this writer's */
        pid_t pid = fork();
        if (pid < 0) {
            perror("save_fault: fork");
            return 1;
        }
        if (pid == 0) child(path);
        /* From at once (before the first write) to a few writes in. */
        long us = k % 10 == 0 ? 0 : rand() % 20000;
        struct timespec d = {0, us * 1000};
        nanosleep(&d, NULL);
        kill(pid, SIGKILL);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (!WIFSIGNALED(status)) {
            fprintf(stderr, "save_fault: the writer stopped by itself (status %d)\n",
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            return 1;
        }
        if (files_exists(tmp)) mid_write++; /* killed between writing and renaming */
        long now = check_whole(path, g);
        if (now < 0) {
            fprintf(stderr, "save_fault: after kill %d of %d (%ld us in)\n", k + 1, kills, us);
            return 1;
        }
        g = now;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%d kills in %.1f s: the save was whole every time (%d kills in the middle of a "
           "write; %ld generations written)\n",
           kills, s, mid_write, g - first);
    /* The test must have hit writes, or it proves nothing. */
    if (mid_write == 0) {
        fprintf(stderr, "save_fault: no kill landed during a write\n");
        return 1;
    }
    remove(tmp);
    remove(path);
    return 0;
}
