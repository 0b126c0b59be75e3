/** Turns anything a request can throw into a sentence for the resident. */
import { ApiError } from './api.ts';
import { t } from './i18n.ts';

/** The server's own message when it sent one; otherwise a message in the interface language. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'network_error') return t('error.network');
    if (err.code === 'outside_service_area') return t('error.outsideCity');
    return err.message || t('error.unknown', { status: err.status });
  }
  if (err instanceof Error && err.message) return err.message;
  return t('error.unknown', { status: '?' });
}

/** The sentence for a refused or failed report, naming the photo when one was the reason. */
export function formErrorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const file = (err.details as { file?: unknown } | null)?.file;
    const name = typeof file === 'string' ? file : '';
    if (err.code === 'network_error') return t('error.offline');
    if (err.code === 'invalid_photo' && err.status === 413) return t('error.photoTooLarge', { file: name });
    if (err.code === 'invalid_photo') return t('error.photoUnreadable', { file: name });
    if (err.code === 'location_required') return t('error.locationRequired');
    if (err.status === 413) return err.message || t('error.photoTooLarge', { file: name });
  }
  return describeError(err);
}
