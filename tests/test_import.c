/* Tracker CSV import and export against a real PostgreSQL. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/wait.h>
#include <termios.h>

#include "clock_spec.h"
#include "dbtest.h"

static ehcp_store *store;
static ehcp_import_options opts = EHCP_IMPORT_OPTIONS_INIT;

static ehcp_store *open_new(const char *name)
{
	return dbtest_store(name, "importer");
}

static int import_text(ehcp_import_result *r, const char *text, size_t len, const ehcp_import_options *o)
{
	FILE *f = fmemopen((void *)text, len, "r");
	int rc = ehcp_tracker_import(r, store, f, o);
	fclose(f);
	return rc;
}
#define IMPORT(r, text) import_text(r, text, strlen(text), &opts)

/* The export, to a buffer sink. */
static char *export_text(ehcp_store *s)
{
	ehcp_sink *sink = NULL;
	if (ehcp_sink_buffer(&sink) < 0 || ehcp_tracker_export(sink, s) < 0)
		fprintf(stderr, "export: %s\n", ehcp_error_last());
	char *buf = strdup(sink ? ehcp_sink_data(sink, NULL) : "");
	ehcp_sink_free(sink);
	return buf;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(1);
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	int c;
	while ((c = fgetc(f)) != EOF)
		fputc(c, m);
	fclose(m);
	fclose(f);
	return buf;
}

#define HEADER "case_ref,request_date,assessment_decision,assessment_decision_date,draft_plan_date,final_plan_date,caseworker\n"

static void test_sample_round_trip(void)
{
	char path[512];
	snprintf(path, sizeof path, "%s/tracker-sample.csv", getenv("EHCP_TEST_DATA"));
	char *sample = read_file(path);
	ehcp_import_result r;
	CHECK_INT(IMPORT(&r, sample), 0);
	CHECK_INT(r.rows, 7);
	CHECK_INT(r.created, 7);
	char *out = export_text(store);
	CHECK_STR(out, sample);
	free(out);

	PGconn *c = ehcp_store_conn(store);
	CHECK_STR(dbtest_value(c, "SELECT count(*) FROM ehcp_history WHERE action = 'created' AND app_user = 'importer'"), "7");

	/* The same file again: every row exists already, and nothing changes. */
	char *before = dbtest_digest(c);
	CHECK_INT(IMPORT(&r, sample), EHCP_EINVALID);
	CHECK_INT(r.bad_rows, 7);
	CHECK_HAS(ehcp_error_last(), "7 bad rows; nothing was imported:\n"
	                             "line 2, case_ref: the case exists already (import with --update to change it)\n"
	                             "line 3, case_ref:");
	char *after = dbtest_digest(c);
	CHECK_STR(after, before);
	free(after);

	/* With update: one row changed, six left as they were. */
	char *changed = strdup(sample);
	char *p = strstr(changed, "2020-06-15"); /* EHC-2020-0002's final plan */
	memcpy(p, "2020-06-16", 10);
	ehcp_import_options up = opts;
	up.update = true;
	CHECK_INT(import_text(&r, changed, strlen(changed), &up), 0);
	CHECK_INT(r.updated, 1);
	CHECK_INT(r.unchanged, 6);
	CHECK_INT(r.created, 0);
	CHECK_STR(dbtest_value(c, "SELECT action || ' ' || field || ' ' || old_value || ' ' || new_value || ' ' || app_user "
	                          "FROM ehcp_history ORDER BY id DESC LIMIT 1"),
	          "corrected final_plan_date 2020-06-15 2020-06-16 importer");
	CHECK_STR(dbtest_value(c, "SELECT version FROM ehcp_request WHERE case_ref = 'EHC-2020-0002'"), "2");
	CHECK_STR(dbtest_value(c, "SELECT version FROM ehcp_request WHERE case_ref = 'EHC-2020-0001'"), "1");
	free(changed);
	free(before);
	free(sample);
}

