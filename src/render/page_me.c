/* A caseworker's own page: their lists, their calendar feeds, how to subscribe. */
#include "core/errors_internal.h"
#include "io/sink_internal.h"
#include "render/html.h"

int ehcp_page_me_format(ehcp_sink *out, const ehcp_page_options *given, const ehcp_page_me *p)
{
	HTML_PAGE_START(o, given, out, p, "page");
	FILE *f = ehcp_sink_stream(out);
	html_begin(f, o, "My work and calendar", "me");
	html_error_summary(f, p->errors, NULL, NULL);
	html_new_feed(f, p->new_feed_url);
	if (o->caseworker && *o->caseworker) {
		fputs("<ul class=\"links\"><li><a href=\"/cases?caseworker=", f);
		html_url(f, o->caseworker);
		fputs("\">My cases</a></li><li><a href=\"/reviews?caseworker=", f);
		html_url(f, o->caseworker);
		fputs("&amp;all=1\">My reviews</a></li></ul>\n", f);
	} else {
		fputs("<p>You are not named as a caseworker on any case, so there is no list of your own. The "
		      "<a href=\"/cases\">case list</a> and the <a href=\"/reviews\">review list</a> show everyone's.</p>\n",
		      f);
	}
	fputs("<h2>My calendar feed</h2>\n<p>A calendar feed puts the deadlines of your cases and reviews into your "
	      "calendar and keeps them current by itself: subscribe once.</p>\n",
	      f);
	if (p->feeds && p->feeds->count)
		html_feeds(f, o, "/me", p->feeds, false);
	if (o->caseworker && *o->caseworker) {
		fputs("<form method=\"post\" action=\"/me\" novalidate><input type=\"hidden\" name=\"action\" value=\"feed_add\">",
		      f);
		html_csrf(f, o);
		fputs("<button class=\"button\" type=\"submit\">Make a new feed address</button></form>\n", f);
	}
	fputs("<h3>Subscribing</h3>\n"
	      "<p>Copy the feed's address (it begins <code>https://</code> and ends <code>.ics</code>). Treat it like a "
	      "password: anyone with it can read your deadlines. If it is shared by mistake, ask an admin to revoke it.</p>\n"
	      "<dl class=\"summary\">"
	      "<dt>Outlook</dt><dd>In Calendar, choose <strong>Add calendar</strong>, then <strong>Subscribe from "
	      "web</strong> (in older versions: <strong>Open calendar</strong>, <strong>From the internet</strong>), paste "
	      "the address and choose <strong>Import</strong>.</dd>"
	      "<dt>Google Calendar</dt><dd>Beside <strong>Other calendars</strong>, choose <strong>+</strong>, then "
	      "<strong>From URL</strong>, paste the address and choose <strong>Add calendar</strong>. Google refreshes "
	      "it every few hours.</dd>"
	      "<dt>Apple Calendar</dt><dd>Choose <strong>File</strong>, then <strong>New Calendar Subscription</strong>, "
	      "paste the address, choose <strong>Subscribe</strong>, and set <strong>Auto-refresh</strong> to every "
	      "hour. On an iPhone: Settings, Calendar, Accounts, Add Account, Other, Add Subscribed Calendar.</dd></dl>\n",
	      f);
	return html_end(out, "the page");
}
