/* Running programs: exit statuses, and a wait that cannot succeed. */
#include <signal.h>
#include <unistd.h>

#include "ehcp/errors.h"
#include "harness.h"
#include "sys/cluster_settings.h"
#include "sys/process.h"

static void waited_too_long(int sig)
{
	(void)sig;
	static const char msg[] = "test_process: still waiting after 10 s: a failed waitpid is retried for ever\n";
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
		_exit(2);
	_exit(1);
}

int main(void)
{
	char *true_[] = {"true", NULL};
	char *false_[] = {"false", NULL};
	char *echo[] = {"echo", "hello", NULL};
	char buf[64];

	/* The embedded cluster's buffers: 512 MB, at most a quarter of memory,
	 * at least 128 MB */
	const unsigned long long mb = 1024 * 1024;
	CHECK_INT(ehcp_cluster_buffers_mb(24 * 1024 * mb), 512);
	CHECK_INT(ehcp_cluster_buffers_mb(2048 * mb), 512);
	CHECK_INT(ehcp_cluster_buffers_mb(2047 * mb), 511);
	CHECK_INT(ehcp_cluster_buffers_mb(1024 * mb), 256);
	CHECK_INT(ehcp_cluster_buffers_mb(512 * mb), 128);
	CHECK_INT(ehcp_cluster_buffers_mb(256 * mb), 128);
	CHECK_INT(ehcp_cluster_buffers_mb(0), 512);

	CHECK_INT(ehcp_run(true_, NULL, false), 0);
	CHECK_INT(ehcp_run(false_, NULL, false), 1);
	CHECK_INT(ehcp_capture_line(echo, buf, sizeof buf), 0);
	CHECK_STR(buf, "hello");

	/* With SIGCHLD ignored the kernel reaps the child itself, and waitpid
	 * fails with ECHILD every time it is asked: that must be an error, not
	 * a loop.  The alarm turns a hang into a failure. */
	signal(SIGALRM, waited_too_long);
	alarm(10);
	signal(SIGCHLD, SIG_IGN);
	ehcp_error_clear();
	CHECK_INT(ehcp_run(true_, NULL, false), -1);
	CHECK_STR(ehcp_error_last(), "cannot wait for true: No child processes");
	ehcp_error_clear();
	CHECK_INT(ehcp_capture_line(echo, buf, sizeof buf), -1);
	CHECK_STR(ehcp_error_last(), "cannot wait for echo: No child processes");
	CHECK_STR(buf, "hello");
	signal(SIGCHLD, SIG_DFL);
	alarm(0);

	CHECK_INT(ehcp_run(true_, NULL, false), 0);
	return harness_finish("test_process");
}
