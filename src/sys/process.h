#ifndef EHCP_PROCESS_H
#define EHCP_PROCESS_H

#include <stdbool.h>
#include <stddef.h>

/* Runs argv (no shell) and waits for it.  Its stdout and stderr go to
 * `log` (appended) or to /dev/null; with as_postgres it runs under
 * `runuser -u postgres --`.  Returns its exit status, or -1 if it could not
 * be run, was killed or could not be waited for (errno-free: the caller
 * words the error; only a failed wait also sets the last error, as
 * waitpid's reason would otherwise be lost). */
int ehcp_run(char *const argv[], const char *log, bool as_postgres);

/* Runs argv and captures the first line of its stdout into buf; returns
 * as ehcp_run. */
int ehcp_capture_line(char *const argv[], char *buf, size_t len);

/* printf into a fresh malloc'd string; NULL on failure. */
char *ehcp_strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
