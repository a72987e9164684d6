/**
 * `lazy(() => z.strictObject({…}))`: a schema (or any object) built on first use, not when its
 * module loads. The content script is evaluated in one task on every matching page, and building
 * every zod schema it imports (the protocol's, the settings', the claims') was most of that
 * task's script; most of them are never used on a given page, or only after the page has loaded.
 *
 * The value stands in for the object itself (a Proxy that builds it on the first property access
 * and forwards everything to it), so callers and other schemas use it as before: `X.safeParse(v)`,
 * `z.array(X)`, `X.shape.summary`. It is the same zod schema, so every boundary is still parsed.
 */
// No side effects: a bundler drops a lazy schema nothing uses (it dropped the eager ones too).
/* @__NO_SIDE_EFFECTS__ */
export function lazy<T extends object>(make: () => T): T {
  let value: T | undefined;
  const real = (): T => (value ??= make());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    set: (_, key, v) => Reflect.set(real(), key, v),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      // The stand-in has none of the real object's own properties: report them as configurable.
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
