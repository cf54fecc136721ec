import type { CommandProcessor } from '../../processing/stream-processor';
import { adHocSubProcessCommands } from './ad-hoc-sub-process';
import { clockCommands } from './clock';
import { createProcessInstance } from './creation';
import { evaluateDecisionCommand } from './decision-evaluation';
import { createDeployment } from './deployment';
import { jobCommands } from './jobs';
import { miscCommands } from './misc';
import { migrationCommands } from './migration';
import { processInstanceCommands } from './process-instance';
import { processInstanceModificationCommands } from './process-instance-modification';
import { messageCommands } from './messages';
export type { BroadcastSignalCommand } from './signals';
import { signalCommands } from './signals';
import { timerCommands } from './timers';
import { userTaskCommands } from './user-tasks';

export type { ActivatedJob, ActivateJobsCommand } from './job-activation';
export { activationProblem } from './job-activation';
export type { CreationCommand, CreationResponse } from './creation';
export type { DeploymentCommand, DeploymentResponse } from './deployment';
export type { EvaluateDecisionCommand } from './decision-evaluation';
export type {
  CorrelateMessageCommand,
  CorrelateMessageResponse,
  PublishMessageCommand,
} from './messages';
export type { UserTaskChangeset, UserTaskCommandResponse } from './user-tasks';
export type { AdHocSubProcessInstructionValue } from './ad-hoc-sub-process';
export type { ProcessInstanceModificationValue } from '../behaviors/modification-record';

/** Every command the engine processes, by `VALUE_TYPE:INTENT`. */
export function commandProcessors(): Map<string, CommandProcessor> {
  return new Map(
    Object.entries({
      ...processInstanceCommands,
      'PROCESS_INSTANCE_CREATION:CREATE': createProcessInstance,
      'DEPLOYMENT:CREATE': createDeployment,
      ...jobCommands,
      ...timerCommands,
      ...messageCommands,
      ...signalCommands,
      ...miscCommands,
      ...clockCommands,
      ...userTaskCommands,
      ...processInstanceModificationCommands,
      'DECISION_EVALUATION:EVALUATE': evaluateDecisionCommand,
      ...migrationCommands,
      ...adHocSubProcessCommands,
    }),
  );
}
