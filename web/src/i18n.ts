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
  'error.outsideCity': 'To miejsce leży poza obszarem obsługiwanym przez miasto. Przenieś znacznik na teren miasta; wpisany tekst zostaje.',
  'error.unknown': 'Coś poszło nie tak (błąd {status}). Spróbuj ponownie.',

  'app.staffLink': 'Dla pracowników',
  'form.follow': 'Śledź zgłoszenie',
  'report.open': 'Strona zgłoszenia',

  'shell.nav': 'Nawigacja',
  'shell.skip': 'Przejdź do treści',
  'shell.backToMap': 'Wróć do mapy',
  'notFound.title': 'Nie ma takiej strony',
  'notFound.text': 'Sprawdź adres albo wróć do mapy.',

  'role.admin': 'administrator',
  'role.planner': 'planista',
  'role.dispatcher': 'dyspozytor',
  'role.crew': 'ekipa',

  'staff.title': 'Logowanie pracowników',
  'staff.intro': 'Zaloguj się kontem służbowym.',
  'staff.checking': 'Sprawdzanie sesji…',
  'staff.email': 'E-mail',
  'staff.password': 'Hasło',
  'staff.signIn': 'Zaloguj',
  'staff.signOut': 'Wyloguj',
  'staff.missing': 'Podaj e-mail i hasło.',
  'staff.wrongPassword': 'Nieprawidłowy e-mail lub hasło.',
  'staff.tooMany': 'Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za kilkanaście minut.',
  'staff.signedInAs': 'Zalogowano jako {email} ({role}).',
  'staff.who': '{email} ({role})',
  'staff.openDashboard': 'Otwórz panel planisty',
  'staff.noScreenYet': 'Ekran dla tej roli jest w przygotowaniu.',

  'planner.title': 'Panel planisty',
  'planner.loading': 'Wczytywanie danych…',
  'planner.forbidden': 'Panel jest dostępny dla planistów i administratorów.',
  'planner.filters': 'Filtry',
  'planner.from': 'Od dnia',
  'planner.to': 'Do dnia',
  'planner.status': 'Status',
  'planner.department': 'Jednostka',
  'planner.all': 'wszystkie',
  'planner.cell': 'Wielkość komórki',
  'planner.metres': '{m} m',
  'planner.layer': 'Warstwa',
  'planner.layerHotspots': 'Gorące punkty (Gi*)',
  'planner.layerHexbins': 'Liczba zgłoszeń',
  'planner.layerBoth': 'Obie',
  'planner.apply': 'Zastosuj',
  'planner.mapLabel': 'Mapa analiz',
  'planner.legendHotspots': 'Gorące i zimne punkty (Gi*)',
  'planner.legendHexbins': 'Zgłoszeń w komórce',
  'planner.hotCells': 'Gorących komórek: {n}',
  'planner.band': 'sąsiedztwo do {m} m',
  'planner.chartTitle': 'Zgłoszenia w czasie',
  'planner.interval': 'Okres',
  'planner.period': 'Od',
  'planner.day': 'dzień',
  'planner.week': 'tydzień',
  'planner.month': 'miesiąc',
  'planner.lines': 'Linie',
  'planner.byCategory': 'według kategorii',
  'planner.total': 'razem',
  'planner.otherCategories': 'pozostałe',
  'planner.chartSummary': 'Razem {total} zgłoszeń; najwięcej ({peak}) w okresie od {period}.',
  'planner.noData': 'Brak zgłoszeń dla tych filtrów.',
  'planner.slaTitle': 'Jednostki: zaległości i czas obsługi',
  'planner.colDepartment': 'Jednostka',
  'planner.colBacklog': 'Otwarte',
  'planner.colInPeriod': 'Zgłoszeń w okresie',
  'planner.colAckMedian': 'Przyjęcie, mediana (h)',
  'planner.colAckP90': 'Przyjęcie, 90 centyl (h)',
  'planner.colResolveMedian': 'Rozwiązanie, mediana (h)',
  'planner.colResolveP90': 'Rozwiązanie, 90 centyl (h)',
  'planner.colClosedNotFixed': 'Zamknięte bez naprawy',
  'planner.exportTitle': 'Eksport',
  'planner.exportHelp': 'Pobierz zgłoszenia zgodne z filtrami.',
  'planner.exportCsv': 'Pobierz CSV',
  'planner.exportGeojson': 'Pobierz GeoJSON',

  'hotspot.hot_99': 'Gorący punkt, ufność 99%',
  'hotspot.hot_95': 'Gorący punkt, ufność 95%',
  'hotspot.hot_90': 'Gorący punkt, ufność 90%',
  'hotspot.not_significant': 'Nieistotne statystycznie',
  'hotspot.cold_90': 'Zimny punkt, ufność 90%',
  'hotspot.cold_95': 'Zimny punkt, ufność 95%',
  'hotspot.cold_99': 'Zimny punkt, ufność 99%',

  'reportPage.mapLabel': 'Miejsce zgłoszenia na mapie',
  'reportPage.department': 'Odpowiada',
  'reportPage.district': 'Dzielnica',
  'reportPage.created': 'Zgłoszono',
  'reportPage.supporters': 'Zgłosiło osób',
  'reportPage.location': 'Współrzędne',
  'reportPage.noDescription': 'Brak opisu.',
  'reportPage.photos': 'Zdjęcia',
  'reportPage.photoAlt': 'Zdjęcie {n} zgłoszenia',
  'reportPage.timeline': 'Historia',
  'reportPage.notFoundTitle': 'Nie ma takiego zgłoszenia',
  'reportPage.notFoundText': 'Sprawdź numer zgłoszenia.',
  'timeline.created': 'Zgłoszenie przyjęte do systemu',
  'timeline.status': 'Status: {to}',
  'timeline.statusFromTo': 'Status zmieniony: {from} → {to}',
  'timeline.department': 'Przekazano do innej jednostki',
  'timeline.merge': 'Połączono z innym zgłoszeniem',
  'timeline.support': 'Kolejna osoba zgłosiła ten problem',
  'timeline.other': 'Aktualizacja zgłoszenia',
  'timeline.empty': 'Brak wpisów w historii.',

  'app.locateMe': "Zgłoś w mojej lokalizacji",
  'app.filters': "Filtry",
  'filter.category': "Kategoria",
  'filter.allCategories': "wszystkie kategorie",
  'filter.status': "Pokaż zgłoszenia o statusie",
  'filter.noneChecked': "Zaznacz co najmniej jeden status.",
  'geo.unavailable': "Nie udało się ustalić położenia: {reason}",
  'geo.denied': "brak zgody na dostęp do lokalizacji",
  'geo.unsupported': "ta przeglądarka nie podaje lokalizacji",
  'geo.locating': "Ustalanie położenia…",
  'geo.waiting': "urządzenie jeszcze jej nie podało",
  'form.useMyLocation': "Użyj mojej lokalizacji",
  'form.whereUnset': "Miejsce: środek mapy. Kliknij mapę, użyj lokalizacji albo dodaj zdjęcie z GPS.",
  'form.whereFromPhoto': "Miejsce ze zdjęcia „{file}”: {lat}, {lon}",
  'form.whereFromDevice': "Miejsce z lokalizacji urządzenia: {lat}, {lon}",
  'form.categorySearch': "Szukaj kategorii",
  'form.categorySearchHelp': "Wpisz część nazwy; Enter wybiera pierwszą pasującą.",
  'form.categoryNoMatch': "Żadna kategoria nie pasuje do „{q}”.",
  'form.photos': "Zdjęcia (do {max})",
  'form.photosHelp': "JPEG, PNG lub WebP, do 10 MB każde. Zdjęcie z GPS może wskazać miejsce.",
  'form.photoRemove': "Usuń zdjęcie {name}",
  'form.photoPreviewAlt': "Podgląd: {name}",
  'form.photoTooLarge': "Zdjęcie „{file}” jest większe niż 10 MB. Wybierz mniejsze.",
  'form.photoTooMany': "Można dodać najwyżej {max} zdjęć.",
  'form.uploading': "Wysyłanie: {percent}%",
  'form.progress': "Postęp wysyłania",
  'form.nearbyTitle': "Podobne zgłoszenia w pobliżu",
  'form.nearbyIntro': "Czy to ten sam problem? Jeśli tak, dołącz do istniejącego zgłoszenia.",
  'form.nearbyItem': "{category}, {distance} stąd",
  'form.nearbyMeta': "{status} · zgłoszono {age} · poparło mieszkańców: {supporters}",
  'form.nearbyLoading': "Szukanie podobnych zgłoszeń w pobliżu…",
  'form.nearbyNone': "Brak otwartych zgłoszeń tej kategorii w pobliżu.",
  'form.thisIsMine': "To mój problem",
  'form.thisIsMineLabel': "To mój problem: {ref}",
  'form.mineIsDifferent': "Nie, mój jest inny – wyślij nowe",
  'form.sentSupport': "Twoje zgłoszenie dołączono do istniejącego zgłoszenia {ref}; poparło je już mieszkańców: {supporters}.",
  'form.followMaster': "Śledź zgłoszenie {ref}",
  'error.photoTooLarge': "Zdjęcie „{file}” jest za duże (najwyżej 10 MB lub 100 megapikseli). Usuń je albo wybierz mniejsze; reszta formularza zostaje.",
  'error.photoUnreadable': "Nie udało się odczytać zdjęcia „{file}”. Usuń je albo wybierz inne.",
  'error.locationRequired': "Wskaż miejsce na mapie: pierwsze zdjęcie nie ma współrzędnych GPS.",
  'error.offline': "Brak połączenia z serwerem – zgłoszenie nie zostało wysłane. Wpisany tekst zostaje; spróbuj ponownie, gdy wróci sieć.",
  'age.justNow': "przed chwilą",
  'report.age': "Zgłoszono {age}",
  'report.photoAlt': "Zdjęcie zgłoszenia",
  'report.supportersAlways': "Poparło mieszkańców: {count}",
  'distance.m': "{n} m",
  'distance.km': "{n} km",
  'staff.openCrew': "Otwórz zadania w pobliżu",
  'staff.openDispatch': "Otwórz kolejkę zgłoszeń",
  'crew.title': "Zadania w pobliżu",
  'crew.forbidden': "Ten ekran jest dla ekip, dyspozytorów i administratorów.",
  'crew.locating': "Ustalanie położenia…",
  'crew.noPosition': "Nie znamy Twojego położenia ({reason}); zadania są liczone od środka miasta.",
  'crew.positionAt': "Twoje położenie: {lat}, {lon} (±{accuracy} m)",
  'crew.count': "Otwartych zadań w pobliżu: {n}",
  'crew.none': "Brak otwartych zadań Twojej jednostki w pobliżu.",
  'crew.refresh': "Odśwież",
  'crew.mapLabel': "Mapa zadań w pobliżu",
  'crew.listTitle': "Najbliższe zadania",
  'crew.taskLine': "{distance} · {age}",
  'crew.open': "Otwórz",
  'crew.openTask': "Otwórz zadanie {ref}",
  'crew.navigate': "Nawiguj",
  'crew.navigateLabel': "Nawiguj do zadania {ref}",
  'crew.back': "Wróć do listy",
  'crew.changeStatus': "Zmień status",
  'crew.newStatus': "Nowy status",
  'crew.note': "Notatka",
  'crew.afterPhoto': "Zdjęcie po wykonaniu pracy",
  'crew.save': "Zapisz",
  'crew.saved': "Zapisano: {ref} – {status}.",
  'crew.photos': "Zdjęcia",
  'crew.photoAlt': "Zdjęcie {n} ({kind})",
  'photoKind.report': "od mieszkańca",
  'photoKind.after': "po pracy",
  'dispatch.title': "Kolejka zgłoszeń",
  'dispatch.forbidden': "Ten ekran jest dla dyspozytorów i administratorów.",
  'dispatch.filters': "Filtry kolejki",
  'dispatch.category': "Kategoria",
  'dispatch.department': "Jednostka",
  'dispatch.all': "wszystkie",
  'dispatch.needsTriage': "Tylko nieprzypisane",
  'dispatch.apply': "Pokaż",
  'dispatch.count': "Zgłoszeń w kolejce: {n} (najstarsze pierwsze)",
  'dispatch.empty': "Kolejka jest pusta.",
  'dispatch.colRef': "Numer",
  'dispatch.colCategory': "Kategoria",
  'dispatch.colWhere': "Dzielnica",
  'dispatch.colDepartment': "Jednostka",
  'dispatch.colAge': "Wiek",
  'dispatch.unrouted': "do przypisania",
  'dispatch.open': "Otwórz {ref}",
  'dispatch.detailTitle': "Zgłoszenie {ref}",
  'dispatch.contact': "Kontakt",
  'dispatch.noContact': "brak",
  'dispatch.history': "Historia (z autorami)",
  'dispatch.reassign': "Przekaż innej jednostce",
  'dispatch.newDepartment': "Nowa jednostka",
  'dispatch.reason': "Powód",
  'dispatch.reasonMissing': "Podaj powód (co najmniej 3 znaki).",
  'dispatch.reassignDo': "Przekaż",
  'dispatch.reassigned': "Przekazano {ref} do: {department}.",
  'dispatch.merge': "Połącz z innym zgłoszeniem",
  'dispatch.mergeNearby': "Otwarte zgłoszenia tej kategorii w pobliżu:",
  'dispatch.mergeNone': "Brak innych otwartych zgłoszeń tej kategorii w pobliżu.",
  'dispatch.mergeInto': "Połącz z {ref}",
  'dispatch.mergeTarget': "Numer lub id zgłoszenia głównego",
  'dispatch.mergeDo': "Połącz",
  'dispatch.merged': "{ref} połączono z {into}.",
  'dispatch.unmerge': "Cofnij połączenie",
  'dispatch.unmerged': "Cofnięto połączenie {ref}.",
  'dispatch.duplicateOf': "Duplikat zgłoszenia {id}.",
  'dispatch.moderation': "Moderacja",
  'dispatch.hideText': "Ukryj opis przed publicznością",
  'dispatch.hidePhoto': "Ukryj zdjęcie {n}",
  'dispatch.moderationNote': "Powód (widoczny tylko dla pracowników)",
  'dispatch.moderate': "Zapisz moderację",
  'dispatch.moderated': "Zapisano moderację {ref}.",
  'dispatch.note': "Notatka (opcjonalnie)",
  'dispatch.close': "Zamknij",
  'dispatch.notFound': "Nie ma zgłoszenia „{q}”.",
  'dispatch.supporters': "Poparło",
  'event.created': "Przyjęcie",
  'event.status': "Status",
  'event.department': "Jednostka",
  'event.merge': "Połączenie",
  'event.unmerge': "Cofnięcie połączenia",
  'event.support': "Poparcie",
  'event.moderation': "Moderacja",
  'event.note': "Notatka",
  'crew.photosHelp': "JPEG, PNG lub WebP, do 10 MB.",
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
  'error.outsideCity': 'This place is outside the area the city serves. Move the pin into the city; what you typed is kept.',
  'error.unknown': 'Something went wrong (error {status}). Please try again.',

  'app.staffLink': 'Staff',
  'form.follow': 'Follow this report',
  'report.open': 'Report page',

  'shell.nav': 'Navigation',
  'shell.skip': 'Skip to content',
  'shell.backToMap': 'Back to the map',
  'notFound.title': 'No such page',
  'notFound.text': 'Check the address or go back to the map.',

  'role.admin': 'administrator',
  'role.planner': 'planner',
  'role.dispatcher': 'dispatcher',
  'role.crew': 'crew',

  'staff.title': 'Staff sign-in',
  'staff.intro': 'Sign in with your work account.',
  'staff.checking': 'Checking your session…',
  'staff.email': 'E-mail',
  'staff.password': 'Password',
  'staff.signIn': 'Sign in',
  'staff.signOut': 'Sign out',
  'staff.missing': 'Enter your e-mail and password.',
  'staff.wrongPassword': 'Wrong e-mail or password.',
  'staff.tooMany': 'Too many failed sign-ins. Try again in a quarter of an hour.',
  'staff.signedInAs': 'Signed in as {email} ({role}).',
  'staff.who': '{email} ({role})',
  'staff.openDashboard': 'Open the planner dashboard',
  'staff.noScreenYet': 'The screen for this role is on its way.',

  'planner.title': 'Planner dashboard',
  'planner.loading': 'Loading data…',
  'planner.forbidden': 'The dashboard is for planners and administrators.',
  'planner.filters': 'Filters',
  'planner.from': 'From',
  'planner.to': 'To',
  'planner.status': 'Status',
  'planner.department': 'Department',
  'planner.all': 'all',
  'planner.cell': 'Cell size',
  'planner.metres': '{m} m',
  'planner.layer': 'Layer',
  'planner.layerHotspots': 'Hot spots (Gi*)',
  'planner.layerHexbins': 'Report counts',
  'planner.layerBoth': 'Both',
  'planner.apply': 'Apply',
  'planner.mapLabel': 'Analysis map',
  'planner.legendHotspots': 'Hot and cold spots (Gi*)',
  'planner.legendHexbins': 'Reports per cell',
  'planner.hotCells': 'Hot cells: {n}',
  'planner.band': 'neighbours within {m} m',
  'planner.chartTitle': 'Reports over time',
  'planner.interval': 'Period',
  'planner.period': 'From',
  'planner.day': 'day',
  'planner.week': 'week',
  'planner.month': 'month',
  'planner.lines': 'Lines',
  'planner.byCategory': 'by category',
  'planner.total': 'total',
  'planner.otherCategories': 'other',
  'planner.chartSummary': '{total} reports in total; the most ({peak}) in the period from {period}.',
  'planner.noData': 'No reports match these filters.',
  'planner.slaTitle': 'Departments: backlog and service times',
  'planner.colDepartment': 'Department',
  'planner.colBacklog': 'Open',
  'planner.colInPeriod': 'Reports in period',
  'planner.colAckMedian': 'Acknowledge, median (h)',
  'planner.colAckP90': 'Acknowledge, 90th pct (h)',
  'planner.colResolveMedian': 'Resolve, median (h)',
  'planner.colResolveP90': 'Resolve, 90th pct (h)',
  'planner.colClosedNotFixed': 'Closed, not fixed',
  'planner.exportTitle': 'Export',
  'planner.exportHelp': 'Download the reports that match the filters.',
  'planner.exportCsv': 'Download CSV',
  'planner.exportGeojson': 'Download GeoJSON',

  'hotspot.hot_99': 'Hot spot, 99% confidence',
  'hotspot.hot_95': 'Hot spot, 95% confidence',
  'hotspot.hot_90': 'Hot spot, 90% confidence',
  'hotspot.not_significant': 'Not significant',
  'hotspot.cold_90': 'Cold spot, 90% confidence',
  'hotspot.cold_95': 'Cold spot, 95% confidence',
  'hotspot.cold_99': 'Cold spot, 99% confidence',

  'reportPage.mapLabel': 'Where the report is, on a map',
  'reportPage.department': 'Handled by',
  'reportPage.district': 'District',
  'reportPage.created': 'Reported',
  'reportPage.supporters': 'Residents reporting it',
  'reportPage.location': 'Coordinates',
  'reportPage.noDescription': 'No description.',
  'reportPage.photos': 'Photos',
  'reportPage.photoAlt': 'Photo {n} of the report',
  'reportPage.timeline': 'History',
  'reportPage.notFoundTitle': 'No such report',
  'reportPage.notFoundText': 'Check the reference number.',
  'timeline.created': 'Report received',
  'timeline.status': 'Status: {to}',
  'timeline.statusFromTo': 'Status changed: {from} → {to}',
  'timeline.department': 'Passed to another department',
  'timeline.merge': 'Merged with another report',
  'timeline.support': 'Another resident reported this problem',
  'timeline.other': 'Report updated',
  'timeline.empty': 'No history yet.',

  'app.locateMe': "Report at my location",
  'app.filters': "Filters",
  'filter.category': "Category",
  'filter.allCategories': "all categories",
  'filter.status': "Show reports with status",
  'filter.noneChecked': "Tick at least one status.",
  'geo.unavailable': "Your position could not be found: {reason}",
  'geo.denied': "location access was not allowed",
  'geo.unsupported': "this browser does not share its location",
  'geo.locating': "Finding your position…",
  'geo.waiting': "the device has not given it yet",
  'form.useMyLocation': "Use my location",
  'form.whereUnset': "Location: the map centre. Click the map, use your location or add a photo with GPS.",
  'form.whereFromPhoto': "Location from the photo \"{file}\": {lat}, {lon}",
  'form.whereFromDevice': "Location from your device: {lat}, {lon}",
  'form.categorySearch': "Search categories",
  'form.categorySearchHelp': "Type part of a name; Enter picks the first match.",
  'form.categoryNoMatch': "No category matches \"{q}\".",
  'form.photos': "Photos (up to {max})",
  'form.photosHelp': "JPEG, PNG or WebP, up to 10 MB each. A photo with GPS can set the location.",
  'form.photoRemove': "Remove photo {name}",
  'form.photoPreviewAlt': "Preview: {name}",
  'form.photoTooLarge': "The photo \"{file}\" is larger than 10 MB. Choose a smaller one.",
  'form.photoTooMany': "At most {max} photos can be added.",
  'form.uploading': "Uploading: {percent}%",
  'form.progress': "Upload progress",
  'form.nearbyTitle': "Similar reports nearby",
  'form.nearbyIntro': "Is it the same problem? If so, add your voice to the existing report.",
  'form.nearbyItem': "{category}, {distance} away",
  'form.nearbyMeta': "{status} · reported {age} · supporters: {supporters}",
  'form.nearbyLoading': "Looking for similar reports nearby…",
  'form.nearbyNone': "No open reports of this kind nearby.",
  'form.thisIsMine': "This is my problem",
  'form.thisIsMineLabel': "This is my problem: {ref}",
  'form.mineIsDifferent': "No, mine is different – send a new one",
  'form.sentSupport': "Your report was added to the existing report {ref}; it now has {supporters} supporters.",
  'form.followMaster': "Follow report {ref}",
  'error.photoTooLarge': "The photo \"{file}\" is too large (at most 10 MB or 100 megapixels). Remove it or choose a smaller one; the rest of the form is kept.",
  'error.photoUnreadable': "The photo \"{file}\" could not be read. Remove it or choose another.",
  'error.locationRequired': "Pick the spot on the map: the first photo has no GPS position.",
  'error.offline': "No connection to the server – the report was not sent. What you typed is kept; try again when you are back online.",
  'age.justNow': "just now",
  'report.age': "Reported {age}",
  'report.photoAlt': "Photo of the report",
  'report.supportersAlways': "Supporters: {count}",
  'distance.m': "{n} m",
  'distance.km': "{n} km",
  'staff.openCrew': "Open the tasks near me",
  'staff.openDispatch': "Open the triage queue",
  'crew.title': "Tasks near me",
  'crew.forbidden': "This screen is for crews, dispatchers and administrators.",
  'crew.locating': "Finding your position…",
  'crew.noPosition': "Your position is unknown ({reason}); tasks are measured from the city centre.",
  'crew.positionAt': "Your position: {lat}, {lon} (±{accuracy} m)",
  'crew.count': "Open tasks nearby: {n}",
  'crew.none': "No open tasks of your department nearby.",
  'crew.refresh': "Refresh",
  'crew.mapLabel': "Map of the tasks nearby",
  'crew.listTitle': "Nearest tasks",
  'crew.taskLine': "{distance} · {age}",
  'crew.open': "Open",
  'crew.openTask': "Open task {ref}",
  'crew.navigate': "Navigate",
  'crew.navigateLabel': "Navigate to task {ref}",
  'crew.back': "Back to the list",
  'crew.changeStatus': "Change the status",
  'crew.newStatus': "New status",
  'crew.note': "Note",
  'crew.afterPhoto': "Photo after the work",
  'crew.save': "Save",
  'crew.saved': "Saved: {ref} – {status}.",
  'crew.photos': "Photos",
  'crew.photoAlt': "Photo {n} ({kind})",
  'photoKind.report': "from the resident",
  'photoKind.after': "after the work",
  'dispatch.title': "Triage queue",
  'dispatch.forbidden': "This screen is for dispatchers and administrators.",
  'dispatch.filters': "Queue filters",
  'dispatch.category': "Category",
  'dispatch.department': "Department",
  'dispatch.all': "all",
  'dispatch.needsTriage': "Unrouted only",
  'dispatch.apply': "Show",
  'dispatch.count': "Reports in the queue: {n} (oldest first)",
  'dispatch.empty': "The queue is empty.",
  'dispatch.colRef': "Reference",
  'dispatch.colCategory': "Category",
  'dispatch.colWhere': "District",
  'dispatch.colDepartment': "Department",
  'dispatch.colAge': "Age",
  'dispatch.unrouted': "to route",
  'dispatch.open': "Open {ref}",
  'dispatch.detailTitle': "Report {ref}",
  'dispatch.contact': "Contact",
  'dispatch.noContact': "none",
  'dispatch.history': "History (with who did it)",
  'dispatch.reassign': "Hand to another department",
  'dispatch.newDepartment': "New department",
  'dispatch.reason': "Reason",
  'dispatch.reasonMissing': "Give a reason (at least 3 characters).",
  'dispatch.reassignDo': "Hand over",
  'dispatch.reassigned': "{ref} was handed to {department}.",
  'dispatch.merge': "Merge into another report",
  'dispatch.mergeNearby': "Open reports of this category nearby:",
  'dispatch.mergeNone': "No other open reports of this category nearby.",
  'dispatch.mergeInto': "Merge into {ref}",
  'dispatch.mergeTarget': "Reference or id of the main report",
  'dispatch.mergeDo': "Merge",
  'dispatch.merged': "{ref} was merged into {into}.",
  'dispatch.unmerge': "Undo the merge",
  'dispatch.unmerged': "The merge of {ref} was undone.",
  'dispatch.duplicateOf': "A duplicate of report {id}.",
  'dispatch.moderation': "Moderation",
  'dispatch.hideText': "Hide the description from the public",
  'dispatch.hidePhoto': "Hide photo {n}",
  'dispatch.moderationNote': "Reason (seen by staff only)",
  'dispatch.moderate': "Save moderation",
  'dispatch.moderated': "Moderation of {ref} saved.",
  'dispatch.note': "Note (optional)",
  'dispatch.close': "Close",
  'dispatch.notFound': "No report \"{q}\".",
  'dispatch.supporters': "Supporters",
  'event.created': "Received",
  'event.status': "Status",
  'event.department': "Department",
  'event.merge': "Merge",
  'event.unmerge': "Merge undone",
  'event.support': "Support",
  'event.moderation': "Moderation",
  'event.note': "Note",
  'crew.photosHelp': "JPEG, PNG or WebP, up to 10 MB.",
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

