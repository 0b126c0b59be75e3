/**
 * Encoded report tiles kept for one `reports_version`: a tile asked for again before any report
 * changed is answered from memory instead of the database. Entries of an older version are never
 * served (the version moves on every change, see migration 020). Least recently used first out.
 */
export class TileCache {
  private readonly entries = new Map<string, { version: number; body: Buffer }>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** The tile stored under `key` for exactly this version, if any. */
  get(key: string, version: number): Buffer | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.version !== version) {
      this.delete(key);
      return undefined;
    }
    // Re-insert: Map keeps insertion order, so the first entry is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.body;
  }

  /** Stores a tile rendered while `version` was current. */
  set(key: string, version: number, body: Buffer): void {
    if (body.length > this.maxBytes / 16) return;
    this.delete(key);
    this.entries.set(key, { version, body });
    this.bytes += body.length;
    for (const [k] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(k);
    }
  }

  /** Bytes held. */
  get size(): number {
    return this.bytes;
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.body.length;
    this.entries.delete(key);
  }
}
