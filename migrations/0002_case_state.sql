-- 0002: once the SQL statutory clock, written out by hand beside the C one.
-- The rules now live in one place (include/ehcp/rules.h), and their SQL is
-- generated from it (src/rules.sql.in); 0005 drops what this migration
-- made in databases created before then.  Kept, empty, so that the
-- numbering of the migrations stays as every database has recorded it.
SELECT 1;
