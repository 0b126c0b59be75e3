import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('configuration', () => {
  it('defaults to port 3000, the embedded database and ./data', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.basemapStyleUrl).toBeUndefined();
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('reads every documented variable', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u@db:5432/om',
      DATA_DIR: '/var/lib/ordermap',
      BASEMAP_STYLE_URL: 'https://tiles.example.org/style.json',
    });
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: 'postgresql://u@db:5432/om',
      dataDir: '/var/lib/ordermap',
      basemapStyleUrl: 'https://tiles.example.org/style.json',
    });
  });

  it('names every bad variable and its value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BASEMAP_STYLE_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT="eighty"/);
    expect(problems).toMatch(/DATABASE_URL="mysql:\/\/x".*postgres/);
    expect(problems).toMatch(/BASEMAP_STYLE_URL="not a url"/);
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
  });
});
