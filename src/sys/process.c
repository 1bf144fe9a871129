#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/errors_internal.h"
#include "sys/process.h"

char *ehcp_strdup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	return n < 0 ? NULL : s;
}

static void exec_child(char *const argv[], int out_fd, bool as_postgres)
{
	int devnull = open("/dev/null", O_RDONLY);
	if (devnull >= 0)
		dup2(devnull, STDIN_FILENO);
	if (out_fd >= 0) {
		dup2(out_fd, STDOUT_FILENO);
		dup2(out_fd, STDERR_FILENO);
	}
	if (as_postgres) {
		size_t n = 0;
		while (argv[n])
			n++;
		char **full = calloc(n + 5, sizeof(char *));
		if (!full)
			_exit(127);
		full[0] = "runuser";
		full[1] = "-u";
		full[2] = "postgres";
		full[3] = "--";
		memcpy(full + 4, argv, n * sizeof(char *));
		execvp(full[0], full);
	} else {
		execvp(argv[0], argv);
	}
	_exit(127);
}

static int wait_child(pid_t pid, const char *name)
{
	int status;
	while (waitpid(pid, &status, 0) < 0) {
		/* Only EINTR is worth a retry; anything else (ECHILD when SIGCHLD
		 * is ignored and the child was reaped for us) fails every time. */
		if (errno != EINTR) {
			ehcp_fail(EHCP_EOS, "cannot wait for %s: %s", name, strerror(errno));
			return -1;
		}
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int ehcp_run(char *const argv[], const char *log, bool as_postgres)
{
	int fd = log ? open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)
	             : open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(fd);
		return -1;
	}
	if (pid == 0)
		exec_child(argv, fd, as_postgres);
	close(fd);
	return wait_child(pid, argv[0]);
}

int ehcp_capture_line(char *const argv[], char *buf, size_t len)
{
	int p[2];
	if (len == 0 || pipe(p) < 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		exec_child(argv, p[1], false);
	}
	close(p[1]);
	size_t n = 0;
	ssize_t r;
	char tmp[256];
	while ((r = read(p[0], tmp, sizeof tmp)) > 0) {
		for (ssize_t i = 0; i < r && n + 1 < len; i++)
			buf[n++] = tmp[i];
	}
	close(p[0]);
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return wait_child(pid, argv[0]);
}
