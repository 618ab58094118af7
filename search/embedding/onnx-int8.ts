/**
 * int8 compute for a model whose weights are 4-bit MatMulNBits blocks (how the e5 models are shipped),
 * by rewriting the model's protobuf in memory at load (weights not touched are copied as byte ranges).
 *
 * - `block`: sets ONNX Runtime's `accuracy_level` 4 on each MatMulNBits node, so the kernel quantizes the
 *   activations per block of 32 and multiplies in int8 instead of dequantizing the weights to fp32 on
 *   every call. Near exact (cosine 0.9999), but only ≈ 1.07× faster on passage-length inputs. The level
 *   is a node attribute with no session option to override it, hence the rewrite.
 * - `full`: each node becomes a DynamicQuantizeMatMul (activations quantized per call, per tensor;
 *   weights int8 per output column; the bias Add folded in), which runs on the u8s8 GEMM (VNNI): ≈ 2.5×
 *   less CPU per passage (bench:embedding). The weights are requantized once: a 4-bit value times its
 *   block scale, rounded to the column's int8 grid, moves by at most half a step of that grid (measured:
 *   cosine 0.9999 with fp32 activations). What is lost is in the per-tensor activations: cosine ≈ 0.995.
 *
 * In `full`, a node this cannot convert (other bit widths, group indices, float zero points) gets
 * accuracy level 4 instead. Nodes that state a level keep it in `block`.
 */
import {
  bytesField,
  concat,
  type Field,
  fields,
  fromUtf8,
  stringField,
  varintField,
  varints,
  WIRE_VARINT,
} from './onnx-protobuf.js';

/** ONNX Runtime's level for int8 compute of MatMulNBits (CompInt8). */
const INT8_ACCURACY_LEVEL = 4;

const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const GRAPH_OUTPUT = 12;
const VALUE_INFO_NAME = 1;
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
const FLOAT = 1;
const UINT8 = 2;
const INT8 = 3;
const MICROSOFT = 'com.microsoft';

interface Node {
  inputs: string[];
  outputs: string[];
  name: string;
  opType: string;
  domain: string;
  ints: Map<string, number>;
  /** The node as written, for the ones left alone. */
  field: Field;
}

interface Tensor {
  dims: number[];
  dataType: number;
  raw: Uint8Array | undefined;
  field: Field;
}

export type Int8Mode = 'block' | 'full';

export interface Int8Rewrite {
  model: Uint8Array;
  /** MatMulNBits nodes now DynamicQuantizeMatMul. */
  converted: number;
  /** MatMulNBits nodes kept, with accuracy level 4 added. */
  levelled: number;
}

function parseNode(f: Field, what: string): Node {
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

function parseTensor(f: Field, what: string): [string, Tensor] {
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

function encodeNode(node: Omit<Node, 'field' | 'ints'>, attributes: Uint8Array[] = []): Uint8Array[] {
  const chunks = [
    ...node.inputs.flatMap((name) => stringField(NODE_INPUT, name)),
    ...node.outputs.flatMap((name) => stringField(NODE_OUTPUT, name)),
    ...stringField(NODE_NAME, node.name),
    ...stringField(NODE_OP_TYPE, node.opType),
    ...stringField(NODE_DOMAIN, node.domain),
  ];
  return bytesField(GRAPH_NODE, chunks.concat(attributes));
}

function levelAttribute(level: number): Uint8Array[] {
  return bytesField(NODE_ATTRIBUTE, [
    ...stringField(ATTRIBUTE_NAME, 'accuracy_level'),
    varintField(ATTRIBUTE_INT, level),
    varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT),
  ]);
}

function permAttribute(perm: number[]): Uint8Array[] {
  return bytesField(NODE_ATTRIBUTE, [
    ...stringField(ATTRIBUTE_NAME, 'perm'),
    ...perm.map((axis) => varintField(ATTRIBUTE_INTS, axis)),
    varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INTS),
  ]);
}

function encodeTensor(name: string, dims: number[], dataType: number, raw: Uint8Array): Uint8Array[] {
  return bytesField(GRAPH_INITIALIZER, [
    ...dims.map((d) => varintField(TENSOR_DIMS, d)),
    varintField(TENSOR_DATA_TYPE, dataType),
    ...stringField(TENSOR_NAME, name),
    ...bytesField(TENSOR_RAW_DATA, [raw]),
  ]);
}

/** Little-endian float32 values, whatever the payload's alignment inside the file. */
function floats(raw: Uint8Array): Float32Array {
  // A copy (a Buffer's slice() would be a view): Float32Array needs an aligned start.
  const copy = new Uint8Array(raw);
  return new Float32Array(copy.buffer, 0, copy.length / 4);
}

