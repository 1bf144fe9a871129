/*
 * SHA-256 through gnutls's gnutls_hash_fast rather than a hand-written
 * one: a reviewed implementation costs nothing more here, since gnutls is
 * already on every machine that builds the server (libmicrohttpd's TLS).
 * tests/test_secret.c checks it against the FIPS 180-4 examples.
 */
#include <errno.h>
#include <gnutls/crypto.h>
#include <string.h>
#include <sys/random.h>

#include "core/errors_internal.h"
#include "sys/secret.h"

int ehcp_random_bytes(void *buf, size_t n)
{
	unsigned char *p = buf;
	while (n > 0) {
		ssize_t got = getrandom(p, n, 0);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return ehcp_fail(EHCP_EOS, "cannot read random bytes: %s", strerror(errno));
		}
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

int ehcp_sha256(uint8_t out[32], const void *data, size_t n)
{
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, data, n, out) < 0)
		return ehcp_fail(EHCP_ERROR, "cannot compute a SHA-256");
	return 0;
}

int ehcp_sha256_hex(char out[EHCP_SHA256_HEX], const char *text)
{
	static const char digits[] = "0123456789abcdef";
	uint8_t h[32];
	int err = ehcp_sha256(h, text, strlen(text));
	if (err < 0)
		return err;
	for (size_t i = 0; i < sizeof h; i++) {
		out[2 * i] = digits[h[i] >> 4];
		out[2 * i + 1] = digits[h[i] & 0xf];
	}
	out[2 * sizeof h] = '\0';
	return 0;
}

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void ehcp_base64url(char *out, const uint8_t *in, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		size_t left = n - i;
		if (left > 1)
			v |= (uint32_t)in[i + 1] << 8;
		if (left > 2)
			v |= in[i + 2];
		out[o++] = b64url[(v >> 18) & 63];
		out[o++] = b64url[(v >> 12) & 63];
		if (left > 1)
			out[o++] = b64url[(v >> 6) & 63];
		if (left > 2)
			out[o++] = b64url[v & 63];
	}
	out[o] = '\0';
}

int ehcp_token_new(char out[EHCP_TOKEN_LEN + 1])
{
	uint8_t raw[EHCP_TOKEN_BYTES];
	int err = ehcp_random_bytes(raw, sizeof raw);
	if (err < 0)
		return err;
	ehcp_base64url(out, raw, sizeof raw);
	memset(raw, 0, sizeof raw);
	return 0;
}

bool ehcp_token_wellformed(const char *s)
{
	if (!s || strlen(s) != EHCP_TOKEN_LEN)
		return false;
	return strspn(s, b64url) == EHCP_TOKEN_LEN;
}

int ehcp_token_hash(char out[EHCP_SHA256_HEX], const char *token, const char *none)
{
	if (!ehcp_token_wellformed(token))
		return ehcp_fail(EHCP_ENOTFOUND, "%s", none);
	return ehcp_sha256_hex(out, token);
}

bool ehcp_secret_equal(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	/* Every byte of a is compared (with b's, or with itself when b is
	 * shorter), so the time says nothing about where they differ. */
	unsigned char diff = na != nb;
	for (size_t i = 0; i < na; i++)
		diff |= (unsigned char)(a[i] ^ (i < nb ? b[i] : (unsigned char)~a[i]));
	return diff == 0;
}
