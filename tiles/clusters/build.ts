import KDBush from 'kdbush';
import Supercluster from 'supercluster';
import { STATUSES } from '../../server/domain/statuses.ts';
import type { ReportStore } from './store.ts';

/**
 * Building a supercluster index over a selection of the report store (in the worker), and moving
 * it to the main thread without copying: every part of the index is a typed array, so the worker
 * transfers the buffers and the main thread wraps them in a Supercluster again ("hydrate").
 *
 * Cluster properties are counts per status and per category, aggregated while clustering into one
 * Int32Array (a row of counts per cluster) rather than one object per cluster.
 */

/** Clustering options: 512-px tiles as MapLibre draws them, clusters up to z16, points from z17. */
export const CLUSTER_OPTIONS = {
  minZoom: 0,
  maxZoom: 16,
  radius: 50,
  extent: 512,
  nodeSize: 64,
} as const;

/**
 * Where cluster ids start. Supercluster numbers a cluster from the position of the point it grew
 * from, plus the number of points; with a fixed base instead, a new report (appended to the end)
 * leaves every existing cluster's id unchanged, so a map that fetched clusters a moment before a
 * rebuild can still expand them. 2^30 keeps ids in the Int32 arrays for up to 2^25 reports.
 */
export const CLUSTER_ID_BASE = 2 ** 30;

/** An index in transferable form. */
export interface IndexPayload {
  numPoints: number;
  /** For each zoom 0..maxZoom+1, an index into `trees` (zooms with no change share a tree). */
  treeOfZoom: number[];
  trees: Array<{ kdbush: ArrayBuffer; data: Int32Array }>;
  coords: Float64Array;
  ids: Float64Array;
  status: Uint8Array;
  category: Uint8Array;
  categoryNames: string[];
  /** clusterProps index → row of `counts`. */
  clusterRows: Int32Array;
  /** Rows of STATUSES.length + categoryNames.length counts. */
  counts: Int32Array;
}

interface Acc {
  /** Row of counts this cluster owns, or -1 while it is still a copy of its first child. */
  row: number;
  /** The point this accumulator stands for (when row is -1 and it came from a point). */
  point: number;
  /** The row it was copied from (when row is -1 and it came from a cluster). */
  from: number;
}

type Internals = {
  trees: Array<(KDBush & { data: Int32Array }) | undefined>;
  clusterProps: unknown[];
  numPoints: number;
  coords: Float64Array;
  ids: ArrayLike<number> | null;
  props: unknown;
  stride: number;
};

