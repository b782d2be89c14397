import { describe, expect, it } from "vitest";
import { InThreadPort } from "../src/ingest/pdf-port.js";

/** Post one message and return what a listener receives. */
async function roundTrip(message: unknown, transfer?: Transferable[]): Promise<unknown> {
  const port = new InThreadPort();
  const received = new Promise<unknown>((resolve) => port.addEventListener("message", (event) => resolve(event.data)));
  port.postMessage(message, transfer);
  return received;
}

describe("InThreadPort", () => {
  it("delivers a copy of plain data, later, unaffected by changes the sender makes after posting", async () => {
    const chunk = { items: [{ str: "Return", transform: [10, 0, 0, 10, 72.5, 700], hasEOL: false, extra: undefined }], styles: Object.create(null) };
    chunk.styles.f1 = { fontFamily: "serif" };
    const message = { streamId: 3, chunk };
    const asStructuredClone = structuredClone(message);
    const port = new InThreadPort();
    let received: unknown;
    port.addEventListener("message", (event) => (received = event.data));
    port.postMessage(message);
    expect(received).toBeUndefined();
    chunk.items = [];
    chunk.styles.f1.fontFamily = "changed";
    await Promise.resolve();
    expect(received).toStrictEqual(asStructuredClone);
  });

  it("copies typed arrays and keeps array holes, as structuredClone does", async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const sparse = [1, , 3];
    const received = (await roundTrip({ bytes, sparse })) as { bytes: Uint8Array; sparse: unknown[] };
    expect(received.bytes).toBeInstanceOf(Uint8Array);
    expect(received.bytes).not.toBe(bytes);
    expect([...received.bytes]).toEqual([1, 2, 3]);
    expect(1 in received.sparse).toBe(false);
  });

  it("leaves what is not plain data to structuredClone: maps, class instances, partial views, transfers", async () => {
    class Ref {
      constructor(public num: number) {}
    }
    const withMap = (await roundTrip({ data: new Map([["a", 1]]) })) as { data: unknown };
    expect(withMap.data).toBeInstanceOf(Map);
    const withRef = (await roundTrip({ ref: new Ref(7) })) as { ref: unknown };
    expect(withRef.ref).not.toBeInstanceOf(Ref);
    expect(withRef.ref).toEqual({ num: 7 });
    const view = new Uint8Array(new ArrayBuffer(8), 2, 3);
    const withView = (await roundTrip({ view })) as { view: Uint8Array };
    expect(withView.view.byteOffset).toBe(2);
    const data = new Uint8Array([9, 9]);
    const transferred = (await roundTrip({ data }, [data.buffer])) as { data: Uint8Array };
    expect(data.byteLength).toBe(0);
    expect([...transferred.data]).toEqual([9, 9]);
    await expect(roundTrip({ callback: () => 1 })).rejects.toThrow();
  });

  it("stops delivering to a listener whose signal is aborted", async () => {
    const port = new InThreadPort();
    const seen: unknown[] = [];
    const stop = new AbortController();
    port.addEventListener("message", (event) => seen.push(event.data), { signal: stop.signal });
    port.postMessage(1);
    await Promise.resolve();
    stop.abort();
    port.postMessage(2);
    await Promise.resolve();
    expect(seen).toEqual([1]);
  });
});
