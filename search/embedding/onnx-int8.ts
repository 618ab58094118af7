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
  encodeNode,
  encodeTensor,
  FLOAT,
  GRAPH_INITIALIZER,
  GRAPH_NODE,
  GRAPH_OUTPUT,
  INT8,
  levelAttribute,
  MICROSOFT,
  MODEL_GRAPH,
  Names,
  type Node,
  parseNode,
  parseTensor,
  permAttribute,
  type Tensor,
  UINT8,
  VALUE_INFO_NAME,
} from './onnx-graph.js';
import { bytesField, concat, type Field, fields, fromUtf8 } from './onnx-protobuf.js';
import {
  bytesOf,
  dequantized,
  type FourBitLayout,
  floats,
  int8Columns,
  layerNormSmoothing,
} from './onnx-weights.js';

/** ONNX Runtime's level for int8 compute of MatMulNBits (CompInt8). */
const INT8_ACCURACY_LEVEL = 4;

export type Int8Mode = 'block' | 'mixed' | 'full';

export interface Int8Rewrite {
  model: Uint8Array;
  /** MatMulNBits nodes now DynamicQuantizeMatMul. */
  converted: number;
  /** MatMulNBits nodes now a dense fp32 MatMul (`mixed`, after a GELU). */
  dense: number;
  /** MatMulNBits nodes kept, with accuracy level 4 added. */
  levelled: number;
}

/**
 * The node's 4-bit weights, or null when the node is not the layout this reads: 4 bits, uint8 blocks,
 * float scales, optional packed uint8 zero points, nothing else.
 */
function fourBitLayout(node: Node, tensors: Map<string, Tensor>): FourBitLayout | null {
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
  if (q?.dataType !== UINT8 || q.raw?.length !== n * blocks * (blockSize / 2)) return null;
  if (s?.dataType !== FLOAT || s.raw?.length !== n * blocks * 4) return null;
  if (zeroName && (z?.dataType !== UINT8 || z.raw?.length !== n * Math.ceil(blocks / 2))) return null;
  return { k, n, blockSize, packed: q.raw, scales: floats(s.raw), zeros: z?.raw };
}

/** A float initializer of `length` values, or undefined. */
function floatTensor(
  tensors: Map<string, Tensor>,
  name: string | undefined,
  length: number,
): Float32Array | undefined {
  const tensor = tensors.get(name ?? '');
  return tensor?.dataType === FLOAT && tensor.raw?.length === length * 4 ? floats(tensor.raw) : undefined;
}

/** γ and β of the layer norm whose output `input` is, when it is one with constant parameters. */
function layerNormOf(
  input: string,
  k: number,
  producers: Map<string, Node>,
  tensors: Map<string, Tensor>,
): { gamma: Float32Array; beta: Float32Array | undefined } | null {
  const norm = producers.get(input);
  if (norm?.outputs[0] !== input) return null;
  const plain = norm.opType === 'LayerNormalization' && norm.domain === '';
  const skip = norm.opType === 'SkipLayerNormalization' && norm.domain === MICROSOFT;
  if (!plain && !skip) return null;
  const [gammaName, betaName] = plain ? norm.inputs.slice(1, 3) : norm.inputs.slice(2, 4);
  const gamma = floatTensor(tensors, gammaName, k);
  return gamma ? { gamma, beta: floatTensor(tensors, betaName, k) } : null;
}

const GELU_OPS = new Set(['Gelu', 'FastGelu', 'BiasGelu', 'QuickGelu']);

/**
 * Whether `input` comes out of a GELU, fused or written out (x · ½(1 + erf(x/√2)): a Mul with an Erf or
 * Tanh a few ops up). Its values are a long one-sided tail over a crowd near zero, which one int8 grid
 * per tensor cannot hold both of (measured on e5-small: cosine 0.996 with those layers in int8, 0.9993
 * without).
 */
