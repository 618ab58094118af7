/**
 * The MCP server over streamable HTTP at /mcp, stateless: each POST gets a fresh server and transport
 * (the tools are read-only and hold no session state), answered as JSON. GET and DELETE, which serve
 * sessions and server-sent notifications, are refused with 405 as the specification allows.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ApiConfig } from '../config.js';
import type { Library } from '../library.js';

/** The SDK loads on the first MCP request, so the API (and every CLI command) starts without it. */
const sdk = async () => {
  const [{ StreamableHTTPServerTransport }, { createMcpServer }] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
    import('./server.js'),
  ]);
  return { StreamableHTTPServerTransport, createMcpServer };
};

const jsonRpcError = (message: string) => ({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });

export const mcpRoutes: FastifyPluginAsync<{ library: Library; config: ApiConfig }> = async (
  app,
  { library, config },
) => {
  app.post('/mcp', { schema: { hide: true } }, async (request, reply) => {
    // A web page must not drive the server from another origin (DNS rebinding against a local server):
    // a browser's request carries Origin, which must be this server or one of DUTYGRAPH_CORS_ORIGINS.
    const origin = request.headers.origin;
    if (
      origin &&
      origin !== `${request.protocol}://${request.host}` &&
      !config.corsOrigins.includes(origin)
    ) {
      return reply
        .code(403)
        .send(jsonRpcError(`origin ${origin} is not allowed; add it to DUTYGRAPH_CORS_ORIGINS`));
    }
    const { StreamableHTTPServerTransport, createMcpServer } = await sdk();
    const server = createMcpServer(library, {
      onError: (error) => request.log.error({ err: error }, 'MCP tool failed'),
    });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    // The transport writes the response itself; Fastify's headers so far (request id, security) go along.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value as string | string[]);
    }
    reply.hijack();
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });

  const notAllowed = async (_request: unknown, reply: FastifyReply) =>
    reply
      .code(405)
      .header('allow', 'POST')
      .send(
        jsonRpcError('Method not allowed: this MCP endpoint is stateless; send JSON-RPC requests with POST'),
      );
  app.get('/mcp', { schema: { hide: true } }, notAllowed);
  app.delete('/mcp', { schema: { hide: true } }, notAllowed);
};
