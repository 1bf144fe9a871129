/* The iCalendar export, built with libical. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>
#include <uuid/uuid.h>

#include "core/case_internal.h"
#include "ehcp/ical.h"
#include "core/errors_internal.h"
#include "db/reviewlist_internal.h"
#include "io/sink_internal.h"

/* The deadlines a caseworker acts on (the notice not to issue is a
 * decision they may never take, so it is left out). */
static const ehcp_deadline_kind exported[] = {
    EHCP_DEADLINE_DECISION, EHCP_DEADLINE_HEALTH_ADVICE, EHCP_DEADLINE_SOCIAL_CARE_ADVICE,
    EHCP_DEADLINE_EP_ADVICE, EHCP_DEADLINE_SAFE_DRAFT, EHCP_DEADLINE_FINAL_PLAN,
    EHCP_DEADLINE_TRIBUNAL_NOTICE, EHCP_DEADLINE_TRIBUNAL_DRAFT};

enum flag { FLAG_NONE = 0, FLAG_NEARING = 1, FLAG_OVERDUE = 2 };

/* Rises with every change of the case, and with the flag; an overdue event
 * moves to each day's as-of date, so it rises with each day too. */
static int sequence_of(int version, enum flag f, int days_overdue)
{
	int moved = f == FLAG_OVERDUE ? 2 + (days_overdue < 9997 ? days_overdue : 9997) : (int)f;
	return version * 10000 + moved;
}

static struct icaltimetype ical_date(ehcp_date d)
{
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	struct icaltimetype t = icaltime_null_date();
	t.year = y;
	t.month = m;
	t.day = day;
	return t;
}

/* uuid5(case id, deadline name): stable, and says nothing of the child. */
static void event_uid(char out[64], const char *case_id, const char *deadline)
{
	uuid_t ns, u;
	char text[37];
	if (uuid_parse(case_id, ns) != 0)
		memset(ns, 0, sizeof ns);
	uuid_generate_sha1(u, ns, deadline, strlen(deadline));
	uuid_unparse_lower(u, text);
	snprintf(out, 64, "%s@ehcp", text);
}

static icalproperty *x_prop(const char *name, const char *value)
{
	icalproperty *p = icalproperty_new_x(value);
	icalproperty_set_x_name(p, name);
	return p;
}

/* What one event shows: a case's deadline or a plan's limit. */
typedef struct {
	const char *id;        /* the case's or plan's id: the UID's namespace */
	const char *uid_name;  /* the limit, stable across exports */
	const char *ref;       /* case or plan reference */
	const char *label;
	const char *desc;      /* the description, up to "Statutory deadline: " */
	ehcp_date due;
	int version;
	bool excused;
} event_spec;

