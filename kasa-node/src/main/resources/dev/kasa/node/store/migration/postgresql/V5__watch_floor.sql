-- The watch floor's first parts (PostgreSQL): tailed-file checkpoints and protected assets. Times are
-- microseconds since the epoch (UTC). Keep in step with ../sqlite/V5__watch_floor.sql.

-- How far each tailed file of a source has been delivered. A file is known by its file system
-- identity (device and inode), so a rename (rotation) keeps its place; head is the hex of its
-- first bytes (at most 256), which tells a replaced or truncated file from the one checkpointed.
CREATE TABLE ingest_checkpoint (
  source TEXT NOT NULL,
  file_key TEXT NOT NULL,
  path TEXT NOT NULL,
  position BIGINT NOT NULL CHECK (position >= 0),
  head TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (source, file_key)
);

-- Protected assets. Lists are ';'-separated in canonical form: addresses as CIDRs (a host
-- address with its full prefix), host names lower-case, tags as given.
CREATE TABLE asset (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('base', 'facility', 'network', 'host', 'service')),
  addresses TEXT NOT NULL,
  hostnames TEXT NOT NULL,
  owner TEXT,
  sector TEXT NOT NULL CHECK (sector IN ('defense', 'energy', 'telecom', 'transport',
    'government', 'major-event')),
  criticality INTEGER NOT NULL CHECK (criticality BETWEEN 1 AND 5),
  tags TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Bumped by every change of assets, so that a running node reloads its resolver.
ALTER TABLE node_state ADD COLUMN asset_epoch BIGINT NOT NULL DEFAULT 0;
