// Region and credentials as Node users expect (issue 16, item 3): with none in the config, the
// environment, then the shared credentials and config files of AWS_PROFILE, in a temporary HOME.
// Each case runs in a child process of its own (the environment is read at construction), with
// a clean environment: only PATH, HOME and the variables the case sets. Secrets in the files must
// never appear in an error message.

import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { scratchProject } from "./helpers.mjs";

const full = pathToFileURL(path.join(scratchProject().project, "full.mjs")).href;

// Builds a client from the config `CONFIG` (JSON), sends ListImages to a handler and prints what
// was signed and where it went, or the error's name and message.
const SCRIPT = `
const { ImageBuilderClient } = await import(process.env.IB_PKG);
try {
  const seen = [];
  const c = new ImageBuilderClient({ ...JSON.parse(process.env.IB_CONFIG), requestHandler: async (r) => (seen.push(r), { status: 200, body: "{}" }) });
  await c.listImages({});
  const auth = seen[0].headers.authorization;
  console.log(JSON.stringify({ url: seen[0].url, keyId: /Credential=([^/]+)/.exec(auth)[1], region: /Credential=[^/]+\\/\\d+\\/([^/]+)/.exec(auth)[1], token: seen[0].headers["x-amz-security-token"] ?? null }));
} catch (e) {
  console.log(JSON.stringify({ error: e.name, message: e.message }));
}`;

/** Runs `script` with HOME holding `files` (path under HOME -> text) and the given env and
 * config (`entry`: the package entry it imports); the last line it prints, parsed. */
function runScript(script, { files = {}, env = {}, config = {}, entry = full }) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "ib-home-"));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(home, name)), { recursive: true });
      fs.writeFileSync(path.join(home, name), text);
    }
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { PATH: process.env.PATH, HOME: home, IB_PKG: entry, IB_CONFIG: JSON.stringify(config), ...env },
      encoding: "utf8",
    });
    return JSON.parse(out.trim().split("\n").pop());
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** SCRIPT (a client's ListImages) in a HOME of its own. */
const run = (setup) => runScript(SCRIPT, setup);

const CREDENTIALS = "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = SECRET-DEFAULT-123\n\n[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = SECRET-DEV-456\naws_session_token = TOKEN-DEV\n";
const CONFIG = "[default]\nregion = eu-west-3\n# a comment\ns3 =\n  max_concurrent_requests = 2\n\n[profile dev]\nregion = ap-south-1\n\n[profile sso]\nsso_session = corp\nregion = us-west-2\n\n[profile proc]\ncredential_process = /bin/creds\n\n[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = default\n\n[profile half]\naws_access_key_id = AKIDHALF\n";
const FILES = { ".aws/credentials": CREDENTIALS, ".aws/config": CONFIG };

test("the environment's keys and region come before the shared files", () => {
  const r = run({ files: FILES, env: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "SECRET-ENV", AWS_SESSION_TOKEN: "TOKEN-ENV", AWS_REGION: "us-east-2", AWS_DEFAULT_REGION: "us-west-1" } });
  assert.deepEqual(r, { url: "https://imagebuilder.us-east-2.amazonaws.com/ListImages", keyId: "AKIDENV", region: "us-east-2", token: "TOKEN-ENV" });
  assert.equal(run({ files: FILES, env: { AWS_DEFAULT_REGION: "us-west-1" } }).region, "us-west-1");
});

test("with no environment the default profile's keys and region are used", () => {
  assert.deepEqual(run({ files: FILES }), { url: "https://imagebuilder.eu-west-3.amazonaws.com/ListImages", keyId: "AKIDDEFAULT", region: "eu-west-3", token: null });
});

test("AWS_PROFILE picks the profile, with its session token and its region", () => {
  assert.deepEqual(run({ files: FILES, env: { AWS_PROFILE: "dev" } }), { url: "https://imagebuilder.ap-south-1.amazonaws.com/ListImages", keyId: "AKIDDEV", region: "ap-south-1", token: "TOKEN-DEV" });
});

