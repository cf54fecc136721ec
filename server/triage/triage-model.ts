import { CATEGORIES, DOMAINS, TIERS, isOneOf } from '../../domain/demand';
import type { Category, Domain, Tier } from '../../domain/demand';
import { createEmergencyCheck } from './emergency-check';
import { emergencyNetCues, withEmergencyCues } from './emergency-net';
import { createOnlineModel, type OnlineModel } from './online-model';
import { EMPTY_ORG_DIRECTORY, type OrgDirectory } from './org-directory';
import { routeDemand } from './routing-table';
import { extractFeatures, withDomain } from './text-features';
import { TRIAGE_HEADS, triageSeeds } from './triage-heads';
import { CUE_OUTCOMES, MATTERS, REASON_OUTCOMES, type TriageLexicons } from './triage-lexicons';
import type { CueOutcome, CueReasonCode } from './triage-lexicons';
import { labelOf, reasonFor, routingReason } from './triage-reasons';
import type { ContentSuggestion, TriageInput, TriageLabels } from './triage-types';
import type { TriageModel, TriageModelState } from './triage-types';
import { suggestUnits } from './triage-units';

export interface TriageModelOptions {
  /** Departments and the city unit, for lead and co-units (none: only the demand's place). */
  org?: OrgDirectory;
  /** The stored version of `state` (triage_models.id). */
  version?: number | null;
}

/** Told to the citizen when a learned outcome has no reason with an explanation in the lexicon. */
const FALLBACK_EXPLANATIONS: Record<Exclude<CueOutcome, 'valid'>, string> = {
  invalid_false_info:
    '您提交的内容无法作为诉求办理。如有实际问题，请写明事项、地点和诉求后重新提交。',
  invalid_out_of_scope: '您反映的事项不属于本区政府的受理范围，请向有权处理的单位或事发地反映。',
  divert_legal_channel:
    '您反映的事项需要通过诉讼、仲裁、复议或调解等法定途径解决，请向相关机关提出。',
};

// A text with no Han character and no letter says nothing: no model needed to call it that.
const HAS_CONTENT = /[\p{Script=Han}a-zA-Z]/u;

/**
 * The triage suggester: emergencies first (the rule-based check, never learned away, then the
 * learned net behind it, emergency-net.ts), then the screening outcome and reason, category,
 * domain and tier from the online model, then the lead and co-units from the routing table.
 * Learns from every decision people make.
 */
