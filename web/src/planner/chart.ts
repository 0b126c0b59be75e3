/** The planner's time-series chart (uPlot), resized with its container. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { LINE_COLOURS, type ChartColumns } from './series.ts';

const HEIGHT = 260;

export class SeriesChart {
  readonly #container: HTMLElement;
  #plot: uPlot | null = null;
  readonly #resize = new ResizeObserver(() => this.#fit());

  constructor(container: HTMLElement) {
    this.#container = container;
    this.#resize.observe(container);
  }

  /** Draws `columns`, naming each line with `label(key)` and the x values `xLabel`. */
  show(columns: ChartColumns, label: (key: string) => string, lang: string, xLabel: string): void {
    this.#plot?.destroy();
    const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
    const opts: uPlot.Options = {
      width: this.#width(),
      height: HEIGHT,
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        { stroke: '#4b5159', grid: { stroke: '#e5e7eb' }, ticks: { stroke: '#c9ccd1' } },
        { stroke: '#4b5159', grid: { stroke: '#e5e7eb' }, ticks: { stroke: '#c9ccd1' }, size: 48 },
      ],
      series: [
        { label: xLabel, value: (_u, v) => (v === null || v === undefined ? '–' : dateFormat.format(new Date(v * 1000))) },
        ...columns.lines.map((line, i) => ({
          label: label(line.key),
          stroke: LINE_COLOURS[i % LINE_COLOURS.length]!,
          width: 2,
          points: { show: columns.x.length <= 60 },
        })),
      ],
      cursor: { drag: { x: false, y: false } },
    };
    this.#plot = new uPlot(opts, [columns.x, ...columns.lines.map((l) => l.values)], this.#container);
  }

  #width(): number {
    return Math.max(240, Math.floor(this.#container.clientWidth));
  }

  #fit(): void {
    if (this.#plot && Math.abs(this.#plot.width - this.#width()) > 1) this.#plot.setSize({ width: this.#width(), height: HEIGHT });
  }
}
