/**
 * Builds a tiny BERT-shaped model directory that @huggingface/transformers loads exactly like a real one
 * (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), so the real embedding path can be
 * tested with no model hub. The ONNX graph is a single Gather over an embedding table: the "hidden state"
 * of each token is its table row, so the expected pooled embedding of any text can be computed by hand.
 *
 * The table is seeded noise, except that words of the same topic share a topic component, across
 * Vietnamese and English, so retrieval on it has a right answer.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { gaussian, randomUnitVector, seededRandom } from '../../search/vector/synthetic.js';
import { normalizeInPlace } from '../../search/vector/unit.js';

const { onnx } = onnxProto;

/** Tokens every BERT vocabulary starts with; [PAD] must be id 0. */
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Plain tokens with no topic: the e5 prefixes, punctuation and function words. */
const GENERIC_TOKENS = [
  // The words `dutygraph model import` round-trips through the tokenizer (search/embedding/check.ts).
  'rửa',
  'tiền',
  'tài',
  'trợ',
  'khủng',
  'bố',
  'anti',
  '-',
  'money',
  'laundering',
  '2025',
  'số',
  '463',
  '/',
  'ubnd',
  'nc',
  'query',
  'passage',
  ':',
  '.',
  ',',
  'và',
  'các',
  'của',
  'trên',
  'địa',
  'bàn',
  'tỉnh',
  'kế',
  'hoạch',
  'phòng',
  'chống',
  'tội',
  'phạm',
  'the',
  'of',
  'and',
  'in',
  'prevention',
  'crime',
  'province',
];

/** Test data: topic → words (both languages) that share the topic's component in the embedding table. */
export const TINY_MODEL_TOPICS: Record<string, readonly string[]> = {
  drugs: ['ma', 'túy', 'nghiện', 'drug', 'drugs', 'narcotics', 'addiction'],
  trafficking: ['mua', 'bán', 'người', 'trafficking', 'human', 'persons'],
  fraud: ['lừa', 'đảo', 'mạng', 'online', 'fraud', 'scam', 'cyber'],
  fire: ['cháy', 'nổ', 'cứu', 'hỏa', 'fire', 'firefighting', 'explosion'],
};

export interface TinyModel {
  /** Directory to use as the model root (DUTYGRAPH_MODEL_DIR); the model lives in `<rootDir>/<modelId>/`. */
  rootDir: string;
  modelId: string;
  dimension: number;
  /** Token → id, as written to tokenizer.json. */
  vocab: Map<string, number>;
  /** Row-major [vocab size × dimension] embedding table baked into model.onnx. */
  table: Float32Array;
  /**
   * The embedding the model must produce for an already-split token sequence: [CLS] tokens [SEP], mean of
   * the table rows, L2-normalized. Unknown tokens map to [UNK].
   */
  expectedEmbedding(tokens: string[]): Float32Array;
  remove(): Promise<void>;
}

export interface TinyModelOptions {
  /** Defaults to a fresh temp directory. */
  rootDir?: string;
  modelId?: string;
  dimension?: number;
  seed?: number;
}

export async function buildTinyModel(options: TinyModelOptions = {}): Promise<TinyModel> {
  const rootDir = options.rootDir ?? (await mkdtemp(path.join(os.tmpdir(), 'dutygraph-tiny-model-')));
  const modelId = options.modelId ?? 'dutygraph-test/tiny-bert';
  const dimension = options.dimension ?? 32;
  const topicWords = Object.entries(TINY_MODEL_TOPICS);
  const tokens = [...SPECIAL_TOKENS, ...GENERIC_TOKENS, ...topicWords.flatMap(([, words]) => words)];
  const vocab = new Map(tokens.map((token, id) => [token, id]));
  const table = embeddingTable(tokens, topicWords, dimension, options.seed ?? 7);

  const modelDir = path.join(rootDir, modelId);
  await mkdir(path.join(modelDir, 'onnx'), { recursive: true });
  await writeFile(path.join(modelDir, 'onnx', 'model.onnx'), onnxModel(tokens.length, dimension, table));
  await writeFile(path.join(modelDir, 'tokenizer.json'), JSON.stringify(tokenizerJson(tokens)));
  await writeFile(path.join(modelDir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig()));
  await writeFile(path.join(modelDir, 'config.json'), JSON.stringify(modelConfig(tokens.length, dimension)));

  const expectedEmbedding = (words: string[]): Float32Array => {
    const ids = ['[CLS]', ...words, '[SEP]'].map((word) => vocab.get(word) ?? vocab.get('[UNK]')!);
    const sum = new Float32Array(dimension);
    for (const id of ids) for (let i = 0; i < dimension; i++) sum[i] = sum[i]! + table[id * dimension + i]!;
    return normalizeInPlace(sum.map((value) => value / ids.length));
  };
  return {
    rootDir,
    modelId,
    dimension,
    vocab,
    table,
    expectedEmbedding,
    remove: () => rm(rootDir, { recursive: true, force: true }),
  };
}

