/**
 * The crew screen (`/crew`, mobile first): open tasks of the crew's department nearest to the
 * device, as a list and on a map, refreshed as the crew moves; a task opens with a geo: link to
 * navigate there and a form to change its status with a note and an "after" photo.
 */
import type { StaffUser } from '../api.ts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { getCategories, getCities, getClientConfig, getDistricts, getNearbyTasks, setStatus as postStatus, type Category, type Task } from '../api.ts';
import { append, h, uid } from '../dom.ts';
import { describeError, formErrorMessage } from '../errors.ts';
import { geoUri, metresBetween, watchPosition, type DevicePosition } from '../geo.ts';
import { formatAgeHours, formatDistance, localName, statusName, t } from '../i18n.ts';
import { createMap } from '../map/create-map.ts';
import { exposeMap } from '../map/expose.ts';
import { unionBBox } from '../map/geometry.ts';
import { addPointLayers, setPoints, setYou } from '../map/points.ts';
import { PhotoPicker } from '../photo-picker.ts';
import { photoUrls } from '../photos.ts';
import { reportHref } from '../router.ts';
import { setStatus } from './shell.ts';
import { mountStaffPage } from './staff-page.ts';

/** Statuses a crew may set on an open report (server/domain/permissions.ts). */
const CREW_STATUSES = ['acknowledged', 'in_progress', 'resolved', 'closed_not_fixed'] as const;
/** Ask again when the device has moved this far… */
const REFRESH_METRES = 50;
/** …or this long has passed, but never more often than every few seconds. */
const REFRESH_MAX_AGE_MS = 60_000;
const REFRESH_MIN_GAP_MS = 5_000;
const LAYER = 'tasks';
/** How long to wait for a first position before listing tasks from the city centre. */
const POSITION_WAIT_MS = 8_000;

export function showCrew(): void {
  mountStaffPage({
    path: '/crew',
    title: t('crew.title'),
    mainClass: 'crew',
    heading: true,
    loading: t('crew.locating'),
    roles: ['crew', 'dispatcher', 'admin'],
    forbidden: t('crew.forbidden'),
    start,
  });
}

async function start(main: HTMLElement, status: HTMLElement, user: StaffUser): Promise<void> {
  const [config, cities, categories, districts] = await Promise.all([getClientConfig(), getCities(), getCategories(), getDistricts()]);
  const bbox = unionBBox(cities.map((c) => c.bbox));
  if (!bbox) throw new Error(t('app.noCities'));
  const centre = { lat: (bbox[1] + bbox[3]) / 2, lon: (bbox[0] + bbox[2]) / 2 };

  const mapBox = h('div', { class: 'crew-map', role: 'region', 'aria-label': t('crew.mapLabel') });
  const screen = new CrewScreen(status, categories, centre);
  append(main, h('div', { class: 'crew-layout' }, mapBox, screen.element));
  const map = await createMap({ container: mapBox, bbox, districts, basemapStyleUrl: config.basemap_style_url, reports: false });
  addPointLayers(map, LAYER);
  exposeMap('crew', map);
  screen.attach(map);
}

class CrewScreen {
  readonly element: HTMLElement;
  readonly #status: HTMLElement;
  readonly #categories: Map<string, Category>;
  readonly #fallback: { lat: number; lon: number };
  readonly #count: HTMLElement;
  readonly #list: HTMLOListElement;
  readonly #listView: HTMLElement;
  readonly #detail: HTMLElement;
  #map: MapLibreMap | null = null;
  #tasks: Task[] = [];
  #position: DevicePosition | null = null;
  #positionNote = '';
  #askedAt: { lat: number; lon: number; time: number } | null = null;
  #loading = false;
  #openId: number | null = null;
  #retry = 0;

