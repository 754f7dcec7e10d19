-- The node's store (SQLite). Times are microseconds since the epoch (UTC).
-- Keep in step with ../postgresql/V1__node_store.sql: the same tables, columns and meanings.

-- One row: bumped by every change of principals, secrets, grants or collections, so that a running
-- server notices what admin commands did in another process.
CREATE TABLE node_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  change_counter INTEGER NOT NULL,
  token_salt TEXT NOT NULL
);

-- Partners and local users share one namespace of names.
CREATE TABLE principal (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('partner', 'user')),
  role TEXT CHECK (role IN ('admin', 'analyst', 'sensor')),
  created_at INTEGER NOT NULL,
  CHECK ((kind = 'user') = (role IS NOT NULL))
);

-- Salted slow hashes only. Passwords carry their own salt; tokens are hashed with the node's
-- token salt so that a bearer token can be found by its hash.
CREATE TABLE secret (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  principal TEXT NOT NULL REFERENCES principal (name) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('password', 'token')),
  hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX secret_by_principal ON secret (principal);
CREATE INDEX secret_by_hash ON secret (hash);

CREATE TABLE collection (
  col INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  alias TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT,
  created_at INTEGER NOT NULL,
  -- The last date_added given out in this collection: the next one is at least this + 1.
  last_added INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE access_grant (
  principal TEXT NOT NULL REFERENCES principal (name) ON DELETE CASCADE,
  col INTEGER NOT NULL REFERENCES collection (col) ON DELETE CASCADE,
  can_read INTEGER NOT NULL DEFAULT 0,
  can_write INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (principal, col)
);

-- Every version of every object, byte-exact as first received. version_key orders versions
-- (fixed-width UTC text of modified, else created); unversioned objects (no modified or created)
-- have one version per id, keyed 'unversioned'.
CREATE TABLE object_version (
  ver INTEGER PRIMARY KEY AUTOINCREMENT,
  stix_id TEXT NOT NULL,
  version_key TEXT NOT NULL,
  version TEXT NOT NULL,
  type TEXT NOT NULL,
  spec_version TEXT NOT NULL,
  tlp TEXT NOT NULL,
  marking_refs TEXT,
  revoked INTEGER NOT NULL,
  body BLOB NOT NULL,
  first_received INTEGER NOT NULL,
  UNIQUE (stix_id, version_key)
);

-- Who gave us a version, and when: a partner or a local user, never a claim read from the object.
CREATE TABLE version_origin (
  ver INTEGER NOT NULL REFERENCES object_version (ver),
  principal TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('partner', 'user')),
  received_at INTEGER NOT NULL,
  PRIMARY KEY (ver, principal)
);

-- A version's place in a collection. date_added is unique and increasing per collection, so
-- (col, date_added) is the paging key; latest/first flag the newest and oldest version of each
-- id held in the collection.
CREATE TABLE collection_entry (
  col INTEGER NOT NULL REFERENCES collection (col),
  date_added INTEGER NOT NULL,
  ver INTEGER NOT NULL REFERENCES object_version (ver),
  stix_id TEXT NOT NULL,
  version_key TEXT NOT NULL,
  type TEXT NOT NULL,
  spec_version TEXT NOT NULL,
  latest INTEGER NOT NULL,
  first INTEGER NOT NULL,
  PRIMARY KEY (col, date_added),
  UNIQUE (col, ver)
) WITHOUT ROWID;
CREATE INDEX entry_by_id ON collection_entry (col, stix_id, version_key);
CREATE INDEX entry_latest ON collection_entry (col, date_added) WHERE latest = 1;

-- TAXII status resources of add-objects requests; details is the JSON of successes, failures
-- and pendings.
CREATE TABLE ingest_status (
  id TEXT PRIMARY KEY,
  col INTEGER NOT NULL REFERENCES collection (col),
  principal TEXT NOT NULL,
  status TEXT NOT NULL,
  request_timestamp INTEGER NOT NULL,
  total_count INTEGER NOT NULL,
  success_count INTEGER NOT NULL,
  failure_count INTEGER NOT NULL,
  pending_count INTEGER NOT NULL,
  details TEXT NOT NULL
);

INSERT INTO node_state (id, change_counter, token_salt)
VALUES (1, 0, lower(hex(randomblob(16))));
