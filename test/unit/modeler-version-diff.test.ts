// The modeler's declarations of bpmn-js-differ and @camunda/linting, which ship none.
import '../../web-modeler/src/vendor.d';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { versionChanges } from '../../web-modeler/src/bpmn/version-diff';

/**
 * The modeler's comparison of two versions names the diagram elements that changed, with the
 * old and new value, including nested content bpmn-js-differ alone does not see (a timer's
 * expression), and lists added and removed elements.
 */
const handling = readFileSync(path.join(__dirname, '../../processes/demand-handling.bpmn'), 'utf8');
const moddle = new BpmnModdle({ zeebe });
const read = async (xml: string): Promise<object> =>
  (await moddle.fromXML(xml)).rootElement as object;

/** What the diagram draws: every element except definitions and event definitions. */
const drawn = (id: string) => !/-definitions?$/.test(id) && id !== 'demand-handling-definitions';

describe('versionChanges', () => {
  it('names the timer whose expression changed, with old and new expression', async () => {
    const newer = handling.replace(
      '>=warnAt</bpmn:timeDate>',
      '>=date and time(warnAt) - duration("PT1H")</bpmn:timeDate>',
    );
    const changes = versionChanges(await read(handling), await read(newer), drawn);
    expect(changes).toEqual([
      {
        id: 'warn-timer',
        name: '预警时间到',
        type: 'BoundaryEvent',
        kind: 'changed',
        attrs: [
          {
            name: 'bpmn:TimerEventDefinition.timeDate',
            oldValue: '=warnAt',
            newValue: '=date and time(warnAt) - duration("PT1H")',
          },
        ],
      },
    ]);
  });

  it('lists a renamed task as changed and nothing for identical versions', async () => {
    const renamed = handling.replace('name="临期预警"', 'name="临期提醒"');
    expect(versionChanges(await read(handling), await read(renamed), drawn)).toEqual([
      expect.objectContaining({
        id: 'warn',
        kind: 'changed',
        attrs: [{ name: 'name', oldValue: '临期预警', newValue: '临期提醒' }],
      }),
    ]);
    expect(versionChanges(await read(handling), await read(handling), drawn)).toEqual([]);
  });

  it('lists added and removed elements', async () => {
    const older = await read(handling);
    const withNote = handling.replace(
      '<bpmn:serviceTask id="warn" name="临期预警">',
      '<bpmn:textAnnotation id="note"><bpmn:text>新</bpmn:text></bpmn:textAnnotation>' +
        '<bpmn:serviceTask id="warn" name="临期预警">',
    );
    const added = versionChanges(older, await read(withNote), drawn);
    expect(added).toContainEqual(expect.objectContaining({ id: 'note', kind: 'added' }));
    const removed = versionChanges(await read(withNote), older, drawn);
    expect(removed).toContainEqual(expect.objectContaining({ id: 'note', kind: 'removed' }));
  });
});
