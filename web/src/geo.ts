/** The device's position through the browser's geolocation, as promises and sentences. */
import { t } from './i18n.ts';

export interface DevicePosition {
  lat: number;
  lon: number;
  /** Metres, as the device reports it. */
  accuracy: number;
}

/** A refusal or failure of the geolocation API, with a sentence saying why. */
export class GeoError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'GeoError';
  }
}

const toPosition = (p: GeolocationPosition): DevicePosition => ({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy });

/** Why the geolocation API failed, in the interface language. */
export function geoReason(err: GeolocationPositionError | null): string {
  if (err === null) return t('geo.unsupported');
  return err.code === err.PERMISSION_DENIED ? t('geo.denied') : err.message || String(err.code);
}

/** The position once (high accuracy, at most a minute old). Rejects with GeoError. */
export function currentPosition(timeout = 15_000): Promise<DevicePosition> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new GeoError(geoReason(null)));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve(toPosition(p)),
      (err) => reject(new GeoError(geoReason(err))),
      { enableHighAccuracy: true, maximumAge: 60_000, timeout },
    );
  });
}

/** Follows the position as it changes; returns the function that stops following. */
export function watchPosition(onPosition: (p: DevicePosition) => void, onError: (reason: string) => void): () => void {
  if (!('geolocation' in navigator)) {
    onError(geoReason(null));
    return () => undefined;
  }
  const id = navigator.geolocation.watchPosition(
    (p) => onPosition(toPosition(p)),
    (err) => onError(geoReason(err)),
    { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
  );
  return () => navigator.geolocation.clearWatch(id);
}

/** Metres between two positions (haversine; plenty for "has the crew moved"). */
export function metresBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** An address that opens the device's maps app at a point. */
export const geoUri = (lat: number, lon: number) => `geo:${lat.toFixed(6)},${lon.toFixed(6)}`;
