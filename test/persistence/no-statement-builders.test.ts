import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const PERSISTENCE = join(ROOT, 'src', 'persistence');

/** A name that says it builds a statement: `ticketInsert`, `outboxSentUpdate`, `historyPostUpsert`, `enqueueStatements`. */
const BUILDER_NAME = /(Insert|Update|Upsert|Statements?)$/;

/** The start of a whole statement written in a literal (fragments such as `(?, ?)` or a VALUES list are not statements). */
const STATEMENT_TEXT = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));

/**
 * What every module of src/persistence exports that hands out SQL: an exported function (or a
 * public method or property of an exported class) whose value, awaited and unwrapped from arrays,
 * has an `sql` text or is a TypeORM query builder; an exported type with one; an exported function named like a statement;
 * an exported function, method or constant that hands out text (a string, or a tuple or array holding one) and writes a
 * whole statement in a literal (`'INSERT …'`, `` `SELECT ${…}` ``).
 * Issue 15: SQL stays private to the repository that writes it; writes that must run together
 * join a WriteBatch instead.
 */
const statementBuilders = (): string[] => {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const files = sourceFiles(PERSISTENCE);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const checker = program.getTypeChecker();

  const carriesSql = (type: ts.Type, seen = new Set<ts.Type>()): boolean => {
    if (seen.has(type)) return false;
    seen.add(type);
    if (type.isUnion() || type.isIntersection()) return type.types.some((part) => carriesSql(part, seen));
    const awaited = checker.getAwaitedType(type);
    if (awaited && awaited !== type) return carriesSql(awaited, seen);
    if (checker.isArrayType(type) || checker.isTupleType(type)) return checker.getTypeArguments(type as ts.TypeReference).some((element) => carriesSql(element, seen));
    // TypeORM's query builders; TypeORM's DataSource and EntityManager have an `sql` tagged template, a function, not a text.
    if (type.getProperty('getQueryAndParameters')) return true;
    const sql = type.getProperty('sql');
    return sql !== undefined && (checker.getTypeOfSymbol(sql).flags & ts.TypeFlags.StringLike) !== 0;
  };
  const returnsSql = (type: ts.Type): boolean => type.getCallSignatures().some((signature) => carriesSql(signature.getReturnType()));
  // SQL handed out as plain text (a string, or a tuple or array holding one), which the type alone cannot tell from other text.
  const carriesText = (type: ts.Type, seen = new Set<ts.Type>()): boolean => {
    if (seen.has(type)) return false;
    seen.add(type);
    if (type.flags & ts.TypeFlags.StringLike) return true;
    if (type.isUnion() || type.isIntersection()) return type.types.some((part) => carriesText(part, seen));
    const awaited = checker.getAwaitedType(type);
    if (awaited && awaited !== type) return carriesText(awaited, seen);
    if (checker.isArrayType(type) || checker.isTupleType(type)) return checker.getTypeArguments(type as ts.TypeReference).some((element) => carriesText(element, seen));
    return false;
  };
  // Whether an expression's value is (built from) a whole statement written in a literal; a statement passed to a call that runs it is not handed out.
  const isStatementText = (node: ts.Expression, seen = new Set<ts.Node>()): boolean => {
    if (seen.has(node)) return false;
    seen.add(node);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return STATEMENT_TEXT.test(node.text);
    if (ts.isTemplateExpression(node)) return STATEMENT_TEXT.test(node.head.text);
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isAwaitExpression(node)) return isStatementText(node.expression, seen);
    if (ts.isConditionalExpression(node)) return isStatementText(node.whenTrue, seen) || isStatementText(node.whenFalse, seen);
    if (ts.isBinaryExpression(node)) return isStatementText(node.left, seen);
    if (ts.isArrayLiteralExpression(node)) return node.elements.some((element) => isStatementText(element, seen));
    if (ts.isIdentifier(node)) {
      const declared = checker.getSymbolAtLocation(node)?.valueDeclaration;
      return declared !== undefined && ts.isVariableDeclaration(declared) && declared.initializer !== undefined && isStatementText(declared.initializer, seen);
    }
    return false;
  };
  // What a declaration hands out: a function's returned expressions (not those of functions inside it), or a constant's value.
  const handedOut = (declaration: ts.Node): ts.Expression[] => {
    const value = ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) ? declaration.initializer : declaration;
    if (!value) return [];
    if (!ts.isArrowFunction(value) && !ts.isFunctionExpression(value) && !ts.isFunctionDeclaration(value) && !ts.isMethodDeclaration(value)) return ts.isExpression(value) ? [value] : [];
    if (!value.body) return [];
    if (!ts.isBlock(value.body)) return [value.body];
    const returned: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(value.body, visit);
    return returned;
  };
  const handsOutStatementText = (type: ts.Type, declaration: ts.Node): boolean =>
    (type.getCallSignatures().some((signature) => carriesText(signature.getReturnType())) || (type.getCallSignatures().length === 0 && carriesText(type))) &&
    handedOut(declaration).some((expression) => isStatementText(expression));
  const isPublic = (symbol: ts.Symbol): boolean =>
    !symbol.getName().startsWith('#') && (symbol.declarations ?? []).every((declaration) => (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0);

  const found: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) continue;
    const where = relative(ROOT, file);
    for (const symbol of checker.getExportsOfModule(module)) {
      if (symbol.flags & ts.SymbolFlags.Alias) continue; // a re-export: checked where it is declared
      const name = symbol.getName();
      const declaration = symbol.declarations?.[0];
      if (!declaration) continue;
      if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
        if (carriesSql(checker.getDeclaredTypeOfSymbol(symbol))) found.push(`${where}: type ${name} carries SQL`);
        continue;
      }
      if (symbol.flags & ts.SymbolFlags.Class) {
        const instance = checker.getDeclaredTypeOfSymbol(symbol);
        const statics = checker.getTypeOfSymbolAtLocation(symbol, declaration);
        for (const member of [...instance.getProperties(), ...statics.getProperties()].filter(isPublic)) {
          const type = checker.getTypeOfSymbolAtLocation(member, declaration);
          const memberDeclaration = member.declarations?.[0];
          if (returnsSql(type) || carriesSql(type) || (memberDeclaration && handsOutStatementText(type, memberDeclaration))) found.push(`${where}: ${name}.${member.getName()} hands out SQL`);
        }
        continue;
      }
      const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
      const callable = type.getCallSignatures().length > 0;
      if (callable && returnsSql(type)) found.push(`${where}: ${name} returns SQL`);
      else if (callable && BUILDER_NAME.test(name)) found.push(`${where}: ${name} is named like a statement builder`);
      else if (handsOutStatementText(type, declaration)) found.push(`${where}: ${name} hands out SQL as text`);
      else if (!callable && carriesSql(type)) found.push(`${where}: ${name} carries SQL`);
    }
  }
  return found;
};

describe('persistence in one style', () => {
  it('exports no statement builders: SQL stays in the repository that writes it', () => {
    expect(statementBuilders()).toEqual([]);
  });
});
