import type { MessageSubscription } from '../../state/messages';
import type { ElementContext } from '../element-context';
import { eventSubProcessStarts } from './boundary-events';
import { correlateBuffered, openSubscription } from './messages';
import { openSignalSubscription } from './signals';
import { createTimerFor } from './timers';
import type { Outcome } from './variables';

/**
 * A scope (process, sub-process, event sub-process) that activates arms the start events of
 * the event sub-processes inside it: timers are scheduled, message and signal subscriptions
 * opened for the scope instance (a buffered message may correlate at once). They are closed
 * with the scope's other subscriptions when it completes or terminates.
 */
export function armEventSubProcesses(ec: ElementContext): Outcome {
  const opened: MessageSubscription[] = [];
  for (const start of eventSubProcessStarts(ec)) {
    if (start.eventType === 'TIMER' && start.timer) {
      const created = createTimerFor(ec, start, ec.key);
      if (!created.ok) return created;
    } else if (start.eventType === 'MESSAGE' && start.message) {
      const result = openSubscription(ec, start, ec.key);
      if (!result.ok) return result;
      opened.push(result.subscription);
    } else if (start.eventType === 'SIGNAL' && start.signalName) {
      const result = openSignalSubscription(ec, start, ec.key);
      if (!result.ok) return result;
    }
  }
  for (const subscription of opened) correlateBuffered(ec.ctx, subscription);
  return { ok: true };
}