test("AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move the shared files", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ib-files-"));
  try {
    fs.writeFileSync(path.join(dir, "c"), "[default]\naws_access_key_id = AKIDMOVED\naws_secret_access_key = S\n");
    fs.writeFileSync(path.join(dir, "k"), "[default]\nregion = sa-east-1\n");
    const r = run({ files: FILES, env: { AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "c"), AWS_CONFIG_FILE: path.join(dir, "k") } });
    assert.equal(r.keyId, "AKIDMOVED");
    assert.equal(r.region, "sa-east-1");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("explicit region and credentials win over the environment and the files", () => {
  const r = run({ files: FILES, env: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "S", AWS_REGION: "us-east-2" }, config: { region: "eu-north-1", credentials: { accessKeyId: "AKIDCONFIG", secretAccessKey: "S" } } });
  assert.equal(r.keyId, "AKIDCONFIG");
  assert.equal(r.region, "eu-north-1");
});

test("SSO, process and role profiles fail with a CredentialsError that says to pass a provider", () => {
  for (const [profile, words] of [["sso", /SSO \(sso_session\)/], ["proc", /credential process \(credential_process\)/], ["role", /assumed role \(role_arn\)/]]) {
    const r = run({ files: FILES, env: { AWS_PROFILE: profile, AWS_REGION: "us-east-1" } });
    assert.equal(r.error, "CredentialsError", JSON.stringify(r));
    assert.match(r.message, words);
    assert.match(r.message, /pass a credentials provider as config\.credentials/);
  }
});

test("a profile with half a key pair names the missing key and never echoes a secret", () => {
  const r = run({ files: FILES, env: { AWS_PROFILE: "half", AWS_REGION: "us-east-1" } });
  assert.equal(r.error, "CredentialsError");
  assert.match(r.message, /has aws_access_key_id but no aws_secret_access_key/);
  assert.doesNotMatch(r.message, /AKIDHALF/);
  const env = run({ files: FILES, env: { AWS_SECRET_ACCESS_KEY: "SECRET-ONLY", AWS_REGION: "us-east-1" } });
  assert.equal(env.error, "CredentialsError");
  assert.match(env.message, /AWS_ACCESS_KEY_ID is not set/);
  assert.doesNotMatch(env.message, /SECRET-ONLY/);
});

test("no credentials anywhere is a CredentialsError naming where it looked, not a TypeError", () => {
  const r = run({ env: { AWS_REGION: "us-east-1" } });
  assert.equal(r.error, "CredentialsError");
  assert.match(r.message, /no credentials: config\.credentials is unset/);
  assert.match(r.message, /no profile "default" in .*\.aws\/credentials or .*\.aws\/config/);
  const missing = run({ files: FILES, env: { AWS_PROFILE: "nobody", AWS_REGION: "us-east-1" } });
  assert.match(missing.message, /no profile "nobody"/);
  for (const secret of ["SECRET-DEFAULT-123", "SECRET-DEV-456", "TOKEN-DEV"]) assert.doesNotMatch(missing.message, new RegExp(secret));
});

test("no region anywhere is a ConfigError that names the variables and the profile", () => {
  const r = run({ files: { ".aws/credentials": CREDENTIALS } });
  assert.equal(r.error, "ConfigError");
  assert.match(r.message, /no region: config\.region is unset, AWS_REGION and AWS_DEFAULT_REGION are not set, and profile "default" has no region/);
});

