-- A change counter for reports, so in-memory indexes (the cluster index) can tell cheaply that
-- reports changed, whatever wrote them (the API, a batch import, psql), and which ones.
--
-- Statement-level triggers: one bump per statement, not per row, so a bulk COPY of a million
-- rows costs one counter update. The counter row is updated inside the writing transaction, so
-- a reader sees a new version only together with the rows it covers.

CREATE TABLE reports_version (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version    bigint NOT NULL DEFAULT 0
);
INSERT INTO reports_version DEFAULT VALUES;

-- Which reports a version touched. A statement touching more than 5,000 rows logs one row with
-- report_id NULL instead ("reload everything"), which keeps bulk loads cheap.
CREATE TABLE report_changes (
  version    bigint NOT NULL,
  report_id  bigint
);
CREATE INDEX report_changes_version_idx ON report_changes (version);

CREATE FUNCTION reports_log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
  n bigint;
BEGIN
  UPDATE reports_version SET version = version + 1 RETURNING version INTO v;
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO report_changes (version, report_id) VALUES (v, NULL);
  ELSE
    IF TG_OP = 'DELETE' THEN
      SELECT count(*) INTO n FROM old_rows;
    ELSE
      SELECT count(*) INTO n FROM new_rows;
    END IF;
    IF n > 5000 THEN
      INSERT INTO report_changes (version, report_id) VALUES (v, NULL);
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO report_changes (version, report_id) SELECT v, id FROM old_rows;
    ELSE
      INSERT INTO report_changes (version, report_id) SELECT v, id FROM new_rows;
    END IF;
  END IF;
  -- The log only has to cover readers that are a little behind; one further back reloads all.
  DELETE FROM report_changes WHERE version < v - 1000;
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger, hence one trigger per event.
CREATE TRIGGER reports_changes_insert AFTER INSERT ON reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_log_changes();
CREATE TRIGGER reports_changes_update AFTER UPDATE ON reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_log_changes();
CREATE TRIGGER reports_changes_delete AFTER DELETE ON reports
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_log_changes();
CREATE TRIGGER reports_changes_truncate AFTER TRUNCATE ON reports
  FOR EACH STATEMENT EXECUTE FUNCTION reports_log_changes();
