/**
 * `dutygraph mcp [store options]`: the MCP server over stdio, for assistants that launch it (Claude
 * Desktop, IDEs). Standard output carries only the protocol; warnings go to standard error. It reads
 * the same store and search index as `serve`, and closes them when the client disconnects.
 */
import type { Command } from 'commander';
import { type Library, openLibrary } from '../../api/library.js';
import { addStoreOptions, asUserError, type StoreFlags, storeOptions } from '../store-options.js';

export function registerMcp(program: Command): void {
  addStoreOptions(
    program
      .command('mcp')
      .description(
        'Serve the Model Context Protocol over stdio (tools: who_is_responsible, search_duties, …)',
      ),
  ).action(async (flags: StoreFlags) => {
    // Loaded here, not at CLI start: the SDK is only needed by this command.
    const [{ StdioServerTransport }, { createMcpServer }] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/stdio.js'),
      import('../../api/mcp/server.js'),
    ]);
    const warn = (message: string) => process.stderr.write(`dutygraph: ${message}\n`);
    let library: Library;
    try {
      library = await openLibrary({ ...storeOptions(flags), onWarning: warn });
    } catch (error) {
      throw asUserError(error);
    }
    const server = createMcpServer(library, {
      onError: (error) => warn(`MCP tool failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    const transport = new StdioServerTransport();
    let closing = false;
    const shutdown = () => {
      if (closing) return;
      closing = true;
      void server
        .close()
        .catch(() => undefined)
        .then(() => library.close())
        .finally(() => process.exit(0));
    };
    // The client ends the session by closing our stdin (or by a signal).
    process.stdin.on('end', shutdown);
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
    await server.connect(transport);
  });
}
