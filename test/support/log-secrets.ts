/**
 * What must never reach a log line, whoever wrote it: password hashes (scrypt, bcrypt) and JWTs
 * (access and refresh tokens, tampered ones included). Shared by the log test and the fuzzer.
 */
export const SECRET_PATTERNS: readonly RegExp[] = [
  /scrypt\$[^"\s]+/,
  /\$2[aby]\$\d\d\$[./\w]{20,}/,
  /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/,
];

/**
 * The secret-looking patterns, and the known secrets (passwords, tokens a test was given), that
 * occur in the logs, each with a short excerpt of where; [] when the logs are clean.
 */
export function secretsInLogs(logs: string, known: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const pattern of SECRET_PATTERNS) {
    const match = pattern.exec(logs);
    if (match) found.push(`${pattern.source}: …${logs.slice(Math.max(0, match.index - 80), match.index + 20)}…`);
  }
  for (const secret of known) if (secret && logs.includes(secret)) found.push(`known secret ${secret.slice(0, 6)}…`);
  return found;
}
