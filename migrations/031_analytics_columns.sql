-- Planners' analytics scan many reports at once. Web-mercator x/y as plain numbers avoid
-- decoding a geometry per row, and a narrow covering index lets the scans skip the wide rows.
ALTER TABLE reports
  ADD COLUMN x_3857 double precision GENERATED ALWAYS AS (ST_X(ST_Transform(geom, 3857))) STORED,
  ADD COLUMN y_3857 double precision GENERATED ALWAYS AS (ST_Y(ST_Transform(geom, 3857))) STORED;

CREATE INDEX reports_analytics_idx ON reports (city_id, created_at)
  INCLUDE (category, status, department_id, x_3857, y_3857);