  constructor(status: HTMLElement, categories: readonly Category[], fallback: { lat: number; lon: number }) {
    this.#status = status;
    this.#categories = new Map(categories.map((c) => [c.code, c]));
    this.#fallback = fallback;
    const refresh = h('button', { type: 'button', class: 'button button-small' }, t('crew.refresh'));
    refresh.addEventListener('click', () => void this.#load(true));
    const titleId = uid('crew-list-title');
    this.#count = h('p', { class: 'crew-count', role: 'status' });
    this.#list = h('ol', { class: 'task-list', 'aria-labelledby': titleId });
    this.#listView = h(
      'section',
      { class: 'crew-list', 'aria-labelledby': titleId },
      h('div', { class: 'crew-list-head' }, h('h2', { id: titleId }, t('crew.listTitle')), refresh),
      this.#count,
      this.#list,
    );
    this.#detail = h('section', { class: 'task-detail', hidden: true });
    this.element = h('div', { class: 'crew-panel' }, this.#listView, this.#detail);
  }

  attach(map: MapLibreMap): void {
    this.#map = map;
    map.on('click', LAYER, (e) => {
      const id = e.features?.[0]?.id;
      if (typeof id === 'number') this.#open(id);
    });
    map.on('mouseenter', LAYER, () => map.getCanvas().classList.add('over-report'));
    map.on('mouseleave', LAYER, () => map.getCanvas().classList.remove('over-report'));
    // A browser still asking for permission answers nothing: meanwhile, measure from the city centre.
    window.setTimeout(() => {
      if (this.#position || this.#askedAt) return;
      this.#positionNote = t('crew.noPosition', { reason: t('geo.waiting') });
      void this.#load(true);
    }, POSITION_WAIT_MS);
    // A crew standing still still sees new tasks: the list is refreshed when it gets old.
    window.setInterval(() => void this.#load(false), REFRESH_MAX_AGE_MS / 2);
    watchPosition(
      (p) => {
        this.#position = p;
        this.#positionNote = t('crew.positionAt', { lat: p.lat.toFixed(5), lon: p.lon.toFixed(5), accuracy: Math.round(p.accuracy) });
        setYou(map, LAYER, p);
        void this.#load(false);
      },
      (reason) => {
        if (this.#position) return; // keep the last good position through a passing error
        this.#positionNote = t('crew.noPosition', { reason });
        void this.#load(false);
      },
    );
  }

  /** The point distances are measured from: the device, or the city centre until it is known. */
  #origin(): { lat: number; lon: number } {
    return this.#position ?? this.#fallback;
  }

  /** Fetches the nearest tasks when forced, or when the crew has moved or the list is old. */
  async #load(force: boolean): Promise<void> {
    const at = this.#origin();
    const now = Date.now();
    const last = this.#askedAt;
    if (!force && last) {
      const moved = metresBetween(last, at) >= REFRESH_METRES;
      const old = now - last.time >= REFRESH_MAX_AGE_MS;
      if (!moved && !old) {
        setStatus(this.#status, this.#positionNote);
        return;
      }
      const wait = REFRESH_MIN_GAP_MS - (now - last.time);
      if (wait > 0) {
        // Too soon after the last request: ask once the gap has passed, from wherever the crew is then.
        clearTimeout(this.#retry);
        this.#retry = window.setTimeout(() => void this.#load(false), wait);
        return;
      }
    }
    if (this.#loading) return;
    this.#loading = true;
    this.#askedAt = { ...at, time: now };
    try {
      const { tasks } = await getNearbyTasks(at);
      this.#tasks = tasks;
      this.#renderList();
      setStatus(this.#status, this.#positionNote);
      if (this.#map) {
        setPoints(this.#map, LAYER, tasks);
        this.#fit(at, tasks);
      }
    } catch (err) {
      setStatus(this.#status, describeError(err), true);
    } finally {
      this.#loading = false;
    }
  }

  /** Shows the crew and its nearest few tasks. */
  #fit(at: { lat: number; lon: number }, tasks: Task[]): void {
    const map = this.#map;
    if (!map) return;
    const near = [at, ...tasks.slice(0, 5)];
    const lons = near.map((p) => p.lon);
    const lats = near.map((p) => p.lat);
    map.fitBounds(
      [
        [Math.min(...lons), Math.min(...lats)],
        [Math.max(...lons), Math.max(...lats)],
      ],
      { padding: 40, maxZoom: 16, duration: 0 },
    );
  }

  #categoryName(code: string): string {
    const c = this.#categories.get(code);
    return c ? localName(c) : code;
  }

  #renderList(): void {
    this.#count.textContent = this.#tasks.length ? t('crew.count', { n: this.#tasks.length }) : t('crew.none');
    this.#list.replaceChildren();
    for (const task of this.#tasks) {
      const open = h('button', { type: 'button', class: 'button button-small button-primary', 'aria-label': t('crew.openTask', { ref: task.ref }) }, t('crew.open'));
      open.addEventListener('click', () => this.#open(task.id));
      append(
        this.#list,
        h(
          'li',
          { class: 'task', 'data-ref': task.ref },
          h('p', { class: 'task-name' }, this.#categoryName(task.category), ' ', h('span', { class: 'task-ref' }, task.ref)),
          h('p', { class: 'task-meta' }, h('strong', { class: 'task-distance' }, formatDistance(task.distance_m)), ` · ${statusName(task.status)} · ${formatAgeHours(task.age_hours)}`),
          task.description ? h('p', { class: 'task-text' }, task.description) : null,
          h(
            'div',
            { class: 'task-actions' },
            open,
            h('a', { class: 'button button-small button-link', href: geoUri(task.lat, task.lon), 'aria-label': t('crew.navigateLabel', { ref: task.ref }) }, t('crew.navigate')),
          ),
        ),
      );
    }
  }

  #open(id: number): void {
    const task = this.#tasks.find((x) => x.id === id);
    if (!task) return;
    this.#openId = id;
    const titleId = uid('task-title');
    const back = h('button', { type: 'button', class: 'button button-small' }, t('crew.back'));
    back.addEventListener('click', () => this.#close());
    const photos = photoUrls(task.photos, location.origin);
    this.#detail.setAttribute('aria-labelledby', titleId);
    this.#detail.replaceChildren();
    const title = h('h2', { id: titleId, tabindex: -1 }, `${this.#categoryName(task.category)} `, h('span', { class: 'task-ref' }, task.ref));
    append(
      this.#detail,
      back,
      title,
      h('p', { class: 'task-meta' }, h('strong', {}, formatDistance(task.distance_m)), ` · ${statusName(task.status)} · ${formatAgeHours(task.age_hours)}`),
      task.description ? h('p', { class: 'task-text task-text-full' }, task.description) : null,
      photos.length
        ? h(
            'ul',
            { class: 'report-photos', 'aria-label': t('crew.photos') },
            ...photos.map((p, i) =>
              h('li', {}, h('a', { href: p.full, target: '_blank', rel: 'noopener' }, h('img', { src: p.thumb, alt: t('crew.photoAlt', { n: i + 1, kind: t(`photoKind.${p.kind === 'after' ? 'after' : 'report'}`) }), loading: 'lazy' }))),
            ),
          )
        : null,
      h(
        'p',
        { class: 'task-actions' },
        h('a', { class: 'button button-primary button-link', href: geoUri(task.lat, task.lon) }, t('crew.navigate')),
        h('a', { href: reportHref(task.ref), target: '_blank', rel: 'noopener' }, task.ref),
      ),
      this.#statusForm(task),
    );
    this.#listView.hidden = true;
    this.#detail.hidden = false;
    title.focus();
    this.#select(id);
    this.#map?.easeTo({ center: [task.lon, task.lat], zoom: Math.max(this.#map.getZoom(), 16), duration: 0 });
  }

  /** Draws task `id` (or none) larger on the map. */
  #select(id: number | null): void {
    const map = this.#map;
    if (!map) return;
    map.removeFeatureState({ source: LAYER });
    if (id !== null) map.setFeatureState({ source: LAYER, id }, { selected: true });
  }

  #close(): void {
    const id = this.#openId;
    this.#openId = null;
    this.#select(null);
    this.#detail.hidden = true;
    this.#listView.hidden = false;
    const ref = this.#tasks.find((x) => x.id === id)?.ref;
    const item = ref ? this.#list.querySelector<HTMLElement>(`[data-ref="${ref}"] button`) : null;
    (item ?? this.#list).focus();
  }

  #statusForm(task: Task): HTMLFormElement {
    const ids = { status: uid('new-status'), note: uid('note') };
    const select = h('select', { id: ids.status, name: 'status' });
    for (const s of CREW_STATUSES) if (s !== task.status) append(select, h('option', { value: s, selected: s === 'resolved' }, statusName(s)));
    const note = h('textarea', { id: ids.note, name: 'note', rows: 2, maxlength: 4000 });
    const photos = new PhotoPicker({ label: t('crew.afterPhoto'), help: t('crew.photosHelp') });
    const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
    const bar = h('progress', { max: 100, value: 0, 'aria-label': t('form.progress'), hidden: true });
    const save = h('button', { type: 'submit', class: 'button button-primary' }, t('crew.save'));
    const form = h(
      'form',
      { class: 'task-status-form', novalidate: true },
      h('h3', {}, t('crew.changeStatus')),
      h('div', { class: 'field' }, h('label', { for: ids.status }, t('crew.newStatus')), select),
      h('div', { class: 'field' }, h('label', { for: ids.note }, t('crew.note')), note),
      photos.element,
      alert,
      bar,
      h('div', { class: 'form-actions form-actions-start' }, save),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      save.disabled = true;
      alert.hidden = true;
      bar.hidden = photos.files.length === 0;
      postStatus(task.id, select.value, note.value.trim(), photos.files, (f) => {
        bar.value = Math.round(f * 100);
      })
        .then(async (report) => {
          photos.clear();
          this.#close();
          await this.#load(true);
          setStatus(this.#status, t('crew.saved', { ref: report.ref, status: statusName(report.status) }));
        })
        .catch((err: unknown) => {
          alert.textContent = formErrorMessage(err);
          alert.hidden = false;
        })
        .finally(() => {
          save.disabled = false;
          bar.hidden = true;
        });
    });
    return form;
  }
}
