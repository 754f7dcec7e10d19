-- Relationship edges (SQLite). Keep in step with ../postgresql/V8__relation.sql.

-- One row per stored relationship version (object_version rows are never deleted, nor are these):
-- what the live detector follows to attribute an indicator (indicates → intrusion set, threat
-- actor, campaign, malware, tool, attack pattern; a campaign's attributed-to → actor), and back,
-- from a changed relationship or actor to the indicators it attributes. Filled by ObjectIngest.
CREATE TABLE relation (
  ver INTEGER PRIMARY KEY REFERENCES object_version (ver),
  stix_id TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  target_ref TEXT NOT NULL,
  relationship_type TEXT NOT NULL
);
CREATE INDEX relation_by_source ON relation (source_ref, relationship_type);
CREATE INDEX relation_by_target ON relation (target_ref, relationship_type);

-- The relationships stored before this table existed (their bodies were validated on intake).
INSERT INTO relation (ver, stix_id, source_ref, target_ref, relationship_type)
SELECT ver, stix_id, source_ref, target_ref, relationship_type
FROM (
  SELECT ver, stix_id,
         json_extract(CAST(body AS TEXT), '$.source_ref') AS source_ref,
         json_extract(CAST(body AS TEXT), '$.target_ref') AS target_ref,
         json_extract(CAST(body AS TEXT), '$.relationship_type') AS relationship_type
  FROM object_version
  WHERE type = 'relationship' AND json_valid(CAST(body AS TEXT))
)
WHERE typeof(source_ref) = 'text' AND typeof(target_ref) = 'text'
  AND typeof(relationship_type) = 'text';