static icalcomponent *make_event(const event_spec *e, ehcp_date on, int nearing, struct icaltimetype stamp)
{
	const int left = e->due - on;
	const enum flag f = left < 0 ? FLAG_OVERDUE : left <= nearing ? FLAG_NEARING : FLAG_NONE;
	const ehcp_date day = f == FLAG_OVERDUE ? on : e->due;
	char uid[64], summary[600], desc[1400], due_text[EHCP_DATE_LONG_LEN];
	event_uid(uid, e->id, e->uid_name);

	const char *label = e->label;
	if (f == FLAG_OVERDUE)
		snprintf(summary, sizeof summary, "[OVERDUE] %s: %s", e->ref, label);
	else if (f == FLAG_NEARING && left == 0)
		snprintf(summary, sizeof summary, "[DUE TODAY] %s: %s", e->ref, label);
	else if (f == FLAG_NEARING)
		snprintf(summary, sizeof summary, "[DUE IN %d DAY%s] %s: %s", left, left == 1 ? "" : "S", e->ref, label);
	else
		snprintf(summary, sizeof summary, "%s: %s", e->ref, label);
	snprintf(desc, sizeof desc, "%sStatutory deadline: %s%s.%s", e->desc, ehcp_date_format_long(due_text, e->due),
	         f == FLAG_OVERDUE ? " (missed)" : "", e->excused ? " An exception is recorded." : "");

	icalcomponent *ev = icalcomponent_vanew(ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid), icalproperty_new_dtstamp(stamp),
	                                        icalproperty_new_dtstart(ical_date(day)),
	                                        icalproperty_new_dtend(ical_date(day + 1)), icalproperty_new_summary(summary),
	                                        icalproperty_new_description(desc),
	                                        icalproperty_new_sequence(sequence_of(e->version, f, -left)),
	                                        icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT),
	                                        icalproperty_new_class(ICAL_CLASS_PRIVATE), (void *)0);
	icalcomponent_add_property(ev, icalproperty_new_categories("EHCP"));
	icalcomponent_add_property(ev, icalproperty_new_categories(label));
	if (f != FLAG_NONE)
		icalcomponent_add_property(ev, icalproperty_new_categories(f == FLAG_OVERDUE ? "OVERDUE" : "NEARING"));

	/* A week before, at 09:00 (the event starts at midnight): or, for a
	 * missed deadline, 09:00 on the day it is shown. */
	struct icaldurationtype before = icaldurationtype_null_duration();
	if (f == FLAG_OVERDUE) {
		before.hours = 9;
	} else {
		before.is_neg = 1;
		before.days = 6;
		before.hours = 15;
	}
	struct icaltriggertype trigger = icaltriggertype_from_int(0);
	trigger.duration = before;
	char alarm_text[640];
	snprintf(alarm_text, sizeof alarm_text, "%s", summary);
	icalcomponent *alarm = icalcomponent_vanew(ICAL_VALARM_COMPONENT, icalproperty_new_action(ICAL_ACTION_DISPLAY),
	                                           icalproperty_new_trigger(trigger), icalproperty_new_description(alarm_text),
	                                           (void *)0);
	icalcomponent_add_component(ev, alarm);
	return ev;
}

static void write_event(FILE *out, const event_spec *e, ehcp_date on, int nearing, struct icaltimetype stamp)
{
	icalcomponent *ev = make_event(e, on, nearing, stamp);
	char *text = icalcomponent_as_ical_string_r(ev);
	if (text)
		fputs(text, out);
	free(text);
	icalcomponent_free(ev);
}

/* A plan's limits outstanding on the day, up to the horizon (missed ones
 * too, shown on the day); *count grows by the events written. */
static int plan_events(FILE *out, size_t *count, const ehcp_ical_plan *p, ehcp_date on, int nearing, int horizon,
                       struct icaltimetype stamp)
{
	ehcp_plan_view v;
	ehcp_plan_item items[EHCP_PLAN_OUTSTANDING_MAX];
	const size_t n = ehcp_plan_view_outstanding(&v, items, &p->dates, p->reviews, p->review_count, on, nearing);
	for (size_t i = 0; i < n; i++) {
		const ehcp_plan_item *it = &items[i];
		if (it->due - on > horizon)
			continue;
		char name[96], desc[800], held[EHCP_DATE_LONG_LEN], iso[EHCP_DATE_ISO_LEN];
		const char *label = ehcp_review_due_label(it->kind);
		if (it->kind == EHCP_DUE_REVIEW) {
			snprintf(name, sizeof name, "plan review");
			snprintf(desc, sizeof desc, "Annual review of EHC plan %s: the meeting is due. ", p->plan_ref);
		} else if (it->meeting != EHCP_DATE_NONE) {
			snprintf(name, sizeof name, "plan review %s %s", ehcp_date_format_iso(iso, it->meeting),
			         ehcp_review_due_name(it->kind));
			snprintf(desc, sizeof desc, "%s after the review of EHC plan %s held %s. ", label, p->plan_ref,
			         ehcp_date_format_long(held, it->meeting));
		} else {
			snprintf(name, sizeof name, "plan %s %s", ehcp_review_due_name(it->kind),
			         ehcp_date_format_iso(iso, v.transfer.transfer));
			snprintf(desc, sizeof desc, "Phase transfer of EHC plan %s on %s: the amended plan (or a decision to "
			         "maintain) is due. ", p->plan_ref, ehcp_date_format_long(held, v.transfer.transfer));
		}
		const event_spec e = {p->id, name, p->plan_ref, label, desc, it->due, p->version, false};
		write_event(out, &e, on, nearing, stamp);
		(*count)++;
	}
	return 0;
}

