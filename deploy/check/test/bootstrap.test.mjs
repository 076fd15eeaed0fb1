// The edge module's first-boot script (terraform/modules/edge/files/perimeter-edge-bootstrap.sh), run for real by
// dash with real curl, sha256sum and tar on packages made here, in a scratch directory. apt-get, systemctl and
// perimeter-edge are stand-ins that record their arguments (the package is built elsewhere and no VM boots here): the
// tests check the script's own decisions, namely what it refuses, when it spends the token and what it starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../lib/repo.mjs';

const SCRIPT = join(REPO, 'terraform', 'modules', 'edge', 'files', 'perimeter-edge-bootstrap.sh');
const TOKEN = 'enr.2f8e0c1a-0000-4000-8000-000000000000.secret';

function scratch(t) {
  const dir = mkdtempSync(join(tmpdir(), 'perimeter-bootstrap-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  mkdirSync(join(dir, 'state'));
  const log = join(dir, 'calls.log');
  const stand = (name, body) => {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  // The edge program the package installs: enroll reads the token from --token-file as the package's user (the real
  // command, started by root, becomes that user first), writes the state the real one writes, or fails as told.
  // It logs each argument in brackets, so that the test sees where one ends, and who read which token.
  const readAs = process.getuid() === 0
    ? 'setpriv --reuid="$PERIMETER_EDGE_USER" --regid="$(id -g "$PERIMETER_EDGE_USER")" --clear-groups cat "$token_file"'
    : 'cat "$token_file"';
  const edgeProgram = `#!/bin/sh\n{ printf 'perimeter-edge'; printf ' [%s]' "$@"; echo; } >> "${log}"\n` +
    `[ "$1" = enroll ] || exit 0\nwhile [ $# -gt 0 ]; do [ "$1" = --token-file ] && token_file="$2"; shift; done\n` +
    `token="$(${readAs})" || { echo "perimeter-edge enroll: cannot read the token file $token_file" >&2; exit 2; }\n` +
    `echo "read by $PERIMETER_EDGE_USER: $token" > "${dir}/token-read"\n` +
    `[ -z "$ENROLL_FAILS" ] || { echo "the cloud refused the enrollment token" >&2; exit 1; }\n` +
    `echo "edgeId=e-1" > "$PERIMETER_EDGE_STATE/edge.properties"\n`;
  writeFileSync(join(dir, 'perimeter-edge'), edgeProgram);
  chmodSync(join(dir, 'perimeter-edge'), 0o755);
  // apt-get "installs" a .deb or the package by putting the edge program on the PATH.
  stand('apt-get', `case "$*" in *install*perimeter-edge*) cp "${dir}/perimeter-edge" "${bin}/perimeter-edge" ;; esac`);
  stand('systemctl', '');
  // As cloud-init writes it: root's, 0600, in a directory others may traverse (/run/perimeter-edge).
  const tokenFile = join(dir, 'enrollment-token');
  writeFileSync(tokenFile, TOKEN, { mode: 0o600 });
  chmodSync(dir, 0o755);
  // Root runs the bootstrap on a VM: the package's user is then another one (nobody stands in for it here).
  const user = process.getuid() === 0 ? 'nobody' : userInfo().username;
  const run = (args, env = {}) => spawnSync('dash', [SCRIPT, ...args, '--token-file', tokenFile], {
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin:/usr/sbin:/sbin`, PERIMETER_EDGE_STATE: join(dir, 'state'), PERIMETER_EDGE_CONFIG: join(dir, 'edge.conf'),
      PERIMETER_EDGE_USER: user, ...env },
  });
  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  const tokenRead = () => readFileSync(join(dir, 'token-read'), 'utf8').trim();
  return { dir, bin, tokenFile, user, run, calls, tokenRead };
}

function debPackage(dir) {
  const file = join(dir, 'perimeter-edge_0.1.0_amd64.deb');
  writeFileSync(file, 'a package made by the test\n');
  return { url: `file://${file}`, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
}

test('deb: downloads, checks the digest, installs, enrolls with the token once, removes it, starts the service', (t) => {
  const s = scratch(t);
  const deb = debPackage(s.dir);
  const result = s.run(['--method', 'deb', '--url', deb.url, '--sha256', deb.sha256, '--hostname', 'edge one']);
  assert.equal(result.status, 0, result.stderr);
  const calls = s.calls();
  assert.ok(calls.includes('apt-get install -y -q /tmp/perimeter-edge.deb'), calls.join('\n'));
  assert.deepEqual(calls.filter((c) => c.startsWith('perimeter-edge')),
    [`perimeter-edge [enroll] [--config] [${join(s.dir, 'edge.conf')}] [--hostname] [edge one] [--token-file] [${s.tokenFile}]`],
    'the token is given as a file, never on the command line');
  assert.equal(s.tokenRead(), `read by ${s.user}: ${TOKEN}`, 'the package\'s user, which enrolls, can read the token file');
  assert.equal(calls.at(-1), 'systemctl enable --now perimeter-edge.service');
  assert.equal(existsSync(s.tokenFile), false, 'the spent token is removed');
  assert.ok(!result.stdout.includes(TOKEN) && !result.stderr.includes(TOKEN), 'the token is never printed');
});

test('deb: a download whose digest differs is refused before anything is installed or the token spent', (t) => {
  const s = scratch(t);
  const deb = debPackage(s.dir);
  const result = s.run(['--method', 'deb', '--url', deb.url, '--sha256', 'f'.repeat(64)]);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /does not have the expected sha256/);
  assert.ok(!s.calls().some((c) => c.includes('perimeter-edge.deb') || c.startsWith('perimeter-edge') || c.startsWith('systemctl')), s.calls().join('\n'));
  assert.equal(readFileSync(s.tokenFile, 'utf8'), TOKEN, 'the token is kept for a retry');
});

test('a refused enrollment: the token is removed all the same, the service is not started, the exit status says so', (t) => {
  const s = scratch(t);
  const deb = debPackage(s.dir);
  const result = s.run(['--method', 'deb', '--url', deb.url, '--sha256', deb.sha256], { ENROLL_FAILS: '1' });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /refused the enrollment token/);
  assert.equal(s.tokenRead(), `read by ${s.user}: ${TOKEN}`);
  assert.equal(existsSync(s.tokenFile), false);
  assert.ok(!s.calls().some((c) => c.startsWith('systemctl')));
});

test('a second boot: installed and enrolled already, it neither installs nor enrolls, and starts the service', (t) => {
  const s = scratch(t);
  execFileSync('cp', [join(s.dir, 'perimeter-edge'), join(s.bin, 'perimeter-edge')]);
  writeFileSync(join(s.dir, 'state', 'edge.properties'), 'edgeId=e-1\n');
  const result = s.run(['--method', 'apt']);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(s.calls(), ['systemctl enable --now perimeter-edge.service']);
  assert.match(result.stdout, /installed already[\s\S]*enrolled already/);
});

test('tarball: unpacks the air-gapped tarball after the digest check and runs its install.sh', (t) => {
  const s = scratch(t);
  const root = join(s.dir, 'tar', 'perimeter-edge-0.1.0-linux-amd64');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'install.sh'), `#!/bin/sh\necho "install.sh $*" >> "${join(s.dir, 'calls.log')}"\ncp "${join(s.dir, 'perimeter-edge')}" "${join(s.bin, 'perimeter-edge')}"\n`);
  chmodSync(join(root, 'install.sh'), 0o755);
  const tarball = join(s.dir, 'perimeter-edge-0.1.0-linux-amd64.tar.gz');
  execFileSync('tar', ['-czf', tarball, '-C', join(s.dir, 'tar'), 'perimeter-edge-0.1.0-linux-amd64']);
  const sha256 = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  const result = s.run(['--method', 'tarball', '--url', `file://${tarball}`, '--sha256', sha256]);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(s.calls().map((c) => c.split(' ')[0]), ['install.sh', 'perimeter-edge', 'systemctl']);
});

test('an unknown method or option is refused', (t) => {
  const s = scratch(t);
  assert.equal(s.run(['--method', 'snap']).status, 2);
  assert.match(s.run(['--colour', 'red']).stderr, /unknown option --colour/);
});
