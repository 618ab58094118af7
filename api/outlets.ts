/**
 * What other tools consume, as one plugin: file exports under /api/exports (XLSX, iCalendar, CSV) and
 * the MCP server at /mcp. Both call the capability functions in capabilities.ts, like the JSON routes.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ApiConfig } from './config.js';
import type { Library } from './library.js';
import { mcpRoutes } from './mcp/http.js';
import { exportRoutes } from './routes/exports.js';

export const outletRoutes: FastifyPluginAsync<{ library: Library; config: ApiConfig }> = async (
  app,
  { library, config },
) => {
  await app.register(exportRoutes, { library, prefix: '/api/exports' });
  await app.register(mcpRoutes, { library, config });
};
