/**
 * What a member of staff enters in each task's form for a planned demand, and from which day
 * of the month: the script's decisions, not triage's suggestions (their agreement is measured
 * afterwards).
 */
import type { PlannedDemand, Satisfaction } from './month-plan';

export interface Decision {
  /** The first day of the month the task may be completed. */
  day: number;
  variables: Record<string, unknown>;
}

const EXPLANATIONS: Record<string, string> = {
  invalid_repeat_no_new_facts: '与此前反映的诉求相同且无新情况，已合并办理，请关注原诉求进展。',
  invalid_false_info: '经核实，反映的情况不属实。',
  invalid_out_of_scope: '该事项不属于本区职责范围，已告知群众向有关部门反映。',
  divert_legal_channel: '该事项应通过诉讼、仲裁或行政复议等法定途径解决，已向群众说明。',
  divert_emergency: '紧急情况已转110/119/120处置。',
};

function screenFirst(demand: PlannedDemand, codeOf: (index: number) => string | undefined) {
  if (demand.screening === 'valid') {
    return { screeningOutcome: 'valid', category: demand.category, domain: demand.domain };
  }
  const variables: Record<string, unknown> = {
    screeningOutcome: demand.screening,
    category: demand.category,
    domain: demand.domain,
    screeningReasonCode: demand.reasonCode,
    screeningExplanation: EXPLANATIONS[demand.screening],
  };
  if (demand.emergencyNumber) variables.emergencyNumber = demand.emergencyNumber;
  if (demand.repeats !== undefined) {
    const original = codeOf(demand.repeats);
    if (!original) return undefined; // the original's intake has not answered yet
    variables.duplicateOfCode = original;
  }
  return variables;
}

function review(demand: PlannedDemand) {
  if (demand.review === 'unreasonable') {
    return {
      reviewOutcome: 'unreasonable',
      reviewReasonCode: 'beyond_policy',
      reviewExplanation: '诉求超出现行政策范围，已向群众解释。',
    };
  }
  return {
    reviewOutcome: demand.review,
    ...(demand.review === 'partly_reasonable'
      ? { reviewReasonCode: 'excessive', reviewExplanation: '合理部分予以办理，其余已解释。' }
      : {}),
    scope: demand.tier,
    category: demand.category,
    domain: demand.domain,
  };
}

/** The handle task's n-th appearance (1-based): accept first, then each resolution. */
function handle(demand: PlannedDemand, appearance: number): Decision {
  if (appearance === 1) {
    return { day: demand.acceptDay, variables: { handleAction: 'accept', handleNote: '已签收' } };
  }
  const resolveDay = demand.resolveDays[appearance - 2] ?? demand.resolveDays.at(-1)! + 1;
  return {
    day: resolveDay,
    variables: {
      handleAction: 'resolve',
      result: '已现场核实并处理，向群众说明了处理结果。',
      handleNote: '办结',
    },
  };
}

const SIGNOFF = { signoffApproved: true, signoffStatement: '同意' };

/** The form values of `elementId` for `demand`; undefined while it cannot be decided yet. */
export function decide(
  demand: PlannedDemand,
  elementId: string,
  handleAppearance: number,
  verificationRequest: number,
  codeOf: (index: number) => string | undefined,
): Decision | undefined {
  switch (elementId) {
    case 'screen-first': {
      const variables = screenFirst(demand, codeOf);
      return variables && { day: demand.day, variables };
    }
    case 'screen-review':
      return { day: demand.day, variables: review(demand) };
    case 'handle':
      return handle(demand, handleAppearance);
    case 'return-visit':
      return {
        day: 0,
        variables: {
          satisfaction: feedbackOf(demand, verificationRequest),
          feedbackComment: '电话回访',
          verificationMethod: 'phone',
        },
      };
    case 'discipline-supervise':
      return { day: 0, variables: { disciplineFinding: 'no_issue', disciplineNote: '未发现问题' } };
    case 'signoff-citizen':
    case 'signoff-handler':
    case 'signoff-supervisor':
    case 'signoff-principal':
      return { day: 0, variables: SIGNOFF };
    default:
      return undefined;
  }
}

/** The citizen's answer to the n-th verification request (1-based). */
export function feedbackOf(demand: PlannedDemand, request: number): Satisfaction {
  return demand.feedback[request - 1] ?? 'satisfied';
}
