// A hostile HTTP server for the client's hostile suite (hostile.test.mjs): loopback only, a
// random port, every route misbehaving in one way. A second server stands for "another host":
// the redirect routes point there, and it counts every request it gets (it must get none).
//
// Routes (the first path segment; the rest, e.g. /ListImages, is ignored):
//   /redirect        302 to the other host (any method, DELETE too)
//   /hang            never answers (the socket stays open until the client gives up)
//   /trickle         200 with a content-length of 1,000, one byte a second
//   /huge            200 with content-length 200 MB, then streams it
//   /huge-chunked    200, chunked (no content-length), streams 200 MB
//   /truncated       200 with content-length 1,000, 10 bytes, then the socket is destroyed
//   /reset           the socket is destroyed before any answer (ECONNRESET)
//   /html-502        502 with an HTML page (a proxy's error page)
//   /storm-429       429 ThrottlingException, always
//   /storm-503       503 ServiceUnavailableException, always
//   /cycle           ListImages pages whose nextToken goes A, B, A, B...
//
// `stats` counts requests per route and the body bytes each response got to write before the
// client went away.

import http from "node:http";

const HUGE = 200 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

/** Writes `total` bytes in 64 KiB chunks, honouring backpressure; counts what was written. */
function stream(res, total, stats, route) {
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      const n = Math.min(CHUNK.length, total - sent);
      sent += n;
      stats.bytes[route] = (stats.bytes[route] || 0) + n;
      if (!res.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) return res.once("drain", pump);
    }
    res.end();
  };
  res.on("close", () => res.removeAllListeners("drain"));
  pump();
}

function json(res, status, body, extra = {}) {
  res.writeHead(status, { "content-type": "application/json", "x-amzn-requestid": "hostile", ...extra });
  res.end(JSON.stringify(body));
}

/** Starts the hostile server and the other host; `close()` stops both. */
export async function startHostile() {
  const stats = { hits: {}, bytes: {}, otherHost: [] };
  const sockets = new Set();
  const other = http.createServer((req, res) => {
    stats.otherHost.push({ method: req.method, url: req.url, headers: req.headers });
    json(res, 200, { stolen: true, imageVersionList: [] });
  });
  const otherPort = await listen(other);
  const timers = new Set();
  const server = http.createServer((req, res) => {
    const route = new URL(req.url, "http://x").pathname.split("/")[1];
    stats.hits[route] = (stats.hits[route] || 0) + 1;
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      switch (route) {
        case "redirect":
          res.writeHead(302, { location: `http://127.0.0.1:${otherPort}/stolen${req.url}` });
          return res.end("moved");
        case "hang":
          return; // never answers
        case "trickle": {
          res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
          const timer = setInterval(() => {
            stats.bytes.trickle = (stats.bytes.trickle || 0) + 1;
            res.write(" ");
          }, 1000);
          timers.add(timer);
          res.on("close", () => clearInterval(timer));
          return;
        }
        case "huge":
          res.writeHead(200, { "content-type": "application/json", "content-length": String(HUGE) });
          return stream(res, HUGE, stats, route);
        case "huge-chunked":
          res.writeHead(200, { "content-type": "application/json" });
          return stream(res, HUGE, stats, route);
        case "truncated":
          res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
          res.write('{"imageVersionList":[');
          return setTimeout(() => res.socket.destroy(), 20);
        case "reset":
          return req.socket.destroy();
        case "html-502":
          res.writeHead(502, { "content-type": "text/html" });
          return res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
        case "storm-429":
          return json(res, 429, { message: "Rate exceeded" }, { "x-amzn-errortype": "ThrottlingException" });
        case "storm-503":
          return json(res, 503, { message: "try later" }, { "x-amzn-errortype": "ServiceUnavailableException" });
        case "cycle": {
          const sent = body ? JSON.parse(body).nextToken : undefined;
          const next = sent === "A" ? "B" : "A";
          return json(res, 200, { requestId: "cycle", imageVersionList: [], nextToken: next });
        }
        default:
          return json(res, 404, { message: `no route ${route}` }, { "x-amzn-errortype": "ResourceNotFoundException" });
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    async close() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => other.close(r))]);
    },
  };
}