export function createTriageModel(
  lexicons: TriageLexicons,
  state?: TriageModelState,
  options: TriageModelOptions = {},
): TriageModel {
  const emergencyCheck = createEmergencyCheck(lexicons.emergency);
  const seeds = triageSeeds(lexicons.tier);
  const org = options.org ?? EMPTY_ORG_DIRECTORY;
  let online: OnlineModel = createOnlineModel(TRIAGE_HEADS, seeds, state);

  function suggest(input: TriageInput): ContentSuggestion {
    const features = extractFeatures(input.text, lexicons);
    const category = online.predict('category', features.values);
    const domain = online.predict('domain', features.values);
    const tierFeatures = { ...features, values: withDomain(features.values, domain.label) };
    const tier = online.predict('tier', tierFeatures.values);
    const base = {
      category: category.label as Category,
      domain: domain.label as Domain,
      tier: tier.label as Tier,
      modelVersion: model.version,
    };
    const emergency = emergencyCheck(input.text) ?? learnedEmergency(input.text, features.values);
    if (emergency) {
      return {
        ...base,
        leadUnitCode: null,
        coUnitCodes: [],
        outcome: 'divert_emergency',
        reasonCode: 'emergency',
        explanation: emergency.message,
        divertedTo: emergency.number,
        confidence: emergency.confidence,
        confidences: {
          category: category.probability,
          domain: domain.probability,
          tier: tier.probability,
          outcome: emergency.confidence,
        },
        reasons: [`紧急情况（${emergency.label}）“${emergency.evidence}” → ${emergency.number}`],
      };
    }
    const reasons: string[] = [];
    let outcome = online.predict('outcome', features.values);
    let reasonCode: CueReasonCode | null = null;
    if (!HAS_CONTENT.test(input.text)) {
      outcome = { label: 'invalid_false_info', probability: 0.95, probabilities: {} };
      reasonCode = 'nonsense';
      reasons.push('没有文字内容 → 无实质内容');
    } else if (outcome.label !== 'valid') {
      const reason = online.predict('reason', features.values);
      const within = (Object.keys(REASON_OUTCOMES) as CueReasonCode[])
        .filter((code) => REASON_OUTCOMES[code] === outcome.label)
        .sort((a, b) => (reason.probabilities[b] ?? 0) - (reason.probabilities[a] ?? 0));
      reasonCode = within[0] ?? null;
      const why = reasonFor(online, features, 'outcome', outcome.label);
      if (why) reasons.push(why);
      if (reasonCode) reasons.push(`原因：${labelOf('reason', reasonCode)}`);
    }
    for (const [head, label] of [
      ['category', base.category],
      ['domain', base.domain],
      ['tier', base.tier],
    ] as const) {
      const why = reasonFor(online, head === 'tier' ? tierFeatures : features, head, label);
      if (why) reasons.push(why);
    }
    const matter = MATTERS.find((m) =>
      features.hits.some((h) => h.head === 'matter' && h.label === m),
    );
    const rule = routeDemand({
      scope: base.tier,
      category: base.category,
      domain: base.domain,
      matter: matter ?? null,
    });
    const units = suggestUnits(input, rule, base.domain, org);
    reasons.push(routingReason(rule, units.leadUnitCode, units.coUnitCodes));
    const confidences = {
      category: category.probability,
      domain: domain.probability,
      tier: tier.probability,
      outcome: outcome.probability,
    };
    const valid = outcome.label === 'valid';
    const explanation = valid
      ? null
      : ((reasonCode && lexicons.screening.reasons[reasonCode]?.explanation) ??
        FALLBACK_EXPLANATIONS[outcome.label as Exclude<CueOutcome, 'valid'>]);
    return {
      ...base,
      ...units,
      outcome: outcome.label as CueOutcome,
      reasonCode,
      explanation,
      divertedTo: null,
      // As sure as its least sure part when it will be handled; an invalid one rests on its outcome.
      confidence: valid ? Math.min(...Object.values(confidences)) : outcome.probability,
      confidences,
      reasons,
    };
  }

  /** The learned net, only after the rules found nothing and never past a look-alike marker. */
  function learnedEmergency(text: string, values: ReadonlyMap<string, number>) {
    const cues = emergencyNetCues(text, lexicons.emergency);
    if (cues.guarded) return undefined;
    const net = lexicons.emergency.learnedNet;
    const p = online.predict('emergency', withEmergencyCues(values, cues)).probabilities.emergency!;
    if (p < net.threshold) return undefined;
    const number = cues.number ?? net.fallbackNumber;
    return {
      number,
      label: '学习所得',
      confidence: p,
      evidence: `与已分流的紧急诉求相似 ${(p * 100).toFixed(0)}%`,
      message: lexicons.emergency.messages[number],
    };
  }

  function learn(input: TriageInput, labels: TriageLabels): void {
    const target: Record<string, string> = {};
    if (isOneOf(CATEGORIES, labels.category)) target.category = labels.category;
    if (isOneOf(DOMAINS, labels.domain)) target.domain = labels.domain;
    if (isOneOf(TIERS, labels.tier)) target.tier = labels.tier;
    // Repeats and emergencies have their own checks: the outcome head does not learn them.
    if (isOneOf(CUE_OUTCOMES, labels.outcome)) target.outcome = labels.outcome;
    if (labels.reasonCode && labels.reasonCode in REASON_OUTCOMES) {
      target.reason = labels.reasonCode;
    }
    // Every screened outcome teaches the emergency net: diverted or not.
    if (labels.outcome)
      target.emergency = labels.outcome === 'divert_emergency' ? 'emergency' : 'none';
    if (Object.keys(target).length === 0) return;
    const features = extractFeatures(input.text, lexicons).values;
    // The tier head learns with the decided domain, or its own guess when none was decided.
    const domain = target.domain ?? online.predict('domain', features).label;
    const cues = emergencyNetCues(input.text, lexicons.emergency);
    online.learn(features, target, {
      tier: withDomain(features, domain),
      emergency: withEmergencyCues(features, cues),
    });
  }

  const model: TriageModel = {
    suggest,
    learn,
    exportState: () => online.exportState(),
    get examplesSeen() {
      return online.examplesSeen;
    },
    version: options.version ?? null,
    loadState(next, version) {
      online = createOnlineModel(TRIAGE_HEADS, seeds, next);
      model.version = version;
    },
  };
  return model;
}
