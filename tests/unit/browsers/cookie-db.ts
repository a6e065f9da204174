/**
 * Real cookie databases for the tests, made by Python's sqlite3 (not by the code under test) with the
 * browsers' real schemas: Chromium's `cookies` at meta version 24, Firefox's `moz_cookies` at
 * user_version 17 in WAL mode. Rows: thousands over many hosts, with the matching edge cases.
 */
import { execFileSync } from 'node:child_process';

const CHROMIUM_SCHEMA = `
CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
INSERT INTO meta VALUES('mmap_status','-1');
INSERT INTO meta VALUES('version','24');
INSERT INTO meta VALUES('last_compatible_version','24');
CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,priority INTEGER NOT NULL,samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,source_port INTEGER NOT NULL,last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,has_cross_site_ancestor INTEGER NOT NULL);
CREATE UNIQUE INDEX cookies_unique_index ON cookies(host_key, top_frame_site_key, has_cross_site_ancestor, name, path, source_scheme, source_port);
`;

const FIREFOX_SCHEMA = `
PRAGMA journal_mode=WAL;
CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, rawSameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0, CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes));
PRAGMA user_version = 17;
`;

/** Hosts that belong to chatgpt.com / openai.com, and look-alikes that must not. */
export const MATCHING_HOSTS = [
  'chatgpt.com',
  '.chatgpt.com',
  'auth.chatgpt.com',
  '.ab.chatgpt.com',
  'CHATGPT.COM',
  'openai.com',
  '.openai.com',
  'auth.openai.com',
];
export const LOOKALIKE_HOSTS = [
  'notchatgpt.com',
  '.notchatgpt.com',
  'chatgpt.com.evil.test',
  'chatgpt.co',
  'xchatgpt.com',
  'openai.com.au',
  'notopenai.com',
  'chatgpt.community',
];

const SCRIPT = `
import sqlite3, sys, json, random
path, family, count, seed, extra = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), json.loads(sys.argv[5])
rnd = random.Random(seed)
hosts = extra['matching'] + extra['lookalike'] + ['.site%d.example' % i for i in range(400)] + ['www.site%d.test' % i for i in range(200)]
db = sqlite3.connect(path)
db.executescript(extra['schema'])
rows = 0
for i in range(count):
    h = hosts[i % len(hosts)] if i < len(hosts) * 2 else rnd.choice(hosts)
    name = 'c%d' % i
    blob = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 40)))
    if family == 'chromium':
        db.execute('INSERT INTO cookies VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)', (13300000000000000 + i, h, '' if i % 3 else 'https://chatgpt.com', name, '', blob, '/', 13400000000000000, 1, i % 2, 13300000000000001 + i, 1, 1, 1, i % 3 - 1, 2, 443, 13300000000000002 + i, 0, i % 2))
    else:
        oa = ['', '^userContextId=1', '^partitionKey=%28https%2Cchatgpt.com%29', '^privateBrowsingId=1'][i % 4]
        db.execute('INSERT INTO moz_cookies (originAttributes,name,value,host,path,expiry,lastAccessed,creationTime,isSecure,isHttpOnly,sameSite,rawSameSite,schemeMap) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)', (oa, name, blob.hex(), h, '/', 1800000000, 1700000000000000 + i, 1700000000000000 + i, 1, i % 2, i % 3, i % 3, 2))
    rows += 1
db.commit()
db.close()
print(rows)
`;

export function makeCookieDb(path: string, family: 'chromium' | 'firefox', count = 3000, seed = 1): void {
  const extra = JSON.stringify({
    matching: MATCHING_HOSTS,
    lookalike: LOOKALIKE_HOSTS,
    schema: family === 'chromium' ? CHROMIUM_SCHEMA : FIREFOX_SCHEMA,
  });
  execFileSync('python3', ['-c', SCRIPT, path, family, String(count), String(seed), extra]);
}

const DUMP = `
import sqlite3, sys, json
db = sqlite3.connect(sys.argv[1])
table, col = sys.argv[2], sys.argv[3]
ok = db.execute('PRAGMA integrity_check').fetchone()[0]
rows = []
for r in db.execute('SELECT rowid, * FROM "%s" ORDER BY rowid' % table):
    rows.append([x.hex() if isinstance(x, bytes) else x for x in r])
cols = [d[1] for d in db.execute('PRAGMA table_info("%s")' % table)]
print(json.dumps({'integrity': ok, 'columns': cols, 'rows': rows}))
`;

export interface Dump {
  integrity: string;
  columns: string[];
  rows: (string | number | null)[][];
}

/** Every row (blobs in hex), the columns and `integrity_check`, read by Python's sqlite3. */
export function dumpCookies(path: string, family: 'chromium' | 'firefox'): Dump {
  const [table, col] = family === 'chromium' ? ['cookies', 'host_key'] : ['moz_cookies', 'host'];
  return JSON.parse(
    execFileSync('python3', ['-c', DUMP, path, table, col], { maxBuffer: 256 * 1024 * 1024 }).toString(),
  ) as Dump;
}

/** The host column's index in a dump row (after the leading rowid). */
export function hostIndex(dump: Dump, family: 'chromium' | 'firefox'): number {
  return dump.columns.indexOf(family === 'chromium' ? 'host_key' : 'host') + 1;
}
