/**
 * Deployed decisions are engine state: rebuilt from DECISION_REQUIREMENTS / DECISION CREATED
 * events and carried by snapshots, so recovery never re-parses DMN (DESIGN.md §4).
 */
import fs from 'node:fs';
import { evaluateDecision, parseDmn } from '../../engine/dmn';
import { EngineState } from '../../engine/state/engine-state';
import { applyEvent } from '../../engine/state/appliers';
import type { LoggedRecord } from '../../engine/protocol/records';
import { modelPath } from './elements-helpers';

function event(valueType: LoggedRecord['valueType'], key: string, value: unknown): LoggedRecord {
  return {
    recordType: 'EVENT',
    valueType,
    intent: 'CREATED',
    key,
    value,
    sourceRecordPosition: '-1',
    processInstanceKey: '-1',
    position: '1',
    timestamp: 0,
  } as LoggedRecord;
}

describe('decisions in the engine state', () => {
  it('the CREATED appliers store the parsed decisions, versions included, and snapshots keep them', async () => {
    const drg = await parseDmn(fs.readFileSync(modelPath('dmn-routing.dmn'), 'utf8'));
    if ('errors' in drg) throw new Error(drg.errors.join('\n'));
    const state = new EngineState();
    applyEvent(
      state,
      event('DECISION_REQUIREMENTS', '10', {
        key: '10',
        decisionRequirementsId: drg.decisionRequirementsId,
        decisionRequirementsName: drg.name,
        version: 1,
        resourceName: 'dmn-routing.dmn',
        checksum: 'c',
        deploymentKey: '9',
        resource: '',
        decisions: drg.decisions,
        tenantId: '<default>',
      }),
    );
    applyEvent(
      state,
      event('DECISION', '11', {
        key: '11',
        decisionId: 'routeDemand',
        decisionName: 'Route demand',
        version: 1,
        decisionRequirementsKey: '10',
        decisionRequirementsId: drg.decisionRequirementsId,
        deploymentKey: '9',
        tenantId: '<default>',
      }),
    );
    const restored = EngineState.fromSnapshot(state.toSnapshot());
    const decision = restored.decisions.latestDecision('routeDemand');
    expect(decision).toMatchObject({ key: '11', version: 1, decisionRequirementsKey: '10' });
    const decisions = restored.decisions.drgs.get(decision!.decisionRequirementsKey)!.decisions;
    expect(
      evaluateDecision(decisions, 'routeDemand', { category: 'housing', pages: 50 }),
    ).toMatchObject({ ok: true, output: 'specialist' });
  });

  it('a snapshot from before DMN support restores with no decisions', () => {
    const old = JSON.parse(new EngineState().toSnapshot()) as Record<string, unknown>;
    delete old.decisions;
    const restored = EngineState.fromSnapshot(JSON.stringify(old));
    expect(restored.decisions.decisions.size).toBe(0);
  });
});
