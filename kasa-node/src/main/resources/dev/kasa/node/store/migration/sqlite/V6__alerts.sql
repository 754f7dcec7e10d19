-- Alerts (SQLite): the node's findings grouped per (detection, asset) within a window, worked by
-- analysts. Times are microseconds since the epoch (UTC). Keep in step with ../postgresql/V6__alerts.sql.

-- One row per alert. detection is 'indicator:<STIX id>' or 'rule:<rule id or title>'; asset is the
-- most specific protected asset the findings touch ('' when they touch none) and side which side
-- of the connection it was on. priority: 0 low, 1 medium, 2 high, 3 critical. collection and
-- stix_id name the stored object the detection came from (for a false positive's sighting).
CREATE TABLE alert (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  detection TEXT NOT NULL,
  title TEXT NOT NULL,
  asset TEXT NOT NULL,
  side TEXT,
  sector TEXT,
  actor TEXT,
  state_sponsored INTEGER NOT NULL CHECK (state_sponsored IN (0, 1)),
  priority INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 3),
  status TEXT NOT NULL CHECK (status IN ('new', 'acknowledged', 'resolved', 'false_positive')),
  assignee TEXT,
  finding_count INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  collection TEXT,
  stix_id TEXT,
  updated_at INTEGER NOT NULL
);
-- Where a new finding's open alert is looked up.
CREATE INDEX alert_by_group ON alert (detection, asset, first_seen);
-- The alert list: newest first, by status or all.
CREATE INDEX alert_by_status ON alert (status, last_seen, id);
CREATE INDEX alert_by_last ON alert (last_seen, id);

-- The findings behind an alert (at most alerts.max-findings each; finding_count goes on).
CREATE TABLE alert_finding (
  alert INTEGER NOT NULL REFERENCES alert (id),
  seq INTEGER NOT NULL REFERENCES finding (seq),
  PRIMARY KEY (alert, seq)
);

-- Analysts' comments on an alert.
CREATE TABLE alert_comment (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  alert INTEGER NOT NULL REFERENCES alert (id),
  author TEXT NOT NULL,
  at INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX alert_comment_by_alert ON alert_comment (alert, id);

-- Findings per UTC day and alert priority, for the overview's timeline without a scan of alerts.
CREATE TABLE alert_day (
  day INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  PRIMARY KEY (day, priority)
);
