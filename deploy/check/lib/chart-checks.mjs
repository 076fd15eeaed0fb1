// Checks of rendered charts: what the edge needs from the node and the kernel, what the cloud needs from its
// environment, and that every object holds together (mounts name volumes, Services select pods).

// What the package's perimeter-edge command uses, started by root, to become its user through setpriv (SETPCAP only
// narrows the bounding set, as the unit does); never held by the edge itself.
const DROP_CAPABILITIES = ['SETUID', 'SETGID', 'SETPCAP'];
const hostPaths = (pkg) => ({
  [pkg.stateDir]: 'the state directory (identity, credential, spool)',
  '/sys/kernel/tracing': 'tracefs',
  '/sys/kernel/btf': "the kernel's BTF",
});

const byKind = (objects, kind) => objects.filter((o) => o?.kind === kind);
const podSpecOf = (o) => (o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec);

/**
 * The perimeter-edge chart's DaemonSet, checked against the edge's Debian package as its sources describe it
 * (lib/edge-package.mjs): its capabilities, user, paths, configuration and JVM options variable.
 */
export function checkEdgeObjects(objects, pkg) {
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
  const program = [...(edge.command ?? []), ...(edge.args ?? [])][0];
  if (program !== undefined && program !== 'perimeter-edge' && program !== pkg.command) {
    report(`edge container: runs ${program}, not the package's ${pkg.command}`);
  }
  const config = byKind(objects, 'ConfigMap').find((c) => typeof c.data?.['edge.conf'] === 'string');
  const conf = config?.data['edge.conf'] ?? '';
  const noTls = /^no-tls\s*=\s*true\s*$/m.test(conf);
  const sc = edge.securityContext ?? {};
  if (sc.privileged !== true) {
    const added = sc.capabilities?.add ?? [];
    const [capture, profile] = noTls ? [pkg.plainHttpCapabilities, 'the plain-HTTP profile'] : [pkg.capabilities, "the package's unit"];
    for (const cap of capture) if (!added.includes(cap)) report(`edge container: capability ${cap} is not added (${profile} grants it)`);
    for (const cap of added) {
      if (!capture.includes(cap) && !DROP_CAPABILITIES.includes(cap)) report(`edge container: capability ${cap} is added, which ${profile} does not need`);
    }
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) report('edge container: capabilities must drop ALL before adding');
  }
  findings.push(...checkPrivilegeDrop('edge container', edge, sc, pkg));
  if (sc.readOnlyRootFilesystem !== true) report('edge container: the root filesystem must be read-only');
  findings.push(...checkJavaOptions('edge container', edge, pkg));

  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  const mounts = new Map((edge.volumeMounts ?? []).map((m) => [m.mountPath, m]));
  for (const [path, what] of Object.entries(hostPaths(pkg))) {
    const mount = mounts.get(path);
    const volume = mount && volumes.get(mount.name);
    if (!mount) report(`edge container: nothing is mounted at ${path} (${what})`);
    else if (!volume?.hostPath) report(`edge container: ${path} (${what}) is not a hostPath volume`);
  }
  if (!mounts.get(pkg.configFile)) report(`edge container: nothing is mounted at ${pkg.configFile}, where the package's command reads edge.conf`);
  const init = (pod.initContainers ?? []).find((c) => c.name === 'enroll');
  if (!init) report('DaemonSet: no init container named enroll');
  else {
    const script = [...(init.command ?? []), ...(init.args ?? [])].join('\n');
    if (!script.includes('perimeter-edge enroll')) report('enroll init container: does not run `perimeter-edge enroll`');
    else if (!/perimeter-edge enroll [^\n]*--token-file /.test(script)) report('enroll init container: does not give the token with --token-file (it would show in the node\'s process list)');
    if (/--token[ =]/.test(script)) report('enroll init container: passes the token on the command line (--token)');
    if (!script.includes(`chown -R ${pkg.user}:${pkg.user}`)) report(`enroll init container: does not give the state directory to the ${pkg.user} user, which the package's command enrolls as`);
    findings.push(...checkPrivilegeDrop('enroll init container', init, init.securityContext ?? {}, pkg));
    findings.push(...checkJavaOptions('enroll init container', init, pkg));
  }

  if (!config) report('no ConfigMap with edge.conf');
  else {
    for (const key of ['cloud', 'state']) {
      if (!new RegExp(`^${key}\\s*=\\s*\\S`, 'm').test(conf)) report(`edge.conf: no ${key} key`);
    }
    const state = conf.match(/^state\s*=\s*(\S+)/m)?.[1];
    if (state && state !== pkg.stateDir) report(`edge.conf: state = ${state}, but the package's state directory is ${pkg.stateDir}`);
  }
  findings.push(...checkConsistency(objects));
  return findings;
}

