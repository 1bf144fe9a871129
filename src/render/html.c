/* What the HTML renderers share: escaping, links, dates, forms, sortable tables. */
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "io/sink_internal.h"
#include "render/html.h"

void html_esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

void html_url(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			fputc(*p, f);
		else
			fprintf(f, "%%%02X", *p);
	}
}

char *html_date(char *buf, ehcp_date d)
{
	static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
	                                     "July",    "August",   "September", "October", "November", "December"};
	if (d == EHCP_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	snprintf(buf, HTML_DATE_LEN, "%d %s %d", day, months[m - 1], y);
	return buf;
}

char *html_days(char *buf, size_t len, int32_t days)
{
	if (days == 0)
		snprintf(buf, len, "today");
	else if (days > 0)
		snprintf(buf, len, "in %d day%s", days, days == 1 ? "" : "s");
	else
		snprintf(buf, len, "%d day%s ago", -days, days == -1 ? "" : "s");
	return buf;
}

static bool dropped(const char *name, const char *const *drop)
{
	for (; drop && *drop; drop++)
		if (strcmp(name, *drop) == 0)
			return true;
	return false;
}

void html_query(FILE *f, const ehcp_page_query *q, const char *const *drop, const char *extra)
{
	bool first = true;
	for (size_t i = 0; q && i < q->count; i++) {
		const ehcp_page_param *p = &q->params[i];
		if (!p->name || !p->value || !*p->value || dropped(p->name, drop))
			continue;
		fputs(first ? "?" : "&amp;", f);
		first = false;
		html_url(f, p->name);
		fputc('=', f);
		html_url(f, p->value);
	}
	if (extra && *extra) {
		fputs(first ? "?" : "&amp;", f);
		html_esc(f, extra);
	}
}

const char *ehcp_page_query_get(const ehcp_page_query *q, const char *name)
{
	for (size_t i = 0; q && name && i < q->count; i++)
		if (q->params[i].name && strcmp(q->params[i].name, name) == 0)
			return q->params[i].value;
	return NULL;
}

bool html_query_has(const ehcp_page_query *q, const char *name, const char *value)
{
	for (size_t i = 0; q && i < q->count; i++)
		if (q->params[i].name && q->params[i].value && strcmp(q->params[i].name, name) == 0 &&
		    strcmp(q->params[i].value, value) == 0)
			return true;
	return false;
}

/* ---- messages ---- */

/* The next line of errors: its name (if it has one: a word, then ": ") and
 * its whole text.  Returns the start of the line after, or NULL at the end. */
static const char *next_error(const char *p, char *name, size_t nlen, const char **line, size_t *llen)
{
	if (!p || !*p)
		return NULL;
	const char *end = strchr(p, '\n');
	size_t len = end ? (size_t)(end - p) : strlen(p);
	*line = p;
	*llen = len;
	name[0] = '\0';
	const char *colon = memchr(p, ':', len);
	/* a review's field is named "review YYYY-MM-DD field": the field is the
	 * name; an option's message names it as the command line does ("--as-of") */
	const char *from = p;
	if (colon && strncmp(p, "--", 2) == 0)
		from = p + 2;
	if (colon && strncmp(p, "review ", 7) == 0) {
		const char *sp = memchr(p + 7, ' ', (size_t)(colon - (p + 7)));
		if (sp)
			from = sp + 1;
	}
	if (colon && colon + 1 < p + len && colon[1] == ' ' && (size_t)(colon - from) < nlen) {
		size_t n = (size_t)(colon - from);
		bool word = n > 0;
		for (size_t i = 0; i < n; i++)
			if (!(from[i] == '_' || from[i] == '-' || (from[i] >= 'a' && from[i] <= 'z') || (from[i] >= '0' && from[i] <= '9')))
				word = false;
		if (word) {
			memcpy(name, from, n);
			name[n] = '\0';
		}
	}
	return end ? end + 1 : p + len;
}

static void esc_n(FILE *f, const char *s, size_t n)
{
	char buf[512];
	while (n) {
		size_t k = n < sizeof buf - 1 ? n : sizeof buf - 1;
		memcpy(buf, s, k);
		buf[k] = '\0';
		html_esc(f, buf);
		s += k;
		n -= k;
	}
}

