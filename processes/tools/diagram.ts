/**
 * Writes the diagram (BPMN DI) of a process from a layout sketch: every flow node gets a shape,
 * every sequence flow an orthogonal edge, expanded sub-processes enclose their children and
 * boundary events sit on their host's border. The process semantics are left untouched except
 * that `incoming`/`outgoing` are recomputed from the sequence flows, as modelers write them.
 */
import type { BpmnModdle } from 'bpmn-moddle';
import {
  boundsAround,
  centreOf,
  gridPoint,
  orthogonalPath,
  type Bend,
  type Bounds,
  type Point,
  type ShapeKind,
} from './geometry';
import { flowLabel, nodeLabel, touchedSides } from './labels';

/** A flow node's centre in grid units: `[column, row]`. */
export type GridCell = readonly [number, number];

export interface DiagramSketch {
  /** Centre of every flow node that is not a boundary event or an expanded sub-process. */
  nodes: Record<string, GridCell>;
  /** Boundary events: the column where they sit on their host's bottom or top border. */
  boundaries?: Record<string, { side: 'top' | 'bottom'; column: number }>;
  /** Expanded sub-processes: their top-left and bottom-right corners in grid units. */
  containers?: Record<string, { from: GridCell; to: GridCell }>;
  /** Sequence flows that do not take the direct route: grid cells they pass through. */
  routes?: Record<string, GridCell[]>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- moddle elements are untyped trees */
type Element = any;

const MARGIN = 60;

export function layOut(moddle: BpmnModdle, definitions: Element, sketch: DiagramSketch): void {
  const process = definitions.rootElements.find((e: Element) => e.$type === 'bpmn:Process');
  if (!process) throw new Error('no bpmn:Process in the definitions');
  const elements = collect(process);
  linkFlows(elements);

  const bounds = new Map<string, Bounds>();
  for (const element of elements.nodes) placeNode(element, sketch, bounds);
  for (const element of elements.nodes) placeBoundary(element, sketch, bounds);
  const offset = shiftToMargin(bounds);

  const waypoints = new Map<string, Point[]>();
  for (const flow of elements.flows) {
    waypoints.set(flow.id, edgeOf(flow, sketch, bounds, offset));
  }
  const label = (labelBounds: Bounds) =>
    moddle.create('bpmndi:BPMNLabel', {
      bounds: moddle.create('dc:Bounds', roundBounds(labelBounds) as never),
    });

  const planeElements: Element[] = [];
  for (const element of elements.nodes) {
    const shapeBounds = bounds.get(element.id)!;
    const shape = moddle.create('bpmndi:BPMNShape', {
      id: `${element.id}_di`,
      bpmnElement: element,
      bounds: moddle.create('dc:Bounds', roundBounds(shapeBounds) as never),
    }) as Element;
    if (element.$type === 'bpmn:SubProcess') shape.isExpanded = true;
    if (element.$type === 'bpmn:ExclusiveGateway') shape.isMarkerVisible = true;
    if (element.name && kindOf(element) !== 'activity') {
      const ends = [...element.incoming, ...element.outgoing].map((flow: Element) => {
        const points = waypoints.get(flow.id)!;
        return flow.sourceRef === element ? points[0]! : points[points.length - 1]!;
      });
      const sides = touchedSides(shapeBounds, ends);
      const onBorder = element.$type === 'bpmn:BoundaryEvent';
      shape.label = label(nodeLabel(element.name, shapeBounds, sides, onBorder));
    }
    planeElements.push(shape);
  }
  for (const flow of elements.flows) {
    const points = waypoints.get(flow.id)!;
    const edge = moddle.create('bpmndi:BPMNEdge', {
      id: `${flow.id}_di`,
      bpmnElement: flow,
      waypoint: points.map((point) => moddle.create('dc:Point', roundPoint(point) as never)),
    }) as Element;
    if (flow.name) edge.label = label(flowLabel(flow.name, points));
    planeElements.push(edge);
  }
  const plane = moddle.create('bpmndi:BPMNPlane', {
    id: `${process.id}_plane`,
    bpmnElement: process,
    planeElement: planeElements,
  });
  definitions.diagrams = [
    moddle.create('bpmndi:BPMNDiagram', { id: `${process.id}_diagram`, plane }),
  ];
}

function collect(scope: Element): { nodes: Element[]; flows: Element[] } {
  const nodes: Element[] = [];
  const flows: Element[] = [];
  for (const element of scope.flowElements ?? []) {
    if (element.$type === 'bpmn:SequenceFlow') {
      flows.push(element);
      continue;
    }
    nodes.push(element);
    if (element.$type === 'bpmn:SubProcess') {
      const inner = collect(element);
      nodes.push(...inner.nodes);
      flows.push(...inner.flows);
    }
  }
  return { nodes, flows };
}

function linkFlows({ nodes, flows }: { nodes: Element[]; flows: Element[] }): void {
  for (const node of nodes) {
    node.incoming = [];
    node.outgoing = [];
  }
  for (const flow of flows) {
    flow.sourceRef.outgoing.push(flow);
    flow.targetRef.incoming.push(flow);
  }
}

function kindOf(element: Element): ShapeKind {
  if (/Event$/.test(element.$type)) return 'event';
  if (/Gateway$/.test(element.$type)) return 'gateway';
  return 'activity';
}

function placeNode(element: Element, sketch: DiagramSketch, bounds: Map<string, Bounds>): void {
  if (element.$type === 'bpmn:BoundaryEvent') return;
  const container = sketch.containers?.[element.id];
  if (container) {
    const from = gridPoint(container.from);
    const to = gridPoint(container.to);
    bounds.set(element.id, { x: from.x, y: from.y, width: to.x - from.x, height: to.y - from.y });
    return;
  }
  const cell = sketch.nodes[element.id];
  if (!cell) throw new Error(`the sketch does not place '${element.id}'`);
  bounds.set(element.id, boundsAround(gridPoint(cell), kindOf(element)));
}

function placeBoundary(element: Element, sketch: DiagramSketch, bounds: Map<string, Bounds>) {
  if (element.$type !== 'bpmn:BoundaryEvent') return;
  const place = sketch.boundaries?.[element.id];
  if (!place) throw new Error(`the sketch does not place boundary event '${element.id}'`);
  const host = bounds.get(element.attachedToRef.id)!;
  const y = place.side === 'bottom' ? host.y + host.height : host.y;
  bounds.set(element.id, boundsAround({ x: gridPoint([place.column, 0]).x, y }, 'event'));
}

/** Moves every shape so that the diagram starts at the margin; returns the shift. */
function shiftToMargin(bounds: Map<string, Bounds>): Point {
  const all = [...bounds.values()];
  const offset = {
    x: MARGIN - Math.min(...all.map((b) => b.x)),
    y: MARGIN - Math.min(...all.map((b) => b.y)),
  };
  for (const b of all) {
    b.x += offset.x;
    b.y += offset.y;
  }
  return offset;
}

function edgeOf(
  flow: Element,
  sketch: DiagramSketch,
  bounds: Map<string, Bounds>,
  offset: Point,
): Point[] {
  const end = (element: Element) => {
    const b = bounds.get(element.id)!;
    return { bounds: b, centre: centreOf(b) };
  };
  const via = (sketch.routes?.[flow.id] ?? []).map((cell) => {
    const point = gridPoint(cell);
    return { x: point.x + offset.x, y: point.y + offset.y };
  });
  const source = flow.sourceRef;
  const target = flow.targetRef;
  // Gateways and boundary events send their branches up or down before turning; a merging
  // gateway is entered from above or below when the flow comes from another row.
  const firstBend: Bend =
    kindOf(source) === 'gateway' || source.$type === 'bpmn:BoundaryEvent'
      ? 'vertical-first'
      : via.length === 0 && kindOf(target) === 'gateway'
        ? 'horizontal-first'
        : 'middle';
  const lastBend: Bend = kindOf(target) === 'gateway' ? 'horizontal-first' : 'vertical-first';
  return orthogonalPath(
    end(source),
    end(target),
    via,
    firstBend,
    via.length ? lastBend : firstBend,
  );
}

function roundPoint(point: Point): Point {
  return { x: Math.round(point.x), y: Math.round(point.y) };
}

function roundBounds(bounds: Bounds): Bounds {
  return {
    ...roundPoint(bounds),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
  };
}
