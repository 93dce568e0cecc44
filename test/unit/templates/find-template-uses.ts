import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import ts from "typescript";

/**
 * Every place the source names a template, read statically (parsed, never run), for
 * template-keys.test.ts. A key is followed to the literals it can be: a conditional's branches,
 * `??` and `||`, a const, a const lookup table's values (`LABEL[x]`), a template string whose parts
 * resolve (`title${kind}` with `const kind = { first: "First", … }[step]`), a parameter typed as a
 * union of string literals. A parameter of a named function that goes straight into the key makes
 * that function a wrapper (`tableProblem(line, "noHeader")`), whose callers are then read too.
 * What stays unknown is reported with the key as written, for the test to list by hand.
 */

/** One call that renders a catalogue message. */
export interface KeySite {
  file: string;
  line: number;
  /** Undefined when the catalogue is not a literal. */
  catalog: string | undefined;
  /** The key argument as written. */
  keyText: string;
  /** Every key the argument can be; undefined when it is computed in a way the reader cannot follow. */
  keys: string[] | undefined;
}

/** One `renderFile(name, …)` call. */
export interface FileSite {
  file: string;
  line: number;
  nameText: string;
  name: string | undefined;
}

/** A message function used other than by calling it with a key (passed around, spread, …). */
export interface Misuse {
  file: string;
  line: number;
  text: string;
}

export interface TemplateUses {
  keys: KeySite[];
  files: FileSite[];
  misuses: Misuse[];
}

const STORE = "src/templates/template-store.ts";

/** The .ts files under `dir`, by path from `root` ("src/…/x.ts"). */
export function readSources(root: string, dir = "src"): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(join(root, at), { withFileTypes: true })) {
      const path = posix.join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
        out.set(path, readFileSync(join(root, path), "utf8"));
    }
  };
  walk(dir);
  return out;
}

/** A function whose argument `keyIndex` is a key of `catalog` (or, for `message`, whose argument 0 is the catalogue). */
interface Keyed {
  catalog: string | undefined;
  keyIndex: number;
}

type Resolved =
  | { kind: "keys"; keys: string[] }
  | { kind: "param"; fn: ts.Node; index: number }
  | { kind: "unknown" };

const UNKNOWN: Resolved = { kind: "unknown" };
const BASE = Symbol("message");
const FACTORY = Symbol("messages");
const RENDER = Symbol("renderFile");
const STORE_EXPORTS: Readonly<Record<string, typeof BASE | typeof FACTORY | typeof RENDER>> = {
  message: BASE,
  messages: FACTORY,
  renderFile: RENDER,
};

