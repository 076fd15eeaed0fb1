// The edge module's cloud-init user-data, rendered as templatefile() renders it (lib/tftemplate.mjs implements the
// subset the template uses and refuses the rest), read as YAML and checked for what a VM needs to install and enroll
// the edge (lib/cloud-init-checks.mjs); and the proof that the renderer and the checks fail on broken input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { getExpressionAst } from '@cdktf/hcl2json';
import { parse as parseYaml } from 'yaml';
import { renderTemplate, templateVariables } from '../lib/tftemplate.mjs';
import { checkEdgeUserData } from '../lib/cloud-init-checks.mjs';
import { readModule } from '../lib/hcl.mjs';
import { edgeConfigKeys } from '../lib/app-config.mjs';
import { edgePackage } from '../lib/edge-package.mjs';
import { REPO } from '../lib/repo.mjs';

const MODULE = join(REPO, 'terraform', 'modules', 'edge');
const TEMPLATE = readFileSync(join(MODULE, 'templates', 'user-data.yaml.tftpl'), 'utf8');
const SCRIPT_PATH = join(MODULE, 'files', 'perimeter-edge-bootstrap.sh');
const SCRIPT = readFileSync(SCRIPT_PATH, 'utf8');
const CLOUD = 'https://perimeter.example.com';
// A token with every character YAML could trip on; tokens are base64url today, but the template must not depend on it.
const TOKEN = 'enr.0b5c: "quoted" #not-a-comment\n- not: a list\\';

// What the module's locals compute for a deb install (main.tf), written out.
const vars = (overrides = {}) => ({
  apt_source: '',
  apt_signing_key: '',
  edge_conf: `batch-interval = 60s\ncloud = ${CLOUD}\nport = 443,8443\nstate = /var/lib/perimeter-edge\n`,
  enrollment_token: TOKEN,
  bootstrap_script: SCRIPT,
  bootstrap_command: ['/usr/local/sbin/perimeter-edge-bootstrap', '--method', 'deb', '--token-file',
    '/run/perimeter-edge/enrollment-token', '--url', 'https://mirror.example.internal/perimeter-edge_0.1.0_amd64.deb',
    '--sha256', 'a'.repeat(64), '--hostname', 'edge-1'],
  ...overrides,
});
const expected = { cloudUrl: CLOUD, token: TOKEN, bootstrapScript: SCRIPT };

test('the template reads exactly the variables the module passes to it', async () => {
  const module = await readModule(MODULE);
  const call = module.expressions.flatMap((e) => e.calls).find((c) => c.name === 'templatefile');
  assert.deepEqual([...await templateVariables(TEMPLATE)].sort(), [...call.varsKeys].sort());
  assert.deepEqual(Object.keys(vars()).sort(), [...call.varsKeys].sort(), 'the test renders with the module\'s variables');
});

test('user-data for a .deb install: valid cloud-config that writes edge.conf, the token owner-only, and runs the bootstrap', () => {
  const rendered = renderTemplate(TEMPLATE, vars());
  assert.deepEqual(checkEdgeUserData(rendered, expected), []);
  const config = parseYaml(rendered);
  assert.equal(config.apt, undefined, 'no APT source without install_method apt');
  assert.deepEqual(config.runcmd[0], vars().bootstrap_command);
});

test('user-data for an APT install: the repository and its key go to cloud-init\'s apt sources', () => {
  const key = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGZ...\n-----END PGP PUBLIC KEY BLOCK-----\n';
  const source = 'deb [signed-by=$KEY_FILE] https://apt.example.internal/perimeter bookworm main';
  const rendered = renderTemplate(TEMPLATE, vars({ apt_source: source, apt_signing_key: key }));
  assert.deepEqual(checkEdgeUserData(rendered, expected), []);
  assert.deepEqual(parseYaml(rendered).apt.sources['perimeter.list'], { source, key });
});

