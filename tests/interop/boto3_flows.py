"""boto3, unmodified, against the imagebuilder-server emulator.

Run by `cargo xtask test` (xtask/src/interop.rs) with IB_ENDPOINT set to the emulator's endpoint
URL of a server started with --speed 200. Each check is a named function; the script stops at
the first failure with its name and a non-zero exit.
"""

import os
import sys
import time
import uuid

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError, WaiterError

ENDPOINT = os.environ["IB_ENDPOINT"]
ACCOUNT = "123456789012"
REGION = "us-east-1"
KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def client(**overrides):
    args = dict(
        endpoint_url=ENDPOINT,
        region_name=REGION,
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        config=Config(retries={"max_attempts": 1}),
    )
    args.update(overrides)
    return boto3.client("imagebuilder", **args)


ib = client()


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError("the call succeeded")


def test_list_images_with_each_owner():
    counts = {}
    for owner in ["Self", "Shared", "Amazon", "ThirdParty", "AWSMarketplace"]:
        items = [i for p in ib.get_paginator("list_images").paginate(owner=owner) for i in p["imageVersionList"]]
        counts[owner] = len(items)
        for i in items:
            owner_segment = i["arn"].split(":")[4]
            expected = {"Self": ACCOUNT, "Amazon": "aws", "AWSMarketplace": "aws-marketplace", "ThirdParty": "third-party"}
            if owner in expected:
                assert owner_segment == expected[owner], (owner, i["arn"])
            else:
                assert owner_segment not in (ACCOUNT, "aws"), i["arn"]
    assert counts["Self"] >= 60 and counts["Amazon"] >= 3 and counts["Shared"] == 2, counts


def test_filters_and_include_deprecated():
    linux = ib.list_images(owner="Amazon", filters=[{"name": "platform", "values": ["Windows"]}], maxResults=100)
    assert linux["imageVersionList"] and all(i["platform"] == "Windows" for i in linux["imageVersionList"])
    v = ib.list_images(owner="Self", filters=[{"name": "name", "values": ["web-server"]}, {"name": "version", "values": ["1.x.x"]}], maxResults=100)
    versions = sorted(i["version"] for i in v["imageVersionList"])
    assert versions == ["1.0.0", "1.2.0", "1.3.0"], versions  # 1.1.0's latest build is deprecated
    with_dep = ib.list_images(owner="Self", filters=[{"name": "name", "values": ["web-server"]}], includeDeprecated=True, maxResults=100)
    assert "1.1.0" in [i["version"] for i in with_dep["imageVersionList"]]
    code = error_code(lambda: ib.list_images(filters=[{"name": "colour", "values": ["red"]}]))
    assert code == ("InvalidRequestException", 400), code


def test_by_name_lists_each_name_once():
    names = [i["name"] for p in ib.get_paginator("list_images").paginate(owner="Self", byName=True) for i in p["imageVersionList"]]
    assert len(names) == len(set(names)) and "web-server" in names, names
    web = [i for p in ib.get_paginator("list_images").paginate(owner="Self", byName=True) for i in p["imageVersionList"] if i["name"] == "web-server"]
    assert web[0]["version"] == "1.3.0" and web[0]["arn"].endswith("/web-server/x.x.x"), web


def test_paginator_pages_of_five_equal_one_big_page():
    small = [i["arn"] for p in ib.get_paginator("list_images").paginate(owner="Self", PaginationConfig={"PageSize": 5}) for i in p["imageVersionList"]]
    big = ib.list_images(owner="Self", maxResults=100)
    assert "nextToken" not in big, "one page of 100 holds the demo account"
    assert len(small) == len(set(small)), "duplicates across pages"
    assert sorted(small) == sorted(i["arn"] for i in big["imageVersionList"])
    assert len(small) >= 60


def test_build_versions_and_get_image():
    arn = f"arn:aws:imagebuilder:{REGION}:{ACCOUNT}:image/web-server/1.0.0"
    builds = ib.list_image_build_versions(imageVersionArn=arn)["imageSummaryList"]
    states = [b["state"]["status"] for b in builds]
    assert states == ["AVAILABLE", "FAILED", "AVAILABLE"], states
    image = ib.get_image(imageBuildVersionArn=arn + "/1")["image"]
    assert image["version"] == "1.0.0/1" and image["outputResources"]["amis"][0]["image"].startswith("ami-")


def recipe_and_infra():
    recipes = ib.list_image_recipes()["imageRecipeSummaryList"]
    infra = ib.list_infrastructure_configurations()["infrastructureConfigurationSummaryList"]
    dist = ib.list_distribution_configurations()["distributionConfigurationSummaryList"]
    recipe = next(r["arn"] for r in recipes if r["name"] == "base-linux")
    multi = next(d["arn"] for d in dist if d["name"] == "multi-region")
    return recipe, infra[0]["arn"], multi