static const char *input_for(const char *name, html_input_of input_of, const void *ctx)
{
	if (!*name)
		return NULL;
	return input_of ? input_of(name, ctx) : name;
}

void html_error_summary(FILE *f, const char *errors, html_input_of input_of, const void *ctx)
{
	if (!errors || !*errors)
		return;
	fputs("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" aria-labelledby=\"error-summary-title\">"
	      "<h2 id=\"error-summary-title\">There is a problem</h2><ul>",
	      f);
	char name[64];
	const char *line;
	size_t len;
	for (const char *p = errors; (p = next_error(p, name, sizeof name, &line, &len));) {
		if (!len)
			continue;
		const char *input = input_for(name, input_of, ctx);
		fputs("<li>", f);
		if (input) {
			fputs("<a href=\"#", f);
			html_esc(f, input);
			fputs("\">", f);
		}
		esc_n(f, line, len);
		fputs(input ? "</a></li>" : "</li>", f);
	}
	fputs("</ul></div>\n", f);
}

bool html_field_errors(FILE *f, const char *errors, const char *input, html_input_of input_of, const void *ctx)
{
	char name[64];
	const char *line;
	size_t len;
	bool any = false;
	for (const char *p = errors; (p = next_error(p, name, sizeof name, &line, &len));) {
		const char *in = input_for(name, input_of, ctx);
		if (!len || !in || strcmp(in, input) != 0)
			continue;
		if (f) {
			if (!any) {
				fputs("<p class=\"error-message\" id=\"", f);
				html_esc(f, input);
				fputs("-error\">", f);
			} else {
				fputs("<br>", f);
			}
			fputs("<span class=\"visually-hidden\">Error: </span>", f);
			esc_n(f, line, len);
		}
		any = true;
	}
	if (any && f)
		fputs("</p>", f);
	return any;
}

void html_notice(FILE *f, const char *notice)
{
	if (!notice || !*notice)
		return;
	fputs("<div class=\"notice\" role=\"status\"><p>", f);
	html_esc(f, notice);
	fputs("</p></div>\n", f);
}

/* ---- forms ---- */

static void field_start(FILE *f, const html_field *fd, bool err)
{
	fprintf(f, "<div class=\"field%s\"><label for=\"", err ? " field-error" : "");
	html_esc(f, fd->name);
	fputs("\">", f);
	html_esc(f, fd->label);
	fputs("</label>", f);
	if (fd->hint) {
		fputs("<p class=\"hint\" id=\"", f);
		html_esc(f, fd->name);
		fputs("-hint\">", f);
		html_esc(f, fd->hint);
		fputs("</p>", f);
	}
}

/* id, name and aria-describedby (its hint and its error) of a control. */
static void control_attrs(FILE *f, const html_field *fd, bool err)
{
	fputs(" id=\"", f);
	html_esc(f, fd->name);
	fputs("\" name=\"", f);
	html_esc(f, fd->name);
	fputc('"', f);
	if (fd->hint || err) {
		fputs(" aria-describedby=\"", f);
		if (fd->hint) {
			html_esc(f, fd->name);
			fputs("-hint", f);
		}
		if (err) {
			fputs(fd->hint ? " " : "", f);
			html_esc(f, fd->name);
			fputs("-error", f);
		}
		fputc('"', f);
	}
	if (err)
		fputs(" aria-invalid=\"true\"", f);
}

void html_input(FILE *f, const html_field *fd, const char *errors, html_input_of input_of, const void *ctx)
{
	const bool err = html_field_errors(NULL, errors, fd->name, input_of, ctx);
	field_start(f, fd, err);
	html_field_errors(f, errors, fd->name, input_of, ctx);
	fprintf(f, "<input class=\"input\" type=\"%s\"", fd->type ? fd->type : "text");
	control_attrs(f, fd, err);
	if (fd->width)
		fprintf(f, " size=\"%d\"", fd->width);
	if (fd->autocomplete)
		fprintf(f, " autocomplete=\"%s\"", fd->autocomplete);
	if (fd->value && *fd->value) {
		fputs(" value=\"", f);
		html_esc(f, fd->value);
		fputc('"', f);
	}
	fputs("></div>\n", f);
}

