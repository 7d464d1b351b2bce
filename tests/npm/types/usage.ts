// Compiled with `tsc --noEmit` against the installed package (types.test.mjs): how a TypeScript
// user's code reads. Every `@ts-expect-error` line must really be an error (tsc fails if not).

import {
  parseArn,
  validateArn,
  validateArns,
  validateArnsText,
  parseVersion,
  compareVersions,
  matchesFilter,
  latestMatching,
  latestVersionReferences,
  signRequest,
  presignUrl,
  validateInput,
  ImageBuilderClient,
  ArnError,
  ServiceError,
  ValidationError,
  ImageBuilderError,
  WaiterError,
  ArnBatchResult,
  OPERATIONS,
  ARN_SHAPES,
  ResourceNotFoundException,
} from "imagebuilder-wasm";
import type {
  ImageBuilderArn,
  SemanticVersion,
  Violation,
  ListImagesRequest,
  ListImagesResponse,
  GetImageResponse,
  CreateImageRequest,
  ImageStatus,
  Ownership,
  OperationName,
  ArnShape,
  ArnRule,
  ErrorName,
} from "imagebuilder-wasm";
import * as lite from "imagebuilder-wasm/lite";
import * as initEntry from "imagebuilder-wasm/init";

// ---- ARNs
const arn: ImageBuilderArn = parseArn("arn:aws:imagebuilder:us-east-1:aws:image/x/1.0.0/1");
const resourceType: "image" | "component" | string = arn.resourceType;
const version: string | null = arn.version;
// @ts-expect-error parseArn takes a string
parseArn(42);
// @ts-expect-error not a model ARN shape
validateArn("arn:aws:x", "ImageArn");
const checked = validateArn("arn:aws:x", "ImageBuildVersionArn");
if (checked.valid) {
  const name: string | undefined = checked.arn?.name;
  void name;
} else {
  const e: ArnError = checked.error;
  const offset: number = e.offset;
  void offset;
}
const batch = validateArns(["a", "b"], "ComponentVersionArn");
const verdicts: Uint8Array = batch.valid;
const fromFile: number = validateArnsText("arn:aws:imagebuilder:us-east-1:aws:image/x/1.0.0/1\n").validCount;
const count: number = batch.validCount + batch.invalidCount;
const shapes: readonly ArnShape[] = ARN_SHAPES;

// ---- Versions
const v: SemanticVersion = parseVersion("1.2.3/4", "VersionNumberWithBuild");
if (v.kind === "buildVersion") {
  const build: number = v.build;
  void build;
} else if (v.kind === "wildcard") {
  const major: number | "x" = v.major;
  void major;
}
// @ts-expect-error not a version shape
parseVersion("1.2.3", "SemanticVersion");
const order: -1 | 0 | 1 = compareVersions("1.10.0", "1.9.0");
const matches: boolean = matchesFilter("1.2.3", "1.x.x");
const latest: string | undefined = latestMatching(["1.0.0"], "x.x.x");
const refs = latestVersionReferences("1.2.3/1", ["1.2.3/2"]);
const latestVersion: string = refs.latestVersion;
const arnRefs = latestVersionReferences("arn:aws:imagebuilder:us-east-1:aws:image/x/1.0.0/1", []);
const latestArn: string = arnRefs.latestVersionArn;

// ---- Signing
const signed = signRequest({
  method: "POST",
  url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages",
  headers: { "content-type": "application/json" },
  body: "{}",
  region: "us-east-1",
  credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
  date: new Date(),
});
const authorization: string = signed.authorization;
const forFetch: Record<string, string> = signed.headers;
// Credentials may be left out (Node reads them as the client does); the region may not.
signRequest({ url: "https://example.com/", region: "us-east-1" });
// @ts-expect-error the region is required
signRequest({ url: "https://example.com/", credentials: { accessKeyId: "A", secretAccessKey: "S" } });
const url: string = presignUrl({ url: new URL("https://imagebuilder.us-east-1.amazonaws.com/ListImages"), region: "us-east-1", credentials: { accessKeyId: "A", secretAccessKey: "S" }, expiresIn: 60 });

// ---- Validation
const violations: Violation[] = validateInput("CreateImage", { imageRecipeArn: "nope" });
const firstPath: string | undefined = violations[0]?.path;
// @ts-expect-error not an operation
validateInput("CreateImages", {});

