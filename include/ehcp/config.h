#ifndef EHCP_CONFIG_H
#define EHCP_CONFIG_H

/*
 * The council's settings, stored in the database (`ehcp config`): a few
 * named values, never a child's data.  Keys: "la", the authority's
 * three-digit code for the SEN2 return.
 */

#include "ehcp/common.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Sets key to value.  EHCP_EINVALID naming the key for a key that is not
 * one, or a value it cannot hold ("la": three digits). */
EHCP_WARN_UNUSED int ehcp_config_set(ehcp_store *s, const char *key, const char *value);

/* The value of key, for the caller to free(); *out NULL (and 0) when the
 * key is not set.  EHCP_EINVALID for a key that is not one. */
EHCP_WARN_UNUSED int ehcp_config_get(char **out, ehcp_store *s, const char *key);

/* The value a key may hold: 0, or EHCP_EINVALID with why. */
EHCP_WARN_UNUSED int ehcp_config_check(const char *key, const char *value);

#ifdef __cplusplus
}
#endif

#endif
