/** AWS Query protocol XML bodies, in the shapes STS and IAM really return. */

export type Service = 'sts' | 'iam';

export const NAMESPACE: Record<Service, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
};

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A success body: <XResponse><XResult>inner</XResult><ResponseMetadata>…</ResponseMetadata></XResponse>. */
export function successXml(service: Service, action: string, inner: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${NAMESPACE[service]}">\n` +
    // Actions without output (DeleteAccessKey, UpdateAccessKey) answer with ResponseMetadata alone.
    (inner === '' ? '' : `  <${action}Result>\n${inner}  </${action}Result>\n`) +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
    `</${action}Response>\n`
  );
}

export function errorXml(service: Service, type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${NAMESPACE[service]}">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${esc(code)}</Code>\n    <Message>${esc(message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n` +
    `</ErrorResponse>\n`
  );
}

/** An error the emulator answers with: HTTP status plus the Query-protocol error fields. */
export class AwsFault extends Error {
  readonly type: 'Sender' | 'Receiver';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.type = status >= 500 ? 'Receiver' : 'Sender';
  }
}
