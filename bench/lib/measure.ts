import http from 'node:http';
import autocannon from 'autocannon';

/** Latency and throughput helpers: percentiles over individually timed requests, autocannon for rates. */

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Percentiles (nearest rank) of a list of milliseconds, rounded to 0.01 ms. */
export function percentiles(ms: number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
  const r = (v: number) => Math.round(v * 100) / 100;
  return { n: s.length, p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(s[s.length - 1] ?? Number.NaN) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** GET over a keep-alive connection; resolves with status, body bytes and milliseconds. */
export function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number; body: Buffer; ms: number }> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode!, bytes: body.length, body, ms: Number(process.hrtime.bigint() - start) / 1e6 });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Requests each URL in turn, `rounds` times, one at a time; returns latency percentiles and the largest body. */
export async function sequential(urls: readonly string[], rounds: number): Promise<Latency & { max_bytes: number; mean_bytes: number }> {
  const times: number[] = [];
  let maxBytes = 0;
  let sum = 0;
  for (let r = 0; r < rounds; r++) {
    for (const url of urls) {
      const res = await get(url);
      if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${res.body.toString().slice(0, 200)}`);
      times.push(res.ms);
      maxBytes = Math.max(maxBytes, res.bytes);
      sum += res.bytes;
    }
  }
  return { ...percentiles(times), max_bytes: maxBytes, mean_bytes: Math.round(sum / times.length) };
}

/** Tiles (or answers) per second with autocannon over a list of paths. */
export async function throughput(base: string, paths: readonly string[], seconds: number, connections: number): Promise<number> {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  if (result.non2xx > 0) throw new Error(`autocannon: ${result.non2xx} answers were not 2xx`);
  return Math.round(result.requests.average);
}
