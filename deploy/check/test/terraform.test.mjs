// The terraform modules and examples, checked without a terraform binary (lib/terraform-checks.mjs), and the proof
// that the checks report what they are for, on deliberately broken modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkModule } from '../lib/terraform-checks.mjs';
import { checkReleaseValues } from '../lib/helm-values-checks.mjs';
import { readModule } from '../lib/hcl.mjs';
import { REPO } from '../lib/repo.mjs';

const TERRAFORM = join(REPO, 'terraform');
const FIXTURES = join(REPO, 'deploy', 'check', 'test', 'fixtures', 'terraform');
const dirs = (parent) => readdirSync(join(TERRAFORM, parent)).map((d) => join(TERRAFORM, parent, d));

for (const dir of [...dirs('modules'), ...dirs('examples')]) {
  test(`terraform ${dir.slice(TERRAFORM.length + 1)}: parses, and its names, modules, providers and templates are consistent`, async () => {
    assert.deepEqual(await checkModule(dir, TERRAFORM), []);
  });
}

test('the modules the brief asks for exist, and every example calls a module of the repository', () => {
  assert.deepEqual(readdirSync(join(TERRAFORM, 'modules')).sort(), ['control-plane', 'edge']);
  assert.deepEqual(readdirSync(join(TERRAFORM, 'examples')).sort(), ['kubernetes', 'libvirt', 'openstack', 'vsphere']);
});

const messages = (findings) => findings.map((f) => `${f.file}: ${f.message}`);

function assertReported(findings, expected) {
  const all = messages(findings);
  for (const pattern of expected) {
    assert.ok(all.some((m) => pattern.test(m)), `expected a finding matching ${pattern}, got:\n${all.join('\n')}`);
  }
}

test('a broken module: every defect is reported', async () => {
  const findings = await checkModule(join(FIXTURES, 'broken-module'), FIXTURES);
  assertReported(findings, [
    /var\.undeclared is not declared/,
    /local\.not_declared is not declared/,
    /variable never_used is declared but never used/,
    /each\.key outside a block with for_each/,
    /resource random_string\.gone is not declared/,
    /provider null .* is not in required_providers/,
    /required_providers\.random must give both source and version/,
    /file\(\) reads files\/absent\.sh, which does not exist/,
    /reads sender, which templatefile\(\) does not pass/,
    /passes extra, which template templates\/greeting\.tftpl never reads/,
  ]);
  assert.equal(findings.length, 10, messages(findings).join('\n'));
});

test('broken module calls: unknown and missing variables, missing outputs, modules and sources are reported', async () => {
  const findings = (await checkModule(join(FIXTURES, 'broken-root'), FIXTURES)).filter((f) => f.file.startsWith('broken-root'));
  assertReported(findings, [
    /module child: \.\.\/broken-module has no variable not_a_variable/,
    /module child: required variable required_one of \.\.\/broken-module is not given/,
    /module\.child has no output no_such_output/,
    /module\.absent is not declared/,
    /module nowhere: source \.\/does-not-exist is not a directory/,
  ]);
  assert.equal(findings.length, 5, messages(findings).join('\n'));
});

test('a file that is not HCL is reported with the parser\'s message', async () => {
  const findings = await checkModule(join(FIXTURES, 'broken-syntax'), FIXTURES);
  assertReported(findings, [/main\.tf: does not parse: .*main\.tf:4,12.*Invalid expression/]);
});

test('the values terraform passes to the project\'s charts are values the charts have', async () => {
  const charts = join(REPO, 'deploy', 'helm');
  const controlPlane = await readModule(join(TERRAFORM, 'modules', 'control-plane'));
  assert.deepEqual(await checkReleaseValues(controlPlane, 'helm_release.cloud', join(charts, 'perimeter-cloud')), []);
  const kubernetes = await readModule(join(TERRAFORM, 'examples', 'kubernetes'));
  assert.deepEqual(await checkReleaseValues(kubernetes, 'helm_release.edge', join(charts, 'perimeter-edge')), []);
});

test('chart values the chart does not have are reported, free-form maps are not', async () => {
  const module = await readModule(join(FIXTURES, 'broken-release'));
  const findings = await checkReleaseValues(module, 'helm_release.cloud', join(REPO, 'deploy', 'helm', 'perimeter-cloud'));
  assert.deepEqual(findings.sort(), [
    'helm_release.cloud: the chart has no value database.jdbcUrl',
    'helm_release.cloud: the chart has no value publicURL',
  ]);
});
