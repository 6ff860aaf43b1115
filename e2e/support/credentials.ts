// The test server's credentials: its admin login and one API key per posting source.

/** Password of the `admin` account the test server creates on its first start. */
export const ADMIN = { username: 'admin', password: 'e2e-secret-yizhangtu-0123' };

/** The sources the tests post from; each has its own API key (a key is valid for its source only). */
export const SOURCES = ['hotline-12345', 'alarm-110', 'grid-report'] as const;

/** The test API key of a source (configured keys need at least 24 characters). */
export function apiKeyOf(source: string): string {
  return `e2e-key-${source}-0123456789abcdef`;
}
