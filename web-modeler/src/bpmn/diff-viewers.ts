import NavigatedViewer from 'camunda-bpmn-js/lib/camunda-cloud/NavigatedViewer';
import 'camunda-bpmn-js/dist/assets/camunda-cloud-navigated-viewer.css';
import { versionChanges, type ElementChange } from './version-diff';

type Viewer = InstanceType<typeof NavigatedViewer>;
type Canvas = {
  addMarker(id: string, marker: string): void;
  zoom(level: string | number): void;
  scrollToElement(element: unknown): void;
};
type Registry = { get(id: string): unknown };

/**
 * Where each kind of change is shown: removed ones on the older diagram, added ones on the
 * newer, changed ones on both. Moves alone are not coloured: saving in the editor moves
 * labels by a pixel, which is no change a reviewer looks for.
 */
const SHOWN_ON_OLDER = new Set(['removed', 'changed']);
const SHOWN_ON_NEWER = new Set(['added', 'changed']);

/**
 * Two read-only diagrams of one process side by side, the differences coloured
 * (`diff-added`, `diff-removed`, `diff-changed`, `diff-layout` markers).
 */
export async function showDiff(
  olderContainer: HTMLElement,
  newerContainer: HTMLElement,
  olderXml: string,
  newerXml: string,
): Promise<{ changes: ElementChange[]; focus(id: string): void; destroy(): void }> {
  const older: Viewer = new NavigatedViewer({ container: olderContainer });
  const newer: Viewer = new NavigatedViewer({ container: newerContainer });
  await older.importXML(olderXml);
  await newer.importXML(newerXml);
  const registries = [older, newer].map((viewer) => viewer.get('elementRegistry') as Registry);
  const drawn = (id: string) => registries.some((registry) => Boolean(registry.get(id)));
  const changes = versionChanges(older.getDefinitions(), newer.getDefinitions(), drawn);
  const mark = (viewer: Viewer, change: ElementChange) => {
    if ((viewer.get('elementRegistry') as Registry).get(change.id)) {
      (viewer.get('canvas') as Canvas).addMarker(change.id, `diff-${change.kind}`);
    }
  };
  for (const change of changes) {
    if (SHOWN_ON_OLDER.has(change.kind)) mark(older, change);
    if (SHOWN_ON_NEWER.has(change.kind)) mark(newer, change);
  }
  for (const viewer of [older, newer]) (viewer.get('canvas') as Canvas).zoom('fit-viewport');
  return {
    changes,
    /** Both diagrams at full size around the element, where they have it. */
    focus(id: string) {
      for (const viewer of [older, newer]) {
        const element = (viewer.get('elementRegistry') as Registry).get(id);
        if (!element) continue;
        const canvas = viewer.get('canvas') as Canvas;
        canvas.zoom(1);
        canvas.scrollToElement(element);
      }
    },
    destroy() {
      older.destroy();
      newer.destroy();
    },
  };
}
