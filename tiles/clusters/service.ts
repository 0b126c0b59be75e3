import { Worker } from 'node:worker_threads';
import type Supercluster from 'supercluster';
import type { Database } from '../../server/db/database.ts';
import { defaultFilters, filterKey, type FilterVocabulary, type ReportFilters } from '../filters.ts';
import { hydrateIndex, type PointProps } from './build.ts';
import type { StoreFilter } from './store.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

/**
 * Keeps cluster indexes fresh: one supercluster index per filter in use, built by a worker thread
 * from a copy of the reports, rebuilt when `reports_version` moves (whatever wrote the reports),
 * while requests go on being answered from the previous index.
 */

/** A built index and what it was built from. */
export interface ClusterIndex {
  key: string;
  filters: ReportFilters;
  /** reports_version the index reflects. */
  version: number;
  points: number;
  buildMs: number;
  builtAt: number;
  index: Supercluster<PointProps, Record<string, number | string>>;
}

const defaultOptions = {
  pollMs: 250, // how often reports_version is read (one tiny query)
  // Under a burst of writes, rebuilding every index on every poll would keep a core busy and slow
  // the writes themselves; this gap between rebuilds bounds that (fresh within ~1 s still).
  minRebuildGapMs: 750,
  chunkRows: 200_000, // reports per query in a full load
  keepUnusedMs: 5 * 60_000, // an index nobody asked for in this long is dropped, not rebuilt
  maxIndexes: 8, // filters kept at once; the least recently used goes first
};

export type ClusterServiceOptions = Partial<typeof defaultOptions>;

// One line per report for the worker's store (see store.ts ROW_FIELDS); text, so a million rows
// cross from the database to the worker as a few strings rather than a million objects.
const ROWS_SQL = `concat_ws(',', r.id, ST_X(r.geom), ST_Y(r.geom), r.status, r.category, r.department_id,
  floor(extract(epoch FROM r.created_at) * 1000)::bigint)`;
const CHUNK_SQL = `SELECT string_agg(${ROWS_SQL}, E'\\n') AS text, max(r.id) AS last, count(*) AS n
  FROM (SELECT id, geom, status, category, department_id, created_at FROM reports WHERE id > $1 ORDER BY id LIMIT $2) r`;
const BY_IDS_SQL = `SELECT string_agg(${ROWS_SQL}, E'\\n') AS text, coalesce(array_agg(r.id), '{}') AS ids
  FROM reports r WHERE r.id = ANY($1::bigint[])`;

interface Slot {
  current?: ClusterIndex;
  pending?: Promise<ClusterIndex>;
  lastUsed: number;
  filters: ReportFilters;
}

export class ClusterService {
  private readonly options: typeof defaultOptions;
  private worker: Worker | undefined;
  private started: Promise<void> | undefined;
  private version = -1;
  private readonly slots = new Map<string, Slot>();
  private readonly waiting = new Map<number, { resolve: (r: WorkerReply & { type: 'built' }) => void; reject: (e: Error) => void }>();
  private nextReq = 1;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private stopped = false;
  private needsFullLoad = false;
  private polledVersion = -1;
  private lastPollAt = 0;
  private lastRebuildAt = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Milliseconds the last full load took (reading the reports into the worker). */
  lastLoadMs = 0;

  constructor(
    private readonly db: Database,
    private readonly vocabulary: () => Promise<FilterVocabulary>,
    options: ClusterServiceOptions = {},
  ) {
    this.options = { ...defaultOptions, ...options };
  }

  /** Loads every report and builds the default index; later calls wait for the same start. */
  start(): Promise<void> {
    this.started ??= this.boot();
    return this.started;
  }

  /** Stops polling and the worker. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.refreshing?.catch(() => undefined);
    await this.worker?.terminate();
    for (const w of this.waiting.values()) w.reject(new Error('Cluster service stopped'));
    this.waiting.clear();
  }

  /** The index for these filters: the current one if built (even if a newer one is building), else built now. */
  async index(filters: ReportFilters): Promise<ClusterIndex> {
    await this.start();
    return this.lookup(filters);
  }

