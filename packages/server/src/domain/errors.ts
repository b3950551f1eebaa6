// Typed errors thrown by domain code; the HTTP error handler maps each to one problem+json status.
export interface FieldIssue {
  path: string;
  message: string;
  /** For an uploaded file: the line (1-based) the issue is on. */
  line?: number;
}

export class DomainError extends Error {
  readonly status: number = 500;
  /** The problem's `type` (RFC 9457), when a client should tell this failure from others of its status. */
  readonly type: string | undefined = undefined;
  /** More members of the problem, e.g. the id of the record in the way. */
  extensions: Record<string, unknown> | undefined = undefined;
}

export class ValidationError extends DomainError {
  override readonly status: number = 422;
  constructor(
    readonly issues: FieldIssue[],
    message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "),
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override readonly status = 404;
}

export class ConflictError extends DomainError {
  override readonly status = 409;
}

export class ForbiddenError extends DomainError {
  override readonly status = 403;
}

export class UnauthorizedError extends DomainError {
  override readonly status = 401;
}
