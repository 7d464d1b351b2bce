// The client shaped like the AWS SDK (issue 16, items 4 and 5): one exported ServiceError subclass
// per modelled exception (instanceof works for every code the model lists), $metadata on errors,
// and model timestamps as Date in outputs while inputs take a Date, an ISO string or epoch seconds.
// Against a scripted HTTP server on 127.0.0.1, through the installed tarball.

import test from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { here, importFull } from "./helpers.mjs";

const pkg = await importFull();
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";
const model = JSON.parse(fs.readFileSync(path.join(here, "../../model/service-2.json"), "utf8"));
const MODELLED = Object.entries(model.shapes).filter(([, s]) => s.exception).map(([name, s]) => [name, s.error?.httpStatusCode ?? 400]);

/** A server answering every request with `reply(entry)` -> { status, headers, body }; records requests. */
async function server(t, reply) {
  const seen = [];
  const s = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const entry = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      seen.push(entry);
      const r = reply(entry);
      res.writeHead(r.status ?? 200, { "content-type": "application/json", "x-amzn-requestid": `req-${seen.length}`, ...(r.headers ?? {}) });
      res.end(JSON.stringify(r.body ?? {}));
    });
  });
  await new Promise((resolve) => s.listen(0, "127.0.0.1", resolve));
  t.after(() => {
    s.closeAllConnections?.();
    s.close();
  });
  const endpoint = `http://127.0.0.1:${s.address().port}`;
  return { seen, client: (extra = {}) => new pkg.ImageBuilderClient({ region: "us-east-1", credentials, endpoint, maxAttempts: 1, ...extra }) };
}

test("every modelled exception of the model is an exported ServiceError subclass named by its code", () => {
  assert.ok(MODELLED.length >= 20, `the model lists ${MODELLED.length} exceptions`);
  for (const [code] of MODELLED) {
    const Class = pkg[code];
    assert.equal(typeof Class, "function", `${code} is exported`);
    const e = new Class("m", { httpStatusCode: 400 });
    assert.ok(e instanceof pkg.ServiceError && e instanceof pkg.ImageBuilderError && e instanceof Error, code);
    assert.equal(e.name, code);
  }
  assert.deepEqual(pkg.SERVICE_EXCEPTIONS.map(([code, , status]) => [code, status]), MODELLED);
});

test("each modelled error code the service answers is thrown as its own class, with $metadata", async (t) => {
  let current;
  const { client } = await server(t, () => ({ status: current[1], headers: { "x-amzn-errortype": current[0] }, body: { message: `a ${current[0]}` } }));
  const c = client();
  for (const [code, status] of MODELLED) {
    current = [code, status];
    await assert.rejects(c.listImages({}), (e) => {
      assert.ok(e instanceof pkg[code], `${code}: got ${e.name}`);
      assert.ok(e instanceof pkg.ServiceError);
      for (const [other] of MODELLED) if (other !== code) assert.ok(!(e instanceof pkg[other]), `${code} is not a ${other}`);
      assert.equal(e.name, code);
      assert.equal(e.message, `a ${code}`);
      assert.equal(e.$metadata.httpStatusCode, status);
      assert.match(e.$metadata.requestId, /^req-\d+$/);
      assert.equal(e.$metadata.attempts, 1);
      assert.ok("totalRetryDelay" in e.$metadata);
      return true;
    });
  }
});

test("an error code nobody modelled stays a plain ServiceError named by its code", async (t) => {
  const { client } = await server(t, () => ({ status: 400, headers: { "x-amzn-errortype": "BrandNewException" }, body: { message: "new" } }));
  await assert.rejects(client().listImages({}), (e) => {
    assert.ok(e instanceof pkg.ServiceError);
    assert.equal(e.name, "BrandNewException");
    assert.ok(MODELLED.every(([code]) => !(e instanceof pkg[code])));
    return true;
  });
});

test("output timestamps are Dates, at the top level and inside lists", async (t) => {
  const { client } = await server(t, (entry) =>
    entry.url.startsWith("/GetImage")
      ? { body: { requestId: "r", image: { arn: IMAGE, deprecationTime: 1700000000.5, dateCreated: "2023-11-14T22:13:20.500Z" } } }
      : { body: { lifecyclePolicySummaryList: [{ name: "a", dateCreated: 1700000000, dateLastRun: 0 }, { name: "b" }] } },
  );
  const c = client();
  const out = await c.getImage({ imageBuildVersionArn: IMAGE });
  assert.ok(out.image.deprecationTime instanceof Date);
  assert.equal(out.image.deprecationTime.toISOString(), "2023-11-14T22:13:20.500Z");
  // `dateCreated` of an Image is a model string (DateTime), not a timestamp: it stays a string.
  assert.equal(out.image.dateCreated, "2023-11-14T22:13:20.500Z");
  const list = await c.listLifecyclePolicies({});
  assert.ok(list.lifecyclePolicySummaryList[0].dateCreated instanceof Date);
  assert.equal(list.lifecyclePolicySummaryList[0].dateCreated.getTime(), 1700000000000);
  assert.equal(list.lifecyclePolicySummaryList[0].dateLastRun.getTime(), 0);
  assert.equal(list.lifecyclePolicySummaryList[1].dateCreated, undefined);
  const pages = [];
  for await (const page of c.paginateListLifecyclePolicies({})) pages.push(page);
  assert.ok(pages[0].lifecyclePolicySummaryList[0].dateCreated instanceof Date);
});

test("input timestamps accept a Date, an ISO string and epoch seconds", async (t) => {
  const { seen, client } = await server(t, () => ({ body: { lifecycleExecutionId: "x" } }));
  const c = client();
  const input = { resourceArn: IMAGE, state: { status: "AVAILABLE" } };
  for (const updateAt of [new Date(1700000000000), "2023-11-14T22:13:20Z", 1700000000]) {
    await c.startResourceStateUpdate({ ...input, updateAt });
  }
  const sent = seen.map((e) => JSON.parse(e.body).updateAt);
  assert.equal(sent.length, 3);
  for (const v of sent) assert.equal(typeof v === "number" ? v * 1000 : Date.parse(v), 1700000000000, JSON.stringify(sent));
});
