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

export function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.toJSON();
  if (error instanceof Error) return { code: 'internal', message: error.message || error.name };
  return { code: 'internal', message: String(error) };
}
