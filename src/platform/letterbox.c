#include "platform/letterbox.h"

letterbox_t letterbox_fit(int out_w, int out_h, int pic_w, int pic_h)
{
    letterbox_t lb = {0, 0, pic_w, pic_h, 1};
    if (pic_w <= 0 || pic_h <= 0) return lb;
    int sx = out_w / pic_w, sy = out_h / pic_h;
    lb.scale = sx < sy ? sx : sy;
    if (lb.scale < 1) lb.scale = 1;
    lb.w = pic_w * lb.scale;
    lb.h = pic_h * lb.scale;
    lb.x = (out_w - lb.w) / 2;
    lb.y = (out_h - lb.h) / 2;
    return lb;
}

/* Division rounding down, for points left of or above the picture. */
static int floor_div(long long a, long long b)
{
    long long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return (int)q;
}

bool letterbox_to_picture(const letterbox_t *lb, int win_w, int win_h, int out_w, int out_h,
                          int pic_w, int pic_h, int wx, int wy, int *px, int *py)
{
    /* Window points to output pixels (the same when there is no high density). */
    long long ox = win_w > 0 ? (long long)wx * out_w / win_w : wx;
    long long oy = win_h > 0 ? (long long)wy * out_h / win_h : wy;
    int scale = lb->scale > 0 ? lb->scale : 1;
    int x = floor_div(ox - lb->x, scale), y = floor_div(oy - lb->y, scale);
    bool inside = x >= 0 && y >= 0 && x < pic_w && y < pic_h && wx >= 0 && wy >= 0 &&
                  (win_w <= 0 || wx < win_w) && (win_h <= 0 || wy < win_h);
    *px = x < 0 ? 0 : (x >= pic_w ? pic_w - 1 : x);
    *py = y < 0 ? 0 : (y >= pic_h ? pic_h - 1 : y);
    return inside;
}
