/* SPDX-License-Identifier: MIT */
/*
 * json_scan.h
 *	  A JSON check that builds no tree: it validates a document and finds the members of
 *	  its top-level object that the caller names, in one pass, allocating nothing.
 *
 * It answers only for a strict subset of JSON that cJSON 1.7.15 certainly parses the same
 * way; for anything else it says "not sure" and the caller parses with cJSON, which also
 * says where a broken document fails. So a caller that falls back when told to sees exactly
 * what cJSON would have given it. json_scan.c lists what is outside the subset.
 */
#ifndef MIGLINT_JSON_SCAN_H
#define MIGLINT_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* The kind of a JSON value that a snapshot check looks at. */
enum ml_json_kind
{
	ML_JSON_ABSENT,
	ML_JSON_STRING,
	ML_JSON_ARRAY,
	ML_JSON_OBJECT,
	ML_JSON_OTHER
};

/* Where one value lies in the scanned text. */
struct ml_json_span
{
	enum ml_json_kind kind; /* ML_JSON_ABSENT: no such member */
	size_t start;			/* a string's first byte after the quote, else its first byte */
	size_t end;				/* a string's closing quote, else just past the value */
	bool plain;				/* a string without a backslash: its bytes are its value */
};

/*
 * Scans 'text' ('len' bytes; text[len] must be '\0', as ml_source gives it) and returns
 * true when it is a JSON document in the subset: then *root is the root's kind and
 * members[k] is the top-level member named keys[k] (the last one when the key repeats, as
 * ml_json_member keeps it), or ML_JSON_ABSENT. Returns false when not sure, which includes
 * every document cJSON rejects: parse it with cJSON then. A member's 'plain' is set only
 * for strings.
 */
bool ml_json_scan(enum ml_json_kind *root, struct ml_json_span *members, const char *text,
				  size_t len, const char *const *keys, size_t n_keys);

/*
 * Steps through the elements of an array in a document ml_json_scan accepted ('text' and
 * 'len' as given to it): start with *pos at the array's span start; each call fills 'out'
 * with the next element and returns true, and returns false after the last one. 'plain'
 * is set for a string element without a backslash.
 */
bool ml_json_scan_element(struct ml_json_span *out, const char *text, size_t len,
						  size_t *pos);

#endif
