/*
 * The persons file for the SEN2 return: what the council's own system
 * holds and ehcp must not (names, sex, ethnicity, postcode, UPN,
 * placements, needs), one row per child.  Read into memory, joined there,
 * never written to the database or a log; wiped when freed.  Messages name
 * a row by its line and a column by its name, never the value.
 */
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/sen2.h"
#include "io/csv.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PROBLEMS_MAX 1000

const char *const ehcp_sen2_person_columns[] = {
    "child_ref", "surname", "forename", "birth_date", "sex", "ethnicity", "postcode", "upn", "uln", "upn_unknown",
    "exported_la", "transfer_la",
    "placement1_urn", "placement1_ukprn", "placement1_setting", "placement1_setting_other", "placement1_sen_unit",
    "placement1_resourced_provision", "placement1_entry_date", "placement1_leaving_date", "placement1_res",
    "placement1_wbp",
    "placement2_urn", "placement2_ukprn", "placement2_setting", "placement2_setting_other", "placement2_sen_unit",
    "placement2_resourced_provision", "placement2_entry_date", "placement2_leaving_date", "placement2_res",
    "placement2_wbp",
    "sen_need1", "sen_need2", NULL};

enum { NCOLS = 34, FIRST_PLACEMENT = 12, PLACEMENT_COLS = 10, NREQUIRED = 7 };

typedef struct problems {
	char **list;
	size_t n, dropped;
} problems;

static void problem(problems *pb, uint64_t line, const char *col, const char *why)
{
	if (pb->n == PROBLEMS_MAX) {
		pb->dropped++;
		return;
	}
	char **l = realloc(pb->list, (pb->n + 1) * sizeof *l);
	if (!l) {
		pb->dropped++;
		return;
	}
	pb->list = l;
	char *m = NULL;
	if (asprintf(&m, "line %llu, %s: %s", (unsigned long long)line, col, why) < 0) {
		pb->dropped++;
		return;
	}
	l[pb->n++] = m;
}

static void problems_free(problems *pb)
{
	for (size_t i = 0; i < pb->n; i++)
		free(pb->list[i]);
	free(pb->list);
}

/* Where column c of a person goes: a text buffer and its size, or a date. */
static char *text_of(ehcp_sen2_person *p, int c, size_t *size, ehcp_date **date, bool **flag)
{
	*date = NULL;
	*flag = NULL;
	switch (c) {
	case 0: *size = sizeof p->child_ref; return p->child_ref;
	case 1: *size = sizeof p->surname; return p->surname;
	case 2: *size = sizeof p->forename; return p->forename;
	case 3: *date = &p->birth; return NULL;
	case 4: *size = sizeof p->sex; return p->sex;
	case 5: *size = sizeof p->ethnicity; return p->ethnicity;
	case 6: *size = sizeof p->postcode; return p->postcode;
	case 7: *size = sizeof p->upn; return p->upn;
	case 8: *size = sizeof p->uln; return p->uln;
	case 9: *size = sizeof p->upn_unknown; return p->upn_unknown;
	case 10: *size = sizeof p->exported_la; return p->exported_la;
	case 11: *size = sizeof p->transfer_la; return p->transfer_la;
	case 32: *size = sizeof p->sen_need[0]; return p->sen_need[0];
	case 33: *size = sizeof p->sen_need[1]; return p->sen_need[1];
	default: break;
	}
	ehcp_sen2_placement *pl = &p->placements[(c - FIRST_PLACEMENT) / PLACEMENT_COLS];
	switch ((c - FIRST_PLACEMENT) % PLACEMENT_COLS) {
	case 0: *size = sizeof pl->urn; return pl->urn;
	case 1: *size = sizeof pl->ukprn; return pl->ukprn;
	case 2: *size = sizeof pl->setting; return pl->setting;
	case 3: *size = sizeof pl->setting_other; return pl->setting_other;
	case 4: *flag = &pl->sen_unit; return NULL;
	case 5: *flag = &pl->resourced_provision; return NULL;
	case 6: *date = &pl->entry; return NULL;
	case 7: *date = &pl->leaving; return NULL;
	case 8: *size = sizeof pl->res; return pl->res;
	default: *size = sizeof pl->wbp; return pl->wbp;
	}
}