  private lookup(filters: ReportFilters): Promise<ClusterIndex> {
    const key = filterKey(filters);
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { lastUsed: Date.now(), filters };
      this.slots.set(key, slot);
      this.evict();
    }
    slot.lastUsed = Date.now();
    if (slot.current) return Promise.resolve(slot.current);
    slot.pending ??= this.build(key, slot);
    return slot.pending;
  }

  /** The reports_version the service has applied, and the indexes it holds. */
  status() {
    return {
      version: this.version,
      load_ms: Math.round(this.lastLoadMs),
      indexes: [...this.slots.entries()].map(([key, s]) => ({
        key,
        version: s.current?.version ?? null,
        points: s.current?.points ?? null,
        build_ms: s.current ? Math.round(s.current.buildMs) : null,
      })),
    };
  }

  /**
   * The reports_version read by the last poll, if that poll was recent enough to trust (caches
   * keyed by version rely on it); null before the service runs or while polls fail.
   */
  knownVersion(): number | null {
    if (this.stopped || this.lastPollAt === 0 || Date.now() - this.lastPollAt > 4 * this.options.pollMs + 1000) return null;
    return this.polledVersion;
  }

  /**
   * Learns the current reports_version now (one tiny query) and applies the change in the
   * background. Writers call it before answering, so the tiles a client fetches next are fresh.
   */
  async observe(): Promise<void> {
    if (this.stopped || this.lastPollAt === 0) return;
    await this.currentVersion();
    void this.refresh().catch(() => undefined);
  }

  /** Reads reports_version now and applies any change (the poller calls this; tests may too). */
  refresh(): Promise<void> {
    this.refreshing ??= this.applyChanges().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async boot(): Promise<void> {
    this.worker = this.spawn();
    await this.exclusive(() => this.fullLoad());
    await this.lookup(defaultFilters());
    this.schedule();
  }

  /** Runs worker work one piece at a time, so a build never sees a half-applied load. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private spawn(): Worker {
    // The worker is TypeScript: register tsx's loader inside it before importing the module.
    const url = new URL('./worker.ts', import.meta.url).href;
    const worker = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); })`, {
      eval: true,
    });
    worker.unref();
    worker.on('message', (m: WorkerReply) => {
      const w = this.waiting.get(m.reqId);
      if (!w) return;
      this.waiting.delete(m.reqId);
      if (m.type === 'built') w.resolve(m);
      else w.reject(new Error(`Cluster worker failed: ${m.message}`));
    });
    worker.on('error', (err) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
    worker.on('exit', () => {
      if (this.stopped) return;
      // A crashed worker lost its store: start a new one and reload everything on the next poll,
      // serving the indexes already built meanwhile.
      for (const w of this.waiting.values()) w.reject(new Error('Cluster worker exited'));
      this.waiting.clear();
      this.worker = this.spawn();
      this.needsFullLoad = true;
    });
    return worker;
  }

  private send(m: WorkerRequest): void {
    this.worker!.postMessage(m);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.refresh()
        .catch(() => undefined) // a failed poll (database restarting) is retried on the next tick
        .finally(() => this.schedule());
    }, this.options.pollMs);
    this.timer.unref();
  }

  private async currentVersion(): Promise<number> {
    const { rows } = await this.db.query<{ version: number }>('SELECT version FROM reports_version');
    // Versions only grow; a slower concurrent read must not move the known version back.
    this.polledVersion = Math.max(this.polledVersion, rows[0]!.version);
    this.lastPollAt = Date.now();
    return this.polledVersion;
  }

  private async fullLoad(): Promise<void> {
    const started = performance.now();
    // The version is read first: a change committed while loading is applied again afterwards.
    this.version = await this.currentVersion();
    this.send({ type: 'reset' });
    let after = 0;
    for (;;) {
      const { rows } = await this.db.query<{ text: string | null; last: number | null; n: number }>(CHUNK_SQL, [after, this.options.chunkRows]);
      const r = rows[0]!;
      if (!r.text || r.last === null) break;
      this.send({ type: 'rows', text: r.text });
      after = r.last;
      if (r.n < this.options.chunkRows) break;
    }
    this.lastLoadMs = performance.now() - started;
  }

  private async applyChanges(): Promise<void> {
    if (this.stopped) return;
    const wait = this.lastRebuildAt + this.options.minRebuildGapMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const changed = await this.exclusive(() => this.loadChanges());
    if (changed) {
      await this.rebuildAll();
      this.lastRebuildAt = Date.now();
    }
  }

  /** Brings the worker's store up to the current reports_version; false if nothing changed. */
  private async loadChanges(): Promise<boolean> {
    if (this.needsFullLoad) {
      this.needsFullLoad = false;
      await this.fullLoad();
      for (const slot of this.slots.values()) if (slot.current) slot.current.version = -1; // rebuild all
      return true;
    }
    const now = await this.currentVersion();
    if (now === this.version) return false;
    const from = this.version;
    const changed =
      now - from > 1000
        ? null
        : (await this.db.query<{ report_id: number | null }>(
            'SELECT DISTINCT report_id FROM report_changes WHERE version > $1 AND version <= $2',
            [from, now],
          )).rows.map((r) => r.report_id);
    if (!changed || changed.includes(null)) {
      await this.fullLoad();
    } else {
      const { rows } = await this.db.query<{ text: string | null; ids: number[] }>(BY_IDS_SQL, [changed]);
      const present = new Set(rows[0]!.ids);
      const gone = (changed as number[]).filter((id) => !present.has(id));
      if (gone.length) this.send({ type: 'delete', ids: gone });
      if (rows[0]!.text) this.send({ type: 'rows', text: rows[0]!.text });
      this.version = now;
    }
    return true;
  }

  private async rebuildAll(): Promise<void> {
    const cutoff = Date.now() - this.options.keepUnusedMs;
    const defaultKey = filterKey(defaultFilters());
    for (const [key, slot] of this.slots) {
      if (slot.lastUsed < cutoff && key !== defaultKey) this.slots.delete(key);
    }
    // Most recently used first: the view someone is looking at now gets fresh soonest.
    const order = [...this.slots.entries()].sort((a, b) => b[1].lastUsed - a[1].lastUsed);
    for (const [key, slot] of order) {
      if (slot.pending || (slot.current && slot.current.version >= this.version)) continue;
      slot.pending = this.build(key, slot);
      await slot.pending.catch(() => undefined);
    }
  }

  private build(key: string, slot: Slot): Promise<ClusterIndex> {
    return this.exclusive(() => this.buildNow(key, slot));
  }

  private async buildNow(key: string, slot: Slot): Promise<ClusterIndex> {
    try {
      const version = this.version;
      const filter = await this.storeFilter(slot.filters);
      const reqId = this.nextReq++;
      const reply = await new Promise<WorkerReply & { type: 'built' }>((resolve, reject) => {
        this.waiting.set(reqId, { resolve, reject });
        this.send({ type: 'build', reqId, filter });
      });
      const built: ClusterIndex = {
        key,
        filters: slot.filters,
        version,
        points: reply.payload.ids.length,
        buildMs: reply.buildMs,
        builtAt: Date.now(),
        index: hydrateIndex(reply.payload),
      };
      // Swap in only if nothing newer arrived meanwhile.
      if (!slot.current || slot.current.version <= version) slot.current = built;
      return slot.current;
    } finally {
      slot.pending = undefined;
    }
  }

  private async storeFilter(f: ReportFilters): Promise<StoreFilter> {
    const vocab = await this.vocabulary();
    return {
      statuses: f.status,
      categories: f.category,
      departmentIds: f.department ? f.department.map((d) => vocab.departments.get(d) ?? -1) : null,
      since: f.since?.getTime() ?? null,
      until: f.until?.getTime() ?? null,
    };
  }

  private evict(): void {
    const defaultKey = filterKey(defaultFilters());
    while (this.slots.size > this.options.maxIndexes) {
      let oldest: string | undefined;
      for (const [key, slot] of this.slots) {
        if (key === defaultKey) continue;
        if (!oldest || slot.lastUsed < this.slots.get(oldest)!.lastUsed) oldest = key;
      }
      if (!oldest) return;
      this.slots.delete(oldest);
    }
  }
}
