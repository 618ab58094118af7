/**
 * Sets ONNX Runtime's `accuracy_level` on a model's 4-bit MatMulNBits nodes. Level 4 lets the CPU kernel
 * quantize the activations to int8 and multiply in integers (VNNI / AVX2 dot products) instead of
 * dequantizing the weights to fp32 for every call, which dominates a short input such as a query. The
 * level is a node attribute, with no session option to override it, so the model's protobuf is
 * rewritten in memory: only the graph's node list is re-encoded, weights are copied as byte ranges.
 * Nodes that already state a level keep it.
 */

/** ONNX Runtime's level for int8 compute of MatMulNBits (CompInt8). */
export const INT8_COMPUTE = 4;

const WIRE_VARINT = 0;
const WIRE_64BIT = 1;
const WIRE_BYTES = 2;
const WIRE_32BIT = 5;
const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const NODE_OP_TYPE = 4;
const NODE_ATTRIBUTE = 5;
const ATTRIBUTE_NAME = 1;
const ATTRIBUTE_INT = 3;
const ATTRIBUTE_TYPE = 20;
const ATTRIBUTE_TYPE_INT = 2;
const OP = 'MatMulNBits';
const NAME = 'accuracy_level';

interface Field {
  field: number;
  wire: number;
  /** The whole field, tag included. */
  start: number;
  end: number;
  /** For length-delimited fields: the payload. */
  body?: Uint8Array;
}

function readVarint(bytes: Uint8Array, at: number, what: string): [value: number, next: number] {
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

function* fields(bytes: Uint8Array, what: string): Generator<Field> {
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const [tag, afterTag] = readVarint(bytes, at, what);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === WIRE_VARINT) {
      at = readVarint(bytes, afterTag, what)[1];
      yield { field, wire, start, end: at };
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

/** A length-delimited field: its tag, length and payload chunks. */
function bytesField(field: number, chunks: Uint8Array[]): Uint8Array[] {
  const length = chunks.reduce((sum, c) => sum + c.length, 0);
  return [Uint8Array.from([...varint(field * 8 + WIRE_BYTES), ...varint(length)]), ...chunks];
}

const text = new TextDecoder();
const encoded = new TextEncoder();

function levelAttribute(level: number): Uint8Array {
  const name = encoded.encode(NAME);
  return Uint8Array.from([
    ...varint(ATTRIBUTE_NAME * 8 + WIRE_BYTES),
    ...varint(name.length),
    ...name,
    ...varint(ATTRIBUTE_INT * 8 + WIRE_VARINT),
    ...varint(level),
    ...varint(ATTRIBUTE_TYPE * 8 + WIRE_VARINT),
    ATTRIBUTE_TYPE_INT,
  ]);
}

/** The node with the level added, or null when it is no MatMulNBits or already states a level. */
function patchedNode(node: Uint8Array, attribute: Uint8Array, what: string): Uint8Array | null {
  let op: string | undefined;
  for (const f of fields(node, what)) {
    if (f.field === NODE_OP_TYPE && f.body) op = text.decode(f.body);
    if (f.field === NODE_ATTRIBUTE && f.body) {
      for (const a of fields(f.body, what)) {
        if (a.field === ATTRIBUTE_NAME && a.body && text.decode(a.body) === NAME) return null;
      }
    }
  }
  if (op !== OP) return null;
  const [head, body] = bytesField(NODE_ATTRIBUTE, [attribute]) as [Uint8Array, Uint8Array];
  const out = new Uint8Array(node.length + head.length + body.length);
  out.set(node);
  out.set(head, node.length);
  out.set(body, node.length + head.length);
  return out;
}

/**
 * The model with `level` on every MatMulNBits node that states none, and how many nodes changed (0:
 * the bytes are returned as they are). `what` names the file in errors.
 */
export function withMatMulNBitsAccuracy(
  model: Uint8Array,
  level: number,
  what: string,
): { model: Uint8Array; patched: number } {
  const attribute = levelAttribute(level);
  const chunks: Uint8Array[] = [];
  let patched = 0;
  for (const f of fields(model, what)) {
    if (f.field !== MODEL_GRAPH || !f.body) {
      chunks.push(model.subarray(f.start, f.end));
      continue;
    }
    const graph: Uint8Array[] = [];
    for (const g of fields(f.body, what)) {
      const node = g.field === GRAPH_NODE && g.body ? patchedNode(g.body, attribute, what) : null;
      if (node) patched++;
      graph.push(...(node ? bytesField(GRAPH_NODE, [node]) : [f.body.subarray(g.start, g.end)]));
    }
    chunks.push(...bytesField(MODEL_GRAPH, graph));
  }
  if (patched === 0) return { model, patched };
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { model: out, patched };
}
