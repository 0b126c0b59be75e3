/**
 * Every string the interface shows, in Polish (the default) and English (`?lang=en`).
 * Names that come from the API (categories, departments) carry both languages themselves.
 */

export const LANGS = ['pl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const pl = {
  'app.title': 'Mapa porządku',
  'app.documentTitle': 'Mapa porządku – {city}',
  'app.hint': 'Kliknij mapę w miejscu problemu, aby go zgłosić.',
  'app.reportHere': 'Zgłoś problem w środku mapy',
  'app.skipToMap': 'Przejdź do mapy',
  'app.loading': 'Wczytywanie mapy…',
  'app.loadFailed': 'Nie udało się wczytać mapy: {message}',
  'app.noCities': 'Serwer nie obsługuje jeszcze żadnego miasta.',
  'app.otherLanguage': 'English',
  'map.label': 'Mapa zgłoszeń',

  'legend.title': 'Status zgłoszenia',

  'status.new': 'Nowe',
  'status.acknowledged': 'Przyjęte',
  'status.in_progress': 'W realizacji',
  'status.resolved': 'Rozwiązane',
  'status.closed_not_fixed': 'Zamknięte bez naprawy',
  'status.rejected': 'Odrzucone',
  'status.duplicate': 'Duplikat',

  'group.roads': 'Drogi i chodniki',
  'group.lighting': 'Oświetlenie',
  'group.waste': 'Odpady i czystość',
  'group.greenery': 'Zieleń',
  'group.order': 'Porządek i bezpieczeństwo',
  'group.other': 'Inne',

  'form.title': 'Nowe zgłoszenie',
  'form.where': 'Miejsce: {lat}, {lon}',
  'form.category': 'Kategoria',
  'form.categoryPlaceholder': '— wybierz kategorię —',
  'form.categoryMissing': 'Wybierz kategorię problemu.',
  'form.description': 'Opis',
  'form.descriptionHelp': 'Co się stało i gdzie dokładnie? Opis będzie widoczny publicznie.',
  'form.email': 'E-mail (opcjonalnie)',
  'form.emailHelp': 'Tylko do powiadomień o zgłoszeniu; nie jest publikowany.',
  'form.submit': 'Wyślij zgłoszenie',
  'form.sending': 'Wysyłanie…',
  'form.cancel': 'Anuluj',
  'form.moveHint': 'Kliknij inne miejsce na mapie, aby przenieść znacznik.',
  'form.sentTitle': 'Dziękujemy! Zgłoszenie przyjęte.',
  'form.sentRef': 'Numer zgłoszenia: {ref}',
  'form.sentDepartment': 'Przekazano do: {department}',
  'form.close': 'Zamknij',

  'report.loading': 'Wczytywanie zgłoszenia…',
  'report.ref': 'Numer: {ref}',
  'report.status': 'Status: {status}',
  'report.district': 'Dzielnica: {district}',
  'report.department': 'Odpowiada: {department}',
  'report.created': 'Zgłoszono: {date}',
  'report.supporters': 'Zgłosiło osób: {count}',

  'error.network': 'Brak połączenia z serwerem. Spróbuj ponownie.',
  'error.unknown': 'Coś poszło nie tak (błąd {status}). Spróbuj ponownie.',

  'maplibre.Map.Title': 'Mapa',
  'maplibre.Popup.Close': 'Zamknij',
  'maplibre.NavigationControl.ZoomIn': 'Przybliż',
  'maplibre.NavigationControl.ZoomOut': 'Oddal',
  'maplibre.NavigationControl.ResetBearing': 'Przeciągnij, aby obrócić mapę; kliknij, aby ustawić północ',
  'maplibre.AttributionControl.ToggleAttribution': 'Pokaż lub ukryj źródła danych',
  'maplibre.ScaleControl.Meters': 'm',
  'maplibre.ScaleControl.Kilometers': 'km',
};

type Key = keyof typeof pl;

