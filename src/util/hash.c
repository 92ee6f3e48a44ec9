/* SPDX-License-Identifier: MIT */
/*
 * hash.c
 *	  A fast 64-bit hash of bytes (see hash.h): rotate, xor a word, multiply by a 64-bit odd
 *	  constant (the golden ratio's), and mix the high bits down at the end.
 */
#include "miglint/hash.h"

#include <string.h>

uint64_t
ml_hash64(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x243F6A8885A308D3u ^ len, w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8)
	{
		memcpy(&w, p + i, 8);
		h = ((h << 5 | h >> 59) ^ w) * 0x9E3779B97F4A7C15u;
	}
	for (; i < len; i++)
		h = ((h << 5 | h >> 59) ^ p[i]) * 0x9E3779B97F4A7C15u;
	return h ^ h >> 29;
}
