/**
 * What a dispatcher can do to an open report, one small form each: hand it to another department
 * with a reason, merge it into another report (the nearby ones offered, or by reference), undo a
 * merge, hide its text or photos from the public. Each form calls `ctx.done` with a sentence once
 * the server has accepted the change.
 */
import { ApiError, getNearby, getReport, mergeInto, moderate, reassign, unmerge, type Department, type StaffReport } from './api.ts';
import { append, h, uid, type Child } from './dom.ts';
import { describeError } from './errors.ts';
import { formatAge, formatDistance, localName, statusName, t } from './i18n.ts';

export interface ActionContext {
  departments: readonly Department[];
  departmentName: (code: string) => string;
  /** Called after a change was accepted: refresh and say `message`. */
  done: (message: string) => Promise<void>;
}

/** The action forms for report `r`: merge (or undo a merge), reassignment, moderation. */
export function actionForms(r: StaffReport, ctx: ActionContext): HTMLElement[] {
  return [r.status === 'duplicate' ? unmergeBlock(r, ctx) : mergeBlock(r, ctx), reassignForm(r, ctx), moderationForm(r, ctx)];
}

/** A labelled field. */
export function field(label: string, control: HTMLElement, extra: Child = null): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, extra);
}

function reassignForm(r: StaffReport, ctx: ActionContext): HTMLElement {
  const select = h('select', { name: 'department' });
  for (const d of ctx.departments) if (d.code !== r.department.code) append(select, h('option', { value: d.code }, localName(d)));
  const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 4000, required: true });
  const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'action-form', novalidate: true },
    h('h3', {}, t('dispatch.reassign')),
    field(t('dispatch.newDepartment'), select),
    field(t('dispatch.reason'), reason),
    alert,
    h('button', { type: 'submit', class: 'button button-primary' }, t('dispatch.reassignDo')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (reason.value.trim().length < 3) {
      showAlert(alert, t('dispatch.reasonMissing'));
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    act(form, alert, async () => {
      await reassign(r.id, select.value, reason.value.trim());
      await ctx.done(t('dispatch.reassigned', { ref: r.ref, department: ctx.departmentName(select.value) }));
    });
  });
  return form;
}

function mergeBlock(r: StaffReport, ctx: ActionContext): HTMLElement {
  const target = h('input', { name: 'into', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const note = h('input', { name: 'note', type: 'text' });
  const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
  const nearby = h('div', { class: 'merge-nearby', 'aria-live': 'polite' });
  const merge = (into: number, intoRef: string) =>
    act(form, alert, async () => {
      await mergeInto(r.id, into, note.value.trim() || undefined);
      await ctx.done(t('dispatch.merged', { ref: r.ref, into: intoRef }));
    });
  const form = h(
    'form',
    { class: 'action-form', novalidate: true },
    h('h3', {}, t('dispatch.merge')),
    nearby,
    field(t('dispatch.mergeTarget'), target),
    field(t('dispatch.note'), note),
    alert,
    h('button', { type: 'submit', class: 'button button-primary' }, t('dispatch.mergeDo')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = target.value.trim().toUpperCase();
    if (!q) {
      target.focus();
      return;
    }
    act(form, alert, async () => {
      let found;
      try {
        found = await getReport(q);
      } catch (err) {
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) throw new Error(t('dispatch.notFound', { q }));
        throw err;
      }
      await mergeInto(r.id, found.id, note.value.trim() || undefined);
      await ctx.done(t('dispatch.merged', { ref: r.ref, into: found.ref }));
    });
  });
  getNearby({ lat: r.lat, lon: r.lon }, r.category)
    .then(({ reports }) => {
      const others = reports.filter((x) => x.id !== r.id);
      if (others.length === 0) {
        nearby.replaceChildren(h('p', { class: 'field-help' }, t('dispatch.mergeNone')));
        return;
      }
      const list = h('ul', { class: 'merge-list' });
      for (const o of others) {
        const b = h('button', { type: 'button', class: 'button button-small' }, t('dispatch.mergeInto', { ref: o.ref }));
        b.addEventListener('click', () => merge(o.id, o.ref));
        append(list, h('li', {}, b, ` ${formatDistance(o.distance_m)} · ${statusName(o.status)} · ${formatAge(o.created_at)}`, o.description ? h('span', { class: 'queue-text' }, o.description) : null));
      }
      nearby.replaceChildren(h('p', { class: 'field-help' }, t('dispatch.mergeNearby')), list);
    })
    .catch(() => nearby.replaceChildren());
  return form;
}

function unmergeBlock(r: StaffReport, ctx: ActionContext): HTMLElement {
  const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'action-form', novalidate: true },
    h('h3', {}, t('dispatch.unmerge')),
    r.duplicate_of !== null ? h('p', {}, t('dispatch.duplicateOf', { id: r.duplicate_of })) : null,
    alert,
    h('button', { type: 'submit', class: 'button button-primary' }, t('dispatch.unmerge')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(form, alert, async () => {
      await unmerge(r.id);
      await ctx.done(t('dispatch.unmerged', { ref: r.ref }));
    });
  });
  return form;
}

function moderationForm(r: StaffReport, ctx: ActionContext): HTMLElement {
  const hideText = h('input', { type: 'checkbox', name: 'hide_text' });
  const photoBoxes = r.photos.map((p, i) => ({ p, box: h('input', { type: 'checkbox', name: 'hide_photo', value: p.position, checked: p.hidden }), n: i + 1 }));
  const note = h('input', { type: 'text', name: 'moderation_note' });
  const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'action-form', novalidate: true },
    h('h3', {}, t('dispatch.moderation')),
    h('label', { class: 'check' }, hideText, t('dispatch.hideText')),
    photoBoxes.length
      ? h(
          'ul',
          { class: 'moderation-photos' },
          ...photoBoxes.map(({ p, box, n }) =>
            h('li', {}, h('label', { class: 'check' }, box, h('img', { src: p.thumbnail_url, alt: '', width: 64, height: 48 }), t('dispatch.hidePhoto', { n }))),
          ),
        )
      : null,
    field(t('dispatch.moderationNote'), note),
    alert,
    h('button', { type: 'submit', class: 'button button-primary' }, t('dispatch.moderate')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const hide = photoBoxes.filter(({ p, box }) => box.checked && !p.hidden).map(({ p }) => p.position);
    const show = photoBoxes.filter(({ p, box }) => !box.checked && p.hidden).map(({ p }) => p.position);
    act(form, alert, async () => {
      await moderate(r.id, {
        ...(hideText.checked ? { hide_text: true } : {}),
        ...(hide.length ? { hide_photos: hide } : {}),
        ...(show.length ? { show_photos: show } : {}),
        ...(note.value.trim() ? { note: note.value.trim() } : {}),
      });
      await ctx.done(t('dispatch.moderated', { ref: r.ref }));
    });
  });
  return form;
}

/** Runs an action with the form's buttons disabled, showing its failure in `alert`. */
function act(form: HTMLFormElement, alert: HTMLElement, action: () => Promise<void>): void {
  const buttons = [...form.querySelectorAll('button')];
  for (const b of buttons) b.disabled = true;
  alert.hidden = true;
  action()
    .catch((err: unknown) => showAlert(alert, describeError(err)))
    .finally(() => {
      for (const b of buttons) b.disabled = false;
    });
}

function showAlert(alert: HTMLElement, message: string): void {
  alert.textContent = message;
  alert.hidden = false;
}

