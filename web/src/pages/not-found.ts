/** The page for an address the app does not know. */
import { t } from '../i18n.ts';
import { mountShell, notice } from './shell.ts';

export function showNotFound(): void {
  const main = mountShell({ title: t('notFound.title'), mainClass: 'page-narrow' });
  notice(main, 'notFound.title', 'notFound.text');
}
