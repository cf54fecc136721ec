import { maskNumbers } from './template-format';

/**
 * A notification that can never be delivered as written (unknown template, a recipient that
 * does not exist or that the channel cannot reach): it is marked failed at once, not retried.
 */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
  readonly permanent = true;
}

/** Errors that say retrying cannot help (this one, and the templates' TemplateError). */
export function isPermanent(error: unknown): boolean {
  return (error as { permanent?: unknown } | null)?.permanent === true;
}

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** `wang.li@example.cn` → `w***@example.cn`: enough to tell mailboxes apart in a log. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, (_match, first: string, domain: string) => `${first}***@${domain}`);
}

/**
 * An error as it may be stored in `last_error` or logged: one line, no e-mail address or full
 * phone or ID number (gateways quote the rejected recipient), and short.
 */
export function safeErrorText(error: unknown): string {
  const raw =
    error instanceof Error
      ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
      : String(error);
  const line = maskNumbers(maskEmails(raw)).replace(/\s+/g, ' ').trim();
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}
