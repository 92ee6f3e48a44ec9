/* SPDX-License-Identifier: MIT */
/*
 * json_scan.c
 *	  The tree-less JSON check (see json_scan.h).
 *
 * The subset is RFC 8259 JSON minus what cJSON 1.7.15 (cJSON_ParseWithLengthOpts with the
 * terminating NUL inside the length and require_null_terminated, as ml_json_parse calls it)
 * reads differently or might:
 *	- cJSON skips every byte up to 0x20 as whitespace: only space, tab, CR and LF are here;
 *	- it skips a UTF-8 byte order mark: a BOM is not a value here, so not sure;
 *	- it copies raw control characters in a string: not sure;
 *	- it reads \u with a non-hex digit as \u0000 and checks surrogate pairs its own way:
 *	  four hex digits are required, and any surrogate (D800-DFFF) is not sure;
 *	- it stores strings NUL-terminated, so "\u0000" cuts a key short: a top-level key with a
 *	  backslash is not sure (a caller that reads a string value checks 'plain' itself);
 *	- it copies at most 63 characters of a number for strtod (Debian's patched 1.7.15 takes
 *	  them all): only RFC numbers of at most 63 characters;
 *	- it refuses nesting 1000 deep: over MAX_DEPTH here is not sure.
 * Anything after the root value but whitespace is an error for cJSON; here it is not sure.
 *
 * The scan relies on text[len] being '\0': no byte that may end a token is a NUL, so every
 * loop stops there without a bounds check, and only the end of the root value compares
 * against len (a NUL before it is not sure).
 */
#include "miglint/json_scan.h"

#include <stdint.h>
#include <string.h>

#define MAX_DEPTH 500
#define MAX_NUMBER 63

/*
 * Byte classes: STOP ends a run of plain string bytes (a control character, '"', '\\');
 * BLANK is JSON whitespace (space, tab, LF, CR).
 */
#define STOP 1
#define BLANK 2
#define S STOP
#define SB (STOP | BLANK)
static const unsigned char byte_class[256] = {
	S, S, S, S, S, S, S, S, S, SB, SB, S, S, SB, S, S,
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
	BLANK, 0, S, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, S, 0, 0, 0,
};
#undef S
#undef SB

/*
 * Whitespace. A pretty-printed snapshot is about 40% indentation, so the spaces after a line
 * break are counted eight at a time where the machine allows it (little-endian: the lowest
 * set bit marks the first byte that is not a space). A word is loaded only when it ends
 * before text[len].
 */
static inline size_t
skip_ws(const unsigned char *s, size_t i, size_t len)
{
	while (byte_class[s[i]] & BLANK)
	{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		if (s[i] == '\n' && i + 1 + sizeof(uint64_t) <= len)
		{
			uint64_t w;

			memcpy(&w, s + i + 1, sizeof(w));
			w ^= 0x2020202020202020ULL;
			i += 1 + (w != 0 ? (size_t) __builtin_ctzll(w) / 8 : sizeof(w));
			continue;
		}
#else
		(void) len;
#endif
		i++;
	}
	return i;
}

static inline bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The string whose opening quote is at 'i': returns the offset of its closing quote, or 0
 * when not sure (no closing quote is at 0). Sets *escaped when the string has a backslash.
 */
static size_t
scan_string(const unsigned char *s, size_t i, bool *escaped)
{
	i++;
	for (;;)
	{
		unsigned code = 0;

		while (!(byte_class[s[i]] & STOP))
			i++;
		if (s[i] == '"')
			return i;
		if (s[i] != '\\')
			return 0;
		*escaped = true;
		switch (s[i + 1])
		{
			case '"':
			case '\\':
			case '/':
			case 'b':
			case 'f':
			case 'n':
			case 'r':
			case 't':
				i += 2;
				break;
			case 'u':
				/* hex_value stops at the NUL, so this reads no further than text[len]. */
				for (size_t k = 2; k < 6; k++)
				{
					int d = hex_value(s[i + k]);

					if (d < 0)
						return 0;
					code = code << 4 | (unsigned) d;
				}
				if (code >= 0xD800 && code <= 0xDFFF)
					return 0;
				i += 6;
				break;
			default:
				return 0;
		}
	}
}

/* The RFC 8259 number at 'i': returns the offset just past it, or 0 when not sure. */
static size_t
scan_number(const unsigned char *s, size_t i)
{
	size_t start = i;

	if (s[i] == '-')
		i++;
	if (s[i] == '0')
		i++;
	else if (s[i] >= '1' && s[i] <= '9')
		while (is_digit(s[i]))
			i++;
	else
		return 0;
	if (s[i] == '.')
	{
		if (!is_digit(s[++i]))
			return 0;
		while (is_digit(s[i]))
			i++;
	}
	if (s[i] == 'e' || s[i] == 'E')
	{
		i++;
		if (s[i] == '+' || s[i] == '-')
			i++;
		if (!is_digit(s[i]))
			return 0;
		while (is_digit(s[i]))
			i++;
	}
	return i - start <= MAX_NUMBER ? i : 0;
}

/* The literal 'word' at 'i': the offset just past it, or 0. Stops at the first mismatch. */
static size_t
scan_literal(const unsigned char *s, size_t i, const char *word)
{
	for (; *word != '\0'; word++, i++)
		if (s[i] != (unsigned char) *word)
			return 0;
	return i;
}

/* The index in 'keys' of the key s[0..n), or -1. */
static int
find_key(const char *const *keys, size_t n_keys, const unsigned char *s, size_t n)
{
	for (size_t k = 0; k < n_keys; k++)
		if (strncmp(keys[k], (const char *) s, n) == 0 && keys[k][n] == '\0')
			return (int) k;
	return -1;
}

