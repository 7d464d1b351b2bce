// Placeholder until the client binding lands (see src/client.rs).
export function clientApi(w) {
  return { validateInput: undefined, ImageBuilderClient: undefined };
}
