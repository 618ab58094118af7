/** Why a document could not be read; the API maps codes to HTTP statuses, the CLI prints the message. */
export type ReadErrorCode =
  'empty' | 'binary' | 'encoding' | 'too-large' | 'corrupt' | 'unsupported' | 'unreadable' | 'not-found';

/** A document that cannot be turned into text. The message names the file and the reason, never a stack. */
export class ReadError extends Error {
  constructor(
    readonly source: string,
    readonly code: ReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

/** Builds a ReadError whose message starts with the source name: "plan.pdf: reason". */
export function readFailure(source: string, code: ReadErrorCode, reason: string): ReadError {
  return new ReadError(source, code, `${source}: ${reason}`);
}

/** A file-system error as a ReadError with a plain reason (Node's messages repeat the path and syscall). */
export function fileSystemFailure(source: string, error: unknown): ReadError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return readFailure(source, 'not-found', 'no such file or directory');
  if (code === 'EACCES' || code === 'EPERM') return readFailure(source, 'unreadable', 'permission denied');
  if (code === 'EISDIR') return readFailure(source, 'unreadable', 'is a directory, not a file');
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return readFailure(source, 'unreadable', `cannot be read (${reason})`);
}
