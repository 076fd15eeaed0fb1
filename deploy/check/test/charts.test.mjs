// The Helm charts, linted and rendered by the real helm, and the rendered objects checked for what the edge needs from
// the node and what the cloud needs from its environment (lib/chart-checks.mjs); and the proof that the checks report
// what they are for, on a deliberately broken chart and on broken objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { lint, template, requireHelm } from '../lib/helm.mjs';
import { checkEdgeObjects, checkCloudObjects } from '../lib/chart-checks.mjs';
import { knownCloudEnvironment, edgeConfigKeys, propertiesKeys, cloudProbes } from '../lib/app-config.mjs';
import { edgePackage } from '../lib/edge-package.mjs';
import { REPO } from '../lib/repo.mjs';

const EDGE = join(REPO, 'deploy', 'helm', 'perimeter-edge');
const CLOUD = join(REPO, 'deploy', 'helm', 'perimeter-cloud');
const VALUES = join(REPO, 'deploy', 'check', 'values');
const BROKEN_EDGE = join(REPO, 'deploy', 'check', 'test', 'fixtures', 'charts', 'broken-edge');
const knownEnv = knownCloudEnvironment(REPO);
const probes = cloudProbes(REPO);
const pkg = edgePackage(REPO);

const rendered = (chart, values, extra = []) => {
  const result = template(chart, values, extra);
  assert.ok(result.ok, result.error);
  return result.objects;
};
const daemonSet = (objects) => objects.find((o) => o.kind === 'DaemonSet');

test('helm is the real binary', () => {
  requireHelm();
  assert.ok(lint(EDGE, [join(VALUES, 'edge.yaml')]).output.includes('1 chart(s) linted'));
});

test('helm lint --strict passes both charts', () => {
  for (const [chart, values] of [[EDGE, ['edge.yaml']], [CLOUD, ['cloud.yaml']], [CLOUD, ['cloud.yaml', 'cloud-with-keycloak.yaml']]]) {
    const result = lint(chart, values.map((v) => join(VALUES, v)));
    assert.ok(result.ok, result.output);
  }
});

test('edge chart: a DaemonSet in the host PID namespace with the package unit\'s capabilities and the node\'s state, tracefs and BTF', () => {
  const objects = rendered(EDGE, [join(VALUES, 'edge.yaml')]);
  assert.deepEqual(checkEdgeObjects(objects, pkg), []);
  const pod = daemonSet(objects).spec.template.spec;
  assert.equal(pod.hostPID, true);
  // The unit's five, read from edge-package's perimeter-edge.service, then what setpriv needs to become the user.
  assert.deepEqual(pkg.capabilities, ['BPF', 'PERFMON', 'DAC_READ_SEARCH', 'SYS_PTRACE', 'SYS_ADMIN']);
  assert.deepEqual(pod.containers[0].securityContext.capabilities.add, [...pkg.capabilities, 'SETUID', 'SETGID', 'SETPCAP']);
  assert.deepEqual(pod.initContainers[0].securityContext.capabilities,
    { drop: ['ALL'], add: ['CHOWN', 'FOWNER', 'DAC_READ_SEARCH', 'SETUID', 'SETGID', 'SETPCAP'] },
    'enrolling needs only to give the state to the user and to become it');
  const state = pod.volumes.find((v) => v.name === 'state');
  assert.deepEqual(state.hostPath, { path: pkg.stateDir, type: 'DirectoryOrCreate' });
  assert.equal(pod.volumes.find((v) => v.name === 'enrollment').secret.secretName, 'perimeter-edge-enrollment');
  assert.deepEqual(pod.volumes.find((v) => v.name === 'enrollment-token').emptyDir.medium, 'Memory', 'the token copy stays in memory');
  assert.match(pod.initContainers[0].args[0], /perimeter-edge enroll --config \/etc\/perimeter-edge\/edge\.conf --hostname "\$NODE_NAME" --token-file "\$token"/);
  for (const c of [...pod.initContainers, ...pod.containers]) {
    assert.deepEqual(c.env.filter((e) => /JAVA/.test(e.name)).map((e) => e.name), ['PERIMETER_EDGE_JAVA_OPTS']);
  }
});

