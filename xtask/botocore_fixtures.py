"""Botocore conformance fixtures for the rest-json protocol of EC2 Image Builder.

Run by `cargo xtask botocore-fixtures` with the Python of `<target-dir>/botocore-venv`, where
botocore (pinned, the same release as `model/SOURCE`) is installed from PyPI:

    python botocore_fixtures.py --model-dir model --botocore-version 1.44.5 \
        --out-dir crates/imagebuilder-core/tests/fixtures/botocore

For each operation of botocore's OWN loaded Image Builder model, it builds a maximal input (every
member set, recursively, every value valid per the model's constraints), serializes it with
botocore's rest-json serializer, builds a maximal output body (plus unknown fields and an unknown
enum value) and parses it with botocore's rest-json parser. It also parses error responses for
every modelled exception in every spelling the protocol allows, plus a few unmodelled ones.

Everything is deterministic: no randomness, no clock. Running it twice writes identical bytes.
The script fails loudly (exit status 1) when a generated value breaks a constraint of the model,
when botocore's model differs from `model/service-2.json`, or when botocore's parse differs from
the body it was given (minus the unknown fields).
"""

import argparse
import base64
import datetime
import json
import pathlib
import re
import sys

import botocore
import botocore.session
from botocore.awsrequest import HeadersDict
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

SERVICE = "imagebuilder"

REGION = "us-west-2"
ACCOUNT = "123456789012"
OTHER_ACCOUNT = "210987654321"
IB = f"arn:aws:imagebuilder:{REGION}:{ACCOUNT}"
IB_AWS = f"arn:aws:imagebuilder:{REGION}:aws"

# Idempotency tokens are set explicitly (botocore would otherwise fill in a random UUID).
CLIENT_TOKEN = "c0ffee00-1111-4222-8333-444455556666"
# Input timestamps (serialized by botocore as epoch seconds).
INPUT_TIMESTAMP = datetime.datetime(2024, 6, 10, 6, 13, 20, tzinfo=datetime.timezone.utc)
# Output timestamps are epoch seconds numbers starting here (half of them with a fraction).
OUTPUT_EPOCH = 1718000000
# x-amzn-RequestId of every fixture response; body `requestId` members get a different value.
HEADER_REQUEST_ID = "a1b2c3d4-5678-4abc-9def-0123456789ab"
BODY_REQUEST_ID = "f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f"
# The value that replaces one enum member in each response that has an enum.
UNKNOWN_ENUM_VALUE = "SOME_FUTURE_VALUE"

USER_DATA = base64.b64encode(b"#!/bin/bash\necho 'hello from user data'\n").decode("ascii")
COMPONENT_YAML = (
    "name: HelloWorld\n"
    "description: \"Says hello\" \u2014 with ünïcode\n"
    "schemaVersion: 1.0\n"
    "phases:\n"
    "  - name: build\n"
    "    steps:\n"
    "      - name: Hello\n"
    "        action: ExecuteBash\n"
    "        inputs:\n"
    "          commands:\n"
    "            - echo \"hello\\tworld\"\n"
)
DOCKERFILE = "FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}\n"
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": [f"arn:aws:iam::{OTHER_ACCOUNT}:root"]},
                "Action": ["imagebuilder:GetImage"],
                "Resource": [f"{IB}:image/my-image/1.0.0/1"],
            }
        ],
    },
    sort_keys=True,
)


def pick(i, *values):
    """The value for element `i` of a list (cycling)."""
    return values[i % len(values)]


