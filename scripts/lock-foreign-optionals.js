#!/usr/bin/env node
/**
 * The npm registry reachable from our machines serves only the linux builds of packages that ship
 * native binaries per platform (@swc/core-*, @msgpackr-extract/*). `npm install` then leaves the other
 * platforms' optional packages out of package-lock.json and `npm ci` refuses the lock file. This adds
 * those optional entries back with their os/cpu, so `npm ci` skips them on linux as it would anyway.
 * Run after `npm install` changes the lock file: `node scripts/lock-foreign-optionals.js`.
 */
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const platforms = [
  [/darwin-arm64/, 'darwin', 'arm64'],
  [/darwin-x64/, 'darwin', 'x64'],
  [/win32-arm64/, 'win32', 'arm64'],
  [/win32-ia32/, 'win32', 'ia32'],
  [/win32-x64/, 'win32', 'x64'],
  [/linux-arm64/, 'linux', 'arm64'],
  [/linux-arm(-|$)/, 'linux', 'arm'],
  [/linux-ppc64/, 'linux', 'ppc64'],
  [/linux-s390x/, 'linux', 's390x'],
  [/linux-x64/, 'linux', 'x64'],
  [/freebsd-x64/, 'freebsd', 'x64'],
];

let added = 0;
for (const [location, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const platform = platforms.find(([pattern]) => pattern.test(name));
    if (!platform) {
      console.error(`no platform known for optional dependency ${name}; left as is`);
      continue;
    }
    lock.packages[hoisted] = { version, cpu: [platform[2]], optional: true, os: [platform[1]] };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional entries for other platforms`);
