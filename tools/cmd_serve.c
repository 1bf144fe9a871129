/* ehcp serve: the HTTP service (calendar feeds, the API, a health check). */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ehcp/params.h"
#include "ehcp/server.h"

static const char serve_help[] =
	"Usage: ehcp serve [--listen ADDR:PORT] [--threads N]\n"
	"                  [--tls-cert FILE --tls-key FILE] [--behind-proxy]\n"
	"                  [--feed-cache SECONDS]\n"
	"Serve the calendar feeds (ehcp feed add), the JSON and CSV API and\n"
	"/healthz over HTTP until SIGTERM or SIGINT; requests in flight finish.\n"
	"  --listen ADDR:PORT  default 127.0.0.1:8750 ([::1]:PORT for IPv6; port 0:\n"
	"                      any free port, printed on start)\n"
	"  --threads N         worker threads, each with a database connection (4)\n"
	"  --tls-cert FILE, --tls-key FILE   PEM files: serve HTTPS\n"
	"  --behind-proxy      a reverse proxy terminates TLS: any address may be\n"
	"                      served without it, clients known by X-Forwarded-For\n"
	"  --feed-cache SECONDS  a feed's calendar is served again for this long (10;\n"
	"                      0: never): changes show that much later (revocations at once)\n"
	"One line per request goes to standard error: method, path (tokens\n"
	"hidden), status, bytes, milliseconds.\n";

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "ehcp: cannot read %s: %s\n", path, strerror(errno));
		return NULL;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	char chunk[4096];
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			char *b = realloc(buf, cap);
			if (!b) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = b;
		}
		memcpy(buf + len, chunk, n);
		len += n;
	}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	else
		buf[len] = '\0';
	return buf;
}

int cmd_serve(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"listen", required_argument, NULL, 'l'},
	    {"threads", required_argument, NULL, 't'},
	    {"tls-cert", required_argument, NULL, 'C'},
	    {"tls-key", required_argument, NULL, 'K'},
	    {"behind-proxy", no_argument, NULL, 'P'},
	    {"feed-cache", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_server_options o = EHCP_SERVER_OPTIONS_INIT;
	const char *cert_path = NULL, *key_path = NULL;
	int ch;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l': o.listen = optarg; break;
		case 't': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (!*optarg || *end || n < 1 || n > 256)
				return cli_usage("--threads: \"%s\" is not a number from 1 to 256", optarg);
			o.threads = (unsigned)n;
			break;
		}
		case 'C': cert_path = optarg; break;
		case 'K': key_path = optarg; break;
		case 'P': o.behind_proxy = true; break;
		case 'c': {
			int n;
			if (ehcp_param_days(&n, optarg, "--feed-cache", 3600) < 0)
				return cli_usage("--feed-cache: \"%s\" is not a number of seconds (0 to 3600)", optarg);
			o.feed_cache_seconds = n;
			break;
		}
		case 'h': fputs(serve_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc != optind)
		return cli_usage("serve takes no arguments");
	if (!cert_path != !key_path)
		return cli_usage("--tls-cert and --tls-key go together");
	char *cert = NULL, *key = NULL;
	if (cert_path && (!(cert = slurp(cert_path)) || !(key = slurp(key_path)))) {
		free(cert);
		return EXIT_FAILURE_;
	}
	o.tls_cert_pem = cert;
	o.tls_key_pem = key;

	char *conninfo = NULL;
	bool embedded;
	int err = ehcp_cluster_resolve(&conninfo, &embedded, c->db);
	if (err < 0) {
		free(cert);
		free(key);
		return cli_report(err);
	}
	/* A schema that is not current is the operator's to fix now; a
	 * database that is down may come back, and the server waits for it. */
	ehcp_store *s;
	if ((err = ehcp_store_open(&s, conninfo, NULL)) == 0)
		ehcp_store_free(s);
	else if (err == EHCP_ESCHEMA) {
		free(conninfo);
		free(cert);
		free(key);
		return cli_report(err);
	} else
		fprintf(stderr, "ehcp: the database cannot be reached yet; serving 503 until it can\n");
	o.conninfo = conninfo;

	/* Answers of a megabyte and more (a case list) are made and freed all
	 * day: a fixed threshold keeps them mmap'd and given back when freed,
	 * where glibc's moving one would keep them in its arenas and the
	 * resident size would creep up for hours before it settled. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);

	/* Blocked before the worker threads start, so that only sigwait()
	 * below sees them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	ehcp_server *srv;
	err = ehcp_server_start(&srv, &o);
	free(cert);
	free(key);
	if (err < 0) {
		free(conninfo);
		return err == EHCP_EINVALID ? cli_usage("%s", ehcp_error_last()) : cli_report(err);
	}
	const char *listen = o.listen ? o.listen : EHCP_SERVER_DEFAULT_LISTEN;
	/* The host as given, with the port bound (port 0 asks for any). */
	fprintf(stderr, "ehcp: serving on %s://%.*s:%u/\n", cert_path ? "https" : "http",
	        (int)(strrchr(listen, ':') - listen), listen, ehcp_server_port(srv));
	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "ehcp: %s: stopping once the requests in flight are answered\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	ehcp_server_stop(srv);
	free(conninfo);
	return EXIT_OK;
}
