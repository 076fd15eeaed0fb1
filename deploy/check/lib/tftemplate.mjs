// Terraform's template language (templatefile()) as far as the project's templates use it: which variables a template
// reads, and rendering for the subset the checks can evaluate honestly. A construct outside the subset is refused with
// an error, never passed through or guessed at.
import { getReferencesInExpression } from '@cdktf/hcl2json';

/** Splits a template into literal text and ${...} / %{...} sequences, with $${ and %%{ as escapes. */
export function segments(text) {
  const out = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      literal += text[i + 1] + '{';
      i += 3;
      continue;
    }
    if (text.startsWith('${', i) || text.startsWith('%{', i)) {
      const end = closingBrace(text, i + 2);
      if (end < 0) throw new Error(`unterminated ${text.slice(i, i + 2)} at offset ${i}`);
      if (literal) out.push({ literal });
      literal = '';
      let inner = text.slice(i + 2, end);
      const stripBefore = inner.startsWith('~');
      const stripAfter = inner.endsWith('~');
      inner = inner.replace(/^~/, '').replace(/~$/, '').trim();
      out.push({ kind: text[i] === '$' ? 'interpolation' : 'directive', inner, stripBefore, stripAfter, offset: i });
      i = end + 1;
      continue;
    }
    literal += text[i++];
  }
  if (literal) out.push({ literal });
  return out;
}

function closingBrace(text, from) {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The names of the template variables a template reads (the keys templatefile()'s map must hold). */
export async function templateVariables(text) {
  const names = new Set();
  const loopNames = new Set();
  for (const s of segments(text)) {
    if (s.literal !== undefined) continue;
    let expression = s.inner;
    if (s.kind === 'directive') {
      const loop = /^for\s+(\w+)(?:\s*,\s*(\w+))?\s+in\s+([\s\S]+)$/.exec(expression);
      const condition = /^if\s+([\s\S]+)$/.exec(expression);
      if (loop) {
        loopNames.add(loop[1]);
        if (loop[2]) loopNames.add(loop[2]);
        expression = loop[3];
      } else if (condition) {
        expression = condition[1];
      } else {
        continue; // else, endif, endfor
      }
    }
    for (const ref of await getReferencesInExpression('template', '${' + expression + '}')) {
      names.add(ref.value.split('.')[0]);
    }
  }
  for (const name of loopNames) names.delete(name);
  return names;
}

/**
 * Renders a template as templatefile() would, for this subset: ${name}, ${jsonencode(name)}, %{ if name },
 * %{ if !name }, %{ if name == "text" } / != "text", %{ else }, %{ endif }, with ~ strip markers and $${ / %%{ escapes.
 * A variable the map lacks is an error, as in terraform.
 */
export function renderTemplate(text, vars) {
  const value = (name) => {
    if (!(name in vars)) throw new Error(`vars map does not contain key "${name}"`);
    return vars[name];
  };
  const parts = segments(text);
  const stack = [];
  const active = () => stack.every((level) => level.active);
  let out = '';
  let skipWhitespace = false;
  for (const s of parts) {
    if (s.literal !== undefined) {
      let literal = s.literal;
      if (skipWhitespace) literal = literal.replace(/^\s+/, '');
      skipWhitespace = false;
      if (active()) out += literal;
      continue;
    }
    if (s.stripBefore && active()) out = out.replace(/\s+$/, '');
    skipWhitespace = s.stripAfter;
    if (s.kind === 'interpolation') {
      if (!active()) continue;
      let m;
      if ((m = /^(\w+)$/.exec(s.inner))) {
        const v = value(m[1]);
        if (typeof v === 'object') throw new Error(`\${${m[1]}} interpolates a ${Array.isArray(v) ? 'list' : 'map'}: terraform refuses that`);
        out += String(v);
      } else if ((m = /^jsonencode\(\s*(\w+)\s*\)$/.exec(s.inner))) {
        out += JSON.stringify(value(m[1]));
      } else {
        throw new Error(`unsupported interpolation \${${s.inner}} (the check renders \${name} and \${jsonencode(name)} only)`);
      }
      continue;
    }
    let m;
    if ((m = /^if\s+(!?)\s*(\w+)$/.exec(s.inner))) {
      const v = Boolean(value(m[2]));
      stack.push({ active: m[1] ? !v : v });
    } else if ((m = /^if\s+(\w+)\s*(==|!=)\s*"([^"\\]*)"$/.exec(s.inner))) {
      const equal = String(value(m[1])) === m[3];
      stack.push({ active: m[2] === '==' ? equal : !equal });
    } else if (s.inner === 'else') {
      if (!stack.length) throw new Error('%{ else } without %{ if }');
      stack[stack.length - 1].active = !stack[stack.length - 1].active;
    } else if (s.inner === 'endif') {
      if (!stack.pop()) throw new Error('%{ endif } without %{ if }');
    } else {
      throw new Error(`unsupported directive %{ ${s.inner} } (the check renders if/else/endif on a name or a comparison with a string)`);
    }
  }
  if (stack.length) throw new Error('%{ if } without %{ endif }');
  return out;
}
