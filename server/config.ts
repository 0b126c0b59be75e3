import path from 'node:path';
import { z } from 'zod';

/** Settings read from the environment; every field has a safe default for the embedded demo. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  basemapStyleUrl: string | undefined;
  logLevel: string;
  seedCity: string;
}

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must start with postgres:// or postgresql://',
  }),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  BASEMAP_STYLE_URL: optionalText.refine((v) => v === undefined || URL.canParse(v) || v.startsWith('/'), {
    message: 'must be an absolute URL or a path on this server',
  }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_CITY: z.string().trim().regex(/^[a-z0-9-]+$/).default('gdansk'),
});

/** Thrown when the environment holds a value ordermap cannot start with. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** Reads and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])] ?? '')}: ${i.message}`),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    basemapStyleUrl: e.BASEMAP_STYLE_URL,
    logLevel: e.LOG_LEVEL,
    seedCity: e.SEED_CITY,
  };
}
