import { basename, resolve } from 'node:path';
import type { RunResult } from '../engine/api';
import { environmentSecrets } from '../engine/external/secret-lookup';
import {
  checkOrigins,
  MissingSecretError,
  resolveSecrets,
  SecretOriginError,
} from '../engine/connectors/http/secret-refs';
import type { RunRecord } from '../engine/history/run-history';
import { usageError } from './exit';
import type { Redactor } from '../engine/sandbox/redactor';

/**
 * `duto run --notify URL`: after a run (by default only a failed one), POST
 * its outcome as JSON to a webhook — with a `text` line, the shape Slack and
 * Teams incoming webhooks take. Webhook URLs are secrets: the URL may be a
 * `${secret:NAME}` reference (DUTO_SECRET_NAME), and it is never printed.
 * A notification that fails is reported, but never changes the run's exit code.
 */

export type NotifyWhen = 'failure' | 'always';

const TIMEOUT_MS = 10_000;
/** A webhook path this long holds a token (`/services/T…/B…/…`); a shorter one is a plain route such as `/hook`. */
const MIN_SECRET_PATH = 12;

/**
 * The webhook URL, with secret references resolved; a usage error when it is
 * not an http(s) URL. The URL is a secret however it was given: `redactor`
 * learns it (and its path, which holds the token of a Slack or Teams hook).
 */
export function notifyTarget(raw: string, env: NodeJS.ProcessEnv = process.env, redactor?: Redactor): URL {
  let resolved: ReturnType<typeof resolveSecrets>;
  try {
    resolved = resolveSecrets(raw, environmentSecrets(env), { in: 'notify' });
  } catch (e) {
    if (e instanceof MissingSecretError) throw usageError(e.message);
    throw e;
  }
  const text = resolved.text;
  redactor?.add(text, ...resolved.values);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError('--notify: expected an http:// or https:// URL (or ${secret:NAME} holding one)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError('--notify: expected an http:// or https:// URL');
  // A secret bound by DUTO_SECRET_<NAME>_ORIGINS goes only where it says, the webhook's own URL included.
  try {
    checkOrigins(resolved.uses, url.origin);
  } catch (e) {
    if (e instanceof SecretOriginError) throw usageError(e.message);
    throw e;
  }
  const path = `${url.pathname}${url.search}`;
  redactor?.add(url.href, ...(path.length >= MIN_SECRET_PATH ? [path] : []));
  return url;
}

export function shouldNotify(when: NotifyWhen, r: RunResult): boolean {
  return when === 'always' || !r.ok;
}

export function notification(file: string, record: RunRecord): Record<string, unknown> {
  const name = basename(file);
  const problem = record.diagnostics.find((d) => d.severity === 'error');
  const written = record.outputs.filter((o) => o.cached !== true).length;
  const text =
    record.outcome === 'succeeded'
      ? `${name} succeeded in ${(record.elapsedMs / 1000).toFixed(1)} s: ${String(written)} output${written === 1 ? '' : 's'} written`
      : `${name} ${record.outcome}${problem === undefined ? '' : `: ${problem.nodeId === undefined ? '' : `[${problem.nodeId}] `}${problem.message}`}`;
  // The record may carry the pipeline's full path (history --all); the payload names it by file name and path apart.
  return { ...record, text, pipeline: name, file: resolve(file) };
}

/** Sends it; returns why it failed, or undefined. */
export async function sendNotification(url: URL, body: Record<string, unknown>): Promise<string | undefined> {
  try {
    // Not followed: the URL is the credential, and a webhook that moves elsewhere is not the one the user gave.
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    if (res.status >= 300 && res.status < 400)
      return `the webhook answered HTTP ${String(res.status)} (a redirect, which is not followed)`;
    return res.ok ? undefined : `the webhook answered HTTP ${String(res.status)}`;
  } catch (e) {
    const why =
      e instanceof Error && e.name === 'TimeoutError'
        ? `no answer within ${String(TIMEOUT_MS / 1000)} s`
        : 'the webhook could not be reached';
    return why;
  }
}
