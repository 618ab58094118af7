/**
 * The real embedding model for tests: DUTYGRAPH_MODEL_DIR when set, else `../shared/models` beside the
 * repository (CI and fresh clones next to shared/) with intfloat/multilingual-e5-small; null when neither
 * holds it, and the real-model tests are skipped.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EmbedderConfig, embedderConfigFromEnv, modelPath } from '../../search/embedding/config.js';

const SHARED_MODELS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/models');
const SHARED_MODEL_ID = 'intfloat/multilingual-e5-small';

export function realModelConfig(): EmbedderConfig | null {
  const config = process.env.DUTYGRAPH_MODEL_DIR
    ? embedderConfigFromEnv(process.env)
    : embedderConfigFromEnv({}, { modelDir: SHARED_MODELS, modelId: SHARED_MODEL_ID });
  return existsSync(path.join(modelPath(config), 'config.json')) ? config : null;
}
