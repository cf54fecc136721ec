/**
 * Which version of a linked form (`zeebe:formDefinition formId`) a user task gets, by its
 * binding type (Camunda docs, "User tasks" and "Choosing the resource binding type"); the
 * failures are worded as Zeebe's FORM_NOT_FOUND incidents.
 */
import type { ResourceBinding } from '../../bpmn/model';
import type { EngineState } from '../../state/engine-state';
import type { DeployedForm, DeployedProcess } from '../../state/types';

export type FormBinding = { ok: true; form: DeployedForm } | { ok: false; message: string };

/** `caller` is the process definition the user task belongs to. */
export function boundForm(
  state: EngineState,
  formId: string,
  binding: ResourceBinding,
  caller: DeployedProcess,
): FormBinding {
  if (binding.bindingType === 'deployment') {
    const form = versionsOf(state, formId).find((f) => f.deploymentKey === caller.deploymentKey);
    return form
      ? { ok: true, form }
      : {
          ok: false,
          message:
            `Expected to use a form with id '${formId}' with binding type 'deployment', ` +
            `but no such form found in the deployment with key ${caller.deploymentKey} which contained the current process. ` +
            'To resolve this incident, migrate the process instance to a process definition ' +
            'that is deployed together with the intended form to use.',
        };
  }
  if (binding.bindingType === 'versionTag') {
    const form = versionsOf(state, formId)
      .reverse()
      .find((f) => versionTagOf(f) === binding.versionTag);
    return form
      ? { ok: true, form }
      : {
          ok: false,
          // Zeebe's message ends with a line break; kept so that both read the same.
          message:
            `Expected to use a form with id '${formId}' and version tag '${binding.versionTag}', but no such form found. ` +
            'To resolve the incident, deploy a form with the given id and version tag.\n',
        };
  }
  const form = state.latestForm(formId);
  return form
    ? { ok: true, form }
    : {
        ok: false,
        message: `Expected to find a form with id '${formId}', but no form with this id is found, at least a form with this id should be available. To resolve the Incident please deploy a form with the same id`,
      };
}

/** A Camunda form's version tag is the `versionTag` property of its schema. */
function versionTagOf(form: DeployedForm): string | undefined {
  try {
    const schema = JSON.parse(form.schema) as { versionTag?: unknown };
    return typeof schema.versionTag === 'string' ? schema.versionTag : undefined;
  } catch {
    return undefined;
  }
}

function versionsOf(state: EngineState, formId: string): DeployedForm[] {
  return (state.formVersions.get(formId) ?? [])
    .map((key) => state.forms.get(key))
    .filter((f): f is DeployedForm => f !== undefined);
}
