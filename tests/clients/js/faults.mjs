// Fault injection seen by the AWS SDK for JavaScript v3 with its default retry settings. Rules are added through
// FakeS3's admin API (/_fakes3/faults). Env as flows.mjs. Exits non-zero on the first failed check.
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";

const endpoint = process.env.FAKES3_ENDPOINT ?? "http://127.0.0.1:4568";
const region = process.env.FAKES3_REGION ?? "us-east-1";
const credentials = { accessKeyId: process.env.FAKES3_ACCESS_KEY ?? "fakes3", secretAccessKey: process.env.FAKES3_SECRET_KEY ?? "fakes3secret" };
const s3 = new S3Client({ endpoint, region, forcePathStyle: true, credentials });
const bucket = `js-faults-${Date.now().toString(36)}`;

function check(ok, what, detail = "") {
  if (!ok) { console.error(`FAIL ${what}${detail ? `: ${detail}` : ""}`); process.exitCode = 1; throw new Error(what); }
  console.log(`ok   ${what}`);
}

async function admin(method, path, body) {
  const r = await fetch(`${endpoint}/_fakes3/faults${path}`, {
    method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined,
  });
  return r.status === 204 ? null : await r.json();
}

async function main() {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));

  const put = await admin("POST", "", { operation: "PutObject", bucket, error: "SlowDown", times: 2 });
  const stored = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "after two SlowDowns" }));
  check(stored.$metadata.attempts === 3, "PutObject retried two SlowDowns", JSON.stringify(stored.$metadata));
  check((await admin("GET", `/${put.id}`)).hits === 2, "GET /_fakes3/faults/{id} counts 2 hits");

  const get = await admin("POST", "", { operation: "GetObject", bucket, error: "InternalError" });
  try {
    await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    check(false, "GetObject failing on every attempt surfaces an error");
  } catch (e) {
    check(e.name === "InternalError" && e.$metadata?.httpStatusCode === 500, "GetObject gives up with InternalError", `${e.name} ${e.$metadata?.httpStatusCode}`);
    const hits = (await admin("GET", `/${get.id}`)).hits;
    check(hits === e.$metadata.attempts && hits > 1, "every attempt met the fault", `${hits} hits, ${e.$metadata.attempts} attempts`);
  }
  await admin("DELETE", `/${get.id}`);

  const data = Buffer.alloc(200_000, "r");
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "big", Body: data }));
  await admin("POST", "", { operation: "GetObject", bucket, resetAfterBytes: 1000, times: 1 });
  let bytes = null;
  try {
    bytes = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "big" }))).Body.transformToByteArray();
  } catch (e) {
    console.log(`     read failed as it should: ${e.name}`);
  }
  check(bytes === null || bytes.length === data.length, "a GET cut after 1000 bytes is an error (or retried), never a short success", String(bytes?.length));

  await admin("DELETE", "");
  check((await admin("GET", "")).length === 0, "DELETE /_fakes3/faults clears every rule");
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" }));
  check(head.ContentLength === "after two SlowDowns".length, "the object was stored once, whole");
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
