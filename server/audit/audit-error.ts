// Why the audit log cannot be opened for writing: its key is missing or exposed, or the log no
// longer fits its checkpoint. The server and the admin command refuse to start on it, with this
// message, rather than append to a log whose history has been cut or rewritten.

/** The audit key or chain stops a start; the message says what is wrong and what to do. */
export class AuditStartError extends Error {
  override name = 'AuditStartError';
}
