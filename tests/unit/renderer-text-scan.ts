/**
 * Finds user-visible text written straight into renderer source instead of renderer/text: JSX text with a
 * letter in it, string literals in text props (aria-label, title, placeholder, alt, label), and string
 * literals elsewhere that read like prose (a capitalised word, or words with spaces, outside className and
 * other code props). A single lower-case word (`offline`) is not told from a name for code. Uses the TypeScript parser, so no regex walks the source.
 */
import ts from 'typescript';

export interface StrayText {
  line: number;
  text: string;
  why: 'jsx-text' | 'text-prop' | 'literal';
}

/** Props whose value the user reads or hears. */
const TEXT_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);
/** Props whose value is a name for code or styling, never read by the user. */
const CODE_PROPS = new Set(['className', 'type', 'id', 'role', 'key', 'aria-keyshortcuts', 'aria-live', 'htmlFor']);

function hasLetter(s: string): boolean {
  for (const ch of s) if (ch.toLowerCase() !== ch.toUpperCase()) return true;
  return false;
}

/** Reads like something a person is meant to read. */
export function looksLikeProse(s: string): boolean {
  const t = s.trim();
  if (!hasLetter(t)) return false;
  const first = t.charAt(0);
  // `POST` is a name for code; `Fine` is a word. (`ArrowDown` is compared against: see isCodeUse.)
  const capitalised = first.toUpperCase() === first && first.toLowerCase() !== first && t.toUpperCase() !== t;
  if (capitalised) return true;
  return t.includes(' ');
}

/**
 * The JSX prop a literal is the value of, also through `cond ? 'a' : 'b'` or a template: `className={…}`.
 * Stops at anything that starts a new context (a function, a JSX element, a statement).
 */
function attributeName(node: ts.Node): string | null {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isJsxAttribute(n)) return n.name.getText();
    const passesThrough =
      ts.isJsxExpression(n) ||
      ts.isConditionalExpression(n) ||
      ts.isParenthesizedExpression(n) ||
      ts.isTemplateSpan(n) ||
      ts.isTemplateExpression(n) ||
      ts.isBinaryExpression(n);
    if (!passesThrough) return null;
  }
  return null;
}

/** A literal that names something for code: compared, a switch case, an import, a key, a type. */
function isCodeUse(node: ts.Node): boolean {
  const p = node.parent;
  if (!p) return false;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isExternalModuleReference(p)) return true;
  if (ts.isLiteralTypeNode(p) || ts.isCaseClause(p) || ts.isElementAccessExpression(p)) return true;
  if (ts.isPropertyAssignment(p) && p.name === node) return true;
  // A note for developers in the console, not for the user.
  if (ts.isCallExpression(p) && p.expression.getText().startsWith('console.')) return true;
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    return (
      op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.EqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsToken
    );
  }
  return false;
}

export function strayTexts(fileName: string, source: string): StrayText[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: StrayText[] = [];
  const add = (node: ts.Node, text: string, why: StrayText['why']) =>
    found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: text.trim(), why });
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (hasLetter(node.text)) add(node, node.text, 'jsx-text');
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const value = ts.isTemplateExpression(node)
        ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('')
        : node.text;
      const prop = attributeName(node);
      if (prop !== null && TEXT_PROPS.has(prop)) {
        if (hasLetter(value)) add(node, value, 'text-prop');
      } else if (
        !(prop !== null && (CODE_PROPS.has(prop) || prop.startsWith('data-'))) &&
        !isCodeUse(node) &&
        looksLikeProse(value)
      ) {
        add(node, value, 'literal');
      }
      if (ts.isTemplateExpression(node)) for (const span of node.templateSpans) visit(span.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
