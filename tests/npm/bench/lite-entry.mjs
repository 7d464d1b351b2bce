// Bundle-size entry (browser): the lite entry for a tool that validates ARNs and versions and
// signs its own fetch. `cargo xtask bench-npm` replaces the import specifier with the built
// package's lite browser entry.
import { parseArn, validateArns, parseVersion, latestMatching, signRequest } from "imagebuilder-wasm-entry";

export function check(arns) {
  return validateArns(arns).validCount;
}

export function describe(arn) {
  return parseArn(arn);
}

export function pick(versions) {
  return latestMatching(versions, parseVersion("1.x.x").text);
}

export async function listImages(credentials) {
  const url = "https://imagebuilder.us-east-1.amazonaws.com/ListImages";
  const body = JSON.stringify({ owner: "Self", maxResults: 25 });
  const { headers } = signRequest({ method: "POST", url, headers: { "content-type": "application/json" }, body, region: "us-east-1", credentials });
  return (await fetch(url, { method: "POST", headers, body })).json();
}
