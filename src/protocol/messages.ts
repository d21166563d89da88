/**
 * The messages of relucheck protocol version 1 (docs/protocol.md; one JSON Schema per message
 * in schemas/protocol/). Every request carries `cmd` and an integer `id`; every reply repeats
 * the `id` and carries either `result` or `error`. `stop` has no reply. Version 1.1 adds `drop`
 * (release datasets), sent only to implementations that declare the `drop` capability; 1.2
 * adds the optional handshake declarations `reluAtZero` and `precision`.
 *
 * @example
 * ```ts
 * const req: Request = { cmd: 'loss', id: 3, dataset: 'D1', W: wireWeights(W) };
 * ```
 */
import type { Weights } from '../core/layout.js';
import { encodeFloat64Array, type WireArray, type WireScalar } from './float64Codec.js';

/**
 * The protocol version carried in the handshake: the major version, checked for equality.
 * Changing a message or its meaning bumps it.
 */
export const PROTOCOL_VERSION = 1;

/**
 * The minor version (docs/protocol.md, Versioning): 1 = `drop`, 2 = the handshake's optional
 * `reluAtZero` and `precision`. Minor versions only add optional commands behind a capability
 * or optional fields an implementation may declare, so they never travel on the wire and
 * never need to match.
 */
export const PROTOCOL_MINOR_VERSION = 2;

/**
 * Capabilities about the protocol itself rather than an Implementation method: `drop` means
 * the implementation accepts the `drop` command.
 */
export const PROTOCOL_CAPABILITIES = ['drop'] as const;

/** A protocol capability name. */
export type ProtocolCapability = (typeof PROTOCOL_CAPABILITIES)[number];

/** Every request command, in the order of docs/protocol.md. */
export const COMMANDS = [
  'start',
  'dataset',
  'loss',
  'gradient',
  'hvp',
  'populationLoss',
  'populationGradient',
  'populationHvp',
  'gd',
  'init',
  'drop',
  'stop',
] as const;

/** A request command name. */
export type Command = (typeof COMMANDS)[number];

/** Weights on the wire. */
export interface WireWeights {
  readonly d: number;
  readonly K: number;
  readonly data: WireArray;
}

/** A request: the command, its id and its fields (validated by schemas/protocol/request-CMD). */
export interface Request {
  readonly cmd: Command;
  readonly id: number;
  readonly [field: string]: unknown;
}

/** A successful reply. */
export interface ResultReply {
  readonly id: number;
  readonly result: Record<string, unknown>;
}

/** A reply saying the implementation could not answer. */
export interface ErrorReply {
  readonly id: number;
  readonly error: { readonly message: string; readonly detail?: string };
}

/** Weights in wire form (base64 data). @example wireWeights(W).data.f64 */
export function wireWeights(W: Weights): WireWeights {
  return { d: W.d, K: W.K, data: encodeFloat64Array(W.data) };
}

export type { WireArray, WireScalar };
