#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys/cluster_settings.h"
#include "sys/conninfo.h"
#include "ehcp/cluster.h"
#include "core/errors_internal.h"
#include "sys/process.h"
#include "db/store_internal.h"

#define EMBEDDED_USER "ehcp"
#define EMBEDDED_DB "ehcp"

static bool env_set(const char *name)
{
	const char *v = getenv(name);
	return v && *v;
}

bool ehcp_cluster_database_named(const char *db_option)
{
	return (db_option && *db_option) || env_set("EHCP_DATABASE_URL") || env_set("PGHOST") ||
	       env_set("PGHOSTADDR") || env_set("PGDATABASE") || env_set("PGSERVICE");
}

int ehcp_cluster_home(char **out, const char *home)
{
	const char *h = home && *home ? home : getenv("EHCP_HOME");
	char *s;
	if (h && *h)
		s = strdup(h);
	else if (geteuid() == 0)
		/* root's home is closed to the postgres user who runs the server */
		s = strdup("/var/lib/ehcp");
	else if (env_set("XDG_DATA_HOME"))
		s = ehcp_strdup_printf("%s/ehcp", getenv("XDG_DATA_HOME"));
	else if (env_set("HOME"))
		s = ehcp_strdup_printf("%s/.local/share/ehcp", getenv("HOME"));
	else
		return ehcp_fail(EHCP_EINVALID, "cannot find a home for the embedded database: set EHCP_HOME or HOME");
	if (!s)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	*out = s;
	return 0;
}

/* Paths of one cluster. */
typedef struct {
	char *home, *data, *socket, *log, *setup_log, *lock, *bindir;
	bool as_postgres;
	uid_t uid;
	gid_t gid;
} cluster;

static void cluster_free(cluster *c)
{
	free(c->home);
	free(c->data);
	free(c->socket);
	free(c->log);
	free(c->setup_log);
	free(c->lock);
	free(c->bindir);
}

static int mkdir_p(const char *path, mode_t mode)
{
	char *p = strdup(path);
	if (!p)
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0755) < 0 && errno != EEXIST) {
				free(p);
				return -1;
			}
			*s = '/';
		}
	}
	int r = mkdir(p, mode) < 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return r;
}

/* A directory for the server: ours, or the postgres user's when root. */
static int own_dir(const cluster *c, const char *dir)
{
	if (mkdir_p(dir, 0700) < 0)
		return ehcp_fail(EHCP_EOS, "cannot create %s: %s", dir, strerror(errno));
	if (c->as_postgres && chown(dir, c->uid, c->gid) < 0)
		return ehcp_fail(EHCP_EOS, "cannot give %s to the postgres user: %s", dir, strerror(errno));
	if (chmod(dir, 0700) < 0)
		return ehcp_fail(EHCP_EOS, "cannot set the mode of %s: %s", dir, strerror(errno));
	return 0;
}

static int cluster_init(cluster *c, const char *home_opt)
{
	memset(c, 0, sizeof *c);
	int err = ehcp_cluster_home(&c->home, home_opt);
	if (err < 0)
		return err;
	c->as_postgres = geteuid() == 0;
	if (c->as_postgres) {
		/* the reentrant form: a server may start its cluster from any thread */
		struct passwd pwd, *pw = NULL;
		char buf[4096];
		if (getpwnam_r("postgres", &pwd, buf, sizeof buf, &pw) != 0 || !pw)
			return ehcp_fail(EHCP_EOS, "running as root, but there is no postgres user to run the embedded server");
		c->uid = pw->pw_uid;
		c->gid = pw->pw_gid;
	}
	c->data = ehcp_strdup_printf("%s/data", c->home);
	c->socket = ehcp_strdup_printf("%s/socket", c->home);
	c->log = ehcp_strdup_printf("%s/postgresql.log", c->home);
	c->setup_log = ehcp_strdup_printf("%s/setup.log", c->home);
	c->lock = ehcp_strdup_printf("%s/.lock", c->home);
	if (!c->data || !c->socket || !c->log || !c->setup_log || !c->lock)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	if (strlen(c->socket) + sizeof("/.s.PGSQL.5432") > 107)
		return ehcp_fail(EHCP_EINVALID, "EHCP_HOME %s is too long for a Unix socket path; choose a shorter one", c->home);

	char bindir[4096];
	char *const pgc[] = {"pg_config", "--bindir", NULL};
	if (ehcp_capture_line(pgc, bindir, sizeof bindir) != 0 || bindir[0] != '/')
		return ehcp_fail(EHCP_EOS, "cannot run pg_config --bindir: is PostgreSQL installed (apt-get install postgresql libpq-dev)?");
	c->bindir = strdup(bindir);
	return c->bindir ? 0 : ehcp_fail(EHCP_ENOMEM, "out of memory");
}

