// Consistency checks of terraform modules without a terraform binary: what `terraform validate` would refuse about
// names, and more (unused variables, unpinned providers, template variables), from the parsed HCL.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve, join } from 'node:path';
import { readModule, staticPath, MODULE_META_ARGUMENTS } from './hcl.mjs';
import { templateVariables } from './tftemplate.mjs';

// Resource types served by terraform itself, not by a provider to pin.
const BUILT_IN_TYPES = new Set(['terraform_data', 'terraform_remote_state']);
const NO_OBJECT_ROOTS = new Set(['path', 'terraform']);

/**
 * Checks the module in `dir` and, through their local sources, the modules it calls.
 * @returns {Promise<{file: string, message: string}[]>} findings; empty when the module is consistent
 */
export async function checkModule(dir, root = dir, checked = new Map()) {
  const absolute = resolve(dir);
  if (checked.has(absolute)) return [];
  const module = await readModule(absolute);
  checked.set(absolute, module);
  const findings = [];
  const report = (file, message) => findings.push({ file: relative(root, join(absolute, file)) || file, message });

  if (module.files.length === 0) report('.', 'no .tf file');
  for (const e of module.errors) report(e.file, e.message);

  const usedVariables = new Set();
  const children = new Map();
  for (const [name, call] of module.modules) {
    const source = call.body.source;
    if (typeof source !== 'string') {
      report(call.file, `module ${name}: no source`);
    } else if (source.startsWith('./') || source.startsWith('../')) {
      const childDir = resolve(absolute, source);
      if (!existsSync(childDir) || !statSync(childDir).isDirectory()) {
        report(call.file, `module ${name}: source ${source} is not a directory`);
      } else {
        findings.push(...await checkModule(childDir, root, checked));
        children.set(name, checked.get(childDir));
      }
    }
  }

  for (const expression of module.expressions) {
    const where = `${expression.where}${expression.attribute ? '.' + expression.attribute : ''}`;
    for (const reference of expression.references) {
      const parts = reference.split('.');
      const [head] = parts;
      if (head === 'var') {
        usedVariables.add(parts[1]);
        if (!module.variables.has(parts[1])) report(expression.file, `${where}: var.${parts[1]} is not declared`);
      } else if (head === 'local') {
        if (!module.locals.has(parts[1])) report(expression.file, `${where}: local.${parts[1]} is not declared`);
      } else if (head === 'module') {
        const child = children.get(parts[1]);
        if (!module.modules.has(parts[1])) {
          report(expression.file, `${where}: module.${parts[1]} is not declared`);
        } else if (child && parts[2] && !child.outputs.has(parts[2])) {
          report(expression.file, `${where}: module.${parts[1]} has no output ${parts[2]}`);
        }
      } else if (head === 'data') {
        if (!module.data.has(`${parts[1]}.${parts[2]}`)) report(expression.file, `${where}: data.${parts[1]}.${parts[2]} is not declared`);
      } else if (head === 'each') {
        if (!expression.scope.forEach) report(expression.file, `${where}: each.${parts[1]} outside a block with for_each`);
      } else if (head === 'count') {
        if (!expression.scope.count) report(expression.file, `${where}: count.${parts[1]} outside a block with count`);
      } else if (head === 'self') {
        // self: only in provisioners and conditions of the resource itself.
      } else if (NO_OBJECT_ROOTS.has(head)) {
        // path.module, terraform.workspace
      } else if (parts.length < 2) {
        report(expression.file, `${where}: ${reference} is not a reference terraform knows`);
      } else if (!module.resources.has(`${parts[0]}.${parts[1]}`)) {
        report(expression.file, `${where}: resource ${parts[0]}.${parts[1]} is not declared`);
      }
    }
    for (const call of expression.calls) {
      findings.push(...await checkFileCall(absolute, expression, call, where, report));
    }
  }

  for (const [name, variable] of module.variables) {
    if (!usedVariables.has(name)) report(variable.file, `variable ${name} is declared but never used`);
  }
  for (const [name, output] of module.outputs) {
    if (!('value' in output.body)) report(output.file, `output ${name} has no value`);
  }

  for (const [name, call] of module.modules) {
    const child = children.get(name);
    if (!child) continue;
    const given = Object.keys(call.body).filter((k) => !MODULE_META_ARGUMENTS.has(k));
    for (const argument of given) {
      if (!child.variables.has(argument)) report(call.file, `module ${name}: ${call.body.source} has no variable ${argument}`);
    }
    for (const [variable, spec] of child.variables) {
      if (spec.required && !given.includes(variable)) report(call.file, `module ${name}: required variable ${variable} of ${call.body.source} is not given`);
    }
  }

  checkProviders(module, report);
  return findings;
}

function checkProviders(module, report) {
  const needed = new Map();
  for (const [kind, map] of [['resource', module.resources], ['data source', module.data]]) {
    for (const [key, declared] of map) {
      if (BUILT_IN_TYPES.has(declared.type)) continue;
      const provider = declared.body.provider?.replace(/^\$\{(.*)\}$/, '$1').split('.')[0] ?? declared.type.split('_')[0];
      if (!needed.has(provider)) needed.set(provider, `${kind} ${key} (${declared.file})`);
    }
  }
  for (const [name, { file }] of module.providers) if (!needed.has(name)) needed.set(name, `provider block (${file})`);
  for (const [provider, user] of needed) {
    const spec = module.requiredProviders.get(provider);
    const file = user.replace(/^.*\((.*)\)$/, '$1');
    if (!spec) {
      report(file, `provider ${provider} (used by ${user.replace(/ \(.*\)$/, '')}) is not in required_providers`);
    } else if (typeof spec !== 'object' || !spec.source || !spec.version) {
      report(spec.file ?? file, `required_providers.${provider} must give both source and version`);
    }
  }
}

async function checkFileCall(moduleDir, expression, call, where, report) {
  const path = staticPath(call.path, moduleDir);
  if (path === null) {
    report(expression.file, `${where}: the path of ${call.name}() is not made of literals and path.module, so it cannot be checked`);
    return [];
  }
  if (!existsSync(path)) {
    report(expression.file, `${where}: ${call.name}() reads ${relative(moduleDir, path)}, which does not exist`);
    return [];
  }
  if (call.name !== 'templatefile') return [];
  if (call.varsKeys === null) {
    report(expression.file, `${where}: templatefile() vars are not an object literal, so they cannot be checked`);
    return [];
  }
  let used;
  try {
    used = await templateVariables(readFileSync(path, 'utf8'));
  } catch (e) {
    report(expression.file, `${where}: template ${relative(moduleDir, path)} does not parse: ${e.message}`);
    return [];
  }
  const given = new Set(call.varsKeys);
  for (const name of used) {
    if (!given.has(name)) report(expression.file, `${where}: template ${relative(moduleDir, path)} reads ${name}, which templatefile() does not pass`);
  }
  for (const name of given) {
    if (!used.has(name)) report(expression.file, `${where}: templatefile() passes ${name}, which template ${relative(moduleDir, path)} never reads`);
  }
  return [];
}
