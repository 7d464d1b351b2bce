// Bundle-size entry (browser): the validate entry for a tool that only checks ARNs offline
// (`validateArn` alone, the measure). `cargo xtask size` and `cargo xtask bench-npm`
// replace the import specifier with the built package's validate browser entry.
import { validateArn } from "imagebuilder-wasm-entry";

export function check(arn) {
  return validateArn(arn);
}
