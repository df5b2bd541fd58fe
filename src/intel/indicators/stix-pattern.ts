// A parser for STIX 2.1 patterns (OASIS STIX 2.1, section 9 "STIX Patterning") and the extraction of the
// identifiers Gatecheck can match from them. The whole grammar is parsed — observation expressions with
// AND / OR / FOLLOWEDBY and qualifiers (WITHIN, REPEATS, START … STOP), comparison expressions with AND /
// OR / parentheses, every comparison operator, object paths with list indexes and quoted components, and
// every literal kind — so a pattern we cannot use is refused with the reason, never misread. What we use:
// one observation (or an OR of observations) whose comparisons are `=` on a string (or IN a set of
// strings) and name one identifier, e.g. [email-addr:value = 'x@y.com' OR domain-name:value = 'y.com'].
// Input is bounded (length, nesting, number of comparisons): hostile patterns are refused, never looped on.
import { type IndicatorKind, isHashableKind, isIndicatorKind } from '../../core/intel/indicators.ts';
import { HASHED_STIX_TYPE } from './hashed.ts';

export const PATTERN_LIMITS = { maxLength: 8192, maxDepth: 32, maxComparisons: 256, maxTerms: 256 };

export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'int' | 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'binary' | 'hex' | 'timestamp'; value: string }
  | { kind: 'set'; values: Literal[] };

export type Comparison = {
  type: 'comparison';
  objectType: string;
  /** The property path after the colon, as written without quotes: `value`, `from_ref.value`, `hashes.'SHA-256'`. */
  path: string;
  op: string;
  negated: boolean;
  value: Literal | null;
};
export type ComparisonExpr = Comparison | { type: 'and' | 'or'; items: ComparisonExpr[] };
export type ObservationExpr =
  | { type: 'observation'; comparison: ComparisonExpr; qualifiers: string[] }
  | { type: 'and' | 'or' | 'followedby'; items: ObservationExpr[] };

type Token = { t: string; v: string; at: number };

const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'ISSUPERSET',
  'IN',
  'EXISTS',
  'WITHIN',
  'SECONDS',
  'REPEATS',
  'TIMES',
  'START',
  'STOP',
]);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i += 1;
      continue;
    }
    const at = i;
    if ('[]():,.*'.includes(c)) {
      tokens.push({ t: c, v: c, at });
      i += 1;
      continue;
    }
    const two = input.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=' || two === '==') {
      tokens.push({ t: 'op', v: two === '==' ? '=' : two, at });
      i += 2;
      continue;
    }
    if (c === '=' || c === '<' || c === '>') {
      tokens.push({ t: 'op', v: c, at });
      i += 1;
      continue;
    }
    // Prefixed literals: b'base64', h'hex', t'timestamp'.
    if ((c === 'b' || c === 'h' || c === 't') && input[i + 1] === "'") {
      const end = input.indexOf("'", i + 2);
      if (end < 0) throw new PatternError(`unterminated ${c}'…' literal at position ${at}`);
      const body = input.slice(i + 2, end);
      const kind = c === 'b' ? 'binary' : c === 'h' ? 'hex' : 'timestamp';
      tokens.push({ t: kind, v: body, at });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new PatternError(`unterminated string at position ${at}`);
        const d = input[j]!;
        if (d === '\\') {
          const e = input[j + 1];
          if (e !== "'" && e !== '\\')
            throw new PatternError(`only \\' and \\\\ may be escaped in a string (position ${j})`);
          value += e;
          j += 2;
          continue;
        }
        if (d === "'") break;
        value += d;
        j += 1;
      }
      tokens.push({ t: 'string', v: value, at });
      i = j + 1;
      continue;
    }
    const num = /^[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?/.exec(input.slice(i, i + 64));
    if ((c >= '0' && c <= '9') || ((c === '-' || c === '+') && num)) {
      if (!num) throw new PatternError(`bad number at position ${at}`);
      tokens.push({ t: /[.eE]/.test(num[0]) ? 'float' : 'int', v: num[0], at });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(input.slice(i, i + 256));
    if (word) {
      const w = word[0];
      if (KEYWORDS.has(w)) tokens.push({ t: w, v: w, at });
      else if (w === 'true' || w === 'false') tokens.push({ t: 'bool', v: w, at });
      else tokens.push({ t: 'ident', v: w, at });
      i += w.length;
      continue;
    }
    throw new PatternError(`unexpected character ${JSON.stringify(c)} at position ${at}`);
  }
  return tokens;
}

