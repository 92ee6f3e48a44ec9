/* SPDX-License-Identifier: MIT */
/*
 * pq.h
 *	  libpq, loaded when --apply or --status first needs it.
 *
 * Linking libpq makes every run load it and what it brings (GnuTLS, Kerberos, LDAP, SASL:
 * about twenty libraries whose start-up code costs some 20 ms), which a pre-commit hook
 * linting one file should not pay. So the apply code calls libpq through this table,
 * filled by ml_pq_load from libpq.so.5. The types come from <libpq-fe.h> as usual.
 */
#ifndef MIGLINT_PQ_H
#define MIGLINT_PQ_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

/* The libpq functions miglint calls, named as in libpq without their "PQ". */
struct ml_pq
{
	PGconn *(*connectdbParams)(const char *const *keywords, const char *const *values,
							   int expand_dbname);
	ConnStatusType (*status)(const PGconn *conn);
	void (*finish)(PGconn *conn);
	char *(*errorMessage)(const PGconn *conn);
	PQnoticeProcessor (*setNoticeProcessor)(PGconn *conn, PQnoticeProcessor proc, void *arg);
	int (*serverVersion)(const PGconn *conn);
	PGTransactionStatusType (*transactionStatus)(const PGconn *conn);
	PGresult *(*exec)(PGconn *conn, const char *query);
	PGresult *(*execParams)(PGconn *conn, const char *command, int nParams,
							const Oid *paramTypes, const char *const *paramValues,
							const int *paramLengths, const int *paramFormats, int resultFormat);
	int (*sendQuery)(PGconn *conn, const char *query);
	PGresult *(*getResult)(PGconn *conn);
	ExecStatusType (*resultStatus)(const PGresult *res);
	char *(*resultErrorField)(const PGresult *res, int fieldcode);
	int (*ntuples)(const PGresult *res);
	char *(*getvalue)(const PGresult *res, int tup_num, int field_num);
	int (*getisnull)(const PGresult *res, int tup_num, int field_num);
	PGresult *(*makeEmptyPGresult)(PGconn *conn, ExecStatusType status);
	void (*clear)(PGresult *res);
	int (*putCopyEnd)(PGconn *conn, const char *errormsg);
	int (*getCopyData)(PGconn *conn, char **buffer, int async);
	void (*freemem)(void *ptr);
};

extern struct ml_pq ml_pq;

/*
 * Loads libpq into ml_pq (once): $MIGLINT_LIBPQ when set, else libpq.so.5. False, with a
 * message on 'err', when it cannot.
 */
bool ml_pq_load(FILE *err);

#endif
