import { readFileSync } from 'node:fs';
import path from 'node:path';
import { referencedVariables } from '../../server/tasks';

const productForm = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(__dirname, '../../processes/forms', `${name}.form`), 'utf8'));

describe('the variables a form names besides its fields', () => {
  it('finds the names of text templates and FEEL conditions, not FEEL words or literals', () => {
    const names = referencedVariables({
      components: [
        { type: 'text', text: '申请延长 {{extensionDays}} 天。理由：{{ extensionReason }}' },
        { type: 'text', text: '单位：{{demand.unit}}', conditional: { hide: '=not(shown)' } },
        {
          type: 'textarea',
          key: 'note',
          conditional: { hide: '=handleAction != "resolve and pause" or rejected = null' },
        },
        { type: 'text', text: 'plain text with = and {braces}' },
      ],
    });
    expect([...names].sort()).toEqual(
      ['demand', 'extensionDays', 'extensionReason', 'handleAction', 'rejected', 'shown'].sort(),
    );
  });

  it('gives the reviewers of the product forms what their texts show', () => {
    expect([...referencedVariables(productForm('approve-extension'))]).toEqual(
      expect.arrayContaining(['demandCode', 'extensionDays', 'extensionReason']),
    );
    expect([...referencedVariables(productForm('dispatch-review'))]).toEqual(
      expect.arrayContaining(['demandCode', 'objectionReason']),
    );
    expect([...referencedVariables(productForm('handle'))]).toEqual(
      expect.arrayContaining(['demandCode', 'resolutionDue', 'signoffRejectionReason']),
    );
  });
});
