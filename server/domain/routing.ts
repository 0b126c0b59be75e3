/**
 * Routing: which department owns a report. The whole rule lives here.
 *
 * Candidates are the department areas that contain the report's point. Of those that
 * accept the category (generic areas, or areas limited to a set that includes it):
 *   1. the highest priority wins;
 *   2. on a tie, an area limited to categories beats a generic one;
 *   3. then the smallest area;
 *   4. then the lowest id, so the choice is always deterministic.
 * No candidate: the fallback (contact-centre) department takes it for triage.
 */

export interface AreaCandidate {
  id: number;
  departmentId: number;
  /** null: the area accepts every category. */
  categories: string[] | null;
  priority: number;
  areaM2: number;
}

export type RoutingDecision =
  | { kind: 'area'; area: AreaCandidate; departmentId: number; needsTriage: false }
  | { kind: 'fallback'; departmentId: number; needsTriage: true };

/** Whether the area accepts reports of `category`. */
export function acceptsCategory(area: AreaCandidate, category: string): boolean {
  return area.categories === null || area.categories.includes(category);
}

/** Picks the owning area among the candidates containing the point, or undefined if none accepts the category. */
export function chooseArea(candidates: readonly AreaCandidate[], category: string): AreaCandidate | undefined {
  let best: AreaCandidate | undefined;
  for (const c of candidates) {
    if (!acceptsCategory(c, category)) continue;
    if (!best || compareAreas(c, best) < 0) best = c;
  }
  return best;
}

/** Routes a report: the chosen area's department, or the fallback department with triage. */
export function route(candidates: readonly AreaCandidate[], category: string, fallbackDepartmentId: number): RoutingDecision {
  const area = chooseArea(candidates, category);
  return area
    ? { kind: 'area', area, departmentId: area.departmentId, needsTriage: false }
    : { kind: 'fallback', departmentId: fallbackDepartmentId, needsTriage: true };
}

function compareAreas(a: AreaCandidate, b: AreaCandidate): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const aLimited = a.categories !== null;
  const bLimited = b.categories !== null;
  if (aLimited !== bLimited) return aLimited ? -1 : 1;
  if (a.areaM2 !== b.areaM2) return a.areaM2 - b.areaM2;
  return a.id - b.id;
}
