/**
 * Just enough protobuf to rewrite an ONNX model in memory: walk a message's fields without decoding
 * what is not needed (weights stay byte ranges of the file), and encode the few messages that change.
 * A full decoder would copy every tensor of a 100 MB model to change a few nodes.
 */

export const WIRE_VARINT = 0;
const WIRE_64BIT = 1;
export const WIRE_BYTES = 2;
const WIRE_32BIT = 5;

export interface Field {
  field: number;
  wire: number;
  /** The whole field, tag included. */
  start: number;
  end: number;
  /** For varint fields: the value. */
  value?: number;
  /** For length-delimited fields: the payload. */
  body?: Uint8Array;
}

export function readVarint(bytes: Uint8Array, at: number, what: string): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length && i < at + 10; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, i + 1];
    scale *= 128;
  }
  throw new Error(`${what}: a truncated or overlong varint at byte ${at}`);
}

/** The message's fields in order; `what` names the file in errors. */
export function* fields(bytes: Uint8Array, what: string): Generator<Field> {
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const [tag, afterTag] = readVarint(bytes, at, what);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === WIRE_VARINT) {
      const [value, next] = readVarint(bytes, afterTag, what);
      at = next;
      yield { field, wire, start, end: at, value };
    } else if (wire === WIRE_BYTES) {
      const [length, from] = readVarint(bytes, afterTag, what);
      at = from + length;
      if (at > bytes.length) throw new Error(`${what}: field ${field} runs past the end (byte ${start})`);
      yield { field, wire, start, end: at, body: bytes.subarray(from, at) };
    } else if (wire === WIRE_64BIT || wire === WIRE_32BIT) {
      at = afterTag + (wire === WIRE_64BIT ? 8 : 4);
      yield { field, wire, start, end: at };
    } else {
      throw new Error(`${what}: unsupported protobuf wire type ${wire} at byte ${start}`);
    }
  }
}

/** A repeated varint field, whether written packed (one length-delimited field) or one by one. */
export function varints(f: Field, what: string): number[] {
  if (f.value !== undefined) return [f.value];
  const out: number[] = [];
  const body = f.body ?? new Uint8Array();
  for (let at = 0; at < body.length;) {
    const [value, next] = readVarint(body, at, what);
    out.push(value);
    at = next;
  }
  return out;
}

function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

export const utf8 = new TextEncoder();
export const fromUtf8 = new TextDecoder();

/** A length-delimited field: its tag, length and payload chunks. */
export function bytesField(field: number, chunks: Uint8Array[]): Uint8Array[] {
  const length = chunks.reduce((sum, c) => sum + c.length, 0);
  return [Uint8Array.from([...varint(field * 8 + WIRE_BYTES), ...varint(length)]), ...chunks];
}

export function stringField(field: number, value: string): Uint8Array[] {
  return bytesField(field, [utf8.encode(value)]);
}

export function varintField(field: number, value: number): Uint8Array {
  return Uint8Array.from([...varint(field * 8 + WIRE_VARINT), ...varint(value)]);
}

export function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
