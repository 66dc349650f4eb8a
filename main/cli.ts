/**
 * Command-line entry point (bin/aws-mfa-tray) over the same core as the tray app.
 * Contract: DESIGN.md "Command line". Exit 0 done, 1 operation failed, 2 bad usage or input;
 * errors are one sentence on stderr; secrets are never read from argv.
 */
import { Command, CommanderError, Option } from 'commander';
import { version } from '../package.json';
import { exitCodeFor, messageFor, usageError } from './core/errors';
import { KeytarKeychain } from './core/keychain';
import { resolvePaths } from './core/paths';
import { mfaPolicyJson, parsePolicyPartition, parsePolicyVariant } from './core/policy';
import { MfaService, type AwsApi } from './core/session';
import { FileSettingsStore } from './core/settings';
import { maskAccessKeyId } from './core/validate';
import { readSecretLine } from './cli/stdin';
import { formatStatusTable } from './cli/format';

// We pin an SDK release that supports Node 20; its notice about future releases is not for our users' terminals.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

function makeService(aws: AwsApi): MfaService {
  const paths = resolvePaths();
  return new MfaService({ paths, keychain: new KeytarKeychain(), aws, settings: new FileSettingsStore(paths.settingsDir) });
}

/** For commands that talk to AWS. The SDK is loaded only here, so status/keys/policy start fast. */
function service(): MfaService {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AwsGateway } = require('./core/sts') as typeof import('./core/sts');
  const timeout = Number(process.env.AWS_MFA_TRAY_TIMEOUT_MS);
  return makeService(new AwsGateway({ env: process.env, ...(timeout > 0 ? { timeoutMs: timeout } : {}) }));
}

/** For commands that never call AWS: no gateway is constructed. */
function localService(): MfaService {
  const unused = (): Promise<never> => Promise.reject(new Error('this command does not call AWS'));
  return makeService({ getSessionToken: unused, listMfaDevices: unused });
}

export function buildProgram(): Command {
  const program = new Command('aws-mfa-tray')
    .description('Turn an AWS MFA code into a working CLI session; long-term keys stay in the OS keychain.')
    .version(version)
    .exitOverride();
  // Set before the commands are added: subcommands inherit it.
  program.configureOutput({
    // Commander's usage errors as one sentence like ours: "error: unknown option '--x'" -> "Unknown option '--x'; see ...".
    outputError: (s, write) => {
      const text = s.trim().replace(/^error: /, '').replace(/\s*\n\s*\(Did you mean/, ' (did you mean').replace(/\.$/, '');
      write(`${text.charAt(0).toUpperCase()}${text.slice(1)}; see "aws-mfa-tray --help" for usage.\n`);
    },
  });

  const keys = program.command('keys').description('manage long-term keys in the keychain');
  keys
    .command('set <profile>')
    .description('store long-term keys for <profile>; the secret access key is read from the first line of stdin')
    .requiredOption('--access-key-id <id>', 'the access key ID (AKIA...)')
    .action(async (profile: string, opts: { accessKeyId: string }) => {
      const secret = await readSecretLine(process.stdin);
      await localService().setKeys(profile, opts.accessKeyId, secret);
      out(`Stored the keys of profile ${profile} (${maskAccessKeyId(opts.accessKeyId)}) in the keychain.`);
    });
  keys
    .command('import <profile>')
    .description("move [<profile>]'s long-term keys from the credentials file into the keychain")
    .action(async (profile: string) => {
      const { accessKeyId } = await localService().importKeys(profile);
      out(`Moved the keys of profile ${profile} (${maskAccessKeyId(accessKeyId)}) into the keychain and removed them from the credentials file.`);
    });
  keys
    .command('list')
    .description('profiles that have keys in the keychain')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = (await localService().listKeys()).map((k) => ({ profile: k.profile, accessKeyId: maskAccessKeyId(k.accessKeyId) }));
      if (opts.json) out(JSON.stringify(list));
      else if (list.length === 0) out('No keys in the keychain yet; add some with "aws-mfa-tray keys set <profile> --access-key-id AKIA...".');
      else out(list.map((k) => `${k.profile}\t${k.accessKeyId}`).join('\n'));
    });
  keys
    .command('remove <profile>')
    .description("delete <profile>'s keys from the keychain")
    .action(async (profile: string) => {
      const removed = await localService().removeKeys(profile);
      if (!removed) throw usageError(`There are no keys for profile ${profile} in the keychain.`);
      out(`Removed the keys of profile ${profile} from the keychain.`);
    });

  program
    .command('login <profile>')
    .description('get an MFA session with the keys of <profile> and write it into the target profile')
    .requiredOption('--code <digits>', 'the 6-digit code from the MFA device')
    .option('--target <name>', 'profile to write the session to (default: settings, else "mfa")')
    .option('--serial <arn>', 'MFA device ARN (default: settings, then mfa_serial in the config, then discovered)')
    .addOption(new Option('--duration <seconds>', 'session length, 900-129600 seconds'))
    .option('--json', 'print JSON')
    .action(async (profile: string, opts: { code: string; target?: string; serial?: string; duration?: string; json?: boolean }) => {
      const svc = service();
      const r = await svc.login({
        profile,
        code: opts.code,
        target: opts.target,
        serial: opts.serial,
        durationSeconds: opts.duration,
      });
      if (opts.json) out(JSON.stringify({ profile: r.profile, target: r.target, serial: r.serial, expiration: r.expiration }));
      else out(`Profile ${r.target} is ready until ${r.expiration}: use --profile ${r.target}.`);
      await svc.flush();
    });

  program
    .command('status')
    .description('sessions written by aws-mfa-tray, with expiry and time left')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await localService().status();
      if (opts.json) out(JSON.stringify(list));
      else out(formatStatusTable(list));
    });

  program
    .command('credential-process <target>')
    .description('print the session in <target> as AWS credential_process JSON (Version 1)')
    .action(async (target: string) => {
      out(JSON.stringify(await localService().credentialProcess(target)));
    });

  program
    .command('policy')
    .description('print the MFA-enforcing IAM policy JSON (your document\'s policy, for your partition)')
    .option('--partition <name>', 'aws, aws-cn or aws-us-gov (default: the partition of the configured MFA device, else aws)')
    .option('--profile <name>', 'take the partition from this source profile')
    .option('--variant <name>', '"document" (default) or "current": virtual MFA devices under any name, as AWS allows today')
    .action(async (opts: { partition?: string; profile?: string; variant?: string }) => {
      const variant = parsePolicyVariant(opts.variant ?? 'document');
      const partition = opts.partition !== undefined ? parsePolicyPartition(opts.partition) : await localService().policyPartition(opts.profile);
      out(mfaPolicyJson({ partition, variant }));
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`${messageFor(e)}\n`);
    if (process.env.AWS_MFA_TRAY_DEBUG && !(e instanceof Error && e.name === 'UserError')) console.error(e);
    return exitCodeFor(e);
  }
}

/** Runs the CLI on process.argv and sets the exit code (bin/aws-mfa-tray calls this). */
export function run(): void {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