// ---- The client
const client = new ImageBuilderClient({
  region: "us-east-1",
  credentials: async () => ({ accessKeyId: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN" }),
  endpoint: "http://127.0.0.1:8080/emulator",
  maxAttempts: 5,
});
// Region and credentials may be left out (Node reads them from the environment and ~/.aws),
// given as functions, and the endpoint as a URL or a function.
new ImageBuilderClient({ credentials: { accessKeyId: "A", secretAccessKey: "S" } });
new ImageBuilderClient();
new ImageBuilderClient({ region: async () => "eu-west-1", endpoint: () => new URL("http://127.0.0.1:8080/") });
new ImageBuilderClient({ region: () => "eu-west-1", endpoint: { url: "http://127.0.0.1:8080/" } });
// @ts-expect-error region is text or a function
new ImageBuilderClient({ region: 42 });
new ImageBuilderClient({ region: "us-east-1", customUserAgent: "my-app/1.0" });
new ImageBuilderClient({ region: "us-east-1", customUserAgent: [["my-app", "1.0"], ["team"]] });
// @ts-expect-error customUserAgent is text or [name, version?] pairs
new ImageBuilderClient({ region: "us-east-1", customUserAgent: 1 });

// ---- SDK shapes: one class per modelled exception, Dates in outputs, timestamps in inputs
async function sdkShapes(c: ImageBuilderClient): Promise<void> {
  try {
    const out = await c.getImage({ imageBuildVersionArn: "arn:..." });
    const when: Date | undefined = out.image?.deprecationTime;
    // @ts-expect-error an output timestamp is a Date, not epoch seconds
    const seconds: number | undefined = out.image?.deprecationTime;
    void [when, seconds];
    for (const updateAt of [new Date(), "2024-01-01T00:00:00Z", 1_700_000_000]) {
      await c.startResourceStateUpdate({ resourceArn: "arn:...", state: { status: "AVAILABLE" }, updateAt });
    }
  } catch (e) {
    if (e instanceof ResourceNotFoundException) {
      const name: "ResourceNotFoundException" = e.name;
      const fault: "client" | "server" = e.$fault;
      void [name, fault];
    } else if (e instanceof ServiceError) {
      const retryDelay: number = e.$metadata.totalRetryDelay;
      void retryDelay;
    }
  }
}

async function useClient(signal: AbortSignal): Promise<void> {
  const owner: Ownership = "Self";
  const input: ListImagesRequest = { owner, maxResults: 25, filters: [{ name: "name", values: ["web"] }] };
  const page: ListImagesResponse = await client.listImages(input, { signal });
  // Every output carries the call's $metadata, as the SDK's.
  const { requestId, attempts, totalRetryDelay, httpStatusCode } = (await client.listImages(input)).$metadata;
  const meta: [string | undefined, number, number, number | undefined] = [requestId, attempts, totalRetryDelay, httpStatusCode];
  void meta;
  const names: (string | undefined)[] = (page.imageVersionList ?? []).map((i) => i.name);
  // @ts-expect-error "Everyone" is not an Ownership
  await client.listImages({ owner: "Everyone" });
  // @ts-expect-error imageBuildVersionArn is required
  await client.getImage({});
  const image: GetImageResponse = await client.getImage({ imageBuildVersionArn: "arn:aws:imagebuilder:us-east-1:aws:image/x/1.0.0/1" });
  const status: ImageStatus | undefined = image.image?.state?.status;
  const create: CreateImageRequest = { infrastructureConfigurationArn: "arn:..." };
  await client.createImage(create);
  const viaSend = await client.send("ListImageBuildVersions", { imageVersionArn: "arn:..." });
  const summaries = viaSend.imageSummaryList;
  for await (const p of client.paginateListImages({ owner: "Self" }, { signal })) {
    const list: ListImagesResponse["imageVersionList"] = p.imageVersionList;
    const pageAttempts: number = p.$metadata.attempts;
    void [list, pageAttempts];
  }
  const done: GetImageResponse = await client.waitUntilImageAvailable({ imageBuildVersionArn: "arn:..." }, { signal, minDelay: 15, maxDelay: 60, onStatus: (c) => console.log(c.status, c.at) });
  // @ts-expect-error not a method
  await client.listImage({});
  try {
    await client.deleteImage({ imageBuildVersionArn: "arn:..." });
  } catch (e) {
    if (e instanceof ServiceError) {
      const code: string = e.name;
      const status: number | undefined = e.$metadata.httpStatusCode;
      const requestId: string | undefined = e.$metadata.requestId;
      void [code, status, requestId];
    } else if (e instanceof ValidationError) {
      const paths: string[] = e.violations.map((x) => x.path);
      void paths;
    } else if (e instanceof ImageBuilderError) {
      const attempts: number = e.$metadata.attempts;
      void attempts;
    }
  }
  void [names, status, summaries, done];
}

const ops: readonly (readonly [OperationName, string, string | null])[] = OPERATIONS;

// ---- Unions generated from the Rust enums, and runtime classes the types declare
const rule: ArnRule = "DifferentResource";
// @ts-expect-error not an ARN rule
const badRule: ArnRule = "NoSuchRule";
const errorName: ErrorName = "ValidationError";
function waiterState(e: WaiterError): string {
  // The image's last status, or "(no status)" when GetImage never reported one.
  const state: ImageStatus | "(no status)" | string = e.state;
  return state;
}
const isBatch = (x: unknown): x is ArnBatchResult => x instanceof ArnBatchResult;

// ---- The lite entry has no client
// @ts-expect-error the lite entry has no client
lite.ImageBuilderClient;
// @ts-expect-error nor input validation
lite.validateInput;
const liteArn: ImageBuilderArn = lite.parseArn("arn:aws:imagebuilder:us-east-1:aws:image/x");

// ---- The init entry: the same API after an explicit init()
async function withInit(): Promise<boolean> {
  await initEntry.init();
  await initEntry.init(new URL("https://example.com/imagebuilder_wasm_bg.wasm"));
  return initEntry.validateArn("arn:...").valid && new initEntry.ImageBuilderClient({ region: "us-east-1" }) instanceof initEntry.ImageBuilderClient;
}

void [sdkShapes, withInit, resourceType, version, verdicts, fromFile, count, shapes, order, matches, latest, latestVersion, latestArn, authorization, forFetch, url, firstPath, useClient, ops, liteArn, rule, badRule, errorName, waiterState, isBatch];
