// The page a reviewer asked for before being sent to sign in, carried as ?next= so it survives a
// reload of the sign-in page. Only paths inside the console are honoured: anything else (another
// origin, `//host`, the holder's portal) would make the sign-in page an open redirect.
const CONSOLE_HOME = '/review';

export function loginPathFor(path: string): string {
  return path === CONSOLE_HOME || path === `${CONSOLE_HOME}/`
    ? `${CONSOLE_HOME}/login`
    : `${CONSOLE_HOME}/login?next=${encodeURIComponent(path)}`;
}

export function returnPathFrom(next: string | null): string {
  if (!next) return CONSOLE_HOME;
  let path: URL;
  try {
    path = new URL(next, 'http://console.invalid');
  } catch {
    return CONSOLE_HOME;
  }
  if (path.origin !== 'http://console.invalid') return CONSOLE_HOME;
  if (path.pathname !== CONSOLE_HOME && !path.pathname.startsWith(`${CONSOLE_HOME}/`)) return CONSOLE_HOME;
  if (path.pathname.startsWith(`${CONSOLE_HOME}/login`)) return CONSOLE_HOME;
  return `${path.pathname}${path.search}${path.hash}`;
}
