#ifndef EHCP_COMMON_H
#define EHCP_COMMON_H

/* What every public header shares. */

/* On a function whose return code says whether it worked: ignoring it is
 * a warning. */
#if defined(__GNUC__) || defined(__clang__)
#define EHCP_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define EHCP_WARN_UNUSED
#endif

#endif
