import {
  beijingTime,
  count,
  demandCode,
  EMERGENCY_SERVICES,
  join,
  labelOf,
  statusLabel,
  text,
  tierLabel,
  type Payload,
} from './template-format';
import {
  fraudWarningSubject,
  rankingSubject,
  unitFraudWarning,
  unitRankingListed,
  unitWarning,
} from './ranking-templates';

/**
 * The zh-CN messages, one per template name. Each reads the fields its README row lists; every
 * field but `demandCode` may be missing and the sentence then leaves that part out.
 */
export interface RenderedMessage {
  subject?: string;
  text: string;
}

type Template = (payload: Payload) => RenderedMessage;

const SIGNATURE = '【民生诉求】';

const REASONS: Record<string, string> = {
  invalid_repeat_no_new_facts: '重复反映且无新的情况',
  invalid_false_info: '信息不实或无具体诉求',
  invalid_out_of_scope: '不属于本级政府职责范围',
  divert_legal_channel: '应通过诉讼、仲裁、行政复议等法定途径解决',
  divert_emergency: '属于需要立即处置的紧急事项',
};

const SUPERVISION_LEVELS: Record<string, string> = { yellow: '黄色督办', red: '红色督办' };

const SIGNOFF_PARTIES: Record<string, string> = {
  citizen: '诉求人',
  handler: '承办人',
  supervising_leader: '分管领导',
  principal_leader: '主要领导',
};

const to = (payload: Payload) => {
  const unit = text(payload, 'unitName');
  return unit ? `${unit}：` : '';
};

const lookup = (payload: Payload) => {
  const url = text(payload, 'feedbackUrl');
  return url
    ? `办理进度可凭编号和登记手机号后四位在 ${url} 查询。`
    : '办理进度可凭编号和登记手机号后四位查询。';
};

