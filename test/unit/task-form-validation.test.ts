import { elementNamesOf, formRules, validateAgainstForm } from '../../server/tasks';

/** A form in Camunda's form-js schema, the shape `GET /v2/user-tasks/{key}/form` returns. */
const form = {
  id: 'handle',
  components: [
    {
      type: 'radio',
      key: 'handleAction',
      validate: { required: true },
      values: [
        { label: '签收', value: 'accept' },
        { label: '暂停', value: 'pause' },
        { label: '办结', value: 'resolve' },
      ],
    },
    {
      type: 'group',
      path: 'pause',
      conditional: { hide: '=handleAction != "pause"' },
      components: [
        { type: 'textfield', key: 'reason', validate: { required: true, minLength: 4 } },
        { type: 'datetime', key: 'until', subtype: 'date', validate: { required: true } },
      ],
    },
    { type: 'textfield', key: 'contact.phone', validate: { validationType: 'phone' } },
    { type: 'textfield', key: 'ticket', validate: { pattern: '^[A-Z]{2}-\\d+$' } },
    { type: 'checklist', key: 'evidence', valuesKey: 'evidenceKinds' },
    { type: 'taglist', key: 'tags', values: [{ label: '夜间', value: 'night' }] },
    { type: 'number', key: 'cost', decimalDigits: 2, serializeToString: true },
    { type: 'textfield', key: 'handlerNote', readonly: true, validate: { required: true } },
    {
      type: 'dynamiclist',
      path: 'visits',
      components: [{ type: 'number', key: 'minutes', validate: { required: true, min: 1 } }],
    },
    { type: 'expression', key: 'summary', expression: '=handleAction' },
    { type: 'spacer' },
  ],
};

const rules = formRules(form);
const check = (variables: Record<string, unknown>, known: Record<string, unknown> = {}) =>
  validateAgainstForm(rules, variables, known);

describe('task completion: variables checked against the Camunda form', () => {
  it('knows the top-level variables the form writes, through groups and dotted keys', () => {
    expect([...rules.names].sort()).toEqual(
      [
        'contact',
        'cost',
        'evidence',
        'handleAction',
        'handlerNote',
        'pause',
        'summary',
        'tags',
        'ticket',
        'visits',
      ].sort(),
    );
  });

  it('accepts a complete, valid submission', () => {
    expect(
      check(
        {
          handleAction: 'pause',
          pause: { reason: '等待群众补充材料', until: '2026-03-20' },
          contact: { phone: '+86 155 1234 2654' },
          ticket: 'ZJ-42',
          evidence: ['photo'],
          tags: ['night'],
          cost: '12.50',
          visits: [{ minutes: 30 }],
          summary: 'pause',
        },
        { evidenceKinds: [{ label: '照片', value: 'photo' }, 'receipt'] },
      ),
    ).toEqual([]);
  });

  it('requires a hidden group’s fields only when it is shown', () => {
    expect(check({ handleAction: 'resolve' })).toEqual([]);
    expect(check({ handleAction: 'pause' }).map((e) => e.field)).toEqual([
      'pause.reason',
      'pause.until',
    ]);
    expect(check({ handleAction: 'pause', pause: { reason: '等', until: '20.3.2026' } })).toEqual([
      { field: 'pause.reason', message: 'At least 4 characters.' },
      { field: 'pause.until', message: 'A date such as 2026-03-02.' },
    ]);
  });

  it('checks patterns, phone numbers, options from a variable, decimals and list items', () => {
    const errors = check(
      {
        handleAction: 'resolve',
        contact: { phone: 'call me' },
        ticket: 'zj-42',
        evidence: ['video'],
        tags: 'night',
        cost: '12.505',
        visits: [{ minutes: 5 }, { minutes: 0 }, {}],
      },
      { evidenceKinds: ['photo', 'receipt'] },
    );
    expect(errors).toEqual([
      { field: 'contact.phone', message: 'Must be a phone number.' },
      { field: 'ticket', message: 'Does not have the expected format.' },
      {
        field: 'evidence',
        message: 'One of: photo, receipt.',
        allowedValues: ['photo', 'receipt'],
      },
      { field: 'tags', message: 'Must be a list.' },
      { field: 'cost', message: 'At most 2 decimal digits.' },
      { field: 'visits[1].minutes', message: 'At least 1.' },
      { field: 'visits[2].minutes', message: 'Required.' },
    ]);
  });

  it('does not require a read-only field, and refuses names the form does not write', () => {
    expect(check({ handleAction: 'accept', handleAction2: 1, actor: 'someone' })).toEqual([
      { field: 'handleAction2', message: 'Not a field of the form handle.' },
      { field: 'actor', message: 'Not a field of the form handle.' },
    ]);
  });

  it('names elements from the BPMN when the task search has no name', () => {
    const names = elementNamesOf(
      `<bpmn:definitions><bpmn:process id="p" name="诉求办理">
         <bpmn:userTask name="初审 &amp; 复核" id="screen-first"><bpmn:extensionElements/></bpmn:userTask>
         <bpmn:userTask id="unnamed" /></bpmn:process></bpmn:definitions>`,
    );
    expect(names.get('screen-first')).toBe('初审 & 复核');
    expect(names.get('p')).toBe('诉求办理');
    expect(names.has('unnamed')).toBe(false);
  });
});