static char *tool(const cluster *c, const char *name)
{
	return ehcp_strdup_printf("%s/%s", c->bindir, name);
}

static int lock_home(const cluster *c, int *fd)
{
	*fd = open(c->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0)
		return ehcp_fail(EHCP_EOS, "cannot open %s: %s", c->lock, strerror(errno));
	while (flock(*fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			close(*fd);
			return ehcp_fail(EHCP_EOS, "cannot lock %s: %s", c->lock, strerror(errno));
		}
	}
	return 0;
}

static bool created(const cluster *c)
{
	char *v = ehcp_strdup_printf("%s/PG_VERSION", c->data);
	bool ok = v && access(v, F_OK) == 0;
	free(v);
	return ok;
}

/* pg_ctl status: 0 running, 3 not running. */
static int pg_ctl(const cluster *c, const char *verb, bool log)
{
	char *exe = tool(c, "pg_ctl");
	if (!exe)
		return -1;
	char *start[] = {exe, "start", "-D", c->data, "-l", c->log, "-w", "-t", "120", "-s", NULL};
	char *other[] = {exe, (char *)verb, "-D", c->data, "-m", "fast", "-w", "-s", NULL};
	char *status[] = {exe, "status", "-D", c->data, NULL};
	char **argv = strcmp(verb, "start") == 0 ? start : strcmp(verb, "status") == 0 ? status : other;
	int r = ehcp_run(argv, log ? c->setup_log : NULL, c->as_postgres);
	free(exe);
	return r;
}

unsigned ehcp_cluster_buffers_mb(unsigned long long ram_bytes)
{
	const unsigned long long quarter = ram_bytes / 4 / (1024 * 1024);
	if (ram_bytes == 0 || quarter >= 512)
		return 512;
	return quarter < 128 ? 128 : (unsigned)quarter;
}

static int append_settings(const cluster *c)
{
	const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
	const unsigned buffers =
	    ehcp_cluster_buffers_mb(pages > 0 && page > 0 ? (unsigned long long)pages * (unsigned long long)page : 0);
	char *conf = ehcp_strdup_printf("%s/postgresql.conf", c->data);
	char *sock = ehcp_conninfo_quote(c->socket); /* same quoting rules as the config file */
	FILE *f = conf ? fopen(conf, "a") : NULL;
	int err = 0;
	if (!f || !sock) {
		err = ehcp_fail(EHCP_EOS, "cannot write %s", conf ? conf : "postgresql.conf");
	} else {
		fprintf(f, "\n# ehcp embedded default: a Unix socket of its own, no TCP port\n"
		           "listen_addresses = ''\n"
		           "unix_socket_directories = %s\n"
		           "unix_socket_permissions = 0700\n"
		           "\n# no standby or WAL archive: the first import's rows skip the WAL (migrations/0012)\n"
		           "wal_level = minimal\n"
		           "max_wal_senders = 0\n"
		           "# a national import's indexes held in memory, not read back from the kernel's cache\n"
		           "# (512MB, or a quarter of this machine's memory if less)\n"
		           "shared_buffers = %uMB\n",
		        sock, buffers);
		if (fclose(f) != 0)
			err = ehcp_fail(EHCP_EOS, "cannot write %s", conf);
	}
	free(conf);
	free(sock);
	return err;
}

static int initdb(const cluster *c)
{
	char *exe = tool(c, "initdb");
	if (!exe)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	char *argv[] = {exe, "-D", c->data, "-U", EMBEDDED_USER, "-A", "trust", "-E", "UTF8", "--no-locale", NULL};
	int r = ehcp_run(argv, c->setup_log, c->as_postgres);
	free(exe);
	if (r != 0)
		return ehcp_fail(EHCP_EOS, "initdb failed (exit %d) creating the embedded database in %s; see %s", r, c->data, c->setup_log);
	return append_settings(c);
}