test('edge chart: edge.noTls gives the plain-HTTP profile\'s three capabilities; a list given replaces them', () => {
  const plain = daemonSet(rendered(EDGE, [join(VALUES, 'edge.yaml')], ['--set', 'edge.noTls=true']));
  assert.deepEqual(pkg.plainHttpCapabilities, ['BPF', 'PERFMON', 'DAC_READ_SEARCH']);
  assert.deepEqual(plain.spec.template.spec.containers[0].securityContext.capabilities.add, [...pkg.plainHttpCapabilities, 'SETUID', 'SETGID', 'SETPCAP']);
  const objects = rendered(EDGE, [join(VALUES, 'edge.yaml')], ['--set', 'edge.noTls=true']);
  assert.deepEqual(checkEdgeObjects(objects, pkg), []);
  const given = rendered(EDGE, [join(VALUES, 'edge.yaml')], ['--set', 'securityContext.capabilities={BPF,PERFMON,SYS_RESOURCE}']);
  assert.deepEqual(daemonSet(given).spec.template.spec.containers[0].securityContext.capabilities.add, ['BPF', 'PERFMON', 'SYS_RESOURCE', 'SETUID', 'SETGID', 'SETPCAP']);
  const findings = checkEdgeObjects(given, pkg);
  for (const pattern of [/capability DAC_READ_SEARCH is not added \(the package's unit grants it\)/, /capability SYS_ADMIN is not added/,
    /capability SYS_RESOURCE is added, which the package's unit does not need/]) {
    assert.ok(findings.some((f) => pattern.test(f)), `expected ${pattern} in:\n${findings.join('\n')}`);
  }
});

test('edge image: installs the package\'s .deb and runs the package\'s command, the one the chart starts', () => {
  const dockerfile = readFileSync(join(REPO, 'deploy', 'images', 'edge', 'Dockerfile'), 'utf8');
  assert.match(dockerfile, /apt-get install [^\n]*\/tmp\/perimeter-edge_\*_amd64\.deb/);
  assert.equal(JSON.parse(dockerfile.match(/^ENTRYPOINT (.+)$/m)[1])[0], pkg.command);
  assert.deepEqual(JSON.parse(dockerfile.match(/^CMD (.+)$/m)[1]), ['run', '--config', pkg.configFile]);
  assert.doesNotMatch(dockerfile, /^USER /m, 'root starts the command, which becomes its user itself');
});

test('edge chart: edge.conf holds only keys perimeter-edge accepts, with the values given', () => {
  const conf = rendered(EDGE, [join(VALUES, 'edge.yaml')]).find((o) => o.kind === 'ConfigMap').data['edge.conf'];
  const accepted = edgeConfigKeys(REPO);
  for (const key of propertiesKeys(conf)) assert.ok(accepted.has(key), `edge.conf key ${key} is no option of perimeter-edge run/enroll`);
  assert.match(conf, /^cloud = https:\/\/perimeter\.example\.com$/m);
  assert.match(conf, /^port = 443,8443$/m);
  assert.match(conf, /^internal-domain = corp\.example\.com$/m);
});

test('edge chart: privileged mode replaces the capabilities; a kernel older than Kubernetes 1.30 gets the AppArmor annotation', () => {
  const privileged = daemonSet(rendered(EDGE, [join(VALUES, 'edge.yaml')], ['--set', 'securityContext.privileged=true']));
  const sc = privileged.spec.template.spec.containers[0].securityContext;
  assert.equal(sc.privileged, true);
  assert.equal(sc.capabilities, undefined);
  const old = daemonSet(rendered(EDGE, [join(VALUES, 'edge.yaml')], ['--kube-version', '1.28.0']));
  assert.equal(old.spec.template.metadata.annotations['container.apparmor.security.beta.kubernetes.io/edge'], 'unconfined');
  assert.equal(old.spec.template.spec.containers[0].securityContext.appArmorProfile, undefined);
});

test('edge chart: missing or invalid values are refused with a message naming them', () => {
  const noCloud = template(EDGE, [join(VALUES, 'edge.yaml')], ['--set', 'cloud.url=']);
  assert.equal(noCloud.ok, false);
  assert.match(noCloud.error, /cloud\.url is required/);
  const ftp = template(EDGE, [join(VALUES, 'edge.yaml')], ['--set', 'cloud.url=ftp://x']);
  assert.match(ftp.error, /cloud\/url/);
  const noImage = template(EDGE, [join(VALUES, 'edge.yaml')], ['--set', 'image.repository=']);
  assert.match(noImage.error, /image\.repository is required/);
});

test('cloud chart: environment the cloud reads, secrets from the Secret, with and without Keycloak in the release', () => {
  const plain = rendered(CLOUD, [join(VALUES, 'cloud.yaml')]);
  assert.deepEqual(checkCloudObjects(plain, knownEnv, probes), []);
  assert.equal(plain.filter((o) => o.metadata.name.endsWith('keycloak')).length, 0);
  const withKeycloak = rendered(CLOUD, [join(VALUES, 'cloud.yaml'), join(VALUES, 'cloud-with-keycloak.yaml')]);
  assert.deepEqual(checkCloudObjects(withKeycloak, knownEnv, probes), []);
  const realm = JSON.parse(withKeycloak.find((o) => o.kind === 'ConfigMap' && o.data?.['perimeter-realm.json']).data['perimeter-realm.json']);
  assert.deepEqual(realm.clients.map((c) => c.clientId).sort(), ['perimeter-api', 'perimeter-console']);
  assert.deepEqual(realm.users.map((u) => u.username), ['service-account-perimeter-api'], 'the production realm holds no person');
  assert.ok(!JSON.stringify(realm).match(/"secret":\s*"(?!\$\{)/), 'client secrets are placeholders resolved from the environment');
  const ingress = withKeycloak.find((o) => o.kind === 'Ingress');
  assert.deepEqual(ingress.spec.rules.map((r) => r.host), ['perimeter.example.com', 'sso.example.com']);
});

test('a broken edge chart: every defect is reported', () => {
  const findings = checkEdgeObjects(rendered(BROKEN_EDGE, []), pkg);
  const expected = [
    /hostPID must be true/,
    /hostNetwork is not needed/,
    /capability PERFMON is not added/,
    /capability SYS_PTRACE is not added/,
    /drop ALL/,
    /capability SYS_RESOURCE is added, which the package's unit does not need/,
    /edge container: capability SETUID is not added; the package's command started by root becomes perimeter-edge/,
    /edge container: sets JAVA_TOOL_OPTIONS; the package's command takes JVM options from PERIMETER_EDGE_JAVA_OPTS/,
    /root filesystem must be read-only/,
    /\/var\/lib\/perimeter-edge .* is not a hostPath volume/,
    /nothing is mounted at \/sys\/kernel\/btf/,
    /nothing is mounted at \/etc\/perimeter-edge\/edge\.conf/,
    /enroll init container: does not give the token with --token-file/,
    /enroll init container: passes the token on the command line/,
    /enroll init container: does not give the state directory to the perimeter-edge user/,
    /enroll init container: runs as uid 999; Kubernetes gives a non-root process no ambient capability/,
    /edge\.conf: state = \/var\/lib\/perimeter, but the package's state directory is \/var\/lib\/perimeter-edge/,
    /edge\.conf: no cloud key/,
    /mounts spool, which is no volume of the pod/,
    /selector app=broken-edge does not match/,
    /Service broken-edge: selects no pod/,
  ];
  for (const pattern of expected) assert.ok(findings.some((f) => pattern.test(f)), `expected ${pattern} in:\n${findings.join('\n')}`);
});

test('cloud chart: the probes ask the paths the cloud serves, read from its configuration, and a moved endpoint is caught', () => {
  assert.deepEqual(probes, { liveness: '/health/liveness', readiness: '/health/readiness', checkTimeoutMs: 3000 });
  // HealthIT proves these paths against the running cloud (ready, 503 without the database, live throughout).
  const it = readFileSync(join(REPO, 'cloud-console', 'src', 'test', 'java', 'io', 'perimeter', 'console', 'health', 'HealthIT.java'), 'utf8');
  assert.equal(it.match(/LIVENESS = "([^"]+)"/)[1], probes.liveness);
  assert.equal(it.match(/READINESS = "([^"]+)"/)[1], probes.readiness);
  const cloud = rendered(CLOUD, [join(VALUES, 'cloud.yaml')]).find((o) => o.kind === 'Deployment').spec.template.spec.containers[0];
  assert.equal(cloud.readinessProbe.httpGet.path, '/health/readiness');
  assert.equal(cloud.livenessProbe.httpGet.path, '/health/liveness');
  assert.equal(cloud.startupProbe.httpGet.path, '/health/liveness');

  const repo = mkdtempSync(join(tmpdir(), 'perimeter-probes-'));
  try {
    const copy = (file, edit) => {
      mkdirSync(dirname(join(repo, file)), { recursive: true });
      writeFileSync(join(repo, file), edit(readFileSync(join(REPO, file), 'utf8')));
    };
    const api = 'cloud-api/src/main/resources/application.yml';
    copy('cloud-console/src/main/resources/application-console.yml', (t) => t);
    copy(api, (t) => t.replace(/^endpoints:\n  all:\n/m, 'endpoints:\n  all:\n    path: /management\n'));
    const moved = cloudProbes(repo);
    assert.deepEqual([moved.liveness, moved.readiness], ['/management/health/liveness', '/management/health/readiness']);
    const findings = checkCloudObjects(rendered(CLOUD, [join(VALUES, 'cloud.yaml')]), knownEnv, moved);
    assert.ok(findings.some((f) => /readinessProbe asks \/health\/readiness, but the cloud answers it at \/management\/health\/readiness/.test(f)), findings.join('\n'));
    copy(api, (t) => t.replace(/^(endpoints:\n[\s\S]*?  health:\n    enabled: )true/m, '$1false'));
    assert.throws(() => cloudProbes(repo), /endpoints\.health is not enabled/);
    copy(api, (t) => t.replace(/check-timeout: \$\{PERIMETER_HEALTH_CHECK_TIMEOUT:3s\}/, 'check-timeout: 8s'));
    const slow = checkCloudObjects(rendered(CLOUD, [join(VALUES, 'cloud.yaml')]), knownEnv, cloudProbes(repo));
    assert.ok(slow.some((f) => /readinessProbe times out after 5000 ms, before the readiness checks' own 8000 ms/.test(f)), slow.join('\n'));
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

test('broken cloud objects: an unknown variable, a literal secret, a missing variable, a loopback listener and wrong probes are reported', () => {
  const objects = rendered(CLOUD, [join(VALUES, 'cloud.yaml')]);
  const cloud = objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0];
  cloud.env = cloud.env.filter((e) => e.name !== 'PERIMETER_DB_URL' && e.name !== 'PERIMETER_API_HOST');
  cloud.env.push({ name: 'PERIMETER_REDIS_URL', value: 'redis://x' }, { name: 'PERIMETER_DB_APP_PASSWORD', value: 'literal' });
  cloud.env = cloud.env.filter((e, i, all) => !(e.name === 'PERIMETER_DB_APP_PASSWORD' && e.valueFrom) || all.filter((x) => x.name === e.name).length === 1);
  cloud.readinessProbe = { tcpSocket: { port: 'http' } };
  cloud.livenessProbe = { httpGet: { path: probes.readiness, port: 'http' } };
  cloud.startupProbe = { httpGet: { path: '/healthz', port: 9090 }, timeoutSeconds: 5 };
  const findings = checkCloudObjects(objects, knownEnv, probes);
  for (const pattern of [/PERIMETER_REDIS_URL is not a variable the cloud reads/, /PERIMETER_DB_URL is not set/,
    /PERIMETER_DB_APP_PASSWORD must come from a Secret/, /PERIMETER_API_HOST is not set/,
    /readinessProbe is not an httpGet on \/health\/readiness/,
    /livenessProbe asks \/health\/readiness, but the cloud answers it at \/health\/liveness/,
    /startupProbe asks \/healthz, but the cloud answers it at \/health\/liveness/,
    /startupProbe asks port 9090, but the cloud listens on 8080/]) {
    assert.ok(findings.some((f) => pattern.test(f)), `expected ${pattern} in:\n${findings.join('\n')}`);
  }
});
