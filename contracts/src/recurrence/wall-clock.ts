/**
 * The wall clock of `zone` at an instant, as floating time (a Date whose UTC fields are the
 * local date and time): how recurrence rules are expanded. Intl only, so it runs in the
 * browser too; formatters are cached per zone because making one is the slow part.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function wallClockOf(instant: string | Date, zone: string): Date {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(zone).formatToParts(at)) fields[part.type] = part.value;
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - Number(fields.year) : Number(fields.year);
  const local = new Date(
    Date.UTC(2000, 0, 1, Number(fields.hour), Number(fields.minute), Number(fields.second)),
  );
  local.setUTCFullYear(year, Number(fields.month) - 1, Number(fields.day));
  return new Date(local.getTime() + at.getUTCMilliseconds());
}
