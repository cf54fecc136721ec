import { EngineRefusal } from '../camunda';
import { HttpProblem, invalidInput, PROBLEM_TYPES } from '../http';
import type { EngineIncident, OpsEngine } from './ops-engine';
import { moveTargetsOf } from './move-targets';

/** `{"targetElementId": "…"}`, checked against the elements the instance can move to. */
export async function parseMoveTarget(
  engine: OpsEngine,
  incident: EngineIncident,
  body: Record<string, unknown>,
): Promise<string> {
  const target = body.targetElementId;
  if (typeof target !== 'string' || target === '') {
    throw invalidInput([{ field: 'targetElementId', message: 'The element to move to.' }]);
  }
  const { xml } = await engine.definition(incident.processDefinitionKey);
  const targets = await moveTargetsOf(xml, incident.elementId);
  if (!targets.some((t) => t.elementId === target)) {
    throw invalidInput([
      {
        field: 'targetElementId',
        message: 'A task or event in the same scope as the stuck element.',
      },
    ]);
  }
  return target;
}

/**
 * Operate's "move": one modification of the incident's instance that activates the chosen
 * element and terminates the stuck element instance, whose incident goes with it. The engine
 * refusing it (the element instance ended meanwhile) is a 409.
 */
export async function moveIncident(
  engine: OpsEngine,
  incident: EngineIncident,
  targetElementId: string,
): Promise<void> {
  try {
    await engine.modifyInstance(incident.processInstanceKey, {
      activateInstructions: [{ elementId: targetElementId }],
      terminateInstructions: [{ elementInstanceKey: incident.elementInstanceKey }],
    });
  } catch (error) {
    if (error instanceof EngineRefusal) {
      throw new HttpProblem({
        status: 409,
        type: PROBLEM_TYPES.conflict,
        detail: 'The stuck element is no longer active; the instance was not changed.',
      });
    }
    throw error;
  }
}
