/**
 * Where the names of events, gateways and sequence flows go: below an event or gateway unless
 * a flow leaves or enters it there (then above, else beside it), and next to the first leg of
 * a named flow. A modeler keeps these positions; without them it would put every label below
 * its element, across the flows that branch downwards.
 */
import type { Bounds, Point } from './geometry';

const CHARACTER = 12;
const LINE = 14;
const MAX_WIDTH = 90;

function labelSize(name: string): { width: number; height: number } {
  const length = [...name].reduce((sum, c) => sum + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.6), 0);
  const width = Math.min(MAX_WIDTH, Math.ceil(length * CHARACTER));
  return { width, height: LINE * Math.ceil((length * CHARACTER) / MAX_WIDTH) };
}

type Side = 'top' | 'bottom' | 'left' | 'right';

/** The sides of `bounds` that the given edge end points touch. */
export function touchedSides(bounds: Bounds, ends: Point[]): Set<Side> {
  const sides = new Set<Side>();
  for (const { x, y } of ends) {
    if (y === bounds.y) sides.add('top');
    else if (y === bounds.y + bounds.height) sides.add('bottom');
    else if (x === bounds.x) sides.add('left');
    else if (x === bounds.x + bounds.width) sides.add('right');
  }
  return sides;
}

export function nodeLabel(
  name: string,
  bounds: Bounds,
  taken: Set<Side>,
  onBorder = false,
): Bounds {
  const size = labelSize(name);
  const centreX = bounds.x + bounds.width / 2;
  // A boundary event's flow leaves downwards and its host lies above: beside, below the border.
  if (onBorder) return { x: bounds.x + bounds.width + 4, y: bounds.y + bounds.height, ...size };
  if (!taken.has('bottom')) {
    return { x: centreX - size.width / 2, y: bounds.y + bounds.height + 5, ...size };
  }
  if (!taken.has('top')) {
    return { x: centreX - size.width / 2, y: bounds.y - size.height - 5, ...size };
  }
  // Both taken: above the incoming flow on the left, clear of the vertical flows.
  return { x: bounds.x - size.width - 2, y: bounds.y - size.height + 8, ...size };
}

export function flowLabel(name: string, waypoints: Point[]): Bounds {
  const size = labelSize(name);
  // Above the first horizontal leg, so that branches leaving one side of a gateway together
  // carry their names where they have parted.
  const leg = waypoints.findIndex((point, i) => i > 0 && point.y === waypoints[i - 1]!.y);
  if (leg > 0) {
    const [from, to] = [waypoints[leg - 1]!, waypoints[leg]!];
    const right = to.x > from.x;
    return {
      x: right ? from.x + 6 : from.x - 6 - size.width,
      y: from.y - size.height - 3,
      ...size,
    };
  }
  const [start, next] = [waypoints[0]!, waypoints[1]!];
  const down = next.y > start.y;
  return { x: start.x + 6, y: down ? start.y + 6 : start.y - 6 - size.height, ...size };
}
