// Node only (imported by index.node.js): a client's default region and credentials, as the AWS
// SDKs find them. Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN,
// then the static keys of the profile AWS_PROFILE (default "default") in the shared credentials
// file (AWS_SHARED_CREDENTIALS_FILE, ~/.aws/credentials) and config file (AWS_CONFIG_FILE,
// ~/.aws/config). SSO, process, role and web-identity profiles are not resolved here: they get
// an error that says to pass a provider. Region: AWS_REGION, AWS_DEFAULT_REGION, then the
// profile's `region`. No error ever holds a value read from a file or the environment.

import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { ConfigError, CredentialsError } from "./errors.js";
import { setDefaultSource } from "./config-defaults.js";

/** Profile settings that need a credentials provider this package does not have. */
const PROVIDER_KEYS = [
  ["sso_session", "SSO"],
  ["sso_start_url", "SSO"],
  ["credential_process", "a credential process"],
  ["role_arn", "an assumed role"],
  ["web_identity_token_file", "web identity"],
];

const PROVIDER_HINT = "pass a credentials provider as config.credentials (for example fromIni() or fromSSO() of @aws-sdk/credential-providers)";

/** The sections of an INI file: Map of section name -> Map of key -> value (sub-sections and
 * comments skipped; a missing file is empty). */
function readIni(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if (e && (e.code === "ENOENT" || e.code === "ENOTDIR")) return new Map();
    throw new ConfigError(`cannot read ${file}: ${e && e.code ? e.code : "read error"}`);
  }
  const sections = new Map();
  let current;
  for (const raw of text.split(/\r?\n/)) {
    // An indented line continues the previous key's sub-section (`s3 =` + `  max_concurrent_requests = 2`).
    if (/^[ \t]/.test(raw)) continue;
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]*)\]/.exec(line);
    if (header) {
      const name = header[1].trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf("=");
    if (current === undefined || eq < 0) continue;
    current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

function env(name) {
  const v = process.env[name];
  return v === undefined || v === "" ? undefined : v;
}

function home(file, variable) {
  return env(variable) ?? join(homedir(), ".aws", file);
}

/** The profile's settings: the credentials file's section over the config file's. */
function profile() {
  const name = env("AWS_PROFILE") ?? env("AWS_DEFAULT_PROFILE") ?? "default";
  const credentialsFile = home("credentials", "AWS_SHARED_CREDENTIALS_FILE");
  const configFile = home("config", "AWS_CONFIG_FILE");
  const config = readIni(configFile);
  const fromConfig = config.get(name === "default" ? "default" : `profile ${name}`) ?? (name === "default" ? config.get("profile default") : undefined);
  const fromCredentials = readIni(credentialsFile).get(name);
  const settings = new Map([...(fromConfig ?? []), ...(fromCredentials ?? [])]);
  return { name, settings, found: fromConfig !== undefined || fromCredentials !== undefined, where: `${credentialsFile} or ${configFile}` };
}

function credentials(what = "config.credentials") {
  const id = env("AWS_ACCESS_KEY_ID");
  const secret = env("AWS_SECRET_ACCESS_KEY");
  if (id !== undefined || secret !== undefined) {
    if (id === undefined || secret === undefined) {
      throw new CredentialsError(`${id === undefined ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY"} is not set, though ${id === undefined ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID"} is: set both, or pass ${what}`);
    }
    return { accessKeyId: id, secretAccessKey: secret, sessionToken: env("AWS_SESSION_TOKEN") };
  }
  const p = profile();
  const s = p.settings;
  const key = s.get("aws_access_key_id");
  const secretKey = s.get("aws_secret_access_key");
  if (key && secretKey) return { accessKeyId: key, secretAccessKey: secretKey, sessionToken: s.get("aws_session_token") || undefined };
  for (const [setting, kind] of PROVIDER_KEYS) {
    if (s.has(setting)) throw new CredentialsError(`profile "${p.name}" gets its credentials from ${kind} (${setting}), which this package does not resolve: ${PROVIDER_HINT}`);
  }
  if (key || secretKey) {
    throw new CredentialsError(`profile "${p.name}" has ${key ? "aws_access_key_id" : "aws_secret_access_key"} but no ${key ? "aws_secret_access_key" : "aws_access_key_id"}`);
  }
  throw new CredentialsError(
    p.found
      ? `no credentials: ${what} is unset, AWS_ACCESS_KEY_ID is not set, and profile "${p.name}" has no static keys; pass ${what} or ${PROVIDER_HINT.replace("pass ", "")}`
      : `no credentials: ${what} is unset, AWS_ACCESS_KEY_ID is not set, and there is no profile "${p.name}" in ${p.where}; pass ${what}`,
  );
}

function region() {
  const fromEnv = env("AWS_REGION") ?? env("AWS_DEFAULT_REGION");
  if (fromEnv !== undefined) return fromEnv;
  const p = profile();
  const r = p.settings.get("region");
  if (r) return r;
  throw new ConfigError(`no region: config.region is unset, AWS_REGION and AWS_DEFAULT_REGION are not set, and profile "${p.name}" has no region in ${p.where}; pass config.region`);
}

setDefaultSource({ region, credentials });
