import { load, type LoadResult } from "./load";
import { startNode, waitUntilUp } from "./processes";
import { type Row } from "./report";

const OURS = "http://127.0.0.1:4260";
const THEIRS = "http://127.0.0.1:4261";
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/**
 * RFC 8628 against node-oidc-provider 9 on the same work, both pinned to the server core, one
 * under load at a time: a device authorization (ours also makes the QR session and its user
 * code), and a token poll of a pending device code. Ours runs with DEVICE_POLL_INTERVAL_SECONDS=0
 * so a hammered poll answers `authorization_pending` as the baseline's does (it never says
 * `slow_down`). Interleaved, best of two.
 */
export async function benchDeviceFlow(rows: Row[], seconds: number): Promise<void> {
  const ours = startNode("src/main.js", {
    PORT: "4260",
    LOG_LEVEL: "warn",
    PUBLIC_URL: OURS,
    DEVICE_POLL_INTERVAL_SECONDS: "0",
  });
  const theirs = startNode("../bench/oidc-provider-server.mjs", { PORT: "4261" });
  try {
    await Promise.all([
      waitUntilUp(`${OURS}/healthz`),
      waitUntilUp(`${THEIRS}/.well-known/openid-configuration`),
    ]);
    const authorize = { ours: [] as LoadResult[], theirs: [] as LoadResult[] };
    const poll = { ours: [] as LoadResult[], theirs: [] as LoadResult[] };
    // Each poll round starts on fresh device codes: the baseline's in-memory adapter is an LRU
    // that the authorization runs overflow, and a code it has dropped answers `invalid_grant`.
    const answers: string[] = [];
    for (let round = 0; round < 2; round++) {
      authorize.ours.push(
        await post(`${OURS}/oauth/device_authorization`, "client_id=demo", seconds),
      );
      authorize.theirs.push(await post(`${THEIRS}/device/auth`, "client_id=tv", seconds));
      const ourPoll = pollBody(
        "demo",
        await deviceCode(`${OURS}/oauth/device_authorization`, "demo"),
      );
      const theirPoll = pollBody("tv", await deviceCode(`${THEIRS}/device/auth`, "tv"));
      poll.ours.push(await post(`${OURS}/oauth/token`, ourPoll, seconds));
      poll.theirs.push(await post(`${THEIRS}/token`, theirPoll, seconds));
      answers.push(
        await pollError(`${OURS}/oauth/token`, ourPoll),
        await pollError(`${THEIRS}/token`, theirPoll),
      );
    }
    // A figure counts only for the work it names: every authorization answered 200, and each
    // device code still pending after its polls (not expired, not dropped, not paced).
    const authorized = [...authorize.ours, ...authorize.theirs].every((run) => run.non2xx === 0);
    const stillPending = answers.every((error) => error === "authorization_pending");
    rows.push(
      row(
        "device authorization (RFC 8628)",
        authorize.ours,
        authorize.theirs,
        "POST /device/auth",
        authorized,
      ),
    );
    rows.push(row("token poll, pending", poll.ours, poll.theirs, "POST /token", stillPending));
  } finally {
    ours.kill("SIGTERM");
    theirs.kill("SIGTERM");
  }
}

async function deviceCode(url: string, clientId: string): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    headers: FORM,
    body: `client_id=${clientId}`,
  });
  return ((await response.json()) as { device_code: string }).device_code;
}

async function pollError(url: string, body: string): Promise<string> {
  const response = await fetch(url, { method: "POST", headers: FORM, body });
  return ((await response.json()) as { error?: string }).error ?? `HTTP ${response.status}`;
}

function pollBody(clientId: string, code: string): string {
  return new URLSearchParams({
    grant_type: GRANT,
    device_code: code,
    client_id: clientId,
  }).toString();
}

function post(url: string, body: string, seconds: number): Promise<LoadResult> {
  return load({ url, method: "POST", headers: FORM, body, duration: seconds });
}

function row(
  figure: string,
  ours: LoadResult[],
  theirs: LoadResult[],
  baseline: string,
  answeredAsExpected: boolean,
): Row {
  const best = (runs: LoadResult[]) => runs.reduce((x, y) => (y.rps > x.rps ? y : x));
  const [us, them] = [best(ours), best(theirs)];
  const ratio = us.rps / them.rps;
  return {
    figure,
    value: `${Math.round(us.rps)} req/s (p99 ${us.p99} ms)${answeredAsExpected ? "" : ", wrong answers"}`,
    baseline: `node-oidc-provider 9 ${baseline}: ${Math.round(them.rps)}/s`,
    ratio: `${ratio.toFixed(2)}×`,
    target: "≥ 1.5×",
    ok: ratio >= 1.5 && answeredAsExpected,
  };
}
