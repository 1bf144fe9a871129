#ifndef EHCP_UUID7_H
#define EHCP_UUID7_H

/* A time-ordered identifier (RFC 9562 version 7): 48 bits of Unix time in
 * milliseconds, then a 12-bit counter that keeps ids made within one
 * millisecond in order, then 62 random bits from libuuid.  Ids made one
 * after another sort one after another, so a bulk load appends to the
 * primary key's index instead of writing all over it.  Per thread, with no
 * lock; ids from different threads are unique (the random bits) but only
 * roughly ordered.  out holds 37 bytes (text form and NUL). */
void ehcp_uuid_v7(char out[37]);

#endif
