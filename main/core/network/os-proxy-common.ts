/** Small pieces of Python's urllib that both OS readers (os-proxy-darwin.ts, os-proxy-win32.ts) mirror. */

/** urllib.parse._splitport: "host:port" -> [host, port]; without digits after the last colon the host stays whole. */
export function splitPort(host: string): [string, string | null] {
  const m = /^(.*):([0-9]*)$/s.exec(host);
  return m?.[2] ? [m[1]!, m[2]] : [host, null];
}

/** What the OS readers ask of name resolution (socket.gethostbyname and socket.getfqdn in Python). */
export interface HostResolver {
  /** The IPv4 address of a name (an IPv4 literal is itself); null when it cannot be resolved. */
  ipv4(host: string): Promise<string | null>;
  /** socket.getfqdn: the name the address resolves back to, else the name itself (stripped). */
  fqdn(host: string): Promise<string>;
}
