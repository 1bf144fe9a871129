#ifndef EHCP_ERRORS_H
#define EHCP_ERRORS_H

/*
 * Return codes and the last error message.
 *
 * Every function of the library that can fail returns an int: 0 on success,
 * one of the negative codes below on failure.  The failing call also leaves a
 * message in a thread-local buffer that ehcp_error_last() returns; the
 * message never contains a child's details.  The string belongs to the
 * library and stays valid until the next failing call on the same thread.
 */

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ehcp_error_code {
	EHCP_OK = 0,
	EHCP_ERROR = -1,      /* generic failure */
	EHCP_ENOMEM = -2,     /* out of memory */
	EHCP_ENOTFOUND = -3,  /* no such case, file or object */
	EHCP_EINVALID = -4,   /* bad input: a date, a code, an inconsistent case */
	EHCP_ECONFLICT = -5,  /* the case changed under us, or already exists */
	EHCP_EDB = -6,        /* the database refused or failed */
	EHCP_ESCHEMA = -7,    /* schema missing, out of date or tampered with */
	EHCP_EOS = -8,        /* a system call or an external program failed */
	EHCP_ECONNECT = -9    /* the database cannot be reached */
} ehcp_error_code;

/* The message of the last failing call on this thread, or "" if none. */
const char *ehcp_error_last(void);

/* Forget the last error on this thread. */
void ehcp_error_clear(void);

#ifdef __cplusplus
}
#endif

#endif
