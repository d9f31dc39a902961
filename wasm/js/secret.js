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

/** Wraps the core's `{"$secret": v}` markers in Secret objects, in place (keys are already camelCase). */
export function revealSecrets(value) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revealSecrets(value[i]);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$secret') return new Secret(value.$secret);
    for (const key of keys) value[key] = revealSecrets(value[key]);
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
