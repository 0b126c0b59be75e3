/**
 * The planner map's analytic layers: hexagon counts and Gi* hot and cold spots, drawn from the
 * analytics API's GeoJSON, and the legends that explain their colours.
 */
import type { HotspotClass } from '../api.ts';
import type { FillLayerSpecification, LineLayerSpecification } from '../map/style-types.ts';

export const HEXBIN_SOURCE = 'planner-hexbins';
export const HOTSPOT_SOURCE = 'planner-hotspots';
export const HEXBIN_LAYER = 'planner-hexbins-fill';
export const HOTSPOT_LAYER = 'planner-hotspots-fill';

/**
 * Gi* classes from hot to cold with a diverging red–blue scheme (ColorBrewer RdBu); stronger
 * confidence is a darker colour. Not significant cells are left almost clear.
 */
export const HOTSPOT_CLASSES: ReadonlyArray<readonly [cls: HotspotClass, colour: string]> = [
  ['hot_99', '#b2182b'],
  ['hot_95', '#ef8a62'],
  ['hot_90', '#fddbc7'],
  ['not_significant', '#f7f7f7'],
  ['cold_90', '#d1e5f0'],
  ['cold_95', '#67a9cf'],
  ['cold_99', '#2166ac'],
];

/** Sequential yellow–red ramp (ColorBrewer YlOrRd) for hexagon counts, lowest first. */
export const COUNT_COLOURS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

/** The lowest count of each colour class: quantile breaks over the counts shown, first always 1. */
export function countBreaks(counts: readonly number[], classes: number = COUNT_COLOURS.length): number[] {
  const sorted = counts.filter((c) => c > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [1];
  const breaks = [1];
  for (let k = 1; k < classes; k++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / classes))]!;
    if (q > breaks[breaks.length - 1]!) breaks.push(q);
  }
  return breaks;
}

/** One legend row per count class: "1–3", "4–9", …, "25+". */
export function countLegend(breaks: readonly number[]): Array<{ label: string; colour: string }> {
  const colours = rampFor(breaks.length);
  return breaks.map((low, i) => {
    const next = breaks[i + 1];
    const label = next === undefined ? `${low}+` : next - 1 === low ? `${low}` : `${low}–${next - 1}`;
    return { label, colour: colours[i]! };
  });
}

/** `n` colours from the ramp, spread so that few classes still run from light to dark. */
function rampFor(n: number): string[] {
  if (n >= COUNT_COLOURS.length) return [...COUNT_COLOURS];
  if (n === 1) return [COUNT_COLOURS[COUNT_COLOURS.length - 1]!];
  return Array.from({ length: n }, (_, i) => COUNT_COLOURS[Math.round((i * (COUNT_COLOURS.length - 1)) / (n - 1))]!);
}

/** The hexagon layers: a step colour ramp on `count` and a thin outline. */
export function hexbinLayers(breaks: readonly number[]): [FillLayerSpecification, LineLayerSpecification] {
  const colours = rampFor(breaks.length);
  const steps: unknown[] = ['step', ['get', 'count'], colours[0]];
  breaks.slice(1).forEach((b, i) => steps.push(b, colours[i + 1]));
  return [
    {
      id: HEXBIN_LAYER,
      type: 'fill',
      source: HEXBIN_SOURCE,
      paint: { 'fill-color': steps as never, 'fill-opacity': 0.75 },
    },
    {
      id: `${HEXBIN_LAYER}-outline`,
      type: 'line',
      source: HEXBIN_SOURCE,
      paint: { 'line-color': '#7a4b00', 'line-width': 0.5, 'line-opacity': 0.5 },
    },
  ];
}

/** The hot spot layers: colour by class; significant cells get a stronger outline. */
export function hotspotLayers(): [FillLayerSpecification, LineLayerSpecification] {
  const colour = ['match', ['get', 'class'], ...HOTSPOT_CLASSES.flat(), '#f7f7f7'];
  return [
    {
      id: HOTSPOT_LAYER,
      type: 'fill',
      source: HOTSPOT_SOURCE,
      paint: {
        'fill-color': colour as never,
        'fill-opacity': ['case', ['==', ['get', 'class'], 'not_significant'], 0.35, 0.8] as never,
      },
    },
    {
      id: `${HOTSPOT_LAYER}-outline`,
      type: 'line',
      source: HOTSPOT_SOURCE,
      paint: {
        'line-color': ['case', ['==', ['get', 'class'], 'not_significant'], '#9aa0a6', '#4a1c1c'] as never,
        'line-width': ['case', ['==', ['get', 'class'], 'not_significant'], 0.4, 0.8] as never,
      },
    },
  ];
}
