import type { ProcessInstanceModificationValue } from '../runtime/commands';
import type { EngineService, Result } from './engine-service';

export type { ProcessInstanceModificationValue } from '../runtime/commands';

/**
 * ModifyProcessInstance / `POST /v2/process-instances/{key}/modification`: one
 * PROCESS_INSTANCE_MODIFICATION MODIFY command with every instruction, applied all or nothing.
 * The gateways turn their request into the record value (keys as decimal strings, '-1' for no
 * ancestor, variables parsed); what the instructions may name is checked by the processor.
 */
export function modifyProcessInstance(
  engine: EngineService,
  value: ProcessInstanceModificationValue,
): Promise<Result<unknown>> {
  return engine.processor.submit({
    valueType: 'PROCESS_INSTANCE_MODIFICATION',
    intent: 'MODIFY',
    key: value.processInstanceKey,
    value,
  });
}
