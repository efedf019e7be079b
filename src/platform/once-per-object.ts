/**
 * A pure function of an object, computed once per object (a WeakMap: the result lives as long as
 * the object). For rows derived from the cache's values, which every reader treats as read-only:
 * a cached call asks for the same rows again each time, and building them was a visible part of
 * its CPU and garbage. The results are shared, so they are frozen: code that changed one would
 * change every later answer, and now throws instead.
 */
export function oncePerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const results = new WeakMap<K, V>();
  return (key) => {
    if (results.has(key)) return results.get(key) as V;
    const value = Object.freeze(compute(key));
    results.set(key, value);
    return value;
  };
}