static void test_bad_rows(void)
{
	PGconn *c = ehcp_store_conn(store);
	char *before = dbtest_digest(c);
	ehcp_import_result r;
	/* Three different bad rows among good ones: all three reported, nothing written. */
	const char *three = HEADER
	    "N-1,2020-01-06,assess,2020-02-10,,,A\n"
	    "N-2,2023-02-30,,,,,A\n"
	    "N-3,2020-01-06,perhaps,2020-02-10,,,A\n"
	    "N-4,2020-01-06,assess,2020-02-10,,,A\n"
	    "N-5,2020-01-06,assess,2020-02-10,2020-05-20,2020-05-10,A\n";
	CHECK_INT(IMPORT(&r, three), EHCP_EINVALID);
	CHECK_INT(r.bad_rows, 3);
	CHECK_STR(ehcp_error_last(), "3 bad rows; nothing was imported:\n"
	                             "line 3, request_date: \"2023-02-30\": February 2023 has 28 days\n"
	                             "line 4, assessment_decision: \"perhaps\" is not one of assess, refuse\n"
	                             "line 6, final_plan_date: final_plan_date 2020-05-10 is before draft_plan_date 2020-05-20");

	static const struct {
		const char *name, *text, *error;
	} cases[] = {
	    {"same case_ref twice", HEADER "D-1,2020-01-06,,,,,A\nD-2,2020-01-06,,,,,A\nD-1,2020-01-07,,,,,A\n",
	     "1 bad row; nothing was imported:\nline 4, case_ref: the same case_ref as line 2"},
	    {"a bad row's case_ref repeated: both named, each counted once",
	     HEADER "B-1,2023-02-30,,,,,A\nB-1,2020-01-07,,,,,A\nB-2,bad,,,,,A\nB-2,worse,,,,,A\n",
	     "4 bad rows; nothing was imported:\nline 2, request_date: \"2023-02-30\": February 2023 has 28 days\n"
	     "line 3, case_ref: the same case_ref as line 2\n"
	     "line 4, request_date: \"bad\": not a date in the form YYYY-MM-DD or DD/MM/YYYY\n"
	     "line 5, request_date: \"worse\": not a date in the form YYYY-MM-DD or DD/MM/YYYY\n"
	     "line 5, case_ref: the same case_ref as line 4"},
	    {"a bad row whose case exists", HEADER "EHC-2020-0003,2020-02-30,,,,,B\n",
	     "1 bad row; nothing was imported:\nline 2, request_date: \"2020-02-30\": February 2020 has 29 days\n"
	     "line 2, case_ref: the case exists already (import with --update to change it)"},
	    {"unknown column", "case_ref,request_date,colour\nX,2020-01-06,red\n",
	     "line 1: unknown column \"colour\" (column 3)"},
	    {"duplicate column", "case_ref,request_date,case_ref\nX,2020-01-06,X\n",
	     "line 1: column case_ref appears twice (columns 1 and 3)"},
	    {"missing required column", "case_ref,caseworker\nX,A\n", "line 1: the required column request_date is missing"},
	    {"empty file", "", "the file is empty: expected a header row naming the columns"},
	    {"header only", HEADER, "the file has a header but no rows: nothing to import"},
	    {"wrong number of fields", HEADER "W-1,2020-01-06\n", "1 bad row; nothing was imported:\nline 2: 2 fields, but the header has 7"},
	    {"in the future", HEADER "F-1,2020-01-06,assess,2020-02-10,,2099-01-01,A\n",
	     "1 bad row; nothing was imported:\nline 2, final_plan_date: final_plan_date 2099-01-01 is after today, 2021-06-30"},
	    {"required value empty", HEADER ",2020-01-06,,,,,A\nE-2,,,,,,A\n",
	     "2 bad rows; nothing was imported:\nline 2, case_ref: required\nline 3, request_date: request_date is required"},
	    {"a line break inside a name", HEADER "L-1,2020-01-06,,,,,\"A\nB\"\n",
	     "1 bad row; nothing was imported:\nline 2, caseworker: contains a control character (byte 2)"},
	    {"not CSV at all", "\x89PNG\r\n\x1a\n\"\x00\x00", "line 1: unknown column \"?PNG\" (column 1)\n"
	     "line 1: the required column case_ref is missing\nline 1: the required column request_date is missing"},
	    {"an unclosed quote after good rows", HEADER "Q-1,2020-01-06,,,,,A\n\"Q-2,2020-01-06\n",
	     "1 bad row; nothing was imported:\nline 3: a quoted field is not closed"},
	    {"exists already", HEADER "EHC-2020-0003,2020-01-13,,,,,B\n",
	     "1 bad row; nothing was imported:\nline 2, case_ref: the case exists already (import with --update to change it)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = strlen(cases[i].text);
		if (strcmp(cases[i].name, "not CSV at all") == 0)
			len = 11;
		int rc = import_text(&r, cases[i].text, len, &opts);
		int before_fail = harness_failures;
		CHECK_INT(rc, EHCP_EINVALID);
		CHECK_STR(ehcp_error_last(), cases[i].error);
		if (harness_failures != before_fail)
			fprintf(stderr, "  in import case \"%s\"\n", cases[i].name);
	}
	char *after = dbtest_digest(c);
	CHECK_STR(after, before);
	free(after);
	free(before);
}

static void test_spreadsheet_forms(void)
{
	ehcp_import_result r;
	/* Excel's byte-order mark, CRLF, UK dates, a quoted name with a comma,
	 * stray spaces, columns in another order. */
	const char *text = "\xEF\xBB\xBF" "request_date,caseworker,case_ref,request_type\r\n"
	                   "06/01/2021,\"Ó Súilleabháin, Zoë\", S-1 ,\r\n"
	                   "7/1/2021,O'Brien,S-2,reassessment\r\n";
	CHECK_INT(IMPORT(&r, text), 0);
	CHECK_INT(r.created, 2);
	PGconn *c = ehcp_store_conn(store);
	CHECK_STR(dbtest_value(c, "SELECT request_date || ' ' || request_type || ' ' || caseworker FROM ehcp_request WHERE case_ref = 'S-1'"),
	          "2021-01-06 initial Ó Súilleabháin, Zoë");
	CHECK_STR(dbtest_value(c, "SELECT request_date || ' ' || request_type FROM ehcp_request WHERE case_ref = 'S-2'"),
	          "2021-01-07 reassessment");
	char *out = export_text(store);
	/* a file without the four later columns imports as before; the export writes them */
	CHECK_HAS(out, "\nS-1,,,\"Ó Súilleabháin, Zoë\",initial,2021-01-06,,,,,,,,,,,,,,,,,,,,,,\n");

	free(out);
	/* A dry run checks and writes nothing. */
	ehcp_import_options dry = opts;
	dry.dry_run = true;
	CHECK_INT(IMPORT(&r, HEADER "DRY-1,2021-01-06,,,,,A\n"), 0);
	CHECK_INT(import_text(&r, HEADER "DRY-2,2021-01-06,,,,,A\n", strlen(HEADER "DRY-2,2021-01-06,,,,,A\n"), &dry), 0);
	CHECK_INT(r.created, 1);
	CHECK_STR(dbtest_value(c, "SELECT string_agg(case_ref, ',') FROM ehcp_request WHERE case_ref LIKE 'DRY-%'"), "DRY-1");
}

static void progress(void *ctx, uint64_t rows, uint64_t bytes)
{
	uint64_t *last = ctx;
	last[0] = rows;
	last[1] = bytes;
}

/* Export, import into an empty database, export again: the same bytes,
 * over a few thousand generated cases that use every column. */
static void test_generated_round_trip(void)
{
	char *csv = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&csv, &len);
	fputs("case_ref,child_ref,date_of_birth,caseworker,request_type,request_date,assessment_decision,"
	      "assessment_decision_date,health_advice_requested,health_advice_received,health_advice_exception,"
	      "social_care_advice_requested,social_care_advice_received,social_care_advice_exception,"
	      "ep_advice_requested,ep_advice_received,ep_advice_exception,plan_decision,plan_decision_date,"
	      "draft_plan_date,final_plan_date,exception,closed_date,closed_reason,mediation_date,"
	      "tribunal_appeal_date,tribunal_outcome,tribunal_outcome_date\n", f);
	const int n = 3000;
	for (int i = 0; i < n; i++) {
		ehcp_date r = spec_date("2018-01-01") + (i * 7) % 1000;
		char req[11], d[8][11], dob[11], ref[16], child[16], worker[32];
		ehcp_date_format_iso(req, r);
		for (int k = 0; k < 8; k++)
			ehcp_date_format_iso(d[k], r + 10 * k + 5);
		ehcp_date_format_iso(dob, r - 3000 - i);
		snprintf(ref, sizeof ref, "G-%05d", i);
		snprintf(child, sizeof child, "C-%d", i);
		snprintf(worker, sizeof worker, "Worker, %d", i % 7);
		const char *v[28] = {ref, "", "", "", "initial", req};
		switch (i % 4) {
		case 0: /* every milestone */
			v[1] = child, v[2] = dob, v[3] = worker;
			v[6] = "assess", v[7] = d[0];
			v[8] = d[1], v[9] = d[2], v[10] = i % 8 == 0 ? "missed_appointment" : "";
			v[11] = d[1], v[12] = d[3], v[14] = d[1], v[15] = d[4];
			v[17] = "issue", v[18] = d[5], v[19] = d[6], v[20] = d[7];
			v[21] = i % 3 == 0 ? "setting_closure" : "";
			v[24] = i % 5 == 0 ? d[6] : ""; /* mediation */
			break;
		case 1: /* a refused re-assessment, some appealed */
			v[4] = "reassessment", v[6] = "refuse", v[7] = d[0];
			if (i % 3 == 0)
				v[25] = d[1], v[26] = "dismissed", v[27] = d[3];
			break;
		case 2: /* a transfer that moved away */
			v[3] = "W\xc3\xa9", v[4] = "transfer_in", v[22] = d[1], v[23] = "moved_away";
			break;
		default: /* decided not to issue; a backslash for COPY's escaping */
			v[1] = "C-1", v[3] = "O'Neil \\ Co", v[6] = "assess", v[7] = d[0];
			v[8] = d[1], v[10] = "personal_circumstances", v[17] = "not_issue", v[18] = d[2];
			/* coronavirus only where the 20 weeks met 2020-05-01..09-25 */
			v[21] = strcmp(req, "2019-12-13") >= 0 && strcmp(req, "2020-09-25") <= 0 ? "coronavirus"
			                                                                          : "absent_from_area";
		}
		for (int k = 0; k < 28; k++) {
			const char *x = v[k] ? v[k] : "";
			if (strchr(x, ','))
				fprintf(f, "\"%s\"", x);
			else
				fputs(x, f);
			fputc(k == 27 ? '\n' : ',', f);
		}
	}
	fclose(f);
	uint64_t seen[2] = {0, 0};
	ehcp_import_options o = opts;
	o.progress = progress;
	o.progress_ctx = seen;
	ehcp_import_result r;
	CHECK_INT(import_text(&r, csv, len, &o), 0);
	if (r.created != (uint64_t)n)
		fprintf(stderr, "%s\n", ehcp_error_last());
	CHECK_INT(r.created, n);
	CHECK_INT(seen[0], n);
	CHECK_INT(seen[1], len);
	char *first = export_text(store);
	CHECK_STR(first, csv); /* generated in case_ref order, as export writes */

	ehcp_store *fresh = open_new("import2");
	ehcp_store *keep = store;
	store = fresh;
	CHECK_INT(import_text(&r, first, strlen(first), &opts), 0);
	char *second = export_text(fresh);
	CHECK_STR(second, first);
	store = keep;
	ehcp_store_free(fresh);
	dbtest_drop();
	free(first);
	free(second);
	free(csv);
}

