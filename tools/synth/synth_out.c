/* Output files: 16-bit PCM WAV (written here) and Ogg Vorbis (libvorbisenc).
 * Both are byte-identical for identical samples: no dither, no timestamps,
 * and a fixed Ogg stream serial number. */
#include "synth.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vorbis/vorbisenc.h>

#define OGG_SERIAL 0x4d4d5359 /* fixed, so renders compare equal */
#define CHUNK_FRAMES 4096

static void put_le(unsigned char *b, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++) b[i] = (unsigned char)(v >> (8 * i));
}

static int16_t to_s16(float x)
{
    float y = x * 32767.0f;
    if (y > 32767.0f) y = 32767.0f;
    if (y < -32768.0f) y = -32768.0f;
    return (int16_t)lrintf(y);
}

static int fail(FILE *f, const char *path, const char *what)
{
    fprintf(stderr, "synth: cannot write %s: %s\n", path, what);
    if (f) fclose(f);
    remove(path);
    return -1;
}

int synth_write_wav(const char *path, const synth_audio_t *a)
{
    const uint32_t block = SYNTH_CHANNELS * 2;
    if (a->frames <= 0 || (uint64_t)a->frames * block > 0xffffffffULL - 36)
        return fail(NULL, path, "sound too long for WAV");
    uint32_t data = (uint32_t)a->frames * block;
    unsigned char h[44];
    memcpy(h, "RIFF", 4);
    put_le(h + 4, 36 + data, 4);
    memcpy(h + 8, "WAVEfmt ", 8);
    put_le(h + 16, 16, 4);
    put_le(h + 20, 1, 2); /* PCM */
    put_le(h + 22, SYNTH_CHANNELS, 2);
    put_le(h + 24, SYNTH_RATE, 4);
    put_le(h + 28, SYNTH_RATE * block, 4);
    put_le(h + 32, block, 2);
    put_le(h + 34, 16, 2);
    memcpy(h + 36, "data", 4);
    put_le(h + 40, data, 4);

    FILE *f = fopen(path, "wb");
    if (!f) return fail(NULL, path, strerror(errno));
    if (fwrite(h, 1, sizeof h, f) != sizeof h) return fail(f, path, strerror(errno));
    unsigned char buf[CHUNK_FRAMES * SYNTH_CHANNELS * 2];
    for (int64_t i = 0; i < a->frames; i += CHUNK_FRAMES) {
        int64_t n = a->frames - i < CHUNK_FRAMES ? a->frames - i : CHUNK_FRAMES;
        for (int64_t j = 0; j < n * SYNTH_CHANNELS; j++)
            put_le(buf + j * 2, (uint16_t)to_s16(a->samples[i * SYNTH_CHANNELS + j]), 2);
        size_t bytes = (size_t)n * SYNTH_CHANNELS * 2;
        if (fwrite(buf, 1, bytes, f) != bytes) return fail(f, path, strerror(errno));
    }
    if (fclose(f) != 0) return fail(NULL, path, strerror(errno));
    return 0;
}

static int write_pages(FILE *f, ogg_stream_state *os, int flush)
{
    ogg_page og;
    while (flush ? ogg_stream_flush(os, &og) : ogg_stream_pageout(os, &og)) {
        if (fwrite(og.header, 1, (size_t)og.header_len, f) != (size_t)og.header_len) return -1;
        if (fwrite(og.body, 1, (size_t)og.body_len, f) != (size_t)og.body_len) return -1;
    }
    return 0;
}

/* Drains every finished block into packets and pages. */
static int drain(FILE *f, vorbis_dsp_state *vd, vorbis_block *vb, ogg_stream_state *os)
{
    ogg_packet op;
    while (vorbis_analysis_blockout(vd, vb) == 1) {
        vorbis_analysis(vb, NULL);
        vorbis_bitrate_addblock(vb);
        while (vorbis_bitrate_flushpacket(vd, &op)) {
            ogg_stream_packetin(os, &op);
            if (write_pages(f, os, 0) != 0) return -1;
        }
    }
    return 0;
}

int synth_write_ogg(const char *path, const synth_audio_t *a, float quality)
{
    vorbis_info vi;
    vorbis_info_init(&vi);
    if (vorbis_encode_init_vbr(&vi, SYNTH_CHANNELS, SYNTH_RATE, quality) != 0) {
        vorbis_info_clear(&vi);
        return fail(NULL, path, "the Vorbis encoder refused the settings");
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        vorbis_info_clear(&vi);
        return fail(NULL, path, strerror(errno));
    }
    vorbis_comment vc;
    vorbis_dsp_state vd;
    vorbis_block vb;
    ogg_stream_state os;
    vorbis_comment_init(&vc);
    vorbis_analysis_init(&vd, &vi);
    vorbis_block_init(&vd, &vb);
    ogg_stream_init(&os, OGG_SERIAL);

    int bad = 0;
    ogg_packet hdr, hdr_comm, hdr_code;
    vorbis_analysis_headerout(&vd, &vc, &hdr, &hdr_comm, &hdr_code);
    ogg_stream_packetin(&os, &hdr);
    ogg_stream_packetin(&os, &hdr_comm);
    ogg_stream_packetin(&os, &hdr_code);
    bad = write_pages(f, &os, 1); /* audio starts on a fresh page */

    for (int64_t i = 0; i < a->frames && !bad; i += CHUNK_FRAMES) {
        int n = (int)(a->frames - i < CHUNK_FRAMES ? a->frames - i : CHUNK_FRAMES);
        float **buf = vorbis_analysis_buffer(&vd, n);
        for (int j = 0; j < n; j++)
            for (int c = 0; c < SYNTH_CHANNELS; c++)
                buf[c][j] = a->samples[(i + j) * SYNTH_CHANNELS + c];
        vorbis_analysis_wrote(&vd, n);
        bad = drain(f, &vd, &vb, &os);
    }
    if (!bad) {
        vorbis_analysis_wrote(&vd, 0); /* end of stream */
        bad = drain(f, &vd, &vb, &os);
    }
    if (!bad) bad = write_pages(f, &os, 1);

    ogg_stream_clear(&os);
    vorbis_block_clear(&vb);
    vorbis_dsp_clear(&vd);
    vorbis_comment_clear(&vc);
    vorbis_info_clear(&vi);
    if (bad) return fail(f, path, strerror(errno));
    if (fclose(f) != 0) return fail(NULL, path, strerror(errno));
    return 0;
}
