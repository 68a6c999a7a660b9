/* Where the logical picture goes in the window: the largest whole-number
 * scale that fits, centred, black bars round it; and the way back, from a
 * point in the window (a mouse click, a tap) to the picture's pixel. Plain
 * C, no SDL, so it can be tested alone. */
#ifndef MM_LETTERBOX_H
#define MM_LETTERBOX_H

#include <stdbool.h>

typedef struct letterbox {
    int x, y, w, h; /* the picture's place in the output, in output pixels */
    int scale;      /* whole output pixels per picture pixel (at least 1) */
} letterbox_t;

/* The picture (pic_w x pic_h) in an output of out_w x out_h pixels. Below
 * 1x the picture stays at 1x, centred (its edges cut off). */
letterbox_t letterbox_fit(int out_w, int out_h, int pic_w, int pic_h);

/* A point (wx, wy) in window coordinates, the window win_w x win_h in the
 * same units (on a high-density display the output has more pixels than
 * the window has points), to the picture pixel (*px, *py) under it. False
 * when the point is on a bar or outside the window (*px, *py still set,
 * clamped to the picture). */
bool letterbox_to_picture(const letterbox_t *lb, int win_w, int win_h, int out_w, int out_h,
                          int pic_w, int pic_h, int wx, int wy, int *px, int *py);

#endif