/** Root with SETUID and SETGID, as the package's command needs to become its user through setpriv. */
function checkPrivilegeDrop(name, container, sc, pkg) {
  if (!pkg.dropsPrivilegesWithSetpriv) return [];
  const findings = [];
  if (sc.runAsUser !== undefined && sc.runAsUser !== 0) {
    findings.push(`${name}: runs as uid ${sc.runAsUser}; Kubernetes gives a non-root process no ambient capability, and the package's command becomes ${pkg.user} itself when started by root`);
  }
  if (sc.privileged !== true) {
    const added = sc.capabilities?.add ?? [];
    for (const cap of ['SETUID', 'SETGID']) {
      if (!added.includes(cap)) findings.push(`${name}: capability ${cap} is not added; the package's command started by root becomes ${pkg.user} through setpriv, which needs it`);
    }
  }
  return findings;
}

/** The JVM's options go through the variable the package's command reads. */
function checkJavaOptions(name, container, pkg) {
  return (container.env ?? []).filter((e) => /JAVA/.test(e.name) && e.name !== pkg.javaOptionsVariable)
    .map((e) => `${name}: sets ${e.name}; the package's command takes JVM options from ${pkg.javaOptionsVariable}`);
}

/**
 * The perimeter-cloud chart: the cloud's environment is made of variables the application reads (`knownEnv`),
 * includes the ones it cannot start without, and takes every secret from a Secret, never a literal; its probes ask
 * the paths the cloud serves (`probes`, from lib/app-config.mjs's cloudProbes).
 */
export function checkCloudObjects(objects, knownEnv, probes) {
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
  findings.push(...checkCloudProbes(container, env, probes));
  findings.push(...checkConsistency(objects));
  return findings;
}

/**
 * Liveness and startup on the path that depends on nothing outside the process (a database outage must not restart
 * every replica), readiness on the one that asks the database, Redis and Pulsar, with a timeout longer than the
 * readiness checks' own; every probe an HTTP GET on the port the cloud listens on.
 */
function checkCloudProbes(container, env, probes) {
  const findings = [];
  const listens = Number(env.get('PERIMETER_API_PORT')?.value ?? 8080);
  const ports = new Map((container.ports ?? []).map((p) => [p.name, p.containerPort]));
  const expected = { startupProbe: probes.liveness, livenessProbe: probes.liveness, readinessProbe: probes.readiness };
  for (const [name, path] of Object.entries(expected)) {
    const probe = container[name];
    if (!probe) {
      findings.push(`cloud container: no ${name}`);
      continue;
    }
    if (!probe.httpGet) {
      findings.push(`cloud container: ${name} is not an httpGet on ${path} (a listening port says nothing of the database)`);
      continue;
    }
    if (probe.httpGet.path !== path) findings.push(`cloud container: ${name} asks ${probe.httpGet.path}, but the cloud answers it at ${path}`);
    const port = typeof probe.httpGet.port === 'string' ? ports.get(probe.httpGet.port) : probe.httpGet.port;
    if (port !== listens) findings.push(`cloud container: ${name} asks port ${probe.httpGet.port}, but the cloud listens on ${listens}`);
  }
  const timeoutMs = (container.readinessProbe?.timeoutSeconds ?? 1) * 1000;
  if (container.readinessProbe && timeoutMs <= probes.checkTimeoutMs) {
    findings.push(`cloud container: readinessProbe times out after ${timeoutMs} ms, before the readiness checks' own ${probes.checkTimeoutMs} ms (perimeter.health.check-timeout)`);
  }
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
