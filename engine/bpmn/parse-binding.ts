/**
 * The binding type of a linked resource (`zeebe:calledElement`, `zeebe:calledDecision`,
 * `zeebe:formDefinition`; Camunda docs, "Choosing the resource binding type").
 */
import type { BindingType, ResourceBinding } from './model';
import { idOf, text, type BpmnProblem, type ModdleElement } from './moddle';

const BINDING_TYPES: readonly BindingType[] = ['latest', 'deployment', 'versionTag'];

/** Absent means `latest` (Zeebe's default); `versionTag` needs the tag to bind to. */
export function bindingOf(
  element: ModdleElement,
  link: ModdleElement | undefined,
  problems: BpmnProblem[],
): ResourceBinding {
  const bindingType = text(link, 'bindingType') ?? 'latest';
  const id = idOf(element);
  if (!(BINDING_TYPES as readonly string[]).includes(bindingType)) {
    problems.push({
      elementId: id,
      message: `Element '${id}': binding type '${bindingType}' is not one of ${BINDING_TYPES.join(', ')}`,
    });
    return { bindingType: 'latest' };
  }
  if (bindingType !== 'versionTag') return { bindingType: bindingType as BindingType };
  const versionTag = text(link, 'versionTag');
  if (!versionTag) {
    problems.push({
      elementId: id,
      message: `Element '${id}': binding type 'versionTag' needs a versionTag`,
    });
    return { bindingType: 'latest' };
  }
  return { bindingType, versionTag };
}
