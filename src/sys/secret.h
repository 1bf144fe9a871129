#ifndef EHCP_SECRET_H
#define EHCP_SECRET_H

/*
 * Secrets handed to people and programs (feed tokens, session cookies) and
 * what the database keeps of them: only a SHA-256, so that a copy of the
 * database opens no calendar and no session.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A token: 256 random bits as base64url without padding (43 characters). */
#define EHCP_TOKEN_BYTES 32
#define EHCP_TOKEN_LEN 43
/* A SHA-256 as lower-case hex, with its NUL. */
#define EHCP_SHA256_HEX 65

/* n bytes from getrandom(2): 0, or EHCP_EOS with the reason. */
int ehcp_random_bytes(void *buf, size_t n);

/* The SHA-256 of data: 0, or EHCP_ERROR if the library refused. */
int ehcp_sha256(uint8_t out[32], const void *data, size_t n);

/* The SHA-256 of a text as hex, for a bytea parameter (decode($1, 'hex')). */
int ehcp_sha256_hex(char out[EHCP_SHA256_HEX], const char *text);

/* base64url (RFC 4648 section 5) without padding; out holds 4*ceil(n/3)+1. */
void ehcp_base64url(char *out, const uint8_t *in, size_t n);

/* A fresh token (EHCP_TOKEN_LEN characters and a NUL). */
int ehcp_token_new(char out[EHCP_TOKEN_LEN + 1]);

/* Whether s looks like a token (its length and alphabet), before it is
 * hashed and looked up. */
bool ehcp_token_wellformed(const char *s);

/* What the store keeps of a token: its SHA-256 as hex.  A string that is
 * no token is EHCP_ENOTFOUND with `none` as the message, as if it had
 * been looked up and not found. */
int ehcp_token_hash(char out[EHCP_SHA256_HEX], const char *token, const char *none);

/* a and b equal, in a time that depends on their lengths only. */
bool ehcp_secret_equal(const char *a, const char *b);

#endif
