/* SPDX-License-Identifier: MIT */
/*
 * sha256.h
 *	  SHA-256 (FIPS 180-4), for drizzle's migration hashes and the parse cache's keys.
 *
 * Our own rather than libcrypto's: loading and initialising libcrypto costs about 7 ms of
 * every run (a third of linting one small file), and every run with the parse cache hashes.
 * tests/test-sha256.c checks it against libcrypto on the NIST vectors and random inputs.
 */
#ifndef MIGLINT_SHA256_H
#define MIGLINT_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define ML_SHA256_BYTES 32

struct ml_sha256
{
	uint32_t state[8];
	uint64_t bytes; /* hashed so far */
	unsigned char block[64];
	size_t used; /* bytes waiting in block */
};

void ml_sha256_init(struct ml_sha256 *h);
void ml_sha256_update(struct ml_sha256 *h, const void *data, size_t len);
void ml_sha256_final(struct ml_sha256 *h, unsigned char out[ML_SHA256_BYTES]);

/* The digest of one buffer. */
void ml_sha256(const void *data, size_t len, unsigned char out[ML_SHA256_BYTES]);

#endif
