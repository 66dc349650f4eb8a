/**
 * `exec <target> -- <command> [args...]`: runs the command with the session of <target> (renewed
 * first when needed) in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and
 * AWS_CREDENTIAL_EXPIRATION, without AWS_PROFILE / AWS_DEFAULT_PROFILE, and ends with its status.
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { readSourceProfileConfig } from '../../core/aws-config';
import { usageError } from '../../core/errors';
import { sessionForTarget } from '../../core/renew/renewal';
import { cleanProgramName } from '../../core/renew/protocol';
import { sessionEnv } from '../../core/session-env';
import { renewalDeps } from '../renew-context';
import { runChild } from '../run-child';
import type { RenewCommandContext } from './context';

export function addExecCommand(program: Command, ctx: () => RenewCommandContext): void {
  program
    .command('exec <target> [command...]')
    .usage('<target> -- <command> [args...]')
    .description('run a command with the session of <target> in its environment, renewing it first when needed')
    // Everything after the target belongs to the command (`--` keeps its --options away from us).
    .allowUnknownOption()
    .action(async (target: string, command: string[]) => {
      const [file, ...args] = command;
      if (!file) throw usageError('Give the command to run after --, e.g. aws-mfa-tray exec mfa -- aws s3 ls.');
      const c = ctx();
      const program = cleanProgramName(path.basename(file));
      const creds = await sessionForTarget(target, () => ({ command: 'exec', ...(program ? { program } : {}) }), renewalDeps({ ...c, command: 'exec' }));
      const { region } = await readSourceProfileConfig(c.paths.configFile, c.paths.credentialsFile, target);
      process.exitCode = await runChild(file, args, sessionEnv(c.env, creds, region));
    });
}