int ehcp_ical_options_init(ehcp_ical_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_ICAL_OPTIONS_VERSION, EHCP_ICAL_OPTIONS_INIT, "ehcp_ical_options");
}

int ehcp_ical_fetch(ehcp_case_list **out, ehcp_store *s, const ehcp_ical_options *opts)
{
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_ical_options, opts, EHCP_ICAL_OPTIONS_INIT, EHCP_ICAL_OPTIONS_VERSION);
	if (!out || !s)
		return ehcp_fail(EHCP_EINVALID, "the calendar needs somewhere to go and a store");
	ehcp_case_filter f = EHCP_CASE_FILTER_INIT;
	f.caseworker = opts->caseworker;
	f.open_only = true;
	return ehcp_case_list_get(out, s, &f, opts->as_of != EHCP_DATE_NONE ? opts->as_of : ehcp_date_today());
}

void ehcp_ical_plans_free(ehcp_ical_plans *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->count; i++)
		free(p->plans[i].reviews);
	free(p->plans);
	free(p);
}

int ehcp_ical_fetch_plans(ehcp_ical_plans **out, ehcp_store *s, const ehcp_ical_options *opts)
{
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_ical_options, opts, EHCP_ICAL_OPTIONS_INIT, EHCP_ICAL_OPTIONS_VERSION);
	if (!out || !s)
		return ehcp_fail(EHCP_EINVALID, "the calendar needs somewhere to go and a store");
	*out = NULL;
	const ehcp_date on = opts->as_of != EHCP_DATE_NONE ? opts->as_of : ehcp_date_today();
	ehcp_plan_scan sc;
	int err = ehcp_plan_scan_open(&sc, s, opts->caseworker, on, false);
	if (err < 0)
		return err;
	ehcp_ical_plans *l = calloc(1, sizeof *l);
	if (!l || !(l->plans = calloc((size_t)sc.rows + 1, sizeof *l->plans))) {
		free(l);
		ehcp_plan_scan_close(&sc);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	l->on = on;
	ehcp_plan_rec p;
	while ((err = ehcp_plan_scan_next(&sc, &p)) == 1) {
		ehcp_ical_plan *q = &l->plans[l->count];
		snprintf(q->id, sizeof q->id, "%s", p.id);
		snprintf(q->plan_ref, sizeof q->plan_ref, "%s", p.plan_ref);
		q->version = p.version;
		q->dates = p.dates;
		if (p.n && !(q->reviews = malloc(p.n * sizeof *q->reviews))) {
			err = ehcp_fail(EHCP_ENOMEM, "out of memory");
			break;
		}
		if (p.n)
			memcpy(q->reviews, p.reviews, p.n * sizeof *q->reviews);
		q->review_count = p.n;
		l->count++;
	}
	ehcp_plan_scan_close(&sc);
	if (err < 0) {
		ehcp_ical_plans_free(l);
		return err;
	}
	*out = l;
	return 0;
}

int ehcp_ical_format(ehcp_sink *sink, size_t *events, const ehcp_case_list *cases, const ehcp_ical_options *opts)
{
	if (!cases)
		return ehcp_fail(EHCP_EINVALID, "no cases for the calendar, or nowhere to write it");
	return ehcp_ical_format_all(sink, events, cases, NULL, opts);
}

