// A refusal from the access layer, with the HTTP status it maps to and a message for the client.

export class AccessError extends Error {
  override name = 'AccessError';
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 423,
    message: string,
    readonly field?: string,
    /** Seconds until trying again makes sense (lockout). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
