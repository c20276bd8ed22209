/**
 * The company's app, simulated as a phone page: it gets a demo app token for the chosen name
 * (the service hands these out in demo mode only), shows what is being approved, and approves
 * or refuses with the scanner's GraphQL calls.
 */
const scanToken = new URLSearchParams(location.search).get("scanToken") ?? "";
let appToken = "";

const byId = (id: string): HTMLElement => {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`#${id} is missing`);
  }
  return node;
};
const say = (text: string): void => {
  byId("outcome").textContent = text;
};

interface ScanResult {
  readonly status: string;
  readonly applicationName: string;
  readonly requestOrigin: string | null;
  readonly requestUserAgent: string | null;
  readonly requestIp: string | null;
  readonly requestedAt: string;
}

const FIELDS = "status applicationName requestOrigin requestUserAgent requestIp requestedAt";

async function scanner(mutation: string): Promise<ScanResult> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${appToken}` },
    body: JSON.stringify({
      query: `mutation ($input: ScanQRCodeInput!) { ${mutation}(input: $input) { ${FIELDS} } }`,
      variables: { input: { scanToken } },
    }),
  });
  const answer = (await response.json()) as {
    data?: Record<string, ScanResult> | null;
    errors?: { message: string }[];
  };
  const result = answer.data?.[mutation];
  if (!result) {
    throw new Error(answer.errors?.[0]?.message ?? `HTTP ${response.status}`);
  }
  return result;
}

async function signIn(name: string): Promise<void> {
  const response = await fetch("/demo/app-token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  const body = (await response.json()) as { token?: string; message?: string };
  if (!body.token) {
    throw new Error(body.message ?? `HTTP ${response.status}`);
  }
  appToken = body.token;
}

async function begin(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const name = (byId("name") as HTMLInputElement).value.trim();
  try {
    await signIn(name);
    const seen = await scanner("scanQRCode");
    byId("application").textContent = seen.applicationName;
    byId("origin").textContent = seen.requestOrigin ?? "unknown";
    byId("browser").textContent = seen.requestUserAgent ?? "unknown";
    byId("ip").textContent = seen.requestIp ?? "unknown";
    byId("time").textContent = new Date(seen.requestedAt).toLocaleString();
    byId("who").hidden = true;
    byId("approve").hidden = false;
    say(`Scanned as ${name}.`);
  } catch (error) {
    say(`Cannot scan this code: ${(error as Error).message}`);
  }
}

async function decide(mutation: "confirmQRCode" | "cancelQRCode"): Promise<void> {
  try {
    const result = await scanner(mutation);
    byId("approve").hidden = true;
    say(
      result.status === "AUTHORIZED" ? "Approved: you are logged in on the computer." : "Refused.",
    );
  } catch (error) {
    say(`That did not work: ${(error as Error).message}`);
  }
}

if (!scanToken) {
  say("Open this page from a login code (its link carries the scan token).");
  byId("who").hidden = true;
}
byId("who").addEventListener("submit", (event) => void begin(event));
byId("confirm").addEventListener("click", () => void decide("confirmQRCode"));
byId("cancel").addEventListener("click", () => void decide("cancelQRCode"));
