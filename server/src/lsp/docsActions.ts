/**
 * "Show documentation for <id>" for each of this server's diagnostics in a code action request: all a
 * document that was not linted offers (the main thread answers it without a lint). Light imports only.
 */
import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import { docsUrl } from '../service/rules/rule';
import { OPEN_DOCS_COMMAND, QUICK_FIX, SOURCE } from './protocol';

export function docsActions(params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((o) => QUICK_FIX === o || QUICK_FIX.startsWith(`${o}.`))) return [];
  const ids = new Set<string>();
  for (const d of params.context.diagnostics) if (d.source === SOURCE && typeof d.code === 'string') ids.add(d.code);
  return [...ids].map((ruleId) => {
    const title = `Show documentation for ${ruleId}`;
    return { title, kind: QUICK_FIX, command: { title, command: OPEN_DOCS_COMMAND, arguments: [docsUrl(ruleId)] } };
  });
}
