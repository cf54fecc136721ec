import { maskNumbers, TemplateError, type Payload } from './template-format';
import { TEMPLATES, type RenderedMessage } from './templates';

export { TemplateError } from './template-format';
export type { RenderedMessage } from './templates';

export const TEMPLATE_NAMES: readonly string[] = Object.keys(TEMPLATES);

export function hasTemplate(name: string): boolean {
  return Object.hasOwn(TEMPLATES, name);
}

/**
 * The message for an outbox row: its template applied to its payload, with any full phone or
 * ID number masked whatever field it came in. Throws TemplateError for an unknown template or
 * a payload without its demand code.
 */
export function renderNotification(template: string, payload: unknown): RenderedMessage {
  if (!hasTemplate(template)) throw new TemplateError(`unknown template "${template}"`);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new TemplateError(`the payload of "${template}" is not an object`);
  }
  const rendered = TEMPLATES[template]!(payload as Payload);
  return {
    ...(rendered.subject !== undefined ? { subject: maskNumbers(rendered.subject) } : {}),
    text: maskNumbers(rendered.text),
  };
}
