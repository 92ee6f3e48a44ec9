/* SPDX-License-Identifier: MIT */
/*
 * utf8.c
 *	  UTF-8 validation (RFC 3629) and character counting.
 */
#include "miglint/utf8.h"

#include <stdint.h>
#include <string.h>

bool
ml_utf8_valid(const char *str, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *) str;
	size_t i = 0;

	while (i < len)
	{
		unsigned char c = s[i];
		size_t n;
		unsigned cp;

		if (c < 0x80)
		{
			uint64_t word;

			/* ASCII runs, eight bytes at a time: most of every file. */
			while (len - i >= 8 && (memcpy(&word, s + i, 8), (word & 0x8080808080808080ULL) == 0))
				i += 8;
			while (i < len && s[i] < 0x80)
				i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
		{
			n = 1;
			cp = c & 0x1F;
		}
		else if (c >= 0xE0 && c <= 0xEF)
		{
			n = 2;
			cp = c & 0x0F;
		}
		else if (c >= 0xF0 && c <= 0xF4)
		{
			n = 3;
			cp = c & 0x07;
		}
		else
			goto bad;
		if (len - i <= n)
			goto bad;
		for (size_t k = 1; k <= n; k++)
		{
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
			(cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += n + 1;
	}
	return true;
bad:
	if (bad_offset != NULL)
		*bad_offset = i;
	return false;
}

size_t
ml_utf8_count(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *) str;
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

size_t
ml_utf8_offset(const char *str, size_t len, size_t nchars)
{
	const unsigned char *s = (const unsigned char *) str;
	size_t i = 0;

	while (i < len && nchars > 0)
	{
		i++;
		while (i < len && (s[i] & 0xC0) == 0x80)
			i++;
		nchars--;
	}
	return i;
}