/* Well-formed UTF-8 (no overlong forms or surrogates), as XML needs. */
static bool utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p;
		size_t k = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : 4;
		if (k == 4 || (size_t)(end - p) < k + 1)
			return false;
		unsigned v = k == 0 ? c : c & (0x3f >> k);
		for (size_t i = 1; i <= k; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			v = (v << 6) | (p[i] & 0x3f);
		}
		static const unsigned min[] = {0, 0x80, 0x800, 0x10000};
		if (v < min[k] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			return false;
		p += k + 1;
	}
	return true;
}

/* One cell into the person; a problem named by line and column if it
 * cannot be held. */
static void set_cell(ehcp_sen2_person *p, int c, const char *v, size_t len, uint64_t line, problems *pb)
{
	const char *col = ehcp_sen2_person_columns[c];
	if (len == 0)
		return;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f) {
			problem(pb, line, col, "has a control character");
			return;
		}
	if (!utf8(v, len)) {
		problem(pb, line, col, "is not UTF-8");
		return;
	}
	if (c >= FIRST_PLACEMENT && c < FIRST_PLACEMENT + 2 * PLACEMENT_COLS)
		p->placements[(c - FIRST_PLACEMENT) / PLACEMENT_COLS].present = true;
	size_t size;
	ehcp_date *date;
	bool *flag;
	char *t = text_of(p, c, &size, &date, &flag);
	if (date) {
		if (ehcp_date_parse(date, v, len, NULL, 0) < 0)
			problem(pb, line, col, "is not a date (YYYY-MM-DD or DD/MM/YYYY)");
		return;
	}
	if (flag) {
		if ((len == 4 && memcmp(v, "true", 4) == 0) || (len == 1 && v[0] == '1'))
			*flag = true;
		else if ((len == 5 && memcmp(v, "false", 5) == 0) || (len == 1 && v[0] == '0'))
			*flag = false;
		else
			problem(pb, line, col, "is not true or false");
		return;
	}
	if (len >= size) {
		problem(pb, line, col, "is too long for its item");
		return;
	}
	memcpy(t, v, len);
	t[len] = '\0';
}

static int by_child(const void *a, const void *b)
{
	return strcmp(((const ehcp_sen2_person *)a)->child_ref, ((const ehcp_sen2_person *)b)->child_ref);
}

static void wipe(ehcp_sen2_person *rows, size_t n)
{
	if (rows)
		explicit_bzero(rows, n * sizeof *rows);
	free(rows);
}

void ehcp_sen2_persons_free(ehcp_sen2_persons *p)
{
	if (!p)
		return;
	wipe(p->rows, p->n);
	free(p);
}

const ehcp_sen2_person *ehcp_sen2_persons_find(const ehcp_sen2_persons *p, const char *child_ref)
{
	if (!p || !child_ref || p->n == 0)
		return NULL;
	ehcp_sen2_person key;
	snprintf(key.child_ref, sizeof key.child_ref, "%s", child_ref);
	return bsearch(&key, p->rows, p->n, sizeof *p->rows, by_child);
}

