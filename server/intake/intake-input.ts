import { PETITION_CHANNELS, type Channel } from '../../domain/demand';
import { validateIdNumber, validateMobile } from '../../domain/pii';
import { normaliseDemandText } from '../../domain/text';
import { invalidInput, parseIsoWithOffset, type FieldError } from '../http';

/** A demand as a channel delivered it, checked and normalised (API.md `POST /api/demands`). */
export interface IntakeInput {
  externalId: string | null;
  /** When the citizen raised it; null = at receipt. */
  submittedAt: Date | null;
  citizen: {
    name: string | null;
    /** 11 bare digits (domain/pii `validateMobile`). */
    phone: string | null;
    /** 18 characters, upper-case X (domain/pii `validateIdNumber`). */
    idNumber: string | null;
    anonymous: boolean;
  };
  content: { original: string; normalised: string };
  location: {
    address: string | null;
    unitCode: string | null;
    lat: number | null;
    lng: number | null;
  };
  attachments: Array<{ name: string; mediaType: string; size: number; sha256: string | null }>;
  petition: boolean;
}

export interface IntakeInputRules {
  channel: Channel;
  now: Date;
  /** How far ahead of `now` a `submittedAt` may be (clock skew). */
  submittedAtSkewMs: number;
  /** The public page needs the phone: it is how the citizen finds the demand again. */
  phoneRequired: boolean;
}

export const MAX_CONTENT_CHARACTERS = 5000;
export const MAX_ATTACHMENTS = 20;
/** 2 GiB: beyond any photo, recording or scanned letter a channel forwards. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 ** 3;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const characters = (text: string) => Array.from(text).length;
// Control characters other than tab and line breaks have no place in names and ids.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Checks a delivered body against the contract, collecting every problem (so a channel fixes
 * them in one round) and never echoing a value back: the messages name the field and the rule,
 * because the values may be personal data. Throws a 400 problem with `errors`.
 */
export function parseIntakeInput(body: unknown, rules: IntakeInputRules): IntakeInput {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  if (!isObject(body))
    throw invalidInput([{ field: '', message: 'The body must be a JSON object.' }]);

  const optionalText = (value: unknown, field: string, max: number): string | null => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') return (fail(field, 'Must be a string.'), null);
    const trimmed = value.trim();
    if (trimmed === '') return null;
    if (characters(trimmed) > max) return (fail(field, `At most ${max} characters.`), null);
    if (CONTROL.test(trimmed)) return (fail(field, 'Must not contain control characters.'), null);
    return trimmed;
  };

  const externalId = optionalText(body.externalId, 'externalId', 200);

  let submittedAt: Date | null = null;
  if (body.submittedAt !== undefined && body.submittedAt !== null) {
    const parsed =
      typeof body.submittedAt === 'string' ? parseIsoWithOffset(body.submittedAt) : undefined;
    if (!parsed) {
      fail(
        'submittedAt',
        'Must be an ISO 8601 date-time with offset, e.g. 2026-03-02T11:13:53+08:00.',
      );
    } else if (parsed.getTime() > rules.now.getTime() + rules.submittedAtSkewMs) {
      fail('submittedAt', 'Must not be in the future.');
    } else {
      // Within the allowed skew, a time just ahead of ours is read as "now".
      submittedAt = parsed.getTime() > rules.now.getTime() ? rules.now : parsed;
    }
  }

  const citizenBody = body.citizen ?? {};
  const citizen: IntakeInput['citizen'] = {
    name: null,
    phone: null,
    idNumber: null,
    anonymous: false,
  };
  if (!isObject(citizenBody)) {
    fail('citizen', 'Must be an object.');
  } else {
    citizen.name = optionalText(citizenBody.name, 'citizen.name', 50);
    const phone = optionalText(citizenBody.phone, 'citizen.phone', 30);
    if (phone !== null) {
      const checked = validateMobile(phone);
      if (checked.ok) citizen.phone = checked.value;
      else fail('citizen.phone', 'Must be a mainland mobile number of 11 digits starting 13–19.');
    }
    const idNumber = optionalText(citizenBody.idNumber, 'citizen.idNumber', 30);
    if (idNumber !== null) {
      const checked = validateIdNumber(idNumber, rules.now);
      if (checked.ok) citizen.idNumber = checked.value;
      else fail('citizen.idNumber', `Not a valid resident ID number (${checked.reason}).`);
    }
    if (citizenBody.anonymous !== undefined && typeof citizenBody.anonymous !== 'boolean') {
      fail('citizen.anonymous', 'Must be true or false.');
    } else {
      citizen.anonymous = citizenBody.anonymous === true;
    }
  }
  if (
    rules.phoneRequired &&
    citizen.phone === null &&
    !errors.some((e) => e.field === 'citizen.phone')
  ) {
    fail('citizen.phone', 'Required: the phone number is how you look the demand up later.');
  }

  let content = { original: '', normalised: '' };
  if (typeof body.content !== 'string') {
    fail('content', 'Required: the demand in words.');
  } else {
    const normalised = normaliseDemandText(body.content);
    const length = characters(normalised.normalised.trim());
    if (length === 0) fail('content', 'Must not be empty.');
    else if (length > MAX_CONTENT_CHARACTERS) {
      fail('content', `At most ${MAX_CONTENT_CHARACTERS} characters.`);
    }
    content = { original: normalised.original, normalised: normalised.normalised.trim() };
  }

  const location = parseLocation(body.location, fail, optionalText);
  const attachments = parseAttachments(body.attachments, fail);

  let petition = false;
  if (body.petition !== undefined && body.petition !== null) {
    if (typeof body.petition !== 'boolean') fail('petition', 'Must be true or false.');
    else if (body.petition && !PETITION_CHANNELS.includes(rules.channel)) {
      fail('petition', `Only ${PETITION_CHANNELS.join(' and ')} deliver petitions (信访).`);
    } else petition = body.petition;
  }

  if (errors.length > 0) throw invalidInput(errors);
  return { externalId, submittedAt, citizen, content, location, attachments, petition };
}

