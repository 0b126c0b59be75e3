import { describe, expect, it } from 'vitest';
import { TileCache } from '../../tiles/cache.ts';

describe('tile cache', () => {
  it('answers only for the version a tile was stored under', () => {
    const c = new TileCache();
    c.set('reports/14/1/2?x', 7, Buffer.from('tile'));
    expect(c.get('reports/14/1/2?x', 7)?.toString()).toBe('tile');
    expect(c.get('reports/14/1/2?x', 8)).toBeUndefined();
    // A miss on a newer version drops the old entry for good.
    expect(c.get('reports/14/1/2?x', 7)).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('drops the least recently used tiles beyond its byte budget', () => {
    const c = new TileCache(1600);
    c.set('a', 1, Buffer.alloc(100));
    c.set('b', 1, Buffer.alloc(100));
    expect(c.get('a', 1)).toBeDefined(); // a is now the most recently used
    for (let i = 0; i < 15; i++) c.set(`t${i}`, 1, Buffer.alloc(100));
    expect(c.get('b', 1)).toBeUndefined();
    expect(c.get('a', 1)).toBeDefined();
    expect(c.size).toBeLessThanOrEqual(1600);
  });

  it('does not keep a tile bigger than a sixteenth of its budget', () => {
    const c = new TileCache(1600);
    c.set('big', 1, Buffer.alloc(101));
    expect(c.get('big', 1)).toBeUndefined();
  });
});
