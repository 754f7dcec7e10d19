-- Indexes for the web UI's alert pages (sqlite). Keep in step with ../postgresql/V7__alert_pages.sql.

-- The overview counts open alerts by priority, sector, asset and actor: partial indexes hold only
-- the open ones (status in the key makes them covering), so a count reads those entries in group
-- order and neither the closed bulk nor a table row. SQLite is pointed at them (INDEXED BY).
CREATE INDEX alert_open_by_priority ON alert (priority, status) WHERE status IN ('new', 'acknowledged');
CREATE INDEX alert_open_by_sector ON alert (sector, status) WHERE status IN ('new', 'acknowledged');
CREATE INDEX alert_open_by_asset ON alert (asset, status) WHERE status IN ('new', 'acknowledged');
CREATE INDEX alert_open_by_actor ON alert (actor, status) WHERE status IN ('new', 'acknowledged');

-- The alert list filtered to one asset or one actor, newest first.
CREATE INDEX alert_by_asset ON alert (asset, last_seen, id);
CREATE INDEX alert_by_actor ON alert (actor, last_seen, id);
