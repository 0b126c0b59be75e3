-- Staff accounts and their sessions.

CREATE TABLE users (
  id             serial PRIMARY KEY,
  email          text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('dispatcher', 'crew', 'planner', 'admin')),
  -- Crews and dispatchers act within their department; planners and admins see all.
  department_id  integer REFERENCES departments (id) ON DELETE RESTRICT,
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (role IN ('planner', 'admin') OR department_id IS NOT NULL)
);

CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

CREATE TABLE sessions (
  -- SHA-256 of the cookie's token: a leaked table does not leak usable sessions.
  id            text PRIMARY KEY,
  user_id       integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
