import type { Command } from '../processing/command';
import type { UserTaskChangeset } from '../runtime/commands';
import type { DeployedForm } from '../state/types';
import type { EngineService, Result } from './engine-service';

/**
 * User task commands for the REST gateway (Camunda 8.8 has no gRPC user task API), kept out of
 * EngineService so the user task feature stays in its own modules. Like EngineService, it
 * submits commands and knows no transport.
 */
export class UserTaskService {
  constructor(private readonly service: EngineService) {}

  /** Answered once the transition is done: task listeners included (see UserTaskAnswers). */
  private submit(intent: string, key: string, value: unknown): Promise<Result<unknown>> {
    const command: Command = { valueType: 'USER_TASK', intent, key, value };
    return this.service.userTaskAnswers.submit(command);
  }

  /** Camunda's allowOverride: true assigns whatever the current assignee (ASSIGN), false claims (CLAIM). */
  assign(key: string, assignee: string, allowOverride: boolean, action: string) {
    return this.submit(allowOverride ? 'ASSIGN' : 'CLAIM', key, { assignee, action });
  }

  /** Unassigning is an ASSIGN to nobody (Zeebe's `unassign` action). */
  unassign(key: string) {
    return this.submit('ASSIGN', key, { assignee: '', action: 'unassign' });
  }

  update(key: string, changeset: UserTaskChangeset, action: string) {
    return this.submit('UPDATE', key, { changeset, action });
  }

  complete(key: string, variables: Record<string, unknown>, action: string) {
    return this.submit('COMPLETE', key, { variables, action });
  }

  /** A deployed form by its key: forms stay in the state for good, like process definitions. */
  form(formKey: string): DeployedForm | undefined {
    return this.service.processor.state.forms.get(formKey);
  }
}