/*
 * One loop over the tokens, with the containers open around the current one in 'open'.
 * The labels are the scan's states: at a value, after a value, at an object key.
 */
bool
ml_json_scan(enum ml_json_kind *root, struct ml_json_span *members, const char *text,
			 size_t len, const char *const *keys, size_t n_keys)
{
	const unsigned char *s = (const unsigned char *) text;
	char open[MAX_DEPTH];
	size_t depth = 0;
	size_t i;
	int member = -1;		 /* keys[] index of the top-level member being read, or -1 */
	size_t member_start = 0; /* where its value starts */
	enum ml_json_kind root_kind;

	for (size_t k = 0; k < n_keys; k++)
		members[k] = (struct ml_json_span) {ML_JSON_ABSENT, 0, 0, false};
	i = skip_ws(s, 0, len);
	switch (s[i])
	{
		case '{':
			root_kind = ML_JSON_OBJECT;
			break;
		case '[':
			root_kind = ML_JSON_ARRAY;
			break;
		case '"':
			root_kind = ML_JSON_STRING;
			break;
		default:
			root_kind = ML_JSON_OTHER;
			break;
	}

value:
	{
		enum ml_json_kind kind = ML_JSON_OTHER;
		size_t start = i;
		bool escaped = false;
		size_t end = 0;

		switch (s[i])
		{
			case '{':
			case '[':
				if (depth == MAX_DEPTH)
					return false;
				open[depth++] = (char) s[i];
				i = skip_ws(s, i + 1, len);
				if (s[start] == '{')
				{
					if (s[i] == '}')
						goto close;
					goto key;
				}
				if (s[i] == ']')
					goto close;
				goto value;
			case '"':
				end = scan_string(s, i, &escaped);
				if (end == 0)
					return false;
				kind = ML_JSON_STRING;
				i = end + 1;
				break;
			case 't':
				i = scan_literal(s, i, "true");
				break;
			case 'f':
				i = scan_literal(s, i, "false");
				break;
			case 'n':
				i = scan_literal(s, i, "null");
				break;
			default:
				i = scan_number(s, i);
				break;
		}
		if (i == 0)
			return false;
		if (member >= 0 && depth == 1)
		{
			if (kind == ML_JSON_STRING)
				members[member] = (struct ml_json_span) {kind, start + 1, end, !escaped};
			else
				members[member] = (struct ml_json_span) {kind, start, i, false};
		}
	}

after:
	i = skip_ws(s, i, len);
	if (depth == 0)
	{
		if (i != len)
			return false;
		*root = root_kind;
		return true;
	}
	if (s[i] == ',')
	{
		i = skip_ws(s, i + 1, len);
		if (open[depth - 1] == '{')
			goto key;
		goto value;
	}
	if (s[i] != (open[depth - 1] == '{' ? '}' : ']'))
		return false;

close:
	depth--;
	i++;
	if (member >= 0 && depth == 1)
		members[member] = (struct ml_json_span) {
			s[i - 1] == '}' ? ML_JSON_OBJECT : ML_JSON_ARRAY, member_start, i, false};
	goto after;

key:
	{
		bool escaped = false;
		size_t end;

		if (s[i] != '"' || (end = scan_string(s, i, &escaped)) == 0)
			return false;
		if (depth == 1)
		{
			if (escaped)
				return false;
			member = find_key(keys, n_keys, s + i + 1, end - i - 1);
		}
		i = skip_ws(s, end + 1, len);
		if (s[i] != ':')
			return false;
		i = skip_ws(s, i + 1, len);
		if (depth == 1)
			member_start = i;
		goto value;
	}
}

/* Past the value at 'i' of a document ml_json_scan accepted; *escaped as scan_string's. */
static size_t
skip_value(const unsigned char *s, size_t i, bool *escaped)
{
	size_t depth = 0;

	do
	{
		if (s[i] == '"')
		{
			for (i++; s[i] != '"'; i++)
				if (s[i] == '\\')
				{
					*escaped = true;
					i++;
				}
		}
		else if (s[i] == '{' || s[i] == '[')
			depth++;
		else if (s[i] == '}' || s[i] == ']')
			depth--;
		else if (depth == 0)
		{
			/* A scalar at the top: it ends at the first byte that cannot be in one. */
			while (s[i] != ',' && s[i] != ']' && s[i] != '}' && s[i] != ' ' &&
				   s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && s[i] != '\0')
				i++;
			return i;
		}
		i++;
	} while (depth > 0);
	return i;
}

bool
ml_json_scan_element(struct ml_json_span *out, const char *text, size_t len, size_t *pos)
{
	const unsigned char *s = (const unsigned char *) text;
	size_t i;
	bool escaped = false;

	/* *pos is at the '[', or at the ',' or ']' after the element before. */
	if (s[*pos] == ']')
		return false;
	i = skip_ws(s, *pos + 1, len);
	if (s[i] == ']')
	{
		*pos = i;
		return false;
	}
	out->start = i;
	out->end = skip_value(s, i, &escaped);
	out->plain = false;
	switch (s[i])
	{
		case '"':
			out->kind = ML_JSON_STRING;
			out->start++;
			out->end--;
			out->plain = !escaped;
			break;
		case '{':
			out->kind = ML_JSON_OBJECT;
			break;
		case '[':
			out->kind = ML_JSON_ARRAY;
			break;
		default:
			out->kind = ML_JSON_OTHER;
			break;
	}
	*pos = skip_ws(s, out->end + (out->kind == ML_JSON_STRING), len);
	return true;
}
