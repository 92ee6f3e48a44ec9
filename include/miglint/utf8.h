/* SPDX-License-Identifier: MIT */
/*
 * utf8.h
 *	  UTF-8 validation and character counting, for columns that count characters.
 */
#ifndef MIGLINT_UTF8_H
#define MIGLINT_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Checks that s[0..len) is valid UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
 * On failure stores the offset of the first invalid byte in *bad_offset.
 */
bool ml_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Number of characters in s[0..len) (continuation bytes are not counted). */
size_t ml_utf8_count(const char *s, size_t len);

/* Byte offset of character 'nchars' of s (clamped to len). */
size_t ml_utf8_offset(const char *s, size_t len, size_t nchars);

#endif
