/* UTF-8: telling valid text from bytes that only look like it. */
#ifndef MM_UTF8_H
#define MM_UTF8_H

#include <stddef.h>

/* The length (1 to 4) of the well-formed UTF-8 sequence at p, which has n
 * bytes left; 0 when it is not one (a stray continuation byte, a sequence cut
 * short, an overlong form, a UTF-16 surrogate or a value past U+10FFFF). */
size_t utf8_sequence_len(const char *p, size_t n);

#endif