/* A stream that gives the first `good` bytes of `text`, then fails with
 * EIO, as a disk or a network file system can part-way through a file. */
typedef struct {
	const char *text;
	size_t pos, good;
} failing;

static ssize_t failing_read(void *cookie, char *buf, size_t size)
{
	failing *f = cookie;
	if (f->pos == f->good) {
		errno = EIO;
		return -1;
	}
	size_t n = f->good - f->pos < size ? f->good - f->pos : size;
	memcpy(buf, f->text + f->pos, n);
	f->pos += n;
	return (ssize_t)n;
}

/* The tool: $EHCP, as meson sets it, or the one built beside this test
 * (tests/valgrind.sh runs the test without meson's environment). */
static const char *ehcp_tool(void)
{
	static char path[PATH_MAX];
	const char *e = getenv("EHCP");
	if (e && *e)
		return e;
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - sizeof "/../tools/ehcp");
	if (n <= 0)
		return "ehcp";
	path[n] = '\0';
	strcpy(strrchr(path, '/'), "/../tools/ehcp");
	return path;
}

/* Runs `ehcp --db <this test's database> import PATH` with stdin from
 * `in`; returns its exit status and its stderr in err. */
static int run_import(const char *path, int in, char *err, size_t errlen)
{
	const char *tool = ehcp_tool();
	int p[2];
	if (pipe(p) < 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		dup2(in >= 0 ? in : devnull, STDIN_FILENO);
		dup2(devnull, STDOUT_FILENO);
		dup2(p[1], STDERR_FILENO);
		execl(tool, "ehcp", "--db", dbtest_conninfo, "--user", "importer", "import", path, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	size_t n = 0;
	ssize_t r;
	while ((r = read(p[0], err + n, errlen - 1 - n)) > 0)
		n += (size_t)r;
	err[n] = '\0';
	close(p[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A file that cannot be read to its end is not imported, not even the rows
 * before the failure (which would pass for the whole file), and the message
 * says which file and where. */
static void test_read_error(void)
{
	PGconn *c = ehcp_store_conn(store);
	char *before = dbtest_digest(c);
	const char *count = "SELECT count(*) FROM ehcp_request";
	char cases[32];
	snprintf(cases, sizeof cases, "%s", dbtest_value(c, count));
	const char *text = HEADER "RE-1,2021-01-06,,,,,A\nRE-2,2021-01-06,,,,,A\nRE-3,2021-01-06,,,,,A\n";

	/* The library, from a stream that fails after the last row, after the
	 * second, or in the middle of the second. */
	size_t cuts[] = {strlen(text), strlen(text) - 22, strlen(text) - 30};
	const char *lines[] = {"5", "4", "3"};
	for (size_t i = 0; i < 3; i++) {
		failing state = {text, 0, cuts[i]};
		FILE *f = fopencookie(&state, "r", (cookie_io_functions_t){.read = failing_read});
		ehcp_import_result r;
		CHECK_INT(ehcp_tracker_import(&r, store, f, &opts), EHCP_EOS);
		char want[128];
		snprintf(want, sizeof want, "cannot read the input at line %s: Input/output error; nothing was imported", lines[i]);
		CHECK_STR(ehcp_error_last(), want);
		CHECK_INT(r.created, 0);
		fclose(f);
	}
	CHECK_STR(dbtest_value(c, count), cases);

	/* A path that opens but cannot be read (a directory), through the
	 * library and the tool: both name it. */
	char dir[] = "/tmp/ehcp-import-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char real[PATH_MAX], want[PATH_MAX + 100], err[4096];
	CHECK(realpath(dir, real) != NULL);
	snprintf(want, sizeof want, "cannot read %s at line 1: Is a directory; nothing was imported", real);
	FILE *f = fopen(dir, "r");
	CHECK(f != NULL);
	if (f) {
		ehcp_import_result r;
		CHECK_INT(ehcp_tracker_import(&r, store, f, &opts), EHCP_EOS);
		CHECK_STR(ehcp_error_last(), want);
		fclose(f);
	}
	CHECK_INT(run_import(dir, -1, err, sizeof err), 1);
	CHECK_HAS(err, want);
	rmdir(dir);

	/* The tool reading standard input from a terminal whose other end has
	 * closed: the rows, then EIO, where a pipe would give the end of the
	 * file.  Before the fix these three rows were imported as the whole. */
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	CHECK(master >= 0);
	if (master >= 0) {
		CHECK_INT(grantpt(master), 0);
		CHECK_INT(unlockpt(master), 0);
		int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
		CHECK(slave >= 0);
		struct termios t;
		CHECK_INT(tcgetattr(slave, &t), 0);
		cfmakeraw(&t); /* the bytes as written: no CRLF, no echo */
		CHECK_INT(tcsetattr(slave, TCSANOW, &t), 0);
		const char *tty = HEADER "TTY-1,2021-01-06,,,,,A\nTTY-2,2021-01-06,,,,,A\nTTY-3,2021-01-06,,,,,A\n";
		CHECK_INT(write(slave, tty, strlen(tty)), strlen(tty));
		close(slave); /* before the tool starts: it must not hold one */
		CHECK_INT(run_import("-", master, err, sizeof err), 1);
		CHECK_HAS(err, "ehcp: cannot read standard input at line 5: Input/output error; nothing was imported");
		close(master);
	}

	CHECK_STR(dbtest_value(c, count), cases);
	char *after = dbtest_digest(c);
	CHECK_STR(after, before);
	free(after);
	free(before);
}

int main(void)
{
	opts.today = spec_date("2021-06-30");
	store = open_new("import");
	test_sample_round_trip();
	test_bad_rows();
	test_spreadsheet_forms();
	test_read_error();
	ehcp_store_free(store);
	dbtest_drop();
	store = open_new("import_gen");
	test_generated_round_trip();
	ehcp_store_free(store);
	return harness_finish("test_import");
}
