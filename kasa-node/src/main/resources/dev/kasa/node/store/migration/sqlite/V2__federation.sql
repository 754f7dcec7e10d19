-- Federation (SQLite): agreements, links and the audit chain. Times are microseconds since the
-- epoch (UTC). Keep in step with ../postgresql/V2__federation.sql.

-- A sighting's sighting_of_ref, so that it can take the origins and marking of what it sights.
ALTER TABLE object_version ADD COLUMN sighting_of TEXT;

-- Bumped by every change that can let an object go where it could not before (a read grant,
-- a community, a named recipient, a link): push links then look at their whole collection again.
ALTER TABLE node_state ADD COLUMN sharing_epoch INTEGER NOT NULL DEFAULT 0;

CREATE TABLE community (
  name TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
);

CREATE TABLE community_member (
  community TEXT NOT NULL REFERENCES community (name) ON DELETE CASCADE,
  partner TEXT NOT NULL REFERENCES principal (name) ON DELETE CASCADE,
  PRIMARY KEY (community, partner)
);

-- The partners a TLP:RED object of ours may go to, by STIX id (every version, also before the
-- object arrives).
CREATE TABLE red_recipient (
  stix_id TEXT NOT NULL,
  partner TEXT NOT NULL REFERENCES principal (name) ON DELETE CASCADE,
  PRIMARY KEY (stix_id, partner)
);

-- One row per link and direction: a pull brings the partner's collection 'remote' into ours
-- ('col'), a push sends ours to it. The secret stays in its file (secret_file, read at each
-- connection); ca_pem is the partner's pinned certificate.
CREATE TABLE link (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partner TEXT NOT NULL REFERENCES principal (name),
  remote TEXT NOT NULL,
  col INTEGER NOT NULL REFERENCES collection (col),
  direction TEXT NOT NULL CHECK (direction IN ('pull', 'push')),
  url TEXT NOT NULL,
  user_name TEXT NOT NULL,
  secret_kind TEXT CHECK (secret_kind IN ('password', 'token')),
  secret_file TEXT,
  ca_pem TEXT,
  created_at INTEGER NOT NULL,
  -- pull: the partner's date_added of the last object held, as the partner wrote it
  checkpoint TEXT,
  -- push: our date_added of the last entry pushed, and the sharing epoch it was reached in
  push_cursor INTEGER NOT NULL DEFAULT 0,
  push_epoch INTEGER NOT NULL DEFAULT 0,
  -- sightings going back: pull, our date_added of the last entry looked at; push, the
  -- partner's date_added of the last sighting fetched
  back_cursor INTEGER NOT NULL DEFAULT 0,
  back_checkpoint TEXT,
  last_success INTEGER,
  last_error TEXT,
  last_error_at INTEGER,
  behind INTEGER,
  UNIQUE (partner, remote, direction)
);

-- The audit chain: append-only, each entry's hash covers its content and the previous hash.
CREATE TABLE audit_entry (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  principal TEXT,
  collection TEXT,
  rule TEXT,
  objects TEXT,
  detail TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_at ON audit_entry (at);
CREATE INDEX audit_by_principal ON audit_entry (principal, seq);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_entry
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_entry
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- The chain's head: the last entry's number and hash (so a missing tail shows).
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
