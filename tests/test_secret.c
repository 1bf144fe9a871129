/* The hashing and encoding behind tokens, against published vectors:
 * SHA-256 from FIPS 180-4's examples (and NIST's "one million a"),
 * base64url from RFC 4648 section 10 (with section 5's alphabet). */
#include "harness.h"
#include "sys/secret.h"

static const char *b64(const char *in, size_t n)
{
	static char out[64];
	ehcp_base64url(out, (const uint8_t *)in, n);
	return out;
}

int main(void)
{
	char hex[EHCP_SHA256_HEX];
	CHECK_INT(ehcp_sha256_hex(hex, "abc"), 0);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	CHECK_INT(ehcp_sha256_hex(hex, ""), 0);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	CHECK_INT(ehcp_sha256_hex(hex, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), 0);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	char *million = malloc(1000001);
	memset(million, 'a', 1000000);
	million[1000000] = '\0';
	CHECK_INT(ehcp_sha256_hex(hex, million), 0);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);

	CHECK_STR(b64("", 0), "");
	CHECK_STR(b64("f", 1), "Zg");
	CHECK_STR(b64("fo", 2), "Zm8");
	CHECK_STR(b64("foo", 3), "Zm9v");
	CHECK_STR(b64("foob", 4), "Zm9vYg");
	CHECK_STR(b64("fooba", 5), "Zm9vYmE");
	CHECK_STR(b64("foobar", 6), "Zm9vYmFy");
	/* 0xfb 0xff: 111110 111111 1111(00) = 62 63 60, "+/8" in base64 */
	CHECK_STR(b64("\xfb\xff", 2), "-_8");

	char t1[EHCP_TOKEN_LEN + 1], t2[EHCP_TOKEN_LEN + 1];
	CHECK_INT(ehcp_token_new(t1), 0);
	CHECK_INT(ehcp_token_new(t2), 0);
	CHECK_INT(strlen(t1), 43);
	CHECK(strcmp(t1, t2) != 0);
	CHECK(ehcp_token_wellformed(t1));
	CHECK(!ehcp_token_wellformed("AAAA"));
	CHECK(!ehcp_token_wellformed("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
	CHECK(!ehcp_token_wellformed(NULL));

	CHECK(ehcp_secret_equal("abc", "abc"));
	CHECK(ehcp_secret_equal("", ""));
	CHECK(!ehcp_secret_equal("abc", "abd"));
	CHECK(!ehcp_secret_equal("abc", "ab"));
	CHECK(!ehcp_secret_equal("ab", "abc"));
	CHECK(!ehcp_secret_equal("", "a"));
	return harness_finish("secret");
}
