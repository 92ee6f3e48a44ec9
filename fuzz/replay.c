/* SPDX-License-Identifier: MIT */
/*
 * replay.c
 *	  A main() for a harness outside libFuzzer: runs LLVMFuzzerTestOneInput once per file
 *	  named on the command line (or in a folder named there), so the normal test suite
 *	  replays every input that once crashed miglint.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "miglint/pgq.h"

static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0)
	{
		fprintf(stderr, "replay: cannot read %s\n", path);
		if (f != NULL)
			fclose(f);
		return 1;
	}
	rewind(f);
	buf = malloc((size_t) len + 1);
	if (buf == NULL || fread(buf, 1, (size_t) len, f) != (size_t) len)
	{
		fprintf(stderr, "replay: cannot read %s\n", path);
		free(buf);
		fclose(f);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t) len);
	free(buf);
	printf("replayed %s\n", path);
	return 0;
}

int
main(int argc, char **argv)
{
	int failed = 0;
	size_t n = 0;

	for (int i = 1; i < argc; i++)
	{
		struct stat st;
		struct dirent **names;
		int count;

		if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode))
		{
			failed |= replay_file(argv[i]);
			n++;
			continue;
		}
		count = scandir(argv[i], &names, NULL, alphasort);
		if (count < 0)
		{
			fprintf(stderr, "replay: cannot list %s\n", argv[i]);
			failed = 1;
			continue;
		}
		for (int k = 0; k < count; k++)
		{
			char path[4096];

			if (names[k]->d_name[0] != '.')
			{
				snprintf(path, sizeof(path), "%s/%s", argv[i], names[k]->d_name);
				failed |= replay_file(path);
				n++;
			}
			free(names[k]);
		}
		free(names);
	}
	printf("%zu inputs replayed\n", n);
	ml_pgq_exit();
	return failed;
}
