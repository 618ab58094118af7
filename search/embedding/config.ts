/**
 * Which embedding model to use and where it lives. Read from the environment once, validated, then passed
 * around as a plain object (nothing reads process.env deep inside the search code).
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const DEFAULT_MODEL_ID = 'Xenova/multilingual-e5-small';
export const DEFAULT_MODEL_HOST = 'https://huggingface.co/';

/** ONNX weight variants published next to transformers.js models, and the file-name suffix of each. */
export const MODEL_DTYPE_SUFFIX = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
} as const;
export type ModelDtype = keyof typeof MODEL_DTYPE_SUFFIX;

export interface EmbedderConfig {
  /** Hub-style id ("owner/name"); the files live in `<modelDir>/<modelId>/`. */
  modelId: string;
  /** Absolute directory holding models (DUTYGRAPH_MODEL_DIR, default `.data/models`). */
  modelDir: string;
  /** Download missing files from `modelHost` (DUTYGRAPH_ALLOW_REMOTE_MODELS=1). Off by default: never block on a network. */
  allowRemote: boolean;
  /** Hub base URL (DUTYGRAPH_MODEL_HOST), for mirrors. */
  modelHost: string;
  /** Upper bound on a download (DUTYGRAPH_MODEL_TIMEOUT_MS). */
  timeoutMs: number;
  /** Weight variant (DUTYGRAPH_MODEL_DTYPE); fp32 is what the model was evaluated with, q8 is ~4× smaller. */
  dtype: ModelDtype;
  /** Prepended to queries/passages; e5 models were trained with "query: " and "passage: ". */
  queryPrefix: string;
  passagePrefix: string;
  /**
   * Texts per forward pass (DUTYGRAPH_EMBED_BATCH), after sorting by length. Eight: larger batches of
   * sorted duties embed fewer passages per CPU-second (bench:embedding: 15.0 at 8, 11.4 at 16).
   */
  batchSize: number;
  /**
   * ONNX Runtime threads per forward pass (DUTYGRAPH_EMBED_THREADS). One by default: on a shared machine extra
   * intra-op threads spin and wait more than they compute (measured: 10.2 vs 6.2 passages per CPU-second).
   */
  threads: number;
  /**
   * Tokens kept of each text (DUTYGRAPH_EMBED_MAX_TOKENS), the rest truncated. Duties are short (the
   * development corpus: median 105 tokens, longest 256), and a forward pass costs at least linearly in
   * its length, so one runaway paragraph must not cost as much as a page.
   */
  maxTokens: number;
  /**
   * int8 compute for 4-bit weights (DUTYGRAPH_EMBED_INT8; onnx-int8.ts). Models without MatMulNBits nodes
   * are unaffected. Measured on e5-small (bench:embedding, eval:search; cosine to fp32 compute over 200
   * development duties):
   * - `block` (the default, `1`): ONNX Runtime's own int8 kernel (accuracy level 4); cosine 0.9999, no
   *   faster than `off` on passages, 1.3× on queries.
   * - `mixed`: int8 GEMMs, except after a GELU, where the weights stay fp32; activations out of a layer
   *   norm smoothed into the weights. 1.57× the passages per CPU-second of `block`, cosine ≥ 0.9992;
   *   eval:search the same but for one question at the related-mention cut (development P@5 0.902 →
   *   0.899, under the 0.9 bar), so not the default.
   * - `full`: every layer an int8 GEMM; 1.9–2.2× `block`, cosine ≥ 0.994, corpus-extra hit@1 0.974 →
   *   0.947. For bulk ingest where that is acceptable.
   * - `off` (`0`): fp32 compute.
   */
  int8Compute: Int8Compute;
}

export type Int8Compute = 'off' | 'block' | 'mixed' | 'full';

/** A bad setting, named with the variable or option it came from. */
export class EmbedderConfigError extends Error {
  override name = 'EmbedderConfigError';
}

/** Hub ids, as transformers.js resolves them: one or two path segments, no traversal. */
const ModelId = z
  .string()
  .regex(/^[\w.-]+(\/[\w.-]+)?$/, 'expected a model id like "owner/name"')
  .refine(
    (id) => !id.split('/').some((part) => part === '.' || part === '..'),
    'must not contain "." or ".." parts',
  );

const Flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const INT8_COMPUTE: Record<string, Int8Compute> = {
  '0': 'off',
  false: 'off',
  off: 'off',
  '1': 'block',
  true: 'block',
  block: 'block',
  mixed: 'mixed',
  full: 'full',
};
const Int8ComputeSetting = z
  .enum(Object.keys(INT8_COMPUTE) as [string, ...string[]], 'expected 0, 1, block, mixed or full')
  .transform((value) => INT8_COMPUTE[value]!);

