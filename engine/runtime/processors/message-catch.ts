import { correlateBuffered, openSubscription } from '../behaviors/messages';
import { waitingCatchEvent } from './catch-event';

/**
 * Intermediate message catch event and receive task: waits for its message. The subscription
 * (name and correlation key evaluated now, after input mappings) opens on activation; a
 * buffered message may complete it at once. Message variables arrive with the correlation.
 */
export const messageCatch = waitingCatchEvent(
  (ec) => {
    const opened = openSubscription(ec, ec.element, ec.key);
    return opened.ok ? { ok: true, value: opened.subscription } : opened;
  },
  (ec, subscription) => {
    const instance = ec.ctx.state.elementInstances.get(ec.key);
    if (instance?.state === 'ELEMENT_ACTIVATED') correlateBuffered(ec.ctx, subscription);
  },
);
