-- Ingest speed (issue 9's figures; SQLite). Keep in step with ../postgresql/V4__ingest.sql.
-- (V3 is another change's slot.)

-- entry_by_id (col, stix_id, version_key) took every added entry at a random place (STIX ids are
-- random UUIDs), so each bundle dirtied about one index page per object. Lookups by id now go
-- through object_version (stix_id, version_key) to the entry's (col, ver), which is unique.
DROP INDEX entry_by_id;
