/**
 * Checks a value against the JSON Schema subset that MCP tool input schemas use (what zod and
 * other generators emit): type, properties, required, additionalProperties, items, enum,
 * const, string/number/array bounds, pattern, anyOf/oneOf/allOf, local `$ref`s. Unknown
 * keywords are ignored, so an unusual schema is permissive rather than wrongly strict.
 * Returns the problems, each naming the path (`$.owner`); empty when the value fits.
 */
export function checkJsonSchema(schema: unknown, value: unknown, maxProblems = 10): string[] {
  const problems: string[] = [];
  check(asSchema(schema), value, '$', problems, asSchema(schema));
  return problems.slice(0, maxProblems);
}

type Schema = Record<string, unknown>;

const asSchema = (s: unknown): Schema =>
  s !== null && typeof s === 'object' && !Array.isArray(s) ? (s as Schema) : {};
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function fitsType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function resolveRef(ref: string, root: Schema): Schema {
  if (!ref.startsWith('#')) return {};
  let node: unknown = root;
  for (const part of ref
    .slice(1)
    .split('/')
    .filter((p) => p.length > 0)) {
    node = isObject(node)
      ? node[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))]
      : undefined;
  }
  return asSchema(node);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function check(
  schema: Schema,
  value: unknown,
  path: string,
  problems: string[],
  root: Schema,
): void {
  if (typeof schema.$ref === 'string')
    check(resolveRef(schema.$ref, root), value, path, problems, root);

  const types =
    typeof schema.type === 'string'
      ? [schema.type]
      : Array.isArray(schema.type)
        ? (schema.type as string[])
        : undefined;
  if (types && !types.some((t) => fitsType(value, t))) {
    problems.push(`${path}: expected ${types.join(' or ')}, got ${typeOf(value)}`);
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) {
    problems.push(
      `${path}: must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`,
    );
  }
  if ('const' in schema && schema.const !== value)
    problems.push(`${path}: must be ${JSON.stringify(schema.const)}`);

  if (typeof value === 'string') checkString(schema, value, path, problems);
  if (typeof value === 'number') checkNumber(schema, value, path, problems);
  if (Array.isArray(value)) {
    const min = num(schema.minItems);
    const max = num(schema.maxItems);
    if (min !== undefined && value.length < min)
      problems.push(`${path}: needs at least ${min} item(s)`);
    if (max !== undefined && value.length > max)
      problems.push(`${path}: allows at most ${max} item(s)`);
    if (isObject(schema.items))
      value.forEach((item, i) =>
        check(schema.items as Schema, item, `${path}[${i}]`, problems, root),
      );
  }
  if (isObject(value)) checkObject(schema, value, path, problems, root);

  if (Array.isArray(schema.allOf))
    for (const s of schema.allOf) check(asSchema(s), value, path, problems, root);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (!Array.isArray(options) || options.length === 0) continue;
    const fits = options.filter((s) => {
      const sub: string[] = [];
      check(asSchema(s), value, path, sub, root);
      return sub.length === 0;
    }).length;
    if (fits === 0 || (key === 'oneOf' && fits > 1))
      problems.push(
        `${path}: does not match ${key === 'oneOf' ? 'exactly one' : 'any'} of the allowed forms`,
      );
  }
}

function checkString(schema: Schema, value: string, path: string, problems: string[]): void {
  const min = num(schema.minLength);
  const max = num(schema.maxLength);
  const length = [...value].length;
  if (min !== undefined && length < min)
    problems.push(`${path}: must be at least ${min} character(s)`);
  if (max !== undefined && length > max)
    problems.push(`${path}: must be at most ${max} character(s)`);
  if (typeof schema.pattern === 'string') {
    try {
      if (!new RegExp(schema.pattern, 'u').test(value))
        problems.push(`${path}: does not match the expected format`);
    } catch {
      // A pattern this engine cannot compile is left to the server to check.
    }
  }
}

function checkNumber(schema: Schema, value: number, path: string, problems: string[]): void {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  if (typeof minimum === 'number' && value < minimum)
    problems.push(`${path}: must be >= ${minimum}`);
  if (typeof maximum === 'number' && value > maximum)
    problems.push(`${path}: must be <= ${maximum}`);
  if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum)
    problems.push(`${path}: must be > ${exclusiveMinimum}`);
  if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum)
    problems.push(`${path}: must be < ${exclusiveMaximum}`);
  if (
    typeof multipleOf === 'number' &&
    multipleOf > 0 &&
    Math.abs(value / multipleOf - Math.round(value / multipleOf)) > 1e-9
  ) {
    problems.push(`${path}: must be a multiple of ${multipleOf}`);
  }
}

function checkObject(
  schema: Schema,
  value: Record<string, unknown>,
  path: string,
  problems: string[],
  root: Schema,
): void {
  const properties = isObject(schema.properties) ? schema.properties : {};
  if (Array.isArray(schema.required)) {
    for (const key of schema.required) {
      if (typeof key === 'string' && value[key] === undefined)
        problems.push(`${path}.${key}: is required`);
    }
  }
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    if (key in properties)
      check(asSchema(properties[key]), child, `${path}.${key}`, problems, root);
    else if (schema.additionalProperties === false)
      problems.push(`${path}.${key}: is not an accepted argument (${describe(key)})`);
    else if (isObject(schema.additionalProperties))
      check(schema.additionalProperties, child, `${path}.${key}`, problems, root);
  }
}
