import type { StaffUser, TaskItem } from '../../web/src/api/types';
import { placeFieldErrors } from '../../web/src/workbench/form-errors';
import { formValues } from '../../web/src/workbench/form-values';
import { keeps, queryOf } from '../../web/src/workbench/task-filters';
import { spanOf, urgencyOf } from '../../web/src/workbench/time-left';

/** The 工作台's rules that need no browser: filters, deadlines, API errors placed on a form. */
const NOW = new Date('2026-03-02T10:00:00+08:00');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();
const user: StaffUser = {
  username: 'li',
  role: 'village_staff',
  unit: { code: '511999001001', name: '学府路社区' },
};
const task = (over: Partial<TaskItem>): TaskItem => ({
  key: '1',
  name: '初审',
  elementId: 'screen-first',
  demand: null,
  assignee: null,
  candidateGroups: [],
  dueDate: null,
  followUpDate: null,
  priority: 50,
  createdAt: at(-1),
  ...over,
});

describe('task list filters', () => {
  it('asks the server for the filter, with the sort as the API names it', () => {
    expect(queryOf('mine', 'dueDate', NOW)).toMatchObject({ assigned: 'me', sort: 'dueDate' });
    expect(queryOf('unassigned', 'priority', NOW)).toMatchObject({
      assigned: 'unassigned',
      sort: '-priority',
    });
    expect(queryOf('overdue', 'createdAt', NOW)).toMatchObject({
      assigned: 'all',
      dueBefore: NOW.toISOString(),
      sort: '-createdAt',
    });
    expect(queryOf('dueSoon', 'dueDate', NOW).dueBefore).toBe(at(48));
  });

  it("keeps my groups' tasks, due-soon tasks that are not overdue, and overdue ones", () => {
    const mineByGroup = task({ candidateGroups: ['village_staff:511999001001'] });
    const otherGroup = task({ candidateGroups: ['village_staff:511999001002'] });
    expect([mineByGroup, otherGroup].filter(keeps('groups', user, NOW))).toEqual([mineByGroup]);

    const overdue = task({ dueDate: at(-1) });
    const soon = task({ dueDate: at(5) });
    const later = task({ dueDate: at(72) });
    const none = task({});
    const all = [overdue, soon, later, none];
    expect(all.filter(keeps('dueSoon', user, NOW))).toEqual([soon]);
    expect(all.filter(keeps('overdue', user, NOW))).toEqual([overdue]);
    expect(all.filter(keeps('mine', user, NOW))).toEqual(all);
  });
});

describe('deadlines', () => {
  it('tells overdue, due soon and the rest apart', () => {
    expect(urgencyOf(at(-0.1), NOW)).toBe('overdue');
    expect(urgencyOf(at(47), NOW)).toBe('dueSoon');
    expect(urgencyOf(at(49), NOW)).toBe('normal');
    expect(urgencyOf(null, NOW)).toBe('normal');
  });

  it('counts whole days, and hours under a day, both ways', () => {
    expect(spanOf(at(75), NOW)).toEqual({ overdue: false, unit: 'days', n: 3 });
    expect(spanOf(at(2.5), NOW)).toEqual({ overdue: false, unit: 'hours', n: 3 });
    expect(spanOf(at(-30), NOW)).toEqual({ overdue: true, unit: 'days', n: 1 });
  });
});

describe('API field errors on a form-js form', () => {
  const schema = {
    components: [
      { type: 'select', id: 'Field_outcome', key: 'screeningOutcome', label: '初审结论' },
      { type: 'group', id: 'Group_1', components: [{ id: 'Field_note', key: 'note' }] },
    ],
  };

  it('puts each error under the component of its form key, nested ones too', () => {
    const placed = placeFieldErrors(
      schema,
      [
        { field: 'screeningOutcome', message: 'Choose one.', allowedValues: ['valid'] },
        { field: 'note', message: 'Too long.' },
        { field: 'actor', message: 'Not a field of the form.' },
      ],
      (problem) => problem.message,
    );
    expect(placed.byId).toEqual({ Field_outcome: ['Choose one.'], Field_note: ['Too long.'] });
  });
});

describe('form values sent on completion', () => {
  it('sends an empty text field as null, so an empty 被投诉单位编码 accuses nobody', () => {
    expect(
      formValues({
        reviewOutcome: 'reasonable',
        accusedUnitCode: '',
        handleNote: '  ',
        signoffApproved: false,
        extensionDays: 0,
      }),
    ).toEqual({
      reviewOutcome: 'reasonable',
      accusedUnitCode: null,
      handleNote: null,
      signoffApproved: false,
      extensionDays: 0,
    });
  });
});
