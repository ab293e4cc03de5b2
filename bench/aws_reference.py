"""The reference for bench_aws: the same Secrets Manager work done with boto3, the AWS SDK most
scripts use. Times only the work inside this process (not interpreter start, imports or client
creation) and prints one JSON object on stdout:
{"list_ms": [...], "first_page_ms": [...], "rows": N, "pages": P, "read_ms": [...], "reads": R}.
The names to read come on stdin, one a line.

Usage: python aws_reference.py --endpoint URL --folder bench/ [--runs 3] < names
"""

import argparse
import json
import sys
import time

import boto3


def list_folder(client, folder):
    paginator = client.get_paginator("list_secrets")
    rows = 0
    pages = 0
    first = None
    start = time.perf_counter()
    for page in paginator.paginate(Filters=[{"Key": "name", "Values": [folder]}]):
        rows += len(page["SecretList"])
        pages += 1
        if first is None:
            first = (time.perf_counter() - start) * 1000
    return (time.perf_counter() - start) * 1000, first, rows, pages


def read_all(client, names):
    start = time.perf_counter()
    for name in names:
        client.get_secret_value(SecretId=name, VersionStage="AWSCURRENT")
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    names = [line.strip() for line in sys.stdin if line.strip()]
    client = boto3.client(
        "secretsmanager",
        endpoint_url=args.endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    out = {"list_ms": [], "first_page_ms": [], "read_ms": [], "reads": len(names)}
    for _ in range(args.runs):
        took, first, out["rows"], out["pages"] = list_folder(client, args.folder)
        out["list_ms"].append(took)
        out["first_page_ms"].append(first)
    for _ in range(args.runs):
        out["read_ms"].append(read_all(client, names))
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