class Parser {
  private pos = 0;
  private depth = 0;
  comparisons = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private take(t?: string): Token {
    const token = this.tokens[this.pos];
    if (!token) throw new PatternError(t ? `expected ${t} at the end of the pattern` : 'unexpected end');
    if (t !== undefined && token.t !== t)
      throw new PatternError(`expected ${t} at position ${token.at}, found ${JSON.stringify(token.v)}`);
    this.pos += 1;
    return token;
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > PATTERN_LIMITS.maxDepth)
      throw new PatternError(`nested more than ${PATTERN_LIMITS.maxDepth} levels deep`);
  }

  parsePattern(): ObservationExpr {
    const expr = this.observations();
    const rest = this.peek();
    if (rest) throw new PatternError(`unexpected ${JSON.stringify(rest.v)} at position ${rest.at}`);
    return expr;
  }

  private observations(): ObservationExpr {
    return this.obsBinary('followedby', 'FOLLOWEDBY', () =>
      this.obsBinary('or', 'OR', () => this.obsBinary('and', 'AND', () => this.observation())),
    );
  }

  private obsBinary(
    type: 'and' | 'or' | 'followedby',
    keyword: string,
    next: () => ObservationExpr,
  ): ObservationExpr {
    const items = [next()];
    while (this.peek()?.t === keyword) {
      this.take();
      items.push(next());
    }
    return items.length === 1 ? items[0]! : { type, items };
  }

  private observation(): ObservationExpr {
    this.enter();
    let expr: ObservationExpr;
    const token = this.peek();
    if (token?.t === '[') {
      this.take();
      const comparison = this.comparisonOr();
      this.take(']');
      expr = { type: 'observation', comparison, qualifiers: [] };
    } else if (token?.t === '(') {
      this.take();
      expr = this.observations();
      this.take(')');
    } else {
      throw new PatternError(
        token
          ? `expected [ or ( at position ${token.at}, found ${JSON.stringify(token.v)}`
          : 'the pattern ends where an observation ([...]) is expected',
      );
    }
    const qualifiers: string[] = [];
    for (;;) {
      const q = this.peek()?.t;
      if (q === 'WITHIN') {
        this.take();
        const amount = this.take();
        if (amount.t !== 'int' && amount.t !== 'float') throw new PatternError('WITHIN needs a number');
        this.take('SECONDS');
        qualifiers.push(`WITHIN ${amount.v} SECONDS`);
      } else if (q === 'REPEATS') {
        this.take();
        const amount = this.take('int');
        this.take('TIMES');
        qualifiers.push(`REPEATS ${amount.v} TIMES`);
      } else if (q === 'START') {
        this.take();
        const from = this.take('timestamp');
        this.take('STOP');
        const to = this.take('timestamp');
        qualifiers.push(`START t'${from.v}' STOP t'${to.v}'`);
      } else break;
    }
    this.depth -= 1;
    if (qualifiers.length === 0) return expr;
    if (expr.type === 'observation') return { ...expr, qualifiers: [...expr.qualifiers, ...qualifiers] };
    return { type: 'observation', comparison: { type: 'and', items: [] }, qualifiers };
  }

  private comparisonOr(): ComparisonExpr {
    const items = [this.comparisonAnd()];
    while (this.peek()?.t === 'OR') {
      this.take();
      items.push(this.comparisonAnd());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  }

  private comparisonAnd(): ComparisonExpr {
    const items = [this.propTest()];
    while (this.peek()?.t === 'AND') {
      this.take();
      items.push(this.propTest());
    }
    return items.length === 1 ? items[0]! : { type: 'and', items };
  }

  private propTest(): ComparisonExpr {
    this.enter();
    try {
      const token = this.peek();
      if (token?.t === '(') {
        this.take();
        const inner = this.comparisonOr();
        this.take(')');
        return inner;
      }
      this.comparisons += 1;
      if (this.comparisons > PATTERN_LIMITS.maxComparisons)
        throw new PatternError(`more than ${PATTERN_LIMITS.maxComparisons} comparisons`);
      if (token?.t === 'EXISTS') {
        this.take();
        const { objectType, path } = this.objectPath();
        return { type: 'comparison', objectType, path, op: 'EXISTS', negated: false, value: null };
      }
      const { objectType, path } = this.objectPath();
      let negated = false;
      if (this.peek()?.t === 'NOT') {
        this.take();
        negated = true;
      }
      const opToken = this.take();
      let op: string;
      if (opToken.t === 'op') op = opToken.v;
      else if (['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'].includes(opToken.t)) op = opToken.t;
      else throw new PatternError(`expected a comparison operator at position ${opToken.at}`);
      const value = op === 'IN' ? this.setLiteral() : this.literal();
      return { type: 'comparison', objectType, path, op, negated, value };
    } finally {
      this.depth -= 1;
    }
  }

  private objectPath(): { objectType: string; path: string } {
    const type = this.take();
    if (type.t !== 'ident')
      throw new PatternError(
        `expected an object type at position ${type.at}, found ${JSON.stringify(type.v)}`,
      );
    if (!/^[a-z0-9][a-z0-9-]*$/.test(type.v))
      throw new PatternError(`${JSON.stringify(type.v)} is not a valid object type (lower case, digits, -)`);
    this.take(':');
    const parts: string[] = [this.pathComponent()];
    for (;;) {
      const next = this.peek()?.t;
      if (next === '.') {
        this.take();
        parts.push(`.${this.pathComponent()}`);
      } else if (next === '[' && this.isIndex()) {
        this.take();
        const index = this.take();
        if (index.t !== 'int' && index.t !== '*') throw new PatternError('a list index is a number or *');
        this.take(']');
        parts.push(`[${index.v}]`);
      } else break;
    }
    return { objectType: type.v, path: parts.join('') };
  }

  private isIndex(): boolean {
    const a = this.peek(1)?.t;
    return (a === 'int' || a === '*') && this.peek(2)?.t === ']';
  }

  private pathComponent(): string {
    const token = this.take();
    if (token.t === 'ident') return token.v;
    if (token.t === 'string') return token.v;
    throw new PatternError(`expected a property name at position ${token.at}`);
  }

  private literal(): Literal {
    const token = this.take();
    switch (token.t) {
      case 'string':
        return { kind: 'string', value: token.v };
      case 'int':
        return { kind: 'int', value: Number(token.v) };
      case 'float':
        return { kind: 'float', value: Number(token.v) };
      case 'bool':
        return { kind: 'bool', value: token.v === 'true' };
      case 'binary':
      case 'hex':
      case 'timestamp':
        return { kind: token.t, value: token.v };
      default:
        throw new PatternError(`expected a value at position ${token.at}, found ${JSON.stringify(token.v)}`);
    }
  }

  private setLiteral(): Literal {
    this.take('(');
    const values: Literal[] = [this.literal()];
    while (this.peek()?.t === ',') {
      this.take();
      values.push(this.literal());
      if (values.length > PATTERN_LIMITS.maxTerms)
        throw new PatternError(`a set of more than ${PATTERN_LIMITS.maxTerms} values`);
    }
    this.take(')');
    return { kind: 'set', values };
  }
}

