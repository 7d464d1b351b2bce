// Bundled by esbuild (IIFE, and ESM for es2020) from the installed package's `init` entry: no
// top-level await. Calls before init() must fail clearly; after it, the package works, modelled
// errors are their own classes and a missing region or credentials get an explicit error.
import * as pkg from "imagebuilder-wasm/init";
import { checks } from "./checks.mjs";

async function main() {
  const out = {};
  try {
    pkg.validateArn("arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4");
  } catch (e) {
    out.beforeInit = { isClass: e instanceof pkg.ImageBuilderError, message: e.message };
  }
  await pkg.init(new URL("/wasm/imagebuilder_wasm_bg.wasm", location.href));
  out.shapes = Array.isArray(pkg.ARN_SHAPES) && pkg.ARN_SHAPES.length > 0;
  out.checks = await checks(pkg, { endpoint: `${location.origin}/emulator` });
  const client = new pkg.ImageBuilderClient({ region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s" }, endpoint: `${location.origin}/emulator` });
  try {
    await client.getImage({ imageBuildVersionArn: "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/9" });
  } catch (e) {
    out.modelled = e instanceof pkg.ResourceNotFoundException && e instanceof pkg.ServiceError;
  }
  for (const [key, config] of [["noRegion", { credentials: { accessKeyId: "a", secretAccessKey: "b" } }], ["noCredentials", { region: "us-east-1" }]]) {
    try {
      new pkg.ImageBuilderClient(config);
    } catch (e) {
      out[key] = { name: e.name, message: e.message };
    }
  }
  return out;
}
window.__results = main();
