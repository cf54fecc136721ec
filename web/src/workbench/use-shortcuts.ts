import { onBeforeUnmount, onMounted } from 'vue';

export interface WorkbenchShortcuts {
  next(): void;
  previous(): void;
  open(): void;
  claim(): void;
  unclaim(): void;
  submit(): void;
}

/** Typing in a field must not move the list: only Ctrl+Enter reaches a form's fields. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The task list's keys, as in Camunda Tasklist's spirit: j/k or ↓/↑ move, Enter opens,
 * c claims, u gives back, Ctrl+Enter (⌘+Enter) submits the open form from anywhere.
 */
export function useShortcuts(actions: WorkbenchShortcuts): void {
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      actions.submit();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
    const act: Record<string, (() => void) | undefined> = {
      j: actions.next,
      ArrowDown: actions.next,
      k: actions.previous,
      ArrowUp: actions.previous,
      Enter: actions.open,
      c: actions.claim,
      u: actions.unclaim,
    };
    const action = act[event.key];
    if (!action) return;
    // Enter on a button or link keeps its own meaning.
    if (event.key === 'Enter' && event.target instanceof HTMLElement) {
      if (['BUTTON', 'A'].includes(event.target.tagName)) return;
    }
    event.preventDefault();
    action();
  };
  // Capture phase: form-js fields stop Enter from bubbling (against implicit form submits),
  // which would swallow Ctrl+Enter typed in them.
  onMounted(() => window.addEventListener('keydown', onKey, true));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey, true));
}
