/** A process instance migration as both gateways receive it (Camunda 8.8's MigrationPlan). */
export interface MigrationRequest {
  processInstanceKey: string;
  targetProcessDefinitionKey: string;
  mappingInstructions: Array<{ sourceElementId: string; targetElementId: string }>;
}

/** The gateway's own checks, before the engine sees the command (undefined: valid). */
export function migrationRequestProblem(request: MigrationRequest): string | undefined {
  if (!request.targetProcessDefinitionKey || request.targetProcessDefinitionKey === '-1') {
    return 'No targetProcessDefinitionKey provided.';
  }
  for (const instruction of request.mappingInstructions) {
    if (!instruction.sourceElementId) return 'No sourceElementId provided.';
    if (!instruction.targetElementId) return 'No targetElementId provided.';
  }
  return undefined;
}
