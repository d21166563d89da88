/**
 * The messages of relucheck protocol version 1 (docs/protocol.md; one JSON Schema per message
 * in schemas/protocol/). Every request carries `cmd` and an integer `id`; every reply repeats
 * the `id` and carries either `result` or `error`. `stop` has no reply.
 *
 * @example
 * ```ts
 * const req: Request = { cmd: 'loss', id: 3, dataset: 'D1', W: wireWeights(W) };
 * ```
 */
import type { Weights } from '../core/layout.js';
import { encodeFloat64Array, type WireArray, type WireScalar } from './float64Codec.js';

/** The protocol major version this harness speaks. A change of any message bumps it. */
export const PROTOCOL_VERSION = 1;

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
