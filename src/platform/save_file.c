#include "platform/save_file.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/files.h"

save_file_status_t save_file_load(save_t *s, const char *path, char *msg, size_t msg_cap)
{
    save_init(s);
    if (msg_cap) msg[0] = '\0';
    if (!files_exists(path)) return SAVE_FILE_OK;
    char err[600];
    size_t len = 0;
    char *buf = files_read(path, SAVE_TEXT_MAX, &len, err, sizeof err);
    if (!buf) {
        snprintf(msg, msg_cap,
                 "cannot read your saves (%s); best times are not saved until it can be read", err);
        return SAVE_FILE_KEEP_OUT;
    }
    save_report_t rep;
    int r = save_parse(s, buf, len, &rep);
    free(buf);
    if (r == 0) return SAVE_FILE_OK;
    if (r > 0) {
        snprintf(msg, msg_cap, "your save file %s: %s%s", path, rep.warning,
                 rep.dropped_values > 1 ? " (and other lines like it)" : "");
        return SAVE_FILE_DROPPED;
    }
    /* Keep the damaged file for the player; never overwrite what we cannot read. */
    char kept[1200];
    const char *more = rep.damaged_lines > 1 ? ", and other lines" : "";
    if (!files_keep_aside(path, ".damaged", kept, sizeof kept)) {
        snprintf(msg, msg_cap,
                 "your save file %s is damaged (%s%s) and could not be moved aside; best "
                 "times are not saved until it is",
                 path, rep.error, more);
        return SAVE_FILE_KEEP_OUT;
    }
    snprintf(msg, msg_cap,
             "your save file %s is damaged (%s%s); it was kept as %s and the best times that "
             "could be read are kept",
             path, rep.error, more, kept);
    return SAVE_FILE_DAMAGED;
}

bool save_file_store(const save_t *s, const char *path, char *err, size_t err_cap)
{
    size_t cap = SAVE_TEXT_MAX + 1;
    char *buf = malloc(cap);
    if (!buf) {
        snprintf(err, err_cap, "out of memory");
        return false;
    }
    int n = save_write(s, buf, cap);
    bool ok = n >= 0 && files_write_atomic(path, buf, (size_t)n, err, err_cap);
    if (n < 0) snprintf(err, err_cap, "too much data");
    free(buf);
    return ok;
}