void html_select(FILE *f, const html_field *fd, const char *const *values, const char *const *labels, size_t n,
                 const char *errors, html_input_of input_of, const void *ctx)
{
	const bool err = html_field_errors(NULL, errors, fd->name, input_of, ctx);
	field_start(f, fd, err);
	html_field_errors(f, errors, fd->name, input_of, ctx);
	fputs("<select class=\"select\"", f);
	control_attrs(f, fd, err);
	fputc('>', f);
	for (size_t i = 0; i < n; i++) {
		fputs("<option value=\"", f);
		html_esc(f, values[i]);
		fputc('"', f);
		if (fd->value && strcmp(fd->value, values[i]) == 0)
			fputs(" selected", f);
		fputc('>', f);
		html_esc(f, labels && labels[i] ? labels[i] : values[i]);
		fputs("</option>", f);
	}
	fputs("</select></div>\n", f);
}

void html_choices(FILE *f, const html_field *fd, const char *const *values, const char *const *labels, size_t n,
                  const ehcp_page_query *q, bool radio, const char *checked_default)
{
	fputs("<fieldset class=\"field choices\"><legend>", f);
	html_esc(f, fd->label);
	fputs("</legend>", f);
	const char *cur = radio ? ehcp_page_query_get(q, fd->name) : NULL;
	if (radio && !cur)
		cur = checked_default;
	for (size_t i = 0; i < n; i++) {
		const bool on = radio ? cur && strcmp(cur, values[i]) == 0 : html_query_has(q, fd->name, values[i]);
		fprintf(f, "<div class=\"choice\"><input type=\"%s\" id=\"", radio ? "radio" : "checkbox");
		html_esc(f, fd->name);
		fprintf(f, "-%zu\" name=\"", i);
		html_esc(f, fd->name);
		fputs("\" value=\"", f);
		html_esc(f, values[i]);
		fprintf(f, "\"%s><label for=\"", on ? " checked" : "");
		html_esc(f, fd->name);
		fprintf(f, "-%zu\">", i);
		html_esc(f, labels && labels[i] ? labels[i] : values[i]);
		fputs("</label></div>", f);
	}
	fputs("</fieldset>\n", f);
}

void html_csrf(FILE *f, const ehcp_page_options *o)
{
	fputs("<input type=\"hidden\" name=\"csrf\" value=\"", f);
	html_esc(f, o->csrf ? o->csrf : "");
	fputs("\">", f);
}

/* ---- tables ---- */

int html_sort_col(const ehcp_page_query *q, const html_col *cols, size_t ncols, bool *desc)
{
	const char *s = ehcp_page_query_get(q, "sort"), *d = ehcp_page_query_get(q, "dir");
	*desc = d && strcmp(d, "desc") == 0;
	for (size_t c = 0; s && c < ncols; c++)
		if (cols[c].key && strcmp(cols[c].key, s) == 0)
			return (int)c;
	*desc = false;
	return -1;
}

typedef struct sort_ctx {
	const char *rows;
	size_t size;
	html_key_of key;
	size_t col;
	bool desc;
} sort_ctx;

static int by_key(const void *a, const void *b, void *arg)
{
	const sort_ctx *c = arg;
	const size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const html_key x = c->key(c->rows + i * c->size, c->col), y = c->key(c->rows + j * c->size, c->col);
	int r = x.s && y.s ? strcmp(x.s, y.s) : (x.i > y.i) - (x.i < y.i);
	if (c->desc)
		r = -r;
	/* ties keep the library's order: most urgent first */
	return r ? r : (i > j) - (i < j);
}

size_t *html_sort(const void *rows, size_t n, size_t size, html_key_of key, int col, bool desc)
{
	size_t *idx = malloc((n ? n : 1) * sizeof *idx);
	if (!idx)
		return NULL;
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	if (col >= 0 && n > 1) {
		sort_ctx c = {rows, size, key, (size_t)col, desc};
		qsort_r(idx, n, sizeof *idx, by_key, &c);
	}
	return idx;
}

