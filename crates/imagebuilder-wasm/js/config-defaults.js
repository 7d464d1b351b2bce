// Where a client's region and credentials come from when its config leaves them out. In browsers
// and workers: nowhere (an error that says so); the Node entry installs node-config.js, which
// reads the environment and the shared AWS files.

import { ConfigError, CredentialsError } from "./errors.js";

const EXPLICIT = {
  region() {
    throw new ConfigError('config.region is required here: outside Node the region is never read from the environment; pass { region: "us-east-1" } (or a function that returns it)');
  },
  credentials(what = "config.credentials") {
    throw new CredentialsError(`${what} is required here: outside Node credentials are never read from the environment; pass { accessKeyId, secretAccessKey, sessionToken? }${what === "config.credentials" ? " or a provider function that returns them" : ""}`);
  },
};

let source = EXPLICIT;

/** Installs where defaults come from: `{ region(): string, credentials(): object }`. */
export function setDefaultSource(s) {
  source = s;
}

/** The region a config without `region` gets (or a thrown ConfigError). */
export function defaultRegion() {
  return source.region();
}

/** The credentials a config (or a signing request) without `credentials` gets (or a thrown
 * CredentialsError naming `what`). */
export function defaultCredentials(what = "config.credentials") {
  return source.credentials(what);
}
