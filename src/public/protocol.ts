/**
 * `relucheck/protocol`: the process protocol's version, commands, message shapes, the
 * float64 wire codec and the JSON-Schema validator, for anyone writing a server in
 * JavaScript or testing one (docs/protocol.md describes the protocol itself).
 *
 * @example
 * ```ts
 * import { encodeFloat64Array, decodeFloat64Array } from 'relucheck/protocol';
 * decodeFloat64Array(encodeFloat64Array(new Float64Array([1, 2]))); // Float64Array [1, 2]
 * ```
 */
export {
  COMMANDS,
  PROTOCOL_CAPABILITIES,
  PROTOCOL_MINOR_VERSION,
  PROTOCOL_VERSION,
  wireWeights,
} from '../protocol/messages.js';
export type {
  Command,
  ErrorReply,
  ProtocolCapability,
  Request,
  ResultReply,
  WireArray,
  WireScalar,
  WireWeights,
} from '../protocol/messages.js';
export {
  decodeFloat64Array,
  decodeScalar,
  encodeFloat64Array,
  encodeScalar,
  WireFormatError,
} from '../protocol/float64Codec.js';
export { protocolValidator, schemaDirectory } from '../protocol/schemaValidator.js';
export type { ProtocolValidator } from '../protocol/schemaValidator.js';