# Values for string shapes, by shape name (every patterned shape of the model is here).
BY_SHAPE = {
    "AccountId": lambda i: pick(i, ACCOUNT, OTHER_ACCOUNT),
    "AmiNameString": lambda i: pick(i, "my-ami-{{ imagebuilder:buildDate }}", "my-ami.2024 x86_64"),
    "AmiWatermarkName": lambda i: pick(i, "(Golden) image/watermark-1", "team@example.com"),
    "ClientToken": lambda i: CLIENT_TOKEN,
    "ComponentBuildVersionArn": lambda i: f"{IB}:component/my-component/1.0.{i}/1",
    "ComponentVersionArn": lambda i: f"{IB}:component/my-component/1.0.{i}",
    "ComponentVersionArnOrBuildVersionArn": lambda i: pick(
        i, f"{IB}:component/my-component/1.0.0/1", f"{IB_AWS}:component/update-linux/x.x.x"
    ),
    "ComponentParameterName": lambda i: pick(i, "GreetingText", "RetryCount"),
    "ComponentParameterDescription": lambda i: pick(i, "The text to greet with", "How many retries"),
    "ComponentParameterType": lambda i: pick(i, "String", "Integer"),
    "ComponentParameterValue": lambda i: pick(i, "Hello, \"world\" \u2713", "3"),
    "ContainerRecipeArn": lambda i: f"{IB}:container-recipe/my-container-recipe/1.0.{i}",
    "DistributionConfigurationArn": lambda i: f"{IB}:distribution-configuration/my-distribution-{i}",
    "FilterName": lambda i: pick(i, "name", "platform"),
    "FilterValue": lambda i: pick(i, "my-image", "Linux"),
    "HttpTokens": lambda i: pick(i, "required", "optional"),
    "ImageBuildVersionArn": lambda i: f"{IB}:image/my-image/1.0.{i}/{i + 1}",
    "ImageBuilderArn": lambda i: pick(i, f"{IB}:image/my-image/1.0.0/1", f"{IB}:image-recipe/my-recipe/1.0.0"),
    "ImagePipelineArn": lambda i: f"{IB}:image-pipeline/my-pipeline-{i}",
    "ImageRecipeArn": lambda i: f"{IB}:image-recipe/my-recipe/1.0.{i}",
    "ImageVersionArn": lambda i: f"{IB}:image/my-image/1.0.{i}",
    "ImageVersionArnOrBuildVersionArn": lambda i: pick(
        i, f"{IB}:image/my-image/1.0.0/1", f"{IB_AWS}:image/amazon-linux-2-x86/x.x.x"
    ),
    "InfrastructureConfigurationArn": lambda i: f"{IB}:infrastructure-configuration/my-infrastructure-{i}",
    "InlineComponentData": lambda i: COMPONENT_YAML,
    "InlineDockerFileTemplate": lambda i: DOCKERFILE,
    "InlineWorkflowData": lambda i: "name: build-image\nschemaVersion: 1.0\nsteps:\n  - name: LaunchBuildInstance\n    action: LaunchInstance\n",
    "InstanceProfileNameType": lambda i: "EC2InstanceProfileForImageBuilder",
    "LaunchTemplateId": lambda i: pick(i, "lt-0123456789abcdef0", "lt-0fedcba9876543210"),
    "LicenseConfigurationArn": lambda i: (
        f"arn:aws:license-manager:{REGION}:{ACCOUNT}:license-configuration:lic-0123456789abcdef0123456789abcde{i}"
    ),
    "LifecycleExecutionId": lambda i: f"lce-0123abcd-4567-89ab-cdef-01234567890{i}",
    "LifecyclePolicyArn": lambda i: f"{IB}:lifecycle-policy/my-lifecycle-policy-{i}",
    "LogGroupName": lambda i: "/aws/imagebuilder/my-image",
    "MarketplaceResourceLocation": lambda i: "s3://my-marketplace-bucket/artifacts/component.zip",
    "OrganizationArn": lambda i: f"arn:aws:organizations::{ACCOUNT}:organization/o-a1b2c3d4e{i}",
    "OrganizationalUnitArn": lambda i: f"arn:aws:organizations::{ACCOUNT}:ou/o-a1b2c3d4e5/ou-ab12-cd34ef5{i}",
    "ParallelGroup": lambda i: pick(i, "group-1", "group_2+b#3"),
    "ProductCodeId": lambda i: pick(i, "abcd1234efgh5678ijkl90mno", "x1y2z3"),
    "ResourceName": lambda i: pick(i, "my-resource", "My Resource_2"),
    "RoleNameOrArn": lambda i: pick(
        i, f"arn:aws:iam::{ACCOUNT}:role/ImageBuilderExecutionRole", "service-role/ImageBuilderRole"
    ),
    "SnsTopicArn": lambda i: f"arn:aws:sns:{REGION}:{ACCOUNT}:image-builder-topic",
    "SsmParameterName": lambda i: pick(i, "/imagebuilder/my-image/latest", "my.parameter_name-2"),
    "TagKey": lambda i: pick(i, "team/cost center:a+b=c@d", "Name"),
    "TagValue": lambda i: pick(i, "platform & tools / ünïcode \u2713", "golden-image"),
    "Timezone": lambda i: "America/Los_Angeles",
    "UserDataOverride": lambda i: USER_DATA,
    "VersionNumber": lambda i: f"1.0.{i}",
    "VersionNumberWithBuild": lambda i: pick(i, "1.0.0/1", "2.1.3"),
    "WildcardVersionNumber": lambda i: pick(i, "1.0.0", "2.x.x"),
    "WorkflowBuildVersionArn": lambda i: f"{IB}:workflow/build/my-workflow/1.0.{i}/1",
    "WorkflowExecutionId": lambda i: f"wf-0123abcd-4567-89ab-cdef-01234567890{i}",
    "WorkflowParameterName": lambda i: pick(i, "waitForActionAtEnd", "timeoutMinutes"),
    "WorkflowParameterDescription": lambda i: pick(i, "Pause at the end", "Timeout in minutes"),
    "WorkflowParameterType": lambda i: pick(i, "boolean", "integer"),
    "WorkflowParameterValue": lambda i: pick(i, "true", "60"),
    "WorkflowStepAction": lambda i: pick(i, "ExecuteBash", "WaitForAction"),
    "WorkflowStepExecutionId": lambda i: f"step-0123abcd-4567-89ab-cdef-01234567890{i}",
    "WorkflowStepName": lambda i: pick(i, "BuildStep", "Test-Step_2"),
    "WorkflowVersionArnOrBuildVersionArn": lambda i: pick(
        i, f"{IB}:workflow/build/my-workflow/1.0.0/1", f"{IB_AWS}:workflow/test/test-image/x.x.x"
    ),
    "WorkflowWildcardVersionArn": lambda i: f"{IB}:workflow/build/my-workflow/1.0.{i}",
}

