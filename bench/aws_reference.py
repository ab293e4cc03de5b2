"""The reference for bench_aws: the same Secrets Manager work done with boto3, the AWS SDK most
scripts use. Times only the work inside this process (not interpreter start, imports or client
creation) and prints one JSON object on stdout:
{"list_ms": [...], "first_rows_ms": [...], "rows": N, "pages": P, "read_ms": [...], "reads": R},
where first_rows_ms is when the first --first-rows secrets had arrived (Strongroom's first page
holds that many rows; boto3's pages hold 100). The names to read come on stdin, one a line.

Usage: python aws_reference.py --endpoint URL --folder bench/ [--runs 3] [--first-rows 1000] < names
"""

import argparse
import json
import sys
import time

import boto3


def list_folder(client, folder, first_rows):
    paginator = client.get_paginator("list_secrets")
    rows = 0
    pages = 0
    first = None
    start = time.perf_counter()
    for page in paginator.paginate(Filters=[{"Key": "name", "Values": [folder]}]):
        rows += len(page["SecretList"])
        pages += 1
        if first is None and rows >= first_rows:
            first = (time.perf_counter() - start) * 1000
    took = (time.perf_counter() - start) * 1000
    return took, took if first is None else first, rows, pages


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
    parser.add_argument("--first-rows", type=int, default=1000)
    args = parser.parse_args()
    names = [line.strip() for line in sys.stdin if line.strip()]
    client = boto3.client(
        "secretsmanager",
        endpoint_url=args.endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    out = {"list_ms": [], "first_rows_ms": [], "read_ms": [], "reads": len(names)}
    for _ in range(args.runs):
        took, first, out["rows"], out["pages"] = list_folder(client, args.folder, args.first_rows)
        out["list_ms"].append(took)
        out["first_rows_ms"].append(first)
    for _ in range(args.runs):
        out["read_ms"].append(read_all(client, names))
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