int ehcp_sen2_persons_read(ehcp_sen2_persons **out, FILE *in, const char *name)
{
	if (!out || !in)
		return ehcp_fail(EHCP_EINVALID, "the persons file needs somewhere to go and a stream");
	*out = NULL;
	if (!name)
		name = "the persons file";
	ehcp_csv *csv;
	int err = ehcp_csv_new(&csv, in);
	if (err < 0)
		return err;
	size_t nf;
	const char *const *f;
	const size_t *lens;
	int rc = ehcp_csv_next(csv, &nf, &f, &lens);
	if (rc <= 0) {
		ehcp_csv_free(csv);
		return rc < 0 ? rc : ehcp_fail(EHCP_EINVALID, "%s is empty: it needs a header row", name);
	}
	/* the header: each column known, none twice, the required ones there */
	int map[EHCP_CSV_FIELDS_MAX];
	bool seen[NCOLS] = {false};
	problems pb = {0};
	for (size_t i = 0; i < nf && i < EHCP_CSV_FIELDS_MAX; i++) {
		map[i] = -1;
		for (int c = 0; c < NCOLS; c++)
			if (strlen(ehcp_sen2_person_columns[c]) == lens[i] && memcmp(ehcp_sen2_person_columns[c], f[i], lens[i]) == 0)
				map[i] = c;
		char col[64];
		snprintf(col, sizeof col, "column %zu", i + 1);
		if (map[i] < 0)
			problem(&pb, 1, col, "is not a persons-file column (see the README, \"SEN2\")");
		else if (seen[map[i]])
			problem(&pb, 1, ehcp_sen2_person_columns[map[i]], "is given twice");
		else
			seen[map[i]] = true;
	}
	for (int c = 0; c < NREQUIRED; c++)
		if (!seen[c])
			problem(&pb, 1, ehcp_sen2_person_columns[c], "is a required column and is missing");
	ehcp_sen2_person *rows = NULL;
	size_t n = 0, cap = 0;
	const size_t hn = nf < EHCP_CSV_FIELDS_MAX ? nf : EHCP_CSV_FIELDS_MAX;
	for (;;) {
		rc = ehcp_csv_next(csv, &nf, &f, &lens);
		if (rc <= 0)
			break;
		if (n == cap) {
			size_t nc = cap ? 2 * cap : 64;
			ehcp_sen2_person *r = calloc(nc, sizeof *r);
			if (!r) {
				rc = ehcp_fail(EHCP_ENOMEM, "out of memory");
				break;
			}
			if (rows)
				memcpy(r, rows, n * sizeof *r);
			wipe(rows, n);
			rows = r;
			cap = nc;
		}
		ehcp_sen2_person *p = &rows[n];
		memset(p, 0, sizeof *p);
		p->birth = EHCP_DATE_NONE;
		for (int k = 0; k < 2; k++)
			p->placements[k].entry = p->placements[k].leaving = EHCP_DATE_NONE;
		p->line = ehcp_csv_line(csv);
		if (nf > hn)
			problem(&pb, p->line, "the row", "has more fields than the header");
		for (size_t i = 0; i < nf && i < hn; i++)
			if (map[i] >= 0)
				set_cell(p, map[i], f[i], lens[i], p->line, &pb);
		if (!p->child_ref[0])
			problem(&pb, p->line, "child_ref", "is empty");
		n++;
	}
	ehcp_csv_free(csv);
	if (rc < 0) {
		problems_free(&pb);
		wipe(rows, n);
		return rc;
	}
	if (n)
		qsort(rows, n, sizeof *rows, by_child);
	for (size_t i = 1; i < n; i++)
		if (rows[i].child_ref[0] && strcmp(rows[i].child_ref, rows[i - 1].child_ref) == 0) {
			char why[64];
			snprintf(why, sizeof why, "is the same as line %llu's", (unsigned long long)rows[i - 1].line);
			problem(&pb, rows[i].line, "child_ref", why);
		}
	if (pb.n || pb.dropped) {
		size_t k = pb.n + pb.dropped;
		ehcp_fail(EHCP_EINVALID, "%s: %zu problem%s; nothing was read:", name, k, k == 1 ? "" : "s");
		for (size_t i = 0; i < pb.n; i++)
			ehcp_error_append("%s", pb.list[i]);
		if (pb.dropped)
			ehcp_error_append("... and %zu more problems", pb.dropped);
		problems_free(&pb);
		wipe(rows, n);
		return EHCP_EINVALID;
	}
	problems_free(&pb);
	ehcp_sen2_persons *ps = calloc(1, sizeof *ps);
	if (!ps) {
		wipe(rows, n);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	ps->rows = rows;
	ps->n = n;
	*out = ps;
	return 0;
}
