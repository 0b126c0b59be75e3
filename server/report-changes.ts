import type { Request } from 'express';

interface ChangeObserver {
  observe(): Promise<void>;
}

/**
 * Tells the tile engine that reports changed, before the answer goes out: a client that refreshes
 * its map right after filing or changing a report then gets fresh tiles (see tiles/clusters).
 */
export async function reportsChanged(req: Request): Promise<void> {
  await (req.app.locals.clusters as ChangeObserver | undefined)?.observe();
}
