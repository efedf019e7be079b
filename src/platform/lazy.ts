/**
 * Lazy loading of heavy modules (Kysely, the database drivers, the stores and their queries): the
 * module is imported on the first call that needs it, not when its importer loads, so a process
 * whose calls never need it (a pure TestIO workload) never pays its memory or start-up time.
 * Node keeps an imported module, so later calls cost one resolved promise.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function type, its own signature kept
type AsyncFunction = (...args: any[]) => Promise<unknown>;
type AsyncExport<M> = { [K in keyof M]: M[K] extends AsyncFunction ? K : never }[keyof M];

/** The async function `name` of the module `load` imports, imported on its first call. */
export function lazyFunction<M, K extends AsyncExport<M>>(load: () => Promise<M>, name: K): M[K] {
  return (async (...args: unknown[]) => ((await load())[name] as AsyncFunction)(...args)) as M[K];
}

/**
 * An object whose methods (all async) wait for it: `create` (which imports its module) runs on the
 * first method call, once (again after a failure); every call then goes to the object it made.
 * It is not a promise (no `then`), so returning it from an async function returns it as it is.
 */
export function lazyObject<T extends object>(create: () => Promise<T>): T {
  let made: Promise<T> | undefined;
  const target = () =>
    (made ??= create().catch((error: unknown) => {
      made = undefined;
      throw error;
    }));
  return new Proxy({} as T, {
    get: (_empty, name) => {
      if (typeof name === 'symbol' || name === 'then') return undefined;
      return async (...args: unknown[]) => {
        const object = await target();
        return (object[name as keyof T] as AsyncFunction).apply(object, args);
      };
    },
  });
}
