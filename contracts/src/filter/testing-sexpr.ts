import type { FilterExpr, FilterQuery } from './ast.ts';

/**
 * A filter as a short S-expression, "(and p:high (or today overdue))": how the tests state
 * what a filter means without repeating positions.
 */
export function sexprOf(expr: FilterExpr): string {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return `(${expr.kind} ${sexprOf(expr.left)} ${sexprOf(expr.right)})`;
    case 'not':
      return `(not ${sexprOf(expr.operand)})`;
    case 'today':
    case 'tomorrow':
    case 'overdue':
    case 'recurring':
    case 'completed':
      return expr.kind;
    case 'noDate':
      return 'no-date';
    case 'noLabels':
      return 'no-labels';
    case 'nextDays':
      return `days:${expr.days}`;
    case 'date':
      return `${expr.field}-${expr.relation}:"${expr.text}"`;
    case 'priority':
      return `p:${expr.priority}`;
    case 'label':
      return `@${expr.name}`;
    case 'list':
      return `#${expr.name}`;
    case 'search':
      return `search:"${expr.text}"`;
  }
}

export const sexprOfQuery = (query: FilterQuery) => query.groups.map((g) => sexprOf(g.expr)).join(' , ');
