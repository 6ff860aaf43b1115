// `npm run admin -- <command>` (tsx server/auth/cli.ts): API keys and accounts from the command
// line, on the data directory of DATA_DIR (the server may be running: SQLite serialises writers,
// and the server checks keys and sessions on every request). Every change is audited as done by
// the command line and the operating-system user.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AuditStartError } from '../audit/audit-error.ts';
import type { AppConfig } from '../config.ts';
import { loadJurisdiction } from '../jurisdiction/load.ts';
import { openAccess } from './access.ts';
import type { Access } from './access.ts';
import { ACCESS_DATABASE_FILE, openAccessDb } from './access-db.ts';
import { AccessError } from './access-error.ts';
import * as admin from './admin.ts';
import type { Admin } from './admin.ts';
import { ACCOUNT_ROLES } from './roles.ts';
import type { AccountRole } from './roles.ts';

const USAGE = `usage: npm run admin -- <command>
  api-key issue <source> [--label <text>]   issue a key for one source (shown once)
  api-key revoke <id>                        revoke an issued key
  api-key list
  account create <username> --role <${ACCOUNT_ROLES.join('|')}> --jurisdiction <code>
                                             (prints a one-time password; first login changes it)
  account reset-password <username>          new one-time password, ends its sessions
  account list
DATA_DIR and JURISDICTION_DIR select the server's data and county (defaults ./var, data/demo);
AUDIT_KEY_FILE the audit key, when it is kept outside the data directory.`;

/** --name value pairs and the positional arguments. */
function parseArgs(args: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      flags.set(a.slice(2), args[i + 1] ?? '');
      i += 1;
    } else positional.push(a);
  }
  return { positional, flags };
}

async function run(access: Access, args: string[], print: (line: string) => void): Promise<number> {
  const { positional, flags } = parseArgs(args);
  const [noun, verb, arg] = positional;
  const by: Admin = { actor: { type: 'cli', id: userInfo().username, name: `cli:${userInfo().username}` }, scopeCode: access.scopes.county.code, ip: null };

  if (noun === 'api-key' && verb === 'issue' && arg) {
    if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(arg)) throw new AccessError(400, 'source must be a lower-case slug (a-z, 0-9, . _ -)');
    const { apiKey, key } = admin.issueApiKey(access, by, arg, flags.get('label') ?? arg);
    print(`API key ${apiKey.id} for source ${apiKey.source} (shown once, store it in the source system now):`);
    print(key);
    print(`use it as: Authorization: Bearer ${key}   (or X-API-Key)`);
    return 0;
  }
  if (noun === 'api-key' && verb === 'revoke' && arg) {
    const k = admin.revokeApiKey(access, by, arg);
    print(`API key ${k.id} (${k.source}) revoked`);
    return 0;
  }
  if (noun === 'api-key' && verb === 'list') {
    for (const k of admin.listApiKeys(access, by)) print(`${k.id}\t${k.source}\t${k.origin}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'valid'}\t${k.label}`);
    return 0;
  }
  if (noun === 'account' && verb === 'create' && arg) {
    const role = flags.get('role') as AccountRole;
    if (!ACCOUNT_ROLES.includes(role)) throw new AccessError(400, `--role must be one of ${ACCOUNT_ROLES.join(', ')}`);
    const { account, password } = await admin.createAccount(access, by, { username: arg, role, jurisdictionCode: flags.get('jurisdiction') ?? '' });
    print(`account ${account.id} ${account.username} (${account.role}, ${account.jurisdictionCode}) created`);
    print(`one-time password: ${password}   (the first login must change it)`);
    return 0;
  }
  if (noun === 'account' && verb === 'reset-password' && arg) {
    const found = access.accounts.byUsername(arg);
    if (!found) throw new AccessError(404, `no account ${arg}`);
    const { password } = await admin.updateAccount(access, by, found.account.id, { resetPassword: true, ...(found.account.disabled ? { disabled: false } : {}) });
    print(`new one-time password for ${arg}: ${password}   (its sessions ended; the next login must change it)`);
    return 0;
  }
  if (noun === 'account' && verb === 'list') {
    for (const a of access.accounts.list()) print(`${a.id}\t${a.username}\t${a.role}\t${a.jurisdictionCode}${a.disabled ? '\tdisabled' : ''}`);
    return 0;
  }
  print(USAGE);
  return 2;
}

/** Runs one command against a configuration's data directory; returns the exit code. */
export async function runAdminCli(args: string[], config: Pick<AppConfig, 'dataDir' | 'jurisdictionDir' | 'apiKeys' | 'auditKeyFile'>, print: (line: string) => void): Promise<number> {
  // Said first, every time: changing the wrong directory is the easy mistake.
  print(`data directory: ${config.dataDir}`);
  // Never create one: an empty database here would be one the server does not use.
  if (!existsSync(path.join(config.dataDir, ACCESS_DATABASE_FILE))) {
    print(`no access database (${ACCESS_DATABASE_FILE}) in ${config.dataDir}: set DATA_DIR to the server's data directory, or start the server once to create it`);
    return 2;
  }
  let access: Access;
  try {
    access = openAccess({ db: openAccessDb(config.dataDir), jurisdiction: await loadJurisdiction(config.jurisdictionDir), apiKeys: config.apiKeys, auditKeyFile: config.auditKeyFile });
  } catch (err) {
    if (!(err instanceof AuditStartError)) throw err;
    print(`refused: ${err.message}`);
    return 1;
  }
  try {
    return await run(access, args, print);
  } catch (err) {
    if (err instanceof AccessError) {
      print(`refused: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    access.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { loadConfig } = await import('../config.ts');
  runAdminCli(process.argv.slice(2), loadConfig(process.env), (line) => console.log(line)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`[admin] ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
