// Where webhooks may not go (server-side request forgery). A subscriber chooses the URL, and the
// server posts to it from inside the network: without these rules a URL could reach the database,
// the cloud's metadata service (credentials) or an admin interface on a private address.
//
// The rules are applied twice: when a subscription is created or changed (422), and when each
// delivery connects. The second check is the one that matters: the hostname is resolved once, every
// address it resolves to is checked, and the socket connects to a checked address (the lookup
// function below replaces the resolver of that connection), so a DNS answer that changes between
// the check and the connection (DNS rebinding) cannot lead anywhere else.
import dns from 'node:dns';
import net from 'node:net';
import { t, type Message } from '../../i18n/message.ts';

/** Never a receiver, whatever the configuration: unspecified, cloud metadata, multicast, reserved. */
const NEVER = new net.BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addAddress('169.254.169.254', 'ipv4');
NEVER.addSubnet('224.0.0.0', 4, 'ipv4');
NEVER.addSubnet('240.0.0.0', 4, 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addAddress('fd00:ec2::254', 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');

/** Inside someone's network: allowed only with WEBHOOK_ALLOW_PRIVATE (on-premises receivers, tests). */
const PRIVATE = new net.BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('169.254.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part allowed). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0] ?? address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = new Array<string>(tail === undefined ? 0 : 8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16));
}

/**
 * The IPv4 address an IPv6 address carries and routes to, if any: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::). Such an address
 * is judged by the IPv4 address inside.
 */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const v4 = (hi: number | undefined, lo: number | undefined) => `${(hi ?? 0) >> 8}.${(hi ?? 0) & 255}.${(lo ?? 0) >> 8}.${(lo ?? 0) & 255}`;
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && g[5] === 0xffff) return v4(g[6], g[7]);
  if (zero(0, 6) && !zero(6, 8) && !(g[6] === 0 && g[7] === 1)) return v4(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return v4(g[6], g[7]);
  if (g[0] === 0x2002) return v4(g[1], g[2]);
  return null;
}

/** Why a webhook may not be sent to this address, or null when it may. */
export function addressRefusal(address: string, allowPrivate: boolean): Message | null {
  const family = net.isIP(address);
  if (family === 0) return t`${address} is not an IP address`;
  if (family === 6) {
    const inner = embeddedIpv4(address);
    if (inner !== null) return addressRefusal(inner, allowPrivate);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (NEVER.check(address, type)) return t`${address} is an unspecified, cloud metadata, multicast or reserved address`;
  if (!allowPrivate && PRIVATE.check(address, type)) {
    return t`${address} is a loopback, private, link-local or shared (CGNAT) address (allowed only with WEBHOOK_ALLOW_PRIVATE=true)`;
  }
  return null;
}

/** A URL's host without the brackets of an IPv6 literal. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Why a subscription may not use this URL, or null: https only (plain http with allowPrivate), no
 * credentials in it, and a host that resolves, to allowed addresses only.
 */
export async function urlRefusal(text: string, allowPrivate: boolean): Promise<Message | null> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return t`is not a URL`;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowPrivate)) {
    return allowPrivate ? t`must be an http or https URL` : t`must be an https URL (plain http is allowed only with WEBHOOK_ALLOW_PRIVATE=true)`;
  }
  if (url.username !== '' || url.password !== '') return t`must not contain credentials; authenticate deliveries by their signature`;
  const host = bareHost(url);
  if (net.isIP(host)) return addressRefusal(host, allowPrivate);
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch {
    return t`has a host that does not resolve (${host})`;
  }
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, allowPrivate);
    if (refusal) return t`resolves to ${refusal}`;
  }
  return addresses.length === 0 ? t`has a host that does not resolve (${host})` : null;
}

/** The error a delivery fails with when its host resolves to a refused address. */
export class RefusedAddress extends Error {
  readonly code = 'EWEBHOOKADDRESS';
}

/**
 * A resolver for node:http(s) connections: resolves like dns.lookup, refuses the connection when
 * any address is refused, and otherwise hands the checked addresses to the socket.
 */
export function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const refusals = addresses.map((a) => addressRefusal(a.address, allowPrivate)).filter((r) => r !== null);
      const first = addresses[0];
      if (refusals.length > 0 || !first) return callback(new RefusedAddress(`${hostname} resolves to ${refusals[0]?.en() ?? 'no address'}`), '', 0);
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

/** The refusal of a URL's host when it is an IP literal (a socket connects to it without any lookup). */
export function literalRefusal(url: URL, allowPrivate: boolean): Message | null {
  const host = bareHost(url);
  return net.isIP(host) ? addressRefusal(host, allowPrivate) : null;
}
