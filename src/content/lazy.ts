/**
 * `fields` with each of `getters` as a property computed when it is read, enumerable like the rest:
 * so that copying the object (see `copyWith`) carries the getter along, not a value read too early.
 */
export function lazily<T extends object, G extends Record<string, () => unknown>>(fields: T, getters: G): T & { [K in keyof G]: ReturnType<G[K]> } {
  for (const [key, get] of Object.entries(getters)) Object.defineProperty(fields, key, { get, enumerable: true, configurable: true });
  return fields as T & { [K in keyof G]: ReturnType<G[K]> };
}

/** A copy of `source` with `changes`, its computed properties left computed (a spread would read them all). */
export function copyWith<T extends object, C extends object>(source: T, changes: C): Omit<T, keyof C> & C {
  const descriptors = Object.getOwnPropertyDescriptors(source) as Record<string, PropertyDescriptor>;
  for (const descriptor of Object.values(descriptors)) descriptor.configurable = true;
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(changes))) descriptors[key] = { ...descriptor, configurable: true };
  return Object.defineProperties({}, descriptors) as Omit<T, keyof C> & C;
}
