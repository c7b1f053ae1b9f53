// Every t`…` message the source raises, read from src/ with the TypeScript parser: the key a
// template produces at run time (its literal parts joined by {0}, {1}…) and where it is.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface SourceKey { key: string; at: string }

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

export function sourceKeys(root = 'src'): SourceKey[] {
  const found: SourceKey[] = [];
  for (const file of files(root)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('t`')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 't') {
        const tpl = node.template;
        const key = ts.isNoSubstitutionTemplateLiteral(tpl)
          ? tpl.text
          : tpl.head.text + tpl.templateSpans.map((span, i) => `{${i}}${span.literal.text}`).join('');
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push({ key, at: `${file}:${line + 1}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
