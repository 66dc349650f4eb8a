/**
 * `credential-process <target>`: the session as AWS credential_process JSON (Version 1) on stdout,
 * and nothing else there. A valid session is answered from the credentials file alone; one that is
 * missing, expired or about to be (under 5 minutes) is renewed through the code sources first.
 */
import type { Command } from 'commander';
import { parentProgram } from '../../core/renew/asker';
import { sessionForTarget } from '../../core/renew/renewal';
import { renewalDeps } from '../renew-context';
import type { RenewCommandContext } from './context';

export function addCredentialProcessCommand(program: Command, ctx: () => RenewCommandContext): void {
  program
    .command('credential-process <target>')
    .description('print the session in <target> as AWS credential_process JSON (Version 1), renewing it first when needed')
    .action(async (target: string) => {
      const c = ctx();
      const creds = await sessionForTarget(
        target,
        () => ({ command: 'credential-process', ...withProgram(parentProgram()) }),
        renewalDeps({ ...c, command: 'credential-process' }),
      );
      c.out(JSON.stringify(creds));
    });
}

export const withProgram = (program: string | undefined): { program?: string } => (program ? { program } : {});