# Realistic values for the model's unconstrained (or length-only) string members, by member name.
BY_MEMBER = {
    "accountId": lambda i: pick(i, ACCOUNT, OTHER_ACCOUNT),
    "awsAccountId": lambda i: ACCOUNT,
    "availabilityZone": lambda i: pick(i, "us-west-2a", "us-west-2b"),
    "region": lambda i: pick(i, REGION, "eu-central-1"),
    "regions": lambda i: pick(i, REGION, "eu-central-1"),
    "kmsKeyId": lambda i: f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "subnetId": lambda i: "subnet-0123456789abcdef0",
    "securityGroupIds": lambda i: f"sg-0123456789abcdef{i}",
    "keyPair": lambda i: "my-key-pair",
    "instanceTypes": lambda i: pick(i, "m5.large", "t3.micro"),
    "snapshotId": lambda i: "snap-0123456789abcdef0",
    "deviceName": lambda i: pick(i, "/dev/xvda", "/dev/sdb"),
    "virtualName": lambda i: "ephemeral0",
    "s3Bucket": lambda i: "my-imagebuilder-bucket",
    "s3BucketName": lambda i: "my-imagebuilder-bucket",
    "s3KeyPrefix": lambda i: "logs/imagebuilder",
    "s3Prefix": lambda i: "exports/",
    "uri": lambda i: "s3://my-imagebuilder-bucket/components/hello-world.yaml",
    "dockerfileTemplateUri": lambda i: "s3://my-imagebuilder-bucket/docker/Dockerfile",
    "url": lambda i: "https://nvd.nist.gov/vuln/detail/CVE-2024-12345",
    "sourceUrl": lambda i: "https://nvd.nist.gov/vuln/detail/CVE-2024-12345",
    "referenceUrls": lambda i: pick(i, "https://example.com/advisory/1", "https://example.com/advisory/2"),
    "parentImage": lambda i: f"{IB_AWS}:image/amazon-linux-2-x86/x.x.x",
    "platform": lambda i: "Linux",
    "osVersion": lambda i: pick(i, "Amazon Linux 2", "Amazon Linux 2023"),
    "supportedOsVersions": lambda i: pick(i, "Amazon Linux 2", "Amazon Linux 2023"),
    "imageOsVersionOverride": lambda i: "Amazon Linux 2023",
    "version": lambda i: f"1.0.{i}",
    "description": lambda i: pick(i, "A \"maximal\" description \u2014 ünïcode \u2713", "Second description"),
    "changeDescription": lambda i: "Initial version",
    "data": lambda i: COMPONENT_YAML,
    "dockerfileTemplateData": lambda i: DOCKERFILE,
    "policy": lambda i: POLICY,
    "scheduleExpression": lambda i: "cron(0 0 * * ? *)",
    "requestId": lambda i: BODY_REQUEST_ID,
    "nextToken": lambda i: "eyJvZmZzZXQiOjI1fQ==",
    "dateCreated": lambda i: "2024-06-10T06:13:20.000Z",
    "dateUpdated": lambda i: "2024-06-11T08:00:00.000Z",
    "dateLastRun": lambda i: "2024-06-12T00:00:00.000Z",
    "dateNextRun": lambda i: "2024-06-13T00:00:00.000Z",
    "startTime": lambda i: "2024-06-10T06:13:20.000Z",
    "endTime": lambda i: "2024-06-10T07:13:20.000Z",
    "workingDirectory": lambda i: "/tmp",
    "image": lambda i: f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/my-repo:1.0.0-1",
    "imageUris": lambda i: f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/my-repo:1.0.{i}",
    "repositoryName": lambda i: "my-repo",
    "containerTags": lambda i: pick(i, "latest", "1.0.0"),
    "launchTemplateName": lambda i: "my-launch-template",
    "launchTemplateVersion": lambda i: "1",
    "userGroups": lambda i: "all",
    "hostResourceGroupArn": lambda i: f"arn:aws:resource-groups:{REGION}:{ACCOUNT}:group/my-hosts",
    "hostId": lambda i: "h-0123456789abcdef0",
    "vulnerabilityId": lambda i: "CVE-2024-12345",
    "relatedVulnerabilities": lambda i: pick(i, "CVE-2024-11111", "CVE-2024-22222"),
    "snsTopicArn": lambda i: f"arn:aws:sns:{REGION}:{ACCOUNT}:image-builder-topic",
    "roleName": lambda i: "ImageBuilderLifecycleRole",
    "severity": lambda i: "HIGH",
    "vendorSeverity": lambda i: "Important",
    "packageName": lambda i: pick(i, "openssl", "glibc"),
    "packageVersion": lambda i: "3.0.8",
    "packageManager": lambda i: "OS",
    "arch": lambda i: "x86_64",
    "release": lambda i: "1.amzn2023",
    "filePath": lambda i: "/usr/lib64/libssl.so.3",
    "fixedInVersion": lambda i: "3.0.9",
    "fixAvailable": lambda i: "YES",
    "remediation": lambda i: "Upgrade openssl to 3.0.9",
    "scoreSource": lambda i: "NVD",
    "cvssSource": lambda i: "NVD",
    "scoringVector": lambda i: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "title": lambda i: "CVE-2024-12345 - openssl",
    "text": lambda i: "Upgrade to the fixed version.",
    "source": lambda i: "NVD",
    "publisher": lambda i: "Amazon",
    "owner": lambda i: ACCOUNT,
    "sourceLayerHash": lambda i: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "vmImportTaskId": lambda i: "import-ami-0123456789abcdef0",
    "sourceImage": lambda i: "ami-0123456789abcdef0",
    "instanceImage": lambda i: "ami-0fedcba9876543210",
    "aggregationType": lambda i: "severity",
    "phaseName": lambda i: "build",
    "stepName": lambda i: "Hello",
    "onFailure": lambda i: "Abort",
    "metric": lambda i: "AMI_BUILD_TIME",
    "reason": lambda i: "Superseded by 1.0.1",
    "inputs": lambda i: "{\"commands\":[\"echo hello\"]}",
    "outputs": lambda i: "{\"instanceId\":\"i-0123456789abcdef0\"}",
}

