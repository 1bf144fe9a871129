#ifndef EHCP_ERRORS_INTERNAL_H
#define EHCP_ERRORS_INTERNAL_H

#include "ehcp/errors.h"

/* Set the thread's last error and return code, so `return ehcp_fail(...)`. */
int ehcp_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append a line to the thread's last error (for lists of problems). */
void ehcp_error_append(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