/** Parses a STIX 2.1 pattern; throws PatternError naming what is wrong. */
export function parseStixPattern(pattern: string): ObservationExpr {
  if (typeof pattern !== 'string' || pattern.trim() === '') throw new PatternError('the pattern is empty');
  if (pattern.length > PATTERN_LIMITS.maxLength)
    throw new PatternError(`the pattern is longer than ${PATTERN_LIMITS.maxLength} characters`);
  return new Parser(tokenize(pattern)).parsePattern();
}

/** An identifier a pattern names. */
/** `hashed`: the value is a salted SHA-256 in hex (HASHED_STIX_TYPE), not the identifier itself. */
export type PatternIdentifier = { kind: IndicatorKind; value: string; hashed?: true };

const WALLET_TYPES = new Set(['cryptocurrency-wallet', 'x-cryptocurrency-wallet', 'x-crypto-wallet']);
const PHONE_TYPES = new Set(['x-phone', 'x-phone-number', 'phone-number']);

/** Disjunctive normal form of a comparison expression (bounded). */
function toDnf(expr: ComparisonExpr): Comparison[][] {
  if (expr.type === 'comparison') {
    if (expr.op === 'IN' && !expr.negated && expr.value?.kind === 'set')
      return expr.value.values.map((v) => [{ ...expr, op: '=', value: v }]);
    return [[expr]];
  }
  if (expr.type === 'or') {
    const out = expr.items.flatMap(toDnf);
    if (out.length > PATTERN_LIMITS.maxTerms) throw new PatternError('the pattern has too many alternatives');
    return out;
  }
  let acc: Comparison[][] = [[]];
  for (const item of expr.items) {
    const next: Comparison[][] = [];
    for (const left of acc)
      for (const right of toDnf(item)) {
        next.push([...left, ...right]);
        if (next.length > PATTERN_LIMITS.maxTerms)
          throw new PatternError('the pattern has too many alternatives');
      }
    acc = next;
  }
  return acc;
}

function describe(c: Comparison): string {
  return `${c.objectType}:${c.path} ${c.negated ? 'NOT ' : ''}${c.op}`;
}

function stringValue(c: Comparison): string {
  if (c.negated || c.op !== '=')
    throw new PatternError(
      `${describe(c)} is not supported: only = (or IN a set of strings) names an identifier`,
    );
  if (c.value?.kind !== 'string') throw new PatternError(`${describe(c)} must compare with a string`);
  return c.value.value;
}