# Realistic values for members of the unconstrained `Arn` shape, by member name.
ARN_BY_MEMBER = {
    "sourcePipelineArn": lambda i: f"{IB}:image-pipeline/my-pipeline-{i}",
    "imageRecipeArn": lambda i: f"{IB}:image-recipe/my-recipe/1.0.{i}",
    "containerRecipeArn": lambda i: f"{IB}:container-recipe/my-container-recipe/1.0.{i}",
    "infrastructureConfigurationArn": lambda i: f"{IB}:infrastructure-configuration/my-infrastructure-{i}",
    "distributionConfigurationArn": lambda i: f"{IB}:distribution-configuration/my-distribution-{i}",
    "imageArn": lambda i: f"{IB}:image/my-imported-image/1.0.{i}/1",
}

# Numbers, by member name, before clamping to the shape's range.
NUMBER_BY_MEMBER = {
    "maxResults": 25,
    "volumeSize": 100,
    "iops": 3000,
    "throughput": 250,
    "httpPutResponseHopLimit": 2,
    "timeoutMinutes": 90,
    "imageTestsTimeoutMinutes": 120,
    "maxParallelLaunches": 6,
    "targetResourceCount": 5,
    "value": 30,
    "retainAtLeast": 2,
    "lastLaunched": 90,
    "epoch": 2,
}


class ModelError(Exception):
    """A generated value broke a constraint of the model (a bug of this script)."""


