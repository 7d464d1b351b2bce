// parseArn answers for every name of ARN_SHAPES exactly as validateArn does: the parsed ARN for
// Image Builder shapes, null for a valid value of the other shapes (SnsTopicArn, RoleNameOrArn,
// OrganizationArn...), and the same ArnError validateArn reports for an invalid value.

import test from "node:test";
import assert from "node:assert/strict";
import { importFull } from "./helpers.mjs";

const { parseArn, validateArn, ARN_SHAPES, ArnError } = await importFull();

const SAMPLES = [
  "arn:aws:sns:us-east-1:123456789012:my-topic",
  "arn:aws:iam::123456789012:role/Builder",
  "Builder",
  "arn:aws:organizations::123456789012:organization/o-abcdefghij",
  "arn:aws:organizations::123456789012:ou/o-abcdefghij/ou-ab12-cdef3456",
  "arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-0123456789abcdef0123456789abcdef",
  "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4",
  "arn:aws:imagebuilder:us-east-1:123456789012:component/web/1.2.3/1",
  "not an arn",
  "",
];

test("every shape of ARN_SHAPES answers in parseArn as in validateArn", () => {
  assert.ok(ARN_SHAPES.includes("SnsTopicArn") && ARN_SHAPES.includes("RoleNameOrArn") && ARN_SHAPES.includes("OrganizationArn"));
  let valid = 0;
  for (const shape of ARN_SHAPES) {
    for (const arn of SAMPLES) {
      const v = validateArn(arn, shape);
      if (v.valid) {
        valid++;
        assert.deepEqual(parseArn(arn, shape), v.arn, `${shape} ${arn}`);
      } else {
        assert.throws(() => parseArn(arn, shape), (e) => e instanceof ArnError && e.message === v.error.message, `${shape} ${arn}`);
      }
    }
  }
  assert.ok(valid >= 8, `only ${valid} valid pairs: the samples no longer cover the shapes`);
});

test("a valid SNS topic, role and organization parse to null under their shapes", () => {
  assert.equal(parseArn("arn:aws:sns:us-east-1:123456789012:my-topic", "SnsTopicArn"), null);
  assert.equal(parseArn("Builder", "RoleNameOrArn"), null);
  assert.equal(parseArn("arn:aws:organizations::123456789012:organization/o-abcdefghij", "OrganizationArn"), null);
  assert.throws(() => parseArn("arn:aws:sns:us-east-1:123456789012:my-topic", "OrganizationArn"), ArnError);
});
