/** The ordermap HTTP API as the web app uses it: typed requests, one error type. */

export type BBox = [west: number, south: number, east: number, north: number];
export type Position = [lon: number, lat: number];

export interface ClientConfig {
  basemap_style_url: string | null;
}

export interface City {
  code: string;
  name: string;
  ref_prefix: string;
  bbox: BBox;
}

export interface Category {
  code: string;
  name_pl: string;
  name_en: string;
  group: string;
  dup_radius_m: number;
  dup_window_days: number;
  suggest_radius_m: number;
  photo_required: boolean;
}

export interface DistrictProperties {
  name: string;
  code: string;
  city: string;
  population: number | null;
}

export type PolygonGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface DistrictFeature {
  type: 'Feature';
  id?: number | string;
  properties: DistrictProperties;
  geometry: PolygonGeometry;
}

export interface DistrictCollection {
  type: 'FeatureCollection';
  features: DistrictFeature[];
}

export interface Department {
  code: string;
  name_pl: string;
  name_en: string;
}

export interface Report {
  id: number;
  ref: string;
  category: string;
  status: string;
  description: string | null;
  lat: number;
  lon: number;
  district: string | null;
  department: Department;
  needs_triage: boolean;
  duplicate_of: number | null;
  supporters: number;
  created_at: string;
  updated_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
}

export interface ReportEvent {
  at: string;
  kind: string;
  from: string | null;
  to: string | null;
  note: string | null;
}

export interface ReportWithHistory extends Report {
  history: ReportEvent[];
}

export interface NewReport {
  category: string;
  lat: number;
  lon: number;
  description: string;
  contact_email?: string;
}

/** One problem with one field, as listed in a 400 validation_failed error's details. */
export interface FieldProblem {
  field: string | null;
  message: string;
}

/**
 * A request that did not succeed. `status` 0 with code `network_error` means no answer came;
 * otherwise code, message and details are the server's `{ error: { code, message, details } }`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field problems of a validation error, if the server listed any. */
  get problems(): FieldProblem[] {
    const d = this.details as { problems?: unknown } | null;
    return d && Array.isArray(d.problems) ? (d.problems as FieldProblem[]) : [];
  }
}

function isErrorBody(body: unknown): body is { error: { code: string; message: string; details?: unknown } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const e = (body as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string';
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    if (isErrorBody(body)) throw new ApiError(res.status, body.error.code, body.error.message, body.error.details ?? null);
    throw new ApiError(res.status, `http_${res.status}`, '');
  }
  return body as T;
}

export const getClientConfig = () => request<ClientConfig>('/api/client-config');

export const getCities = async () => (await request<{ cities: City[] }>('/api/cities')).cities;

export const getCategories = async () => (await request<{ categories: Category[] }>('/api/categories')).categories;

export const getDistricts = () => request<DistrictCollection>('/api/districts');

export const getReport = (id: number | string, signal?: AbortSignal) =>
  request<ReportWithHistory>(`/api/reports/${encodeURIComponent(String(id))}`, signal ? { signal } : {});

export const createReport = (report: NewReport) =>
  request<Report>('/api/reports', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(report),
  });

/** The address of a report tile layer's tiles, `{z}/{x}/{y}` left for MapLibre to fill in. */
export function reportTilesUrl(params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `${location.origin}/tiles/reports/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`;
}
