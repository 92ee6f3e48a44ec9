/* SPDX-License-Identifier: MIT */
/*
 * test-sha256.c
 *	  Unit tests for our SHA-256 (src/util/sha256.c): the NIST vectors, and libcrypto's digest
 *	  of random inputs fed in random pieces.
 */
#include <check.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/sha256.h"

static void
assert_hex(const unsigned char md[ML_SHA256_BYTES], const char *hex)
{
	char got[2 * ML_SHA256_BYTES + 1];

	for (int i = 0; i < ML_SHA256_BYTES; i++)
		snprintf(got + 2 * i, 3, "%02x", md[i]);
	ck_assert_str_eq(got, hex);
}

START_TEST(sha256_matches_the_nist_vectors)
{
	unsigned char md[ML_SHA256_BYTES];
	char *million = malloc(1000000);

	ml_sha256("", 0, md);
	assert_hex(md, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ml_sha256("abc", 3, md);
	assert_hex(md, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ml_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, md);
	assert_hex(md, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	ck_assert_ptr_nonnull(million);
	memset(million, 'a', 1000000);
	ml_sha256(million, 1000000, md);
	assert_hex(md, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
}
END_TEST

START_TEST(sha256_matches_libcrypto_on_random_pieces)
{
	unsigned char buf[700], ours[ML_SHA256_BYTES], theirs[EVP_MAX_MD_SIZE];
	unsigned n;

	srand(42);
	for (size_t len = 0; len < sizeof(buf); len++)
	{
		struct ml_sha256 h;
		size_t at = 0;

		for (size_t i = 0; i < len; i++)
			buf[i] = (unsigned char) rand();
		ml_sha256_init(&h);
		while (at < len)
		{
			size_t piece = (size_t) rand() % 130;

			if (piece > len - at)
				piece = len - at;
			ml_sha256_update(&h, buf + at, piece);
			at += piece;
		}
		ml_sha256_final(&h, ours);
		ck_assert_int_eq(EVP_Digest(buf, len, theirs, &n, EVP_sha256(), NULL), 1);
		ck_assert_msg(memcmp(ours, theirs, ML_SHA256_BYTES) == 0, "length %zu differs", len);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("ml_sha256");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, sha256_matches_the_nist_vectors);
	tcase_add_test(tc, sha256_matches_libcrypto_on_random_pieces);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