function afterGelu(input: string, producers: Map<string, Node>): boolean {
  const node = producers.get(input);
  if (!node) return false;
  if (GELU_OPS.has(node.opType)) return true;
  if (node.opType !== 'Mul') return false;
  let frontier = [node];
  for (let depth = 0; depth < 3; depth++) {
    frontier = frontier.flatMap((n) =>
      n.inputs.map((name) => producers.get(name)).filter((p) => p !== undefined),
    );
    if (frontier.some((n) => n.opType === 'Erf' || n.opType === 'Tanh')) return true;
  }
  return false;
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

/** What one MatMulNBits node becomes: encoded nodes and initializers, and whether its bias Add went in. */
interface Replacement {
  nodes: Uint8Array[];
  initializers: Uint8Array[];
  foldedAdd?: Node;
}

/**
 * `weights` [N, K] stored as they are, with a Transpose in front giving the [K, N] a MatMul wants:
 * ONNX Runtime folds it into a constant when the session loads.
 */
function transposed(
  node: Node,
  names: Names,
  suffix: string,
  dims: [number, number],
  dataType: number,
  raw: Uint8Array,
): { name: string; nodes: Uint8Array[]; initializers: Uint8Array[] } {
  const stored = names.fresh(`${node.inputs[1]}_${suffix}`);
  const name = names.fresh(`${node.inputs[1]}_${suffix}_t`);
  const transpose = {
    inputs: [stored],
    outputs: [name],
    name: names.fresh(`${node.name}_${suffix}_t`),
    opType: 'Transpose',
    domain: '',
  };
  return {
    name,
    nodes: encodeNode(transpose, permAttribute([1, 0])),
    initializers: encodeTensor(stored, dims, dataType, raw),
  };
}

interface Graph {
  uses: Map<string, Node[]>;
  producers: Map<string, Node>;
  tensors: Map<string, Tensor>;
  graphOutputs: Set<string>;
  names: Names;
}

/** A dense fp32 MatMul over the dequantized weights; the bias Add stays where it is. */
function denseMatMul(node: Node, layout: FourBitLayout, weights: Float32Array, graph: Graph): Replacement {
  const w = transposed(node, graph.names, 'fp32', [layout.n, layout.k], FLOAT, bytesOf(weights));
  const matMul = {
    inputs: [node.inputs[0]!, w.name],
    outputs: node.outputs,
    name: node.name,
    opType: 'MatMul',
    domain: '',
  };
  return { nodes: [...w.nodes, ...encodeNode(matMul)], initializers: w.initializers };
}

/** A DynamicQuantizeMatMul over int8 columns, smoothed after a layer norm, with the bias Add folded in. */
function int8MatMul(node: Node, layout: FourBitLayout, weights: Float32Array, graph: Graph): Replacement {
  const { k, n } = layout;
  const norm = layerNormOf(node.inputs[0]!, k, graph.producers, graph.tensors);
  const factors = norm ? layerNormSmoothing(weights, n, k, norm.gamma, norm.beta) : undefined;
  const int8 = int8Columns(weights, n, k, factors);
  const w = transposed(node, graph.names, 'int8', [n, k], INT8, bytesOf(int8.values));
  const scales = graph.names.fresh(`${node.inputs[1]}_int8_scale`);
  const nodes = [...w.nodes];
  const initializers = [...w.initializers, ...encodeTensor(scales, [n], FLOAT, bytesOf(int8.scales))];
  let input = node.inputs[0]!;
  if (factors) {
    const inverse = graph.names.fresh(`${node.inputs[1]}_smoothing`);
    initializers.push(...encodeTensor(inverse, [k], FLOAT, bytesOf(factors.map((s) => 1 / s))));
    const smoothed = graph.names.fresh(`${input}_smoothed`);
    nodes.push(
      ...encodeNode({
        inputs: [input, inverse],
        outputs: [smoothed],
        name: graph.names.fresh(`${node.name}_smoothing`),
        opType: 'Mul',
        domain: '',
      }),
    );
    input = smoothed;
  }
  const fold = biasAdd(node.outputs[0] ?? '', n, graph.uses, graph.tensors, graph.graphOutputs);
  const inputs = [input, w.name, scales, ...(fold ? ['', fold.bias] : [])];
  const outputs = fold ? fold.add.outputs : node.outputs;
  nodes.push(
    ...encodeNode({ inputs, outputs, name: node.name, opType: 'DynamicQuantizeMatMul', domain: MICROSOFT }),
  );
  return { nodes, initializers, foldedAdd: fold?.add };
}

/**
 * `model` with int8 compute on its MatMulNBits nodes; the bytes as they are when nothing changes. `what`
 * names the file in errors.
 */
export function withInt8Compute(model: Uint8Array, mode: Int8Mode, what: string): Int8Rewrite {
  const out: Uint8Array[] = [];
  const counts = { converted: 0, dense: 0, levelled: 0 };
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
    const producers = new Map<string, Node>();
    for (const node of nodes) {
      for (const input of node.inputs) uses.set(input, [...(uses.get(input) ?? []), node]);
      for (const output of node.outputs) producers.set(output, node);
    }
    const graph: Graph = {
      uses,
      producers,
      tensors,
      graphOutputs,
      names: new Names([...tensors.keys(), ...nodes.flatMap((node) => node.outputs)]),
    };

    const replaced = new Map<Node, Uint8Array[]>();
    const dropped = new Set<Node>();
    const rewritten = new Set<Node>();
    const added: Uint8Array[] = [];
    const before = counts.converted + counts.dense + counts.levelled;
    for (const node of nodes) {
      if (node.opType !== 'MatMulNBits' || node.domain !== MICROSOFT) continue;
      const layout = mode === 'block' ? null : fourBitLayout(node, tensors);
      if (!layout) {
        if (node.ints.has('accuracy_level')) continue;
        replaced.set(
          node,
          bytesField(GRAPH_NODE, [node.field.body!, ...levelAttribute(INT8_ACCURACY_LEVEL)]),
        );
        counts.levelled++;
        continue;
      }
      const weights = dequantized(layout);
      const dense = mode === 'mixed' && afterGelu(node.inputs[0]!, producers);
      const replacement = (dense ? denseMatMul : int8MatMul)(node, layout, weights, graph);
      if (replacement.foldedAdd) dropped.add(replacement.foldedAdd);
      replaced.set(node, replacement.nodes);
      added.push(...replacement.initializers);
      rewritten.add(node);
      counts[dense ? 'dense' : 'converted']++;
    }
    if (counts.converted + counts.dense + counts.levelled === before) {
      out.push(model.subarray(f.start, f.end));
      continue;
    }

    // The 4-bit tensors go once no node reads them any more.
    const stillUsed = new Set(
      nodes.filter((node) => !dropped.has(node) && !rewritten.has(node)).flatMap((node) => node.inputs),
    );
    const unused = new Set<Field>();
    for (const node of rewritten) {
      for (const input of node.inputs.slice(1)) {
        const tensor = tensors.get(input);
        if (tensor && !stillUsed.has(input)) unused.add(tensor.field);
      }
    }
    const body: Uint8Array[] = [];
    let node = 0;
    for (const g of graphFields) {
      if (g.field === GRAPH_NODE && g.body) {
        const parsed = nodes[node++]!;
        if (dropped.has(parsed)) continue;
        body.push(...(replaced.get(parsed) ?? [f.body.subarray(g.start, g.end)]));
      } else if (!unused.has(g)) {
        body.push(f.body.subarray(g.start, g.end));
      }
    }
    out.push(...bytesField(MODEL_GRAPH, body.concat(added)));
  }
  if (counts.converted + counts.dense + counts.levelled === 0) return { model, ...counts };
  return { model: concat(out), ...counts };
}