/** `files`: path ("src/reminders/render-reminder.ts") → source text, as readSources gives them. */
export function findTemplateUses(files: ReadonlyMap<string, string>): TemplateUses {
  const sources = new Map<string, ts.SourceFile>();
  for (const [path, text] of files)
    sources.set(path, ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true));
  const wrappers = new Map<ts.Node, Keyed>();

  /** What a declaration is, as far as templates go. */
  const role = (
    decl: ts.Node | undefined,
    seen = 0,
  ): Keyed | typeof BASE | typeof FACTORY | typeof RENDER | undefined => {
    if (!decl || seen > 10) return undefined;
    if (ts.isImportSpecifier(decl)) {
      const from = decl.parent.parent.parent.moduleSpecifier;
      if (!ts.isStringLiteral(from) || !from.text.startsWith(".")) return undefined;
      const target = posix
        .normalize(posix.join(posix.dirname(decl.getSourceFile().fileName), from.text))
        .replace(/\.js$/, ".ts");
      const name = (decl.propertyName ?? decl.name).text;
      if (target === STORE) return Object.hasOwn(STORE_EXPORTS, name) ? STORE_EXPORTS[name] : undefined;
      const source = sources.get(target);
      return source ? role(findExport(source, name), seen + 1) : undefined;
    }
    const wrapper = wrappers.get(decl);
    if (wrapper) return wrapper;
    if (ts.isVariableDeclaration(decl) && decl.initializer && ts.isCallExpression(decl.initializer)) {
      const call = decl.initializer;
      if (ts.isIdentifier(call.expression) && role(declarationOf(call.expression), seen + 1) === FACTORY) {
        const catalog = literalsOf(call.arguments[0]);
        return { catalog: catalog?.length === 1 ? catalog[0] : undefined, keyIndex: 0 };
      }
    }
    return undefined;
  };

  const read = (): TemplateUses => {
    const uses: TemplateUses = { keys: [], files: [], misuses: [] };
    for (const [path, source] of sources) {
      const at = (node: ts.Node) => ({
        file: path,
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      });
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && isReference(node)) {
          const found = role(declarationOf(node));
          const call =
            ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent : undefined;
          const bound =
            found === FACTORY &&
            call &&
            ts.isVariableDeclaration(call.parent) &&
            call.parent.initializer === call;
          if (found !== undefined && !call) uses.misuses.push({ ...at(node), text: node.parent.getText() });
          else if (found === FACTORY && call && !bound)
            uses.misuses.push({ ...at(node), text: call.getText() });
          else if (found === RENDER && call) {
            const name = literalsOf(call.arguments[0]);
            const nameText = call.arguments[0]?.getText() ?? "";
            uses.files.push({ ...at(call), nameText, name: name?.length === 1 ? name[0] : undefined });
          } else if ((found === BASE || typeof found === "object") && call) {
            const site = readSite(
              call,
              found === BASE ? { catalog: undefined, keyIndex: 1 } : found,
              found === BASE,
            );
            // A key passed straight through from a parameter is checked where the function is called.
            if (site.resolved.kind === "param" && site.catalog !== undefined) {
              if (!wrappers.has(site.resolved.fn))
                wrappers.set(site.resolved.fn, { catalog: site.catalog, keyIndex: site.resolved.index });
            } else
              uses.keys.push({
                ...at(call),
                catalog: site.catalog,
                keyText: site.keyText,
                keys: site.resolved.kind === "keys" ? site.resolved.keys : undefined,
              });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    return uses;
  };

  // Wrappers found in one pass make their callers sites in the next; stop once no new one appears.
  let before: number;
  let uses: TemplateUses;
  do {
    before = wrappers.size;
    uses = read();
  } while (wrappers.size !== before);
  return uses;
}

function readSite(call: ts.CallExpression, keyed: Keyed, catalogFromArgument: boolean) {
  let catalog = keyed.catalog;
  if (catalogFromArgument) {
    const found = literalsOf(call.arguments[0]);
    catalog = found?.length === 1 ? found[0] : undefined;
  }
  const key = call.arguments[keyed.keyIndex];
  return { catalog, keyText: key?.getText() ?? "", resolved: key ? resolve(key, 0) : UNKNOWN };
}

function literalsOf(expr: ts.Expression | undefined): string[] | undefined {
  if (!expr) return undefined;
  const resolved = resolve(expr, 0);
  return resolved.kind === "keys" ? resolved.keys : undefined;
}

function resolve(expr: ts.Expression, depth: number): Resolved {
  if (depth > 20) return UNKNOWN;
  const next = depth + 1;
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr))
    return { kind: "keys", keys: [expr.text] };
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr))
    return resolve(expr.expression, next);
  if (ts.isNonNullExpression(expr)) return resolve(expr.expression, next);
  if (ts.isConditionalExpression(expr))
    return union(resolve(expr.whenTrue, next), resolve(expr.whenFalse, next));
  if (
    ts.isBinaryExpression(expr) &&
    (expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
      expr.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  )
    return union(resolve(expr.left, next), resolve(expr.right, next));
  if (ts.isElementAccessExpression(expr)) {
    const values = tableValues(expr.expression, next);
    return values ? { kind: "keys", keys: values } : UNKNOWN;
  }
  if (ts.isTemplateExpression(expr)) {
    let keys = [expr.head.text];
    for (const span of expr.templateSpans) {
      const part = resolve(span.expression, next);
      if (part.kind !== "keys") return UNKNOWN;
      keys = keys.flatMap((before) => part.keys.map((value) => `${before}${value}${span.literal.text}`));
    }
    return { kind: "keys", keys: [...new Set(keys)] };
  }
  if (ts.isIdentifier(expr)) {
    const decl = declarationOf(expr);
    if (!decl) return UNKNOWN;
    if (ts.isParameter(decl) && ts.isIdentifier(decl.name)) {
      const typed = decl.type ? typeLiterals(decl.type, decl.getSourceFile(), next) : undefined;
      if (typed) return { kind: "keys", keys: typed };
      const fn = decl.parent;
      const named = ts.isFunctionDeclaration(fn)
        ? fn.name && fn
        : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)
          ? fn.parent
          : undefined;
      return named ? { kind: "param", fn: named, index: fn.parameters.indexOf(decl) } : UNKNOWN;
    }
    if (ts.isVariableDeclaration(decl) && decl.initializer && isConst(decl))
      return resolve(decl.initializer, next);
  }
  return UNKNOWN;
}

function union(a: Resolved, b: Resolved): Resolved {
  return a.kind === "keys" && b.kind === "keys"
    ? { kind: "keys", keys: [...new Set([...a.keys, ...b.keys])] }
    : UNKNOWN;
}

