-- The map's default view shows open reports only, and they are a few per cent of all reports
-- (most are resolved within days and stay for the record). A tile query for open reports through
-- the full GiST index reads every report in the tile to keep a few; this partial index holds only
-- the open ones. Tile SQL repeats the predicate literally when every requested status is open, so
-- the planner can prove it and use this index even in a generic (prepared) plan.
CREATE INDEX reports_open_geom_3857_idx ON reports USING gist (geom_3857)
  WHERE status IN ('new', 'acknowledged', 'in_progress');