def test_create_image_reaches_available_and_the_waiter_agrees():
    recipe, infra, dist = recipe_and_infra()
    token = str(uuid.uuid4())
    created = ib.create_image(imageRecipeArn=recipe, infrastructureConfigurationArn=infra, distributionConfigurationArn=dist,
                              clientToken=token, tags={"flow": "boto3"})
    arn = created["imageBuildVersionArn"]
    again = ib.create_image(imageRecipeArn=recipe, infrastructureConfigurationArn=infra, distributionConfigurationArn=dist,
                            clientToken=token, tags={"flow": "boto3"})
    assert again["imageBuildVersionArn"] == arn, "same clientToken, same ARN"
    code = error_code(lambda: ib.create_image(imageRecipeArn=recipe, infrastructureConfigurationArn=infra, clientToken=token))
    assert code == ("IdempotentParameterMismatchException", 400), code
    first = ib.get_image(imageBuildVersionArn=arn)["image"]["state"]["status"]
    assert first in ("PENDING", "BUILDING"), first
    ib.get_waiter("image_available").wait(imageBuildVersionArn=arn, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    image = ib.get_image(imageBuildVersionArn=arn)["image"]
    assert image["state"]["status"] == "AVAILABLE"
    regions = sorted(a["region"] for a in image["outputResources"]["amis"])
    assert regions == ["eu-west-1", "us-east-1", "us-west-2"], regions
    build_numbers = ib.list_image_build_versions(imageVersionArn=arn.rsplit("/", 1)[0])["imageSummaryList"]
    assert [b["version"] for b in build_numbers][-1] == arn.rsplit("/", 2)[1] + "/" + arn.rsplit("/", 1)[1]


def test_cancel_another_build_and_the_waiter_fails():
    recipe, infra, _ = recipe_and_infra()
    arn = ib.create_image(imageRecipeArn=recipe, infrastructureConfigurationArn=infra, clientToken=str(uuid.uuid4()))["imageBuildVersionArn"]
    ib.cancel_image_creation(imageBuildVersionArn=arn, clientToken=str(uuid.uuid4()))
    assert ib.get_image(imageBuildVersionArn=arn)["image"]["state"]["status"] == "CANCELLED"
    try:
        ib.get_waiter("image_available").wait(imageBuildVersionArn=arn, WaiterConfig={"Delay": 1, "MaxAttempts": 3})
    except WaiterError as e:
        assert "CANCELLED" in str(e) or "failure" in str(e).lower(), str(e)
    else:
        raise AssertionError("the waiter succeeded on a cancelled build")
    code = error_code(lambda: ib.cancel_image_creation(imageBuildVersionArn=arn, clientToken=str(uuid.uuid4())))
    assert code == ("ResourceInUseException", 400), code


def test_tags():
    recipe, _, _ = recipe_and_infra()
    ib.tag_resource(resourceArn=recipe, tags={"owner": "interop", "stage": "test"})
    assert ib.list_tags_for_resource(resourceArn=recipe)["tags"]["owner"] == "interop"
    ib.untag_resource(resourceArn=recipe, tagKeys=["owner", "stage"])
    tags = ib.list_tags_for_resource(resourceArn=recipe)["tags"]
    assert "owner" not in tags and "stage" not in tags, tags


def test_error_cases_have_aws_codes():
    missing = f"arn:aws:imagebuilder:{REGION}:{ACCOUNT}:image/nope/1.0.0/1"
    assert error_code(lambda: ib.get_image(imageBuildVersionArn=missing)) == ("ResourceNotFoundException", 404)
    token = ib.list_images(owner="Self", maxResults=5)["nextToken"]
    tampered = token[:-1] + ("0" if token[-1] != "0" else "1")
    code = error_code(lambda: ib.list_images(owner="Self", maxResults=5, nextToken=tampered))
    assert code == ("InvalidPaginationTokenException", 400), code
    code = error_code(lambda: ib.list_images(owner="Amazon", maxResults=5, nextToken=token))
    assert code == ("InvalidPaginationTokenException", 400), "a token is bound to its request"
    code = error_code(lambda: ib.list_images(maxResults=500))
    assert code == ("ValidationException", 400), code
    bad = client(aws_secret_access_key="not-the-secret")
    assert error_code(lambda: bad.list_images()) == ("InvalidSignatureException", 403)
    code = error_code(lambda: ib.create_component(name="c", semanticVersion="1.0.0", platform="Linux", clientToken="t", data="x"))
    assert code == ("InvalidRequestException", 400), code


def main():
    tests = [(n, f) for n, f in globals().items() if n.startswith("test_") and callable(f)]
    for name, f in tests:
        started = time.monotonic()
        try:
            f()
        except Exception as e:  # noqa: BLE001 - report any failure with the test's name
            print(f"boto3 {botocore.__version__}: FAIL {name}: {type(e).__name__}: {e}")
            sys.exit(1)
        print(f"boto3: ok {name} ({time.monotonic() - started:.2f}s)")
    print(f"boto3 {boto3.__version__}: {len(tests)} flows passed")


if __name__ == "__main__":
    main()
