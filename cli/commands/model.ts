/**
 * `dutygraph model fetch|info`: get the embedding model onto this machine, and check what search will use.
 * Settings come from the DUTYGRAPH_MODEL* environment variables; options override them.
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  type EmbedderConfig,
  EmbedderConfigError,
  embedderConfigFromEnv,
  MODEL_DTYPE_SUFFIX,
  missingModelFiles,
  modelPath,
} from '../../search/embedding/config.js';
import {
  fetchModel,
  type FetchProgress,
  loadEmbedder,
  ModelFetchError,
} from '../../search/embedding/transformers.js';
import { UserError } from '../errors.js';

interface ModelFlags {
  model?: string;
  dir?: string;
  dtype?: string;
  timeout?: string;
  force?: boolean;
}

const out = (lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);

export function registerModel(program: Command): void {
  const model = program.command('model').description('Manage the embedding model used for semantic search');
  const withModelOptions = (command: Command) =>
    command
      .option('--model <id>', 'model id (default: $DUTYGRAPH_MODEL or Xenova/multilingual-e5-small)')
      .option('--dir <dir>', 'directory holding models (default: $DUTYGRAPH_MODEL_DIR or .data/models)')
      .option(
        '--dtype <dtype>',
        `weights variant: ${Object.keys(MODEL_DTYPE_SUFFIX).join(', ')} (default: fp32)`,
      );

  withModelOptions(model.command('fetch'))
    .description('Download the model from the model hub into the model directory')
    .option(
      '--timeout <seconds>',
      'give up after this many seconds (default: $DUTYGRAPH_MODEL_TIMEOUT_MS or 300)',
    )
    .option('--force', 'download again even if the files are present')
    .action(async (flags: ModelFlags) => {
      const config = configFrom(flags, { allowRemote: true });
      if (!flags.force && (await missingModelFiles(config)).length === 0) {
        out([`model "${config.modelId}" is already in ${modelPath(config)} (use --force to download again)`]);
        return;
      }
      const progress = progressBar();
      try {
        await fetchModel(config, { onProgress: progress.update });
      } catch (error) {
        if (error instanceof ModelFetchError) throw new UserError(error.message);
        throw error;
      } finally {
        progress.stop();
      }
      const loaded = await loadEmbedder({ ...config, allowRemote: false });
      if (!loaded.embedder) throw new UserError(`downloaded, but ${loaded.reason}`);
      out([`fetched model "${config.modelId}" into ${modelPath(config)} (${loaded.embedder.dimension}-d)`]);
    });

  withModelOptions(model.command('info'))
    .description('Show the configured model and whether it loads (never downloads)')
    .action(async (flags: ModelFlags) => {
      const config = configFrom(flags, {});
      const missing = await missingModelFiles(config);
      const started = performance.now();
      // Checking must not start a download, whatever DUTYGRAPH_ALLOW_REMOTE_MODELS says.
      const loaded = await loadEmbedder({ ...config, allowRemote: false });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      out([
        `model:      ${config.modelId}`,
        `directory:  ${modelPath(config)}`,
        `weights:    ${config.dtype} (onnx/model${MODEL_DTYPE_SUFFIX[config.dtype]}.onnx)`,
        `downloads:  ${config.allowRemote ? `allowed from ${config.modelHost}` : 'off (DUTYGRAPH_ALLOW_REMOTE_MODELS=1 to allow)'}`,
        `prefixes:   query ${JSON.stringify(config.queryPrefix)}, passage ${JSON.stringify(config.passagePrefix)}`,
        `files:      ${missing.length === 0 ? 'all present' : `missing ${missing.join(', ')}`}`,
        loaded.embedder
          ? `loads:      yes, ${loaded.embedder.dimension}-d embeddings (${seconds} s)`
          : `loads:      no: ${loaded.reason}`,
        `search:     ${loaded.embedder ? 'semantic + lexical + concepts' : 'lexical + concepts only (no semantic search)'}`,
      ]);
    });
}

function configFrom(flags: ModelFlags, fixed: Partial<EmbedderConfig>): EmbedderConfig {
  const timeoutMs = flags.timeout === undefined ? undefined : Number(flags.timeout) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    throw new UserError(`--timeout: expected a positive number of seconds (got "${flags.timeout}")`);
  }
  try {
    const config = embedderConfigFromEnv(
      process.env,
      { modelId: flags.model, modelDir: flags.dir, dtype: flags.dtype, timeoutMs },
      { modelId: '--model', modelDir: '--dir', dtype: '--dtype', timeoutMs: '--timeout' },
    );
    return { ...config, ...fixed };
  } catch (error) {
    if (error instanceof EmbedderConfigError) throw new UserError(error.message);
    throw error;
  }
}

/** A per-file bar on a terminal; silence when output is piped (logs should not fill with carriage returns). */
function progressBar(): { update: (progress: FetchProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bars = new cliProgress.MultiBar(
    {
      format: ' {file} [{bar}] {percentage}% {value}/{total} bytes',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const byFile = new Map<string, cliProgress.SingleBar>();
  return {
    update: ({ file, loaded, total }) => {
      let bar = byFile.get(file);
      if (!bar) byFile.set(file, (bar = bars.create(total, 0, { file })));
      bar.update(loaded, { file });
    },
    stop: () => bars.stop(),
  };
}
