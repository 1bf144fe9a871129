#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_init(const cli *c, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage("init takes no arguments");
	ehcp_store *store;
	int rc = cli_open_store(&store, c, true);
	if (rc != EXIT_OK)
		return rc;
	printf("ehcp: the database is ready (%d migrations)\n", ehcp_store_migration_count());
	ehcp_store_free(store);
	return EXIT_OK;
}

static const char db_help[] =
	"Usage: ehcp db start|stop|status\n"
	"Manage the embedded database under $EHCP_HOME (default ~/.local/share/ehcp,\n"
	"or /var/lib/ehcp for root).  Other commands start it when they need it.\n"
	"status exits 0 when running, 3 when stopped, 4 when not created yet.\n";

int cmd_db(const cli *c, int argc, char **argv)
{
	(void)c;
	if (argc != 2)
		return cli_usage("db needs one of start, stop, status");
	const char *verb = argv[1];
	int err;
	if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0) {
		fputs(db_help, stdout);
		return EXIT_OK;
	}
	if (strcmp(verb, "start") == 0) {
		char *conninfo = NULL;
		if ((err = ehcp_cluster_start(&conninfo, NULL)) < 0)
			return cli_report(err);
		printf("%s\n", conninfo);
		free(conninfo);
		return EXIT_OK;
	}
	if (strcmp(verb, "stop") == 0) {
		if ((err = ehcp_cluster_stop(NULL)) < 0)
			return cli_report(err);
		return EXIT_OK;
	}
	if (strcmp(verb, "status") == 0) {
		ehcp_cluster_state st;
		char *home = NULL;
		if ((err = ehcp_cluster_status(&st, NULL)) < 0 || (err = ehcp_cluster_home(&home, NULL)) < 0)
			return cli_report(err);
		static const char *const names[] = {"not created", "stopped", "running"};
		printf("embedded database in %s: %s\n", home, names[st]);
		free(home);
		return st == EHCP_CLUSTER_RUNNING ? EXIT_OK : st == EHCP_CLUSTER_STOPPED ? 3 : 4;
	}
	return cli_usage("db: unknown action '%s' (start, stop or status)", verb);
}
