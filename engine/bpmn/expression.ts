/**
 * Expression attributes as Zeebe reads them: text starting with `=` is FEEL, anything else is
 * a static value.
 */
import type { Expression } from './model';

export function toExpression(attribute: string): Expression {
  return attribute.startsWith('=')
    ? { kind: 'feel', source: attribute.slice(1) }
    : { kind: 'static', value: attribute };
}

export function staticExpression(value: string): Expression {
  return { kind: 'static', value };
}

/** The expression as written in the XML, for messages. */
export function expressionText(expression: Expression): string {
  return expression.kind === 'feel' ? `=${expression.source}` : expression.value;
}
