import { STATUSES } from '../../server/domain/statuses.ts';

/**
 * A compact, columnar copy of every report the cluster index needs (position, status, category,
 * department, creation time), kept in typed arrays so a million reports take ~40 MB and a filter
 * scan takes milliseconds. Lives in the cluster worker; pure (no I/O).
 */

/** A filter in store terms: department ids instead of codes, instants as epoch milliseconds. */
export interface StoreFilter {
  statuses: readonly string[];
  categories: readonly string[] | null;
  departmentIds: readonly number[] | null;
  since: number | null;
  until: number | null;
}

/** Status code of a deleted row (never selected). */
const DELETED = 255;

/** One row as it arrives from the database: `id,lon,lat,status,category,department_id,created_ms`. */
export const ROW_FIELDS = ['id', 'lon', 'lat', 'status', 'category', 'department_id', 'created_ms'] as const;

export class ReportStore {
  size = 0;
  ids = new Float64Array(0);
  lon = new Float64Array(0);
  lat = new Float64Array(0);
  status = new Uint8Array(0);
  category = new Uint8Array(0);
  department = new Int32Array(0);
  created = new Float64Array(0);
  /** Category codes by index; grows as new codes appear. */
  readonly categories: string[] = [];
  private readonly categoryIndex = new Map<string, number>();
  private readonly rowOf = new Map<number, number>();

  /** Reports currently stored (deleted rows excluded). */
  get count(): number {
    return this.rowOf.size;
  }

  /** Forgets every report (before a full reload). */
  clear(): void {
    this.size = 0;
    this.rowOf.clear();
  }

  /** Inserts or replaces reports given as lines of ROW_FIELDS (comma-separated). */
  upsertText(text: string): number {
    let n = 0;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      if (end > start) {
        this.upsertLine(text, start, end);
        n++;
      }
      start = end + 1;
    }
    return n;
  }

  /** Removes reports by id; unknown ids are ignored. */
  remove(ids: readonly number[]): void {
    for (const id of ids) {
      const row = this.rowOf.get(id);
      if (row === undefined) continue;
      this.status[row] = DELETED;
      this.rowOf.delete(id);
    }
  }

  /** Rows matching the filter, in store order. */
  select(f: StoreFilter): Uint32Array {
    const statusOk = new Uint8Array(256);
    for (const s of f.statuses) {
      const i = STATUSES.indexOf(s as (typeof STATUSES)[number]);
      if (i >= 0) statusOk[i] = 1;
    }
    const categoryOk = new Uint8Array(256).fill(f.categories ? 0 : 1);
    for (const c of f.categories ?? []) {
      const i = this.categoryIndex.get(c);
      if (i !== undefined) categoryOk[i] = 1;
    }
    const departments = f.departmentIds ? new Set(f.departmentIds) : null;
    const since = f.since ?? -Infinity;
    const until = f.until ?? Infinity;
    const out = new Uint32Array(this.size);
    let n = 0;
    for (let r = 0; r < this.size; r++) {
      if (!statusOk[this.status[r]!] || !categoryOk[this.category[r]!]) continue;
      const t = this.created[r]!;
      if (t < since || t >= until) continue;
      if (departments && !departments.has(this.department[r]!)) continue;
      out[n++] = r;
    }
    return out.subarray(0, n);
  }

  private upsertLine(text: string, start: number, end: number): void {
    const parts = text.slice(start, end).split(',');
    if (parts.length !== ROW_FIELDS.length) throw new Error(`Cluster store: bad row "${text.slice(start, end)}"`);
    const id = Number(parts[0]);
    const status = STATUSES.indexOf(parts[3] as (typeof STATUSES)[number]);
    if (status < 0) throw new Error(`Cluster store: unknown status "${parts[3]}" for report ${id}`);
    let row = this.rowOf.get(id);
    if (row === undefined) {
      row = this.size++;
      if (row >= this.ids.length) this.grow(Math.max(1024, this.ids.length * 2));
      this.rowOf.set(id, row);
    }
    this.ids[row] = id;
    this.lon[row] = Number(parts[1]);
    this.lat[row] = Number(parts[2]);
    this.status[row] = status;
    this.category[row] = this.categoryCode(parts[4]!);
    this.department[row] = Number(parts[5]);
    this.created[row] = Number(parts[6]);
  }

  private categoryCode(code: string): number {
    let i = this.categoryIndex.get(code);
    if (i === undefined) {
      i = this.categories.length;
      if (i >= 255) throw new Error(`Cluster store: more than 255 categories (at "${code}")`);
      this.categories.push(code);
      this.categoryIndex.set(code, i);
    }
    return i;
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, this.size) as never);
      return b;
    };
    this.ids = copy(this.ids, (n) => new Float64Array(n));
    this.lon = copy(this.lon, (n) => new Float64Array(n));
    this.lat = copy(this.lat, (n) => new Float64Array(n));
    this.status = copy(this.status, (n) => new Uint8Array(n));
    this.category = copy(this.category, (n) => new Uint8Array(n));
    this.department = copy(this.department, (n) => new Int32Array(n));
    this.created = copy(this.created, (n) => new Float64Array(n));
  }
}
