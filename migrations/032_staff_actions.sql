-- What staff add to a report: crews' "after" photos, and moderation of what residents sent.
ALTER TABLE report_photos
  ADD COLUMN kind text NOT NULL DEFAULT 'report' CHECK (kind IN ('report', 'after')),
  ADD COLUMN hidden boolean NOT NULL DEFAULT false;

-- Residents send up to 5 photos; crews add "after" photos with each status change.
ALTER TABLE report_photos DROP CONSTRAINT report_photos_position_check;
ALTER TABLE report_photos ADD CONSTRAINT report_photos_position_check CHECK (position BETWEEN 0 AND 99);

-- The dispatchers' triage queue: a department's new or unrouted reports, oldest first.
CREATE INDEX reports_triage_idx ON reports (department_id, created_at) WHERE status = 'new' OR needs_triage;
