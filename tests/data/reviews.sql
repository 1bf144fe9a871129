-- A small plan register for the review list and the calendar, seen on Mon
-- 20 Jan 2025 (tests/test_reviewlist.c, tests/cli_reviews.sh,
-- tests/test_ical.c work every expected row and event from it by hand).
INSERT INTO ehcp_plan (id, plan_ref, child_ref, date_of_birth, caseworker, plan_start_date, transferred_in_date,
                       next_transfer_date, next_transfer_to, ceased_date, cease_reason) VALUES
 ('00000000-0000-4000-8000-000000000001', 'P-OVERDUE-REVIEW', 'CH-1', '2015-03-10', 'A', '2023-06-01', NULL, NULL, NULL, NULL, NULL),
 ('00000000-0000-4000-8000-000000000002', 'P-NEAR-REVIEW', 'CH-2', '2012-10-05', 'B', '2022-02-10', NULL, NULL, NULL, NULL, NULL),
 ('00000000-0000-4000-8000-000000000003', 'P-REPORT-LATE', 'CH-3', '2010-01-01', 'A', '2020-01-15', NULL, NULL, NULL, NULL, NULL),
 ('00000000-0000-4000-8000-000000000004', 'P-AMEND', 'CH-4', '2016-07-01', 'B', '2019-09-01', NULL, NULL, NULL, NULL, NULL),
 ('00000000-0000-4000-8000-000000000005', 'P-Y6', 'CH-Y6', '2014-03-03', 'A', '2020-05-01', NULL, NULL, NULL, NULL, NULL),
 ('00000000-0000-4000-8000-000000000006', 'P-Y6-MET', 'CH-6', '2013-11-11', 'B', '2021-01-10', NULL, NULL, NULL, NULL, NULL),
 ('00000000-0000-4000-8000-000000000007', 'P-Y11', 'CH-7', '2009-02-02', NULL, '2018-03-01', NULL, NULL, NULL, NULL, NULL),
 ('00000000-0000-4000-8000-000000000008', 'P-NODOB', 'CH-8', NULL, 'B', '2024-03-01', NULL, NULL, NULL, NULL, NULL),
 ('00000000-0000-4000-8000-000000000009', 'P-TRANSFERRED-IN', 'CH-9', '2018-01-15', 'A', '2020-09-01', '2024-12-10', NULL, NULL, NULL, NULL),
 ('00000000-0000-4000-8000-00000000000a', 'P-CEASED', 'CH-10', '2012-01-01', 'A', '2019-01-01', NULL, NULL, NULL, '2024-12-01', 'needs_met'),
 ('00000000-0000-4000-8000-00000000000b', 'P-CEASE-LATER', 'CH-11', '2008-06-01', 'B', '2019-05-01', NULL, NULL, NULL, '2025-03-01', 'moved_la'),
 ('00000000-0000-4000-8000-00000000000c', 'P-FUTURE', 'CH-12', '2015-01-01', 'A', '2025-02-01', NULL, NULL, NULL, NULL, NULL);

INSERT INTO ehcp_review (plan_id, meeting_date, invitations_date, report_date, decision, decision_date,
                         amendments_proposed_date, amended_plan_date) VALUES
 ('00000000-0000-4000-8000-000000000002', '2024-02-05', '2024-01-15', '2024-02-12', 'maintain', '2024-02-20', NULL, NULL),
 -- the report recorded after the day: as of 20 January it is still missing
 ('00000000-0000-4000-8000-000000000003', '2025-01-02', NULL, '2025-01-25', NULL, NULL, NULL, NULL),
 ('00000000-0000-4000-8000-000000000004', '2024-11-25', NULL, '2024-12-02', 'amend', '2024-12-10', '2024-12-16', NULL),
 ('00000000-0000-4000-8000-000000000005', '2024-03-01', NULL, '2024-03-08', 'maintain', '2024-03-20', NULL, NULL),
 ('00000000-0000-4000-8000-000000000006', '2024-09-20', NULL, '2024-09-30', 'amend', '2024-10-01', '2024-10-05', '2024-11-20'),
 ('00000000-0000-4000-8000-000000000007', '2024-06-10', NULL, '2024-06-20', 'maintain', '2024-06-25', NULL, NULL),
 ('00000000-0000-4000-8000-00000000000a', '2024-01-10', NULL, NULL, NULL, NULL, NULL, NULL),
 ('00000000-0000-4000-8000-00000000000b', '2024-05-01', NULL, '2024-05-10', 'cease', '2024-05-20', NULL, NULL);
