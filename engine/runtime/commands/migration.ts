import type { FlowElement } from '../../bpmn/model';
import type { SerializedRecord } from '../../log/record-log';
import type { ProcessingContext } from '../../processing/context';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { SubscriptionRecordValue } from '../../state/appliers';
import type { ProcessInstanceValue } from '../../state/types';
import { jobValue } from '../behaviors/jobs';
import { correlateBufferedAtGateway } from '../behaviors/event-gateway';
import { correlateBuffered, openSubscription } from '../behaviors/messages';
import type { MessageSubscription } from '../../state/messages';
import { closeSignalSubscriptionsOf, openSignalSubscription } from '../behaviors/signals';
import { timerValue, createTimerFor } from '../behaviors/timers';
import { contextOf, type ElementContext } from '../element-context';
import { checkNewSubscriptions, migratedValue, newCatchEvents } from './migration-arming';
import { moveTakenFlows } from './migration-joins';
import { createCamundaUserTask, planUserTaskChanges } from './migration-user-task';
import {
  planMigration,
  type ElementMigration,
  type MigrationCommandValue,
  type MigrationPlan,
} from './migration-plan';

/*
 * PROCESS_INSTANCE_MIGRATION MIGRATE (Camunda 8.8, "Process instance migration"): every active
 * element instance moves to the element it is mapped to in the target process definition,
 * keeping its key, its variables, its job or user task and its incidents. A mapped catch event
 * (boundary event, event sub-process start, event after an event-based gateway) keeps its timer
 * or subscription (the due date and correlation key are not evaluated again); an unmapped one
 * of the source is closed, and one of the target that nothing is mapped to is opened. The taken
 * flows of a waiting join move to their target flows. Each change is an event with an applier
 * (appliers/migration.ts).
 */
const migrate: CommandProcessor = (command: SerializedRecord, ctx: ProcessingContext) => {
  const value = command.value as MigrationCommandValue;
  const plan = planMigration(ctx.state, { ...value, processInstanceKey: command.key });
  checkNewSubscriptions(ctx, plan);
  const newUserTasks = planUserTaskChanges(ctx, plan);
  const opened: Array<{ ec: ElementContext; migration: ElementMigration }> = [];
  for (const migration of plan.elements) {
    const { instance, target } = migration;
    const migrated = migratedValue(instance.value, plan.target, target);
    const piKey = migrated.processInstanceKey;
    // The flows a join had taken are the source's: their deletion names the source definition.
    const source = { ...instance.value };
    ctx.event('PROCESS_INSTANCE', 'ELEMENT_MIGRATED', instance.key, migrated, piKey);
    const job = instance.jobKey ? ctx.state.jobs.get(instance.jobKey) : undefined;
    const newUserTask = newUserTasks.get(instance.key);
    if (newUserTask) createCamundaUserTask(ctx, instance.jobKey, newUserTask);
    else if (job)
      ctx.event('JOB', 'MIGRATED', job.key, jobValue(job, definitionOf(migrated)), piKey);
    const task = newUserTask ? undefined : ctx.state.userTaskOf(instance.key);
    if (task) {
      const taskValue = { ...task.value, ...definitionOf(migrated), changedAttributes: [] };
      ctx.event('USER_TASK', 'MIGRATED', task.key, { ...taskValue, variables: {} }, piKey);
    }
    for (const incident of ctx.state.incidents.values()) {
      if (incident.elementInstanceKey !== instance.key) continue;
      const { elementId, bpmnProcessId, processDefinitionKey } = migrated;
      ctx.event(
        'INCIDENT',
        'MIGRATED',
        incident.key,
        { ...incident, elementId, bpmnProcessId, processDefinitionKey },
        piKey,
      );
    }
    moveTakenFlows(ctx, instance.key, source, migrated, migration.joins);
    const ec = migrateCatchEvents(ctx, plan, instance.key, instance.value, migrated);
    opened.push({ ec, migration });
  }
  ctx.event('PROCESS_INSTANCE_MIGRATION', 'MIGRATED', command.key, value, command.key);
  // Opened last: a buffered message may trigger a new catch event at once.
  for (const { ec, migration } of opened) openNewCatchEvents(ec, newCatchEvents(plan, migration));
  ctx.respond(command.key, {});
};

function definitionOf(v: ProcessInstanceValue) {
  return {
    bpmnProcessId: v.bpmnProcessId,
    processDefinitionKey: v.processDefinitionKey,
    processDefinitionVersion: v.version,
    elementId: v.elementId,
  };
}

/** Where a source catch event goes: the element itself follows its mapping, a boundary event its own. */
function targetOf(
  plan: MigrationPlan,
  source: ProcessInstanceValue,
  migrated: ProcessInstanceValue,
  id: string,
) {
  return id === source.elementId ? migrated.elementId : plan.mappings.get(id);
}

function migrateCatchEvents(
  ctx: ProcessingContext,
  plan: MigrationPlan,
  key: string,
  source: ProcessInstanceValue,
  migrated: ProcessInstanceValue,
): ElementContext {
  const piKey = migrated.processInstanceKey;
  for (const timer of ctx.state.timersOf(key)) {
    const targetId = targetOf(plan, source, migrated, timer.targetElementId);
    if (targetId === undefined) {
      ctx.event('TIMER', 'CANCELED', timer.key, timerValue(timer), piKey);
      continue;
    }
    const moved = {
      ...timerValue(timer),
      targetElementId: targetId,
      processDefinitionKey: plan.target.key,
    };
    ctx.event('TIMER', 'MIGRATED', timer.key, moved, piKey);
  }
  for (const s of ctx.state.messages.subscriptionsOf(key)) {
    const targetId = targetOf(plan, source, migrated, s.elementId);
    const value: SubscriptionRecordValue = { ...s, messageKey: '-1', variables: {} };
    if (targetId === undefined) {
      ctx.event('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', s.key, value, piKey);
      continue;
    }
    const moved = { ...value, elementId: targetId, bpmnProcessId: plan.target.bpmnProcessId };
    ctx.event('PROCESS_MESSAGE_SUBSCRIPTION', 'MIGRATED', s.key, moved, piKey);
  }
  // Signals are not buffered: closing and opening again is the same as keeping them.
  closeSignalSubscriptionsOf(ctx, key);
  return contextOf(ctx, key, migrated);
}

function openNewCatchEvents(ec: ElementContext, events: FlowElement[]): void {
  const messages: MessageSubscription[] = [];
  for (const event of events) {
    if (event.eventType === 'TIMER' && event.timer) createTimerFor(ec, event, ec.key);
    if (event.eventType === 'SIGNAL' && event.signalName) openSignalSubscription(ec, event, ec.key);
    if (event.eventType === 'MESSAGE' && event.message) {
      const opened = openSubscription(ec, event, ec.key);
      if (opened.ok) messages.push(opened.subscription);
    }
  }
  // At an event-based gateway the first buffered message wins; elsewhere each may correlate.
  if (ec.element.elementType === 'EVENT_BASED_GATEWAY') {
    correlateBufferedAtGateway(ec.ctx, ec.key, messages);
  } else {
    for (const subscription of messages) correlateBuffered(ec.ctx, subscription);
  }
}

export const migrationCommands: Record<string, CommandProcessor> = {
  'PROCESS_INSTANCE_MIGRATION:MIGRATE': migrate,
};
