import { Router } from 'express';
import type { AdHocSubProcessInstructionValue } from '../../../runtime/commands';
import type { RestContext } from '../context';
import { invalidArgument, sendRejection } from '../problem';
import { keyParam } from './search-route';

type Activation = AdHocSubProcessInstructionValue['activateElements'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Camunda 8.8's AdHocSubProcessActivateActivitiesInstruction: `elements` of `elementId` and
 * optional `variables`. A string says what is malformed.
 */
function elementsOf(body: unknown): Activation | string {
  if (!isObject(body)) return 'The request body must be a JSON object.';
  const elements = body.elements;
  if (elements === undefined || elements === null) return 'No elements provided.';
  if (!Array.isArray(elements)) return 'The value for elements must be an array.';
  if (elements.length === 0) return 'No elements provided.';
  const result: Activation = [];
  for (const element of elements) {
    if (!isObject(element) || typeof element.elementId !== 'string' || !element.elementId)
      return 'No elementId provided.';
    const variables = element.variables ?? {};
    if (!isObject(variables)) return 'The value for variables must be a JSON object.';
    result.push({ elementId: element.elementId, variables });
  }
  return result;
}

/**
 * `POST /v2/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation`
 * (204): activates inner elements of a running ad-hoc sub-process, each with its variables.
 */
export function adHocActivitiesRouter(context: RestContext): Router {
  const router = Router();
  router.post(
    '/element-instances/ad-hoc-activities/:adHocSubProcessInstanceKey/activation',
    async (req, res) => {
      const key = keyParam(req, res, 'adHocSubProcessInstanceKey');
      if (key === undefined) return;
      const elements = elementsOf(req.body ?? {});
      if (typeof elements === 'string') return invalidArgument(req, res, elements);
      const result = await context.service.activateAdHocActivities({
        adHocSubProcessInstanceKey: key,
        activateElements: elements,
        tenantId: '',
      });
      if (!result.ok) return sendRejection(req, res, result);
      res.status(204).end();
    },
  );
  return router;
}
