/** Errors a user can act on: printed as one line, exit code 1, never a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function reportFatal(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`dutygraph: ${message}\n`);
  if (process.env.DUTYGRAPH_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  process.exit(error instanceof UserError ? error.exitCode : 1);
}
