import type { AppError } from '../../shared/model';

/** An error with a stable code that crosses IPC and `--json` as `{ code, message }`. */
export class AppFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppFailure';
  }

  toJSON(): AppError {
    return { code: this.code, message: this.message };
  }
}

/**
 * What crosses to the user: an AppFailure's own sentence, or for anything else (a bug, a TypeError) one
 * plain sentence that names no internals. The raw text stays available to logs via `describeError`.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.toJSON();
  return { code: 'internal', message: INTERNAL_MESSAGE };
}

export const INTERNAL_MESSAGE = 'Something unexpected went wrong inside Access Doctor.';

/** The raw text of an error, for log lines only (never shown in the window or the CLI's report). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
