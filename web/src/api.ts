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

/** A photo of a report, as far as the page needs one; every field is optional until checked. */
export interface ReportPhoto {
  url?: unknown;
  thumb_url?: unknown;
  width?: unknown;
  height?: unknown;
}

export interface ReportWithHistory extends Report {
  history: ReportEvent[];
  /** Photos, once the server stores them; absent on older servers. */
  photos?: unknown;
}

export interface NewReport {
  category: string;
  /** Both or neither: without them the server takes the first photo's GPS position. */
  lat?: number;
  lon?: number;
  description: string;
  contact_email?: string;
  /** The resident says it is not one of the nearby reports: file it separately. */
  not_duplicate?: boolean;
}

/** An open report near a spot, as the form suggests it before submitting. */
export interface NearbyReport extends Report {
  distance_m: number;
}

export interface NearbyAnswer {
  radius_m: number;
  duplicate_radius_m: number;
  reports: NearbyReport[];
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

/** The error for an answer that is not 2xx: the server's own error body when it sent one. */
export function errorFromBody(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body.error.code, body.error.message, body.error.details ?? null);
  return new ApiError(status, `http_${status}`, '');
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
  if (init.method && init.method !== 'GET' && csrfToken !== null) headers.set('X-CSRF-Token', csrfToken);
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
  if (!res.ok) throw errorFromBody(res.status, body);
  return body as T;
}

// ---- Staff sessions ----

export type Role = 'admin' | 'planner' | 'dispatcher' | 'crew';

export interface StaffUser {
  id: number;
  email: string;
  role: Role;
  department: string | null;
}

export interface StaffSession {
  user: StaffUser;
  csrf_token: string;
}

/** The signed-in session's CSRF token: sent as X-CSRF-Token with every request that changes something. */
let csrfToken: string | null = null;

/** Remembers (or, with null, forgets) the CSRF token that staff mutations must carry. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** A JSON request that changes something (POST by default), sent with the session's CSRF token. */
export function mutate<T>(path: string, body?: unknown, method = 'POST'): Promise<T> {
  return request<T>(path, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

export const login = (email: string, password: string) =>
  request<StaffSession>('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

export const getMe = () => request<StaffSession>('/api/auth/me', { cache: 'no-store' });

export const logout = () => mutate<null>('/api/auth/logout');

// ---- Planners' analytics ----

/** The filters of the analytics and export endpoints, as query parameters (empty ones left out). */
export interface AnalyticsFilters {
  from?: string;
  to?: string;
  category?: string;
  status?: string;
  department?: string;
}

export interface HexbinProperties {
  count: number;
}

export type HotspotClass = 'hot_99' | 'hot_95' | 'hot_90' | 'cold_99' | 'cold_95' | 'cold_90' | 'not_significant';

export interface HotspotProperties {
  count: number;
  z: number;
  p: number;
  class: HotspotClass;
}

export interface CellCollection<P> {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; id?: number | string; properties: P; geometry: PolygonGeometry }>;
}

export interface HotspotCollection extends CellCollection<HotspotProperties> {
  summary?: unknown;
  study_cells?: number;
  band_m?: number;
}

export type Interval = 'day' | 'week' | 'month';

export interface SeriesRow {
  period: string;
  category: string;
  n: number;
}

export interface DepartmentFigures {
  code: string;
  name_pl: string;
  name_en: string;
  open_backlog: number;
  reports_in_period: number;
  ack_median_h: number | null;
  ack_p90_h: number | null;
  resolve_median_h: number | null;
  resolve_p90_h: number | null;
  closed_not_fixed_share: number | null;
}

/** The query string for `filters` plus `extra`, without empty values. */
export function analyticsQuery(filters: AnalyticsFilters, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v !== undefined && v !== '') params.set(k, String(v));
  return params.toString();
}

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

export const getHexbins = (f: AnalyticsFilters, cell: number, signal?: AbortSignal) =>
  request<CellCollection<HexbinProperties>>(withQuery('/api/analytics/hexbins', analyticsQuery(f, { cell })), signal ? { signal } : {});

export const getHotspots = (f: AnalyticsFilters, cell: number, signal?: AbortSignal) =>
  request<HotspotCollection>(withQuery('/api/analytics/hotspots', analyticsQuery(f, { cell })), signal ? { signal } : {});

export const getTimeseries = async (f: AnalyticsFilters, interval: Interval, signal?: AbortSignal) =>
  (
    await request<{ series: SeriesRow[] }>(
      withQuery('/api/analytics/timeseries', analyticsQuery(f, { interval, tz: 'Europe/Warsaw' })),
      signal ? { signal } : {},
    )
  ).series;

export const getDepartmentFigures = async (f: AnalyticsFilters, signal?: AbortSignal) =>
  (await request<{ departments: DepartmentFigures[] }>(withQuery('/api/analytics/departments', analyticsQuery(f)), signal ? { signal } : {}))
    .departments;

/** Where the reports matching `filters` download from, as CSV or GeoJSON. */
export const exportUrl = (format: 'csv' | 'geojson', f: AnalyticsFilters) => withQuery(`/api/exports/reports.${format}`, analyticsQuery(f));

export const getClientConfig = () => request<ClientConfig>('/api/client-config');

export const getCities = async () => (await request<{ cities: City[] }>('/api/cities')).cities;

export const getCategories = async () => (await request<{ categories: Category[] }>('/api/categories')).categories;

export const getDistricts = () => request<DistrictCollection>('/api/districts');

export const getReport = (id: number | string, signal?: AbortSignal) =>
  request<ReportWithHistory>(`/api/reports/${encodeURIComponent(String(id))}`, signal ? { signal } : {});

export const getNearby = (at: { lat: number; lon: number }, category: string, signal?: AbortSignal) =>
  request<NearbyAnswer>(
    `/api/reports/nearby?${new URLSearchParams({ lat: at.lat.toFixed(7), lon: at.lon.toFixed(7), category })}`,
    signal ? { signal } : {},
  );

export interface UploadOptions {
  /** Called as the body goes out, with the fraction sent (0–1). */
  onProgress?: (fraction: number) => void;
  /** Sent as Idempotency-Key, so a retry after a lost answer files nothing twice. */
  idempotencyKey?: string;
  /** Send the session's CSRF token (staff changes). */
  csrf?: boolean;
}

/**
 * A multipart POST through XMLHttpRequest, whose upload reports progress (fetch's does not).
 * Rejects with ApiError like `request`: status 0 and `network_error` when no answer came.
 */
export function upload<T>(path: string, form: FormData, { onProgress, idempotencyKey, csrf = false }: UploadOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (idempotencyKey) xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    if (csrf && csrfToken !== null) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    if (onProgress) {
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      });
    }
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network_error', 'network error')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'network_error', 'aborted')));
    xhr.addEventListener('load', () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(errorFromBody(xhr.status, body));
    });
    xhr.send(form);
  });
}

