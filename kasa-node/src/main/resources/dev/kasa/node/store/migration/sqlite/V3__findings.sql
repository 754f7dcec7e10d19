-- Findings of the live detector (SQLite). Times are microseconds since the epoch (UTC).
-- Keep in step with ../postgresql/V3__findings.sql.

-- One row per finding, in the order the node stored them: seq is the paging cursor of
-- GET /kasa/v1/findings. When the finding came from a stored object (an indicator, or a Sigma
-- rule shared as a pattern_type sigma indicator), collection, stix_id and version name it, so
-- that a hit can become a sighting of it. line is the finding as kasa scan --format jsonl writes it.
CREATE TABLE finding (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  found_at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('indicator', 'sigma', 'correlation')),
  sensor TEXT NOT NULL,
  collection TEXT,
  stix_id TEXT,
  version TEXT,
  line TEXT NOT NULL
);
CREATE INDEX finding_by_object ON finding (stix_id);