/** A staff role's name. */
export function roleName(role: string): string {
  const key = `role.${role}`;
  return hasMessage(key) ? t(key) : role;
}

/** A Gi* class's name (hot or cold spot and its confidence). */
export function hotspotClassName(cls: string): string {
  const key = `hotspot.${cls}`;
  return hasMessage(key) ? t(key) : cls;
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

/** How long ago `iso` was, in words ("3 days ago"), in the interface language. */
export function formatAge(iso: string, now: number = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  return formatAgeHours((now - then) / 3_600_000);
}

/** An age given in hours, in words ("5 hours ago"). */
export function formatAgeHours(hours: number): string {
  if (hours < 1 / 60) return t('age.justNow');
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (hours < 1) return rtf.format(-Math.round(hours * 60), 'minute');
  if (hours < 48) return rtf.format(-Math.round(hours), 'hour');
  const days = hours / 24;
  if (days < 60) return rtf.format(-Math.round(days), 'day');
  return rtf.format(-Math.round(days / 30.44), 'month');
}

/** A distance in metres, rounded for reading: "40 m", "1,2 km". */
export function formatDistance(metres: number): string {
  if (metres < 1000) return t('distance.m', { n: Math.round(metres) });
  return t('distance.km', { n: (metres / 1000).toLocaleString(lang, { maximumFractionDigits: metres < 10_000 ? 1 : 0 }) });
}
