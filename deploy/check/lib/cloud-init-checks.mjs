// Checks of the edge's cloud-init user-data as a VM would read it: valid YAML, the files it writes, and a first-boot
// command that installs and enrolls the edge with the token only in its owner-only file.
import { parseDocument } from 'yaml';

const BOOTSTRAP = '/usr/local/sbin/perimeter-edge-bootstrap';

/**
 * @param rendered the user-data text
 * @param expected {cloudUrl, token, bootstrapScript}: what the VM must receive
 * @returns {string[]} findings; empty when the user-data installs and enrolls the edge as intended
 */
export function checkEdgeUserData(rendered, expected) {
  const findings = [];
  if (!rendered.startsWith('#cloud-config\n')) findings.push('user-data does not start with #cloud-config (cloud-init would not read it as cloud-config)');
  const doc = parseDocument(rendered, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    findings.push(`user-data is not valid YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
    return findings;
  }
  const config = doc.toJS();
  if (!config || typeof config !== 'object') return [...findings, 'user-data is not a YAML mapping'];
  const files = new Map((config.write_files ?? []).map((f) => [f.path, f]));

  const conf = files.get('/etc/perimeter-edge/edge.conf');
  if (!conf) findings.push('no write_files entry for /etc/perimeter-edge/edge.conf');
  else if (!String(conf.content).split('\n').includes(`cloud = ${expected.cloudUrl}`)) findings.push(`edge.conf does not set cloud = ${expected.cloudUrl}`);

  const tokenFiles = [...files.values()].filter((f) => f.content === expected.token);
  if (tokenFiles.length !== 1) findings.push(`the enrollment token is in ${tokenFiles.length} write_files entries, expected 1`);
  const tokenFile = tokenFiles[0];
  if (tokenFile) {
    if (tokenFile.permissions !== '0600') findings.push(`the token file ${tokenFile.path} has permissions ${tokenFile.permissions}, not "0600"`);
    if (!tokenFile.path.startsWith('/run/')) findings.push(`the token file ${tokenFile.path} is not on the /run tmpfs`);
  }
  const others = strings({ ...config, write_files: (config.write_files ?? []).filter((f) => f !== tokenFile) });
  if (expected.token && others.some((s) => s.includes(expected.token))) findings.push('the enrollment token appears outside its owner-only file');

  const bootstrap = files.get(BOOTSTRAP);
  if (!bootstrap) findings.push(`no write_files entry for ${BOOTSTRAP}`);
  else {
    if (bootstrap.content !== expected.bootstrapScript) findings.push(`${BOOTSTRAP} is not the module's bootstrap script byte for byte`);
    if (bootstrap.permissions !== '0755') findings.push(`${BOOTSTRAP} is not executable (permissions ${bootstrap.permissions})`);
  }
  const command = (config.runcmd ?? [])[0];
  if (!Array.isArray(command)) findings.push('runcmd[0] is not a list (the exec form, which no shell parses)');
  else {
    if (command[0] !== BOOTSTRAP) findings.push(`runcmd[0] runs ${command[0]}, not ${BOOTSTRAP}`);
    const tokenArg = command[command.indexOf('--token-file') + 1];
    if (command.indexOf('--token-file') < 0 || !tokenFile || tokenArg !== tokenFile.path) findings.push('runcmd[0] does not pass the token file with --token-file');
  }
  return findings;
}

function strings(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
