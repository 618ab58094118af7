/**
 * Browser tests' tools: Debian's headless Chromium driven by playwright-core (no browser download),
 * the web explorer built when its build is missing or older than its sources, screenshots kept in
 * test-artifacts/ for people to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { repoRoot, startTestApi, type TestApi, type TestApiOptions } from './api-app.js';

export const CHROMIUM_PATH = process.env.DUTYGRAPH_CHROMIUM ?? '/usr/bin/chromium';
export const WEB_DIR = path.join(repoRoot, 'web');
export const WEB_DIST = path.join(WEB_DIR, 'dist');
export const ARTIFACTS_DIR = path.join(repoRoot, 'test-artifacts');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" or set DUTYGRAPH_CHROMIUM`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds web/dist unless it is newer than every source file; returns the directory. */
export function ensureWebBuild(): string {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(
    newestChange(path.join(WEB_DIR, 'src')),
    statSync(path.join(WEB_DIR, 'index.html')).mtimeMs,
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    execFileSync(
      path.join(repoRoot, 'node_modules', '.bin', 'vite'),
      ['build', 'web', '--logLevel', 'warn'],
      {
        cwd: repoRoot,
        stdio: 'inherit',
      },
    );
  }
  return WEB_DIST;
}

/** A full-page screenshot in test-artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The API (over the samples, or the given paths) serving the built explorer on a loopback port, and a Chromium to browse it. */
export interface Explorer {
  api: TestApi;
  browser: Browser;
  /** "http://127.0.0.1:<port>/" */
  base: string;
  close(): Promise<void>;
}

/**
 * One explorer for a test file: started before its tests and closed after them. The fields read the
 * running explorer, so use them inside tests and hooks only.
 */
export function useExplorer(options: Pick<TestApiOptions, 'ingest'> = {}): Omit<Explorer, 'close'> {
  let started: Explorer | undefined;
  beforeAll(async () => {
    started = await startExplorer(options);
  }, 180_000);
  afterAll(async () => {
    await started?.close();
  });
  const running = (): Explorer => {
    if (!started) throw new Error('the explorer has not started (use it inside a test or a hook)');
    return started;
  };
  return {
    get api() {
      return running().api;
    },
    get browser() {
      return running().browser;
    },
    get base() {
      return running().base;
    },
  };
}

/** `ingest`: what the API holds (default: the samples). */
export async function startExplorer(options: Pick<TestApiOptions, 'ingest'> = {}): Promise<Explorer> {
  const webDir = ensureWebBuild();
  const api = await startTestApi({ ...options, config: { webDir } });
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}/`;
  const browser = await launchChromium().catch(async (error: unknown) => {
    await api.close();
    throw error;
  });
  return {
    api,
    browser,
    base,
    close: async () => {
      await browser.close();
      await api.close();
    },
  };
}
