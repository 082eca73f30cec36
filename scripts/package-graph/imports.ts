import ts from 'typescript';

/** One module specifier a source file names, with the line it is on (1-based). */
export interface ImportSite {
  specifier: string;
  line: number;
}

/**
 * Every `import … from`, `export … from`, side-effect `import '…'` and dynamic `import('…')`
 * of a TypeScript source, type-only ones included. TypeScript's own pre-processor finds them,
 * so an import written inside a comment, a string or a template literal is not one.
 */
export function importsOf(source: string): ImportSite[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles.map((file) => ({ specifier: file.fileName, line: lineAt(source, file.pos) }));
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}