/**
 * The 4-bit weights as int8 [N, K] with one scale per output column, or null when the node is not the layout
 * this reads: 4 bits, uint8 blocks, float scales, optional packed uint8 zero points, nothing else.
 */
function requantized(
  node: Node,
  tensors: Map<string, Tensor>,
): { weights: Uint8Array; scales: Uint8Array; k: number; n: number } | null {
  const k = node.ints.get('K');
  const n = node.ints.get('N');
  const blockSize = node.ints.get('block_size');
  if (node.ints.get('bits') !== 4 || !k || !n || !blockSize || blockSize % 2 !== 0) return null;
  const [, qName, scaleName, zeroName, ...rest] = node.inputs;
  if (rest.some((name) => name !== '')) return null;
  const q = tensors.get(qName ?? '');
  const s = tensors.get(scaleName ?? '');
  const z = zeroName ? tensors.get(zeroName) : undefined;
  const blocks = Math.ceil(k / blockSize);
  const blob = blockSize / 2;
  const zeroBytes = Math.ceil(blocks / 2);
  if (q?.dataType !== UINT8 || q.raw?.length !== n * blocks * blob) return null;
  if (s?.dataType !== FLOAT || s.raw?.length !== n * blocks * 4) return null;
  if (zeroName && (z?.dataType !== UINT8 || z.raw?.length !== n * zeroBytes)) return null;
  const packed = q.raw;
  const blockScales = floats(s.raw);
  const zeros = z?.raw;
  // Stored as the blocks are, [N, K]; a Transpose node in front of the kernel gives it [K, N] and is
  // folded into a constant by ONNX Runtime when the session loads.
  const weights = new Int8Array(n * k);
  const steps = new Float32Array(n);
  const zero = (col: number, b: number) => {
    const byte = zeros ? zeros[col * zeroBytes + (b >> 1)]! : 0x88;
    return b & 1 ? byte >> 4 : byte & 0x0f;
  };
  const nibble = (from: number, j: number) => {
    const byte = packed[from + (j >> 1)]!;
    return j & 1 ? byte >> 4 : byte & 0x0f;
  };
  // A block's 16 possible values, on the column's grid.
  const table = new Int8Array(16);
  for (let col = 0; col < n; col++) {
    let max = 0;
    for (let b = 0; b < blocks; b++) {
      const from = (col * blocks + b) * blob;
      const count = Math.min(blockSize, k - b * blockSize);
      let low = 15;
      let high = 0;
      for (let j = 0; j < count; j++) {
        const value = nibble(from, j);
        if (value < low) low = value;
        if (value > high) high = value;
      }
      const z0 = zero(col, b);
      max = Math.max(max, Math.max(z0 - low, high - z0) * Math.abs(blockScales[col * blocks + b]!));
    }
    const step = max > 0 ? max / 127 : 1;
    steps[col] = step;
    for (let b = 0; b < blocks; b++) {
      const z0 = zero(col, b);
      const factor = blockScales[col * blocks + b]! / step;
      for (let value = 0; value < 16; value++) table[value] = Math.round((value - z0) * factor);
      const from = (col * blocks + b) * blob;
      const to = col * k + b * blockSize;
      const count = Math.min(blockSize, k - b * blockSize);
      for (let j = 0; j < count; j++) weights[to + j] = table[nibble(from, j)]!;
    }
  }
  return {
    weights: new Uint8Array(weights.buffer),
    scales: new Uint8Array(steps.buffer),
    k,
    n,
  };
}

/** The initializer a bias Add adds to `output`, when that Add is the output's only use. */
function biasAdd(
  output: string,
  n: number,
  uses: Map<string, Node[]>,
  tensors: Map<string, Tensor>,
  graphOutputs: Set<string>,
): { add: Node; bias: string } | null {
  const consumers = uses.get(output) ?? [];
  const add = consumers[0];
  if (consumers.length !== 1 || graphOutputs.has(output) || add?.opType !== 'Add' || add.domain !== '')
    return null;
  const bias = add.inputs.find((name) => name !== output);
  const tensor = tensors.get(bias ?? '');
  if (add.inputs.length !== 2 || !bias || tensor?.dataType !== FLOAT || tensor.raw?.length !== n * 4)
    return null;
  return { add, bias };
}

/**
 * `model` with int8 compute on its MatMulNBits nodes; the bytes as they are when nothing changes. `what`
 * names the file in errors.
 */
