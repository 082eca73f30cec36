/** What the one line printed when the standalone system is up needs to say. */
export interface StartupFacts {
  /** Where the HTTP server listens, e.g. http://127.0.0.1:8080. */
  url: string;
  /** The absolute DATA_DIR: the embedded PostgreSQL (unless DATABASE_URL) and the JWT secret. */
  dataDir: string;
  /** DATABASE_URL when the data is in an outside PostgreSQL. */
  databaseUrl?: string | undefined;
  /** Whether the built SPA is served at `/`. */
  spa: boolean;
}

// A server bound to every interface is reached on this machine through localhost.
const ANY_HOST = /^http:\/\/(0\.0\.0\.0|\[::\])(?=:)/;

/** Where the data is, without the database password. */
function whereTheDataIs(facts: StartupFacts): string {
  if (!facts.databaseUrl) return `data in ${facts.dataDir}`;
  try {
    const db = new URL(facts.databaseUrl);
    return `data in PostgreSQL at ${db.host}${db.pathname}`;
  } catch {
    return 'data in the PostgreSQL of DATABASE_URL';
  }
}

/**
 * The single readable line `npm start` prints when the system is ready: where it listens,
 * where the data is, and how to stop it.
 */
export function startupLine(facts: StartupFacts): string {
  const url = facts.url.replace(ANY_HOST, 'http://localhost');
  const where = facts.spa
    ? `Todo is ready at ${url}`
    : `Todo's API is ready at ${url} (the SPA is not built: npm run build:web)`;
  return `${where} · ${whereTheDataIs(facts)} · press Ctrl+C to stop`;
}
