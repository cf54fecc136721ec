import type { ProcessingContext } from '../../processing/context';
import type { ElementContext } from '../element-context';
import { awaitsStartListeners } from './execution-listeners';
import { raiseIncident } from './incidents';
import { writeElementEvent } from './lifecycle';
import { closeSubscriptionsOf, openBoundaryMessageSubscriptions } from './messages';
import { closeSignalSubscriptionsOf, openBoundarySignalSubscriptions } from './signals';
import { cancelTimersOf, openBoundaryTimers, unusableTimerOf } from './timers';

/*
 * The two lifecycle steps that arm and disarm an element's events (Zeebe's
 * BpmnEventSubscriptionBehavior): becoming ACTIVATED opens its boundary events' timers and
 * subscriptions, COMPLETING closes whatever it still holds. Kept apart from lifecycle.ts so that
 * the event kinds, whose triggers activate elements through lifecycle.ts, do not import back.
 */

/**
 * ELEMENT_ACTIVATED; an activity then subscribes to its boundary events. The timers it will arm
 * (boundary timers, event sub-process timer starts) are checked first: one whose expression
 * gives no timer is an incident on the still-activating element. False when an incident was
 * raised: the caller then stops, and the activity does not start its work (no job, no child).
 */
export function toActivated(ec: ElementContext): boolean {
  // Elements without input mappings of their own meet their start listeners here.
  if (awaitsStartListeners(ec)) return false;
  const unusable = unusableTimerOf(ec);
  if (unusable !== undefined) {
    raiseIncident(ec, 'EXTRACT_VALUE_ERROR', unusable);
    return false;
  }
  writeElementEvent(ec, 'ELEMENT_ACTIVATED');
  const subscribed = [
    openBoundaryTimers,
    openBoundaryMessageSubscriptions,
    openBoundarySignalSubscriptions,
  ];
  for (const open of subscribed) {
    const result = open(ec);
    if (!result.ok) {
      raiseIncident(ec, 'EXTRACT_VALUE_ERROR', result.message);
      return false;
    }
  }
  return true;
}

/** ELEMENT_COMPLETING; the element's timers and subscriptions (catch or boundary) are closed. */
export function toCompleting(ec: ElementContext): void {
  writeElementEvent(ec, 'ELEMENT_COMPLETING');
  disarmEventsOf(ec.ctx, ec.key);
}

/** Closes the timers, message and signal subscriptions an element instance holds. */
export function disarmEventsOf(ctx: ProcessingContext, elementInstanceKey: string): void {
  cancelTimersOf(ctx, elementInstanceKey);
  closeSubscriptionsOf(ctx, elementInstanceKey);
  closeSignalSubscriptionsOf(ctx, elementInstanceKey);
}
