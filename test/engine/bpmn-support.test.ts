import { ENGINE_SUPPORT, isSupported, unsupportedMessage } from '../../engine/bpmn';

describe('the support table', () => {
  it('lists what the engine runs', () => {
    const supported = Object.entries(ENGINE_SUPPORT)
      .filter(([, flag]) => flag)
      .map(([feature]) => feature);
    expect(supported.sort()).toEqual(
      [
        'none start event',
        'timer start event',
        'timer boundary event',
        'non-interrupting timer boundary event',
        'intermediate timer catch event',
        'message start event',
        'intermediate message catch event',
        'intermediate message throw event',
        'message end event',
        'message boundary event',
        'non-interrupting message boundary event',
        'receive task',
        'event-based gateway',
        'signal start event',
        'signal end event',
        'intermediate signal catch event',
        'intermediate signal throw event',
        'signal boundary event',
        'non-interrupting signal boundary event',
        'none end event',
        'error end event',
        'terminate end event',
        'intermediate none throw event',
        'intermediate link throw event',
        'intermediate link catch event',
        'error boundary event',
        'service task',
        'send task',
        'script task',
        'script task with zeebe:script',
        'business rule task',
        'business rule task with zeebe:calledDecision',
        'user task',
        'job-based user task',
        'execution listeners',
        'creating task listeners',
        'assigning task listeners',
        'updating task listeners',
        'completing task listeners',
        'canceling task listeners',
        'compensation handler',
        'compensation boundary event',
        'intermediate compensation throw event',
        'compensation end event',
        'manual task',
        'task',
        'exclusive gateway',
        'parallel gateway',
        'inclusive gateway',
        'embedded sub-process',
        'ad-hoc sub-process',
        'ad-hoc sub-process with a job worker implementation',
        'event sub-process',
        'timer start event of an event sub-process',
        'non-interrupting timer start event of an event sub-process',
        'error start event of an event sub-process',
        'message start event of an event sub-process',
        'non-interrupting message start event of an event sub-process',
        'signal start event of an event sub-process',
        'non-interrupting signal start event of an event sub-process',
        'escalation start event of an event sub-process',
        'non-interrupting escalation start event of an event sub-process',
        'escalation end event',
        'intermediate escalation throw event',
        'escalation boundary event',
        'non-interrupting escalation boundary event',
        'call activity',
        'parallel multi-instance',
        'sequential multi-instance',
      ].sort(),
    );
  });

  it('anything the table does not list is unsupported', () => {
    expect(isSupported('complex gateway')).toBe(false);
    expect(isSupported('non-interrupting error boundary event')).toBe(false);
    expect(isSupported('transaction sub-process')).toBe(false);
    expect(isSupported('service task')).toBe(true);
  });

  it('the rejection names the element and what is unsupported', () => {
    expect(unsupportedMessage('Timer_1', 'intermediate timer catch event')).toBe(
      "Element 'Timer_1' (intermediate timer catch event) is not supported by the embedded engine yet",
    );
  });
});
