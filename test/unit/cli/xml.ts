/**
 * A deliberately small, strict XML 1.0 parser for the tests: elements, attributes, text, the
 * five predefined entities and character references, an optional <?xml?> prolog. It throws on
 * anything not well-formed (mismatched or unclosed tags, a raw < or & in text or attributes,
 * unknown entities, characters XML 1.0 forbids, duplicate attributes), so parsing our JUnit output
 * back is a structural well-formedness check, not a regex match.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[A-Za-z0-9_:.-]/;

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

export function parseXml(input: string): XmlElement {
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (!isXmlChar(code)) throw new Error(`character U+${code.toString(16)} is not allowed in XML 1.0`);
  }
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at offset ${i}: ${JSON.stringify(input.slice(i, i + 30))}`);
  };
  const skipSpace = () => {
    while (i < input.length && /\s/.test(input[i])) i++;
  };
  const readName = (): string => {
    if (!NAME_START.test(input[i] ?? '')) fail('expected a name');
    const start = i;
    while (i < input.length && NAME_CHAR.test(input[i])) i++;
    return input.slice(start, i);
  };
  const decode = (raw: string): string => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const ch = raw[k];
      if (ch === '<') fail('raw < in text or attribute');
      if (ch !== '&') {
        out += ch;
        continue;
      }
      const end = raw.indexOf(';', k);
      if (end < 0) fail('unterminated entity');
      const entity = raw.slice(k + 1, end);
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (entity in named) out += named[entity];
      else if (/^#[0-9]+$/.test(entity)) out += String.fromCodePoint(Number(entity.slice(1)));
      else if (/^#x[0-9a-fA-F]+$/.test(entity)) out += String.fromCodePoint(parseInt(entity.slice(2), 16));
      else fail(`unknown entity &${entity};`);
      k = end;
    }
    return out;
  };

  skipSpace();
  if (input.startsWith('<?xml', i)) {
    const end = input.indexOf('?>', i);
    if (end < 0) fail('unterminated prolog');
    i = end + 2;
  }
  skipSpace();

  const parseElement = (): XmlElement => {
    if (input[i] !== '<') fail('expected <');
    i++;
    const name = readName();
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (input.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (input[i] === '>') {
        i++;
        break;
      }
      const attr = readName();
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      skipSpace();
      if (input[i] !== '=') fail('expected =');
      i++;
      skipSpace();
      const quote = input[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted attribute value');
      const end = input.indexOf(quote, i + 1);
      if (end < 0) fail('unterminated attribute');
      el.attrs[attr] = decode(input.slice(i + 1, end));
      i = end + 1;
    }
    for (;;) {
      if (i >= input.length) fail(`unclosed <${name}>`);
      if (input.startsWith('</', i)) {
        i += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        skipSpace();
        if (input[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      if (input[i] === '<') {
        el.children.push(parseElement());
        continue;
      }
      const next = input.indexOf('<', i);
      const end = next < 0 ? input.length : next;
      el.text += decode(input.slice(i, end));
      i = end;
    }
  };

  const root = parseElement();
  skipSpace();
  if (i !== input.length) fail('content after the root element');
  return root;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