const en: Record<Key, string> = {
  'app.title': 'Order map',
  'app.documentTitle': 'Order map – {city}',
  'app.hint': 'Click the map where the problem is to report it.',
  'app.reportHere': 'Report a problem at the map centre',
  'app.skipToMap': 'Skip to the map',
  'app.loading': 'Loading the map…',
  'app.loadFailed': 'The map could not be loaded: {message}',
  'app.noCities': 'The server does not serve any city yet.',
  'app.otherLanguage': 'Polski',
  'map.label': 'Map of reports',

  'legend.title': 'Report status',

  'status.new': 'New',
  'status.acknowledged': 'Acknowledged',
  'status.in_progress': 'In progress',
  'status.resolved': 'Resolved',
  'status.closed_not_fixed': 'Closed, not fixed',
  'status.rejected': 'Rejected',
  'status.duplicate': 'Duplicate',

  'group.roads': 'Roads and pavements',
  'group.lighting': 'Lighting',
  'group.waste': 'Waste and cleanliness',
  'group.greenery': 'Greenery',
  'group.order': 'Order and safety',
  'group.other': 'Other',

  'form.title': 'New report',
  'form.where': 'Location: {lat}, {lon}',
  'form.category': 'Category',
  'form.categoryPlaceholder': '— choose a category —',
  'form.categoryMissing': 'Choose the kind of problem.',
  'form.description': 'Description',
  'form.descriptionHelp': 'What is wrong and where exactly? The description is shown publicly.',
  'form.email': 'E-mail (optional)',
  'form.emailHelp': 'Only for updates about this report; never published.',
  'form.submit': 'Send report',
  'form.sending': 'Sending…',
  'form.cancel': 'Cancel',
  'form.moveHint': 'Click elsewhere on the map to move the pin.',
  'form.sentTitle': 'Thank you! Your report was received.',
  'form.sentRef': 'Reference: {ref}',
  'form.sentDepartment': 'Sent to: {department}',
  'form.close': 'Close',

  'report.loading': 'Loading the report…',
  'report.ref': 'Reference: {ref}',
  'report.status': 'Status: {status}',
  'report.district': 'District: {district}',
  'report.department': 'Handled by: {department}',
  'report.created': 'Reported: {date}',
  'report.supporters': 'Residents reporting it: {count}',

  'error.network': 'The server cannot be reached. Please try again.',
  'error.unknown': 'Something went wrong (error {status}). Please try again.',

  'maplibre.Map.Title': 'Map',
  'maplibre.Popup.Close': 'Close',
  'maplibre.NavigationControl.ZoomIn': 'Zoom in',
  'maplibre.NavigationControl.ZoomOut': 'Zoom out',
  'maplibre.NavigationControl.ResetBearing': 'Drag to rotate the map, click to reset north',
  'maplibre.AttributionControl.ToggleAttribution': 'Show or hide data sources',
  'maplibre.ScaleControl.Meters': 'm',
  'maplibre.ScaleControl.Kilometers': 'km',
};

export type MessageKey = Key;

const DICTIONARIES: Record<Lang, Record<Key, string>> = { pl, en };

/** The interface language: `?lang=en` or `?lang=pl`, Polish otherwise. */
export function detectLang(search: string = location.search): Lang {
  const asked = new URLSearchParams(search).get('lang');
  return (LANGS as readonly string[]).includes(asked ?? '') ? (asked as Lang) : 'pl';
}

export const lang: Lang = detectLang();

/** The message `key` in the interface language with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return DICTIONARIES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Whether `key` names a message (for keys built at run time, e.g. `status.${code}`). */
export function hasMessage(key: string): key is MessageKey {
  return key in pl;
}

/** A status code's name, or the code itself for a status this build does not know. */
export function statusName(status: string): string {
  const key = `status.${status}`;
  return hasMessage(key) ? t(key) : status;
}

/** A category group's name, or the code itself for a group this build does not know. */
export function groupName(group: string): string {
  const key = `group.${group}`;
  return hasMessage(key) ? t(key) : group;
}

/** The name in the interface language of anything the API names in both (`name_pl`, `name_en`). */
export function localName(named: { name_pl: string; name_en: string }): string {
  return lang === 'en' ? named.name_en : named.name_pl;
}

/** MapLibre's own UI strings (control tooltips, popup close button) in the interface language. */
export function mapLibreLocale(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(DICTIONARIES[lang])) {
    if (key.startsWith('maplibre.')) out[key.slice('maplibre.'.length)] = value;
  }
  return out;
}

/** Formats an ISO timestamp as a date and time in the interface language. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The current address with the language switched to `other`, keeping every other parameter. */
export function languageSwitchHref(other: Lang, href: string = location.href): string {
  const url = new URL(href);
  if (other === 'pl') url.searchParams.delete('lang');
  else url.searchParams.set('lang', other);
  return url.pathname + url.search + url.hash;
}

/** Fills every `[data-i18n]` element under `root` with its message. */
export function translateDocument(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n ?? '';
    if (hasMessage(key)) el.textContent = t(key);
  }
}
