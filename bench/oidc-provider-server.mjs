// The baseline of BENCH_ONLY=device: node-oidc-provider 9 (the reference OAuth server of this
// ecosystem) with its device flow on and its in-memory adapter, one public client.
// Usage: PORT=4261 node bench/oidc-provider-server.mjs
import Provider from "oidc-provider";

const port = Number(process.env.PORT ?? 4261);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: "tv",
      grant_types: ["urn:ietf:params:oauth:grant-type:device_code"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "none",
    },
  ],
  features: { deviceFlow: { enabled: true }, devInteractions: { enabled: false } },
});
provider.listen(port, "127.0.0.1");