test('the module writes only edge.conf keys perimeter-edge accepts', async () => {
  const module = await readModule(MODULE);
  const settings = module.locals.get('settings').value;
  const keys = [];
  const walk = (node) => {
    if (node?.type === 'object') keys.push(...Object.keys(node.meta.items).map((k) => k.replace(/^"(.*)"$/, '$1')));
    for (const child of node?.children ?? []) walk(child);
  };
  walk(await getExpressionAst('main.tf', settings.slice(2, -1)));
  const accepted = edgeConfigKeys(REPO);
  assert.deepEqual(keys.sort(), ['batch-interval', 'cloud', 'internal-domain', 'port', 'state']);
  for (const key of keys) assert.ok(accepted.has(key), `${key} is no option of perimeter-edge`);
});

test('the bootstrap script is valid POSIX shell (dash -n) and uses the package\'s paths, user, options and --token-file', async () => {
  execFileSync('dash', ['-n', SCRIPT_PATH]);
  const pkg = edgePackage(REPO);
  const default_ = (variable) => SCRIPT.match(new RegExp(`^\\w+="\\$\\{${variable}:-([^}]+)\\}"$`, 'm'))?.[1];
  assert.equal(default_('PERIMETER_EDGE_CONFIG'), pkg.configFile);
  assert.equal(default_('PERIMETER_EDGE_STATE'), pkg.stateDir);
  assert.equal(default_('PERIMETER_EDGE_USER'), pkg.user);
  const module = await readModule(MODULE);
  assert.match(module.locals.get('settings').value, new RegExp(`state\\s*=\\s*"${pkg.stateDir}"`), 'the module\'s edge.conf has the package\'s state');
  for (const [, options] of SCRIPT.matchAll(/\.\/install\.sh([^)\n]*)/g)) {
    for (const option of options.match(/--[a-z-]+/g) ?? []) assert.ok(pkg.installOptions.includes(option), `install.sh has no option ${option}`);
  }
  assert.match(SCRIPT, /perimeter-edge enroll [^\n]*\\\n\s*--token-file "\$token_file"/);
  assert.doesNotMatch(SCRIPT, /--token "/, 'the token never goes on the command line');
});

test('broken user-data is reported: a value not JSON-encoded, a token left in runcmd, a world-readable token file', () => {
  const unencoded = TEMPLATE.replace('content: ${jsonencode(enrollment_token)}', 'content: ${enrollment_token}');
  assert.match(checkEdgeUserData(renderTemplate(unencoded, vars()), expected).join('\n'), /user-data is not valid YAML/);
  const leaky = renderTemplate(TEMPLATE, vars({ bootstrap_command: [...vars().bootstrap_command, '--token', TOKEN] }));
  assert.match(checkEdgeUserData(leaky, expected).join('\n'), /token appears outside its owner-only file/);
  const readable = renderTemplate(TEMPLATE.replace('permissions: "0600"', 'permissions: "0644"'), vars());
  assert.match(checkEdgeUserData(readable, expected).join('\n'), /permissions 0644, not "0600"/);
  const noHeader = renderTemplate(TEMPLATE.replace('#cloud-config\n', ''), vars());
  assert.match(checkEdgeUserData(noHeader, expected).join('\n'), /does not start with #cloud-config/);
});

test('the renderer refuses what it cannot evaluate, and a variable the map lacks, as terraform does', () => {
  assert.throws(() => renderTemplate('${upper(name)}', { name: 'x' }), /unsupported interpolation/);
  assert.throws(() => renderTemplate('%{ for x in list }${x}%{ endfor }', { list: [] }), /unsupported directive/);
  assert.throws(() => renderTemplate('${name}', {}), /does not contain key "name"/);
  assert.throws(() => renderTemplate('%{ if a }x', { a: true }), /without %\{ endif \}/);
  assert.equal(renderTemplate('a $${b} %%{c}\n%{ if x != "" ~}\n${x}\n%{ endif ~}\nz', { x: 'y' }), 'a ${b} %{c}\ny\nz');
  assert.equal(renderTemplate('%{ if x != "" ~}\n${x}\n%{ endif ~}\nz', { x: '' }), 'z');
});
