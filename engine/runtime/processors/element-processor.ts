import type { ElementContext } from '../element-context';
import type { ContainerHooks } from '../behaviors/lifecycle';

/**
 * One processor per BPMN element kind, called by the PROCESS_INSTANCE command processors
 * after the lifecycle event of the step has been written (ACTIVATING, COMPLETING,
 * TERMINATING). A processor that hits a failure raises an incident and returns: the instance
 * stays in its state and the same step runs again when the incident is resolved.
 */
export interface ElementProcessor {
  onActivate(ec: ElementContext): void;
  onComplete(ec: ElementContext): void;
  onTerminate(ec: ElementContext): void;
}

export interface ContainerProcessor extends ElementProcessor, ContainerHooks {}
