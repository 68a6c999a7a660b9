/* Runs a fuzz target once over files given on the command line (the seed
 * corpus), so the normal and sanitizer test builds check every reader on
 * real files even without libFuzzer. "--prefix N" puts the byte N before
 * the files that follow (the targets read their first byte as a selector). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int ran = 0, prefix = -1;
    static uint8_t buf[1 << 20];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--prefix") == 0 && i + 1 < argc) {
            prefix = atoi(argv[++i]);
            continue;
        }
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "cannot open %s\n", argv[i]);
            return 1;
        }
        size_t off = 0;
        if (prefix >= 0) buf[off++] = (uint8_t)prefix;
        size_t n = fread(buf + off, 1, sizeof buf - off, f);
        fclose(f);
        LLVMFuzzerTestOneInput(buf, n + off);
        ran++;
    }
    printf("%d inputs ran clean\n", ran);
    return ran > 0 ? 0 : 1;
}
