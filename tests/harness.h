#ifndef EHCP_TEST_HARNESS_H
#define EHCP_TEST_HARNESS_H

/* A small test harness: CHECK macros that count and report failures, and
 * a main() that exits non-zero if any failed. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int harness_failures;
static int harness_checks;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		harness_checks++;                                                                  \
		if (!(cond)) {                                                                     \
			harness_failures++;                                                        \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                                                  \
	} while (0)

#define CHECK_INT(got, want)                                                                       \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		harness_checks++;                                                                  \
		if (g_ != w_) {                                                                    \
			harness_failures++;                                                        \
			fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__,  \
			        #got, g_, w_);                                                     \
		}                                                                                  \
	} while (0)

#define CHECK_STR(got, want)                                                                       \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		harness_checks++;                                                                  \
		if (!g_ || strcmp(g_, w_) != 0) {                                                  \
			harness_failures++;                                                        \
			fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__,        \
			        __LINE__, #got, g_ ? g_ : "(null)", w_);                           \
		}                                                                                  \
	} while (0)

/* The string contains the fragment. */
#define CHECK_HAS(got, frag)                                                                       \
	do {                                                                                       \
		const char *g_ = (got), *f_ = (frag);                                              \
		harness_checks++;                                                                  \
		if (!g_ || !strstr(g_, f_)) {                                                      \
			harness_failures++;                                                        \
			fprintf(stderr, "%s:%d: %s is \"%s\", expected it to contain \"%s\"\n",    \
			        __FILE__, __LINE__, #got, g_ ? g_ : "(null)", f_);                 \
		}                                                                                  \
	} while (0)

static inline int harness_finish(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, harness_checks, harness_failures);
	return harness_failures ? 1 : 0;
}

#endif
