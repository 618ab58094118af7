/**
 * `dutygraph model fetch|import|info`: get the embedding model onto this machine (from the hub, or from a
 * directory or .tar.gz carried to a server without a network), and check what search will use.
 * Settings come from the DUTYGRAPH_MODEL* environment variables; options override them.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
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
import { checkModel, ModelCheckError, type ModelReport } from '../../search/embedding/check.js';
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

  withModelOptions(model.command('import <source>'))
    .description(
      'Check a model (a directory or .tar.gz holding config.json, tokenizer files and onnx/) and install it into the model directory',
    )
    .action(async (source: string, flags: ModelFlags) => {
      const config = configFrom(flags, { allowRemote: false });
      const report = await importModel(path.resolve(source), config);
      out([`imported model "${config.modelId}" into ${report.directory}`, ...describe(report)]);
    });

  withModelOptions(model.command('info'))
    .description('Show the configured model, check it and whether search can use it (never downloads)')
    .action(async (flags: ModelFlags) => {
      const config = configFrom(flags, {});
      const missing = await missingModelFiles(config);
      const header = [
        `model:      ${config.modelId}`,
        `directory:  ${modelPath(config)}`,
        `downloads:  ${config.allowRemote ? `allowed from ${config.modelHost}` : 'off (DUTYGRAPH_ALLOW_REMOTE_MODELS=1 to allow)'}`,
        `prefixes:   query ${JSON.stringify(config.queryPrefix)}, passage ${JSON.stringify(config.passagePrefix)}`,
      ];
      if (missing.length > 0) {
        out([
          ...header,
          `files:      missing ${missing.join(', ')}`,
          'search:     lexical + concepts only (no semantic search)',
        ]);
        return;
      }
      try {
        // Checking must not start a download, whatever DUTYGRAPH_ALLOW_REMOTE_MODELS says.
        const report = await checkModel({ ...config, allowRemote: false });
        out([...header, ...describe(report), 'search:     semantic + lexical + concepts']);
      } catch (error) {
        if (!(error instanceof ModelCheckError)) throw error;
        out([
          ...header,
          `check:      failed: ${error.message}`,
          'search:     lexical + concepts only (no semantic search)',
        ]);
      }
    });
}

function describe(report: ModelReport): string[] {
  return [
    `dimension:  ${report.dimension}`,
    `weights:    ${report.dtype} (${report.weights})`,
    `size:       ${(report.size / 1e6).toFixed(1)} MB`,
    `sha256:     ${report.checksum}`,
    'checks:     files, tokenizer round trip, smoke embedding: ok',
  ];
}

/**
 * Unpacks (a .tar.gz) or copies (a directory) into a staging directory beside the target, checks the model
 * there, and only then swaps it in: a failed import leaves the installed model as it was.
 */
async function importModel(source: string, config: EmbedderConfig): Promise<ModelReport> {
  const info = await stat(source).catch(() => null);
  if (!info) throw new UserError(`${source}: no such file or directory`);
  const archive = /\.(tar\.gz|tgz)$/i.test(source);
  if (!info.isDirectory() && !archive)
    throw new UserError(`${source}: expected a model directory or a .tar.gz archive`);
  const staging = path.join(config.modelDir, `.import-${process.pid}-${Date.now()}`);
  const staged = modelPath({ modelDir: staging, modelId: config.modelId });
  try {
    await mkdir(staged, { recursive: true });
    if (archive) {
      const unpacked = path.join(staging, '.unpacked');
      await mkdir(unpacked);
      await promisify(execFile)('tar', ['-xzf', source, '-C', unpacked, '--no-same-owner']).catch(
        (error: unknown) => {
          throw new UserError(`${source}: not a readable .tar.gz (${firstLine(error)})`);
        },
      );
      const root = await findModelRoot(unpacked);
      if (!root) throw new UserError(`${source}: no config.json in the archive`);
      await rm(staged, { recursive: true });
      await rename(root, staged);
    } else {
      await cp(source, staged, { recursive: true });
    }
    const report = await checkModel({ ...config, modelDir: staging }).catch((error: unknown) => {
      if (error instanceof ModelCheckError)
        throw new UserError(`model not imported: ${error.message.replaceAll(staged, source)}`);
      throw error;
    });
    const target = modelPath(config);
    await mkdir(path.dirname(target), { recursive: true });
    const old = `${target}.old-${process.pid}`;
    await rename(target, old).catch(() => undefined);
    await rename(staged, target);
    await rm(old, { recursive: true, force: true });
    return { ...report, directory: target };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The directory holding config.json: the archive's root or a folder a few levels down. */
async function findModelRoot(dir: string, depth = 0): Promise<string | null> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name === 'config.json')) return dir;
  if (depth >= 4) return null;
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const found = await findModelRoot(path.join(dir, e.name), depth + 1);
    if (found) return found;
  }
  return null;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
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
