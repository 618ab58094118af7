/**
 * The few ONNX messages the int8 rewrite (onnx-int8.ts) reads and writes: nodes with their integer
 * attributes, initializers as byte ranges of the file, and the encoders for what it adds.
 */
import {
  bytesField,
  type Field,
  fields,
  fromUtf8,
  stringField,
  varintField,
  varints,
  WIRE_VARINT,
} from './onnx-protobuf.js';

export const MODEL_GRAPH = 7;
export const GRAPH_NODE = 1;
export const GRAPH_INITIALIZER = 5;
export const GRAPH_OUTPUT = 12;
export const VALUE_INFO_NAME = 1;
const NODE_INPUT = 1;
const NODE_OUTPUT = 2;
const NODE_NAME = 3;
const NODE_OP_TYPE = 4;
const NODE_ATTRIBUTE = 5;
const NODE_DOMAIN = 7;
const ATTRIBUTE_NAME = 1;
const ATTRIBUTE_INT = 3;
const ATTRIBUTE_TYPE = 20;
const ATTRIBUTE_INTS = 8;
const ATTRIBUTE_TYPE_INT = 2;
const ATTRIBUTE_TYPE_INTS = 7;
const TENSOR_DIMS = 1;
const TENSOR_DATA_TYPE = 2;
const TENSOR_NAME = 8;
const TENSOR_RAW_DATA = 9;
export const FLOAT = 1;
export const UINT8 = 2;
export const INT8 = 3;
export const MICROSOFT = 'com.microsoft';

export interface Node {
  inputs: string[];
  outputs: string[];
  name: string;
  opType: string;
  domain: string;
  ints: Map<string, number>;
  /** The node as written, for the ones left alone. */
  field: Field;
}

export interface Tensor {
  dims: number[];
  dataType: number;
  raw: Uint8Array | undefined;
  field: Field;
}

export function parseNode(f: Field, what: string): Node {
  const node: Node = { inputs: [], outputs: [], name: '', opType: '', domain: '', ints: new Map(), field: f };
  for (const g of fields(f.body!, what)) {
    const text = g.body ? fromUtf8.decode(g.body) : '';
    if (g.field === NODE_INPUT) node.inputs.push(text);
    else if (g.field === NODE_OUTPUT) node.outputs.push(text);
    else if (g.field === NODE_NAME) node.name = text;
    else if (g.field === NODE_OP_TYPE) node.opType = text;
    else if (g.field === NODE_DOMAIN) node.domain = text;
    else if (g.field === NODE_ATTRIBUTE && g.body) {
      let name = '';
      let value = NaN;
      for (const a of fields(g.body, what)) {
        if (a.field === ATTRIBUTE_NAME && a.body) name = fromUtf8.decode(a.body);
        if (a.field === ATTRIBUTE_INT && a.wire === WIRE_VARINT) value = a.value!;
      }
      node.ints.set(name, value);
    }
  }
  return node;
}

export function parseTensor(f: Field, what: string): [string, Tensor] {
  const tensor: Tensor = { dims: [], dataType: 0, raw: undefined, field: f };
  let name = '';
  for (const g of fields(f.body!, what)) {
    if (g.field === TENSOR_DIMS) tensor.dims.push(...varints(g, what));
    else if (g.field === TENSOR_DATA_TYPE) tensor.dataType = g.value ?? 0;
    else if (g.field === TENSOR_NAME && g.body) name = fromUtf8.decode(g.body);
    else if (g.field === TENSOR_RAW_DATA) tensor.raw = g.body;
  }
  return [name, tensor];
}

export function encodeNode(node: Omit<Node, 'field' | 'ints'>, attributes: Uint8Array[] = []): Uint8Array[] {
  const chunks = [
    ...node.inputs.flatMap((name) => stringField(NODE_INPUT, name)),
    ...node.outputs.flatMap((name) => stringField(NODE_OUTPUT, name)),
    ...stringField(NODE_NAME, node.name),
    ...stringField(NODE_OP_TYPE, node.opType),
    ...stringField(NODE_DOMAIN, node.domain),
  ];
  return bytesField(GRAPH_NODE, chunks.concat(attributes));
}

export function levelAttribute(level: number): Uint8Array[] {
  return bytesField(NODE_ATTRIBUTE, [
    ...stringField(ATTRIBUTE_NAME, 'accuracy_level'),
    varintField(ATTRIBUTE_INT, level),
    varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT),
  ]);
}

export function permAttribute(perm: number[]): Uint8Array[] {
  return bytesField(NODE_ATTRIBUTE, [
    ...stringField(ATTRIBUTE_NAME, 'perm'),
    ...perm.map((axis) => varintField(ATTRIBUTE_INTS, axis)),
    varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INTS),
  ]);
}

export function encodeTensor(name: string, dims: number[], dataType: number, raw: Uint8Array): Uint8Array[] {
  return bytesField(GRAPH_INITIALIZER, [
    ...dims.map((d) => varintField(TENSOR_DIMS, d)),
    varintField(TENSOR_DATA_TYPE, dataType),
    ...stringField(TENSOR_NAME, name),
    ...bytesField(TENSOR_RAW_DATA, [raw]),
  ]);
}

/** The graph's names, and fresh ones that collide with none. */
export class Names {
  private readonly taken: Set<string>;
  constructor(names: Iterable<string>) {
    this.taken = new Set(names);
  }
  fresh(base: string): string {
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }
}
