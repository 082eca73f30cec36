import type { Footprint } from './footprint.ts';
import type { Operation } from './openapi.ts';
import { leaked, missingValues, probeRequest, sendProbe, valuesOf, type ProbeRequest } from './probe.ts';

/** The victim's user id added to the query and, for a JSON object body, as body fields. */
function smuggling(probe: ProbeRequest, userId: string): ProbeRequest {
  const separator = probe.url.includes('?') ? '&' : '?';
  const json =
    probe.json && typeof probe.json === 'object' && !Array.isArray(probe.json)
      ? { ...probe.json, userId, ownerId: userId }
      : probe.json;
  return {
    ...probe,
    url: `${probe.url}${separator}userId=${userId}&user_id=${userId}`,
    json,
    sent: [...probe.sent, userId],
  };
}

/**
 * What went wrong when `intruder` calls one documented operation with `victim`'s ids, cursors,
 * positions and keys: a 5xx, a canary in the answer, an answer that differs from the one for a
 * resource nobody has, or a leak once the victim's user id is smuggled into the request.
 */
export async function routeFindings(
  op: Operation,
  intruder: Footprint,
  victim: Footprint,
  baseUrl: string,
): Promise<string[]> {
  const findings: string[] = [];
  const token = intruder.account.token;
  const probe = probeRequest(op, valuesOf(victim), baseUrl);
  const answer = await sendProbe(probe, token);
  if (answer.status >= 500) findings.push(`${probe.label}: ${answer.status} ${answer.text}`);
  const leaks = leaked(answer, victim.canaries);
  if (leaks.length) findings.push(`${probe.label} leaked ${leaks.join(', ')}: ${answer.text.slice(0, 300)}`);
  if (probe.namesResource) {
    const missing = await sendProbe(probeRequest(op, missingValues(valuesOf(victim)), baseUrl), token);
    if (answer.status !== 404 || answer.status !== missing.status || answer.text !== missing.text) {
      findings.push(
        `${probe.label}: ${answer.status} ${answer.text} — a missing one: ${missing.status} ${missing.text}`,
      );
    }
  }
  const smuggled = await sendProbe(smuggling(probe, victim.account.userId), token);
  const smuggledLeaks = leaked(smuggled, victim.canaries);
  if (smuggled.status >= 500 || smuggledLeaks.length) {
    findings.push(
      `${probe.label} with the victim's user id smuggled in: ${smuggled.status}, leaked ${smuggledLeaks.join(', ')}`,
    );
  }
  return findings;
}
