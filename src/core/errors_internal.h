#ifndef EHCP_ERRORS_INTERNAL_H
#define EHCP_ERRORS_INTERNAL_H

#include "ehcp/errors.h"

/* Set the thread's last error and return code, so `return ehcp_fail(...)`. */
int ehcp_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append a line to the thread's last error (for lists of problems). */
void ehcp_error_append(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Every problem with a change, gathered so that all are reported at once,
 * apart from the last error (which each failing call overwrites).  `code`
 * is EHCP_ECONFLICT while every problem is a conflict, else EHCP_EINVALID. */
typedef struct ehcp_problems {
	int count;
	int code;
	char text[4096];
} ehcp_problems;

#define EHCP_PROBLEMS_INIT {0, 0, ""}

/* Adds one problem as a line of its own. */
void ehcp_problem_add(ehcp_problems *p, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* An options struct's version field: 0, or EHCP_EINVALID naming the
 * struct when the caller was built against another version. */
int ehcp_check_version(unsigned int got, unsigned int want, const char *what);

/* The start of every call that takes options: NULL becomes the defaults
 * (INIT), and any other version is refused.  Declares a local for them. */
#define EHCP_OPTIONS_OR_DEFAULTS(type, opts, INIT, VERSION)                                       \
	type opts##_defaults_ = INIT;                                                              \
	if (!(opts))                                                                               \
		(opts) = &opts##_defaults_;                                                        \
	do {                                                                                       \
		int e_ = ehcp_check_version((opts)->version, (VERSION), #type);                     \
		if (e_ < 0)                                                                        \
			return e_;                                                                 \
	} while (0)

/* The body of every *_options_init(): the defaults, for this version only. */
#define EHCP_OPTIONS_INIT_BODY(opts, version, VERSION, INIT, what)                                \
	do {                                                                                       \
		int err_ = ehcp_check_version((version), (VERSION), (what));                       \
		if (err_ < 0)                                                                      \
			return err_;                                                               \
		if (!(opts))                                                                       \
			return ehcp_fail(EHCP_EINVALID, "%s: no options to fill", (what));         \
		*(opts) = (__typeof__(*(opts)))INIT;                                               \
		return 0;                                                                          \
	} while (0)

#endif
