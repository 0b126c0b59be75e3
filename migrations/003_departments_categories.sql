-- Who does the work (departments), what residents report (categories),
-- and which department owns which ground (department areas).

CREATE TABLE departments (
  id           serial PRIMARY KEY,
  code         text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_-]+$'),
  name_pl      text NOT NULL,
  name_en      text NOT NULL,
  -- The contact centre: receives reports no area claims, for triage.
  is_fallback  boolean NOT NULL DEFAULT false
);

-- At most one fallback department.
CREATE UNIQUE INDEX departments_one_fallback_idx ON departments (is_fallback) WHERE is_fallback;

CREATE TABLE categories (
  code              text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]+$'),
  name_pl           text NOT NULL,
  name_en           text NOT NULL,
  group_code        text NOT NULL,
  dup_radius_m      integer NOT NULL DEFAULT 30 CHECK (dup_radius_m BETWEEN 1 AND 1000),
  dup_window_days   integer NOT NULL DEFAULT 30 CHECK (dup_window_days BETWEEN 1 AND 365),
  suggest_radius_m  integer NOT NULL DEFAULT 250 CHECK (suggest_radius_m BETWEEN 1 AND 1000),
  photo_required    boolean NOT NULL DEFAULT false,
  sort_order        integer NOT NULL DEFAULT 0
);

CREATE TABLE department_areas (
  id             serial PRIMARY KEY,
  department_id  integer NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
  name           text,
  -- NULL: every category; otherwise only these category codes.
  categories     text[] CHECK (categories IS NULL OR cardinality(categories) > 0),
  priority       integer NOT NULL DEFAULT 0,
  geom           geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  geom_3857      geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  area_m2        double precision GENERATED ALWAYS AS (ST_Area(geom::geography)) STORED
);

CREATE INDEX department_areas_geom_idx ON department_areas USING gist (geom);
CREATE INDEX department_areas_geom_3857_idx ON department_areas USING gist (geom_3857);
CREATE INDEX department_areas_department_idx ON department_areas (department_id);