int ehcp_ical_format_all(ehcp_sink *sink, size_t *events, const ehcp_case_list *cases, const ehcp_ical_plans *plans,
                         const ehcp_ical_options *opts)
{
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_ical_options, opts, EHCP_ICAL_OPTIONS_INIT, EHCP_ICAL_OPTIONS_VERSION);
	int err = 0;
	if (!sink || (!cases && !plans))
		return ehcp_fail(EHCP_EINVALID, "nothing for the calendar, or nowhere to write it");
	FILE *out = ehcp_sink_stream(sink);
	const ehcp_date on = cases ? cases->on : plans->on;
	const int horizon = opts->horizon_days >= 0 ? opts->horizon_days : 365;
	const int nearing = opts->nearing_days >= 0 ? opts->nearing_days : EHCP_DAYS_NEARING_DEFAULT;

	struct icaltimetype stamp =
	    icaltime_from_timet_with_zone(opts->dtstamp ? (time_t)opts->dtstamp : time(NULL), 0, icaltimezone_get_utc_timezone());

	char name[600];
	if (opts->calendar_name)
		snprintf(name, sizeof name, "%s", opts->calendar_name);
	else if (opts->caseworker)
		snprintf(name, sizeof name, "EHC deadlines: %s", opts->caseworker);
	else
		snprintf(name, sizeof name, "EHC deadlines: the team");

	/* The calendar's own properties, through libical, then each event on
	 * its own: one string per event keeps a large export linear. */
	icalcomponent *cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
	                                         icalproperty_new_prodid("-//ehcp//EHC needs assessment deadlines//EN"),
	                                         icalproperty_new_calscale("GREGORIAN"), icalproperty_new_method(ICAL_METHOD_PUBLISH),
	                                         x_prop("X-WR-CALNAME", name), x_prop("NAME", name),
	                                         x_prop("X-PUBLISHED-TTL", "PT12H"), (void *)0);
	icalproperty *refresh = x_prop("REFRESH-INTERVAL", "PT12H");
	icalproperty_set_parameter(refresh, icalparameter_new_value(ICAL_VALUE_DURATION));
	icalcomponent_add_property(cal, refresh);
	char *head = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	static const char end[] = "END:VCALENDAR\r\n";
	size_t hl = head ? strlen(head) : 0;
	if (!head || hl < sizeof end - 1 || strcmp(head + hl - (sizeof end - 1), end) != 0) {
		free(head);
		return ehcp_fail(EHCP_ERROR, "libical did not make a calendar");
	}
	fwrite(head, 1, hl - (sizeof end - 1), out);
	free(head);

	size_t n = 0;
	for (size_t i = 0; cases && i < cases->count; i++) {
		const ehcp_case *c = cases->cases[i];
		for (size_t j = 0; j < sizeof exported / sizeof exported[0]; j++) {
			const ehcp_deadline_kind k = exported[j];
			const ehcp_deadline *d = &c->deadlines[k];
			if (!d->applies || d->met != EHCP_DATE_NONE || d->due - on > horizon)
				continue;
			/* no column records the notice to assess: shown until its day */
			if (k == EHCP_DEADLINE_TRIBUNAL_NOTICE && d->due < on)
				continue;
			char desc[700], req_text[EHCP_DATE_LONG_LEN];
			const char *label = ehcp_deadline_label_for(k, c->dates.type);
			snprintf(desc, sizeof desc, "%s for EHC needs assessment request %s, received %s. ", label, c->case_ref,
			         ehcp_date_format_long(req_text, c->dates.request));
			const event_spec e = {c->id, ehcp_deadline_name(k), c->case_ref, label, desc, d->due, c->version,
			                      d->excused};
			write_event(out, &e, on, nearing, stamp);
			n++;
		}
	}
	for (size_t i = 0; plans && i < plans->count && err == 0; i++)
		err = plan_events(out, &n, &plans->plans[i], on, nearing, horizon, stamp);
	if (err < 0)
		return err;
	fputs(end, out);
	if ((err = ehcp_sink_flush(sink, "the calendar")) < 0)
		return err;
	if (events)
		*events = n;
	return 0;
}