test("region and endpoint may be functions (sync or async) and the endpoint a URL or { url }", () => {
  const creds = { accessKeyId: "AKIDFN", secretAccessKey: "S" };
  const script = (region, endpoint) => `
    const { ImageBuilderClient } = await import(process.env.IB_PKG);
    const seen = [];
    const c = new ImageBuilderClient({ region: ${region}, endpoint: ${endpoint}, credentials: ${JSON.stringify(creds)}, requestHandler: async (r) => (seen.push(r), { status: 200, body: "{}" }) });
    const before = c.endpoint;
    await c.listImages({});
    console.log(JSON.stringify({ before: before ?? null, after: c.endpoint, url: seen[0].url, region: /Credential=[^/]+\\/\\d+\\/([^/]+)/.exec(seen[0].headers.authorization)[1] }));`;
  const go = (region, endpoint) =>
    JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script(region, endpoint)], { env: { PATH: process.env.PATH, HOME: os.tmpdir(), IB_PKG: full }, encoding: "utf8" }).trim());
  assert.deepEqual(go('async () => "eu-west-1"', 'new URL("http://127.0.0.1:9/base")'), { before: null, after: "http://127.0.0.1:9/base", url: "http://127.0.0.1:9/base/ListImages", region: "eu-west-1" });
  const sync = go('() => "ap-south-1"', '() => ({ url: new URL("http://127.0.0.1:9/") })');
  assert.equal(sync.region, "ap-south-1");
  assert.equal(sync.url, "http://127.0.0.1:9/ListImages");
  assert.equal(sync.before.replace(/\/$/, ""), "http://127.0.0.1:9");
  const plain = go('"us-west-2"', "undefined");
  assert.equal(plain.url, "https://imagebuilder.us-west-2.amazonaws.com/ListImages");
});

test("a region function that fails is a ConfigError on the first call, naming config.region", () => {
  const script = `
    const { ImageBuilderClient } = await import(process.env.IB_PKG);
    const c = new ImageBuilderClient({ region: async () => { throw new Error("no metadata service"); }, credentials: { accessKeyId: "a", secretAccessKey: "b" } });
    try { await c.listImages({}); console.log("sent"); } catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message })); }`;
  const r = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { PATH: process.env.PATH, HOME: os.tmpdir(), IB_PKG: full }, encoding: "utf8" }).trim());
  assert.deepEqual(r, { name: "ConfigError", message: "config.region: the function failed: no metadata service" });
});

// signRequest and presignUrl without `credentials` find them as the client does (full and lite).
const SIGN_SCRIPT = `
const pkg = await import(process.env.IB_PKG);
try {
  const r = pkg.signRequest({ url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages", region: "us-east-1", ...JSON.parse(process.env.IB_CONFIG) });
  console.log(JSON.stringify({ keyId: /Credential=([^/]+)/.exec(r.authorization)[1], token: r.headers["x-amz-security-token"] ?? null }));
} catch (e) {
  console.log(JSON.stringify({ error: e.name, message: e.message }));
}`;

/** SIGN_SCRIPT (signRequest) in a HOME of its own. */
const sign = (setup) => runScript(SIGN_SCRIPT, setup);

test("signRequest without credentials signs with the environment's, then the profile's, in both entries", () => {
  const lite = pathToFileURL(path.join(scratchProject().project, "lite.mjs")).href;
  for (const entry of [full, lite]) {
    assert.deepEqual(sign({ entry, env: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "TOK" } }), { keyId: "AKIDENV", token: "TOK" });
    assert.deepEqual(sign({ entry, files: { ".aws/credentials": CREDENTIALS }, env: { AWS_PROFILE: "dev" } }), { keyId: "AKIDDEV", token: "TOKEN-DEV" });
    const none = sign({ entry });
    assert.equal(none.error, "CredentialsError", JSON.stringify(none));
    assert.match(none.message, /^no credentials: credentials is unset, AWS_ACCESS_KEY_ID is not set/);
  }
});

test("credentials whose keys are unset (an unset environment variable) are a CredentialsError naming the key", () => {
  const r = sign({ config: { credentials: { secretAccessKey: "s" } }, env: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "s" } });
  assert.equal(r.error, "CredentialsError");
  assert.match(r.message, /^credentials\.accessKeyId is undefined: no credentials were given/);
  const c = run({ config: { region: "us-east-1", credentials: { accessKeyId: "AKID", secretAccessKey: null } } });
  assert.equal(c.error, "CredentialsError");
  assert.match(c.message, /^config\.credentials\.secretAccessKey is null/);
});
