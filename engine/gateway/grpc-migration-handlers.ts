import type { EngineService } from '../service/engine-service';
import { isError, key, unary, type Handler } from './grpc-unary';

/* eslint-disable @typescript-eslint/no-explicit-any -- request and response shapes come from zeebe.proto at run time */

/** MigrateProcessInstance: the migration plan becomes a PROCESS_INSTANCE_MIGRATION MIGRATE command. */
export function migrationHandlers(engine: EngineService): Record<string, Handler> {
  return {
    MigrateProcessInstance: unary(
      'MIGRATE',
      async (request) => {
        const processInstanceKey = key(request.processInstanceKey, 'processInstanceKey');
        if (isError(processInstanceKey)) return processInstanceKey;
        const plan = request.migrationPlan ?? {};
        return engine.migrateProcessInstance({
          processInstanceKey,
          targetProcessDefinitionKey: String(plan.targetProcessDefinitionKey ?? ''),
          mappingInstructions: (plan.mappingInstructions ?? []).map((m: any) => ({
            sourceElementId: String(m.sourceElementId ?? ''),
            targetElementId: String(m.targetElementId ?? ''),
          })),
        });
      },
      () => ({}),
    ),
  };
}
