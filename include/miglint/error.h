/* SPDX-License-Identifier: MIT */
/*
 * error.h
 *	  Status codes and the error record that a failing call fills in.
 *
 * A function that can fail returns 0 or a negative ML_E... code and writes its message into
 * a caller-provided struct ml_error: a fixed buffer, so the failure path allocates nothing.
 * Messages follow STYLE.md §7: a lowercase primary without a final period, naming the file.
 */
#ifndef MIGLINT_ERROR_H
#define MIGLINT_ERROR_H

#include <stddef.h>

enum
{
	ML_OK = 0,
	ML_ENOMEM = -1,
	ML_EIO = -2,	/* a file could not be opened or read */
	ML_EINPUT = -3, /* the input is not something miglint can lint */
	ML_ELIMIT = -4, /* the input is over a size cap */
	ML_EDB = -5,
	ML_EUSAGE = -6,
};

struct ml_error
{
	int code;
	char message[1024]; /* primary: "could not open file "x": No such file or directory" */
	char detail[512];	/* optional full sentence, "" when absent */
	char hint[512];		/* optional: how to fix it, full sentences, "" when absent */
};

/* Sets the primary message and code; returns 'code' so callers can "return ml_error_set(...)". */
int ml_error_set(struct ml_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Sets the detail sentence. */
void ml_error_detail(struct ml_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Sets the hint: what the user can do about it. */
void ml_error_hint(struct ml_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Clears the record. */
void ml_error_clear(struct ml_error *err);

#endif
