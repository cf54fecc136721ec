import {
  modifyProcessInstance,
  type ProcessInstanceModificationValue,
} from '../service/process-instance-modification';
import type { EngineService } from '../service/engine-service';
import type { GrpcError } from './grpc-status';
import { isError, key, unary, variablesOf, type Handler } from './grpc-unary';

/* eslint-disable @typescript-eslint/no-explicit-any -- request shapes come from zeebe.proto at run time */

/** A proto int64 that may be unset: 0 (the proto default) and -1 both mean "none". */
function optionalKey(raw: unknown, name: string): string | GrpcError {
  const text = raw === undefined || raw === null ? '' : String(raw);
  return text === '' || text === '0' || text === '-1' ? '-1' : key(text, name);
}

/** The MODIFY record value of a gRPC ModifyProcessInstanceRequest, or why it is malformed. */
function modification(request: any): ProcessInstanceModificationValue | GrpcError {
  const processInstanceKey = key(request.processInstanceKey, 'processInstanceKey');
  if (isError(processInstanceKey)) return processInstanceKey;
  const activateInstructions: ProcessInstanceModificationValue['activateInstructions'] = [];
  for (const instruction of request.activateInstructions ?? []) {
    const ancestor = optionalKey(
      instruction.ancestorElementInstanceKey,
      'ancestorElementInstanceKey',
    );
    if (isError(ancestor)) return ancestor;
    const variableInstructions = [];
    for (const variableInstruction of instruction.variableInstructions ?? []) {
      const variables = variablesOf(variableInstruction.variables);
      if (isError(variables)) return variables;
      variableInstructions.push({ variables, scopeId: String(variableInstruction.scopeId ?? '') });
    }
    activateInstructions.push({
      elementId: String(instruction.elementId ?? ''),
      ancestorElementInstanceKey: ancestor,
      variableInstructions,
    });
  }
  const terminateInstructions = [];
  for (const instruction of request.terminateInstructions ?? []) {
    const elementInstanceKey = key(instruction.elementInstanceKey, 'elementInstanceKey');
    if (isError(elementInstanceKey)) return elementInstanceKey;
    terminateInstructions.push({ elementInstanceKey });
  }
  return { processInstanceKey, activateInstructions, terminateInstructions };
}

/** `ModifyProcessInstance` of `gateway_protocol.Gateway`. */
export function modificationHandlers(engine: EngineService): Record<string, Handler> {
  return {
    ModifyProcessInstance: unary(
      'MODIFY',
      async (request) => {
        const value = modification(request);
        return isError(value) ? value : modifyProcessInstance(engine, value);
      },
      () => ({}),
    ),
  };
}
