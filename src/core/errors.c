#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/errors_internal.h"

/* Big enough for an import's list of its first thousand bad rows (the
 * default max_errors) at about a hundred characters each; longer lists are
 * cut with a marker rather than allocated, so that reporting an
 * out-of-memory error can never itself fail. */
#define EHCP_ERROR_MAX (128 * 1024)

static _Thread_local char last_error[EHCP_ERROR_MAX];

const char *ehcp_error_last(void)
{
	return last_error;
}

void ehcp_error_clear(void)
{
	last_error[0] = '\0';
}

static void vappend(size_t at, const char *fmt, va_list ap)
{
	if (at >= sizeof(last_error) - 1)
		return;
	int n = vsnprintf(last_error + at, sizeof(last_error) - at, fmt, ap);
	if (n >= 0 && (size_t)n >= sizeof(last_error) - at) {
		static const char cut[] = " [...]";
		memcpy(last_error + sizeof(last_error) - sizeof(cut), cut, sizeof(cut));
	}
}

int ehcp_fail(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vappend(0, fmt, ap);
	va_end(ap);
	return code;
}

void ehcp_error_append(const char *fmt, ...)
{
	size_t at = strlen(last_error);
	va_list ap;
	if (at > 0 && at < sizeof(last_error) - 1) {
		last_error[at++] = '\n';
		last_error[at] = '\0';
	}
	va_start(ap, fmt);
	vappend(at, fmt, ap);
	va_end(ap);
}

int ehcp_check_version(unsigned int got, unsigned int want, const char *what)
{
	if (got != want)
		return ehcp_fail(EHCP_EINVALID, "%s: version %u, but this library has version %u", what, got, want);
	return 0;
}

void ehcp_problem_add(ehcp_problems *p, int code, const char *fmt, ...)
{
	size_t at = strlen(p->text);
	if (p->count > 0 && at + 1 < sizeof p->text) {
		p->text[at++] = '\n';
		p->text[at] = '\0';
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->text + at, sizeof p->text - at, fmt, ap);
	va_end(ap);
	p->code = p->count++ == 0 || (p->code == EHCP_ECONFLICT && code == EHCP_ECONFLICT) ? code : EHCP_EINVALID;
}
