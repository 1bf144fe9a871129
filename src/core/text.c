#include <stdio.h>
#include <string.h>

#include "core/errors_internal.h"
#include "core/text.h"

int ehcp_text_check(const char *s, size_t len, size_t max_chars, char *why, size_t whylen)
{
	size_t chars = 0;
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p;
		size_t n;
		unsigned cp;
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f) {
				snprintf(why, whylen, "contains a control character (byte %zu)", (size_t)(p - (const unsigned char *)s) + 1);
				return -1;
			}
			p++;
			chars++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		if ((size_t)(end - p) < n + 1)
			goto bad;
		for (size_t k = 1; k <= n; k++) {
			if ((p[k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (p[k] & 0x3f);
		}
		/* overlong, surrogate or beyond U+10FFFF */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		/* C1 control characters */
		if (cp >= 0x80 && cp < 0xa0) {
			snprintf(why, whylen, "contains a control character (byte %zu)", (size_t)(p - (const unsigned char *)s) + 1);
			return -1;
		}
		p += n + 1;
		chars++;
	}
	if (chars > max_chars) {
		snprintf(why, whylen, "longer than %zu characters", max_chars);
		return -1;
	}
	return 0;
bad:
	snprintf(why, whylen, "is not valid UTF-8 (byte %zu)", (size_t)(p - (const unsigned char *)s) + 1);
	return -1;
}

void ehcp_text_trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

void ehcp_text_shown(char *out, size_t outlen, const char *s, size_t len)
{
	size_t k = 0;
	for (size_t i = 0; i < len && k + 4 < outlen && i < 40; i++)
		out[k++] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (len > 40 && k + 4 <= outlen) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
}

int ehcp_text_set_field(char *dst, size_t cap, const char *field, const char *v, size_t len, size_t max_chars)
{
	char why[96];
	if (ehcp_text_check(v, len, max_chars, why, sizeof why) < 0)
		return ehcp_fail(EHCP_EINVALID, "%s: %s", field, why);
	if (len >= cap)
		return ehcp_fail(EHCP_EINVALID, "%s: longer than %zu characters", field, max_chars);
	memcpy(dst, v, len);
	dst[len] = '\0';
	return 0;
}

int ehcp_text_bad_code(const char *field, const char *v, size_t len, const char *allowed)
{
	char shown[48];
	ehcp_text_shown(shown, sizeof shown, v, len);
	return ehcp_fail(EHCP_EINVALID, "%s: \"%s\" is not one of %s", field, shown, allowed);
}
