import { containerIdsOf } from '../../server/ops/incident-variables';
import { isPersonalName, maskPersonal } from '../../server/ops/personal-data';
import { parseRetryInput } from '../../server/ops/retry-input';
import type { IncidentVariable } from '../../web/src/api/ops';
import { errorTypeKey } from '../../web/src/ops/error-types';
import { checkEdit, editableJson } from '../../web/src/ops/variables-json';

const NESTED = `<bpmn:definitions>
  <bpmn:process id="p">
    <bpmn:startEvent id="start" />
    <bpmn:subProcess id="outer">
      <bpmn:multiInstanceLoopCharacteristics />
      <bpmn:subProcess id="inner"><bpmn:serviceTask id="deep" /></bpmn:subProcess>
      <bpmn:serviceTask id="middle" />
    </bpmn:subProcess>
    <bpmn:serviceTask id="top" />
  </bpmn:process>
</bpmn:definitions>`;

describe('incident variables: the sub-processes around an element', () => {
  it('lists the containers outermost first, and none at the top level', () => {
    expect(containerIdsOf(NESTED, 'deep')).toEqual(['outer', 'inner']);
    expect(containerIdsOf(NESTED, 'middle')).toEqual(['outer']);
    expect(containerIdsOf(NESTED, 'top')).toEqual([]);
    expect(containerIdsOf(NESTED, 'missing')).toEqual([]);
  });
});

describe('incident variables: personal data', () => {
  it('masks values named like phone, ID number, name or address, at any depth', () => {
    for (const name of ['citizenPhone', 'mobile', 'idNumber', 'id_card', 'name', 'signerName']) {
      expect(isPersonalName(name)).toBe(true);
    }
    for (const name of ['amount', 'demandCode', 'screeningOutcome', 'tier']) {
      expect(isPersonalName(name)).toBe(false);
    }
    expect(
      maskPersonal({ a: 1, contact: { phone: '13800001234', items: [{ name: 'x' }] } }),
    ).toEqual({ a: 1, contact: { phone: '***', items: [{ name: '***' }] } });
  });
});

describe('retry input', () => {
  it('takes no variables or an object of valid names; reports every bad name', () => {
    expect(parseRetryInput({})).toEqual({ variables: {} });
    expect(parseRetryInput({ variables: { amount: 2, _x: null } })).toEqual({
      variables: { amount: 2, _x: null },
    });
    expect(() => parseRetryInput({ variables: 'x' })).toThrow();
    try {
      parseRetryInput({ variables: { 'a.b': 1, '9': 2 } });
      throw new Error('accepted');
    } catch (error) {
      const fields = (error as { problem: { errors: { field: string }[] } }).problem.errors;
      expect(fields.map((e) => e.field)).toEqual(['variables.9', 'variables.a.b']);
    }
  });
});

describe('运维 page: the variables editor', () => {
  const variables: IncidentVariable[] = [
    { name: 'amount', value: -1, masked: false, truncated: false, scopeKey: '1', scope: 'process' },
    {
      name: 'citizenPhone',
      value: null,
      masked: true,
      truncated: false,
      scopeKey: '1',
      scope: 'process',
    },
    {
      name: 'contact',
      value: { phone: '***', street: 'x' },
      masked: false,
      truncated: false,
      scopeKey: '1',
      scope: 'process',
    },
  ];

  it('offers the shown variables only, and sends only what changed', () => {
    const text = editableJson(variables);
    expect(JSON.parse(text)).toEqual({ amount: -1, contact: { phone: '***', street: 'x' } });
    expect(checkEdit(text, variables)).toEqual({ ok: true, changed: {} });
    const edited = JSON.stringify({ amount: 5, contact: { phone: '***', street: 'x' }, fresh: [] });
    expect(checkEdit(edited, variables)).toEqual({ ok: true, changed: { amount: 5, fresh: [] } });
  });

  it('refuses broken JSON, non-objects, bad names, hidden variables and masked values', () => {
    expect(checkEdit('{"a": 1,', variables)).toMatchObject({ ok: false, key: 'ops.edit.notJson' });
    expect(checkEdit('[1]', variables)).toMatchObject({ ok: false, key: 'ops.edit.notObject' });
    expect(checkEdit('{"a b": 1}', variables)).toMatchObject({
      ok: false,
      key: 'ops.edit.badName',
    });
    expect(checkEdit('{"citizenPhone": "1"}', variables)).toMatchObject({
      ok: false,
      key: 'ops.edit.hidden',
    });
    expect(checkEdit('{"contact": {"phone": "***", "street": "y"}}', variables)).toMatchObject({
      ok: false,
      key: 'ops.edit.masked',
    });
  });

  it('names error types in Chinese through i18n keys, unknown ones as 未知错误', () => {
    expect(errorTypeKey('JOB_NO_RETRIES')).toBe('ops.errorTypes.JOB_NO_RETRIES');
    expect(errorTypeKey('SOMETHING_NEW')).toBe('ops.errorTypes.UNKNOWN');
  });
});
