// Bundled by esbuild (platform=browser) from the installed package, as an app would be.
import * as full from "imagebuilder-wasm";
import * as lite from "imagebuilder-wasm/lite";
import * as validate from "imagebuilder-wasm/validate";
import { checks } from "./checks.mjs";

const endpoint = `${location.origin}/emulator`;
window.__results = Promise.all([checks(full, { endpoint }), checks(lite), checks(validate)]).then(([f, l, v]) => ({ full: f, lite: l, validate: v }));
