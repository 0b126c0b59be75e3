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
