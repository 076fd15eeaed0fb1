// What the edge's Debian package really installs and does, read from its sources (edge-package/src/main/package and
// docs/install-edge.md), so that the chart, the image and cloud-init are checked against the package, not against
// what someone remembered of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const read = (repo, ...path) => readFileSync(join(repo, ...path), 'utf8');
const capabilityNames = (line) => line.trim().split(/\s+/).filter(Boolean).map((c) => c.replace(/^CAP_/, ''));

function one(text, pattern, what) {
  const match = text.match(pattern);
  if (!match) throw new Error(`edge-package: cannot find ${what} (${pattern})`);
  return match[1].trim();
}

/**
 * The package's facts: its user, the unit's command and capabilities, the measured plain-HTTP profile, the state
 * directory and configuration file, the wrapper's privilege drop and JVM options variable, install.sh's options.
 */
export function edgePackage(repo) {
  const base = ['edge-package', 'src', 'main', 'package'];
  const unit = read(repo, ...base, 'systemd', 'perimeter-edge.service');
  const wrapper = read(repo, ...base, 'bin', 'perimeter-edge');
  const conf = read(repo, ...base, 'etc', 'edge.conf');
  const install = read(repo, ...base, 'install.sh');
  const stage = read(repo, ...base, 'build', 'stage.sh');
  const docs = read(repo, 'docs', 'install-edge.md');
  const profile = docs.slice(docs.indexOf('**Plain-HTTP profile**'));
  return {
    user: one(unit, /^User=(\S+)$/m, "the unit's User="),
    command: one(unit, /^ExecStart=(\S+)/m, "the unit's ExecStart="),
    capabilities: capabilityNames(one(unit, /^AmbientCapabilities=(.+)$/m, "the unit's AmbientCapabilities=")),
    boundingSet: capabilityNames(one(unit, /^CapabilityBoundingSet=(.+)$/m, "the unit's CapabilityBoundingSet=")),
    plainHttpCapabilities: capabilityNames(one(profile, /^AmbientCapabilities=(CAP_.+)$/m, 'the plain-HTTP profile in docs/install-edge.md')),
    wrapperUser: one(wrapper, /^user=(\S+)$/m, "the wrapper's user="),
    wrapperCapabilities: one(wrapper, /^capabilities=(\S+)$/m, "the wrapper's capabilities=").split(',').map((c) => c.replace(/^\+/, '').toUpperCase()),
    // Started by root, the wrapper becomes the user through setpriv: that needs CAP_SETUID and CAP_SETGID.
    dropsPrivilegesWithSetpriv: /^\s*exec setpriv --reuid=/m.test(wrapper),
    javaOptionsVariable: one(wrapper, /\$\{(PERIMETER_EDGE_JAVA_OPTS):-\}/, "the wrapper's JVM options variable"),
    configFile: one(wrapper, /PERIMETER_EDGE_CONFIG:-([^}]+)\}/, "the wrapper's default configuration file"),
    stateDir: one(conf, /^state\s*=\s*(\S+)$/m, "edge.conf's state"),
    home: one(stage, /^opt="\$root(\/\S+)"$/m, "stage.sh's opt="),
    installOptions: [...install.matchAll(/^\s+(--[a-z-]+)\)/gm)].map((m) => m[1]),
  };
}
