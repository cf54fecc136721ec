import type { EngineService } from '../service/engine-service';
import { decisionHandlers } from './grpc-decision-handlers';
import { jobHandlers } from './grpc-job-handlers';
import { modificationHandlers } from './grpc-modification-handlers';
import { migrationHandlers } from './grpc-migration-handlers';
import { invalidArgument } from './grpc-status';
import { isError, key, unary, variablesOf, type Handler } from './grpc-unary';
import { engineTopology } from './topology';

/* eslint-disable @typescript-eslint/no-explicit-any -- request and response shapes come from zeebe.proto at run time */

/** The `gateway_protocol.Gateway` service over the engine service. */
export function gatewayHandlers(engine: EngineService, grpcPort: () => number) {
  const creation = (request: any) => {
    const variables = variablesOf(request.variables);
    if (isError(variables)) return variables;
    const definitionKey =
      request.processDefinitionKey && request.processDefinitionKey !== '0'
        ? request.processDefinitionKey
        : '-1';
    if (definitionKey === '-1' && !request.bpmnProcessId) {
      return invalidArgument(
        "Expected argument 'bpmnProcessId' or 'processDefinitionKey' to be provided, but none given",
      );
    }
    return {
      bpmnProcessId: request.bpmnProcessId ?? '',
      version:
        request.version === 0 || request.version === undefined ? -1 : Number(request.version),
      processDefinitionKey: definitionKey,
      variables,
      tenantId: request.tenantId ?? '',
      startInstructions: (request.startInstructions ?? []).map((instruction: any) => ({
        elementId: String(instruction.elementId ?? ''),
      })),
    };
  };

  const handlers: Record<string, Handler> = {
    ...jobHandlers(engine),
    ...decisionHandlers(engine),
    ...modificationHandlers(engine),
    ...migrationHandlers(engine),
    Topology: unary(
      'TOPOLOGY',
      async () => ({ ok: true, key: '-1', value: undefined }) as const,
      () => engineTopology('127.0.0.1', grpcPort()),
    ),
    DeployResource: unary(
      'CREATE',
      (request) =>
        engine.deploy(
          (request.resources ?? []).map((r: any) => ({
            name: r.name,
            content: Buffer.from(r.content ?? []),
          })),
          request.tenantId,
        ),
      (value) => ({
        key: value.key,
        tenantId: value.tenantId,
        deployments: [
          ...value.processes.map((process) => ({ process })),
          ...value.forms.map((form) => ({ form })),
          ...(value.decisionRequirements ?? []).map((decisionRequirements) => ({
            decisionRequirements,
          })),
          ...(value.decisions ?? []).map((decision) => ({ decision })),
        ],
      }),
    ),
    DeployProcess: unary(
      'CREATE',
      (request) =>
        engine.deploy(
          (request.processes ?? []).map((p: any) => ({
            name: p.name,
            content: Buffer.from(p.definition ?? []),
          })),
        ),
      (value) => ({ key: value.key, processes: value.processes }),
    ),
    CreateProcessInstance: unary(
      'CREATE',
      async (request) => {
        const command = creation(request);
        return isError(command) ? command : engine.createProcessInstance(command);
      },
      (value) => value,
    ),
    CreateProcessInstanceWithResult: unary(
      'CREATE_WITH_AWAITING_RESULT',
      async (request) => {
        const command = creation(request.request ?? {});
        if (isError(command)) return command;
        const timeout =
          Number(request.requestTimeout) > 0 ? Number(request.requestTimeout) : 15_000;
        return engine.createProcessInstanceWithResult(
          { ...command, fetchVariables: request.fetchVariables ?? [] },
          timeout,
        );
      },
      (value) => ({ ...value, variables: JSON.stringify(value.variables) }),
    ),
    CancelProcessInstance: unary(
      'CANCEL',
      async (request) => {
        const k = key(request.processInstanceKey, 'processInstanceKey');
        return isError(k) ? k : engine.cancelProcessInstance(k);
      },
      () => ({}),
    ),
    SetVariables: unary(
      'UPDATE',
      async (request) => {
        const k = key(request.elementInstanceKey, 'elementInstanceKey');
        if (isError(k)) return k;
        const variables = variablesOf(request.variables);
        return isError(variables) ? variables : engine.setVariables(k, variables, !!request.local);
      },
      (value) => ({ key: value.key }),
    ),
    PublishMessage: unary(
      'PUBLISH',
      async (request) => {
        const variables = variablesOf(request.variables);
        if (isError(variables)) return variables;
        return engine.publishMessage({
          name: request.name ?? '',
          correlationKey: request.correlationKey ?? '',
          timeToLive: Number(request.timeToLive ?? 0),
          messageId: request.messageId ?? '',
          variables,
          tenantId: request.tenantId ?? '',
        });
      },
      (value) => ({ key: value.key, tenantId: value.tenantId }),
    ),
    BroadcastSignal: unary(
      'BROADCAST',
      async (request) => {
        const variables = variablesOf(request.variables);
        if (isError(variables)) return variables;
        return engine.broadcastSignal({
          signalName: request.signalName ?? '',
          variables,
          tenantId: request.tenantId ?? '',
        });
      },
      (value) => ({ key: value.key, tenantId: value.tenantId }),
    ),
    ResolveIncident: unary(
      'RESOLVE',
      async (request) => {
        const k = key(request.incidentKey, 'incidentKey');
        return isError(k) ? k : engine.resolveIncident(k);
      },
      () => ({}),
    ),
  };
  return handlers;
}
