// Signs requests with the official AWS JS signer (@smithy/signature-v4) so that
// tests/aws/test_sigv4_differential.cpp can compare its own signer with it.
// stdin: a JSON array of requests; stdout: a JSON array of {canonicalRequest, stringToSign,
// authorization}, one per request, in order. Requests carry decoded query pairs and header
// pairs; the body is base64.
"use strict";
const { SignatureV4 } = require("@smithy/signature-v4");
const { Sha256 } = require("@aws-crypto/sha256-js");

async function signOne(r) {
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: r.accessKeyId,
      secretAccessKey: r.secretAccessKey,
      ...(r.sessionToken ? { sessionToken: r.sessionToken } : {}),
    },
    region: r.region,
    service: r.service,
    sha256: Sha256,
    applyChecksum: false, // x-amz-content-sha256 is an S3 header
  });
  const seen = {};
  signer.createCanonicalRequest = function (...args) {
    seen.canonicalRequest = SignatureV4.prototype.createCanonicalRequest.apply(this, args);
    return seen.canonicalRequest;
  };
  signer.createStringToSign = async function (...args) {
    seen.stringToSign = await SignatureV4.prototype.createStringToSign.apply(this, args);
    return seen.stringToSign;
  };
  const query = Object.create(null);
  for (const [key, value] of r.query) {
    if (!(key in query)) query[key] = value;
    else if (Array.isArray(query[key])) query[key].push(value);
    else query[key] = [query[key], value];
  }
  const headers = {};
  for (const [name, value] of r.headers) headers[name] = value;
  const signed = await signer.sign(
    {
      method: r.method,
      protocol: "https:",
      hostname: r.host,
      path: r.path,
      query,
      headers,
      body: Buffer.from(r.body, "base64"),
    },
    { signingDate: new Date(r.time) }
  );
  return {
    canonicalRequest: seen.canonicalRequest,
    stringToSign: seen.stringToSign,
    authorization: signed.headers.authorization,
  };
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const requests = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const out = [];
  for (const r of requests) out.push(await signOne(r));
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