export function withInt8Compute(model: Uint8Array, mode: Int8Mode, what: string): Int8Rewrite {
  const out: Uint8Array[] = [];
  let converted = 0;
  let levelled = 0;
  for (const f of fields(model, what)) {
    if (f.field !== MODEL_GRAPH || !f.body) {
      out.push(model.subarray(f.start, f.end));
      continue;
    }
    const graphFields = [...fields(f.body, what)];
    const nodes = graphFields.filter((g) => g.field === GRAPH_NODE && g.body).map((g) => parseNode(g, what));
    const tensors = new Map(
      graphFields.filter((g) => g.field === GRAPH_INITIALIZER && g.body).map((g) => parseTensor(g, what)),
    );
    const graphOutputs = new Set<string>();
    for (const g of graphFields) {
      if (g.field !== GRAPH_OUTPUT || !g.body) continue;
      for (const v of fields(g.body, what))
        if (v.field === VALUE_INFO_NAME && v.body) graphOutputs.add(fromUtf8.decode(v.body));
    }
    const uses = new Map<string, Node[]>();
    for (const node of nodes)
      for (const input of node.inputs) uses.set(input, [...(uses.get(input) ?? []), node]);

    const replaced = new Map<Node, Uint8Array[]>();
    const dropped = new Set<Node>();
    const requantizedNodes = new Set<Node>();
    const added: Uint8Array[] = [];
    const names = new Set([...tensors.keys(), ...nodes.flatMap((node) => node.outputs)]);
    const fresh = (base: string) => {
      let name = base;
      for (let i = 2; names.has(name); i++) name = `${base}_${i}`;
      names.add(name);
      return name;
    };
    for (const node of nodes) {
      if (node.opType !== 'MatMulNBits' || node.domain !== MICROSOFT) continue;
      const int8 = mode === 'full' ? requantized(node, tensors) : null;
      if (!int8) {
        if (node.ints.has('accuracy_level')) continue;
        replaced.set(
          node,
          bytesField(GRAPH_NODE, [node.field.body!, ...levelAttribute(INT8_ACCURACY_LEVEL)]),
        );
        levelled++;
        continue;
      }
      const stored = fresh(`${node.inputs[1]}_int8`);
      const weights = fresh(`${node.inputs[1]}_int8_t`);
      const scales = fresh(`${node.inputs[1]}_int8_scale`);
      added.push(...encodeTensor(stored, [int8.n, int8.k], INT8, int8.weights));
      added.push(...encodeTensor(scales, [int8.n], FLOAT, int8.scales));
      const transpose = {
        inputs: [stored],
        outputs: [weights],
        name: fresh(`${node.name}_int8_t`),
        opType: 'Transpose',
        domain: '',
      };
      const fold = biasAdd(node.outputs[0] ?? '', int8.n, uses, tensors, graphOutputs);
      if (fold) dropped.add(fold.add);
      const inputs = [node.inputs[0]!, weights, scales, ...(fold ? ['', fold.bias] : [])];
      const outputs = fold ? fold.add.outputs : node.outputs;
      replaced.set(node, [
        ...encodeNode(transpose, permAttribute([1, 0])),
        ...encodeNode({
          inputs,
          outputs,
          name: node.name,
          opType: 'DynamicQuantizeMatMul',
          domain: MICROSOFT,
        }),
      ]);
      requantizedNodes.add(node);
      converted++;
    }
    if (converted + levelled === 0) {
      out.push(model.subarray(f.start, f.end));
      continue;
    }

    // The 4-bit tensors go once no node reads them any more.
    const stillUsed = new Set(
      nodes
        .filter((node) => !dropped.has(node) && !requantizedNodes.has(node))
        .flatMap((node) => node.inputs),
    );
    const unused = new Set<Field>();
    for (const node of requantizedNodes) {
      for (const input of node.inputs.slice(1)) {
        const tensor = tensors.get(input);
        if (tensor && !stillUsed.has(input)) unused.add(tensor.field);
      }
    }
    const graph: Uint8Array[] = [];
    let node = 0;
    for (const g of graphFields) {
      if (g.field === GRAPH_NODE && g.body) {
        const parsed = nodes[node++]!;
        if (dropped.has(parsed)) continue;
        graph.push(...(replaced.get(parsed) ?? [f.body.subarray(g.start, g.end)]));
      } else if (!unused.has(g)) {
        graph.push(f.body.subarray(g.start, g.end));
      }
    }
    out.push(...bytesField(MODEL_GRAPH, graph.concat(added)));
  }
  if (converted + levelled === 0) return { model, converted, levelled };
  return { model: concat(out), converted, levelled };
}
