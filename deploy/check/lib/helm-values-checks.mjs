// The values a terraform helm_release passes to one of the project's charts (values = [yamlencode({ ... })]) against
// the chart's values.yaml: a key the chart does not have is a typo that helm would silently ignore.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getExpressionAst } from '@cdktf/hcl2json';
import { parse as parseYaml } from 'yaml';
import { segments } from './tftemplate.mjs';

/**
 * @param module a module read by readModule()
 * @param resource the helm_release's address in the module, e.g. "helm_release.cloud"
 * @param chartDir the chart the release installs
 * @returns {Promise<string[]>} findings
 */
export async function checkReleaseValues(module, resource, chartDir) {
  const release = module.resources.get(resource);
  if (!release) return [`${resource} is not declared`];
  // hcl2json gives a list of expressions as a list of strings, one expression as a string.
  const sources = typeof release.body.values === 'string' ? [release.body.values] : release.body.values;
  if (!Array.isArray(sources)) return [`${resource}: no values`];
  const chartValues = parseYaml(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
  const findings = [];
  let checked = 0;
  for (const source of sources) {
    const parts = segments(source);
    if (parts.length !== 1 || parts[0].kind !== 'interpolation') continue;
    const expression = parts[0].inner;
    const objects = [];
    const findEncoded = (node) => {
      if (node?.type === 'function' && node.meta?.name === 'yamlencode' && node.children?.[0]?.type === 'object') objects.push(node.children[0]);
      for (const child of node?.children ?? []) findEncoded(child);
    };
    findEncoded(await getExpressionAst(release.file, expression));
    for (const object of objects) compare(object, chartValues, '', expression, findings, resource);
    checked += objects.length;
  }
  if (checked === 0) return [`${resource}: values holds no yamlencode({ ... }) object to check`];
  return findings;
}

function compare(object, chartValues, prefix, expression, findings, resource) {
  const children = object.children ?? [];
  for (let i = 0; i + 1 < children.length; i += 2) {
    const keyNode = children[i];
    const valueNode = children[i + 1];
    const key = expression.slice(keyNode.range.start.byte, keyNode.range.end.byte).replace(/^"(.*)"$/, '$1');
    const path = prefix ? `${prefix}.${key}` : key;
    if (!(key in chartValues)) {
      findings.push(`${resource}: the chart has no value ${path}`);
      continue;
    }
    const nested = chartValues[key];
    const isMap = nested && typeof nested === 'object' && !Array.isArray(nested);
    if (valueNode.type === 'object' && isMap && Object.keys(nested).length > 0) {
      compare(valueNode, nested, path, expression, findings, resource);
    }
  }
}
