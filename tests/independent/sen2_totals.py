#!/usr/bin/env python3
# Usage: sen2_totals.py RETURN.xml YEAR  -> "measure,value" lines, sorted.
# The SEN2 checking totals counted from the XML alone (xml.etree and
# Python's own dates), sharing no code with ehcp: what `ehcp report sen2`
# gives for the same calendar year.
import sys, datetime as dt, xml.etree.ElementTree as ET
from decimal import Decimal, ROUND_HALF_UP

year = int(sys.argv[2])
lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
def d(e, tag):
    x = e.find(tag)
    return dt.date.fromisoformat(x.text) if x is not None else None
def inyear(x): return x is not None and lo <= x <= hi
def yes(e, tag):
    x = e.find(tag)
    return x is not None and x.text in ('true', '1', 'TRUE')
def age(born, on):
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

c = dict.fromkeys(['requests_received', 'requests_refused', 'decisions_whether_to_assess', 'decisions_within_6_weeks',
                   'assessments_completed', 'decisions_not_to_issue', 'new_plans_issued', 'plans_age_under_5',
                   'plans_age_5_to_10', 'plans_age_11_to_15', 'plans_age_16_to_19', 'plans_age_20_to_25',
                   'plans_age_unknown', 'plans_mediation_or_tribunal', 'timeliness_base', 'plans_within_20_weeks',
                   'timeliness_base_excl_exceptions', 'within_20_weeks_excl_exceptions', 'plans_with_exception',
                   'over_20_to_52_weeks', 'over_52_weeks'], 0)
days_sum = 0
for person in ET.parse(sys.argv[1]).getroot().iter('Person'):
    born = d(person, 'PersonBirthDate')
    for q in person.findall('Requests'):
        outcome = q.find('RequestOutcome').text
        if outcome == 'H':
            continue   # a plan from before the year or from another council: not a new plan
        rec, rod = d(q, 'ReceivedDate'), d(q, 'RequestOutcomeDate')
        if inyear(rec): c['requests_received'] += 1
        if outcome in 'YN' and inyear(rod):
            c['decisions_whether_to_assess'] += 1
            if outcome == 'N': c['requests_refused'] += 1
            if (rod - rec).days <= 42: c['decisions_within_6_weeks'] += 1
        a = q.find('Assessment')
        if a is None:
            continue
        mt = any(yes(e, t) for e, t in ((q, 'RequestMediation'), (q, 'RequestTribunal'),
                                        (a, 'AssessmentMediation'), (a, 'AssessmentTribunal')))
        ao, aod = a.find('AssessmentOutcome').text, d(a, 'AssessmentOutcomeDate')
        if ao in 'YN' and inyear(aod):
            c['assessments_completed'] += 1
            if ao == 'N': c['decisions_not_to_issue'] += 1
        p = a.find('NamedPlan')
        if p is None or not inyear(d(p, 'StartDate')):
            continue
        start = d(p, 'StartDate')
        c['new_plans_issued'] += 1
        g = age(born, start)
        band = ('plans_age_under_5' if 0 <= g <= 4 else 'plans_age_5_to_10' if 5 <= g <= 10 else
                'plans_age_11_to_15' if 11 <= g <= 15 else 'plans_age_16_to_19' if 16 <= g <= 19 else
                'plans_age_20_to_25' if 20 <= g <= 25 else 'plans_age_unknown')
        c[band] += 1
        if mt:
            c['plans_mediation_or_tribunal'] += 1
            continue
        days = (start - rec).days
        within = days <= 140
        exc = yes(a, 'Week20')
        c['timeliness_base'] += 1
        days_sum += days
        c['plans_within_20_weeks'] += within
        if exc:
            c['plans_with_exception'] += 1
        else:
            c['timeliness_base_excl_exceptions'] += 1
            c['within_20_weeks_excl_exceptions'] += within
        if not within:
            c['over_20_to_52_weeks' if days <= 364 else 'over_52_weeks'] += 1

def pct(n, m):
    return '' if m == 0 else str((Decimal(100 * n) / Decimal(m)).quantize(Decimal('0.1'), ROUND_HALF_UP))
c['percent_decisions_within_6_weeks'] = pct(c['decisions_within_6_weeks'], c['decisions_whether_to_assess'])
c['percent_within_20_weeks'] = pct(c['plans_within_20_weeks'], c['timeliness_base'])
c['percent_within_20_weeks_excl_exceptions'] = pct(c['within_20_weeks_excl_exceptions'], c['timeliness_base_excl_exceptions'])
c['mean_weeks_to_issue'] = '' if not c['timeliness_base'] else str(
    (Decimal(days_sum) / Decimal(7) / Decimal(c['timeliness_base'])).quantize(Decimal('0.1'), ROUND_HALF_UP))
for k in sorted(c):
    print('%s,%s' % (k, c[k]))