static char *conninfo_for(const cluster *c, const char *db)
{
	char *host = ehcp_conninfo_quote(c->socket);
	char *s = host ? ehcp_strdup_printf("host=%s dbname=%s user=%s", host, db, EMBEDDED_USER) : NULL;
	free(host);
	return s;
}

static int ensure_database(const cluster *c)
{
	char *ci = conninfo_for(c, "postgres");
	if (!ci)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	PGconn *conn = ehcp_connect(ci);
	free(ci);
	if (!conn)
		return EHCP_ECONNECT;
	const char *params[1] = {EMBEDDED_DB};
	PGresult *res = PQexecParams(conn, "SELECT 1 FROM pg_database WHERE datname = $1", 1, NULL, params, NULL, NULL, 0);
	int err = 0;
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		err = ehcp_fail(EHCP_EDB, "cannot look for the ehcp database: %s", ehcp_pq_error(conn, res));
	} else if (PQntuples(res) == 0) {
		PQclear(res);
		/* A constant name: nothing from outside goes into this statement. */
		res = PQexec(conn, "CREATE DATABASE " EMBEDDED_DB);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			err = ehcp_fail(EHCP_EDB, "cannot create the ehcp database: %s", ehcp_pq_error(conn, res));
	}
	PQclear(res);
	PQfinish(conn);
	return err;
}

int ehcp_cluster_start(char **conninfo, const char *home)
{
	cluster c;
	int lockfd = -1;
	int err = cluster_init(&c, home);
	if (err == 0)
		err = own_dir(&c, c.home);
	if (err == 0)
		err = lock_home(&c, &lockfd);
	if (err == 0 && !created(&c)) {
		err = own_dir(&c, c.socket);
		if (err == 0)
			err = initdb(&c);
	}
	if (err == 0 && pg_ctl(&c, "status", false) != 0) {
		int r = pg_ctl(&c, "start", true);
		if (r != 0)
			err = ehcp_fail(EHCP_EOS, "the embedded database in %s did not start (pg_ctl exit %d); see %s", c.data, r, c.log);
	}
	if (err == 0)
		err = ensure_database(&c);
	if (err == 0) {
		*conninfo = conninfo_for(&c, EMBEDDED_DB);
		if (!*conninfo)
			err = ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	if (lockfd >= 0)
		close(lockfd);
	cluster_free(&c);
	return err;
}

int ehcp_cluster_stop(const char *home)
{
	cluster c;
	int lockfd = -1;
	int err = cluster_init(&c, home);
	if (err == 0 && created(&c)) {
		err = lock_home(&c, &lockfd);
		if (err == 0 && pg_ctl(&c, "status", false) == 0 && pg_ctl(&c, "stop", true) != 0)
			err = ehcp_fail(EHCP_EOS, "the embedded database in %s did not stop; see %s", c.data, c.setup_log);
	}
	if (lockfd >= 0)
		close(lockfd);
	cluster_free(&c);
	return err;
}

int ehcp_cluster_status(ehcp_cluster_state *state, const char *home)
{
	cluster c;
	int err = cluster_init(&c, home);
	if (err == 0) {
		if (!created(&c))
			*state = EHCP_CLUSTER_ABSENT;
		else
			*state = pg_ctl(&c, "status", false) == 0 ? EHCP_CLUSTER_RUNNING : EHCP_CLUSTER_STOPPED;
	}
	cluster_free(&c);
	return err;
}

int ehcp_cluster_resolve(char **conninfo, bool *embedded, const char *db_option)
{
	const char *url = getenv("EHCP_DATABASE_URL");
	*embedded = false;
	if (db_option && *db_option)
		*conninfo = strdup(db_option);
	else if (url && *url)
		*conninfo = strdup(url);
	else if (ehcp_cluster_database_named(NULL))
		*conninfo = strdup("");
	else {
		*embedded = true;
		return ehcp_cluster_start(conninfo, NULL);
	}
	return *conninfo ? 0 : ehcp_fail(EHCP_ENOMEM, "out of memory");
}
