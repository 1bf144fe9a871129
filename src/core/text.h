#ifndef EHCP_TEXT_H
#define EHCP_TEXT_H

#include <stddef.h>

/* Checks a text value: valid UTF-8, no control characters (so no NUL and
 * no line breaks), at most max_chars characters.  0, or -1 with the reason. */
int ehcp_text_check(const char *s, size_t len, size_t max_chars, char *why, size_t whylen);

/* Drops leading and trailing spaces and tabs. */
void ehcp_text_trim(const char **s, size_t *len);

/* A short printable rendering of untrusted text for a message: at most 40
 * bytes, non-printing bytes as '?', "..." when cut. */
void ehcp_text_shown(char *out, size_t outlen, const char *s, size_t len);

/* A text field's value into dst (cap bytes), checked as above; EHCP_EINVALID
 * naming the field otherwise. */
int ehcp_text_set_field(char *dst, size_t cap, const char *field, const char *v, size_t len, size_t max_chars);

/* EHCP_EINVALID: "field: "<shown value>" is not one of <allowed>". */
int ehcp_text_bad_code(const char *field, const char *v, size_t len, const char *allowed);

#endif
