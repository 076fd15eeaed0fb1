// The Helm charts, linted and rendered by the real helm, and the rendered objects checked for what the edge needs from
// the node and what the cloud needs from its environment (lib/chart-checks.mjs); and the proof that the checks report
// what they are for, on a deliberately broken chart and on broken objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lint, template, requireHelm } from '../lib/helm.mjs';
import { checkEdgeObjects, checkCloudObjects } from '../lib/chart-checks.mjs';
import { knownCloudEnvironment, edgeConfigKeys, propertiesKeys } from '../lib/app-config.mjs';
import { REPO } from '../lib/repo.mjs';

const EDGE = join(REPO, 'deploy', 'helm', 'perimeter-edge');
const CLOUD = join(REPO, 'deploy', 'helm', 'perimeter-cloud');
const VALUES = join(REPO, 'deploy', 'check', 'values');
const BROKEN_EDGE = join(REPO, 'deploy', 'check', 'test', 'fixtures', 'charts', 'broken-edge');
const knownEnv = knownCloudEnvironment(REPO);

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

test('edge chart: a DaemonSet in the host PID namespace with the eBPF capabilities and the node\'s state, tracefs, bpffs and BTF', () => {
  const objects = rendered(EDGE, [join(VALUES, 'edge.yaml')]);
  assert.deepEqual(checkEdgeObjects(objects), []);
  const pod = daemonSet(objects).spec.template.spec;
  assert.equal(pod.hostPID, true);
  assert.deepEqual(pod.containers[0].securityContext.capabilities.add, ['BPF', 'PERFMON', 'SYS_RESOURCE', 'SYS_PTRACE', 'DAC_READ_SEARCH']);
  assert.deepEqual(pod.initContainers[0].securityContext.capabilities, { drop: ['ALL'] }, 'enrolling needs no capability');
  const state = pod.volumes.find((v) => v.name === 'state');
  assert.deepEqual(state.hostPath, { path: '/var/lib/perimeter-edge', type: 'DirectoryOrCreate' });
  assert.equal(pod.volumes.find((v) => v.name === 'enrollment').secret.secretName, 'perimeter-edge-enrollment');
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
  assert.deepEqual(checkCloudObjects(plain, knownEnv), []);
  assert.equal(plain.filter((o) => o.metadata.name.endsWith('keycloak')).length, 0);
  const withKeycloak = rendered(CLOUD, [join(VALUES, 'cloud.yaml'), join(VALUES, 'cloud-with-keycloak.yaml')]);
  assert.deepEqual(checkCloudObjects(withKeycloak, knownEnv), []);
  const realm = JSON.parse(withKeycloak.find((o) => o.kind === 'ConfigMap' && o.data?.['perimeter-realm.json']).data['perimeter-realm.json']);
  assert.deepEqual(realm.clients.map((c) => c.clientId).sort(), ['perimeter-api', 'perimeter-console']);
  assert.deepEqual(realm.users.map((u) => u.username), ['service-account-perimeter-api'], 'the production realm holds no person');
  assert.ok(!JSON.stringify(realm).match(/"secret":\s*"(?!\$\{)/), 'client secrets are placeholders resolved from the environment');
  const ingress = withKeycloak.find((o) => o.kind === 'Ingress');
  assert.deepEqual(ingress.spec.rules.map((r) => r.host), ['perimeter.example.com', 'sso.example.com']);
});

test('a broken edge chart: every defect is reported', () => {
  const findings = checkEdgeObjects(rendered(BROKEN_EDGE, []));
  const expected = [
    /hostPID must be true/,
    /hostNetwork is not needed/,
    /capability PERFMON is not added/,
    /capability SYS_PTRACE is not added/,
    /drop ALL/,
    /SYS_ADMIN is added/,
    /root filesystem must be read-only/,
    /\/var\/lib\/perimeter-edge .* is not a hostPath volume/,
    /nothing is mounted at \/sys\/fs\/bpf/,
    /nothing is mounted at \/sys\/kernel\/btf/,
    /no init container named enroll/,
    /edge\.conf: no cloud key/,
    /mounts spool, which is no volume of the pod/,
    /selector app=broken-edge does not match/,
    /Service broken-edge: selects no pod/,
  ];
  for (const pattern of expected) assert.ok(findings.some((f) => pattern.test(f)), `expected ${pattern} in:\n${findings.join('\n')}`);
});

test('broken cloud objects: an unknown variable, a literal secret, a missing variable and a loopback listener are reported', () => {
  const objects = rendered(CLOUD, [join(VALUES, 'cloud.yaml')]);
  const cloud = objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0];
  cloud.env = cloud.env.filter((e) => e.name !== 'PERIMETER_DB_URL' && e.name !== 'PERIMETER_API_HOST');
  cloud.env.push({ name: 'PERIMETER_REDIS_URL', value: 'redis://x' }, { name: 'PERIMETER_DB_APP_PASSWORD', value: 'literal' });
  cloud.env = cloud.env.filter((e, i, all) => !(e.name === 'PERIMETER_DB_APP_PASSWORD' && e.valueFrom) || all.filter((x) => x.name === e.name).length === 1);
  const findings = checkCloudObjects(objects, knownEnv);
  for (const pattern of [/PERIMETER_REDIS_URL is not a variable the cloud reads/, /PERIMETER_DB_URL is not set/,
    /PERIMETER_DB_APP_PASSWORD must come from a Secret/, /PERIMETER_API_HOST is not set/]) {
    assert.ok(findings.some((f) => pattern.test(f)), `expected ${pattern} in:\n${findings.join('\n')}`);
  }
});
