/**
 * Grid geometry of a diagram: shapes sized by BPMN element kind, centred on grid cells, and
 * orthogonal edges between them. Positions are given in grid units (a column is 150 px, a row
 * 130 px) so a layout reads like a sketch on squared paper.
 */

export const COLUMN = 150;
export const ROW = 130;

export interface Point {
  x: number;
  y: number;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type ShapeKind = 'event' | 'gateway' | 'activity';

const SIZES: Record<ShapeKind, { width: number; height: number }> = {
  event: { width: 36, height: 36 },
  gateway: { width: 50, height: 50 },
  activity: { width: 100, height: 80 },
};

export function gridPoint([column, row]: readonly [number, number]): Point {
  return { x: Math.round(column * COLUMN), y: Math.round(row * ROW) };
}

export function boundsAround(centre: Point, kind: ShapeKind): Bounds {
  const { width, height } = SIZES[kind];
  return { x: centre.x - width / 2, y: centre.y - height / 2, width, height };
}

export function centreOf(bounds: Bounds): Point {
  return { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 };
}

/**
 * Where the edge from `centre` towards `towards` (on the same horizontal or vertical line)
 * leaves `bounds`: for rectangles, diamonds and circles alike the crossing on an axis through
 * the centre is the middle of a side.
 */
function exitPoint(bounds: Bounds, centre: Point, towards: Point): Point {
  if (towards.x > centre.x) return { x: bounds.x + bounds.width, y: centre.y };
  if (towards.x < centre.x) return { x: bounds.x, y: centre.y };
  if (towards.y > centre.y) return { x: centre.x, y: bounds.y + bounds.height };
  return { x: centre.x, y: bounds.y };
}

/** How an edge bends between two points that share neither coordinate. */
export type Bend = 'vertical-first' | 'horizontal-first' | 'middle';

function bendBetween(from: Point, to: Point, bend: Bend): Point[] {
  if (from.x === to.x || from.y === to.y) return [];
  if (bend === 'vertical-first') return [{ x: from.x, y: to.y }];
  if (bend === 'horizontal-first') return [{ x: to.x, y: from.y }];
  const middle = (from.x + to.x) / 2;
  return [
    { x: middle, y: from.y },
    { x: middle, y: to.y },
  ];
}

/**
 * An orthogonal path from `source` to `target` through `via` (centres of the grid cells the
 * edge must pass): the first bend follows `firstBend`, later ones go horizontally first so
 * that they enter the target from the side, unless `lastBend` says otherwise.
 */
export function orthogonalPath(
  source: { bounds: Bounds; centre: Point },
  target: { bounds: Bounds; centre: Point },
  via: Point[],
  firstBend: Bend,
  lastBend: Bend,
): Point[] {
  const stops = [source.centre, ...via, target.centre];
  const path: Point[] = [stops[0]!];
  for (let index = 1; index < stops.length; index += 1) {
    const from = stops[index - 1]!;
    const to = stops[index]!;
    const bend =
      index === 1 ? firstBend : index === stops.length - 1 ? lastBend : 'horizontal-first';
    path.push(...bendBetween(from, to, bend), to);
  }
  const points = withoutRepeats(path);
  points[0] = exitPoint(source.bounds, points[0]!, points[1]!);
  const last = points.length - 1;
  points[last] = exitPoint(target.bounds, points[last]!, points[last - 1]!);
  return points;
}

function withoutRepeats(points: Point[]): Point[] {
  return points.filter(
    (point, index) =>
      index === 0 || point.x !== points[index - 1]!.x || point.y !== points[index - 1]!.y,
  );
}
