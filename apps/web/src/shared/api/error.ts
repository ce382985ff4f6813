export type FieldError = { field: string; message: string }

export type Problem = {
  type?: string
  title: string
  status: number
  /** Stable machine code: `validation`, `unauthenticated`, `session_expired`, `forbidden`, `locked`, … */
  code: string
  detail?: string
  errors: FieldError[]
}

/** A problem+json answer from the server; `title`, `detail` and field messages are already in the user's language. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly title: string
  readonly detail: string | undefined
  readonly fieldErrors: FieldError[]

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title)
    this.name = 'ApiError'
    this.status = problem.status
    this.code = problem.code
    this.title = problem.title
    this.detail = problem.detail
    this.fieldErrors = problem.errors
  }

  /** The sentence to show a person: the detail when the server gave one, else the title. */
  get displayMessage(): string {
    return this.detail || this.title
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}
