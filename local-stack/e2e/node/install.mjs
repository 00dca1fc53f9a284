// Installs the Node packages of the e2e tests' foreign peers and clients (one folder each under
// node/, each with its committed lockfile) where they are missing or older than their lockfile, so
// that a fresh clone's `mvn verify` has them. No install scripts: none of these packages needs one.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
for (const entry of readdirSync(here, { withFileTypes: true })) {
  const dir = join(here, entry.name);
  const lockfile = join(dir, 'package-lock.json');
  if (!entry.isDirectory() || !existsSync(lockfile)) continue;
  // npm writes node_modules/.package-lock.json at every install: its age tells whether the install is current.
  const installed = join(dir, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs) continue;
  console.log(`npm ci in node/${entry.name}`);
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
}
