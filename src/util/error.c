/* SPDX-License-Identifier: MIT */
/*
 * error.c
 *	  Filling in struct ml_error.
 */
#include "miglint/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
ml_error_set(struct ml_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	err->detail[0] = '\0';
	err->hint[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

void
ml_error_detail(struct ml_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

void
ml_error_hint(struct ml_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}

void
ml_error_clear(struct ml_error *err)
{
	memset(err, 0, sizeof(*err));
}
