/**
 * The offline explorer: GraphiQL, built into this service's own files so it works with no
 * internet (Apollo Sandbox loads from Apollo's CDN). `/graphql` serves it to browsers.
 */
import "graphiql/graphiql.css";

import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { createElement } from "react";
import { createRoot } from "react-dom/client";

/** What the service writes into the page: which application to call as, a first query. */
interface ExplorerSettings {
  readonly appId: string | null;
  readonly defaultQuery: string;
}

const settings = JSON.parse(
  document.getElementById("explorer-settings")?.textContent ?? "{}",
) as ExplorerSettings;
const endpoint = new URL("/graphql", location.href);
const socket = new URL(endpoint);
socket.protocol = endpoint.protocol === "https:" ? "wss:" : "ws:";
const appHeaders: Record<string, string> = settings.appId ? { "x-app-id": settings.appId } : {};

const fetcher = createGraphiQLFetcher({
  url: endpoint.toString(),
  subscriptionUrl: socket.toString(),
  wsConnectionParams: appHeaders,
});

const container = document.getElementById("explorer");
if (container) {
  createRoot(container).render(
    createElement(GraphiQL, {
      fetcher,
      defaultQuery: settings.defaultQuery,
      defaultHeaders: JSON.stringify(appHeaders, null, 2),
      shouldPersistHeaders: false,
    }),
  );
}
