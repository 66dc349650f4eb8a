/**
 * In the CLI's dist/aws.js, @aws-sdk/credential-provider-node (the SDK's default credential chain:
 * environment, ini, SSO, web identity, process, IMDS, with a nested STS client of their own) is this
 * module instead (scripts/build.mjs). AwsGateway hands every client the long-term keys itself, so the
 * chain is never asked; it was a third of the bundle (about 330 KB) parsed on every login.
 */
export function defaultProvider(): () => Promise<never> {
  return () => Promise.reject(new Error('aws-mfa-tray gives every AWS client its credentials; the default credential chain is not in this build.'));
}
