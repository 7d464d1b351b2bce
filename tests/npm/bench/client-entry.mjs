// Bundle-size entry (browser): the same app as the peers' bundle (a), with the package's client:
// construct it and call ListImages, GetImage and CreateImage. `cargo xtask bench-npm` replaces
// the import specifier with the built package's browser entry.
import { ImageBuilderClient } from "imagebuilder-wasm-entry";

const client = new ImageBuilderClient({
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
});

export async function listImages() {
  return client.listImages({ owner: "Self", maxResults: 25 });
}

export async function getImage(imageBuildVersionArn) {
  return client.getImage({ imageBuildVersionArn });
}

export async function createImage(imageRecipeArn, infrastructureConfigurationArn) {
  return client.createImage({ imageRecipeArn, infrastructureConfigurationArn });
}
