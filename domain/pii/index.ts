export type { Validation } from './validation';
export { validateIdNumber, idNumberCheckCharacter, type IdNumberProblem } from './id-number';
export { validateMobile, type MobileProblem } from './mobile';
export { maskMobile, maskIdNumber, maskName } from './masking';
export { createFieldCipher, FieldDecryptionError, type FieldCipher } from './field-cipher';
export { createFieldHasher, type FieldHasher } from './field-hasher';
export { loadDataKey, DataKeyError, type DataKeySources } from './data-key';
export { DATA_KEY_BYTES } from './data-key-size';
