-- 0009: the import's triggers at the scale of a country, doing what they
-- did.  0006's ehcp_request_makes_plan looked for an existing plan with one
-- OR over two columns, which PostgreSQL can only answer row by row (two
-- index probes for each of a million final plans); one NOT EXISTS per
-- column lets it anti-join the whole statement at once.  The same plans
-- are made: none where a plan has the request's reference (as case_ref or,
-- by ON CONFLICT, as plan_ref) or its id.  And the plans whose request's
-- final plan moved are found from the moved ones alone.
CREATE OR REPLACE FUNCTION ehcp_request_makes_plan() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- the moved final plans first (OFFSET 0 keeps them apart): joined
        -- with the plans in one step, old_rows was read again for every
        -- plan (a 1% --update: four minutes)
        UPDATE ehcp_plan p SET plan_start_date = m.moved_to
          FROM (SELECT n.id, n.case_ref, o.final_plan_date AS moved_from, n.final_plan_date AS moved_to
                  FROM new_rows n JOIN old_rows o ON o.id = n.id
                 WHERE n.final_plan_date <> o.final_plan_date OFFSET 0) m
         WHERE p.id = m.id AND p.case_ref = m.case_ref AND p.plan_start_date = m.moved_from;
    END IF;
    INSERT INTO ehcp_plan (id, plan_ref, child_ref, date_of_birth, caseworker, case_ref, plan_start_date)
    SELECT n.id, n.case_ref, n.child_ref, n.date_of_birth, n.caseworker, n.case_ref, n.final_plan_date
      FROM new_rows n
     WHERE n.final_plan_date IS NOT NULL AND n.request_type IN ('initial', 'transfer_in')
       AND NOT EXISTS (SELECT 1 FROM ehcp_plan p WHERE p.case_ref = n.case_ref)
       AND NOT EXISTS (SELECT 1 FROM ehcp_plan p WHERE p.id = n.id)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- A request's changes: each changed row's old and new values as JSON once,
-- not twice for each of its columns (0001 built both whole rows again for
-- every column: a nightly --update of 15,000 changed requests made a
-- million JSON rows).  The same entries, in the same order.
CREATE OR REPLACE FUNCTION ehcp_request_changed() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO ehcp_history (request_id, app_user, action, field, old_value, new_value)
    SELECT x.id, nullif(current_setting('ehcp.app_user', true), ''),
           CASE WHEN d.old_value IS NULL THEN 'recorded'
                WHEN d.new_value IS NULL THEN 'cleared'
                ELSE 'corrected' END,
           d.field, d.old_value, d.new_value
      FROM (SELECT n.id, to_jsonb(o) AS o, to_jsonb(n) AS n
              FROM new_rows n JOIN old_rows o ON o.id = n.id OFFSET 0) x
     CROSS JOIN LATERAL (
           SELECT a.attname::text AS field, x.o ->> a.attname AS old_value, x.n ->> a.attname AS new_value, a.attnum
             FROM pg_attribute a
            WHERE a.attrelid = 'ehcp_request'::regclass AND a.attnum > 0 AND NOT a.attisdropped
              AND a.attname NOT IN ('id', 'version', 'created_at', 'updated_at')) d
     WHERE d.old_value IS DISTINCT FROM d.new_value
     ORDER BY x.id, d.attnum;
    RETURN NULL;
END
$$;
