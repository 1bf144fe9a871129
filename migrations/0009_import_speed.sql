-- 0009: a bulk import's plans without a probe per request.  0006's
-- ehcp_request_makes_plan looked for an existing plan with one OR over two
-- columns, which PostgreSQL can only answer row by row (two index probes
-- for each of a million final plans); one NOT EXISTS per column lets it
-- anti-join the whole statement at once.  The same plans are made: none
-- where a plan has the request's reference (as case_ref or, by ON CONFLICT,
-- as plan_ref) or its id.
CREATE OR REPLACE FUNCTION ehcp_request_makes_plan() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        UPDATE ehcp_plan p SET plan_start_date = n.final_plan_date
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE p.id = n.id AND p.case_ref = n.case_ref
           AND n.final_plan_date IS NOT NULL AND o.final_plan_date IS NOT NULL
           AND n.final_plan_date <> o.final_plan_date AND p.plan_start_date = o.final_plan_date;
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
