import { hashPassword } from '../../server/auth/passwords.ts';
import type { BenchContext, Section, SectionResult, SummaryRow } from '../lib/context.ts';
import { get, percentiles } from '../lib/measure.ts';
import { BENCH_NOW } from '../lib/city.ts';

/**
 * Staff reads at N reports: a crew's nearest tasks (many positions across the city) and the
 * planners' analytics over the whole city for one year (hexbins, Gi* hotspots, time series,
 * department figures), each timed from this process.
 */

const PASSWORD = 'bench-staff-password-2026';

async function staffSession(ctx: BenchContext, role: 'crew' | 'planner', department: string | null): Promise<string> {
  const email = `bench-${role}@ordermap.local`;
  await ctx.pool.query(
    `INSERT INTO users (email, password_hash, role, department_id)
     VALUES ($1, $2, $3, (SELECT id FROM departments WHERE code = $4))
     ON CONFLICT (lower(email)) DO UPDATE SET password_hash = EXCLUDED.password_hash`,
    [email, await hashPassword(PASSWORD), role, department],
  );
  const res = await fetch(`${ctx.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`bench: ${role} sign-in answered ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function timed(url: string, cookie: string, rounds: number) {
  const warm = await get(url, { cookie });
  if (warm.status !== 200) throw new Error(`GET ${url} answered ${warm.status}: ${warm.body.toString().slice(0, 200)}`);
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) ms.push((await get(url, { cookie })).ms);
  return { ...percentiles(ms), bytes: warm.bytes };
}

export const staffSection: Section = {
  name: 'staff',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const url = ctx.server.url;
    const crew = await staffSession(ctx, 'crew', 'roads');
    const planner = await staffSession(ctx, 'planner', null);
    const summary: SummaryRow[] = [];

    // A crew's positions: 200 points spread over the city (report locations), each asked once.
    const { rows: spots } = await ctx.pool.query<{ lat: number; lon: number }>(
      `SELECT ST_Y(geom) AS lat, ST_X(geom) AS lon FROM reports TABLESAMPLE SYSTEM (1) REPEATABLE (7) LIMIT 200`,
    );
    const tasks: number[] = [];
    let found = 0;
    for (const round of [0, 1]) {
      for (const s of spots) {
        const r = await get(`${url}/api/tasks/nearby?lat=${s.lat}&lon=${s.lon}&radius=5000&limit=20`, { cookie: crew });
        if (r.status !== 200) throw new Error(`nearby tasks answered ${r.status}`);
        // The first round warms the caches; the second is measured.
        if (round === 1) {
          tasks.push(r.ms);
          found += (JSON.parse(r.body.toString()) as { tasks: unknown[] }).tasks.length;
        }
      }
    }
    const nearby = percentiles(tasks);
    summary.push({ metric: `crew nearby tasks p50 / p95 (${nearby.n} positions, ${Math.round(found / nearby.n)} tasks each)`, value: `${nearby.p50} / ${nearby.p95} ms`, target: 'p95 < 10 ms', met: nearby.p95 < 10 });

    const year = `from=${new Date(BENCH_NOW.getTime() - 365 * 86_400_000).toISOString()}&to=${BENCH_NOW.toISOString()}`;
    const rounds = ctx.quick ? 3 : 10;
    const analytics: Record<string, unknown> = { nearby_tasks: nearby };
    const checks: Array<[string, string, number]> = [
      ['hexbins 500 m, whole city, one year', `/api/analytics/hexbins?cell=500&${year}`, 1000],
      ['hexbins 100 m, whole city, one year', `/api/analytics/hexbins?cell=100&${year}`, 1000],
      ['hotspots (Gi*) 500 m, whole city, one year', `/api/analytics/hotspots?cell=500&${year}`, 1000],
      ['hotspots (Gi*) 200 m, whole city, one year', `/api/analytics/hotspots?cell=200&${year}`, 1000],
      ['time series by day, one year', `/api/analytics/timeseries?interval=day&${year}`, 300],
      ['time series by week, potholes, one year', `/api/analytics/timeseries?interval=week&category=pothole&${year}`, 300],
      ['department figures, one year', `/api/analytics/departments?${year}`, 0],
    ];
    for (const [name, path, target] of checks) {
      const r = await timed(url + path, planner, rounds);
      analytics[name] = r;
      summary.push({
        metric: `${name} p50 / p95`,
        value: `${r.p50} / ${r.p95} ms (${Math.round(r.bytes / 1024)} kB)`,
        ...(target ? { target: `< ${target} ms`, met: r.p95 < target } : {}),
      });
    }
    return { summary, data: analytics };
  },
};
