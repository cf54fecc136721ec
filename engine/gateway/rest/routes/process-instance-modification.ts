import { Router } from 'express';
import { parseKey } from '../../../protocol/keys';
import {
  modifyProcessInstance,
  type ProcessInstanceModificationValue,
} from '../../../service/process-instance-modification';
import type { RestContext } from '../context';
import { invalidArgument, sendRejection } from '../problem';
import { keyParam } from './search-route';

/* eslint-disable @typescript-eslint/no-explicit-any -- the request body is untyped JSON */

type Instructions = Omit<ProcessInstanceModificationValue, 'processInstanceKey'>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An optional key of the body: absent, null and "-1" mean none. */
function optionalKey(raw: unknown): string | undefined {
  if (raw === undefined || raw === null || String(raw) === '-1') return '-1';
  return parseKey(raw);
}

/**
 * Camunda 8.8's ProcessInstanceModificationInstruction: `activateInstructions` (`elementId`,
 * `ancestorElementInstanceKey`, `variableInstructions` of `variables` and `scopeId`) and
 * `terminateInstructions` (`elementInstanceKey`); a string says what is malformed.
 */
function instructionsOf(body: any): Instructions | string {
  if (!isObject(body)) return 'The request body must be a JSON object.';
  const activate = body.activateInstructions ?? [];
  const terminate = body.terminateInstructions ?? [];
  if (!Array.isArray(activate)) return 'activateInstructions must be an array.';
  if (!Array.isArray(terminate)) return 'terminateInstructions must be an array.';
  const result: Instructions = { activateInstructions: [], terminateInstructions: [] };
  for (const instruction of activate) {
    if (
      !isObject(instruction) ||
      typeof instruction.elementId !== 'string' ||
      !instruction.elementId
    )
      return 'No elementId provided.';
    const ancestor = optionalKey(instruction.ancestorElementInstanceKey);
    if (ancestor === undefined)
      return `The provided ancestorElementInstanceKey '${String(instruction.ancestorElementInstanceKey)}' is not a valid key.`;
    const variableInstructions = instruction.variableInstructions ?? [];
    if (!Array.isArray(variableInstructions)) return 'variableInstructions must be an array.';
    const variables = [];
    for (const v of variableInstructions) {
      if (!isObject(v) || !isObject(v.variables)) return 'No variables provided.';
      if (v.scopeId !== undefined && typeof v.scopeId !== 'string')
        return 'scopeId must be a string.';
      variables.push({ variables: v.variables, scopeId: v.scopeId ?? '' });
    }
    result.activateInstructions.push({
      elementId: instruction.elementId,
      ancestorElementInstanceKey: ancestor,
      variableInstructions: variables,
    });
  }
  for (const instruction of terminate) {
    const key = isObject(instruction) ? parseKey(instruction.elementInstanceKey) : undefined;
    if (key === undefined) return 'No elementInstanceKey provided, or it is not a valid key.';
    result.terminateInstructions.push({ elementInstanceKey: key });
  }
  return result;
}

/** `POST /v2/process-instances/{key}/modification`: 204 once the modification is applied. */
export function processInstanceModificationRouter(context: RestContext): Router {
  const router = Router();
  router.post('/process-instances/:processInstanceKey/modification', async (req, res) => {
    const processInstanceKey = keyParam(req, res, 'processInstanceKey');
    if (processInstanceKey === undefined) return;
    const instructions = instructionsOf(req.body);
    if (typeof instructions === 'string') return invalidArgument(req, res, instructions);
    const result = await modifyProcessInstance(context.service, {
      processInstanceKey,
      ...instructions,
    });
    if (!result.ok) return sendRejection(req, res, result);
    res.status(204).end();
  });
  return router;
}
