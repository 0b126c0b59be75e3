-- PostGIS provides the geometry and geography types and the spatial indexes.
CREATE EXTENSION IF NOT EXISTS postgis;