class Generator:
    """Maximal values for the shapes of botocore's loaded model."""

    def __init__(self, for_output):
        self.for_output = for_output
        self.timestamps = 0

    def value(self, shape, member, i, path):
        kind = shape.type_name
        if kind == "structure":
            return {
                name: self.value(ref, name, i, f"{path}.{name}")
                for name, ref in shape.members.items()
            }
        if kind == "list":
            count = bounded_count(shape, 2, path)
            return [self.value(shape.member, member, j, f"{path}[{j}]") for j in range(count)]
        if kind == "map":
            count = bounded_count(shape, 2, path)
            out = {}
            for j in range(count):
                key = self.value(shape.key, member, j, f"{path}.<key {j}>")
                if key in out:
                    raise ModelError(f"{path}: duplicate map key {key!r}")
                out[key] = self.value(shape.value, member, j, f"{path}[{key!r}]")
            return out
        if kind == "string":
            return self.string(shape, member, i, path)
        if kind in ("integer", "long"):
            return self.integer(shape, member, i, path)
        if kind in ("double", "float"):
            return self.double(shape, i, path)
        if kind == "boolean":
            return i % 2 == 0
        if kind == "timestamp":
            if not self.for_output:
                return INPUT_TIMESTAMP
            n = self.timestamps
            self.timestamps += 1
            return OUTPUT_EPOCH + 3600 * n + (0.5 if n % 2 else 0)
        raise ModelError(f"{path}: shape {shape.name} has unsupported type {kind}")

    def string(self, shape, member, i, path):
        meta = shape.metadata
        if shape.enum:
            return shape.enum[i % len(shape.enum)]
        if meta.get("idempotencyToken"):
            value = CLIENT_TOKEN
        elif shape.name in BY_SHAPE:
            value = BY_SHAPE[shape.name](i)
        elif "pattern" in meta:
            raise ModelError(f"{path}: patterned shape {shape.name} has no value in BY_SHAPE")
        elif shape.name == "Arn" and member in ARN_BY_MEMBER:
            value = ARN_BY_MEMBER[member](i)
        elif member in BY_MEMBER:
            value = BY_MEMBER[member](i)
        else:
            value = f"example-{member}-{i}"
        # Unpatterned strings are fitted to the length bounds; patterned ones must already fit.
        low, high = meta.get("min", 0), meta.get("max")
        if "pattern" not in meta:
            if high is not None and len(value) > high:
                value = value[:high]
            if len(value) < low:
                value = value + "x" * (low - len(value))
        check_string(shape, value, path)
        return value

    def integer(self, shape, member, i, path):
        meta = shape.metadata
        low, high = meta.get("min"), meta.get("max")
        if shape.type_name == "long":
            # Exercise 64-bit values: the top of the range, or beyond 32 bits when unbounded.
            value = high if high is not None else 5_000_000_000 + i
        else:
            value = NUMBER_BY_MEMBER.get(member, 42) + i
        if low is not None:
            value = max(value, low)
        if high is not None:
            value = min(value, high)
        check_range(shape, value, path)
        return value

    def double(self, shape, i, path):
        value = 7.5 + i
        check_range(shape, value, path)
        return value


def bounded_count(shape, wanted, path):
    meta = shape.metadata
    count = min(max(wanted, meta.get("min", 0)), meta.get("max", wanted))
    if count < 1:
        raise ModelError(f"{path}: {shape.name} allows no element")
    return count


def check_string(shape, value, path):
    meta = shape.metadata
    if shape.enum and value not in shape.enum:
        raise ModelError(f"{path}: {value!r} is not a value of enum {shape.name}")
    if "min" in meta and len(value) < meta["min"]:
        raise ModelError(f"{path}: {value!r} is shorter than {shape.name}'s min {meta['min']}")
    if "max" in meta and len(value) > meta["max"]:
        raise ModelError(f"{path}: {value!r} is longer than {shape.name}'s max {meta['max']}")
    pattern = meta.get("pattern")
    if pattern is not None:
        # Smithy patterns are searched, not anchored; values also match in full, so that a
        # stricter (anchored) validator accepts them as well.
        if not re.search(pattern, value) or not re.fullmatch(pattern, value):
            raise ModelError(f"{path}: {value!r} does not match {shape.name}'s pattern {pattern}")


def check_range(shape, value, path):
    meta = shape.metadata
    if "min" in meta and value < meta["min"]:
        raise ModelError(f"{path}: {value} is below {shape.name}'s min {meta['min']}")
    if "max" in meta and value > meta["max"]:
        raise ModelError(f"{path}: {value} is above {shape.name}'s max {meta['max']}")


