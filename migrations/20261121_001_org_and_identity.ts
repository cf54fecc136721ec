import type { Knex } from 'knex';

/**
 * The organisation tree (district → township/street → village/community → grid, plus district
 * departments and the city level) and the staff who log in. Codes are the natural keys: they
 * are the administrative division codes staff already use.
 */
/** Roles are reference data: permissions in the server are written against these codes. */
const ROLES = [
  { code: 'intake_clerk', name: '受理员', description: 'registers demands from every channel' },
  {
    code: 'village_staff',
    name: '村（社区）工作人员',
    description: 'first screening, village handling',
  },
  {
    code: 'township_staff',
    name: '乡镇（街道）工作人员',
    description: 'screening review, township handling',
  },
  {
    code: 'department_staff',
    name: '部门承办人员',
    description: 'handles demands assigned to a department',
  },
  {
    code: 'dispatcher',
    name: '派单员',
    description: 'routes demands to tiers and units (district centre)',
  },
  { code: 'supervisor', name: '分管领导', description: 'supervises, checks compliance, signs off' },
  { code: 'principal_leader', name: '主要领导', description: 'endorses the four-party sign-off' },
  { code: 'auditor', name: '审计监督', description: 'reads everything, changes nothing' },
  { code: 'admin', name: '系统管理员', description: 'org tree, users, processes' },
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('org_units', (t) => {
    t.text('code').primary();
    t.text('name').notNullable();
    t.text('tier').notNullable();
    t.text('kind');
    t.text('parent_code').references('code').inTable('org_units').onDelete('RESTRICT');
    t.integer('sort_order').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['parent_code']);
    t.index(['tier']);
  });
  await knex.raw(`ALTER TABLE org_units ADD CONSTRAINT org_units_tier_check
    CHECK (tier IN ('district', 'township', 'village', 'grid', 'department', 'city'))`);

  // Which domains (housing, transport, …) a district department owns: used to route demands.
  await knex.schema.createTable('department_domains', (t) => {
    t.text('unit_code').notNullable().references('code').inTable('org_units').onDelete('CASCADE');
    t.text('domain').notNullable();
    t.primary(['unit_code', 'domain']);
    t.index(['domain']);
  });

  await knex.schema.createTable('roles', (t) => {
    t.text('code').primary();
    t.text('name').notNullable();
    t.text('description').notNullable().defaultTo('');
  });

  await knex('roles').insert(ROLES);

  await knex.schema.createTable('users', (t) => {
    t.bigIncrements('id').primary();
    t.text('username').notNullable().unique();
    t.text('display_name').notNullable();
    t.text('password_hash').notNullable();
    t.text('unit_code').notNullable().references('code').inTable('org_units');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['unit_code']);
  });

  await knex.schema.createTable('user_roles', (t) => {
    t.bigInteger('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.text('role_code').notNullable().references('code').inTable('roles');
    t.primary(['user_id', 'role_code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('user_roles');
  await knex.schema.dropTable('users');
  await knex.schema.dropTable('roles');
  await knex.schema.dropTable('department_domains');
  await knex.schema.dropTable('org_units');
}
