// The channel between pdf.js's API and its worker code, both running in this
// thread. pdf.js's own in-thread channel (LoopbackPort) copies every message
// with structuredClone, which in Node 20 costs ~8 µs per text item: a sixth of
// the time spent reading a PDF. This one copies the plain data pdf.js sends
// (objects, arrays, strings, numbers, typed arrays) in JavaScript, and hands
// anything else to structuredClone, so messages arrive as they would there.
//
// A copy is still needed: pdf.js's worker code changes some objects after
// sending them (a page's text chunk object gets a fresh item list).

type Listener = (event: { data: unknown }) => void;

/** Thrown inside copyPlain when a value is not plain data: the message goes to structuredClone. */
const NOT_PLAIN = Symbol("not plain data");

// Deeper than any message pdf.js sends; a cyclic structure ends here too.
const MAX_DEPTH = 64;

function copyPlain(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) {
    if (typeof value === "function" || typeof value === "symbol") throw NOT_PLAIN;
    return value;
  }
  if (depth > MAX_DEPTH) throw NOT_PLAIN;
  if (Array.isArray(value)) return value.map((item) => copyPlain(item, depth + 1));
  if (ArrayBuffer.isView(value)) {
    // A typed array over its whole buffer; a view into a larger one keeps that buffer in structuredClone.
    const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
    if (!whole || value instanceof DataView) throw NOT_PLAIN;
    return (value as Uint8Array).slice();
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyPlain((value as Record<string, unknown>)[key], depth + 1);
  return copy;
}

/** A copy of `message` as structuredClone would make it. */
function copyMessage(message: unknown, transfer: Transferable[] | undefined): unknown {
  // Transferred buffers change hands rather than being copied: structuredClone knows how.
  if (transfer?.length) return structuredClone(message, { transfer });
  try {
    return copyPlain(message, 0);
  } catch (err) {
    if (err !== NOT_PLAIN) throw err;
    return structuredClone(message);
  }
}

/** A message port both ends of pdf.js listen on (each keeps the messages addressed to it), like pdf.js's LoopbackPort. */
export class InThreadPort {
  readonly #listeners = new Set<Listener>();
  readonly #delivered = Promise.resolve();

  postMessage(message: unknown, transfer?: Transferable[]): void {
    const event = { data: copyMessage(message, transfer) };
    // Delivered later, as a real port would: the sender finishes its turn first.
    void this.#delivered.then(() => {
      for (const listener of this.#listeners) listener.call(this, event);
    });
  }

  addEventListener(_type: "message", listener: Listener, options?: { signal?: AbortSignal }): void {
    const signal = options?.signal;
    if (signal?.aborted) return;
    this.#listeners.add(listener);
    // pdf.js stops listening (a document closed) by aborting the signal it passed.
    signal?.addEventListener("abort", () => this.#listeners.delete(listener), { once: true });
  }

  removeEventListener(_type: "message", listener: Listener): void {
    this.#listeners.delete(listener);
  }

  terminate(): void {
    this.#listeners.clear();
  }
}
