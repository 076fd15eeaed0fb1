// Reads a terraform module (the .tf files of one directory) with HashiCorp's HCL parser (@cdktf/hcl2json, the Go
// parser compiled to WebAssembly) into what the checks need: its declarations, and every expression with the
// references it makes (found by the parser, which knows for-expression and template scopes).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, getReferencesInExpression, getExpressionAst } from '@cdktf/hcl2json';
import { segments } from './tftemplate.mjs';

/** Meta-arguments of module calls: never input variables of the called module. */
export const MODULE_META_ARGUMENTS = new Set(['source', 'version', 'providers', 'for_each', 'count', 'depends_on']);

// Attributes whose value is not an expression over the module's objects: a variable's type constraint, the provider
// configuration a resource or module call names, and attribute names inside lifecycle.ignore_changes.
const NOT_REFERENCES = new Set(['type', 'provider', 'providers', 'ignore_changes']);

/**
 * @returns {Promise<{dir, files: string[], errors: {file, message}[], variables: Map, locals: Map, resources: Map,
 *   data: Map, modules: Map, outputs: Map, providers: Map, requiredProviders: Map, expressions: object[]}>}
 */
export async function readModule(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.tf')).sort();
  const module = {
    dir, files, errors: [],
    variables: new Map(), locals: new Map(), resources: new Map(), data: new Map(), modules: new Map(),
    outputs: new Map(), providers: new Map(), requiredProviders: new Map(), expressions: [],
  };
  for (const file of files) {
    let json;
    try {
      json = await parse(file, readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      module.errors.push({ file, message: `does not parse: ${e.message}` });
      continue;
    }
    await collect(module, file, json);
  }
  return module;
}

async function collect(module, file, json) {
  const declare = (map, key, value, kind) => {
    if (map.has(key)) module.errors.push({ file, message: `${kind} ${key} is declared twice` });
    map.set(key, { ...value, file });
  };
  for (const [name, [body]] of Object.entries(json.variable ?? {})) {
    declare(module.variables, name, { required: !('default' in body), sensitive: body.sensitive === true, body }, 'variable');
    await expressions(module, file, `variable.${name}`, body, {});
  }
  for (const block of json.locals ?? []) {
    for (const [name, value] of Object.entries(block)) {
      declare(module.locals, name, { value }, 'local');
      await expressions(module, file, `local.${name}`, value, {});
    }
  }
  for (const [kind, target] of [['resource', module.resources], ['data', module.data]]) {
    for (const [type, byName] of Object.entries(json[kind] ?? {})) {
      for (const [name, [body]] of Object.entries(byName)) {
        const key = `${type}.${name}`;
        declare(target, key, { type, name, body }, kind);
        await expressions(module, file, `${kind === 'data' ? 'data.' : ''}${key}`, body, iteration(body));
      }
    }
  }
  for (const [name, [body]] of Object.entries(json.module ?? {})) {
    declare(module.modules, name, { body }, 'module');
    await expressions(module, file, `module.${name}`, body, iteration(body));
  }
  for (const [name, [body]] of Object.entries(json.output ?? {})) {
    declare(module.outputs, name, { body }, 'output');
    await expressions(module, file, `output.${name}`, body, {});
  }
  for (const [name, blocks] of Object.entries(json.provider ?? {})) {
    module.providers.set(name, { file });
    for (const body of blocks) await expressions(module, file, `provider.${name}`, body, {});
  }
  for (const block of json.terraform ?? []) {
    for (const providers of block.required_providers ?? []) {
      for (const [name, spec] of Object.entries(providers)) declare(module.requiredProviders, name, spec, 'required provider');
    }
  }
  for (const [name, [body]] of Object.entries(json.check ?? {})) {
    await expressions(module, file, `check.${name}`, body, {});
  }
}

function iteration(body) {
  return { forEach: 'for_each' in body, count: 'count' in body };
}

async function expressions(module, file, where, value, scope, key = '') {
  if (NOT_REFERENCES.has(key)) return;
  if (typeof value === 'string') {
    if (!value.includes('${') && !value.includes('%{')) return;
    let references;
    let calls;
    try {
      references = (await getReferencesInExpression(file, value)).map((r) => r.value);
      calls = await functionCalls(file, value);
    } catch (e) {
      module.errors.push({ file, message: `${where}: expression does not parse: ${e.message}` });
      return;
    }
    module.expressions.push({ file, where, attribute: key, source: value, references, scope, calls });
  } else if (Array.isArray(value)) {
    for (const item of value) await expressions(module, file, where, item, scope, key);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) await expressions(module, file, where, v, scope, k);
  }
}

/** The calls of templatefile() and file() in an expression: their name, first argument's AST and vars' keys. */
async function functionCalls(file, value) {
  if (!/\b(templatefile|file)\s*\(/.test(value)) return [];
  // A whole-value interpolation is parsed as its expression, anything else as a string template.
  let parts;
  try {
    parts = segments(value);
  } catch {
    parts = [];
  }
  const whole = parts.length === 1 && parts[0].kind === 'interpolation' && !parts[0].stripBefore && !parts[0].stripAfter;
  const ast = await getExpressionAst(file, whole ? parts[0].inner : JSON.stringify(value));
  const calls = [];
  const walk = (node) => {
    if (!node) return;
    if (node.type === 'function' && ['templatefile', 'file'].includes(node.meta?.name)) {
      const [path, vars] = node.children ?? [];
      calls.push({
        name: node.meta.name,
        path,
        varsKeys: vars?.type === 'object' ? Object.keys(vars.meta?.items ?? {}).map((k) => k.replace(/^"(.*)"$/, '$1')) : null,
        varsSource: vars?.meta?.value,
      });
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(ast);
  return calls;
}

/** The path a templatefile()/file() argument names, if it is made of literals and path.module only. */
export function staticPath(node, moduleDir) {
  if (!node) return null;
  if (node.type === 'literalValue') return String(node.meta?.value ?? '');
  if (node.type === 'scopeTraversal') return node.meta?.value === 'path.module' ? moduleDir : null;
  if (node.type === 'template') {
    let out = '';
    for (const child of node.children ?? []) {
      const part = staticPath(child, moduleDir);
      if (part === null) return null;
      out += part;
    }
    return out;
  }
  return null;
}