function embeddingTable(
  tokens: string[],
  topicWords: [string, readonly string[]][],
  dimension: number,
  seed: number,
): Float32Array {
  const normal = gaussian(seededRandom(seed));
  const topicOf = new Map<string, Float32Array>();
  for (const [, words] of topicWords) {
    const topic = randomUnitVector(dimension, normal);
    for (const word of words) topicOf.set(word, topic);
  }
  const table = new Float32Array(tokens.length * dimension);
  tokens.forEach((token, id) => {
    const own = randomUnitVector(dimension, normal);
    const topic = topicOf.get(token);
    // Topic words are mostly their topic (so "drug" ≈ "ma túy"), with enough of their own to stay distinct.
    for (let i = 0; i < dimension; i++)
      table[id * dimension + i] = topic ? 0.8 * topic[i]! + 0.2 * own[i]! : own[i]!;
  });
  return table;
}

function onnxModel(vocabSize: number, dimension: number, table: Float32Array): Uint8Array {
  const { DataType } = onnx.TensorProto;
  const tokenInput = (name: string) => ({
    name,
    type: {
      tensorType: {
        elemType: DataType.INT64,
        shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }] },
      },
    },
  });
  const graph = {
    name: 'tiny-bert',
    node: [
      { opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['last_hidden_state'], name: 'lookup' },
    ],
    initializer: [
      {
        name: 'embeddings',
        dataType: DataType.FLOAT,
        dims: [vocabSize, dimension],
        rawData: new Uint8Array(table.buffer, table.byteOffset, table.byteLength),
      },
    ],
    // The tokenizer emits all three; a BERT graph declares all three even if, as here, only ids are used.
    input: [tokenInput('input_ids'), tokenInput('attention_mask'), tokenInput('token_type_ids')],
    output: [
      {
        name: 'last_hidden_state',
        type: {
          tensorType: {
            elemType: DataType.FLOAT,
            shape: {
              dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }, { dimValue: dimension }],
            },
          },
        },
      },
    ],
  };
  const model = onnx.ModelProto.create({
    irVersion: onnx.Version.IR_VERSION,
    producerName: 'dutygraph-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

function tokenizerJson(tokens: string[]) {
  const special = new Set<string>(SPECIAL_TOKENS);
  const token = (id: string) => ({ SpecialToken: { id, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: tokens
      .map((content, id) => ({ content, id }))
      .filter(({ content }) => special.has(content))
      .map(({ content, id }) => ({
        id,
        content,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      })),
    // Lower-case but keep Vietnamese diacritics: "túy" and "tuy" are different words.
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: false,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]')],
      pair: [
        token('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        token('[SEP]'),
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((name) => [name, { id: name, ids: [tokens.indexOf(name)], tokens: [name] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(tokens.map((content, id) => [content, id])),
    },
  };
}

function tokenizerConfig() {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: 128,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
  };
}

function modelConfig(vocabSize: number, dimension: number) {
  return {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: dimension,
    vocab_size: vocabSize,
    max_position_embeddings: 128,
    num_attention_heads: 1,
    num_hidden_layers: 1,
    pad_token_id: 0,
  };
}
