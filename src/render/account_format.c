/* The feeds and the users as a table, CSV or JSON (no secrets: the
 * library has none of them to write). */
#include <stdio.h>
#include <time.h>

#include "core/errors_internal.h"
#include "ehcp/account.h"
#include "ehcp/feed.h"
#include "render/table.h"

/* A moment as ISO 8601 in UTC ("2026-12-01T12:30:00Z"); "" for 0. */
static const char *moment(char out[24], long long t)
{
	out[0] = '\0';
	time_t tt = (time_t)t;
	struct tm tm;
	if (t > 0 && gmtime_r(&tt, &tm))
		strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

/* Rows of `ncols` values through the table writer; `row(i, v)` fills v. */
static int write_rows(ehcp_sink *out, const ehcp_format_options *opts, const ehcp_table_col *cols, size_t ncols,
                      size_t count, void (*row)(const void *, size_t, ehcp_value *, char (*)[24]), const void *data)
{
	ehcp_format_options defaults = EHCP_FORMAT_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	int err = ehcp_check_version(opts->version, EHCP_FORMAT_OPTIONS_VERSION, "ehcp_format_options");
	if (err < 0)
		return err;
	ehcp_table *t = NULL;
	if ((err = ehcp_table_begin(&t, out, opts, cols, ncols)) < 0)
		return err;
	for (size_t i = 0; err == 0 && i < count; i++) {
		ehcp_value v[8];
		char times[2][24];
		row(data, i, v, times);
		err = ehcp_table_row(t, v, NULL);
	}
	if (err < 0) {
		ehcp_table_abandon(t);
		return err;
	}
	return ehcp_table_end(t);
}

static void feed_row(const void *data, size_t i, ehcp_value *v, char (*times)[24])
{
	const ehcp_feed *f = &((const ehcp_feeds *)data)->feeds[i];
	v[0] = ehcp_v_int(f->id);
	v[1] = ehcp_v_text(f->caseworker ? f->caseworker : "(team)");
	v[2] = ehcp_v_text(f->label);
	v[3] = ehcp_v_text(moment(times[0], f->created));
	v[4] = ehcp_v_text(moment(times[1], f->revoked));
}

int ehcp_feeds_format(ehcp_sink *out, const ehcp_feeds *l, const ehcp_format_options *opts)
{
	static const ehcp_table_col cols[] = {
	    {"id", "Id", EHCP_VALUE_INT, false},
	    {"whose", "Whose", EHCP_VALUE_TEXT, false},
	    {"label", "Label", EHCP_VALUE_TEXT, false},
	    {"created", "Created (UTC)", EHCP_VALUE_TEXT, false},
	    {"revoked", "Revoked (UTC)", EHCP_VALUE_TEXT, false},
	};
	if (!l || !out)
		return ehcp_fail(EHCP_EINVALID, "no feeds to write, or nowhere to write them");
	return write_rows(out, opts, cols, sizeof cols / sizeof cols[0], l->count, feed_row, l);
}

static void user_row(const void *data, size_t i, ehcp_value *v, char (*times)[24])
{
	const ehcp_user *u = &((const ehcp_users *)data)->users[i];
	v[0] = ehcp_v_text(u->name);
	v[1] = ehcp_v_text(ehcp_role_name(u->role));
	v[2] = ehcp_v_bool(u->disabled);
	v[3] = ehcp_v_int(u->failed);
	v[4] = ehcp_v_text(moment(times[0], u->locked_until));
	v[5] = ehcp_v_text(moment(times[1], u->created));
}

int ehcp_users_format(ehcp_sink *out, const ehcp_users *l, const ehcp_format_options *opts)
{
	static const ehcp_table_col cols[] = {
	    {"name", "Name", EHCP_VALUE_TEXT, false},
	    {"role", "Role", EHCP_VALUE_TEXT, false},
	    {"disabled", "Disabled", EHCP_VALUE_BOOL, false},
	    {"failed", "Failed sign-ins", EHCP_VALUE_INT, false},
	    {"locked_until", "Locked until (UTC)", EHCP_VALUE_TEXT, false},
	    {"created", "Created (UTC)", EHCP_VALUE_TEXT, false},
	};
	if (!l || !out)
		return ehcp_fail(EHCP_EINVALID, "no users to write, or nowhere to write them");
	return write_rows(out, opts, cols, sizeof cols / sizeof cols[0], l->count, user_row, l);
}
