// Bundled by esbuild (platform=browser) from the installed package, as an app would be.
import * as full from "imagebuilder-wasm";
import * as lite from "imagebuilder-wasm/lite";
import { checks } from "./checks.mjs";

const endpoint = `${location.origin}/emulator`;
window.__results = Promise.all([checks(full, { endpoint }), checks(lite)]).then(([f, l]) => ({ full: f, lite: l }));
