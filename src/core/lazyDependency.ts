/**
 * A CommonJS dependency required on first use instead of imported at load: the one place the
 * core touches a Node module (spec/architecture/layering.spec.ts allows `node:module` here
 * and nowhere else in core/). Loading code is not the I/O the purity rule is about (the
 * numerics still read no data, clock or globals); it is about start-up time. stdlib's normal
 * generator and t quantile are some 450 small CommonJS modules between them, about 0.25 s of
 * CPU at every `import('relucheck')` and `relucheck check --list`, which need neither until
 * a stream draws or an interval is computed. A synchronous `require` keeps the callers
 * synchronous (stdlib ships CommonJS).
 *
 * @example
 * ```ts
 * const quantileT = lazyDependency<(p: number, df: number) => number>('@stdlib/stats-base-dists-t-quantile');
 * quantileT()(0.975, 10); // 2.228...
 * ```
 */
import { createRequire } from 'node:module';

/**
 * A getter that loads the package `name` (resolved from this file, so from relucheck's own
 * dependencies) on its first call and returns the cached module afterwards.
 * @example lazyDependency<typeof import('@stdlib/random-base-normal')>('@stdlib/random-base-normal')().factory
 */
export function lazyDependency<T>(name: string): () => T {
  let loaded: { value: T } | undefined;
  return () => {
    loaded ??= { value: createRequire(import.meta.url)(name) as T };
    return loaded.value;
  };
}
