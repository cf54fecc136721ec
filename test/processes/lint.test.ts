import { lintBpmn } from '../../processes/tools/lint';
import { bpmnFiles, flowElements, readModel, type ModdleElement } from './support/models';

/**
 * What a modeler checks before deploying to Camunda 8.8 (bpmnlint with the camunda-compat
 * rules for camunda-cloud-8-8), and that every model carries a diagram that opens cleanly:
 * a shape for each flow node and an edge for each flow, joined where they meet.
 */
describe.each(bpmnFiles().map((file) => [file.name, file.content]))('%s', (name, xml) => {
  it('passes the Camunda 8.8 deployment rules without errors', async () => {
    const problems = await lintBpmn(xml);
    const errors = problems.filter((p) => p.category === 'error' || p.category === 'rule-error');
    expect(errors).toEqual([]);
  });

  describe('diagram', () => {
    let elements: ModdleElement[];
    let shapes: Map<string, ModdleElement>;
    let edges: Map<string, ModdleElement>;

    beforeAll(async () => {
      const { definitions } = await readModel(name, xml);
      elements = flowElements(definitions);
      const planeElements: ModdleElement[] = definitions.diagrams.flatMap(
        (diagram: ModdleElement) => diagram.plane.planeElement ?? [],
      );
      shapes = new Map(
        planeElements
          .filter((e) => e.$type === 'bpmndi:BPMNShape')
          .map((e) => [e.bpmnElement.id as string, e]),
      );
      edges = new Map(
        planeElements
          .filter((e) => e.$type === 'bpmndi:BPMNEdge')
          .map((e) => [e.bpmnElement.id as string, e]),
      );
    });

    it('has one diagram, on the process', async () => {
      const { definitions } = await readModel(name, xml);
      expect(definitions.diagrams).toHaveLength(1);
      expect(definitions.diagrams[0].plane.bpmnElement.$type).toBe('bpmn:Process');
    });

    it('draws every flow node as a shape and every sequence flow as an edge', () => {
      const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
      const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
      expect(nodes.filter((n) => !shapes.has(n.id)).map((n) => n.id)).toEqual([]);
      expect(flows.filter((f) => !edges.has(f.id)).map((f) => f.id)).toEqual([]);
      expect(shapes.size).toBe(nodes.length);
      expect(edges.size).toBe(flows.length);
    });

    it('expands sub-processes around their content', () => {
      for (const sub of elements.filter((e) => e.$type === 'bpmn:SubProcess')) {
        const shape = shapes.get(sub.id)!;
        expect(shape.isExpanded).toBe(true);
        for (const child of sub.flowElements.filter((e: ModdleElement) => shapes.has(e.id))) {
          expect(inside(shapes.get(child.id)!.bounds, shape.bounds)).toBe(true);
        }
      }
    });

    it('attaches every boundary event to its host border', () => {
      for (const event of elements.filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
        const { bounds } = shapes.get(event.id)!;
        const host = shapes.get(event.attachedToRef.id)!.bounds;
        const centre = { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 };
        const onHorizontal =
          (centre.y === host.y || centre.y === host.y + host.height) &&
          centre.x > host.x &&
          centre.x < host.x + host.width;
        const onVertical =
          (centre.x === host.x || centre.x === host.x + host.width) &&
          centre.y > host.y &&
          centre.y < host.y + host.height;
        expect({ event: event.id, attached: onHorizontal || onVertical }).toEqual({
          event: event.id,
          attached: true,
        });
      }
    });

    it('starts and ends every edge on its source and target, in straight legs', () => {
      for (const flow of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
        const points = edges.get(flow.id)!.waypoint as Array<{ x: number; y: number }>;
        expect(points.length).toBeGreaterThanOrEqual(2);
        const touches = (point: { x: number; y: number }, element: ModdleElement) =>
          onBorder(point, shapes.get(element.id)!.bounds);
        expect({ flow: flow.id, from: touches(points[0]!, flow.sourceRef) }).toEqual({
          flow: flow.id,
          from: true,
        });
        expect({ flow: flow.id, to: touches(points.at(-1)!, flow.targetRef) }).toEqual({
          flow: flow.id,
          to: true,
        });
        for (let i = 1; i < points.length; i += 1) {
          const [a, b] = [points[i - 1]!, points[i]!];
          expect({ flow: flow.id, orthogonal: a.x === b.x || a.y === b.y }).toEqual({
            flow: flow.id,
            orthogonal: true,
          });
        }
      }
    });

    it('runs no edge across a shape it does not connect', () => {
      for (const flow of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
        const points = edges.get(flow.id)!.waypoint as Array<{ x: number; y: number }>;
        const crossed = elements
          .filter(
            (e) => e.$type !== 'bpmn:SequenceFlow' && e !== flow.sourceRef && e !== flow.targetRef,
          )
          // The sub-process that holds the flow, or that it leaves from a boundary event.
          .filter((e) => e !== flow.$parent && e !== flow.sourceRef.attachedToRef)
          .filter((e) =>
            points.slice(1).some((b, i) => crosses(points[i]!, b, shapes.get(e.id)!.bounds)),
          )
          .map((e) => e.id);
        expect({ flow: flow.id, crossed }).toEqual({ flow: flow.id, crossed: [] });
      }
    });
  });
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function onBorder(point: { x: number; y: number }, box: Box): boolean {
  const withinX = point.x >= box.x && point.x <= box.x + box.width;
  const withinY = point.y >= box.y && point.y <= box.y + box.height;
  const onVertical = (point.x === box.x || point.x === box.x + box.width) && withinY;
  const onHorizontal = (point.y === box.y || point.y === box.y + box.height) && withinX;
  return onVertical || onHorizontal;
}

/** Does the straight leg from `a` to `b` pass through the inside of `box`? */
function crosses(a: { x: number; y: number }, b: { x: number; y: number }, box: Box): boolean {
  const [left, right] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [top, bottom] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return left < box.x + box.width && right > box.x && top < box.y + box.height && bottom > box.y;
}