/** `[x-gatecheck-hashed-identifier:kind = 'email' AND x-gatecheck-hashed-identifier:sha256 = '…']`. */
function hashedIdentifierOf(conj: Comparison[]): PatternIdentifier {
  const values: Record<string, string> = {};
  for (const c of conj) {
    if (c.path !== 'kind' && c.path !== 'sha256')
      throw new PatternError(`the property ${HASHED_STIX_TYPE}:${c.path} is not supported (kind, sha256)`);
    const v = stringValue(c);
    if (values[c.path] !== undefined && values[c.path] !== v)
      throw new PatternError('two different values can never both match');
    values[c.path] = v;
  }
  const kind = values.kind?.toLowerCase();
  if (kind === undefined || values.sha256 === undefined)
    throw new PatternError(`a hashed identifier needs both ${HASHED_STIX_TYPE}:kind and :sha256`);
  if (!isIndicatorKind(kind) || !isHashableKind(kind))
    throw new PatternError(
      `hashed identifiers of kind '${kind.slice(0, 40)}' are not supported (email, phone)`,
    );
  return { kind, value: values.sha256, hashed: true };
}

/** The one identifier a conjunction of comparisons names. */
function identifierOf(conj: Comparison[]): PatternIdentifier {
  const type = conj[0]?.objectType;
  if (type === undefined) throw new PatternError('an observation with no comparison');
  if (conj.some((c) => c.objectType !== type))
    throw new PatternError(
      `AND across object types (${[...new Set(conj.map((c) => c.objectType))].join(', ')}) is not supported`,
    );
  if (type === HASHED_STIX_TYPE) return hashedIdentifierOf(conj);
  let kind: IndicatorKind | undefined;
  let valueProps: Set<string>;
  let accountType: string | undefined;
  if (type === 'email-addr') [kind, valueProps] = ['email', new Set(['value'])];
  else if (type === 'ipv4-addr' || type === 'ipv6-addr') [kind, valueProps] = ['ip', new Set(['value'])];
  else if (type === 'domain-name') [kind, valueProps] = ['domain', new Set(['value'])];
  else if (type === 'url') [kind, valueProps] = ['url', new Set(['value'])];
  else if (WALLET_TYPES.has(type)) [kind, valueProps] = ['wallet', new Set(['value', 'address'])];
  else if (PHONE_TYPES.has(type)) [kind, valueProps] = ['phone', new Set(['value', 'number'])];
  else if (type === 'user-account') {
    valueProps = new Set(['account_login']);
    for (const c of conj) {
      if (c.path !== 'account_type') continue;
      const t = stringValue(c).toLowerCase();
      if (accountType !== undefined && accountType !== t)
        throw new PatternError('two different account_type values can never match');
      accountType = t;
    }
    if (accountType === 'github') kind = 'github';
    else if (accountType === 'phone' || accountType === 'phone-number' || accountType === 'whatsapp')
      kind = 'phone';
    else if (accountType === undefined)
      throw new PatternError(
        "user-account needs account_type (e.g. 'github' or 'phone'): without it the service is not known",
      );
    else
      throw new PatternError(
        `user-account of account_type '${accountType}' is not supported (github, phone)`,
      );
  } else throw new PatternError(`the object type ${type} is not supported`);
  let value: string | undefined;
  for (const c of conj) {
    if (type === 'user-account' && c.path === 'account_type') continue;
    if (!valueProps.has(c.path))
      throw new PatternError(
        `the property ${type}:${c.path} is not supported (${[...valueProps].join(', ')})`,
      );
    const v = stringValue(c);
    if (value !== undefined && value !== v)
      throw new PatternError('two different values can never both match');
    value = v;
  }
  if (value === undefined) throw new PatternError(`no ${type}:${[...valueProps][0]} comparison`);
  return { kind, value };
}

function collect(expr: ObservationExpr, out: PatternIdentifier[]): void {
  if (expr.type === 'observation') {
    if (expr.qualifiers.length > 0)
      throw new PatternError(`qualifiers (${expr.qualifiers.join(', ')}) are not supported`);
    for (const conj of toDnf(expr.comparison)) out.push(identifierOf(conj));
    return;
  }
  if (expr.type === 'or') {
    for (const item of expr.items) collect(item, out);
    return;
  }
  throw new PatternError(
    `${expr.type === 'and' ? 'AND' : 'FOLLOWEDBY'} between observations (several things seen together) is not supported`,
  );
}

/** The identifiers a pattern names (raw values, not yet normalised). Throws PatternError when unsupported. */
export function patternIdentifiers(pattern: string): PatternIdentifier[] {
  const out: PatternIdentifier[] = [];
  collect(parseStixPattern(pattern), out);
  if (out.length > PATTERN_LIMITS.maxTerms) throw new PatternError('the pattern names too many identifiers');
  return out;
}
