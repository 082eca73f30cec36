import { EXPORT_FORMAT, EXPORT_VERSION, type DataExport, type ExportedTask } from '@todo/contracts';

/**
 * Our JSON export written piece by piece (so a large account is never held in memory as
 * one document): the head, then each task, then the tail. Together they are one
 * `DataExport` document (contracts' schema, version EXPORT_VERSION).
 */
export function exportHead(account: DataExport['account'], exportedAt: string): string {
  const head = JSON.stringify({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    account,
    tasks: [],
  });
  // The document up to the opening bracket of `tasks`, which is its last field.
  return head.slice(0, -2);
}

export const exportTask = (entry: ExportedTask, first: boolean): string =>
  (first ? '' : ',') + JSON.stringify(entry);

export const EXPORT_TAIL = ']}';