export const TEMPLATES: Record<string, Template> = {
  demand_received: (p) => {
    const code = demandCode(p);
    const due = beijingTime(p, 'dueAt');
    return {
      subject: `诉求已受理（编号 ${code}）`,
      text: join(
        SIGNATURE,
        `您好！您反映的诉求已受理，编号 ${code}。`,
        due && `我们将在 ${due} 前办理并答复您。`,
        lookup(p),
        '感谢您的信任与支持。',
      ),
    };
  },

  emergency_diverted: (p) => {
    const code = demandCode(p);
    const number = text(p, 'emergencyNumber');
    const service = labelOf(EMERGENCY_SERVICES, p, 'emergencyNumber');
    return {
      subject: `紧急事项请立即拨打 ${number ?? '紧急求助电话'}（编号 ${code}）`,
      text: join(
        SIGNATURE,
        `您好！您反映的情况（编号 ${code}）属于需要立即处置的紧急事项，`,
        number
          ? `请立即拨打 ${number}${service ? `（${service}）` : ''} 求助。`
          : '请立即拨打 110、119、120 或 122 求助。',
        '我们已同时告知相关部门。请注意自身安全。',
      ),
    };
  },

  emergency_centre_notice: (p) => {
    const code = demandCode(p);
    const service = labelOf(EMERGENCY_SERVICES, p, 'emergencyNumber');
    const received = beijingTime(p, 'receivedAt');
    const address = text(p, 'address');
    const summary = text(p, 'summary');
    const phone = text(p, 'citizenPhoneMasked');
    return {
      subject: `民生诉求平台转来紧急警情（编号 ${code}）`,
      text: join(
        `【民生诉求平台转警情】${service ? `${service}：` : ''}`,
        `诉求 ${code} 反映的情况可能正在发生，请及时处置。`,
        received && `受理时间：${received}。`,
        address && `地点：${address}。`,
        summary && `内容：${summary}。`,
        phone && `来电号码（已脱敏）：${phone}，完整号码请经12345平台调取。`,
      ),
    };
  },

  demand_closed_explained: (p) => {
    const code = demandCode(p);
    const reason = labelOf(REASONS, p, 'reasonCode');
    const explanation = text(p, 'explanation');
    return {
      subject: `诉求办理情况说明（编号 ${code}）`,
      text: join(
        SIGNATURE,
        `您好！经核实，您反映的诉求（编号 ${code}）`,
        reason ? `${reason}，不再进入办理程序。` : '不再进入办理程序。',
        explanation ? `具体说明：${explanation}。` : '如需了解具体原因，请来电咨询。',
        '如有新的情况，欢迎再次反映。',
      ),
    };
  },

  demand_merged: (p) => {
    const code = demandCode(p);
    const original = text(p, 'originalCode');
    const status = statusLabel(p, 'originalStatus');
    return {
      subject: `诉求已并单办理（编号 ${code}）`,
      text: join(
        SIGNATURE,
        `您好！您反映的诉求（编号 ${code}）`,
        original ? `与此前的诉求 ${original} 为同一事项，` : '与此前反映的诉求为同一事项，',
        '已并入一并办理',
        status ? `，该诉求目前${status}。` : '。',
        '办理结果将一并告知您。',
      ),
    };
  },

  demand_assigned: (p) => {
    const code = demandCode(p);
    const due = beijingTime(p, 'dueAt');
    const tier = tierLabel(p, 'tier');
    const helping = text(p, 'role') === 'co';
    return {
      subject: `新交办诉求 ${code}`,
      text: join(
        `【民生诉求交办】${to(p)}`,
        `诉求 ${code} 已交由你单位${helping ? '协办' : '牵头办理'}`,
        tier ? `，办理层级：${tier}。` : '。',
        due && `请于 ${due} 前办结并反馈。`,
        '详情请登录民生诉求系统查看。',
      ),
    };
  },

  deadline_warning: (p) => {
    const code = demandCode(p);
    const due = beijingTime(p, 'dueAt');
    const left = count(p, 'workingDaysLeft');
    return {
      subject: `临期预警：诉求 ${code}`,
      text: join(
        `【临期预警】${to(p)}`,
        `诉求 ${code} `,
        due ? `将于 ${due} 到期` : '即将到期',
        left ? `（剩余 ${left} 个工作日）` : '',
        '，请抓紧办理，按时办结。',
      ),
    };
  },

  deadline_reminder: (p) => {
    const code = demandCode(p);
    const due = beijingTime(p, 'dueAt');
    const overdue = count(p, 'overdueDays');
    return {
      subject: `超期催办：诉求 ${code}`,
      text: join(
        `【超期催办】${to(p)}`,
        `诉求 ${code} 已超过办理时限`,
        overdue ? ` ${overdue} 个工作日` : '',
        due && `（时限 ${due}）`,
        '，请立即办理，并说明超期原因。',
      ),
    };
  },

  supervision_order: (p) => {
    const code = demandCode(p);
    const level = labelOf(SUPERVISION_LEVELS, p, 'level');
    const order = text(p, 'orderCode');
    const reason = text(p, 'reason');
    const due = beijingTime(p, 'dueAt');
    return {
      subject: `${level ?? '督办'}：诉求 ${code}`,
      text: join(
        `【督办单】${to(p)}`,
        `现对诉求 ${code} 予以${level ?? '督办'}`,
        order ? `，督办单号 ${order}。` : '。',
        reason && `督办事由：${reason}。`,
        due ? `请于 ${due} 前书面反馈办理情况。` : '请尽快书面反馈办理情况。',
      ),
    };
  },

  demand_escalated: (p) => {
    const code = demandCode(p);
    const from = tierLabel(p, 'fromTier');
    const toTier = tierLabel(p, 'toTier');
    const reason = text(p, 'reason');
    const unit = text(p, 'unitName');
    return {
      subject: `提级办理：诉求 ${code}`,
      text: join(
        '【提级办理】',
        `诉求 ${code} `,
        from && `已由${from}`,
        toTier ? `提级至${toTier}办理` : '已提级办理',
        unit ? `，由 ${unit} 牵头。` : '。',
        reason && `提级原因：${reason}。`,
        '请及时接办。',
      ),
    };
  },

  extension_told: (p) => {
    const code = demandCode(p);
    const days = count(p, 'extensionDays');
    const due = beijingTime(p, 'dueAt');
    const reason = text(p, 'reason');
    return {
      subject: `诉求办理期限延长告知（编号 ${code}）`,
      text: join(
        SIGNATURE,
        `您好！您反映的诉求（编号 ${code}）`,
        reason ? `因${reason}，` : '因办理需要，',
        '经批准延长办理期限',
        days ? ` ${days} 个工作日` : '',
        due && `，延至 ${due}`,
        '。我们将继续抓紧办理，给您带来不便，敬请谅解。',
      ),
    };
  },

  verification_request: (p) => {
    const code = demandCode(p);
    const result = text(p, 'result');
    const url = text(p, 'feedbackUrl');
    const due = beijingTime(p, 'dueAt');
    return {
      subject: `请评价诉求办理结果（编号 ${code}）`,
      text: join(
        SIGNATURE,
        `您好！您反映的诉求（编号 ${code}）已办理完毕`,
        result ? `，办理结果：${result}。` : '。',
        '请对办理结果作出评价（满意、基本满意、不满意）',
        url ? `，评价地址：${url}` : '，可凭编号和登记手机号后四位在群众网页评价',
        due ? `，请于 ${due} 前评价。` : '。',
        '感谢您的监督。',
      ),
    };
  },

  signoff_rejected: (p) => {
    const code = demandCode(p);
    const party = labelOf(SIGNOFF_PARTIES, p, 'party');
    const reason = text(p, 'reason');
    return {
      subject: `会签退回：诉求 ${code}`,
      text: join(
        `【会签退回】${to(p)}`,
        `诉求 ${code} 的四方会签未通过`,
        party ? `（${party}未予签认）。` : '。',
        reason && `退回理由：${reason}。`,
        '请补充办理后重新提交会签。',
      ),
    };
  },

  spot_check_false_closure: (p) => {
    const code = demandCode(p);
    const reason = text(p, 'reason');
    const reopened = p.reopened === true;
    return {
      subject: `红灯预警：诉求 ${code} 抽查回访发现虚假办结`,
      text: join(
        `【红灯预警】${to(p)}`,
        `抽查回访中群众不认可诉求 ${code} 的办理结果，你单位被亮红灯。`,
        reason && `事由：${reason}。`,
        reopened ? '该诉求已重新启动办理，' : '',
        '请如实核查办结情况，限期整改并书面说明。',
      ),
    };
  },

  unit_ranking_listed: (p) => ({ subject: rankingSubject(p), text: unitRankingListed(p) }),

  unit_warning: (p) => ({ subject: rankingSubject(p), text: unitWarning(p) }),

  unit_fraud_warning: (p) => ({ subject: fraudWarningSubject(p), text: unitFraudWarning(p) }),

  demand_archived: (p) => {
    const code = demandCode(p);
    return {
      subject: `诉求已办结归档（编号 ${code}）`,
      text: join(
        SIGNATURE,
        `您好！您反映的诉求（编号 ${code}）已办结并销号归档，全部办理记录已存档备查。`,
        '感谢您对我们工作的理解与支持。',
      ),
    };
  },
};
