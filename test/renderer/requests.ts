/** A command's code request as the renderer tests send it to the broker, and how the popup states its end. */
import { PROTOCOL_VERSION, type RenewRequest } from '../../main/core/renew/protocol';

/** terraform's credential_process asking for `target`'s session from `profile`'s keys. */
export const terraformRequest = (profile: string, target: string): RenewRequest => ({
  v: PROTOCOL_VERSION,
  type: 'renew',
  profile,
  target,
  asker: { command: 'credential-process', program: 'terraform' },
});

/** The request's end as the line states it (24-hour clock, the page's time zone: UTC in the harness). */
export const hhmm = (ms: number): string =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(new Date(ms));
