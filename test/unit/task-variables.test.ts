import type { EngineTask, ScopedVariable } from '../../server/tasks/task-engine';
import { visibleTaskVariables } from '../../server/tasks/task-variables';

const task = (key: string, processInstanceKey: string) =>
  ({ key, processInstanceKey }) as EngineTask;
const variable = (
  processInstanceKey: string,
  scopeKey: string,
  name: string,
  value: unknown,
): ScopedVariable => ({ processInstanceKey, scopeKey, name, value });

/** An engine answering from fixed variables, counting what it was asked. */
function fakeEngine(stored: ScopedVariable[], chains: Record<string, ScopedVariable[]>) {
  const asked = { searches: 0, taskChains: [] as string[] };
  return {
    asked,
    async scopedVariables(keys: string[]) {
      asked.searches += 1;
      const byInstance = new Map<string, ScopedVariable[]>();
      for (const v of stored.filter((s) => keys.includes(s.processInstanceKey))) {
        byInstance.set(v.processInstanceKey, [...(byInstance.get(v.processInstanceKey) ?? []), v]);
      }
      return byInstance;
    },
    async userTaskVariables(key: string) {
      asked.taskChains.push(key);
      return chains[key] ?? [];
    },
  };
}

describe('the variables a task sees', () => {
  it('reads the process variables of many tasks in one search', async () => {
    const engine = fakeEngine(
      [variable('100', '100', 'demandCode', 'A'), variable('200', '200', 'demandCode', 'B')],
      {},
    );
    const seen = await visibleTaskVariables(
      engine,
      [task('1', '100'), task('2', '200')],
      ['demandCode'],
    );
    expect(Object.fromEntries(seen)).toEqual({
      '1': { demandCode: 'A' },
      '2': { demandCode: 'B' },
    });
    expect(engine.asked).toEqual({ searches: 1, taskChains: [] });
  });

  it('reads the chain of a task whose instance keeps variables in inner scopes, innermost winning', async () => {
    // A multi-instance sub-process: each iteration (scope 310, 320) holds its own demandCode
    // and hides the process-level one; a task sees its own iteration's only.
    const stored = [
      variable('300', '300', 'demandCode', 'P'),
      variable('300', '310', 'demandCode', 'X'),
      variable('300', '320', 'demandCode', 'Y'),
    ];
    const engine = fakeEngine(stored, {
      '31': [stored[1]!, stored[0]!],
      '32': [stored[0]!, stored[2]!],
    });
    const seen = await visibleTaskVariables(engine, [task('31', '300'), task('32', '300')]);
    expect(seen.get('31')).toEqual({ demandCode: 'X' });
    expect(seen.get('32')).toEqual({ demandCode: 'Y' });
    expect(engine.asked).toEqual({ searches: 1, taskChains: ['31', '32'] });
  });

  it('compares scope keys as numbers, not as text', async () => {
    const engine = fakeEngine([variable('9', '9', 'n', 1), variable('9', '10', 'n', 2)], {
      '5': [variable('9', '10', 'n', 2), variable('9', '9', 'n', 1)],
    });
    expect((await visibleTaskVariables(engine, [task('5', '9')])).get('5')).toEqual({ n: 2 });
  });
});