void html_thead(FILE *f, const html_col *cols, size_t ncols, const ehcp_page_query *q, int sorted, bool desc)
{
	static const char *const drop[] = {"sort", "dir", "format", NULL};
	fputs("<thead><tr>", f);
	for (size_t c = 0; c < ncols; c++) {
		const bool this = (int)c == sorted;
		fprintf(f, "<th scope=\"col\"%s%s>", cols[c].numeric ? " class=\"num\"" : "",
		        this ? desc ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"" : "");
		if (!cols[c].key) {
			html_esc(f, cols[c].title);
			fputs("</th>", f);
			continue;
		}
		char extra[96];
		snprintf(extra, sizeof extra, "sort=%s&dir=%s", cols[c].key, this && !desc ? "desc" : "asc");
		fputs("<a class=\"sort\" href=\"", f);
		html_query(f, q, drop, extra);
		fputs("\">", f);
		html_esc(f, cols[c].title);
		fprintf(f, "<span class=\"visually-hidden\">%s</span></a></th>",
		        this ? desc ? " (sorted descending; sort ascending)" : " (sorted ascending; sort descending)"
		             : " (sort ascending)");
	}
	fputs("</tr></thead>\n", f);
}

void html_tag(FILE *f, const char *key, const char *words)
{
	fputs("<strong class=\"tag tag-", f);
	html_esc(f, key);
	fputs("\">", f);
	html_esc(f, words);
	fputs("</strong>", f);
}

char *html_words(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s", name ? name : "");
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

void html_table_begin(FILE *f, const char *id, const char *caption)
{
	fprintf(f, "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"%s-caption\" tabindex=\"0\">"
	           "<table id=\"%s\"><caption id=\"%s-caption\">",
	        id, id, id);
	html_esc(f, caption);
	fputs("</caption>\n", f);
}

void html_table_end(FILE *f)
{
	fputs("</table></div>\n", f);
}

void html_csv_link(FILE *f, const ehcp_page_query *q, const char *path, const char *what)
{
	static const char *const drop[] = {"format", "sort", "dir", NULL};
	fputs("<p><a class=\"csv\" href=\"", f);
	html_esc(f, path);
	html_query(f, q, drop, "format=csv");
	fputs("\" download>Download ", f);
	html_esc(f, what);
	fputs(" as CSV</a></p>\n", f);
}

void html_caseworker_link(FILE *f, const char *path, const char *name, const char *as_of, const char *none)
{
	if (!name[0]) {
		html_esc(f, none);
		return;
	}
	fputs("<a href=\"", f);
	html_esc(f, path);
	fputs("?caseworker=", f);
	html_url(f, name);
	if (as_of && *as_of) {
		fputs("&amp;as-of=", f);
		html_url(f, as_of);
	}
	fputs("\">", f);
	html_esc(f, name);
	fputs("</a>", f);
}

void html_filters_begin(FILE *f, const char *action, const char *heading, const char *errors)
{
	fputs("<form class=\"filters\" method=\"get\" action=\"", f);
	html_esc(f, action);
	fputs("\" novalidate><h2 class=\"visually-hidden\">", f);
	html_esc(f, heading);
	fputs("</h2>\n", f);
	html_error_summary(f, errors, NULL, NULL);
}

void html_filters_end(FILE *f, const char *action, const char *button)
{
	fputs("<button class=\"button\" type=\"submit\">", f);
	html_esc(f, button);
	fputs("</button> <a href=\"", f);
	html_esc(f, action);
	fputs("\">Clear</a></form>\n", f);
}

const char *html_year(char *buf, size_t len, bool has_year, int nc_year)
{
	if (!has_year)
		return NULL;
	if (nc_year < 0)
		return "Early years";
	if (nc_year == 0)
		return "Reception";
	snprintf(buf, len, "Year %d", nc_year);
	return buf;
}

void html_summary_row(FILE *f, const char *term, const char *value)
{
	fputs("<dt>", f);
	html_esc(f, term);
	fputs("</dt><dd>", f);
	html_esc(f, value);
	fputs("</dd>", f);
}

void html_loads_begin(FILE *f, const char *id, const char *caption, const html_col *cols, size_t ncols)
{
	fprintf(f, "<h2 id=\"%s-heading\">Caseloads</h2>\n", id);
	html_table_begin(f, id, caption);
	html_thead(f, cols, ncols, NULL, -1, false);
	fputs("<tbody>\n", f);
}

void html_loads_row(FILE *f, const char *path, const char *caseworker, const char *as_of, const int *counts, size_t n)
{
	fputs("<tr><th scope=\"row\">", f);
	html_caseworker_link(f, path, caseworker, as_of, "(no caseworker)");
	fputs("</th>", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "<td class=\"num\">%d</td>", counts[i]);
	fputs("</tr>\n", f);
}
