/* Time-ordered ids: RFC 9562 version 7, in order when made one after
 * another (even within a millisecond), unique, and stamped with now. */
#include <pthread.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "sys/uuid7.h"

#define N 200000

static char ids[N][37];

static int hexval(char c)
{
	return c >= 'a' ? c - 'a' + 10 : c - '0';
}

static void *make(void *arg)
{
	char (*out)[37] = arg;
	for (int i = 0; i < 1000; i++)
		ehcp_uuid_v7(out[i]);
	return NULL;
}

static int cmp(const void *a, const void *b) { return strcmp(a, b); }

int main(void)
{
	const time_t before = time(NULL);
	for (int i = 0; i < N; i++)
		ehcp_uuid_v7(ids[i]);
	const time_t after = time(NULL);
	int out_of_order = 0, bad_form = 0;
	for (int i = 0; i < N; i++) {
		const char *s = ids[i];
		bad_form += strlen(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' || s[14] != '7' ||
		            !strchr("89ab", s[19]);
		if (i > 0)
			out_of_order += strcmp(ids[i - 1], s) >= 0;   /* strictly increasing: unique too */
	}
	CHECK_INT(bad_form, 0);
	CHECK_INT(out_of_order, 0);
	/* the first 48 bits are the Unix time in milliseconds */
	long long ms = 0;
	for (int k = 0; k < 13; k++)
		if (ids[0][k] != '-')
			ms = ms * 16 + hexval(ids[0][k]);
	CHECK(ms / 1000 >= (long long)before - 1 && ms / 1000 <= (long long)after + 1);

	/* four threads at once: all unique */
	static char t_ids[4][1000][37];
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		CHECK_INT(pthread_create(&t[i], NULL, make, t_ids[i]), 0);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	qsort(t_ids, 4000, 37, cmp);
	int dup = 0;
	for (int i = 1; i < 4000; i++)
		dup += strcmp(((char (*)[37])t_ids)[i - 1], ((char (*)[37])t_ids)[i]) == 0;
	CHECK_INT(dup, 0);

	/* A child of fork() draws random bits of its own: no id's random part
	 * (after the version, counter and variant) is its parent's, though both
	 * start from the same pool and clock. */
	enum { F = 300 };
	static char mine[F][37], its[F][37];
	int fd[2];
	CHECK_INT(pipe(fd), 0);
	const pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < F; i++)
			ehcp_uuid_v7(its[i]);
		_exit(write(fd[1], its, sizeof its) == (ssize_t)sizeof its ? 0 : 1);
	}
	for (int i = 0; i < F; i++)
		ehcp_uuid_v7(mine[i]);
	size_t got = 0;
	ssize_t r;
	while (got < sizeof its && (r = read(fd[0], (char *)its + got, sizeof its - got)) > 0)
		got += (size_t)r;
	int status = -1;
	waitpid(pid, &status, 0);
	CHECK_INT((long long)got, (long long)sizeof its);
	CHECK_INT(status, 0);
	int shared = 0;
	for (int i = 0; i < F; i++)
		for (int k = 0; k < F; k++)
			shared += strcmp(mine[i] + 20, its[k] + 20) == 0;
	CHECK_INT(shared, 0);
	close(fd[0]);
	close(fd[1]);
	return harness_finish("test_uuid7");
}