/** The string values of a lookup table (`{ a: "x", b: "y" }`, or a const bound to one), else undefined. */
function tableValues(expr: ts.Expression, depth: number): string[] | undefined {
  if (depth > 20) return undefined;
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr))
    return tableValues(expr.expression, depth + 1);
  if (ts.isIdentifier(expr)) {
    const decl = declarationOf(expr);
    return decl && ts.isVariableDeclaration(decl) && decl.initializer && isConst(decl)
      ? tableValues(decl.initializer, depth + 1)
      : undefined;
  }
  if (!ts.isObjectLiteralExpression(expr)) return undefined;
  const values: string[] = [];
  for (const property of expr.properties) {
    if (!ts.isPropertyAssignment(property)) return undefined;
    const value = resolve(property.initializer, depth + 1);
    if (value.kind !== "keys") return undefined;
    values.push(...value.keys);
  }
  return [...new Set(values)];
}

/** The literals of a type made of string literals: `"a" | "b"`, a local alias of one, `Extract<T, "a" | "b">`. */
function typeLiterals(type: ts.TypeNode, source: ts.SourceFile, depth: number): string[] | undefined {
  if (depth > 20) return undefined;
  if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text];
  if (ts.isParenthesizedTypeNode(type)) return typeLiterals(type.type, source, depth + 1);
  if (ts.isUnionTypeNode(type)) {
    const all: string[] = [];
    for (const member of type.types) {
      const found = typeLiterals(member, source, depth + 1);
      if (!found) return undefined;
      all.push(...found);
    }
    return all;
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    const [, narrowed] = type.typeArguments ?? [];
    if (name === "Extract" && narrowed) return typeLiterals(narrowed, source, depth + 1);
    const alias = source.statements.find(
      (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name,
    );
    return alias ? typeLiterals(alias.type, source, depth + 1) : undefined;
  }
  return undefined;
}

const isConst = (decl: ts.VariableDeclaration): boolean =>
  ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;

/** A top-level exported function or const named `name`. */
function findExport(source: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement;
    if (ts.isVariableStatement(statement))
      for (const decl of statement.declarationList.declarations)
        if (ts.isIdentifier(decl.name) && decl.name.text === name) return decl;
  }
  return undefined;
}

/** The declaration an identifier refers to, by walking out through the scopes that enclose it. */
function declarationOf(id: ts.Identifier): ts.Node | undefined {
  const name = id.text;
  for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      for (const parameter of scope.parameters) {
        const found = bindingNamed(parameter.name, name, parameter);
        if (found) return found;
      }
    }
    const statements =
      ts.isSourceFile(scope) ||
      ts.isBlock(scope) ||
      ts.isModuleBlock(scope) ||
      ts.isCaseOrDefaultClause(scope)
        ? scope.statements
        : undefined;
    for (const statement of statements ?? []) {
      if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) {
          const found = bindingNamed(decl.name, name, decl);
          if (found) return found;
        }
      } else if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement;
      else if (ts.isImportDeclaration(statement)) {
        const bindings = statement.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings))
          for (const specifier of bindings.elements) if (specifier.name.text === name) return specifier;
      }
    }
    if (
      (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) &&
      scope.initializer &&
      ts.isVariableDeclarationList(scope.initializer)
    ) {
      for (const decl of scope.initializer.declarations) {
        const found = bindingNamed(decl.name, name, decl);
        if (found) return found;
      }
    }
    if (ts.isCatchClause(scope) && scope.variableDeclaration) {
      const found = bindingNamed(scope.variableDeclaration.name, name, scope.variableDeclaration);
      if (found) return found;
    }
  }
  return undefined;
}

/** `owner` when `binding` is the plain name `name`, the binding element when a destructuring binds it. */
function bindingNamed(binding: ts.BindingName, name: string, owner: ts.Node): ts.Node | undefined {
  if (ts.isIdentifier(binding)) return binding.text === name ? owner : undefined;
  for (const element of binding.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (
      ts.isIdentifier(element.name) ? element.name.text === name : bindingNamed(element.name, name, element)
    )
      return element;
  }
  return undefined;
}

/** An identifier that names a value in scope (not a property name, a declaration's own name or a type). */
function isReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if (ts.isQualifiedName(parent) && parent.right === id) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === id) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === id) return false;
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isBindingElement(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isTypeAliasDeclaration(parent) ||
      ts.isInterfaceDeclaration(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isEnumMember(parent) ||
      ts.isPropertyAccessExpression(parent)) &&
    (parent as { name?: ts.Node }).name === id
  )
    return false;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isExportSpecifier(parent)) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isTypeQueryNode(parent)) return false;
  return true;
}