/** Builds the index over `rows` of the store; returns it with the buffers to transfer. */
export function buildIndex(store: ReportStore, rows: Uint32Array): { payload: IndexPayload; transfer: ArrayBuffer[] } {
  const n = rows.length;
  const S = STATUSES.length;
  const categoryNames = [...store.categories];
  const K = S + categoryNames.length;
  const status = new Uint8Array(n);
  const category = new Uint8Array(n);
  const ids = new Float64Array(n);
  const coordinates: Array<[number, number]> = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    status[i] = store.status[r]!;
    category[i] = store.category[r]!;
    ids[i] = store.ids[r]!;
    coordinates[i] = [store.lon[r]!, store.lat[r]!];
  }

  let counts = new Int32Array(Math.max(1024, (n >> 2) * K));
  let rowsUsed = 0;
  const owned = new WeakSet<Acc>();
  const newRow = () => {
    if ((rowsUsed + 1) * K > counts.length) {
      const bigger = new Int32Array(counts.length * 2);
      bigger.set(counts);
      counts = bigger;
    }
    return rowsUsed++;
  };
  const addInto = (row: number, src: Acc) => {
    const base = row * K;
    if (src.row >= 0 || src.from >= 0) {
      const from = (src.row >= 0 ? src.row : src.from) * K;
      for (let k = 0; k < K; k++) counts[base + k]! += counts[from + k]!;
    } else {
      counts[base + status[src.point]!]!++;
      counts[base + S + category[src.point]!]!++;
    }
  };

  const index = new Supercluster({
    ...CLUSTER_OPTIONS,
    // One MultiPoint keeps the input to a coordinate array; points are told apart by index below.
    reduce(acc: Acc, child: Acc) {
      if (!owned.has(acc)) {
        // The accumulator is a fresh point, or a shallow copy of a child cluster's props:
        // give it its own row before adding anything, so the child's counts stay untouched.
        const row = newRow();
        addInto(row, acc);
        acc.row = row;
        acc.point = -1;
        acc.from = -1;
        owned.add(acc);
      }
      addInto(acc.row, child);
    },
  } as never);
  // Points reach reduce as their index (supercluster passes props only), clusters as their Acc.
  if (n > 2 ** 25) throw new Error(`Cluster index: ${n} reports is more than cluster ids can number`);
  Object.defineProperty(index, 'numPoints', { get: () => CLUSTER_ID_BASE, set: () => undefined });
  (index as unknown as { _map: (data: Int32Array, i: number, clone?: boolean) => Acc })._map = function (this: Internals, data, i, clone) {
    if (data[i + 5]! > 1) {
      const props = this.clusterProps[data[i + 6]!] as Acc;
      return clone ? { row: -1, point: -1, from: props.row } : props;
    }
    return { row: -1, point: data[i + 3]!, from: -1 };
  };
  index.load([{ type: 'Feature', properties: null, geometry: { type: 'MultiPoint', coordinates } }] as never);

  const sc = index as unknown as Internals;
  const clusterRows = new Int32Array(sc.clusterProps.length);
  sc.clusterProps.forEach((p, i) => (clusterRows[i] = (p as Acc).row));
  const treeList: IndexPayload['trees'] = [];
  const seen = new Map<unknown, number>();
  const treeOfZoom = sc.trees.map((t) => {
    if (!t) return -1;
    let k = seen.get(t);
    if (k === undefined) {
      k = treeList.length;
      seen.set(t, k);
      treeList.push({ kdbush: (t as unknown as { ids: Uint32Array }).ids.buffer as ArrayBuffer, data: t.data });
    }
    return k;
  });
  const payload: IndexPayload = {
    numPoints: n,
    treeOfZoom,
    trees: treeList,
    coords: sc.coords,
    ids,
    status,
    category,
    categoryNames,
    clusterRows,
    counts: counts.subarray(0, rowsUsed * K),
  };
  const transfer = new Set<ArrayBuffer>([ids.buffer, status.buffer, category.buffer, clusterRows.buffer, counts.buffer, sc.coords.buffer as ArrayBuffer]);
  for (const t of treeList) {
    transfer.add(t.kdbush);
    transfer.add(t.data.buffer as ArrayBuffer);
  }
  return { payload, transfer: [...transfer] };
}

/** Properties of a single report in the index. */
export interface PointProps {
  category: string;
  status: string;
}

/** Wraps a transferred payload in a Supercluster whose queries (getClusters, getTile, getLeaves…) work as usual. */
export function hydrateIndex(p: IndexPayload): Supercluster<PointProps, Record<string, number | string>> {
  const S = STATUSES.length;
  const K = S + p.categoryNames.length;
  const sc = new Supercluster({ ...CLUSTER_OPTIONS, reduce: () => undefined });
  const internals = sc as unknown as Internals;
  const trees = p.trees.map((t) => Object.assign(KDBush.from(t.kdbush), { data: t.data }));
  internals.trees = p.treeOfZoom.map((k) => (k >= 0 ? trees[k] : undefined)) as Internals['trees'];
  Object.defineProperty(internals, 'numPoints', { get: () => CLUSTER_ID_BASE, set: () => undefined });
  internals.coords = p.coords;
  internals.ids = p.ids;
  // Properties are made on demand from the typed arrays: only the few features a query returns get objects.
  internals.props = new Proxy([], {
    get: (_t, key) => {
      const i = Number(key);
      return { category: p.categoryNames[p.category[i]!]!, status: STATUSES[p.status[i]!]! } satisfies PointProps;
    },
  });
  internals.clusterProps = new Proxy([], {
    get: (_t, key) => {
      const base = p.clusterRows[Number(key)]! * K;
      const out: Record<string, number | string> = {};
      for (let s = 0; s < S; s++) if (p.counts[base + s]) out[`status_${STATUSES[s]}`] = p.counts[base + s]!;
      let best = -1;
      for (let c = 0; c < p.categoryNames.length; c++) {
        const v = p.counts[base + S + c]!;
        if (!v) continue;
        out[`category_${p.categoryNames[c]}`] = v;
        if (best < 0 || v > p.counts[base + S + best]!) best = c;
      }
      if (best >= 0) out.dominant_category = p.categoryNames[best]!;
      return out;
    },
  });
  return sc as unknown as Supercluster<PointProps, Record<string, number | string>>;
}
