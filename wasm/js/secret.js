// Secrets: values that never show in toString, JSON.stringify, console.log or util.inspect.

const REDACTED = '[redacted]';
const inspect = Symbol.for('nodejs.util.inspect.custom');

/** A value that is never printed. Read it with `expose()`. */
export class Secret {
  #value;

  constructor(value) {
    this.#value = String(value);
  }

  /** The secret value itself. */
  expose() {
    return this.#value;
  }

  /** Whether two secrets hold the same value. */
  equals(other) {
    return other instanceof Secret && other.expose() === this.#value;
  }

  toString() {
    return REDACTED;
  }

  toJSON() {
    return REDACTED;
  }

  [inspect]() {
    return `Secret(${REDACTED})`;
  }

  [Symbol.toPrimitive]() {
    return REDACTED;
  }
}

const camel = (key) => key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/**
 * The core's result JSON as plain JS objects: keys in camelCase, `{"$secret": v}` markers as
 * Secret objects.
 */
export function toJs(value) {
  if (Array.isArray(value)) return value.map(toJs);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$secret') return new Secret(value.$secret);
    const out = {};
    for (const key of keys) out[camel(key)] = toJs(value[key]);
    return out;
  }
  return value;
}

const snake = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A JS object (camelCase, Secret values) back as the API's JSON (snake_case, values exposed). */
export function toWire(value) {
  if (value instanceof Secret) return value.expose();
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [key, v] of Object.entries(value)) out[snake(key)] = toWire(v);
    return out;
  }
  return value;
}

export { REDACTED };
