/* SPDX-License-Identifier: MIT */
/*
 * fuzz_snapshot.c
 *	  The snapshot reader: the bytes become meta/0001_snapshot.json of a small Drizzle folder
 *	  with a valid journal and first snapshot; the folder is linted (snapshot chain, drift).
 */
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char journal[] =
		"{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":["
		"{\"idx\":0,\"version\":\"7\",\"when\":1,\"tag\":\"0000_init\",\"breakpoints\":true},"
		"{\"idx\":1,\"version\":\"7\",\"when\":2,\"tag\":\"0001_next\",\"breakpoints\":true}]}";
	static const char first[] =
		"{\"id\":\"2c1f8a52-6a6b-4c8e-9d7e-0b5b1d1e0a01\",\"prevId\":"
		"\"00000000-0000-0000-0000-000000000000\",\"version\":\"7\",\"dialect\":\"postgresql\","
		"\"tables\":{\"public.t\":{\"name\":\"t\",\"schema\":\"\",\"columns\":{\"id\":{\"name\":"
		"\"id\",\"type\":\"integer\",\"primaryKey\":false,\"notNull\":false}},\"indexes\":{},"
		"\"foreignKeys\":{},\"compositePrimaryKeys\":{},\"uniqueConstraints\":{}}},\"enums\":{},"
		"\"schemas\":{},\"sequences\":{},\"_meta\":{\"columns\":{},\"schemas\":{},\"tables\":{}}}";
	const char *dir = fuzz_drizzle_folder();

	fuzz_write(dir, "meta/_journal.json", (const uint8_t *) journal, strlen(journal));
	fuzz_write(dir, "meta/0000_snapshot.json", (const uint8_t *) first, strlen(first));
	fuzz_write(dir, "meta/0001_snapshot.json", data, size);
	fuzz_lint_folder(dir);
	return 0;
}