const fields = {
  modelId: { variable: 'DUTYGRAPH_MODEL', schema: ModelId },
  modelDir: { variable: 'DUTYGRAPH_MODEL_DIR', schema: z.string().min(1) },
  allowRemote: { variable: 'DUTYGRAPH_ALLOW_REMOTE_MODELS', schema: Flag },
  modelHost: { variable: 'DUTYGRAPH_MODEL_HOST', schema: z.url({ protocol: /^https?$/ }) },
  timeoutMs: { variable: 'DUTYGRAPH_MODEL_TIMEOUT_MS', schema: z.coerce.number().int().positive() },
  dtype: {
    variable: 'DUTYGRAPH_MODEL_DTYPE',
    schema: z.enum(Object.keys(MODEL_DTYPE_SUFFIX) as [ModelDtype]),
  },
  queryPrefix: { variable: 'DUTYGRAPH_QUERY_PREFIX', schema: z.string() },
  passagePrefix: { variable: 'DUTYGRAPH_PASSAGE_PREFIX', schema: z.string() },
  batchSize: { variable: 'DUTYGRAPH_EMBED_BATCH', schema: z.coerce.number().int().positive().max(1024) },
  threads: { variable: 'DUTYGRAPH_EMBED_THREADS', schema: z.coerce.number().int().positive().max(256) },
  maxTokens: {
    variable: 'DUTYGRAPH_EMBED_MAX_TOKENS',
    schema: z.coerce.number().int().min(8).max(512),
  },
  int8Compute: { variable: 'DUTYGRAPH_EMBED_INT8', schema: Int8ComputeSetting },
} as const;

type Field = keyof typeof fields;

export const DEFAULT_EMBEDDER_CONFIG: Readonly<EmbedderConfig> = {
  modelId: DEFAULT_MODEL_ID,
  modelDir: '.data/models',
  allowRemote: false,
  modelHost: DEFAULT_MODEL_HOST,
  timeoutMs: 300_000,
  dtype: 'fp32',
  queryPrefix: 'query: ',
  passagePrefix: 'passage: ',
  batchSize: 8,
  threads: 1,
  maxTokens: 256,
  int8Compute: 'block',
};

/**
 * Defaults, overridden by environment variables, overridden by `overrides` (CLI options, whose raw strings
 * are validated the same way). `origin` names the source of each override in error messages.
 */
export function embedderConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<Field, string | number | boolean>> = {},
  origin: Partial<Record<Field, string>> = {},
): EmbedderConfig {
  const config: Record<string, unknown> = { ...DEFAULT_EMBEDDER_CONFIG };
  for (const field of Object.keys(fields) as Field[]) {
    const { variable, schema } = fields[field];
    const fromOverride = overrides[field] !== undefined;
    const raw = fromOverride ? overrides[field] : env[variable];
    if (raw === undefined || raw === '') continue;
    const parsed = (schema as z.ZodType).safeParse(typeof raw === 'boolean' ? String(raw) : raw);
    if (!parsed.success) {
      const source = fromOverride ? (origin[field] ?? field) : variable;
      throw new EmbedderConfigError(
        `${source}: ${parsed.error.issues[0]?.message ?? 'invalid'} (got "${raw}")`,
      );
    }
    config[field] = parsed.data;
  }
  config.modelDir = path.resolve(config.modelDir as string);
  if (!(config.modelHost as string).endsWith('/')) config.modelHost = `${config.modelHost as string}/`;
  return config as unknown as EmbedderConfig;
}

/** Directory of one model: `<modelDir>/<owner>/<name>`, the layout transformers.js looks up and caches into. */
export function modelPath(config: Pick<EmbedderConfig, 'modelDir' | 'modelId'>): string {
  return path.join(config.modelDir, ...config.modelId.split('/'));
}

/** Files a feature-extraction pipeline reads, relative to the model directory. */
export function requiredModelFiles(dtype: ModelDtype): string[] {
  return [
    'config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    `onnx/model${MODEL_DTYPE_SUFFIX[dtype]}.onnx`,
  ];
}

export async function missingModelFiles(config: EmbedderConfig): Promise<string[]> {
  const root = modelPath(config);
  const present = await Promise.all(
    requiredModelFiles(config.dtype).map((file) =>
      access(path.join(root, file)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return requiredModelFiles(config.dtype).filter((_, i) => !present[i]);
}
