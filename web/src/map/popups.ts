/** Helpers shared by the map's popups. */
import type { Map as MapLibreMap, Popup } from 'maplibre-gl';

const MARGIN = 12;

/** Page elements over the top of the map (the app bar): a popup should not hide under them. */
const TOP_OVERLAYS = '[data-map-overlay="top"]';

/**
 * Pans the map just enough for the whole popup to be on screen and clear of the app bar (a form
 * is taller than the space above or below most points). Does nothing when it already fits.
 */
export function keepPopupInView(map: MapLibreMap, popup: Popup): void {
  const el = popup.getElement();
  if (!el) return;
  const box = el.getBoundingClientRect();
  const view = map.getContainer().getBoundingClientRect();
  const left = view.left + MARGIN;
  const right = view.right - MARGIN;
  const bottom = view.bottom - MARGIN;
  let top = view.top + MARGIN;
  for (const overlay of document.querySelectorAll<HTMLElement>(TOP_OVERLAYS)) {
    const r = overlay.getBoundingClientRect();
    if (r.width > 0 && r.left < box.right && r.right > box.left) top = Math.max(top, r.bottom + MARGIN);
  }
  // Positive offsets move the map's content up or left; the top-left edge wins when both overflow.
  const dx = box.left < left ? box.left - left : box.right > right ? Math.min(box.right - right, box.left - left) : 0;
  const dy = box.top < top ? box.top - top : box.bottom > bottom ? Math.min(box.bottom - bottom, box.top - top) : 0;
  if (dx === 0 && dy === 0) return;
  map.panBy([dx, dy], { duration: matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 300 });
}

/**
 * Closes the popup when Escape is pressed inside it (its close button included) and hands focus
 * back to `returnFocus()`.
 */
export function closeOnEscape(popup: Popup, returnFocus: () => HTMLElement | null): void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !popup.isOpen()) return;
    event.stopPropagation();
    popup.remove();
    returnFocus()?.focus();
  };
  // MapLibre builds a new popup element each time the popup opens.
  popup.on('open', () => popup.getElement()?.addEventListener('keydown', onKeyDown));
}
