/* The server's own shared tables (failed feed tokens per address, feed
 * bodies' first-seen times): their counts worked out by hand, then eight
 * threads at once (run under ThreadSanitizer too). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "http/lastmod.h"
#include "http/ratelimit.h"

static http_ratelimit *shared_rl;
static http_lastmod *shared_lm;

static void *hammer(void *arg)
{
	int n = (int)(long)arg;
	char addr[32];
	for (int i = 0; i < 2000; i++) {
		snprintf(addr, sizeof addr, "10.0.%d.%d", n, i % 50);
		http_ratelimit_fail(shared_rl, addr, 1000);
		(void)http_ratelimit_blocked(shared_rl, addr, 1000);
		(void)http_lastmod_get(shared_lm, i % 64, i % 3 ? "\"a\"" : "\"b\"", 1000 + i);
	}
	return NULL;
}

int main(void)
{
	http_ratelimit *rl;
	CHECK(http_ratelimit_new(&rl, 64, 3, 60) == 0);
	/* 3 failures allowed in the window the first opens, [1000, 1060):
	 * blocked after the third. */
	CHECK(!http_ratelimit_blocked(rl, "192.0.2.1", 1000));
	http_ratelimit_fail(rl, "192.0.2.1", 1000);
	http_ratelimit_fail(rl, "192.0.2.1", 1001);
	CHECK(!http_ratelimit_blocked(rl, "192.0.2.1", 1002));
	http_ratelimit_fail(rl, "192.0.2.1", 1002);
	CHECK(http_ratelimit_blocked(rl, "192.0.2.1", 1003));
	CHECK(!http_ratelimit_blocked(rl, "192.0.2.2", 1003)); /* another address is not */
	CHECK(http_ratelimit_blocked(rl, "192.0.2.1", 1020)); /* the clock's minute turning is no new window */
	CHECK(http_ratelimit_blocked(rl, "192.0.2.1", 1059));
	CHECK(!http_ratelimit_blocked(rl, "192.0.2.1", 1060)); /* 60 s after the first: afresh */
	/* Failures either side of a minute's turn count together. */
	http_ratelimit_fail(rl, "192.0.2.3", 1138);
	http_ratelimit_fail(rl, "192.0.2.3", 1139);
	http_ratelimit_fail(rl, "192.0.2.3", 1140);
	CHECK(http_ratelimit_blocked(rl, "192.0.2.3", 1141));
	/* Asking opens no window: a check after the window ended, then three
	 * failures, block from the first of them (a window opened by the
	 * check at 2060 would have ended at 2120). */
	http_ratelimit_fail(rl, "192.0.2.4", 2000);
	CHECK(!http_ratelimit_blocked(rl, "192.0.2.4", 2060));
	http_ratelimit_fail(rl, "192.0.2.4", 2119);
	http_ratelimit_fail(rl, "192.0.2.4", 2119);
	http_ratelimit_fail(rl, "192.0.2.4", 2119);
	CHECK(http_ratelimit_blocked(rl, "192.0.2.4", 2120));
	CHECK(http_ratelimit_blocked(rl, "192.0.2.4", 2178));
	CHECK(!http_ratelimit_blocked(rl, "192.0.2.4", 2179));
	http_ratelimit_free(rl);

	/* A flood of addresses failing once each displaces its own before a
	 * blocked guesser (the slot with fewer failures is taken, not the
	 * older one). */
	CHECK(http_ratelimit_new(&rl, 64, 3, 60) == 0);
	for (int i = 0; i < 3; i++)
		http_ratelimit_fail(rl, "203.0.113.7", 5000);
	for (int i = 0; i < 1000; i++) {
		char addr[32];
		snprintf(addr, sizeof addr, "198.51.100.%d.%d", i / 250, i % 250);
		http_ratelimit_fail(rl, addr, 5001 + i / 100);
	}
	CHECK(http_ratelimit_blocked(rl, "203.0.113.7", 5020));
	http_ratelimit_free(rl);

	/* The names counted under: IPv6 by its /64 (worked by hand), an
	 * IPv4-mapped address as IPv4, other text as given. */
	static const char *const keys[][2] = {
	    {"192.0.2.1", "192.0.2.1"},
	    {"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
	    {"2001:DB8:0001:0002::ffff", "2001:db8:1:2::/64"},
	    {"2001:db8::1", "2001:db8::/64"},
	    {"::1", "::/64"},
	    {"::ffff:192.0.2.9", "192.0.2.9"},
	    {"fe80::1%eth0", "fe80::1%eth0"},
	    {"unknown", "unknown"},
	    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff::/64"},
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		char k[HTTP_RATELIMIT_KEY];
		http_ratelimit_key(k, keys[i][0]);
		CHECK_STR(k, keys[i][1]);
	}
	char longer[100];
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	char k[HTTP_RATELIMIT_KEY];
	http_ratelimit_key(k, longer);
	CHECK_INT((long long)strlen(k), HTTP_RATELIMIT_KEY - 1);
	/* A guesser moving about its /64 is still one guesser; the next /64
	 * is another client, and a mapped address is its IPv4 one. */
	CHECK(http_ratelimit_new(&rl, 64, 3, 60) == 0);
	http_ratelimit_fail(rl, "2001:db8:1:2::a", 7000);
	http_ratelimit_fail(rl, "2001:db8:1:2::b", 7000);
	http_ratelimit_fail(rl, "2001:db8:1:2:ffff::c", 7000);
	CHECK(http_ratelimit_blocked(rl, "2001:db8:1:2:1234:5678:9abc:def0", 7001));
	CHECK(!http_ratelimit_blocked(rl, "2001:db8:1:3::a", 7001));
	http_ratelimit_fail(rl, "::ffff:198.51.100.1", 7000);
	http_ratelimit_fail(rl, "198.51.100.1", 7000);
	http_ratelimit_fail(rl, "::ffff:198.51.100.1", 7000);
	CHECK(http_ratelimit_blocked(rl, "198.51.100.1", 7001));
	http_ratelimit_free(rl);

	http_lastmod *lm;
	CHECK(http_lastmod_new(&lm, 8) == 0);
	CHECK(http_lastmod_get(lm, 1, "\"x\"", 100) == 100);
	CHECK(http_lastmod_get(lm, 1, "\"x\"", 200) == 100); /* same body: first seen */
	CHECK(http_lastmod_get(lm, 1, "\"y\"", 300) == 300); /* a new body: now */
	CHECK(http_lastmod_get(lm, 9, "\"y\"", 400) == 400); /* 9 takes 1's slot (9 % 8) */
	CHECK(http_lastmod_get(lm, 1, "\"y\"", 500) == 500); /* so 1 starts again: later, never earlier */
	http_lastmod_free(lm);

	CHECK(http_ratelimit_new(&shared_rl, 256, 5, 60) == 0);
	CHECK(http_lastmod_new(&shared_lm, 32) == 0);
	pthread_t t[8];
	for (long i = 0; i < 8; i++)
		CHECK(pthread_create(&t[i], NULL, hammer, (void *)i) == 0);
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	/* Each of thread 0's 50 addresses failed 40 times: all blocked,
	 * unless another address took its slot. */
	int blocked = 0;
	for (int i = 0; i < 50; i++) {
		char addr[32];
		snprintf(addr, sizeof addr, "10.0.0.%d", i);
		blocked += http_ratelimit_blocked(shared_rl, addr, 1000);
	}
	CHECK(blocked > 0);
	http_ratelimit_free(shared_rl);
	http_lastmod_free(shared_lm);
	return harness_finish("http_tables");
}
