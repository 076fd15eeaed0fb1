// The edge chart's containers as a container runtime starts them (root, every capability but the ones the chart adds,
// no new privileges), running the package's real perimeter-edge command from edge-package and the chart's real enroll
// script, on this kernel: the command must become the package's user with the capture capabilities only, and the
// enroll script must give it the state directory and a token file it can read. The Java runtime is a stand-in that
// records who runs it with which capabilities (the edge itself is tested by edge-package's EdgePackageIT). The
// package's user is added to /etc/passwd and /etc/group inside a private mount namespace only. Needs root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, existsSync, writeFileSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { template } from '../lib/helm.mjs';
import { edgePackage } from '../lib/edge-package.mjs';
import { REPO } from '../lib/repo.mjs';

const EDGE = join(REPO, 'deploy', 'helm', 'perimeter-edge');
const VALUES = join(REPO, 'deploy', 'check', 'values', 'edge.yaml');
const WRAPPER = join(REPO, 'edge-package', 'src', 'main', 'package', 'bin', 'perimeter-edge');
const pkg = edgePackage(REPO);
const UID = 64990;
const TOKEN = 'enr.7d1e0c1a-0000-4000-8000-000000000000.secret';
// Linux capability numbers, as /proc/<pid>/status shows them.
const CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP',
  'LINUX_IMMUTABLE', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE',
  'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME',
  'SYS_TTY_CONFIG', 'MKNOD', 'LEASE', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG',
  'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ', 'PERFMON', 'BPF', 'CHECKPOINT_RESTORE'];
const names = (hex) => CAPABILITIES.filter((_, bit) => (BigInt(`0x${hex}`) >> BigInt(bit)) & 1n).sort();

function requireRoot() {
  if (process.getuid() !== 0) {
    throw new Error('this check runs the chart\'s containers\' privileges for real: run scripts/check-deploy as root');
  }
}

