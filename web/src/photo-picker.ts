/**
 * A photo field: up to `max` images with previews and a remove button each. Files over the
 * server's limit are refused here already, with the file named.
 */
import { append, h, uid } from './dom.ts';
import { t } from './i18n.ts';

/** The server's limits (server/media/photos.ts). */
export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export interface PhotoPickerOptions {
  /** How many photos at most. */
  max?: number;
  /** The label; "Photos (up to 5)" by default. */
  label?: string;
  /** The help line under the field. */
  help?: string;
  /** Called for each photo taken, with its index among the chosen ones. */
  onAdded?: (file: File, index: number) => void;
}

export class PhotoPicker {
  readonly element: HTMLElement;
  readonly #input: HTMLInputElement;
  readonly #list: HTMLElement;
  readonly #error: HTMLElement;
  readonly #max: number;
  readonly #onAdded: (file: File, index: number) => void;
  #files: Array<{ file: File; url: string }> = [];

  constructor({ max = MAX_PHOTOS, label, help, onAdded = () => undefined }: PhotoPickerOptions = {}) {
    this.#max = max;
    this.#onAdded = onAdded;
    const ids = { input: uid('photos'), help: uid('photos-help'), error: uid('photos-error') };
    this.#input = h('input', {
      id: ids.input,
      name: 'photos',
      type: 'file',
      accept: 'image/*',
      multiple: max > 1,
      'aria-describedby': `${ids.help} ${ids.error}`,
    });
    this.#list = h('ul', { class: 'photo-previews' });
    this.#error = h('p', { id: ids.error, class: 'field-error', hidden: true, role: 'alert' });
    this.element = h(
      'div',
      { class: 'field photo-field' },
      h('label', { for: ids.input }, label ?? t('form.photos', { max })),
      this.#input,
      h('p', { id: ids.help, class: 'field-help' }, help ?? t('form.photosHelp')),
      this.#error,
      this.#list,
    );
    this.#input.addEventListener('change', () => {
      this.add([...(this.#input.files ?? [])]);
      this.#input.value = '';
    });
  }

  /** The chosen photos, in order. */
  get files(): File[] {
    return this.#files.map((f) => f.file);
  }

  /** Takes `files`, refusing (and naming) those over the size limit or beyond the count. */
  add(files: readonly File[]): void {
    const problems: string[] = [];
    for (const file of files) {
      if (this.#files.length >= this.#max) {
        problems.push(t('form.photoTooMany', { max: this.#max }));
        break;
      }
      if (file.size > MAX_PHOTO_BYTES) {
        problems.push(t('form.photoTooLarge', { file: file.name }));
        continue;
      }
      this.#files.push({ file, url: URL.createObjectURL(file) });
      this.#onAdded(file, this.#files.length - 1);
    }
    this.#error.textContent = problems.join(' ');
    this.#error.hidden = problems.length === 0;
    this.#render();
  }

  clear(): void {
    for (const f of this.#files) URL.revokeObjectURL(f.url);
    this.#files = [];
    this.#error.hidden = true;
    this.#render();
  }

  #render(): void {
    this.#list.replaceChildren();
    this.#files.forEach(({ file, url }, i) => {
      const remove = h('button', { type: 'button', class: 'photo-remove', 'aria-label': t('form.photoRemove', { name: file.name }) }, '×');
      remove.addEventListener('click', () => {
        URL.revokeObjectURL(url);
        this.#files.splice(i, 1);
        this.#render();
        this.#input.focus();
      });
      append(this.#list, h('li', {}, h('img', { src: url, alt: t('form.photoPreviewAlt', { name: file.name }) }), remove));
    });
    this.#input.disabled = this.#files.length >= this.#max;
  }
}
