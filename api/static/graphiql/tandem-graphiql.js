// Tandem's GraphiQL: React, GraphiQL and the explorer plugin are served by Tandem itself
// (/static/graphiql/), so the page works offline. Every request needs a bearer token, set in
// the Headers pane; GraphiQL keeps it in this browser's local storage.
(function () {
  "use strict";

  const HEADERS_TEMPLATE = '{\n  "Authorization": "Bearer <paste a token here>"\n}\n';
  const WELCOME = [
    "# Tandem GraphiQL",
    "#",
    "# Every request needs a token. Open the Headers pane below and set",
    '#   {"Authorization": "Bearer <token>"}',
    "# (`tandem tokens create --name me --role ADMIN` prints one; `make run`",
    "# prints an ADMIN token on first start). GraphiQL keeps the headers in",
    "# this browser and loads the schema (completion, docs) once they are set.",
    "#",
    "# Run a query with Ctrl-Enter or the play button.",
    "",
    "{ __typename }",
    "",
  ].join("\n");

  // ?q=<query>&variables=<json>&operationName=<name> opens a shared query; headers never go
  // into the address (a token in a URL ends up in logs).
  const parameters = new URLSearchParams(window.location.search);
  const initial = {
    query: parameters.get("q") || undefined,
    variables: parameters.get("variables") || undefined,
    operationName: parameters.get("operationName") || undefined,
  };
  const endpoint = window.location.origin + window.location.pathname;
  const subscriptionUrl = endpoint.replace(/^http/, "ws");

  function makeFetcher() {
    return GraphiQL.createFetcher({ url: endpoint, subscriptionUrl: subscriptionUrl });
  }

  function updateURL(changes) {
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        parameters.set(key, value);
      } else {
        parameters.delete(key);
      }
    }
    const search = parameters.toString();
    history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  }

  function hasStoredHeaders() {
    try {
      return Boolean(window.localStorage.getItem("graphiql:headers"));
    } catch (error) {
      return false;
    }
  }

  function TandemGraphiQL() {
    // A new fetcher makes GraphiQL load the schema again: done once edited headers settle,
    // so the schema appears as soon as a valid token is pasted.
    const [fetcher, setFetcher] = React.useState(makeFetcher);
    const timer = React.useRef(null);
    const explorer = React.useMemo(() => GraphiQLPluginExplorer.explorerPlugin(), []);

    function onEditHeaders(headers) {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(function () {
        try {
          JSON.parse(headers || "{}");
        } catch (error) {
          return;
        }
        setFetcher(makeFetcher);
      }, 800);
    }

    return React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: [explorer],
      query: initial.query,
      variables: initial.variables,
      operationName: initial.operationName,
      defaultQuery: WELCOME,
      defaultHeaders: HEADERS_TEMPLATE,
      defaultEditorToolsVisibility: hasStoredHeaders() ? true : "headers",
      onEditQuery: function (query) {
        updateURL({ q: query });
      },
      onEditVariables: function (variables) {
        updateURL({ variables: variables });
      },
      onEditOperationName: function (name) {
        updateURL({ operationName: name });
      },
      onEditHeaders: onEditHeaders,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      inputValueDeprecation: true,
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(TandemGraphiQL)
  );
})();
