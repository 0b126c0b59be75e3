-- A deployment serves one or more cities; each city is the union of its districts.

CREATE TABLE cities (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]+$'),
  name        text NOT NULL,
  ref_prefix  text NOT NULL CHECK (ref_prefix ~ '^[A-Z]{2,4}$'),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE districts (
  id          serial PRIMARY KEY,
  city_id     integer NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  code        text NOT NULL,
  name        text NOT NULL,
  population  integer CHECK (population IS NULL OR population >= 0),
  geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  geom_3857   geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  UNIQUE (city_id, code)
);

CREATE INDEX districts_geom_idx ON districts USING gist (geom);
CREATE INDEX districts_geom_3857_idx ON districts USING gist (geom_3857);
