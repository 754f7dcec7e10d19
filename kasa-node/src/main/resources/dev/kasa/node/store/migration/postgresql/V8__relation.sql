-- Relationship edges (PostgreSQL). Keep in step with ../sqlite/V8__relation.sql.

-- One row per stored relationship version (object_version rows are never deleted, nor are these):
-- what the live detector follows to attribute an indicator (indicates → intrusion set, threat
-- actor, campaign, malware, tool, attack pattern; a campaign's attributed-to → actor), and back,
-- from a changed relationship or actor to the indicators it attributes. Filled by ObjectIngest.
CREATE TABLE relation (
  ver BIGINT PRIMARY KEY REFERENCES object_version (ver),
  stix_id TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  target_ref TEXT NOT NULL,
  relationship_type TEXT NOT NULL
);
CREATE INDEX relation_by_source ON relation (source_ref, relationship_type);
CREATE INDEX relation_by_target ON relation (target_ref, relationship_type);

-- The relationships stored before this table existed (their bodies were validated on intake).
INSERT INTO relation (ver, stix_id, source_ref, target_ref, relationship_type)
SELECT ver, stix_id, b ->> 'source_ref', b ->> 'target_ref', b ->> 'relationship_type'
FROM (
  SELECT ver, stix_id, convert_from(body, 'UTF8')::json AS b
  FROM object_version
  WHERE type = 'relationship'
) r
WHERE json_typeof(b -> 'source_ref') = 'string' AND json_typeof(b -> 'target_ref') = 'string'
  AND json_typeof(b -> 'relationship_type') = 'string';
