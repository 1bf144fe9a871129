/* The admin page: users and their roles, calendar feeds, revoking. */
#include <string.h>

#include "core/errors_internal.h"
#include "io/sink_internal.h"
#include "render/html.h"

static const char *const roles[] = {"reader", "writer", "admin"};
static const char *const role_words[] = {"Reader: sees everything, changes nothing",
                                         "Writer: records milestones and review steps",
                                         "Admin: also manages users and feeds"};

/* A form's start: POST to `action_path` with its action and the CSRF token. */
static void form_start(FILE *f, const ehcp_page_options *o, const char *action_path, const char *action, bool inline_)
{
	fprintf(f, "<form method=\"post\" action=\"%s\"%s novalidate><input type=\"hidden\" name=\"action\" value=\"%s\">",
	        action_path, inline_ ? " class=\"inline-form\"" : "", action);
	html_csrf(f, o);
}

/* The name field of a one-button form, hidden. */
static void hidden(FILE *f, const char *name, const char *value)
{
	fprintf(f, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	html_esc(f, value);
	fputs("\">", f);
}

/* A time in seconds since 1970 as a British date (UTC). */
static char *epoch_date(char *buf, long long t)
{
	return html_date(buf, (ehcp_date)(t / 86400));
}

void html_feeds(FILE *f, const ehcp_page_options *o, const char *action_path, const ehcp_feeds *feeds, bool revoke)
{
	static const html_col cols[] = {{NULL, "Label", false}, {NULL, "For", false}, {NULL, "Made", false},
	                                {NULL, "State", false}, {NULL, "Action", false}};
	html_table_begin(f, "feeds", "Calendar feeds");
	html_thead(f, cols, revoke ? 5 : 4, NULL, -1, false);
	fputs("<tbody>\n", f);
	for (size_t i = 0; feeds && i < feeds->count; i++) {
		const ehcp_feed *fd = &feeds->feeds[i];
		char d[HTML_DATE_LEN], id[32];
		snprintf(id, sizeof id, "%lld", fd->id);
		fputs("<tr><th scope=\"row\">", f);
		html_esc(f, fd->label && *fd->label ? fd->label : id);
		fputs("</th><td>", f);
		if (fd->caseworker)
			html_esc(f, fd->caseworker);
		else
			fputs("The whole team", f);
		fprintf(f, "</td><td>%s</td><td>", epoch_date(d, fd->created));
		html_tag(f, fd->revoked ? "ended" : "on_track", fd->revoked ? "Revoked" : "Active");
		fputs("</td>", f);
		if (revoke) {
			fputs("<td>", f);
			if (!fd->revoked) {
				form_start(f, o, action_path, "feed_revoke", true);
				hidden(f, "feed", id);
				fputs("<button class=\"button button-warning\" type=\"submit\">Revoke<span class=\"visually-hidden\"> feed ", f);
				html_esc(f, fd->label && *fd->label ? fd->label : id);
				fputs("</span></button></form>", f);
			}
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>", f);
	html_table_end(f);
}

void html_new_feed(FILE *f, const char *url)
{
	if (!url)
		return;
	fputs("<div class=\"feed-url\" role=\"status\"><p><strong>The new feed's address</strong> (shown only now: copy it "
	      "into your calendar):</p><p><code id=\"new-feed-url\">",
	      f);
	html_esc(f, url);
	fputs("</code></p></div>\n", f);
}

int ehcp_page_admin_format(ehcp_sink *out, const ehcp_page_options *given, const ehcp_page_admin *p)
{
	HTML_PAGE_START(o, given, out, p, "admin page");
	FILE *f = ehcp_sink_stream(out);
	const bool admin = o->user && o->role == EHCP_ROLE_ADMIN;
	const char *e = p->errors;
	html_begin(f, o, "Users and feeds", "admin");
	html_notice(f, p->notice);
	html_error_summary(f, e, NULL, NULL);
	html_new_feed(f, p->new_feed_url);

	fputs("<h2>Users</h2>\n", f);
	static const html_col ucols[] = {{NULL, "User", false}, {NULL, "Role", false}, {NULL, "State", false},
	                                 {NULL, "Added", false}, {NULL, "Change", false}};
	html_table_begin(f, "users", "Users and their roles");
	html_thead(f, ucols, admin ? 5 : 4, NULL, -1, false);
	fputs("<tbody>\n", f);
	for (size_t i = 0; p->users && i < p->users->count; i++) {
		const ehcp_user *u = &p->users->users[i];
		const bool locked = !u->disabled && u->locked_until > p->now;
		char d[HTML_DATE_LEN];
		fputs("<tr><th scope=\"row\">", f);
		html_esc(f, u->name);
		fprintf(f, "</th><td>%s</td><td>", ehcp_role_name(u->role));
		html_tag(f, u->disabled ? "ended" : locked ? "overdue" : "on_track",
		         u->disabled ? "Disabled" : locked ? "Locked for a while" : "Active");
		fprintf(f, "</td><td>%s</td>", epoch_date(d, u->created));
		if (admin) {
			fputs("<td>", f);
			if (!u->disabled) {
				/* ids by row: the name may hold characters an id may not */
				form_start(f, o, "/admin", "user_role", true);
				hidden(f, "user", u->name);
				fprintf(f, "<label class=\"visually-hidden\" for=\"role-of-%zu\">Role of ", i);
				html_esc(f, u->name);
				fprintf(f, "</label><select class=\"select\" id=\"role-of-%zu\" name=\"role\">", i);
				for (size_t r = 0; r < sizeof roles / sizeof *roles; r++)
					fprintf(f, "<option value=\"%s\"%s>%s</option>", roles[r],
					        strcmp(roles[r], ehcp_role_name(u->role)) == 0 ? " selected" : "", roles[r]);
				fputs("</select> <button class=\"button button-secondary\" type=\"submit\">Change the role"
				      "<span class=\"visually-hidden\"> of ", f);
				html_esc(f, u->name);
				fputs("</span></button></form> ", f);
				form_start(f, o, "/admin", "user_disable", true);
				hidden(f, "user", u->name);
				fputs("<button class=\"button button-warning\" type=\"submit\">Disable<span class=\"visually-hidden\"> ", f);
				html_esc(f, u->name);
				fputs("</span></button></form>", f);
			}
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>", f);
	html_table_end(f);
	const ehcp_page_query *form = p->form;
	const char *action = ehcp_page_query_get(form, "action");
	const bool adding_user = action && strcmp(action, "user_add") == 0;
	if (admin) {
		fputs("<h3 id=\"add-user\">Add a user</h3>", f);
		form_start(f, o, "/admin", "user_add", false);
		html_input(f, &(html_field){"name", "User name", NULL, adding_user ? ehcp_page_query_get(form, "name") : NULL,
		                            "text", "off", 24},
		           e, NULL, NULL);
		html_choices(f, &(html_field){"role", "Role", NULL, NULL, NULL, NULL, 0}, roles, role_words, 3,
		             adding_user ? form : NULL, true, "reader");
		html_input(f, &(html_field){"password", "Password", "At least 12 characters", NULL, "password", "new-password", 24},
		           e, NULL, NULL);
		fputs("<button class=\"button\" type=\"submit\">Add the user</button></form>\n", f);
	}

	fputs("<h2>Calendar feeds</h2>\n<p>A feed's address is shown once, when it is made; only a hash of it is kept. "
	      "Revoking a feed stops it at once.</p>\n",
	      f);
	html_feeds(f, o, "/admin", p->feeds, admin);
	if (admin) {
		const bool adding_feed = action && strcmp(action, "feed_add") == 0;
		fputs("<h3>Add a feed</h3>", f);
		form_start(f, o, "/admin", "feed_add", false);
		html_input(f, &(html_field){"caseworker", "Caseworker", "Empty: the whole team's deadlines",
		                            adding_feed ? ehcp_page_query_get(form, "caseworker") : NULL, "text", NULL, 24},
		           e, NULL, NULL);
		html_input(f, &(html_field){"label", "Label", NULL, adding_feed ? ehcp_page_query_get(form, "label") : NULL,
		                            "text", NULL, 24},
		           e, NULL, NULL);
		fputs("<button class=\"button\" type=\"submit\">Make the feed</button></form>\n", f);
	}
	return html_end(out, "the admin page");
}
