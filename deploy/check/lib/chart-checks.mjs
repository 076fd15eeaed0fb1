// Checks of rendered charts: what the edge needs from the node and the kernel, what the cloud needs from its
// environment, and that every object holds together (mounts name volumes, Services select pods).

const EDGE_CAPABILITIES = ['BPF', 'PERFMON', 'SYS_PTRACE', 'DAC_READ_SEARCH'];
const EDGE_HOST_PATHS = {
  '/var/lib/perimeter-edge': 'the state directory (identity, credential, spool)',
  '/sys/kernel/tracing': 'tracefs',
  '/sys/fs/bpf': 'bpffs',
  '/sys/kernel/btf': "the kernel's BTF",
};

const byKind = (objects, kind) => objects.filter((o) => o?.kind === kind);
const podSpecOf = (o) => (o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec);

/** The perimeter-edge chart's DaemonSet. */
export function checkEdgeObjects(objects) {
  const findings = [];
  const report = (m) => findings.push(m);
  const daemonSets = byKind(objects, 'DaemonSet');
  if (daemonSets.length !== 1) {
    report(`expected one DaemonSet, found ${daemonSets.length}`);
    return findings;
  }
  const ds = daemonSets[0];
  const pod = podSpecOf(ds) ?? {};
  if (pod.hostPID !== true) report('DaemonSet: hostPID must be true (the sensor attaches to the host\'s processes)');
  if (pod.hostNetwork === true) report('DaemonSet: hostNetwork is not needed and must stay off');
  const edge = (pod.containers ?? []).find((c) => c.name === 'edge');
  if (!edge) {
    report('DaemonSet: no container named edge');
    return findings;
  }
  if (JSON.stringify(edge.args ?? []).indexOf('"run"') < 0) report('edge container: does not run `perimeter-edge run`');
  const sc = edge.securityContext ?? {};
  if (sc.privileged !== true) {
    const added = sc.capabilities?.add ?? [];
    for (const cap of EDGE_CAPABILITIES) if (!added.includes(cap)) report(`edge container: capability ${cap} is not added`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) report('edge container: capabilities must drop ALL before adding');
    if (added.includes('SYS_ADMIN')) report('edge container: SYS_ADMIN is added; the sensor needs BPF and PERFMON, not SYS_ADMIN');
  }
  if (sc.readOnlyRootFilesystem !== true) report('edge container: the root filesystem must be read-only');

  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  const mounts = new Map((edge.volumeMounts ?? []).map((m) => [m.mountPath, m]));
  for (const [path, what] of Object.entries(EDGE_HOST_PATHS)) {
    const mount = mounts.get(path);
    const volume = mount && volumes.get(mount.name);
    if (!mount) report(`edge container: nothing is mounted at ${path} (${what})`);
    else if (!volume?.hostPath) report(`edge container: ${path} (${what}) is not a hostPath volume`);
  }
  const init = (pod.initContainers ?? []).find((c) => c.name === 'enroll');
  if (!init) report('DaemonSet: no init container named enroll');
  else if (!JSON.stringify(init.args ?? []).includes('perimeter-edge enroll')) report('enroll init container: does not run `perimeter-edge enroll`');

  const config = byKind(objects, 'ConfigMap').find((c) => typeof c.data?.['edge.conf'] === 'string');
  if (!config) report('no ConfigMap with edge.conf');
  else {
    for (const key of ['cloud', 'state']) {
      if (!new RegExp(`^${key}\\s*=\\s*\\S`, 'm').test(config.data['edge.conf'])) report(`edge.conf: no ${key} key`);
    }
  }
  findings.push(...checkConsistency(objects));
  return findings;
}

/**
 * The perimeter-cloud chart: the cloud's environment is made of variables the application reads (`knownEnv`),
 * includes the ones it cannot start without, and takes every secret from a Secret, never a literal.
 */
export function checkCloudObjects(objects, knownEnv) {
  const findings = [];
  const report = (m) => findings.push(m);
  const cloud = byKind(objects, 'Deployment').find((d) => (podSpecOf(d)?.containers ?? []).some((c) => c.name === 'cloud'));
  if (!cloud) {
    report('no Deployment with a container named cloud');
    return findings;
  }
  const container = podSpecOf(cloud).containers.find((c) => c.name === 'cloud');
  const env = new Map((container.env ?? []).map((e) => [e.name, e]));
  for (const name of env.keys()) {
    if (name.startsWith('PERIMETER_') && !knownEnv.has(name)) report(`cloud container: ${name} is not a variable the cloud reads`);
  }
  for (const name of ['PERIMETER_DB_URL', 'PERIMETER_DB_OWNER_USER', 'PERIMETER_DB_OWNER_PASSWORD', 'PERIMETER_DB_APP_PASSWORD',
    'PERIMETER_KEYCLOAK_URL', 'PERIMETER_PUBLIC_URL', 'PERIMETER_CONSOLE_CLIENT_SECRET', 'PERIMETER_API_HOST']) {
    if (!env.has(name)) report(`cloud container: ${name} is not set`);
  }
  for (const [name, e] of env) {
    if (/PASSWORD|SECRET|REDIS_URI/.test(name) && !e.valueFrom?.secretKeyRef) report(`cloud container: ${name} must come from a Secret (secretKeyRef), not a value`);
  }
  if (env.get('PERIMETER_API_HOST')?.value !== '0.0.0.0') report('cloud container: PERIMETER_API_HOST must be 0.0.0.0 (the default listens on loopback only)');
  findings.push(...checkConsistency(objects));
  return findings;
}

/** Mounts name volumes of their pod, and every Service selects the pods of some workload. */
export function checkConsistency(objects) {
  const findings = [];
  const workloads = objects.filter((o) => ['Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'].includes(o.kind));
  for (const w of workloads) {
    const pod = podSpecOf(w) ?? {};
    const volumes = new Set((pod.volumes ?? []).map((v) => v.name));
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      for (const m of c.volumeMounts ?? []) {
        if (!volumes.has(m.name)) findings.push(`${w.kind} ${w.metadata?.name}: container ${c.name} mounts ${m.name}, which is no volume of the pod`);
      }
    }
    const selector = w.spec?.selector?.matchLabels ?? {};
    const labels = w.spec?.template?.metadata?.labels ?? {};
    for (const [k, v] of Object.entries(selector)) {
      if (labels[k] !== v) findings.push(`${w.kind} ${w.metadata?.name}: its selector ${k}=${v} does not match its pods' labels`);
    }
  }
  for (const s of byKind(objects, 'Service')) {
    const selector = s.spec?.selector ?? {};
    const selects = workloads.some((w) => Object.entries(selector).every(([k, v]) => (w.spec?.template?.metadata?.labels ?? {})[k] === v));
    if (!selects) findings.push(`Service ${s.metadata?.name}: selects no pod of the chart`);
  }
  return findings;
}
