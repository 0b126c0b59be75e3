import { parentPort } from 'node:worker_threads';
import { buildIndex } from './build.ts';
import { ReportStore, type StoreFilter } from './store.ts';

/**
 * The cluster worker: owns the report store, applies changes in the order they arrive and builds
 * indexes on request, so clustering a million points never blocks the HTTP thread.
 */

/** Messages the main thread sends. */
export type WorkerRequest =
  | { type: 'reset' }
  | { type: 'rows'; text: string }
  | { type: 'delete'; ids: number[] }
  | { type: 'build'; reqId: number; filter: StoreFilter };

/** Messages the worker answers with. */
export type WorkerReply =
  | { type: 'built'; reqId: number; payload: import('./build.ts').IndexPayload; buildMs: number; storeSize: number }
  | { type: 'error'; reqId: number; message: string };

const store = new ReportStore();
const port = parentPort!;

port.on('message', (m: WorkerRequest) => {
  if (m.type === 'reset') store.clear();
  else if (m.type === 'rows') store.upsertText(m.text);
  else if (m.type === 'delete') store.remove(m.ids);
  else if (m.type === 'build') {
    try {
      const started = performance.now();
      const { payload, transfer } = buildIndex(store, store.select(m.filter));
      const reply: WorkerReply = { type: 'built', reqId: m.reqId, payload, buildMs: performance.now() - started, storeSize: store.count };
      port.postMessage(reply, transfer);
    } catch (err) {
      port.postMessage({ type: 'error', reqId: m.reqId, message: (err as Error).stack ?? String(err) } satisfies WorkerReply);
    }
  }
});
