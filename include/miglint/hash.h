/* SPDX-License-Identifier: MIT */
/*
 * hash.h
 *	  A fast 64-bit hash of bytes, to tell damaged or mismatched data apart; not cryptographic.
 */
#ifndef MIGLINT_HASH_H
#define MIGLINT_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Word at a time, several GB/s: for checksums of cache entries and of parsed texts. */
uint64_t ml_hash64(const void *data, size_t len);

#endif
