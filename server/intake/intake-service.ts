import type { Knex } from 'knex';
import type { Channel } from '../../domain/demand';
import type { TriageService } from '../triage';
import { citizenColumns, type PiiProtection } from './citizen-pii';
import { nextDemandCode } from './demand-code';
import { placeDemand } from './demand-placement';
import type { IntakeInput } from './intake-input';
import { duplicateMessage, emergencyMessage, receivedMessage } from './intake-messages';

/** Who delivers the demand: a channel key, the public page (no key) or a file import. */
export interface IntakeCaller {
  channel: Channel;
  keyId: string | null;
  districtCode: string | null;
  /** The history entry's actor; default `channel:{channel}` with a key, else `citizen`. */
  actor?: string;
  /** Added to the `received` history entry's detail (codes and names of staff, no citizen data). */
  historyDetail?: Record<string, unknown>;
}

/** The contract's intake answer, stored with the demand and replayed for a repeat delivery. */
export interface IntakeAnswer {
  code: string;
  status: 'received';
  divertedTo: string | null;
  duplicateOf: string | null;
  message: string;
}

export interface IntakeResult {
  /** 201 for a new demand, 200 for a delivery seen before. */
  created: boolean;
  answer: IntakeAnswer;
  demandId: string;
}

export interface IntakeServiceOptions {
  knex: Knex;
  pii: PiiProtection;
  /** Proposes what the demand is, whom it goes to and what it repeats (server/triage). */
  triage: Pick<TriageService, 'suggest'>;
  clock: () => Date;
  /** Called after a new demand is committed (wakes the process starter). */
  onStored?: () => void;
}

class RepeatedDelivery extends Error {}

/** jsonb keeps its own key order; a repeated delivery gets the first answer byte for byte. */
function answerInOrder(stored: IntakeAnswer): IntakeAnswer {
  const { code, status, divertedTo, duplicateOf, message } = stored;
  return { code, status, divertedTo, duplicateOf, message };
}

/**
 * Stores a demand delivered by a channel: placed in the org tree, personal data protected,
 * triaged (emergency, content, repeats), numbered, and — in the same transaction — its
 * history's first entry and its process start in the outbox. Once this returns `created`, the
 * demand is durable and its process will start, whether or not the engine is up.
 */
export function createIntakeService(options: IntakeServiceOptions) {
  const { knex, pii, triage, clock } = options;

  async function previousAnswer(channel: Channel, externalId: string | null) {
    if (externalId === null) return undefined;
    const row = await knex('demands')
      .where({ channel, channel_ticket_id: externalId })
      .first<{ id: string; intake_answer: IntakeAnswer } | undefined>('id', 'intake_answer');
    return row
      ? { created: false, answer: answerInOrder(row.intake_answer), demandId: String(row.id) }
      : undefined;
  }

  async function submit(input: IntakeInput, caller: IntakeCaller): Promise<IntakeResult> {
    const seen = await previousAnswer(caller.channel, input.externalId);
    if (seen) return seen;

    const placement = await placeDemand(knex, input.location.unitCode, caller.districtCode);
    const receivedAt = clock();
    const submittedAt = input.submittedAt ?? receivedAt;
    const citizen = citizenColumns(input.citizen, pii);
    const {
      suggestion,
      repeatOf,
      emergencyMessage: advice,
    } = await triage.suggest(
      {
        text: input.content.normalised,
        channel: caller.channel,
        isPetition: input.petition,
        districtCode: placement.districtCode,
        townshipCode: placement.townshipCode,
        villageCode: placement.villageCode,
        gridCode: placement.gridCode,
      },
      {
        phoneHash: citizen.citizen_phone_hash,
        villageCode: placement.villageCode,
        gridCode: placement.gridCode,
        lat: input.location.lat,
        lng: input.location.lng,
        submittedAt,
      },
    );
    const emergency = suggestion.divertedTo;

    try {
      const stored = await knex.transaction(async (trx) => {
        const code = await nextDemandCode(trx, placement.districtCode, receivedAt);
        const answer: IntakeAnswer = {
          code,
          status: 'received',
          divertedTo: emergency,
          // Only a repeat with nothing new is answered as one; the screener judges the rest.
          duplicateOf: repeatOf?.code ?? null,
          message: emergency
            ? emergencyMessage(advice ?? '', code)
            : repeatOf
              ? duplicateMessage(code, repeatOf.code)
              : receivedMessage(code),
        };
        const inserted = await trx('demands')
          .insert({
            code,
            channel: caller.channel,
            channel_ticket_id: input.externalId,
            channel_key_id: caller.keyId,
            ...citizen,
            content_original: input.content.original,
            content_normalised: input.content.normalised,
            location_unit_code: placement.locationUnitCode,
            address: input.location.address,
            latitude: input.location.lat,
            longitude: input.location.lng,
            grid_code: placement.gridCode,
            village_code: placement.villageCode,
            township_code: placement.townshipCode,
            district_code: placement.districtCode,
            status: 'received',
            diverted_to: answer.divertedTo,
            duplicate_of_demand_id: repeatOf?.id ?? null,
            is_petition: input.petition,
            suggestion,
            intake_answer: answer,
            received_at: receivedAt,
            submitted_at: submittedAt,
          })
          .onConflict(['channel', 'channel_ticket_id'])
          .ignore()
          .returning<{ id: string }[]>('id');
        const demandId = inserted[0]?.id;
        // A concurrent delivery of the same ticket committed first: undo ours, answer theirs.
        if (demandId === undefined) throw new RepeatedDelivery();

        if (input.attachments.length > 0) {
          await trx('demand_attachments').insert(
            input.attachments.map((file, position) => ({
              demand_id: demandId,
              position,
              name: file.name,
              media_type: file.mediaType,
              size_bytes: file.size,
              sha256: file.sha256,
            })),
          );
        }
        await trx('demand_history').insert({
          demand_id: demandId,
          at: receivedAt,
          actor: caller.actor ?? (caller.keyId === null ? 'citizen' : `channel:${caller.channel}`),
          action: 'received',
          detail: {
            channel: caller.channel,
            ...(input.externalId ? { externalId: input.externalId } : {}),
            ...(caller.keyId ? { channelKeyId: caller.keyId } : {}),
            divertedTo: answer.divertedTo,
            duplicateOf: answer.duplicateOf,
            attachments: input.attachments.length,
            ...caller.historyDetail,
          },
          dedupe_key: `received:${code}`,
        });
        await trx('process_start_outbox').insert({ demand_id: demandId });
        return { created: true, answer, demandId: String(demandId) };
      });
      options.onStored?.();
      return stored;
    } catch (error) {
      if (error instanceof RepeatedDelivery) {
        const winner = await previousAnswer(caller.channel, input.externalId);
        if (winner) return winner;
      }
      throw error;
    }
  }

  return { submit };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
