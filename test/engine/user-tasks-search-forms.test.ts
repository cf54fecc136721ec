import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { useEngine } from '../support/engine';
import { deploy, deployProcess, get, post, searchUntil } from './rest-helpers';
import { startWithTask, userTaskProcess } from './user-tasks-helpers';

/**
 * Camunda 8.8 REST: `POST /v2/user-tasks/search` (filters, sorting, paging) and
 * `GET /v2/user-tasks/{key}/form` (the linked Camunda form; 204 without one).
 */
describe('user tasks: search and forms', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    await deployProcess(
      engine.restUrl,
      'triage',
      userTaskProcess(
        'triage',
        `<zeebe:assignmentDefinition assignee="=who" candidateGroups="=groups" candidateUsers="=users" />
         <zeebe:taskSchedule dueDate="=due" />
         <zeebe:priorityDefinition priority="=prio" />`,
      ),
    );
    const tasks = {
      a: { who: 'anna', groups: ['village'], users: ['li'], due: '2030-03-01T00:00:00Z', prio: 10 },
      b: {
        who: 'ben',
        groups: ['village', 'town'],
        users: [],
        due: '2030-01-01T00:00:00Z',
        prio: 70,
      },
      c: {
        who: null,
        groups: ['town'],
        users: ['li', 'wang'],
        due: '2030-02-01T00:00:00Z',
        prio: 40,
      },
    };
    for (const [name, variables] of Object.entries(tasks)) {
      keys[name] = (await startWithTask(engine.restUrl, 'triage', variables)).task.userTaskKey;
    }
  });

  const search = (body: unknown) =>
    searchUntil(url('/v2/user-tasks/search'), body, (r) => r.status === 200);
  const found = async (body: unknown) =>
    (await search(body)).body.items.map((t: { userTaskKey: string }) => t.userTaskKey);

  it('filters by assignee, candidate group, candidate user, state, element and key', async () => {
    const filter = (f: unknown) =>
      found({ filter: { processDefinitionId: 'triage', ...(f as object) } });
    expect(await filter({ assignee: 'anna' })).toEqual([keys.a]);
    expect(await filter({ candidateGroup: 'village' })).toEqual([keys.a, keys.b]);
    expect(await filter({ candidateUser: 'li' })).toEqual([keys.a, keys.c]);
    expect(await filter({ state: 'CREATED', elementId: 'task' })).toHaveLength(3);
    expect(await filter({ userTaskKey: keys.b })).toEqual([keys.b]);
  });

  it('filters by due date range', async () => {
    const result = await found({
      filter: { dueDate: { $gte: '2030-01-15T00:00:00Z', $lt: '2030-02-15T00:00:00Z' } },
    });
    expect(result).toEqual([keys.c]);
  });

  it('sorts by priority and due date, and pages', async () => {
    expect(await found({ sort: [{ field: 'priority', order: 'DESC' }] })).toEqual([
      keys.b,
      keys.c,
      keys.a,
    ]);
    expect(await found({ sort: [{ field: 'dueDate' }] })).toEqual([keys.b, keys.c, keys.a]);
    const page = await search({ sort: [{ field: 'creationDate' }], page: { limit: 2 } });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.page.totalItems).toBe(3);
  });

  it('$or matches tasks that fit any of its filters and the top-level fields, paged', async () => {
    const triage = { processDefinitionId: 'triage' };
    expect(
      await found({
        filter: {
          ...triage,
          $or: [{ candidateGroup: 'village', assignee: 'ben' }, { candidateUser: 'wang' }],
        },
      }),
    ).toEqual([keys.b, keys.c]);
    expect(
      await found({
        filter: {
          ...triage,
          assignee: { $exists: false },
          $or: [{ candidateGroup: 'town' }, { candidateUser: 'li' }],
        },
      }),
    ).toEqual([keys.c]);
    // A staff list: offered to the group, or to the user, or theirs; the engine orders and pages.
    const list = {
      filter: {
        ...triage,
        state: 'CREATED',
        $or: [{ candidateGroup: 'town' }, { assignee: 'anna' }],
      },
      sort: [{ field: 'priority', order: 'DESC' }],
    };
    const second = await search({ ...list, page: { from: 1, limit: 1 } });
    expect(second.body.items.map((t: { userTaskKey: string }) => t.userTaskKey)).toEqual([keys.c]);
    expect(second.body.page.totalItems).toBe(3);
  });

  it('a $or that is not a list of filters, or one nested in another, is a 400 problem', async () => {
    for (const filter of [{ $or: [] }, { $or: { assignee: 'anna' } }, { $or: [{ $or: [{}] }] }]) {
      const response = await post(url('/v2/user-tasks/search'), { filter });
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(/\$or/);
    }
  });

  it('a staff list of open tasks is found through the indexes, not by reading every task', async () => {
    const client = new pg.Client({ connectionString: engine.databaseUrl });
    await client.connect();
    try {
      // A month of a district in one transaction, rolled back: 40,000 tasks of 40 groups and
      // users, one in twenty still open.
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO engine.user_tasks (key, state, assignee, candidate_groups, candidate_users,
           priority, element_id, element_instance_key, process_instance_key,
           process_definition_key, bpmn_process_id, process_definition_version, creation_date,
           tenant_id)
         SELECT 9000000 + i, CASE WHEN i % 20 = 0 THEN 'CREATED' ELSE 'COMPLETED' END,
                CASE WHEN i % 3 = 0 THEN 'user-' || (i % 40) END, ARRAY['group-' || (i % 40)],
                ARRAY['user-' || (i % 41)], 50, 'task', 9000000 + i, 9000000 + i, 1, 'bulk', 1,
                now(), '<default>'
           FROM generate_series(1, 40000) AS i`,
      );
      await client.query('ANALYZE engine.user_tasks');
      const { rows } = await client.query(
        `EXPLAIN SELECT key FROM engine.user_tasks
          WHERE state = 'CREATED' AND (candidate_groups @> ARRAY['group-7']
             OR candidate_users @> ARRAY['user-7'] OR assignee = 'user-7')`,
      );
      const plan = rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      expect(plan).not.toContain('Seq Scan');
      for (const index of ['open_groups', 'open_users', 'open_assignee'])
        expect(plan).toContain(`user_tasks_${index}`);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('an unknown filter field is a 400 problem', async () => {
    const response = await post(url('/v2/user-tasks/search'), { filter: { colour: 'red' } });
    expect(response.status).toBe(400);
    expect(response.body.title).toBe('INVALID_ARGUMENT');
  });

  it('the form endpoint returns the linked deployed form, and 204 without one', async () => {
    const form = readFileSync(path.join(__dirname, 'fixtures', 'approve.form'), 'utf8');
    const deployed = await deploy(engine.restUrl, {
      'approve.bpmn': userTaskProcess('approve', '<zeebe:formDefinition formId="approve-form" />'),
      'approve.form': form,
    });
    expect(deployed.status).toBe(200);
    const { task } = await startWithTask(engine.restUrl, 'approve');
    expect(task.formKey).toMatch(/^\d+$/);
    const linked = await get(url(`/v2/user-tasks/${task.userTaskKey}/form`));
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual(
      expect.objectContaining({ formKey: task.formKey, formId: 'approve-form', version: 1 }),
    );
    expect(JSON.parse(linked.body.schema as string).id).toBe('approve-form');
    const none = await get(url(`/v2/user-tasks/${keys.a}/form`));
    expect(none.status).toBe(204);
  });
});