function parseLocation(
  value: unknown,
  fail: (field: string, message: string) => void,
  optionalText: (value: unknown, field: string, max: number) => string | null,
): IntakeInput['location'] {
  const location: IntakeInput['location'] = { address: null, unitCode: null, lat: null, lng: null };
  if (value === undefined || value === null) return location;
  if (!isObject(value)) return (fail('location', 'Must be an object.'), location);
  location.address = optionalText(value.address, 'location.address', 500);
  location.unitCode = optionalText(value.unitCode, 'location.unitCode', 40);
  const coordinate = (raw: unknown, field: string, limit: number): number | null => {
    if (raw === undefined || raw === null) return null;
    if (typeof raw !== 'number' || !Number.isFinite(raw) || Math.abs(raw) > limit) {
      fail(field, `Must be a number between -${limit} and ${limit}.`);
      return null;
    }
    return raw;
  };
  location.lat = coordinate(value.lat, 'location.lat', 90);
  location.lng = coordinate(value.lng, 'location.lng', 180);
  if ((location.lat === null) !== (location.lng === null)) {
    fail('location', 'Give lat and lng together, or neither.');
  }
  return location;
}

function parseAttachments(
  value: unknown,
  fail: (field: string, message: string) => void,
): IntakeInput['attachments'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return (fail('attachments', 'Must be a list.'), []);
  if (value.length > MAX_ATTACHMENTS) {
    return (fail('attachments', `At most ${MAX_ATTACHMENTS} attachments.`), []);
  }
  return value.flatMap((item: unknown, index) => {
    const at = `attachments[${index}]`;
    if (!isObject(item)) return (fail(at, 'Must be an object.'), []);
    const before = { failed: false };
    const mark = (field: string, message: string) => {
      before.failed = true;
      fail(`${at}.${field}`, message);
    };
    const name = typeof item.name === 'string' ? item.name.trim() : '';
    if (name === '' || characters(name) > 255 || CONTROL.test(name) || /[\\/]/.test(name)) {
      mark('name', 'Required: a file name of at most 255 characters, without slashes.');
    }
    const mediaType = typeof item.mediaType === 'string' ? item.mediaType.trim().toLowerCase() : '';
    if (!/^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(mediaType)) {
      mark('mediaType', 'Required: a media type such as image/jpeg.');
    }
    const size = item.size;
    if (
      typeof size !== 'number' ||
      !Number.isSafeInteger(size) ||
      size < 0 ||
      size > MAX_ATTACHMENT_BYTES
    ) {
      mark('size', `Required: the size in bytes, 0 to ${MAX_ATTACHMENT_BYTES}.`);
    }
    let sha256: string | null = null;
    if (item.sha256 !== undefined && item.sha256 !== null) {
      if (typeof item.sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(item.sha256)) {
        mark('sha256', 'Must be 64 hexadecimal characters.');
      } else sha256 = item.sha256.toLowerCase();
    }
    return before.failed ? [] : [{ name, mediaType, size: size as number, sha256 }];
  });
}
