import { ConfigError } from "./config-error";

/** What a production start cannot do without: each one absent is a silent failure later
 * (tokens that die with the process, links that say localhost), so it stops the start. */
export function assertProductionReady(config: {
  readonly source: string;
  readonly publicUrlSet: boolean;
  readonly signingKeySet: boolean;
}): void {
  if (!config.publicUrlSet) {
    throw new ConfigError(
      "PUBLIC_URL: required when NODE_ENV=production: every image, scan link and token issuer " +
        "is built from it, and without it they would say http://localhost",
    );
  }
  if (!config.signingKeySet) {
    throw new ConfigError(
      `signingKey: required when NODE_ENV=production (in the config file, QR_CONFIG=${config.source}): ` +
        "without it tokens are signed by a key made at start, which dies with the process " +
        "and differs between replicas",
    );
  }
}
