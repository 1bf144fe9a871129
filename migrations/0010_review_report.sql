-- 0010: what the reviews report reads (src/db/review_report_sql.h).  The
-- report streams the meetings of about three years, with what a review
-- decided and when: the meeting-day index now carries those columns too, so
-- that the stretch is read from the index alone (about a fifth of the table)
-- rather than from every page of the table, where a plan's reviews of all
-- years lie together.  Same key: every query the old index served, it serves.
DROP INDEX ehcp_review_meeting_date;
CREATE INDEX ehcp_review_meeting_date ON ehcp_review (meeting_date)
    INCLUDE (plan_id, decision, decision_date, amended_plan_date);

-- A phase transfer is met by an amended plan or a decision to maintain dated
-- in the year before it, whatever day the meeting was: the reviews dated more
-- than 92 days after their meeting (the number the report's query uses) are
-- the few an older meeting can bring in, and only they are indexed here.
CREATE INDEX ehcp_review_slow ON ehcp_review ((coalesce(amended_plan_date, decision_date)))
    INCLUDE (plan_id, meeting_date, decision, decision_date, amended_plan_date)
    WHERE coalesce(amended_plan_date, decision_date) > meeting_date + 92;
