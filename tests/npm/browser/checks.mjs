// Runs in Chromium (bundled by esbuild, loaded by a plain <script type="module">, or in a module
// worker): exercises the package there and returns plain results for browser.test.mjs to assert.
// `pkg` is the imported module (full, lite or validate: no signature from the validate entry).

const ARN = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

export async function checks(pkg, { endpoint } = {}) {
  const out = {};
  out.parsed = pkg.parseArn(ARN);
  const list = [];
  for (let i = 0; i < 1000; i++) list.push(i % 10 === 0 ? `${ARN}/x` : ARN);
  const batch = pkg.validateArns(list);
  out.batch = { valid: batch.validCount, invalid: batch.invalidCount, firstError: batch.errors()[0].error.rule };
  try {
    pkg.parseVersion("1.x.2");
  } catch (e) {
    out.versionError = { isError: e instanceof Error, isClass: e instanceof pkg.VersionError, name: e.name, rule: e.rule, offset: e.offset };
  }
  out.latest = pkg.latestMatching(["1.2.3/1", "1.10.0/2", "2.0.0/1"], "1.x.x");
  out.hasSigning = typeof pkg.signRequest === "function";
  if (out.hasSigning) out.signature = pkg.signRequest({
    method: "POST",
    url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages",
    headers: { "content-type": "application/json" },
    body: '{"owner":"Self","maxResults":25}',
    region: "us-east-1",
    credentials,
    date: new Date("2015-08-30T12:36:00Z"),
  }).signature;
  out.hasClient = typeof pkg.ImageBuilderClient === "function";
  if (out.hasClient && endpoint) {
    const client = new pkg.ImageBuilderClient({ region: "us-east-1", credentials, endpoint });
    const page = await client.listImages({ owner: "Self" });
    out.listImages = page.imageVersionList.map((i) => i.arn);
    try {
      await client.getImage({ imageBuildVersionArn: `${ARN.slice(0, -2)}/9` });
    } catch (e) {
      out.serviceError = { isClass: e instanceof pkg.ServiceError, name: e.name, status: e.$metadata.httpStatusCode, requestId: e.$metadata.requestId };
    }
  }
  return out;
}
