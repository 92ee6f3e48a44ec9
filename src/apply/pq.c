/* SPDX-License-Identifier: MIT */
/*
 * pq.c
 *	  libpq, loaded when --apply or --status first needs it (see pq.h).
 */
#include "pq.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct ml_pq ml_pq;

/* Each slot of ml_pq and the libpq symbol that fills it. */
static const struct
{
	const char *symbol;
	size_t offset;
} symbols[] = {
	{"PQconnectdbParams", offsetof(struct ml_pq, connectdbParams)},
	{"PQstatus", offsetof(struct ml_pq, status)},
	{"PQfinish", offsetof(struct ml_pq, finish)},
	{"PQerrorMessage", offsetof(struct ml_pq, errorMessage)},
	{"PQsetNoticeProcessor", offsetof(struct ml_pq, setNoticeProcessor)},
	{"PQserverVersion", offsetof(struct ml_pq, serverVersion)},
	{"PQtransactionStatus", offsetof(struct ml_pq, transactionStatus)},
	{"PQexec", offsetof(struct ml_pq, exec)},
	{"PQexecParams", offsetof(struct ml_pq, execParams)},
	{"PQsendQuery", offsetof(struct ml_pq, sendQuery)},
	{"PQgetResult", offsetof(struct ml_pq, getResult)},
	{"PQresultStatus", offsetof(struct ml_pq, resultStatus)},
	{"PQresultErrorField", offsetof(struct ml_pq, resultErrorField)},
	{"PQntuples", offsetof(struct ml_pq, ntuples)},
	{"PQgetvalue", offsetof(struct ml_pq, getvalue)},
	{"PQgetisnull", offsetof(struct ml_pq, getisnull)},
	{"PQmakeEmptyPGresult", offsetof(struct ml_pq, makeEmptyPGresult)},
	{"PQclear", offsetof(struct ml_pq, clear)},
	{"PQputCopyEnd", offsetof(struct ml_pq, putCopyEnd)},
	{"PQgetCopyData", offsetof(struct ml_pq, getCopyData)},
	{"PQfreemem", offsetof(struct ml_pq, freemem)},
};

bool
ml_pq_load(FILE *err)
{
	static bool loaded;
	const char *name = getenv("MIGLINT_LIBPQ");
	void *lib;

	if (loaded)
		return true;
	/* Never closed: libpq stays until the process ends, as a linked one would. */
	if (name == NULL || name[0] == '\0')
		name = "libpq.so.5";
	lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL)
	{
		fprintf(err, "miglint: error: could not load libpq: %s\n", dlerror());
		fprintf(err, "miglint: hint: Install libpq (Debian: apt-get install libpq5).\n");
		return false;
	}
	for (size_t i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++)
	{
		void *fn = dlsym(lib, symbols[i].symbol);

		if (fn == NULL)
		{
			fprintf(err, "miglint: error: could not load libpq: \"%s\" has no %s\n", name,
					symbols[i].symbol);
			fprintf(err, "miglint: hint: Install libpq 10 or later.\n");
			return false;
		}
		memcpy((char *) &ml_pq + symbols[i].offset, &fn, sizeof(fn));
	}
	loaded = true;
	return true;
}
