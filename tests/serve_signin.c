/* A session for the server tests, signed in through the library (the
 * sign-in form is tested on its own): prints the cookie's token and the
 * session's CSRF token, one a line.  Usage: serve_signin CONNINFO NAME
 * PASSWORD. */
#include <stdio.h>

#include "ehcp/ehcp.h"

int main(int argc, char **argv)
{
	if (argc != 4) {
		fputs("usage: serve_signin CONNINFO NAME PASSWORD\n", stderr);
		return 2;
	}
	ehcp_store *s;
	if (ehcp_store_open(&s, argv[1], NULL) < 0) {
		fprintf(stderr, "serve_signin: %s\n", ehcp_error_last());
		return 1;
	}
	ehcp_signin_options o = EHCP_SIGNIN_OPTIONS_INIT;
	o.delay_ms = o.delay_step_ms = 0;
	ehcp_session sess;
	int err = ehcp_account_signin(&sess, s, argv[2], argv[3], "127.0.0.1", &o);
	ehcp_store_free(s);
	if (err < 0) {
		fprintf(stderr, "serve_signin: %s\n", ehcp_error_last());
		return 1;
	}
	printf("%s\n%s\n", sess.token, sess.csrf);
	return 0;
}
