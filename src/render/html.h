#ifndef EHCP_HTML_H
#define EHCP_HTML_H

/*
 * What the HTML renderers share: escaping, links that keep a query, British
 * dates, the page layout, form fields with their error messages, and
 * sortable table headings.  Internal to the library.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ehcp/date.h"
#include "ehcp/page.h"

/* Text as HTML (element content or a quoted attribute): & < > " ' escaped. */
void html_esc(FILE *f, const char *s);
/* A query-string or path component, percent-encoded (RFC 3986 unreserved kept). */
void html_url(FILE *f, const char *s);

#define HTML_DATE_LEN 32
/* "1 December 2026"; "" for NONE. */
char *html_date(char *buf, ehcp_date d);
/* "in 3 days", "today", "3 days ago". */
char *html_days(char *buf, size_t len, int32_t days);

/* Writes "?k=v&..." (as &amp; in HTML) for q without the names in drop
 * (NULL-terminated), then `extra` ("sort=due&dir=asc", already encoded;
 * may be NULL). */
void html_query(FILE *f, const ehcp_page_query *q, const char *const *drop, const char *extra);
/* Whether q has name=value (a ticked checkbox). */
bool html_query_has(const ehcp_page_query *q, const char *name, const char *value);

/* ---- the layout ---- */

/* <!DOCTYPE html> to the start of <main>: the title (escaped), the header
 * with the user and sign-out, the navigation with `current` marked. */
void html_begin(FILE *f, const ehcp_page_options *o, const char *title, const char *current);
/* </main>, the footer, </html>; then flushes. */
int html_end(ehcp_sink *out, const char *what);
/* The options or their defaults, version checked. */
int html_options(const ehcp_page_options **o, const ehcp_page_options *given, ehcp_page_options *defaults);
/* The start of every page: `o`, the options given or the defaults (a bad
 * version returned), and EHCP_EINVALID naming `what` without a sink or
 * its data. */
#define HTML_PAGE_START(o, given, out, data, what)                                                 \
	ehcp_page_options o##_defaults_;                                                           \
	const ehcp_page_options *o;                                                                \
	do {                                                                                       \
		int e_ = html_options(&o, (given), &o##_defaults_);                                \
		if (e_ < 0)                                                                        \
			return e_;                                                                 \
		if (!(out) || !(data))                                                             \
			return ehcp_fail(EHCP_EINVALID, "no %s to write, or nowhere to write it", (what)); \
	} while (0)
bool html_may_write(const ehcp_page_options *o);

/* ---- messages and forms ---- */

/* "name: message" lines as (name, message) pairs, read one at a time.
 * The name is everything before the first ": " when it is one word. */
typedef struct html_errors {
	const char *text;
} html_errors;

/* The error summary (role=alert, each message a link to its field), if
 * there are errors; `input_of` maps a message's name to the id of the
 * input it is shown beside (NULL: itself). */
typedef const char *(*html_input_of)(const char *name, const void *ctx);
void html_error_summary(FILE *f, const char *errors, html_input_of input_of, const void *ctx);
/* The messages for one input, as <p class="error-message" id="ID-error">. */
bool html_field_errors(FILE *f, const char *errors, const char *input, html_input_of input_of, const void *ctx);
void html_notice(FILE *f, const char *notice);

typedef struct html_field {
	const char *name;        /* the input's name and id */
	const char *label;
	const char *hint;        /* NULL: none */
	const char *value;       /* NULL: empty */
	const char *type;        /* "text", "date", "password", "number"; NULL "text" */
	const char *autocomplete;/* NULL: none */
	int width;               /* in characters; 0: the stylesheet's */
} html_field;

void html_input(FILE *f, const html_field *fd, const char *errors, html_input_of input_of, const void *ctx);
/* A <select>: options as value,label pairs (labels NULL: the value). */
void html_select(FILE *f, const html_field *fd, const char *const *values, const char *const *labels, size_t n,
                 const char *errors, html_input_of input_of, const void *ctx);
/* A fieldset of checkboxes (or radios) named fd->name. */
void html_choices(FILE *f, const html_field *fd, const char *const *values, const char *const *labels, size_t n,
                  const ehcp_page_query *q, bool radio, const char *checked_default);
/* The hidden CSRF field. */
void html_csrf(FILE *f, const ehcp_page_options *o);

/* ---- tables ---- */

typedef struct html_col {
	const char *key;         /* sort key; NULL: not sortable */
	const char *title;
	bool numeric;            /* right-aligned */
} html_col;

/* A sort value: a number, or a text when s is not NULL. */
typedef struct html_key {
	const char *s;
	int64_t i;
} html_key;

typedef html_key (*html_key_of)(const void *row, size_t col);

/* The column asked for by the query's sort= (or -1) and dir=desc. */
int html_sort_col(const ehcp_page_query *q, const html_col *cols, size_t ncols, bool *desc);
/* Row indices in order: by column `col` (ties, and col -1, in the given
 * order).  The caller frees; NULL when out of memory. */
size_t *html_sort(const void *rows, size_t n, size_t size, html_key_of key, int col, bool desc);
/* <thead> with a link in each sortable heading that sorts by it
 * (aria-sort on the sorted one), keeping the rest of the query. */
void html_thead(FILE *f, const html_col *cols, size_t ncols, const ehcp_page_query *q, int sorted, bool desc);

/* A status in words and colour: <strong class="tag tag-KEY">Words</strong>. */
void html_tag(FILE *f, const char *key, const char *words);

#endif

/* A GET form of filters to `action`: its start (with the error summary
 * of `errors`) and its end, with the button and a link to clear them. */
void html_filters_begin(FILE *f, const char *action, const char *heading, const char *errors);
void html_filters_end(FILE *f, const char *action, const char *button);
/* "Year 6", "Reception", "Early years"; NULL without a year group. */
const char *html_year(char *buf, size_t len, bool has_year, int nc_year);
/* A <dt>term</dt><dd>value</dd> of a summary list. */
void html_summary_row(FILE *f, const char *term, const char *value);

/* A name as words: "awaiting_plan_decision" -> "Awaiting plan decision". */
char *html_words(char *buf, size_t len, const char *name);
/* <div class="table-wrap" role="region" aria-labelledby="ID-caption"
 * tabindex="0"><table id="ID"><caption id="ID-caption">CAPTION</caption>. */
void html_table_begin(FILE *f, const char *id, const char *caption);
void html_table_end(FILE *f);
/* "Download this view as CSV" (the query with format=csv). */
void html_csv_link(FILE *f, const ehcp_page_query *q, const char *path, const char *what);
/* A caseworker's name as a link to PATH?caseworker=NAME (keeping as-of);
 * `none` when the name is "". */
void html_caseworker_link(FILE *f, const char *path, const char *name, const char *as_of, const char *none);
/* A caseloads table: its heading, caption and columns (the first the
 * caseworker's), then a row each (the caseworker a link into their list,
 * `n` counts after it), then its end with html_table_end(). */
void html_loads_begin(FILE *f, const char *id, const char *caption, const html_col *cols, size_t ncols);
void html_loads_row(FILE *f, const char *path, const char *caseworker, const char *as_of, const int *counts, size_t n);

/* The history of a case or plan as a table; a child's details (fields
 * identifies_child says are) never shown. */
void html_history(FILE *f, const ehcp_history *h, bool (*identifies_child)(const char *field));
/* The feeds as a table (with a revoke button each, posting to
 * action_path), and a feed just made, its address shown this once. */
void html_feeds(FILE *f, const ehcp_page_options *o, const char *action_path, const ehcp_feeds *feeds, bool revoke);
void html_new_feed(FILE *f, const char *url);
