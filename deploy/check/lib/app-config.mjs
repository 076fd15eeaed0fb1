// The environment variables the cloud reads: the ${PERIMETER_*} placeholders of its configuration files, and the
// environment form (PERIMETER_REDIS_URI for perimeter.redis.uri, as Micronaut maps them) of every perimeter.* property
// the configuration files or the code name.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const CONFIG_FILES = ['cloud-api/src/main/resources/application.yml', 'cloud-console/src/main/resources/application-console.yml'];
const SOURCE_DIRS = ['cloud-api/src/main/java', 'cloud-console/src/main/java', 'tenancy/src/main/java'];

export function knownCloudEnvironment(repo) {
  const names = new Set();
  const toEnv = (property) => property.toUpperCase().replace(/[.-]/g, '_');
  for (const file of CONFIG_FILES) {
    const text = readFileSync(join(repo, file), 'utf8');
    for (const m of text.matchAll(/\$\{(PERIMETER_[A-Z0-9_]+)/g)) names.add(m[1]);
    // Nested keys under perimeter: as properties (perimeter.ingest.max-batch-bytes).
    const path = [];
    for (const line of text.split('\n')) {
      const m = /^(\s*)([A-Za-z0-9-]+):/.exec(line);
      if (!m || line.trim().startsWith('#')) continue;
      const depth = m[1].length / 2;
      path.length = depth;
      path[depth] = m[2];
      if (path[0] === 'perimeter') names.add(toEnv(path.join('.')));
    }
  }
  for (const dir of SOURCE_DIRS) {
    for (const file of javaFiles(join(repo, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/["{](perimeter\.[a-z0-9.-]+)/g)) names.add(toEnv(m[1]));
      // @ConfigurationProperties("perimeter.x") records: their components are properties under the prefix.
      const prefix = /@ConfigurationProperties\("(perimeter\.[a-z0-9.-]+)"\)/.exec(text);
      const components = prefix && recordComponents(text);
      for (const component of components || []) {
        names.add(toEnv(`${prefix[1]}.${component.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`));
      }
    }
  }
  return names;
}

/** The component names of the record a source file declares (annotations with arguments allowed). */
function recordComponents(text) {
  const start = /\brecord\s+\w+\s*\(/.exec(text);
  if (!start) return null;
  let depth = 1;
  let i = start.index + start[0].length;
  const from = i;
  for (; i < text.length && depth > 0; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
  }
  const header = text.slice(from, i - 1).replace(/@\w+(\([^)]*\))?/g, '');
  return header.split(',').map((part) => /(\w+)\s*$/.exec(part.trim())?.[1]).filter(Boolean);
}

function* javaFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* javaFiles(path);
    else if (entry.endsWith('.java')) yield path;
  }
}

const EDGE_CLI = 'edge-analyzer/src/main/java/io/perimeter/analyzer/cli';

/**
 * The keys edge.conf may hold: the long options of `perimeter-edge run` and `enroll` (their own and their mixins'),
 * without dashes and without --config, as EdgeConfigFile accepts them.
 */
export function edgeConfigKeys(repo) {
  const keys = new Set();
  const read = (name) => readFileSync(join(repo, EDGE_CLI, `${name}.java`), 'utf8');
  for (const command of ['RunCommand', 'EnrollCommand']) {
    const text = read(command);
    const sources = [text, ...[...text.matchAll(/@Mixin\s+(\w+)\s+\w+/g)].map((m) => read(m[1]))];
    for (const source of sources) {
      for (const m of source.matchAll(/@Option\(names\s*=\s*(\{[^}]*\}|"[^"]*")/g)) {
        const names = [...m[1].matchAll(/"(--[a-z0-9-]+)"/g)].map((n) => n[1]);
        if (names.length) keys.add(names.sort((a, b) => b.length - a.length)[0].slice(2));
      }
    }
  }
  return keys;
}

/** The keys of an edge.conf text (Java properties: key = value, # comments). */
export function propertiesKeys(text) {
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
    .map((l) => /^([^=:\s]+)/.exec(l)[1]);
}

/**
 * Where the cloud answers its probes, read from its configuration as Micronaut reads it: the health endpoint
 * (`endpoints.health`, id `health`) under `endpoints.all.path` (default `/`), with Micronaut's `liveness` and
 * `readiness` selectors; the console's file is read over the API's, as the console environment loads it. Also the
 * readiness checks' own timeout (`perimeter.health.check-timeout`), which the probe's timeout must exceed.
 * Throws when the health endpoint is off or needs authentication (no probe could pass).
 */
export function cloudProbes(repo) {
  let merged = {};
  for (const file of CONFIG_FILES) merged = deepMerge(merged, parse(readFileSync(join(repo, file), 'utf8')) ?? {});
  const health = merged.endpoints?.health ?? {};
  const all = merged.endpoints?.all ?? {};
  const enabled = health.enabled ?? all.enabled ?? true;
  if (enabled !== true) throw new Error(`${CONFIG_FILES.join(', ')}: endpoints.health is not enabled: the cloud has no health endpoint for the probes`);
  if ((health.sensitive ?? all.sensitive) !== false) throw new Error(`${CONFIG_FILES[0]}: endpoints.health must be sensitive: false (the kubelet's probes are anonymous)`);
  const base = `/${String(all.path ?? '/').replace(/^\/+|\/+$/g, '')}`.replace(/\/$/, '');
  const timeout = String(merged.perimeter?.health?.['check-timeout'] ?? '3s').replace(/^\$\{[A-Z0-9_]+:(.*)\}$/, '$1');
  return { liveness: `${base}/health/liveness`, readiness: `${base}/health/readiness`, checkTimeoutMs: durationMs(timeout) };
}

function deepMerge(into, from) {
  const out = { ...into };
  for (const [k, v] of Object.entries(from)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && typeof out[k] === 'object' ? deepMerge(out[k], v) : v;
  }
  return out;
}

/** A Micronaut duration (`3s`, `500ms`, `1m`) in milliseconds. */
function durationMs(text) {
  const m = /^(\d+)(ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`perimeter.health.check-timeout: cannot read ${text} as a duration`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60000 }[m[2]];
}
