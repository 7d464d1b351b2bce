// A tiny HTTP server for the imagebuilder-client fetch transport tests (wasm32, in Node and in
// headless Chromium). `cargo xtask test` starts it before the wasm test run and stops it after.
//
//   node tests/fetch-server/server.mjs [--port 18931]
//
// Listens on 127.0.0.1 only. Prints `listening on http://127.0.0.1:<port>` once ready. Exits by
// itself after 10 minutes so a forgotten server never lingers. Every response carries CORS
// headers (the browser tests run on the test runner's own origin) and exposes the headers the
// client reads (x-amzn-errortype, x-amzn-requestid, date).
//
// Routes, all under /<scenario>/<key>/<Operation>:
//   /echo/<key>/<Op>      200, a JSON echo of the request (method, path, query, headers, body)
//   /flaky/<key>/<Op>     503 ServiceUnavailableException on the first request for <key>, then
//                         200 {"imageVersionList":[...]}; the body says how many hits <key> had
//   /error/<key>/<Op>     400 InvalidRequestException with a message and a request id
//   /slow/<key>/<Op>      answers after 3 s (for attempt timeouts and cancellation)
//   /skew/<key>/<Op>      403 InvalidSignatureException with the server's Date when the
//                         request's x-amz-date is more than 5 minutes off, else 200
//   /hits/<key>/<Op>      200 {"hits": n}: how many requests <key> has seen (any scenario)
//   /redirect/<key>/<Op>  302 to http://localhost:<port>/stolen/<key>/... (another origin); a
//                         client that followed it would make <key>'s hits 2
//   /stolen/<key>/<Op>    200 {"stolen": true} (counts as a hit of <key>)
//   /never/<key>/<Op>     never answers (closed when the client aborts)
//   /trickle/<key>/<Op>   200 with content-length 1000, then one byte every 200 ms
//   /huge/<key>/<Op>      200, chunked, streams up to 64 MiB (stops when the client goes away);
//                         /hits reports the bytes written as "bytes"

import http from "node:http";

const args = process.argv.slice(2);
const portArg = args.indexOf("--port");
const port = portArg >= 0 ? Number(args[portArg + 1]) : 18931;
const hits = new Map();
const bytes = new Map();

function cors(req) {
  return {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    // `*` does not cover Authorization: echo what the preflight asks for.
    "access-control-allow-headers": req.headers["access-control-request-headers"] || "*",
    "access-control-expose-headers": "x-amzn-errortype, x-amzn-requestid, date",
    "access-control-max-age": "600",
    // The runner's page is cross-origin isolated (COEP): allow it to read us.
    "cross-origin-resource-policy": "cross-origin",
  };
}

function send(req, res, status, body, extra = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...cors(req),
    "content-type": "application/json",
    "x-amzn-requestid": "req-" + Math.floor(Math.random() * 1e9),
    ...extra,
  });
  res.end(text);
}

function amzDateMillis(value) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value || "");
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

const server = http.createServer((req, res) => {
  if (req.method === "OPTIONS") {
    res.writeHead(204, cors(req));
    res.end();
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const url = new URL(req.url, `http://127.0.0.1:${port}`);
    const [, scenario, key] = url.pathname.split("/");
    const n = (hits.get(key) || 0) + 1;
    if (scenario !== "hits") hits.set(key, n);
    const body = Buffer.concat(chunks).toString("utf8");
    const list = { imageVersionList: [{ name: "fetched", arn: "arn:aws:imagebuilder:us-east-1:123456789012:image/fetched/1.0.0" }], requestId: `hit-${n}` };
    switch (scenario) {
      case "echo":
        return send(req, res, 200, {
          method: req.method,
          path: url.pathname,
          query: url.search,
          headers: req.headers,
          body,
          hits: n,
        });
      case "flaky":
        if (n === 1) {
          return send(req, res, 503, { message: "try again" }, { "x-amzn-errortype": "ServiceUnavailableException" });
        }
        return send(req, res, 200, list);
      case "error":
        return send(req, res, 400, { message: "bad input from the fetch test" }, { "x-amzn-errortype": "InvalidRequestException:http://internal.amazon.com/" });
      case "slow": {
        const timer = setTimeout(() => send(req, res, 200, list), 3000);
        res.on("close", () => clearTimeout(timer));
        return;
      }
      case "skew": {
        const off = Math.abs(amzDateMillis(req.headers["x-amz-date"]) - Date.now());
        if (!(off <= 5 * 60 * 1000)) {
          return send(req, res, 403, { message: "Signature expired" }, { "x-amzn-errortype": "InvalidSignatureException", date: new Date().toUTCString() });
        }
        return send(req, res, 200, list);
      }
      case "hits":
        return send(req, res, 200, { hits: hits.get(key) || 0, bytes: bytes.get(key) || 0 });
      case "redirect":
        res.writeHead(302, { ...cors(req), location: `http://localhost:${port}/stolen${url.pathname.slice("/redirect".length)}` });
        return res.end("moved");
      case "stolen":
        return send(req, res, 200, { stolen: true, imageVersionList: [] });
      case "never":
        return;
      case "trickle": {
        res.writeHead(200, { ...cors(req), "content-type": "application/json", "content-length": "1000" });
        const timer = setInterval(() => res.write(" "), 200);
        res.on("close", () => clearInterval(timer));
        return;
      }
      case "huge": {
        res.writeHead(200, { ...cors(req), "content-type": "application/json" });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 64 * 1024 * 1024 && !res.destroyed) {
            sent += chunk.length;
            bytes.set(key, sent);
            if (!res.write(chunk)) return res.once("drain", pump);
          }
          res.end();
        };
        return pump();
      }
      default:
        return send(req, res, 404, { message: `no scenario ${scenario}` }, { "x-amzn-errortype": "ResourceNotFoundException" });
    }
  });
});

server.on("error", (e) => {
  console.error(`fetch-server: ${e.message}`);
  process.exit(1);
});
server.listen(port, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});
setTimeout(() => {
  console.error("fetch-server: 10 minutes passed, exiting");
  process.exit(0);
}, 10 * 60 * 1000).unref();
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