def to_wire(value):
    """The JSON form of a generated input: timestamps as epoch seconds."""
    if isinstance(value, dict):
        return {k: to_wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_wire(v) for v in value]
    if isinstance(value, datetime.datetime):
        return epoch_seconds(value)
    return value


def epoch_seconds(moment):
    seconds = moment.timestamp()
    return int(seconds) if seconds == int(seconds) else seconds


def parsed_to_json(value):
    """botocore's parsed output in wire form: datetimes back to epoch seconds."""
    if isinstance(value, dict):
        return {k: parsed_to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [parsed_to_json(v) for v in value]
    if isinstance(value, datetime.datetime):
        return epoch_seconds(value)
    if isinstance(value, bytes):
        raise ModelError("botocore parsed a blob, which this model does not have")
    return value


def first_enum_path(shape, value, path=()):
    """The path (keys and indexes) of the first enum-typed string in a generated value."""
    kind = shape.type_name
    if kind == "string" and shape.enum:
        return path
    if kind == "structure":
        for name, ref in shape.members.items():
            found = first_enum_path(ref, value[name], path + (name,))
            if found is not None:
                return found
    if kind == "list":
        for j, element in enumerate(value):
            found = first_enum_path(shape.member, element, path + (j,))
            if found is not None:
                return found
    if kind == "map":
        for key, element in value.items():
            found = first_enum_path(shape.value, element, path + (key,))
            if found is not None:
                return found
    return None


def first_nested_object(shape, value, path=()):
    """The path of the first structure below the top level of a generated value."""
    kind = shape.type_name
    if kind == "structure":
        if path:
            return path
        for name, ref in shape.members.items():
            found = first_nested_object(ref, value[name], path + (name,))
            if found is not None:
                return found
    if kind == "list":
        for j, element in enumerate(value):
            found = first_nested_object(shape.member, element, path + (j,))
            if found is not None:
                return found
    return None


def at(value, path):
    for step in path:
        value = value[step]
    return value


def request_fixture(serialized):
    query = []
    for name, value in serialized["query_string"].items():
        values = value if isinstance(value, list) else [value]
        query.extend([name, str(v)] for v in values)
    query.sort()
    content_type = None
    for name, value in serialized["headers"].items():
        if name.lower() == "content-type":
            content_type = value
    body = serialized["body"]
    if isinstance(body, str):
        body = body.encode("utf-8")
    return {
        "method": serialized["method"],
        "path": serialized["url_path"],
        "query": query,
        "contentType": content_type,
        "body": json.loads(body) if body else None,
    }


def operation_fixture(service_model, serializer, parser, name):
    operation = service_model.operation_model(name)
    input_shape = operation.input_shape
    output_shape = operation.output_shape

    params = Generator(for_output=False).value(input_shape, None, 0, name) if input_shape else {}
    serialized = serializer.serialize_to_request(params, operation)

    body = Generator(for_output=True).value(output_shape, None, 0, name) if output_shape else {}
    expected = json.loads(json.dumps(body))
    enum_path = first_enum_path(output_shape, body) if output_shape else None
    if enum_path is not None:
        parent = at(body, enum_path[:-1])
        parent[enum_path[-1]] = UNKNOWN_ENUM_VALUE
        at(expected, enum_path[:-1])[enum_path[-1]] = UNKNOWN_ENUM_VALUE
    body["unknownTopLevelField"] = {"addedIn": "2030-01-01", "values": [1, 2.5, None, True]}
    body["anotherUnknownField"] = "ignored \u2603"
    nested = first_nested_object(output_shape, body) if output_shape else None
    if nested is not None:
        at(body, nested)["unknownNestedField"] = ["ignored", {"deeper": 1}]
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    headers = [
        ["Content-Type", "application/json"],
        ["x-amzn-RequestId", HEADER_REQUEST_ID],
    ]
    parsed = parser.parse(
        {"status_code": 200, "headers": HeadersDict(headers), "body": raw.encode("utf-8")},
        output_shape,
    )
    metadata = parsed.pop("ResponseMetadata")
    parsed_json = parsed_to_json(parsed)
    if parsed_json != expected:
        raise ModelError(
            f"{name}: botocore's parse differs from the body without unknown fields:\n"
            f"  parsed:   {json.dumps(parsed_json, sort_keys=True)}\n"
            f"  expected: {json.dumps(expected, sort_keys=True)}"
        )
    return {
        "operation": name,
        "input": to_wire(params),
        "request": request_fixture(serialized),
        "response": {"status": 200, "headers": headers, "body": raw},
        "parsed": parsed_json,
        "requestId": metadata.get("RequestId"),
        "unknownEnumAt": None if enum_path is None else list(enum_path),
    }


def error_cases(service_model):
    """(name, operation, status, headers, body) of every error response to parse."""
    operations = sorted(service_model.operation_names)
    cases = []
    for shape_name in sorted(service_model.shape_names):
        shape = service_model.shape_for(shape_name)
        if not shape.metadata.get("exception"):
            continue
        status = shape.metadata["error"]["httpStatusCode"]
        code = shape.error_code
        # An operation that lists this error (the first one, by name), else GetImage.
        operation = next(
            (
                op
                for op in operations
                if any(e.name == shape_name for e in service_model.operation_model(op).error_shapes)
            ),
            "GetImage",
        )
        message = f"{code}: something about {shape_name} went wrong \u2014 \"details\""
        json_ct = ["Content-Type", "application/json"]
        rid = ["x-amzn-RequestId", HEADER_REQUEST_ID]
        cases += [
            (
                f"{shape_name}/x-amzn-ErrorType header",
                operation,
                status,
                [
                    json_ct,
                    rid,
                    ["x-amzn-ErrorType", f"{code}:http://internal.amazon.com/coral/com.amazonaws.imagebuilder/"],
                ],
                json.dumps({"message": message}, ensure_ascii=False),
            ),
            (
                f"{shape_name}/__type with namespace and Message",
                operation,
                status,
                [json_ct, rid],
                json.dumps({"__type": f"com.amazonaws.imagebuilder#{code}", "Message": message}, ensure_ascii=False),
            ),
            (
                f"{shape_name}/code member",
                operation,
                status,
                [json_ct, rid],
                json.dumps({"code": code, "message": message}, ensure_ascii=False),
            ),
            (
                f"{shape_name}/plain __type",
                operation,
                status,
                [json_ct, rid],
                json.dumps({"__type": code, "message": message}, ensure_ascii=False),
            ),
        ]
    cases += [
        (
            "unmodelled/ThrottlingException 429",
            "ListImages",
            429,
            [
                ["Content-Type", "application/json"],
                ["x-amzn-RequestId", HEADER_REQUEST_ID],
                ["x-amzn-ErrorType", "ThrottlingException"],
            ],
            json.dumps({"message": "Rate exceeded"}),
        ),
        (
            "unmodelled/InvalidSignatureException 403",
            "GetImage",
            403,
            [["Content-Type", "application/json"], ["x-amzn-RequestId", HEADER_REQUEST_ID]],
            json.dumps(
                {
                    "__type": "com.amazon.coral.service#InvalidSignatureException",
                    "message": "The request signature we calculated does not match the signature you provided.",
                }
            ),
        ),
        (
            "unmodelled/500 with an HTML body",
            "GetImage",
            500,
            [["Content-Type", "text/html"]],
            "<html><body><b>Http/1.1 Internal Server Error</b></body></html>",
        ),
        ("unmodelled/empty 503", "ListImages", 503, [["Content-Length", "0"]], ""),
    ]
    return cases


def error_fixtures(service_model, parser):
    fixtures = []
    for name, operation, status, headers, body in error_cases(service_model):
        response = {"status_code": status, "headers": HeadersDict(headers), "body": body.encode("utf-8")}
        output_shape = service_model.operation_model(operation).output_shape
        parsed = parser.parse(response, output_shape)
        error = parsed["Error"]
        code = error.get("Code")
        modeled = service_model.shape_for_error_code(code)
        fixture = {
            "name": name,
            "operation": operation,
            "status": status,
            "headers": headers,
            "body": body,
            "botocore": {
                "code": code,
                "message": error.get("Message"),
                "requestId": parsed["ResponseMetadata"].get("RequestId"),
                "modeledShape": modeled.name if modeled is not None else None,
                # What botocore's client adds from the modelled exception's own members.
                "modeledFields": parsed_to_json(parser.parse(response, modeled)) if modeled is not None else None,
            },
        }
        fixtures.append(fixture)
    return fixtures


def strip_docs(value):
    if isinstance(value, dict):
        return {k: strip_docs(v) for k, v in value.items() if k not in ("documentation", "documentationUrl")}
    if isinstance(value, list):
        return [strip_docs(v) for v in value]
    return value


def write_json(path, value):
    text = json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


README = """# botocore conformance fixtures (generated: do not edit)

Written by `cargo xtask botocore-fixtures` (`xtask/botocore_fixtures.py`, run with the Python of
`<target-dir>/botocore-venv`, where botocore {version} is installed from PyPI: the same release as
`model/SOURCE`). The script uses botocore's own loaded Image Builder model (checked equal to
`model/service-2.json` minus documentation), botocore's own rest-json serializer
(`botocore.serialize.create_serializer('rest-json')`) and parser
(`botocore.parsers.create_parser('rest-json')`).

- `<Operation>.json`, one per operation ({operations} files):
  - `input`: a maximal input, deterministic: every member set (recursively; lists of 1-2 elements,
    maps of 2 entries), every value valid per the model (lengths, ranges, enums, and patterns,
    checked with Python's `re`), timestamps as epoch seconds, and `clientToken` fixed to
    `{client_token}`.
  - `request`: what botocore's serializer produced for it: `method`, `path` (labels
    percent-encoded), `query` (sorted decoded `[name, value]` pairs), `contentType` (or null) and
    `body` parsed as JSON (or null when empty).
  - `response`: a 200 response (`headers` as `[name, value]` pairs, `body` as raw text) with a
    maximal output (timestamps as epoch seconds), two unknown top-level fields, one unknown nested
    field, and the value `{unknown_enum}` in place of the first enum member (`unknownEnumAt`).
  - `parsed`: botocore's parse of that response as JSON in the model's member names (timestamps
    back to epoch seconds, `ResponseMetadata` dropped); `requestId`: the request id botocore took
    from `x-amzn-RequestId`.
- `errors.json`: for each of the {exceptions} modelled exceptions, four spellings of the error
  (`x-amzn-ErrorType` header; `__type` with namespace and `Message`; `code`; plain `__type`), plus a
  few unmodelled errors; `botocore` holds what botocore's parser reported: `code`, `message`
  (botocore's empty string means none), `requestId`, the modelled shape botocore maps the code to,
  and the modelled members it parses.

Checked by `crates/imagebuilder-core/tests/it/botocore_conformance.rs`. Regenerate with
`cargo xtask botocore-fixtures`; the output is byte-for-byte deterministic.
"""


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--model-dir", required=True, type=pathlib.Path)
    args.add_argument("--out-dir", required=True, type=pathlib.Path)
    args.add_argument("--botocore-version", required=True, help="the pinned release (model/SOURCE)")
    options = args.parse_args()

    version = options.botocore_version
    if botocore.__version__ != version:
        raise ModelError(f"botocore {botocore.__version__} is installed, expected {version}")
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    raw_model = loader.load_service_model(SERVICE, "service-2")
    ours = json.loads((options.model_dir / "service-2.json").read_text(encoding="utf-8"))
    if strip_docs(raw_model) != strip_docs(ours):
        raise ModelError(
            f"botocore {version}'s {SERVICE} model differs from {options.model_dir}/service-2.json: "
            "run `cargo xtask update-model`"
        )
    service_model = session.get_service_model(SERVICE)
    if service_model.metadata["protocol"] != "rest-json":
        raise ModelError(f"{SERVICE} speaks {service_model.metadata['protocol']}, not rest-json")
    serializer = create_serializer("rest-json", include_validation=True)
    parser = create_parser("rest-json")

    out = options.out_dir
    out.mkdir(parents=True, exist_ok=True)
    written = set()
    names = sorted(service_model.operation_names)
    for name in names:
        fixture = operation_fixture(service_model, serializer, parser, name)
        write_json(out / f"{name}.json", fixture)
        written.add(f"{name}.json")
    errors = error_fixtures(service_model, parser)
    write_json(out / "errors.json", {"botocoreVersion": version, "cases": errors})
    written.add("errors.json")
    exceptions = sum(1 for s in service_model.shape_names if service_model.shape_for(s).metadata.get("exception"))
    (out / "README.md").write_text(
        README.format(
            version=version,
            operations=len(names),
            exceptions=exceptions,
            client_token=CLIENT_TOKEN,
            unknown_enum=UNKNOWN_ENUM_VALUE,
        ),
        encoding="utf-8",
    )
    written.add("README.md")
    for stale in sorted(out.iterdir()):
        if stale.name not in written and stale.is_file():
            stale.unlink()
    print(f"botocore {version}: {len(names)} operations and {len(errors)} error responses in {out}")


if __name__ == "__main__":
    try:
        main()
    except ModelError as err:
        print(f"botocore_fixtures.py: error: {err}", file=sys.stderr)
        sys.exit(1)
