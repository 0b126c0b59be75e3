import type pg from 'pg';
import type { ChildServer } from './server.ts';

/** What every benchmark section gets, and what it gives back. */

export interface BenchContext {
  reports: number;
  seed: number;
  databaseUrl: string;
  /** The benchmark's own connections, for the SQL floor. */
  pool: pg.Pool;
  /** The real server, a child process. */
  server: ChildServer;
  /** Fewer rounds (for a quick look; not for reported figures). */
  quick: boolean;
}

/** One line of the summary table; `met` is null where there is no target. */
export interface SummaryRow {
  metric: string;
  value: string;
  target?: string;
  met?: boolean | null;
}

export interface SectionResult {
  summary: SummaryRow[];
  /** Detail tables printed after the summary (e.g. per zoom). */
  tables?: Array<{ title: string; rows: Array<Record<string, string | number>> }>;
  data: Record<string, unknown>;
}

/** A part of the benchmark; bench/run.ts runs the listed sections in order. */
export interface Section {
  name: string;
  run(ctx: BenchContext): Promise<SectionResult>;
}
