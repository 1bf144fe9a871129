#ifndef EHCP_CLUSTER_SETTINGS_H
#define EHCP_CLUSTER_SETTINGS_H

/* The embedded cluster's settings that depend on the machine
 * (src/sys/cluster.c). */

/* shared_buffers in MB for a machine of ram_bytes (0: unknown): 512 MB, so
 * that a national import's indexes stay in memory, but no more than a
 * quarter of the memory (PostgreSQL's own advice; a small machine that
 * does not overcommit could not start the server otherwise), and never
 * below PostgreSQL's default of 128 MB.  Pure. */
unsigned ehcp_cluster_buffers_mb(unsigned long long ram_bytes);

#endif
