// Core FakeS3 flows with the AWS SDK for JavaScript v3, default settings (checksums WHEN_SUPPORTED, CRC32).
// Env: FAKES3_ENDPOINT, FAKES3_ACCESS_KEY, FAKES3_SECRET_KEY, FAKES3_REGION. Exits non-zero on the first failed check.
import { Readable } from "node:stream";
import {
  S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command,
  DeleteObjectCommand, DeleteBucketCommand, CreateMultipartUploadCommand, UploadPartCommand, CompleteMultipartUploadCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";

const endpoint = process.env.FAKES3_ENDPOINT ?? "http://127.0.0.1:4568";
const region = process.env.FAKES3_REGION ?? "us-east-1";
const credentials = { accessKeyId: process.env.FAKES3_ACCESS_KEY ?? "fakes3", secretAccessKey: process.env.FAKES3_SECRET_KEY ?? "fakes3secret" };
const s3 = new S3Client({ endpoint, region, forcePathStyle: true, credentials });
const bucket = `js-flows-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

let sentHeaders = {};
s3.middlewareStack.add((next) => async (args) => { sentHeaders = { ...args.request.headers }; return next(args); }, { step: "deserialize", name: "recordHeaders" });

function check(ok, what, detail = "") {
  if (!ok) { console.error(`FAIL ${what}${detail ? `: ${detail}` : ""}`); process.exitCode = 1; throw new Error(what); }
  console.log(`ok   ${what}`);
}
const text = async (r) => await r.text();
const bodyOf = async (key) => await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body.transformToString();

async function postForm(post, fields, fileName, content) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...post.fields, ...fields })) form.append(k, v);
  form.append("file", new Blob([content], { type: "text/plain" }), fileName);
  return fetch(post.url, { method: "POST", body: form, redirect: "manual" });
}

async function main() {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  check(true, `CreateBucket ${bucket}`);

  // PutObject, string body: checksum header (CRC32 by default)
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "string.txt", Body: "hello world" }));
  check(sentHeaders["x-amz-checksum-crc32"] === "DUoRhQ==", "PutObject (string) sent x-amz-checksum-crc32 by default", JSON.stringify(sentHeaders["x-amz-checksum-crc32"]));
  check(await bodyOf("string.txt") === "hello world", "GetObject returns the string body");

  // PutObject, stream body: aws-chunked STREAMING-UNSIGNED-PAYLOAD-TRAILER with a CRC32 trailer
  const data = Buffer.alloc(100_000, "s");
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "stream.bin", Body: Readable.from([data]), ContentLength: data.length }));
  const mode = sentHeaders["x-amz-content-sha256"] ?? "";
  check(mode.startsWith("STREAMING-"), "PutObject (stream) was sent aws-chunked", mode);
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "stream.bin", ChecksumMode: "ENABLED" }));
  check(head.ContentLength === data.length, "stream upload stored decoded", String(head.ContentLength));
  check(!head.ContentEncoding, "no aws-chunked Content-Encoding stored", String(head.ContentEncoding));
  check(!!head.ChecksumCRC32, "HeadObject with ChecksumMode ENABLED returns the CRC32");

  // Presigned PUT and GET (fetch, like a browser)
  const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: "presigned.txt" }), { expiresIn: 300 });
  const put = await fetch(putUrl, { method: "PUT", body: "My test put/get/post" });
  check(put.status === 200, "presigned PUT answers 200", `${put.status} ${await text(put)}`);
  const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: "presigned.txt" }), { expiresIn: 300 });
  const get = await fetch(getUrl);
  check(get.status === 200 && await text(get) === "My test put/get/post", "presigned GET returns the body");
  const tampered = await fetch(getUrl.replace(/X-Amz-Signature=[0-9a-f]{4}/, "X-Amz-Signature=0000"));
  const tamperedBody = await text(tampered);
  check(tampered.status === 403 && tamperedBody.includes("<Code>SignatureDoesNotMatch</Code>"), "tampered presigned GET is rejected with SignatureDoesNotMatch", `${tampered.status}`);
  const shortUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: "presigned.txt" }), { expiresIn: 1 });
  await new Promise((r) => setTimeout(r, 2100));
  const expired = await fetch(shortUrl);
  const expiredBody = await text(expired);
  check(expired.status === 403 && expiredBody.includes("<Message>Request has expired</Message>"), "expired presigned GET is rejected", `${expired.status} ${expiredBody}`);

  // POST policy (browser form)
  const post = await createPresignedPost(s3, {
    Bucket: bucket, Key: "mytest/${filename}", Expires: 300,
    Conditions: [["starts-with", "$key", "mytest/"], ["content-length-range", 1, 1000]],
  });
  const ok = await postForm(post, {}, "post_test1.txt", "My test put/get/post");
  check(ok.status === 204, "POST with the policy answers 204", `${ok.status} ${await text(ok)}`);
  check(await bodyOf("mytest/post_test1.txt") === "My test put/get/post", "POST stored mytest/${filename} as mytest/post_test1.txt");
  const outside = await postForm(post, { key: "test/post_test4.txt" }, "x.txt", "My test put/get/post");
  const outsideBody = await text(outside);
  check(outside.status === 403 && outsideBody.includes('Policy Condition failed: ["starts-with", "$key", "mytest/"]'), "POST outside the key prefix is rejected", `${outside.status} ${outsideBody}`);
  const big = await postForm(post, {}, "big.txt", "x".repeat(2000));
  const bigBody = await text(big);
  check(big.status === 400 && bigBody.includes("<Code>EntityTooLarge</Code>"), "POST above content-length-range is rejected with EntityTooLarge", `${big.status} ${bigBody}`);
  const shortPost = await createPresignedPost(s3, { Bucket: bucket, Key: "mytest/late.txt", Expires: 1 });
  await new Promise((r) => setTimeout(r, 2100));
  const late = await postForm(shortPost, {}, "late.txt", "late");
  const lateBody = await text(late);
  check(late.status === 403 && lateBody.includes("Invalid according to Policy: Policy expired."), "POST after the policy expired is rejected", `${late.status} ${lateBody}`);

  // Multipart upload
  const mp = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "multipart.bin" }));
  const p1 = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: "multipart.bin", UploadId: mp.UploadId, PartNumber: 1, Body: Buffer.alloc(5 * 1024 * 1024, "a") }));
  const p2 = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: "multipart.bin", UploadId: mp.UploadId, PartNumber: 2, Body: Buffer.from("tail") }));
  const done = await s3.send(new CompleteMultipartUploadCommand({
    Bucket: bucket, Key: "multipart.bin", UploadId: mp.UploadId,
    MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag, ChecksumCRC32: p1.ChecksumCRC32 }, { PartNumber: 2, ETag: p2.ETag, ChecksumCRC32: p2.ChecksumCRC32 }] },
  }));
  check(/-2"$/.test(done.ETag ?? ""), "multipart upload completes with a -2 ETag", done.ETag);
  const mpHead = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "multipart.bin" }));
  check(mpHead.ContentLength === 5 * 1024 * 1024 + 4, "multipart object has the summed size", String(mpHead.ContentLength));
}

async function cleanup() {
  try {
    const list = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    for (const o of list.Contents ?? []) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key }));
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  } catch (e) { console.error(`cleanup: ${e}`); }
}

try { await main(); console.log("js flows: all checks passed"); }
catch (e) { if (!process.exitCode) { console.error(`FAIL ${e?.stack ?? e}`); process.exitCode = 1; } }
finally { await cleanup(); }
