import type { Knex } from 'knex';
import { createFieldCipher, loadDataKey, type FieldCipher } from '../../domain/pii';
import { loadPlatformConfig, type Log } from '../../platform';
import { defaultSenders } from './default-senders';
import { isPermanent, safeErrorText } from './delivery-errors';
import {
  claimDue,
  failStaleClaims,
  markFailed,
  markRetry,
  markSent,
  type ClaimedNotification,
} from './outbox-store';
import {
  assertChannelReaches,
  createRecipientResolver,
  describeRecipient,
  type RecipientResolver,
} from './recipients';
import { renderNotification } from './render';
import type { NotificationSenders } from './senders';

export interface DeliveryOptions {
  knex: Knex;
  log: Log;
  /** Gateways per channel; default: `defaultSenders(process.env)`. */
  senders?: Partial<NotificationSenders>;
  /** The clock deciding what is due and when to retry (tests move it by hand). */
  now?: () => Date;
  /** How often to look for due rows when the last look found none (default 2 s). */
  pollMs?: number;
  /** Attempts before a row is marked failed (default 8). */
  maxAttempts?: number;
  /** Wait after the first failed attempt, doubled after each further one (default 1 min). */
  retryBaseMs?: number;
  /** Longest wait between attempts (default 6 h). */
  retryMaxMs?: number;
  /** Rows claimed at once (default 20). */
  batchSize?: number;
  /** A claim older than this whose outcome never came back is closed as failed (default 15 min). */
  claimTimeoutMs?: number;
  /** The personal-data key (domain/pii) to decrypt a citizen's phone; default: `loadDataKey`. */
  dataKey?: Buffer;
}

export interface PassResult {
  sent: number;
  retried: number;
  failed: number;
  /** Stale claims closed as failed because their outcome is unknown. */
  unknown: number;
  /** Whether the batch was full, i.e. more may be due now. */
  more: boolean;
}

export interface DeliveryContext {
  knex: Knex;
  log: Log;
  senders: NotificationSenders;
  resolver: RecipientResolver;
  now: () => Date;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  batchSize: number;
  claimTimeoutMs: number;
}

export function deliveryContext(options: DeliveryOptions): DeliveryContext {
  const { knex, log } = options;
  let cipher: FieldCipher | undefined;
  // Only a citizen recipient needs the key; loading it then keeps a unit-only setup key-free.
  const lazyCipher = () => {
    cipher ??= createFieldCipher(
      options.dataKey ??
        loadDataKey({ env: process.env, dataDir: loadPlatformConfig().dataDir, warn: log }),
    );
    return cipher;
  };
  return {
    knex,
    log,
    senders: { ...defaultSenders(process.env, log), ...options.senders },
    resolver: createRecipientResolver(knex, lazyCipher),
    now: options.now ?? (() => new Date()),
    maxAttempts: options.maxAttempts ?? 8,
    retryBaseMs: options.retryBaseMs ?? 60_000,
    retryMaxMs: options.retryMaxMs ?? 6 * 60 * 60_000,
    batchSize: options.batchSize ?? 20,
    claimTimeoutMs: options.claimTimeoutMs ?? 15 * 60_000,
  };
}

/** One pass: close stale claims, claim a batch of due rows, deliver each, settle each. */
export async function deliverDueNotifications(ctx: DeliveryContext): Promise<PassResult> {
  const result: PassResult = { sent: 0, retried: 0, failed: 0, unknown: 0, more: false };
  const stale = await failStaleClaims(ctx.knex, new Date(ctx.now().getTime() - ctx.claimTimeoutMs));
  for (const id of stale) {
    ctx.log(`notification ${id}: outcome unknown after a stop while sending; marked failed`);
  }
  result.unknown = stale.length;
  const claimed = await claimDue(ctx.knex, ctx.now(), ctx.batchSize);
  result.more = claimed.length === ctx.batchSize;
  for (const row of claimed) {
    try {
      result[await deliverOne(ctx, row)] += 1;
    } catch (error) {
      // Settling the row failed (the database went away): it stays claimed, and the stale
      // sweep closes it as "outcome unknown" rather than risk sending it twice.
      ctx.log(`notification ${row.id}: could not record the outcome: ${safeErrorText(error)}`);
    }
  }
  return result;
}

async function deliverOne(
  ctx: DeliveryContext,
  row: ClaimedNotification,
): Promise<'sent' | 'retried' | 'failed'> {
  const what = `notification ${row.id} (${row.channel} ${row.template} to ${describeRecipient(row.recipient)})`;
  try {
    const message = renderNotification(row.template, row.payload);
    const recipient = await ctx.resolver.resolve(row.recipient);
    assertChannelReaches(row.channel, recipient);
    const sender = ctx.senders[row.channel];
    if (!sender) throw new Error(`no sender for channel ${row.channel}`);
    await sender.send({
      id: row.id,
      channel: row.channel,
      template: row.template,
      demandCode: referenceOf(row.payload),
      recipient,
      ...message,
    });
    if (!(await markSent(ctx.knex, row, ctx.now()))) {
      ctx.log(`${what}: sent, but its row was changed meanwhile`);
    }
    return 'sent';
  } catch (error) {
    const reason = safeErrorText(error);
    if (isPermanent(error)) {
      await markFailed(ctx.knex, row, reason);
      ctx.log(`${what} failed for good: ${reason}`);
      return 'failed';
    }
    if (row.attempts >= ctx.maxAttempts) {
      await markFailed(ctx.knex, row, `gave up after ${row.attempts} attempts: ${reason}`);
      ctx.log(`${what} failed after ${row.attempts} attempts: ${reason}`);
      return 'failed';
    }
    const wait = Math.min(ctx.retryBaseMs * 2 ** (row.attempts - 1), ctx.retryMaxMs);
    const at = new Date(ctx.now().getTime() + wait);
    await markRetry(ctx.knex, row, at, reason);
    ctx.log(`${what}: attempt ${row.attempts} failed (${reason}); next at ${at.toISOString()}`);
    return 'retried';
  }
}

/**
 * What a message is about, for logs and e-mail headers: its demand's code, or for a unit's
 * ranking message (which concerns no demand) the ranking period.
 */
function referenceOf(payload: unknown): string {
  const p = (payload ?? {}) as { demandCode?: unknown; period?: unknown };
  if (typeof p.demandCode === 'string') return p.demandCode;
  return typeof p.period === 'string' ? `ranking ${p.period}` : '';
}