/** Files a report (always multipart, so photos and fields travel together). */
export function createReport(report: NewReport, photos: readonly File[] = [], options: UploadOptions = {}): Promise<Report> {
  const form = new FormData();
  for (const [key, value] of Object.entries(report)) if (value !== undefined && value !== '') form.append(key, String(value));
  for (const photo of photos) form.append('photos', photo, photo.name);
  return upload<Report>('/api/reports', form, options);
}

export const getDepartments = async () => (await request<{ departments: Array<Department & { is_fallback: boolean }> }>('/api/departments')).departments;

// ---- Crews and dispatchers ----

export interface TaskPhoto {
  url: string;
  thumbnail_url: string;
  kind: string;
}

export interface Task {
  id: number;
  ref: string;
  category: string;
  status: string;
  description: string | null;
  lat: number;
  lon: number;
  distance_m: number;
  age_hours: number;
  supporters: number;
  department: string;
  photos: TaskPhoto[];
}

export const getNearbyTasks = (at: { lat: number; lon: number }, radius = 20_000, limit = 50, signal?: AbortSignal) =>
  request<{ tasks: Task[] }>(
    `/api/tasks/nearby?${new URLSearchParams({ lat: at.lat.toFixed(6), lon: at.lon.toFixed(6), radius: String(radius), limit: String(limit) })}`,
    { cache: 'no-store', ...(signal ? { signal } : {}) },
  );

/** Changes a report's status with a note and "after" photos (multipart, with the CSRF token). */
export function setStatus(id: number, status: string, note: string, photos: readonly File[] = [], onProgress?: (f: number) => void) {
  const form = new FormData();
  form.append('status', status);
  if (note) form.append('note', note);
  for (const photo of photos) form.append('photos', photo, photo.name);
  return upload<ReportWithHistory>(`/api/staff/reports/${id}/status`, form, { csrf: true, ...(onProgress ? { onProgress } : {}) });
}

export interface TriageItem {
  id: number;
  ref: string;
  category: string;
  status: string;
  needs_triage: boolean;
  department: string;
  district: string | null;
  description: string | null;
  lat: number;
  lon: number;
  supporters: number;
  created_at: string;
}

export interface TriageFilters {
  category?: string;
  department?: string;
  needs_triage?: 'true' | 'false';
}

export const getTriage = (f: TriageFilters, limit = 50, offset = 0) =>
  request<{ reports: TriageItem[] }>(`/api/staff/triage?${analyticsQuery(f as Record<string, string>, { limit, offset })}`, { cache: 'no-store' });

export interface StaffEvent extends ReportEvent {
  actor: string;
  is_public: boolean;
}

export interface StaffPhoto {
  position: number;
  kind: string;
  hidden: boolean;
  url: string;
  thumbnail_url: string;
}

export interface StaffReport extends Report {
  photos: StaffPhoto[];
  contact_email: string | null;
  contact_phone: string | null;
  source: string;
  history: StaffEvent[];
}

export const getStaffReport = (id: number) => request<StaffReport>(`/api/staff/reports/${id}`, { cache: 'no-store' });
export const reassign = (id: number, department: string, reason: string) =>
  mutate<ReportWithHistory>(`/api/staff/reports/${id}/department`, { department, reason });
export const mergeInto = (id: number, into: number, note?: string) =>
  mutate<ReportWithHistory>(`/api/staff/reports/${id}/merge`, note ? { into, note } : { into });
export const unmerge = (id: number, note?: string) => mutate<ReportWithHistory>(`/api/staff/reports/${id}/unmerge`, note ? { note } : {});
export interface Moderation {
  hide_text?: boolean;
  hide_photos?: number[];
  show_photos?: number[];
  note?: string;
}
export const moderate = (id: number, m: Moderation) => mutate<ReportWithHistory>(`/api/staff/reports/${id}/moderation`, m);

/** The address of a report tile layer's tiles, `{z}/{x}/{y}` left for MapLibre to fill in. */
export function reportTilesUrl(params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `${location.origin}/tiles/reports/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`;
}