/** A container's file system as far as the edge needs it: the package's command, a stand-in runtime, the pod's mounts. */
function scratch(t) {
  const dir = mkdtempSync(join(tmpdir(), 'perimeter-privileges-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  chmodSync(dir, 0o755);
  const home = join(dir, pkg.home);
  mkdirSync(join(home, 'bin'), { recursive: true });
  mkdirSync(join(home, 'runtime', 'bin'), { recursive: true });
  copyFileSync(WRAPPER, join(home, 'bin', 'perimeter-edge'));
  chmodSync(join(home, 'bin', 'perimeter-edge'), 0o755);
  // The runtime: records the user and capabilities it runs with; enroll reads the token file and writes the state.
  writeFileSync(join(home, 'runtime', 'bin', 'java'), `#!/bin/sh
while [ $# -gt 0 ] && [ "$1" != io.perimeter.analyzer.cli.EdgeMain ]; do shift; done
shift; command="$1"; shift
while [ $# -gt 0 ]; do [ "$1" = --token-file ] && token_file="$2"; shift; done
{ echo "user=$(id -un)"; grep -E '^Cap(Amb|Eff|Bnd)' /proc/$$/status; } > "$REPORT/$command"
if [ "$command" = enroll ]; then
  cat "$token_file" > "$REPORT/token" || exit 2
  echo "edgeId=e-1" > "$STATE/edge.properties" || exit 2
fi
`);
  chmodSync(join(home, 'runtime', 'bin', 'java'), 0o755);
  mkdirSync(join(dir, 'bin'));
  spawnSync('ln', ['-s', join(home, 'bin', 'perimeter-edge'), join(dir, 'bin', 'perimeter-edge')]);
  const etc = join(dir, 'etc');
  mkdirSync(etc);
  writeFileSync(join(etc, 'passwd'), `${readFileSync('/etc/passwd', 'utf8')}${pkg.user}:x:${UID}:${UID}::/nonexistent:/usr/sbin/nologin\n`);
  writeFileSync(join(etc, 'group'), `${readFileSync('/etc/group', 'utf8')}${pkg.user}:x:${UID}:\n`);
  for (const d of ['report', 'run', 'secret']) mkdirSync(join(dir, d), { mode: 0o777 });
  chmodSync(join(dir, 'report'), 0o777);
  chmodSync(join(dir, 'run'), 0o777);
  chmodSync(join(dir, 'secret'), 0o755);
  // As kubelet makes a hostPath of type DirectoryOrCreate: root's, 0755.
  mkdirSync(join(dir, 'state'), { mode: 0o755 });
  return dir;
}

/**
 * Runs a shell command as a container runtime would start the container: uid 0, the bounding (and so permitted) set
 * made of the added capabilities only, no inheritable ones, no new privileges; with the package's user known.
 */
function inContainer(dir, capabilities, script, env = {}) {
  const bounding = ['-all', ...capabilities.map((c) => `+${c.toLowerCase()}`)].join(',');
  const inner = `mount --bind ${dir}/etc/passwd /etc/passwd && mount --bind ${dir}/etc/group /etc/group && ` +
    `exec setpriv --bounding-set=${bounding} --inh-caps=-all --no-new-privs -- /bin/sh -ec "$0"`;
  const result = spawnSync('unshare', ['--mount', '--propagation', 'private', '/bin/sh', '-ec', inner, script], {
    encoding: 'utf8',
    env: { PATH: `${dir}/bin:/usr/sbin:/usr/bin:/sbin:/bin`, REPORT: join(dir, 'report'), STATE: join(dir, 'state'), ...env },
  });
  if (result.error) throw result.error;
  return result;
}

function report(dir, command) {
  const text = readFileSync(join(dir, 'report', command), 'utf8');
  const field = (name) => text.match(new RegExp(`^${name}:\\s*(\\S+)`, 'm'))[1];
  return { user: text.match(/^user=(\S+)/m)[1], ambient: names(field('CapAmb')), effective: names(field('CapEff')), bounding: names(field('CapBnd')) };
}

const podOf = (extra = []) => {
  const result = template(EDGE, [VALUES], extra);
  assert.ok(result.ok, result.error);
  return result.objects.find((o) => o.kind === 'DaemonSet').spec.template.spec;
};

// The enroll script as the chart renders it, with the pod's mounts pointing into the scratch directory.
const enrollScript = (pod, dir) => pod.initContainers[0].args[0]
  .replaceAll(pkg.stateDir, join(dir, 'state'))
  .replaceAll('/etc/perimeter-edge/enrollment', join(dir, 'secret'))
  .replaceAll('/run/perimeter-edge', join(dir, 'run'));

for (const [profile, extra, expected] of [
  ["the package unit's five", [], pkg.capabilities],
  ["edge.noTls: the plain-HTTP profile's three", ['--set', 'edge.noTls=true'], pkg.plainHttpCapabilities],
]) {
  test(`edge container (${profile}): the package's command becomes ${pkg.user} with the capture capabilities only`, (t) => {
    requireRoot();
    const dir = scratch(t);
    const edge = podOf(extra).containers[0];
    const command = [...edge.command, ...edge.args].map((a) => `'${a}'`).join(' ');
    const result = inContainer(dir, edge.securityContext.capabilities.add, command);
    assert.equal(result.status, 0, `${command}: ${result.stderr}`);
    const seen = report(dir, 'run');
    assert.equal(seen.user, pkg.user);
    assert.deepEqual(seen.ambient, [...expected].sort(), 'the edge holds the capture capabilities as ambient ones');
    assert.deepEqual(seen.effective, [...expected].sort(), 'and nothing else (no SETUID, SETGID or SETPCAP)');
    assert.deepEqual(seen.bounding, [...expected].sort(), 'nor can it gain anything else, as with the unit\'s CapabilityBoundingSet');
  });
}

test('edge container without SETUID and SETGID: the package\'s command cannot become its user, and says so', (t) => {
  requireRoot();
  const dir = scratch(t);
  const edge = podOf().containers[0];
  const without = edge.securityContext.capabilities.add.filter((c) => c !== 'SETUID' && c !== 'SETGID');
  const result = inContainer(dir, without, 'perimeter-edge run');
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /setpriv: .*Operation not permitted/);
  assert.equal(existsSync(join(dir, 'report', 'run')), false, 'the edge did not start as root instead');
});

test('enroll container: gives the state to the package\'s user, which enrolls with a token file it can read, once', (t) => {
  requireRoot();
  const dir = scratch(t);
  const init = podOf().initContainers[0];
  writeFileSync(join(dir, 'secret', 'node-1'), `${TOKEN}\n`, { mode: 0o400 });
  const script = enrollScript(podOf(), dir);
  const first = inContainer(dir, init.securityContext.capabilities.add, script, { NODE_NAME: 'node-1' });
  assert.equal(first.status, 0, first.stderr);
  const seen = report(dir, 'enroll');
  assert.equal(seen.user, pkg.user);
  assert.deepEqual(seen.effective, [], 'enrolling holds no capability');
  assert.equal(readFileSync(join(dir, 'report', 'token'), 'utf8').trim(), TOKEN);
  const state = statSync(join(dir, 'state'));
  assert.equal(state.uid, UID, `the state directory is ${pkg.user}'s`);
  assert.equal(state.mode & 0o777, 0o700);
  assert.equal(statSync(join(dir, 'state', 'edge.properties')).uid, UID);
  assert.equal(existsSync(join(dir, 'run', 'enrollment-token')), false, 'the token\'s copy is removed once spent');

  rmSync(join(dir, 'report', 'enroll'));
  const again = inContainer(dir, init.securityContext.capabilities.add, script, { NODE_NAME: 'node-1' });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /node node-1 is enrolled already/);
  assert.equal(existsSync(join(dir, 'report', 'enroll')), false, 'an enrolled node does not enroll again');
});

test('enroll container: a state left to another uid is given back whole; a node without a token fails naming its key', (t) => {
  requireRoot();
  const dir = scratch(t);
  const init = podOf().initContainers[0];
  chownSync(join(dir, 'state'), 4242, 4242);
  chmodSync(join(dir, 'state'), 0o700);
  writeFileSync(join(dir, 'state', 'edge.key'), 'key', { mode: 0o600 });
  chownSync(join(dir, 'state', 'edge.key'), 4242, 4242);
  const result = inContainer(dir, init.securityContext.capabilities.add, enrollScript(podOf(), dir), { NODE_NAME: 'node-2' });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /node node-2 is not enrolled and no enrollment token is given for it: add the key node-2/);
  assert.equal(statSync(join(dir, 'state')).uid, UID);
  assert.equal(statSync(join(dir, 'state', 'edge.key')).uid, UID);
  assert.equal(statSync(join(dir, 'state', 'edge.key')).mode & 0o777, 0o600, 'files keep their modes');
});
