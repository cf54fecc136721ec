import type { Log } from '../../platform';
import { createEmailSender } from './email-sender';
import {
  createInAppSender,
  createLogSender,
  createUnconfiguredSender,
  type NotificationSenders,
} from './senders';

/**
 * The senders used when none are passed: e-mail over SMTP when `SMTP_URL` is set (From:
 * `SMTP_FROM`); SMS and WeChat as development log lines (no gateway ships with the project);
 * in-app stored. In production a channel with no gateway does not pretend: its messages wait
 * and are retried, and fail after the last attempt with "no … gateway is configured".
 */
export function defaultSenders(env: NodeJS.ProcessEnv, log: Log): NotificationSenders {
  const production = env.NODE_ENV === 'production';
  const standIn = (channel: 'sms' | 'wechat' | 'email') =>
    production ? createUnconfiguredSender(channel) : createLogSender(channel, log);
  const smtpUrl = env.SMTP_URL?.trim();
  return {
    sms: standIn('sms'),
    wechat: standIn('wechat'),
    email: smtpUrl
      ? createEmailSender({
          smtpUrl,
          from: env.SMTP_FROM?.trim() || '民生诉求 <no-reply@localhost>',
        })
      : standIn('email'),
    in_app: createInAppSender(),
  };
}
